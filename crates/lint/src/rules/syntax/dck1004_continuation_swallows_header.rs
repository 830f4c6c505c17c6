//! DCK1004: a trailing `\` that joins a section header into the previous line.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a line that ends with the continuation character `\` when the next line is a
    /// section header.
    ///
    /// ## Why is this bad?
    /// A trailing `\` joins the next line to this one, whatever that line is. The header is
    /// read as text of the previous entry, so the section it opens does not exist and its
    /// lines belong to the section before. Windows reports nothing; the install then misses
    /// the section.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Path,,"C:\Widget\"\
    /// [Widget_Service]
    /// ServiceType = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Path,,"C:\Widget\"
    ///
    /// [Widget_Service]
    /// ServiceType = 1
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files (line continuation)](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static CONTINUATION_SWALLOWS_HEADER = {
        code: "DCK1004",
        name: "continuation-swallows-header",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Trailing `\\` joins the next section header into this line",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::ContinuationSwallowsHeader,
        "this `\\` joins the header below",
        "remove the trailing `\\`, or put a blank line or a value after it",
    );
}
