//! The article's tokens (the crate's one token layer, [`crate::tokens`])
//! seen from outside the quotes: each quoted span is collapsed into one
//! token and each line break becomes a token, so that attribution rules
//! read "QUOTE , said NAME ." directly.

use super::marks::QSpan;
use crate::tokens::Tok as Shared;

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

/// What the quote rules read of a shared token, its offsets relative to
/// the text.
struct Cut {
    start: usize,
    end: usize,
    word: bool,
    cap: bool,
    newline_before: bool,
}

/// The tokens of the text (`shared`, the shared tokens of a text holding
/// it after `shift` chars, a title before the body; `cb[i]`, the byte
/// offset of char `i` of the text, the text's length at the end) with each
/// span collapsed into one `Quote` token. A shared token a span's mark
/// cuts keeps its part outside the span.
pub(super) fn tokenize(shared: &[Shared], shift: usize, cb: &[usize], spans: &[QSpan]) -> Vec<Tok> {
    let n = cb.len().saturating_sub(1);
    let byte = |k: usize| cb.get(k).copied().unwrap_or(0);
    let piece = |cs: usize, ce: usize, kind: Kind, text_cap: bool| Tok {
        cs,
        ce,
        bs: byte(cs),
        be: byte(ce),
        kind,
        cap: text_cap,
    };
    let mut toks: Vec<Tok> = Vec::with_capacity(shared.len() + 8);
    let mut si = 0;
    // Chars before `done` are in a token already.
    let mut done = 0;
    let cuts = shared.iter().filter(|t| t.start >= shift).map(|t| Cut {
        start: t.start - shift,
        end: t.end - shift,
        word: t.word,
        cap: t.cap,
        newline_before: t.newline_before,
    });
    for t in cuts {
        let t = &t;
        if t.end <= done {
            continue;
        }
        if t.newline_before
            && !toks.is_empty()
            && !matches!(
                toks.last(),
                Some(Tok {
                    kind: Kind::Break,
                    ..
                })
            )
        {
            toks.push(piece(t.start, t.start, Kind::Break, false));
        }
        let mut cs = t.start.max(done);
        while cs < t.end {
            // A span opening in this token: the part before it, then the
            // span as one token.
            if let Some(s) = spans.get(si).filter(|s| s.open < t.end) {
                let open = s.open.max(done);
                if open > cs {
                    push_part(&mut toks, t, cs, open, &piece);
                }
                let e = s.close_end.max(open + 1).min(n);
                toks.push(piece(open.min(cs), e, Kind::Quote(si), false));
                si += 1;
                done = e;
                cs = e;
                continue;
            }
            push_part(&mut toks, t, cs, t.end, &piece);
            done = t.end;
            cs = t.end;
        }
    }
    // Spans past the last token (a quote mark ending the text).
    while let Some(s) = spans.get(si) {
        let open = s.open.max(done).min(n);
        let e = s.close_end.max(open + 1).min(n);
        if open < e {
            toks.push(piece(open, e, Kind::Quote(si), false));
        }
        si += 1;
        done = e;
    }
    toks
}

/// Pushes the part [cs, ce) of the shared token `t`: the whole token as a
/// word or a punctuation mark, or, cut by a quote mark, a word piece.
fn push_part(
    toks: &mut Vec<Tok>,
    t: &Cut,
    cs: usize,
    ce: usize,
    piece: &impl Fn(usize, usize, Kind, bool) -> Tok,
) {
    let kind = if t.word { Kind::Word } else { Kind::Punct };
    let cap = t.word && cs == t.start && t.cap;
    toks.push(piece(cs, ce, kind, cap));
}
