//! INF1254: a ServiceBinary value that cannot be read as an image path.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{image_path, service_install_sections, ImagePathError};

declare_rule! {
    /// ## What it does
    /// Reads the `ServiceBinary` value of every service-install section the way the service
    /// control manager reads an image path — a path in quotes, or the text up to the first
    /// blank — and flags values that do not parse: an opening quote without a closing one, or
    /// quotes around nothing.
    ///
    /// ## Why is this bad?
    /// The value becomes the service's ImagePath. If it cannot be parsed, the service points at
    /// no binary and cannot start. To put quotes into the value, INF syntax needs triple quotes
    /// (`"""%13%\Sub Dir\widget.sys"""`); a single pair is removed when the INF is read.
    /// InfVerif reports a ServiceBinary it cannot parse as an image path as error 1254. (An
    /// unquoted path with a blank parses, but names the wrong file: INF2084 reports that.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
    /// ErrorControl  = 1
    /// ServiceBinary = """%13%\Sub Dir\widget.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
    /// ErrorControl  = 1
    /// ServiceBinary = """%13%\Sub Dir\widget.sys"""
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [InfVerif error 2084](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-2084)
    /// - [INF validation errors and warnings (1254)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static UNPARSEABLE_SERVICE_BINARY = {
        code: "INF1254",
        name: "unparseable-service-binary",
        category: Services,
        infverif: Some(1254),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "ServiceBinary that cannot be parsed as an image path",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, s) in service_install_sections(cx).iter() {
        let Some(binary) = &s.service_binary else {
            continue;
        };
        let why = match image_path(&binary.value.text) {
            Ok(_) | Err(ImagePathError::Empty) => continue,
            Err(ImagePathError::UnbalancedQuote) => "has an opening quote without a closing one",
            Err(ImagePathError::EmptyQuoted) => "quotes an empty path",
        };
        out.push(
            Finding::at(binary.value.span, format!("ServiceBinary `{}` {why}", binary.value.text.trim()))
                .help("write `%13%\\widget.sys`, or `\"\"\"%13%\\Sub Dir\\widget.sys\"\"\"` when the path has blanks"),
        );
    }
}
