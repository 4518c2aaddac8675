//! Time expressions: finding them in text and resolving them to TimeML
//! TIMEX3 values against an anchor date.
//!
//! [`find_times`] tokenises the text (offsets count chars), recognises
//! expressions with the word tables of the language, and resolves each
//! one, left to right, against the anchor. Everything is a pure function of
//! its arguments: no clock, no IO, no state between calls; the work is
//! linear in the length of the text.
//!
//! Files: `parse.rs` (tokens, clause tense, the scan), `grammar.rs` (one
//! recogniser per form), `resolve.rs` (values), `calendar.rs` (date
//! arithmetic, TIMEX3 rendering), `tables.rs` (words of en, fr, es, de, ru;
//! any other code reads as English), read by `lexicon.rs` from one data
//! file per language (`data/lexicon/time-*.tsv`), `gate.rs` (the words an
//! expression may start with, derived from the tables), `cjk.rs` (Chinese
//! and Japanese dates, a character scan of its own).
//!
//! # Values
//! `2024-04-09`, `2024-04`, `2024`, `2024-W15`, `2024-W15-WE` (weekend),
//! `2024-Q3`, `2024-H1`, `2024-SU` (SP, SU, FA, WI), `199` (decade), `19`
//! (century), `2024-04-09T15:30`, `2024-04-09TMO` (MO, AF, EV, NI),
//! `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`; durations `P3M`, `PT5H`, `PXY`
//! (X when the quantity is vague); sets `P1M`, `XXXX-XX-XX`.
//!
//! # Resolution rules
//! - Absolute dates carry their own value: "April 9, 2024", "9 April
//!   2024", "le 9 avril 2024", "9 de abril de 2024", "9. April 2024",
//!   "9 апреля 2024 года", "2024-04-09", numeric dates (month/day in
//!   English, day/month elsewhere; the other order when only it is valid;
//!   dotted dates only outside English). Impossible dates ("February 30")
//!   are found but get no value.
//! - Bare numbers 1000–2199 are years only in a year context (after a
//!   preposition, a month, "fiscal", "the year"..., or before punctuation,
//!   a capitalised word or a singular noun); never after `$`, `#`, "No.",
//!   before "%" or a count noun ("2024 people"), nor inside digit groups
//!   (phone numbers, scores, versions, "A380", "COVID-19"). Two-digit years
//!   need an apostrophe ("'98": 19xx above 30, else 20xx) or a range
//!   ("1990-91"); "2001-2003" gives two years.
//! - Without an anchor every relative expression keeps `value: None`.
//! - Tense of the clause: the nearest cue to the left of the expression in
//!   its sentence, or the nearest to the right when that is more than twice
//!   as close. Forward: "will", "is to", "plans", "expected", "next",
//!   scheduling verbs in the present ("expires", "meets", "takes effect"),
//!   "by/until" just before (unless "had"). Backward: "said", "was", past
//!   forms and "-ed" verbs (not after "be" or an article), "ago", "last";
//!   a plan in the past ("had been scheduled") looks back.
//! - Weekdays: "last Friday" is the latest one strictly before the anchor,
//!   "next Friday" the first strictly after; otherwise forward tense gives
//!   the first one on or after the anchor, and anything else the latest one
//!   on or before it (news reports past events). "the previous Friday"
//!   counts from the last date mentioned. "Good Friday", "Super Tuesday"
//!   are names, not weekdays.
//! - Month and day without year ("April 9"): the anchor's year, unless the
//!   clause is past and the date lies over 60 days after the anchor (then a
//!   year back), or future and over 60 days before (a year on); with no
//!   tense, the closest of the three candidate years.
//! - Months alone ("in February", "this February"): the anchor's year;
//!   last year's when the clause is past and the month lies after the
//!   anchor's (the very next month excepted: "trading for November" said
//!   on October 30), or when there is no tense and it lies more than two
//!   months after; next year's when the clause is future and the month lies
//!   before the anchor's. "last April" is the latest April strictly before
//!   the anchor's month, "next April" the first after, "June last year" the
//!   anchor's year minus one. Seasons likewise ("this summer" is the
//!   anchor's year).
//! - "today", "yesterday", "tomorrow", "tonight", "this morning", "hier",
//!   "ayer", "gestern", "вчера"...: days relative to the anchor, with the
//!   part of the day where one is named ("Tuesday afternoon" → `TAF`).
//! - "this/last/next week|month|year|quarter|weekend|decade" (and "la
//!   semaine dernière", "el año pasado", "letzte Woche", "в прошлом
//!   году"): calendar units around the anchor, weeks in ISO numbering.
//!   Modifiers such as "early", "late", "mid-", "the end of" keep the value.
//! - "N units ago" ("il y a", "hace", "vor", "назад"): the anchor moved
//!   back at the precision of the unit (days and weeks give a day, decades
//!   a year); a vague quantity ("several years ago") gives PAST_REF. "a year
//!   earlier/ago", "year-ago": the quarter a year before when a quarter is
//!   under discussion (earnings reports), else a date of the same sentence
//!   moved a year back, else the anchor's year minus one. "two years later"
//!   counts from the year last mentioned.
//! - "the following day", "the day before", "the previous week", "that
//!   year": relative to the last date resolved before at that precision,
//!   else to the anchor.
//! - Quarters: "the third quarter" is in the anchor's year unless a year is
//!   given; "the quarter ended Sept. 30" is the quarter of that date; "the
//!   quarter", "the latest quarter" are the last (completed) quarter
//!   mentioned, else the one before the anchor's; "the current quarter" is
//!   the anchor's; "the year-ago quarter" is a year before.
//! - "now", "currently", "current" → PRESENT_REF; "recently", "recent",
//!   "formerly", "the past", "at the time", "the past few months" →
//!   PAST_REF; "the future", "soon", "the coming weeks" → FUTURE_REF.
//! - Clock times take the day written next to them ("10 p.m. Wednesday",
//!   "Tuesday at 3 p.m.") or the anchor; "noon" is T12:00, "midnight"
//!   T24:00. Fixed holidays ("Christmas") resolve like "December 25".

mod calendar;
mod cjk;
mod gate;
mod grammar;
mod lexicon;
mod parse;
mod resolve;
mod tables;

use calendar::{days_from_civil, valid_ymd};
use parse::{Meaning, Parser, Tokens};
use resolve::Resolver;

/// A calendar date used as the anchor of relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Anchor {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// One time expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    pub text: String,
    pub value: Option<String>,
    pub start: usize,
    pub end: usize,
    pub kind: TimeKind,
}

/// TimeML type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeKind {
    Date,
    Time,
    Duration,
    Set,
}

// ---------------------------------------------------------------- public API

/// The weekday a word names in any language with tables (0 = Monday),
/// lowercase or not: "Tuesday", "mardi", "Dienstag" give 1.
pub fn weekday(word: &str) -> Option<u32> {
    let low = word.to_lowercase();
    tables::LANGS
        .iter()
        .find_map(|lg| lg.weekdays.iter().find(|(w, _)| *w == low).map(|(_, d)| *d))
}

/// Finds time expressions in `text` (offsets in Unicode scalar values, i.e.
/// chars, not bytes), resolving relative ones against `anchor` when given.
/// `lang` is an ISO 639-1 code ("en", "fr", "es", "de", "ru"); unknown →
/// treat as "en".
pub fn find_times(text: &str, lang: &str, anchor: Option<Anchor>) -> Vec<TimeMention> {
    scan(text, lang).resolve(text, anchor)
}

/// The time expressions of a text, found but not yet resolved: resolving
/// against several anchors (none, then one the text itself gives) scans
/// the text once.
#[derive(Debug)]
pub struct Scan {
    lg: &'static tables::Lang,
    en: bool,
    toks: parse::Tokens,
    cands: Vec<parse::Candidate>,
    /// Dates written the Chinese and Japanese way.
    cjk: Vec<cjk::Found>,
}

/// Finds the time expressions of `text` (see [`find_times`]).
pub fn scan(text: &str, lang: &str) -> Scan {
    let lg = tables::lang(lang);
    let en = std::ptr::eq(lg, &tables::EN);
    let toks = Tokens::new(text);
    let cands = Parser::new(&toks, lg, en).scan();
    Scan {
        lg,
        en,
        toks,
        cands,
        cjk: cjk::scan(text),
    }
}

impl Scan {
    /// Resolves the expressions found in `text` (the text given to [`scan`])
    /// against `anchor`.
    pub fn resolve(&self, text: &str, anchor: Option<Anchor>) -> Vec<TimeMention> {
        resolve_scan(self, text, anchor)
    }
}

fn resolve_scan(scan: &Scan, text: &str, anchor: Option<Anchor>) -> Vec<TimeMention> {
    let (toks, cands) = (&scan.toks.toks, &scan.cands);
    let parser = Parser::new(&scan.toks, scan.lg, scan.en);
    let anchor_day = anchor.and_then(|a| {
        valid_ymd(i64::from(a.year), a.month, a.day)
            .then(|| days_from_civil(i64::from(a.year), a.month, a.day))
    });
    let (ay, am) = anchor
        .filter(|_| anchor_day.is_some())
        .map_or((0, 1), |a| (i64::from(a.year), a.month));
    let mut res = Resolver {
        p: &parser,
        anchor: anchor_day,
        ay,
        am,
        refd: None,
        refm: None,
        refy: None,
        last_q: None,
        sent_val: None,
    };
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        let (Some(first), Some(last)) = (toks.get(c.a), toks.get(c.b.saturating_sub(1))) else {
            continue;
        };
        let (start, end) = (first.start, last.end);
        // The text given must be the text scanned: then the byte range is its own.
        let Some(span) = text.get(first.bstart as usize..last.bend as usize) else {
            continue;
        };
        if end <= start {
            continue;
        }
        let value = res.resolve(c).and_then(|v| v.render());
        let kind = match &c.sem {
            Meaning::Dur(_) => TimeKind::Duration,
            Meaning::Set(_) => TimeKind::Set,
            Meaning::Time { .. } | Meaning::Pod { .. } => TimeKind::Time,
            _ => TimeKind::Date,
        };
        out.push(TimeMention {
            text: span.to_string(),
            value,
            start,
            end,
            kind,
        });
    }
    let cjk = cjk::resolve(text, &scan.cjk, anchor);
    if !cjk.is_empty() {
        // A CJK date is read whole: what the word grammar found inside it goes.
        out.retain(|m| !cjk.iter().any(|c| m.start < c.end && c.start < m.end));
        out.extend(cjk);
        out.sort_by_key(|m| (m.start, m.end));
    }
    out
}

/// Whether an expression writes the year `y` out, in ASCII, full-width or
/// Chinese digits (2024, ２０２４年, 二〇二四年).
fn writes_year(text: &str, y: i64) -> bool {
    let ascii: String = text
        .chars()
        .map(|c| {
            cjk::digit(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect();
    ascii.contains(&format!("{y:04}"))
}

fn parse_value_day(v: &str) -> Option<(i64, u32, u32)> {
    let b = v.as_bytes();
    if b.len() < 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let y: i64 = v.get(0..4)?.parse().ok()?;
    let m: u32 = v.get(5..7)?.parse().ok()?;
    let d: u32 = v.get(8..10)?.parse().ok()?;
    valid_ymd(y, m, d).then_some((y, m, d))
}

/// The most specific absolute date the text itself gives (e.g. "April 9,
/// 2024" in a caption), for use as an anchor when no publication date is
/// known: the day-precision date written with its year that occurs most
/// often, the first one on ties.
pub fn best_absolute_date(mentions: &[TimeMention]) -> Option<Anchor> {
    // date -> (count, first position)
    let mut seen: std::collections::BTreeMap<(i64, u32, u32), (usize, usize)> =
        std::collections::BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != TimeKind::Date && m.kind != TimeKind::Time {
            continue;
        }
        let Some(ymd) = m.value.as_deref().and_then(parse_value_day) else {
            continue;
        };
        // written with its year: "April 9, 2024", "09/04/2024", not "Tuesday"
        if !writes_year(&m.text, ymd.0) {
            continue;
        }
        let e = seen.entry(ymd).or_insert((0, i));
        e.0 += 1;
    }
    let (&(y, m, d), _) = seen
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))?;
    Some(Anchor {
        year: i32::try_from(y).ok()?,
        month: m,
        day: d,
    })
}

/// The date of the main happening the article reports, at the precision
/// the text supports ("2024-04-09", "2024-04", "2024"), or None.
///
/// Candidates are day-precision dates within a week of the anchor (or, with
/// no anchor, dates written in full); the earliest one in the lead (the
/// first quarter of the text, at least 600 chars) wins, relative ones
/// ("today", "Tuesday") before explicit ones at equal position. Background
/// dates far from the anchor ("In March 2023, ...") are never chosen.
pub fn event_date(text: &str, mentions: &[TimeMention], anchor: Option<Anchor>) -> Option<String> {
    let n_chars = text.chars().count();
    let lead = (n_chars / 4).max(600);
    let anchor_day = anchor.and_then(|a| {
        valid_ymd(i64::from(a.year), a.month, a.day)
            .then(|| days_from_civil(i64::from(a.year), a.month, a.day))
    });
    let mut best: Option<(i64, String)> = None;
    for m in mentions {
        if m.kind != TimeKind::Date && m.kind != TimeKind::Time {
            continue;
        }
        let Some(v) = m.value.as_deref() else {
            continue;
        };
        let Some((y, mo, d)) = parse_value_day(v) else {
            continue;
        };
        let z = days_from_civil(y, mo, d);
        let explicit = writes_year(&m.text, y);
        let near = match anchor_day {
            Some(a) => (a - 7..=a + 2).contains(&z),
            None => explicit,
        };
        if !near {
            continue;
        }
        // earlier is better; outside the lead counts far less
        let mut score = m.start as i64;
        if m.start > lead {
            score += 100_000;
        }
        if explicit && m.start > 0 {
            score += 50;
        }
        let val = format!("{y:04}-{mo:02}-{d:02}");
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, val));
        }
    }
    if let Some((_, v)) = best {
        return Some(v);
    }
    // no day: the anchor's month when the lead names it ("this month", "in April")
    let a = anchor.filter(|_| anchor_day.is_some())?;
    let month = format!("{:04}-{:02}", a.year, a.month);
    mentions
        .iter()
        .filter(|m| m.start <= lead && matches!(m.kind, TimeKind::Date | TimeKind::Time))
        .find(|m| m.value.as_deref() == Some(month.as_str()))
        .map(|_| month)
}

#[cfg(test)]
mod tests;
