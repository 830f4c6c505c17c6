//! Reading git's `working-tree-encoding` attribute for a file.
//!
//! Repositories often store INF files as UTF-8 (so that git diffs them as text) and have git
//! convert them on checkout with `*.inf working-tree-encoding=UTF-16LE-BOM` in `.gitattributes`.
//! A file read from such a repository's object store (or from a checkout made by a tool that
//! skips the conversion) is then UTF-8, although Windows will receive UTF-16. This module finds
//! the attribute the way git does: every `.gitattributes` from the work-tree root down to the
//! file's folder, then `.git/info/attributes`, the last matching line winning.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobMatcher};

/// The attribute's value and where it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingTreeEncoding {
    /// The encoding name as written (e.g. `UTF-16LE-BOM`).
    pub value: String,
    /// The attributes file that set it.
    pub file: PathBuf,
    /// The 1-based line in that file.
    pub line: usize,
}

/// One pattern line of an attributes file that mentions `working-tree-encoding`.
#[derive(Debug)]
struct Rule {
    matcher: GlobMatcher,
    /// Whether the pattern matches the base name only (it has no `/`).
    basename_only: bool,
    /// `Some(value)` sets the attribute; `None` unsets it (`-attr`, `!attr`).
    value: Option<String>,
    line: usize,
}

/// Reads attributes files once per folder, because many INF files share them.
#[derive(Debug, Default)]
pub struct AttributeCache {
    files: Mutex<HashMap<PathBuf, Arc<Vec<Rule>>>>,
}

impl AttributeCache {
    /// The `working-tree-encoding` git applies to `path` (relative to the current folder or
    /// absolute), if `path` lies in a git work tree and an attributes file sets it.
    pub fn working_tree_encoding(&self, path: &Path) -> Option<WorkingTreeEncoding> {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(path)
        };
        let abs = lexical_normalize(&abs);
        let parent = abs.parent()?;
        let root = parent.ancestors().find(|d| d.join(".git").exists())?;
        // Lowest precedence first: the root's file, then deeper folders, then info/attributes.
        let mut sources: Vec<(PathBuf, PathBuf)> = Vec::new();
        let rel_dirs: Vec<&Path> = parent
            .ancestors()
            .take_while(|d| d.starts_with(root))
            .collect();
        for dir in rel_dirs.iter().rev() {
            sources.push((dir.join(".gitattributes"), dir.to_path_buf()));
        }
        let info = root.join(".git").join("info").join("attributes");
        sources.push((info, root.to_path_buf()));

        let mut found = None;
        for (file, base) in sources {
            let rules = self.rules(&file);
            if rules.is_empty() {
                continue;
            }
            let Ok(rel) = abs.strip_prefix(&base) else {
                continue;
            };
            let rel_text = rel.to_string_lossy().replace('\\', "/");
            let name = abs
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for r in rules.iter() {
                let hit = if r.basename_only {
                    r.matcher.is_match(&name)
                } else {
                    r.matcher.is_match(&rel_text)
                };
                if hit {
                    found = r.value.as_ref().map(|v| WorkingTreeEncoding {
                        value: v.clone(),
                        file: file.clone(),
                        line: r.line,
                    });
                }
            }
        }
        found
    }

    fn rules(&self, file: &Path) -> Arc<Vec<Rule>> {
        if let Ok(cache) = self.files.lock() {
            if let Some(r) = cache.get(file) {
                return Arc::clone(r);
            }
        }
        let rules = Arc::new(
            std::fs::read_to_string(file)
                .map(|t| parse_rules(&t))
                .unwrap_or_default(),
        );
        if let Ok(mut cache) = self.files.lock() {
            cache.insert(file.to_path_buf(), Arc::clone(&rules));
        }
        rules
    }
}

/// Removes `.` and resolves `..` without touching the file system (git sees the path the user
/// gave, not where symbolic links lead).
fn lexical_normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Parses the lines of an attributes file that mention `working-tree-encoding`.
fn parse_rules(text: &str) -> Vec<Rule> {
    let mut rules = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("[attr]") {
            continue;
        }
        let mut tokens = line.split_whitespace();
        let Some(pattern) = tokens.next() else {
            continue;
        };
        let mut value: Option<Option<String>> = None;
        for attr in tokens {
            if let Some(v) = attr.strip_prefix("working-tree-encoding=") {
                value = Some(Some(v.to_owned()));
            } else if attr == "-working-tree-encoding" || attr == "!working-tree-encoding" {
                value = Some(None);
            }
        }
        let Some(value) = value else { continue };
        // In attributes files a trailing `/` names a folder, which never matches a file.
        if pattern.ends_with('/') {
            continue;
        }
        let anchored = pattern.strip_prefix('/').unwrap_or(pattern);
        let basename_only = !pattern.contains('/');
        let Ok(glob) = GlobBuilder::new(anchored)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
        else {
            continue;
        };
        rules.push(Rule {
            matcher: glob.compile_matcher(),
            basename_only,
            value,
            line: i + 1,
        });
    }
    rules
}

/// What a checkout with `value` hands to Windows, and whether InfVerif accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckoutEncoding {
    /// UTF-16LE with a byte-order mark: what Microsoft recommends.
    Utf16LeBom,
    /// UTF-16LE without a byte-order mark: SetupAPI only guesses it from zero bytes.
    Utf16LeNoBom,
    /// Big-endian UTF-16 (`UTF-16BE`, and `UTF-16`/`UCS-2` through glibc's and libiconv's
    /// iconv, which write big-endian with a mark): InfVerif rejects it (1003).
    Utf16Be,
    /// Some other encoding git converts to (an 8-bit code page, UTF-8, UTF-32…).
    Other,
}

/// Classifies a `working-tree-encoding` value (case-insensitive, as iconv treats it).
pub fn checkout_encoding(value: &str) -> CheckoutEncoding {
    let v = value.to_ascii_uppercase().replace('_', "-");
    match v.as_str() {
        "UTF-16LE-BOM" => CheckoutEncoding::Utf16LeBom,
        "UTF-16LE" | "UTF16LE" | "UCS-2LE" => CheckoutEncoding::Utf16LeNoBom,
        "UTF-16" | "UTF16" | "UTF-16BE" | "UTF16BE" | "UTF-16BE-BOM" | "UCS-2" | "UCS-2BE" => {
            CheckoutEncoding::Utf16Be
        }
        _ => CheckoutEncoding::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git/info")).unwrap();
        std::fs::create_dir_all(dir.path().join("drivers/usb")).unwrap();
        dir
    }

    #[test]
    fn last_match_and_deeper_files_win() {
        let dir = repo();
        let root = dir.path();
        std::fs::write(root.join(".gitattributes"), "# INFs\n*.inf text working-tree-encoding=UTF-16\n*.INF working-tree-encoding=UTF-16LE-BOM\n").unwrap();
        std::fs::write(
            root.join("drivers/.gitattributes"),
            "usb/*.inf working-tree-encoding=UTF-16LE-BOM eol=crlf\n",
        )
        .unwrap();
        let cache = AttributeCache::default();
        let a = cache
            .working_tree_encoding(&root.join("drivers/usb/a.inf"))
            .unwrap();
        assert_eq!(a.value, "UTF-16LE-BOM");
        assert_eq!(a.line, 1);
        assert!(a.file.ends_with("drivers/.gitattributes"));
        let b = cache
            .working_tree_encoding(&root.join("drivers/b.inf"))
            .unwrap();
        assert_eq!((b.value.as_str(), b.line), ("UTF-16", 2));
        let c = cache
            .working_tree_encoding(&root.join("drivers/C.INF"))
            .unwrap();
        assert_eq!(c.value, "UTF-16LE-BOM");
        assert_eq!(
            cache.working_tree_encoding(&root.join("drivers/readme.txt")),
            None
        );
    }

    #[test]
    fn unset_and_info_attributes() {
        let dir = repo();
        let root = dir.path();
        std::fs::write(
            root.join(".gitattributes"),
            "*.inf working-tree-encoding=UTF-16LE-BOM\n/drivers/usb/*.inf -working-tree-encoding\n",
        )
        .unwrap();
        let cache = AttributeCache::default();
        assert_eq!(
            cache.working_tree_encoding(&root.join("drivers/usb/a.inf")),
            None
        );
        assert!(cache
            .working_tree_encoding(&root.join("drivers/a.inf"))
            .is_some());
        std::fs::write(
            root.join(".git/info/attributes"),
            "a.inf working-tree-encoding=UTF-16BE\n",
        )
        .unwrap();
        let cache = AttributeCache::default();
        assert_eq!(
            cache
                .working_tree_encoding(&root.join("drivers/usb/a.inf"))
                .unwrap()
                .value,
            "UTF-16BE"
        );
    }

    #[test]
    fn outside_a_work_tree_nothing_applies() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".gitattributes"),
            "*.inf working-tree-encoding=UTF-16LE-BOM\n",
        )
        .unwrap();
        // No `.git` anywhere up to the temp folder's root (unless the system temp folder is in
        // a repository, which would be unusual).
        if dir.path().ancestors().any(|d| d.join(".git").exists()) {
            return;
        }
        assert_eq!(
            AttributeCache::default().working_tree_encoding(&dir.path().join("a.inf")),
            None
        );
    }

    #[test]
    fn classification() {
        assert_eq!(
            checkout_encoding("utf-16le-bom"),
            CheckoutEncoding::Utf16LeBom
        );
        assert_eq!(
            checkout_encoding("UTF-16LE"),
            CheckoutEncoding::Utf16LeNoBom
        );
        assert_eq!(checkout_encoding("UTF-16"), CheckoutEncoding::Utf16Be);
        assert_eq!(checkout_encoding("UTF-16BE"), CheckoutEncoding::Utf16Be);
        assert_eq!(checkout_encoding("CP1252"), CheckoutEncoding::Other);
    }
}
