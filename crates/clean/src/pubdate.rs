//! Parsing the date strings pages give for their publication: ISO 8601,
//! RFC 2822, `April 9, 2024`, `9 avril 2024`, `09.04.2024`, `2024/04/09`,
//! dates in URLs, with month names in the main European languages.
//!
//! Pure functions; anything that is not a real calendar date gives `None`.
//!
//! A UTC timestamp becomes the publisher's local date in the IANA time zone
//! of its country-code TLD, daylight saving time included (a `.de` article
//! at 22:30Z in July is the next day in Berlin). The IANA time zone database
//! is bundled into the binary (jiff's `tzdb-bundle-always`, read through
//! `TimeZoneDatabase::bundled`), so nothing is read from the system at run
//! time: the same input gives the same dates on every machine, whatever its
//! `/usr/share/zoneinfo` or `TZDIR`, including containers without one.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

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
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

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
        (YEARS.contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Ymd { year, month, day })
    }
}

/// Month names and abbreviations (lowercase), as compiled in.
const MONTHS_TSV: &str = include_str!("../data/months.tsv");

/// The month names of `data/months.tsv`, or the first bad line.
fn parse_months(text: &str) -> Result<FxHashMap<&str, u32>, String> {
    let mut out = FxHashMap::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| format!("months.tsv line {}: {why}", i + 1);
        let (name, month) = line
            .split_once('\t')
            .ok_or_else(|| bad("expected NAME<TAB>MONTH"))?;
        let month: u32 = month
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| bad("the month is not 1-12"))?;
        if name.is_empty() || name.chars().any(char::is_uppercase) {
            return Err(bad("the name is not lowercase"));
        }
        if out.insert(name, month).is_some() {
            return Err(bad("the name is listed twice"));
        }
    }
    Ok(out)
}

/// The month names (checked by a test; an unreadable file would leave
/// dates without month names rather than fail an analysis).
static MONTHS: LazyLock<FxHashMap<&'static str, u32>> =
    LazyLock::new(|| parse_months(MONTHS_TSV).unwrap_or_default());

pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.get(w.as_str()).copied()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A number, its digit count, and whether it is joined to the previous
    /// number by a single date separator (`/`, `.`, `-`).
    Num(u32, usize, bool),
    Word(String),
}

fn tokens(s: &str, max: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut is_num = false;
    let mut gap = String::new();
    let mut last_was_num = false;
    for c in s.chars().chain(std::iter::once(' ')) {
        let kind = if c.is_ascii_digit() {
            1
        } else if c.is_alphabetic() {
            2
        } else {
            0
        };
        let continues = (kind == 1 && is_num) || (kind == 2 && !is_num && !cur.is_empty());
        if !continues && !cur.is_empty() {
            if is_num {
                let joined = last_was_num && matches!(gap.as_str(), "/" | "." | "-");
                if let Ok(n) = cur.parse::<u32>() {
                    out.push(Tok::Num(n, cur.len(), joined));
                }
                last_was_num = true;
            } else {
                out.push(Tok::Word(cur.to_lowercase()));
                last_was_num = false;
            }
            cur.clear();
            gap.clear();
            if out.len() >= max {
                break;
            }
        }
        match kind {
            1 => {
                is_num = true;
                if cur.len() < 9 {
                    cur.push(c);
                }
            }
            2 => {
                is_num = false;
                cur.push(c);
            }
            _ => {
                if gap.len() < 4 {
                    gap.push(c);
                }
                if !c.is_whitespace() && !matches!(c, '/' | '.' | '-' | ',') {
                    last_was_num = false;
                }
            }
        }
    }
    out
}

/// Parses a date string as found in metadata. Day-first is assumed for
/// ambiguous numeric dates unless `month_first` is set (US pages).
pub fn parse_date(s: &str, month_first: bool) -> Option<Ymd> {
    let s = s.trim();
    if s.len() > 200 {
        return None;
    }
    // ISO 8601 fast path: 2024-04-09, 2024-04-09T...
    if let Some(d) = iso_prefix(s) {
        return Some(d);
    }
    let toks = tokens(s, 64);
    // A single 8-digit number: 20240409.
    if let [Tok::Num(n, 8, _)] = toks.as_slice() {
        return Ymd::new((n / 10000) as i32, n / 100 % 100, n % 100);
    }
    (0..toks.len()).find_map(|i| date_at(&toks, i, month_first))
}

/// The first date written out in a longer text (`martes 17 de marzo de
/// 2020`, `17/03/2020`, `August 06, 2019`).
pub fn find_date(s: &str, month_first: bool) -> Option<Ymd> {
    let toks = tokens(s, 4096);
    (0..toks.len()).find_map(|i| date_at(&toks, i, month_first))
}

fn iso_prefix(s: &str) -> Option<Ymd> {
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        return Ymd::new(y, m, d);
    }
    None
}

/// A date starting at token `i`.
fn date_at(toks: &[Tok], i: usize, month_first: bool) -> Option<Ymd> {
    let num = |j: usize| match toks.get(j) {
        Some(Tok::Num(n, l, _)) => Some((*n, *l)),
        _ => None,
    };
    match &toks[i] {
        Tok::Word(w) => {
            let m = month_number(w)?;
            // "April 9, 2024" / "April 9th 2024"
            if let (Some((d, dl)), Some((y, 4))) = (num(i + 1), year_after(toks, i + 2))
                && dl <= 2
            {
                return Ymd::new(y as i32, m, d);
            }
            None
        }
        Tok::Num(a, al, _) => {
            // "9 April 2024" / "9. April 2024" / "9 de abril de 2024"
            if *al <= 2 {
                for k in [i + 1, i + 2] {
                    if let Some(Tok::Word(w)) = toks.get(k)
                        && let Some(m) = month_number(w)
                        && let Some((y, 4)) = year_after(toks, k + 1)
                    {
                        return Ymd::new(y as i32, m, *a);
                    }
                }
            }
            // Numeric: y/m/d, d/m/y or m/d/y, joined by separators.
            let (Some(Tok::Num(b, _, true)), Some(Tok::Num(c, cl, true))) =
                (toks.get(i + 1), toks.get(i + 2))
            else {
                return None;
            };
            if *al == 4 {
                return Ymd::new(*a as i32, *b, *c);
            }
            if *cl == 4 && *al <= 2 {
                let (d, m) = if (month_first && *a <= 12) || *b > 12 {
                    (*b, *a)
                } else {
                    (*a, *b)
                };
                return Ymd::new(*c as i32, m, d);
            }
            None
        }
    }
}

fn year_after(toks: &[Tok], mut j: usize) -> Option<(u32, usize)> {
    // Skip one connecting word ("de", "of") and an ordinal suffix ("th").
    for _ in 0..2 {
        match toks.get(j) {
            Some(Tok::Num(n, l, _)) => return Some((*n, *l)),
            Some(Tok::Word(w)) if w.len() <= 3 => j += 1,
            _ => return None,
        }
    }
    None
}

impl Ymd {
    /// The day before or after (`delta` = -1 or 1).
    pub fn shift_day(self, delta: i32) -> Option<Ymd> {
        let Ymd {
            mut year,
            mut month,
            mut day,
        } = self;
        if delta < 0 {
            if day > 1 {
                day -= 1;
            } else {
                if month == 1 {
                    year -= 1;
                    month = 12;
                } else {
                    month -= 1;
                }
                day = days_in_month(year, month);
            }
        } else if delta > 0 {
            if day < days_in_month(year, month) {
                day += 1;
            } else {
                day = 1;
                if month == 12 {
                    year += 1;
                    month = 1;
                } else {
                    month += 1;
                }
            }
        }
        Ymd::new(year, month, day)
    }
}

/// Parses an ISO 8601 timestamp given in UTC (`Z`, `+00:00`, `-00:00`,
/// `+0000`, a trailing `UTC`) as the local date in the publisher's IANA time
/// `zone` (see [`tld_zone`]), daylight saving time included. A timestamp
/// with another offset (`+05:30`, `-04:00`) already gives the publisher's
/// local time and keeps its date as written, as does one without an offset
/// or time, and any timestamp when `zone` is `None` or unknown. Other
/// strings parse as [`parse_date`] does.
pub fn parse_local_date(s: &str, month_first: bool, zone: Option<&str>) -> Option<Ymd> {
    let date = parse_date(s, month_first)?;
    let Some(zone) = zone else {
        return Some(date);
    };
    let Some(instant) = utc_timestamp(s.trim()).or_else(|| loose_utc_timestamp(s.trim())) else {
        return Some(date);
    };
    let Ok(tz) = jiff::tz::TimeZoneDatabase::bundled().get(zone) else {
        return Some(date);
    };
    let local = tz.to_datetime(instant).date();
    Ymd::new(
        i32::from(local.year()),
        u32::try_from(local.month()).ok()?,
        u32::try_from(local.day()).ok()?,
    )
}

/// The instant of an ISO 8601 / RFC 3339 date and time when it is marked
/// UTC; `None` for a date alone, a local time, or another offset.
fn utc_timestamp(s: &str) -> Option<jiff::Timestamp> {
    use jiff::fmt::temporal::Pieces;
    use jiff::tz::Offset;
    // `2020-06-01 23:30:00 UTC`: the suffix is no ISO 8601 offset.
    let (pieces, utc) = match s.strip_suffix("UTC") {
        Some(rest) => {
            let pieces = Pieces::parse(rest.trim_end()).ok()?;
            let bare = pieces.offset().is_none() && pieces.time_zone_annotation().is_none();
            (pieces, bare)
        }
        None => {
            let pieces = Pieces::parse(s).ok()?;
            let utc = pieces.to_numeric_offset() == Some(Offset::UTC);
            (pieces, utc)
        }
    };
    if !utc {
        return None;
    }
    let time = pieces.time()?;
    Offset::UTC
        .to_timestamp(pieces.date().to_datetime(time))
        .ok()
}

/// A UTC timestamp that publishers write loosely and RFC 3339 refuses:
/// one-digit fields (`2020-12-05T23:15:0Z`, `T9:05Z`).
fn loose_utc_timestamp(s: &str) -> Option<jiff::Timestamp> {
    let rest = ["Z", "z", "+00:00", "+0000", "-00:00"]
        .iter()
        .find_map(|suffix| s.strip_suffix(suffix))?;
    let (day, time) = rest.split_once(['T', 't', ' '])?;
    let mut ymd = day.splitn(3, '-').map(|p| p.parse::<i16>().ok());
    let (Some(Some(y)), Some(Some(mo)), Some(Some(d))) = (ymd.next(), ymd.next(), ymd.next())
    else {
        return None;
    };
    let time = time.split('.').next().unwrap_or(time);
    let mut hms = time.splitn(3, ':').map(|p| {
        (1..=2)
            .contains(&p.len())
            .then(|| p.parse::<i8>().ok())
            .flatten()
    });
    let (Some(Some(h)), Some(Some(mi))) = (hms.next(), hms.next()) else {
        return None;
    };
    let sec = match hms.next() {
        Some(Some(sec)) => sec,
        Some(None) => return None,
        None => 0,
    };
    let civil = jiff::civil::DateTime::new(
        y,
        i8::try_from(mo).ok()?,
        i8::try_from(d).ok()?,
        h,
        mi,
        sec,
        0,
    )
    .ok()?;
    jiff::tz::Offset::UTC.to_timestamp(civil).ok()
}

/// The IANA time zone of each country-code top-level domain's country (the
/// capital's zone for countries with several).
const TLD_ZONES: &[(&str, &str)] = &[
    ("uk", "Europe/London"),
    ("ie", "Europe/Dublin"),
    ("pt", "Europe/Lisbon"),
    ("is", "Atlantic/Reykjavik"),
    ("ma", "Africa/Casablanca"),
    ("sn", "Africa/Dakar"),
    ("gh", "Africa/Accra"),
    ("ci", "Africa/Abidjan"),
    ("tg", "Africa/Lome"),
    ("bf", "Africa/Ouagadougou"),
    ("ml", "Africa/Bamako"),
    ("fr", "Europe/Paris"),
    ("de", "Europe/Berlin"),
    ("it", "Europe/Rome"),
    ("es", "Europe/Madrid"),
    ("nl", "Europe/Amsterdam"),
    ("be", "Europe/Brussels"),
    ("ch", "Europe/Zurich"),
    ("at", "Europe/Vienna"),
    ("pl", "Europe/Warsaw"),
    ("cz", "Europe/Prague"),
    ("dk", "Europe/Copenhagen"),
    ("se", "Europe/Stockholm"),
    ("no", "Europe/Oslo"),
    ("sk", "Europe/Bratislava"),
    ("hu", "Europe/Budapest"),
    ("hr", "Europe/Zagreb"),
    ("si", "Europe/Ljubljana"),
    ("rs", "Europe/Belgrade"),
    ("ba", "Europe/Sarajevo"),
    ("me", "Europe/Podgorica"),
    ("mk", "Europe/Skopje"),
    ("al", "Europe/Tirane"),
    ("lu", "Europe/Luxembourg"),
    ("ng", "Africa/Lagos"),
    ("dz", "Africa/Algiers"),
    ("tn", "Africa/Tunis"),
    ("cm", "Africa/Douala"),
    ("gr", "Europe/Athens"),
    ("ro", "Europe/Bucharest"),
    ("bg", "Europe/Sofia"),
    ("fi", "Europe/Helsinki"),
    ("ua", "Europe/Kyiv"),
    ("ee", "Europe/Tallinn"),
    ("lv", "Europe/Riga"),
    ("lt", "Europe/Vilnius"),
    ("il", "Asia/Jerusalem"),
    ("eg", "Africa/Cairo"),
    ("za", "Africa/Johannesburg"),
    ("md", "Europe/Chisinau"),
    ("cy", "Asia/Nicosia"),
    ("lb", "Asia/Beirut"),
    ("jo", "Asia/Amman"),
    ("ru", "Europe/Moscow"),
    ("tr", "Europe/Istanbul"),
    ("by", "Europe/Minsk"),
    ("sa", "Asia/Riyadh"),
    ("iq", "Asia/Baghdad"),
    ("ke", "Africa/Nairobi"),
    ("qa", "Asia/Qatar"),
    ("kw", "Asia/Kuwait"),
    ("et", "Africa/Addis_Ababa"),
    ("ir", "Asia/Tehran"),
    ("ae", "Asia/Dubai"),
    ("az", "Asia/Baku"),
    ("ge", "Asia/Tbilisi"),
    ("am", "Asia/Yerevan"),
    ("pk", "Asia/Karachi"),
    ("uz", "Asia/Tashkent"),
    ("in", "Asia/Kolkata"),
    ("lk", "Asia/Colombo"),
    ("bd", "Asia/Dhaka"),
    ("kz", "Asia/Almaty"),
    ("th", "Asia/Bangkok"),
    ("vn", "Asia/Ho_Chi_Minh"),
    ("id", "Asia/Jakarta"),
    ("cn", "Asia/Shanghai"),
    ("tw", "Asia/Taipei"),
    ("hk", "Asia/Hong_Kong"),
    ("sg", "Asia/Singapore"),
    ("my", "Asia/Kuala_Lumpur"),
    ("ph", "Asia/Manila"),
    ("jp", "Asia/Tokyo"),
    ("kr", "Asia/Seoul"),
    ("au", "Australia/Sydney"),
    ("nz", "Pacific/Auckland"),
    ("br", "America/Sao_Paulo"),
    ("ar", "America/Argentina/Buenos_Aires"),
    ("uy", "America/Montevideo"),
    ("cl", "America/Santiago"),
    ("ve", "America/Caracas"),
    ("bo", "America/La_Paz"),
    ("ca", "America/Toronto"),
    ("co", "America/Bogota"),
    ("pe", "America/Lima"),
    ("ec", "America/Guayaquil"),
    ("cu", "America/Havana"),
    ("us", "America/New_York"),
    ("mx", "America/Mexico_City"),
    ("gt", "America/Guatemala"),
    ("cr", "America/Costa_Rica"),
    ("hn", "America/Tegucigalpa"),
    ("sv", "America/El_Salvador"),
    ("ni", "America/Managua"),
];

/// The IANA time zone name of a URL's country-code top-level domain (the
/// capital's zone for countries with several), for [`parse_local_date`].
pub fn tld_zone(url: &str) -> Option<&'static str> {
    let host = url
        .split_once("://")
        .map_or(url, |(_, r)| r)
        .split(['/', ':', '?'])
        .next()?;
    let tld = host.rsplit('.').next()?;
    TLD_ZONES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tld))
        .map(|(_, zone)| *zone)
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
            if run == 8
                && let Ok(n) = digits.parse::<u32>()
                && let Some(d) = Ymd::new((n / 10000) as i32, n / 100 % 100, n % 100)
            {
                return Some(d);
            }
            if run == 4 {
                let rest = &path[i + 4..];
                let mut parts = rest.split(['/', '-', '_', '.']).skip(1);
                let y = digits.parse::<i32>().ok();
                let m = parts
                    .next()
                    .and_then(|p| (p.len() <= 2).then(|| p.parse::<u32>().ok()).flatten());
                let d = parts
                    .next()
                    .and_then(|p| (p.len() <= 2).then(|| p.parse::<u32>().ok()).flatten());
                if let (Some(y), Some(m), Some(d)) = (y, m, d)
                    && let Some(date) = Ymd::new(y, m, d)
                {
                    return Some(date);
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
    use proptest::prelude::*;

    #[test]
    fn month_file_parses() {
        let m = parse_months(MONTHS_TSV).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.get("avril"), Some(&4));
        assert_eq!(month_number("Dez."), Some(12));
        assert!(parse_months("mai\t13\n").is_err());
        assert!(parse_months("mai\t5\nmai\t5\n").is_err());
        assert!(parse_months("Mai\t5\n").is_err());
    }

    proptest! {
        #[test]
        fn date_parsers_never_panic(s in "\\PC{0,80}", digits in "[0-9./ -]{0,24}") {
            for input in [s.as_str(), digits.as_str()] {
                let _ = parse_date(input, false);
                let _ = parse_date(input, true);
                let _ = find_date(input, false);
                let _ = date_in_url(input);
                let _ = parse_local_date(input, false, Some("America/Toronto"));
                let _ = parse_local_date(input, false, Some(input));
                let _ = tld_zone(input);
            }
        }

        #[test]
        fn parsed_dates_are_real_calendar_dates(y in 1980i32..2110, m in 0u32..14, d in 0u32..33) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            if let Some(date) = parse_date(&s, false) {
                prop_assert!(date.day <= days_in_month(date.year, date.month));
                prop_assert_eq!(date.to_string(), s);
            }
        }
    }

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
    fn finds_dates_in_running_text() {
        let cases = [
            (
                "Publicado el martes 17 de marzo de 2020 a las 10:00",
                Some("2020-03-17"),
            ),
            ("Mis à jour le 17/03/2020 - 04:30", Some("2020-03-17")),
            ("Posted August 06, 2019 by staff", Some("2019-08-06")),
            ("In 2020, 18 20 people came", None),
            ("duminică, 20 septembrie 2020 16:20", Some("2020-09-20")),
        ];
        for (text, want) in cases {
            assert_eq!(
                find_date(text, false).map(|d| d.to_string()).as_deref(),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn loose_utc_timestamps_convert_too() {
        let it = tld_zone("https://www.example.it/news/1");
        assert_eq!(
            parse_local_date("2020-12-05T23:15:0Z", false, it).map(|d| d.to_string()),
            Some("2020-12-06".to_string())
        );
        assert_eq!(
            parse_local_date("2020-12-05T9:5Z", false, it).map(|d| d.to_string()),
            Some("2020-12-05".to_string())
        );
        assert_eq!(
            parse_local_date("2020-12-05T23:1500Z", false, it).map(|d| d.to_string()),
            Some("2020-12-05".to_string())
        );
    }

    #[test]
    fn converts_utc_timestamps_to_the_publisher_date() {
        let it = tld_zone("https://www.example.it/news/1");
        assert_eq!(
            parse_local_date("2020-12-05T23:15:00Z", false, it)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-12-06")
        );
        let ca = tld_zone("http://ici.example.ca/x");
        assert_eq!(
            parse_local_date("2020-08-25T00:23:33.312Z", false, ca)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-08-24")
        );
        // An explicit local offset is kept as written.
        assert_eq!(
            parse_local_date("2020-08-25T00:23:33-04:00", false, ca)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-08-25")
        );
        assert_eq!(
            parse_local_date("2020-12-31T23:30Z", false, it)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2021-01-01")
        );
        assert_eq!(tld_zone("https://example.com/"), None);
    }

    /// The publisher's date of `timestamp` for a page at `url`.
    fn local(timestamp: &str, url: &str) -> Option<String> {
        parse_local_date(timestamp, false, tld_zone(url)).map(|d| d.to_string())
    }

    #[test]
    fn follows_daylight_saving_time_in_europe() {
        // (url, summer UTC timestamp, its local date, winter one, its local date)
        let cases = [
            // Berlin: CEST (UTC+2) in July, CET (UTC+1) in January.
            (
                "https://www.example.de/politik/1",
                "2020-07-15T22:30:00Z",
                "2020-07-16",
                "2020-01-15T22:30:00Z",
                "2020-01-15",
            ),
            (
                "https://www.example.fr/a",
                "2021-06-30T22:15:00Z",
                "2021-07-01",
                "2021-12-30T22:15:00Z",
                "2021-12-30",
            ),
            (
                "https://www.example.it/a",
                "2020-08-31T22:00:00Z",
                "2020-09-01",
                "2020-02-10T22:59:59Z",
                "2020-02-10",
            ),
            // London: BST (UTC+1) in summer, GMT (UTC+0) in winter.
            (
                "https://www.example.co.uk/news/1",
                "2020-06-01T23:30:00Z",
                "2020-06-02",
                "2020-12-01T23:30:00Z",
                "2020-12-01",
            ),
        ];
        for (url, summer, summer_date, winter, winter_date) in cases {
            assert_eq!(
                local(summer, url).as_deref(),
                Some(summer_date),
                "{url} {summer}"
            );
            assert_eq!(
                local(winter, url).as_deref(),
                Some(winter_date),
                "{url} {winter}"
            );
        }
        // The day the clocks change: 22:30Z is 23:30 CET on Saturday
        // 28 March 2020, and 00:30 CEST on Monday after the switch.
        let de = "https://example.de/";
        assert_eq!(
            local("2020-03-28T22:30Z", de).as_deref(),
            Some("2020-03-28")
        );
        assert_eq!(
            local("2020-03-29T22:30Z", de).as_deref(),
            Some("2020-03-30")
        );
        assert_eq!(
            local("2020-10-24T22:30Z", de).as_deref(),
            Some("2020-10-25")
        );
        assert_eq!(
            local("2020-10-25T22:30Z", de).as_deref(),
            Some("2020-10-25")
        );
    }

    #[test]
    fn follows_southern_hemisphere_and_zones_without_dst() {
        // Sydney: AEDT (UTC+11) in January, AEST (UTC+10) in July.
        let au = "https://www.example.com.au/news/2021";
        assert_eq!(
            local("2021-01-10T13:30:00Z", au).as_deref(),
            Some("2021-01-11")
        );
        assert_eq!(
            local("2021-07-10T13:30:00Z", au).as_deref(),
            Some("2021-07-10")
        );
        // Tokyo: UTC+9 all year.
        let jp = "https://www.example.jp/";
        for (ts, want) in [
            ("2020-07-15T14:59:00Z", "2020-07-15"),
            ("2020-07-15T15:00:00Z", "2020-07-16"),
            ("2020-01-15T14:59:00Z", "2020-01-15"),
            ("2020-01-15T15:00:00Z", "2020-01-16"),
        ] {
            assert_eq!(local(ts, jp).as_deref(), Some(want), "{ts}");
        }
        // New York in summer (EDT, UTC-4) and winter (EST, UTC-5).
        let us = "https://www.example.us/";
        assert_eq!(
            local("2020-07-15T03:30:00Z", us).as_deref(),
            Some("2020-07-14")
        );
        assert_eq!(
            local("2020-01-15T04:30:00Z", us).as_deref(),
            Some("2020-01-14")
        );
        assert_eq!(
            local("2020-01-15T05:30:00Z", us).as_deref(),
            Some("2020-01-15")
        );
    }

    #[test]
    fn reads_every_way_of_writing_utc() {
        let de = "https://example.de/";
        for ts in [
            "2020-07-15T22:30:00Z",
            "2020-07-15T22:30Z",
            "2020-07-15T22:30:00.123456Z",
            "2020-07-15 22:30:00Z",
            "2020-07-15T22:30:00+00:00",
            "2020-07-15T22:30:00-00:00",
            "2020-07-15T22:30:00+0000",
            "2020-07-15T22:30:00 UTC",
            "2020-07-15 22:30:00 UTC",
            "  2020-07-15T22:30:00Z  ",
        ] {
            assert_eq!(local(ts, de).as_deref(), Some("2020-07-16"), "{ts:?}");
        }
    }

    #[test]
    fn keeps_local_times_and_explicit_offsets_as_written() {
        for url in [
            "https://example.de/",
            "https://example.in/",
            "https://example.com.au/",
        ] {
            for ts in [
                // An explicit offset is the publisher's own local time.
                "2020-07-15T23:30:00+05:30",
                "2020-07-15T23:30:00-04:00",
                "2020-07-15T23:30:00+0200",
                // No offset: a local time already.
                "2020-07-15T23:30:00",
                "2020-07-15",
                // Not ISO 8601: parsed as before, not converted.
                "Wed, 15 Jul 2020 23:30:00 GMT",
                "July 15, 2020 23:30 UTC",
                // Not a timestamp jiff reads: the date as written.
                "2020-07-15T23:30:00Z and more",
            ] {
                assert_eq!(
                    local(ts, url).as_deref(),
                    Some("2020-07-15"),
                    "{url} {ts:?}"
                );
            }
        }
        // No zone, or a zone the database does not have: as written.
        for zone in [None, Some("Nowhere/Atlantis"), Some("")] {
            assert_eq!(
                parse_local_date("2020-07-15T23:30:00Z", false, zone)
                    .map(|d| d.to_string())
                    .as_deref(),
                Some("2020-07-15"),
                "{zone:?}"
            );
        }
        // Past the accepted years, as before.
        assert_eq!(local("2100-12-31T23:30:00Z", "https://example.de/"), None);
        assert_eq!(local("1900-01-01T00:30:00Z", "https://example.us/"), None);
        assert_eq!(local("not a date", "https://example.de/"), None);
    }

    #[test]
    fn every_tld_zone_is_in_the_bundled_database() {
        let db = jiff::tz::TimeZoneDatabase::bundled();
        let mut seen = rustc_hash::FxHashSet::default();
        for (tld, zone) in TLD_ZONES {
            assert!(seen.insert(*tld), "{tld} twice");
            assert!(
                db.get(zone).is_ok(),
                "{tld}: {zone} is not in the bundled tz database"
            );
            let url = format!("https://news.example.{}/x", tld.to_uppercase());
            assert_eq!(tld_zone(&url), Some(*zone), "{url}");
        }
        assert_eq!(
            tld_zone("https://www.example.co.uk:8080/a?b"),
            Some("Europe/London")
        );
        assert_eq!(tld_zone("www.example.de"), Some("Europe/Berlin"));
        assert_eq!(tld_zone("https://example.org/de/"), None);
        assert_eq!(tld_zone(""), None);
    }

    #[test]
    fn finds_dates_in_urls() {
        let cases = [
            (
                "https://rzn.mk.ru/social/2020/01/13/v-ryazani.html",
                Some("2020-01-13"),
            ),
            (
                "https://news.example.tw/article/20200121/34046328.html",
                Some("2020-01-21"),
            ),
            ("https://example.com/2019-08-06-title", Some("2019-08-06")),
            ("https://example.com/story/12345678901", None),
            ("https://example.com/about", None),
        ];
        for (url, want) in cases {
            assert_eq!(
                date_in_url(url).map(|d| d.to_string()).as_deref(),
                want,
                "{url}"
            );
        }
    }
}
