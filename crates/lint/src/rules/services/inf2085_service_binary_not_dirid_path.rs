//! INF2085: a ServiceBinary that is not a path under a DIRID.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{dirid_path, image_path, service_install_sections};

declare_rule! {
    /// ## What it does
    /// Reads the `ServiceBinary` value of every service-install section as an image path and
    /// flags paths that do not start with a `%dirid%` token, such as
    /// `\SystemRoot\System32\drivers\widget.sys`, `System32\drivers\widget.sys` or
    /// `C:\Windows\System32\drivers\widget.sys`.
    ///
    /// ## Why is this bad?
    /// The AddService documentation specifies the path "expressed as %dirid%\filename", where
    /// the file is one CopyFiles placed in that directory. Another form ties the service to a
    /// fixed location that the package does not control (and, for run-from-driver-store
    /// packages, not to the package's own copy). InfVerif reports a service binary not written
    /// under a DIRID as error 2085.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
    /// ErrorControl  = 1
    /// ServiceBinary = \SystemRoot\System32\drivers\widget.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
    /// ErrorControl  = 1
    /// ServiceBinary = %13%\widget.sys
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [Run from driver store](https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store)
    /// - [INF validation errors and warnings (2085)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICE_BINARY_NOT_DIRID_PATH = {
        code: "INF2085",
        name: "service-binary-not-dirid-path",
        category: Services,
        infverif: Some(2085),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "ServiceBinary not written as a path under a DIRID",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, s) in service_install_sections(cx).iter() {
        let Some(binary) = &s.service_binary else {
            continue;
        };
        let Ok(image) = image_path(&binary.value.text) else {
            continue;
        };
        // `%dirid%\…` is right; any other `%token%` left after substitution is an undefined
        // `%strkey%`, which is INF1235's finding.
        if dirid_path(&image.path).is_some() || image.path.contains('%') {
            continue;
        }
        out.push(
            Finding::at(binary.value.span, format!("ServiceBinary `{}` is not a path under a DIRID", image.path))
                .help("write the path as `%dirid%\\file` for a file CopyFiles places there, e.g. `%13%\\widget.sys`"),
        );
    }
}
