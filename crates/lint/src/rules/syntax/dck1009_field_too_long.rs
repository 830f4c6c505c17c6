//! DCK1009: a field longer than Windows reads.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a key or value field of 4096 characters or more (after quotes are removed and
    /// continuation lines are joined).
    ///
    /// ## Why is this bad?
    /// SetupAPI returns at most 4096 characters of a field (`MAX_INF_STRING_LENGTH`); the rest
    /// is cut off without an error. Long binary registry values and long multi-string lists
    /// are the usual victims: the device gets truncated data.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Table,1,00,01,02, ... (several thousand characters on one field) ...
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// ; split the data over several values, or set it from the driver at run time
    /// HKR,,Table1,1,00,01,02
    /// HKR,,Table2,1,03,04,05
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    /// - [SetupGetStringFieldW](https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupgetstringfieldw)
    pub static FIELD_TOO_LONG = {
        code: "DCK1009",
        name: "field-too-long",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Field longer than the 4096 characters Windows reads",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::FieldTooLong,
        "truncated by Windows",
        "shorten the field; Windows keeps only its first 4096 characters",
    );
}
