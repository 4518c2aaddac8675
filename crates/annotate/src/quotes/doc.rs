//! The analysed text: chars, tokens, quoted spans and sentence numbers,
//! with the small word predicates every rule uses.

use std::borrow::Cow;
use std::cell::Cell;

use super::marks::{self, QSpan};
use super::tables::tables;
use super::tokens::{self, Kind, Tok};

pub(super) struct Doc<'a> {
    pub text: &'a str,
    /// The outlets of the knowledge base, by lowercase name.
    pub outlets: &'a super::Outlets,
    pub chars: Vec<char>,
    pub lang: &'a str,
    pub toks: Vec<Tok>,
    low: Vec<Cow<'a, str>>,
    pub spans: Vec<QSpan>,
    /// Token index of each span.
    pub qtok: Vec<usize>,
    /// Sentence number of each token.
    pub sent: Vec<u32>,
    /// The content of each span ends a sentence ("...leadership.").
    pub qend: Vec<bool>,
    /// Capitalised word that may be part of a name (words of all-capital
    /// runs such as headlines are not).
    capf: Vec<bool>,
    memo: Vec<Cell<u32>>,
    /// Gender of the title at each token ('m', 'f', '-'), when `C_TITLE` says it is one.
    tgender: Vec<Cell<char>>,
}

/// Per-token memo of table lookups: bit `2c` says category `c` is known,
/// bit `2c + 1` holds its value.
const C_CUE: u32 = 0;
const C_STRONG: u32 = 1;
const C_DET: u32 = 2;
const C_NOTNAME: u32 = 3;
const C_TITLE: u32 = 4;

impl<'a> Doc<'a> {
    /// `shared`: the tokens (`crate::tokens`) of a text holding this one
    /// after `shift` chars. `names`: the char spans of the names the
    /// entity finder found, sorted by start: only a capitalised word inside
    /// one, or a title, a demonym, a given name or an initial, may start or
    /// continue a name.
    pub fn new(
        text: &'a str,
        shared: &[crate::tokens::Tok],
        shift: usize,
        lang: &'a str,
        outlets: &'a super::Outlets,
        names: &[(usize, usize)],
    ) -> Doc<'a> {
        let chars: Vec<char> = text.chars().collect();
        let mut cb: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        cb.push(text.len());
        let spans = marks::find_spans(&chars, lang);
        let toks = tokens::tokenize(shared, shift, &cb, &spans);
        let low = toks
            .iter()
            .map(|t| {
                if t.kind != Kind::Word {
                    return Cow::Borrowed("");
                }
                let w = text.get(t.bs..t.be).unwrap_or("");
                if w.chars().any(char::is_uppercase) {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                }
            })
            .collect();
        let mut qtok = vec![usize::MAX; spans.len()];
        for (i, t) in toks.iter().enumerate() {
            if let Kind::Quote(k) = t.kind
                && let Some(q) = qtok.get_mut(k)
            {
                *q = i;
            }
        }
        let qend = (0..spans.len())
            .map(|k| quote_ends_sentence(&spans, k, &chars))
            .collect();
        let capf = caps(text, &toks);
        let memo = vec![Cell::new(0); toks.len()];
        let tgender = vec![Cell::new('-'); toks.len()];
        let mut d = Doc {
            outlets,
            text,
            chars,
            lang,
            toks,
            low,
            spans,
            qtok,
            sent: Vec::new(),
            qend,
            capf,
            memo,
            tgender,
        };
        d.sent = d.sentences();
        for k in outside_names(&d.toks, &d.capf, names) {
            // Words the quote rules read for themselves stay: titles,
            // demonyms, given names and initials.
            let own = d.title(k).is_some()
                || d.demonym(k)
                || crate::words::given_names().gender(d.low(k)).is_some()
                || d.word(k).chars().count() == 1;
            if !own {
                d.capf[k] = false;
            }
        }
        d
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }
    pub fn word(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.bs..t.be).unwrap_or(""),
            None => "",
        }
    }
    /// Lowercased word ("" for non-words).
    pub fn low(&self, i: usize) -> &str {
        self.low.get(i).map_or("", |c| c.as_ref())
    }
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }
    pub fn cap(&self, i: usize) -> bool {
        self.capf.get(i).copied().unwrap_or(false)
    }
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct) && self.word(i).starts_with(c)
    }
    pub fn is_punct(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct)
    }
    pub fn is_quote(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, Kind::Quote(_)))
    }
    pub fn is_break(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Break)
    }
    /// The word without a possessive ending ("Trump’s" -> "Trump").
    pub fn bare(&self, i: usize) -> &'a str {
        let w = self.word(i);
        w.strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w)
    }
    pub fn low_bare(&self, i: usize) -> &str {
        let w = self.low(i);
        w.strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w)
    }
    /// Memoised boolean property `c` of token `i`.
    fn memo(&self, i: usize, c: u32, f: impl FnOnce() -> bool) -> bool {
        let Some(cell) = self.memo.get(i) else {
            return false;
        };
        let m = cell.get();
        if m & (1 << (2 * c)) != 0 {
            return m & (1 << (2 * c + 1)) != 0;
        }
        let v = f();
        cell.set(m | (1 << (2 * c)) | (u32::from(v) << (2 * c + 1)));
        v
    }
    pub fn is_cue(&self, i: usize) -> bool {
        self.is_word(i) && self.memo(i, C_CUE, || tables().cues.contains(self.low(i)))
    }
    pub fn is_strong_cue(&self, i: usize) -> bool {
        self.is_cue(i)
            && self.memo(i, C_STRONG, || {
                !tables().weak_cues.contains(self.low(i))
                    && !tables().source_preps.contains_key(self.low(i))
            })
    }
    pub fn not_name(&self, i: usize) -> bool {
        self.is_word(i) && self.memo(i, C_NOTNAME, || tables().not_names.contains(self.low(i)))
    }
    /// "according to", "selon", "según", "laut", "по словам", "d'après"
    /// (`source_prep` of the tables, with the word that must follow):
    /// returns the number of tokens of the preposition.
    pub fn source_prep(&self, i: usize) -> usize {
        match tables().source_preps.get(self.low(i)) {
            Some(next) if next.is_empty() => 1,
            Some(next) if next.iter().any(|&w| w == self.low(i + 1)) => 2,
            _ => 0,
        }
    }
    pub fn pronoun(&self, i: usize) -> Option<char> {
        if !self.is_word(i) {
            return None;
        }
        tables().pronouns.get(self.low_bare(i)).copied()
    }
    pub fn title(&self, i: usize) -> Option<char> {
        if !self.is_word(i) {
            return None;
        }
        let is = self.memo(i, C_TITLE, || {
            match tables().titles.get(self.low_bare(i)).copied() {
                Some(g) => {
                    if let Some(c) = self.tgender.get(i) {
                        c.set(g);
                    }
                    true
                }
                None => false,
            }
        });
        if is {
            self.tgender.get(i).map(Cell::get)
        } else {
            None
        }
    }
    pub fn demonym(&self, i: usize) -> bool {
        if !self.cap(i) {
            return false;
        }
        let w = self.low_bare(i);
        w.chars().count() >= 4
            && tables().demonym_endings.iter().any(|e| w.ends_with(e))
            && !tables().org_words.contains(w)
    }
    pub fn det(&self, i: usize) -> bool {
        self.is_word(i) && self.memo(i, C_DET, || tables().determiners.contains(self.low(i)))
    }
    /// A period that ends an abbreviation or an initial, not a sentence.
    pub fn abbrev_dot(&self, i: usize) -> bool {
        if !self.punct(i, '.') || i == 0 || !self.is_word(i - 1) {
            return false;
        }
        let w = self.word(i - 1);
        let one_cap = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        let abbr = matches!(
            self.low(i - 1),
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "sen"
                | "rep"
                | "gov"
                | "lt"
                | "gen"
                | "col"
                | "st"
                | "jr"
                | "sr"
                | "prof"
                | "rev"
                | "capt"
                | "sgt"
                | "m"
                | "no"
                | "vs"
                | "inc"
                | "corp"
                | "co"
                | "jan"
                | "feb"
                | "aug"
                | "sept"
                | "sep"
                | "oct"
                | "nov"
                | "dec"
                | "mt"
                | "ft"
                | "sra"
                | "gop"
                | "u.s"
                | "d"
                | "r"
        );
        one_cap
            || abbr
            || self.punct(i + 1, ')')
            || self.punct(i + 1, ',')
            || self.punct(i + 1, ';')
            || self.toks.get(i + 1).is_some_and(|t| {
                t.kind == Kind::Word
                    && !t.cap
                    && self
                        .low(i + 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
            })
    }

    fn sentences(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.toks.len());
        let mut id = 0u32;
        for i in 0..self.toks.len() {
            out.push(id);
            let t = &self.toks[i];
            let end = match t.kind {
                Kind::Break => true,
                Kind::Punct => {
                    let w = self.word(i);
                    w == "!" || w == "?" || (w == "." && !self.abbrev_dot(i))
                }
                Kind::Quote(k) => {
                    self.qend.get(k).copied().unwrap_or(false)
                        && (self.cap(i + 1)
                            || self.is_quote(i + 1)
                            || self.is_break(i + 1)
                            || i + 1 == self.toks.len())
                }
                Kind::Word => false,
            };
            if end {
                id += 1;
            }
        }
        out
    }

    /// Paragraph number of a token: count of breaks before it.
    pub fn span_text(&self, a: usize, b: usize) -> String {
        if a >= b || b > self.toks.len() {
            return String::new();
        }
        let s = self.toks[a].bs;
        let e = self.toks[b - 1].be;
        self.text.get(s..e).unwrap_or("").to_string()
    }
}

/// Content of span `k` ends a sentence ("...leadership.").
fn quote_ends_sentence(spans: &[QSpan], k: usize, chars: &[char]) -> bool {
    let Some(s) = spans.get(k) else { return false };
    let mut e = s.end;
    while e > s.start && matches!(chars.get(e - 1), Some('”' | '"' | '’' | '\'' | ')')) {
        e -= 1;
    }
    e > 0 && matches!(chars.get(e - 1), Some('.' | '!' | '?' | '…'))
}

/// Capitalised words, except those in a run of two or more all-capital
/// words (headlines, shouting).
/// The capitalised words outside the spans of `names` (sorted by start):
/// what the entity finder did not take for a name. One pass over tokens
/// and spans, both in text order.
fn outside_names(toks: &[Tok], capf: &[bool], names: &[(usize, usize)]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = 0;
    for (k, t) in toks.iter().enumerate() {
        if !capf[k] {
            continue;
        }
        while j < names.len() && names[j].1 <= t.cs {
            j += 1;
        }
        if !names.get(j).is_some_and(|&(a, b)| a < t.ce && t.cs < b) {
            out.push(k);
        }
    }
    out
}

fn caps(text: &str, toks: &[Tok]) -> Vec<bool> {
    let upper = |t: &Tok| {
        let w = text.get(t.bs..t.be).unwrap_or("");
        t.cap
            && t.be > t.bs + 1
            && !w.chars().any(char::is_lowercase)
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
    };
    let mut out: Vec<bool> = toks.iter().map(|t| t.cap).collect();
    let mut i = 0;
    while i < toks.len() {
        if upper(&toks[i]) {
            let mut e = i;
            while e < toks.len() && upper(&toks[e]) {
                e += 1;
            }
            if e - i >= 2 {
                for o in out.iter_mut().take(e).skip(i) {
                    *o = false;
                }
            }
            i = e.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}
