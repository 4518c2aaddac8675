//! A small tokenizer for name finding: words (with internal apostrophes,
//! hyphens and dotted abbreviations such as "U.S."), single punctuation
//! characters, char offsets, capitalisation and sentence starts.

use std::borrow::Cow;

use super::fold::fold;

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
    let mut cut = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    // Byte offsets as u32 keep the table at 8 bytes a character: texts
    // reaching annotation are far below 4 GiB.
    let mut chars: Vec<(u32, char)> = Vec::with_capacity(text.len());
    chars.extend(
        text.char_indices()
            .map(|(b, c)| (u32::try_from(b).unwrap_or(u32::MAX), c)),
    );
    let n = chars.len();
    let blen = text.len();
    let byte_at = |i: usize| chars.get(i).map_or(blen, |&(b, _)| b as usize);
    let mut toks: Vec<Tok> = Vec::with_capacity(n / 5 + 16);
    let mut i = 0;
    let mut newline = true;
    let mut line = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                if !newline {
                    line += 1;
                }
                newline = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        if is_word_char(c) {
            let mut j;
            let mut hyphens_ok = true;
            'scan: loop {
                j = i + 1;
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
                        // URL slugs ("Trial-begins-for-Spiro-man"): three
                        // hyphens make them separators. Seen at the third,
                        // so a long chain is not rescanned from each word.
                        if !is_apos(d) {
                            hyphens += 1;
                            if hyphens >= 3 {
                                hyphens_ok = false;
                                continue 'scan;
                            }
                        }
                        j += 1;
                        continue;
                    }
                    // Dotted abbreviations: U.S., U.N. (single letters between dots).
                    let single =
                        || chars[j - 1].1.is_alphabetic() && (j - 1 == i || chars[j - 2].1 == '.');
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
                break;
            }
            // Keep the final dot of a dotted abbreviation ("U.S.").
            if j < n && chars[j].1 == '.' && j >= i + 2 && chars[j - 2].1 == '.' {
                j += 1;
            }
            let mut name_end = j;
            let mut possessive = false;
            if j - i > 2 && matches!(chars[j - 1].1, 's' | 'S') && is_apos(chars[j - 2].1) {
                name_end = j - 2;
                possessive = true;
            }
            if !possessive && j < n && is_apos(chars[j].1) && matches!(chars[j - 1].1, 's' | 'S') {
                // "Williams'" — the apostrophe is not part of the word.
                let after = chars.get(j + 1).map(|&(_, e)| e);
                if after.is_none_or(|e| !is_word_char(e)) {
                    possessive = true;
                }
            }
            let name_text = &text[byte_at(i)..byte_at(name_end)];
            let cap = name_text.chars().next().is_some_and(char::is_uppercase);
            let upper = cap && {
                let (mut letters, mut uppers) = (0usize, 0usize);
                for ch in name_text.chars().filter(|c| c.is_alphabetic()) {
                    letters += 1;
                    uppers += usize::from(ch.is_uppercase());
                }
                letters >= 2 && letters == uppers
            };
            let plain = name_text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            let low: Cow<'_, str> = if plain {
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
            };
            // Plain lowercase words that folding leaves alone are borrowed.
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
            let key: Cow<'_, str> = if untouched {
                Cow::Borrowed(name_text)
            } else {
                Cow::Owned(fold(name_text))
            };
            toks.push(Tok {
                start,
                end: j,
                bstart: byte_at(i),
                bend: byte_at(j),
                name_end,
                name_bend: byte_at(name_end),
                word: true,
                punct: '\0',
                cap,
                upper,
                possessive,
                newline_before: newline,
                sent_start: false,
                line,
                key,
                low,
            });
            i = j;
        } else {
            toks.push(Tok {
                start,
                end: i + 1,
                bstart: byte_at(i),
                bend: byte_at(i + 1),
                name_end: i + 1,
                name_bend: byte_at(i + 1),
                word: false,
                punct: c,
                cap: false,
                upper: false,
                possessive: false,
                newline_before: newline,
                sent_start: false,
                line,
                key: Cow::Borrowed(""),
                low: Cow::Borrowed(""),
            });
            i += 1;
        }
        newline = false;
    }
    mark_sentence_starts(&mut toks);
    toks
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
    use super::tokenize;

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
