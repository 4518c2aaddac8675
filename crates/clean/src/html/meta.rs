//! Page metadata: title, byline, language, URL and publication date, from
//! JSON-LD, OpenGraph and other `<meta>` tags, `<time>` elements, the URL
//! and date lines in the page text.
//!
//! Linear in the page: each element's text is read from a bounded walk
//! ([`text_of`]), JSON-LD walks are bounded in depth and breadth, and the
//! title (which may be long: a `<title>` whose end tag is far away) is
//! only split and searched once.

use serde_json::Value;

use super::dom::{Dom, Element, NodeKind};
use crate::pubdate::{Ymd, date_in_url, find_date, parse_local_date, tld_zone};

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub published: Option<Ymd>,
    /// `articleBody` from JSON-LD, when the page carries one.
    pub article_body: Option<String>,
}

/// Fields gathered from JSON-LD objects.
#[derive(Default)]
struct LdFields {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    body: Option<String>,
    language: Option<String>,
    url: Option<String>,
}

fn ld_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(ld_string),
        Value::Object(o) => o.get("name").and_then(ld_string),
        _ => None,
    }
}

fn is_article_type(v: Option<&Value>) -> bool {
    let check = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("article") || s.contains("posting") || s.contains("report") || s == "webpage"
    };
    match v {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

fn walk_ld(v: &Value, out: &mut LdFields, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().take(64).for_each(|x| walk_ld(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                walk_ld(g, out, depth + 1);
            }
            let article = is_article_type(o.get("@type"));
            let is_page = o
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t == "WebPage");
            if article {
                let strong = !is_page;
                let set = |slot: &mut Option<String>, val: Option<String>| {
                    if val.is_some() && (slot.is_none() || strong) {
                        *slot = val;
                    }
                };
                if out.published.is_none() || strong {
                    let p = o
                        .get("datePublished")
                        .or_else(|| o.get("dateCreated"))
                        .and_then(ld_string);
                    if p.is_some() {
                        out.published = p;
                    }
                }
                set(
                    &mut out.headline,
                    o.get("headline")
                        .or_else(|| o.get("name"))
                        .and_then(ld_string),
                );
                if let Some(a) = o.get("author").and_then(ld_string) {
                    out.author.get_or_insert(a);
                }
                if let Some(b) = o.get("articleBody").and_then(ld_string) {
                    out.body.get_or_insert(b);
                }
                if let Some(l) = o.get("inLanguage").and_then(ld_string) {
                    out.language.get_or_insert(l);
                }
                if let Some(u) = o
                    .get("url")
                    .or_else(|| o.get("mainEntityOfPage"))
                    .and_then(|u| match u {
                        Value::Object(m) => m.get("@id").and_then(ld_string),
                        other => ld_string(other),
                    })
                {
                    out.url.get_or_insert(u);
                }
            }
            for key in ["mainEntity", "mainEntityOfPage"] {
                if let Some(inner @ Value::Object(_)) = o.get(key) {
                    walk_ld(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Meta names and properties that give the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "published_time",
    "published-date",
    "publication_date",
    "citation_publication_date",
    "article:published",
    "og:article:published_time",
    "displaydate",
    "release_date",
    "created",
    "bt:pubdate",
    "article.created",
    "dc.date.created",
    "rnews:datepublished",
    "nv:date",
    "date_published",
    "pub_date",
    "ga_pubdate",
    "article:post_date",
    "shareaholic:article_published_time",
    "vr:published_time",
    "mediator_published_time",
    "publication-date",
    "pud",
    "iso-8601-publish-date",
];

/// Reads the metadata of a parsed page. `url` is the page's address when
/// the input gave one.
pub fn read(dom: &Dom, url: Option<&str>) -> PageMeta {
    let sources = Sources {
        dom,
        ld: read_json_ld(dom),
        tags: Tags::read(dom),
    };
    let page_url = sources.page_url(url);
    let published = sources.published(page_url.as_deref());
    let title = sources.title();
    let byline = sources.byline();
    let language = sources.language();
    PageMeta {
        title,
        byline,
        language,
        url: page_url,
        published,
        article_body: sources.ld.body,
    }
}

/// The fields of the page's JSON-LD blocks (an HTML comment around a block
/// is allowed).
fn read_json_ld(dom: &Dom) -> LdFields {
    let mut ld = LdFields::default();
    for block in &dom.json_ld {
        let cleaned = block
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        if let Ok(v) = serde_json::from_str::<Value>(cleaned) {
            walk_ld(&v, &mut ld, 0);
        }
    }
    ld
}

/// What the page's elements say about it, gathered in one walk.
#[derive(Default)]
struct Tags {
    /// `<meta>` keys (lowercase) and contents, at most 512.
    metas: Vec<(String, String)>,
    /// `<html lang>`.
    html_lang: Option<String>,
    /// `<link rel="canonical">` address.
    canonical: Option<String>,
    /// Dates of `<time>` and `itemprop="datePublished"` elements, at most
    /// 64, each with whether it is marked as the publication date.
    time_dates: Vec<(bool, String)>,
    /// Text of the first non-empty `<h1>`.
    h1: Option<String>,
    /// Text of the first `<a rel="author">` (when short).
    author_rel: Option<String>,
}

impl Tags {
    fn read(dom: &Dom) -> Tags {
        let mut tags = Tags::default();
        for (id, node) in dom.nodes.iter().enumerate() {
            let NodeKind::Element(e) = &node.kind else {
                continue;
            };
            match e.tag.as_str() {
                "meta" => tags.add_meta(e),
                "html" => tags.html_lang = e.attr("lang").map(str::to_string),
                "link"
                    if e.attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    tags.canonical = e.attr("href").map(str::to_string);
                }
                "time" | "abbr" | "span" | "div" | "p" => tags.add_time(dom, id, e),
                "h1" if tags.h1.is_none() => {
                    let t = text_of(dom, id);
                    if !t.trim().is_empty() {
                        tags.h1 = Some(t.trim().to_string());
                    }
                }
                "a" if tags.author_rel.is_none()
                    && e.attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("author")) =>
                {
                    let t = text_of(dom, id);
                    if !t.trim().is_empty() && t.len() < 100 {
                        tags.author_rel = Some(t.trim().to_string());
                    }
                }
                _ => {}
            }
        }
        tags
    }

    /// Keeps a `<meta>` element's key (property, name, itemprop or
    /// http-equiv) and content.
    fn add_meta(&mut self, e: &Element) {
        let key = e
            .attr("property")
            .or_else(|| e.attr("name"))
            .or_else(|| e.attr("itemprop"))
            .or_else(|| e.attr("http-equiv"));
        if let (Some(k), Some(v)) = (key, e.attr("content").or_else(|| e.attr("datetime")))
            && self.metas.len() < 512
        {
            self.metas
                .push((k.to_ascii_lowercase(), v.trim().to_string()));
        }
    }

    /// Keeps the date of a `<time>` element or of an element marked
    /// `itemprop="datePublished"` (its `datetime`, `content` or text),
    /// with whether it is marked as the publication date.
    fn add_time(&mut self, dom: &Dom, id: usize, e: &Element) {
        let itemprop = e.attr("itemprop").unwrap_or("").to_ascii_lowercase();
        let class = e.attr("class").unwrap_or("").to_ascii_lowercase();
        let strong = itemprop == "datepublished"
            || e.attr("pubdate").is_some()
            || class.contains("publish")
            || class.contains("posted");
        if e.tag == "time" || itemprop == "datepublished" {
            let v = e
                .attr("datetime")
                .or_else(|| e.attr("content"))
                .map(str::to_string)
                .or_else(|| Some(text_of(dom, id)));
            if let Some(v) = v
                && self.time_dates.len() < 64
            {
                self.time_dates.push((strong, v));
            }
        }
    }

    /// The first non-empty content of a `<meta>` with one of `keys`, in
    /// the order of `keys`.
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, v)| mk == k && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    }
}

/// Everything the metadata is read from.
struct Sources<'d> {
    dom: &'d Dom,
    ld: LdFields,
    tags: Tags,
}

impl Sources<'_> {
    /// The page's address: the one given, else OpenGraph's, the canonical
    /// link, JSON-LD's.
    fn page_url(&self, url: Option<&str>) -> Option<String> {
        url.map(str::to_string)
            .or_else(|| self.tags.meta(&["og:url"]))
            .or(self.tags.canonical.clone())
            .or(self.ld.url.clone())
    }

    /// The publication date, from the first source that gives one:
    /// JSON-LD, date metas, `<time>` elements marked as the publication
    /// date, other `<time>` elements, the URL, the first date in the text,
    /// the modification date. Numeric dates read month first on `.com`
    /// and `.us` pages; the address's country gives the time zone.
    fn published(&self, page_url: Option<&str>) -> Option<Ymd> {
        let (ld, tags) = (&self.ld, &self.tags);
        let us_page = page_url.is_some_and(|u| u.contains(".com/") || u.contains(".us/"));
        let zone = page_url.and_then(tld_zone);
        let parse_date = |s: &str| parse_local_date(s, us_page, zone);
        ld.published
            .as_deref()
            .and_then(parse_date)
            .or_else(|| {
                DATE_META.iter().find_map(|k| {
                    tags.metas
                        .iter()
                        .filter(|(mk, _)| mk == k)
                        .find_map(|(_, v)| parse_date(v))
                })
            })
            .or_else(|| {
                tags.time_dates
                    .iter()
                    .filter(|(s, _)| *s)
                    .find_map(|(_, v)| parse_date(v))
            })
            .or_else(|| tags.time_dates.iter().find_map(|(_, v)| parse_date(v)))
            .or_else(|| page_url.and_then(date_in_url))
            .or_else(|| first_text_date(self.dom, us_page))
            .or_else(|| {
                tags.meta(&[
                    "last-modified",
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "dc.date.modified",
                ])
                .and_then(|v| parse_date(&v))
            })
    }

    /// The title: OpenGraph's or Twitter's, else JSON-LD's headline, the
    /// `<h1>`, the `<title>`; without the site name.
    fn title(&self) -> Option<String> {
        let h1 = &self.tags.h1;
        self.tags
            .meta(&["og:title", "twitter:title"])
            .or(self.ld.headline.clone())
            .or(h1.clone())
            .or_else(|| self.dom.title.clone())
            .map(|t| clean_title(&t, h1.as_deref()))
    }

    /// The author: JSON-LD's, else an author meta, an `<a rel="author">`;
    /// no address and under 120 chars.
    fn byline(&self) -> Option<String> {
        self.ld
            .author
            .clone()
            .or_else(|| {
                self.tags.meta(&[
                    "author",
                    "article:author",
                    "byl",
                    "dc.creator",
                    "sailthru.author",
                    "parsely-author",
                ])
            })
            .or(self.tags.author_rel.clone())
            .filter(|a| !a.starts_with("http") && a.chars().count() < 120)
    }

    /// The two-letter language: JSON-LD's, else `<html lang>`, a language
    /// meta.
    fn language(&self) -> Option<String> {
        self.ld
            .language
            .clone()
            .or(self.tags.html_lang.clone())
            .or_else(|| {
                self.tags
                    .meta(&["og:locale", "content-language", "language", "dc.language"])
            })
            .and_then(|l| iso639_1(&l))
    }
}

/// The first full date written in the page's visible text, in document
/// order (a date line under the header, "martes 17 de marzo de 2020").
fn first_text_date(dom: &Dom, month_first: bool) -> Option<Ymd> {
    let mut skip_until = None;
    for id in dom.descendants(0) {
        if let Some(end) = skip_until {
            if id < end {
                continue;
            }
            skip_until = None;
        }
        match &dom.nodes[id].kind {
            NodeKind::Element(e)
                if matches!(
                    e.tag.as_str(),
                    "script" | "style" | "a" | "option" | "select"
                ) =>
            {
                // Node ids of a subtree are contiguous and follow the element.
                skip_until = Some(subtree_end(dom, id));
            }
            NodeKind::Text(t) if t.len() < 2000 => {
                if let Some(d) = find_date(t, month_first) {
                    return Some(d);
                }
            }
            _ => {}
        }
    }
    None
}

/// One past the largest node id in the subtree of `id`.
fn subtree_end(dom: &Dom, mut id: usize) -> usize {
    while let Some(&last) = dom.nodes[id].children.last() {
        id = last;
    }
    id + 1
}

/// Strips a site name suffix ("Title | Site", "Title - Site") unless the
/// page's `<h1>` shows the full form.
fn clean_title(t: &str, h1: Option<&str>) -> String {
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(h) = h1 {
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.starts_with(&h) && h.chars().count() >= 10 {
            return h;
        }
    }
    for sep in [" | ", " – ", " — ", " - ", " :: ", " « ", " » "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if tail.chars().count() < 40 && head.chars().count() > tail.chars().count() * 2 {
                return head.trim().to_string();
            }
        }
    }
    t
}

/// `en-US`, `en_GB`, `fr` -> two-letter code.
pub fn iso639_1(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

/// Bytes of text [`text_of`] gathers; nodes it visits.
const TEXT_OF_BYTES: usize = 4096;
const TEXT_OF_NODES: usize = 4096;

/// Text of a subtree with collapsed whitespace: its first 4 KiB or so,
/// from its first 4,096 nodes, so that many nested `<time>` or `<h1>`
/// elements around a large subtree cost no more than a bounded walk each.
pub fn text_of(dom: &Dom, root: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![root];
    let mut visited = 0;
    while let Some(id) = stack.pop() {
        visited += 1;
        let Some(node) = dom.nodes.get(id) else {
            continue;
        };
        match &node.kind {
            NodeKind::Text(t) => {
                let room = TEXT_OF_BYTES + 1 - out.len();
                let mut cut = t.len().min(room);
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                out.push_str(&t[..cut]);
                out.push(' ');
            }
            NodeKind::Element(_) => stack.extend(node.children.iter().rev()),
        }
        if out.len() > TEXT_OF_BYTES || visited >= TEXT_OF_NODES {
            break;
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
