//! DCK0104: a device INF lacks `Class` or `ClassGuid`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a device INF (one with a `[Manufacturer]` section) whose `[Version]` lacks
    /// `Class` or `ClassGuid`, or has them empty. (For `[DefaultInstall]`-based INFs, INF1420
    /// reports an incomplete `[Version]`.)
    ///
    /// ## Why is this bad?
    /// The Version page requires both entries for device drivers: Windows files the driver
    /// under its setup class, found through these entries, before it can match it to a device.
    /// InfVerif has no documented code for the missing entries.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Provider = %Mfg%
    ///
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Sample
    /// ClassGuid = {78a1c341-4539-11d3-b88d-00c04fad5171}
    /// Provider = %Mfg%
    ///
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [Device setup classes](https://learn.microsoft.com/windows-hardware/drivers/install/overview-of-device-setup-classes)
    pub static CLASS_MISSING = {
        code: "DCK0104",
        name: "class-missing",
        category: Version,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "Device INF without Class or ClassGuid",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::is_device_inf(cx.inf) {
        return;
    }
    let Some(header) = super::version_header(cx.inf) else {
        return;
    };
    let v = cx.version();
    let class = v.class.as_ref().filter(|c| !c.value.text.trim().is_empty());
    let guid = v
        .class_guid
        .as_ref()
        .filter(|g| !g.entry.value.text.trim().is_empty());
    let missing: Vec<&str> = [("Class", class.is_none()), ("ClassGuid", guid.is_none())]
        .into_iter()
        .filter_map(|(k, m)| m.then_some(k))
        .collect();
    if missing.is_empty() {
        return;
    }
    let what = missing
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    out.push(
        Finding::at(header, format!("device INF without {what} in `[Version]`"))
            .help("set `Class` and `ClassGuid` to the device's setup class (a system class available to vendors, or a new class with its own GUID)"),
    );
}
