//! Dates written the Chinese and Japanese way, which the word grammar of
//! the other languages cannot read: no spaces, the unit after the number
//! (2024年4月9日), numbers in Arabic, full-width or Chinese digits.
//! Written by hand: the forms are few and fixed, and no crate reads them.
//!
//! - **Calendar dates**: `Y年M月D日` (or `号`), `Y年M月`, `M月D日`, and
//!   `Y年` for a year of four digits. Digits may be ASCII, full-width
//!   (２０２４) or Chinese (二〇二四年四月九日, 十, 二十九). A date with
//!   its year carries its own value; without one it takes the anchor's
//!   year, or the year before or after when that puts it nearer the anchor
//!   (the closest of the three, as for "April 9" in English).
//! - **Days around the anchor**: 今天/今日 (today), 昨天/昨日, 前天/一昨日,
//!   明天/明日, 后天/後天/明後日.
//! - **Weekdays**: 星期一…星期日/星期天, 周一…周日, 礼拜一…, and the
//!   Japanese 月曜日…日曜日 (or 月曜): the latest such day on or before
//!   the anchor (news reports what happened).
//!
//! The scan is one pass over the characters, each starting at most a
//! fixed number of steps: linear in the text.

use super::calendar::{civil_from_days, days_from_civil, valid_ymd, weekday};
use super::{Anchor, TimeKind, TimeMention};

/// One expression found, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    /// Char offsets.
    pub start: usize,
    pub end: usize,
    what: What,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum What {
    Date {
        year: Option<i64>,
        month: Option<u32>,
        day: Option<u32>,
    },
    /// Days after the anchor (negative: before).
    Relative(i64),
    /// 0 = Monday.
    Weekday(i64),
}

/// The value of a digit: ASCII, full-width or Chinese (〇 and 零 are 0).
pub(super) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

fn chinese_digit(c: char) -> bool {
    !c.is_ascii_digit() && !('０'..='９').contains(&c) && digit(c).is_some()
}

/// A number at `i`: its value and end. Digit strings are read place by
/// place (2024, 二〇二四); Chinese numbers with 十 as tens (十, 十二,
/// 二十九, 三十一). At most four digits.
fn number(c: &[char], i: usize) -> Option<(u32, usize)> {
    let first = *c.get(i)?;
    if first == '十' || chinese_digit(first) && c.get(i + 1) == Some(&'十') {
        // Tens: [d]十[d]
        let (tens, k) = if first == '十' {
            (1, i + 1)
        } else {
            (digit(first)?, i + 2)
        };
        let (ones, k) = match c.get(k).copied() {
            Some(d) if chinese_digit(d) && d != '〇' && d != '零' => (digit(d)?, k + 1),
            _ => (0, k),
        };
        return Some((tens * 10 + ones, k));
    }
    digit(first)?;
    let chinese = chinese_digit(first);
    let mut v = 0u32;
    let mut k = i;
    while let Some(d) = c.get(k).copied().filter(|&d| chinese_digit(d) == chinese) {
        let Some(x) = digit(d) else { break };
        if k - i == 4 {
            return None;
        }
        v = v * 10 + x;
        k += 1;
    }
    Some((v, k))
}

/// Relative day words and their offsets, longest first.
const RELATIVE: &[(&str, i64)] = &[
    ("明後日", 2),
    ("一昨日", -2),
    ("今天", 0),
    ("今日", 0),
    ("昨天", -1),
    ("昨日", -1),
    ("前天", -2),
    ("明天", 1),
    ("明日", 1),
    ("后天", 2),
    ("後天", 2),
];

/// Weekday words before the day's character.
const WEEK_WORDS: &[&str] = &["星期", "礼拜", "禮拜", "周", "週"];
/// Days of the Chinese week, Monday first (日 and 天 are Sunday).
const WEEK_DAYS: &[char] = &['一', '二', '三', '四', '五', '六', '日'];
/// Japanese weekdays, Monday first, before 曜.
const JA_DAYS: &[char] = &['月', '火', '水', '木', '金', '土', '日'];

fn starts_with(c: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(k, w)| c.get(k) == Some(&w))
}

/// Whether the text has any character the scan can start on.
fn worth_scanning(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            '年' | '月' | '日' | '号' | '曜' | '天' | '周' | '週' | '期'
        )
    })
}

/// The expressions of `text`, in text order, not overlapping.
pub(super) fn scan(text: &str) -> Vec<Found> {
    if !worth_scanning(text) {
        return Vec::new();
    }
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if let Some(f) = date_at(&c, i)
            .or_else(|| relative_at(&c, i))
            .or_else(|| weekday_at(&c, i))
        {
            i = f.end;
            out.push(f);
        } else {
            i += 1;
        }
    }
    out
}

/// A calendar date starting at `i`. A number must not continue one
/// before it (the 4 of 24年 is no year).
fn date_at(c: &[char], i: usize) -> Option<Found> {
    if i > 0 && digit(c[i - 1]).is_some() {
        return None;
    }
    let (n, k) = number(c, i)?;
    match c.get(k) {
        Some('年') => {
            // A year of four digits, written place by place.
            if !(1000..=2199).contains(&n) || k - i != 4 {
                return None;
            }
            let year = Some(i64::from(n));
            match number(c, k + 1) {
                Some((m, k2)) if c.get(k2) == Some(&'月') && (1..=12).contains(&m) => {
                    Some(month_day(c, i, year, m, k2))
                }
                _ => Some(Found {
                    start: i,
                    end: k + 1,
                    what: What::Date {
                        year,
                        month: None,
                        day: None,
                    },
                }),
            }
        }
        Some('月') if (1..=12).contains(&n) => {
            // A month without a year or a day is too often something else
            // (三月 is also "three months"): only with its day.
            let f = month_day(c, i, None, n, k);
            matches!(f.what, What::Date { day: Some(_), .. }).then_some(f)
        }
        _ => None,
    }
}

/// The rest of a date after its month number: `k` is at 月.
fn month_day(c: &[char], start: usize, year: Option<i64>, month: u32, k: usize) -> Found {
    let after_month = k + 1;
    let day = number(c, after_month).and_then(|(d, k2)| {
        (matches!(c.get(k2), Some('日' | '号' | '號')) && (1..=31).contains(&d))
            .then_some((d, k2 + 1))
    });
    match day {
        Some((d, end)) => Found {
            start,
            end,
            what: What::Date {
                year,
                month: Some(month),
                day: Some(d),
            },
        },
        None => Found {
            start,
            end: after_month,
            what: What::Date {
                year,
                month: Some(month),
                day: None,
            },
        },
    }
}

fn relative_at(c: &[char], i: usize) -> Option<Found> {
    RELATIVE.iter().find_map(|&(w, n)| {
        starts_with(c, i, w).then(|| Found {
            start: i,
            end: i + w.chars().count(),
            what: What::Relative(n),
        })
    })
}

fn weekday_at(c: &[char], i: usize) -> Option<Found> {
    for w in WEEK_WORDS {
        if !starts_with(c, i, w) {
            continue;
        }
        let k = i + w.chars().count();
        let day = match c.get(k).copied() {
            Some('天') => Some(6),
            Some(d) => WEEK_DAYS.iter().position(|&x| x == d),
            None => None,
        };
        // 周 also means "week" and "circuit": a day must follow, and no
        // further digit (周一 but not 周一二).
        if let Some(day) = day
            && c.get(k + 1)
                .is_none_or(|&n| digit(n).is_none() && n != '十')
        {
            return Some(Found {
                start: i,
                end: k + 1,
                what: What::Weekday(day as i64),
            });
        }
    }
    // 月曜日, 月曜
    let day = JA_DAYS.iter().position(|&x| Some(&x) == c.get(i))?;
    if c.get(i + 1) != Some(&'曜') {
        return None;
    }
    let end = if c.get(i + 2) == Some(&'日') {
        i + 3
    } else {
        i + 2
    };
    Some(Found {
        start: i,
        end,
        what: What::Weekday(day as i64),
    })
}

/// The mentions of `found` in `text`, resolved against `anchor`.
pub(super) fn resolve(text: &str, found: &[Found], anchor: Option<Anchor>) -> Vec<TimeMention> {
    let anchor_day = anchor.and_then(|a| {
        valid_ymd(i64::from(a.year), a.month, a.day)
            .then(|| days_from_civil(i64::from(a.year), a.month, a.day))
    });
    if found.is_empty() {
        return Vec::new();
    }
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let byte_at = |ch: usize| bytes.get(ch).copied().unwrap_or(text.len());
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let (bs, be) = (byte_at(f.start), byte_at(f.end));
        let value = value(f.what, anchor_day);
        out.push(TimeMention {
            text: text.get(bs..be).unwrap_or_default().to_string(),
            value,
            start: f.start,
            end: f.end,
            kind: TimeKind::Date,
        });
    }
    out
}

fn day_value(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

fn value(what: What, anchor: Option<i64>) -> Option<String> {
    match what {
        What::Date {
            year: Some(y),
            month: None,
            ..
        } => Some(format!("{y:04}")),
        What::Date {
            year: Some(y),
            month: Some(m),
            day: None,
        } => Some(format!("{y:04}-{m:02}")),
        What::Date {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        } => valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}")),
        What::Date {
            year: None,
            month: Some(m),
            day: Some(d),
        } => {
            let a = anchor?;
            let (ay, _, _) = civil_from_days(a);
            (ay - 1..=ay + 1)
                .filter(|&y| valid_ymd(y, m, d))
                .map(|y| days_from_civil(y, m, d))
                .min_by_key(|&z| (z - a).abs())
                .map(day_value)
        }
        What::Date { .. } => None,
        What::Relative(n) => anchor.map(|a| day_value(a + n)),
        What::Weekday(w) => anchor.map(|a| day_value(a - (weekday(a) - w).rem_euclid(7))),
    }
}
