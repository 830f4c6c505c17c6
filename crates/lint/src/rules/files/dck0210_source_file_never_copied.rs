//! DCK0210: a SourceDisksFiles entry that no CopyFiles copies.

use inf_parser::fold_case;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::{ArchSet, InstallGraph};

use super::{copy_ops, every_copy_op, every_source_disk_file, uses_layout_file};

declare_rule! {
    /// ## What it does
    /// Flags a `[SourceDisksFiles]` entry that no `CopyFiles` of the INF copies:
    /// - an entry of `[SourceDisksFiles.<arch>]` that no install section used on that
    ///   architecture copies (and no `CopyFiles` outside the install graph copies either);
    /// - an entry of the undecorated `[SourceDisksFiles]` that nothing copies at all.
    ///
    /// Files the INF names anywhere else (a `%13%\file` path in the registry, a `CopyINF`, a
    /// WDF or AddSoftware binary, …), catalogs (INF1213's finding) and INFs that name a
    /// `LayoutFile` are left alone.
    ///
    /// ## Why is this bad?
    /// A file is part of the installed package only if it has both a SourceDisksFiles entry
    /// and a CopyFiles that copies it. An entry nothing copies is dead weight in the catalog —
    /// or, more often, the sign of a typo in the CopyFiles line or of a file-list section that
    /// was renamed. InfVerif has no code for this; difcheck reports it as a warning in every
    /// profile.
    ///
    /// ## Example
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// widgetx.dll = 1
    ///
    /// [Widget_CopyFiles]
    /// widget.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [SourceDisksFiles]
    /// widget.sys = 1
    /// widgetx.dll = 1
    ///
    /// [Widget_CopyFiles]
    /// widget.sys
    /// widgetx.dll
    /// ```
    ///
    /// ## References
    /// - [INF SourceDisksFiles section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section)
    /// - [INF CopyFiles directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-copyfiles-directive)
    pub static SOURCE_FILE_NEVER_COPIED = {
        code: "DCK0210",
        name: "source-file-never-copied",
        category: Files,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-sourcedisksfiles-section",
        summary: "SourceDisksFiles entry that no CopyFiles copies",
        check: check,
    }
}

/// Whether `name` occurs in `text` as a whole file name (not inside a longer name).
fn mentions(text: &str, name: &str) -> bool {
    let is_name_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '$' | '~');
    let mut from = 0;
    while let Some(i) = text[from..].find(name) {
        let start = from + i;
        let end = start + name.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char) {
            return true;
        }
        from = end;
    }
    false
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    if uses_layout_file(inf) {
        return;
    }
    let graph = InstallGraph::shared(cx);
    if graph.roots.is_empty() {
        return;
    }
    // Source names copied, with the architectures they are copied on.
    let mut copied: Vec<(String, ArchSet)> = Vec::new();
    let mut add = |name: &str, arches: ArchSet| {
        let n = fold_case(name).into_owned();
        match copied.iter_mut().find(|(c, _)| *c == n) {
            Some((_, a)) => *a = a.union(arches),
            None => copied.push((n, arches)),
        }
    };
    let mut reached_sites = std::collections::HashSet::new();
    for op in copy_ops(cx).iter() {
        reached_sites.insert(op.site());
        add(&op.source_name, graph.arches_of(op.root));
    }
    // A copy outside the install graph (a section difcheck does not follow) counts everywhere.
    for op in every_copy_op(cx).iter() {
        if !reached_sites.contains(&op.site()) {
            add(&op.source_name, ArchSet::all());
        }
    }
    // The text of every line outside the SourceDisksFiles sections, lower-cased, to find the
    // files the INF uses some other way.
    let other_text: String = inf
        .sections()
        .iter()
        .filter(|s| {
            !s.name
                .get(..16)
                .is_some_and(|p| p.eq_ignore_ascii_case("SourceDisksFiles"))
        })
        .flat_map(|s| inf.section_lines(s).map(|l| l.text().to_lowercase()))
        .collect::<Vec<_>>()
        .join("\n");
    let mut seen = std::collections::HashSet::new();
    for f in every_source_disk_file(cx).iter() {
        let name = f.file.text.trim();
        let folded = fold_case(name).into_owned();
        if name.is_empty() || folded.ends_with(".cat") || !seen.insert((folded.clone(), f.arch)) {
            continue;
        }
        let arches = copied
            .iter()
            .find(|(c, _)| *c == folded)
            .map(|(_, a)| *a)
            .unwrap_or_default();
        let never = match f.arch {
            Some(a) => !arches.contains(a),
            None => arches.is_empty(),
        };
        if !never || mentions(&other_text, &folded) {
            continue;
        }
        let message = match f.arch {
            Some(a) if !arches.is_empty() => format!(
                "`{name}` is listed for {} but copied only on other architectures",
                a.name()
            ),
            _ => format!("`{name}` is listed in `[SourceDisksFiles]` but never copied"),
        };
        out.push(Finding::at(f.file.span, message).help(
            "add the file to the file-list section that should copy it, or remove the entry",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn whole_names_only() {
        assert!(mentions("hkr,,path,,%13%\\fw.bin", "fw.bin"));
        assert!(!mentions("myfw.bin", "fw.bin"));
        assert!(!mentions("fw.bin2", "fw.bin"));
    }
}
