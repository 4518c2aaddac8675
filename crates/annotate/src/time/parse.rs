//! Tokens, the meanings of recognised expressions, the parser's word
//! helpers, clause tense and the left-to-right scan.
//!
//! The time grammar cuts text its own way, not with the crate's shared
//! token layer (`crate::tokens`): it reads numbers apart from the
//! punctuation inside dates and clock times ("09.04.2024", "10:30",
//! "mid-2014", "2014-15" are several tokens here, one word there), and each
//! apostrophe and hyphen as a token of its own, so that the phrase tables
//! of `data/lexicon/time-*.tsv` ("aujourd ' hui", "après - midi") match
//! whatever the spacing. The shared layer keeps names whole (U.S.,
//! Jean-Luc, O'Brien), which is what the entity and quote finders need.

use super::grammar::merge_times;
use super::tables::{self, CONTEXT, Lang, Rel, Unit};

// ------------------------------------------------------------------ tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    /// The lowercase form: `lo..hi` in [`Tokens::buf`].
    pub(super) lo: u32,
    pub(super) hi: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Byte offsets in the text.
    pub(super) bstart: u32,
    pub(super) bend: u32,
    pub(super) kind: TokenKind,
    pub(super) upper: bool,
    /// Whitespace before the token.
    pub(super) space: bool,
    /// A line break before the token.
    pub(super) nl: bool,
}

/// The tokens of a text with the per-token tables the parser reads. The
/// lowercase forms of all tokens share one buffer: a text of thousands of
/// tokens costs a handful of allocations, not one per token.
#[derive(Debug, Default)]
pub(super) struct Tokens {
    pub(super) buf: String,
    pub(super) toks: Vec<Tok>,
    /// Sentence index of each token.
    pub(super) sent: Vec<usize>,
    /// Whether each token is a word that some table or rule names (see
    /// `gate.rs`), or holds a digit: table lookups skip the others.
    pub(super) known: Vec<bool>,
    /// Whether an expression may begin at each token: a known token, and
    /// for a function word, one with content near after it (see
    /// [`super::gate::FUNCTION_WORDS`]).
    pub(super) start: Vec<bool>,
}

impl Tokens {
    pub(super) fn new(text: &str) -> Tokens {
        let mut t = tokenize(text);
        t.tables();
        t
    }

    pub(super) fn word(&self, i: usize) -> &str {
        word(&self.buf, &self.toks, i)
    }

    fn tables(&mut self) {
        let t = &self.toks;
        let mut sent = Vec::with_capacity(t.len());
        let mut s = 0usize;
        for i in 0..t.len() {
            if i > 0 {
                let brk = t[i].nl
                    || (matches!(self.word(i - 1), "." | "!" | "?")
                        && t[i].space
                        && (t[i].upper || t[i].kind != TokenKind::Word)
                        && !(i >= 2
                            && t[i - 2].kind == TokenKind::Word
                            && tables::ABBREVIATIONS.contains(&self.word(i - 2))));
                if brk {
                    s += 1;
                }
            }
            sent.push(s);
        }
        // A token is content when it is a number or a known word that is no
        // function word; `next_content[i]` is the first content token at or
        // after `i`.
        let mut known: Vec<bool> = Vec::with_capacity(t.len());
        let mut function: Vec<bool> = Vec::with_capacity(t.len());
        for (i, tok) in t.iter().enumerate() {
            let (k, f) = if tok.kind == TokenKind::Word {
                let w = self.word(i);
                let (gate, f) = super::gate::classify(w);
                (gate || w.bytes().any(|b| b.is_ascii_digit()), f)
            } else {
                (true, false)
            };
            known.push(k);
            function.push(f);
        }
        let mut next_content = vec![usize::MAX; t.len() + 1];
        for i in (0..t.len()).rev() {
            let content = t[i].kind == TokenKind::Num
                || (t[i].kind == TokenKind::Word && known[i] && !function[i]);
            next_content[i] = if content { i } else { next_content[i + 1] };
        }
        let start = (0..t.len())
            .map(|i| {
                known[i]
                    && (!function[i]
                        || next_content[i + 1] <= i.saturating_add(super::gate::FUNCTION_REACH))
            })
            .collect();
        self.sent = sent;
        self.known = known;
        self.start = start;
    }
}

fn word<'a>(buf: &'a str, toks: &[Tok], i: usize) -> &'a str {
    toks.get(i)
        .and_then(|t| buf.get(t.lo as usize..t.hi as usize))
        .unwrap_or("")
}

/// Tokenizes `text` (at most its first 1 GiB, so that offsets and the
/// lowercase buffer, which may grow, fit in `u32`).
fn tokenize(text: &str) -> Tokens {
    let mut cut = text.len().min(1 << 30);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let mut buf = String::with_capacity(text.len() + 16);
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 4);
    let mut cur: Option<Tok> = None;
    let mut space = false;
    let mut nl = false;
    // Lowercasing grows a character by at most a factor of three: the
    // buffer stays below 4 GiB.
    let pos = |buf: &String| buf.len() as u32;
    let bytes = text.as_bytes();
    let (mut at, mut i) = (0usize, 0usize);
    while at < bytes.len() {
        // ASCII bytes are classified without decoding a character.
        let b = bytes[at];
        let c = if b < 0x80 {
            char::from(b)
        } else {
            text[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        };
        let bstart = at as u32;
        at += c.len_utf8();
        let bend = at as u32;
        let (alnum, space_char, upper) = if b < 0x80 {
            (
                b.is_ascii_alphanumeric(),
                b.is_ascii_whitespace() || b == 0x0B,
                b.is_ascii_uppercase(),
            )
        } else {
            (c.is_alphanumeric(), c.is_whitespace(), c.is_uppercase())
        };
        if alnum {
            let lo = pos(&buf);
            if b < 0x80 {
                buf.push(char::from(b.to_ascii_lowercase()));
            } else {
                buf.extend(c.to_lowercase());
            }
            let t = cur.get_or_insert_with(|| {
                let t = Tok {
                    lo,
                    hi: lo,
                    start: i,
                    end: i,
                    bstart,
                    bend,
                    kind: TokenKind::Num,
                    upper,
                    space,
                    nl,
                };
                space = false;
                nl = false;
                t
            });
            let mut digits = c.is_ascii_digit();
            i += 1;
            // The rest of an ASCII run, byte by byte.
            while let Some(&nb) = bytes.get(at) {
                if !nb.is_ascii_alphanumeric() {
                    break;
                }
                buf.push(char::from(nb.to_ascii_lowercase()));
                digits &= nb.is_ascii_digit();
                at += 1;
                i += 1;
            }
            t.hi = pos(&buf);
            t.end = i;
            t.bend = at as u32;
            if !digits {
                t.kind = TokenKind::Word;
            }
            continue;
        }
        if let Some(t) = cur.take() {
            out.push(t);
        }
        if space_char {
            space = true;
            nl |= c == '\n';
            i += 1;
            continue;
        }
        let lo = pos(&buf);
        match c {
            '’' | '‘' | '`' | '´' => buf.push('\''),
            '–' | '—' | '‑' | '‐' => buf.push('-'),
            _ => buf.push(c),
        }
        out.push(Tok {
            lo,
            hi: pos(&buf),
            start: i,
            end: i + 1,
            bstart,
            bend,
            kind: TokenKind::Punct,
            upper: false,
            space,
            nl,
        });
        space = false;
        nl = false;
        i += 1;
    }
    if let Some(t) = cur.take() {
        out.push(t);
    }
    Tokens {
        buf,
        toks: out,
        ..Tokens::default()
    }
}

// --------------------------------------------------------------- semantics

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Meaning {
    Date {
        y: Option<i64>,
        m: u32,
        d: u32,
    },
    Month {
        y: Option<i64>,
        m: u32,
        rel: Option<Rel>,
    },
    /// "June last year": a month of a year relative to the anchor's.
    MonthRel {
        m: u32,
        n: i64,
    },
    Year(i64),
    Decade(i64),
    Century(i64),
    /// `anaphoric`: "the previous Friday" counts from the last date mentioned.
    Weekday {
        wd: i64,
        rel: Option<Rel>,
        anaphoric: bool,
    },
    Day(i64),
    Cal {
        unit: Unit,
        rel: Rel,
    },
    /// `n` units before (`fwd` false) or after the anchor; `n` None is vague.
    Ago {
        unit: Unit,
        n: Option<i64>,
        fwd: bool,
        anaphoric: bool,
    },
    /// Units relative to the last resolved date ("the following day").
    Anaphor {
        unit: Unit,
        n: i64,
    },
    Season {
        y: Option<i64>,
        s: u32,
        rel: Option<Rel>,
    },
    Quarter {
        y: Option<i64>,
        yshift: i64,
        q: Option<u32>,
        current: bool,
        latest: bool,
    },
    Half {
        y: Option<i64>,
        h: u32,
    },
    /// The quarter holding a month ("the quarter ended Sept. 30").
    QuarterOf {
        y: Option<i64>,
        m: u32,
    },
    Ref(&'static str),
    Dur(String),
    Set(String),
    Pod {
        day: Box<Meaning>,
        pod: &'static str,
    },
    Time {
        day: Option<Box<Meaning>>,
        h: u32,
        mi: u32,
    },
    /// Found but impossible ("February 30"): no value.
    Invalid,
}

impl Meaning {
    pub(super) fn dayish(&self) -> bool {
        matches!(
            self,
            Meaning::Date { .. } | Meaning::Weekday { .. } | Meaning::Day(_)
        )
    }
}

#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) sem: Meaning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

pub(super) struct Parser<'a> {
    pub(super) t: &'a [Tok],
    /// The lowercase form of each token.
    words: Vec<&'a str>,
    pub(super) lg: &'static Lang,
    pub(super) en: bool,
    /// Sentence index of each token.
    pub(super) sent: &'a [usize],
    /// See [`Tokens::known`].
    known: &'a [bool],
    /// See [`Tokens::start`].
    start: &'a [bool],
}

/// A short form of a longer word of the same table: "Sept" of "September".
fn is_abbreviation<T: Copy + PartialEq>(table: &[(&str, T)], w: &str) -> bool {
    let Some(v) = find(table, w) else {
        return false;
    };
    w.chars().count() <= 4
        && table
            .iter()
            .any(|(k, x)| *x == v && k.len() > w.len() && k.starts_with(w))
}

pub(super) fn find<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    // Comparing the first byte first saves a `memcmp` call on nearly every entry.
    let first = w.as_bytes().first();
    table
        .iter()
        .find(|(k, _)| k.len() == w.len() && k.as_bytes().first() == first && *k == w)
        .map(|(_, v)| *v)
}

impl<'a> Parser<'a> {
    pub(super) fn new(t: &'a Tokens, lg: &'static Lang, en: bool) -> Self {
        Parser {
            t: &t.toks,
            words: (0..t.toks.len()).map(|i| t.word(i)).collect(),
            lg,
            en,
            sent: &t.sent,
            known: &t.known,
            start: &t.start,
        }
    }

    /// Whether token `i` may be found in a word table.
    pub(super) fn known(&self, i: usize) -> bool {
        self.known.get(i).copied().unwrap_or(false)
    }

    pub(super) fn w(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    pub(super) fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    pub(super) fn kind(&self, i: usize) -> Option<TokenKind> {
        self.t.get(i).map(|t| t.kind)
    }

    /// Token `i` follows token `i-1` without space.
    pub(super) fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space)
    }

    pub(super) fn upper(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.upper)
    }

    pub(super) fn num(&self, i: usize) -> Option<i64> {
        let t = self.t.get(i)?;
        if t.kind != TokenKind::Num || t.hi - t.lo > 6 {
            return None;
        }
        self.w(i).parse().ok()
    }

    pub(super) fn ndigits(&self, i: usize) -> usize {
        self.t
            .get(i)
            .filter(|t| t.kind == TokenKind::Num)
            .map_or(0, |t| (t.hi - t.lo) as usize)
    }

    pub(super) fn prev_w(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.w(i - 1) }
    }

    pub(super) fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.sent.get(i).is_some() && self.sent.get(i) == self.sent.get(j)
    }

    // ------------------------------------------------------------ words

    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize, bool)> {
        if !self.known(i) {
            return None;
        }
        let w = self.w(i);
        let m = find(self.lg.months, w)?;
        let short = is_abbreviation(self.lg.months, w);
        if self.is(i + 1, ".") && self.glued(i + 1) && short {
            return Some((m, i + 2, false));
        }
        Some((m, i + 1, !short))
    }

    pub(super) fn weekday_at(&self, i: usize) -> Option<(i64, usize, bool)> {
        if !self.known(i) {
            return None;
        }
        let w = self.w(i);
        let d = find(self.lg.weekdays, w)?;
        let short = is_abbreviation(self.lg.weekdays, w);
        if self.is(i + 1, ".") && self.glued(i + 1) && short {
            return Some((i64::from(d), i + 2, false));
        }
        Some((i64::from(d), i + 1, !short))
    }

    pub(super) fn ordinal_word(&self, i: usize) -> Option<u32> {
        if !self.known(i) {
            return None;
        }
        let w = self.w(i);
        if let Some(n) = find(self.lg.ordinals, w) {
            return Some(n);
        }
        // "9th", "1st", "22nd", "3rd", "1er", "1º"
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        let rest = &w[digits.len()..];
        if !digits.is_empty()
            && digits.len() <= 2
            && matches!(rest, "st" | "nd" | "rd" | "th" | "er" | "º" | "e" | "ème")
        {
            return digits.parse().ok();
        }
        if self.en {
            // "twenty-first"
            let tens = find(tables::EN.numbers, w).filter(|n| *n == 20 || *n == 30);
            if let Some(t) = tens
                && self.is(i + 1, "-")
                && let Some(u) = find(tables::EN.ordinals, self.w(i + 2)).filter(|u| *u < 10)
            {
                return u32::try_from(t).ok().map(|t| t + u);
            }
        }
        None
    }

    /// A day of the month: "9", "9th", "ninth", "9." (German).
    pub(super) fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(n) = self
            .num(i)
            .filter(|n| (1..=31).contains(n) && self.ndigits(i) <= 2)
        {
            let n = n as u32;
            if !self.en && self.is(i + 1, ".") && self.glued(i + 1) {
                return Some((n, i + 2));
            }
            return Some((n, i + 1));
        }
        let n = self.ordinal_word(i).filter(|n| (1..=31).contains(n))?;
        let end = if self.en && self.is(i + 1, "-") && self.ordinal_word(i + 2).is_some() {
            i + 3
        } else {
            i + 1
        };
        Some((n, end))
    }

    /// A year: "2024", "'98", "nineteen ninety-six", "two thousand and four".
    pub(super) fn year_at(&self, i: usize) -> Option<(i64, usize)> {
        if self.ndigits(i) == 4 {
            let y = self.num(i)?;
            if !(1000..=2199).contains(&y) {
                return None;
            }
            if self.is(i + 1, "-") && self.glued(i + 1) && self.kind(i + 2) == Some(TokenKind::Num)
            {
                // part of a digit group, unless a year range "2001-2003" / "1990-91"
                let n2 = self.ndigits(i + 2);
                if !(n2 == 4 || n2 == 2) {
                    return None;
                }
            }
            if matches!(self.w(i + 1), "." | "," | ":" | "/")
                && self.glued(i + 1)
                && self.kind(i + 2) == Some(TokenKind::Num)
                && self.glued(i + 2)
            {
                return None;
            }
            return Some((y, i + 1));
        }
        if self.is(i, "'") && self.ndigits(i + 1) == 2 && self.glued(i + 1) {
            let yy = self.num(i + 1)?;
            return Some((if yy <= 30 { 2000 + yy } else { 1900 + yy }, i + 2));
        }
        if self.en {
            let w = self.w(i);
            if let Some(c) = find(tables::EN.numbers, w).filter(|c| (10..=20).contains(c)) {
                // "nineteen ninety-six", "nineteen eighty"
                if c >= 11
                    && let Some((n, e)) = self.word_number(i + 1)
                    && (10..=99).contains(&n)
                {
                    return Some((c * 100 + n, e));
                }
            }
            if w == "two" && self.is(i + 1, "thousand") {
                let mut k = i + 2;
                if self.is(k, "and") {
                    k += 1;
                }
                if let Some((n, e)) = self.word_number(k).filter(|(n, _)| *n < 100) {
                    return Some((2000 + n, e));
                }
                return Some((2000, i + 2));
            }
        }
        None
    }

    /// "twenty four", "twenty-four", "seven" (English cardinals below 100).
    pub(super) fn word_number(&self, i: usize) -> Option<(i64, usize)> {
        if !self.known(i) {
            return None;
        }
        let n = find(self.lg.numbers, self.w(i))
            .filter(|n| *n < 100 && !matches!(self.w(i), "a" | "an"))?;
        if n >= 20 && n % 10 == 0 {
            let k = if self.is(i + 1, "-") { i + 2 } else { i + 1 };
            if let Some(u) = find(self.lg.numbers, self.w(k)).filter(|u| (1..10).contains(u))
                && !matches!(self.w(k), "a" | "an")
            {
                return Some((n + u, k + 1));
            }
        }
        Some((n, i + 1))
    }

    /// A quantity before a unit: digits, number words, "a", "a couple of",
    /// vague "several"/"a few" (None).
    pub(super) fn quantity(&self, i: usize) -> Option<(Option<i64>, usize)> {
        let mut k = i;
        while self.en
            && (matches!(
                self.w(k),
                "nearly"
                    | "about"
                    | "almost"
                    | "roughly"
                    | "some"
                    | "around"
                    | "approximately"
                    | "just"
                    | "only"
                    | "barely"
            ) || (matches!(self.w(k), "more" | "less" | "fewer") && self.is(k + 1, "than"))
                || (self.is(k, "at") && matches!(self.w(k + 1), "least" | "most")))
        {
            k += if matches!(self.w(k), "more" | "less" | "fewer" | "at") {
                2
            } else {
                1
            };
        }
        if let Some(n) = self.num(k).filter(|_| self.ndigits(k) <= 4) {
            if self.is(k + 1, ",")
                || (self.is(k + 1, ".") && self.kind(k + 2) == Some(TokenKind::Num))
            {
                return None;
            }
            return Some((Some(n), k + 1));
        }
        let w = self.w(k);
        if self.en {
            if (w == "a" || w == "an") && self.is(k + 1, "couple") && self.is(k + 2, "of") {
                return Some((Some(2), k + 3));
            }
            if (w == "a" || w == "an") && matches!(self.w(k + 1), "few" | "dozen") {
                let v = if self.is(k + 1, "dozen") {
                    Some(12)
                } else {
                    None
                };
                return Some((v, k + 2));
            }
            if w == "a" || w == "an" || w == "one" {
                return Some((Some(1), k + 1));
            }
        } else if let Some(n) = find(self.lg.numbers, w).filter(|n| *n == 1) {
            return Some((Some(n), k + 1));
        }
        if self.lg.vague.contains(&w) {
            return Some((None, k + 1));
        }
        self.word_number(k).map(|(n, e)| (Some(n), e))
    }

    pub(super) fn unit_at(&self, i: usize) -> Option<(Unit, usize)> {
        let u = find(self.lg.units, self.w(i))?;
        Some((u, i + 1))
    }

    pub(super) fn pod_at(&self, i: usize) -> Option<(&'static str, usize)> {
        let w = self.w(i);
        if self.en && w == "mid" && self.is(i + 1, "-") && self.is(i + 2, "afternoon") {
            return Some(("AF", i + 3));
        }
        if !self.en && self.is(i + 1, "-") {
            let joined = format!("{w}-{}", self.w(i + 2));
            if let Some(p) = find(self.lg.pods, joined.as_str()) {
                return Some((p, i + 3));
            }
        }
        if !self.en && self.lg.day_first && w == "morgen" && !self.upper(i) {
            return None;
        }
        find(self.lg.pods, w).map(|p| (p, i + 1))
    }

    // ------------------------------------------------------------ tense

    pub(super) fn cue(&self, i: usize) -> Option<Tense> {
        let t = self.t.get(i)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let w = self.w(i);
        if self.en {
            if w == "won" && self.is(i + 1, "'") {
                return Some(Tense::Future);
            }
            if w == "ll" && self.prev_w(i) == "'" {
                return Some(Tense::Future);
            }
            if matches!(w, "is" | "are" | "set")
                && self.is(i + 1, "to")
                && !matches!(self.w(i + 2), "have" | "be")
            {
                return Some(Tense::Future);
            }
            if w == "effect" {
                return match self.prev_w(i) {
                    "take" | "takes" | "will" | "into" => Some(Tense::Future),
                    "took" | "taken" | "went" => Some(Tense::Past),
                    _ => None,
                };
            }
            if w == "would" && self.is(i + 1, "have") {
                return Some(Tense::Past);
            }
        }
        if self.lg.future.contains(&w) {
            // "had been scheduled to", "as previously planned": a past plan
            if self.en
                && matches!(
                    w,
                    "due" | "scheduled" | "planned" | "expected" | "slated" | "supposed"
                )
                && (1..=2).any(|k| {
                    i >= k
                        && matches!(
                            self.w(i - k),
                            "was" | "were" | "had" | "been" | "previously"
                        )
                })
            {
                return Some(Tense::Past);
            }
            return Some(Tense::Future);
        }
        if self.lg.past.contains(&w) {
            return Some(Tense::Past);
        }
        let n = w.chars().count();
        if n >= 5 {
            if self.lg.future_suffix.iter().any(|s| w.ends_with(s)) {
                return Some(Tense::Future);
            }
            if self.lg.past_suffix.iter().any(|s| w.ends_with(s))
                && !(self.en && (CONTEXT.not_past.contains(&w) || w.ends_with("eed")))
                && !(self.en
                    && matches!(
                        self.prev_w(i),
                        "be" | "being"
                            | "been"
                            | "a"
                            | "an"
                            | "the"
                            | "still"
                            | "very"
                            | "its"
                            | "his"
                            | "her"
                            | "their"
                            | "our"
                            | "newly"
                            | "so"
                            | "as"
                    ))
            {
                return Some(Tense::Past);
            }
        }
        None
    }

    pub(super) fn tense(&self, a: usize, b: usize) -> Tense {
        if self.en && matches!(self.prev_w(a), "by" | "until" | "till") {
            // a deadline looks forward, unless told in the past perfect ("had filed by")
            let had = (1..=14)
                .any(|k| a >= k && self.same_sentence(a - k, a) && matches!(self.w(a - k), "had"));
            return if had { Tense::Past } else { Tense::Future };
        }
        // the nearest cue on either side; the left one wins unless the right
        // one is more than twice as close ("said Tuesday it will" is past,
        // "guidelines to be published in November will determine" future)
        let mut left = None;
        let mut i = a;
        let mut steps = 0;
        while i > 0 && steps < 14 && self.same_sentence(i - 1, a) {
            i -= 1;
            steps += 1;
            if let Some(t) = self.cue(i) {
                left = Some((t, steps));
                break;
            }
        }
        let mut right = None;
        let mut j = b;
        steps = 0;
        while j < self.t.len() && steps < 10 && self.same_sentence(j, a) {
            steps += 1;
            if let Some(t) = self.cue(j) {
                right = Some((t, steps));
                break;
            }
            j += 1;
        }
        match (left, right) {
            (Some((l, dl)), Some((r, dr))) => {
                if dr * 2 < dl {
                    return r;
                }
                return l;
            }
            (Some((t, _)), None) | (None, Some((t, _))) => return t,
            (None, None) => {}
        }
        Tense::Unknown
    }

    // ---------------------------------------------------------- parsing

    /// All candidates, left to right, longest at each position.
    pub(super) fn scan(&self) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            match self.parse_at(i) {
                Some(c) if c.b > i => {
                    i = c.b;
                    out.push(c);
                }
                _ => i += 1,
            }
        }
        merge_times(out, self)
    }

    pub(super) fn parse_at(&self, i: usize) -> Option<Candidate> {
        // Most words, and punctuation other than the apostrophe of "'98",
        // can begin no expression: skip them at once.
        if !self.start.get(i).copied().unwrap_or(false)
            || (self.kind(i) == Some(TokenKind::Punct) && !self.is(i, "'"))
        {
            return None;
        }
        // a token glued to a preceding letter or digit is inside a word ("A380", "COVID-19")
        if i > 0 && self.glued(i) && self.kind(i) != Some(TokenKind::Punct) {
            let year_range =
                self.prev_w(i) == "-" && i >= 2 && self.ndigits(i - 2) == 4 && self.glued(i - 1);
            if matches!(
                self.prev_w(i),
                "-" | "/" | "." | ":" | "," | "_" | "@" | "#"
            ) && !year_range
            {
                return None;
            }
        }
        let pi = self.prefix(i);
        if pi > i
            && let Some(mut c) = self.core(pi, true)
        {
            c.a = i;
            return Some(c);
        }
        self.core(i, false)
    }

    /// Modifiers that do not change the value: "early", "late", "mid-",
    /// "the end of", "around".
    pub(super) fn prefix(&self, i: usize) -> usize {
        if !self.en {
            return match self.w(i) {
                "début" | "fin" | "mi" | "finales" | "principios" | "mediados" | "anfang"
                | "ende" | "mitte" | "начале" | "конце" | "середине" => {
                    let mut k = i + 1;
                    if matches!(self.w(k), "de" | "d" | "-" | "'") {
                        k += 1;
                    }
                    if matches!(self.w(k), "'") {
                        k += 1;
                    }
                    k
                }
                _ => i,
            };
        }
        let w = self.w(i);
        match w {
            "early" | "earlier" | "late" | "later" | "around" => i + 1,
            "mid" if self.is(i + 1, "-") => i + 2,
            "mid" => i + 1,
            "the"
                if matches!(self.w(i + 1), "end" | "beginning" | "start" | "middle")
                    && self.is(i + 2, "of") =>
            {
                i + 3
            }
            "end" | "beginning" if self.is(i + 1, "of") => i + 2,
            _ => i,
        }
    }

    pub(super) fn core(&self, i: usize, after_prefix: bool) -> Option<Candidate> {
        let mut best: Option<Candidate> = None;
        let mut take = |c: Option<Candidate>| {
            if let Some(c) = c
                && best.as_ref().is_none_or(|b| c.b > b.b)
            {
                best = Some(c);
            }
        };
        take(self.p_numeric(i));
        take(self.p_month_first(i));
        take(self.p_day_first(i));
        take(self.p_weekday(i));
        take(self.p_year(i, after_prefix));
        if self.en {
            let skip = match (self.w(i), self.w(i + 1)) {
                ("the", "year") => 2,
                ("fiscal" | "year", _) => 1,
                _ => 0,
            };
            if skip > 0
                && let Some(mut c) = self.p_year(i + skip, true)
            {
                c.a = i;
                take(Some(c));
            }
        }
        take(self.p_cal(i));
        take(self.p_phrase(i));
        take(self.p_ago(i));
        take(self.p_time(i));
        take(self.p_season(i));
        if self.en {
            take(self.p_decade(i));
            take(self.p_quarter(i));
            take(self.p_anaphor(i));
            take(self.p_misc_en(i));
        }
        take(self.p_duration(i));
        best
    }
}
