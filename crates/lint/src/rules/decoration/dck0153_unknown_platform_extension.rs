//! DCK0153: an install section whose platform extension Windows never chooses.

use inf_parser::Arch;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::structure::{section_graph, INSTALL_ENTRY_POINTS};

declare_rule! {
    /// ## What it does
    /// For every install-section base (the install sections Models entries name, and
    /// `DefaultInstall`, `DefaultUninstall`, `ClassInstall32`), flags sections named
    /// `<base>.NT<x>` (optionally followed by a suffix such as `.Services`) where `<x>` is not
    /// an architecture (`x86`, `amd64`, `arm`, `arm64`, `ia64`), such as `.NTx64`; and, for the
    /// Models install bases, `<base>.<arch>` without `NT`.
    ///
    /// ## Why is this bad?
    /// Windows chooses among `<base>.NT<arch>`, `<base>.NT` and `<base>` only; any other
    /// extension is never chosen, so the section (and everything it installs) is ignored on
    /// every platform. `x64` is a frequent mistake for `amd64`.
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NTx64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NTamd64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section)
    /// - [Creating INF files for multiple platforms and operating systems](https://learn.microsoft.com/windows-hardware/drivers/install/creating-inf-files-for-multiple-platforms-and-operating-systems)
    pub static UNKNOWN_PLATFORM_EXTENSION = {
        code: "DCK0153",
        name: "unknown-platform-extension",
        category: Decoration,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section",
        summary: "Install section with a platform extension Windows never chooses",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let graph = section_graph(cx);
    let mut bases: Vec<(String, bool)> = graph
        .install_bases()
        .map(|b| (b.to_owned(), true))
        .collect();
    bases.extend(
        INSTALL_ENTRY_POINTS
            .iter()
            .map(|b| (b.to_ascii_lowercase(), false)),
    );
    let headers = inf.tree().headers();
    for s in inf.sections() {
        let name = s.name.trim();
        let lower = name.to_ascii_lowercase();
        for (base, from_models) in &bases {
            let Some(rest) = lower
                .strip_prefix(base.as_str())
                .and_then(|r| r.strip_prefix('.'))
            else {
                continue;
            };
            // The section may itself be another, longer install base (`X.Dev` next to `X`).
            if graph.is_install_base(name) {
                continue;
            }
            let extension = rest.split('.').next().unwrap_or("");
            let problem = match extension.strip_prefix("nt") {
                Some("") => None,
                Some(arch) if Arch::parse(arch).is_some() => None,
                // Only arch-like tokens: `Inst.NTFS_Files` is a section of its own.
                Some(arch)
                    if arch.len() > 6
                        || !arch.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                {
                    None
                }
                Some(arch) => Some(format!(
                    "`{arch}` is not an architecture{}",
                    if arch == "x64" {
                        " (write `NTamd64`)"
                    } else {
                        ""
                    }
                )),
                None if *from_models && Arch::parse(extension).is_some() => Some(format!(
                    "install sections take `.NT{extension}`, not `.{extension}`"
                )),
                None => None,
            };
            let Some(problem) = problem else { continue };
            out.push(
                Finding::at(headers[s.headers[0] as usize].span, format!("`[{name}]` is never used: {problem}"))
                    .help("Windows chooses `<section>.NT<arch>`, `<section>.NT` or `<section>`, with arch x86, amd64, arm, arm64 or ia64"),
            );
            break;
        }
    }
}
