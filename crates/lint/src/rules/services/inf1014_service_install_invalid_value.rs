//! INF1014: a mandatory service-install entry with an invalid value.

use inf_parser::directives::{ServiceNumber, ServiceNumberError};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::service_install_sections;

/// The ServiceType values the AddService documentation gives: kernel driver, file system
/// driver, Win32 own/shared process, each Win32 type optionally with SERVICE_INTERACTIVE_PROCESS.
const SERVICE_TYPES: [u32; 6] = [0x1, 0x2, 0x10, 0x20, 0x110, 0x120];

declare_rule! {
    /// ## What it does
    /// Checks the values of the mandatory numeric entries of every service-install section an
    /// AddService directive names:
    /// - `ServiceType`: 0x1 (kernel driver), 0x2 (file system driver), 0x10 or 0x20 (Win32
    ///   service), optionally with 0x100 (interactive) for a Win32 service;
    /// - `StartType`: 0 to 4;
    /// - `ErrorControl`: 0 to 3.
    ///
    /// Each must also be a number.
    ///
    /// ## Why is this bad?
    /// SetupAPI hands these values to the service control manager, which rejects anything
    /// outside the documented ranges; a value that is not a number makes SetupAPI fail the
    /// section. The service is not installed and the device installation fails. InfVerif
    /// reports a mandatory key whose data is invalid as error 1014.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 5
    /// ErrorControl  = 1
    /// ServiceBinary = %13%\widget.sys
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
    /// - [INF validation errors and warnings (1014)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICE_INSTALL_INVALID_VALUE = {
        code: "INF1014",
        name: "service-install-invalid-value",
        category: Services,
        infverif: Some(1014),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "ServiceType, StartType or ErrorControl value that is invalid",
        check: check,
    }
}

/// A mandatory numeric entry: its key, its value, whether a number is valid, what is valid.
type Entry<'a> = (
    &'static str,
    &'a Option<ServiceNumber>,
    fn(u32) -> bool,
    &'static str,
);

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, install) in service_install_sections(cx).iter() {
        let entries: [Entry<'_>; 3] = [
            (
                "ServiceType",
                &install.service_type,
                |v| SERVICE_TYPES.contains(&v),
                "0x1 (kernel driver), 0x2 (file system driver), 0x10 or 0x20 (Win32 service)",
            ),
            (
                "StartType",
                &install.start_type,
                |v| v <= 4,
                "0 (boot) to 4 (disabled); 3 (demand) for PnP drivers",
            ),
            (
                "ErrorControl",
                &install.error_control,
                |v| v <= 3,
                "0 (ignore) to 3 (critical); usually 1 (normal)",
            ),
        ];
        for (key, slot, valid, allowed) in entries {
            let Some(number) = slot else { continue };
            let value = &number.entry.value;
            // An undefined `%strkey%` is INF1235's finding.
            if value.text.contains('%') {
                continue;
            }
            let problem = match number.value {
                Ok(v) if valid(v) => continue,
                Ok(v) => format!("`{key}` is {v}, which is not a valid value"),
                Err(ServiceNumberError::Missing) => format!("`{key}` has no value"),
                Err(_) => format!("`{key}` value `{}` is not a number", value.text.trim()),
            };
            out.push(
                Finding::at(value.span, format!("{problem} in `[{}]`", install.section))
                    .help(format!("use {allowed}")),
            );
        }
    }
}
