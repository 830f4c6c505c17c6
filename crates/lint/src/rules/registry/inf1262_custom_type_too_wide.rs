//! INF1262: a custom AddReg type whose registry type code does not fit in one byte.

use inf_parser::directives::RegType;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_reg;

declare_rule! {
    /// ## What it does
    /// Flags an add-registry line whose flags define a custom registry type (a type number in the
    /// high word, other than the predefined REG_SZ, REG_MULTI_SZ, REG_EXPAND_SZ, REG_BINARY,
    /// REG_DWORD, REG_NONE and REG_QWORD encodings) whose type number is larger than `0xFF`.
    ///
    /// ## Why is this bad?
    /// The AddReg documentation defines custom types as a new type number in the high word of the
    /// flags, ORed with FLG_ADDREG_BINVALUETYPE. A type number wider than one byte is almost
    /// always a mistyped flag value (a digit too many, or the flag written in the wrong half),
    /// so the value is stored with a type no reader expects. InfVerif reports it as error 1262.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Calibration,0x03800001,01,02,03,04
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
    /// - [INF validation errors and warnings (1262)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CUSTOM_TYPE_TOO_WIDE = {
        code: "INF1262",
        name: "custom-type-too-wide",
        category: Registry,
        infverif: Some(1262),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Custom AddReg registry type wider than one byte",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in every_add_reg(cx).iter() {
        if r.line.flags.is_err() {
            continue;
        }
        let RegType::Custom { code, .. } = r.line.reg_type() else {
            continue;
        };
        if code <= 0xFF {
            continue;
        }
        let Some(flags) = &r.line.flags_text else {
            continue;
        };
        out.push(
            Finding::at(flags.span, format!("flags `{}` define registry type 0x{code:x}, which is wider than one byte", flags.text.trim()))
                .help("a custom type is `(type << 16) | 0x1` with a one-byte type, e.g. `0x00380001` for type 0x38; check the flag value"),
        );
    }
}
