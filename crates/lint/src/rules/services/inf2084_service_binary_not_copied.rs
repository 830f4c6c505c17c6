//! INF2084: a ServiceBinary that no CopyFiles places, on some architecture.

use std::collections::BTreeMap;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::files::{canonical_dir, copy_ops, uses_layout_file};
use crate::rules::registry::reach::{arch_list, target_labels, ArchSet, InstallGraph, Role};

use super::{dirid_path, image_path};

declare_rule! {
    /// ## What it does
    /// For every service the install sections Windows uses add, reads the `ServiceBinary` of
    /// its service-install section (a quoted path, or the text up to the first blank, as the
    /// service control manager does) and checks, on every architecture the install section is
    /// used on, that some CopyFiles of the INF used on that architecture places a file with that
    /// name in that directory (DestinationDirs DIRID and subdirectory; DIRIDs 10, 11 and 12 are
    /// compared as paths). Paths not under a DIRID are INF2085's finding.
    ///
    /// ## Why is this bad?
    /// The service would point at a file the package does not install: a typo, a binary copied
    /// only for some architectures, an inbox binary used directly instead of through
    /// Include/Needs of its inbox INF, or an unquoted path with a blank (`%13%\Sub Dir\x.sys`
    /// is read as `%13%\Sub`). The service then fails to start. InfVerif reports it as 2084:
    /// a warning in `/k` and `/u`, an error in `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_CopyFiles]
    /// widget.sys
    ///
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
    /// ErrorControl  = 1
    /// ServiceBinary = %13%\widgte.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_CopyFiles]
    /// widget.sys
    ///
    /// [Widget_Service_Inst]
    /// ServiceType   = 1
    /// StartType     = 3
    /// ErrorControl  = 1
    /// ServiceBinary = %13%\widget.sys
    /// ```
    ///
    /// ## References
    /// - [InfVerif error 2084](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-2084)
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    pub static SERVICE_BINARY_NOT_COPIED = {
        code: "INF2084",
        name: "service-binary-not-copied",
        category: Services,
        infverif: Some(2084),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Warning), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-2084",
        summary: "ServiceBinary that no CopyFiles places (for some architecture)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if uses_layout_file(cx.inf) {
        return;
    }
    let graph = InstallGraph::shared(cx);
    // Destination files copied, with the architectures they are copied on.
    let mut placed: BTreeMap<String, ArchSet> = BTreeMap::new();
    for op in copy_ops(cx).iter() {
        let Some(id) = op.dirid() else { continue };
        let key = format!(
            "{}\\{}",
            canonical_dir(id, &op.dest_subdir()),
            op.dest_name.to_lowercase()
        );
        let arches = placed.entry(key).or_default();
        *arches = arches.union(graph.arches_of(op.root));
    }
    // Per service-install section: the architectures it is used on.
    let mut sections: BTreeMap<String, (ArchSet, String)> = BTreeMap::new();
    for p in graph
        .processed
        .iter()
        .filter(|p| p.role == Role::ServiceInstall)
    {
        let e = sections
            .entry(p.section.to_lowercase())
            .or_insert_with(|| (ArchSet::default(), p.section.clone()));
        e.0 = e.0.union(graph.arches_of(p.root));
    }
    let all = graph.arches();
    for (_, (used, section)) in sections {
        let install = cx.inf.service_install(&section);
        let Some(binary) = &install.service_binary else {
            continue;
        };
        let Ok(image) = image_path(&binary.value.text) else {
            continue;
        };
        let Some(path) = dirid_path(&image.path) else {
            continue;
        };
        let key = format!(
            "{}\\{}",
            canonical_dir(path.dirid, &path.subdir),
            path.file.to_lowercase()
        );
        let copied = placed.get(&key).copied().unwrap_or_default();
        let missing =
            used.iter()
                .filter(|a| !copied.contains(*a))
                .fold(ArchSet::default(), |mut s, a| {
                    s.insert(a);
                    s
                });
        if missing.is_empty() {
            continue;
        }
        let mut message = format!(
            "service binary `{}` is not a file CopyFiles places",
            image.path
        );
        if missing != used {
            message.push_str(&format!(" on {}", arch_list(missing)));
        }
        let help = if !image.quoted && !image.rest.is_empty() {
            "the path has a blank and is read only up to it: quote it with triple quotes, `\"\"\"%13%\\Sub Dir\\file.sys\"\"\"`".to_owned()
        } else {
            format!("copy `{}` to DIRID {} (the DestinationDirs of a CopyFiles section) on every architecture, fix the name, or use Include/Needs of the inbox INF for an inbox binary", path.file, path.dirid)
        };
        out.push(
            Finding::at(binary.value.span, message)
                .help(help)
                .targets(target_labels(cx, all, missing)),
        );
    }
}
