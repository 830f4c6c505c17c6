//! INF1209: a section header appears more than once.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags a section whose header appears more than once in the file (names compare
    /// case-insensitively).
    ///
    /// ## Why is this bad?
    /// Windows merges the duplicates, appending the later lines to the first section, so the
    /// INF still installs, but the split is almost always an accident: a copied block, or two
    /// people editing the same section. InfVerif rejects it (1209).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_CopyFiles
    ///
    /// [Widget_Device.NT]
    /// AddReg = Widget_AddReg
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT]
    /// CopyFiles = Widget_CopyFiles
    /// AddReg = Widget_AddReg
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    /// - [INF validation errors and warnings (1209)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static DUPLICATE_SECTION = {
        code: "INF1209",
        name: "duplicate-section",
        category: Structure,
        infverif: Some(1209),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Section header appears more than once",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let tree = cx.inf.tree();
    for section in cx.inf.sections() {
        if section.headers.len() < 2 {
            continue;
        }
        // InfVerif reports a duplicate at the first occurrence.
        let first = &tree.headers()[section.headers[0] as usize];
        let mut f = Finding::at(
            first.span,
            format!(
                "section `[{}]` is defined {} times",
                section.name,
                section.headers.len()
            ),
        )
        .primary_label("first defined here");
        for &h in &section.headers[1..] {
            let hdr = &tree.headers()[h as usize];
            f = f.label(hdr.span, "defined again here");
        }
        out.push(f.help(
            "merge the sections into one; Windows appends the later lines to the first section",
        ));
    }
}
