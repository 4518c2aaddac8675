//! Reading news as it arrives: files, directories, stdin, JSON Lines,
//! WARC archives and gzip-compressed variants of all of them.
//!
//! This is the IO edge of the analysis flow. It turns bytes from the outside
//! into [`RawDocument`]s, one per article, streamed: an archive is never
//! loaded whole, only one record at a time.
//!
//! Invariants:
//! - every article-shaped unit of input yields exactly one item, either a
//!   document or a [`DocumentError`] naming its source and its
//!   [`ErrorKind`]; nothing is skipped silently (WARC records that are not
//!   responses, such as `warcinfo` and `request`, are not articles and are
//!   not reported, unless they are broken; hidden files in directories are
//!   skipped on purpose). An input that holds no record at all (an empty
//!   JSON Lines or WARC file) yields one [`ErrorKind::Empty`] item; an empty
//!   plain file is one empty document, for decoding to judge;
//! - memory is bounded by the limits, never by the input: no document larger
//!   than [`Limits::max_document_bytes`] is kept, whether it is a file, a
//!   JSON line, a WARC block or a gzip-encoded HTTP payload once inflated;
//!   every other read (WARC and HTTP header lines, resynchronisation scans,
//!   skipped records) goes through a fixed-size buffer;
//! - arithmetic on limits saturates: `usize::MAX` means "no limit", never
//!   an overflow;
//! - one broken record does not lose the others: after a WARC record with a
//!   wrong `Content-Length` or a broken header, reading resumes at the next
//!   `WARC/1.` line;
//! - formats are detected by content (gzip magic, `WARC/` header, a JSON
//!   object on the first line) as well as by file name;
//! - streams are [`Send`], so a reader thread can own one;
//! - no input, however malformed, makes these functions panic or loop:
//!   bytes put back for a WARC resynchronisation never outnumber the bytes
//!   read, so no input makes the work quadratic.

mod jsonl;
mod sniff;
mod walk;
mod warc;

use std::io::{self, Read};

pub use herald_model::{DocumentError, ErrorKind, RawDocument};
pub use walk::{InputPath, expand_paths};

/// Size limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest single document (file, JSON line, WARC record block, inflated
    /// HTTP payload). `usize::MAX` means no limit.
    pub max_document_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: 64 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The limit as a byte count for `Read::take`.
    pub(crate) fn max_bytes(self) -> u64 {
        u64::try_from(self.max_document_bytes).unwrap_or(u64::MAX)
    }

    /// One byte more than the limit (saturating): reading that much tells
    /// whether the limit was exceeded.
    pub(crate) fn read_cap(self) -> u64 {
        self.max_bytes().saturating_add(1)
    }

    /// Whether `n` bytes are over the limit.
    pub(crate) fn exceeded_by(self, n: u64) -> bool {
        n > self.max_bytes()
    }
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
pub type Documents = Box<dyn Iterator<Item = Item> + Send>;

/// Opens one input (a file, stdin, or an entry the walk could not read) and
/// streams its documents.
///
/// Never fails: an unreadable file becomes a single error item.
pub fn open(input: &InputPath, limits: Limits) -> Documents {
    let name = input.display_name();
    let reader: Box<dyn Read + Send> = match input {
        InputPath::Stdin => Box::new(io::stdin()),
        InputPath::File(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                return single_error(
                    name,
                    None,
                    ErrorKind::Unreadable,
                    format!("cannot open: {e}"),
                );
            }
        },
        InputPath::Unreadable { reason, .. } => {
            return single_error(name, None, ErrorKind::Unreadable, reason.clone());
        }
    };
    read_stream(name, reader, limits)
}

/// Streams the documents of any reader, detecting the format by content and
/// by `name` (its extension).
pub fn read_stream(name: String, reader: Box<dyn Read + Send>, limits: Limits) -> Documents {
    sniff::dispatch(name, reader, limits)
}

pub(crate) fn single_error(
    source: String,
    id: Option<String>,
    kind: ErrorKind,
    message: String,
) -> Documents {
    Box::new(std::iter::once(Err(DocumentError::new(
        source, id, kind, message,
    ))))
}

#[cfg(test)]
mod tests;
