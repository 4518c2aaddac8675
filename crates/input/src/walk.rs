//! Expanding command-line paths into inputs.
//!
//! Invariants:
//! - an argument that does not exist fails the whole run
//!   ([`InputError::NotFound`]); `-` is stdin; any other argument is read as
//!   named, whatever it is: a file, a FIFO, a device, a symlink to one, a
//!   directory or a symlink to one. Each argument is expanded on its own, so
//!   naming a path twice reads it twice;
//! - a directory means every entry below it, in sorted order, the files of a
//!   directory before its subdirectories; hidden entries (`.name`) are
//!   skipped;
//! - symlinked directories found while walking are followed, but no
//!   directory is walked twice within one argument (directories are known by
//!   device and inode on Unix, by canonical path elsewhere): a link to `.` or
//!   to an ancestor adds nothing and cannot loop;
//! - an entry found while walking that cannot be read as a document (a FIFO,
//!   a socket or a device, which could block forever when opened, or a
//!   directory that cannot be listed) is never opened, and never dropped
//!   either: it becomes an [`InputPath::Unreadable`], which [`crate::open`]
//!   turns into one error item. The rest of the walk goes on;
//! - the walk is iterative, so deep trees cannot overflow the stack.

use std::collections::HashSet;
use std::fs::{FileType, Metadata};
use std::io;
use std::path::{Path, PathBuf};

use crate::InputError;

/// One input: a file on disk, standard input, or an entry of a directory
/// that cannot be read as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPath {
    Stdin,
    File(PathBuf),
    /// Found while walking a directory, not opened: a FIFO, socket or
    /// device, or a directory that could not be listed. `reason` is the
    /// message of the error item that [`crate::open`] yields for it.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

impl InputPath {
    /// The name reported as `source` for documents of this input.
    pub fn display_name(&self) -> String {
        match self {
            InputPath::Stdin => "-".to_string(),
            InputPath::File(p) | InputPath::Unreadable { path: p, .. } => p.display().to_string(),
        }
    }
}

/// Expands paths: `-` is stdin, a directory means every file below it
/// (recursively, in sorted order, hidden files skipped), a file is itself.
///
/// A path that does not exist is an error for the whole run; trouble met
/// inside a directory is an [`InputPath::Unreadable`] entry.
pub fn expand_paths(paths: &[String]) -> Result<Vec<InputPath>, InputError> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(InputPath::Stdin);
            continue;
        }
        let path = Path::new(p);
        // Follows symlinks: a link to a directory given by name is walked.
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => InputError::NotFound { path: p.clone() },
            _ => InputError::Io {
                path: p.clone(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            walk_dir(path, &mut out);
        } else {
            out.push(InputPath::File(path.to_path_buf()));
        }
    }
    Ok(out)
}

/// How a directory is recognised when met again.
#[cfg(unix)]
type DirKey = (u64, u64);
#[cfg(not(unix))]
type DirKey = PathBuf;

#[cfg(unix)]
fn dir_key(_path: &Path, meta: &Metadata) -> Option<DirKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_key(path: &Path, _meta: &Metadata) -> Option<DirKey> {
    std::fs::canonicalize(path).ok()
}

/// What a file that is neither a regular file nor a directory is.
#[cfg(unix)]
fn special_kind(ft: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "fifo"
    } else if ft.is_socket() {
        "socket"
    } else if ft.is_block_device() {
        "block device"
    } else if ft.is_char_device() {
        "character device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_ft: &FileType) -> &'static str {
    "special file"
}

/// The entry for a directory that could not be listed (or not completely).
pub(crate) fn unreadable_dir(dir: &Path, e: &io::Error) -> InputPath {
    InputPath::Unreadable {
        path: dir.to_path_buf(),
        reason: format!("cannot read directory: {e}"),
    }
}

/// The entry for a file that is not a regular file.
fn not_regular(path: PathBuf, ft: &FileType) -> InputPath {
    InputPath::Unreadable {
        path,
        reason: format!("not a regular file ({})", special_kind(ft)),
    }
}

/// What one directory entry is, symlinks followed.
enum Entry {
    Dir(PathBuf),
    Input(InputPath),
}

fn classify(entry: &std::fs::DirEntry) -> Entry {
    let path = entry.path();
    let ft = match entry.file_type() {
        Ok(ft) if ft.is_symlink() => match std::fs::metadata(&path) {
            Ok(m) => m.file_type(),
            // A dangling link or a link loop: opening it reports why.
            Err(_) => return Entry::Input(InputPath::File(path)),
        },
        Ok(ft) => ft,
        Err(_) => return Entry::Input(InputPath::File(path)),
    };
    if ft.is_dir() {
        Entry::Dir(path)
    } else if ft.is_file() {
        Entry::Input(InputPath::File(path))
    } else {
        Entry::Input(not_regular(path, &ft))
    }
}

fn walk_dir(root: &Path, out: &mut Vec<InputPath>) {
    let mut visited: HashSet<DirKey> = HashSet::new();
    // Iterative, so that deep trees cannot overflow the stack.
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        match std::fs::metadata(&dir) {
            Ok(meta) => {
                if let Some(key) = dir_key(&dir, &meta)
                    && !visited.insert(key)
                {
                    // Walked already: a link to an ancestor or a sibling.
                    continue;
                }
            }
            Err(e) => {
                out.push(unreadable_dir(&dir, &e));
                continue;
            }
        }
        let listing = match std::fs::read_dir(&dir) {
            Ok(l) => l,
            Err(e) => {
                out.push(unreadable_dir(&dir, &e));
                continue;
            }
        };
        let mut entries = Vec::new();
        let mut failed = None;
        for entry in listing {
            match entry {
                Ok(e) => entries.push(e),
                Err(e) => {
                    // Listing errors do not clear up by retrying.
                    failed = Some(e);
                    break;
                }
            }
        }
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for entry in entries {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            match classify(&entry) {
                Entry::Dir(path) => subdirs.push(path),
                Entry::Input(input) => out.push(input),
            }
        }
        if let Some(e) = failed {
            out.push(unreadable_dir(&dir, &e));
        }
        // Push in reverse so that directories come out in sorted order.
        stack.extend(subdirs.into_iter().rev());
    }
}
