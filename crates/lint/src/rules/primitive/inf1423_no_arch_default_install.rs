//! INF1423: no `[DefaultInstall]` section carries an architecture decoration.

use super::install_sections;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags an INF that has `[DefaultInstall…]` install sections, none of them decorated with
    /// an architecture (`[DefaultInstall.NTamd64]`, `[DefaultInstall.NTarm64]`, …).
    ///
    /// ## Why is this bad?
    /// A primitive driver needs architecture-decorated `[DefaultInstall]` sections: without
    /// one, Windows 10 version 1903 and later cannot treat the package as a primitive driver
    /// and runs it as a legacy script, with no managed uninstall or OS-upgrade handling.
    /// InfVerif rejects it (1423).
    ///
    /// ## Example
    /// ```inf
    /// [DefaultInstall]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DefaultInstall.NTamd64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// ## References
    /// - [Creating a primitive driver](https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver)
    pub static NO_ARCH_DEFAULT_INSTALL = {
        code: "INF1423",
        name: "no-arch-default-install",
        category: Primitive,
        infverif: Some(1423),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver",
        summary: "No architecture-decorated [DefaultInstall] section",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let sections = install_sections(inf, "DefaultInstall");
    let Some((first, _)) = sections.first() else {
        return;
    };
    if sections.iter().any(|(_, d)| d.has_arch()) {
        return;
    }
    let mut f = Finding::at(
        inf.tree().headers()[first.headers[0] as usize].span,
        format!(
            "no `[DefaultInstall]` section has an architecture decoration (`[{}]`)",
            first.name
        ),
    );
    for (s, _) in &sections[1..] {
        f = f.label(
            inf.tree().headers()[s.headers[0] as usize].span,
            "not architecture-decorated either",
        );
    }
    out.push(f.help("rename the section `[DefaultInstall.NT<arch>]` for each architecture the package supports (e.g. `[DefaultInstall.NTamd64]`)"));
}
