//! INF1284: the class is reserved for system use.

use dif_model::catalog::{setup_class_by_guid, setup_class_by_name, ClassAvailability};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a `[Version]` whose `Class` or `ClassGuid` is one of the system-defined setup
    /// classes reserved for system use (`Computer`, `USB`, `LegacyDriver`, `Unknown`, …).
    ///
    /// ## Why is this bad?
    /// Microsoft supplies the drivers for these classes; vendors must use a class available
    /// to vendors or define their own. InfVerif rejects it (1284).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = USB
    /// ClassGuid = {36fc9e60-c465-11cf-8056-444553540000}
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = USBDevice
    /// ClassGuid = {88bae032-5a81-49f0-bc3d-a4ff138216d6}
    /// ```
    ///
    /// ## References
    /// - [System-defined device setup classes reserved for system use](https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-reserved-for-system-use)
    /// - [System-defined device setup classes available to vendors](https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-available-to-vendors)
    pub static RESERVED_CLASS = {
        code: "INF1284",
        name: "reserved-class",
        category: Version,
        infverif: Some(1284),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-reserved-for-system-use",
        summary: "Setup class reserved for system use",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let v = cx.version();
    let reserved =
        |c: &dif_model::catalog::SetupClass| c.availability == ClassAvailability::ReservedForSystem;
    if let Some(class) = &v.class {
        if let Some(c) = setup_class_by_name(class.value.text.trim()).filter(|c| reserved(c)) {
            out.push(reserved_finding(class.value.span, c.name));
            return;
        }
    }
    if let Some(guid) = &v.class_guid {
        let Ok(g) = guid.guid else { return };
        if let Some(c) = setup_class_by_guid(&g.to_string()).filter(|c| reserved(c)) {
            out.push(reserved_finding(guid.entry.value.span, c.name));
        }
    }
}

fn reserved_finding(span: inf_parser::Span, name: &str) -> Finding {
    Finding::at(span, format!("the `{name}` setup class is reserved for system use"))
        .help("use a system class available to vendors that fits the device, or define a new class with its own GUID")
}
