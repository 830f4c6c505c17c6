//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (linter-anchors.md §1.4).
//!
//! - Every registered rule is in `tool.driver.rules`, in registry order, so `ruleIndex` is
//!   stable; each carries its documentation as `help.markdown`.
//! - Locations use paths relative to `%SRCROOT%` (the current folder, recorded in
//!   `originalUriBaseIds`), percent-encoded byte by byte so that non-UTF-8 file names survive.
//! - Columns count Unicode code points (`columnKind`), computed on the decoded text, and each
//!   result carries `partialFingerprints.primaryLocationLineHash` computed on the decoded text
//!   too, so UTF-16 files are tracked correctly across runs.
//! - Every file given or found is in `run.artifacts` (role `analysisTarget`), with
//!   `properties.status` `linted`, `skipped` or `failed` and, for the last two,
//!   `properties.reason`: a clean file is accounted for too.
//! - Files that were skipped or could not be linted, and notes about how files were read, are
//!   also `toolExecutionNotifications` of the invocation.
//!
//! Artifacts, notifications and results are held in temporary files while the files are linted
//! (the invocation, which says whether the run succeeded, comes before the results), and the
//! document is put together at the end.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Map, Value};

use lint::{FileStatus, Needs, RuleMeta, Severity};

use crate::emit::{rule_doc, status_text, what_it_does, Emitter};
use crate::report::{CheckedFile, Finding, RunReport};
use crate::stream::{fill_holes, hole, pretty, write_array, ArrayItems, Spill};
use crate::version::{ruleset_id, version_text, HOMEPAGE, VERSION};

/// The schema URI written into `$schema`.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// How sure a rule is, for code scanning's sorting: rules that read only the INF text are exact;
/// rules that read installer sources rely on heuristics.
fn precision(rule: &RuleMeta) -> &'static str {
    match rule.needs {
        Needs::InfText | Needs::PackageFiles => "high",
        Needs::InstallerSources => "medium",
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn rule_descriptor(rule: &RuleMeta, profile: lint::Profile) -> Value {
    let enabled = rule.severities.get(profile);
    // The level the rule has in this run's profile; a rule the profile does not run is
    // described with its level in the first profile that runs it.
    let default = enabled
        .or_else(|| {
            lint::Profile::ALL
                .iter()
                .find_map(|p| rule.severities.get(*p))
        })
        .unwrap_or(Severity::Warning);
    let mut tags = vec![Value::from(rule.category.as_str())];
    if let Some(n) = rule.infverif {
        tags.push(Value::from(format!("infverif-{n}")));
    }
    let problem_severity = match default {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    };
    let doc = rule_doc(rule);
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": truncate(rule.summary, 1024)},
        "fullDescription": {"text": truncate(&what_it_does(rule), 1024)},
        "helpUri": rule.url(),
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"enabled": enabled.is_some(), "level": level(default)},
        "properties": {
            "tags": tags,
            "precision": precision(rule),
            "problem.severity": problem_severity,
            "infverif": rule.infverif,
            "reference": rule.reference,
        },
    })
}

/// Percent-encodes a path for a URI: unreserved characters and `/` stay, every other byte
/// becomes `%XX` (raw bytes on Unix, so a non-UTF-8 name is kept exactly).
pub fn encode_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes: Vec<u8> = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes: Vec<u8> = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An `artifactLocation` for `path`: relative to `%SRCROOT%` when it is relative, else an
/// absolute `file:` URI.
fn artifact_location(path: &Path) -> Value {
    if path.is_absolute() {
        let enc = encode_path(path);
        let uri = if enc.starts_with('/') {
            format!("file://{enc}")
        } else {
            format!("file:///{enc}")
        };
        json!({"uri": uri})
    } else {
        json!({"uri": encode_path(path), "uriBaseId": "%SRCROOT%"})
    }
}

fn region(range: Option<(crate::location::Position, crate::location::Position)>) -> Value {
    match range {
        Some((s, e)) => {
            json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column})
        }
        // Code scanning needs a line; a whole-file finding is shown at the top of the file.
        None => json!({"startLine": 1}),
    }
}

fn result(path: &Path, f: &Finding, rule_index: Option<usize>) -> Value {
    let d = &f.diagnostic;
    let mut location = Map::new();
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), artifact_location(path));
    physical.insert("region".into(), region(f.range));
    location.insert("physicalLocation".into(), Value::Object(physical));
    if let Some(l) = &d.primary_label {
        location.insert("message".into(), json!({"text": l}));
    }
    let related: Vec<Value> = f
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let file = l.file.as_deref().unwrap_or(path);
            let mut physical = Map::new();
            physical.insert("artifactLocation".into(), artifact_location(file));
            if let Some(r) = l.range {
                physical.insert("region".into(), region(Some(r)));
            }
            json!({"id": i + 1, "message": {"text": l.message}, "physicalLocation": physical})
        })
        .collect();
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.code));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(d.severity)));
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str(&format!(". Help: {h}"));
    }
    r.insert("message".into(), json!({"text": text}));
    r.insert("locations".into(), json!([Value::Object(location)]));
    if !related.is_empty() {
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    if !f.line_hash.is_empty() {
        r.insert(
            "partialFingerprints".into(),
            json!({"primaryLocationLineHash": f.line_hash}),
        );
    }
    let mut props = Map::new();
    if let Some(n) = d.infverif {
        props.insert("infverif".into(), json!(n));
    }
    if !d.targets.is_empty() {
        props.insert("targets".into(), json!(d.targets));
    }
    if !props.is_empty() {
        r.insert("properties".into(), Value::Object(props));
    }
    Value::Object(r)
}

fn notification(level: &str, text: String, path: Option<&Path>) -> Value {
    let mut n = Map::new();
    n.insert("level".into(), json!(level));
    n.insert("message".into(), json!({"text": text}));
    if let Some(p) = path {
        n.insert(
            "locations".into(),
            json!([{"physicalLocation": {"artifactLocation": artifact_location(p)}}]),
        );
    }
    Value::Object(n)
}

/// An array held in a temporary file until the document is put together.
struct HeldArray {
    spill: Spill,
    items: ArrayItems,
}

impl HeldArray {
    fn new(spill_dir: Option<&Path>) -> Self {
        HeldArray {
            spill: Spill::new(spill_dir),
            items: ArrayItems::default(),
        }
    }

    fn push(&mut self, item: &Value) -> io::Result<()> {
        self.items.push(&mut self.spill, &pretty(item))
    }

    fn write(&mut self, out: &mut dyn Write, indent: &str) -> io::Result<()> {
        let spill = &mut self.spill;
        write_array(out, indent, self.items.count(), &mut |w| spill.copy_to(w))
    }
}

/// `--format sarif`.
pub struct Sarif {
    artifacts: HeldArray,
    notifications: HeldArray,
    results: HeldArray,
    /// The last artifact written: the same file given twice is listed once (artifacts must be
    /// unique, and equal paths come one after the other).
    last_artifact: Option<Value>,
}

impl Sarif {
    /// The format, holding its arrays in temporary files in `spill_dir`.
    pub fn new(spill_dir: Option<&Path>) -> Self {
        Sarif {
            artifacts: HeldArray::new(spill_dir),
            notifications: HeldArray::new(spill_dir),
            results: HeldArray::new(spill_dir),
            last_artifact: None,
        }
    }
}

/// The artifact that accounts for `file`: where it is, and whether it was linted, skipped or
/// could not be linted, and why.
fn artifact(file: &CheckedFile) -> Value {
    let properties = match &file.status {
        FileStatus::Linted => json!({"status": "linted"}),
        FileStatus::Skipped(r) => json!({"status": "skipped", "reason": r}),
        FileStatus::Failed(r) => json!({"status": "failed", "reason": r}),
    };
    json!({
        "location": artifact_location(&file.path),
        "roles": ["analysisTarget"],
        "properties": properties,
    })
}

impl Emitter for Sarif {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        file: &CheckedFile,
        report: &RunReport,
    ) -> io::Result<()> {
        let artifact = artifact(file);
        if self.last_artifact.as_ref() != Some(&artifact) {
            self.artifacts.push(&artifact)?;
            self.last_artifact = Some(artifact);
        }
        if let Some((sev, text)) = status_text(&file.status, report.allow_skipped) {
            self.notifications.push(&notification(
                level(sev),
                format!("{}: {text}", file.display_path()),
                Some(&file.path),
            ))?;
        }
        for n in &file.notes {
            self.notifications.push(&notification(
                level(n.level),
                format!("{}: {}", file.display_path(), n.message),
                Some(&file.path),
            ))?;
        }
        for f in &file.findings {
            let idx = lint::RULES.iter().position(|r| r.code == f.diagnostic.code);
            self.results.push(&result(&file.path, f, idx))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
        for e in &report.usage_errors {
            self.notifications
                .push(&notification("error", e.clone(), None))?;
        }
        let successful = report.usage_errors.is_empty() && report.summary().failed == 0;
        let mut invocation = Map::new();
        invocation.insert("executionSuccessful".into(), json!(successful));
        if self.notifications.items.count() > 0 {
            invocation.insert(
                "toolExecutionNotifications".into(),
                json!(hole("notifications")),
            );
        }
        let srcroot = std::env::current_dir().map(|d| {
            let enc = encode_path(&d);
            let enc = if enc.ends_with('/') {
                enc
            } else {
                format!("{enc}/")
            };
            if enc.starts_with('/') {
                format!("file://{enc}")
            } else {
                format!("file:///{enc}")
            }
        });
        let rules: Vec<Value> = lint::RULES
            .iter()
            .map(|r| rule_descriptor(r, report.profile))
            .collect();
        let mut run = Map::new();
        run.insert(
            "tool".into(),
            json!({"driver": {
                "name": "difcheck",
                "fullName": format!("difcheck {}", version_text()),
                "version": VERSION,
                "semanticVersion": VERSION,
                "informationUri": HOMEPAGE,
                "rules": rules,
                "properties": {"ruleset": ruleset_id(), "profile": report.profile.as_str()},
            }}),
        );
        if self.artifacts.items.count() > 0 {
            run.insert("artifacts".into(), json!(hole("artifacts")));
        }
        run.insert("invocations".into(), json!([Value::Object(invocation)]));
        if let Ok(root) = srcroot {
            run.insert(
                "originalUriBaseIds".into(),
                json!({"%SRCROOT%": {"uri": root}}),
            );
        }
        run.insert("results".into(), json!(hole("results")));
        run.insert("columnKind".into(), json!("unicodeCodePoints"));
        let doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [Value::Object(run)],
        });
        let mut skeleton = String::from_utf8(pretty(&doc)).unwrap_or_default();
        skeleton.push('\n');
        fill_holes(out, &skeleton, &mut |name, out, indent| match name {
            "artifacts" => self.artifacts.write(out, indent),
            "notifications" => self.notifications.write(out, indent),
            _ => self.results.write(out, indent),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path(Path::new("drivers/a b/x#1.inf")),
            "drivers/a%20b/x%231.inf"
        );
        assert_eq!(encode_path(Path::new("é.inf")), "%C3%A9.inf");
        assert_eq!(encode_path(Path::new("<stdin>")), "%3Cstdin%3E");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(b"bad\xff.inf"));
            assert_eq!(encode_path(p), "bad%FF.inf");
        }
    }

    #[test]
    fn every_file_is_an_artifact_with_its_status() {
        let mut file = CheckedFile::failed("a b.inf".into(), "not found");
        assert_eq!(
            artifact(&file),
            json!({
                "location": {"uri": "a%20b.inf", "uriBaseId": "%SRCROOT%"},
                "roles": ["analysisTarget"],
                "properties": {"status": "failed", "reason": "not found"},
            })
        );
        file.status = FileStatus::Skipped("larger than --max-file-size (1 bytes)".into());
        assert_eq!(artifact(&file)["properties"]["status"], "skipped");
        file.status = FileStatus::Linted;
        assert_eq!(
            artifact(&file)["properties"],
            json!({"status": "linted"}),
            "a clean file is accounted for too"
        );
    }

    #[test]
    fn every_rule_has_the_fields_code_scanning_requires() {
        for r in lint::RULES {
            let v = rule_descriptor(r, lint::Profile::Basic);
            for key in ["id", "name", "helpUri"] {
                assert!(
                    v[key].as_str().is_some_and(|s| !s.is_empty()),
                    "{} {key}",
                    r.code
                );
            }
            for key in ["shortDescription", "fullDescription", "help"] {
                assert!(
                    v[key]["text"].as_str().is_some_and(|s| !s.is_empty()
                        && s.chars().count() <= 1024
                        || key == "help"),
                    "{} {key}",
                    r.code
                );
            }
            assert!(v["help"]["markdown"]
                .as_str()
                .is_some_and(|s| s.contains("## What it does")));
        }
    }
}
