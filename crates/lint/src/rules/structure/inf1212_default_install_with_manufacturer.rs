//! INF1212: `[DefaultInstall]` and `[Manufacturer]` in the same INF.

use super::is_base_or_decorated;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags an INF that has both a `[DefaultInstall…]` section and a `[Manufacturer]` section.
    ///
    /// ## Why is this bad?
    /// An INF is either a device driver (installed on devices through `[Manufacturer]` and its
    /// Models sections) or a primitive driver (installed through `[DefaultInstall]`), never
    /// both: Windows would install it as one kind and ignore the other half. The
    /// DefaultInstall page says both together fail validation, and InfVerif rejects it (1212).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [DefaultInstall.NTamd64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    /// ```
    ///
    /// ## References
    /// - [INF DefaultInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-defaultinstall-section)
    /// - [Creating a primitive driver](https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver)
    pub static DEFAULT_INSTALL_WITH_MANUFACTURER = {
        code: "INF1212",
        name: "default-install-with-manufacturer",
        category: Structure,
        infverif: Some(1212),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-defaultinstall-section",
        summary: "Both [DefaultInstall] and [Manufacturer] sections",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let Some(manufacturer) = inf.section("Manufacturer") else {
        return;
    };
    let Some(default) = inf
        .sections()
        .iter()
        .find(|s| is_base_or_decorated(&s.name, "DefaultInstall"))
    else {
        return;
    };
    let headers = inf.tree().headers();
    out.push(
        Finding::at(headers[default.headers[0] as usize].span, format!("`[{}]` in an INF that also has `[Manufacturer]`", default.name))
            .label(headers[manufacturer.headers[0] as usize].span, "`[Manufacturer]` is here")
            .help("keep `[Manufacturer]` for a device driver, or `[DefaultInstall.NT<arch>]` for a primitive driver, not both"),
    );
}
