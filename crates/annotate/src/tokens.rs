//! The one token layer of an article, which the entity and quote finders
//! both read (the quote finder collapses each quoted span into one token
//! of it, `quotes::tokens`): words (with internal apostrophes, hyphens and
//! dotted abbreviations such as "U.S."), single punctuation characters,
//! char and byte offsets, capitalisation, line breaks and sentence starts.

use std::borrow::Cow;

use crate::entities::fold;

/// One token of the text.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    /// Char offsets of the whole token.
    pub start: usize,
    pub end: usize,
    /// Byte offsets of the whole token.
    pub bstart: usize,
    pub bend: usize,
    /// Char end of the name part (before a possessive 's).
    pub name_end: usize,
    /// Byte end of the name part.
    pub name_bend: usize,
    /// True for words, false for punctuation.
    pub word: bool,
    /// The punctuation character (words: '\0').
    pub punct: char,
    /// First letter uppercase.
    pub cap: bool,
    /// Every letter uppercase and at least two letters.
    pub upper: bool,
    /// The word ends with a possessive 's / ’s / s'.
    pub possessive: bool,
    /// Capitalised, and ends without an apostrophe in an ending that only
    /// a common noun takes so (Turkish "Toplantının": a name would be
    /// written "X'ın"); only in languages that write case endings after an
    /// apostrophe ([`crate::words::has_common_ending`]).
    pub common_ending: bool,
    /// A line break lies between the previous token and this one.
    pub newline_before: bool,
    /// First word of a sentence (or of a line).
    pub sent_start: bool,
    /// Index of the line (paragraph) the token is on.
    pub line: usize,
    /// Folded name part (words only), for name matching.
    pub key: Cow<'a, str>,
    /// Lowercase name part without apostrophes, for word lists.
    pub low: Cow<'a, str>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenizes `text` (at most its first 4 GiB).
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    tokenize_in(text, "")
}

/// Tokenizes `text` written in `lang` (ISO 639-1): in Turkish and
/// Azerbaijani a name's case ending after an apostrophe ("Ankara’da",
/// "Erdoğan'ın") is not part of the name, as an English possessive is not.
pub fn tokenize_in<'a>(text: &'a str, lang: &str) -> Vec<Tok<'a>> {
    let mut chars = CharTable::new(first_4_gib(text));
    chars.case_endings = crate::words::writes_case_endings(lang);
    let n = chars.len();
    let mut toks: Vec<Tok> = Vec::with_capacity(n / 5 + 16);
    let mut i = 0;
    let mut newline = true;
    let mut line = 0;
    while i < n {
        let c = chars.at(i);
        if c.is_whitespace() {
            if is_line_break(c) {
                if !newline {
                    line += 1;
                }
                newline = true;
            }
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let end = chars.word_end(i);
            toks.push(chars.word(i, end, newline, line));
            i = end;
        } else {
            toks.push(chars.punct(i, newline, line));
            i += 1;
        }
        newline = false;
    }
    mark_sentence_starts(&mut toks);
    toks
}

/// The text cut to its first 4 GiB, at a char boundary.
fn first_4_gib(text: &str) -> &str {
    let mut cut = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}'
}

/// The chars of the text with their byte offsets, which tokens are cut
/// from.
struct CharTable<'a> {
    text: &'a str,
    /// Byte offset and char of each char. Byte offsets as u32 keep the
    /// table at 8 bytes a character: texts reaching annotation are far
    /// below 4 GiB.
    chars: Vec<(u32, char)>,
    /// Case endings after an apostrophe are cut off names (Turkish).
    case_endings: bool,
}

impl<'a> CharTable<'a> {
    fn new(text: &'a str) -> CharTable<'a> {
        let mut chars: Vec<(u32, char)> = Vec::with_capacity(text.len());
        chars.extend(
            text.char_indices()
                .map(|(b, c)| (u32::try_from(b).unwrap_or(u32::MAX), c)),
        );
        CharTable {
            text,
            chars,
            case_endings: false,
        }
    }

    /// Number of chars.
    fn len(&self) -> usize {
        self.chars.len()
    }

    /// The char at index `i`.
    fn at(&self, i: usize) -> char {
        self.chars[i].1
    }

    /// Byte offset of char `i` (the text's length past the end).
    fn byte_at(&self, i: usize) -> usize {
        self.chars
            .get(i)
            .map_or(self.text.len(), |&(b, _)| b as usize)
    }

    /// End (char index, exclusive) of the word starting at char `i`,
    /// including the final dot of a dotted abbreviation ("U.S.").
    fn word_end(&self, i: usize) -> usize {
        // URL slugs ("Trial-begins-for-Spiro-man"): three hyphens make
        // them separators, and the word is scanned again without hyphens.
        let mut j = self
            .scan_word(i, true)
            // (without hyphens there is no third one to stop at).
            .unwrap_or_else(|| self.scan_word(i, false).unwrap_or(i + 1));
        if j < self.len() && self.at(j) == '.' && j >= i + 2 && self.at(j - 2) == '.' {
            j += 1;
        }
        j
    }

    /// Scans the word starting at char `i`: letters and digits, joined by
    /// apostrophes, by hyphens when `hyphens_ok` (not before a function
    /// word) and by the dots between single letters (U.S., U.N.). Returns
    /// its end, or `None` at a third hyphen (seen at the third, so a long
    /// chain is not rescanned from each word).
    fn scan_word(&self, i: usize, hyphens_ok: bool) -> Option<usize> {
        let chars = &self.chars;
        let n = chars.len();
        let mut j = i + 1;
        let mut hyphens = 0;
        while j < n {
            let d = chars[j].1;
            if is_word_char(d) {
                j += 1;
                continue;
            }
            let next_word = || chars.get(j + 1).is_some_and(|&(_, e)| is_word_char(e));
            if (is_apos(d) || ((d == '-' || d == '‐') && hyphens_ok)) && next_word() {
                // "Horton-who", "Sixteen-year-old", "Chinese-led": a
                // function word after a hyphen is not part of a name.
                if !is_apos(d) && hyphen_tail_breaks(&chars[j + 1..]) {
                    break;
                }
                if !is_apos(d) {
                    hyphens += 1;
                    if hyphens >= 3 {
                        return None;
                    }
                }
                j += 1;
                continue;
            }
            // Dotted abbreviations: U.S., U.N. (single letters between dots).
            let single = || chars[j - 1].1.is_alphabetic() && (j - 1 == i || chars[j - 2].1 == '.');
            if d == '.'
                && single()
                && next_word()
                && chars.get(j + 2).is_some_and(|&(_, e)| e == '.')
            {
                j += 1;
                continue;
            }
            break;
        }
        Some(j)
    }

    /// End of the name part of the word [i, j) and whether it is
    /// possessive: "Palin's" ends before the 's, "Williams'" keeps its s.
    fn name_part(&self, i: usize, j: usize) -> (usize, bool) {
        if self.case_endings
            && let Some(apos) = (i + 1..j).rev().find(|&k| is_apos(self.at(k)))
            && self.at(i).is_uppercase()
        {
            let ending: String = (apos + 1..j).map(|k| self.at(k)).collect();
            if crate::words::is_case_ending(&ending) {
                return (apos, true);
            }
        }
        if j - i > 2 && matches!(self.at(j - 1), 's' | 'S') && is_apos(self.at(j - 2)) {
            return (j - 2, true);
        }
        let mut possessive = false;
        if j < self.len() && is_apos(self.at(j)) && matches!(self.at(j - 1), 's' | 'S') {
            // "Williams'" — the apostrophe is not part of the word.
            let after = self.chars.get(j + 1).map(|&(_, e)| e);
            if after.is_none_or(|e| !is_word_char(e)) {
                possessive = true;
            }
        }
        (j, possessive)
    }

    /// The word token over chars [i, j).
    fn word(&self, i: usize, j: usize, newline: bool, line: usize) -> Tok<'a> {
        let text = self.text;
        let (name_end, possessive) = self.name_part(i, j);
        let name_text = &text[self.byte_at(i)..self.byte_at(name_end)];
        let cap = name_text.chars().next().is_some_and(char::is_uppercase);
        let upper = cap && all_capitals(name_text);
        let plain = name_text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let low = list_form(name_text, plain);
        Tok {
            start: i,
            end: j,
            bstart: self.byte_at(i),
            bend: self.byte_at(j),
            name_end,
            name_bend: self.byte_at(name_end),
            word: true,
            punct: '\0',
            cap,
            upper,
            possessive,
            common_ending: self.case_endings
                && cap
                && !possessive
                && crate::words::has_common_ending(&low),
            newline_before: newline,
            sent_start: false,
            line,
            key: match_key(name_text, plain),
            low,
        }
    }

    /// The punctuation token of char `i`.
    fn punct(&self, i: usize, newline: bool, line: usize) -> Tok<'a> {
        Tok {
            start: i,
            end: i + 1,
            bstart: self.byte_at(i),
            bend: self.byte_at(i + 1),
            name_end: i + 1,
            name_bend: self.byte_at(i + 1),
            word: false,
            punct: self.at(i),
            cap: false,
            upper: false,
            possessive: false,
            common_ending: false,
            newline_before: newline,
            sent_start: false,
            line,
            key: Cow::Borrowed(""),
            low: Cow::Borrowed(""),
        }
    }
}

/// Whether a word has at least two letters, all uppercase.
fn all_capitals(name_text: &str) -> bool {
    let (mut letters, mut uppers) = (0usize, 0usize);
    for ch in name_text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        uppers += usize::from(ch.is_uppercase());
    }
    letters >= 2 && letters == uppers
}

/// The lowercase form without apostrophes of a name part, for word lists
/// (`plain`: only ASCII lowercase letters and digits, borrowed as is).
fn list_form<'a>(name_text: &'a str, plain: bool) -> Cow<'a, str> {
    if plain {
        Cow::Borrowed(name_text)
    } else if name_text.bytes().all(|b| b.is_ascii() && b != b'\'') {
        Cow::Owned(name_text.to_ascii_lowercase())
    } else {
        Cow::Owned(
            name_text
                .chars()
                .filter(|c| !is_apos(*c))
                .flat_map(char::to_lowercase)
                .collect(),
        )
    }
}

/// The folded form of a name part, for name matching: plain lowercase
/// words that folding leaves alone are borrowed.
fn match_key<'a>(name_text: &'a str, plain: bool) -> Cow<'a, str> {
    let untouched = plain && {
        // No byte and no pair that a romanisation rule rewrites.
        let mut prev = 0u8;
        name_text.bytes().all(|c| {
            let keep = !matches!(c, b'x' | b'y' | b'j')
                && !matches!((prev, c), (b'k', b'h') | (b'g', b'u') | (b'i', b'i'));
            prev = c;
            keep
        })
    };
    if untouched {
        Cow::Borrowed(name_text)
    } else {
        Cow::Owned(fold(name_text))
    }
}

/// Whether the word starting at `rest` (after a hyphen) is a function word
/// that no name part is.
fn hyphen_tail_breaks(rest: &[(u32, char)]) -> bool {
    let mut word = String::new();
    for &(_, c) in rest.iter().take(8) {
        if !c.is_alphanumeric() {
            break;
        }
        word.push(c);
    }
    matches!(
        word.as_str(),
        "who"
            | "though"
            | "which"
            | "that"
            | "and"
            | "but"
            | "based"
            | "led"
            | "born"
            | "year"
            | "old"
            | "style"
            | "era"
            | "like"
            | "backed"
            | "owned"
            | "run"
            | "made"
            | "bound"
    )
}

/// Abbreviations whose period does not end a sentence (folded).
pub const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "st", "prof",
    "rev", "jr", "sr", "mt", "ft", "det", "insp", "supt", "cmdr", "adm", "maj", "cpl", "pvt",
    "atty", "no", "vs", "mme", "mlle", "messrs", "hon", "inc", "corp", "co", "ltd", "gov't",
    "pres", "sec",
];

fn mark_sentence_starts(toks: &mut [Tok]) {
    let mut expect = true;
    for k in 0..toks.len() {
        if toks[k].newline_before {
            expect = true;
        }
        if toks[k].word {
            toks[k].sent_start = expect;
            expect = false;
            continue;
        }
        match toks[k].punct {
            '.' => {
                // A period after an abbreviation or an initial does not end
                // the sentence.
                let prev = k.checked_sub(1).and_then(|p| toks.get(p));
                let abbrev = prev.is_some_and(|p| {
                    p.word
                        && (ABBREV.contains(&p.low.as_ref())
                            || (p.end - p.start == 1 && p.cap)
                            || p.key.contains('.'))
                });
                if !abbrev {
                    expect = true;
                }
            }
            '!' | '?' | ':' | ';' | '•' | '|' | '–' | '—' => expect = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{tokenize, tokenize_in};

    /// Turkish case endings come off names; elsewhere an apostrophe and
    /// what follows stay part of the word ("Sana'a", "Hawai'i").
    #[test]
    fn turkish_case_endings_come_off_names_only_in_turkish() {
        let text = "Ankara’da Erdoğan'ın Sana'a Hawai'i O'Brien'a kitap'ta";
        let names = |toks: &[super::Tok]| -> Vec<String> {
            toks.iter()
                .filter(|t| t.word)
                .map(|t| text[t.bstart..t.name_bend].to_string())
                .collect()
        };
        assert_eq!(
            names(&tokenize_in(text, "tr")),
            ["Ankara", "Erdoğan", "Sana", "Hawai", "O'Brien", "kitap'ta"]
        );
        assert_eq!(
            names(&tokenize_in(text, "en")),
            [
                "Ankara’da",
                "Erdoğan'ın",
                "Sana'a",
                "Hawai'i",
                "O'Brien'a",
                "kitap'ta"
            ]
        );
    }

    #[test]
    fn words_offsets_and_flags() {
        let t = tokenize("Gov.Sarah Palin's church. The U.S. army, O’Brien said");
        let words: Vec<&str> = t
            .iter()
            .filter(|t| t.word)
            .map(|t| t.key.as_ref())
            .collect();
        assert_eq!(
            words,
            [
                "gov", "sarah", "palin", "church", "the", "u s", "armi", "obrien", "said"
            ]
        );
        let palin = t.iter().find(|t| t.key == "palin").expect("palin");
        assert!(palin.possessive);
        assert_eq!((palin.start, palin.name_end, palin.end), (10, 15, 17));
        let the = t.iter().find(|t| t.key == "the").expect("the");
        assert!(the.sent_start);
        let sarah = t.iter().find(|t| t.key == "sarah").expect("sarah");
        assert!(!sarah.sent_start);
        let army = t.iter().find(|t| t.key == "armi").expect("army");
        assert!(!army.sent_start);
    }
}
