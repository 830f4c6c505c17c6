//! DCK0150: a `[Manufacturer]` decoration that Windows can never choose.

use inf_parser::DecorationIssue;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags decorations of a `[Manufacturer]` entry that can never be chosen:
    /// - a decoration equal (after parsing, case-insensitively) to an earlier one on the same
    ///   entry: on a tie Windows keeps the first, so the second Models section is never used;
    /// - a ProductType other than 1 (workstation), 2 (domain controller) or 3 (server), which
    ///   matches no system.
    ///
    /// ## Why is this bad?
    /// Windows picks one Models section per entry, the decoration closest to the system. A
    /// decoration that can never win names a Models section whose devices never install,
    /// usually after a copy-and-paste of the entry.
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...19041, ntamd64.10.0...19041
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...19041, NTarm64.10.0...19041
    /// ```
    ///
    /// ## References
    /// - [INF Manufacturer section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section)
    pub static UNREACHABLE_DECORATION = {
        code: "DCK0150",
        name: "unreachable-decoration",
        category: Decoration,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section",
        summary: "Manufacturer decoration that can never be chosen",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for m in cx.manufacturers().iter() {
        for (i, d) in m.decorations.iter().enumerate() {
            let Ok(parsed) = &d.parsed else { continue };
            let text = d.value.text.trim();
            if let Some(earlier) = m.decorations[..i]
                .iter()
                .find(|e| e.parsed.as_ref().is_ok_and(|p| p == parsed))
            {
                out.push(
                    Finding::at(d.value.span, format!("`{text}` repeats `{}`: Windows always chooses the first, so `[{}]` is never used", earlier.value.text.trim(), d.section_name))
                        .label(earlier.value.span, "chosen instead")
                        .help("remove the repeated decoration, or correct it to the platform it was meant for"),
                );
                continue;
            }
            if let Some(DecorationIssue::UnknownProductType { value }) = parsed
                .issues()
                .into_iter()
                .find(|i| matches!(i, DecorationIssue::UnknownProductType { .. }))
            {
                out.push(
                    Finding::at(d.value.span, format!("ProductType {value} in `{text}` matches no system, so `[{}]` is never used", d.section_name))
                        .help("use ProductType 1 (workstation), 2 (domain controller) or 3 (server), or leave the field empty"),
                );
            }
        }
    }
}
