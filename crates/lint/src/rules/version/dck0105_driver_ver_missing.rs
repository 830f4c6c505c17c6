//! DCK0105: `[Version]` has no `DriverVer`.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags an INF with no `DriverVer` entry in `[Version]` nor in any other section.
    ///
    /// ## Why is this bad?
    /// The DriverVer page makes the entry required: Windows ranks candidate drivers by its
    /// date and version, and without it the package is dated 00/00/0000 and loses to every
    /// other driver for the device. InfVerif has no documented code for the missing entry.
    /// (In an `.inx` file, stampinf writes `DriverVer`, so this fires only on `.inf` files.)
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile = widget.cat
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// CatalogFile = widget.cat
    /// DriverVer = 07/15/2025,1.0.0.0
    /// ```
    ///
    /// ## References
    /// - [INF DriverVer directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-driverver-directive)
    pub static DRIVER_VER_MISSING = {
        code: "DCK0105",
        name: "driver-ver-missing",
        category: Version,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-driverver-directive",
        summary: "No DriverVer entry",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(header) = super::version_header(cx.inf) else {
        return;
    };
    if !super::driver_vers(cx.inf).is_empty() {
        return;
    }
    out.push(
        Finding::at(header, "`[Version]` has no `DriverVer` entry")
            .help("add `DriverVer = mm/dd/yyyy,w.x.y.z` with the package's date and version"),
    );
}
