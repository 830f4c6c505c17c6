//! INF1019: a GUID-valued field other than `ClassGuid` is malformed.

use inf_parser::directives::FieldValue;
use inf_parser::Guid;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// Directives whose first value is a GUID (install/inf-addinterface-directive.md,
/// inf-addeventprovider-directive.md, inf-ddinstall-wmi-section.md).
const GUID_DIRECTIVES: &[&str] = &["AddInterface", "AddEventProvider", "WMIInterface"];

declare_rule! {
    /// ## What it does
    /// Checks the GUID-valued fields that the INF reference documents besides `ClassGuid` (and
    /// `ExtensionId`, INF1380): the interface class GUID of `AddInterface`, the provider GUID of
    /// `AddEventProvider`, the WMI class GUID of `WMIInterface`, and the keys of
    /// `[InterfaceInstall32]`. Each must read, after substitution, as
    /// `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`. Values with an undefined `%strkey%` are left to
    /// INF1235.
    ///
    /// ## Why is this bad?
    /// Windows converts these fields to GUIDs; a value that is not one makes the directive
    /// fail, so the interface, provider or WMI class is not registered. InfVerif rejects it
    /// (1019).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Install.NT.Interfaces]
    /// AddInterface = 6bdd1fc6-810f-11d0-bec7-08002be2092f
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Install.NT.Interfaces]
    /// AddInterface = {6bdd1fc6-810f-11d0-bec7-08002be2092f}
    /// ```
    ///
    /// ## References
    /// - [INF AddInterface directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addinterface-directive)
    /// - [INF InterfaceInstall32 section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-interfaceinstall32-section)
    pub static MALFORMED_GUID = {
        code: "INF1019",
        name: "malformed-guid",
        category: Structure,
        infverif: Some(1019),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addinterface-directive",
        summary: "GUID-valued field other than ClassGuid is malformed",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    for section in inf.sections() {
        if inf_parser::is_strings_section_name(&section.name) {
            continue;
        }
        let interface_install = section
            .name
            .trim()
            .eq_ignore_ascii_case("InterfaceInstall32");
        for line in inf.section_lines(section) {
            if line.raw_key_field().is_none() {
                continue;
            }
            if interface_install {
                if let Some(key) = FieldValue::key(&line) {
                    report(out, &key, "`[InterfaceInstall32]` key");
                }
                continue;
            }
            let Some(name) = line.key() else { continue };
            let Some(directive) = GUID_DIRECTIVES
                .iter()
                .find(|d| name.eq_ignore_ascii_case(d))
            else {
                continue;
            };
            if let Some(value) = FieldValue::field(&line, 1) {
                report(out, &value, &format!("`{directive}` GUID"));
            }
        }
    }
}

fn report(out: &mut Vec<Finding>, value: &FieldValue, what: &str) {
    let text = value.text.trim();
    if text.contains('%') || Guid::parse(text).is_ok() {
        return;
    }
    let message = if text.is_empty() {
        format!("{what} is empty")
    } else {
        format!("{what} `{text}` is not a braced GUID")
    };
    out.push(
        Finding::at(value.span, message)
            .help("write the GUID as `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`"),
    );
}
