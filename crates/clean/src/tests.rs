//! Whole-crate tests: hostile and damaged input through [`crate::clean`]
//! and the HTML reader. Inputs that hurt are large (megabytes), so that a
//! quadratic step would hang the test while the linear code takes well
//! under a second; nothing is timed.

use herald_model::{Body, FormatHint, RawDocument};
use proptest::prelude::*;

use crate::html::{self, Dom, dom::NodeKind};
use crate::{CleanError, clean};

fn html_doc(page: &str) -> RawDocument {
    RawDocument {
        source: "test".into(),
        body: Body::Text(page.to_string()),
        hint: FormatHint::Html,
        ..RawDocument::default()
    }
}

fn bytes_doc(bytes: Vec<u8>, hint: FormatHint) -> RawDocument {
    RawDocument {
        source: "test".into(),
        body: Body::Bytes(bytes),
        hint,
        ..RawDocument::default()
    }
}

const PARAGRAPH: &str = "The minister said on Monday that the talks, which began in Geneva last \
    week, would resume after the holiday, and that both sides had agreed to a ceasefire.";

/// The nodes of a subtree have contiguous ids after their root's, in
/// document order: what `extract` and `meta` rely on.
fn assert_tree_in_document_order(dom: &Dom) {
    let mut end: Vec<usize> = (1..=dom.nodes.len()).collect();
    for id in (0..dom.nodes.len()).rev() {
        for &c in &dom.nodes[id].children {
            assert!(c > id && dom.nodes[c].parent == Some(id));
            end[id] = end[id].max(end[c]);
        }
    }
    for node in &dom.nodes {
        let mut next = None;
        for &c in &node.children {
            if let Some(n) = next {
                assert_eq!(c, n, "children follow each other's subtrees");
            }
            next = Some(end[c]);
        }
    }
    assert_eq!(dom.descendants(0), (0..dom.nodes.len()).collect::<Vec<_>>());
}

#[test]
fn unclosed_title_before_megabytes_of_debris() {
    let debris = "< p>x< /p>".repeat(250_000);
    // The title ends where markup starts again, and the debris is text.
    let page = format!("<html><head><title>{debris}");
    let a = clean(&html_doc(&page)).expect("an article");
    assert!(a.text.starts_with("x\n\nx\n\nx"), "{}", &a.text[..100]);
    let page = format!("<html><head><title>{debris}<body><p>{PARAGRAPH}</p></body></html>");
    let a = clean(&html_doc(&page)).expect("an article");
    assert!(a.text.contains("ceasefire"));
    // A closed title megabytes long is repaired like any text.
    let page = format!("<html><head><title>{debris}</title></head><body><p>{PARAGRAPH}</p>");
    let a = clean(&html_doc(&page)).expect("an article");
    assert!(
        a.title
            .as_deref()
            .is_some_and(|t| t.starts_with("x\n\nx\n\nx")),
        "{:?}",
        a.title.as_deref().map(|t| &t[..20])
    );
    assert!(a.text.contains("ceasefire"));
}

#[test]
fn unclosed_title_ends_where_markup_starts() {
    let dom = Dom::parse("<title>Talks resume\n<body><p>Text</p>");
    assert_eq!(dom.title.as_deref(), Some("Talks resume"));
    // Many unclosed titles: one search for `</title>`, not one each.
    let page = "<title>a".repeat(200_000);
    let dom = Dom::parse(&page);
    assert_eq!(dom.title.as_deref(), Some("a"));
    let dom = Dom::parse(&format!("{page}</title>"));
    assert!(dom.title.is_some());
}

#[test]
fn unclosed_raw_text_and_comments() {
    let body = format!("<p>{PARAGRAPH}</p>").repeat(10_000);
    for open in [
        "<script>",
        "<style>",
        "<!--",
        "<textarea>",
        "<![CDATA[",
        "<!doctype ",
        "<?xml ",
    ] {
        let page = format!("<html><body><p>{PARAGRAPH}</p>{open}{body}");
        let p = html::read_page(&page, None);
        assert!(p.body.text.contains("ceasefire"), "{open}");
    }
    // Many unclosed scripts, and `</` everywhere inside a script.
    let page = format!("<p>{PARAGRAPH}</p>{}", "<script></scrip</".repeat(100_000));
    assert!(html::read_page(&page, None).body.text.contains("ceasefire"));
    // A huge comment, closed.
    let page = format!("<!--{}--><p>{PARAGRAPH}</p>", "- -> <!-- ".repeat(200_000));
    assert!(html::read_page(&page, None).body.text.contains("ceasefire"));
}

#[test]
fn deep_nesting_and_many_attributes() {
    let n = 100_000;
    let page = format!(
        "{}<p>{PARAGRAPH}</p>{}",
        "<div class=\"a\">".repeat(n),
        "</div>".repeat(n)
    );
    let p = html::read_page(&page, None);
    assert!(p.body.text.contains("ceasefire"));
    // Nested blocks around a large text: each block's text is not copied.
    let page = format!(
        "{}{}{}",
        "<blockquote><time>".repeat(300),
        format!("<p>{PARAGRAPH}</p>").repeat(5_000),
        "</time></blockquote>".repeat(300)
    );
    let dom = Dom::parse(&page);
    assert_tree_in_document_order(&dom);
    assert!(html::read_page(&page, None).body.text.contains("ceasefire"));
    // One tag with 200,000 attributes, and unclosed quotes.
    let attrs: String = (0..200_000).map(|i| format!(" data-{i}=\"{i}\"")).collect();
    let page = format!("<div{attrs} class=\"x\"><p>{PARAGRAPH}</p></div>");
    assert!(html::read_page(&page, None).body.text.contains("ceasefire"));
    let page = format!("<p>{PARAGRAPH}</p>{}", "<a href=\"x".repeat(200_000));
    assert!(html::read_page(&page, None).body.text.contains("ceasefire"));
}

#[test]
fn many_containers_of_the_same_class() {
    // The article cut into 10,000 sections of one class, each alone in its
    // wrapper, so that one is the container and the others join it: each
    // is checked against the ones taken without walking them all (20,000
    // took 9.8 s in release, now 0.3 s).
    let section = format!(
        "<section><div><div><div class=\"story\"><p>{PARAGRAPH}</p></div></div></div></section>"
    );
    let page = format!("<html><body>{}</body></html>", section.repeat(10_000));
    let p = html::read_page(&page, None);
    assert_eq!(p.body.text.matches("ceasefire").count(), 10_000);
}

#[test]
fn many_entities_in_html() {
    let page = format!(
        "<p>{}</p>",
        "&amp;&eacute&copy &#8217;&notin;&".repeat(100_000)
    );
    let p = html::read_page(&page, None);
    assert!(p.body.text.starts_with("&é© ’∉&"), "{}", &p.body.text[..40]);
}

#[test]
fn html_named_character_references_in_a_page() {
    let page = "<html><head><title>Vu&ccaron;i&cacute; in Beograd</title></head><body>\
        <p>Aleksandar Vu&ccaron;i&cacute; met &Scaron;ef&#269;ovi&ccaron; in &Lstrok;&oacute;d&zacute;; \
        &copy 2024 &mdash; caf&eacute; &amp; more text to make this a paragraph.</p></body></html>";
    let a = clean(&html_doc(page)).expect("an article");
    assert_eq!(a.title.as_deref(), Some("Vučić in Beograd"));
    assert!(
        a.text
            .contains("Aleksandar Vučić met Šefčovič in Łódź; © 2024 — café & more"),
        "{}",
        a.text
    );
}

#[test]
fn meta_charset_utf16_page_in_windows_1252() {
    let mut page = b"<!DOCTYPE html><html><head><meta charset=\"utf-16\"><title>Gen\xe8ve</title>\
        </head><body><p>Le pr\xe9sident fran\xe7ais a d\xe9clar\xe9 \x93oui\x94 \xe0 la presse, \
        puis il est parti \xe0 Gen\xe8ve. The minister\x92s office said it would not comment \
        before the summit.</p></body></html>"
        .to_vec();
    let a = clean(&bytes_doc(page.clone(), FormatHint::Html)).expect("an article");
    assert!(
        a.text.contains("Le président français a déclaré “oui”"),
        "{}",
        a.text
    );
    assert_eq!(a.title.as_deref(), Some("Genève"));
    assert!(
        a.notes.iter().any(|n| n == "detected windows-1252"),
        "{:?}",
        a.notes
    );
    // The same page with no hint, read as a page from its bytes.
    page.extend_from_slice(b"\n");
    let a = clean(&bytes_doc(page, FormatHint::Unknown)).expect("an article");
    assert!(a.text.contains("président"), "{}", a.text);
}

#[test]
fn utf8_cut_in_the_middle_of_a_character() {
    let full = "Zürich café";
    let a = clean(&bytes_doc(
        full.as_bytes()[..full.len() - 1].to_vec(),
        FormatHint::PlainText,
    ))
    .expect("an article");
    assert_eq!(a.text, "Zürich caf\u{FFFD}");
    assert!(
        a.notes.iter().any(|n| n.contains("cut short")),
        "{:?}",
        a.notes
    );
    let full = "北京市政府发布通知";
    let a = clean(&bytes_doc(
        full.as_bytes()[..full.len() - 2].to_vec(),
        FormatHint::PlainText,
    ))
    .expect("an article");
    assert_eq!(a.text, "北京市政府发布通\u{FFFD}");
}

#[test]
fn one_nul_byte_does_not_make_an_article_binary() {
    let mut text = PARAGRAPH.repeat(100).into_bytes();
    text[500] = 0;
    text[9000] = 0;
    let a = clean(&bytes_doc(text, FormatHint::PlainText)).expect("an article");
    assert!(!a.text.contains('\0'));
    assert!(
        a.notes.iter().any(|n| n == "control characters"),
        "{:?}",
        a.notes
    );
    // Binary is still binary; UTF-16 without a BOM is text.
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
        .iter()
        .copied()
        .chain((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8))
        .collect();
    assert!(matches!(
        clean(&bytes_doc(png, FormatHint::Unknown)),
        Err(CleanError::Binary { .. })
    ));
    let utf16: Vec<u8> = PARAGRAPH
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let a = clean(&bytes_doc(utf16, FormatHint::PlainText)).expect("an article");
    assert_eq!(a.text, PARAGRAPH);
}

/// Pieces of hostile and damaged markup.
fn soup() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "<",
        ">",
        "</",
        "<p>",
        "</p>",
        "< p>",
        "<div class=\"story\">",
        "</div>",
        "<title>",
        "</title>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<a href=\"",
        "\"",
        "'",
        "=",
        "<br/>",
        "<li>",
        "<td>",
        "<time datetime=\"2024-03-01\">",
        "<h1>",
        "&",
        "&amp;",
        "&eacute",
        "&copy;",
        "&#",
        "8217;",
        "x",
        " ",
        "\n",
        "word, ",
        "é",
        "\u{0}",
        "&ccaron;",
        "<meta property=\"og:title\" content=\"T\">",
        "<script type=\"application/ld+json\">",
        "{\"@type\":\"NewsArticle\",\"headline\":\"H\"}",
        "<html lang=\"fr\">",
        "<body>",
    ]);
    prop::collection::vec(parts, 0..64).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn hostile_markup_never_panics_and_keeps_document_order(s in soup()) {
        let dom = Dom::parse(&s);
        assert_tree_in_document_order(&dom);
        for node in &dom.nodes {
            if let NodeKind::Text(t) = &node.kind {
                prop_assert!(!t.is_empty());
            }
        }
        let _ = html::read_page(&s, Some("https://example.com/2024/03/01/x"));
        if let Ok(a) = clean(&html_doc(&s)) {
            prop_assert_eq!(crate::repair::repair(&a.text).text, a.text);
        }
        let _ = clean(&bytes_doc(s.into_bytes(), FormatHint::Unknown));
    }
}
