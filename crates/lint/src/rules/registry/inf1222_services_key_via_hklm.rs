//! INF1222: a registry line that writes the Services key through an HKLM path.

use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::reach::path_components;
use super::{every_registry_line, subkey_text};

declare_rule! {
    /// ## What it does
    /// Flags add-registry, del-registry and bit-registry lines whose root is `HKLM` and whose
    /// subkey lies under `SYSTEM\CurrentControlSet\Services\<name>` (or a numbered
    /// `SYSTEM\ControlSet00n\Services\<name>`), where `<name>` is a service that an AddService
    /// directive of the same INF installs.
    ///
    /// ## Why is this bad?
    /// A service's key belongs to the service: an INF reaches it with `HKR` from the
    /// service-install section of its AddService directive (under `Parameters`). Writing the key
    /// through a fixed HKLM path bypasses the service installation: the values exist before the
    /// service does, stay behind when it is removed, and are not tied to the device or driver
    /// instance. Keys of services the INF does not install are left alone: HKR cannot reach
    /// them. Microsoft's error table
    /// documented this as "Cannot modify services regkey, must use HKR"; the current table
    /// reports forbidden keys under `HKLM\SYSTEM\CurrentControlSet` as error 1222.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKLM,System\CurrentControlSet\Services\Widget\Parameters,Mode,0x00010001,1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Service_Inst]
    /// AddReg = Widget_Service_AddReg
    ///
    /// [Widget_Service_AddReg]
    /// HKR,Parameters,Mode,0x00010001,1
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1222)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICES_KEY_VIA_HKLM = {
        code: "INF1222",
        name: "services-key-via-hklm",
        category: Registry,
        infverif: Some(1222),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "Registry line writes the Services key through HKLM instead of HKR",
        check: check,
    }
}

/// The service named by an HKLM subkey under the Services key (empty when the line names the
/// Services key itself), or `None` when the subkey is elsewhere.
pub(crate) fn services_key_target(subkey: &str) -> Option<String> {
    let parts = path_components(subkey);
    let [system, control_set, services, rest @ ..] = parts.as_slice() else {
        return None;
    };
    let numbered = control_set.len() == 13
        && control_set
            .get(..10)
            .is_some_and(|p| p.eq_ignore_ascii_case("ControlSet"))
        && control_set[10..].bytes().all(|b| b.is_ascii_digit());
    (system.eq_ignore_ascii_case("SYSTEM")
        && (control_set.eq_ignore_ascii_case("CurrentControlSet") || numbered)
        && services.eq_ignore_ascii_case("Services"))
    .then(|| rest.first().map_or_else(String::new, |s| (*s).to_owned()))
}

/// The names of every service an AddService line of the INF installs.
fn installed_services(cx: &Context<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in cx.inf.sections() {
        for a in cx.inf.add_services(&s.name) {
            let name = a.name.text.trim();
            if !name.is_empty() && !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                out.push(name.to_owned());
            }
        }
    }
    out
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let own = installed_services(cx);
    let mut seen = std::collections::HashSet::new();
    for (directive, _, line) in every_registry_line(cx).iter() {
        if *line.root() != RegRoot::Hklm || !seen.insert(line.source().index) {
            continue;
        }
        // Only the keys of services this INF installs have an HKR alternative: the
        // service-install section of the AddService directive. Other services' keys are not the
        // package's to reach through HKR.
        let Some(service) = services_key_target(subkey_text(line.subkey())) else {
            continue;
        };
        if !own.iter().any(|n| n.eq_ignore_ascii_case(&service)) {
            continue;
        }
        let span = line
            .subkey()
            .as_ref()
            .map_or(line.source().span, |s| s.span);
        out.push(
            Finding::at(span, format!("{directive} line writes the key of service `{service}`, which this INF installs, through an HKLM path"))
                .help(format!("use `HKR` in an add-registry section of the service-install section of `AddService = {service}, …` (values under `Parameters`)")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::services_key_target;

    #[test]
    fn recognizes_the_services_key() {
        assert_eq!(
            services_key_target("System\\CurrentControlSet\\Services\\Widget\\Parameters")
                .as_deref(),
            Some("Widget")
        );
        assert_eq!(
            services_key_target("SYSTEM\\ControlSet001\\Services").as_deref(),
            Some("")
        );
        assert_eq!(
            services_key_target("SYSTEM\\CurrentControlSet\\Control\\Class"),
            None
        );
        assert_eq!(services_key_target("Software\\Services"), None);
    }
}
