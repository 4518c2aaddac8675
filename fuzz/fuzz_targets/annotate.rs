//! The whole analysis of any plain text: no panic, and every offset of a
//! mention, quote or date within the article's text (`start <= end <= chars`).
//! The first byte picks the publication date given (none or one of two), so
//! that relative dates are resolved too; the rest is the text.
#![no_main]

use std::sync::OnceLock;

use herald_model::{Body, FormatHint, RawDocument};
use herald_pipeline::{Context, analyze};
use libfuzzer_sys::fuzz_target;

static CONTEXT: OnceLock<Context> = OnceLock::new();

const PUBLISHED: [Option<&str>; 3] = [None, Some("2024-04-09"), Some("2019-12-31")];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let ctx = CONTEXT.get_or_init(Context::builtin);
    let doc = RawDocument {
        source: "fuzz.txt".to_string(),
        published: PUBLISHED[usize::from(first) % PUBLISHED.len()].map(str::to_string),
        body: Body::Text(String::from_utf8_lossy(bytes).into_owned()),
        hint: FormatHint::PlainText,
        ..RawDocument::default()
    };
    let Ok(article) = analyze(&doc, ctx) else {
        return;
    };
    let chars = article.text.chars().count();
    let check = |what: &str, start: usize, end: usize| {
        assert!(
            start <= end && end <= chars,
            "{what} at {start}..{end} in a text of {chars} chars"
        );
    };
    for e in &article.entities {
        for m in &e.mentions {
            check(
                &format!("mention {:?} of {:?}", m.text, e.name),
                m.start,
                m.end,
            );
        }
    }
    for q in &article.quotes {
        check(&format!("quote {:?}", q.text), q.start, q.end);
    }
    for d in &article.dates {
        check(&format!("date {:?}", d.text), d.start, d.end);
    }
});
