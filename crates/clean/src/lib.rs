//! Cleaning: from raw bytes to a clean article text and its metadata.
//!
//! [`clean`] is the pure entry point: it takes a [`RawDocument`] (bytes or
//! text with what the input said about them) and returns an [`Article`]
//! with its text, title, byline, URL, language, publication date and the
//! furniture removed, but no annotation (that is `herald-annotate`'s, and
//! `herald-pipeline` runs both), or a [`CleanError`] saying specifically why
//! the document has no article. No IO, no clock, no global state. This crate
//! knows nothing of annotation: it depends on `herald-model` only.
//!
//! Modules, in flow order: [`decode`] (bytes to text), [`repair`]
//! (mojibake, lost bytes, entities, markup debris), [`html`] (tree, page
//! metadata, main content) or [`plain`] (title and page furniture in plain
//! text), [`pubdate`] (publication dates), [`lang`] (language). Text comes
//! out in Unicode normalisation form C.

pub mod decode;
pub mod html;
pub mod lang;
pub mod plain;
pub mod pubdate;
pub mod repair;
#[cfg(test)]
mod tests;

use herald_model::{Article, Body, ErrorKind, FormatHint, RawDocument};
use std::borrow::Cow;

/// Why a document yields no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    #[error("empty document")]
    Empty,
    #[error("binary content, not text ({control_percent}% control bytes)")]
    Binary { control_percent: u32 },
    #[error("not UTF-8 and no charset could be detected")]
    Undecodable,
    #[error("no article text found in the page")]
    NoText,
}

impl CleanError {
    /// The kind of the document error this becomes.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CleanError::Empty => ErrorKind::Empty,
            CleanError::Binary { .. } => ErrorKind::Binary,
            CleanError::Undecodable => ErrorKind::Undecodable,
            CleanError::NoText => ErrorKind::NoText,
        }
    }
}

/// Text in Unicode normalisation form C (a copy only when it is not).
pub fn nfc(text: String) -> String {
    match nfc_str(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normal) => normal,
    }
}

/// `s` in normalisation form C, borrowed when it already is. Line by line:
/// a line feed neither composes nor reorders with its neighbours, so
/// normalising each line is normalising the text, and one combining mark
/// in a 50 MB text costs the normalisation of its line, not of the text.
pub(crate) fn nfc_str(s: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    let mut out: Option<String> = None;
    let mut done = 0;
    for line in s.split_inclusive('\n') {
        let start = done;
        done += line.len();
        let quick = line.is_ascii() || is_nfc_quick(line.chars()) == IsNormalized::Yes;
        let normal: Option<String> = (!quick)
            .then(|| line.nfc().collect())
            .filter(|n: &String| n != line);
        match (normal, out.as_mut()) {
            (None, None) => {}
            (None, Some(o)) => o.push_str(line),
            (Some(n), _) => out
                .get_or_insert_with(|| {
                    let mut o = String::with_capacity(s.len());
                    o.push_str(&s[..start]);
                    o
                })
                .push_str(&n),
        }
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(s),
    }
}

/// Cleans one document: decode, repair, extract the main text and its
/// metadata (title, byline, URL, publication date, language).
pub fn clean(doc: &RawDocument) -> Result<Article, CleanError> {
    let mut notes = Vec::new();
    let text: std::borrow::Cow<'_, str> = match &doc.body {
        Body::Empty => return Err(CleanError::Empty),
        Body::Text(t) => {
            if t.trim().is_empty() {
                return Err(CleanError::Empty);
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
        FormatHint::PlainText | FormatHint::Unknown | FormatHint::Analyzed => {
            looks_like_html(text.as_bytes())
        }
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
        return Err(CleanError::NoText);
    }
    let sample = match &article.title {
        Some(t) => format!("{t}\n{}", article.text),
        None => article.text.clone(),
    };
    article.language = lang::detect(&sample, declared_lang.as_deref());
    article.notes = notes;
    Ok(article)
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
