//! DCK0152: a `[SourceDisksNames…]` / `[SourceDisksFiles…]` decoration Windows never reads.

use inf_parser::directives::SourceDisksSectionKind;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags `[SourceDisksNames.<x>]` and `[SourceDisksFiles.<x>]` sections whose decoration is
    /// not a bare architecture (`.x86`, `.amd64`, `.arm`, `.arm64`, `.ia64`), most often the
    /// install-section style `.ntamd64`, or `.x64`.
    ///
    /// ## Why is this bad?
    /// Unlike install sections, the source-media sections take the architecture without `nt`;
    /// Windows never reads `[SourceDisksFiles.ntamd64]`, so the files it lists have no source
    /// location on that platform and cannot be copied (unless an undecorated section happens
    /// to list them too).
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksFiles.ntamd64]
    /// widget.sys = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksFiles.amd64]
    /// widget.sys = 1
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF SourceDisksNames section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section)
    pub static UNRECOGNIZED_SOURCE_DISKS_DECORATION = {
        code: "DCK0152",
        name: "unrecognized-source-disks-decoration",
        category: Decoration,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "SourceDisksNames/Files decoration that Windows never reads",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let headers = inf.tree().headers();
    for s in inf.source_disks_sections() {
        let SourceDisksSectionKind::Unrecognized(suffix) = &s.kind else {
            continue;
        };
        let Some(section) = inf.section(&s.name) else {
            continue;
        };
        let lower = suffix.to_ascii_lowercase();
        let arch = lower
            .strip_prefix("nt")
            .and_then(inf_parser::Arch::parse)
            .or_else(|| (lower == "x64").then_some(inf_parser::Arch::Amd64));
        let base = if s.files {
            "SourceDisksFiles"
        } else {
            "SourceDisksNames"
        };
        let help = match arch {
            Some(a) => format!(
                "rename it `[{base}.{}]`: these sections take the bare architecture, without `nt`",
                a.name()
            ),
            None => format!(
                "use `[{base}]` or `[{base}.<arch>]` with arch x86, amd64, arm, arm64 or ia64"
            ),
        };
        out.push(
            Finding::at(headers[section.headers[0] as usize].span, format!("`[{}]` is never read: `.{suffix}` is not an architecture suffix Windows knows here", s.name))
                .help(help),
        );
    }
}
