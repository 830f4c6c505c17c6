//! INF1265: FLG_ADDREG_APPEND on a value that is not REG_MULTI_SZ.

use inf_parser::directives::RegType;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_reg;

declare_rule! {
    /// ## What it does
    /// Flags an add-registry line that sets FLG_ADDREG_APPEND (`0x8`) while its type is not
    /// REG_MULTI_SZ (the append flag is written `0x00010008` when the type is right).
    ///
    /// ## Why is this bad?
    /// The AddReg documentation says the append flag "is valid only if
    /// FLG_ADDREG_TYPE_MULTI_SZ is also set". On any other type the result is not an append:
    /// the value is replaced or the line fails. InfVerif reports it as error 1265.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,UpperFilters,0x00000008,WidgetFilter
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,UpperFilters,0x00010008,WidgetFilter
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1265)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static APPEND_TO_NON_MULTI_SZ = {
        code: "INF1265",
        name: "append-to-non-multi-sz",
        category: Registry,
        infverif: Some(1265),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "FLG_ADDREG_APPEND on a value that is not REG_MULTI_SZ",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in every_add_reg(cx).iter() {
        if r.line.flags.is_err() || r.line.skip().is_some() {
            continue;
        }
        let flags = r.line.effective_flags();
        if !flags.append() || r.line.reg_type() == RegType::MultiSz {
            continue;
        }
        let Some(text) = &r.line.flags_text else {
            continue;
        };
        out.push(
            Finding::at(
                text.span,
                format!("FLG_ADDREG_APPEND on a {} value", r.line.reg_type().name()),
            )
            .help("append works only on REG_MULTI_SZ: use `0x00010008`, or drop the append flag"),
        );
    }
}
