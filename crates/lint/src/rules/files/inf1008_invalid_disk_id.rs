//! INF1008: a SourceDisksFiles or SourceDisksNames entry with a missing or invalid disk id.

use inf_parser::{Arch, NumberError};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::every_source_disk_file;

declare_rule! {
    /// ## What it does
    /// Checks the disk ids of `[SourceDisksFiles]` entries (field 1) and `[SourceDisksNames]`
    /// entries (the key), decorated sections included: each must be present and a non-negative
    /// decimal number that fits in 32 bits.
    ///
    /// ## Why is this bad?
    /// The disk id ties a file to the SourceDisksNames line that says where it is. A missing id,
    /// a name, a hexadecimal or negative value cannot be matched, so Windows cannot find the
    /// file (or the disk line is never used). InfVerif reports it as error 1008.
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys
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
    /// - [INF SourceDisksNames section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksnames-section)
    /// - [INF validation errors and warnings (1008)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static INVALID_DISK_ID = {
        code: "INF1008",
        name: "invalid-disk-id",
        category: Files,
        infverif: Some(1008),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "Source file or disk entry with a missing or invalid disk id",
        check: check,
    }
}

fn why(e: NumberError) -> &'static str {
    match e {
        NumberError::Empty => "has no disk id",
        NumberError::NotANumber => "has a disk id that is not a decimal number",
        NumberError::OutOfRange => "has a disk id that does not fit in 32 bits",
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for f in every_source_disk_file(cx).iter() {
        let Err(e) = f.disk_id else { continue };
        // An empty file name is INF1229's finding; a `#` line is DCK1005's.
        if f.file.text.trim().is_empty()
            || cx
                .inf
                .line(f.line.index)
                .text()
                .trim_start()
                .starts_with('#')
        {
            continue;
        }
        let span = f
            .disk_id_text
            .as_ref()
            .filter(|d| !d.text.trim().is_empty())
            .map_or(f.line.span, |d| d.span);
        out.push(
            Finding::at(span, format!("source file `{}` {}", f.file.text.trim(), why(e)))
                .help("write `file-name = disk-id[,subdir]` with the decimal id of a `[SourceDisksNames]` line"),
        );
    }
    let mut names = cx.inf.source_disks_names(None);
    for arch in Arch::ALL {
        names.extend(cx.inf.source_disks_names(Some(arch)));
    }
    for n in names {
        let Err(e) = n.disk_id else { continue };
        if cx
            .inf
            .line(n.line.index)
            .text()
            .trim_start()
            .starts_with('#')
        {
            continue;
        }
        let span = n
            .disk_id_text
            .as_ref()
            .filter(|d| !d.text.trim().is_empty())
            .map_or(n.line.span, |d| d.span);
        out.push(
            Finding::at(span, format!("SourceDisksNames line {}", why(e))).help(
                "write `disk-id = description[,[tag][,,path]]` with a non-negative decimal disk id",
            ),
        );
    }
}
