//! INF1297: a device-driver INF installs on no devices.

use super::is_base_or_decorated;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::version::system_class;

declare_rule! {
    /// ## What it does
    /// Flags an INF with a `[Manufacturer]` section (and no `[DefaultInstall]`) whose Models
    /// sections (at least one of them present) list no hardware or compatible ID.
    ///
    /// Not checked: printer INFs (class `Printer`), whose models are chosen by name in the
    /// Add Printer wizard rather than matched by ID, and INFs with a decoration Windows cannot
    /// use (INF1287, INF1274), where the Models sections in use cannot be told.
    ///
    /// ## Why is this bad?
    /// A device-driver INF is matched to devices through the IDs of its Models entries. With
    /// none, it installs on no device: Windows keeps it in the driver store but never uses it,
    /// and the driver store treats it as a device driver all the same. If the package is meant
    /// to install software without a device, it should be a primitive driver. InfVerif
    /// rejects it (1297).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install,
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DefaultInstall.NTamd64]
    /// CopyFiles = Widget_Files
    ///
    /// [DefaultInstall.NTamd64.Services]
    /// AddService = Widget, , Widget_Service
    /// ```
    ///
    /// ## References
    /// - [Creating a primitive driver](https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver)
    /// - [INF Models section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-models-section)
    pub static INSTALLS_ON_NO_DEVICES = {
        code: "INF1297",
        name: "installs-on-no-devices",
        category: Structure,
        infverif: Some(1297),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver",
        summary: "Device-driver INF that installs on no devices",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let Some(manufacturer) = inf.section("Manufacturer") else {
        return;
    };
    if inf
        .sections()
        .iter()
        .any(|s| is_base_or_decorated(&s.name, "DefaultInstall"))
    {
        return;
    }
    if system_class(cx).is_some_and(|c| c.name == "Printer") {
        return;
    }
    let mut names: Vec<String> = Vec::new();
    for m in cx.manufacturers().iter() {
        let models = m.models.text.trim();
        if models.is_empty() {
            continue;
        }
        if m.decorations.iter().any(|d| d.parsed.is_err()) {
            return;
        }
        names.push(models.to_owned());
        names.extend(m.decorations.iter().map(|d| d.section_name.clone()));
    }
    // Without any Models section there is nothing to judge (INF1203 reports the missing
    // sections; an `.inx` stamped for an architecture it is not built for has none).
    if !names.iter().any(|n| inf.has_section(n))
        || names.iter().any(|n| {
            cx.models_entries(n)
                .iter()
                .any(|e| e.ids().next().is_some())
        })
    {
        return;
    }
    let header = inf.tree().headers()[manufacturer.headers[0] as usize].span;
    out.push(
        Finding::at(header, "no Models section of `[Manufacturer]` lists a hardware or compatible ID: the INF installs on no device")
            .help("list the devices' hardware IDs in the Models entries, or convert the INF to a primitive driver with `[DefaultInstall.NT<arch>]`"),
    );
}
