//! DCK0003: unresolved template placeholders (`@NAME@`, `${NAME}`, `#NAME#`).

use std::collections::BTreeMap;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::template::{Placeholder, PlaceholderKind};

declare_rule! {
    /// ## What it does
    /// Reports that the file is a template: it contains placeholders that a build step
    /// (autoconf or CMake `configure_file`, a generator such as libwdi's) replaces before the
    /// INF ships. One finding per placeholder style (`@NAME@`, `${NAME}`, `#NAME#`), at its
    /// first occurrence, with the number of occurrences. Placeholders in comments do not count.
    ///
    /// Findings of other rules on lines that contain a placeholder, directly or through a
    /// `%strkey%` whose `[Strings]` value has one, are held back: they are about text that
    /// never ships. Whole-file findings and findings elsewhere are still reported.
    ///
    /// ## Why is this bad?
    /// Windows does not know these placeholders: an INF that still has them installs with
    /// literal `@VERSION@` text, or fails on it. In a file meant as a template this finding is
    /// expected: name the file `.inf.in`, lint the generated INF for a complete check, or turn
    /// this rule off for templates in `difcheck.toml`.
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// DriverVer = @DRIVER_DATE@,@DRIVER_VERSION@
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// DriverVer = 07/14/2025,1.2.3.4
    /// ```
    ///
    /// ## References
    /// - [INF DriverVer directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-driverver-directive)
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    pub static TEMPLATE_PLACEHOLDER = {
        code: "DCK0003",
        name: "template-placeholder",
        category: Meta,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Unresolved template placeholder: the file is a template, not an INF",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut by_kind: BTreeMap<PlaceholderKind, Vec<&Placeholder>> = BTreeMap::new();
    for p in cx.placeholders {
        by_kind.entry(p.kind).or_default().push(p);
    }
    for (kind, found) in by_kind {
        let first = found[0];
        let mut names: Vec<String> = Vec::new();
        for p in &found {
            let w = p.written();
            if !names.contains(&w) {
                names.push(w);
            }
        }
        let message = if found.len() == 1 {
            format!(
                "unresolved template placeholder `{}`: the file is a template",
                first.written()
            )
        } else {
            let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
            let more = if names.len() > 3 {
                format!(" and {} more", names.len() - 3)
            } else {
                String::new()
            };
            format!(
                "unresolved template placeholder `{}`: the file is a template ({} `{}` placeholders: {}{more})",
                first.written(),
                found.len(),
                kind.pattern(),
                shown.join(", "),
            )
        };
        out.push(
            Finding::at(first.span, message)
                .primary_label("replaced at build time, not by Windows")
                .help("lint the generated INF; findings on placeholder lines are held back here"),
        );
    }
}
