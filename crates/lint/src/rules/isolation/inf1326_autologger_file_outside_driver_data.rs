//! INF1326: an AutoLogger log file outside `%DriverData%`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// For every AddAutoLogger directive of a `[DDInstall.Events]` section Windows processes,
    /// checks the `FileName` of its add-autologger-install section: the log file path must
    /// start with `%DriverData%` (written `%%DriverData%%` in the INF).
    ///
    /// ## Why is this bad?
    /// An isolated driver package writes its data files only under the DriverData directory
    /// that Windows provides for drivers; a log anywhere else (system32, the Windows directory,
    /// a fixed drive path) escapes the package's isolation and may not be writable. InfVerif
    /// reports a data file path that is not under `%%DriverData%%` as 1326: a warning in `/k`
    /// and `/u`, an error in `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AutoLogger_Inst]
    /// Start    = 1
    /// FileName = "%%SystemRoot%%\System32\LogFiles\Widget.etl"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AutoLogger_Inst]
    /// Start    = 1
    /// FileName = "%%DriverData%%\Widget.etl"
    /// ```
    ///
    /// ## References
    /// - [INF AddAutoLogger and UpdateAutoLogger directives](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addupdateautologger-directive)
    /// - [Driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation)
    /// - [INF validation errors and warnings (1326)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static AUTOLOGGER_FILE_OUTSIDE_DRIVER_DATA = {
        code: "INF1326",
        name: "autologger-file-outside-driver-data",
        category: Isolation,
        infverif: Some(1326),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Warning), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addupdateautologger-directive",
        summary: "AutoLogger log file outside %DriverData%",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, file) in super::directive_settings(
        cx,
        inf_parser::InstallSuffix::Events,
        "AddAutoLogger",
        3,
        "FileName",
    ) {
        let path = file
            .field(1)
            .map(|t| t.trim().trim_matches('"').to_owned())
            .unwrap_or_default();
        let under = path
            .get(..12)
            .is_some_and(|p| p.eq_ignore_ascii_case("%DriverData%"));
        if path.is_empty() || under {
            continue;
        }
        out.push(
                Finding::at(file.field_span(1).unwrap_or_else(|| file.span()), format!("AutoLogger log file `{path}` is not under `%DriverData%`"))
                    .help("write the log under the driver data directory: `FileName = \"%%DriverData%%\\<name>.etl\"`"),
            );
    }
}
