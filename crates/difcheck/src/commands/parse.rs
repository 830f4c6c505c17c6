//! `difcheck parse`: what SetupAPI reads from one INF file.

use std::io::Write;

use inf_parser::{decode, parse, DiridPolicy, Inf, InfOptions};
use serde_json::{json, Value};

use crate::cli::{ParseArgs, ParseFormat};
use crate::ExitStatus;

/// Runs the command.
pub fn run(args: &ParseArgs) -> ExitStatus {
    if !inf_parser::codepage_supported(args.codepage) {
        eprintln!("error: code page {} is not supported", args.codepage);
        return ExitStatus::Error;
    }
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", args.file.display());
            return ExitStatus::Error;
        }
    };
    let options = InfOptions {
        langid: args.langid,
        dirids: if args.keep_dirids {
            DiridPolicy::Symbolic
        } else {
            DiridPolicy::DefaultInstallation
        },
    };
    let inf = Inf::with_options(parse(decode(&bytes, args.codepage)), options);
    let path = args.file.display().to_string();
    let out = match args.format {
        ParseFormat::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(&path, &inf)).unwrap_or_default();
            s.push('\n');
            s
        }
        ParseFormat::Text => outline(&path, &inf),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).is_err() {
        return ExitStatus::Error;
    }
    ExitStatus::Success
}

/// The `difcheck parse --format json` shape (stable: the golden checker reads it).
pub fn to_json(path: &str, inf: &Inf) -> Value {
    let tree = inf.tree();
    let open_error = match tree.open_verdict() {
        None => Value::Null,
        Some(e) => json!({"code": e.code.name(), "line": e.line}),
    };
    let sections: Vec<Value> = inf
        .sections()
        .iter()
        .map(|s| {
            let lines: Vec<Value> = inf
                .section_lines(s)
                .map(|l| {
                    json!({
                        "line": l.line_no(),
                        "key": l.key(),
                        "fields": l.fields().collect::<Vec<_>>(),
                        "raw_fields": (1..=l.field_count()).map(|n| l.raw_field(n).unwrap_or("")).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({"name": s.name, "lines": lines})
        })
        .collect();
    json!({
        "path": path,
        "encoding": tree.source().encoding().name(),
        "open_error": open_error,
        "sections": sections,
    })
}

fn outline(path: &str, inf: &Inf) -> String {
    use std::fmt::Write as _;
    let tree = inf.tree();
    let mut s = String::new();
    let _ = writeln!(s, "{path}: {}", tree.source().encoding().name());
    match tree.open_verdict() {
        None => {
            let _ = writeln!(s, "opens: yes");
        }
        Some(e) => {
            let _ = writeln!(s, "opens: no, {} (line {})", e.code.name(), e.line);
        }
    }
    for d in tree.diagnostics() {
        let (line, col) = tree.line_col(d.span.start);
        let _ = writeln!(s, "  {line}:{col}: {}", d.message);
    }
    for sec in inf.sections() {
        let _ = writeln!(
            s,
            "[{}]  ({} lines, {} header(s))",
            sec.name,
            sec.lines.len(),
            sec.headers.len()
        );
        for l in inf.section_lines(sec) {
            let fields: Vec<String> = l.fields().map(|f| format!("{f:?}")).collect();
            match l.key() {
                Some(k) => {
                    let _ = writeln!(s, "  {:>5}  {k:?} = {}", l.line_no(), fields.join(", "));
                }
                None => {
                    let _ = writeln!(s, "  {:>5}  {}", l.line_no(), fields.join(", "));
                }
            }
        }
    }
    s
}
