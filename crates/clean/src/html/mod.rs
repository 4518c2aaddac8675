//! HTML pages: parsing, metadata and main-content extraction.

pub mod dom;
pub mod extract;
pub mod meta;

pub use dom::Dom;
pub use extract::Extracted;
pub use meta::PageMeta;

/// Everything Herald takes from one HTML page.
#[derive(Debug, Default)]
pub struct Page {
    pub meta: PageMeta,
    pub body: Extracted,
}

/// Parses a page and extracts its metadata and article body.
pub fn read_page(html: &str, url: Option<&str>) -> Page {
    let dom = Dom::parse(html);
    let meta = meta::read(&dom, url);
    let mut body = extract::extract(&dom, meta.title.as_deref());
    // A JSON-LD article body is the publisher's own statement of the text:
    // prefer it when the extracted body is much shorter (paywalls, scripts).
    if let Some(ld) = &meta.article_body {
        let ld_len = ld.chars().filter(|c| !c.is_whitespace()).count();
        let got = body.text.chars().filter(|c| !c.is_whitespace()).count();
        if ld_len > 200 && got * 2 < ld_len {
            body.text = crate::repair::decode_entities(ld).trim().to_string();
        }
    }
    Page { meta, body }
}
