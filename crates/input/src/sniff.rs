//! Format detection: gzip, WARC, JSON Lines, or one whole document.
//!
//! Only the first [`HEAD`] bytes are looked at (read into a fixed buffer);
//! a gzip stream is decoded lazily and detected again inside. A whole
//! document is read through `take(limit + 1)` (saturating), so at most one
//! byte more than the limit is ever held.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use herald_model::{Body, ErrorKind, FormatHint, RawDocument};

use crate::{Documents, Limits, jsonl, single_error, warc};

const HEAD: usize = 4096;

/// Counts the bytes read through it, so that errors in a decompressed stream
/// can name the offset in the compressed file.
pub(crate) struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads the head of a stream for detection: up to `n` bytes, but no more
/// than the first line once at least [`MIN_HEAD`] bytes are in, so that a
/// stream (JSON Lines on a pipe) is not held until `n` bytes arrive. Fewer
/// bytes only at the end of the stream.
pub(crate) fn read_head(r: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = vec![0u8; n];
    let mut len = 0;
    while len < n {
        match r.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(k) => {
                let seen_line = memchr::memchr(b'\n', &head[len..len + k]).is_some();
                len += k;
                if seen_line && len >= MIN_HEAD {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(len);
    Ok(head)
}

/// Bytes every format test needs (`WARC/`, the gzip magic).
const MIN_HEAD: usize = 5;

/// Describes an IO error met while reading, naming the compressed offset
/// when the stream is gzip, with the kind of error it is: a cut gzip stream
/// is [`ErrorKind::Truncated`], a corrupt one [`ErrorKind::Malformed`], any
/// other read error [`ErrorKind::Unreadable`].
pub(crate) fn describe(e: &io::Error, gz: Option<&Arc<AtomicU64>>) -> (ErrorKind, String) {
    match gz {
        Some(count) => {
            let at = count.load(Ordering::Relaxed);
            if e.kind() == io::ErrorKind::UnexpectedEof {
                (
                    ErrorKind::Truncated,
                    format!("truncated gzip stream at byte {at}"),
                )
            } else {
                (
                    ErrorKind::Malformed,
                    format!("corrupt gzip stream near byte {at}: {e}"),
                )
            }
        }
        None => (ErrorKind::Unreadable, format!("read error: {e}")),
    }
}

pub(crate) fn strip_gz(name: &str) -> &str {
    name.strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".GZ"))
        .unwrap_or(name)
}

pub(crate) fn dispatch(name: String, reader: Box<dyn Read + Send>, limits: Limits) -> Documents {
    dispatch_inner(name, reader, limits, None)
}

fn dispatch_inner(
    name: String,
    mut reader: Box<dyn Read + Send>,
    limits: Limits,
    gz: Option<Arc<AtomicU64>>,
) -> Documents {
    let head = match read_head(&mut reader, HEAD) {
        Ok(h) => h,
        Err(e) => {
            let (kind, msg) = describe(&e, gz.as_ref());
            return single_error(name, None, kind, msg);
        }
    };
    if head.starts_with(&[0x1f, 0x8b]) && gz.is_none() {
        let count = Arc::new(AtomicU64::new(0));
        let raw = Counting {
            inner: io::Cursor::new(head).chain(reader),
            count: count.clone(),
        };
        let decoded = flate2::read::MultiGzDecoder::new(raw);
        return dispatch_inner(name, Box::new(decoded), limits, Some(count));
    }
    let lower = strip_gz(&name).to_ascii_lowercase();
    let rest: Box<dyn Read + Send> = Box::new(io::Cursor::new(head.clone()).chain(reader));
    if head.starts_with(b"WARC/") || lower.ends_with(".warc") && head.is_empty() {
        return Box::new(warc::Records::new(name, rest, limits, gz));
    }
    if looks_like_jsonl(&head, &lower) {
        return Box::new(jsonl::Lines::new(name, rest, limits, gz));
    }
    whole_document(name, rest, limits, gz, &lower)
}

fn looks_like_jsonl(head: &[u8], lower_name: &str) -> bool {
    if lower_name.ends_with(".jsonl") || lower_name.ends_with(".ndjson") {
        return true;
    }
    let trimmed = trim_start(head);
    if !trimmed.starts_with(b"{") {
        return false;
    }
    // The first line must be a complete JSON object with an article field.
    let line = match memchr::memchr(b'\n', trimmed) {
        Some(i) => &trimmed[..i],
        None => trimmed,
    };
    match serde_json::from_slice::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(m)) => ["text", "html", "url", "id", "title"]
            .iter()
            .any(|k| m.contains_key(*k)),
        _ => false,
    }
}

fn trim_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn whole_document(
    name: String,
    reader: Box<dyn Read + Send>,
    limits: Limits,
    gz: Option<Arc<AtomicU64>>,
    lower: &str,
) -> Documents {
    let mut buf = Vec::new();
    if let Err(e) = reader.take(limits.read_cap()).read_to_end(&mut buf) {
        let (kind, msg) = describe(&e, gz.as_ref());
        return single_error(name, None, kind, msg);
    }
    if limits.exceeded_by(buf.len() as u64) {
        let msg = format!(
            "document larger than the limit of {} bytes",
            limits.max_document_bytes
        );
        return single_error(name, None, ErrorKind::TooLarge, msg);
    }
    let hint = if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        FormatHint::Html
    } else if lower.ends_with(".txt") || lower.ends_with(".text") {
        FormatHint::PlainText
    } else {
        FormatHint::Unknown
    };
    let doc = RawDocument {
        source: name,
        body: Body::Bytes(buf),
        hint,
        ..RawDocument::default()
    };
    Box::new(std::iter::once(Ok(doc)))
}
