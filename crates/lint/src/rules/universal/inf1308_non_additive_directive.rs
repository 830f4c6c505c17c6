//! INF1308: a non-additive directive (DelReg, DelFiles, DelProperty, DelService, RenFiles).

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::{InstallGraph, Role};

/// The directives the universal INF page lists as invalid that delete or rename rather than
/// add (the other invalid directives are INF1300's).
const NON_ADDITIVE: [&str; 5] = [
    "DelReg",
    "DelFiles",
    "DelProperty",
    "DelService",
    "RenFiles",
];

declare_rule! {
    /// ## What it does
    /// Flags the `DelReg`, `DelFiles`, `DelProperty`, `DelService` and `RenFiles` directives of
    /// the sections Windows processes for the INF (install sections, their `.HW` and
    /// `.Services` sections, service-install and event-log sections, and the sections they
    /// `Needs`).
    ///
    /// ## Why is this bad?
    /// The universal INF page lists these directives as invalid, and each of their pages says
    /// they are invalid for universal and Windows Driver packages. They clean up state — often
    /// state another package or an earlier version created — and their result depends on what
    /// was on the system before. Windows itself removes what a package added when the device
    /// or package is removed. InfVerif reports non-additive operations as 1308: a warning in
    /// `/k`, an error in `/u` and `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_CopyFiles
    /// DelReg    = Widget_OldSettings
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_CopyFiles
    /// ```
    ///
    /// ## References
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [INF DelReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-delreg-directive)
    /// - [INF validation errors and warnings (1308)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static NON_ADDITIVE_DIRECTIVE = {
        code: "INF1308",
        name: "non-additive-directive",
        category: Universal,
        infverif: Some(1308),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file",
        summary: "Non-additive directive (DelReg, DelFiles, DelProperty, DelService, RenFiles)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    for (index, name, p) in graph.directive_lines(cx.inf, &NON_ADDITIVE) {
        // Co-installer sections belong to the installer rules.
        if p.role == Role::CoInstallers {
            continue;
        }
        out.push(
            Finding::at(cx.inf.line(index).span(), format!("non-additive directive `{name}` in `[{}]`", p.section))
                .help("remove it: a universal INF only adds, and Windows removes what the package added when the device or package is removed"),
        );
    }
}
