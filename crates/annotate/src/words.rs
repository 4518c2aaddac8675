//! Word lists kept as data (`data/lexicon/*.tsv`), compiled in with
//! `include_str!` and parsed once, so that adding a word or a language is a
//! change to a reviewable file, not to Rust source. Shared by the entity and
//! quote finders, which used to keep lists of their own.
//!
//! - `given-names.tsv`: given names with their gender (`m`, `f`, `-`);
//! - `entities-LL.tsv`, one per language: the entity finder's cue words
//!   (`category<TAB>word`: titles, honorifics, role nouns, organization and
//!   place words, prepositions, reporting verbs, sentence starters);
//! - `quotes-LL.tsv`, one per language: the quote attributor's words
//!   (`category<TAB>word`, and a third column for the gender of a pronoun or
//!   a title and the synonyms of a role), read by `quotes::tables`;
//! - `nicknames.tsv`: nicknames and the given names they stand for.
//!
//! [`rows`] reads the columns of any of these files, [`pairs`] the files of
//! exactly two columns; a bad line is a [`WordListError`] with its number.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The entity finder's cue words, one file per language.
pub const ENTITY_WORDS: &[(&str, &str)] = &[
    ("en", include_str!("../data/lexicon/entities-en.tsv")),
    ("fr", include_str!("../data/lexicon/entities-fr.tsv")),
    ("es", include_str!("../data/lexicon/entities-es.tsv")),
    ("de", include_str!("../data/lexicon/entities-de.tsv")),
    ("ru", include_str!("../data/lexicon/entities-ru.tsv")),
    ("it", include_str!("../data/lexicon/entities-it.tsv")),
    ("pt", include_str!("../data/lexicon/entities-pt.tsv")),
    ("el", include_str!("../data/lexicon/entities-el.tsv")),
    ("tr", include_str!("../data/lexicon/entities-tr.tsv")),
];

/// The categories of `entities-LL.tsv`.
pub const ENTITY_CATEGORIES: &[&str] = &[
    "title",
    "honorific",
    "role_noun",
    "org_word",
    "org_head",
    "place_word",
    "place_prep",
    "report_verb",
    "stop",
    "article",
    "case_ending",
    "place_ending",
    "common_ending",
    "title_modifier",
    "name_particle",
    "org_connector",
    "descriptor_noun",
];

/// The Arabic name finder's words (`entities::caseless`), with categories of
/// their own: the script has no capital letters to go by.
pub const ARABIC_WORDS: &str = include_str!("../data/lexicon/entities-ar.tsv");

/// The Hebrew name finder's words (`entities::caseless`), in the categories
/// of the Arabic ones.
pub const HEBREW_WORDS: &str = include_str!("../data/lexicon/entities-he.tsv");

/// The Chinese person finder's words (`entities::chinese`): surnames,
/// titles, verbs of saying.
pub const CHINESE_WORDS: &str = include_str!("../data/lexicon/entities-zh.tsv");

/// The quote attributor's words, one file per language.
pub const QUOTE_WORDS: &[(&str, &str)] = &[
    ("en", include_str!("../data/lexicon/quotes-en.tsv")),
    ("fr", include_str!("../data/lexicon/quotes-fr.tsv")),
    ("es", include_str!("../data/lexicon/quotes-es.tsv")),
    ("de", include_str!("../data/lexicon/quotes-de.tsv")),
    ("ru", include_str!("../data/lexicon/quotes-ru.tsv")),
];

/// Nicknames and the given names they stand for.
pub const NICKNAMES_TSV: &str = include_str!("../data/lexicon/nicknames.tsv");

/// One line of a word list: `category<TAB>word` or
/// `category<TAB>word<TAB>value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The line number in the file, from 1.
    pub line: usize,
    pub category: &'static str,
    pub word: &'static str,
    /// The third column, when there is one.
    pub value: Option<&'static str>,
}

impl Row {
    /// An error about this line.
    pub fn error(&self, message: String) -> WordListError {
        WordListError {
            line: self.line,
            message,
        }
    }
}

/// The lines of a word list (`#` comments and blank lines skipped), each of
/// two or three non-empty tab-separated columns, or the first line that is
/// not.
pub fn rows(text: &'static str) -> Result<Vec<Row>, WordListError> {
    read(text, true)
}

/// The two columns of each line of a word list (`#` comments and blank
/// lines skipped), or the first line that has not exactly two.
pub fn pairs(text: &'static str) -> Result<Vec<(&'static str, &'static str)>, WordListError> {
    Ok(read(text, false)?
        .into_iter()
        .map(|r| (r.category, r.word))
        .collect())
}

/// The rows of `text`, with a third column when `value` allows one.
fn read(text: &'static str, value: bool) -> Result<Vec<Row>, WordListError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let row = |category, word, value| Row {
            line: i + 1,
            category,
            word,
            value,
        };
        match (cols.next(), cols.next(), cols.next(), cols.next()) {
            (Some(a), Some(b), None, None) if !a.is_empty() && !b.is_empty() => {
                out.push(row(a, b, None));
            }
            (Some(a), Some(b), Some(c), None)
                if value && !a.is_empty() && !b.is_empty() && !c.is_empty() =>
            {
                out.push(row(a, b, Some(c)));
            }
            _ => {
                let n = if value { "two or three" } else { "two" };
                return Err(WordListError {
                    line: i + 1,
                    message: format!("expected {n} tab-separated columns in {line:?}"),
                });
            }
        }
    }
    Ok(out)
}

/// Every word of `category` in the entity cue lists of all languages (the
/// cues of every language are always on). A list that does not parse
/// gives no words (the tests check the built-in ones).
pub fn entity_words(category: &str) -> impl Iterator<Item = &'static str> + '_ {
    ENTITY_WORDS
        .iter()
        .flat_map(|(_, text)| pairs(text).unwrap_or_default())
        .filter(move |(c, _)| *c == category)
        .map(|(_, w)| w)
}

/// Whether text in `lang` writes a name's case ending after an apostrophe
/// (Turkish and Azerbaijani: "Ankara'da").
pub fn writes_case_endings(lang: &str) -> bool {
    matches!(lang, "tr" | "az")
}

/// Whether `ending` is a case ending a name takes after an apostrophe in
/// Turkish ("da" of "Ankara'da"; `case_ending` in `entities-tr.tsv`).
pub fn is_case_ending(ending: &str) -> bool {
    static ENDINGS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| entity_words("case_ending").collect());
    ENDINGS.contains(ending)
}

/// Whether a case ending says "in" or "from" a place ("da", "dan";
/// `place_ending` in `entities-tr.tsv`).
pub fn is_place_ending(ending: &str) -> bool {
    static ENDINGS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| entity_words("place_ending").collect());
    ENDINGS.contains(ending)
}

/// Whether a capitalised word ends, without an apostrophe, in an ending
/// that makes it a common noun ("Toplantının"; `common_ending` in
/// `entities-tr.tsv`): an ending of three to six letters after a stem of
/// at least three.
pub fn has_common_ending(low: &str) -> bool {
    static ENDINGS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| entity_words("common_ending").collect());
    // The starts of the endings of 1, 2, ... characters, without collecting
    // the word's characters: those of 3 to 6, leaving a stem of three.
    let letters = low.chars().count();
    low.char_indices()
        .rev()
        .map(|(at, _)| at)
        .take(6.min(letters.saturating_sub(3)))
        .enumerate()
        .any(|(i, at)| i >= 2 && ENDINGS.contains(&low[at..]))
}

/// The given-name list, as compiled in.
pub const GIVEN_NAMES_TSV: &str = include_str!("../data/lexicon/given-names.tsv");

/// Given names by their lowercase form, with a gender: `'m'`, `'f'` or
/// `'-'` (unknown or either).
#[derive(Debug, Clone, Default)]
pub struct GivenNames {
    by_name: FxHashMap<String, char>,
}

/// A line of a word list that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct WordListError {
    pub line: usize,
    pub message: String,
}

impl GivenNames {
    /// Parses `name<TAB>gender` lines (`#` comments, blank lines skipped).
    pub fn parse(text: &str) -> Result<GivenNames, WordListError> {
        let mut by_name = FxHashMap::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| WordListError {
                line: i + 1,
                message,
            };
            let (name, gender) = line
                .split_once('\t')
                .ok_or_else(|| err("expected name<TAB>gender".to_string()))?;
            let gender = match gender {
                "m" => 'm',
                "f" => 'f',
                "-" => '-',
                other => return Err(err(format!("gender {other:?} is not m, f or -"))),
            };
            if name.is_empty() || name != name.to_lowercase() || name.contains(' ') {
                return Err(err(format!("{name:?} is not one lowercase word")));
            }
            if by_name.insert(name.to_string(), gender).is_some() {
                return Err(err(format!("{name:?} is listed twice")));
            }
        }
        Ok(GivenNames { by_name })
    }

    /// The gender of a given name written in lowercase, if it is one.
    pub fn gender(&self, lowercase: &str) -> Option<char> {
        self.by_name.get(lowercase).copied()
    }

    /// Every name, lowercase, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

/// The built-in given names (checked by a test; an unreadable list would
/// leave it empty rather than fail an analysis).
pub fn given_names() -> &'static GivenNames {
    static GIVEN: LazyLock<GivenNames> =
        LazyLock::new(|| GivenNames::parse(GIVEN_NAMES_TSV).unwrap_or_default());
    &GIVEN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_endings_need_a_stem() {
        assert!(has_common_ending("toplantının") && has_common_ending("görüşmenin"));
        assert!(has_common_ending("bakanların"));
        // A name of its own length, or a stem shorter than three letters.
        for w in ["ankara", "özden", "lenin", "nin", "fidan"] {
            assert!(!has_common_ending(w), "{w}");
        }
    }

    #[test]
    fn built_in_given_names_parse() {
        let names = GivenNames::parse(GIVEN_NAMES_TSV).expect("given-names.tsv parses");
        assert!(names.by_name.len() > 700);
        assert_eq!(names.gender("lindsay"), Some('f'));
        assert_eq!(names.gender("sergei"), Some('m'));
        assert_eq!(names.gender("françois"), Some('m'));
        assert_eq!(names.gender("table"), None);
    }

    #[test]
    fn built_in_entity_words_parse_with_known_categories() {
        for (lang, text) in ENTITY_WORDS {
            let rows = pairs(text).unwrap_or_else(|e| panic!("entities-{lang}.tsv: {e}"));
            assert!(!rows.is_empty(), "{lang}");
            for (cat, word) in rows {
                assert!(
                    ENTITY_CATEGORIES.contains(&cat),
                    "entities-{lang}.tsv: category {cat:?}"
                );
                assert_eq!(word, word.to_lowercase(), "entities-{lang}.tsv: {word:?}");
            }
        }
        assert!(entity_words("title").any(|w| w == "präsident"));
        assert!(entity_words("report_verb").any(|w| w == "сказал"));
        let nicks = pairs(NICKNAMES_TSV).expect("nicknames.tsv parses");
        assert!(nicks.contains(&("william", "bill")), "{nicks:?}");
    }

    #[test]
    fn rows_have_two_or_three_columns() {
        let rows = rows("# c\n\ntitle\tmr\tm\r\ncue\tsaid\n").expect("parses");
        let want = [
            Row {
                line: 3,
                category: "title",
                word: "mr",
                value: Some("m"),
            },
            Row {
                line: 4,
                category: "cue",
                word: "said",
                value: None,
            },
        ];
        assert_eq!(rows, want);
        for (bad, line) in [
            ("cue\n", 1),
            ("cue\tsaid\n\ttold\n", 2),
            ("# c\ncue\tsaid\t\n", 2),
            ("cue\tsaid\tx\ty\n", 1),
        ] {
            let err = super::rows(bad).expect_err(bad);
            assert_eq!(err.line, line, "{bad:?}: {err}");
            assert!(err.message.contains("two or three"), "{err}");
        }
        assert_eq!(pairs("a\tb\n"), Ok(vec![("a", "b")]));
        let err = pairs("a\tb\nc\td\te\n").expect_err("three columns");
        assert_eq!(err.line, 2);
        assert_eq!(
            err.message,
            "expected two tab-separated columns in \"c\\td\\te\""
        );
        let err = pairs("a\n").expect_err("one column");
        assert_eq!(err.message, "expected two tab-separated columns in \"a\"");
    }

    #[test]
    fn bad_lines_are_named() {
        let err = GivenNames::parse("# c\nanna\tf\nBob\tm\n").expect_err("capital");
        assert_eq!(err.line, 3);
        let err = GivenNames::parse("anna\tx\n").expect_err("gender");
        assert!(err.message.contains("gender"), "{err}");
        let err = GivenNames::parse("anna\tf\nanna\tf\n").expect_err("twice");
        assert!(err.message.contains("twice"), "{err}");
    }
}
