//! INF1340: a file operation whose destination DIRID is deprecated.

use inf_parser::dirid::dirid_info;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::InstallGraph;

use super::{dirid_span, used_destination_dirs};

declare_rule! {
    /// ## What it does
    /// Flags the `[DestinationDirs]` lines that the copy, delete and rename operations of the
    /// processed install sections use when their DIRID is one the Using DIRIDs page marks as
    /// deprecated from Windows 11 24H2: 1, 17, 18, 20, 21, 24, 25, 30, 50, 53, 54, -1, 16406,
    /// 16407, 16408, 16409, 16415, 16419, 16429 and 16430.
    ///
    /// ## Why is this bad?
    /// These directories (the INF directory, fonts, help, the boot and system drive roots, the
    /// Start menu and desktop of all users…) are outside what an isolated driver package may
    /// touch, and Windows no longer accepts them for signing. Put package files in DIRID 13.
    /// InfVerif reports a deprecated DIRID as error 1340 in `/w` only; it does not report it in
    /// `/k` or `/u`. (Microsoft documents 1340 and 1341 with the same message; difcheck reports
    /// DIRIDs used as copy destinations as 1340 and DIRIDs named in other fields as 1341.)
    ///
    /// ## Example
    /// ```inf
    /// [DestinationDirs]
    /// Widget_Fonts = 20
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DestinationDirs]
    /// Widget_Fonts = 13
    /// ```
    ///
    /// ## References
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [InfVerif /h](https://learn.microsoft.com/windows-hardware/drivers/devtest/infverif_h)
    /// - [INF validation errors and warnings (1340)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static DEPRECATED_DESTINATION_DIRID = {
        code: "INF1340",
        name: "deprecated-destination-dirid",
        category: Files,
        infverif: Some(1340),
        severities: Severities::infverif(None, None, Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids",
        summary: "File operation to a DIRID deprecated from Windows 11 24H2",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    for (d, used_by) in used_destination_dirs(cx.inf, &graph) {
        let Ok(id) = d.dirid else { continue };
        let Some(info) = dirid_info(id).filter(|i| i.deprecated_24h2) else {
            continue;
        };
        out.push(
            Finding::at(
                dirid_span(&d),
                format!("DIRID {id}, {}, is deprecated", info.meaning),
            )
            .label(used_by.span, "used here")
            .help("copy package files to DIRID 13 (the driver store)"),
        );
    }
}
