//! INF1241: a destination DIRID in the user-defined range.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{classify_dirid, dirid_span, DiridClass};

declare_rule! {
    /// ## What it does
    /// Flags a `[DestinationDirs]` line whose DIRID is in the user-defined range: 32768 to
    /// 65534, or 65536 and above (the printer DIRIDs 66000–66004 excepted).
    ///
    /// ## Why is this bad?
    /// A user-defined DIRID names a directory only after code calls SetupSetDirectoryId for it.
    /// A driver package is installed declaratively, with no such code, so the directory cannot
    /// be resolved and the files have nowhere to go. InfVerif reports a user-defined DIRID it
    /// cannot resolve as error 1241.
    ///
    /// ## Example
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CopyFiles = 32768
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CopyFiles = 13
    /// ```
    ///
    /// ## References
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [INF validation errors and warnings (1241)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static USER_DEFINED_DIRID = {
        code: "INF1241",
        name: "user-defined-dirid",
        category: Files,
        infverif: Some(1241),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids",
        summary: "Destination DIRID in the user-defined range, which nothing resolves",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for d in cx.inf.destination_dirs().entries {
        let Ok(id) = d.dirid else { continue };
        if classify_dirid(id) == DiridClass::UserDefined {
            out.push(
                Finding::at(dirid_span(&d), format!("DIRID {id} is user-defined: nothing in a driver package install sets it"))
                    .help("use DIRID 13 (the driver store) or another system DIRID from the Using DIRIDs page"),
            );
        }
    }
}
