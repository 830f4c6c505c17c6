//! INF1280: `ClassGuid` is a system class GUID but `Class` names another class.

use dif_model::catalog::setup_class_by_guid;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Looks `ClassGuid` up in the table of system-defined device setup classes; when it is one
    /// of them and `Class` names a different class, reports the `Class` value.
    ///
    /// ## Why is this bad?
    /// Windows identifies the class by its GUID, so the device is installed into the class the
    /// GUID names, under a class name that does not match it; tools and users that go by the
    /// name see the wrong class. InfVerif rejects it (1280).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Ports
    /// ClassGuid = {4d36e972-e325-11ce-bfc1-08002be10318}
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Net
    /// ClassGuid = {4d36e972-e325-11ce-bfc1-08002be10318}
    /// ```
    ///
    /// ## References
    /// - [System-defined device setup classes available to vendors](https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-available-to-vendors)
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static CLASS_MISMATCHES_GUID = {
        code: "INF1280",
        name: "class-mismatches-guid",
        category: Version,
        infverif: Some(1280),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-available-to-vendors",
        summary: "ClassGuid is a system class GUID but Class names another class",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let v = cx.version();
    let (Some(class), Some(guid)) = (&v.class, &v.class_guid) else {
        return;
    };
    let Ok(g) = guid.guid else { return };
    let name = class.value.text.trim();
    if name.is_empty() {
        return;
    }
    let Some(known) = setup_class_by_guid(&g.to_string()) else {
        return;
    };
    if known.name.eq_ignore_ascii_case(name) {
        return;
    }
    out.push(
        Finding::at(
            class.value.span,
            format!(
                "`Class` is `{name}`, but `ClassGuid` {g} is the `{}` class",
                known.name
            ),
        )
        .label(
            guid.entry.value.span,
            format!("the GUID of `{}`", known.name),
        )
        .help(format!(
            "set `Class = {}`, or use the GUID of the class the driver belongs to",
            known.name
        )),
    );
}
