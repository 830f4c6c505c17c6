//! DIF0012: an installer DLL missing from `[SourceDisksFiles]` or from its disk's entry.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, ships_dll, string_span, targets_of, uses_layout_file, what};

declare_rule! {
    /// ## What it does
    /// Flags a co-installer or class-installer DLL that the INF copies but does not list in
    /// `[SourceDisksFiles]` (or the section for the target's architecture), or whose disk is
    /// not listed in `[SourceDisksNames]`. INFs with a `LayoutFile` (system INFs) are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// An IHV `.CoInstallers` section needs SourceDisksNames and SourceDisksFiles entries for
    /// every file it copies: without them the DLL is not part of the driver package (it is not
    /// staged in the driver store or covered by the catalog), the copy fails, and the installer
    /// is never loaded.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_CopyFiles]
    /// WidgetCo.dll
    ///
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys   = 1
    /// WidgetCo.dll = 1
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    pub static INSTALLER_DLL_NOT_ON_SOURCE_DISK = {
        code: "DIF0012",
        name: "installer-dll-not-on-source-disk",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "Co-installer or class-installer DLL missing from SourceDisksFiles or SourceDisksNames",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if uses_layout_file(cx) {
        return;
    }
    for r in registered(cx) {
        let i = r.installer;
        if !ships_dll(i) {
            continue;
        }
        let Some(copy) = i.copied.as_ref().or(i.copied_elsewhere.first()) else {
            continue;
        };
        let Some(span) = string_span(i) else { continue };
        let finding = match &i.source_disk {
            None => Finding::at(
                span,
                format!(
                    "the {} DLL `{}` is not listed in [SourceDisksFiles]",
                    what(i.role),
                    copy.source_name
                ),
            )
            .primary_label("not part of the driver package")
            .help(format!(
                "add `{} = <disk id>` to [SourceDisksFiles] (or the section for the architecture)",
                copy.source_name
            )),
            Some(entry) if !entry.disk_listed && entry.disk_id.is_ok() => Finding::at(
                span,
                format!(
                    "the {} DLL `{}` is on disk {}, which [SourceDisksNames] does not list",
                    what(i.role),
                    copy.source_name,
                    entry.disk_id.as_ref().map_or(0, |d| *d)
                ),
            )
            .primary_label("its source disk is unknown")
            .label(entry.line.span, "listed here")
            .help("add the disk to [SourceDisksNames] (or the section for the architecture)"),
            Some(_) => continue,
        };
        let finding = finding
            .label(
                copy.copyfiles_line.span,
                format!("copied by [{}]", copy.section),
            )
            .targets(targets_of(cx, &r.labels));
        out.push(finding);
    }
}
