//! DIF0011: an installer DLL copied somewhere other than the system directory (DIRID 11).

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, ships_dll, string_span, targets_of, what};

declare_rule! {
    /// ## What it does
    /// Flags a co-installer or class-installer DLL that the INF copies to a destination other
    /// than DIRID 11 (`%SystemRoot%\System32`), or into a subfolder of it, according to
    /// `[DestinationDirs]`.
    ///
    /// ## Why is this bad?
    /// All co-installer files go to the system directory (DIRID 11), and a class co-installer
    /// or class installer DLL must be copied there too: SetupAPI loads installers by file name
    /// from the system directory. A DLL copied to DIRID 12, 13 (the driver store) or a
    /// subfolder is not found, so the installer is never called; Windows then marks the class
    /// installer failed (`DI_FLAGSEX_CI_FAILED`).
    ///
    /// ## Example
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CoInstaller_CopyFiles = 12
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CoInstaller_CopyFiles = 11
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall.CoInstallers section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section)
    /// - [INF DestinationDirs section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-destinationdirs-section)
    pub static INSTALLER_DLL_NOT_IN_SYSTEM_DIRECTORY = {
        code: "DIF0011",
        name: "installer-dll-not-in-system-directory",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-coinstallers-section",
        summary: "Co-installer or class-installer DLL copied outside the system directory",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        if !ships_dll(i) {
            continue;
        }
        let Some(copy) = i.copied.as_ref().or(i.copied_elsewhere.first()) else {
            continue;
        };
        let Some(dirid) = copy.dirid else { continue };
        let subdir = copy
            .subdir
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let where_to = match (dirid, subdir) {
            (11, None) => continue,
            // %10%\System32 is the system directory itself.
            (10, Some(sub))
                if sub
                    .trim_matches(['\\', '/'])
                    .eq_ignore_ascii_case("system32") =>
            {
                continue
            }
            (11, Some(sub)) => format!("the subfolder `{sub}` of DIRID 11"),
            (d, Some(sub)) => format!("DIRID {d}, subfolder `{sub}`"),
            (d, None) => format!("DIRID {d}"),
        };
        let Some(span) = string_span(i) else { continue };
        let dll = i.loaded_file_name();
        let mut finding = Finding::at(
            span,
            format!(
                "the {} DLL `{dll}` is copied to {where_to}, not to the system directory",
                what(i.role)
            ),
        )
        .primary_label("SetupAPI loads installers from the system directory")
        .help("copy installer DLLs to DIRID 11 (`%SystemRoot%\\System32`) with no subfolder")
        .targets(targets_of(cx, &r.labels));
        if let Some(line) = copy.dirid_origin.line() {
            finding = finding.label(line.span, "destination set here");
        }
        finding = finding.label(
            copy.copyfiles_line.span,
            format!("copied by [{}]", copy.section),
        );
        out.push(finding);
    }
}
