//! INF1217: the `DriverVer` version is not `w.x.y.z` with parts in range.

use inf_parser::directives::DriverVerProblemKind;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks the version part of every `DriverVer` entry (in `[Version]` and in install
    /// sections): four dot-separated decimal numbers, each at most 65535, not `0.0.0.0`.
    ///
    /// ## Why is this bad?
    /// Windows ranks drivers of equal date by this version and shows it to users. A version
    /// with the wrong number of parts, a part that does not fit in 16 bits or an all-zero
    /// version is invalid, and InfVerif rejects it (1217). The DriverVer page asks for parts
    /// below 65535 while InfVerif's message says 0–65536; difcheck reports only values that
    /// cannot be stored at all.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// DriverVer = 07/15/2025,1.2
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// DriverVer = 07/15/2025,1.2.0.0
    /// ```
    ///
    /// ## References
    /// - [INF DriverVer directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-driverver-directive)
    /// - [INF validation errors and warnings (1217)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static DRIVER_VER_VERSION = {
        code: "INF1217",
        name: "driver-ver-version",
        category: Version,
        infverif: Some(1217),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-driverver-directive",
        summary: "DriverVer version is not four numbers w.x.y.z in range",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for dv in super::driver_vers(cx.inf) {
        let Some(problem) = dv
            .problems
            .iter()
            .find(|p| p.kind.infverif_code() == Some(1217))
        else {
            continue;
        };
        let text = dv
            .version_text
            .as_ref()
            .map(|v| v.text.trim().to_owned())
            .unwrap_or_default();
        let message = match &problem.kind {
            DriverVerProblemKind::VersionNotDotted => {
                format!("`DriverVer` version `{text}` is not dot-separated numbers")
            }
            DriverVerProblemKind::VersionPartCount { count } => {
                format!(
                    "`DriverVer` version `{text}` has {count} part{} instead of 4",
                    if *count == 1 { "" } else { "s" }
                )
            }
            DriverVerProblemKind::VersionPartTooLarge { index } => {
                format!(
                    "`DriverVer` version `{text}`: part {} does not fit in 16 bits",
                    index + 1
                )
            }
            DriverVerProblemKind::VersionAllZero => {
                "`DriverVer` version `0.0.0.0` is invalid".to_owned()
            }
            other => format!("`DriverVer` version `{text}` is invalid ({other:?})"),
        };
        out.push(
            Finding::at(problem.span, message)
                .help("write the version as four numbers from 0 to 65534, e.g. `1.0.0.0`"),
        );
    }
}
