//! INF1321: a registry value written outside HKR in an isolated driver package.

use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use crate::rules::registry::{reached_add_reg, root_name, subkey_text};

use super::is_key_operation;

declare_rule! {
    /// ## What it does
    /// Flags add-registry lines Windows processes that write (or delete) a registry value under
    /// a root other than `HKR` (`HKLM`, `HKCR`, `HKCU`, `HKU`). Lines that only create a key
    /// are INF1320's.
    ///
    /// ## Why is this bad?
    /// Driver package isolation allows an INF to change only the registry state that belongs to
    /// its device: HKR of the device's keys, of its interfaces, and of its services (under
    /// `Parameters`). Global keys outlive the package, collide with other packages and cannot be
    /// serviced with it. Use HKR (and the directives that replace well-known global
    /// registrations: AddEventProvider, AddAutoLogger, AddFilter, AddComServer, AddSoftware).
    /// InfVerif reports it as error 1321 in `/w` only.
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
    /// - [Driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation)
    /// - [Porting an INF to follow driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/porting-inf-to-windows-driver)
    /// - [INF validation errors and warnings (1321)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static REGISTRY_VALUE_OUTSIDE_HKR = {
        code: "INF1321",
        name: "registry-value-outside-hkr",
        category: Isolation,
        infverif: Some(1321),
        severities: Severities::infverif(None, None, Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation",
        summary: "Registry value written outside HKR (driver package isolation)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in reached_add_reg(cx).iter() {
        let line = &r.line;
        if matches!(line.root, RegRoot::Hkr | RegRoot::Invalid(_))
            || line.skip().is_some()
            || is_key_operation(line)
            || crate::rules::registry::is_installer_registration(
                crate::rules::registry::value_name(line),
                crate::rules::registry::subkey_text(&line.subkey),
            )
            || !seen.insert(line.line.index)
        {
            continue;
        }
        let root = root_name(&line.root);
        let path = match subkey_text(&line.subkey) {
            "" => root.to_owned(),
            sub => format!("{root}\\{sub}"),
        };
        out.push(
            Finding::at(line.root_text.span, format!("registry value under `{path}` in `[{}]`: an isolated package writes only under HKR", r.section))
                .help("keep the state under HKR (device, interface or service `Parameters` keys), or use the directive that replaces the global registration"),
        );
    }
}
