//! The check of the `annotate` fuzz target, shared by `fuzz/fuzz_targets/annotate.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use std::sync::OnceLock;

use herald_model::{Body, FormatHint, RawDocument};
use herald_pipeline::{Context, analyze};

static CONTEXT: OnceLock<Context> = OnceLock::new();

const PUBLISHED: [Option<&str>; 3] = [None, Some("2024-04-09"), Some("2019-12-31")];

/// The `annotate` target: the first byte picks the publication date, the
/// rest is plain text; every offset lies within the article's text.
pub fn run(data: &[u8]) {
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
}
