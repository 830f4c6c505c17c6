//! INF2010: a Models section without an architecture decoration is treated as x86.

use inf_parser::Arch;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags two forms of undecorated Models section:
    /// - a `[Manufacturer]` entry with no decoration at all: Windows uses its Models section on
    ///   x86 only (when no other entry targets another architecture, the whole INF installs
    ///   nothing on amd64 or arm64);
    /// - an existing undecorated Models section on an entry that also has a decoration
    ///   applying to every x86 system (`NT` or `NTx86` without a version): the undecorated
    ///   section is then never used.
    ///
    /// ## Why is this bad?
    /// Since Windows Server 2003 SP1, non-x86 systems require a decorated Models section; the
    /// undecorated one is an x86-only fallback used when no decoration applies. The Manufacturer
    /// page asks for decorations on every Models section. InfVerif warns (2010).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets
    ///
    /// [Widgets]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64, NTarm64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widgets.NTarm64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    /// ```
    ///
    /// ## References
    /// - [INF Manufacturer section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section)
    /// - [Creating INF files for multiple platforms and operating systems](https://learn.microsoft.com/windows-hardware/drivers/install/creating-inf-files-for-multiple-platforms-and-operating-systems)
    pub static UNDECORATED_MODELS_SECTION = {
        code: "INF2010",
        name: "undecorated-models-section",
        category: Decoration,
        infverif: Some(2010),
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section",
        summary: "Models section without an architecture decoration is treated as x86",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let entries = cx.manufacturers();
    // Whether any entry reaches an architecture other than x86.
    let beyond_x86 = entries
        .iter()
        .flat_map(|m| m.decorations.iter())
        .any(|d| d.parsed.as_ref().is_ok_and(|v| v.arch != Some(Arch::X86)));
    for m in entries.iter() {
        let models = m.models.text.trim();
        if models.is_empty() {
            continue;
        }
        if m.decorations.is_empty() {
            let consequence = if beyond_x86 {
                String::new()
            } else {
                "; no entry targets another architecture, so the INF installs nothing on amd64 or arm64".to_owned()
            };
            out.push(
                Finding::at(m.models.span, format!("`[{models}]` has no platform decoration: Windows uses it on x86 only{consequence}"))
                    .help(format!("decorate the entry (`{models}, NTamd64, NTarm64`) and rename the Models sections to match")),
            );
            continue;
        }
        let Some(section) = inf.section(models) else {
            continue;
        };
        let shadow = m.decorations.iter().find(|d| {
            d.parsed.as_ref().is_ok_and(|v| {
                v.arch.is_none_or(|a| a == Arch::X86)
                    && v.major.is_none()
                    && v.product_type.is_none()
                    && v.suite_mask.is_none()
                    && v.build.is_none()
            })
        });
        if let Some(d) = shadow {
            let header = inf.tree().headers()[section.headers[0] as usize].span;
            out.push(
                Finding::at(header, format!("`[{}]` is never used: `{}` applies on every x86 system", section.name, d.value.text.trim()))
                    .label(d.value.span, "this decoration takes precedence")
                    .help("remove the undecorated Models section, or merge its entries into the decorated one"),
            );
        }
    }
}
