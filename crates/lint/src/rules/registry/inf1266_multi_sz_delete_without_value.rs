//! INF1266: a REG_MULTI_SZ string delete that names no string.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_del_reg;

declare_rule! {
    /// ## What it does
    /// Flags a del-registry line with FLG_DELREG_MULTI_SZ_DELSTRING (`0x00018002`) whose fifth
    /// field, the string to remove from the REG_MULTI_SZ value, is missing or empty.
    ///
    /// ## Why is this bad?
    /// The flag removes the strings equal to the given value from a multi-string. Without a
    /// value there is nothing to remove, so the line does nothing (or, read differently, is a
    /// request to delete the whole value that the flag says it is not). InfVerif reports it as
    /// error 1266.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_DelReg]
    /// HKR,,UpperFilters,0x00018002
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_DelReg]
    /// HKR,,UpperFilters,0x00018002,WidgetFilter
    /// ```
    ///
    /// ## References
    /// - [INF DelReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-delreg-directive)
    /// - [INF validation errors and warnings (1266)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static MULTI_SZ_DELETE_WITHOUT_VALUE = {
        code: "INF1266",
        name: "multi-sz-delete-without-value",
        category: Registry,
        infverif: Some(1266),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-delreg-directive",
        summary: "REG_MULTI_SZ string delete without the string to delete",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, line) in every_del_reg(cx).iter() {
        if line.flags.is_err() || !line.effective_flags().multi_sz_delstring() {
            continue;
        }
        if line
            .value
            .as_ref()
            .is_some_and(|v| !v.text.trim().is_empty())
        {
            continue;
        }
        let span = line.flags_text.as_ref().map_or(line.line.span, |f| f.span);
        out.push(
            Finding::at(span, "FLG_DELREG_MULTI_SZ_DELSTRING without the string to remove")
                .help("add the string to remove as the fifth field, e.g. `HKR,,UpperFilters,0x00018002,WidgetFilter`"),
        );
    }
}
