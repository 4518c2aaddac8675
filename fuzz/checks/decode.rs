//! The check of the `decode` fuzz target, shared by `fuzz/fuzz_targets/decode.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use herald_clean::decode::decode;

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
pub fn run(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let charset = CHARSETS[usize::from(first & 0x0f)];
    let html = first & 0x10 != 0;
    let _ = decode(bytes, charset, html);
}
