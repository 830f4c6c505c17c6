//! INF1229: a file entry without a file name.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::sections_named_anywhere;

use super::every_source_disk_file;

declare_rule! {
    /// ## What it does
    /// Flags file entries that name no file: a line of a file-list section (named by
    /// `CopyFiles=`, `DelFiles=` or `RenFiles=`) whose first field is empty, a `CopyFiles=@`
    /// with nothing after the `@`, and a `[SourceDisksFiles]` line with an empty file name.
    ///
    /// ## Why is this bad?
    /// A copy, delete or rename operation needs a file name; SetupAPI fails the line (or the
    /// whole file queue) when it has none. Such lines usually come from a stray comma or a
    /// `%strkey%` that expands to nothing. InfVerif reports it as error 1229.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CopyFiles]
    /// ,widget.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CopyFiles]
    /// widget.sys
    /// ```
    ///
    /// ## References
    /// - [INF CopyFiles directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-copyfiles-directive)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF validation errors and warnings (1229)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static FILE_ENTRY_WITHOUT_NAME = {
        code: "INF1229",
        name: "file-entry-without-name",
        category: Files,
        infverif: Some(1229),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-copyfiles-directive",
        summary: "File entry without a file name",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let mut seen = std::collections::HashSet::new();
    for directive in ["CopyFiles", "DelFiles", "RenFiles"] {
        for (section, _) in sections_named_anywhere(cx, directive).iter() {
            for line in inf.lines(section) {
                if !seen.insert(line.index()) {
                    continue;
                }
                // RenFiles lines are `new-name,old-name`; both are needed.
                let fields: &[usize] = if directive == "RenFiles" {
                    &[1, 2]
                } else {
                    &[1]
                };
                for &n in fields {
                    if line.field(n).is_none_or(|f| f.trim().is_empty()) {
                        out.push(
                            Finding::at(line.span(), format!("line of {directive} section `[{section}]` names no file in field {n}"))
                                .help("write the file name (a literal name, not a `%strkey%` that expands to nothing), or remove the line"),
                        );
                        break;
                    }
                }
            }
        }
    }
    for s in inf.sections() {
        if inf_parser::is_strings_section_name(&s.name) {
            continue;
        }
        for value in inf.directive_values(&s.name, "CopyFiles") {
            if value.text.trim() == "@" {
                out.push(
                    Finding::at(value.span, "`CopyFiles=@` names no file")
                        .help("write the file to copy after the `@`, e.g. `CopyFiles=@widget.sys`"),
                );
            }
        }
    }
    for f in every_source_disk_file(cx).iter() {
        if f.file.text.trim().is_empty() {
            out.push(
                Finding::at(f.line.span, "`[SourceDisksFiles]` line has no file name")
                    .help("write `file-name = disk-id[,subdir]`"),
            );
        }
    }
}
