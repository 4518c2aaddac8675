//! Text stages of Herald: from raw bytes to a clean article.
//!
//! [`analyze`] is the pure entry point: it takes a [`RawDocument`] (bytes
//! or text with what the input said about them) and returns an [`Article`]
//! with `title`, `text`, `removed`, `language`, `published` filled, or an
//! [`AnalyzeError`] saying specifically why the document has no article.
//! No IO, no clock, no global state: the same call gives the same result
//! in any process.
//!
//! Modules, in flow order: [`decode`] (bytes to text), [`repair`]
//! (mojibake, lost bytes, entities, markup debris), [`html`] (tree, page
//! metadata, main content) or [`plain`] (title and page furniture in plain
//! text), [`pubdate`] (publication dates), [`lang`] (language).

pub mod decode;
pub mod html;
pub mod lang;
pub mod plain;
pub mod provenance;
pub mod pubdate;
pub mod quotes;
pub mod repair;
pub mod time;

use herald_model::{Article, Body, FormatHint, RawDocument};

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
/// metadata. Fields filled by later stages are left empty.
pub fn analyze(doc: &RawDocument) -> Result<Article, AnalyzeError> {
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
    annotate_time(&mut article);
    let lang = article.language.as_deref().unwrap_or("en");
    article.quotes = quotes::find_quotes(&article.text, lang)
        .into_iter()
        .map(|q| herald_model::Quote {
            text: q.text,
            speaker: q.speaker,
            cue: q.cue,
            via: q.via,
            start: q.start,
            end: q.end,
        })
        .collect();
    let removed_texts = || article.removed.iter().map(|r| r.text.as_str());
    article.cited_sources = provenance::cited_sources(&article.text, removed_texts());
    article.origin = provenance::origin(&article.text, removed_texts());
    article.notes = notes;
    Ok(article)
}

/// Fills `dates` and `event_date`. Relative expressions are resolved
/// against the publication date, or, when there is none, against the most
/// specific absolute date the article itself gives (a caption's "April 9,
/// 2024"); with neither, they stay unresolved.
fn annotate_time(article: &mut Article) {
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
    let mut mentions = time::find_times(&article.text, lang, anchor);
    let anchor = anchor.or_else(|| {
        // Photo captions removed from the body still date the article.
        let mut absolute = mentions.clone();
        for r in &article.removed {
            if r.reason == herald_model::RemovalReason::Caption {
                absolute.extend(time::find_times(&r.text, lang, None));
            }
        }
        let found = time::best_absolute_date(&absolute)?;
        mentions = time::find_times(&article.text, lang, Some(found));
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
}

/// Whether bytes look like an HTML document rather than text that merely
/// mentions a tag: a doctype or `<html>` near the start, or many tags.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    let trimmed = lower
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b >= 0x80)
        .copied()
        .collect::<Vec<u8>>();
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
    let tags = head
        .windows(2)
        .filter(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        .count();
    tags >= 10 && tags * 200 > head.len()
}

#[cfg(test)]
mod tests;
