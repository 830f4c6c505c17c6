//! DIF0151: UI shown while Windows installs the device.

use dif_model::behavior::CallKind;

use super::report_core_calls;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reads the installer's source and flags calls that show UI (`MessageBox*`, `DialogBox*`,
    /// `CreateDialog*`, `CreateWindow*`, `PropertySheet`, `TaskDialog*`, `ShellExecute*` with a
    /// visible window) on the paths of the DIF codes of the core device installation, which runs in a non-interactive process
    /// (`DIF_SELECTBESTCOMPATDRV`, `DIF_ALLOW_INSTALL`, `DIF_INSTALLDEVICEFILES`,
    /// `DIF_REGISTER_COINSTALLERS`, `DIF_INSTALLINTERFACES`, `DIF_INSTALLDEVICE`,
    /// `DIF_NEWDEVICEWIZARD_FINISHINSTALL`, `DIF_DESTROYPRIVATEDATA`, and `DIF_FIRSTTIMESETUP` in
    /// GUI-mode setup), or on code that runs for every DIF. UI in `DIF_FINISHINSTALL_ACTION`, in property
    /// pages and in the client-side wizard DIF codes is not flagged.
    ///
    /// ## Why is this bad?
    /// Since Windows Vista devices are installed by a service, without a user session: a dialog
    /// shown during the installation is never seen, and the installation hangs until it times out.
    /// UI belongs in a finish-install action (or a device app), and must never be shown with
    /// `DI_QUIETINSTALL`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_INSTALLDEVICE: MessageBox(NULL, L"Reboot now?", L"Widget", MB_YESNO);
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CoInstaller_AddReg]
    /// HKR,,CoInstallers32,0x00010000,"WidgetCo.dll,WidgetCoInstaller"
    /// ; case DIF_INSTALLDEVICE: set DI_NEEDREBOOT in the device install params instead
    /// ```
    ///
    /// ## References
    /// - [Writing class installers and co-installers](https://learn.microsoft.com/windows-hardware/drivers/install/writing-class-installers-and-co-installers)
    /// - [Debugging device installations](https://learn.microsoft.com/windows-hardware/drivers/install/debugging-device-installations--windows-vista-and-later-)
    pub static UI_DURING_CORE_INSTALLATION = {
        code: "DIF0151",
        name: "ui-during-core-installation",
        category: InstallerSource,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InstallerSources,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/writing-class-installers-and-co-installers",
        summary: "Installer shows UI during core device installation",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    report_core_calls(cx, out, CallKind::UserInterface, "shows UI", "move the UI into a finish-install action (DIF_FINISHINSTALL_ACTION) or a device app; set DI_NEEDREBOOT instead of asking for a restart");
}
