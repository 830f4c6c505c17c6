//! DCK1001: UTF-16LE text without a byte-order mark.

use inf_parser::{DecodeProblem, ParseProblem};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a file that is UTF-16 little endian (every other byte of its ASCII text is zero)
    /// but does not start with the `FF FE` byte-order mark.
    ///
    /// ## Why is this bad?
    /// Without the mark, Windows has to guess the encoding from the bytes
    /// (`IsTextUnicode`-style sniffing) and tools such as Inf2Cat, editors and diff viewers
    /// may read the file as 8-bit text with NUL characters. Microsoft asks for UTF-16LE *with*
    /// the mark when an INF is not plain ASCII.
    ///
    /// ## Example
    /// ```inf
    /// ; saved as UTF-16LE without a byte-order mark
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// ; saved as UTF-16LE with the FF FE byte-order mark ("Unicode" in Notepad)
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// ```
    ///
    /// ## References
    /// - [General guidelines for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-guidelines-for-inf-files)
    /// - [Creating international INF files](https://learn.microsoft.com/windows-hardware/drivers/install/creating-international-inf-files)
    pub static UTF16_WITHOUT_BOM = {
        code: "DCK1001",
        name: "utf16-without-bom",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-guidelines-for-inf-files",
        summary: "UTF-16LE file without a byte-order mark",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let problem = ParseProblem::Decode(DecodeProblem::Utf16WithoutBom);
    if cx.parse_diagnostics.iter().any(|d| d.problem == problem) {
        out.push(
            Finding::whole_file("file is UTF-16LE without a byte-order mark")
                .help("save the file as UTF-16LE with the `FF FE` byte-order mark"),
        );
    }
}
