//! Baselines: accept the findings a project has today, report only new ones.
//!
//! `--write-baseline FILE` records one entry per finding; `--baseline FILE` hides findings whose
//! fingerprint is recorded (each entry hides one finding, so a second identical finding on a new
//! line is still reported). Fingerprints ([`crate::fingerprint::baseline_fingerprint`]) use the
//! file's path relative to the baseline file's folder, so the baseline works from any current
//! folder, and the text of the primary line rather than its number, so that adding or moving
//! lines keeps old findings matched.

use std::collections::HashMap;
use std::io;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fingerprint::{baseline_fingerprint, line_hashes, normalize_line};
use crate::location::LineIndex;
use crate::output::write_atomic_with;
use crate::report::{display_path, CheckedFile};
use crate::stream::{fill_holes, hole, pretty, write_array, ArrayItems, Spill};

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

/// Computes every finding's baseline fingerprint and GitHub line hash from the file's `text`
/// (with its line index). `base` is the folder paths are made relative to (the baseline file's
/// folder, or the current folder).
pub fn assign_fingerprints(file: &mut CheckedFile, text: &str, index: &LineIndex, base: &Path) {
    if file.findings.is_empty() {
        return;
    }
    let key_path = key_path(&file.path, base);
    let hashes = line_hashes(text, file.encoding.as_deref() == Some("utf-8-bom"));
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for f in &mut file.findings {
        let line = f.range.map(|(s, _)| s.line).unwrap_or(0);
        let line_text = if line == 0 {
            String::new()
        } else {
            normalize_line(index.line_text(text, line))
        };
        let n = seen
            .entry((f.diagnostic.code.clone(), line_text.clone()))
            .or_insert(0);
        f.fingerprint = baseline_fingerprint(&f.diagnostic.code, &key_path, &line_text, *n);
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

/// Writes a baseline file from the findings of a run, file by file: each file's entries are held
/// in a temporary file (not in memory) until the end, when they are put in order of path.
pub struct BaselineWriter {
    base: PathBuf,
    entries: Spill,
    /// Per file with findings: its path in the baseline and where its entries are.
    blocks: Vec<(String, Range<u64>)>,
    findings: usize,
}

impl BaselineWriter {
    /// A writer for a baseline whose paths are relative to `base`; its temporary file goes in
    /// `spill_dir` (the system's temporary folder when `None`).
    pub fn new(base: &Path, spill_dir: Option<&Path>) -> Self {
        BaselineWriter {
            base: base.to_path_buf(),
            entries: Spill::new(spill_dir),
            blocks: Vec::new(),
            findings: 0,
        }
    }

    /// Records the findings of `file` (fingerprints must be assigned).
    pub fn add(&mut self, file: &CheckedFile) -> io::Result<()> {
        if file.findings.is_empty() {
            return Ok(());
        }
        let path = key_path(&file.path, &self.base);
        let mut entries: Vec<Entry> = file
            .findings
            .iter()
            .map(|f| Entry {
                path: path.clone(),
                code: f.diagnostic.code.clone(),
                fingerprint: f.fingerprint.clone(),
                line: f.line(),
                message: f.diagnostic.message.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            (a.line, &a.code, &a.fingerprint).cmp(&(b.line, &b.code, &b.fingerprint))
        });
        let start = self.entries.len();
        let mut items = ArrayItems::default();
        for e in &entries {
            items.push(&mut self.entries, &pretty(e))?;
        }
        self.blocks.push((path, start..self.entries.len()));
        self.findings += entries.len();
        Ok(())
    }

    /// Writes the baseline to `path` atomically; returns how many findings it records.
    pub fn finish(mut self, path: &Path) -> Result<usize, String> {
        // Sorted by path, as entries are within a file by line, code and fingerprint.
        self.blocks.sort_by(|a, b| a.0.cmp(&b.0));
        #[derive(Serialize)]
        struct Skeleton {
            version: u32,
            tool: String,
            findings: String,
        }
        // What [`Baseline`] serializes to, the entries left out.
        let mut skeleton = String::from_utf8(pretty(&Skeleton {
            version: FORMAT_VERSION,
            tool: tool_text(),
            findings: hole("findings"),
        }))
        .unwrap_or_default();
        skeleton.push('\n');
        let (entries, blocks, count) = (&mut self.entries, &self.blocks, self.findings);
        write_atomic_with(path, &mut |out| {
            fill_holes(out, &skeleton, &mut |_, out, indent| {
                write_array(out, indent, count, &mut |w| {
                    for (i, (_, range)) in blocks.iter().enumerate() {
                        if i > 0 {
                            w.write_all(b",\n")?;
                        }
                        entries.copy_range_to(range.clone(), w)?;
                    }
                    Ok(())
                })
            })
        })?;
        Ok(self.findings)
    }
}

/// The `tool` field: difcheck and its version.
fn tool_text() -> String {
    format!("difcheck {}", crate::version::version_text())
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

/// What a baseline still accepts: how many findings of each fingerprint.
pub struct Budget(HashMap<String, usize>);

impl Budget {
    /// The budget of a baseline file (only fingerprints are kept).
    pub fn new(baseline: Baseline) -> Self {
        let mut budget: HashMap<String, usize> = HashMap::new();
        for e in baseline.findings {
            *budget.entry(e.fingerprint).or_default() += 1;
        }
        Budget(budget)
    }

    /// Removes the findings of `file` the baseline accepts (files are given in report order,
    /// which decides which of several identical findings an entry hides); returns how many
    /// were removed.
    pub fn apply(&mut self, file: &mut CheckedFile) -> usize {
        let mut removed = 0;
        file.findings
            .retain(|f| match self.0.get_mut(f.fingerprint.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    removed += 1;
                    false
                }
                _ => true,
            });
        removed
    }
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

    /// Serializes a baseline whole (pretty JSON with a final newline, so that it diffs well).
    fn to_json(b: &Baseline) -> String {
        let mut s = serde_json::to_string_pretty(b).unwrap();
        s.push('\n');
        s
    }

    fn finding(code: &str, line: u32, fingerprint: &str) -> crate::report::Finding {
        let position = crate::location::Position { line, column: 1 };
        crate::report::Finding {
            diagnostic: lint::Diagnostic {
                code: code.to_owned(),
                name: "name".to_owned(),
                infverif: None,
                severity: lint::Severity::Error,
                message: "message".to_owned(),
                primary: None,
                primary_label: None,
                labels: Vec::new(),
                help: None,
                targets: Vec::new(),
                url: None,
            },
            range: Some((position, position)),
            labels: Vec::new(),
            fingerprint: fingerprint.to_owned(),
            line_hash: String::new(),
            rendered: None,
        }
    }

    /// The streamed baseline is the document the [`Baseline`] type describes, entries sorted by
    /// path, line, code and fingerprint.
    #[test]
    fn written_baselines_are_whole_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        for files in [0, 1, 3] {
            let mut writer = BaselineWriter::new(base, Some(base));
            let mut expected = Vec::new();
            for (name, lines) in [("b.inf", [9, 2]), ("a.inf", [5, 5]), ("c.inf", [1, 1])]
                .into_iter()
                .take(files)
            {
                let mut file = CheckedFile::failed(base.join(name), "");
                file.status = lint::FileStatus::Linted;
                for (i, line) in lines.into_iter().enumerate() {
                    file.findings
                        .push(finding("DCK0001", line, &format!("f{i}")));
                    expected.push(Entry {
                        path: name.to_owned(),
                        code: "DCK0001".into(),
                        fingerprint: format!("f{i}"),
                        line,
                        message: "message".into(),
                    });
                }
                writer.add(&file).unwrap();
            }
            writer
                .add(&CheckedFile::failed(base.join("clean.inf"), ""))
                .unwrap();
            expected.sort_by(|a, b| {
                (&a.path, a.line, &a.code, &a.fingerprint).cmp(&(
                    &b.path,
                    b.line,
                    &b.code,
                    &b.fingerprint,
                ))
            });
            let path = base.join("baseline.json");
            assert_eq!(writer.finish(&path).unwrap(), expected.len());
            let written = std::fs::read_to_string(&path).unwrap();
            let whole = Baseline {
                version: FORMAT_VERSION,
                tool: tool_text(),
                findings: expected,
            };
            assert_eq!(written, to_json(&whole), "{files} files");
            assert_eq!(read(&path).unwrap().findings, whole.findings);
        }
    }

    #[test]
    fn baselines_hide_each_accepted_finding_once() {
        let mut budget = Budget::new(Baseline {
            version: FORMAT_VERSION,
            tool: String::new(),
            findings: vec![Entry {
                path: "a.inf".into(),
                code: "DCK0001".into(),
                fingerprint: "f".into(),
                line: 1,
                message: String::new(),
            }],
        });
        let mut file = CheckedFile::failed(PathBuf::from("a.inf"), "");
        file.findings = vec![
            finding("DCK0001", 1, "f"),
            finding("DCK0001", 2, "f"),
            finding("DCK0002", 3, "g"),
        ];
        assert_eq!(budget.apply(&mut file), 1);
        let left: Vec<u32> = file.findings.iter().map(|f| f.line()).collect();
        assert_eq!(left, [2, 3]);
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
