//! INF1218: the `DriverVer` date is not `mm/dd/yyyy`.

use inf_parser::directives::DriverVerProblemKind;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks the date part of every `DriverVer` entry (in `[Version]` and in install
    /// sections): a two-digit month, a two-digit day and a four-digit year separated by `/`
    /// (or `-`), forming a real calendar date.
    ///
    /// ## Why is this bad?
    /// Windows ranks drivers by this date. A missing or invalid date is read as 00/00/0000, so
    /// the package loses against every dated driver for the device, and InfVerif rejects it
    /// (1218).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// DriverVer = 2025-07-15,1.0.0.0
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// DriverVer = 07/15/2025,1.0.0.0
    /// ```
    ///
    /// ## References
    /// - [INF DriverVer directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-driverver-directive)
    /// - [INF validation errors and warnings (1218)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static DRIVER_VER_DATE = {
        code: "INF1218",
        name: "driver-ver-date",
        category: Version,
        infverif: Some(1218),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-driverver-directive",
        summary: "DriverVer date is not a valid mm/dd/yyyy date",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for dv in super::driver_vers(cx.inf) {
        let Some(problem) = dv
            .problems
            .iter()
            .find(|p| p.kind.infverif_code() == Some(1218))
        else {
            continue;
        };
        let text = dv
            .date_text
            .as_ref()
            .map(|v| v.text.trim().to_owned())
            .unwrap_or_default();
        let message = match &problem.kind {
            DriverVerProblemKind::MissingDate => "`DriverVer` has no date".to_owned(),
            DriverVerProblemKind::DateNotMmDdYyyy => {
                format!("`DriverVer` date `{text}` is not `mm/dd/yyyy`")
            }
            DriverVerProblemKind::DateDigitCount => {
                format!(
                    "`DriverVer` date `{text}` needs a two-digit month and day and a four-digit year"
                )
            }
            DriverVerProblemKind::MonthOutOfRange { month } => {
                format!("`DriverVer` date `{text}`: there is no month {month}")
            }
            DriverVerProblemKind::DayOutOfRange { day } => {
                format!("`DriverVer` date `{text}`: day {day} does not exist in that month")
            }
            other => format!("`DriverVer` date `{text}` is invalid ({other:?})"),
        };
        out.push(
            Finding::at(problem.span, message)
                .help("write the date as `mm/dd/yyyy`, e.g. `07/15/2025`"),
        );
    }
}
