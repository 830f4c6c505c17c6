//! DCK0154: a WDF stampinf token is left in an `.inf`.

use inf_parser::inx::{find_stamp_tokens_in, StampTokenKind};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags `$KMDFVERSION$`, `$KMDFCOINSTALLERVERSION$`, `$UMDFVERSION$` and
    /// `$UMDFCOINSTALLERVERSION$` in an `.inf` file (outside comments). (`$ARCH$` is INF1274;
    /// `.inx` files are linted as stamped, so this never fires on them.)
    ///
    /// ## Why is this bad?
    /// These tokens are replaced by stampinf with the WDF version the driver was built for.
    /// Left in an `.inf`, `KmdfLibraryVersion = $KMDFVERSION$` is not a version, and Windows
    /// cannot bind the driver to the framework.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_wdfsect]
    /// KmdfLibraryVersion = $KMDFVERSION$
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_wdfsect]
    /// KmdfLibraryVersion = 1.15
    /// ```
    ///
    /// ## References
    /// - [Stampinf](https://learn.microsoft.com/windows-hardware/drivers/devtest/stampinf)
    /// - [Using INX files to create INF files](https://learn.microsoft.com/windows-hardware/drivers/wdf/using-inx-files-to-create-inf-files)
    pub static UNRESOLVED_STAMPINF_TOKEN = {
        code: "DCK0154",
        name: "unresolved-stampinf-token",
        category: Decoration,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/stampinf",
        summary: "Unresolved WDF stampinf token in an .inf file",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.is_inx {
        return;
    }
    let text = cx.inf.tree().text();
    for t in find_stamp_tokens_in(cx.inf.tree()) {
        let wdf = matches!(
            t.kind,
            StampTokenKind::KmdfVersion
                | StampTokenKind::KmdfCoinstallerVersion
                | StampTokenKind::UmdfVersion
                | StampTokenKind::UmdfCoinstallerVersion
        );
        if !wdf || t.in_comment {
            continue;
        }
        let token = &text[t.span.range()];
        out.push(
            Finding::at(t.span, format!("stampinf token `{token}` was not replaced"))
                .help("build the `.inf` from an `.inx` with stampinf (`-k`/`-u` give the WDF versions), or write the version"),
        );
    }
}
