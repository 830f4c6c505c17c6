//! DIF0064: a co-installer writes `Context->PostProcessing` or `Context->InstallResult`.

use inf_parser::Span;

use super::{cached_code_text, subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the file that defines each co-installer and flags assignments to the
    /// `PostProcessing` or `InstallResult` field through the entry point's context parameter
    /// (`Context->InstallResult = …`, `Context->PostProcessing = …`, compound assignments
    /// included). Comments and string literals are ignored.
    ///
    /// ## Why is this bad?
    /// Both fields of `COINSTALLER_CONTEXT_DATA` are read-only to the co-installer: Windows sets
    /// `PostProcessing` to tell the passes apart and `InstallResult` to pass the status of the call.
    /// Writing them changes nothing Windows reads (the status is what the co-installer returns) and
    /// misleads the co-installer's own later code; `PrivateData` is the only field it may set.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; Context->InstallResult = NO_ERROR;  return ERROR_DI_POSTPROCESSING_REQUIRED;
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; Context->PrivateData = State;  return ERROR_DI_POSTPROCESSING_REQUIRED;
    /// ```
    ///
    /// ## References
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    /// - [COINSTALLER_CONTEXT_DATA](https://learn.microsoft.com/windows/win32/api/setupapi/ns-setupapi-coinstaller_context_data)
    pub static READ_ONLY_CONTEXT_FIELD_WRITTEN = {
        code: "DIF0064",
        name: "read-only-context-field-written",
        category: Dif,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface",
        summary: "Co-installer writes a read-only field of COINSTALLER_CONTEXT_DATA",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for s in subjects(cx) {
        if !s.is_co() {
            continue;
        }
        let Some(context) = s
            .entry
            .prototype
            .params
            .get(3)
            .and_then(|p| p.name.as_deref())
        else {
            continue;
        };
        let file = &s.behavior().defined_at.file;
        let Some(text) = cached_code_text(cx, file) else {
            continue;
        };
        let writes = assignments(&text, context);
        if writes.is_empty() {
            continue;
        }
        let fields: Vec<String> = {
            let mut f: Vec<String> = writes
                .iter()
                .map(|(name, _)| format!("`{context}->{name}`"))
                .collect();
            f.dedup();
            f
        };
        let mut finding = subject_finding(cx, &s, format!("{} writes {}, which is read-only", s.display(), fields.join(", ")))
            .help("treat PostProcessing and InstallResult as read-only: return the status instead, and keep your own state in Context->PrivateData");
        for (_, span) in writes {
            finding = finding.label_in(file.clone(), span, "written here");
        }
        out.push(finding);
    }
}

/// Assignments `context->Field = …` (also `+=`, `|=`, …; not `==`) to the two read-only fields.
fn assignments(text: &str, context: &str) -> Vec<(&'static str, Span)> {
    let mut found = Vec::new();
    for field in ["PostProcessing", "InstallResult"] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(field) {
            let start = from + pos;
            from = start + field.len();
            let before = text[..start].trim_end();
            let Some(before) = before.strip_suffix("->") else {
                continue;
            };
            let before = before.trim_end();
            if !before.ends_with(context)
                || before[..before.len() - context.len()]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            {
                continue;
            }
            if text[from..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = text[from..].trim_start();
            let rb = rest.as_bytes();
            let is_assign = match rb {
                [b'=', next, ..] => *next != b'=',
                [b'=', ..] => true,
                [op, b'=', ..] => b"+-*/%&|^".contains(op),
                [b'<', b'<', b'=', ..] | [b'>', b'>', b'=', ..] => true,
                _ => false,
            };
            if is_assign {
                // `before` is a prefix of `text` ending with the context parameter's name.
                found.push((field, Span::new(before.len() - context.len(), from)));
            }
        }
    }
    found.sort_by_key(|(_, s)| s.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_writes_not_reads() {
        let text = "x = Context->InstallResult; Context->InstallResult = 0; if (Context->PostProcessing == 1) {} Context -> PostProcessing |= 1; MyContext->InstallResult = 2;";
        let found = assignments(text, "Context");
        let fields: Vec<&str> = found.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["InstallResult", "PostProcessing"]);
        assert_eq!(&text[found[0].1.range()], "Context->InstallResult");
    }

    #[test]
    fn comments_and_strings_are_blanked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.c");
        std::fs::write(&file, "/* Context->InstallResult = 1; */ s = \"Context->InstallResult = 2\"; // Context->InstallResult = 3\n").unwrap();
        let text = super::super::code_text(&file).unwrap();
        assert!(assignments(&text, "Context").is_empty());
        assert_eq!(text.len(), std::fs::read(&file).unwrap().len());
    }
}
