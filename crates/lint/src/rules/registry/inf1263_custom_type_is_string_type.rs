//! INF1263: a custom AddReg type that names a string registry type.

use inf_parser::directives::RegType;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_add_reg;

/// REG_MULTI_SZ: the one string type a binary custom-type encoding can still name (REG_NONE,
/// REG_SZ and REG_EXPAND_SZ with FLG_ADDREG_BINVALUETYPE are the predefined BINARY, DWORD and
/// NONE encodings).
const REG_MULTI_SZ: u32 = 7;

declare_rule! {
    /// ## What it does
    /// Flags an add-registry line whose flags use the custom-type encoding
    /// (`(type << 16) | FLG_ADDREG_BINVALUETYPE`) with the type number of REG_MULTI_SZ (7),
    /// as in `0x00070001`.
    ///
    /// ## Why is this bad?
    /// The AddReg documentation allows custom types for new numeric types only, "but not for
    /// values of type REG_EXPAND_SZ, REG_MULTI_SZ, REG_NONE, or REG_SZ". With the custom
    /// encoding the data is read as raw bytes, so the multi-string is written from hexadecimal
    /// bytes instead of from the strings the author meant. Use the predefined string flags.
    /// InfVerif reports it as error 1263.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Modes,0x00070001,41,00,00,00
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Modes,0x00010000,"A"
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1263)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CUSTOM_TYPE_IS_STRING_TYPE = {
        code: "INF1263",
        name: "custom-type-is-string-type",
        category: Registry,
        infverif: Some(1263),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Custom AddReg type that names a string registry type",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in every_add_reg(cx).iter() {
        if r.line.flags.is_err() {
            continue;
        }
        let RegType::Custom {
            code: REG_MULTI_SZ,
            binary: true,
        } = r.line.reg_type()
        else {
            continue;
        };
        let Some(flags) = &r.line.flags_text else {
            continue;
        };
        out.push(
            Finding::at(
                flags.span,
                format!(
                    "flags `{}` write REG_MULTI_SZ through the custom binary type encoding",
                    flags.text.trim()
                ),
            )
            .help("use FLG_ADDREG_TYPE_MULTI_SZ (`0x00010000`) and give the strings as fields"),
        );
    }
}
