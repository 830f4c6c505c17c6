//! INF1422: a `[DefaultUninstall]` section without `LegacyUninstall=1`.

use super::install_sections;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags each `[DefaultUninstall…]` install section that does not contain
    /// `LegacyUninstall = 1`.
    ///
    /// ## Why is this bad?
    /// Primitive drivers may not have a `[DefaultUninstall]` section: Windows uninstalls them
    /// itself by undoing the install. The one exception, for down-level compatibility, is an
    /// architecture-decorated `[DefaultUninstall]` with `LegacyUninstall=1`, which Windows 10
    /// version 1903 and later ignore. InfVerif rejects any other (1422).
    ///
    /// ## Example
    /// ```inf
    /// [DefaultUninstall.NTamd64]
    /// DelFiles = Widget_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DefaultUninstall.NTamd64]
    /// LegacyUninstall = 1
    /// DelFiles = Widget_Files
    /// ```
    ///
    /// ## References
    /// - [Creating a primitive driver](https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver)
    pub static DEFAULT_UNINSTALL_WITHOUT_LEGACY_UNINSTALL = {
        code: "INF1422",
        name: "default-uninstall-without-legacy-uninstall",
        category: Primitive,
        infverif: Some(1422),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/creating-a-primitive-driver",
        summary: "[DefaultUninstall] section without LegacyUninstall=1",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    for (s, _) in install_sections(inf, "DefaultUninstall") {
        let legacy = inf
            .section_lines(s)
            .filter(|l| l.raw_key_field().is_some() && l.key_matches("LegacyUninstall"))
            .any(|l| l.int_field(1).is_some_and(|v| v == Ok(1)));
        if legacy {
            continue;
        }
        out.push(
            Finding::at(inf.tree().headers()[s.headers[0] as usize].span, format!("`[{}]` without `LegacyUninstall = 1`", s.name))
                .help("remove the section (Windows uninstalls primitive drivers itself), or add `LegacyUninstall = 1` to keep it for older Windows only"),
        );
    }
}
