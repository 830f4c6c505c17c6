//! INF1264: a custom AddReg type without FLG_ADDREG_BINVALUETYPE.

use inf_parser::directives::RegType;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_reg;

declare_rule! {
    /// ## What it does
    /// Flags an add-registry line whose flags put a custom type number in the high word
    /// (anything but the predefined REG_MULTI_SZ `0x0001xxxx` and REG_EXPAND_SZ `0x0002xxxx`
    /// string encodings) without setting FLG_ADDREG_BINVALUETYPE (bit `0x1`).
    ///
    /// ## Why is this bad?
    /// The AddReg documentation says a custom type is the type number in the high word "ORed
    /// with FLG_ADDREG_BINVALUETYPE in its low word", and that its data is a list of bytes.
    /// Without the bit the data is read as a string and stored under the custom type, which no
    /// reader of that type expects. InfVerif reports it as error 1264.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Calibration,0x00380000,01,02,03,04
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Calibration,0x00380001,01,02,03,04
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1264)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CUSTOM_TYPE_NOT_BINARY = {
        code: "INF1264",
        name: "custom-type-not-binary",
        category: Registry,
        infverif: Some(1264),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Custom AddReg type without FLG_ADDREG_BINVALUETYPE",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in every_add_reg(cx).iter() {
        if r.line.flags.is_err() {
            continue;
        }
        let RegType::Custom {
            code,
            binary: false,
        } = r.line.reg_type()
        else {
            continue;
        };
        let Some(flags) = &r.line.flags_text else {
            continue;
        };
        let fixed = r.line.effective_flags().0 | 1;
        out.push(
            Finding::at(flags.span, format!("flags `{}` define custom registry type 0x{code:x} without FLG_ADDREG_BINVALUETYPE", flags.text.trim()))
                .help(format!("set bit 0x1 (`0x{fixed:08X}`) and give the data as bytes, or use a predefined string type")),
        );
    }
}
