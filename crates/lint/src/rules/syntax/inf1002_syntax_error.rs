//! INF1002: a syntax error that makes SetupOpenInfFile reject the file.

use inf_parser::OpenErrorCode;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Reports the syntax errors that make `SetupOpenInfFile` fail: a section header without
    /// its closing `]`, a section name longer than 255 characters, and text before the first
    /// section in a file without a `[Strings]` section.
    ///
    /// ## Why is this bad?
    /// Windows rejects the whole file at the first such error (ERROR_BAD_SECTION_NAME_LINE,
    /// ERROR_SECTION_NAME_TOO_LONG, ERROR_EXPECTED_SECTION_NAME), so the driver cannot be
    /// installed at all. InfVerif reports it as 1002.
    ///
    /// ## Example
    /// ```inf
    /// [Version
    /// Signature = "$WINDOWS NT$"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$WINDOWS NT$"
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    /// - [SetupOpenInfFileW](https://learn.microsoft.com/windows/win32/api/setupapi/nf-setupapi-setupopeninffilew)
    pub static SYNTAX_ERROR = {
        code: "INF1002",
        name: "syntax-error",
        category: Syntax,
        infverif: Some(1002),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Syntax error that makes Windows reject the file",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(err) = cx.inf.tree().open_verdict() else {
        return;
    };
    let (message, help) = match err.code {
        OpenErrorCode::BadSectionNameLine => (
            "section header has no closing `]`".to_owned(),
            "close the section name with `]` on the same line",
        ),
        OpenErrorCode::SectionNameTooLong => (
            "section name is longer than 255 characters".to_owned(),
            "shorten the section name to at most 255 characters",
        ),
        OpenErrorCode::ExpectedSectionName => (
            "text before the first section header".to_owned(),
            "move the text into a section, or make it a comment with `;`",
        ),
        // Signature problems are INF1001's.
        OpenErrorCode::WrongInfStyle | OpenErrorCode::GeneralSyntax => return,
    };
    out.push(
        Finding::at(
            err.span,
            format!("{message}: Windows rejects the file ({})", err.code.name()),
        )
        .primary_label("SetupOpenInfFile fails here")
        .help(help),
    );
}
