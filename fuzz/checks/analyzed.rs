//! The check of the `analyzed` fuzz target, shared by `fuzz/fuzz_targets/analyzed.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use std::io::Cursor;
use std::sync::OnceLock;

use herald_input::{Limits, read_stream};
use herald_model::{Article, ErrorKind, FormatHint};
use herald_pipeline::{Context, analyze};

static CONTEXT: OnceLock<Context> = OnceLock::new();

/// Every article of the JSON Lines `bytes` that `herald-input` takes for a
/// line `herald analyze` printed, loaded by the pipeline.
fn load(bytes: &[u8], limits: Limits, ctx: &Context) -> Vec<Result<Article, ErrorKind>> {
    read_stream(
        "fuzz.jsonl".to_string(),
        Box::new(Cursor::new(bytes.to_vec())),
        limits,
    )
    .filter_map(Result::ok)
    .filter(|doc| doc.hint == FormatHint::Analyzed)
    .map(|doc| analyze(&doc, ctx).map_err(|e| e.kind))
    .collect()
}

/// Every mention, quote and date offset lies within the article's text.
fn check_offsets(article: &Article) {
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

/// The `analyzed` target: the bytes are a JSON Lines stream. Every line
/// read as `herald analyze` output loads as an article whose offsets lie
/// within its text, or gives a `malformed` error; a loaded article, printed
/// as `herald analyze` prints it, reads back as the same article.
pub fn run(data: &[u8]) {
    let ctx = CONTEXT.get_or_init(Context::builtin);
    let limits = Limits {
        max_document_bytes: 1 << 20,
    };
    for loaded in load(data, limits, ctx) {
        let article = match loaded {
            Ok(article) => article,
            Err(kind) => {
                assert_eq!(kind, ErrorKind::Malformed, "an analysed line failed");
                continue;
            }
        };
        check_offsets(&article);
        assert!(article.id.is_some(), "a loaded article without an id");
        let line = serde_json::to_string(&article).expect("an article serialises");
        // Printed again, a line can outgrow the limit (fields the input
        // left out are written): read it back without one.
        let unlimited = Limits {
            max_document_bytes: usize::MAX,
        };
        let again = load(line.as_bytes(), unlimited, ctx);
        assert_eq!(
            again,
            [Ok(article)],
            "a loaded article printed again reads back otherwise: {line}"
        );
    }
}
