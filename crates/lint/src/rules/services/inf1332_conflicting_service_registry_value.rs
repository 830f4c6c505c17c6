//! INF1332: service-install sections of one service write different data to one value.

use std::collections::BTreeMap;

use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::inf1331_conflicting_global_registry_value::{data_key, data_shown};
use crate::rules::registry::reach::{normalized_path, InstallGraph, RegContext};
use crate::rules::registry::{
    reached_add_reg, subkey_text, value_name, writes_no_data, ReachedAddReg,
};

declare_rule! {
    /// ## What it does
    /// For every service the install sections Windows uses add, collects the HKR values the
    /// add-registry sections of its service-install sections write (HKR is the service key
    /// there) and flags a value that two different service-install sections of the same
    /// service write with different data, when both can be used on the same architecture.
    ///
    /// ## Why is this bad?
    /// A service key exists once per service name, whichever device or install section
    /// installed it. When two devices of the package use different sections, or the package is
    /// imaged offline, the last one processed wins and the service runs with the other
    /// device's setting. Keep the settings in one service-install section, give each variant
    /// its own service name, or store per-device settings in the device's HKR keys. InfVerif
    /// reports it as 1332: a warning in `/k`, an error in `/u` and `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_A_Service_AddReg]
    /// HKR,Parameters,Mode,0x00010001,1
    ///
    /// [Widget_B_Service_AddReg]
    /// HKR,Parameters,Mode,0x00010001,2
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_A_Device.NT.HW_AddReg]
    /// HKR,,Mode,0x00010001,1
    ///
    /// [Widget_B_Device.NT.HW_AddReg]
    /// HKR,,Mode,0x00010001,2
    /// ```
    ///
    /// ## References
    /// - [InfVerif errors 1330-1333](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330)
    /// - [INF validation errors and warnings (1332)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CONFLICTING_SERVICE_REGISTRY_VALUE = {
        code: "INF1332",
        name: "conflicting-service-registry-value",
        category: Services,
        infverif: Some(1332),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330",
        summary: "Service-install sections of one service write different data to one registry value",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    // (service, subkey, value name, view) → the lines that write it.
    let mut groups: BTreeMap<(String, String, String, u32), Vec<&ReachedAddReg>> = BTreeMap::new();
    let reached = reached_add_reg(cx);
    for r in reached.iter() {
        if r.context != RegContext::Service
            || r.line.root != RegRoot::Hkr
            || r.line.skip().is_some()
            || writes_no_data(&r.line)
            || r.line.effective_flags().append()
        {
            continue;
        }
        let Some(service) = r
            .service
            .as_ref()
            .map(|s| s.to_lowercase())
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        let key = (
            service,
            normalized_path(subkey_text(&r.line.subkey)),
            value_name(&r.line).to_lowercase(),
            r.line.effective_flags().0 & 0x5000,
        );
        groups.entry(key).or_default().push(r);
    }
    let mut reported = std::collections::HashSet::new();
    for (key, lines) in groups {
        let conflict = lines.iter().enumerate().find_map(|(i, a)| {
            lines[i + 1..]
                .iter()
                .find(|b| {
                    !a.from.eq_ignore_ascii_case(&b.from)
                        && graph.coexist(a.root, b.root)
                        && data_key(&a.line) != data_key(&b.line)
                })
                .map(|b| (a, b))
        });
        let Some((a, b)) = conflict else { continue };
        let (first, second) = if a.line.line.span.start <= b.line.line.span.start {
            (a, b)
        } else {
            (b, a)
        };
        if !reported.insert((first.line.line.index, second.line.line.index)) {
            continue;
        }
        let value = if key.2.is_empty() {
            "(default)".to_owned()
        } else {
            value_name(&first.line).to_owned()
        };
        let service = first.service.clone().unwrap_or_default();
        out.push(
            Finding::at(
                first.line.line.span,
                format!("`[{}]` and `[{}]` give service `{service}` different data for value `{value}`", first.from, second.from),
            )
            .primary_label(format!("writes {}", data_shown(&first.line)))
            .label(second.line.line.span, format!("writes {}", data_shown(&second.line)))
            .help("write the value from one service-install section only, give each variant its own service, or keep per-device settings under the device's HKR keys"),
        );
    }
}
