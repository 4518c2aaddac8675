//! Finding quoted spans: which characters are quotation marks, whether each
//! opens or closes, and how they pair, paragraph by paragraph.
//!
//! A mark's direction comes from its neighbours first (an opener is preceded
//! by a space or the paragraph start and followed by text; a closer the
//! other way round), from its glyph only when the neighbours do not tell.
//! Marks pair within a family: double marks (“ ” " '' „ ‟ ″), guillemets
//! (« » in either direction), single guillemets (‹ ›), CJK corners (「 」,
//! 『 』). Single quotes (‘ ’ ') never open a top-level quote: inside a
//! quote they are nested quotes or apostrophes, and neither matters.

/// A quoted span, in char offsets.
#[derive(Debug, Clone)]
pub(super) struct QSpan {
    /// Offset of the opening mark (or of the paragraph start when the
    /// opening mark is missing).
    pub open: usize,
    /// Offset just past the closing mark (or the content end when it is missing).
    pub close_end: usize,
    /// Content range, trimmed of spaces and trailing commas.
    pub start: usize,
    pub end: usize,
    /// The closing mark was found.
    pub closed: bool,
    /// The quote continues in the next paragraph (classic multi-paragraph
    /// convention), or continues one from the previous paragraph.
    pub cont_next: bool,
    pub cont_prev: bool,
    /// Paragraph index.
    pub para: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fam {
    Double,
    Guil,
    SGuil,
    Corner,
    WCorner,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Open,
    Close,
    Either,
}

/// Longest quote content, in chars, before an unclosed opener is given up.
pub(super) const MAX_QUOTE: usize = 1500;

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn opening_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '―' | '/' | ':' | '…')
}

/// The family and glyph direction of a mark at `i`, and its length in chars.
fn glyph(chars: &[char], i: usize, de: bool) -> Option<(Fam, Dir, usize)> {
    let c = chars[i];
    // Letters, digits and spaces, most of any text, are no mark.
    if c.is_ascii_alphanumeric() || c == ' ' {
        return None;
    }
    Some(match c {
        '“' => (Fam::Double, if de { Dir::Close } else { Dir::Open }, 1),
        '”' => (Fam::Double, Dir::Close, 1),
        '„' => (Fam::Double, Dir::Open, 1),
        '‟' | '″' | '＂' => (Fam::Double, Dir::Either, 1),
        '"' => (Fam::Double, Dir::Either, 1),
        '\'' if chars.get(i + 1) == Some(&'\'') && chars.get(i + 2) != Some(&'\'') => {
            (Fam::Double, Dir::Either, 2)
        }
        '`' if chars.get(i + 1) == Some(&'`') => (Fam::Double, Dir::Open, 2),
        '«' => (Fam::Guil, if de { Dir::Close } else { Dir::Open }, 1),
        '»' => (Fam::Guil, if de { Dir::Open } else { Dir::Close }, 1),
        '‹' => (Fam::SGuil, if de { Dir::Close } else { Dir::Open }, 1),
        '›' => (Fam::SGuil, if de { Dir::Open } else { Dir::Close }, 1),
        '「' => (Fam::Corner, Dir::Open, 1),
        '」' => (Fam::Corner, Dir::Close, 1),
        '『' => (Fam::WCorner, Dir::Open, 1),
        '』' => (Fam::WCorner, Dir::Close, 1),
        _ => return None,
    })
}

/// Direction of the mark at `i..i+len` from its neighbours, falling back on
/// the glyph. `None` for a mark inside a word (an apostrophe-like use).
fn direction(chars: &[char], i: usize, len: usize, g: Dir, fam: Fam) -> Option<Dir> {
    if matches!(fam, Fam::Corner | Fam::WCorner) {
        return Some(g);
    }
    let prev = if i == 0 { None } else { Some(chars[i - 1]) };
    let next = chars.get(i + len).copied();
    let prev_open = prev.is_none_or(|p| is_space(p) || opening_punct(p) || glyph_like(p));
    let next_close = next.is_none_or(|n| is_space(n) || closing_punct(n) || glyph_like(n));
    let left = prev_open && next.is_some_and(|n| !is_space(n) && !closing_punct(n));
    let right = prev.is_some_and(|p| !is_space(p)) && next_close;
    match (left, right) {
        (true, false) => Some(Dir::Open),
        (false, true) => Some(Dir::Close),
        _ => {
            let inside_word =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if inside_word && g == Dir::Either {
                None
            } else if !left && next.is_none_or(closing_punct) {
                Some(Dir::Close)
            } else {
                Some(g)
            }
        }
    }
}

fn closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '―' | '…'
    )
}

fn glyph_like(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '„' | '«' | '»' | '‹' | '›' | '‘' | '’' | '\''
    )
}

struct Open {
    fam: Fam,
    mark: usize,
    content: usize,
}

/// Finds the quoted spans of `chars`, paragraph by paragraph (a paragraph is
/// a line). Never panics; every span lies inside `chars`.
pub(super) fn find_spans(chars: &[char], lang: &str) -> Vec<QSpan> {
    let mut out: Vec<QSpan> = Vec::new();
    let n = chars.len();
    let mut para = 0usize;
    let mut ps = 0usize;
    while ps < n {
        let mut pe = ps;
        while pe < n && chars[pe] != '\n' {
            pe += 1;
        }
        if chars[ps..pe].iter().any(|c| !is_space(*c)) {
            scan_paragraph(chars, ps, pe, para, lang, &mut out);
            para += 1;
        }
        ps = pe + 1;
    }
    link_paragraphs(chars, &mut out);
    out
}

fn scan_paragraph(
    chars: &[char],
    ps: usize,
    pe: usize,
    para: usize,
    lang: &str,
    out: &mut Vec<QSpan>,
) {
    let de = lang == "de";
    let mut open: Option<Open> = None;
    let mut i = ps;
    while i < pe {
        let Some((fam, g, len)) = glyph(chars, i, de) else {
            if let Some(o) = &open
                && i - o.content > MAX_QUOTE
            {
                // An opener with no closer in reach: not a quote.
                i = o.mark + 1;
                open = None;
                continue;
            }
            i += 1;
            continue;
        };
        let len = len.min(pe - i);
        let Some(dir) = direction(chars, i, len, g, fam) else {
            i += len;
            continue;
        };
        match &open {
            None => {
                if dir != Dir::Close || closer_opens(chars, i, len, pe) {
                    open = Some(Open {
                        fam,
                        mark: i,
                        content: i + len,
                    });
                }
            }
            Some(o) if o.fam != fam => {}
            Some(o) => {
                // A closing glyph glued to the next word still closes
                // (“...countries, ”Xi said).
                if dir == Dir::Open && g != Dir::Close {
                    // A second opener: the first one lacked its closer.
                    if words_in(chars, o.content, i) >= 4 {
                        push(out, chars, o.mark, o.content, i, i, false, para);
                    }
                    open = Some(Open {
                        fam,
                        mark: i,
                        content: i + len,
                    });
                } else {
                    push(out, chars, o.mark, o.content, i, i + len, true, para);
                    open = None;
                }
            }
        }
        i += len;
    }
    if let Some(o) = open {
        if pe - o.content > MAX_QUOTE {
            // Rescan after the stray opener.
            scan_paragraph(chars, o.mark + 1, pe, para, lang, out);
        } else {
            push(out, chars, o.mark, o.content, pe, pe, false, para);
        }
    }
}

/// A closing-type mark with nothing open opens a quote when text follows
/// it in the paragraph and it starts the paragraph or follows a space.
fn closer_opens(chars: &[char], i: usize, len: usize, pe: usize) -> bool {
    let prev_ok = i == 0 || is_space(chars[i - 1]) || chars[i - 1] == '\n';
    let rest = &chars[(i + len).min(pe)..pe];
    prev_ok
        && rest.iter().filter(|c| c.is_alphanumeric()).count() >= 3
        && rest
            .first()
            .is_some_and(|c| c.is_alphanumeric() || *c == ' ' || *c == '…')
}

fn words_in(chars: &[char], s: usize, e: usize) -> usize {
    let mut n = 0;
    let mut inw = false;
    for c in &chars[s..e.max(s)] {
        let w = c.is_alphanumeric();
        if w && !inw {
            n += 1;
        }
        inw = w;
    }
    n
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<QSpan>,
    chars: &[char],
    mark: usize,
    cs: usize,
    ce: usize,
    close_end: usize,
    closed: bool,
    para: usize,
) {
    let mut s = cs;
    let mut e = ce.max(cs);
    while s < e
        && (is_space(chars[s]) || matches!(chars[s], '…' | '.') && s + 1 < e && chars[s + 1] == ' ')
    {
        s += 1;
    }
    while e > s
        && (is_space(chars[e - 1]) || matches!(chars[e - 1], ',' | ';' | ':' | '-' | '—' | '–'))
    {
        e -= 1;
    }
    if !chars[s..e].iter().any(|c| c.is_alphanumeric()) {
        return;
    }
    out.push(QSpan {
        open: mark,
        close_end,
        start: s,
        end: e,
        closed,
        cont_next: false,
        cont_prev: false,
        para,
    });
}

/// Marks unclosed quotes at a paragraph end whose next paragraph opens a
/// quote right at its start: one quote over several paragraphs.
fn link_paragraphs(chars: &[char], spans: &mut [QSpan]) {
    for k in 0..spans.len().saturating_sub(1) {
        let (a, b) = (&spans[k], &spans[k + 1]);
        if a.closed || b.para != a.para + 1 {
            continue;
        }
        // b must start its paragraph.
        let mut j = b.open;
        let mut at_start = true;
        while j > 0 {
            let c = chars[j - 1];
            if c == '\n' {
                break;
            }
            if !is_space(c) {
                at_start = false;
                break;
            }
            j -= 1;
        }
        if at_start {
            spans[k].cont_next = true;
            spans[k + 1].cont_prev = true;
        }
    }
}
