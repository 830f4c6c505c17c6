//! DIF0021: an `EnumPropPages32` registration Windows cannot use.

use dif_model::chain::{EntryPitfall, InstallerRole};
use inf_parser::directives::RegType;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{registered, string_span, targets_of};

declare_rule! {
    /// ## What it does
    /// Flags `EnumPropPages32` registrations (property-page providers) written with a type
    /// other than REG_SZ, or whose string names no entry point.
    ///
    /// ## Why is this bad?
    /// The property-page provider is read as one string (`DEVPROP_TYPE_STRING`) holding the DLL
    /// and the function, which must be enclosed together in quotes. Unlike co-installers, a
    /// provider has no default entry point, so a string that names only the DLL never adds its
    /// pages. (Strings whose entry point was split off by missing quotes are reported by
    /// DIF0016.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device_AddReg]
    /// HKR,,EnumPropPages32,0x00010000,"WidgetProp.dll"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device_AddReg]
    /// HKR,,EnumPropPages32,,"WidgetProp.dll,WidgetPropPageProvider"
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [DEVPKEY_Device_DriverPropPageProvider](https://learn.microsoft.com/windows-hardware/drivers/install/devpkey-device-driverproppageprovider)
    pub static ENUM_PROP_PAGES_MALFORMED = {
        code: "DIF0021",
        name: "enum-prop-pages-malformed",
        category: Installer,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "EnumPropPages32 not a REG_SZ \"dll,entry\" string",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for r in registered(cx) {
        let i = r.installer;
        if !matches!(
            i.role,
            InstallerRole::DevicePropertyPages | InstallerRole::ClassPropertyPages
        ) {
            continue;
        }
        let (Some(spec), Some(reg)) = (&i.spec, &i.registration) else {
            continue;
        };
        let Some(span) = string_span(i) else { continue };
        if reg.value_type != RegType::Sz && reg.flags.is_ok() {
            out.push(
                Finding::at(
                    span,
                    format!("`EnumPropPages32` is written as {}", reg.value_type.name()),
                )
                .primary_label("not REG_SZ: the property pages are never added")
                .help("write EnumPropPages32 as REG_SZ (empty flags field)")
                .targets(targets_of(cx, &r.labels)),
            );
            continue;
        }
        let split = i.pitfalls.iter().any(|p| {
            matches!(
                p,
                EntryPitfall::FieldsIgnored {
                    likely_entry: Some(_),
                    ..
                } | EntryPitfall::SplitByMissingQuotes { .. }
            )
        });
        if spec.entry.is_none() && !split && !spec.dll.trim().is_empty() {
            out.push(
                Finding::at(
                    span,
                    format!(
                        "`EnumPropPages32` names the DLL `{}` but no function",
                        spec.dll
                    ),
                )
                .primary_label("a property-page provider has no default entry point")
                .help("name the provider function: \"dll,ProviderFunction\"")
                .targets(targets_of(cx, &r.labels)),
            );
        }
    }
}
