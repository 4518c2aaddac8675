//! Inputs found by the fuzz targets in `fuzz/`, kept as regression tests:
//! every file of `tests/fuzz/` runs through the check of the target its
//! name starts with (`decode-...`, `repair-...`, `html-...`), with the
//! target's assertions. See `fuzz/README.md`.

use std::path::Path;

use herald_clean::decode::decode;
use herald_clean::repair::repair;
use herald_model::{Body, FormatHint, RawDocument};

const CHARSETS: [Option<&str>; 16] = [
    None,
    Some("utf-8"),
    Some("windows-1252"),
    Some("iso-8859-1"),
    Some("utf-16le"),
    Some("utf-16be"),
    Some("utf-16"),
    Some("shift_jis"),
    Some("euc-jp"),
    Some("iso-2022-jp"),
    Some("gb18030"),
    Some("big5"),
    Some("koi8-r"),
    Some("iso-2022-kr"),
    Some("x-user-defined"),
    Some(" no-such-charset "),
];

/// The `decode` target: the first byte picks the declared charset and
/// whether the bytes are HTML; no panic.
fn decode_target(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let charset = CHARSETS[usize::from(first & 0x0f)];
    let html = first & 0x10 != 0;
    let _ = decode(bytes, charset, html);
}

/// The `repair` target: repair is idempotent, as it documents.
fn repair_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let once = repair(&text);
    let twice = repair(&once.text);
    assert_eq!(
        twice.text, once.text,
        "repair is not idempotent on {text:?}"
    );
}

/// The `html` target: cleaning the bytes as an HTML page; no panic.
fn html_target(data: &[u8]) {
    let doc = RawDocument {
        source: "fuzz.html".to_string(),
        body: Body::Bytes(data.to_vec()),
        hint: FormatHint::Html,
        ..RawDocument::default()
    };
    let _ = herald_clean::clean(&doc);
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
            "decode" => decode_target(&data),
            "repair" => repair_target(&data),
            "html" => html_target(&data),
            other => panic!("{name}: no fuzz target {other:?} in this crate"),
        }
    }
}
