//! INF1323: an HKR write from a service-install section that is not under `Parameters`.

use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::{path_components, RegContext};
use crate::rules::registry::{reached_add_reg, subkey_text, value_name};

declare_rule! {
    /// ## What it does
    /// Flags `HKR` add-registry lines of the add-registry sections that service-install sections
    /// name (HKR is the service key there) whose subkey is not `Parameters` or below it.
    ///
    /// ## Why is this bad?
    /// The root of a service key holds the service's own configuration (ImagePath, Start, Type,
    /// DependOnService, triggers, …), which the service-install directives set; an isolated
    /// package creates keys and values only under the `Parameters` subkey, where the service
    /// reads its settings. InfVerif reports an HKR write from a service-install section that is
    /// not under Parameters as error 1323 in `/w` only.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Service_AddReg]
    /// HKR,,Mode,0x00010001,1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Service_AddReg]
    /// HKR,Parameters,Mode,0x00010001,1
    /// ```
    ///
    /// ## References
    /// - [Driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation)
    /// - [Porting an INF to follow driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/porting-inf-to-windows-driver)
    /// - [INF validation errors and warnings (1323)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICE_HKR_OUTSIDE_PARAMETERS = {
        code: "INF1323",
        name: "service-hkr-outside-parameters",
        category: Isolation,
        infverif: Some(1323),
        severities: Severities::infverif(None, None, Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation",
        summary: "HKR write from a service-install section outside the Parameters subkey",
        check: check,
    }
}

/// The service-install entry that sets a value of the service key root (the intrinsic service
/// state the isolation porting guide says to set with directives, not AddReg), if it is one.
fn intrinsic_entry(subkey: &str, value: &str) -> Option<&'static str> {
    if path_components(subkey)
        .first()
        .is_some_and(|c| c.eq_ignore_ascii_case("TriggerInfo"))
    {
        return Some("AddTrigger");
    }
    if !subkey.is_empty() {
        return None;
    }
    const ENTRIES: [(&str, &str); 15] = [
        ("Start", "StartType"),
        ("Type", "ServiceType"),
        ("ErrorControl", "ErrorControl"),
        ("ImagePath", "ServiceBinary"),
        ("DisplayName", "DisplayName"),
        ("Description", "Description"),
        ("Group", "LoadOrderGroup"),
        ("DependOnService", "Dependencies"),
        ("DependOnGroup", "Dependencies"),
        ("ObjectName", "StartName"),
        ("RequiredPrivileges", "RequiredPrivileges"),
        ("ServiceSidType", "ServiceSidType"),
        ("DelayedAutostart", "DelayedAutoStart"),
        ("FailureActions", "FailureActions"),
        ("BootFlags", "BootFlags"),
    ];
    ENTRIES
        .iter()
        .find(|(v, _)| v.eq_ignore_ascii_case(value.trim()))
        .map(|(_, e)| *e)
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in reached_add_reg(cx).iter() {
        let line = &r.line;
        if r.context != RegContext::Service || line.root != RegRoot::Hkr || line.skip().is_some() {
            continue;
        }
        let sub = subkey_text(&line.subkey);
        if path_components(sub)
            .first()
            .is_some_and(|c| c.eq_ignore_ascii_case("Parameters"))
            || !seen.insert(line.line.index)
        {
            continue;
        }
        let what = match (sub, value_name(line)) {
            ("", "") => "the service key's default value".to_owned(),
            ("", name) => format!("`{name}` in the root of the service key"),
            (sub, _) => format!("`{sub}` under the service key"),
        };
        let service = r.service.as_deref().unwrap_or("");
        let help = match intrinsic_entry(sub, value_name(line)) {
            Some(entry) => format!("this is service configuration: set it with the `{entry}` entry of the service-install section instead of AddReg"),
            None => "put the service's settings under `HKR,Parameters` (or a subkey of it)".to_owned(),
        };
        out.push(
            Finding::at(
                line.subkey.as_ref().map_or(line.line.span, |s| s.span),
                format!("service `{service}` gets {what}, outside `Parameters`"),
            )
            .help(help),
        );
    }
}
