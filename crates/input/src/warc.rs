//! WARC archives (ISO 28500) as Common Crawl's news crawl publishes them:
//! `response` records holding an HTTP response, one article each.
//!
//! Records are streamed: only the current record's payload is in memory.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use herald_model::{Body, FormatHint, RawDocument};

use crate::sniff::describe;
use crate::{DocumentError, Item, Limits};

/// Longest header line accepted, in bytes.
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// Most header lines accepted in one block.
const MAX_HEADER_LINES: usize = 1000;

pub(crate) struct Records {
    name: String,
    reader: BufReader<Box<dyn Read>>,
    limits: Limits,
    gz: Option<Arc<AtomicU64>>,
    record_no: usize,
    done: bool,
}

struct Header {
    version_ok: bool,
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

impl Records {
    pub(crate) fn new(
        name: String,
        reader: Box<dyn Read>,
        limits: Limits,
        gz: Option<Arc<AtomicU64>>,
    ) -> Records {
        Records {
            name,
            reader: BufReader::with_capacity(64 * 1024, reader),
            limits,
            gz,
            record_no: 0,
            done: false,
        }
    }

    fn fail(&mut self, id: Option<String>, message: String) -> Option<Item> {
        self.done = true;
        Some(Err(DocumentError {
            source: format!("{}#record{}", self.name, self.record_no),
            id,
            message,
        }))
    }

    /// Reads header lines up to the blank line. `Ok(None)` at a clean end.
    fn read_header(&mut self) -> io::Result<Option<Header>> {
        let mut first = String::new();
        // Skip blank lines between records.
        loop {
            first.clear();
            let n = read_line(&mut self.reader, &mut first)?;
            if n == 0 {
                return Ok(None);
            }
            if !first.trim().is_empty() {
                break;
            }
        }
        let version_ok = first.trim_end().starts_with("WARC/");
        let fields = read_fields(&mut self.reader)?;
        Ok(Some(Header { version_ok, fields }))
    }
}

fn read_line(r: &mut BufReader<Box<dyn Read>>, out: &mut String) -> io::Result<usize> {
    let mut buf = Vec::new();
    let n = r.take(MAX_HEADER_LINE).read_until(b'\n', &mut buf)?;
    if n as u64 >= MAX_HEADER_LINE && buf.last() != Some(&b'\n') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "header line too long",
        ));
    }
    out.push_str(&String::from_utf8_lossy(&buf));
    Ok(n)
}

fn read_fields(r: &mut BufReader<Box<dyn Read>>) -> io::Result<Vec<(String, String)>> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_HEADER_LINES {
        let mut line = String::new();
        if read_line(r, &mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "end of input in a header",
            ));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Ok(fields);
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
    Err(io::Error::new(
        io::ErrorKind::InvalidData,
        "too many header lines",
    ))
}

impl Iterator for Records {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            self.record_no += 1;
            let header = match self.read_header() {
                Ok(Some(h)) => h,
                Ok(None) => return None,
                Err(e) => {
                    let msg = format!("invalid WARC record header: {}", describe_io(&e, &self.gz));
                    return self.fail(None, msg);
                }
            };
            if !header.version_ok {
                return self.fail(
                    None,
                    "invalid WARC record: missing WARC/ version line".into(),
                );
            }
            let id = header
                .get("WARC-Record-ID")
                .map(|s| s.trim_matches(['<', '>']).to_string());
            let Some(len) = header
                .get("Content-Length")
                .and_then(|v| v.parse::<u64>().ok())
            else {
                return self.fail(id, "invalid WARC record: no valid Content-Length".into());
            };
            let kind = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
            let uri = header.get("WARC-Target-URI").map(str::to_string);
            if kind != "response" && kind != "resource"
                || len > self.limits.max_document_bytes as u64
            {
                // Skip the block without keeping it.
                let skipped = io::copy(&mut (&mut self.reader).take(len), &mut io::sink());
                match skipped {
                    Ok(n) if n == len => {}
                    Ok(n) => {
                        let msg = format!("truncated WARC record: {n} of {len} bytes");
                        return self.fail(id, msg);
                    }
                    Err(e) => return self.fail(id, describe_io(&e, &self.gz)),
                }
                if kind == "response" || kind == "resource" {
                    let source =
                        uri.unwrap_or_else(|| format!("{}#record{}", self.name, self.record_no));
                    let message = format!(
                        "record payload of {len} bytes is larger than the limit of {} bytes",
                        self.limits.max_document_bytes
                    );
                    return Some(Err(DocumentError {
                        source,
                        id,
                        message,
                    }));
                }
                continue;
            }
            let mut block = Vec::with_capacity(len as usize);
            match (&mut self.reader).take(len).read_to_end(&mut block) {
                Ok(n) if n as u64 == len => {}
                Ok(n) => {
                    return self.fail(id, format!("truncated WARC record: {n} of {len} bytes"));
                }
                Err(e) => return self.fail(id, describe_io(&e, &self.gz)),
            }
            let source = uri
                .clone()
                .unwrap_or_else(|| format!("{}#record{}", self.name, self.record_no));
            let content_type = header
                .get("Content-Type")
                .unwrap_or("")
                .to_ascii_lowercase();
            let item = if kind == "response" && content_type.contains("http") {
                http_document(source, id, uri, block)
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
            return Some(item);
        }
    }
}

fn describe_io(e: &io::Error, gz: &Option<Arc<AtomicU64>>) -> String {
    describe(e, gz.as_ref())
}

/// Splits an HTTP response into headers and payload.
fn http_document(source: String, id: Option<String>, url: Option<String>, block: Vec<u8>) -> Item {
    let err = |message: String| {
        Err(DocumentError {
            source: source.clone(),
            id: id.clone(),
            message,
        })
    };
    let Some(end) = memchr::memmem::find(&block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(&block, b"\n\n").map(|i| i + 2))
    else {
        return err("HTTP response without a header/body separator".into());
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
        Some(s) => return err(format!("HTTP status {s}, no article")),
        None => {
            return err(format!(
                "invalid HTTP status line: {:?}",
                truncate(status_line, 80)
            ));
        }
    }
    let textual = ["html", "text", "xml"]
        .iter()
        .any(|t| content_type.contains(t));
    if !content_type.is_empty() && !textual {
        return err(format!(
            "unsupported content type {}",
            truncate(&content_type, 80)
        ));
    }
    let mut payload = block[end..].to_vec();
    if chunked {
        payload = dechunk(&payload);
    }
    if encoding.contains("gzip") {
        let mut out = Vec::new();
        if flate2::read::MultiGzDecoder::new(&payload[..])
            .read_to_end(&mut out)
            .is_err()
        {
            return err("corrupt gzip content encoding in HTTP response".into());
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
