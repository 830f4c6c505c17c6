//! Driver package isolation, InfVerif `/w` (Windows Drivers): registry writes only under HKR,
//! files only in the driver store, settings of services only under `Parameters`, filters
//! through `[DDInstall.Filters]`, UMDF 2, in-process COM servers, autologger files under
//! `%DriverData%`.

pub mod inf1320_registry_key_outside_hkr;
pub mod inf1321_registry_value_outside_hkr;
pub mod inf1322_copy_outside_driver_store;
pub mod inf1323_service_hkr_outside_parameters;
pub mod inf1325_out_of_process_com_server;
pub mod inf1326_autologger_file_outside_driver_data;
pub mod inf1329_filters_through_registry;
pub mod inf1402_umdf_version_1;

use inf_parser::directives::{RegRoot, RegType};
use inf_parser::{Inf, Span};

use crate::rules::registry::reach::{path_components, InstallGraph, Role};
use crate::rules::registry::{reached_add_reg, subkey_text, value_name, writes_no_data};

/// Whether an add-registry line only creates (or deletes) a key: FLG_ADDREG_KEYONLY or
/// FLG_ADDREG_KEYONLY_COMMON, or no value name and no value fields.
pub(crate) fn is_key_operation(line: &inf_parser::directives::AddRegLine) -> bool {
    let f = line.effective_flags();
    f.key_only() || f.key_only_common() || (value_name(line).is_empty() && line.field_count <= 4)
}

/// `DEVPKEY_Device_UpperFilters` and `DEVPKEY_Device_LowerFilters`:
/// `{a45c254e-df1c-4efd-8020-67d146a850e0}` with property ids 20 and 21.
const DEVICE_PROPERTY_GUID: &str = "{a45c254e-df1c-4efd-8020-67d146a850e0}";

/// A place where the INF installs a filter driver through the registry or a device property
/// instead of `[DDInstall.Filters]`.
pub(crate) struct RegistryFilter {
    /// The line.
    pub(crate) span: Span,
    /// `UpperFilters` or `LowerFilters`.
    pub(crate) which: &'static str,
    /// How: `AddReg` or `AddProperty`.
    pub(crate) how: &'static str,
}

/// Every filter the processed sections install through `UpperFilters` / `LowerFilters`
/// registry values (HKR of a device or class, or the class key under HKLM) or the matching
/// device properties (AddProperty), once per line. Lines that delete the value are left out.
pub(crate) fn registry_filters(cx: &crate::context::Context<'_>) -> Vec<RegistryFilter> {
    let inf = cx.inf;
    let graph = InstallGraph::shared(cx);
    let mut out: Vec<RegistryFilter> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let which_of = |name: &str| {
        if name.eq_ignore_ascii_case("UpperFilters") {
            Some("UpperFilters")
        } else if name.eq_ignore_ascii_case("LowerFilters") {
            Some("LowerFilters")
        } else {
            None
        }
    };
    for r in reached_add_reg(cx).iter() {
        let l = &r.line;
        let Some(which) = which_of(value_name(l)) else {
            continue;
        };
        if l.skip().is_some() || writes_no_data(l) || !seen.insert(l.line.index) {
            continue;
        }
        let class_key = l.root == RegRoot::Hklm && {
            let parts = path_components(subkey_text(&l.subkey));
            parts.len() == 5
                && parts[0].eq_ignore_ascii_case("SYSTEM")
                && parts[1].eq_ignore_ascii_case("CurrentControlSet")
                && parts[2].eq_ignore_ascii_case("Control")
                && parts[3].eq_ignore_ascii_case("Class")
        };
        let device_key = l.root == RegRoot::Hkr && subkey_text(&l.subkey).is_empty();
        if (class_key || device_key) && matches!(l.reg_type(), RegType::MultiSz | RegType::Sz) {
            out.push(RegistryFilter {
                span: l.line.span,
                which,
                how: "AddReg",
            });
        }
    }
    for p in graph
        .processed
        .iter()
        .filter(|p| matches!(p.role, Role::Install | Role::Hw))
    {
        for r in inf.section_references(&p.section, "AddProperty") {
            let Some(target) = r.resolve(inf) else {
                continue;
            };
            for line in inf.section_lines(target) {
                let Some(name) = line.field(1) else { continue };
                let name = name.trim().to_owned();
                let by_name = name
                    .get(..15)
                    .filter(|p| p.eq_ignore_ascii_case("DEVPKEY_Device_"))
                    .and_then(|_| which_of(&name[15..]));
                let by_key = (name.eq_ignore_ascii_case(DEVICE_PROPERTY_GUID))
                    .then(|| line.field(2).map(|f| f.trim().to_owned()))
                    .flatten()
                    .and_then(|pid| match pid.as_str() {
                        "20" => Some("UpperFilters"),
                        "21" => Some("LowerFilters"),
                        _ => None,
                    });
                if let Some(which) = by_name.or(by_key) {
                    if seen.insert(line.index()) {
                        out.push(RegistryFilter {
                            span: line.span(),
                            which,
                            how: "AddProperty",
                        });
                    }
                }
            }
        }
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// The setting lines a directive of one install-suffix kind points at: for every processed
/// `suffix` section (`.COM`, `.Events`, `.Wdf`, …), every `directive` line in it, the section
/// its field `field` names, and that section's first `key` line — once per key line, with the
/// name of the section holding it. INF1325, INF1326 and INF1402 each check such a setting.
pub(crate) fn directive_settings<'a>(
    cx: &crate::context::Context<'a>,
    suffix: inf_parser::InstallSuffix,
    directive: &str,
    field: usize,
    key: &str,
) -> Vec<(String, inf_parser::LineRef<'a>)> {
    let inf: &'a Inf = cx.inf;
    let graph = InstallGraph::shared(cx);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in graph
        .processed
        .iter()
        .filter(|p| p.role == Role::Suffix(suffix))
    {
        for line in inf.find_lines(&p.section, directive) {
            let Some(section) = line
                .field(field)
                .and_then(|s| inf.section(s.trim()).map(|s| s.name.to_string()))
            else {
                continue;
            };
            let Some(setting) = inf.find_line(&section, key) else {
                continue;
            };
            if seen.insert(setting.index()) {
                out.push((section, setting));
            }
        }
    }
    out
}
