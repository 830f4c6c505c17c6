//! Finding the files to lint: explicit files, folders searched recursively (honoring ignore
//! files), and standard input.
//!
//! Every path that is given or found ends up somewhere: as a [`Candidate`] to lint, as a
//! [`Problem`] (a file or folder that could not be read, reported in every output format), or as
//! a usage error (a path that does not exist, a folder without INF files).

use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Where a candidate's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File,
    /// Standard input (`-`).
    Stdin,
}

/// A file to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The path to report (as given or found, without a leading `./`); for standard input, the
    /// `--stdin-filename` or `<stdin>`.
    pub path: PathBuf,
    /// Where to read it from.
    pub source: Source,
}

/// A path that was given or found but cannot be linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The path, as given or found.
    pub path: PathBuf,
    /// Why it cannot be linted.
    pub reason: String,
}

/// The result of discovery.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to lint, sorted by path, without duplicates.
    pub candidates: Vec<Candidate>,
    /// Paths that cannot be linted (reported as failed files).
    pub problems: Vec<Problem>,
    /// Usage errors (exit code 2), e.g. a path that does not exist.
    pub usage_errors: Vec<String>,
}

/// How to search.
#[derive(Debug, Default)]
pub struct WalkOptions {
    /// Extra file patterns to lint when searching folders.
    pub include: Option<GlobSet>,
    /// Patterns never to lint.
    pub exclude: Option<GlobSet>,
    /// Whether to honor `.gitignore`, `.ignore` and `.git/info/exclude`.
    pub respect_ignore_files: bool,
    /// The name reported for standard input.
    pub stdin_filename: Option<PathBuf>,
}

/// Builds a glob set from command-line patterns.
pub fn glob_set(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("invalid glob `{p}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// Whether a file name is one difcheck lints when searching folders: `.inf`, `.inx`, and the
/// templates `.inf.in` / `.inx.in`, in any letter case.
pub fn is_inf_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    [".inf", ".inx", ".inf.in", ".inx.in"]
        .iter()
        .any(|ext| l.len() > ext.len() && l.ends_with(ext))
}

/// Removes leading `./` components, so `./a/b.inf` and `a/b.inf` are one path.
pub fn clean_path(p: &Path) -> PathBuf {
    let mut comps = p.components().peekable();
    while comps.peek() == Some(&Component::CurDir) {
        comps.next();
    }
    let cleaned: PathBuf = comps.collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

fn matches(set: &Option<GlobSet>, path: &Path, relative: Option<&Path>) -> bool {
    let Some(set) = set else { return false };
    if set.is_match(path) || relative.is_some_and(|r| set.is_match(r)) {
        return true;
    }
    path.file_name().is_some_and(|n| set.is_match(Path::new(n)))
}

/// Finds the files to lint.
pub fn discover(paths: &[PathBuf], opts: &WalkOptions) -> Discovery {
    let mut d = Discovery::default();
    let mut stdin_seen = false;
    for arg in paths {
        if arg.as_os_str() == "-" {
            if stdin_seen {
                d.usage_errors
                    .push("standard input (`-`) is given more than once".to_owned());
                continue;
            }
            stdin_seen = true;
            let path = opts
                .stdin_filename
                .clone()
                .map(|p| clean_path(&p))
                .unwrap_or_else(|| PathBuf::from("<stdin>"));
            d.candidates.push(Candidate {
                path,
                source: Source::Stdin,
            });
            continue;
        }
        let shown = clean_path(arg);
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => walk_folder(arg, &shown, opts, &mut d),
            Ok(_) => {
                if !matches(&opts.exclude, &shown, None) {
                    d.candidates.push(Candidate {
                        path: shown,
                        source: Source::File,
                    });
                }
            }
            Err(e) => match std::fs::symlink_metadata(arg) {
                // The link itself exists: it is a file given to us that cannot be followed.
                Ok(_) => d.problems.push(Problem {
                    path: shown,
                    reason: link_problem(&e),
                }),
                Err(_) if e.kind() == std::io::ErrorKind::NotFound => {
                    d.usage_errors
                        .push(format!("`{}`: no such file or folder", shown.display()));
                    d.problems.push(Problem {
                        path: shown,
                        reason: "not found".to_owned(),
                    });
                }
                Err(_) => d.problems.push(Problem {
                    path: shown,
                    reason: io_reason(&e),
                }),
            },
        }
    }
    // Sorted by path; a file given twice (or given and also found in a folder) is linted once.
    d.candidates.sort_by(|a, b| a.path.cmp(&b.path));
    d.candidates
        .dedup_by(|a, b| a.path == b.path && a.source == b.source);
    d.problems.sort_by(|a, b| a.path.cmp(&b.path));
    d.problems.dedup();
    d
}

fn walk_folder(root: &Path, shown_root: &Path, opts: &WalkOptions, d: &mut Discovery) {
    let respect = opts.respect_ignore_files;
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        // `.gitignore` applies even outside a git work tree (a downloaded source archive, a
        // test folder): users expect the files they ignore to stay ignored.
        .require_git(false)
        .git_ignore(respect)
        .git_global(respect)
        .git_exclude(respect)
        .ignore(respect)
        .parents(respect)
        .build();
    let before = d.candidates.len() + d.problems.len();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.depth() == 0 {
                    continue;
                }
                let Some(ft) = entry.file_type() else {
                    continue;
                };
                if ft.is_dir() {
                    continue;
                }
                let path = clean_path(entry.path());
                let relative = entry.path().strip_prefix(root).ok();
                let name = entry.file_name().to_string_lossy();
                let wanted = is_inf_name(&name) || matches(&opts.include, &path, relative);
                if !wanted || matches(&opts.exclude, &path, relative) {
                    continue;
                }
                if ft.is_file() {
                    d.candidates.push(Candidate {
                        path,
                        source: Source::File,
                    });
                } else {
                    d.problems.push(Problem {
                        path,
                        reason: "not a regular file".to_owned(),
                    });
                }
            }
            Err(err) => record_walk_error(&err, opts, d),
        }
    }
    if d.candidates.len() + d.problems.len() == before {
        let filtered = if opts.include.is_some() || opts.exclude.is_some() {
            " (after --include/--exclude)"
        } else {
            ""
        };
        d.usage_errors.push(format!(
            "no INF files found under `{}`{filtered}",
            shown_root.display()
        ));
    }
}

/// Turns a walking error into a reported problem, so that nothing found goes unmentioned.
fn record_walk_error(err: &ignore::Error, opts: &WalkOptions, d: &mut Discovery) {
    match innermost(err) {
        (Some(path), Inner::Loop(ancestor)) => {
            let path = clean_path(&path);
            if !matches(&opts.exclude, &path, None) {
                d.problems.push(Problem {
                    path,
                    reason: format!(
                        "symbolic link loop (back to `{}`)",
                        clean_path(&ancestor).display()
                    ),
                });
            }
        }
        (Some(path), Inner::Io(kind, text)) => {
            let path = clean_path(&path);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A dangling link matters only if it would have been linted.
            if kind == std::io::ErrorKind::NotFound
                && !is_inf_name(&name)
                && !matches(&opts.include, &path, None)
            {
                return;
            }
            if matches(&opts.exclude, &path, None) {
                return;
            }
            let reason = if kind == std::io::ErrorKind::NotFound {
                "broken symbolic link".to_owned()
            } else {
                text
            };
            d.problems.push(Problem { path, reason });
        }
        (Some(path), Inner::Other(text)) => d.problems.push(Problem {
            path: clean_path(&path),
            reason: text,
        }),
        (None, Inner::Loop(_)) | (None, Inner::Io(..)) | (None, Inner::Other(_)) => {
            d.problems.push(Problem {
                path: PathBuf::from("<unknown>"),
                reason: err.to_string(),
            })
        }
    }
}

enum Inner {
    Loop(PathBuf),
    Io(std::io::ErrorKind, String),
    Other(String),
}

fn innermost(err: &ignore::Error) -> (Option<PathBuf>, Inner) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (p, inner) = innermost(err);
            (p.or_else(|| Some(path.clone())), inner)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            innermost(err)
        }
        ignore::Error::Loop { ancestor, child } => {
            (Some(child.clone()), Inner::Loop(ancestor.clone()))
        }
        ignore::Error::Io(e) => (None, Inner::Io(e.kind(), io_reason(e))),
        ignore::Error::Partial(errs) => match errs.first() {
            Some(e) => innermost(e),
            None => (None, Inner::Other(err.to_string())),
        },
        other => (None, Inner::Other(other.to_string())),
    }
}

/// A short, stable reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

fn link_problem(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "broken symbolic link".to_owned()
    } else {
        format!("cannot follow symbolic link: {}", io_reason(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inf_names() {
        for yes in ["a.inf", "A.INF", "x.Inx", "t.inf.in", "T.INX.IN"] {
            assert!(is_inf_name(yes), "{yes}");
        }
        for no in [".inf", "a.info", "a.in", "inf", "a.txt", "a.inf.bak"] {
            assert!(!is_inf_name(no), "{no}");
        }
    }

    #[test]
    fn clean_paths() {
        assert_eq!(clean_path(Path::new("./a/b.inf")), PathBuf::from("a/b.inf"));
        assert_eq!(clean_path(Path::new("././a")), PathBuf::from("a"));
        assert_eq!(clean_path(Path::new(".")), PathBuf::from("."));
        assert_eq!(clean_path(Path::new("a/./b")), PathBuf::from("a/b"));
    }

    #[test]
    fn globs() {
        let set = glob_set(&["vendor/**".to_owned(), "*.tmpl".to_owned()]).unwrap();
        assert!(matches(
            &set,
            Path::new("x/vendor/a.inf"),
            Some(Path::new("vendor/a.inf"))
        ));
        assert!(matches(&set, Path::new("deep/dir/b.tmpl"), None));
        assert!(!matches(
            &set,
            Path::new("src/a.inf"),
            Some(Path::new("a.inf"))
        ));
        assert!(glob_set(&["a[".to_owned()]).is_err());
    }

    #[test]
    fn folder_search_honors_gitignore_and_reports_empty_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/ignored")).unwrap();
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        std::fs::write(root.join("sub/a.INF"), "[Version]\n").unwrap();
        std::fs::write(root.join("sub/ignored/b.inf"), "[Version]\n").unwrap();
        std::fs::write(root.join("sub/readme.txt"), "x").unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        let opts = WalkOptions {
            respect_ignore_files: true,
            ..Default::default()
        };
        let d = discover(
            &[
                root.join("sub"),
                root.join("empty"),
                root.join("missing.inf"),
            ],
            &opts,
        );
        assert_eq!(d.candidates.len(), 1);
        assert!(d.candidates[0].path.ends_with("sub/a.INF"));
        assert_eq!(d.usage_errors.len(), 2, "{:?}", d.usage_errors);
        assert!(d.usage_errors[0].starts_with("no INF files found under"));
        assert!(d.usage_errors[1].ends_with("no such file or folder"));
        assert_eq!(d.problems.len(), 1);

        let all = WalkOptions {
            respect_ignore_files: false,
            ..Default::default()
        };
        assert_eq!(discover(&[root.join("sub")], &all).candidates.len(), 2);
    }
}
