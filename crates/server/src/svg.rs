//! Charts drawn by Herald as inline SVG (no script, no library): a
//! storyline's timeline and an entity's events per year. Text in them is
//! escaped by maud like everywhere else.

use maud::{Markup, html};

/// A date as a fractional year: `2024-04-09` is about 2024.27.
pub fn year_fraction(date: &str) -> Option<f64> {
    let mut parts = date.split('-');
    let year: f64 = parts.next()?.parse().ok()?;
    let month: f64 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1.0);
    let day: f64 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(1.0);
    Some(year + (month - 1.0) / 12.0 + (day - 1.0) / 365.0)
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A point of a timeline.
#[derive(Debug, Clone)]
pub struct Point<'a> {
    pub date: Option<&'a str>,
    pub label: &'a str,
    pub href: String,
}

/// Events along a time axis, placed by date, labels alternating above and
/// below; undated events are listed after the axis.
pub fn timeline(points: &[Point<'_>]) -> Markup {
    let dated: Vec<(f64, &Point)> = points
        .iter()
        .filter_map(|p| p.date.and_then(year_fraction).map(|y| (y, p)))
        .collect();
    let width = 960.0;
    let height = 220.0;
    let margin = 60.0;
    let axis_y = height / 2.0;
    let (lo, hi) = dated.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (y, _)| {
        (lo.min(*y), hi.max(*y))
    });
    let span = if dated.is_empty() {
        1.0
    } else {
        (hi - lo).max(0.1)
    };
    let x_of = |y: f64| {
        if dated.len() <= 1 {
            width / 2.0
        } else {
            margin + (y - lo) / span * (width - 2.0 * margin)
        }
    };
    let first_year = lo.floor() as i64;
    let last_year = hi.ceil() as i64;
    let step = ((last_year - first_year) / 10).max(1);
    html! {
        svg.timeline viewBox=(format!("0 0 {width} {height}")) role="img"
            aria-label="Timeline of the storyline's events" {
            line x1=(margin / 2.0) y1=(axis_y) x2=(width - margin / 2.0) y2=(axis_y) class="axis" {}
            @if dated.len() > 1 {
                @for year in (first_year..=last_year).step_by(step as usize) {
                    @let x = x_of(year as f64);
                    @if x >= margin / 2.0 && x <= width - margin / 2.0 {
                        line x1=(x) y1=(axis_y - 4.0) x2=(x) y2=(axis_y + 4.0) class="tick" {}
                        text x=(x) y=(axis_y + 18.0) class="year" text-anchor="middle" { (year) }
                    }
                }
            }
            @for (i, (y, p)) in dated.iter().enumerate() {
                @let x = x_of(*y);
                @let above = i % 2 == 0;
                @let label_y = if above { axis_y - 40.0 - (i % 4) as f64 * 6.0 } else { axis_y + 48.0 + (i % 4) as f64 * 6.0 };
                // Labels near an edge run inwards, so none is cut off.
                @let anchor = if x < width * 0.3 { "start" } else if x > width * 0.7 { "end" } else { "middle" };
                @let label_x = match anchor { "start" => x - 8.0, "end" => x + 8.0, _ => x };
                a href=(p.href) {
                    line x1=(x) y1=(axis_y) x2=(x) y2=(if above { label_y + 6.0 } else { label_y - 14.0 }) class="stem" {}
                    circle cx=(x) cy=(axis_y) r="6" class="dot" {
                        title { (p.date.unwrap_or("")) " " (p.label) }
                    }
                    text x=(label_x) y=(label_y) text-anchor=(anchor) class="label" {
                        (p.date.unwrap_or("")) ": " (shorten(p.label, 36))
                    }
                }
            }
        }
    }
}

/// Bars of a count per year.
pub fn bars(counts: &[(i64, usize)]) -> Markup {
    let width = 640.0;
    let height = 160.0;
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f64;
    let n = counts.len().max(1) as f64;
    let slot = (width - 40.0) / n;
    let bar = (slot * 0.7).clamp(2.0, 40.0);
    html! {
        svg.bars viewBox=(format!("0 0 {width} {height}")) role="img"
            aria-label="Events per year" {
            line x1="20" y1=(height - 24.0) x2=(width - 20.0) y2=(height - 24.0) class="axis" {}
            @for (i, (year, count)) in counts.iter().enumerate() {
                @let h = (*count as f64) / max * (height - 50.0);
                @let x = 20.0 + i as f64 * slot + (slot - bar) / 2.0;
                rect x=(x) y=(height - 24.0 - h) width=(bar) height=(h) class="bar" {
                    title { (year) ": " (count) }
                }
                @if counts.len() <= 16 || i % ((counts.len() / 12).max(1)) == 0 {
                    text x=(x + bar / 2.0) y=(height - 8.0) text-anchor="middle" class="year" { (year) }
                }
                @if *count > 0 {
                    text x=(x + bar / 2.0) y=(height - 28.0 - h) text-anchor="middle" class="count" { (count) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_fractions_of_years() {
        assert_eq!(year_fraction("2024"), Some(2024.0));
        assert!(year_fraction("2024-07-01").is_some_and(|y| (y - 2024.5).abs() < 0.01));
        assert_eq!(year_fraction("soon"), None);
    }

    #[test]
    fn labels_are_escaped_and_undated_points_left_off_the_axis() {
        let points = [
            Point {
                date: Some("2014-04-15"),
                label: "<script>alert(1)</script>",
                href: "/events/a".to_string(),
            },
            Point {
                date: Some("2024-04-09"),
                label: "Visit",
                href: "/events/b".to_string(),
            },
            Point {
                date: None,
                label: "Undated",
                href: "/events/c".to_string(),
            },
        ];
        let svg = timeline(&points).into_string();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains(">2014<") && svg.contains(">2024<"));
    }
}
