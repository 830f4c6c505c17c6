//! INF1304: a registry write with a root other than HKR.

use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use crate::rules::registry::{reached_add_reg, root_name, subkey_text};

use super::universal_registry_exception;

declare_rule! {
    /// ## What it does
    /// Flags add-registry lines Windows processes whose root is not `HKR` (`HKLM`, `HKCU`,
    /// `HKU`, `HKCR`), except the writes the universal INF page allows: COM registration under
    /// `HKCR` or `HKLM\SOFTWARE\Classes`, and hardware MFT registration under
    /// `HKLM\SOFTWARE\Microsoft\Windows Media Foundation` (or the same path below
    /// `WOW6432Node`).
    ///
    /// ## Why is this bad?
    /// A universal INF changes only state that belongs to the device and that Windows removes
    /// with it; values under global roots outlive the device and collide with other packages.
    /// Keep settings under HKR (the device's keys, or the service key's `Parameters`). InfVerif
    /// reports it as 1304: a warning in `/k`, an error in `/u`. `/w` reports such lines as
    /// 1320 and 1321 instead.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKLM,Software\Contoso\Widget,Mode,0x00010001,1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Mode,0x00010001,1
    /// ```
    ///
    /// ## References
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [INF validation errors and warnings (1304)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static NON_HKR_REGISTRY_ROOT = {
        code: "INF1304",
        name: "non-hkr-registry-root",
        category: Universal,
        infverif: Some(1304),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), None),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file",
        summary: "Registry write with a root other than HKR",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in reached_add_reg(cx).iter() {
        let line = &r.line;
        if matches!(line.root, RegRoot::Hkr | RegRoot::Invalid(_))
            || crate::rules::registry::is_installer_registration(
                crate::rules::registry::value_name(line),
                crate::rules::registry::subkey_text(&line.subkey),
            )
            || !seen.insert(line.line.index)
        {
            continue;
        }
        let root = root_name(&line.root);
        if universal_registry_exception(root, subkey_text(&line.subkey)) {
            continue;
        }
        out.push(
            Finding::at(line.root_text.span, format!("registry write under `{root}` in `[{}]`: a universal INF writes only under HKR", r.section))
                .help("keep the value under HKR: the device's software or hardware key, or `HKR,Parameters` from the service-install section"),
        );
    }
}
