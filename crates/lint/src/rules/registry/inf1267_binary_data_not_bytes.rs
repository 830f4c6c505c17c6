//! INF1267: binary registry data that is not a list of bytes.

use inf_parser::directives::RegData;
use inf_parser::NumberError;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{every_add_reg, writes_no_data};

declare_rule! {
    /// ## What it does
    /// Checks the data of add-registry lines whose type is read as bytes (REG_BINARY, REG_NONE,
    /// REG_QWORD, custom types, and REG_DWORD given as more than one field): each field must be
    /// one hexadecimal byte, `00` to `FF`, with an optional `0x`.
    ///
    /// ## Why is this bad?
    /// SetupAPI reads these fields with SetupGetBinaryField, which takes the raw text as
    /// hexadecimal bytes and performs no `%strkey%` substitution. A field such as `100`,
    /// `0x1234` or `%Value%` is not a byte: the line fails and the value is not written.
    /// InfVerif reports it as error 1267.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Calibration,0x00000001,0x1234,0x5678
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Calibration,0x00000001,34,12,78,56
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1267)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static BINARY_DATA_NOT_BYTES = {
        code: "INF1267",
        name: "binary-data-not-bytes",
        category: Registry,
        infverif: Some(1267),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Binary registry data that is not a list of bytes 00-FF",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in every_add_reg(cx).iter() {
        if r.line.flags.is_err() || r.line.skip().is_some() || writes_no_data(&r.line) {
            continue;
        }
        let RegData::Bytes(Err(e)) = &r.line.data else {
            continue;
        };
        let line = cx.inf.line(r.line.line.index);
        let text = line.raw_field(e.field as usize).unwrap_or("").trim();
        let why = if text.is_empty() {
            "is empty"
        } else {
            match e.reason {
                NumberError::OutOfRange => "is larger than one byte",
                NumberError::Empty => "is empty",
                NumberError::NotANumber => "is not hexadecimal",
            }
        };
        out.push(
            Finding::at(e.span, format!("{} data field `{text}` {why}", r.line.reg_type().name()))
                .primary_label("SetupGetBinaryField fails here")
                .help("give the data as one hexadecimal byte per field, e.g. `01,00,00,00` (binary data takes no `%strkey%` tokens)"),
        );
    }
}
