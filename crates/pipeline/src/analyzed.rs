//! Articles that were analysed before: a line `herald analyze` printed,
//! read back (so `herald events` can cluster one analysis many times), and
//! the content id an article gets when its input gave none.
//!
//! Such a line is untrusted input like any other: it must parse as an
//! [`Article`], and every offset must point inside its text, or the line
//! gets an error of its own.

use herald_model::{Article, DocumentError, ErrorKind, RawDocument};
use sha2::{Digest, Sha256};

/// A stable id of an article's content: the first 96 bits of the SHA-256
/// of its title and cleaned text, in hex. The same article read from two
/// files, or under two URLs, gets the same id; page furniture removed by
/// cleaning does not change it.
pub fn content_id(article: &Article) -> String {
    let mut hash = Sha256::new();
    hash.update(article.title.as_deref().unwrap_or("").as_bytes());
    hash.update([0u8]);
    hash.update(article.text.as_bytes());
    let digest = hash.finalize();
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// The article of an analysed line, checked.
pub(crate) fn load(doc: &RawDocument) -> Result<Article, DocumentError> {
    let fail = |message: String| {
        DocumentError::new(&doc.source, doc.id.clone(), ErrorKind::Malformed, message)
    };
    let herald_model::Body::Text(line) = &doc.body else {
        return Err(fail("an analysed line without text".to_string()));
    };
    let mut article: Article = serde_json::from_str(line)
        .map_err(|e| fail(format!("not a valid `herald analyze` line: {e}")))?;
    check_offsets(&article).map_err(fail)?;
    if article.id.as_deref().is_none_or(|id| id.trim().is_empty()) {
        article.id = Some(content_id(&article));
    }
    Ok(article)
}

/// Every mention, quote and date must lie inside the text.
fn check_offsets(article: &Article) -> Result<(), String> {
    let chars = article.text.chars().count();
    let check = |what: &str, start: usize, end: usize| {
        if start > end || end > chars {
            Err(format!(
                "{what} at {start}..{end} is outside the text of {chars} characters"
            ))
        } else {
            Ok(())
        }
    };
    for e in &article.entities {
        for m in &e.mentions {
            check("a mention of an entity", m.start, m.end)?;
        }
    }
    for q in &article.quotes {
        check("a quote", q.start, q.end)?;
    }
    for d in &article.dates {
        check("a date", d.start, d.end)?;
    }
    Ok(())
}
