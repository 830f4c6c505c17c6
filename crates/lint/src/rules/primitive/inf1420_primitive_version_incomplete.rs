//! INF1420: a `[DefaultInstall]`-based INF does not meet the primitive-driver `[Version]`
//! requirements.

use super::install_sections;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::version::version_header;

declare_rule! {
    /// ## What it does
    /// In an INF installed through `[DefaultInstall…]` (and without `[Manufacturer]`), checks
    /// that `[Version]` is complete, as for a device driver: `Provider`, `Class` and
    /// `ClassGuid` present and not empty. (The other primitive-driver requirements are INF1212,
    /// INF1421, INF1422 and INF1423.)
    ///
    /// ## Why is this bad?
    /// From Windows 10 version 1903, an INF that meets the primitive-driver requirements is
    /// installed into the driver store and managed by Plug and Play (installed, uninstalled
    /// and kept across OS upgrades); one that does not is run as a legacy script. An
    /// incomplete `[Version]` keeps the package from being a primitive driver. InfVerif
    /// rejects it (1420).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Provider = %Mfg%
    ///
    /// [DefaultInstall.NTamd64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = SoftwareComponent
    /// ClassGuid = {5c4c3332-344d-483c-8739-259e934c9cc8}
    /// Provider = %Mfg%
    ///
    /// [DefaultInstall.NTamd64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// ## References
    /// - [Creating a primitive driver](https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver)
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static PRIMITIVE_VERSION_INCOMPLETE = {
        code: "INF1420",
        name: "primitive-version-incomplete",
        category: Primitive,
        infverif: Some(1420),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver",
        summary: "DefaultInstall-based INF with an incomplete [Version]",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    if inf.has_section("Manufacturer") || install_sections(inf, "DefaultInstall").is_empty() {
        return;
    }
    let Some(header) = version_header(inf) else {
        return;
    };
    let v = cx.version();
    let filled = |e: Option<&inf_parser::directives::ValueEntry>| {
        e.is_some_and(|e| !e.value.text.trim().is_empty())
    };
    let missing: Vec<&str> = [
        ("Provider", filled(v.provider.as_ref())),
        ("Class", filled(v.class.as_ref())),
        ("ClassGuid", filled(v.class_guid.as_ref().map(|g| &g.entry))),
    ]
    .into_iter()
    .filter_map(|(k, ok)| (!ok).then_some(k))
    .collect();
    if missing.is_empty() {
        return;
    }
    let quoted: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
    let list = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    };
    out.push(
        Finding::at(header, format!("`[DefaultInstall]`-based INF without {list} in `[Version]`: it cannot be a primitive driver"))
            .help("fill in `Provider`, `Class` and `ClassGuid` as for a device driver"),
    );
}
