//! DCK0102: `LayoutFile` in a third-party INF.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `LayoutFile` entry in `[Version]`.
    ///
    /// ## Why is this bad?
    /// `LayoutFile` names the layout INF that describes the Windows distribution media; the
    /// Version page reserves it for system-supplied INFs (and it only ever mattered on
    /// Windows 2000 and XP). A vendor package describes its own files with
    /// `[SourceDisksNames]` and `[SourceDisksFiles]` instead.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// LayoutFile = layout.inf
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    ///
    /// [SourceDisksNames]
    /// 1 = %Disk%
    ///
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    pub static LAYOUT_FILE = {
        code: "DCK0102",
        name: "layout-file",
        category: Version,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "LayoutFile is for system-supplied INFs only",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let version = cx.version();
    let Some(layout) = &version.layout_file else {
        return;
    };
    out.push(
        Finding::at(layout.key.span, "`LayoutFile` is reserved for system-supplied INFs")
            .help("remove `LayoutFile` and list the package's files in `[SourceDisksNames]` and `[SourceDisksFiles]`"),
    );
}
