//! INF1305: appending to or deleting from a REG_MULTI_SZ value.

use inf_parser::directives::RegType;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use crate::rules::registry::{reached_add_reg, reached_del_reg};

declare_rule! {
    /// ## What it does
    /// Flags add-registry lines Windows processes that append to a REG_MULTI_SZ value
    /// (FLG_ADDREG_APPEND, flags `0x00010008`) and del-registry lines that remove a string from
    /// one (FLG_DELREG_MULTI_SZ_DELSTRING, `0x00018002`).
    ///
    /// ## Why is this bad?
    /// The result of an append or a string delete depends on what the value held before: other
    /// packages, earlier versions, the order in which devices were installed. A universal INF
    /// must produce the same state every time, so it sets whole values. The usual case,
    /// appending a filter to `UpperFilters`, is done with `[DDInstall.Filters]` and AddFilter.
    /// InfVerif reports it as 1305: a warning in `/k`, an error in `/u` and `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.HW_AddReg]
    /// HKR,,UpperFilters,0x00010008,WidgetFilter
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
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [INF AddFilter directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addfilter-directive)
    /// - [INF validation errors and warnings (1305)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static MULTI_SZ_APPEND_OR_DELETE = {
        code: "INF1305",
        name: "multi-sz-append-or-delete",
        category: Universal,
        infverif: Some(1305),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file",
        summary: "Append to or delete from a REG_MULTI_SZ value",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in reached_add_reg(cx).iter() {
        let l = &r.line;
        if l.skip().is_some()
            || !l.effective_flags().append()
            || l.reg_type() != RegType::MultiSz
            || crate::rules::registry::is_installer_registration(
                crate::rules::registry::value_name(l),
                crate::rules::registry::subkey_text(&l.subkey),
            )
            || !seen.insert(l.line.index)
        {
            continue;
        }
        let span = l.flags_text.as_ref().map_or(l.line.span, |f| f.span);
        out.push(
            Finding::at(span, "append to a REG_MULTI_SZ value (FLG_ADDREG_APPEND)")
                .help("set the whole value instead; to add a filter driver, use `[DDInstall.Filters]` with AddFilter"),
        );
    }
    for r in reached_del_reg(cx).iter() {
        let l = &r.line;
        if !l.effective_flags().multi_sz_delstring() || !seen.insert(l.line.index) {
            continue;
        }
        let span = l.flags_text.as_ref().map_or(l.line.span, |f| f.span);
        out.push(
            Finding::at(span, "string delete from a REG_MULTI_SZ value (FLG_DELREG_MULTI_SZ_DELSTRING)")
                .help("set the whole value instead; Windows removes what the package added when the device is removed"),
        );
    }
}
