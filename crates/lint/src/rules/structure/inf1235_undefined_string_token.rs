//! INF1235: a `%strkey%` token is not defined in `[Strings]`.

use std::collections::HashSet;

use inf_parser::{fold_case, is_strings_section_name};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// Environment variables that INFs store in the registry or in paths; written with single `%`
/// they are read as string tokens (the trap the 1235 documentation describes).
const ENVIRONMENT_VARIABLES: &[&str] = &[
    "SystemRoot",
    "windir",
    "SystemDrive",
    "ProgramFiles",
    "ProgramFiles(x86)",
    "ProgramW6432",
    "CommonProgramFiles",
    "ProgramData",
    "ALLUSERSPROFILE",
    "USERPROFILE",
    "APPDATA",
    "LOCALAPPDATA",
    "TEMP",
    "TMP",
    "DriverData",
];

declare_rule! {
    /// ## What it does
    /// Flags every `%strkey%` token, outside the Strings sections, that is neither a DIRID
    /// (`%11%`) nor defined in `[Strings]`. When the INF has no `[Strings]` but localized
    /// `[Strings.LLLL]` sections, a token is flagged only if none of them defines it.
    ///
    /// ## Why is this bad?
    /// Windows leaves an undefined token as literal text, so a device description, a path or
    /// a registry value ends up containing `%Name%`. The usual cause is an environment
    /// variable written with single percent signs: `%SystemRoot%` in AddReg data must be
    /// written `%%SystemRoot%%` to store the literal `%SystemRoot%`. InfVerif rejects it (1235).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,EventMessageFile,0x00020000,"%SystemRoot%\System32\IoLogMsg.dll"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,EventMessageFile,0x00020000,"%%SystemRoot%%\System32\IoLogMsg.dll"
    /// ```
    ///
    /// ## References
    /// - [INF Strings section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-strings-section)
    /// - [INF validation errors and warnings (1235)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static UNDEFINED_STRING_TOKEN = {
        code: "INF1235",
        name: "undefined-string-token",
        category: Structure,
        infverif: Some(1235),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings",
        summary: "String token not defined in [Strings]",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let has_strings = inf.has_section("Strings");
    // Without `[Strings]`, the semantic view substitutes from no section; accept tokens that a
    // localized section defines (key-set differences between them are INF1295's business).
    let localized: HashSet<String> = if has_strings {
        HashSet::new()
    } else {
        inf.sections()
            .iter()
            .filter(|s| is_strings_section_name(&s.name))
            .flat_map(|s| inf.section_lines(s))
            .filter_map(|l| l.raw_match_key().map(|k| fold_case(k.trim()).into_owned()))
            .collect()
    };
    for token in inf.undefined_tokens() {
        if localized.contains(fold_case(&token.name).as_ref()) {
            continue;
        }
        let name = &token.name;
        let env = ENVIRONMENT_VARIABLES
            .iter()
            .any(|e| e.eq_ignore_ascii_case(name));
        let help = if env {
            format!(
                "`{name}` looks like an environment variable: to store the literal `%{name}%`, write `%%{name}%%`"
            )
        } else {
            format!(
                "define `{name} = \"…\"` in `[Strings]`, or write `%%` for a literal percent sign"
            )
        };
        out.push(
            Finding::at(
                token.span,
                format!("`%{name}%` is not defined in `[Strings]`"),
            )
            .help(help),
        );
    }
}
