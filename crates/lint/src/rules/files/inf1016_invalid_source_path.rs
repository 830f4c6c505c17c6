//! INF1016: a source file whose path cannot be built.

use inf_parser::directives::FieldValue;
use inf_parser::Arch;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_source_disk_file;

declare_rule! {
    /// ## What it does
    /// Checks the pieces Windows joins to find a source file — the disk path of a
    /// `[SourceDisksNames]` line (field 4), the subdirectory of a `[SourceDisksFiles]` line
    /// (field 2) and the file name — for characters no Windows path can hold: `<`, `>`, `"`,
    /// `|`, `?`, `*`, control characters, and `:` anywhere but after a leading drive letter.
    ///
    /// ## Why is this bad?
    /// The full source path of the file is the INF's folder, the disk path, the subdirectory and
    /// the name. With such a character in one of them the path cannot be built, and the copy
    /// fails. InfVerif reports a source path it cannot build as error 1016.
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksNames]
    /// 1 = %DiskName%,,,"bin|x64"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksNames]
    /// 1 = %DiskName%,,,bin\x64
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksNames section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [Naming files, paths, and namespaces](https://learn.microsoft.com/windows/win32/fileio/naming-a-file)
    pub static INVALID_SOURCE_PATH = {
        code: "INF1016",
        name: "invalid-source-path",
        category: Files,
        infverif: Some(1016),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "Source file path that cannot be built (invalid path characters)",
        check: check,
    }
}

/// The first character a Windows path cannot hold, if any (`:` is allowed only as the second
/// character after a drive letter).
pub(crate) fn invalid_path_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    text.char_indices().find_map(|(i, c)| {
        let bad = matches!(c, '<' | '>' | '"' | '|' | '?' | '*')
            || c.is_control()
            || (c == ':' && !(i == 1 && bytes[0].is_ascii_alphabetic()));
        bad.then_some(c)
    })
}

fn report(out: &mut Vec<Finding>, field: &FieldValue, what: &str) {
    // An unresolved `%strkey%` is INF1235's finding.
    if field.text.contains('%') {
        return;
    }
    if let Some(c) = invalid_path_char(field.text.trim()) {
        let shown = if c.is_control() {
            format!("U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        };
        out.push(
            Finding::at(
                field.span,
                format!(
                    "{what} `{}` contains {shown}, which no Windows path can hold",
                    field.text.trim()
                ),
            )
            .help("use a relative path of plain folder and file names separated by `\\`"),
        );
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut names = cx.inf.source_disks_names(None);
    for arch in Arch::ALL {
        names.extend(cx.inf.source_disks_names(Some(arch)));
    }
    for n in &names {
        if let Some(path) = &n.path {
            report(out, path, "disk path");
        }
    }
    for f in every_source_disk_file(cx).iter() {
        report(out, &f.file, "source file name");
        if let Some(subdir) = &f.subdir {
            report(out, subdir, "source subdirectory");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::invalid_path_char;

    #[test]
    fn path_characters() {
        assert_eq!(invalid_path_char("bin\\x64"), None);
        assert_eq!(invalid_path_char("C:\\x"), None);
        assert_eq!(invalid_path_char("ab:c"), Some(':'));
        assert_eq!(invalid_path_char("a|b"), Some('|'));
        assert_eq!(invalid_path_char("a*"), Some('*'));
    }
}
