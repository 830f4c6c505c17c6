//! INF1231: a compressed file name in SourceDisksFiles.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_source_disk_file;

declare_rule! {
    /// ## What it does
    /// Flags a `[SourceDisksFiles]` entry whose name is a compressed-file name: an extension
    /// whose last character is `_`, such as `widget.sy_` or `widget.dl_`.
    ///
    /// ## Why is this bad?
    /// SourceDisksFiles names the files as they are installed; the `_` names of files
    /// compressed with `compress.exe` date from installation floppies and CDs. A driver package
    /// ships its files uncompressed, under their real names, and the catalog signs those. The
    /// compressed form also hides the real name from every check that follows. InfVerif reports
    /// it as 1231: a warning in `/k`, an error in `/u` and `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sy_ = 1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF validation errors and warnings (1231)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static COMPRESSED_SOURCE_FILE = {
        code: "INF1231",
        name: "compressed-source-file",
        category: Files,
        infverif: Some(1231),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "Compressed file name (e.g. .sy_) in SourceDisksFiles",
        check: check,
    }
}

/// Whether a file name has a compressed-file extension (`name.ex_`).
pub(crate) fn is_compressed_name(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty() && ext.len() >= 2 && ext.ends_with('_') && !ext.starts_with('_')
        }
        None => false,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for f in every_source_disk_file(cx).iter() {
        let name = f.file.text.trim();
        if is_compressed_name(name) {
            out.push(
                Finding::at(f.file.span, format!("`{name}` is a compressed file name"))
                    .help("ship the file uncompressed and list it under its real name (e.g. `.sys` for `.sy_`)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_compressed_name;

    #[test]
    fn compressed_names() {
        assert!(is_compressed_name("widget.sy_"));
        assert!(is_compressed_name("a.b.dl_"));
        assert!(!is_compressed_name("widget.sys"));
        assert!(!is_compressed_name("my_file_"));
        assert!(!is_compressed_name(".sy_"));
        assert!(!is_compressed_name("x.__"));
    }
}
