//! Expanding command-line paths into input files.

use std::path::{Path, PathBuf};

use crate::InputError;

/// One input: a file on disk or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPath {
    Stdin,
    File(PathBuf),
}

impl InputPath {
    /// The name reported as `source` for documents of this input.
    pub fn display_name(&self) -> String {
        match self {
            InputPath::Stdin => "-".to_string(),
            InputPath::File(p) => p.display().to_string(),
        }
    }
}

/// Expands paths: `-` is stdin, a directory means every file below it
/// (recursively, in sorted order, hidden files skipped), a file is itself.
///
/// A path that does not exist is an error for the whole run.
pub fn expand_paths(paths: &[String]) -> Result<Vec<InputPath>, InputError> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(InputPath::Stdin);
            continue;
        }
        let path = Path::new(p);
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::NotFound { path: p.clone() },
            _ => InputError::Io {
                path: p.clone(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            walk_dir(path, &mut out)?;
        } else {
            out.push(InputPath::File(path.to_path_buf()));
        }
    }
    Ok(out)
}

fn walk_dir(root: &Path, out: &mut Vec<InputPath>) -> Result<(), InputError> {
    // Iterative, so that deep trees cannot overflow the stack.
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let io_err = |e| InputError::Io {
            path: dir.display().to_string(),
            source: e,
        };
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .map_err(io_err)?
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for entry in entries {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            // Follows symlinks, like `metadata`.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => subdirs.push(path),
                _ => out.push(InputPath::File(path)),
            }
        }
        // Push in reverse so that directories come out in sorted order.
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(())
}
