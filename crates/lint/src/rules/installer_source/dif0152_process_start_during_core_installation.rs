//! DIF0152: a process or service started while Windows installs the device.

use dif_model::behavior::CallKind;

use super::report_core_calls;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags calls that start a process or service
    /// (`CreateProcess*`, `ShellExecute*`, `WinExec`, `system`, `_spawn*`, `StartService`) on the
    /// paths of the DIF codes of the core device installation, which runs in a non-interactive process
    /// (`DIF_SELECTBESTCOMPATDRV`, `DIF_ALLOW_INSTALL`, `DIF_INSTALLDEVICEFILES`,
    /// `DIF_REGISTER_COINSTALLERS`, `DIF_INSTALLINTERFACES`, `DIF_INSTALLDEVICE`,
    /// `DIF_NEWDEVICEWIZARD_FINISHINSTALL`, `DIF_DESTROYPRIVATEDATA`, and `DIF_FIRSTTIMESETUP` in
    /// GUI-mode setup), or on code that runs for every DIF. Starting a program from `DIF_FINISHINSTALL_ACTION` is not flagged.
    ///
    /// ## Why is this bad?
    /// Class installers and co-installers must not start other processes or services during the
    /// installation: it runs non-interactively as LocalSystem, a started program has no user to talk
    /// to and may hold the installation up, and device installation applications must not be started
    /// from installers at all. A finish-install action (or a `SoftwareComponent` with
    /// `AddSoftware`) is the place for that work.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_INSTALLDEVICE: CreateProcess(L"WidgetSetup.exe", ...);
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.Software]
    /// AddSoftware = WidgetSetup,, Widget_Software_Install
    /// ```
    ///
    /// ## References
    /// - [Writing class installers and co-installers](https://learn.microsoft.com/windows-hardware/drivers/install/writing-class-installers-and-co-installers)
    /// - [Guidelines for writing device installation applications](https://learn.microsoft.com/windows-hardware/drivers/install/guidelines-for-writing-device-installation-applications)
    /// - [INF AddSoftware directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addsoftware-directive)
    pub static PROCESS_START_DURING_CORE_INSTALLATION = {
        code: "DIF0152",
        name: "process-start-during-core-installation",
        category: InstallerSource,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/writing-class-installers-and-co-installers",
        summary: "Installer starts a process or service during core device installation",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_core_calls(cx, out, CallKind::ProcessStart, "starts a process or service", "start programs only from a finish-install action, or install them with a SoftwareComponent and AddSoftware");
}
