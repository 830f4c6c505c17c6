//! INF1275: a file operation whose destination DestinationDirs does not give.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::InstallGraph;

use super::file_list_refs;

declare_rule! {
    /// ## What it does
    /// For every `CopyFiles=`, `DelFiles=` and `RenFiles=` value of the sections Windows
    /// processes, checks that `[DestinationDirs]` says where the files go: a line for the
    /// file-list section, or a `DefaultDestDir` line. A direct copy (`CopyFiles=@file`) always
    /// uses `DefaultDestDir`, so it needs that line.
    ///
    /// ## Why is this bad?
    /// "The DestinationDirs section is required in any INF file that uses an INF CopyFiles
    /// directive or that references a file-list-section", and `@file` copies "must have a
    /// DefaultDestDir entry". Without one SetupAPI falls back to a default directory the author
    /// did not choose (system32), or fails the operation. InfVerif reports it as error 1275.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = @widget.sys
    ///
    /// [DestinationDirs]
    /// Other_CopyFiles = 13
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = @widget.sys
    ///
    /// [DestinationDirs]
    /// DefaultDestDir = 13
    /// ```
    ///
    /// ## References
    /// - [INF DestinationDirs section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-destinationdirs-section)
    /// - [INF CopyFiles directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-copyfiles-directive)
    /// - [INF validation errors and warnings (1275)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static NO_DESTINATION_DIR = {
        code: "INF1275",
        name: "no-destination-dir",
        category: Files,
        infverif: Some(1275),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-destinationdirs-section",
        summary: "File operation without a DestinationDirs entry or DefaultDestDir",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    let dirs = cx.inf.destination_dirs();
    if dirs.default_dir().is_some() {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for r in file_list_refs(cx.inf, &graph) {
        let text = r.value.text.trim();
        if text.is_empty() || !seen.insert((r.value.line, r.value.field)) {
            continue;
        }
        if let Some(file) = text.strip_prefix('@') {
            if !file.trim().is_empty() {
                out.push(
                    Finding::at(r.value.span, format!("`{}=@{}` copies to DefaultDestDir, which `[DestinationDirs]` does not set", r.directive, file.trim()))
                        .help("add `DefaultDestDir = 13` (or the DIRID the file belongs in) to `[DestinationDirs]`"),
                );
            }
            continue;
        }
        let Some(section) = cx.inf.section(text) else {
            continue;
        };
        if dirs.explicit(&section.name).is_none() {
            out.push(
                Finding::at(
                    r.value.span,
                    format!(
                        "no `[DestinationDirs]` line for `[{}]` and no DefaultDestDir",
                        section.name
                    ),
                )
                .help(format!(
                    "add `{} = 13` (or the DIRID the files belong in) to `[DestinationDirs]`",
                    section.name
                )),
            );
        }
    }
}
