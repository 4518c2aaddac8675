//! Reading a word file of the time recogniser (`data/lexicon/time-*.tsv`)
//! into the [`Words`] of `tables.rs`.
//!
//! A line is `TABLE<TAB>WORDS` or `TABLE<TAB>WORDS<TAB>VALUE`; `#` lines
//! and blank lines are skipped (each file explains the tables at its top).
//! Everything is checked: the table name, the number of columns, the
//! value, lowercase words, and that no table lists a word twice; the first
//! bad line is reported with its number. The words are slices of the
//! compiled-in text and the tables are allocated once and kept for the
//! life of the process, so that they have the `'static` types the
//! recognisers read.

use rustc_hash::FxHashSet;

use super::tables::{Context, Phrase, Rel, SEASON_CODES, Unit, Words};
use crate::words::WordListError;

/// The TIMEX3 parts of the day.
const PARTS_OF_DAY: [&str; 6] = ["MO", "MI", "AF", "EV", "NI", "DT"];

/// The word tables of one file; `text` is the file as compiled in.
pub(super) fn parse(text: &'static str) -> Result<Words, WordListError> {
    let mut t = Tables::default();
    let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| WordListError {
            line: i + 1,
            message,
        };
        let mut cols = line.split('\t');
        let (table, word) = match (cols.next(), cols.next()) {
            (Some(table), Some(word)) => (table, word),
            _ => return Err(err("expected TABLE<TAB>WORDS[<TAB>VALUE]".into())),
        };
        let value = cols.next();
        if cols.next().is_some() {
            return Err(err("more than three columns".into()));
        }
        check_word(word).map_err(err)?;
        if !seen.insert((table, word)) {
            return Err(err(format!("{word:?} is listed twice in {table}")));
        }
        let needs_value = !matches!(
            table,
            "vague"
                | "ago-after"
                | "ago-before"
                | "future"
                | "past"
                | "future-suffix"
                | "past-suffix"
                | "link"
                | "season-before"
                | "abbreviation"
                | "count-noun"
        );
        let v = match (value, needs_value) {
            (Some(v), true) => v,
            (None, false) => "",
            (None, true) => return Err(err(format!("{table} needs a value column"))),
            (Some(_), false) => return Err(err(format!("{table} takes no value column"))),
        };
        let bad = |what: &str| err(format!("{v:?} is not {what}"));
        match table {
            "month" => t
                .months
                .push((word, number(v, 1, 12).ok_or_else(|| bad("a month 1-12"))?)),
            "weekday" => {
                let d = number(v, 1, 7).ok_or_else(|| bad("a weekday 1-7"))?;
                t.weekdays.push((word, d - 1));
            }
            "number" => t
                .numbers
                .push((word, v.parse().map_err(|_| bad("a number"))?)),
            "ordinal" => {
                let n = number(v, 1, u32::MAX).ok_or_else(|| bad("an ordinal value"))?;
                t.ordinals.push((word, n));
            }
            "unit" => t.units.push((word, unit(v).ok_or_else(|| bad("a unit"))?)),
            "calendar" => t.cal.push((word, unit(v).ok_or_else(|| bad("a unit"))?)),
            "relative-before" => t
                .mods_before
                .push((word, rel(v).ok_or_else(|| bad("last, next or this"))?)),
            "relative-after" => t
                .mods_after
                .push((word, rel(v).ok_or_else(|| bad("last, next or this"))?)),
            "phrase" => {
                let meaning = phrase(v)
                    .ok_or_else(|| bad("day N, day N PART, PRESENT_REF, PAST_REF or FUTURE_REF"))?;
                t.phrases.push((tokens(word).leak(), meaning));
            }
            "part-of-day" => {
                let code = part_of_day(v)
                    .ok_or_else(|| bad("a part of the day (MO, MI, AF, EV, NI, DT)"))?;
                t.pods.push((word, code));
            }
            "season" => {
                let s = SEASON_CODES
                    .iter()
                    .position(|c| *c == v)
                    .and_then(|s| u32::try_from(s).ok())
                    .ok_or_else(|| bad("a season (SP, SU, FA, WI)"))?;
                t.seasons.push((word, s));
            }
            "vague" => t.vague.push(word),
            "ago-after" => t.ago_after.push(word),
            "ago-before" => t.ago_before.push(tokens(word).leak()),
            "future" => t.future.push(word),
            "past" => t.past.push(word),
            "future-suffix" => t.future_suffix.push(word),
            "past-suffix" => t.past_suffix.push(word),
            "link" => t.links.push(word),
            "season-before" => t.season_before.push(word),
            "abbreviation" => t.abbreviations.push(word),
            "count-noun" => t.count_nouns.push(word),
            other => return Err(err(format!("{other:?} is no table"))),
        }
    }
    Ok(t.into_words())
}

/// A word column: lowercase, no outer or double spaces, `'` for the
/// typographic apostrophe.
fn check_word(word: &str) -> Result<(), String> {
    if word.is_empty()
        || word.starts_with(' ')
        || word.ends_with(' ')
        || word.contains("  ")
        || word != word.to_lowercase()
    {
        return Err(format!(
            "{word:?} is not lowercase words separated by single spaces"
        ));
    }
    if word.contains('’') {
        return Err(format!("{word:?}: write ' (it stands for ’ too)"));
    }
    Ok(())
}

/// The tokens of a phrase as the scanner sees them: words at spaces, and
/// `'` and `-` as tokens of their own ("aujourd'hui" → aujourd ' hui).
fn tokens(text: &'static str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for piece in text.split(' ') {
        let mut start = 0;
        for (i, c) in piece.char_indices() {
            if c == '\'' || c == '-' {
                if start < i {
                    out.push(&piece[start..i]);
                }
                out.push(&piece[i..i + 1]);
                start = i + 1;
            }
        }
        if start < piece.len() {
            out.push(&piece[start..]);
        }
    }
    out
}

fn number(v: &str, lo: u32, hi: u32) -> Option<u32> {
    v.parse().ok().filter(|n| (lo..=hi).contains(n))
}

fn unit(v: &str) -> Option<Unit> {
    Some(match v {
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return None,
    })
}

fn rel(v: &str) -> Option<Rel> {
    Some(match v {
        "last" => Rel::Last,
        "next" => Rel::Next,
        "this" => Rel::This,
        _ => return None,
    })
}

fn part_of_day(v: &'static str) -> Option<&'static str> {
    PARTS_OF_DAY.contains(&v).then_some(v)
}

/// `day N`, `day N PART`, `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
fn phrase(v: &'static str) -> Option<Phrase> {
    if matches!(v, "PRESENT_REF" | "PAST_REF" | "FUTURE_REF") {
        return Some(Phrase::Ref(v));
    }
    let mut parts = v.strip_prefix("day ")?.split(' ');
    let n: i64 = parts.next()?.parse().ok()?;
    let pod = parts.next().map(part_of_day);
    if parts.next().is_some() {
        return None;
    }
    match pod {
        None => Some(Phrase::Day(n)),
        Some(code) => Some(Phrase::DayPod(n, code?)),
    }
}

/// The tables while they are read.
#[derive(Default)]
struct Tables {
    months: Vec<(&'static str, u32)>,
    weekdays: Vec<(&'static str, u32)>,
    numbers: Vec<(&'static str, i64)>,
    vague: Vec<&'static str>,
    ordinals: Vec<(&'static str, u32)>,
    units: Vec<(&'static str, Unit)>,
    cal: Vec<(&'static str, Unit)>,
    mods_before: Vec<(&'static str, Rel)>,
    mods_after: Vec<(&'static str, Rel)>,
    phrases: Vec<(&'static [&'static str], Phrase)>,
    pods: Vec<(&'static str, &'static str)>,
    seasons: Vec<(&'static str, u32)>,
    ago_after: Vec<&'static str>,
    ago_before: Vec<&'static [&'static str]>,
    future: Vec<&'static str>,
    past: Vec<&'static str>,
    future_suffix: Vec<&'static str>,
    past_suffix: Vec<&'static str>,
    links: Vec<&'static str>,
    season_before: Vec<&'static str>,
    abbreviations: Vec<&'static str>,
    count_nouns: Vec<&'static str>,
}

impl Tables {
    fn into_words(self) -> Words {
        Words {
            months: self.months.leak(),
            weekdays: self.weekdays.leak(),
            numbers: self.numbers.leak(),
            vague: self.vague.leak(),
            ordinals: self.ordinals.leak(),
            units: self.units.leak(),
            cal: self.cal.leak(),
            mods_before: self.mods_before.leak(),
            mods_after: self.mods_after.leak(),
            phrases: self.phrases.leak(),
            pods: self.pods.leak(),
            seasons: self.seasons.leak(),
            ago_after: self.ago_after.leak(),
            ago_before: self.ago_before.leak(),
            future: self.future.leak(),
            past: self.past.leak(),
            future_suffix: self.future_suffix.leak(),
            past_suffix: self.past_suffix.leak(),
            links: self.links.leak(),
            season_before: self.season_before.leak(),
            abbreviations: self.abbreviations.leak(),
            count_nouns: self.count_nouns.leak(),
        }
    }
}

/// The context words of `time-context.tsv` (`TABLE<TAB>WORD`, each table
/// one of [`Context`]'s, each word lowercase and listed once).
pub(super) fn parse_context(text: &'static str) -> Result<Context, WordListError> {
    let mut c = Context::default();
    for row in crate::words::rows(text)? {
        let table = match row.category {
            "year-before" => &mut c.year_before,
            "year-noun" => &mut c.year_nouns,
            "not-past" => &mut c.not_past,
            "reference-noun" => &mut c.reference_nouns,
            "time-zone" => &mut c.time_zones,
            other => return Err(row.error(format!("unknown table {other:?}"))),
        };
        if row.value.is_some() {
            return Err(row.error("expected TABLE<TAB>WORD".into()));
        }
        if row.word.chars().any(char::is_uppercase) {
            return Err(row.error(format!("{:?} is not lowercase", row.word)));
        }
        if table.contains(&row.word) {
            return Err(row.error(format!("{:?} is listed twice", row.word)));
        }
        table.push(row.word);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::super::parse::find;
    use super::super::tables::{self, CONTEXT_TSV, DE_TSV, EN_TSV, ES_TSV, FR_TSV, RU_TSV};
    use super::*;

    #[test]
    fn context_file_parses() {
        let c = parse_context(CONTEXT_TSV).unwrap_or_else(|e| panic!("{e}"));
        assert!(c.year_before.contains(&"seit") && c.year_before.contains(&"in"));
        assert!(c.reference_nouns.contains(&"flight") && c.time_zones.contains(&"gmt"));
        assert!(c.year_nouns.contains(&"elections") && c.not_past.contains(&"united"));
        for bad in [
            "month\tmay\n",
            "time-zone\tGMT\n",
            "time-zone\tgmt\ntime-zone\tgmt\n",
        ] {
            assert!(parse_context(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn built_in_files_parse() {
        for text in [EN_TSV, FR_TSV, ES_TSV, DE_TSV, RU_TSV] {
            let w = parse(text).unwrap_or_else(|e| panic!("{e}\n{}", &text[..80]));
            assert!(w.months.len() >= 12 && w.weekdays.len() >= 7, "{w:?}");
            assert!(!w.phrases.is_empty() && !w.units.is_empty());
        }
        let en = &tables::EN;
        assert_eq!(find(en.months, "sept"), Some(9));
        assert_eq!(find(en.weekdays, "sunday"), Some(6));
        let fr = &tables::FR;
        assert!(
            fr.phrases
                .contains(&(&["aujourd", "'", "hui"][..], Phrase::Day(0)))
        );
        assert!(
            fr.phrases
                .contains(&(&["cet", "après", "-", "midi"][..], Phrase::DayPod(0, "AF")))
        );
        assert_eq!(fr.ago_before, &[&["il", "y", "a"][..]]);
        assert_eq!(find(tables::ES.seasons, "otoño"), Some(2));
        assert!(tables::ABBREVIATIONS.contains(&"mr") && tables::ABBREVIATIONS.contains(&"dez"));
        assert!(
            tables::COUNT_NOUNS.contains(&"people") && tables::COUNT_NOUNS.contains(&"человек")
        );
    }

    #[test]
    fn lines_read_into_their_tables() {
        let w = parse(
            "# c\n\nmonth\tbrumaire\t2\nweekday\tdécadi\t7\nphrase\tl'an dernier\tday -365 EV\n\
             phrase\tnaguère\tPAST_REF\nseason\tthermidor\tSU\nunit\tdécade\tweek\npast\tfut\n",
        )
        .expect("parses");
        assert_eq!(w.months, &[("brumaire", 2)]);
        assert_eq!(w.weekdays, &[("décadi", 6)]);
        assert_eq!(
            w.phrases,
            &[
                (&["l", "'", "an", "dernier"][..], Phrase::DayPod(-365, "EV")),
                (&["naguère"][..], Phrase::Ref("PAST_REF")),
            ]
        );
        assert_eq!(w.seasons, &[("thermidor", 1)]);
        assert_eq!(w.units, &[("décade", Unit::Week)]);
        assert_eq!(w.past, &["fut"]);
    }

    #[test]
    fn bad_lines_are_named() {
        let cases = [
            ("# c\nmonth\tJanvier\t1\n", 2, "lowercase"),
            ("month\tjanvier\t13\n", 1, "month"),
            ("weekday\tlundi\t0\n", 1, "weekday"),
            ("month\tjanvier\n", 1, "value"),
            ("past\tfut\tyes\n", 1, "no value"),
            ("past\tfut\npast\tfut\n", 2, "twice"),
            ("moth\tjanvier\t1\n", 1, "no table"),
            ("phrase\thier\tday\n", 1, "day N"),
            ("phrase\thier\tday -1 XX\n", 1, "day N"),
            ("part-of-day\tsoir\tEVE\n", 1, "part of the day"),
            ("season\tété\tsummer\n", 1, "season"),
            ("unit\tjour\tdays\n", 1, "unit"),
            ("relative-after\tdernier\tprevious\n", 1, "last"),
            ("phrase\taujourd’hui\tday 0\n", 1, "write '"),
            ("phrase\tce  soir\tday 0 EV\n", 1, "single spaces"),
            ("month\n", 1, "expected"),
            ("month\tjanvier\t1\tx\n", 1, "columns"),
        ];
        for (text, line, needle) in cases {
            let e = parse(text).expect_err(text);
            assert_eq!(e.line, line, "{text:?}: {e}");
            assert!(e.message.contains(needle), "{text:?}: {e}");
        }
    }
}
