//! DCK1007: a NUL character in the text.

use inf_parser::ParseProblem;

use super::report_each;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags the first NUL character (code 0) in the file.
    ///
    /// ## Why is this bad?
    /// Windows reads a NUL as a space, so names and values that contain one differ from what
    /// other tools show. A NUL in an 8-bit file usually means the file was partly saved as
    /// UTF-16, or that binary data was pasted into it.
    ///
    /// ## Example
    /// ```inf
    /// [Strings]
    /// DeviceDesc = "Widget<NUL>Device"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Strings]
    /// DeviceDesc = "Widget Device"
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static NUL_CHARACTER = {
        code: "DCK1007",
        name: "nul-character",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "NUL character, read by Windows as a space",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_each(
        cx,
        out,
        &ParseProblem::NulCharacter,
        "read as a space",
        "remove the NUL character; if the file is UTF-16, save all of it as UTF-16LE with a byte-order mark",
    );
}
