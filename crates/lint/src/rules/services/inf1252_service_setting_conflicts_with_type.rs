//! INF1252: a service-install setting that its ServiceType does not support.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::service_install_sections;

declare_rule! {
    /// ## What it does
    /// Flags service-install entries that the AddService documentation limits to the other
    /// kind of service than the section's `ServiceType`:
    /// - for a kernel or file system driver (0x1, 0x2): `RequiredPrivileges`, `ServiceSidType`,
    ///   `DelayedAutoStart`, `AddTrigger` and `FailureActions`, which "can only be used for
    ///   Win32 services";
    /// - for a Win32 service (0x10, 0x20): `BootFlags`, which "can only be used with
    ///   kernel-mode driver services", and `StartType` 0 (boot) or 1 (system), start types
    ///   the operating system loader and kernel initialization use for drivers only.
    ///
    /// ## Why is this bad?
    /// The setting does nothing for that kind of service, or makes the service control manager
    /// reject the service, so the INF does not do what it says. InfVerif reports a service
    /// setting that conflicts with, or is unsupported for, its ServiceType as warning 1252 in
    /// every mode (Microsoft does not publish its exact list; difcheck checks the documented
    /// conflicts above).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType      = 1
    /// StartType        = 3
    /// ErrorControl     = 1
    /// ServiceBinary    = %13%\widget.sys
    /// DelayedAutoStart = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Service_Inst]
    /// ServiceType      = 1
    /// StartType        = 3
    /// ErrorControl     = 1
    /// ServiceBinary    = %13%\widget.sys
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF validation errors and warnings (1252)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICE_SETTING_CONFLICTS_WITH_TYPE = {
        code: "INF1252",
        name: "service-setting-conflicts-with-type",
        category: Services,
        infverif: Some(1252),
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "Service-install setting unsupported for the section's ServiceType",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, s) in service_install_sections(cx).iter() {
        let Some(Ok(service_type)) = s.service_type.as_ref().map(|t| t.value) else {
            continue;
        };
        let driver = matches!(service_type, 0x1 | 0x2);
        let win32 = service_type & 0x30 != 0 && service_type & !0x130 == 0;
        let type_span = s.service_type.as_ref().map(|t| t.entry.value.span);
        let mut report = |span: inf_parser::Span, message: String, help: &str| {
            let mut f = Finding::at(span, message).help(help.to_owned());
            if let Some(t) = type_span {
                f = f.label(t, format!("ServiceType {service_type:#x}"));
            }
            out.push(f);
        };
        if driver {
            let win32_only: Vec<(&str, inf_parser::Span)> = [
                (
                    "ServiceSidType",
                    s.service_sid_type.as_ref().map(|n| n.entry.line.span),
                ),
                (
                    "DelayedAutoStart",
                    s.delayed_auto_start.as_ref().map(|n| n.entry.line.span),
                ),
                (
                    "RequiredPrivileges",
                    s.required_privileges
                        .first()
                        .map(|f| cx.inf.line(f.line).span()),
                ),
            ]
            .into_iter()
            .filter_map(|(k, span)| span.map(|sp| (k, sp)))
            .chain(s.other.iter().filter_map(|e| {
                let k = e.key.text.trim();
                ["AddTrigger", "FailureActions"]
                    .into_iter()
                    .find(|w| w.eq_ignore_ascii_case(k))
                    .map(|w| (w, e.line.span))
            }))
            .collect();
            for (key, span) in win32_only {
                report(span, format!("`{key}` in `[{}]` applies only to Win32 services, not to a driver (ServiceType {service_type:#x})", s.section), "remove the entry, or use a Win32 service (ServiceType 0x10 or 0x20) if that is what the section installs");
            }
        }
        if win32 {
            if let Some(b) = &s.boot_flags {
                report(
                    b.entry.line.span,
                    format!(
                        "`BootFlags` in `[{}]` applies only to kernel-mode driver services",
                        s.section
                    ),
                    "remove `BootFlags`; it promotes drivers to boot start",
                );
            }
            if let Some(start) = s
                .start_type
                .as_ref()
                .filter(|t| matches!(t.value, Ok(0) | Ok(1)))
            {
                report(
                    start.entry.value.span,
                    format!("Win32 service in `[{}]` has StartType {} (boot or system start, which only drivers use)", s.section, start.entry.value.text.trim()),
                    "use StartType 2 (auto), 3 (demand) or 4 (disabled) for a Win32 service",
                );
            }
        }
    }
}
