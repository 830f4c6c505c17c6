//! INF1224: a registry line whose root is not HKR, HKCR, HKCU, HKLM or HKU.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_registry_line;

declare_rule! {
    /// ## What it does
    /// Checks the first field of every line of the add-registry, del-registry and bit-registry
    /// sections the INF names: it must be one of the five registry roots `HKR`, `HKCR`, `HKCU`,
    /// `HKLM` and `HKU` (case-insensitive).
    ///
    /// ## Why is this bad?
    /// SetupAPI knows no other root, so the line is skipped and the value is never written.
    /// Long forms such as `HKEY_LOCAL_MACHINE` and typos such as `HKLR` are the usual causes.
    /// InfVerif reports it as error 1224 in every mode.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKEY_LOCAL_MACHINE,Software\Contoso\Widget,Mode,0x00010001,1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Mode,0x00010001,1
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF DelReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-delreg-directive)
    /// - [INF validation errors and warnings (1224)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static INVALID_REGISTRY_ROOT = {
        code: "INF1224",
        name: "invalid-registry-root",
        category: Registry,
        infverif: Some(1224),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Registry line with a root other than HKR, HKCR, HKCU, HKLM or HKU",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for (directive, section, line) in every_registry_line(cx).iter() {
        if line.root().is_valid() || !seen.insert(line.source().index) {
            continue;
        }
        // A `#` line (C preprocessor text left in the file) is DCK1005's finding.
        if cx
            .inf
            .line(line.source().index)
            .text()
            .trim_start()
            .starts_with('#')
        {
            continue;
        }
        let root = line.root_text().text.trim();
        let message = if root.is_empty() {
            format!("line of {directive} section `[{section}]` has no registry root")
        } else {
            format!("`{root}` is not a registry root")
        };
        let span = if root.is_empty() {
            line.source().span
        } else {
            line.root_text().span
        };
        out.push(
            Finding::at(span, message)
                .primary_label("SetupAPI skips this line")
                .help("use one of `HKR`, `HKLM`, `HKCR`, `HKCU` or `HKU` (prefer `HKR`)"),
        );
    }
}
