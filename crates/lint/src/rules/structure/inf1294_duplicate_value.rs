//! INF1294: the same entry is listed twice in one section.

use std::collections::BTreeMap;

use inf_parser::{fold_case, is_strings_section_name, Inf, LineRef, Span};

use super::{is_base_or_decorated, section_graph};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags an entry listed more than once in a section whose entries must be unique:
    /// a key in `[Strings]` / `[Strings.LLLL]`, a section in `[DestinationDirs]`, a disk ID in a
    /// `[SourceDisksNames…]` section, a file in a `[SourceDisksFiles…]` section, and a
    /// destination file in a file-list section that `CopyFiles` names. Names compare
    /// case-insensitively, after substitution.
    ///
    /// ## Why is this bad?
    /// Windows uses the first entry and ignores the later ones (or, in a file list, queues the
    /// same copy twice). When the values differ, the one the author edited last is usually
    /// the one that is ignored. InfVerif rejects it (1294).
    ///
    /// ## Example
    /// ```inf
    /// [Strings]
    /// Widget = "Contoso Widget"
    /// Widget = "Contoso Widget (Rev B)"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Strings]
    /// Widget = "Contoso Widget (Rev B)"
    /// ```
    ///
    /// ## References
    /// - [INF Strings section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-strings-section)
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF DestinationDirs section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-destinationdirs-section)
    pub static DUPLICATE_VALUE = {
        code: "INF1294",
        name: "duplicate-value",
        category: Structure,
        infverif: Some(1294),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-strings-section",
        summary: "Entry listed more than once in a section",
        check: check,
    }
}

/// How a section's entries are identified.
#[derive(Clone, Copy)]
enum EntryKind {
    /// By the explicit or implicit key (Strings keys, DestinationDirs sections, disk IDs,
    /// SourceDisksFiles file names).
    Key(&'static str),
    /// By field 1, the destination file name of a file-list line.
    Destination,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let mut found: Vec<(Span, Finding)> = Vec::new();
    for s in inf.sections() {
        let kind = if is_strings_section_name(&s.name) {
            EntryKind::Key("string")
        } else if s.name.trim().eq_ignore_ascii_case("DestinationDirs") {
            EntryKind::Key("section")
        } else if is_base_or_decorated(&s.name, "SourceDisksNames") {
            EntryKind::Key("disk ID")
        } else if is_base_or_decorated(&s.name, "SourceDisksFiles") {
            EntryKind::Key("file")
        } else {
            continue;
        };
        duplicates(inf, &s.name, kind, &mut found);
    }
    let graph = section_graph(cx);
    let mut lists: Vec<String> = graph
        .refs
        .iter()
        .filter(|r| r.exists && r.directive.eq_ignore_ascii_case("CopyFiles"))
        .map(|r| super::folded(&r.value.text))
        .collect();
    lists.sort_unstable();
    lists.dedup();
    for name in lists {
        duplicates(inf, &name, EntryKind::Destination, &mut found);
    }
    found.sort_by_key(|(s, _)| s.start);
    out.extend(found.into_iter().map(|(_, f)| f));
}

fn entry_of(line: &LineRef<'_>, kind: EntryKind) -> Option<(String, Span)> {
    match kind {
        EntryKind::Key(_) => {
            let span = line
                .raw_key_field()
                .map(|f| f.span)
                .or_else(|| line.field_span(1))?;
            Some((line.match_key()?.trim().to_owned(), span))
        }
        EntryKind::Destination => Some((line.field(1)?.trim().to_owned(), line.field_span(1)?)),
    }
}

fn duplicates(inf: &Inf, section: &str, kind: EntryKind, found: &mut Vec<(Span, Finding)>) {
    let Some(s) = inf.section(section) else {
        return;
    };
    let mut groups: BTreeMap<String, Vec<(String, Span)>> = BTreeMap::new();
    for line in inf.section_lines(s) {
        let Some((text, span)) = entry_of(&line, kind) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        groups
            .entry(fold_case(&text).into_owned())
            .or_default()
            .push((text, span));
    }
    for (_, entries) in groups {
        if entries.len() < 2 {
            continue;
        }
        let (text, first) = &entries[0];
        let (what, help) = match kind {
            EntryKind::Key(what) => (
                what,
                "keep one entry; Windows uses the first and ignores the others",
            ),
            EntryKind::Destination => ("destination file", "list each file once"),
        };
        let mut f = Finding::at(
            *first,
            format!(
                "{what} `{text}` is listed {} times in `[{}]`",
                entries.len(),
                s.name
            ),
        )
        .primary_label("first entry");
        for (_, span) in &entries[1..] {
            f = f.label(*span, "listed again");
        }
        found.push((*first, f.help(help)));
    }
}
