//! The `[Version]` section.

use inf_parser::{Inf, Span};

pub mod dck0100_provider_missing;
pub mod dck0101_provider_too_long;
pub mod dck0102_layout_file;
pub mod dck0103_deprecated_difx_entry;
pub mod dck0104_class_missing;
pub mod dck0105_driver_ver_missing;
pub mod dck0106_unrecognized_catalog_file_decoration;
pub mod inf1001_bad_signature;
pub mod inf1010_class_guid_format;
pub mod inf1204_provider_microsoft;
pub mod inf1214_catalog_file_format;
pub mod inf1217_driver_ver_version;
pub mod inf1218_driver_ver_date;
pub mod inf1233_catalog_file_missing;
pub mod inf1280_class_mismatches_guid;
pub mod inf1281_guid_mismatches_class;
pub mod inf1284_reserved_class;
pub mod inf1286_class_name_too_long;
pub mod inf1324_pnp_lockdown;
pub mod inf1380_extension_id_format;
pub mod inf1381_extension_id_missing;

/// The span of the first `[Version]` header, if the section exists.
pub(crate) fn version_header(inf: &Inf) -> Option<Span> {
    let section = inf.section("Version")?;
    Some(inf.tree().headers()[*section.headers.first()? as usize].span)
}

/// Whether the INF is a device-driver INF: it has a `[Manufacturer]` section. Several
/// `[Version]` entries are documented as required for PnP device drivers only.
pub(crate) fn is_device_inf(inf: &Inf) -> bool {
    inf.has_section("Manufacturer")
}

/// The GUID of the Extension setup class (install/using-an-extension-inf-file.md).
pub(crate) const EXTENSION_CLASS_GUID: &str = "{e2f84ce7-8efa-411c-aa69-97454ca4cb57}";

/// Whether the INF is an extension INF: `Class=Extension` or the Extension class GUID.
pub(crate) fn is_extension_inf(cx: &crate::context::Context<'_>) -> bool {
    let v = cx.version();
    let by_name = v
        .class
        .as_ref()
        .is_some_and(|c| c.value.text.trim().eq_ignore_ascii_case("Extension"));
    let by_guid = v
        .class_guid
        .as_ref()
        .and_then(|g| g.guid.ok())
        .is_some_and(|g| inf_parser::Guid::parse(EXTENSION_CLASS_GUID).is_ok_and(|e| e == g));
    by_name || by_guid
}

/// The `DriverVer` Windows reads in each section that has one: the first line of `[Version]`
/// and of any install section (a DDInstall `DriverVer` overrides the `[Version]` one,
/// install/inf-driverver-directive.md). Strings sections are skipped.
pub(crate) fn driver_vers(inf: &Inf) -> Vec<inf_parser::directives::DriverVer> {
    inf.sections()
        .iter()
        .filter(|s| !inf_parser::is_strings_section_name(&s.name))
        .filter_map(|s| {
            inf.section_lines(s)
                .find(|l| l.raw_key_field().is_some() && l.key_matches("DriverVer"))
                .map(|l| inf_parser::directives::DriverVer::read(&l))
        })
        .collect()
}

/// The system-defined setup class the INF installs into: by `ClassGuid` when it is a known
/// GUID, else by `Class` name.
pub(crate) fn system_class(
    cx: &crate::context::Context<'_>,
) -> Option<&'static dif_model::catalog::SetupClass> {
    let v = cx.version();
    let by_guid = v
        .class_guid
        .as_ref()
        .and_then(|g| g.guid.ok())
        .and_then(|g| dif_model::catalog::setup_class_by_guid(&g.to_string()));
    by_guid.or_else(|| {
        v.class
            .as_ref()
            .and_then(|c| dif_model::catalog::setup_class_by_name(c.value.text.trim()))
    })
}

/// The finding for a `[Version]` entry that must be a braced GUID but is not (`ClassGuid`,
/// `ExtensionId`): at the value, or at the line when the value is empty.
pub(crate) fn malformed_guid_finding(
    key: &str,
    entry: &inf_parser::directives::GuidEntry,
    help: &str,
) -> Option<crate::finding::Finding> {
    let Err(error) = entry.guid else { return None };
    let value = entry.entry.value.text.trim();
    let message = if value.is_empty() {
        format!("`{key}` is empty")
    } else if error == inf_parser::GuidError::MissingBraces {
        format!("`{key}` `{value}` lacks its braces")
    } else {
        format!("`{key}` `{value}` is not a GUID")
    };
    let span = if value.is_empty() {
        entry.entry.line.span
    } else {
        entry.entry.value.span
    };
    Some(crate::finding::Finding::at(span, message).help(help))
}
