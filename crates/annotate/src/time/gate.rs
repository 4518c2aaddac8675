//! The words a time expression can start with: the gate of the scan.
//!
//! A word token outside the gate cannot begin an expression, so the scan
//! skips it without trying each recogniser: most tokens of a text are such
//! words. The gate is every word the tables of `tables.rs` hold (read from
//! the data files, `data/lexicon/time-*.tsv`), derived when the gate is
//! first used, so that a word added to a file is in the gate, and the words
//! the rules in Rust name ([`RULE_WORDS`], kept by hand:
//! `tests::gate_covers_every_word_of_the_module` keeps it complete, and the
//! tests below keep it free of table words). [`FUNCTION_WORDS`] says which
//! gate words begin an expression only with content after them.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as FxMap;

use super::tables;

/// Words the recognisers and the tense rules of `grammar.rs`, `parse.rs`,
/// `resolve.rs` and `mod.rs` name, the codes of `tables.rs` (language and
/// season codes), and, so that the gate stays what it was when the tables
/// were Rust source, the TIMEX3 part-of-day codes and a few words of the
/// examples in comments. Sorted, lowercase, no word of the tables. The
/// context words of `time-context.tsv` (read only next to a candidate)
/// are not in the gate.
#[rustfmt::skip]
pub(super) static RULE_WORDS: &[&str] = &[
    "about", "account", "af", "almost", "am", "and", "anfang", "annually", "approximately", "are",
    "around", "ash", "barely", "be", "bebel", "beginning", "being", "between", "black", "bloody",
    "born", "brinkley", "but", "calendar", "christmas", "ci", "clinic", "comparable",
    "corresponding", "covid", "cyber", "d", "daily", "david", "determine", "début", "each", "early",
    "eed", "effect", "eighties", "ende", "ended", "ending", "er", "es", "ev", "eve", "every", "fa",
    "fewer", "fifties", "filed", "final", "finales", "fiscal", "flat", "following", "for",
    "forties", "fr", "from", "full", "games", "gmt", "good", "guidelines", "h", "half", "halloween",
    "have", "he", "her", "his", "holy", "hourly", "hrs", "into", "is", "it", "its", "just", "la",
    "las", "late", "least", "less", "listed", "local", "mediados", "mi", "middle", "midnight",
    "mile", "mitte", "mo", "monthly", "more", "most", "n", "nd", "nearly", "new", "newly", "ni",
    "nineties", "noon", "nr", "number", "olympics", "on", "only", "or", "our", "over", "page",
    "per", "period", "pm", "point", "por", "preceding", "principios", "prior", "published", "pxce",
    "pxde", "quarterly", "que", "qx", "rd", "roughly", "ru", "same", "seasonally", "seat", "set",
    "seventies", "she", "sixties", "slow", "so", "sp", "ss", "start", "still", "strong", "stronger",
    "style", "su", "subsequent", "super", "take", "taken", "takes", "th", "than", "that", "their",
    "they", "thirties", "thousand", "through", "till", "time", "to", "trading", "twenties", "uhr",
    "um", "utc", "valentine", "version", "very", "viene", "vintage", "voa", "weak", "weaker",
    "weekly", "when", "wi", "with", "world", "wxx", "x", "xx", "xxxx", "yearly", "º", "ème", "во",
    "конце", "на", "начале", "середине", "тому",
];

/// The words of table entries as the gate holds them: each entry split at
/// spaces, hyphens and apostrophes ("après-midi" gives "après" and "midi"),
/// parts of letters only (a token with a digit passes the gate anyway).
fn words_of(entries: &[&'static str]) -> impl Iterator<Item = &'static str> {
    entries
        .iter()
        .flat_map(|e| e.split(|c: char| c.is_whitespace() || c == '-' || c == '\''))
        .filter(|p| !p.is_empty() && p.chars().all(char::is_alphabetic))
}

/// Every word of the gate: those of the tables of every language, and
/// [`RULE_WORDS`] (a word may come twice).
fn gate_words() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for lg in tables::LANGS {
        out.extend(words_of(&lg.entries()));
    }
    out.extend(RULE_WORDS);
    out
}

/// Frequent words of the gate that never make an expression alone: they
/// begin one ("the coming weeks", "a year ago", "in the early 1990s") only
/// when a word of another kind, or a number, follows within
/// [`FUNCTION_REACH`] tokens. Tense cues ("said", "will") and count nouns
/// ("people") are here too: they are in the gate for other rules.
/// `tests::function_words_are_no_expression_alone` keeps this true.
#[rustfmt::skip]
pub(super) static FUNCTION_WORDS: &[&str] = &[
    // English
    "a", "about", "after", "an", "and", "are", "as", "at", "attacks", "be", "been", "before",
    "being", "between", "but", "by", "came", "d", "did", "during", "every", "for", "found",
    "from", "games", "going", "got", "had", "have", "he", "her", "his", "in", "into", "is", "it",
    "its", "just", "lot", "m", "made", "members", "might", "more", "mr", "need", "no", "of",
    "officers", "on", "only", "or", "our", "over", "p", "people", "percent", "points", "police",
    "put", "s", "said", "set", "she", "should", "since", "so", "some", "still", "take", "than",
    "that", "the", "their", "these", "they", "this", "through", "to", "told", "took", "u",
    "united", "until", "very", "war", "was", "went", "were", "when", "will", "with", "world",
    "would",
    // French, Spanish, German, Russian
    "à", "au", "aux", "avait", "ce", "cette", "de", "des", "du", "el", "en", "et", "la", "las",
    "le", "les", "los", "un", "una", "une", "y", "am", "das", "dem", "den", "der", "des", "die",
    "im", "und", "von", "zu", "в", "во", "и", "на", "с",
];

/// How many tokens after a function word the content of an expression
/// may begin: the longest chain of function words in an expression is
/// three ("more than a decade ago"); one more for margin.
pub(super) const FUNCTION_REACH: usize = 4;

/// What the gate knows of a lowercase word: whether it may begin a time
/// expression (it is in the gate) and whether it is one of
/// [`FUNCTION_WORDS`]. One lookup answers both; words of up to 16 bytes
/// (nearly all) are looked up as one integer, without a string compare.
pub(super) fn classify(word: &str) -> (bool, bool) {
    type Flags = (bool, bool);
    type Maps = (FxMap<u128, Flags>, FxMap<&'static str, Flags>);
    static MAPS: OnceLock<Maps> = OnceLock::new();
    let (short, long) = MAPS.get_or_init(|| {
        let mut short: FxMap<u128, Flags> = FxMap::default();
        let mut long: FxMap<&'static str, Flags> = FxMap::default();
        let mut set = |w: &'static str, f: &dyn Fn(&mut Flags)| match pack(w) {
            Some(k) => f(short.entry(k).or_default()),
            None => f(long.entry(w).or_default()),
        };
        for w in gate_words() {
            set(w, &|e| e.0 = true);
        }
        for w in FUNCTION_WORDS {
            set(w, &|e| e.1 = true);
        }
        (short, long)
    });
    match pack(word) {
        Some(k) => short.get(&k).copied().unwrap_or_default(),
        None => long.get(word).copied().unwrap_or_default(),
    }
}

/// The bytes of a word of 1 to 16 bytes as one integer. Words are letters
/// and digits, never NUL, so the zero padding keeps lengths apart.
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

/// Whether a lowercase word may begin a time expression.
#[cfg(test)]
pub(super) fn may_start(word: &str) -> bool {
    classify(word).0
}

#[cfg(test)]
mod tests {
    use super::super::lexicon;
    use super::super::tables::{DE_TSV, EN_TSV, ES_TSV, FR_TSV, RU_TSV};
    use super::*;

    /// Every word of every data file passes the gate: read from the files
    /// themselves (the second column of each line), so that a table the
    /// derivation forgets fails here.
    #[test]
    fn gate_holds_every_word_of_the_data_files() {
        for text in [EN_TSV, FR_TSV, ES_TSV, DE_TSV, RU_TSV] {
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let entry = line.split('\t').nth(1).unwrap_or_default();
                for w in words_of(&[entry]) {
                    assert!(may_start(w), "`{w}` of `{line}` is not in the gate");
                }
            }
        }
    }

    /// A word added to a table is in the derived words.
    #[test]
    fn derivation_reads_every_table() {
        let text = "month\tbrumaire\t2\nphrase\tl'an dernier\tday -1\n\
                    part-of-day\tdemi-journée\tAF\nfuture\tadviendra\n\
                    ago-before\tvoilà\ncount-noun\tâmes\n";
        let w = lexicon::parse(text).expect("parses");
        let got: Vec<&str> = words_of(&w.entries()).collect();
        let want = [
            "brumaire",
            "l",
            "an",
            "dernier",
            "demi",
            "journée",
            "adviendra",
            "voilà",
            "âmes",
        ];
        for x in want {
            assert!(got.contains(&x), "`{x}` not derived: {got:?}");
        }
    }

    /// The hand-kept words are sorted, once each, and none is a word of the
    /// tables (those come from the data files).
    #[test]
    fn rule_words_are_sorted_and_no_table_words() {
        assert!(
            RULE_WORDS.windows(2).all(|p| p[0] < p[1]),
            "RULE_WORDS not sorted"
        );
        let mut table_words: Vec<&str> = Vec::new();
        for lg in tables::LANGS {
            table_words.extend(words_of(&lg.entries()));
        }
        for w in RULE_WORDS {
            assert_eq!(*w, w.to_lowercase());
            assert!(
                !table_words.contains(w),
                "`{w}` is a table word: remove it from RULE_WORDS"
            );
        }
    }
}
