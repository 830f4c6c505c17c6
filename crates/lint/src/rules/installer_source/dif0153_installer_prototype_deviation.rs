//! DIF0153: an installer entry point declared unlike the documented prototype.

use inf_parser::Arch;

use crate::rules::dif::{subject_finding, subjects};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the declaration of each installer entry point and flags departures from the documented
    /// prototypes, `DWORD CALLBACK CoInstaller(DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA,
    /// PCOINSTALLER_CONTEXT_DATA)` and `DWORD CALLBACK ClassInstaller(DI_FUNCTION, HDEVINFO,
    /// PSP_DEVINFO_DATA)`: parameters out of order or of other types, a return type that is not a
    /// 32-bit status (`BOOL`, `HRESULT`, `void`, …), and, when the INF installs on x86, no
    /// `CALLBACK`/`WINAPI` calling convention.
    ///
    /// ## Why is this bad?
    /// SetupAPI calls the entry point through a pointer of the documented type. On x86 a function
    /// without `__stdcall` leaves the arguments on the stack and corrupts the caller's stack
    /// pointer; other types make the installer read its arguments, or return its status, wrongly.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; BOOL WidgetCoInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; DWORD CALLBACK WidgetCoInstaller(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)
    /// ```
    ///
    /// ## References
    /// - [Co-installer interface](https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface)
    /// - [Class installer interface](https://learn.microsoft.com/previous-versions/windows/hardware/drivers/ff537910(v=vs.85))
    pub static INSTALLER_PROTOTYPE_DEVIATION = {
        code: "DIF0153",
        name: "installer-prototype-deviation",
        category: InstallerSource,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/co-installer-interface",
        summary: "Installer entry point declared unlike the documented prototype",
        check: check,
    }
}

/// Return types that are a 32-bit unsigned or signed integer like DWORD.
const DWORD_LIKE: &[&str] = &[
    "DWORD", "ULONG", "UINT", "LONG", "INT", "int", "unsigned", "long", "UINT32", "DWORD32",
    "ULONG32", "INT32",
];

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let x86 = cx
        .installer_chains()
        .iter()
        .any(|c| c.chain.target.arch == Arch::X86);
    for s in subjects(cx) {
        let p = &s.entry.prototype;
        let deviations: Vec<&String> = p
            .deviations
            .iter()
            .filter(|d| {
                if d.starts_with("no CALLBACK") {
                    return x86;
                }
                if d.starts_with("returns `") {
                    let words: Vec<&str> = p
                        .return_type
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .filter(|w| !w.is_empty())
                        .collect();
                    return !words.iter().any(|w| DWORD_LIKE.contains(w));
                }
                // An entry point asked for by name with an undeclared DI_FUNCTION type (e.g. UINT).
                !d.starts_with("no DI_FUNCTION parameter")
            })
            .collect();
        if deviations.is_empty() {
            continue;
        }
        let list: Vec<String> = deviations.iter().map(|d| d.to_string()).collect();
        out.push(
            subject_finding(cx, &s, format!("{}: the entry point {}", s.display(), list.join("; ")))
                .help("declare the entry point exactly as documented: DWORD CALLBACK Name(DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA[, PCOINSTALLER_CONTEXT_DATA])"),
        );
    }
}
