//! The regression runner of the crates' `tests/fuzz_regressions.rs`: every
//! file of a crate's `tests/fuzz/` runs through the check of the fuzz target
//! its name starts with (`repair-nfc-makes-mojibake` through `repair`).

use std::path::Path;

/// Runs every input kept in `dir` through `check(target, bytes)`.
pub fn run_dir(dir: &Path, check: impl Fn(&str, &[u8])) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let target = name.split_once('-').map_or(name.as_str(), |(t, _)| t);
        check(target, &data);
    }
}
