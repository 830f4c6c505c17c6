//! INF1242: a DestinationDirs line whose DIRID is missing or not a number.

use inf_parser::directives::DiridError;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::dirid_span;

declare_rule! {
    /// ## What it does
    /// Flags a `[DestinationDirs]` line whose first field, after `%strkey%` substitution, is
    /// not a DIRID number: missing, empty, a path such as `%11%` (which expands to the system32
    /// path, not to 11), or a number too large.
    ///
    /// ## Why is this bad?
    /// SetupAPI reads the DIRID with SetupGetIntField. Anything but a number cannot be resolved
    /// to a directory, so the file operations of the section go to a default directory or
    /// fail. A `%strkey%` whose Strings value is a number works; `%11%` does not. InfVerif
    /// reports a DIRID it cannot resolve as error 1242.
    ///
    /// ## Example
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CopyFiles = %12%
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DestinationDirs]
    /// Widget_CopyFiles = 12
    /// ```
    ///
    /// ## References
    /// - [INF DestinationDirs section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-destinationdirs-section)
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [INF validation errors and warnings (1242)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static UNRESOLVABLE_DIRID = {
        code: "INF1242",
        name: "unresolvable-dirid",
        category: Files,
        infverif: Some(1242),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-destinationdirs-section",
        summary: "DestinationDirs DIRID that is missing or not a number",
        check: check,
    }
}

/// An all-capitals identifier with at least one `_` (`INX_PLATFORM_DRIVERS_DIR`).
fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.contains('_')
        && t.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for d in cx.inf.destination_dirs().entries {
        // A `#` line is DCK1005's finding.
        if cx
            .inf
            .line(d.line.index)
            .text()
            .trim_start()
            .starts_with('#')
        {
            continue;
        }
        let what = d.key.as_ref().map_or_else(
            || "a keyless line".to_owned(),
            |k| format!("`{}`", k.text.trim()),
        );
        let message = match &d.dirid {
            Ok(_) => continue,
            Err(DiridError::Missing) => format!("DestinationDirs gives no DIRID for {what}"),
            Err(DiridError::NotANumber { text }) if text.contains('%') => {
                // An undefined `%strkey%` is INF1235's finding; a DIRID token is this rule's.
                if !d.dirid_text.as_ref().is_some_and(|f| {
                    f.raw(cx.inf)
                        .trim()
                        .trim_matches('%')
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                }) {
                    continue;
                }
                format!("DIRID of {what} is written `{text}`, which expands to a path, not a DIRID number")
            }
            // In an INX, an identifier such as `INX_PLATFORM_DRIVERS_DIR` is a placeholder a
            // build step replaces, not a DIRID the author wrote.
            Err(DiridError::NotANumber { text }) if cx.is_inx && is_placeholder(text) => continue,
            Err(DiridError::NotANumber { text }) => {
                format!("DIRID `{text}` of {what} is not a number")
            }
            Err(DiridError::OutOfRange) => format!("DIRID of {what} does not fit in 32 bits"),
        };
        out.push(Finding::at(dirid_span(&d), message).help("write the DIRID as a plain number, e.g. `13` for the driver store or `12` for system32\\drivers"));
    }
}
