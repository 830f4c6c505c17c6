//! DCK1005: a line starting with `#` or `//`, which INF files do not treat as comments.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags lines inside a section that start with `#` or `//`.
    ///
    /// ## Why is this bad?
    /// Only `;` starts a comment in an INF file. A `#` or `//` line is an ordinary entry: in
    /// `[Strings]` it defines a string, in an AddReg section it is a (broken) registry line,
    /// in a Models section a device. Windows does not complain; the line just does something.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CopyFiles]
    /// # the driver binary
    /// widget.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CopyFiles]
    /// ; the driver binary
    /// widget.sys
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files (comments)](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static HASH_COMMENT = {
        code: "DCK1005",
        name: "hash-comment",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Line starting with `#` or `//` is an entry, not a comment",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::NotAComment,
        "read as an entry",
        "start comments with `;`",
    );
}
