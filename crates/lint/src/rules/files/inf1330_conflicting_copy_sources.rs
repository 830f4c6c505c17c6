//! INF1330: different install sections copy different source files to one destination file.

use std::collections::HashMap;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::InstallGraph;

use super::{canonical_dir, copy_ops, CopyOp};

declare_rule! {
    /// ## What it does
    /// Groups the files the INF copies by destination (DestinationDirs DIRID and subdirectory,
    /// destination file name) and flags a destination that two different install sections fill
    /// from different source files, when both install sections can be used on the same
    /// architecture.
    ///
    /// ## Why is this bad?
    /// When two devices of the package use different install sections, or the package is
    /// installed into an offline image, both copies run and the last one wins: one device runs
    /// with the other's file. Give each variant its own destination name (and service, if it is
    /// a service binary), or copy to DIRID 13 and store each file's path in HKR. InfVerif
    /// reports it as error 1330 in every mode ("Cannot copy multiple different sources files to
    /// destination file").
    ///
    /// ## Example
    /// ```inf
    /// [Widget_A_CopyFiles]
    /// widget.sys,widget_a.sys
    ///
    /// [Widget_B_CopyFiles]
    /// widget.sys,widget_b.sys
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_A_CopyFiles]
    /// widget_a.sys
    ///
    /// [Widget_B_CopyFiles]
    /// widget_b.sys
    /// ```
    ///
    /// ## References
    /// - [InfVerif errors 1330-1333](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330)
    /// - [INF validation errors and warnings (1330)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CONFLICTING_COPY_SOURCES = {
        code: "INF1330",
        name: "conflicting-copy-sources",
        category: Files,
        infverif: Some(1330),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330",
        summary: "Different source files copied to the same destination by different install sections",
        check: check,
    }
}

/// The destination file of a copy, in a form where equal paths compare equal.
fn destination_key(op: &CopyOp) -> Option<String> {
    Some(format!(
        "{}\\{}",
        canonical_dir(op.dirid()?, &op.dest_subdir()),
        op.dest_name.to_lowercase()
    ))
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    let mut groups: HashMap<String, Vec<&CopyOp>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let all = copy_ops(cx);
    for op in all.iter() {
        if op.dest_name.is_empty() || op.source_name.is_empty() {
            continue;
        }
        let Some(key) = destination_key(op) else {
            continue;
        };
        let group = groups.entry(key.clone()).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(op);
    }
    for key in order {
        let ops = &groups[&key];
        let conflict = ops.iter().enumerate().find_map(|(i, a)| {
            ops[i + 1..]
                .iter()
                .find(|b| {
                    a.root != b.root
                        && graph.coexist(a.root, b.root)
                        && !a.source_name.eq_ignore_ascii_case(&b.source_name)
                })
                .map(|b| (a, b))
        });
        let Some((a, b)) = conflict else { continue };
        let (first, second) = if a.span.start <= b.span.start {
            (a, b)
        } else {
            (b, a)
        };
        out.push(
            Finding::at(
                first.span,
                format!(
                    "`[{}]` and `[{}]` copy different files (`{}` and `{}`) to the same destination `{}`",
                    graph.roots[first.root].name,
                    graph.roots[second.root].name,
                    first.source_name,
                    second.source_name,
                    first.dest_name
                ),
            )
            .primary_label(format!("copies `{}`", first.source_name))
            .label(second.span, format!("copies `{}`", second.source_name))
            .help("give each variant its own destination name (and its own service for a service binary), or copy to DIRID 13 and store each file's path in HKR"),
        );
    }
}
