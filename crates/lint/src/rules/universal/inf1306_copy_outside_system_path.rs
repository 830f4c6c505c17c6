//! INF1306: a file copy whose destination is not under the Windows directory.

use inf_parser::dirid::dirid_info;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::files::{classify_dirid, copy_ops, dirid_span, DiridClass};

/// DIRIDs under `%SystemRoot%` (using-dirids.md; print/printer-dirids.md): the Windows
/// directory, system32, drivers, the driver store, INF, help, fonts, viewers, color, shared,
/// system, spool and print directories, SysWOW64 and the printer DIRIDs.
const UNDER_SYSTEM_ROOT: [i64; 16] = [
    10, 11, 12, 13, 17, 18, 20, 21, 23, 25, 50, 51, 52, 55, 16425, 66000,
];

fn under_system_root(id: i64) -> bool {
    UNDER_SYSTEM_ROOT.contains(&id) || (66000..=66004).contains(&id)
}

declare_rule! {
    /// ## What it does
    /// Flags the `[DestinationDirs]` lines that the CopyFiles of the processed install sections
    /// use when their DIRID names a directory outside `%SystemRoot%`: the system or boot drive
    /// root (24, 30, 54), the installation source (1), the user profile (53), an absolute path
    /// (-1), Program Files and the all-users shell folders (16406–16430, except 16425
    /// SysWOW64). User-defined and undocumented DIRIDs are INF1241's and INF1243's business.
    ///
    /// ## Why is this bad?
    /// A universal INF copies files only to system locations (the universal INF page lists DIRIDs
    /// 11, 12, 13 and 10 with a subdirectory), so the install works on every Windows edition
    /// and Windows can remove what it placed. Ship applications with AddSoftware and keep
    /// driver files in DIRID 13. InfVerif reports a file copy to a target that is not under
    /// `%SystemRoot%` as 1306: a warning in `/k`, an error in `/u`; `/w` reports every
    /// destination other than DIRID 13 as 1322 instead.
    ///
    /// ## Example
    /// ```inf
    /// [DestinationDirs]
    /// Widget_Tools = 16422,Contoso\Widget
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DestinationDirs]
    /// Widget_Tools = 13
    /// ```
    ///
    /// ## References
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [INF validation errors and warnings (1306)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static COPY_OUTSIDE_SYSTEM_PATH = {
        code: "INF1306",
        name: "copy-outside-system-path",
        category: Universal,
        infverif: Some(1306),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), None),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file",
        summary: "File copy to a destination outside %SystemRoot%",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    let all = copy_ops(cx);
    let mut ops: Vec<&crate::rules::files::CopyOp> = all.iter().collect();
    ops.sort_by_key(|o| o.dest.as_ref().map(|d| d.line.span.start));
    for op in ops {
        let Some(dest) = &op.dest else { continue };
        let Ok(id) = dest.dirid else { continue };
        if under_system_root(id)
            || !matches!(
                classify_dirid(id),
                DiridClass::Standard | DiridClass::ShellFolder
            )
        {
            continue;
        }
        if !seen.insert(dest.line.index) {
            continue;
        }
        let meaning = dirid_info(id).map_or("a shell folder", |d| d.meaning);
        out.push(
            Finding::at(dirid_span(dest), format!("files are copied to DIRID {id}, {meaning}, outside `%SystemRoot%`"))
                .label(op.directive.span, "copied here")
                .help("copy driver files to DIRID 13 (the driver store); ship applications as an app with AddSoftware"),
        );
    }
}
