//! INF1257: registry data that hard-codes the Windows directory.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{every_add_reg, string_data, writes_no_data};

declare_rule! {
    /// ## What it does
    /// Flags string registry data (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ items) that contains a
    /// drive-letter path to the Windows directory, such as `C:\Windows\System32\…` or
    /// `C:\WINNT\…`.
    ///
    /// ## Why is this bad?
    /// Windows is not always installed in `C:\Windows`: the drive and folder differ on other
    /// installations, in offline images and in recovery environments. A hard-coded path then
    /// points at nothing. Store a path Windows expands at run time instead, such as
    /// `%%SystemRoot%%\System32\…` in a REG_EXPAND_SZ value. InfVerif reports it as error 1257.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_EventLog_AddReg]
    /// HKR,,EventMessageFile,0x00020000,"C:\Windows\System32\IoLogMsg.dll"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_EventLog_AddReg]
    /// HKR,,EventMessageFile,0x00020000,"%%SystemRoot%%\System32\IoLogMsg.dll"
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1257)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static HARDCODED_WINDOWS_DIRECTORY = {
        code: "INF1257",
        name: "hardcoded-windows-directory",
        category: Registry,
        infverif: Some(1257),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Registry data hard-codes the Windows directory",
        check: check,
    }
}

/// The hard-coded Windows directory in `text` (`C:\Windows` or `C:\WINNT` with any drive
/// letter, as a whole path component), if any.
fn windows_directory(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(":\\") {
        if i == 0 || !bytes[i - 1].is_ascii_alphabetic() {
            continue;
        }
        // The drive letter must start a path, not end a word.
        if i >= 2 && bytes[i - 2].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &text[i + 2..];
        for dir in ["windows", "winnt"] {
            let Some(head) = rest.get(..dir.len()) else {
                continue;
            };
            let after = rest.as_bytes().get(dir.len());
            if head.eq_ignore_ascii_case(dir)
                && after.is_none_or(|b| matches!(b, b'\\' | b'/' | b'"' | b';' | b' '))
            {
                return text.get(i - 1..i + 2 + dir.len());
            }
        }
    }
    None
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in every_add_reg(cx).iter() {
        if r.line.skip().is_some()
            || writes_no_data(&r.line)
            || crate::rules::registry::is_installer_registration(
                crate::rules::registry::value_name(&r.line),
                crate::rules::registry::subkey_text(&r.line.subkey),
            )
            || !seen.insert(r.line.line.index)
        {
            continue;
        }
        for value in string_data(&r.line) {
            if let Some(dir) = windows_directory(&value.text) {
                out.push(
                    Finding::at(value.span, format!("registry data hard-codes the Windows directory `{dir}`"))
                        .help("write `%%SystemRoot%%\\…` in a REG_EXPAND_SZ value (flags `0x00020000`) so Windows expands it at run time"),
                );
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::windows_directory;

    #[test]
    fn finds_drive_letter_paths_only() {
        assert_eq!(
            windows_directory("C:\\Windows\\System32\\x.dll"),
            Some("C:\\Windows")
        );
        assert_eq!(windows_directory("\"d:\\winnt\""), Some("d:\\winnt"));
        assert_eq!(windows_directory("%SystemRoot%\\System32"), None);
        assert_eq!(windows_directory("C:\\WindowsApps\\x"), None);
        assert_eq!(
            windows_directory("\\SystemRoot\\System32\\drivers\\x.sys"),
            None
        );
        assert_eq!(windows_directory("AB:\\Windows"), None);
    }
}
