//! Universal INF restrictions, InfVerif `/u`: only additive operations, registry writes under
//! HKR, file copies under the Windows directory, no product-type or suite-mask decorations.

pub mod dck0251_product_type_decoration;
pub mod inf1304_non_hkr_registry_root;
pub mod inf1305_multi_sz_append_or_delete;
pub mod inf1306_copy_outside_system_path;
pub mod inf1308_non_additive_directive;
pub mod inf1309_registry_delete_in_add_reg;

use crate::rules::registry::reach::path_components;

/// Whether an HKLM or HKCR subkey is one of the registry writes the universal INF page allows
/// outside HKR: COM registration under HKCR or `HKLM\SOFTWARE\Classes`, and hardware MFT
/// registration under `HKLM\SOFTWARE\Microsoft\Windows Media Foundation` (also below
/// `WOW6432Node`, `WOW3232Node` or `WowAA32Node`).
pub(crate) fn universal_registry_exception(root: &str, subkey: &str) -> bool {
    if root.eq_ignore_ascii_case("HKCR") {
        return true;
    }
    if !root.eq_ignore_ascii_case("HKLM") {
        return false;
    }
    let parts = path_components(subkey);
    let is = |i: usize, name: &str| parts.get(i).is_some_and(|p| p.eq_ignore_ascii_case(name));
    if !is(0, "SOFTWARE") {
        return false;
    }
    if is(1, "Classes") {
        return true;
    }
    let wow = ["WOW6432Node", "WOW3232Node", "WowAA32Node"]
        .iter()
        .any(|w| is(1, w));
    let at = if wow { 2 } else { 1 };
    is(at, "Microsoft") && is(at + 1, "Windows Media Foundation")
}

#[cfg(test)]
mod tests {
    use super::universal_registry_exception;

    #[test]
    fn exceptions() {
        assert!(universal_registry_exception("HKCR", "CLSID\\{x}"));
        assert!(universal_registry_exception(
            "hklm",
            "Software\\Classes\\CLSID"
        ));
        assert!(universal_registry_exception(
            "HKLM",
            "SOFTWARE\\Microsoft\\Windows Media Foundation\\HardwareMFT"
        ));
        assert!(universal_registry_exception(
            "HKLM",
            "SOFTWARE\\WOW6432Node\\Microsoft\\Windows Media Foundation"
        ));
        assert!(!universal_registry_exception("HKLM", "SOFTWARE\\Contoso"));
        assert!(!universal_registry_exception("HKCU", "Software\\Classes"));
    }
}
