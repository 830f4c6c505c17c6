//! INF1421: an undecorated `[DefaultInstall]` next to architecture-decorated ones.

use super::{install_sections, Decoration};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// In an INF that has architecture-decorated `[DefaultInstall.NT<arch>]` sections, flags
    /// each `[DefaultInstall]` or `[DefaultInstall.NT]` section without an architecture. (When
    /// no `[DefaultInstall]` section has an architecture, INF1423 reports the INF once.)
    ///
    /// ## Why is this bad?
    /// The primitive-driver requirements allow only architecture-decorated `[DefaultInstall]`
    /// sections, and say no undecorated version may be present; universal INFs require the
    /// decoration too. InfVerif rejects it (1421).
    ///
    /// ## Example
    /// ```inf
    /// [DefaultInstall]
    /// CopyFiles = Widget_Files
    ///
    /// [DefaultInstall.NTamd64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DefaultInstall.NTamd64]
    /// CopyFiles = Widget_Files
    ///
    /// [DefaultInstall.NTarm64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// ## References
    /// - [Creating a primitive driver](https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver)
    /// - [INF DefaultInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-defaultinstall-section)
    pub static DEFAULT_INSTALL_UNDECORATED = {
        code: "INF1421",
        name: "default-install-undecorated",
        category: Primitive,
        infverif: Some(1421),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver",
        summary: "[DefaultInstall] section without an architecture decoration",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let sections = install_sections(inf, "DefaultInstall");
    if !sections.iter().any(|(_, d)| d.has_arch()) {
        return;
    }
    let headers = inf.tree().headers();
    for (s, d) in sections {
        if d != Decoration::Undecorated {
            continue;
        }
        out.push(
            Finding::at(headers[s.headers[0] as usize].span, format!("`[{}]` has no architecture decoration", s.name))
                .help("remove it, or rename it `[DefaultInstall.NT<arch>]` for each architecture the package supports"),
        );
    }
}
