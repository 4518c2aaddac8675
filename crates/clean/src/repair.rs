//! Text repair for scraped, machine-translated news.
//!
//! [`repair`] runs a few conservative, pure repairs over one text and says
//! which of them changed anything ([`Fix`]). Clean text, by far the common
//! case, costs one byte scan and a copy. The rules, in the order they run:
//!
//! 1. **HTML entities** ([`Fix::Entities`], [`decode_entities`]): `&amp;`,
//!    `&#8217;`, `&#x2019;` and every named reference of the WHATWG list
//!    (`&eacute;`, `&ccaron;`, `&NotEqualTilde;`: the 2,125 names with `;`,
//!    from the `html-escape` crate's table; the 106 legacy names that the
//!    list also has without `;` are accepted bare only in HTML, by
//!    [`decode_html`], since in scraped text `&copy` or `&not` may be words).
//!    A `;` is required; unknown or invalid references stay as they are.
//!    Chains left by double escaping (`&amp;#8217;`, `&amp;amp;`,
//!    `&#38;quot;`) resolve in one go. `&#128;`..`&#159;` map through
//!    Windows-1252, as browsers do. In `repair`, `&nbsp;` becomes a plain
//!    space. (The crate's own decoder is not used: it knows neither chains
//!    nor the Windows-1252 rule nor legacy names.)
//! 2. **Mojibake** ([`Fix::Mojibake`]): UTF-8 read as Windows-1252 or Latin-1
//!    (`cafÃ©`, `donâ€™t`, `Ð¡ÐµÑ€Ð³ÐµÐ¹`), as in ftfy. Every character of
//!    those code pages (and each C1 control, standing for a byte Windows-1252
//!    leaves undefined) maps back to one byte. Where one maps to a UTF-8 lead
//!    byte and the next ones to the continuation bytes of a valid sequence,
//!    the sequence is a candidate, unless its result is implausible: C1
//!    controls, IPA and modifier letters, Syriac/Thaana/NKo, rare combining
//!    marks, private use, noncharacters (so `Fuß“`, `JOSÉ’S`, `CAFÉ™` stay).
//!    A candidate is *weak* when every trailing byte comes from punctuation
//!    that may legitimately follow a word-final letter (`’ ” “ ‘ … – — » « ‹
//!    ›`, NBSP, `·`, soft hyphen; after a 3- or 4-byte lead the first one must
//!    be `… ’ ” “` or NBSP): `Ä…` may be `ą` or German, `é\u{a0}»` is French
//!    typography. `Â`, `Ð`, `Ñ` leads and an upper-case lead after a
//!    lower-case letter or digit (`funkcjÄ…`, `10Ã—11`) are never weak; the
//!    latter may also yield IPA letters (`TaÉ›rabt` → `Taɛrabt`). Strong
//!    candidates are fixed, weak ones only before a letter or when the pass
//!    also fixes a strong one. A run is "less weird" after the fix in exactly
//!    these cases. Also fixed: `â€` whose last byte (0x9D) was dropped → `”`,
//!    and the NBSP turned space: `Â ` → ` `, `Ã ` → `à` (not after an upper-
//!    case letter). Up to three passes undo nested layers (`Ã¢â‚¬â„¢` → `’`).
//! 3. **Control characters** ([`Fix::ControlChars`]): `\r\n` and lone `\r`
//!    become `\n`; other C0 controls except `\t`, `\n` are removed, and so are
//!    U+FEFF and U+200B. Everything else (C1 controls included) stays.
//! 4. **Lost-byte apostrophes** ([`Fix::LostByte`]): some pipelines turn `’`
//!    and `‘` into `a’` (`todaya’s`, `dona’t`, `‘harmonizea’`). A word `Xa’`
//!    is only touched when the text holds an unambiguous case: `X` a listed
//!    high-frequency word with a contraction suffix (`todaya’s`, `ita’s`,
//!    `wea’re`, `Ia’m`; negations only before `t`: `dona’t`), or a lower-case
//!    `X` with a suffix no English word in `-a` has (`-ize`, `-ing`, `-ment`,
//!    `-tion`, `-ness`, `-ly`...). Then every `Xa’` (bare or with `s t ll re ve
//!    d m`) loses its `a` when `X` is listed, or is lower-case and looks like
//!    an English word whose `Xa` is not one (ends in `-y`, `-e`, `-er`, `-or`,
//!    `-ed`, such a suffix, or `-a`, minus short exception lists: `area`,
//!    `idea`, `soya`, `camera`, `flora`...), or is capitalised and either a
//!    listed word at a sentence start or ends in `a` (`Russiaa’s`). A lone
//!    `a’` glued to a word becomes the opening quote `‘` (`a’it` → `‘it`).
//!    `Russia’s`, `NASA’s`, `data’s`, `Lavrova’s`, `arena’s` never change.
//! 5. **Markup debris** ([`Fix::Markup`]): tags of known HTML elements (`<p>`,
//!    `< p>`, `</ div>`, `<br/>`, `<a href="…">`; whitespace after `<`/`</`
//!    only without attributes, attributes only with an `=`). Block tags
//!    between text on one line become a paragraph break (`\n\n`; `br`, `li`,
//!    `tr`: `\n`; `td`, `th`: a space); at a line's start or end they vanish
//!    with the spaces beside them; inline tags (`b`, `a`, `span`...) just
//!    vanish. `a < b and c > d`, `x<y`, `<3` stay.
//!
//! Each round ends with Unicode normalisation form C (composing may make
//! mojibake: `O` U+0301 `³` is `Ó³`). The pipeline repeats until a round
//! changes nothing (at most 16 rounds, which only deliberately nested debris
//! like `<<<p>p>p>` needs), which makes `repair` idempotent. Every step is one
//! pass that builds its output and looks at each byte a bounded number of
//! times, whatever the length of the lines: a reference is read from at most 34
//! bytes after its `&`, a tag from at most 1.5 KiB after its `<`, and the
//! markup step keeps the state of the output's last line (text on it? trailing
//! spaces?) as it writes instead of rescanning the line at each tag, so a whole
//! repair is linear in the text (2.8 MB of `< p>word< /p>` on one line: 44 s
//! before, 15 ms now). Known limits: mojibake whose undefined bytes were
//! dropped (`Å` for `Ł`) is ambiguous and stays, except `â€`; weak candidates
//! alone in a text stay (`FALLÃ“`); the lost-byte rule knows English only; a
//! real `<b>` in prose is taken for markup.

use std::borrow::Cow;

/// The result of repairing a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// The repairs that changed it, each once, in the order first applied.
    pub fixes: Vec<Fix>,
}

/// One kind of repair, reported when it changed the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fix {
    Mojibake,
    LostByte,
    Entities,
    ControlChars,
    Markup,
}

impl Fix {
    /// The note for this fix, as it appears in an article's notes.
    pub fn as_str(self) -> &'static str {
        match self {
            Fix::Mojibake => "mojibake",
            Fix::LostByte => "lost-byte apostrophes",
            Fix::Entities => "html entities",
            Fix::ControlChars => "control characters",
            Fix::Markup => "markup debris",
        }
    }
}

/// Rounds of the whole pipeline before giving up on a fixed point.
const MAX_ROUNDS: usize = 16;

type Step = fn(&str) -> Option<String>;

/// The pipeline: scan flag, fix reported, step (`None`: unchanged).
static STEPS: &[(u8, Fix, Step)] = &[
    (ENT, Fix::Entities, |s| owned(decode_refs(s, true, false))),
    (MOJI, Fix::Mojibake, fix_mojibake),
    (CTRL, Fix::ControlChars, fix_controls),
    (LOST, Fix::LostByte, fix_lost_bytes),
    (MARK, Fix::Markup, fix_markup),
];

/// Repairs one text. Idempotent: `repair(repair(x).text).text == repair(x).text`.
pub fn repair(text: &str) -> Repaired {
    let mut cur: Cow<'_, str> = Cow::Borrowed(text);
    let mut fixes: Vec<Fix> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut flags = scan(&cur);
        let mut changed = false;
        for &(flag, fix, step) in STEPS {
            if flags & flag == 0 {
                continue;
            }
            if let Some(next) = step(&cur) {
                cur = Cow::Owned(next);
                flags = scan(&cur);
                changed = true;
                if !fixes.contains(&fix) {
                    fixes.push(fix);
                }
            }
        }
        // Text leaves repair in normalisation form C, so one name is one
        // sequence of characters whatever form the page wrote it in. NFC is
        // the last step of each round, not a pass after them: composing may
        // make work for the steps (`O` U+0301 `³` composes to `Ó³`, mojibake
        // for `ӳ`), so the rounds stop only on a text that neither the steps
        // nor NFC change.
        if let Cow::Owned(normal) = crate::nfc_str(&cur) {
            cur = Cow::Owned(normal);
            changed = true;
        }
        if !changed {
            break;
        }
    }
    Repaired {
        text: cur.into_owned(),
        fixes,
    }
}

/// Decodes HTML character references: every named reference of the
/// WHATWG list (`&amp;`, `&eacute;`, `&ccaron;`, `&NotEqualTilde;`...),
/// `&#8217;` and `&#x2019;`, `&nbsp;` → U+00A0. A `;` is required; unknown
/// or invalid references stay as they are; `&amp;`-chains from double
/// escaping resolve fully (`&amp;#8217;` → `’`). Borrows when nothing is
/// decoded. For text that is still HTML, see [`decode_html`].
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    decode_refs(s, false, false)
}

/// [`decode_entities`] for the text and attribute values of an HTML page,
/// which browsers read with two more forms: the 106 legacy names that the
/// WHATWG list also has without `;` (`&copy 2024`, `&eacute`, `&amp`: the
/// Latin-1 names and `amp lt gt quot`, `AMP LT GT QUOT COPY REG`), and
/// numeric references without `;` (`&#8217s`). A legacy name counts only
/// as a whole word, not before a letter, digit or `=` (the spec's rule for
/// attributes, applied to text too): `&notit;` and `?a=1&copy=2` stay.
pub fn decode_html(s: &str) -> Cow<'_, str> {
    decode_refs(s, false, true)
}

fn owned(c: Cow<'_, str>) -> Option<String> {
    match c {
        Cow::Borrowed(_) => None,
        Cow::Owned(s) => Some(s),
    }
}

// ---------------------------------------------------------------------------
// The scan: one pass over the bytes says which steps may have work.

const ENT: u8 = 1;
const MOJI: u8 = 2;
const CTRL: u8 = 4;
const LOST: u8 = 8;
const MARK: u8 = 16;

static ASCII_FLAGS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 32 {
        if i != 9 && i != 10 {
            t[i] = CTRL;
        }
        i += 1;
    }
    t[b'&' as usize] = ENT;
    t[b'<' as usize] = MARK;
    t
};

fn scan(s: &str) -> u8 {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut flags = 0;
    for (i, &c) in b.iter().enumerate() {
        if c < 0x80 {
            flags |= ASCII_FLAGS[usize::from(c)];
            continue;
        }
        match c {
            // U+00C2..U+00F4, the characters that map to UTF-8 lead bytes,
            // followed by one that may map to a continuation byte (or by a
            // space, for `Â `/`Ã `).
            0xC3 if (0x82..=0xB4).contains(&at(i + 1)) => {
                let hit = match at(i + 2) {
                    0xC2 => (0x80..=0xBF).contains(&at(i + 3)),
                    0xC5 | 0xC6 | 0xCB | 0xE2 => true,
                    b' ' => at(i + 1) <= 0x83,
                    _ => false,
                };
                if hit {
                    flags |= MOJI;
                }
            }
            0xE2 if at(i + 1) == 0x80 => match at(i + 2) {
                0x8B => flags |= CTRL,
                0x99 if i > 0 && b[i - 1] == b'a' => flags |= LOST,
                _ => {}
            },
            0xEF if at(i + 1) == 0xBB && at(i + 2) == 0xBF => flags |= CTRL,
            _ => {}
        }
    }
    flags
}

// ---------------------------------------------------------------------------
// Entities.

/// What a reference stands for.
#[derive(Clone, Copy)]
enum Ref {
    Char(char),
    Str(&'static str),
}

impl Ref {
    fn is_amp(self) -> bool {
        matches!(self, Ref::Char('&') | Ref::Str("&"))
    }
}

fn decode_refs(s: &str, nbsp_to_space: bool, legacy: bool) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'&', &s.as_bytes()[i..]) {
        let amp = i + off;
        // Resolve the reference after this `&`; one that yields `&` again
        // (`&amp;#8217;`) continues the chain.
        let mut end = amp + 1;
        let mut got = None;
        while let Some((r, len)) = reference(&s[end..], legacy) {
            end += len;
            got = Some(r);
            if !r.is_amp() {
                break;
            }
        }
        match got {
            None => i = amp + 1,
            Some(r) => {
                let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
                o.push_str(&s[copied..amp]);
                match r {
                    Ref::Char('\u{a0}') | Ref::Str("\u{a0}") if nbsp_to_space => o.push(' '),
                    Ref::Char(c) => o.push(c),
                    Ref::Str(t) => o.push_str(t),
                }
                copied = end;
                i = end;
            }
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Parses the reference body right after a `&`: what it stands for and its
/// length. Looks at no more than 34 bytes. `legacy`: also the forms
/// without `;` that browsers accept (see [`decode_html`]).
fn reference(s: &str, legacy: bool) -> Option<(Ref, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (radix, start) = if matches!(b.get(1), Some(b'x' | b'X')) {
            (16, 2)
        } else {
            (10, 1)
        };
        let digits = b[start..]
            .iter()
            .take(9)
            .take_while(|c| c.is_ascii_digit() || (radix == 16 && c.is_ascii_hexdigit()))
            .count();
        let semi = b.get(start + digits) == Some(&b';');
        if digits == 0 || digits > 8 || !(semi || legacy) {
            return None;
        }
        let n = u32::from_str_radix(&s[start..start + digits], radix).ok()?;
        let c = match n {
            0x80..=0x9F => char::from_u32(u32::from(CP1252[(n - 0x80) as usize]))
                .filter(|&c| c != '\0')
                .or(char::from_u32(n)),
            0 => None,
            _ => char::from_u32(n),
        }?;
        return Some((Ref::Char(c), start + digits + usize::from(semi)));
    }
    let len = b
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if len == 0 || len > 32 {
        return None;
    }
    let name = &s[..len];
    match b.get(len) {
        Some(b';') => named(name).map(|t| (Ref::Str(t), len + 1)),
        Some(b'=') => None,
        _ if legacy && is_legacy(name) => named(name).map(|t| (Ref::Str(t), len)),
        _ => None,
    }
}

/// The text of a named reference (without its `;`), from the WHATWG list
/// as the `html-escape` crate ships it (2,125 names, sorted).
fn named(name: &str) -> Option<&'static str> {
    let t = &html_escape::NAMED_ENTITIES;
    t.binary_search_by(|(n, _)| (*n).cmp(name.as_bytes()))
        .ok()
        .map(|i| t[i].1)
}

/// Whether a name is one of the 106 that the WHATWG list also has without
/// `;`: the names of U+00A0..=U+00FF and eight of ASCII.
fn is_legacy(name: &str) -> bool {
    matches!(
        name,
        "amp" | "lt" | "gt" | "quot" | "AMP" | "LT" | "GT" | "QUOT" | "COPY" | "REG"
    ) || LATIN1_NAMES.contains(&name)
}

// ---------------------------------------------------------------------------
// Mojibake.

fn fix_mojibake(s: &str) -> Option<String> {
    let mut cur: Option<String> = None;
    for _ in 0..3 {
        match mojibake_pass(cur.as_deref().unwrap_or(s)) {
            Some(next) => cur = Some(next),
            None => break,
        }
    }
    cur
}

/// The byte a character stands for in Windows-1252 (C1 controls standing
/// for themselves, as Latin-1 and lenient decoders leave them).
fn cp_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        u @ 0x80..=0xFF => u8::try_from(u).ok(),
        u @ (0x152
        | 0x153
        | 0x160
        | 0x161
        | 0x178
        | 0x17D
        | 0x17E
        | 0x192
        | 0x2C6
        | 0x2DC
        | 0x2013..=0x203A
        | 0x20AC
        | 0x2122) => {
            let i = CP1252.iter().position(|&x| u32::from(x) == u)?;
            u8::try_from(0x80 + i).ok()
        }
        _ => None,
    }
}

/// Whether continuation byte `i` of a sequence may come from punctuation
/// after a word-final letter (for a lower-case lead of 3 or 4 bytes, the
/// first must be one such a letter is followed by: `é…»`, `é\u{a0}»`).
fn is_punct_cont(lead: u8, i: usize, b: u8) -> bool {
    if lead >= 0xE0 && i == 1 {
        return matches!(b, 0x85 | 0x92..=0x94 | 0xA0);
    }
    match b {
        0x85 | 0x91..=0x94 | 0x96 | 0x97 | 0xBB => true,
        0x8B | 0x9B | 0xA0 | 0xAB | 0xAD | 0xB7 => lead != 0xC3,
        _ => false,
    }
}

/// Whether a decoded character is a plausible original (see the header).
/// After a lead byte that still lacks continuation bytes, anything that
/// maps to one is: the inner layer of nested mojibake (`Ã…Â\u{81}` →
/// `Å\u{81}` → `Ł`, `ÃŽËœ` → `Î˜` → `Θ`).
/// IPA letters (`ɛ`, `ɣ` of African languages) only as an upper-case lead
/// inside a lower-case word, which `JOSÉ’S` and `CAFÉ™` are not.
fn plausible(d: char, prev: Option<char>, mixed: bool, pending: u8) -> bool {
    if pending > 0 && cp_byte(d).is_some_and(|b| (0x80..=0xBF).contains(&b)) {
        return true;
    }
    match u32::from(d) {
        0xA0..=0x24F
        | 0x384..=0x3CE
        | 0x400..=0x52F
        | 0x531..=0x587
        | 0x591..=0x5F4
        | 0x600..=0x6FF => true,
        0x250..=0x2AF => mixed,
        0x300..=0x33F => prev.is_some_and(char::is_alphabetic),
        0x800..=0xDFFF | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0x3FFFF => true,
        _ => false,
    }
}

/// How many continuation bytes are lacking after output character `c`.
fn lacking(pending: u8, c: Option<char>) -> u8 {
    match c.and_then(cp_byte) {
        Some(0x80..=0xBF) => pending.saturating_sub(1),
        Some(0xC2..=0xDF) => 1,
        Some(0xE0..=0xEF) => 2,
        Some(0xF0..=0xF4) => 3,
        _ => 0,
    }
}

/// A span of text that may be mojibake (UTF-8 read as a single-byte
/// charset) and what it would be repaired to.
struct MojibakeSpan {
    start: usize,
    end: usize,
    /// The character the bytes decode to, if any.
    replacement: Option<char>,
    /// Plausible as written too: repaired only next to certain mojibake.
    weak: bool,
    /// An alphabetic character follows.
    next_alpha: bool,
}

fn mojibake_pass(s: &str) -> Option<String> {
    let mut cands: Vec<MojibakeSpan> = Vec::new();
    let mut prev: Option<char> = None;
    // Continuation bytes the output still lacks after its last lead byte.
    let mut pending = 0;
    let mut it = s.char_indices();
    while let Some((start, c)) = it.next() {
        let before = prev.replace(c);
        let before_pending = pending;
        pending = lacking(pending, Some(c));
        let Some(lead) = cp_byte(c).filter(|b| (0xC2..=0xF4).contains(b)) else {
            continue;
        };
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let mut buf = [lead, 0, 0, 0];
        let mut got = 1;
        // Never weak: `Â`, Cyrillic `Ð`/`Ñ` (legitimately followed by
        // punctuation in no language), an upper-case lead after a lower-case
        // letter or digit (`funkcjÄ…`, `10Ã—11`).
        let mixed =
            c.is_uppercase() && before.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
        let mut weak = !matches!(lead, 0xC2 | 0xD0 | 0xD1) && !mixed;
        let mut look = it.clone();
        while got < need {
            let mut peek = look.clone();
            let Some(b) = peek
                .next()
                .and_then(|(_, d)| cp_byte(d))
                .filter(|b| (0x80..=0xBF).contains(b))
            else {
                break;
            };
            buf[got] = b;
            weak &= is_punct_cont(lead, got, b);
            got += 1;
            look = peek;
        }
        let next = look.clone().next().map(|(_, d)| d);
        let decoded = if got == need {
            std::str::from_utf8(&buf[..need])
                .ok()
                .and_then(|t| t.chars().next())
                .filter(|&d| plausible(d, before, mixed, before_pending))
        } else {
            None
        };
        let end = look.offset();
        let mut cand = MojibakeSpan {
            start,
            end,
            replacement: decoded,
            weak,
            next_alpha: next.is_some_and(char::is_alphabetic),
        };
        if decoded.is_none() {
            cand.weak = false;
            if lead == 0xE2 && got == 2 && buf[1] == 0x80 {
                // `â€` + a dropped 0x9D: the closing quote.
                cand.replacement = Some('\u{201D}');
            } else if (c == 'Â' || c == 'Ã')
                && next == Some(' ')
                && !before.is_some_and(char::is_uppercase)
            {
                // The NBSP of `Â\u{a0}`/`Ã\u{a0}` became a plain space.
                cand.end = start + c.len_utf8();
                if c == 'Ã' {
                    cand.replacement = Some('à');
                    if s[cand.end..].starts_with("  ") {
                        cand.end += 1;
                    }
                }
            } else {
                continue;
            }
        }
        prev = s[..cand.end].chars().next_back();
        pending = if cand.replacement.is_some() {
            lacking(before_pending, cand.replacement)
        } else {
            before_pending
        };
        while it.offset() < cand.end && it.next().is_some() {}
        cands.push(cand);
    }
    let any_strong = cands.iter().any(|c| !c.weak);
    let mut out: Option<String> = None;
    let mut copied = 0;
    for c in cands
        .iter()
        .filter(|c| !c.weak || c.next_alpha || any_strong)
    {
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[copied..c.start]);
        o.extend(c.replacement);
        copied = c.end;
    }
    let mut o = out?;
    o.push_str(&s[copied..]);
    Some(o)
}

// ---------------------------------------------------------------------------
// Control characters.

fn fix_controls(s: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let rep = match c {
            '\r' => {
                if it.peek().is_some_and(|&(_, n)| n == '\n') {
                    it.next();
                }
                Some('\n')
            }
            '\t' | '\n' => continue,
            '\0'..='\u{1f}' | '\u{feff}' | '\u{200b}' => None,
            _ => continue,
        };
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[copied..i]);
        o.extend(rep);
        copied = it.peek().map_or(s.len(), |&(j, _)| j);
    }
    let mut o = out?;
    o.push_str(&s[copied..]);
    Some(o)
}

// ---------------------------------------------------------------------------
// Lost-byte apostrophes.

const SUFFIXES: [&str; 7] = ["s", "t", "ll", "re", "ve", "d", "m"];

/// Negation stems: damage only before `t` (`dona’t`), since `arena’s`,
/// `dona`, `cana` exist.
#[rustfmt::skip]
static NEG_STEMS: &[&str] = &[
    "aren", "can", "couldn", "didn", "doesn", "don", "hadn", "hasn", "haven", "isn", "mustn",
    "needn", "shouldn", "wasn", "weren", "won", "wouldn",
];

/// Frequent words whose form with a final `a` is no English word.
#[rustfmt::skip]
static STEMS: &[&str] = &[
    "another", "city", "company", "country", "everybody", "everyone", "government", "he", "here",
    "it", "leader", "let", "minister", "ministry", "nation", "nobody", "one", "other", "party",
    "people", "region", "side", "somebody", "someone", "state", "that", "there", "they", "this",
    "today", "we", "what", "when", "where", "world", "year", "you",
];

/// Endings no English word in `-a` continues (`harmonizea`, `clearlya`).
#[rustfmt::skip]
static STRONG_ENDINGS: &[&str] = &[
    "ize", "ise", "ing", "ment", "tion", "sion", "ness", "less", "ly", "ful", "ous", "ive", "ate",
];

/// Stems whose `-a` form is an English word, by the ending that admits them.
static Y_EXCEPT: &[&str] = &["soy", "play", "papay", "may"];
#[rustfmt::skip]
static E_EXCEPT: &[&str] = &[
    "nause", "corne", "trache", "azale", "panace", "guine", "hydrange", "cochle", "chore", "fove",
    "tine", "line", "gale", "pale", "sole", "apne",
];
#[rustfmt::skip]
static ER_EXCEPT: &[&str] = &[
    "camer", "oper", "gener", "choler", "chimer", "viscer", "ephemer", "calder", "scler", "pater",
    "hetaer", "rivier", "ceter", "primaver", "tesser",
];
#[rustfmt::skip]
static OR_EXCEPT: &[&str] = &[
    "diaspor", "angor", "agor", "auror", "fedor", "plethor", "signor", "senor", "flor", "menor",
];

fn likely_english(x: &str) -> bool {
    let n = x.len();
    let no = |list: &[&str]| !list.contains(&x);
    (n >= 5 && STRONG_ENDINGS.iter().any(|e| x.ends_with(e)))
        || (n >= 2 && x.ends_with('y') && no(Y_EXCEPT))
        || (n >= 4
            && x.ends_with('e')
            && no(E_EXCEPT)
            && !x.ends_with("rrhe")
            && !x.ends_with("pne"))
        || (n >= 4 && x.ends_with("er") && no(ER_EXCEPT))
        || (n >= 4 && x.ends_with("or") && no(OR_EXCEPT))
        || (n >= 4 && x.ends_with("ed"))
        || (n >= 3 && x.ends_with('a') && !x.ends_with("aa"))
}

fn sentence_start(before: &str) -> bool {
    let t = before.trim_end_matches([' ', '\t', '\u{a0}']);
    t.chars()
        .next_back()
        .is_none_or(|c| "\n.!?:;\"“‘«(—–-".contains(c))
}

fn fix_lost_bytes(s: &str) -> Option<String> {
    const PAT: &str = "a\u{2019}";
    let b = s.as_bytes();
    // (start, end, replacement) of each fixable occurrence.
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let mut evidence = false;
    for (pos, _) in s.match_indices(PAT) {
        let mut ws = pos;
        while ws > 0 && b[ws - 1].is_ascii_alphabetic() {
            ws -= 1;
        }
        if s[..ws]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '’')
        {
            continue;
        }
        let x = &s[ws..pos];
        let rest = &s[pos + PAT.len()..];
        let suf_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        let suffix = &rest[..suf_len];
        let ends = !rest[suf_len..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        let contraction = ends && SUFFIXES.contains(&suffix);
        if x.is_empty() {
            // `a’it`: a mangled opening quote glued to the next word.
            if !contraction && rest.chars().next().is_some_and(char::is_alphabetic) {
                edits.push((pos, pos + PAT.len(), "\u{2018}"));
            }
            continue;
        }
        if !(contraction || (suffix.is_empty() && ends)) {
            continue;
        }
        let lower = x.bytes().all(|c| c.is_ascii_lowercase());
        let cap = x.starts_with(|c: char| c.is_ascii_uppercase())
            && x.bytes().skip(1).all(|c| c.is_ascii_lowercase());
        let xl = x.to_ascii_lowercase();
        let known =
            STEMS.contains(&xl.as_str()) || (suffix == "t" && NEG_STEMS.contains(&xl.as_str()));
        let pronoun_i = x == "I" && !suffix.is_empty();
        if pronoun_i && suffix != "s" && suffix != "t" && suffix != "re"
            || lower && known && contraction
            || lower && x.len() >= 5 && STRONG_ENDINGS.iter().any(|e| x.ends_with(e))
        {
            evidence = true;
        }
        let fixable = pronoun_i
            || lower && (known || likely_english(x))
            || cap
                && ((known && sentence_start(&s[..ws]))
                    || (x.len() >= 4 && x.ends_with('a') && !x.ends_with("aa")));
        if fixable {
            edits.push((pos, pos + 1, ""));
        }
    }
    if !evidence || edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (start, end, rep) in edits {
        out.push_str(&s[copied..start]);
        out.push_str(rep);
        copied = end;
    }
    out.push_str(&s[copied..]);
    Some(out)
}

// ---------------------------------------------------------------------------
// Markup debris.

/// What a tag leaves between text on one line: a break, a space or nothing.
#[rustfmt::skip]
static TAGS: &[(&str, &str)] = &[
    ("p", "\n\n"), ("div", "\n\n"), ("h1", "\n\n"), ("h2", "\n\n"), ("h3", "\n\n"), ("h4", "\n\n"),
    ("h5", "\n\n"), ("h6", "\n\n"), ("blockquote", "\n\n"), ("section", "\n\n"),
    ("article", "\n\n"), ("figure", "\n\n"), ("figcaption", "\n\n"), ("ul", "\n\n"), ("ol", "\n\n"),
    ("table", "\n\n"), ("tbody", "\n\n"), ("hr", "\n\n"), ("center", "\n\n"), ("br", "\n"),
    ("li", "\n"), ("tr", "\n"), ("td", " "), ("th", " "), ("span", ""), ("b", ""), ("i", ""),
    ("em", ""), ("strong", ""), ("a", ""), ("font", ""), ("small", ""), ("sup", ""), ("sub", ""),
    ("u", ""), ("img", ""),
];

fn skip_hws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Bytes a tag may span: [`parse_tag`] looks no further.
const MAX_TAG: usize = 1536;

/// Parses a known tag at the start of `b` (which starts with `<`): its
/// length and what it leaves behind between text. Looks at no more than
/// [`MAX_TAG`] bytes.
fn parse_tag(b: &[u8]) -> Option<(usize, &'static str)> {
    let b = &b[..b.len().min(MAX_TAG)];
    let mut i = skip_hws(b, 1);
    let mut spaced = i > 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        let j = skip_hws(b, i + 1);
        spaced |= j > i + 1;
        i = j;
    }
    let ns = i;
    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) && i - ns <= 10 {
        i += 1;
    }
    let name = &b[ns..i];
    let &(_, rep) = TAGS
        .iter()
        .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name))?;
    let close = |j: usize| match (b.get(j), b.get(j + 1)) {
        (Some(b'>'), _) => Some(j + 1),
        (Some(b'/'), Some(b'>')) => Some(j + 2),
        _ => None,
    };
    if let Some(end) = close(i) {
        return Some((end, rep));
    }
    if !matches!(b.get(i), Some(b' ' | b'\t')) {
        return None;
    }
    i = skip_hws(b, i);
    if let Some(end) = close(i) {
        return Some((end, rep));
    }
    if spaced || closing {
        return None;
    }
    // Attributes: `name`, `name=value`, `name="..."`; at least one `=`.
    let mut saw_eq = false;
    while i < 1024 {
        i = skip_hws(b, i);
        if let Some(end) = close(i) {
            return saw_eq.then_some((end, rep));
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        while b
            .get(i)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        let j = skip_hws(b, i);
        if b.get(j) != Some(&b'=') {
            if !matches!(b.get(i), Some(b' ' | b'\t' | b'>' | b'/')) {
                return None;
            }
            continue;
        }
        saw_eq = true;
        i = skip_hws(b, j + 1);
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let len = b[i + 1..]
                    .iter()
                    .take(512)
                    .position(|&c| c == q || c == b'\n')?;
                if b[i + 1 + len] != q {
                    return None;
                }
                i += len + 2;
            }
            _ => {
                let len = b[i..]
                    .iter()
                    .take_while(|&&c| {
                        !matches!(
                            c,
                            b' ' | b'\t' | b'\n' | b'>' | b'<' | b'"' | b'\'' | b'=' | b'`'
                        )
                    })
                    .count();
                if len == 0 {
                    return None;
                }
                i += len;
            }
        }
    }
    None
}

/// What the output of [`fix_markup`] ends with: whether its last line
/// holds text (anything but spaces and tabs) and how many spaces and tabs
/// close it. Kept up to date as text is appended, so that a tag's context
/// costs nothing however long the line: each appended piece is looked at
/// once.
#[derive(Default)]
struct LineEnd {
    text: bool,
    trailing: usize,
}

impl LineEnd {
    fn append(&mut self, piece: &str) {
        let b = piece.as_bytes();
        let (line, new_line) = match memchr::memrchr(b'\n', b) {
            Some(nl) => (&b[nl + 1..], true),
            None => (b, false),
        };
        let trailing = line
            .iter()
            .rev()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        // `memrchr` reads the last line and its newline, then the spaces.
        count_work(line.len() + usize::from(new_line) + trailing);
        let all_blank = trailing == line.len();
        if new_line {
            self.text = !all_blank;
            self.trailing = trailing;
        } else if all_blank {
            self.trailing += trailing;
        } else {
            self.text = true;
            self.trailing = trailing;
        }
    }
}

fn fix_markup(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut end_of_out = LineEnd::default();
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let Some((len, rep)) = parse_tag(&b[lt..]) else {
            i = lt + 1;
            continue;
        };
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[copied..lt]);
        end_of_out.append(&s[copied..lt]);
        let mut end = lt + len;
        if !rep.is_empty() {
            let text_before = end_of_out.text;
            let after = skip_hws(b, end);
            count_work(after - end + 1);
            let text_after = b.get(after).is_some_and(|&c| c != b'\n');
            if text_before {
                o.truncate(o.len() - end_of_out.trailing);
                end_of_out.trailing = 0;
            }
            if text_after {
                end = after;
            }
            if text_before && text_after {
                o.push_str(rep);
                end_of_out.append(rep);
            }
        }
        copied = end;
        i = end;
    }
    let mut o = out?;
    o.push_str(&s[copied..]);
    Some(o)
}

#[cfg(test)]
thread_local! {
    // Bytes looked at by the context checks of `fix_markup` (tests only):
    // linear in the text however long its lines.
    static WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn count_work(n: usize) {
    WORK.with(|w| w.set(w.get() + n));
}

#[cfg(not(test))]
fn count_work(_: usize) {}

// ---------------------------------------------------------------------------
// Tables.

/// Windows-1252 bytes 0x80..=0x9F; 0 where the byte is undefined.
#[rustfmt::skip]
static CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
    0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Entity names of U+00A0..=U+00FF, in order.
#[rustfmt::skip]
static LATIN1_NAMES: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para",
    "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave",
    "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc",
    "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc",
    "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave",
    "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve",
    "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml",
    "yacute", "thorn", "yuml",
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(input: &str, expected: &str) {
        let r = repair(input);
        assert_eq!(r.text, expected, "repair({input:?})");
        assert_eq!(repair(&r.text).text, r.text, "not idempotent on {input:?}");
    }

    /// UTF-8 bytes read as Windows-1252, undefined bytes kept as C1 controls.
    fn mojibake(s: &str) -> String {
        s.bytes()
            .map(|b| {
                match b {
                    0x80..=0x9F => char::from_u32(u32::from(CP1252[usize::from(b - 0x80)]))
                        .filter(|&c| c != '\0'),
                    _ => None,
                }
                .unwrap_or(char::from(b))
            })
            .collect()
    }

    const DAMAGED: &[(&str, &str)] = &[
        // Mojibake.
        ("donâ€™t", "don’t"),
        ("cafÃ©", "café"),
        ("Ã¢â‚¬â„¢", "’"),
        ("Ð¡ÐµÑ€Ð³ÐµÐ¹", "Сергей"),
        ("â€œquoteâ€\u{9d}", "“quote”"),
        ("â€œquoteâ€ he said", "“quote” he said"),
        ("He said â€œnoâ€", "He said “no”"),
        ("ÃƒÂ©tÃƒÂ©", "été"),
        ("WrocÅ‚aw", "Wrocław"),
        ("siÄ™", "się"),
        ("Polska sÄ… w WrocÅ‚awiu", "Polska są w Wrocławiu"),
        ("Ð’Ð»Ð°Ð´Ð¸Ð¼Ð¸Ñ€ ÐŸÑƒÑ‚Ð¸Ð½", "Владимир Путин"),
        ("ä¸\u{ad}æ–‡", "中文"),
        ("ðŸ˜€ ok", "😀 ok"),
        ("Â£5 and 30Â°C", "£5 and 30°C"),
        ("Ã\u{81}frica", "África"),
        ("Ã–sterreich", "Österreich"),
        ("NoÃ«l and CitroÃ«n", "Noël and Citroën"),
        ("â€” and â€¦", "— and …"),
        ("Ã  Paris, voilÃ  !", "à Paris, voilà !"),
        ("Price:Â 5", "Price: 5"),
        ("Â\u{a0}indent", "\u{a0}indent"),
        ("ï»¿Hello", "Hello"),
        ("zeroâ€‹width", "zerowidth"),
        ("Ð’ ÐœÐ¾Ñ\u{81}ÐºÐ²Ðµ", "В Москве"),
        ("Tham sá»‘: bá»‹ dá»«ng", "Tham số: bị dừng"),
        ("TaÉ›rabt, 10Ã—11", "Taɛrabt, 10×11"),
        ("funkcjÄ…", "funkcją"),
        // Lost-byte apostrophes.
        (
            "adding a’it is pivotal that in todaya’s complex world we respect each othera’s interests",
            "adding ‘it is pivotal that in today’s complex world we respect each other’s interests",
        ),
        (
            "were ready to further ‘harmonizea’ their stances",
            "were ready to further ‘harmonize’ their stances",
        ),
        (
            "Ia’m sure theya’re right and dona’t care.",
            "I’m sure they’re right and don’t care.",
        ),
        (
            "Thata’s what Russiaa’s minister said; ita’s clear",
            "That’s what Russia’s minister said; it’s clear",
        ),
        (
            "wea’ll see the countrya’s policya’s effect",
            "we’ll see the country’s policy’s effect",
        ),
        (
            "todaya’s talks: Russia’s, China’s, NASA’s, Obama’s, data’s, Lavrova’s, the idea’s, the area’s, the arena’s",
            "today’s talks: Russia’s, China’s, NASA’s, Obama’s, data’s, Lavrova’s, the idea’s, the area’s, the arena’s",
        ),
        // Entities.
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("it&#8217;s, it&#x2019;s, it&#146;s", "it’s, it’s, it’s"),
        ("a&nbsp;b", "a b"),
        (
            "&amp;#8217;quoted&amp;#8217; &amp;amp; &#38;quot;",
            "’quoted’ & \"",
        ),
        (
            "caf&eacute; &laquo;oui&raquo; &mdash; &hellip; &rsquo;",
            "café «oui» — … ’",
        ),
        ("&Atilde;&copy;", "é"),
        ("&lt;p&gt;Hello", "Hello"),
        // Control characters.
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\u{0}b\u{7}c\u{1b}d\u{7f}", "abcd\u{7f}"),
        ("x\u{feff}y\u{200b}z", "xyz"),
        // Markup debris.
        ("< p>The president", "The president"),
        ("First.</p><p>Second.", "First.\n\nSecond."),
        ("Line<br>next<br/>and<br />more", "Line\nnext\nand\nmore"),
        ("</ div>Text", "Text"),
        ("Say <b>hi</b> <i>now</i>", "Say hi now"),
        ("<a href=\"http://x.y/?a=1&b=2\">link</a>.", "link."),
        ("<P CLASS=\"lead\">Text", "Text"),
        ("text </p>\n<p> more", "text\nmore"),
        ("<span style='color:red'>s</span>", "s"),
        ("end. <p> Next", "end.\n\nNext"),
        ("<td>a</td><td>b</td>", "a b"),
        ("<<b>b>nested", "nested"),
    ];

    #[test]
    fn repairs_damage() {
        for &(input, expected) in DAMAGED {
            check(input, expected);
        }
    }

    #[rustfmt::skip]
    const CLEAN: &[&str] = &[
        "café", "Zürich", "naïve", "Sergueï", "señor", "Ærøskøbing", "CHÂTEAU", "Â", "Â.", "ÂGE",
        "„Fuß“, sagte er… Straße“ und „Maß“", "ÄRGER, ÜBER, Öl",
        "«\u{a0}vérité\u{a0}» et «vérité…» à l’été", "JOSÉ’S CAFÉ™ and NESTLÉ® — PERÚ”",
        "Zażółć gęślą jaźń", "İstanbul’da ağır şiş", "Сергей Лавров заявил «нет»", "中文新闻，北京。",
        "مرحبا بالعالم", "שלום עולם", "Αθήνα", "NÃO, IRMÔ, coração", "¿Qué? ¡Año!",
        "Hà Nội, Việt Nam", "Þórður Guðrún", "Øst og Århus på", "5 × ½, 5×½",
        "It’s fine — “quoted” text…", "Müller’s", "3°C", "nbsp\u{a0}kept", "😀 👍", "AT&T",
        "R&D; &bogus; &#xZZ; &#; &#0; &#xD800; &#99999999;", "tab\there\n", "a < b and c > d",
        "x<y", "<3", "if a<b and c>d then", "<b and c>", "<notatag>", "<ppp>", "1 <br 2",
        "Russia’s, China’s, Africa’s, Canada’s, NASA’s, Obama’s, data’s, Lavrova’s",
        "harmonize’ alone", "Ita’s husband", "a’s and b’s", "the arena’s idea’s area’s",
        "rock ’n’ roll, ’90s", "PROHLÍŽEČ", "SYÖTTÖ”", "CAFÉ” and CAFÉ…", "Ϳ 10×11",
    ];

    #[test]
    fn leaves_clean_text_alone() {
        for &s in CLEAN {
            let r = repair(s);
            assert_eq!(r.text, s);
            assert!(r.fixes.is_empty(), "{s:?}: {:?}", r.fixes);
        }
    }

    #[test]
    fn undoes_mojibake_of_real_text() {
        let samples = [
            "Der Bürgermeister sagte: „Das ist großartig.“",
            "Le président a déclaré « c’est là » à Paris — voilà…",
            "Zmieniła się sytuacja w Łodzi; pięć osób",
            "Президент Владимир Путин заявил",
            "Türkiye’nin başkenti Ankara’dır; İstanbul büyüktür",
            "中国外交部发言人表示",
            "São Paulo, coração, ação",
            "Αθήνα και Θεσσαλονίκη",
            "“Don’t,” she said — 5 €, 10 ™, ½ 😀",
            "Tham số trống rỗng, bị dừng; Hà Nội",
            "Україна і її міста; Őrség; gėlė; antaŭ; Taɛrabt; PROHLÍŽEČ",
            "Ørsted, Ærø, Þór: „Fuß“ — «vérité\u{a0}»",
        ];
        for s in samples {
            check(&mojibake(s), s);
            check(&mojibake(&mojibake(s)), s);
            check(s, s);
        }
    }

    #[test]
    fn reports_fixes() {
        assert_eq!(repair("cafÃ©").fixes, [Fix::Mojibake]);
        assert_eq!(
            repair("ï»¿x &amp; <br>y").fixes,
            [Fix::Entities, Fix::Mojibake, Fix::ControlChars, Fix::Markup]
        );
        assert_eq!(repair("dona’t").fixes, [Fix::LostByte]);
        assert_eq!(repair("clean").fixes, []);
        let names: Vec<_> = [
            Fix::Mojibake,
            Fix::LostByte,
            Fix::Entities,
            Fix::ControlChars,
            Fix::Markup,
        ]
        .map(Fix::as_str)
        .into();
        assert_eq!(
            names,
            [
                "mojibake",
                "lost-byte apostrophes",
                "html entities",
                "control characters",
                "markup debris"
            ]
        );
    }

    #[test]
    fn decodes_entities() {
        assert!(matches!(
            decode_entities("plain & simple"),
            Cow::Borrowed(_)
        ));
        assert_eq!(decode_entities("a&nbsp;b&#160;"), "a\u{a0}b\u{a0}");
        assert_eq!(decode_entities("&eacute;&Eacute;&#x1F600;&#8364;"), "éÉ😀€");
        assert_eq!(
            decode_entities("&amp;amp;lt; &amp;foo; &foo;"),
            "< &foo; &foo;"
        );
        assert_eq!(decode_entities("&#128;&#129;&#157;"), "€\u{81}\u{9d}");
        assert_eq!(decode_entities("&amp"), "&amp");
    }

    #[test]
    fn latin1_names_line_up() {
        assert_eq!(named("nbsp"), Some("\u{a0}"));
        assert_eq!(named("Agrave"), Some("À"));
        assert_eq!(named("times"), Some("×"));
        assert_eq!(named("yuml"), Some("ÿ"));
        for (i, name) in LATIN1_NAMES.iter().enumerate() {
            let c = char::from_u32(0xA0 + i as u32).map(String::from);
            assert_eq!(named(name).map(String::from), c, "{name}");
        }
    }

    fn fragments() -> impl Strategy<Value = String> {
        let parts = prop::sample::select(vec![
            "Ã",
            "©",
            "â",
            "€",
            "™",
            "Â",
            " ",
            "  ",
            "\u{a0}",
            "Ð",
            "µ",
            "’",
            "a’",
            "a",
            "todaya’s",
            "x",
            "I",
            "s",
            "&amp;",
            "&",
            "#8217;",
            "amp;",
            "<",
            "p>",
            "<p>",
            "</ p>",
            "<br/>",
            "\r",
            "\n",
            "\u{0}",
            "\u{9d}",
            "\u{81}",
            "Ä",
            "…",
            "é",
            "»",
            "ß",
            "“",
            ".",
            "<b ",
            "=1>",
            "ï»¿",
            "&semi;",
            "&ccaron;",
            "&amp",
            "&copy",
            "&NewLine;",
            "&lt;",
            "p&gt;",
            "&#x26;",
        ]);
        prop::collection::vec(parts, 0..24).prop_map(|v| v.concat())
    }

    /// The markup step as it was: the context of each tag read by scanning
    /// its whole line, backwards in the output and forwards in the input.
    fn fix_markup_by_lines(s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut out: Option<String> = None;
        let mut copied = 0;
        let mut i = 0;
        while let Some(off) = s[i..].find('<') {
            let lt = i + off;
            let Some((len, rep)) = parse_tag(&b[lt..]) else {
                i = lt + 1;
                continue;
            };
            let o = out.get_or_insert_with(String::new);
            o.push_str(&s[copied..lt]);
            let mut end = lt + len;
            if !rep.is_empty() {
                let line_before = o.rsplit('\n').next().unwrap_or("");
                let text_before = !line_before.trim_matches([' ', '\t']).is_empty();
                let line_after = s[end..].split('\n').next().unwrap_or("");
                let text_after = !line_after.trim_matches([' ', '\t']).is_empty();
                if text_before {
                    let keep = o.trim_end_matches([' ', '\t']).len();
                    o.truncate(keep);
                }
                if text_after {
                    end = skip_hws(b, end);
                }
                if text_before && text_after {
                    o.push_str(rep);
                }
            }
            copied = end;
            i = end;
        }
        let mut o = out?;
        o.push_str(&s[copied..]);
        Some(o)
    }

    fn markup_work(s: &str) -> (Option<String>, usize) {
        WORK.with(|w| w.set(0));
        let out = fix_markup(s);
        (out, WORK.with(std::cell::Cell::get))
    }

    /// 2.8 MB of `< p>word< /p>` on one line took 43 s: each tag scanned the
    /// rest of its line. Now each byte is looked at a bounded number of
    /// times, counted, and the whole repair of the line is quick.
    #[test]
    fn quadratic_markup_debris_on_one_long_line() {
        let unit = "< p>word< /p>";
        let line = unit.repeat(2_800_000 / unit.len());
        let (out, work) = markup_work(&line);
        let out = out.expect("debris removed");
        assert!(work <= 3 * line.len(), "{work} for {} bytes", line.len());
        assert_eq!(out, "word\n\n".repeat(line.len() / unit.len()).trim_end());
        let r = repair(&line);
        assert_eq!(r.text, out);
        assert_eq!(r.fixes, [Fix::Markup]);
        // Spaces between tags with no text on the line, and text with
        // spaces before every tag, are each looked at once too.
        for unit in ["<p>    ", "text   <br>   ", "<td>a</td>   <b>", "\n<li>x"] {
            let s = unit.repeat(1_000_000 / unit.len());
            let (out, work) = markup_work(&s);
            assert!(out.is_some());
            assert!(
                work <= 4 * s.len(),
                "{unit:?}: {work} for {} bytes",
                s.len()
            );
        }
    }

    #[test]
    fn html_named_character_references() {
        // The complete WHATWG list: 2,125 names with `;`, and 106 of them
        // also without (2,231 entries in all).
        let t = &html_escape::NAMED_ENTITIES;
        assert_eq!(t.len(), 2125);
        assert!(
            t.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted for the binary search"
        );
        let legacy = t
            .iter()
            .filter(|(n, _)| is_legacy(std::str::from_utf8(n).unwrap_or("")))
            .count();
        assert_eq!(legacy, 106);
        assert_eq!(t.len() + legacy, 2231);
        for (name, text) in t.iter() {
            let name = std::str::from_utf8(name).unwrap_or("");
            assert_eq!(decode_entities(&format!("&{name};")), *text, "{name}");
        }
        check("Vu&ccaron;i&cacute;", "Vučić");
        check(
            "&Scaron;koda, &Lstrok;&oacute;d&zacute;, &Rcaron;eka",
            "Škoda, Łódź, Řeka",
        );
        check(
            "&NotEqualTilde; &fjlig; &bne;",
            "\u{2242}\u{338} fj =\u{20e5}",
        );
        check("&OpenCurlyDoubleQuote;q&CloseCurlyDoubleQuote;", "“q”");
        // Existing behaviour: `&nbsp;` a plain space in repair, chains,
        // `&#128;`..`&#159;` through windows-1252, `;` required in text.
        check(
            "a&nbsp;b &amp;ccaron; &#150; &amp &copy 2024",
            "a b č – &amp &copy 2024",
        );
        assert_eq!(decode_entities("&amp;nbsp;"), "\u{a0}");
        // In HTML, the legacy names without `;` as whole words, and
        // numeric references without `;`, as browsers read them.
        assert_eq!(
            decode_html("&copy 2024, caf&eacute, &amp &#8217s"),
            "© 2024, café, & ’s"
        );
        assert_eq!(
            decode_html("&notit; ?a=1&copy=2 &ccaron &amp;"),
            "&notit; ?a=1&copy=2 &ccaron &"
        );
        assert_eq!(decode_html("&nbsp&nbsp;x"), "\u{a0}\u{a0}x");
    }

    /// Many `&`, long digit runs, long chains: linear, never a rescan.
    #[test]
    fn many_ampersands() {
        for unit in [
            "&",
            "&#",
            "&#1234567890123",
            "&amp;",
            "&am",
            "a&b;",
            "&amp;amp;amp;",
        ] {
            let s = unit.repeat(400_000 / unit.len());
            let _ = decode_html(&s);
            let r = repair(&s);
            assert_eq!(repair(&r.text).text, r.text, "{unit:?}");
        }
        let digits = format!("&#{}", "1".repeat(1_000_000));
        assert_eq!(decode_entities(&digits), digits);
    }

    proptest! {
        #[test]
        fn linear_markup_matches_line_scanning(s in fragments()) {
            prop_assert_eq!(fix_markup(&s), fix_markup_by_lines(&s));
        }

        #[test]
        fn never_panics_and_is_idempotent(s in any::<String>()) {
            let once = repair(&s);
            prop_assert_eq!(&repair(&once.text).text, &once.text);
            let _ = decode_entities(&s);
        }

        /// Line by line, NFC gives what it gives on the whole text.
        #[test]
        fn nfc_by_lines_is_nfc(s in "([a-zA-Z \\n\\r]|[\u{300}-\u{36f}]|[\u{1100}-\u{1175}]|[\u{11a8}-\u{11c2}]|\u{212b}|\u{f900}|[ÀÉñ]){0,40}") {
            use unicode_normalization::UnicodeNormalization;
            let whole: String = s.nfc().collect();
            let lines = crate::nfc_str(&s);
            prop_assert_eq!(lines.as_ref(), whole.as_str());
            prop_assert_eq!(crate::nfc(s.clone()), whole);
        }

        #[test]
        fn idempotent_on_damage_fragments(s in fragments()) {
            let once = repair(&s);
            prop_assert_eq!(&repair(&once.text).text, &once.text);
        }
    }
}
