//! Quote attribution: every direct quote of an article with its speaker,
//! reporting verb (cue) and the outlet it is reported through (via).
//!
//! [`find_quotes`] is a pure function of the text and the knowledge base
//! (its entities and outlets, [`Outlets`]); [`find_quotes_in`] reads the
//! entities and tokens the pipeline already made. Neither panics, does IO
//! or uses state but the word tables in `tables`, read once from
//! `data/lexicon/quotes-LL.tsv`.
//!
//! # Quotes
//! - Quotation marks of every common convention: typographic “...”,
//!   straight "...", `''...''`, guillemets «...» (and German »...«),
//!   German „...“, ‹...›, CJK 「...」 and 『...』. A mark opens or closes by
//!   its neighbours (space before and text after opens), by its glyph only
//!   when the neighbours do not tell; marks pair within a family, so nested
//!   single quotes and apostrophes (don’t, Russia’s, ’90s) never end a quote.
//! - Scraped text is noisy: a second opener with (almost) nothing before it
//!   restarts the quote (`“We “We would like...`), a quote whose closing mark
//!   is missing ends at its paragraph end, an opener with no closer within
//!   1,500 chars is dropped, and a closing-type mark at a paragraph start
//!   opens (`”Mr. Trump...`).
//! - A quote open at a paragraph end whose next paragraph starts with an
//!   opening mark continues there (the classic multi-paragraph convention):
//!   one mention per paragraph, all with the same speaker.
//! - Mention text is the quoted words without the marks, with leading spaces
//!   and trailing spaces and commas trimmed; `start..end` are char offsets
//!   (Unicode scalar values) of that text, and `text` is exactly those chars.
//! - A partial quote, one that is only part of a reported clause, is given
//!   with its clause: `Park said Kim's state is "spiraling out of control."`
//!   gives `Kim's state is "spiraling out of control."`, `Trump called the
//!   senator a "nasty guy" and "sick."` one mention for both fragments. The
//!   clause runs from after the cue (and "that") to the sentence end, or from
//!   the sentence start to the comma before a closing `, X said`; such a
//!   text keeps its inner quotation marks. A quote that is the whole
//!   complement (`X said: “...”`, `X said that “...”`) stays the quoted
//!   words. A mention inside another one is dropped.
//! - Quotes of three words or fewer that nobody is said to have said are
//!   dropped as scare quotes, and so are short Title Case quotes after a
//!   preposition, an article or a possessive (`on CNN's “State of the
//!   Union”`), which name shows, books and slogans.
//! - Sentences are read within 200 tokens of the quote and every index is
//!   built once, so the cost stays linear in the text length.
//!
//! # Attribution
//! Text outside quotes is tokenised with each quote as one token, then, in
//! this order, for each quote:
//! 1. after it in its sentence: `,” said Xi`, `,” said the Russian Foreign
//!    Minister`, `,” Xi said`, `,” he added`, `,” Alexander Gabuev, director of
//!    X, told AFP`, `», a-t-il déclaré`, `», — сказал Лавров`, `“...” ― Name`;
//!    after a quote that ends its sentence only a short sentence counts
//!    (`“....” Xi said.`);
//! 2. before it in its sentence: `According to X, ... “`, transcript lines
//!    `Xi Jinping: "`, the first reporting verb with a subject after the
//!    sentence's previous quote (the outer one of `Trump said Clinton called
//!    him “...”`: `Lavrov said: “`, `X said the plan is “...”`, `X, the
//!    director of Y, told reporters that “`, `Said Ellis: “`), the clause
//!    subject of a participle or a coordinated verb (`X, ..., saying “`, `X
//!    bemoaned the unrest and said he thought “`), `NAME verbed that “` /
//!    `NAME verbed: “` with any verb (`Putin defended that “`), and for a
//!    partial quote the named subject of the sentence's verb (`Gov. X lauded
//!    Mr. Y for his "new ideas."`);
//! 3. later in its sentence: `... “fear” and desperation, Limbaugh said.`;
//! 4. a quote opening its sentence right after `..., Schiff said.` in the
//!    same paragraph takes that sentence's speaker;
//! 5. otherwise inherited: from the other paragraphs of a multi-paragraph
//!    quote, from the nearest attributed quote of the same paragraph before
//!    it (`“...,” he said. “...”`) or after it when that one is in the same
//!    sentence or attributed after itself (`“A.” “B,” X said.`), or, for a
//!    quote opening its paragraph, from the previous paragraph's last quote
//!    or its closing `X said:`. A quote with its own cue but no resolvable
//!    speaker ("officials said") inherits nothing.
//!
//! # Speakers
//! Speakers are the article's entities, found by the entity finder
//! (`crate::entities`) and passed in: quotes keep no name list of their own.
//! A name is a run of capitalised words (with particles de, van, bin...,
//! initials, hyphens); titles and demonyms before it ("Russian Foreign
//! Minister", "Sen.", "Mr.") are split off as its role, with appositions
//! ("X, director of Y,"). The run names the entity whose mention it
//! overlaps (each mention of a run of several names, "NBC’s Dante Chinni",
//! is its own, the last the head the role describes), under that entity's
//! canonical name: "Lavrov" is "Sergey Lavrov", "Xi" "Xi Jinping". A run
//! overlapping no mention names nobody. A pronoun goes to the subject of
//! the closest earlier sentence naming a person of that gender ("they" to
//! an organisation; a possessive is no subject, a name before an auxiliary
//! is), a description ("the Chinese minister", "the Chinese leader") to the
//! person whose role words match its head noun (or a synonym: leader ~
//! president) and most of its modifiers, nearest before the quote first.
//! An organisation or outlet can be a speaker, a place too ("Russia said")
//! but never as a pronoun's person; an unresolved description with a
//! capitalised word ("the Clinton campaign") is returned as written, a
//! lowercase one ("officials") gives `None`.
//!
//! # Cue and via
//! The cue is the reporting verb as written ("said", "a déclaré", "according
//! to", "сказал"); transcript lines and signed quotes have none. Via is an
//! outlet named in the quote's sentence after "according to", "told",
//! "reports"/"X reports", "in an interview with", when it is an outlet of the
//! knowledge base, has a media word (News, Times, agency...) or, after "told"/"according
//! to"/"reports", is an acronym or organisation name ("told AFP").
//!
//! # Languages
//! `lang` is ISO 639-1. en, fr, es, de and ru have their reporting verbs,
//! titles and pronouns in the tables (one file per language, all always
//! on); German also reads „...“ and »...«; Russian surnames are matched
//! through their case endings (Лаврова → Сергей Лавров); any other code
//! gets the English rules with all quotation marks. Chinese and Japanese
//! quotes are found but get no speaker (names and verbs are not segmented).

mod attrib;
mod doc;
mod marks;
mod names;
mod phrase;
mod resolve;
mod tables;
mod tokens;

#[cfg(test)]
mod tests;

use attrib::Attr;
use doc::Doc;
use names::Registry;
use phrase::NpKind;

/// The names of news outlets a quote can be reported through (its `via`):
/// the outlets of the knowledge base, names and aliases, lowercased, so
/// that an outlet a user adds with `--kb` is one too.
#[derive(Debug, Clone, Default)]
pub struct Outlets {
    names: rustc_hash::FxHashSet<String>,
}

impl Outlets {
    /// The outlets of `kb`.
    pub fn of_kb(kb: &crate::entities::Kb) -> Outlets {
        let names = kb
            .entries()
            .iter()
            .filter(|e| e.kind == crate::entities::KbKind::Outlet)
            .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
            .map(|n| n.to_lowercase())
            .collect();
        Outlets { names }
    }

    /// Whether `name` (lowercase) is an outlet.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }
}

/// A direct quote found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMention {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// The speaker's fullest name found in the article ("Sergey Lavrov",
    /// not "Lavrov"), or a named organisation/outlet; `None` when the text
    /// does not say.
    pub speaker: Option<String>,
    /// Where the speaker is named for this quote (char offsets), if in the text.
    pub speaker_span: Option<(usize, usize)>,
    /// The reporting verb: "said", "added", "told", "according to", ...
    pub cue: Option<String>,
    /// The outlet through which the quote is reported ("RIA Novosti", "AFP").
    pub via: Option<String>,
    /// Char offsets (Unicode scalar values) of the quoted text in the input.
    pub start: usize,
    pub end: usize,
}

/// Tokens around a quote within which its sentence is read.
const WINDOW: usize = 200;

/// Quotes of at most this many words with no attribution are dropped.
const SCARE_WORDS: usize = 3;

#[derive(Debug, Clone, Default)]
struct Found {
    speaker: Option<String>,
    ent: Option<usize>,
    span: Option<(usize, usize)>,
    cue: Option<String>,
    via: Option<String>,
    /// Attributed by its own sentence (not inherited).
    own: bool,
    /// Token of the speaker phrase.
    at: usize,
    /// Token range of the reported clause for a partial quote.
    clause: Option<(usize, usize)>,
    /// The quote is the title of a show, article or slogan: not a quote.
    title: bool,
    /// Attributed by words after it (“...,” X said).
    post: bool,
}

/// Finds the direct quotes of `text` with their speakers, reading the
/// text's entities with the knowledge base `kb` (no year: office holders of
/// any year) and its outlets as the quotes' `via`.
///
/// `lang`: ISO 639-1 ("en", "fr", "es", "de", "ru"; others → en rules + all
/// quotation marks).
pub fn find_quotes(text: &str, lang: &str, kb: &crate::entities::Kb) -> Vec<QuoteMention> {
    let toks = crate::tokens::tokenize_in(text, lang);
    let entities = crate::entities::find_entities_in(text, &toks, lang, kb, None);
    find_quotes_in(text, &toks, 0, lang, &Outlets::of_kb(kb), &entities)
}

/// Finds the direct quotes of `text` with the entities the entity finder
/// found in it (`entities::find_entities` over the same text): a speaker
/// named in the text is one of them, under its canonical name, and a
/// capitalised word outside their mentions (a German noun, a sentence's
/// first word) names no speaker, unless it is a title or a demonym the
/// quote rules read.
pub fn find_quotes_with_entities(
    text: &str,
    lang: &str,
    outlets: &Outlets,
    entities: &[herald_model::Entity],
) -> Vec<QuoteMention> {
    let toks = crate::tokens::tokenize_in(text, lang);
    find_quotes_in(text, &toks, 0, lang, outlets, entities)
}

/// [`find_quotes_with_entities`] over tokens made once for every finder
/// that reads them: those of `text` (`crate::tokens::tokenize_in(text,
/// lang)`, `shift` 0), or of a text holding `text` after `shift` chars (a
/// title, a blank line, then `text`). The entities' mentions count chars
/// of `text`.
pub fn find_quotes_in(
    text: &str,
    toks: &[crate::tokens::Tok],
    shift: usize,
    lang: &str,
    outlets: &Outlets,
    entities: &[herald_model::Entity],
) -> Vec<QuoteMention> {
    quotes_of(text, toks, shift, lang, outlets, entities)
}

fn quotes_of(
    text: &str,
    toks: &[crate::tokens::Tok],
    shift: usize,
    lang: &str,
    outlets: &Outlets,
    entities: &[herald_model::Entity],
) -> Vec<QuoteMention> {
    let lang = match lang {
        "en" | "fr" | "es" | "de" | "ru" => lang,
        _ => "en",
    };
    let mut names: Vec<(usize, usize)> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    names.sort_unstable();
    let doc = Doc::new(text, toks, shift, lang, outlets, &names);
    if doc.spans.is_empty() {
        return Vec::new();
    }
    let reg = doc.registry(entities);
    let n = doc.spans.len();
    let mut found: Vec<Found> = vec![Found::default(); n];
    let mut last: Vec<(usize, usize)> = Vec::new();
    for (k, f) in found.iter_mut().enumerate() {
        let qt = doc.qtok[k];
        if qt >= doc.len() {
            continue;
        }
        let is_title = title(&doc, k, qt);
        f.title = is_title;
        if let Some((at, how, clause)) = attribution(&doc, qt) {
            *f = describe(&doc, &reg, at, how, &last);
            f.clause = clause;
            f.title = is_title;
            f.post = at.np.a > qt || at.ca > qt;
            if let Some(id) = f.ent {
                last.push((f.at, id));
            }
        }
    }
    inherit(&doc, &reg, &mut found);
    let mut out: Vec<QuoteMention> = Vec::with_capacity(n);
    for (k, f) in found.into_iter().enumerate() {
        let s = &doc.spans[k];
        // A few words with no attribution of their own: a speaker passed
        // on from a quote nearby does not make them a quote.
        let scare = !f.own && words(&doc.chars[s.start..s.end]) <= SCARE_WORDS;
        // Titles of shows, books and slogans are no quotes.
        if scare || f.title {
            continue;
        }
        let (start, end) = match f.clause {
            Some((a, b)) if CLAUSES && a < b && b <= doc.len() => {
                trim(&doc.chars, doc.toks[a].cs, doc.toks[b - 1].ce)
            }
            _ => (s.start, s.end),
        };
        if out
            .last()
            .is_some_and(|p: &QuoteMention| p.start == start && p.end == end)
        {
            continue;
        }
        out.push(QuoteMention {
            text: doc.chars[start..end].iter().collect(),
            speaker: f.speaker,
            speaker_span: f.span,
            cue: f.cue,
            via: f.via,
            start,
            end,
        });
    }
    // A mention inside another one (a quote inside the clause of the next
    // quote of its sentence) is dropped.
    out.sort_by_key(|q| (q.start, std::cmp::Reverse(q.end)));
    let mut kept: Vec<QuoteMention> = Vec::with_capacity(out.len());
    for q in out {
        if kept
            .last()
            .is_some_and(|p| q.start >= p.start && q.end <= p.end)
        {
            continue;
        }
        kept.push(q);
    }
    kept
}

/// Partial quotes are reported with their clause (see the module docs).
const CLAUSES: bool = true;

/// Trims spaces and trailing commas from a char range.
fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    e = e.min(chars.len());
    s = s.min(e);
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && (chars[e - 1].is_whitespace() || matches!(chars[e - 1], ',' | ';' | ':')) {
        e -= 1;
    }
    (s, e)
}

/// A short Title Case quote after a preposition, a possessive or an
/// article ("on CNN's “State of the Union”", "an episode of “The Steve
/// Harvey Morning Show”") names a show, a book or a slogan.
fn title(doc: &Doc, k: usize, qt: usize) -> bool {
    let s = &doc.spans[k];
    let cs = &doc.chars[s.start..s.end];
    let mut n = 0;
    let mut capital = true;
    let mut inw = false;
    let mut wstart = 0;
    for (i, &c) in cs.iter().enumerate() {
        let w = c.is_alphanumeric() || c == '\'' || c == '’';
        if w && !inw {
            n += 1;
            wstart = i;
        }
        if !w && inw && i - wstart >= 4 && !cs[wstart].is_uppercase() {
            capital = false;
        }
        if matches!(c, '.' | '!' | '?' | ',' | ':' | ';') && i + 1 < cs.len() {
            return false;
        }
        inw = w;
    }
    if inw && cs.len() - wstart >= 4 && !cs[wstart].is_uppercase() {
        capital = false;
    }
    if n == 0 || n > 6 || !capital || !cs.first().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    let before = qt.checked_sub(1).map_or("", |p| doc.low(p));
    matches!(
        before,
        "on" | "of"
            | "in"
            | "at"
            | "for"
            | "from"
            | "with"
            | "by"
            | "titled"
            | "entitled"
            | "called"
            | "named"
            | "dubbed"
            | "about"
            | "the"
            | "a"
            | "an"
    ) || before.ends_with("’s")
        || before.ends_with("'s")
}

/// Words in `cs`; each CJK character counts as one.
fn words(cs: &[char]) -> usize {
    let mut n = 0;
    let mut inw = false;
    for &c in cs {
        let w = c.is_alphanumeric();
        if w && (!inw || is_cjk(c)) {
            n += 1;
        }
        inw = w;
    }
    n
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// A token range `[start, end)`.
type Range = (usize, usize);

#[derive(Debug, Clone, Copy)]
struct How {
    /// Sentence window of the attribution, for `via`.
    s0: usize,
    e: usize,
}

/// The attribution of the quote at token `qt`, from its own sentence, and
/// the token range of the reported clause when the quote is only part of it.
fn attribution(doc: &Doc, qt: usize) -> Option<(Attr, How, Option<Range>)> {
    let sid = doc.sent[qt];
    let n = doc.len();
    // Sentences are looked at within WINDOW tokens of the quote, so that
    // a text with no sentence ends costs linear time.
    let n = n.min(qt + WINDOW);
    let mut lim = qt + 1;
    while lim < n && doc.sent[lim] == sid && !doc.is_quote(lim) && !doc.is_break(lim) {
        lim += 1;
    }
    // True sentence bounds (other quotes included).
    let floor = qt.saturating_sub(WINDOW);
    let mut ss = qt;
    while ss > floor && doc.sent[ss - 1] == sid && !doc.is_break(ss - 1) {
        ss -= 1;
    }
    let mut se = qt + 1;
    while se < n && doc.sent[se] == sid && !doc.is_break(se) {
        se += 1;
    }
    if lim > qt + 1 {
        if let Some(a) = doc.post_attr(qt, lim) {
            let cs = clause_start(doc, ss, qt);
            let clause = partial(doc, cs, qt).then_some((cs, qt + 1));
            return Some((a, How { s0: ss, e: se }, clause));
        }
    } else if lim < n && !doc.is_break(lim) && !doc.is_quote(lim) {
        // The quote ended its sentence: a short next sentence may still be
        // its attribution (“....” Xi said.).
        let sid2 = doc.sent[lim];
        let mut e2 = lim;
        while e2 < n && doc.sent[e2] == sid2 && !doc.is_quote(e2) && !doc.is_break(e2) {
            e2 += 1;
        }
        let ends_clean = e2 >= n || doc.is_break(e2) || doc.sent[e2] != sid2;
        if e2 - lim <= 8
            && ends_clean
            && let Some(a) = doc.post_attr(qt, e2)
        {
            let cs = clause_start(doc, ss, qt);
            let clause = partial(doc, cs, qt).then_some((cs, qt + 1));
            return Some((a, How { s0: lim, e: e2 }, clause));
        }
    }
    if let Some(a) = doc.pre_attr(ss, qt) {
        let mut cs = if a.cb > a.ca && a.ca < qt {
            a.cb
        } else {
            a.np.b
        };
        if a.np.a >= a.cb && a.np.b <= qt {
            cs = cs.max(a.np.b);
        }
        let cs = skip_intro(doc, cs, qt);
        let mut ce = se;
        while ce > qt + 1 && doc.is_punct(ce - 1) {
            ce -= 1;
        }
        // A short quote the clause goes on after ("he said “budget reforms”
        // and unpaid taxes would finance them") is partial too.
        let short = match doc.toks.get(qt).map(|t| t.kind) {
            Some(tokens::Kind::Quote(k)) => {
                let whole = doc.qend.get(k).copied().unwrap_or(true);
                !whole
                    && doc
                        .spans
                        .get(k)
                        .is_some_and(|s| words(&doc.chars[s.start..s.end]) <= 5)
            }
            _ => false,
        };
        let goes_on = (qt + 1..ce).filter(|&i| doc.is_word(i)).count() >= 3;
        let clause = (partial(doc, cs, qt) || short && goes_on).then_some((cs, ce));
        return Some((a, How { s0: ss, e: se }, clause));
    }
    // Later in the sentence: “fear” and desperation, Limbaugh said.
    if let Some((a, comma)) = doc.late_attr(qt, se) {
        let cs = clause_start(doc, ss, qt);
        let clause = (cs < comma).then_some((cs, comma));
        return Some((a, How { s0: ss, e: se }, clause));
    }
    // A quote opening its sentence after "..., Schiff said." in the same
    // paragraph: that sentence's speaker goes on.
    if ss == qt && qt > 0 && !doc.is_break(qt - 1) && !doc.is_quote(qt - 1) {
        let sid0 = doc.sent[qt - 1];
        let mut p0 = qt - 1;
        while p0 > floor && doc.sent[p0 - 1] == sid0 && !doc.is_break(p0 - 1) {
            p0 -= 1;
        }
        {
            if let Some(a) = doc.pre_attr(p0, qt)
                && a.cb > a.ca
                && !matches!(a.np.kind, NpKind::Desc)
            {
                return Some((a, How { s0: p0, e: qt }, None));
            }
        }
    }
    None
}

/// Start of the reported clause in a sentence starting at `ss`: after an
/// opening "According to X," if any.
fn clause_start(doc: &Doc, ss: usize, qt: usize) -> usize {
    let sp = doc.source_prep(ss);
    if sp > 0 {
        let mut k = ss + sp;
        while k < qt && !doc.punct(k, ',') {
            k += 1;
        }
        if k < qt {
            return skip_intro(doc, k + 1, qt);
        }
    }
    skip_intro(doc, ss, qt)
}

/// Skips "that", ":" and "," at the start of a clause.
fn skip_intro(doc: &Doc, mut k: usize, qt: usize) -> usize {
    while k < qt
        && (doc.punct(k, ':')
            || doc.punct(k, ',')
            || matches!(doc.low(k), "that" | "que" | "dass" | "что")
            || skippable(doc, k))
    {
        k += 1;
    }
    k
}

/// Time words between a cue and its clause ("said Friday that").
fn skippable(doc: &Doc, k: usize) -> bool {
    matches!(
        doc.low(k),
        "on" | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "earlier"
            | "later"
            | "also"
            | "again"
    )
}

/// The quote at `qt` is only part of a clause starting at `cs`: words of
/// the clause come before it.
fn partial(doc: &Doc, cs: usize, qt: usize) -> bool {
    cs < qt
        && (cs..qt)
            .filter(|&i| doc.is_word(i) || doc.is_quote(i))
            .count()
            >= 2
}

fn describe(doc: &Doc, reg: &Registry, at: Attr, how: How, last: &[(usize, usize)]) -> Found {
    let np = at.np;
    let resolved = doc.resolve(reg, np, np.a, last);
    let (speaker, ent) = match resolved {
        Some((s, e)) => (Some(s), e),
        None => (None, None),
    };
    let span = if np.kind == NpKind::Implicit || np.nb <= np.na {
        None
    } else {
        let (a, b) = if np.kind == NpKind::Name {
            (np.na, np.nb)
        } else {
            (np.a, np.b)
        };
        Some((doc.toks[a].cs, doc.toks[b - 1].ce))
    };
    let cue = if at.cb > at.ca {
        Some(doc.span_text(at.ca, at.cb))
    } else {
        None
    };
    let via = doc
        .via(how.s0, how.e)
        .map(|(a, b)| {
            let v = doc.span_text(a, b);
            match v.strip_suffix("’s").or_else(|| v.strip_suffix("'s")) {
                Some(bare) => bare.to_string(),
                None => v,
            }
        })
        .filter(|v| speaker.as_deref() != Some(v.as_str()));
    Found {
        speaker,
        ent,
        span,
        cue,
        via,
        own: true,
        at: np.a,
        clause: None,
        title: false,
        post: false,
    }
}

/// Inheritance for quotes with no attribution of their own.
fn inherit(doc: &Doc, reg: &Registry, found: &mut [Found]) {
    let n = found.len();
    // 1. Multi-paragraph quotes share one speaker.
    let mut k = 0;
    while k < n {
        let mut e = k;
        while e + 1 < n && doc.spans[e].cont_next {
            e += 1;
        }
        if e > k
            && let Some(src) = (k..=e).find(|&i| found[i].own && found[i].speaker.is_some())
        {
            let f = found[src].clone();
            for g in found.iter_mut().take(e + 1).skip(k) {
                if g.speaker.is_none() && !g.title {
                    *g = Found {
                        own: false,
                        clause: None,
                        ..f.clone()
                    };
                }
            }
        }
        k = e + 1;
    }
    // 2. Same paragraph: the nearest attributed quote before, else after.
    let snapshot: Vec<Found> = found.to_vec();
    // Nearest attributed quote of the same paragraph before / after each.
    let mut before: Vec<Option<usize>> = vec![None; n];
    let mut after: Vec<Option<usize>> = vec![None; n];
    for k in 1..n {
        let p = k - 1;
        if doc.spans[p].para == doc.spans[k].para {
            before[k] = if snapshot[p].speaker.is_some() {
                Some(p)
            } else {
                before[p]
            };
        }
    }
    for k in (0..n.saturating_sub(1)).rev() {
        let q = k + 1;
        if doc.spans[q].para == doc.spans[k].para {
            after[k] = if snapshot[q].speaker.is_some() {
                Some(q)
            } else {
                after[q]
            };
        }
    }
    for (k, f) in found.iter_mut().enumerate() {
        if f.speaker.is_some() || f.own || f.title {
            continue;
        }
        // A later quote lends its speaker when it is in the same sentence
        // or attributed after itself (“A.” “B,” X said.), not when its own
        // sentence names its speaker first (“A.” Y said that “B”).
        let close_after = after[k].filter(|&a| {
            snapshot[a].post || doc.sent.get(doc.qtok[a]) == doc.sent.get(doc.qtok[k])
        });
        if let Some(src) = before[k].or(close_after) {
            *f = Found {
                own: false,
                cue: None,
                via: None,
                clause: None,
                ..snapshot[src].clone()
            };
        }
    }
    // 3. A quote opening its paragraph continues the previous paragraph's
    //    last quote when that one had a speaker and ended its paragraph.
    for k in 0..n {
        if found[k].speaker.is_some() || found[k].own || found[k].title || k == 0 {
            continue;
        }
        let qt = doc.qtok[k];
        let opens_para = qt == 0 || doc.is_break(qt - 1);
        if !opens_para {
            continue;
        }
        let p = k - 1;
        if doc.spans[p].para + 1 != doc.spans[k].para || found[p].speaker.is_none() {
            // The previous paragraph may end with "X said:".
            if (doc.spans[p].para + 1 == doc.spans[k].para || doc.spans[p].para < doc.spans[k].para)
                && let Some(f) = colon_intro(doc, reg, qt)
            {
                found[k] = f;
            }
            continue;
        }
        let pq = doc.qtok[p];
        let mut j = pq + 1;
        let mut tail = 0;
        while j < doc.len() && !doc.is_break(j) {
            j += 1;
            tail += 1;
        }
        if tail <= 12 {
            found[k] = Found {
                own: false,
                cue: None,
                via: None,
                clause: None,
                ..found[p].clone()
            };
        }
    }
}

/// A paragraph ending "... X said:" introduces the quote opening the next.
fn colon_intro(doc: &Doc, reg: &Registry, qt: usize) -> Option<Found> {
    if qt < 2 || !doc.is_break(qt - 1) || !doc.punct(qt - 2, ':') {
        return None;
    }
    let e = qt - 2;
    let sid = doc.sent[e];
    let mut s0 = e;
    while s0 > 0 && doc.sent[s0 - 1] == sid && !doc.is_quote(s0 - 1) && !doc.is_break(s0 - 1) {
        s0 -= 1;
    }
    let at = doc.pre_attr(s0, e + 1)?;
    Some(Found {
        own: false,
        ..describe(doc, reg, at, How { s0, e }, &[])
    })
}
