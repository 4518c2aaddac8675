//! Parsing the date strings pages give for their publication: ISO 8601,
//! RFC 2822, `April 9, 2024`, `9 avril 2024`, `09.04.2024`, `2024/04/09`,
//! dates in URLs, with month names in the main European languages.
//!
//! Pure functions; anything that is not a real calendar date gives `None`.

/// A calendar date at day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Years accepted as publication years.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Ymd {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        (YEARS.contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Ymd { year, month, day })
    }
}

/// Month names and abbreviations (lowercase) in en, fr, es, de, it, pt, nl, pl, ru, tr, da/no/sv.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("jan", 1), ("janvier", 1), ("janv", 1), ("enero", 1), ("ene", 1), ("januar", 1), ("jänner", 1), ("gennaio", 1), ("gen", 1), ("janeiro", 1), ("januari", 1), ("stycznia", 1), ("styczeń", 1), ("января", 1), ("январь", 1), ("ocak", 1),
    ("february", 2), ("feb", 2), ("février", 2), ("fevrier", 2), ("févr", 2), ("febrero", 2), ("februar", 2), ("febbraio", 2), ("fevereiro", 2), ("fev", 2), ("februari", 2), ("lutego", 2), ("luty", 2), ("февраля", 2), ("февраль", 2), ("şubat", 2),
    ("march", 3), ("mar", 3), ("mars", 3), ("marzo", 3), ("märz", 3), ("marz", 3), ("março", 3), ("maart", 3), ("marca", 3), ("marzec", 3), ("марта", 3), ("март", 3), ("mart", 3),
    ("april", 4), ("apr", 4), ("avril", 4), ("avr", 4), ("abril", 4), ("abr", 4), ("aprile", 4), ("kwietnia", 4), ("kwiecień", 4), ("апреля", 4), ("апрель", 4), ("nisan", 4),
    ("may", 5), ("mai", 5), ("mayo", 5), ("maggio", 5), ("mag", 5), ("maio", 5), ("mei", 5), ("maja", 5), ("maj", 5), ("мая", 5), ("май", 5), ("mayıs", 5),
    ("june", 6), ("jun", 6), ("juin", 6), ("junio", 6), ("juni", 6), ("giugno", 6), ("giu", 6), ("junho", 6), ("czerwca", 6), ("czerwiec", 6), ("июня", 6), ("июнь", 6), ("haziran", 6),
    ("july", 7), ("jul", 7), ("juillet", 7), ("juil", 7), ("julio", 7), ("juli", 7), ("luglio", 7), ("lug", 7), ("julho", 7), ("lipca", 7), ("lipiec", 7), ("июля", 7), ("июль", 7), ("temmuz", 7),
    ("august", 8), ("aug", 8), ("août", 8), ("aout", 8), ("agosto", 8), ("ago", 8), ("augustus", 8), ("sierpnia", 8), ("sierpień", 8), ("августа", 8), ("август", 8), ("ağustos", 8),
    ("september", 9), ("sep", 9), ("sept", 9), ("septembre", 9), ("septiembre", 9), ("setiembre", 9), ("settembre", 9), ("set", 9), ("setembro", 9), ("września", 9), ("wrzesień", 9), ("сентября", 9), ("сентябрь", 9), ("eylül", 9),
    ("october", 10), ("oct", 10), ("octobre", 10), ("octubre", 10), ("oktober", 10), ("okt", 10), ("ottobre", 10), ("ott", 10), ("outubro", 10), ("out", 10), ("października", 10), ("październik", 10), ("октября", 10), ("октябрь", 10), ("ekim", 10),
    ("november", 11), ("nov", 11), ("novembre", 11), ("noviembre", 11), ("novembro", 11), ("listopada", 11), ("listopad", 11), ("ноября", 11), ("ноябрь", 11), ("kasım", 11),
    ("december", 12), ("dec", 12), ("décembre", 12), ("decembre", 12), ("déc", 12), ("diciembre", 12), ("dic", 12), ("dezember", 12), ("dez", 12), ("dicembre", 12), ("dezembro", 12), ("grudnia", 12), ("grudzień", 12), ("декабря", 12), ("декабрь", 12), ("aralık", 12),
];

pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, m)| *m)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
}

fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut is_num = false;
    let flush = |cur: &mut String, is_num: bool, out: &mut Vec<Tok>| {
        if cur.is_empty() {
            return;
        }
        if is_num {
            if let Ok(n) = cur.parse::<u32>() {
                out.push(Tok::Num(n, cur.len()));
            }
        } else {
            out.push(Tok::Word(cur.to_lowercase()));
        }
        cur.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !is_num {
                flush(&mut cur, is_num, &mut out);
            }
            is_num = true;
            if cur.len() < 9 {
                cur.push(c);
            }
        } else if c.is_alphabetic() {
            if is_num {
                flush(&mut cur, is_num, &mut out);
                // Ordinal suffixes: 9th, 1st, 2nd, 23rd, 1er.
            }
            is_num = false;
            cur.push(c);
        } else {
            flush(&mut cur, is_num, &mut out);
        }
        if out.len() > 64 {
            break;
        }
    }
    flush(&mut cur, is_num, &mut out);
    out
}

/// Parses a date string as found in metadata. Day-first is assumed for
/// ambiguous numeric dates unless `month_first` is set (US pages).
pub fn parse_date(s: &str, month_first: bool) -> Option<Ymd> {
    let s = s.trim();
    if s.len() > 200 {
        return None;
    }
    // ISO 8601 fast path: 2024-04-09, 2024-04-09T..., 20240409.
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        return Ymd::new(y, m, d);
    }
    let toks = tokens(s);
    // A single 8-digit number: 20240409.
    if let [Tok::Num(n, 8)] = toks.as_slice() {
        return Ymd::new((n / 10000) as i32, n / 100 % 100, n % 100);
    }
    // Find a month word, then the day and year around it.
    for (i, t) in toks.iter().enumerate() {
        let Tok::Word(w) = t else { continue };
        let Some(m) = month_number(w) else { continue };
        let num = |j: usize| match toks.get(j) {
            Some(Tok::Num(n, l)) => Some((*n, *l)),
            _ => None,
        };
        // "April 9, 2024" / "April 9th 2024"
        if let (Some((d, dl)), Some((y, 4))) = (num(i + 1), year_after(&toks, i + 2)) {
            if dl <= 2 {
                if let Some(date) = Ymd::new(y as i32, m, d) {
                    return Some(date);
                }
            }
        }
        // "9 April 2024" / "9. April 2024" / "9 de abril de 2024"
        if i >= 1 {
            let day = num(i - 1).or_else(|| if i >= 2 { num(i - 2) } else { None });
            if let (Some((d, dl)), Some((y, 4))) = (day, year_after(&toks, i + 1)) {
                if dl <= 2 {
                    if let Some(date) = Ymd::new(y as i32, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    // Numeric: y/m/d, d/m/y or m/d/y.
    let nums: Vec<(u32, usize)> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Num(n, l) => Some((*n, *l)),
            _ => None,
        })
        .collect();
    for w in nums.windows(3) {
        let [(a, al), (b, _), (c, cl)] = [w[0], w[1], w[2]];
        if al == 4 {
            if let Some(d) = Ymd::new(a as i32, b, c) {
                return Some(d);
            }
        } else if cl == 4 {
            let (d, m) = if month_first || b > 12 { (b, a) } else { (a, b) };
            if let Some(date) = Ymd::new(c as i32, m, d) {
                return Some(date);
            }
        }
    }
    None
}

fn year_after(toks: &[Tok], mut j: usize) -> Option<(u32, usize)> {
    // Skip one connecting word ("de", "of") and an ordinal suffix ("th").
    for _ in 0..2 {
        match toks.get(j) {
            Some(Tok::Num(n, l)) => return Some((*n, *l)),
            Some(Tok::Word(w)) if w.len() <= 3 => j += 1,
            _ => return None,
        }
    }
    None
}

/// A date in a URL path: `/2024/04/09/`, `/2024-04-09/`, `/20240409/`.
pub fn date_in_url(url: &str) -> Option<Ymd> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            let digits = &path[i..i + run];
            if run == 8 {
                if let Ok(n) = digits.parse::<u32>() {
                    if let Some(d) = Ymd::new((n / 10000) as i32, n / 100 % 100, n % 100) {
                        return Some(d);
                    }
                }
            }
            if run == 4 {
                let rest = &path[i + 4..];
                let mut parts = rest.split(['/', '-', '_', '.']).skip(1);
                let y = digits.parse::<i32>().ok();
                let m = parts.next().and_then(|p| (p.len() <= 2).then(|| p.parse::<u32>().ok()).flatten());
                let d = parts.next().and_then(|p| (p.len() <= 2).then(|| p.parse::<u32>().ok()).flatten());
                if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                    if let Some(date) = Ymd::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, want: Option<&str>) {
        let got = parse_date(input, false).map(|d| d.to_string());
        assert_eq!(got.as_deref(), want, "input {input:?}");
    }

    #[test]
    fn parses_date_forms() {
        check("2024-04-09T15:30:00+02:00", Some("2024-04-09"));
        check("Apr 09, 2024", Some("2024-04-09"));
        check("April 9th, 2024 at 10:00", Some("2024-04-09"));
        check("9 avril 2024", Some("2024-04-09"));
        check("9. April 2024", Some("2024-04-09"));
        check("9 de abril de 2024", Some("2024-04-09"));
        check("13 января 2020", Some("2020-01-13"));
        check("09.04.2024", Some("2024-04-09"));
        check("2024/04/09", Some("2024-04-09"));
        check("Tue, 09 Apr 2024 10:00:00 GMT", Some("2024-04-09"));
        check("20240409", Some("2024-04-09"));
        check("February 30, 2024", None);
        check("2024-13-01", None);
        check("hello", None);
        check("", None);
    }

    #[test]
    fn finds_dates_in_urls() {
        let cases = [
            ("https://rzn.mk.ru/social/2020/01/13/v-ryazani.html", Some("2020-01-13")),
            ("https://news.example.tw/article/20200121/34046328.html", Some("2020-01-21")),
            ("https://example.com/2019-08-06-title", Some("2019-08-06")),
            ("https://example.com/story/12345678901", None),
            ("https://example.com/about", None),
        ];
        for (url, want) in cases {
            assert_eq!(date_in_url(url).map(|d| d.to_string()).as_deref(), want, "{url}");
        }
    }
}
