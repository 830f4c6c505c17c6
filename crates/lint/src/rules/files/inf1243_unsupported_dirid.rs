//! INF1243: a destination DIRID that is not a documented value.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{classify_dirid, dirid_span, DiridClass};

declare_rule! {
    /// ## What it does
    /// Flags a `[DestinationDirs]` line whose DIRID is a number in the ranges reserved for the
    /// system (below 32768) that the Using DIRIDs page does not document: for example 2, 14,
    /// 19, 99, or a shell-folder DIRID above 0x4000 + 0x3F.
    ///
    /// ## Why is this bad?
    /// Only the documented DIRIDs (and shell-folder DIRIDs, 0x4000 plus a CSIDL value) name a
    /// directory; an undocumented system value resolves to nothing or to whatever a future
    /// Windows assigns. The number is usually a typo (`31` for `13`). InfVerif reports an
    /// unsupported DIRID value as error 1243.
    ///
    /// ## Example
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CopyFiles = 31
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
    /// - [INF validation errors and warnings (1243)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static UNSUPPORTED_DIRID = {
        code: "INF1243",
        name: "unsupported-dirid",
        category: Files,
        infverif: Some(1243),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids",
        summary: "Destination DIRID that is not a documented value",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for d in cx.inf.destination_dirs().entries {
        let Ok(id) = d.dirid else { continue };
        if classify_dirid(id) == DiridClass::Unsupported {
            out.push(
                Finding::at(
                    dirid_span(&d),
                    format!("DIRID {id} is not a documented directory id"),
                )
                .help("use a DIRID from the Using DIRIDs page, normally 13 (the driver store)"),
            );
        }
    }
}
