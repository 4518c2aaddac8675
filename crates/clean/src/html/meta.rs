//! Page metadata: title, byline, language, URL and publication date, from
//! JSON-LD, OpenGraph and other `<meta>` tags, `<time>` elements, the URL
//! and date lines in the page text.
//!
//! Linear in the page: each element's text is read from a bounded walk
//! ([`text_of`]), JSON-LD walks are bounded in depth and breadth, and the
//! title (which may be long: a `<title>` whose end tag is far away) is
//! only split and searched once.

use serde_json::Value;

use super::dom::{Dom, NodeKind};
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
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut html_lang = None;
    let mut canonical = None;
    let mut time_dates: Vec<(bool, String)> = Vec::new();
    let mut h1 = None;
    let mut author_rel = None;
    for (id, node) in dom.nodes.iter().enumerate() {
        let NodeKind::Element(e) = &node.kind else {
            continue;
        };
        match e.tag.as_str() {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .or_else(|| e.attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, e.attr("content").or_else(|| e.attr("datetime")))
                    && metas.len() < 512
                {
                    metas.push((k.to_ascii_lowercase(), v.trim().to_string()));
                }
            }
            "html" => html_lang = e.attr("lang").map(str::to_string),
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                canonical = e.attr("href").map(str::to_string);
            }
            "time" | "abbr" | "span" | "div" | "p" => {
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
                        && time_dates.len() < 64
                    {
                        time_dates.push((strong, v));
                    }
                }
            }
            "h1" if h1.is_none() => {
                let t = text_of(dom, id);
                if !t.trim().is_empty() {
                    h1 = Some(t.trim().to_string());
                }
            }
            "a" if author_rel.is_none()
                && e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("author")) =>
            {
                let t = text_of(dom, id);
                if !t.trim().is_empty() && t.len() < 100 {
                    author_rel = Some(t.trim().to_string());
                }
            }
            _ => {}
        }
    }
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(mk, v)| mk == k && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let page_url = url
        .map(str::to_string)
        .or_else(|| meta(&["og:url"]))
        .or(canonical)
        .or(ld.url.clone());
    let us_page = page_url
        .as_deref()
        .is_some_and(|u| u.contains(".com/") || u.contains(".us/"));
    let zone = page_url.as_deref().and_then(tld_zone);
    let parse_date = |s: &str, us: bool| parse_local_date(s, us, zone);
    let published = ld
        .published
        .as_deref()
        .and_then(|s| parse_date(s, us_page))
        .or_else(|| {
            DATE_META.iter().find_map(|k| {
                metas
                    .iter()
                    .filter(|(mk, _)| mk == k)
                    .find_map(|(_, v)| parse_date(v, us_page))
            })
        })
        .or_else(|| {
            time_dates
                .iter()
                .filter(|(s, _)| *s)
                .find_map(|(_, v)| parse_date(v, us_page))
        })
        .or_else(|| time_dates.iter().find_map(|(_, v)| parse_date(v, us_page)))
        .or_else(|| page_url.as_deref().and_then(date_in_url))
        .or_else(|| first_text_date(dom, us_page))
        .or_else(|| {
            meta(&[
                "last-modified",
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "dc.date.modified",
            ])
            .and_then(|v| parse_date(&v, us_page))
        });
    let title = meta(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or(h1.clone())
        .or_else(|| dom.title.clone())
        .map(|t| clean_title(&t, h1.as_deref()));
    let byline = ld
        .author
        .clone()
        .or_else(|| {
            meta(&[
                "author",
                "article:author",
                "byl",
                "dc.creator",
                "sailthru.author",
                "parsely-author",
            ])
        })
        .or(author_rel)
        .filter(|a| !a.starts_with("http") && a.chars().count() < 120);
    let language = ld
        .language
        .clone()
        .or(html_lang)
        .or_else(|| meta(&["og:locale", "content-language", "language", "dc.language"]))
        .and_then(|l| iso639_1(&l));
    PageMeta {
        title,
        byline,
        language,
        url: page_url,
        published,
        article_body: ld.body,
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
