//! Reading news as it arrives: files, directories, stdin, JSON Lines,
//! WARC archives and gzip-compressed variants of all of them.
//!
//! This is the IO edge of the analysis flow. It turns bytes from the outside
//! into [`RawDocument`]s, one per article, streamed: an archive is never
//! loaded whole, only one record at a time, and no record larger than
//! [`Limits::max_document_bytes`] is kept in memory.
//!
//! Invariants:
//! - every article-shaped unit of input yields exactly one item, either a
//!   document or a [`DocumentError`] naming its source; nothing is skipped
//!   silently (WARC records that are not responses, such as `warcinfo` and
//!   `request`, are not articles and are not reported);
//! - formats are detected by content (gzip magic, `WARC/` header, a JSON
//!   object on the first line) as well as by file name;
//! - no input, however malformed, makes these functions panic.

mod jsonl;
mod sniff;
mod walk;
mod warc;

use std::io::{self, Read};

pub use herald_model::RawDocument;
pub use walk::{InputPath, expand_paths};

/// Size limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest single document (file, JSON line or WARC record payload).
    pub max_document_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A document that could not be read, with a specific reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    pub source: String,
    pub id: Option<String>,
    pub message: String,
}

/// Errors about the input paths themselves (not about one document).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

/// One item of an input stream.
pub type Item = Result<RawDocument, DocumentError>;

/// A stream of documents from one input.
pub type Documents = Box<dyn Iterator<Item = Item>>;

/// Opens one input (a file or stdin) and streams its documents.
///
/// Never fails: an unreadable file becomes a single error item.
pub fn open(input: &InputPath, limits: Limits) -> Documents {
    let name = input.display_name();
    let reader: Box<dyn Read> = match input {
        InputPath::Stdin => Box::new(io::stdin()),
        InputPath::File(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return single_error(name, None, format!("cannot open: {e}")),
        },
    };
    read_stream(name, reader, limits)
}

/// Streams the documents of any reader, detecting the format by content and
/// by `name` (its extension).
pub fn read_stream(name: String, reader: Box<dyn Read>, limits: Limits) -> Documents {
    sniff::dispatch(name, reader, limits)
}

pub(crate) fn single_error(source: String, id: Option<String>, message: String) -> Documents {
    Box::new(std::iter::once(Err(DocumentError {
        source,
        id,
        message,
    })))
}

#[cfg(test)]
mod tests;
