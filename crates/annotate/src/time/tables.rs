//! The word tables of the time-expression recogniser, one [`Lang`] per
//! language, and the types their entries carry.
//!
//! The words are data: one file per language, `data/lexicon/time-en.tsv`,
//! `time-fr.tsv`, `time-es.tsv`, `time-de.tsv`, `time-ru.tsv`, compiled in
//! with `include_str!` and read once, on first use, by `lexicon.rs` (the
//! format is described at the top of each file). What is not a word list
//! stays here: the types, how numeric dates are read and whether names
//! are capitalised, and which code selects which language. All forms are
//! lowercase; `'` stands for both `'` and `’`.

use std::ops::Deref;
use std::sync::LazyLock;

use super::lexicon;

/// A unit of duration or calendar arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Direction given by "last", "next", "this", "dernier", "прошлый"...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Last,
    Next,
    This,
}

/// What a fixed phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phrase {
    /// A day relative to the anchor ("yesterday" = -1).
    Day(i64),
    /// A part of a day relative to the anchor ("last night" = -1, "NI").
    DayPod(i64, &'static str),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
}

/// One language: its reading conventions, and its words, read from its
/// data file on first use (a [`Lang`] dereferences to its [`Words`], so
/// `lg.months` reads the month table).
#[derive(Debug)]
pub(super) struct Lang {
    /// Numeric dates read day first (09/04/2024 = 9 April).
    pub day_first: bool,
    /// Month and weekday names are written with a capital (English, German).
    pub capitalised: bool,
    words: LazyLock<Words>,
}

impl Deref for Lang {
    type Target = Words;

    fn deref(&self) -> &Words {
        &self.words
    }
}

/// Word tables of one language, as read from its data file: each field is
/// filled by the lines of one table of the file (its name in backticks).
#[derive(Debug, Default)]
pub(super) struct Words {
    /// `month`: names and abbreviations, with the month 1–12.
    pub months: &'static [(&'static str, u32)],
    /// `weekday`: names, with the day: 0 = Monday … 6 = Sunday.
    pub weekdays: &'static [(&'static str, u32)],
    /// `number`: words with their value.
    pub numbers: &'static [(&'static str, i64)],
    /// `vague`: quantities without a number: "several", "a few" (the X of
    /// PXY).
    pub vague: &'static [&'static str],
    /// `ordinal`: words with their value.
    pub ordinals: &'static [(&'static str, u32)],
    /// `unit`: duration units, singular and plural.
    pub units: &'static [(&'static str, Unit)],
    /// `calendar`: units after "last"/"this"/"next".
    pub cal: &'static [(&'static str, Unit)],
    /// `relative-before`: "last", "this", "nächste" before the unit.
    pub mods_before: &'static [(&'static str, Rel)],
    /// `relative-after`: "dernier", "pasado" after the unit.
    pub mods_after: &'static [(&'static str, Rel)],
    /// `phrase`: fixed phrases, as tokens, with their meaning.
    pub phrases: &'static [(&'static [&'static str], Phrase)],
    /// `part-of-day`: "morning" → "MO".
    pub pods: &'static [(&'static str, &'static str)],
    /// `season`: seasons, with the index of their code in [`SEASON_CODES`].
    pub seasons: &'static [(&'static str, u32)],
    /// `ago-after`: words after a quantity that make it lie in the past:
    /// "ago", "назад".
    pub ago_after: &'static [&'static str],
    /// `ago-before`: words before a quantity that make it lie in the
    /// past: "il y a", "hace", "vor".
    pub ago_before: &'static [&'static [&'static str]],
    /// `future`: words that make a clause look forward.
    pub future: &'static [&'static str],
    /// `past`: words that make a clause look back.
    pub past: &'static [&'static str],
    /// `future-suffix`: endings of future verb forms.
    pub future_suffix: &'static [&'static str],
    /// `past-suffix`: endings of past verb forms.
    pub past_suffix: &'static [&'static str],
    /// `link`: words that may link day, month and year: "of", "de", "года".
    pub links: &'static [&'static str],
    /// `season-before`: when the language lists any, a season word with
    /// neither a modifier nor a year is a season only right after one of
    /// them ("in summer"; French "l'été", not the participle of "a été").
    pub season_before: &'static [&'static str],
    /// `abbreviation`: those of this file; read through [`ABBREVIATIONS`],
    /// which merges those of all languages.
    pub abbreviations: &'static [&'static str],
    /// `count-noun`: those of this file; read through [`COUNT_NOUNS`], which
    /// merges those of all languages.
    pub count_nouns: &'static [&'static str],
}

impl Words {
    /// Every entry of every table: single words, the tokens of phrases,
    /// and multi-word entries as written. (The gate is built from this:
    /// a table added to [`Words`] must be added here.)
    pub(super) fn entries(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for t in [self.months, self.weekdays, self.ordinals, self.seasons] {
            out.extend(t.iter().map(|(w, _)| *w));
        }
        out.extend(self.numbers.iter().map(|(w, _)| *w));
        for t in [self.units, self.cal] {
            out.extend(t.iter().map(|(w, _)| *w));
        }
        for t in [self.mods_before, self.mods_after] {
            out.extend(t.iter().map(|(w, _)| *w));
        }
        for (words, _) in self.phrases {
            out.extend(words.iter().copied());
        }
        out.extend(self.pods.iter().map(|(w, _)| *w));
        for words in self.ago_before {
            out.extend(words.iter().copied());
        }
        for t in [
            self.vague,
            self.ago_after,
            self.future,
            self.past,
            self.future_suffix,
            self.past_suffix,
            self.links,
            self.season_before,
            self.abbreviations,
            self.count_nouns,
        ] {
            out.extend(t.iter().copied());
        }
        out
    }
}

pub(super) const SEASON_CODES: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// The data files, as compiled in.
pub(super) const EN_TSV: &str = include_str!("../../data/lexicon/time-en.tsv");
pub(super) const FR_TSV: &str = include_str!("../../data/lexicon/time-fr.tsv");
pub(super) const ES_TSV: &str = include_str!("../../data/lexicon/time-es.tsv");
pub(super) const DE_TSV: &str = include_str!("../../data/lexicon/time-de.tsv");
pub(super) const RU_TSV: &str = include_str!("../../data/lexicon/time-ru.tsv");

/// The words of a built-in file (checked by a test; an unreadable file
/// would leave the language without words rather than fail an analysis).
fn load(text: &'static str) -> Words {
    lexicon::parse(text).unwrap_or_default()
}

pub(super) static EN: Lang = Lang {
    day_first: false,
    capitalised: true,
    words: LazyLock::new(|| load(EN_TSV)),
};

pub(super) static FR: Lang = Lang {
    day_first: true,
    capitalised: false,
    words: LazyLock::new(|| load(FR_TSV)),
};

pub(super) static ES: Lang = Lang {
    day_first: true,
    capitalised: false,
    words: LazyLock::new(|| load(ES_TSV)),
};

pub(super) static DE: Lang = Lang {
    day_first: true,
    capitalised: true,
    words: LazyLock::new(|| load(DE_TSV)),
};

pub(super) static RU: Lang = Lang {
    day_first: true,
    capitalised: false,
    words: LazyLock::new(|| load(RU_TSV)),
};

/// Every language with tables.
pub(super) static LANGS: [&Lang; 5] = [&EN, &FR, &ES, &DE, &RU];

/// The tables for an ISO 639-1 code; unknown codes read as English.
pub(super) fn lang(code: &str) -> &'static Lang {
    match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("fr") => &FR,
        Some("es") => &ES,
        Some("de") => &DE,
        Some("ru") => &RU,
        _ => &EN,
    }
}

/// The context words, as compiled in.
pub(super) const CONTEXT_TSV: &str = include_str!("../../data/lexicon/time-context.tsv");

/// Words the year and tense rules read next to a candidate, of every
/// language at once (`data/lexicon/time-context.tsv`; not in the gate:
/// none of them starts an expression).
#[derive(Debug, Default)]
pub(super) struct Context {
    /// `year-before`: a four-digit number after one of these is a year.
    pub year_before: Vec<&'static str>,
    /// `year-noun`: plurals after a number that leave it a year.
    pub year_nouns: Vec<&'static str>,
    /// `not-past`: English words in -ed that are no past tense.
    pub not_past: Vec<&'static str>,
    /// `reference-noun`: a number after one of these is a label.
    pub reference_nouns: Vec<&'static str>,
    /// `time-zone`: abbreviations after a clock time.
    pub time_zones: Vec<&'static str>,
}

/// The context words (checked by a test; an unreadable file would leave
/// the rules without context rather than fail an analysis).
pub(super) static CONTEXT: LazyLock<Context> =
    LazyLock::new(|| lexicon::parse_context(CONTEXT_TSV).unwrap_or_default());

/// Abbreviations after which a full stop does not end a sentence: the
/// `abbreviation` entries of all files (the sentence split does not know
/// the language).
pub(super) static ABBREVIATIONS: LazyLock<&'static [&'static str]> =
    LazyLock::new(|| merged(|w| w.abbreviations));

/// Nouns after which a four-digit number counts things, not years: the
/// `count-noun` entries of all files.
pub(super) static COUNT_NOUNS: LazyLock<&'static [&'static str]> =
    LazyLock::new(|| merged(|w| w.count_nouns));

/// One table of every language, in the order of [`LANGS`], each word once.
fn merged(table: fn(&Words) -> &'static [&'static str]) -> &'static [&'static str] {
    let mut out: Vec<&'static str> = Vec::new();
    for lg in LANGS {
        for w in table(lg) {
            if !out.contains(w) {
                out.push(w);
            }
        }
    }
    out.leak()
}
