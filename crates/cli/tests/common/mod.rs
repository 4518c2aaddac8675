//! What the end-to-end tests share.

use std::path::Path;
use std::process::Command;

/// The binary, with no sentence encoder where it looks (a model installed
/// on this machine must not change what the tests see).
pub fn herald() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_herald"));
    c.env(
        "HERALD_MODEL_DIR",
        std::env::temp_dir().join("herald-no-model-here"),
    );
    c
}

/// A directory of the test's own, removed when the test ends.
pub struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.path().as_os_str()
    }
}

/// A new scratch directory whose name starts with `prefix`.
pub fn scratch(prefix: &str) -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .expect("temp dir"),
    )
}
