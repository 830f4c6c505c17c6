//! Finish-install actions (dif-model.md §4, §6.2): when an installer announces them
//! (`DI_FLAGSEX_FINISHINSTALL_ACTION` during `DIF_NEWDEVICEWIZARD_FINISHINSTALL`), how it handles
//! `DIF_FINISHINSTALL_ACTION`, and where they are not allowed at all. Built on the subjects and
//! dispatch hits of [`crate::rules::dif`].

pub mod dif0100_finish_install_action_not_universal;
pub mod dif0101_finish_install_flag_outside_finishinstall;
pub mod dif0102_finish_install_handler_without_flag;
pub mod dif0103_finish_install_flag_without_handler;
pub mod dif0104_co_installer_do_default_for_finish_install_action;
pub mod dif0105_class_installer_no_error_for_finish_install_action;
pub mod dif0106_finish_install_default_handler_called;

use dif_model::behavior::{CallKind, NotableCall};

use crate::rules::dif::Subject;

/// Every place the subject sets `DI_FLAGSEX_FINISHINSTALL_ACTION`, on any path.
pub(crate) fn flag_sets<'s>(subject: &'s Subject<'_>) -> Vec<&'s NotableCall> {
    let b = subject.behavior();
    b.handles
        .iter()
        .flat_map(|h| h.calls.iter())
        .chain(b.calls.iter())
        .filter(|c| c.kind == CallKind::SetsFinishInstallFlag)
        .collect()
}
