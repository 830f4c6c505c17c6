//! INF1322: a file copy whose destination is not DIRID 13.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::files::{copy_ops, dirid_span};

declare_rule! {
    /// ## What it does
    /// Flags the `[DestinationDirs]` lines that the CopyFiles of the processed install sections
    /// use when their DIRID is not 13 (the driver store).
    ///
    /// ## Why is this bad?
    /// An isolated driver package runs from the driver store: its files stay where Windows
    /// imported them, so updates, rollbacks and removal never leave stale copies in system32
    /// or elsewhere. Copy everything to DIRID 13, refer to service binaries as `%13%\file`,
    /// and store other paths in HKR. InfVerif reports a copy destination other than DIRID 13
    /// as error 1322 in `/w` only.
    ///
    /// ## Example
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CopyFiles = 12
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CopyFiles = 13
    /// ```
    ///
    /// ## References
    /// - [Run from driver store](https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store)
    /// - [Driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation)
    /// - [INF validation errors and warnings (1322)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static COPY_OUTSIDE_DRIVER_STORE = {
        code: "INF1322",
        name: "copy-outside-driver-store",
        category: Isolation,
        infverif: Some(1322),
        severities: Severities::infverif(None, None, Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store",
        summary: "File copy to a destination other than DIRID 13 (driver store)",
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
        if id == 13 || !seen.insert(dest.line.index) {
            continue;
        }
        let key = dest
            .key
            .as_ref()
            .map_or("DefaultDestDir", |k| k.text.trim());
        out.push(
            Finding::at(dirid_span(dest), format!("`{key}` copies files to DIRID {id}, not to the driver store (DIRID 13)"))
                .label(op.directive.span, "copied here")
                .help("copy the files to DIRID 13 and refer to them from there (`%13%\\file`), storing other paths in HKR"),
        );
    }
}
