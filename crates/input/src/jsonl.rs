//! JSON Lines: one article per line with any of `id`, `url`, `title`,
//! `published`, `text`, `html`.

use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use herald_model::{Body, FormatHint, RawDocument};
use serde_json::Value;

use crate::sniff::describe;
use crate::{DocumentError, Item, Limits};

pub(crate) struct Lines {
    name: String,
    reader: BufReader<Box<dyn Read>>,
    limits: Limits,
    gz: Option<Arc<AtomicU64>>,
    line_no: usize,
    done: bool,
}

impl Lines {
    pub(crate) fn new(
        name: String,
        reader: Box<dyn Read>,
        limits: Limits,
        gz: Option<Arc<AtomicU64>>,
    ) -> Lines {
        Lines {
            name,
            reader: BufReader::new(reader),
            limits,
            gz,
            line_no: 0,
            done: false,
        }
    }

    fn source(&self) -> String {
        format!("{}#{}", self.name, self.line_no)
    }

    fn error(&self, id: Option<String>, message: String) -> Item {
        Err(DocumentError {
            source: self.source(),
            id,
            message,
        })
    }
}

impl Iterator for Lines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            self.line_no += 1;
            let mut buf = Vec::new();
            let cap = self.limits.max_document_bytes as u64 + 1;
            let read = (&mut self.reader).take(cap).read_until(b'\n', &mut buf);
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(self.error(None, describe(&e, self.gz.as_ref())));
                }
                Ok(0) => return None,
                Ok(_) => {}
            }
            if buf.len() as u64 >= cap && buf.last() != Some(&b'\n') {
                // Skip the rest of the oversized line.
                let mut sink = Vec::new();
                loop {
                    sink.clear();
                    match (&mut self.reader)
                        .take(1 << 20)
                        .read_until(b'\n', &mut sink)
                    {
                        Ok(0) => break,
                        Ok(_) if sink.last() == Some(&b'\n') => break,
                        Ok(_) => continue,
                        Err(_) => {
                            self.done = true;
                            break;
                        }
                    }
                }
                let msg = format!(
                    "line {} is larger than the limit of {} bytes",
                    self.line_no, self.limits.max_document_bytes
                );
                return Some(self.error(None, msg));
            }
            let line = trim(&buf);
            if line.is_empty() {
                continue;
            }
            return Some(self.parse(line));
        }
    }
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
                return self.error(None, format!("invalid JSON on line {}: {e}", self.line_no));
            }
        };
        let Value::Object(map) = value else {
            return self.error(None, format!("line {} is not a JSON object", self.line_no));
        };
        let string = |key: &str| -> Option<String> {
            match map.get(key) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            }
        };
        let id = string("id");
        let url = string("url");
        let (body, hint) = match (string("html"), map.get("text")) {
            (Some(html), _) => (Body::Text(html), FormatHint::Html),
            (None, Some(Value::String(t))) => (Body::Text(t.clone()), FormatHint::PlainText),
            _ => {
                return self.error(
                    id,
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
