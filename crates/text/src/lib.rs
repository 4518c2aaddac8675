//! Text stages of Herald: from raw bytes to a clean article.
//!
//! [`analyze`] is the pure entry point: it takes a [`RawDocument`] (bytes
//! or text with what the input said about them) and a [`Context`] (the
//! knowledge base) and returns an [`Article`] with every field of the
//! contract filled, or an [`AnalyzeError`] saying specifically why the
//! document has no article. No IO, no clock, no global state: the same call
//! gives the same result in any process.
//!
//! Modules, in flow order: [`decode`] (bytes to text), [`repair`]
//! (mojibake, lost bytes, entities, markup debris), [`html`] (tree, page
//! metadata, main content) or [`plain`] (title and page furniture in plain
//! text), [`pubdate`] (publication dates), [`lang`] (language); then the
//! annotation of `herald-extract`, re-exported here: [`time`],
//! [`entities`], [`quotes`], [`provenance`].

pub mod decode;
pub use herald_extract::{entities, provenance, quotes, time};
pub mod html;
pub mod lang;
pub mod plain;
pub mod pubdate;
pub mod repair;

use herald_extract::hash::{FxMap, FxSet};
use herald_model::{Article, Body, Entity, FormatHint, Quote, RawDocument};

/// What analysis needs besides the document: the knowledge base and the
/// outlet table derived from it. Built once, shared by all workers.
#[derive(Debug, Clone)]
pub struct Context {
    pub kb: entities::Kb,
    outlets: provenance::Outlets,
    /// Whether to annotate (time, entities, quotes, sources); off, analysis
    /// stops at the clean text and its metadata.
    pub annotate: bool,
}

/// A knowledge base file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {source}")]
pub struct KbFileError {
    pub file: String,
    #[source]
    pub source: entities::KbError,
}

impl Context {
    /// The built-in knowledge base plus the user's files (`name`, `text`).
    pub fn new<'a>(
        user: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Context, KbFileError> {
        // The built-in files parse as one text: one index build instead of four.
        let builtin: String = herald_extract::BUILTIN_KB
            .iter()
            .map(|(_, text)| format!("{text}\n"))
            .collect();
        let mut kb = entities::Kb::parse_tsv(&builtin).map_err(|source| KbFileError {
            file: "built-in knowledge base".to_string(),
            source,
        })?;
        for (file, text) in user {
            let part = entities::Kb::parse_tsv(text).map_err(|source| KbFileError {
                file: file.to_string(),
                source,
            })?;
            kb.extend(part);
        }
        let outlets = kb
            .entries()
            .iter()
            .filter(|e| e.kind == entities::KbKind::Outlet)
            .map(|e| {
                provenance::Outlet::new(
                    e.name.clone(),
                    e.offices.iter().any(|o| o.role == "news agency"),
                    std::iter::once(e.name.clone()).chain(e.aliases.iter().cloned()),
                )
            })
            .collect();
        let outlets = provenance::Outlets::new(outlets);
        Ok(Context {
            kb,
            outlets,
            annotate: true,
        })
    }

    /// The built-in knowledge base only.
    pub fn builtin() -> Context {
        // The built-in files are checked by `tests::builtin_kb_parses`.
        Context::new([]).unwrap_or_else(|_| Context {
            kb: entities::Kb::default(),
            outlets: provenance::Outlets::new(Vec::new()),
            annotate: true,
        })
    }
}

/// Why a document yields no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalyzeError {
    #[error("empty document")]
    Empty,
    #[error("binary content, not text ({control_percent}% control bytes)")]
    Binary { control_percent: u32 },
    #[error("not UTF-8 and no charset could be detected")]
    Undecodable,
    #[error("no article text found in the page")]
    NoText,
}

/// Analyzes one document: decode, repair, extract the main text and its
/// metadata, then (unless `ctx.annotate` is off) annotate it. Entity names
/// are canonical within the article; `entities::link` makes them so across
/// articles.
pub fn analyze(doc: &RawDocument, ctx: &Context) -> Result<Article, AnalyzeError> {
    let mut notes = Vec::new();
    let text: std::borrow::Cow<'_, str> = match &doc.body {
        Body::Empty => return Err(AnalyzeError::Empty),
        Body::Text(t) => {
            if t.trim().is_empty() {
                return Err(AnalyzeError::Empty);
            }
            std::borrow::Cow::Borrowed(t.as_str())
        }
        Body::Bytes(b) => {
            let probably_html = doc.hint == FormatHint::Html || looks_like_html(b);
            let d = decode::decode(b, doc.declared_charset.as_deref(), probably_html)?;
            notes.extend(d.note);
            std::borrow::Cow::Owned(d.text)
        }
    };
    let is_html = match doc.hint {
        FormatHint::Html => true,
        // A `.txt` that is really a page is read as a page.
        FormatHint::PlainText | FormatHint::Unknown => looks_like_html(text.as_bytes()),
    };
    let mut article = Article {
        id: doc.id.clone(),
        source: doc.source.clone(),
        url: doc.url.clone(),
        ..Article::default()
    };
    let given_published = doc
        .published
        .as_deref()
        .and_then(|p| pubdate::parse_date(p, false));
    let mut declared_lang = None;
    if is_html {
        let page = html::read_page(&text, doc.url.as_deref());
        let body = repair::repair(&page.body.text);
        notes.extend(body.fixes.iter().map(|f| f.as_str().to_string()));
        article.text = body.text;
        article.removed = page.body.removed;
        article.title = doc
            .title
            .clone()
            .or(page.meta.title)
            .map(|t| repair::repair(&t).text);
        article.byline = page.meta.byline;
        article.url = article.url.or(page.meta.url);
        article.published = given_published
            .or(page.meta.published)
            .map(|d| d.to_string());
        declared_lang = page.meta.language;
    } else {
        let repaired = repair::repair(&text);
        notes.extend(repaired.fixes.iter().map(|f| f.as_str().to_string()));
        let cleaned = plain::clean(&repaired.text, doc.title.as_deref());
        article.title = cleaned.title;
        article.text = cleaned.text;
        article.removed = cleaned.removed;
        article.published = given_published
            .or_else(|| {
                cleaned
                    .dateline
                    .as_deref()
                    .and_then(|d| pubdate::parse_date(d, true))
            })
            .or_else(|| doc.url.as_deref().and_then(pubdate::date_in_url))
            .map(|d| d.to_string());
    }
    if article.text.trim().is_empty()
        && article.title.as_deref().is_none_or(|t| t.trim().is_empty())
    {
        return Err(AnalyzeError::NoText);
    }
    let sample = match &article.title {
        Some(t) => format!("{t}\n{}", article.text),
        None => article.text.clone(),
    };
    article.language = lang::detect(&sample, declared_lang.as_deref());
    article.notes = notes;
    if !ctx.annotate {
        return Ok(article);
    }
    // Annotation works on at most the first `ANNOTATE_MAX_BYTES` of a huge
    // text (cut at a paragraph or line end when there is one), so memory
    // stays bounded; offsets into the prefix are offsets into the text.
    let rest = (article.text.len() > ANNOTATE_MAX_BYTES).then(|| {
        let mut cut = ANNOTATE_MAX_BYTES;
        while !article.text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(nl) = article.text[..cut].rfind('\n').filter(|&nl| nl > cut / 2) {
            cut = nl;
        }
        let total = article.text.len();
        article.notes.push(format!(
            "annotated the first {cut} of {total} bytes of the text"
        ));
        article.text.split_off(cut)
    });
    annotate(&mut article, ctx);
    if let Some(rest) = rest {
        article.text.push_str(&rest);
    }
    Ok(article)
}

/// Largest part of a text that is annotated.
pub const ANNOTATE_MAX_BYTES: usize = 1 << 20;

/// Time expressions, entities, quotes, sources and origin of the text.
fn annotate(article: &mut Article, ctx: &Context) {
    let year = annotate_time(article);
    let lang = article.language.clone().unwrap_or_else(|| "en".to_string());
    article.entities = find_entities(article, &lang, ctx, year);
    article.quotes = quotes::find_quotes(&article.text, &lang)
        .into_iter()
        .map(|q| Quote {
            speaker: q.speaker.or_else(|| {
                q.speaker_span
                    .and_then(|span| person_at(&article.entities, span))
            }),
            text: q.text,
            cue: q.cue,
            via: q.via,
            start: q.start,
            end: q.end,
        })
        .collect();
    if matches!(lang.as_str(), "zh" | "ja") {
        cjk_speakers(&article.text, &mut article.quotes, &article.entities);
    }
    canonical_speakers(&mut article.quotes, &article.entities);
    let removed_texts = || article.removed.iter().map(|r| r.text.as_str());
    article.cited_sources = provenance::cited_sources(&article.text, removed_texts(), &ctx.outlets);
    article.origin = provenance::origin(&article.text, removed_texts(), &ctx.outlets);
}

/// Reporting verbs written between a speaker and a quote in Chinese
/// ("习近平表示：“…”", "王毅说，“…”").
#[rustfmt::skip]
const CJK_CUES: &[&str] = &[
    "表示", "指出", "强调", "说道", "说", "称", "认为", "介绍", "宣布", "回答", "补充道", "补充说",
];

/// Speakers (and cues) of Chinese and Japanese quotes the quote finder
/// leaves unattributed: a person mention right before a reporting verb and
/// the opening mark ("习近平表示：“…”"), or right before the topic
/// particle は ("岸田は「…」と述べた").
fn cjk_speakers(text: &str, quotes: &mut [Quote], entities: &[Entity]) {
    if quotes.iter().all(|q| q.speaker.is_some()) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    for q in quotes.iter_mut().filter(|q| q.speaker.is_none()) {
        // The opening mark is the character before the quoted text.
        let Some(mut at) = q.start.checked_sub(1) else {
            continue;
        };
        let before = |k: usize| chars.get(..k).unwrap_or(&[]);
        // Punctuation between the verb and the mark.
        while at > 0 && matches!(chars[at - 1], '：' | ':' | '，' | ',' | ' ' | '、') {
            at -= 1;
        }
        let head = before(at);
        let cue = CJK_CUES.iter().find(|cue| {
            let n = cue.chars().count();
            head.len() >= n && head[head.len() - n..].iter().copied().eq(cue.chars())
        });
        let end = match cue {
            Some(cue) => at - cue.chars().count(),
            None if head.last() == Some(&'は') => at - 1,
            None => continue,
        };
        let speaker = entities
            .iter()
            .filter(|e| e.kind == herald_model::EntityKind::Person)
            .find(|e| e.mentions.iter().any(|m| m.end == end));
        if let Some(e) = speaker {
            q.speaker = Some(e.name.clone());
            if q.cue.is_none() {
                q.cue = cue.map(|c| (*c).to_string());
            }
        }
    }
}

/// The person an entity mention inside `span` (char offsets) names: the
/// speaker of a quote whose attribution the quote finder could not resolve
/// ("a déclaré le ministre russe des Affaires étrangères", a role the
/// entity finder gave to Sergueï Lavrov).
fn person_at(entities: &[Entity], (s, e): (usize, usize)) -> Option<String> {
    entities
        .iter()
        .filter(|p| p.kind == herald_model::EntityKind::Person)
        .flat_map(|p| p.mentions.iter().map(move |m| (p, m)))
        .filter(|(_, m)| m.start < e && s < m.end)
        .max_by_key(|(_, m)| (m.end.min(e) - m.start.max(s), std::cmp::Reverse(m.start)))
        .map(|(p, _)| p.name.clone())
}

/// Fills `dates` and `event_date`. Relative expressions are resolved
/// against the publication date, or, when there is none, against the most
/// specific absolute date the article itself gives (a caption's "April 9,
/// 2024"); with neither, they stay unresolved. Returns the year of the
/// anchor, for choosing office holders.
fn annotate_time(article: &mut Article) -> Option<i32> {
    let lang = article.language.as_deref().unwrap_or("en");
    let published = article
        .published
        .as_deref()
        .and_then(|p| pubdate::parse_date(p, false));
    let anchor = published.map(|d| time::Anchor {
        year: d.year,
        month: d.month,
        day: d.day,
    });
    let scan = time::scan(&article.text, lang);
    let mut mentions = scan.resolve(&article.text, anchor);
    let anchor = anchor.or_else(|| {
        // Photo captions removed from the body still date the article.
        let mut absolute = mentions.clone();
        for r in &article.removed {
            if r.reason == herald_model::RemovalReason::Caption {
                absolute.extend(time::find_times(&r.text, lang, None));
            }
        }
        let found = time::best_absolute_date(&absolute)?;
        mentions = scan.resolve(&article.text, Some(found));
        Some(found)
    });
    article.event_date = time::event_date(&article.text, &mentions, anchor);
    article.dates = mentions
        .into_iter()
        .filter(|m| matches!(m.kind, time::TimeKind::Date | time::TimeKind::Time))
        .map(|m| herald_model::TimeExpr {
            text: m.text,
            value: m.value,
            start: m.start,
            end: m.end,
        })
        .collect();
    anchor.map(|a| a.year)
}

/// Entities of the body, read together with the title: a headline often
/// gives the full name ("Lindsay Lohan ...") that the body then shortens.
/// Mentions are kept for the body only, with offsets into `text`.
fn find_entities(article: &Article, lang: &str, ctx: &Context, year: Option<i32>) -> Vec<Entity> {
    let Some(title) = article.title.as_deref().filter(|t| !t.trim().is_empty()) else {
        return entities::find_entities(&article.text, lang, &ctx.kb, year);
    };
    let combined = format!("{title}\n\n{}", article.text);
    let shift = title.chars().count() + 2;
    let mut found = entities::find_entities(&combined, lang, &ctx.kb, year);
    for e in &mut found {
        e.mentions.retain(|m| m.start >= shift);
        for m in &mut e.mentions {
            m.start -= shift;
            m.end -= shift;
        }
    }
    found.retain(|e| !e.mentions.is_empty());
    found
}

/// Leading words that do not name anyone ("the Chinese minister").
fn strip_article(s: &str) -> &str {
    for a in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest;
        }
    }
    s
}

/// Replaces each quote's speaker by the canonical name of the entity it
/// names: the entity whose name or one of whose mentions is the speaker
/// (folded, leading article dropped), else the only person with the
/// speaker's last word as surname. Other speakers keep the quote finder's
/// name.
pub fn canonical_speakers(quotes: &mut [Quote], entities: &[Entity]) {
    if quotes.iter().all(|q| q.speaker.is_none()) {
        return;
    }
    // Folded names and mentions, computed once: entity index by key. A
    // mention text seen before (by any entity) adds nothing: the first
    // entity keeps the key.
    let mut by_key: FxMap<String, usize> = FxMap::default();
    let mut by_surname: FxMap<String, Option<usize>> = FxMap::default();
    let mut seen: FxSet<&str> = FxSet::default();
    for (i, e) in entities.iter().enumerate() {
        let name = entities::fold(&e.name);
        if e.kind == herald_model::EntityKind::Person
            && let Some(last) = name.rsplit(' ').next().filter(|l| !l.is_empty())
        {
            by_surname
                .entry(last.to_string())
                .and_modify(|slot| {
                    // Two people with one surname: the surname decides nothing.
                    if *slot != Some(i) {
                        *slot = None;
                    }
                })
                .or_insert(Some(i));
        }
        by_key.entry(name).or_insert(i);
        for m in &e.mentions {
            if seen.insert(m.text.as_str()) {
                by_key
                    .entry(entities::fold(strip_article(&m.text)))
                    .or_insert(i);
            }
        }
    }
    for q in quotes {
        let Some(speaker) = q.speaker.as_deref() else {
            continue;
        };
        let key = entities::fold(strip_article(speaker));
        let last = key.rsplit(' ').next().unwrap_or("");
        let hit = by_key
            .get(&key)
            .copied()
            .or_else(|| by_surname.get(last).copied().flatten());
        if let Some(e) = hit.and_then(|i| entities.get(i)) {
            q.speaker = Some(e.name.clone());
        }
    }
}

/// Whether bytes look like an HTML document rather than text that merely
/// mentions a tag: a doctype or `<html>` near the start, or many tags.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    let start = lower
        .iter()
        .position(|b| !(b.is_ascii_whitespace() || *b >= 0x80))
        .unwrap_or(lower.len());
    let trimmed = &lower[start..];
    if trimmed.starts_with(b"<!doctype html")
        || trimmed.starts_with(b"<html")
        || trimmed.starts_with(b"<?xml") && memchr::memmem::find(&lower, b"<html").is_some()
    {
        return true;
    }
    if memchr::memmem::find(&lower, b"<html").is_some()
        || memchr::memmem::find(&lower, b"<body").is_some()
        || memchr::memmem::find(&lower, b"<head").is_some()
    {
        return true;
    }
    // Many tags relative to size.
    let tags = memchr::memchr_iter(b'<', head)
        .filter(|&i| {
            head.get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
        })
        .count();
    tags >= 10 && tags * 200 > head.len()
}

#[cfg(test)]
mod tests;
