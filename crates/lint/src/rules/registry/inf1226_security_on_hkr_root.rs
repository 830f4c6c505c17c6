//! INF1226: a security descriptor applied to values that sit directly under HKR.

use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::reach::{section_span, sections_named_anywhere};
use super::subkey_text;

declare_rule! {
    /// ## What it does
    /// Flags an add-registry section that has a `[<section>.security]` section while one of its
    /// lines writes a value directly under `HKR` (an empty subkey field).
    ///
    /// ## Why is this bad?
    /// An `add-registry-section.security` section applies its security descriptor to the keys
    /// the section writes. For a value directly under HKR that key is HKR itself: the device's
    /// software or hardware key, the service key, or the class key, which Windows owns and
    /// secures. Replacing its descriptor can lock out the system or open the key to other users.
    /// Put the values that need their own security under a subkey. InfVerif reports a security
    /// descriptor on a value directly under HKR as error 1226 (difcheck reads "set on" as the
    /// `.security` section covering the line, the one way an INF sets it).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Secret,,"value"
    ///
    /// [Widget_AddReg.security]
    /// "D:P(A;;GA;;;SY)(A;;GA;;;BA)"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,Private,Secret,,"value"
    ///
    /// [Widget_AddReg.security]
    /// "D:P(A;;GA;;;SY)(A;;GA;;;BA)"
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [Creating secure device installations](https://learn.microsoft.com/windows-hardware/drivers/install/creating-secure-device-installations)
    /// - [INF validation errors and warnings (1226)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SECURITY_ON_HKR_ROOT = {
        code: "INF1226",
        name: "security-on-hkr-root",
        category: Registry,
        infverif: Some(1226),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Security descriptor applied to a value directly under HKR",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    for (section, _) in sections_named_anywhere(cx, "AddReg").iter() {
        let security = format!("{section}.security");
        let Some(sec_span) = section_span(inf, &security) else {
            continue;
        };
        let Some(line) = inf
            .add_reg(section)
            .into_iter()
            .find(|l| l.root == RegRoot::Hkr && subkey_text(&l.subkey).is_empty())
        else {
            continue;
        };
        out.push(
            Finding::at(line.line.span, format!("`[{security}]` applies its security descriptor to HKR itself"))
                .primary_label("value directly under HKR")
                .label(sec_span, "security descriptor defined here")
                .help("move the values that need their own security under a subkey (`HKR,Subkey,…`), or drop the `.security` section"),
        );
    }
}
