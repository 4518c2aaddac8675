//! Tokens of the text outside quotes, with each quoted span collapsed into
//! one token, so that attribution rules read "QUOTE , said NAME ." directly.

use super::marks::QSpan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct,
    /// A quoted span (index into the spans).
    Quote(usize),
    /// A paragraph break.
    Break,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    /// Char offsets.
    pub cs: usize,
    pub ce: usize,
    /// Byte offsets (to slice the text).
    pub bs: usize,
    pub be: usize,
    pub kind: Kind,
    /// Starts with an uppercase letter.
    pub cap: bool,
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑')
}

/// Tokenizes `chars` (with `cb[i]` the byte offset of char `i`), collapsing
/// each span into one `Quote` token.
pub(super) fn tokenize(chars: &[char], cb: &[usize], spans: &[QSpan]) -> Vec<Tok> {
    let n = chars.len();
    let mut toks = Vec::with_capacity(n / 5 + 8);
    let mut i = 0;
    let mut si = 0;
    let byte = |k: usize| cb.get(k).copied().unwrap_or(0);
    while i < n {
        if si < spans.len() && spans[si].open <= i {
            let s = &spans[si];
            let e = s.close_end.max(i + 1).min(n);
            toks.push(Tok {
                cs: s.open.min(i),
                ce: e,
                bs: byte(s.open.min(i)),
                be: byte(e),
                kind: Kind::Quote(si),
                cap: false,
            });
            i = e;
            si += 1;
            continue;
        }
        let c = chars[i];
        if c == '\n' {
            if !matches!(
                toks.last(),
                Some(Tok {
                    kind: Kind::Break,
                    ..
                })
            ) {
                toks.push(Tok {
                    cs: i,
                    ce: i + 1,
                    bs: byte(i),
                    be: byte(i + 1),
                    kind: Kind::Break,
                    cap: false,
                });
            }
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            i += 1;
            while i < n {
                let d = chars[i];
                if d.is_alphanumeric() || d == '\u{301}' {
                    i += 1;
                } else if joiner(d)
                    && i + 1 < n
                    && chars[i + 1].is_alphanumeric()
                    && (si >= spans.len() || spans[si].open != i)
                {
                    i += 2;
                } else {
                    break;
                }
            }
            let e = i.min(n);
            toks.push(Tok {
                cs: s,
                ce: e,
                bs: byte(s),
                be: byte(e),
                kind: Kind::Word,
                cap: c.is_uppercase(),
            });
            continue;
        }
        toks.push(Tok {
            cs: i,
            ce: i + 1,
            bs: byte(i),
            be: byte(i + 1),
            kind: Kind::Punct,
            cap: false,
        });
        i += 1;
    }
    toks
}
