//! Baselines: accept the findings a project has today, report only new ones.
//!
//! `--write-baseline FILE` records one entry per finding; `--baseline FILE` hides findings whose
//! fingerprint is recorded (each entry hides one finding, so a second identical finding on a new
//! line is still reported). Fingerprints ([`crate::fingerprint::baseline_fingerprint`]) use the
//! file's path relative to the baseline file's folder, so the baseline works from any current
//! folder, and the text of the primary line rather than its number, so that adding or moving
//! lines keeps old findings matched.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fingerprint::{baseline_fingerprint, line_hashes, normalize_line};
use crate::report::{display_path, CheckedFile};

/// The baseline file's format version.
pub const FORMAT_VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// `difcheck` and its version text, for humans reading the file.
    pub tool: String,
    /// One entry per accepted finding, sorted by path, line and code.
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// The file, relative to the baseline file's folder, with `/` separators.
    pub path: String,
    /// The rule code.
    pub code: String,
    /// The fingerprint that matches the finding.
    pub fingerprint: String,
    /// Where the finding was when recorded (informative; not used for matching).
    pub line: u32,
    /// The message when recorded (informative).
    pub message: String,
}

/// Computes every finding's baseline fingerprint and GitHub line hash. `base` is the folder
/// paths are made relative to (the baseline file's folder, or the current folder).
pub fn assign_fingerprints(file: &mut CheckedFile, base: &Path) {
    let key_path = key_path(&file.path, base);
    let hashes = line_hashes(&file.text, file.encoding.as_deref() == Some("utf-8-bom"));
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for f in &mut file.findings {
        let line = f.range.map(|(s, _)| s.line).unwrap_or(0);
        let text = if line == 0 {
            String::new()
        } else {
            normalize_line(file.index.line_text(&file.text, line))
        };
        let n = seen
            .entry((f.diagnostic.code.clone(), text.clone()))
            .or_insert(0);
        f.fingerprint = baseline_fingerprint(&f.diagnostic.code, &key_path, &text, *n);
        *n += 1;
        f.line_hash = hashes
            .get(line.max(1) as usize - 1)
            .cloned()
            .unwrap_or_default();
    }
}

/// The path recorded in a baseline: relative to `base` when the file lies below it.
pub fn key_path(path: &Path, base: &Path) -> String {
    let abs = absolute(path);
    let base = absolute(base);
    match abs.strip_prefix(&base) {
        Ok(rel) => display_path(rel),
        Err(_) => display_path(&abs),
    }
}

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
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

/// The folder a baseline file's paths are relative to.
pub fn base_dir(baseline_file: &Path) -> PathBuf {
    let abs = absolute(baseline_file);
    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
}

/// Builds a baseline from the findings of `files` (fingerprints must be assigned).
pub fn build(files: &[CheckedFile], base: &Path) -> Baseline {
    let mut findings: Vec<Entry> = files
        .iter()
        .flat_map(|file| {
            let path = key_path(&file.path, base);
            file.findings.iter().map(move |f| Entry {
                path: path.clone(),
                code: f.diagnostic.code.clone(),
                fingerprint: f.fingerprint.clone(),
                line: f.line(),
                message: f.diagnostic.message.clone(),
            })
        })
        .collect();
    findings.sort_by(|a, b| {
        (&a.path, a.line, &a.code, &a.fingerprint).cmp(&(&b.path, b.line, &b.code, &b.fingerprint))
    });
    Baseline {
        version: FORMAT_VERSION,
        tool: format!("difcheck {}", crate::version::version_text()),
        findings,
    }
}

/// Serializes a baseline (pretty JSON with a final newline, so that it diffs well).
pub fn to_json(b: &Baseline) -> String {
    let mut s = serde_json::to_string_pretty(b).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read baseline `{}`: {}",
            path.display(),
            crate::walk::io_reason(&e)
        )
    })?;
    let b: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("`{}` is not a difcheck baseline: {e}", path.display()))?;
    if b.version != FORMAT_VERSION {
        return Err(format!(
            "`{}` has baseline format version {}, this difcheck reads version {FORMAT_VERSION}",
            path.display(),
            b.version
        ));
    }
    Ok(b)
}

/// Removes the findings the baseline accepts; returns how many were removed.
pub fn apply(files: &mut [CheckedFile], baseline: &Baseline) -> usize {
    let mut budget: HashMap<&str, usize> = HashMap::new();
    for e in &baseline.findings {
        *budget.entry(e.fingerprint.as_str()).or_default() += 1;
    }
    let mut removed = 0;
    for file in files {
        file.findings
            .retain(|f| match budget.get_mut(f.fingerprint.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    removed += 1;
                    false
                }
                _ => true,
            });
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths_are_relative_to_the_base() {
        let base = absolute(Path::new("proj"));
        assert_eq!(
            key_path(Path::new("proj/drivers/a.inf"), &base),
            "drivers/a.inf"
        );
        assert_eq!(key_path(Path::new("proj/./x/../a.inf"), &base), "a.inf");
        assert!(key_path(Path::new("/elsewhere/a.inf"), &base).ends_with("/elsewhere/a.inf"));
    }

    #[test]
    fn baselines_round_trip_and_reject_other_versions() {
        let b = Baseline {
            version: FORMAT_VERSION,
            tool: "difcheck test".into(),
            findings: vec![Entry {
                path: "a.inf".into(),
                code: "INF1209".into(),
                fingerprint: "f".into(),
                line: 3,
                message: "m".into(),
            }],
        };
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("baseline.json");
        std::fs::write(&p, to_json(&b)).unwrap();
        assert_eq!(read(&p).unwrap().findings, b.findings);
        std::fs::write(&p, to_json(&Baseline { version: 99, ..b })).unwrap();
        assert!(read(&p).unwrap_err().contains("version 99"));
        std::fs::write(&p, "{").unwrap();
        assert!(read(&p).unwrap_err().contains("not a difcheck baseline"));
    }
}
