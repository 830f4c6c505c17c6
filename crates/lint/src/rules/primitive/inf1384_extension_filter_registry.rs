//! INF1384: an extension INF adds filters through the registry.

use inf_parser::directives::{AddRegLine, RegRoot};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::structure::section_graph;
use crate::rules::version::is_extension_inf;

declare_rule! {
    /// ## What it does
    /// In an extension INF, flags AddReg lines (in the add-registry sections its install
    /// sections use) that write the `UpperFilters` or `LowerFilters` value under `HKR`.
    ///
    /// ## Why is this bad?
    /// Extension INFs are applied in no fixed order, so filters written into the device's
    /// filter lists from several extensions (or the base INF) end up in an order that changes
    /// from one installation to the next. `[DDInstall.Filters]` with `AddFilter` declares a
    /// filter's position instead. InfVerif warns (1384).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ExtensionId = {9f1f8bde-4f0c-4a4e-9c35-2d1f3b6c7a11}
    ///
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Extension, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Extension.NT]
    ///
    /// [Widget_Extension.NT.HW]
    /// AddReg = Widget_Filter_AddReg
    ///
    /// [Widget_Filter_AddReg]
    /// HKR,,"UpperFilters",0x00010008,"WidgetFilter"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Extension
    /// ClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
    /// ExtensionId = {9f1f8bde-4f0c-4a4e-9c35-2d1f3b6c7a11}
    ///
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Extension, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Extension.NT]
    ///
    /// [Widget_Extension.NT.Filters]
    /// AddFilter = WidgetFilter, , Widget_Filter_Position
    ///
    /// [Widget_Filter_Position]
    /// FilterPosition = Upper
    /// ```
    ///
    /// ## References
    /// - [Using an extension INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-an-extension-inf-file)
    /// - [INF DDInstall.Filters section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-filters-section)
    pub static EXTENSION_FILTER_REGISTRY = {
        code: "INF1384",
        name: "extension-filter-registry",
        category: Primitive,
        infverif: Some(1384),
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-an-extension-inf-file",
        summary: "Extension INF adds filters through the registry",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    if !is_extension_inf(cx) {
        return;
    }
    let graph = section_graph(cx);
    let mut sections: Vec<String> = graph
        .refs
        .iter()
        .filter(|r| r.exists && r.directive.eq_ignore_ascii_case("AddReg"))
        .map(|r| crate::rules::structure::folded(&r.value.text))
        .collect();
    sections.sort_unstable();
    sections.dedup();
    for name in sections {
        for line in inf.lines(&name) {
            let reg = AddRegLine::read(&line);
            if reg.root != RegRoot::Hkr
                || reg.skip().is_some()
                || reg
                    .subkey
                    .as_ref()
                    .is_some_and(|s| !s.text.trim().is_empty())
            {
                continue;
            }
            let Some(value) = reg.value_name.as_ref() else {
                continue;
            };
            let v = value.text.trim();
            if !(v.eq_ignore_ascii_case("UpperFilters") || v.eq_ignore_ascii_case("LowerFilters")) {
                continue;
            }
            out.push(
                Finding::at(value.span, format!("extension INF writes `{v}` through the registry: the filter order becomes non-deterministic"))
                    .help("declare the filter in a `[DDInstall.Filters]` section with `AddFilter` and a `FilterPosition`"),
            );
        }
    }
}
