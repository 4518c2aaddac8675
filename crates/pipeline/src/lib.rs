//! The analysis of one article: clean, then annotate, then reconcile.
//!
//! [`analyze`] is what every caller runs per document (the CLI, the server's
//! ingest, a worker): `herald-clean` gives the clean text and its metadata,
//! `herald-annotate` the time expressions, entities, quotes and sources,
//! and this crate reconciles them (quote speakers mapped to the article's
//! entities). It owns [`Context`], the knowledge base and outlet table
//! parsed once and shared by all threads. Pure: no IO, no clock, no global
//! state; the same call gives the same result in any process. What spans
//! articles (name linking, events) is `herald-corpus`'s.

mod speakers;

pub use herald_annotate::{entities, provenance, quotes, time, tokens};
pub use herald_clean as clean;
pub use speakers::canonical_speakers;

use herald_clean::pubdate;
use herald_model::{Article, DocumentError, Entity, Quote, RawDocument};

/// What analysis needs besides the document: the knowledge base and the
/// outlet table derived from it. Built once, shared by all workers.
#[derive(Debug, Clone)]
pub struct Context {
    pub kb: entities::Kb,
    outlets: provenance::Outlets,
    /// The same outlets, as quotes see them (a quote's `via`).
    quote_outlets: quotes::Outlets,
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
        let builtin: String = herald_annotate::BUILTIN_KB
            .iter()
            .map(|(_, text)| format!("{text}\n"))
            .collect();
        let mut kb =
            entities::Kb::parse_tsv_deferring_cities(&builtin).map_err(|source| KbFileError {
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
        let outlets = provenance::Outlets::of_kb(&kb);
        let quote_outlets = quotes::Outlets::of_kb(&kb);
        Ok(Context {
            kb,
            outlets,
            quote_outlets,
            annotate: true,
        })
    }

    /// The built-in knowledge base only.
    pub fn builtin() -> Context {
        // The built-in files are checked by `tests::builtin_kb_parses`.
        Context::new([]).unwrap_or_else(|_| Context {
            kb: entities::Kb::default(),
            outlets: provenance::Outlets::new(Vec::new()),
            quote_outlets: quotes::Outlets::default(),
            annotate: true,
        })
    }
}

/// Analyzes one document: clean (decode, repair, main text and metadata),
/// then, unless `ctx.annotate` is off, annotate. Entity names are canonical
/// within the article and the knowledge base; `herald-corpus` links them
/// across articles. A document with no article gives its error, with the
/// document's source and id.
pub fn analyze(doc: &RawDocument, ctx: &Context) -> Result<Article, DocumentError> {
    if doc.hint == herald_model::FormatHint::Analyzed {
        return analyzed::load(doc);
    }
    let mut article = herald_clean::clean(doc)
        .map_err(|e| DocumentError::new(&doc.source, doc.id.clone(), e.kind(), e.to_string()))?;
    if article.id.is_none() {
        article.id = Some(analyzed::content_id(&article));
    }
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
    // Entities are read in the title and the body together (a headline
    // often gives the full name the body then shortens), from one set of
    // tokens that the quote finder reads too (the body's).
    let title = article.title.as_deref().filter(|t| !t.trim().is_empty());
    let read = title.map(|t| format!("{t}\n\n{}", article.text));
    let read = read.as_deref().unwrap_or(&article.text);
    let toks = tokens::tokenize_in(read, &lang);
    let shift = title.map_or(0, |t| t.chars().count() + 2);
    let entities = find_entities(read, &toks, shift, &lang, ctx, year);
    // Quotes read the entities the entity finder found: a speaker is one
    // of them, and what it did not take for a name (a German noun, a
    // sentence's first word) is no speaker.
    let found = quotes::find_quotes_in(
        &article.text,
        &toks,
        shift,
        &lang,
        &ctx.quote_outlets,
        &entities,
    );
    drop(toks);
    article.entities = entities;
    article.quotes = found
        .into_iter()
        .map(|q| Quote {
            speaker: q.speaker.or_else(|| {
                q.speaker_span
                    .and_then(|span| speakers::person_at(&article.entities, span))
            }),
            text: q.text,
            cue: q.cue,
            via: q.via,
            start: q.start,
            end: q.end,
        })
        .collect();
    if matches!(lang.as_str(), "zh" | "ja") {
        speakers::cjk_speakers(&article.text, &mut article.quotes, &article.entities);
    }
    if matches!(lang.as_str(), "ar" | "he" | "fa" | "ur") {
        speakers::caseless_speakers(&article.text, &mut article.quotes, &article.entities);
    }
    if herald_annotate::words::writes_case_endings(&lang) {
        speakers::verb_final_speakers(
            &article.text,
            &mut article.quotes,
            &article.entities,
            &entities::is_report_verb,
        );
    }
    canonical_speakers(&mut article.quotes, &article.entities);
    let removed_texts = || article.removed.iter().map(|r| r.text.as_str());
    article.cited_sources = provenance::cited_sources(&article.text, removed_texts(), &ctx.outlets);
    article.origin = provenance::origin(&article.text, removed_texts(), &ctx.outlets);
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

/// Entities of the body, read in `read`: the title, a blank line and the
/// body (`shift` chars before the body), or the body alone (`shift` 0),
/// with its tokens. Mentions are kept for the body only, with offsets into
/// the body.
fn find_entities(
    read: &str,
    toks: &[tokens::Tok],
    shift: usize,
    lang: &str,
    ctx: &Context,
    year: Option<i32>,
) -> Vec<Entity> {
    let mut found = entities::find_entities_in(read, toks, lang, &ctx.kb, year);
    if shift == 0 {
        return found;
    }
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

mod analyzed;

pub use analyzed::content_id;

#[cfg(test)]
mod tests;
