//! INF1309: an add-registry line that deletes a named value or key.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use crate::rules::registry::{reached_add_reg, subkey_text, value_name};

declare_rule! {
    /// ## What it does
    /// Flags add-registry lines Windows processes that set FLG_ADDREG_DELVAL (`0x4`): lines
    /// that delete the named value (or the named subkey) instead of writing it.
    ///
    /// ## Why is this bad?
    /// A universal INF performs only additive operations. Deleting a named item removes state
    /// the package did not create, or cleans up after an earlier version, and the result depends
    /// on what was on the system before; Windows removes what the package added when the device
    /// is removed. InfVerif reports non-additive operations as 1308 and 1309 (a warning in
    /// `/k`, an error in `/u` and `/w`); its table describes 1309 as a non-additive operation
    /// on a named item, which difcheck reads as this line-level delete (the directive-level
    /// DelReg, DelFiles, … are INF1308).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,OldSetting,0x00000004
    /// HKR,,Mode,0x00010001,1
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
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1309)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static REGISTRY_DELETE_IN_ADD_REG = {
        code: "INF1309",
        name: "registry-delete-in-add-reg",
        category: Universal,
        infverif: Some(1309),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file",
        summary: "AddReg line that deletes a named value or key (FLG_ADDREG_DELVAL)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in reached_add_reg(cx).iter() {
        let l = &r.line;
        if l.skip().is_some() || !l.effective_flags().del_val() || !seen.insert(l.line.index) {
            continue;
        }
        let name = value_name(l);
        let what = if name.is_empty() {
            format!("key `{}`", subkey_text(&l.subkey))
        } else {
            format!("value `{name}`")
        };
        let span = l.flags_text.as_ref().map_or(l.line.span, |f| f.span);
        out.push(
            Finding::at(span, format!("AddReg line deletes {what} (FLG_ADDREG_DELVAL)"))
                .help("remove the line: a universal INF only adds; Windows removes what the package added with the device"),
        );
    }
}
