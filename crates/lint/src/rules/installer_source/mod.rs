//! What installer C/C++ sources do besides their return values (dif-model.md §6.4): default
//! handlers called by co-installers, UI and processes started during the core installation, and
//! entry points declared unlike the documented prototypes. Built on the subjects of
//! [`crate::rules::dif`].

pub mod dif0150_co_installer_calls_default_handler;
pub mod dif0151_ui_during_core_installation;
pub mod dif0152_process_start_during_core_installation;
pub mod dif0153_installer_prototype_deviation;
pub mod dif0154_installer_role_mismatch;
pub mod dif0155_reserved_dif_handled;

use dif_model::behavior::CallKind;
use dif_model::catalog::dif_codes::{
    DIF_ALLOW_INSTALL, DIF_DESTROYPRIVATEDATA, DIF_FIRSTTIMESETUP, DIF_INSTALLDEVICE,
    DIF_INSTALLDEVICEFILES, DIF_INSTALLINTERFACES, DIF_NEWDEVICEWIZARD_FINISHINSTALL,
    DIF_REGISTER_COINSTALLERS, DIF_SELECTBESTCOMPATDRV,
};
use dif_model::catalog::dif_display_name;

use crate::context::Context;
use crate::finding::Finding;
use crate::rules::dif::{subject_finding, subjects};

/// The DIF codes Windows sends during the core (server-side, non-interactive) installation of a
/// device (dif-model.md §2.8), and `DIF_FIRSTTIMESETUP`, which must be silent.
pub(crate) const CORE_INSTALL_DIFS: &[u32] = &[
    DIF_SELECTBESTCOMPATDRV,
    DIF_ALLOW_INSTALL,
    DIF_INSTALLDEVICEFILES,
    DIF_REGISTER_COINSTALLERS,
    DIF_INSTALLINTERFACES,
    DIF_INSTALLDEVICE,
    DIF_NEWDEVICEWIZARD_FINISHINSTALL,
    DIF_DESTROYPRIVATEDATA,
    DIF_FIRSTTIMESETUP,
];

/// Reports calls of `kind` that an installer makes while handling a core-installation DIF or on
/// paths open to every DIF, one finding per installer.
pub(crate) fn report_core_calls(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    kind: CallKind,
    what: &str,
    help: &str,
) {
    for s in subjects(cx) {
        let b = s.behavior();
        let mut places = Vec::new();
        let mut difs: Vec<String> = Vec::new();
        for h in b
            .handles
            .iter()
            .filter(|h| CORE_INSTALL_DIFS.contains(&h.dif))
        {
            for c in h.calls.iter().filter(|c| c.kind == kind) {
                places.push(c);
                let d = format!("`{}`", dif_display_name(h.dif));
                if !difs.contains(&d) {
                    difs.push(d);
                }
            }
        }
        let common: Vec<_> = b.calls.iter().filter(|c| c.kind == kind).collect();
        if !common.is_empty() {
            difs.push("every DIF".to_owned());
            places.extend(common);
        }
        let Some(first) = places.first() else {
            continue;
        };
        let mut functions: Vec<String> = Vec::new();
        for c in &places {
            let f = format!("`{}`", c.function);
            if !functions.contains(&f) {
                functions.push(f);
            }
        }
        let mut finding = subject_finding(
            cx,
            &s,
            format!(
                "{} {what} ({}) while handling {}, during the non-interactive device installation",
                s.display(),
                functions.join(", "),
                difs.join(", ")
            ),
        )
        .help(help.to_owned())
        .label_in(first.at.file.clone(), first.at.span, "called here");
        for c in &places[1..] {
            finding = finding.label_in(c.at.file.clone(), c.at.span, "called here");
        }
        out.push(finding);
    }
}
