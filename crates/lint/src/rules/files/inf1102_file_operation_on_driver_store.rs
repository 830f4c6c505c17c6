//! INF1102: DelFiles or RenFiles on files in DIRID 13.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::InstallGraph;

use super::file_list_refs;

declare_rule! {
    /// ## What it does
    /// Flags a `DelFiles=` or `RenFiles=` directive whose file-list section has DIRID 13 (the
    /// driver store) as its destination in `[DestinationDirs]` (its own entry, or
    /// DefaultDestDir).
    ///
    /// ## Why is this bad?
    /// The driver store is read-only for an installation: it holds the package exactly as it was
    /// imported, shared by every device that uses it. The Using DIRIDs page forbids DelFiles on
    /// DIRID 13, and renaming is forbidden there for the same reason. InfVerif reports a file
    /// directive used on a destination that does not allow it as error 1102.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT]
    /// DelFiles = Widget_OldFiles
    ///
    /// [DestinationDirs]
    /// Widget_OldFiles = 13
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_CopyFiles
    ///
    /// [DestinationDirs]
    /// Widget_CopyFiles = 13
    /// ```
    ///
    /// ## References
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [INF DelFiles directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-delfiles-directive)
    /// - [INF validation errors and warnings (1102)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static FILE_OPERATION_ON_DRIVER_STORE = {
        code: "INF1102",
        name: "file-operation-on-driver-store",
        category: Files,
        infverif: Some(1102),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids",
        summary: "DelFiles or RenFiles on files in the driver store (DIRID 13)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    let dirs = cx.inf.destination_dirs();
    let mut seen = std::collections::HashSet::new();
    for r in file_list_refs(cx.inf, &graph) {
        if r.directive == "CopyFiles" || !seen.insert((r.value.line, r.value.field)) {
            continue;
        }
        let Some(section) = cx.inf.section(&r.value.text) else {
            continue;
        };
        let Some(dest) = dirs.for_section(&section.name) else {
            continue;
        };
        if dest.dirid != Ok(13) {
            continue;
        }
        out.push(
            Finding::at(r.value.span, format!("{} on `[{}]`, whose files are in the driver store (DIRID 13)", r.directive, section.name))
                .label(dest.line.span, "destination set here")
                .help("the driver store is read-only: drop the directive; files a package copies to DIRID 13 are removed with the package"),
        );
    }
}
