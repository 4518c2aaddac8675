//! Calendar arithmetic (proleptic Gregorian, days since 1970-01-01) and
//! the resolved values with their TIMEX3 rendering.

use super::tables::SEASON_CODES;

// ---------------------------------------------------------------- calendar

pub(super) fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(super) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

pub(super) fn valid_ymd(y: i64, m: u32, d: u32) -> bool {
    (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub(super) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// 0 = Monday ... 6 = Sunday.
pub(super) fn weekday(z: i64) -> i64 {
    (z + 3).rem_euclid(7)
}

pub(super) fn iso_week(z: i64) -> (i64, i64) {
    let thursday = z - weekday(z) + 3;
    let (y, _, _) = civil_from_days(thursday);
    (y, (thursday - days_from_civil(y, 1, 1)) / 7 + 1)
}

pub(super) fn add_months(y: i64, m: u32, n: i64) -> (i64, u32) {
    let t = y * 12 + i64::from(m) - 1 + n;
    (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32)
}

// ------------------------------------------------------------------ values

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Day(i64),
    DayPod(i64, &'static str),
    DayTime(i64, u32, u32),
    Month(i64, u32),
    Year(i64),
    Week(i64),
    Weekend(i64),
    Quarter(i64, u32),
    Half(i64, u32),
    Season(i64, u32),
    Decade(i64),
    Century(i64),
    Text(String),
}

impl Value {
    pub(super) fn render(&self) -> Option<String> {
        let ok = |y: i64| (1..=9999).contains(&y);
        let day = |z: i64| {
            let (y, m, d) = civil_from_days(z);
            ok(y).then(|| format!("{y:04}-{m:02}-{d:02}"))
        };
        Some(match self {
            Value::Day(z) => day(*z)?,
            Value::DayPod(z, p) => format!("{}T{p}", day(*z)?),
            Value::DayTime(z, h, mi) => format!("{}T{h:02}:{mi:02}", day(*z)?),
            Value::Month(y, m) if ok(*y) => format!("{y:04}-{m:02}"),
            Value::Year(y) if ok(*y) => format!("{y:04}"),
            Value::Week(z) => {
                let (y, w) = iso_week(*z);
                if !ok(y) {
                    return None;
                }
                format!("{y:04}-W{w:02}")
            }
            Value::Weekend(z) => {
                let (y, w) = iso_week(*z);
                if !ok(y) {
                    return None;
                }
                format!("{y:04}-W{w:02}-WE")
            }
            Value::Quarter(y, q) if ok(*y) => format!("{y:04}-Q{q}"),
            Value::Half(y, h) if ok(*y) => format!("{y:04}-H{h}"),
            Value::Season(y, s) if ok(*y) => {
                format!("{y:04}-{}", SEASON_CODES.get(*s as usize)?)
            }
            Value::Decade(d) if (100..=999).contains(d) => format!("{d:03}"),
            Value::Century(c) if (10..=99).contains(c) => format!("{c:02}"),
            Value::Text(s) => s.clone(),
            _ => return None,
        })
    }

    /// Day number when the value has day precision.
    pub(super) fn day(&self) -> Option<i64> {
        match self {
            Value::Day(z) | Value::DayPod(z, _) | Value::DayTime(z, _, _) => Some(*z),
            _ => None,
        }
    }
}
