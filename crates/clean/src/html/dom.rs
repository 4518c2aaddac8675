//! A small, fast, forgiving HTML tree builder.
//!
//! Not a full HTML5 parser: it builds the tree that content extraction needs
//! (elements with the few attributes that matter, text, JSON-LD scripts) in
//! one linear pass over the input. It never recurses, caps nesting at
//! [`MAX_DEPTH`] (deeper elements are flattened into the deepest open one),
//! and never panics, whatever the bytes.
//!
//! Linear on hostile input too: each byte is looked at a bounded number of
//! times. An unclosed comment, CDATA section or raw-text element
//! (`<script>`, `<style>`...) runs to the end of the input, as in HTML5; an
//! unclosed `<title>` ends at the next `<`, so that a missing `</title>`
//! does not swallow the page. A search for an end tag that is not there is
//! remembered, so many unclosed `<title>`s cost one scan. Character
//! references are decoded as browsers do in text and attribute values
//! ([`decode_html`]: the complete WHATWG list, legacy names without `;`).

use std::borrow::Cow;

use crate::repair::decode_html;

/// Deepest nesting kept; deeper start tags are ignored (their text is kept).
pub const MAX_DEPTH: usize = 256;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

#[derive(Debug, Clone)]
pub enum NodeKind {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    /// Lowercase tag name.
    pub tag: String,
    /// Lowercase attribute names with decoded values (only the useful ones).
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
}

/// A parsed document. Node 0 is the root (a synthetic `#root` element).
#[derive(Debug, Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Contents of `<script type="application/ld+json">` blocks.
    pub json_ld: Vec<String>,
    /// Text of the `<title>` element.
    pub title: Option<String>,
}

const KEPT_ATTRS: &[&str] = &[
    "class",
    "id",
    "itemprop",
    "property",
    "name",
    "content",
    "datetime",
    "href",
    "rel",
    "role",
    "lang",
    "charset",
    "http-equiv",
    "type",
    "pubdate",
    "itemtype",
    "hidden",
    "aria-hidden",
    "style",
];

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command",
];

/// Elements whose content is raw text up to the matching end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "iframe",
];

/// Elements that stay inside `<head>`.
const HEAD_CONTENT: &[&str] = &[
    "title", "meta", "link", "style", "script", "noscript", "base", "template", "basefont",
    "bgsound",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "figure",
    "form",
    "hr",
    "address",
    "main",
    "fieldset",
    "details",
    "menu",
];

impl Dom {
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes.get(id)?.kind {
            NodeKind::Element(e) => Some(e),
            NodeKind::Text(_) => None,
        }
    }

    pub fn tag(&self, id: NodeId) -> &str {
        self.element(id).map_or("", |e| e.tag.as_str())
    }

    /// All node ids in document order (pre-order), iteratively.
    pub fn descendants(&self, root: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            out.push(id);
            if let Some(n) = self.nodes.get(id) {
                stack.extend(n.children.iter().rev());
            }
        }
        out
    }

    /// Parses HTML text.
    pub fn parse(html: &str) -> Dom {
        Builder::new(html).run()
    }
}

struct Builder<'a> {
    src: &'a str,
    pos: usize,
    dom: Dom,
    /// Open elements; `stack[0]` is the root.
    stack: Vec<NodeId>,
    /// End tags known to be absent from a position on: (name, position).
    missing_end: Vec<(String, usize)>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Builder<'a> {
        let root = Node {
            kind: NodeKind::Element(Element {
                tag: "#root".into(),
                attrs: Vec::new(),
            }),
            parent: None,
            children: Vec::new(),
        };
        Builder {
            src,
            pos: 0,
            dom: Dom {
                nodes: vec![root],
                json_ld: Vec::new(),
                title: None,
            },
            stack: vec![0],
            missing_end: Vec::new(),
        }
    }

    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn push_node(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.current();
        let id = self.dom.nodes.len();
        self.dom.nodes.push(Node {
            kind,
            parent: Some(parent),
            children: Vec::new(),
        });
        self.dom.nodes[parent].children.push(id);
        id
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        if self.in_head() && !raw.trim_ascii().is_empty() {
            // Text in `<head>` starts the body, as in HTML5.
            self.stack.pop();
        }
        let decoded = decode_html(raw);
        let cur = self.current();
        // Merge with a preceding text node.
        if let Some(&last) = self.dom.nodes[cur].children.last()
            && let NodeKind::Text(t) = &mut self.dom.nodes[last].kind
        {
            t.push_str(&decoded);
            return;
        }
        self.push_node(NodeKind::Text(decoded.into_owned()));
    }

    fn run(mut self) -> Dom {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            let Some(lt) = memchr::memchr(b'<', &bytes[self.pos..]) else {
                let rest = &self.src[self.pos..];
                self.text(rest);
                break;
            };
            let lt = self.pos + lt;
            if lt > self.pos {
                let t = &self.src[self.pos..lt];
                self.text(t);
            }
            self.pos = lt;
            self.markup();
        }
        self.dom
    }

    /// Handles the markup at `self.pos` (which is at a `<`).
    fn markup(&mut self) {
        let bytes = self.src.as_bytes();
        let rest = &bytes[self.pos..];
        if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(&rest[4..], b"-->")
                .map_or(bytes.len(), |i| self.pos + 4 + i + 3);
            self.pos = end;
            return;
        }
        if rest.starts_with(b"<![CDATA[") {
            let (text_end, end) = memchr::memmem::find(&rest[9..], b"]]>")
                .map_or((bytes.len(), bytes.len()), |i| {
                    (self.pos + 9 + i, self.pos + 9 + i + 3)
                });
            let t = &self.src[self.pos + 9..text_end];
            self.text(t);
            self.pos = end;
            return;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            self.pos = memchr::memchr(b'>', rest).map_or(bytes.len(), |i| self.pos + i + 1);
            return;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = self.pos + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
            .count();
        let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if name_len == 0 || !starts_with_letter {
            // A literal '<' in text.
            self.text("<");
            self.pos += 1;
            return;
        }
        let name = self.src[name_start..name_start + name_len].to_ascii_lowercase();
        let (attrs, self_closing, end) = parse_attrs(self.src, name_start + name_len);
        self.pos = end;
        if closing {
            self.end_tag(&name);
        } else {
            self.start_tag(name, attrs, self_closing);
        }
    }

    /// Whether the open element is `<head>`.
    fn in_head(&self) -> bool {
        self.stack.len() > 1 && self.dom.tag(self.current()) == "head"
    }

    fn start_tag(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        if self.in_head() && !HEAD_CONTENT.contains(&name.as_str()) {
            // Anything else (`<body>`, `<p>`...) closes `<head>`, as in
            // HTML5, so that a page whose head is never closed has a body.
            self.stack.pop();
        }
        if CLOSES_P.contains(&name.as_str()) {
            self.close_if_open("p", 3);
        }
        if name == "li" {
            self.close_if_open("li", 2);
        }
        if name == "option" {
            self.close_if_open("option", 1);
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let bytes = self.src.as_bytes();
            let content_end = self.find_end_tag(&name).unwrap_or_else(|| {
                if name == "title" {
                    // An unclosed title ends where markup starts again.
                    let end = memchr::memchr(b'<', &bytes[self.pos..])
                        .map_or(bytes.len(), |i| self.pos + i);
                    (end, end)
                } else {
                    (bytes.len(), bytes.len())
                }
            });
            let content = &self.src[self.pos..content_end.0];
            self.pos = content_end.1;
            match name.as_str() {
                "title" if self.dom.title.is_none() => {
                    self.dom.title = Some(decode_html(content).trim().to_string());
                }
                "script" => {
                    let is_ld = attrs
                        .iter()
                        .any(|(k, v)| k == "type" && v.to_ascii_lowercase().contains("ld+json"));
                    if is_ld && self.dom.json_ld.len() < 32 {
                        self.dom.json_ld.push(content.to_string());
                    }
                }
                _ => {}
            }
            // Keep an empty element so that its position is known.
            self.push_node(NodeKind::Element(Element { tag: name, attrs }));
            return;
        }
        let void = self_closing || VOID.contains(&name.as_str());
        if self.stack.len() >= MAX_DEPTH && !void {
            return;
        }
        let id = self.push_node(NodeKind::Element(Element { tag: name, attrs }));
        if !void {
            self.stack.push(id);
        }
    }

    /// Finds the end tag `</name` from `self.pos`: (content end, position
    /// after the tag), or `None`, remembered, when there is none.
    fn find_end_tag(&mut self, name: &str) -> Option<(usize, usize)> {
        let bytes = self.src.as_bytes();
        if self
            .missing_end
            .iter()
            .any(|(n, from)| n == name && *from <= self.pos)
        {
            return None;
        }
        let mut i = self.pos;
        while let Some(off) = memchr::memmem::find(&bytes[i..], b"</") {
            let at = i + off;
            let after = at + 2;
            let end = after + name.len();
            if end <= bytes.len() && bytes[after..end].eq_ignore_ascii_case(name.as_bytes()) {
                let close =
                    memchr::memchr(b'>', &bytes[end..]).map_or(bytes.len(), |j| end + j + 1);
                return Some((at, close));
            }
            i = after;
        }
        self.missing_end.push((name.to_string(), self.pos));
        None
    }

    /// Closes `tag` if it is open within the top `within` elements.
    fn close_if_open(&mut self, tag: &str, within: usize) {
        let n = self.stack.len();
        for i in (n.saturating_sub(within).max(1)..n).rev() {
            if self.dom.tag(self.stack[i]) == tag {
                self.stack.truncate(i);
                return;
            }
        }
    }

    fn end_tag(&mut self, name: &str) {
        // Close the nearest open element of that name, if any (bounded search).
        let n = self.stack.len();
        for i in (n.saturating_sub(64).max(1)..n).rev() {
            if self.dom.tag(self.stack[i]) == name {
                self.stack.truncate(i);
                return;
            }
        }
        if name == "br" || name == "p" {
            self.push_node(NodeKind::Element(Element {
                tag: name.to_string(),
                attrs: Vec::new(),
            }));
        }
    }
}

/// Parses attributes from `pos` up to the closing `>`.
/// Returns (kept attributes, self-closing, position after `>`).
fn parse_attrs(src: &str, mut pos: usize) -> (Vec<(String, String)>, bool, usize) {
    let bytes = src.as_bytes();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while pos < bytes.len() && (bytes[pos].is_ascii_whitespace() || bytes[pos] == b'/') {
            self_closing = bytes[pos] == b'/';
            pos += 1;
        }
        if pos >= bytes.len() {
            return (attrs, self_closing, bytes.len());
        }
        if bytes[pos] == b'>' {
            return (attrs, self_closing, pos + 1);
        }
        self_closing = false;
        let name_start = pos;
        while pos < bytes.len()
            && !matches!(bytes[pos], b'=' | b'>' | b'/')
            && !bytes[pos].is_ascii_whitespace()
        {
            pos += 1;
        }
        let name = &src[name_start..pos];
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let mut value: &str = "";
        if pos < bytes.len() && bytes[pos] == b'=' {
            pos += 1;
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            if pos < bytes.len() && (bytes[pos] == b'"' || bytes[pos] == b'\'') {
                let q = bytes[pos];
                let start = pos + 1;
                let end = memchr::memchr(q, &bytes[start..]).map_or(bytes.len(), |i| start + i);
                value = &src[start..end];
                pos = (end + 1).min(bytes.len());
            } else {
                let start = pos;
                while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() && bytes[pos] != b'>' {
                    pos += 1;
                }
                value = &src[start..pos];
            }
        }
        let lname = name.to_ascii_lowercase();
        if KEPT_ATTRS.contains(&lname.as_str()) && attrs.len() < 32 {
            let v: Cow<'_, str> = decode_html(value);
            attrs.push((lname, v.into_owned()));
        }
    }
}
