//! INF1329: filter drivers installed through registry values or properties.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::registry_filters;

declare_rule! {
    /// ## What it does
    /// Flags filter drivers the processed sections install by writing the `UpperFilters` or
    /// `LowerFilters` registry values (HKR of a device or class, or the class key under HKLM)
    /// or the matching device properties (`DEVPKEY_Device_UpperFilters`,
    /// `DEVPKEY_Device_LowerFilters` through AddProperty).
    ///
    /// ## Why is this bad?
    /// Since Windows 10 1903, `[DDInstall.Filters]` with AddFilter declares filters: Windows
    /// then orders them by filter level and keeps them consistent when several packages add
    /// filters to the same device. Writing the filter list by hand overwrites (or races with)
    /// other packages' filters. InfVerif reports filters added through the registry or a
    /// property as error 1329 in `/w` only.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.HW_AddReg]
    /// HKR,,UpperFilters,0x00010000,WidgetFilter
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Filters]
    /// AddFilter = WidgetFilter,, Widget_Filter_Inst
    ///
    /// [Widget_Filter_Inst]
    /// FilterPosition = Upper
    /// ```
    ///
    /// ## References
    /// - [Porting an INF to follow driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/porting-inf-to-windows-driver)
    /// - [INF AddFilter directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addfilter-directive)
    /// - [INF validation errors and warnings (1329)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static FILTERS_THROUGH_REGISTRY = {
        code: "INF1329",
        name: "filters-through-registry",
        category: Isolation,
        infverif: Some(1329),
        severities: Severities::infverif(None, None, Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/porting-inf-to-windows-driver",
        summary: "Filter drivers installed through UpperFilters/LowerFilters instead of [DDInstall.Filters]",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for f in registry_filters(cx) {
        out.push(
            Finding::at(f.span, format!("`{}` filter installed through {}", f.which, f.how))
                .help("declare the filter in `[DDInstall.Filters]` with `AddFilter = <service>,, <filter-install-section>` (FilterPosition or FilterLevel)"),
        );
    }
}
