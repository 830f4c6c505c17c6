//! INF1281: `Class` is a system class but `ClassGuid` is not its GUID.

use dif_model::catalog::{setup_class_by_guid, setup_class_by_name};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Looks `Class` up in the table of system-defined device setup classes; when it is one of
    /// them and `ClassGuid` is a GUID that belongs to no system class, reports the `ClassGuid`
    /// value. (When the GUID is another system class's, rule INF1280 reports the pair instead.)
    ///
    /// ## Why is this bad?
    /// Windows goes by the GUID: the INF creates or joins a class with the system class's name
    /// but a different identity, so the device does not get that class's installers, icons or
    /// settings. InfVerif rejects it (1281).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Net
    /// ClassGuid = {4d36e972-e325-11ce-bfc1-08002be10319}
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
    pub static GUID_MISMATCHES_CLASS = {
        code: "INF1281",
        name: "guid-mismatches-class",
        category: Version,
        infverif: Some(1281),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/system-defined-device-setup-classes-available-to-vendors",
        summary: "Class is a system class but ClassGuid is not its GUID",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let v = cx.version();
    let (Some(class), Some(guid)) = (&v.class, &v.class_guid) else {
        return;
    };
    let Ok(g) = guid.guid else { return };
    let Some(known) = setup_class_by_name(class.value.text.trim()) else {
        return;
    };
    let text = g.to_string();
    if setup_class_by_guid(&text).is_some() {
        // Either it matches, or it is another system class: INF1280's finding.
        return;
    }
    out.push(
        Finding::at(
            guid.entry.value.span,
            format!(
                "`Class` is the system class `{}`, but `ClassGuid` {g} is not its GUID",
                known.name
            ),
        )
        .label(class.value.span, "system class named here")
        .help(format!(
            "use `ClassGuid = {}` for the `{}` class, or give a new class its own name",
            known.guid, known.name
        )),
    );
}
