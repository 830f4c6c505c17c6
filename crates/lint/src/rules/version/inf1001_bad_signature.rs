//! INF1001: no `[Version]` section, or its Signature is not `$Windows NT$`.

use inf_parser::OpenErrorCode;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks that the file has a `[Version]` section whose first `Signature` entry is
    /// `"$Windows NT$"`.
    ///
    /// ## Why is this bad?
    /// Without a valid signature `SetupOpenInfFile` fails with ERROR_WRONG_INF_STYLE and the
    /// package cannot be installed. `$Chicago$` still opens, but InfVerif requires
    /// `$Windows NT$` for driver packages (1001).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows 95$"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    pub static BAD_SIGNATURE = {
        code: "INF1001",
        name: "bad-signature",
        category: Version,
        infverif: Some(1001),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "Missing [Version] section or Signature other than $Windows NT$",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let fix = "add `Signature = \"$Windows NT$\"` as the first entry of `[Version]`";
    let Some(version) = inf.section("Version") else {
        out.push(Finding::whole_file("file has no `[Version]` section").help(fix));
        return;
    };
    let Some(line) = inf.find_line("Version", "Signature") else {
        let at = inf.tree().headers()[version.headers[0] as usize].span;
        out.push(Finding::at(at, "`[Version]` has no `Signature` entry").help(fix));
        return;
    };
    let value = line.field(1).unwrap_or_default();
    let span = line.field_span(1).unwrap_or(line.span());
    if value.eq_ignore_ascii_case("$windows nt$") {
        return;
    }
    let opens =
        !matches!(inf.tree().open_verdict(), Some(e) if e.code == OpenErrorCode::WrongInfStyle);
    let message = if opens {
        format!("`Signature` is `{value}`; driver packages must use `$Windows NT$`")
    } else {
        format!("`Signature` is `{value}`: Windows rejects the file (ERROR_WRONG_INF_STYLE)")
    };
    out.push(Finding::at(span, message).help(fix));
}
