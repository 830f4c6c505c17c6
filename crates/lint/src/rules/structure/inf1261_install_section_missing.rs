//! INF1261: a Models entry names an install section that does not exist.

use std::collections::BTreeMap;

use inf_parser::Arch;

use super::target_archs;
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// For every declared target (a Models section reached through `[Manufacturer]`) and each
    /// architecture it installs on, looks up the install section of every Models entry the way
    /// Windows does (`X.NT<arch>`, then `X.NT`, then `X`) and flags entries for which none of
    /// them exists.
    ///
    /// ## Why is this bad?
    /// Windows matches the device to the entry but finds no instructions to install it: the
    /// installation fails on that platform. InfVerif rejects it (1261).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NTx86]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NTamd64]
    /// CopyFiles = Widget_Files
    /// ```
    ///
    /// ## References
    /// - [INF Models section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-models-section)
    /// - [INF DDInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section)
    pub static INSTALL_SECTION_MISSING = {
        code: "INF1261",
        name: "install-section-missing",
        category: Structure,
        infverif: Some(1261),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-models-section",
        summary: "Models entry names an install section that does not exist",
        check: check,
    }
}

#[derive(Default)]
struct Missing {
    span: Option<inf_parser::Span>,
    base: String,
    archs: Vec<Arch>,
    failing: Vec<String>,
    all: Vec<String>,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let mut by_line: BTreeMap<u32, Missing> = BTreeMap::new();
    for t in cx.checked_targets() {
        let archs = target_archs(t);
        for e in cx.models_entries(&t.models_section()).iter() {
            let base = e.install_section.text.trim();
            if base.is_empty() {
                continue;
            }
            let m = by_line.entry(e.line.index).or_default();
            m.span = Some(e.install_section.span);
            m.base = base.to_owned();
            if !m.all.iter().any(|l| l == t.label()) {
                m.all.push(t.label().to_owned());
            }
            for &a in &archs {
                if inf.select_install_section(base, a).exists {
                    continue;
                }
                if !m.archs.contains(&a) {
                    m.archs.push(a);
                }
                if !m.failing.iter().any(|l| l == t.label()) {
                    m.failing.push(t.label().to_owned());
                }
            }
        }
    }
    for m in by_line.into_values() {
        let (Some(span), false) = (m.span, m.archs.is_empty()) else {
            continue;
        };
        let base = &m.base;
        let targets = if m.failing.len() == m.all.len() {
            Vec::new()
        } else {
            m.failing
        };
        // The architectures go into `targets`, not the message, so that the stampings of an
        // `.inx` merge into one finding.
        out.push(
            Finding::at(span, format!("no install section for `{base}`: none of `[{base}.NT<arch>]`, `[{base}.NT]` or `[{base}]` exists"))
                .help(format!("add the install section (`[{base}.NT<arch>]`, or an undecorated `[{base}]`), or correct the name in the Models entry"))
                .targets(targets),
        );
    }
}
