//! DIF0024: a built installer DLL whose architecture does not match the platform that
//! registers it.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{built_dll, machine_arch, registered, string_span, what};

declare_rule! {
    /// ## What it does
    /// When the package folder holds the built co-installer or class-installer DLL (where
    /// `[SourceDisksNames]` and `[SourceDisksFiles]` put it, or beside the INF), reads the
    /// machine type of its PE header and flags a DLL whose architecture differs from that of
    /// the INF platform section registering it (an x86 DLL registered for `NTamd64`, …).
    ///
    /// ## Why is this bad?
    /// Installers are loaded into the device installation process, which on 64-bit Windows is
    /// a 64-bit process: 32- and 64-bit builds of class installers and co-installers must both
    /// be provided, each registered from its own platform's sections. A DLL of the wrong
    /// architecture does not load, so the installer is never called (and a class installer
    /// that fails to load is marked failed for the rest of the installation).
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksNames.amd64]
    /// 1 = %Disk%,,,\x86
    ///
    /// [SourceDisksFiles.amd64]
    /// WidgetCo.dll = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksNames.amd64]
    /// 1 = %Disk%,,,\amd64
    ///
    /// [SourceDisksFiles.amd64]
    /// WidgetCo.dll = 1
    /// ```
    ///
    /// ## References
    /// - [Device installations on 64-bit systems](https://learn.microsoft.com/windows-hardware/drivers/install/device-installations-on-64-bit-systems)
    /// - [INF SourceDisksNames section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section)
    pub static INSTALLER_DLL_ARCHITECTURE_MISMATCH = {
        code: "DIF0024",
        name: "installer-dll-architecture-mismatch",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: PackageFiles,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/device-installations-on-64-bit-systems",
        summary: "Installer DLL built for another architecture than the platform that registers it",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        if r.installer.role.dispatch_role().is_none() || r.installer.inbox {
            continue;
        }
        for (arch, installer, label) in &r.per_arch {
            let Some(dll) = built_dll(cx, installer) else {
                continue;
            };
            let Some(built) = machine_arch(dll.machine) else {
                continue;
            };
            if built == *arch {
                continue;
            }
            let Some(span) = string_span(installer) else {
                continue;
            };
            let targets = match label {
                Some(l) if r.per_arch.len() > 1 || cx.installer_chains().len() > 1 => {
                    vec![l.clone()]
                }
                _ => Vec::new(),
            };
            out.push(
                Finding::at(
                    span,
                    format!(
                        "the {} DLL `{}` is built for {}, but registered for {}",
                        what(installer.role),
                        dll.shown,
                        built.name(),
                        arch.name()
                    ),
                )
                .primary_label(format!("the {} image does not load in the {} installation process", built.name(), arch.name()))
                .help(format!("ship a {} build of the DLL for this platform (its own SourceDisksNames/SourceDisksFiles path)", arch.name()))
                .targets(targets),
            );
        }
    }
}
