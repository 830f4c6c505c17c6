//! INF1274: an `$ARCH$` token is left in an `.inf`.

use inf_parser::inx::{find_stamp_tokens_in, StampTokenKind};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags `$ARCH$` in an `.inf` file (outside comments) when the file is linted as written
    /// (`difcheck lint --no-stampinf`). By default an `.inf` that still holds `$ARCH$` is
    /// treated as a stampinf input, like an `.inx` — the WDK's StampInf build task stamps
    /// project INFs — and is linted as stamped for each architecture, as InfVerif's
    /// `/stampinf` switch does; this rule then stays silent.
    ///
    /// ## Why is this bad?
    /// `$ARCH$` is a stampinf token that the build replaces with the target architecture.
    /// Left in an `.inf`, `NT$ARCH$` is not a valid decoration: Windows ignores it and the
    /// Models and install sections named with it are never used. InfVerif rejects it (1274)
    /// unless run with `/stampinf`.
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NT$ARCH$.10.0...16299
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    /// ```
    ///
    /// ## References
    /// - [Stampinf](https://learn.microsoft.com/windows-hardware/drivers/devtest/stampinf)
    /// - [Running InfVerif from the command line](https://learn.microsoft.com/windows-hardware/drivers/devtest/running-infverif-from-the-command-line)
    pub static UNRESOLVED_ARCH_TOKEN = {
        code: "INF1274",
        name: "unresolved-arch-token",
        category: Decoration,
        infverif: Some(1274),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/stampinf",
        summary: "Unresolved $ARCH$ token in an .inf file",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.is_inx {
        return;
    }
    let tokens: Vec<_> = find_stamp_tokens_in(cx.inf.tree())
        .into_iter()
        .filter(|t| t.kind == StampTokenKind::Arch && !t.in_comment)
        .collect();
    let Some(first) = tokens.first() else { return };
    let mut f = Finding::at(
        first.span,
        format!(
            "`$ARCH$` was not replaced ({} occurrence{}): stampinf has not processed this file",
            tokens.len(),
            if tokens.len() == 1 { "" } else { "s" }
        ),
    );
    for t in &tokens[1..] {
        f = f.label(t.span, "also here");
    }
    out.push(f.help("if the build stamps this file (a WDK project's INF source), lint it without `--no-stampinf` so difcheck checks it as stamped; otherwise write the architecture (`NTamd64`)"));
}
