//! Word lists kept as data (`data/lexicon/*.tsv`), compiled in with
//! `include_str!` and parsed once, so that adding a word or a language is a
//! change to a reviewable file, not to Rust source. Shared by the entity and
//! quote finders, which used to keep lists of their own.
//!
//! - `given-names.tsv`: given names with their gender (`m`, `f`, `-`).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

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
    fn built_in_given_names_parse() {
        let names = GivenNames::parse(GIVEN_NAMES_TSV).expect("given-names.tsv parses");
        assert!(names.by_name.len() > 700);
        assert_eq!(names.gender("lindsay"), Some('f'));
        assert_eq!(names.gender("sergei"), Some('m'));
        assert_eq!(names.gender("françois"), Some('m'));
        assert_eq!(names.gender("table"), None);
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
