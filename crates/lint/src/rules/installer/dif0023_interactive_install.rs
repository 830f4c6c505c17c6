//! DIF0023: `InteractiveInstall` in `[ControlFlags]`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags `InteractiveInstall` lines of `[ControlFlags]`.
    ///
    /// ## Why is this bad?
    /// `InteractiveInstall` asks Windows to install the listed devices in a client-side,
    /// interactive context so that installers can show UI. Since Windows Vista device
    /// installation runs server-side and a client-side install cannot install devices; UI
    /// belongs in a finish-install action, and the flag should be used sparingly (it can cost
    /// the package its logo). (Information only.)
    ///
    /// ## Example
    /// ```inf
    /// [ControlFlags]
    /// InteractiveInstall = PCI\VEN_1234&DEV_5678
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [ControlFlags]
    /// ; no InteractiveInstall: UI, if any, comes from a finish-install action
    /// ```
    ///
    /// ## References
    /// - [INF ControlFlags section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-controlflags-section)
    /// - [Finish-install actions](https://learn.microsoft.com/windows-hardware/drivers/install/finish-install-actions--windows-vista-and-later-)
    pub static INTERACTIVE_INSTALL = {
        code: "DIF0023",
        name: "interactive-install",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Info),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-controlflags-section",
        summary: "InteractiveInstall in [ControlFlags]",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for line in cx.inf.find_lines("ControlFlags", "InteractiveInstall") {
        out.push(
            Finding::at(
                line.span(),
                "`InteractiveInstall` asks for a client-side, interactive device installation",
            )
            .primary_label("device installation is server-side since Windows Vista")
            .help(
                "remove it and show UI from a finish-install action, or better from a device app",
            ),
        );
    }
}
