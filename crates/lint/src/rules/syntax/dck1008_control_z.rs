//! DCK1008: text after a Control-Z, which Windows never reads.

use inf_parser::NodeKind;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a Control-Z character (0x1A, the old DOS end-of-file mark) that has non-blank
    /// text after it. A Control-Z at the very end of the file, with nothing after it, is
    /// harmless and not reported.
    ///
    /// ## Why is this bad?
    /// Windows stops reading the INF at the first Control-Z. Every section and line after it
    /// is silently missing at install time, while editors and reviewers still see them.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CopyFiles]
    /// widget.sys
    /// <Control-Z>
    /// [Strings]
    /// DeviceDesc = "Widget Device"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CopyFiles]
    /// widget.sys
    ///
    /// [Strings]
    /// DeviceDesc = "Widget Device"
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static CONTROL_Z = {
        code: "DCK1008",
        name: "control-z",
        category: Syntax,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Text after a Control-Z is never read",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let tree = cx.inf.tree();
    let Some(after) = tree.nodes().iter().find(|n| n.kind == NodeKind::AfterEnd) else {
        return;
    };
    let text = &tree.text()[after.span.range()];
    // The node starts with the Control-Z itself.
    let rest = text.get(1..).unwrap_or("");
    let ignored = rest
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{1A}')
        .count();
    if ignored == 0 {
        return;
    }
    let lines = rest
        .lines()
        .filter(|l| !l.trim().trim_matches('\u{1A}').is_empty())
        .count();
    let z = inf_parser::Span::new(after.span.start as usize, after.span.start as usize + 1);
    out.push(
        Finding::at(z, format!("Control-Z character: Windows stops reading here and ignores the {lines} non-blank line(s) after it"))
            .primary_label("end of file for Windows")
            .help("remove the Control-Z character"),
    );
}
