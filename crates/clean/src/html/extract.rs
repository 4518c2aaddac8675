//! Main-content extraction: the article body of a web page.
//!
//! The approach, in the spirit of Readability and trafilatura, on Herald's
//! own tree ([`Dom`]):
//! 1. subtrees that are never article text are marked as junk: scripts,
//!    navigation, forms, asides, hidden elements, and elements whose class
//!    or id names page furniture (share bars, comments, related links ...)
//!    unless they hold most of the page's text;
//! 2. text blocks (paragraphs, headings, list items, quotes) are scored by
//!    length and punctuation and their scores flow up to their ancestors;
//!    ancestors are damped by link density and boosted by content markers
//!    (`<article>`, `itemprop="articleBody"`, `entry-content` ...);
//! 3. the best container is chosen, widened to an ancestor when its
//!    siblings hold article text too, and its blocks are written out,
//!    dropping link lists and furniture lines, which are kept in `removed`.
//!
//! Everything is iterative over node ids: no recursion, linear time. Node
//! ids are in document order and each subtree's ids are contiguous, so
//! "inside" is a comparison of id ranges; per-block counts (text, links,
//! commas) are summed bottom-up once, never by copying each block's text,
//! which would cost the depth of the tree for every node.

use herald_model::{RemovalReason, Removed};

use super::dom::{Dom, NodeId, NodeKind};

/// Tags whose subtrees are never article text.
const JUNK_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "button",
    "select",
    "iframe",
    "svg",
    "template",
    "head",
    "input",
    "textarea",
    "dialog",
    "figcaption",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "map",
    "label",
    "option",
    "title",
];

/// Tags that are furniture unless they hold most of the page's text (some
/// sites wrap the whole page in a `<form>` or the article in a `<header>`).
const SOFT_JUNK_TAGS: &[&str] = &["nav", "footer", "aside", "form", "menu", "figure", "header"];

/// Class/id words that name page furniture.
const JUNK_WORDS: &[&str] = &[
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "sponsor",
    "sponsored",
    "sidebar",
    "widget",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "banner",
    "tags",
    "taglist",
    "byline",
    "toolbar",
    "login",
    "signup",
    "caption",
    "credit",
    "credits",
    "popular",
    "trending",
    "readmore",
    "outbrain",
    "taboola",
    "disqus",
    "masthead",
    "topbar",
    "skip",
    "hidden",
    "share-bar",
    "author-bio",
    "bio",
    "more-stories",
    "teaser",
    "teasers",
    "rail",
    "dateline",
    "timestamp",
    "print",
    "email",
    "facebook",
    "twitter",
    "whatsapp",
    "pinterest",
    "linkedin",
    "pagination",
    "pager",
    "disclaimer",
    "copyright",
    "meta",
    "overlay",
    "inline-ad",
    "dfp",
    "gpt",
    "newsletters",
    "paywall",
    "offer",
    "donate",
    "donation",
    "app-promo",
    "jump",
    "toc",
];

/// Class/id words that mark the article body.
const CONTENT_WORDS: &[&str] = &[
    "articlebody",
    "article-body",
    "article-content",
    "articlecontent",
    "entry-content",
    "post-content",
    "postcontent",
    "story-body",
    "storybody",
    "story-content",
    "body-text",
    "article-text",
    "articletext",
    "main-content",
    "post-body",
    "entry-body",
    "td-post-content",
    "content-body",
    "article__body",
    "article-body__content",
    "story-text",
    "news-text",
    "field-body",
    "text-content",
    "rich-text",
    "c-entry-content",
    "page-content",
];

/// The body of a page with what was dropped from inside it.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub removed: Vec<Removed>,
}

struct Stats {
    /// Characters of text under each node (junk excluded).
    text: Vec<u32>,
    /// Characters of link text under each node (junk excluded).
    link: Vec<u32>,
    junk: Vec<bool>,
    score: Vec<f32>,
}

/// Whether the class, id, itemprop or role of an element names furniture:
/// a whole token or a `-`/`_`-separated part of one is in [`JUNK_WORDS`].
fn has_junk_word(dom: &Dom, id: NodeId) -> bool {
    let Some(e) = dom.element(id) else {
        return false;
    };
    ["class", "id", "itemprop", "role"]
        .iter()
        .filter_map(|k| e.attr(k))
        .any(|v| {
            let v = v.to_ascii_lowercase();
            v.split_whitespace().any(|t| {
                JUNK_WORDS.contains(&t)
                    || t.split(['-', '_']).any(|part| JUNK_WORDS.contains(&part))
            })
        })
}

fn is_content_marked(dom: &Dom, id: NodeId) -> bool {
    let Some(e) = dom.element(id) else {
        return false;
    };
    if e.attr("itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
    {
        return true;
    }
    ["class", "id"].iter().filter_map(|k| e.attr(k)).any(|v| {
        let v = v.to_ascii_lowercase();
        v.split_whitespace().any(|t| {
            CONTENT_WORDS.iter().any(|w| {
                t.strip_prefix(w)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
            })
        })
    })
}

fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    let Some(e) = dom.element(id) else {
        return false;
    };
    e.attr("hidden").is_some()
        || e.attr("aria-hidden").is_some_and(|v| v == "true")
        || e.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "section"
            | "article"
            | "main"
            | "br"
            | "hr"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "#root"
            | "body"
            | "html"
    )
}

/// Non-whitespace characters of a text (a fast path for ASCII).
fn char_len(s: &str) -> u32 {
    let n = if s.is_ascii() {
        s.bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != 0x0b)
            .count()
    } else {
        s.chars().filter(|c| !c.is_whitespace()).count()
    };
    n.min(u32::MAX as usize) as u32
}

/// Characters of text and of link text under each node, junk excluded.
/// `order` is pre-order, so its reverse visits children before parents;
/// `own` holds each text node's own length.
fn text_sums(dom: &Dom, order: &[NodeId], junk: &[bool], own: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let n = dom.nodes.len();
    let mut text = vec![0u32; n];
    let mut link = vec![0u32; n];
    for &id in order.iter().rev() {
        if junk[id] {
            continue;
        }
        // Children come first and have added to an element's count already.
        text[id] = text[id].saturating_add(own[id]);
        if dom.tag(id) == "a" {
            link[id] = text[id];
        }
        if let Some(p) = dom.nodes[id].parent {
            text[p] = text[p].saturating_add(text[id]);
            link[p] = link[p].saturating_add(link[id]);
        }
    }
    (text, link)
}

fn compute(dom: &Dom) -> Stats {
    let n = dom.nodes.len();
    let order = dom.descendants(0);
    let mut junk = vec![false; n];
    // Top-down: tag-based junk and hidden elements.
    for &id in &order {
        let parent_junk = dom.nodes[id].parent.is_some_and(|p| junk[p]);
        let tag = dom.tag(id);
        junk[id] = parent_junk || JUNK_TAGS.contains(&tag) || is_hidden(dom, id);
    }
    let own: Vec<u32> = dom
        .nodes
        .iter()
        .map(|node| match &node.kind {
            NodeKind::Text(t) => char_len(t),
            NodeKind::Element(_) => 0,
        })
        .collect();
    let (text, _) = text_sums(dom, &order, &junk, &own);
    // Class-based junk, unless the element holds most of the page text.
    let total = text[0].max(1);
    let mut class_junk = vec![false; n];
    for &id in &order {
        if junk[id] || dom.element(id).is_none() {
            continue;
        }
        let parent_cj = dom.nodes[id].parent.is_some_and(|p| class_junk[p]);
        if parent_cj {
            class_junk[id] = true;
            continue;
        }
        if is_content_marked(dom, id) {
            continue;
        }
        let furniture = SOFT_JUNK_TAGS.contains(&dom.tag(id)) || has_junk_word(dom, id);
        if furniture && text[id] * 3 < total {
            class_junk[id] = true;
        }
    }
    // Recompute sums without class junk.
    for (j, cj) in junk.iter_mut().zip(&class_junk) {
        *j |= *cj;
    }
    let (text, link) = text_sums(dom, &order, &junk, &own);
    // Commas under each node, summed bottom-up like the text lengths (a
    // copy of each block's text would cost the depth of the tree per node).
    let own_commas: Vec<u32> = dom
        .nodes
        .iter()
        .map(|node| match &node.kind {
            NodeKind::Text(t) => {
                let n = t.matches([',', '，', '、', '،']).count();
                n.min(u32::MAX as usize) as u32
            }
            NodeKind::Element(_) => 0,
        })
        .collect();
    let (commas, _) = text_sums(dom, &order, &junk, &own_commas);
    let mut score = vec![0f32; n];
    // Score paragraphs and propagate to ancestors.
    for &id in &order {
        if junk[id] {
            continue;
        }
        let tag = dom.tag(id);
        if !matches!(
            tag,
            "p" | "pre" | "blockquote" | "td" | "li" | "h2" | "h3" | "div" | "section"
        ) {
            continue;
        }
        if tag == "div" || tag == "section" {
            // Only divs that hold text directly count as paragraphs.
            let direct: u32 = dom.nodes[id]
                .children
                .iter()
                .filter(|&&c| {
                    matches!(dom.nodes[c].kind, NodeKind::Text(_))
                        || matches!(dom.tag(c), "a" | "b" | "i" | "em" | "strong" | "span")
                })
                .map(|&c| text[c])
                .sum();
            if direct < 80 {
                continue;
            }
        }
        let len = text[id];
        if len < 25 {
            continue;
        }
        let commas = commas[id] as f32;
        let density = link[id] as f32 / len.max(1) as f32;
        let mut s = 1.0 + commas.min(10.0) + (len as f32 / 100.0).min(3.0);
        s *= 1.0 - density;
        let mut anc = dom.nodes[id].parent;
        let mut level = 1.0f32;
        while let Some(a) = anc {
            score[a] += s / level;
            level += 1.0;
            if level > 3.0 {
                break;
            }
            anc = dom.nodes[a].parent;
        }
    }
    Stats {
        text,
        link,
        junk,
        score,
    }
}

/// Finds the article container.
fn best_container(dom: &Dom, st: &Stats) -> Option<NodeId> {
    let mut best: Option<(NodeId, f32)> = None;
    for id in 0..dom.nodes.len() {
        if st.junk[id] || st.score[id] <= 0.0 || dom.element(id).is_none() {
            continue;
        }
        let density = st.link[id] as f32 / st.text[id].max(1) as f32;
        let mut s = st.score[id] * (1.0 - density);
        if is_content_marked(dom, id) {
            s *= 1.5;
        }
        if dom.tag(id) == "article" {
            s *= 1.25;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((id, s));
        }
    }
    let (mut id, _) = best?;
    // Widen to an ancestor when the container holds too little of the
    // ancestor's text of paragraphs (article text split across siblings).
    for _ in 0..3 {
        let Some(p) = dom.nodes[id].parent else { break };
        if st.junk[p] || p == 0 {
            break;
        }
        let p_density = st.link[p] as f32 / st.text[p].max(1) as f32;
        let gain = st.score[p] - st.score[id];
        if p_density < 0.35
            && gain > st.score[id] * 0.5
            && (st.text[p] as f32) < st.text[id] as f32 * 2.5
        {
            id = p;
        } else {
            break;
        }
    }
    Some(id)
}

/// The container and the other parts of the article outside it, in
/// document order: siblings holding article-like text, and elements built
/// like the container (same tag and class) elsewhere in the page, which is
/// how sites that cut the body into sections around figures write it.
fn content_roots(dom: &Dom, st: &Stats, root: NodeId) -> Vec<NodeId> {
    let density = |id: NodeId| st.link[id] as f32 / st.text[id].max(1) as f32;
    let mut roots = vec![root];
    let root_score = st.score[root];
    if let Some(parent) = dom.nodes[root].parent {
        for &sib in &dom.nodes[parent].children {
            if sib == root || st.junk[sib] || dom.element(sib).is_none() {
                continue;
            }
            let para = dom.tag(sib) == "p" && st.text[sib] > 80 && density(sib) < 0.25;
            if para
                || (st.score[sib] >= root_score * 0.2 && st.score[sib] > 3.0 && density(sib) < 0.3)
            {
                roots.push(sib);
            }
        }
    }
    if let Some(e) = dom.element(root)
        && let Some(class) = e.attr("class").filter(|c| !c.trim().is_empty())
    {
        // Node ids are in document order and a subtree's ids are contiguous
        // (the tree builder adds children only to the open element), so
        // "inside" is a comparison of id ranges, and the roots, disjoint
        // subtrees, are kept as ranges ordered by their first id.
        let end = subtree_ends(dom);
        let mut taken: std::collections::BTreeMap<NodeId, NodeId> =
            roots.iter().map(|&r| (r, end[r])).collect();
        for (id, &id_end) in end.iter().enumerate() {
            if id == root || st.junk[id] || st.text[id] < 100 || density(id) > 0.3 {
                continue;
            }
            let Some(other) = dom.element(id) else {
                continue;
            };
            if other.tag != e.tag || other.attr("class") != Some(class) {
                continue;
            }
            let in_root = taken.range(..=id).next_back().is_some_and(|(_, &e)| id < e);
            let holds_root = taken.range(id..id_end).next().is_some();
            if !in_root && !holds_root {
                taken.insert(id, id_end);
                roots.push(id);
            }
        }
    }
    // Document order is node id order.
    roots.sort_unstable();
    roots
}

/// One past the last node id of each node's subtree.
fn subtree_ends(dom: &Dom) -> Vec<NodeId> {
    let mut end: Vec<NodeId> = (1..=dom.nodes.len()).collect();
    for id in (0..dom.nodes.len()).rev() {
        if let Some(p) = dom.nodes[id].parent {
            end[p] = end[p].max(end[id]);
        }
    }
    end
}

/// Extracts the article body of a parsed page.
pub fn extract(dom: &Dom, title: Option<&str>) -> Extracted {
    let st = compute(dom);
    // Without any scored paragraph (very short pages), all visible text.
    let root = best_container(dom, &st).unwrap_or(0);
    let mut blocks: Vec<String> = Vec::new();
    for r in content_roots(dom, &st, root) {
        collect_blocks(dom, r, &st.junk, &mut blocks);
    }
    let mut out = Extracted::default();
    let title_norm = title.map(normalize);
    let mut paragraphs: Vec<String> = Vec::new();
    for (block, links) in blocks.iter().map(|b| split_links(b)) {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        let len = char_len(block) as f32;
        if title_norm.as_deref() == Some(normalize(block).as_str()) && paragraphs.is_empty() {
            continue;
        }
        if links as f32 > len * 0.6 && len < 400.0 {
            out.removed.push(Removed {
                text: block.to_string(),
                reason: RemovalReason::Navigation,
            });
            continue;
        }
        paragraphs.push(block.to_string());
    }
    out.text = paragraphs.join("\n\n");
    out
}

const LINK_START: char = '\u{E000}';
const LINK_END: char = '\u{E001}';

/// Removes link markers from a block, returning the clean text and the
/// number of non-space characters that were inside links.
fn split_links(b: &str) -> (String, usize) {
    let mut out = String::with_capacity(b.len());
    let mut depth = 0usize;
    let mut links = 0;
    for c in b.chars() {
        match c {
            LINK_START => depth += 1,
            LINK_END => depth = depth.saturating_sub(1),
            _ => {
                if depth > 0 && !c.is_whitespace() {
                    links += 1;
                }
                out.push(c);
            }
        }
    }
    (out, links)
}

/// Writes the blocks of a subtree: block elements start new blocks, `<br>`
/// starts a new line, inline text is joined with normalised whitespace.
fn collect_blocks(dom: &Dom, root: NodeId, junk: &[bool], blocks: &mut Vec<String>) {
    enum Step {
        Enter(NodeId),
        Exit(NodeId),
    }
    let mut cur = String::new();
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(id) => {
                if junk[id] {
                    continue;
                }
                match &dom.nodes[id].kind {
                    NodeKind::Text(t) => push_inline(&mut cur, t),
                    NodeKind::Element(e) => {
                        let tag = e.tag.as_str();
                        if tag == "br" {
                            let trimmed = cur.trim_end().len();
                            cur.truncate(trimmed);
                            cur.push('\n');
                            continue;
                        }
                        if is_block(tag) {
                            flush(&mut cur, blocks);
                        }
                        if tag == "a" {
                            cur.push(LINK_START);
                        }
                        stack.push(Step::Exit(id));
                        for &c in dom.nodes[id].children.iter().rev() {
                            stack.push(Step::Enter(c));
                        }
                    }
                }
            }
            Step::Exit(id) => {
                let tag = dom.tag(id);
                if tag == "a" {
                    cur.push(LINK_END);
                } else if is_block(tag) {
                    flush(&mut cur, blocks);
                }
            }
        }
    }
    flush(&mut cur, blocks);
}

fn push_inline(cur: &mut String, t: &str) {
    for c in t.chars() {
        if c.is_whitespace() {
            let last_space = cur.is_empty() || cur.ends_with(' ') || cur.ends_with('\n');
            if !last_space {
                cur.push(' ');
            }
        } else {
            cur.push(c);
        }
    }
}

fn flush(cur: &mut String, blocks: &mut Vec<String>) {
    let t: String = cur
        .lines()
        .map(str::trim)
        .filter(|l| !l.chars().all(|c| c == LINK_START || c == LINK_END))
        .collect::<Vec<_>>()
        .join("\n");
    if !t.trim().is_empty() {
        blocks.push(t);
    }
    cur.clear();
}

/// Lowercase letters and digits only, for comparing titles.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
