//! INF1258: registry data that stores a path built from a DIRID.

use inf_parser::dirid::dirid_info;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{dirid_tokens, every_add_reg, string_data, writes_no_data};

/// The driver store directory: storing `%13%\file` is the documented way to let a driver find
/// its run-from-driver-store files.
const DRIVER_STORE: i64 = 13;

declare_rule! {
    /// ## What it does
    /// Flags string registry data (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ items) that contains a
    /// `%dirid%` token other than `%13%`, such as `%11%\Widget.dll` or `%12%\widget.sys`.
    ///
    /// ## Why is this bad?
    /// SetupAPI replaces the DIRID with the directory's full path at install time, and that path
    /// is frozen into the registry. When the INF is installed into an offline image, or the
    /// system is upgraded or moved, the stored path can be wrong. Store a path Windows expands at
    /// run time instead, such as `%%SystemRoot%%\System32\Widget.dll` in a REG_EXPAND_SZ value.
    /// `%13%` (the driver store) is left alone: storing `%13%\file` in HKR is the documented
    /// way for a driver to find its run-from-driver-store files. InfVerif reports these paths as
    /// error 1258.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_EventLog_AddReg]
    /// HKR,,EventMessageFile,0x00020000,"%11%\IoLogMsg.dll"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_EventLog_AddReg]
    /// HKR,,EventMessageFile,0x00020000,"%%SystemRoot%%\System32\IoLogMsg.dll"
    /// ```
    ///
    /// ## References
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [Run from driver store](https://learn.microsoft.com/windows-hardware/drivers/develop/run-from-driver-store)
    /// - [INF validation errors and warnings (1258)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static DIRID_PATH_IN_REGISTRY = {
        code: "INF1258",
        name: "dirid-path-in-registry",
        category: Registry,
        infverif: Some(1258),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids",
        summary: "Registry data stores a path built from a DIRID",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in every_add_reg(cx).iter() {
        if r.line.skip().is_some()
            || writes_no_data(&r.line)
            || crate::rules::registry::is_installer_registration(
                crate::rules::registry::value_name(&r.line),
                crate::rules::registry::subkey_text(&r.line.subkey),
            )
            || !seen.insert(r.line.line.index)
        {
            continue;
        }
        for value in string_data(&r.line) {
            for (id, span) in dirid_tokens(cx.inf, value) {
                if id == DRIVER_STORE {
                    continue;
                }
                let meaning = dirid_info(id).map_or_else(
                    || "a user-defined directory".to_owned(),
                    |d| d.meaning.to_owned(),
                );
                out.push(
                    Finding::at(span, format!("registry data stores the install-time path of DIRID {id}, {meaning}"))
                        .help("store a path expanded at run time, e.g. `%%SystemRoot%%\\System32\\…` in a REG_EXPAND_SZ value, or `%13%\\…` for a file the package runs from the driver store"),
                );
            }
        }
    }
}
