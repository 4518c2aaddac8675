//! Inputs found by (or written for) the fuzz targets in `fuzz/`, kept as
//! regression tests: every file of `tests/fuzz/` runs through the check of
//! the target its name starts with (`annotate-...`), with the target's
//! assertions. See `fuzz/README.md`.

use std::path::Path;
use std::sync::OnceLock;

use herald_model::{Body, FormatHint, RawDocument};
use herald_pipeline::{Context, analyze};

static CONTEXT: OnceLock<Context> = OnceLock::new();

const PUBLISHED: [Option<&str>; 3] = [None, Some("2024-04-09"), Some("2019-12-31")];

/// The `annotate` target: the first byte picks the publication date, the
/// rest is plain text; every offset lies within the article's text.
fn annotate(data: &[u8]) {
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

#[test]
fn fuzz_inputs_pass_their_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let target = name.split_once('-').map_or(name, |(t, _)| t);
        match target {
            "annotate" => annotate(&data),
            other => panic!("{name}: no fuzz target {other:?} in this crate"),
        }
    }
}
