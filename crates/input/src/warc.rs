//! WARC archives (ISO 28500) as Common Crawl's news crawl publishes them:
//! `response` records holding an HTTP response, one article each.
//!
//! Invariants:
//! - records are streamed: only the current record's block is in memory,
//!   and only when it is no larger than [`Limits::max_document_bytes`]; a
//!   larger block is skipped through a fixed-size buffer. Header lines are
//!   capped ([`MAX_HEADER_LINE`], [`MAX_HEADER_LINES`], [`MAX_HEADER_BYTES`]);
//!   a gzip-encoded HTTP payload is inflated through `take(limit + 1)`;
//! - a record is well formed when its header starts with a `WARC/` version
//!   line, has a valid `Content-Length`, and its block of that many bytes is
//!   followed by line breaks (the format's CRLF CRLF; bare LFs and extra
//!   blank lines are tolerated) and then by the next `WARC/` line or the end
//!   of the input, and when no whole record header (a blank line, a
//!   `WARC/1.` line, a `WARC-` field) is inside the block: that is what a
//!   `Content-Length` too long by exactly the records it swallowed looks
//!   like, and those records must not vanish into its payload;
//! - a record that is not well formed yields one error item (`name#recordN`)
//!   and reading resynchronises at the next line starting with `WARC/1.`:
//!   first inside the bad block itself (a `Content-Length` too long runs into
//!   the next record, which is not lost), then forward, in chunks. Bytes are
//!   put back only within a budget of the bytes read, so a crafted archive
//!   cannot make the work quadratic;
//! - an IO error, or a corrupt or cut gzip stream, ends the archive after one
//!   error item (there is nothing to resynchronise on);
//! - gzip member per record (`.warc.gz`) is just a gzip stream here: the
//!   members are decoded one after the other;
//! - an input with no record at all yields one [`ErrorKind::Empty`] item.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use herald_model::{Body, ErrorKind, FormatHint, RawDocument};

use crate::sniff::describe;
use crate::{DocumentError, Item, Limits};

/// Longest header line accepted, in bytes.
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// Most header lines accepted in one block.
const MAX_HEADER_LINES: usize = 1000;
/// Largest header accepted, in bytes (all its lines).
const MAX_HEADER_BYTES: usize = 1 << 20;
/// Size of the read buffer.
const CHUNK: usize = 64 * 1024;
/// Most bytes allocated up front for a block (its `Content-Length` is not
/// trusted for an allocation).
const PREALLOC: usize = 1 << 20;
/// How far past a block line breaks are looked for.
const TRAILER_WINDOW: usize = 4096;
/// Least that is kept of an oversized block from a `WARC/1.` line inside it,
/// in case its `Content-Length` is wrong and that line starts the next record.
const MIN_HOLD: usize = 1 << 20;
/// What starts a record, for resynchronisation.
const RECORD_START: &[u8] = b"WARC/1.";

/// A buffered reader that can put bytes back in front of what is left.
struct Stream {
    inner: Box<dyn Read + Send>,
    buf: Vec<u8>,
    pos: usize,
    /// Bytes read from `inner` minus bytes put back: what may still be put
    /// back. Keeps the total work linear in the input.
    budget: u64,
}

impl Stream {
    fn new(inner: Box<dyn Read + Send>) -> Stream {
        Stream {
            inner,
            buf: Vec::new(),
            pos: 0,
            budget: 0,
        }
    }

    /// Makes at least `n` bytes available (fewer only at the end of the
    /// input) and returns all that is available.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.buf.len() - self.pos < n {
            if self.pos > 0 {
                self.buf.drain(..self.pos);
                self.pos = 0;
                if self.buf.capacity() > 4 * CHUNK + n {
                    // Let go of a large buffer left by putting a block back.
                    self.buf.shrink_to(n.max(CHUNK) + CHUNK);
                }
            }
            let old = self.buf.len();
            self.buf.resize(old + (n - old).max(CHUNK), 0);
            let got = loop {
                match self.inner.read(&mut self.buf[old..]) {
                    Ok(got) => break got,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        self.buf.truncate(old);
                        return Err(e);
                    }
                }
            };
            self.buf.truncate(old + got);
            self.budget = self.budget.saturating_add(got as u64);
            if got == 0 {
                break;
            }
        }
        Ok(&self.buf[self.pos..])
    }

    /// Puts `bytes` back in front of the rest. Does nothing and returns
    /// false when that would exceed the budget.
    fn unread(&mut self, bytes: &[u8]) -> bool {
        let n = bytes.len() as u64;
        if n > self.budget {
            return false;
        }
        self.budget -= n;
        let rest = &self.buf[self.pos..];
        let mut buf = Vec::with_capacity(bytes.len() + rest.len());
        buf.extend_from_slice(bytes);
        buf.extend_from_slice(rest);
        self.buf = buf;
        self.pos = 0;
        true
    }

    /// Skips to the next line that starts with [`RECORD_START`], leaving it
    /// unread; `line_start` says whether the stream is at the start of a
    /// line now. False at the end of the input.
    fn skip_to_record(&mut self, mut line_start: bool) -> io::Result<bool> {
        loop {
            if line_start {
                let head = self.peek(RECORD_START.len())?;
                if head.starts_with(RECORD_START) {
                    return Ok(true);
                }
            }
            let avail = self.fill_buf()?;
            if avail.is_empty() {
                return Ok(false);
            }
            let (n, at_line_start) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            self.consume(n);
            line_start = at_line_start;
        }
    }

    /// Skips `len` bytes of a block that is too large to keep. Returns the
    /// bytes skipped, whether the last was a line break, and the block's
    /// bytes from the first line inside it that starts with
    /// [`RECORD_START`] (at most `hold_cap` of them; a candidate that would
    /// need more is dropped for a later one).
    fn skip_block(&mut self, len: u64, hold_cap: usize) -> io::Result<Skipped> {
        let mut remaining = len;
        let mut line_start = true;
        let mut held: Option<Vec<u8>> = None;
        let mut held_after_blank = false;
        // Whether the last whole line was blank (the header's blank line
        // precedes the block), and what the current one is so far.
        let mut prev_blank = true;
        let mut cur = LineSoFar::Empty;
        while remaining > 0 {
            if held.is_none()
                && line_start
                && self.peek(RECORD_START.len())?.starts_with(RECORD_START)
            {
                held = Some(Vec::new());
                held_after_blank = prev_blank;
            }
            let avail = self.fill_buf()?;
            if avail.is_empty() {
                break;
            }
            let max = usize::try_from(remaining).map_or(avail.len(), |r| r.min(avail.len()));
            if held.as_ref().is_some_and(|h| h.len() + max > hold_cap) {
                held = None;
                cur = LineSoFar::Other;
            }
            let n = match &mut held {
                Some(h) => {
                    h.extend_from_slice(&avail[..max]);
                    max
                }
                None => {
                    let n = memchr::memchr(b'\n', &avail[..max]).map_or(max, |i| i + 1);
                    cur = cur.then(&avail[..n]);
                    if avail[n - 1] == b'\n' {
                        prev_blank = cur != LineSoFar::Other;
                        cur = LineSoFar::Empty;
                    }
                    n
                }
            };
            line_start = avail[n - 1] == b'\n';
            self.consume(n);
            remaining -= n as u64;
        }
        Ok(Skipped {
            bytes: len - remaining,
            ends_line: line_start,
            held_after_blank,
            held,
        })
    }

    /// Whether what follows a block ends the record: line breaks, then the
    /// end of the input or a `WARC/` line. Consumes nothing.
    fn block_ends_well(&mut self) -> io::Result<bool> {
        let (run, len, newline) = {
            let w = self.peek(TRAILER_WINDOW)?;
            let run = w.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            (run, w.len(), w[..run].contains(&b'\n'))
        };
        if run == len {
            // The end of the input, or a long run of blank lines (skipped
            // with the next header).
            return Ok(true);
        }
        let w = self.peek(run + 5)?;
        Ok(newline && w[run..].starts_with(b"WARC/"))
    }
}

impl Read for Stream {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.buf.len() && out.len() >= CHUNK {
            let n = self.inner.read(out)?;
            self.budget = self.budget.saturating_add(n as u64);
            return Ok(n);
        }
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Stream {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.buf.len() {
            if self.buf.capacity() > 4 * CHUNK {
                // Let go of a large buffer left by putting a block back.
                self.buf = Vec::new();
            }
            self.buf.clear();
            self.pos = 0;
            self.peek(1)?;
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }
}

/// What [`Stream::skip_block`] skipped.
struct Skipped {
    bytes: u64,
    ends_line: bool,
    /// Whether the held bytes come after a blank line.
    held_after_blank: bool,
    held: Option<Vec<u8>>,
}

/// What a line read in pieces holds so far.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineSoFar {
    Empty,
    /// Only a carriage return.
    Cr,
    Other,
}

impl LineSoFar {
    /// The state after `piece` (a part of the line, perhaps with its `\n`).
    fn then(self, piece: &[u8]) -> LineSoFar {
        let content = piece.strip_suffix(b"\n").unwrap_or(piece);
        match (self, content) {
            (s, []) => s,
            (LineSoFar::Empty, b"\r") => LineSoFar::Cr,
            _ => LineSoFar::Other,
        }
    }
}

/// Where a line starting with [`RECORD_START`] begins in a block (which
/// itself begins at the start of a line).
fn find_record_start(block: &[u8]) -> Option<usize> {
    if block.starts_with(RECORD_START) {
        return Some(0);
    }
    memchr::memmem::find(block, b"\nWARC/1.").map(|i| i + 1)
}

/// Whether `bytes` begin like a record header: a `WARC/1.` version line,
/// then a `WARC-` field.
fn looks_like_header(bytes: &[u8]) -> bool {
    if !bytes.starts_with(RECORD_START) {
        return false;
    }
    let Some(nl) = memchr::memchr(b'\n', bytes) else {
        return false;
    };
    bytes[nl + 1..]
        .get(..5)
        .is_some_and(|f| f.eq_ignore_ascii_case(b"WARC-"))
}

/// Where a whole record header starts inside `block`, after a blank line:
/// the sign of a `Content-Length` too long by exactly the records it
/// swallowed (the block then ends at a record boundary and looks fine).
fn embedded_record(block: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(block, b"\nWARC/1.")
        .map(|i| i + 1)
        .find(|&k| {
            let before = &block[..k];
            (before.ends_with(b"\n\r\n") || before.ends_with(b"\n\n"))
                && looks_like_header(&block[k..])
        })
}

/// Where the next record starts in `block` (just read from `stream`),
/// including a version line that begins in the block's last bytes and goes
/// on in the stream.
fn record_start_in(block: &[u8], stream: &mut Stream) -> io::Result<Option<usize>> {
    if let Some(k) = find_record_start(block) {
        return Ok(Some(k));
    }
    let from = block.len().saturating_sub(RECORD_START.len() - 1);
    for p in from..block.len() {
        let part = &block[p..];
        if (p == 0 || block[p - 1] == b'\n') && RECORD_START.starts_with(part) {
            let rest = &RECORD_START[part.len()..];
            if stream.peek(rest.len())?.starts_with(rest) {
                return Ok(Some(p));
            }
        }
    }
    Ok(None)
}

pub(crate) struct Records {
    name: String,
    stream: Stream,
    limits: Limits,
    gz: Option<Arc<AtomicU64>>,
    record_no: usize,
    /// Set after a broken record: skip to the next record first. The value
    /// says whether the stream is at the start of a line.
    resync: Option<bool>,
    done: bool,
}

struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a header could not be read.
enum HeaderError {
    /// Reading failed: the archive ends here.
    Io(io::Error),
    /// The header is broken: one error item, then resynchronise.
    Bad {
        kind: ErrorKind,
        message: String,
        /// Bytes to put back before resynchronising (the next record's
        /// version line, met inside this header).
        replay: Vec<u8>,
        /// Whether the stream is at the start of a line afterwards.
        line_start: bool,
    },
}

fn bad_header(kind: ErrorKind, what: &str, line_start: bool) -> HeaderError {
    HeaderError::Bad {
        kind,
        message: format!("invalid WARC record header: {what}"),
        replay: Vec::new(),
        line_start,
    }
}

/// Reads one line of at most [`MAX_HEADER_LINE`] bytes, with its line
/// break; empty at the end of the input.
fn read_line(r: &mut Stream) -> Result<Vec<u8>, HeaderError> {
    let mut buf = Vec::new();
    (&mut *r)
        .take(MAX_HEADER_LINE)
        .read_until(b'\n', &mut buf)
        .map_err(HeaderError::Io)?;
    if buf.len() as u64 >= MAX_HEADER_LINE && buf.last() != Some(&b'\n') {
        return Err(bad_header(
            ErrorKind::Malformed,
            "header line too long",
            false,
        ));
    }
    Ok(buf)
}

impl Records {
    pub(crate) fn new(
        name: String,
        reader: Box<dyn Read + Send>,
        limits: Limits,
        gz: Option<Arc<AtomicU64>>,
    ) -> Records {
        Records {
            name,
            stream: Stream::new(reader),
            limits,
            gz,
            record_no: 0,
            resync: None,
            done: false,
        }
    }

    fn record_source(&self) -> String {
        format!("{}#record{}", self.name, self.record_no)
    }

    /// An error that ends the archive.
    fn stop(&mut self, id: Option<String>, kind: ErrorKind, message: String) -> Option<Item> {
        self.done = true;
        Some(Err(DocumentError::new(
            self.record_source(),
            id,
            kind,
            message,
        )))
    }

    fn stop_io(&mut self, id: Option<String>, e: &io::Error, prefix: &str) -> Option<Item> {
        let (kind, message) = describe(e, self.gz.as_ref());
        self.stop(id, kind, format!("{prefix}{message}"))
    }

    /// An error for a broken record, after which reading resynchronises:
    /// from `replay` put back in front of the stream if the budget allows,
    /// else from where the stream is (`line_start` says whether at the start
    /// of a line).
    fn broken(
        &mut self,
        id: Option<String>,
        kind: ErrorKind,
        message: String,
        replay: &[u8],
        line_start: bool,
    ) -> Option<Item> {
        let replayed = !replay.is_empty() && self.stream.unread(replay);
        self.resync = Some(replayed || line_start);
        Some(Err(DocumentError::new(
            self.record_source(),
            id,
            kind,
            message,
        )))
    }

    /// Reads header lines up to the blank line. `Ok(None)` at a clean end.
    fn read_header(&mut self) -> Result<Option<Header>, HeaderError> {
        // Skip blank lines between records.
        let first = loop {
            let line = read_line(&mut self.stream)?;
            if line.is_empty() {
                return Ok(None);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break line;
            }
        };
        if !first.starts_with(b"WARC/") {
            return Err(HeaderError::Bad {
                kind: ErrorKind::Malformed,
                message: "invalid WARC record: missing WARC/ version line".into(),
                replay: Vec::new(),
                line_start: first.ends_with(b"\n"),
            });
        }
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut bytes = first.len();
        for _ in 0..MAX_HEADER_LINES {
            let raw = read_line(&mut self.stream)?;
            if raw.is_empty() {
                return Err(bad_header(
                    ErrorKind::Truncated,
                    "end of input in a header",
                    false,
                ));
            }
            if raw.starts_with(RECORD_START) {
                // The next record begins: this header has no end.
                return Err(HeaderError::Bad {
                    kind: ErrorKind::Malformed,
                    message: "invalid WARC record header: no blank line before the next record"
                        .into(),
                    replay: raw,
                    line_start: true,
                });
            }
            bytes += raw.len();
            if bytes > MAX_HEADER_BYTES {
                let what = format!("header larger than {MAX_HEADER_BYTES} bytes");
                return Err(bad_header(ErrorKind::Malformed, &what, true));
            }
            let line = String::from_utf8_lossy(&raw);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(Some(Header { fields }));
            }
            if line.starts_with([' ', '\t']) {
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
                continue;
            }
            if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        Err(bad_header(
            ErrorKind::Malformed,
            "too many header lines",
            true,
        ))
    }

    /// The record after the header: its block checked, then a document, an
    /// error, or `None` for a well-formed record that is not an article.
    fn record(&mut self, header: Header) -> Option<Item> {
        let id = header
            .get("WARC-Record-ID")
            .map(|s| s.trim_matches(['<', '>']).to_string());
        let Some(len) = header
            .get("Content-Length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            let msg = "invalid WARC record: no valid Content-Length".to_string();
            // The header ended with its blank line.
            return self.broken(id, ErrorKind::Malformed, msg, &[], true);
        };
        let kind = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let article = kind == "response" || kind == "resource";
        let uri = header.get("WARC-Target-URI").map(str::to_string);
        let source = uri.clone().unwrap_or_else(|| self.record_source());
        if self.limits.exceeded_by(len) {
            return self.skip_large(id, len, article.then_some(source));
        }
        // Kept in memory even when it is not an article, so that it can be
        // searched for the next record if its length turns out wrong.
        let mut block =
            Vec::with_capacity(usize::try_from(len).map_or(PREALLOC, |l| l.min(PREALLOC)));
        if let Err(e) = (&mut self.stream).take(len).read_to_end(&mut block) {
            return self.stop_io(id, &e, "");
        }
        let n = block.len() as u64;
        let ends_line = block.last().is_none_or(|&b| b == b'\n');
        let well_formed = if n < len {
            false
        } else {
            match self.stream.block_ends_well() {
                Ok(ok) => ok,
                Err(e) => return self.stop_io(id, &e, ""),
            }
        };
        if well_formed {
            if let Some(k) = embedded_record(&block) {
                return self.runs_into_next(id, len, &block[k..]);
            }
        } else {
            let next = match record_start_in(&block, &mut self.stream) {
                Ok(next) => next,
                Err(e) => return self.stop_io(id, &e, ""),
            };
            return match next {
                Some(k) => self.runs_into_next(id, len, &block[k..]),
                // Cut short: the archive ends in this record.
                None if n < len => self.stop(
                    id,
                    ErrorKind::Truncated,
                    format!("truncated WARC record: {n} of {len} bytes"),
                ),
                None => self.does_not_end(id, len, ends_line),
            };
        }
        if !article {
            return None;
        }
        let content_type = header
            .get("Content-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let item = if kind == "response" && content_type.contains("http") {
            http_document(source, id, uri, block, self.limits)
        } else {
            Ok(RawDocument {
                source,
                id,
                url: uri,
                declared_charset: charset_of(&content_type),
                hint: hint_of(&content_type),
                body: Body::Bytes(block),
                ..RawDocument::default()
            })
        };
        Some(item)
    }

    /// A block larger than the limit: skipped, then checked like any other.
    /// `source` is set for an article, which is reported as too large.
    fn skip_large(&mut self, id: Option<String>, len: u64, source: Option<String>) -> Option<Item> {
        let hold_cap = self.limits.max_document_bytes.max(MIN_HOLD);
        let skipped = match self.stream.skip_block(len, hold_cap) {
            Ok(s) => s,
            Err(e) => return self.stop_io(id, &e, ""),
        };
        if skipped.bytes < len {
            return match skipped.held {
                Some(held) => self.runs_into_next(id, len, &held),
                None => {
                    let n = skipped.bytes;
                    self.stop(
                        id,
                        ErrorKind::Truncated,
                        format!("truncated WARC record: {n} of {len} bytes"),
                    )
                }
            };
        }
        match self.stream.block_ends_well() {
            Ok(true) => {}
            Ok(false) => {
                return match skipped.held {
                    Some(held) => self.runs_into_next(id, len, &held),
                    None => self.does_not_end(id, len, skipped.ends_line),
                };
            }
            Err(e) => return self.stop_io(id, &e, ""),
        }
        if let Some(held) = skipped
            .held
            .filter(|h| skipped.held_after_blank && looks_like_header(h))
        {
            return self.runs_into_next(id, len, &held);
        }
        let source = source?;
        let message = format!(
            "record payload of {len} bytes is larger than the limit of {} bytes",
            self.limits.max_document_bytes
        );
        Some(Err(DocumentError::new(
            source,
            id,
            ErrorKind::TooLarge,
            message,
        )))
    }

    /// A block whose Content-Length runs into the next record, which starts
    /// `next` (the rest of the bytes read): put back, read again.
    fn runs_into_next(&mut self, id: Option<String>, len: u64, next: &[u8]) -> Option<Item> {
        let msg = format!("invalid WARC record: Content-Length {len} runs into the next record");
        self.broken(id, ErrorKind::Malformed, msg, next, false)
    }

    /// A block not followed by the end of its record, with no record start
    /// inside: resynchronise forward.
    fn does_not_end(&mut self, id: Option<String>, len: u64, ends_line: bool) -> Option<Item> {
        let msg = format!(
            "invalid WARC record: the block does not end where its Content-Length of {len} bytes says"
        );
        self.broken(id, ErrorKind::Malformed, msg, &[], ends_line)
    }
}

impl Iterator for Records {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            if let Some(line_start) = self.resync.take() {
                match self.stream.skip_to_record(line_start) {
                    Ok(true) => {}
                    Ok(false) => {
                        self.done = true;
                        return None;
                    }
                    Err(e) => {
                        return self.stop_io(None, &e, "");
                    }
                }
            }
            self.record_no += 1;
            let header = match self.read_header() {
                Ok(Some(h)) => h,
                Ok(None) => {
                    self.done = true;
                    if self.record_no == 1 {
                        return Some(Err(DocumentError::new(
                            self.name.clone(),
                            None,
                            ErrorKind::Empty,
                            "no WARC records in the input",
                        )));
                    }
                    return None;
                }
                Err(HeaderError::Io(e)) => {
                    return self.stop_io(None, &e, "invalid WARC record header: ");
                }
                Err(HeaderError::Bad {
                    kind,
                    message,
                    replay,
                    line_start,
                }) => return self.broken(None, kind, message, &replay, line_start),
            };
            if let Some(item) = self.record(header) {
                return Some(item);
            }
        }
    }
}

/// Splits an HTTP response into headers and payload, and undoes its
/// transfer and content encodings (an inflated payload is capped by
/// `limits`).
fn http_document(
    source: String,
    id: Option<String>,
    url: Option<String>,
    block: Vec<u8>,
    limits: Limits,
) -> Item {
    let err = |kind: ErrorKind, message: String| {
        Err(DocumentError::new(
            source.clone(),
            id.clone(),
            kind,
            message,
        ))
    };
    let Some(end) = memchr::memmem::find(&block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(&block, b"\n\n").map(|i| i + 2))
    else {
        return err(
            ErrorKind::Malformed,
            "HTTP response without a header/body separator".into(),
        );
    };
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok());
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim().to_ascii_lowercase();
            match k.as_str() {
                "content-type" => content_type = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => encoding = v,
                _ => {}
            }
        }
    }
    match status {
        Some(200..=299) => {}
        Some(s) => {
            return err(
                ErrorKind::NotArticle,
                format!("HTTP status {s}, no article"),
            );
        }
        None => {
            return err(
                ErrorKind::Malformed,
                format!("invalid HTTP status line: {:?}", truncate(status_line, 80)),
            );
        }
    }
    let textual = ["html", "text", "xml"]
        .iter()
        .any(|t| content_type.contains(t));
    if !content_type.is_empty() && !textual {
        return err(
            ErrorKind::NotArticle,
            format!("unsupported content type {}", truncate(&content_type, 80)),
        );
    }
    let mut payload = block;
    payload.drain(..end);
    if chunked {
        payload = dechunk(&payload);
    }
    if encoding.contains("gzip") {
        let mut out = Vec::new();
        let inflated = flate2::read::MultiGzDecoder::new(&payload[..])
            .take(limits.read_cap())
            .read_to_end(&mut out);
        if let Err(e) = inflated {
            let kind = if e.kind() == io::ErrorKind::UnexpectedEof {
                ErrorKind::Truncated
            } else {
                ErrorKind::Malformed
            };
            return err(
                kind,
                "corrupt gzip content encoding in HTTP response".into(),
            );
        }
        if limits.exceeded_by(out.len() as u64) {
            return err(
                ErrorKind::TooLarge,
                format!(
                    "gzip content encoding in HTTP response inflates past the limit of {} bytes",
                    limits.max_document_bytes
                ),
            );
        }
        payload = out;
    }
    Ok(RawDocument {
        source,
        id,
        url,
        declared_charset: charset_of(&content_type),
        hint: hint_of(&content_type),
        body: Body::Bytes(payload),
        ..RawDocument::default()
    })
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn hint_of(content_type: &str) -> FormatHint {
    if content_type.contains("html") {
        FormatHint::Html
    } else if content_type.contains("text/plain") {
        FormatHint::PlainText
    } else {
        FormatHint::Unknown
    }
}

/// The `charset=` parameter of a `Content-Type` value.
pub(crate) fn charset_of(content_type: &str) -> Option<String> {
    let i = content_type.find("charset=")?;
    let v = content_type[i + 8..].trim_start_matches(['"', '\'']);
    let end = v
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(v.len());
    let v = &v[..end];
    (!v.is_empty()).then(|| v.to_string())
}

/// Decodes `Transfer-Encoding: chunked`; keeps what it can of a broken body.
/// The output is never longer than the input.
fn dechunk(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let Some(nl) = memchr::memchr(b'\n', &data[i..]) else {
            break;
        };
        let line = String::from_utf8_lossy(&data[i..i + nl]);
        let size_hex = line.trim().split(';').next().unwrap_or("");
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            // Not chunked after all: keep the rest as is.
            out.extend_from_slice(&data[i..]);
            break;
        };
        i += nl + 1;
        if size == 0 {
            break;
        }
        let end = i.saturating_add(size).min(data.len());
        out.extend_from_slice(&data[i..end]);
        i = end;
        while i < data.len() && (data[i] == b'\r' || data[i] == b'\n') {
            i += 1;
        }
    }
    out
}
