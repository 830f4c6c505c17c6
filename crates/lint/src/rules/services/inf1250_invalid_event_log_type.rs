//! INF1250: an AddService EventLogType other than System, Security or Application.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_service;

declare_rule! {
    /// ## What it does
    /// Checks field 5 of every AddService line, the event log type: when given, it must be
    /// `System`, `Security` or `Application` (case-insensitive).
    ///
    /// ## Why is this bad?
    /// The event log type picks the log under `Services\EventLog` that the event-log install
    /// section writes to. Another name creates a log no viewer shows, or fails. Omit the field
    /// for the default, System, which is almost always right for a driver. InfVerif reports it
    /// as error 1250.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service_Inst, Widget_EventLog_Inst, Sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service_Inst, Widget_EventLog_Inst, System
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF validation errors and warnings (1250)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static INVALID_EVENT_LOG_TYPE = {
        code: "INF1250",
        name: "invalid-event-log-type",
        category: Services,
        infverif: Some(1250),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "AddService event log type other than System, Security or Application",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, a) in every_add_service(cx).iter() {
        let Some(kind) = &a.event_log_type else {
            continue;
        };
        let t = kind.text.trim();
        if ["System", "Security", "Application"]
            .iter()
            .any(|k| k.eq_ignore_ascii_case(t))
        {
            continue;
        }
        out.push(
            Finding::at(
                kind.span,
                format!("event log type `{t}` is not System, Security or Application"),
            )
            .help(
                "use `System` (the default when the field is empty), `Application` or `Security`",
            ),
        );
    }
}
