//! JSON Lines: one article per line with any of `id`, `url`, `title`,
//! `published`, `text`, `html`.
//!
//! Invariants:
//! - every non-blank line yields one item, a document or an error naming
//!   the line (`name#N`); blank lines are separators;
//! - a line is read through `take(limit + 1)` (saturating), so no more than
//!   one byte over [`Limits::max_document_bytes`] is held; the rest of an
//!   oversized line is skipped in fixed-size chunks and the line is one
//!   [`ErrorKind::TooLarge`] item;
//! - a read error (an IO error, a corrupt or cut gzip stream) ends the
//!   stream after one error item;
//! - an input with no line at all yields one [`ErrorKind::Empty`] item.

use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use herald_model::{Body, ErrorKind, FormatHint, RawDocument};
use serde_json::Value;

use crate::sniff::describe;
use crate::{DocumentError, Item, Limits};

/// Chunk in which the rest of an oversized line is skipped.
const SKIP_CHUNK: u64 = 1 << 20;

pub(crate) struct Lines {
    name: String,
    reader: BufReader<Box<dyn Read + Send>>,
    limits: Limits,
    gz: Option<Arc<AtomicU64>>,
    line_no: usize,
    /// Items yielded so far (documents and errors).
    yielded: usize,
    done: bool,
}

impl Lines {
    pub(crate) fn new(
        name: String,
        reader: Box<dyn Read + Send>,
        limits: Limits,
        gz: Option<Arc<AtomicU64>>,
    ) -> Lines {
        Lines {
            name,
            reader: BufReader::new(reader),
            limits,
            gz,
            line_no: 0,
            yielded: 0,
            done: false,
        }
    }

    fn source(&self) -> String {
        format!("{}#{}", self.name, self.line_no)
    }

    fn error(&self, id: Option<String>, kind: ErrorKind, message: String) -> Item {
        Err(DocumentError::new(self.source(), id, kind, message))
    }

    fn read_error(&mut self, e: &std::io::Error) -> Item {
        self.done = true;
        let (kind, message) = describe(e, self.gz.as_ref());
        self.error(None, kind, message)
    }

    /// Skips the rest of an oversized line; false when reading failed.
    fn skip_line(&mut self) -> Result<(), std::io::Error> {
        let mut sink = Vec::new();
        loop {
            sink.clear();
            match (&mut self.reader)
                .take(SKIP_CHUNK)
                .read_until(b'\n', &mut sink)?
            {
                0 => return Ok(()),
                _ if sink.last() == Some(&b'\n') => return Ok(()),
                _ => {}
            }
        }
    }

    fn next_item(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            self.line_no += 1;
            let mut buf = Vec::new();
            let cap = self.limits.read_cap();
            match (&mut self.reader).take(cap).read_until(b'\n', &mut buf) {
                Err(e) => return Some(self.read_error(&e)),
                Ok(0) => {
                    self.done = true;
                    if self.yielded == 0 {
                        return Some(Err(DocumentError::new(
                            self.name.clone(),
                            None,
                            ErrorKind::Empty,
                            "no JSON lines in the input",
                        )));
                    }
                    return None;
                }
                Ok(_) => {}
            }
            if buf.last() != Some(&b'\n') && self.limits.exceeded_by(buf.len() as u64) {
                drop(buf);
                if let Err(e) = self.skip_line() {
                    return Some(self.read_error(&e));
                }
                let msg = format!(
                    "line {} is larger than the limit of {} bytes",
                    self.line_no, self.limits.max_document_bytes
                );
                return Some(self.error(None, ErrorKind::TooLarge, msg));
            }
            let line = trim(&buf);
            if line.is_empty() {
                continue;
            }
            return Some(self.parse(line));
        }
    }
}

impl Iterator for Lines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let item = self.next_item();
        self.yielded += usize::from(item.is_some());
        item
    }
}

/// True for a line of `herald analyze` output: a `text` string with the
/// `entities`, `quotes` and `dates` arrays of the contract.
fn looks_analyzed(map: &serde_json::Map<String, Value>) -> bool {
    matches!(map.get("text"), Some(Value::String(_)))
        && ["entities", "quotes", "dates"]
            .iter()
            .all(|k| matches!(map.get(*k), Some(Value::Array(_))))
}

/// The error of an error line `herald analyze` printed (`source`, `error`,
/// `kind`, no body), kept as that document's error.
fn previous_error(map: &serde_json::Map<String, Value>) -> Option<(ErrorKind, String)> {
    if map.contains_key("text") || map.contains_key("html") {
        return None;
    }
    let (Some(Value::String(error)), Some(kind), Some(Value::String(_))) =
        (map.get("error"), map.get("kind"), map.get("source"))
    else {
        return None;
    };
    let kind = serde_json::from_value::<ErrorKind>(kind.clone()).unwrap_or(ErrorKind::Malformed);
    Some((kind, error.clone()))
}

fn trim(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let end = b.len()
        - b[start..]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
    &b[start..end]
}

impl Lines {
    fn parse(&self, line: &[u8]) -> Item {
        let value: Value = match serde_json::from_slice(line) {
            Ok(v) => v,
            Err(e) => {
                return self.error(
                    None,
                    ErrorKind::Malformed,
                    format!("invalid JSON on line {}: {e}", self.line_no),
                );
            }
        };
        let Value::Object(map) = value else {
            return self.error(
                None,
                ErrorKind::Malformed,
                format!("line {} is not a JSON object", self.line_no),
            );
        };
        let string = |key: &str| -> Option<String> {
            match map.get(key) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            }
        };
        let id = string("id");
        if looks_analyzed(&map) {
            // A line `herald analyze` printed: checked and used by the
            // pipeline, not analysed again.
            return Ok(RawDocument {
                source: string("source").unwrap_or_else(|| self.source()),
                id,
                url: string("url"),
                body: Body::Text(String::from_utf8_lossy(line).into_owned()),
                hint: FormatHint::Analyzed,
                ..RawDocument::default()
            });
        }
        if let Some(error) = previous_error(&map) {
            let source = string("source").unwrap_or_else(|| self.source());
            return Err(DocumentError::new(source, id, error.0, error.1));
        }
        let url = string("url");
        let (body, hint) = match (string("html"), map.get("text")) {
            (Some(html), _) => (Body::Text(html), FormatHint::Html),
            (None, Some(Value::String(t))) => (Body::Text(t.clone()), FormatHint::PlainText),
            _ => {
                // A body field of the wrong type is malformed; none at all
                // (or a blank `html`) means the record holds nothing.
                let wrong_type = ["text", "html"].iter().any(|k| {
                    map.get(*k)
                        .is_some_and(|v| !matches!(v, Value::String(_) | Value::Null))
                });
                let kind = if wrong_type {
                    ErrorKind::Malformed
                } else {
                    ErrorKind::Empty
                };
                return self.error(
                    id,
                    kind,
                    format!("line {} has neither `text` nor `html`", self.line_no),
                );
            }
        };
        Ok(RawDocument {
            source: url.clone().unwrap_or_else(|| self.source()),
            id,
            url,
            title: string("title"),
            published: string("published"),
            body,
            declared_charset: None,
            hint,
        })
    }
}
