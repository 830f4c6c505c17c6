//! DCK0202: HKR in an add-registry section reached from DefaultInstall.

use inf_parser::directives::RegRoot;
use inf_parser::Span;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::reach::{InstallGraph, RegContext};
use super::{reached_add_reg, reached_del_reg};

declare_rule! {
    /// ## What it does
    /// Flags `HKR` lines in add-registry and del-registry sections that a `[DefaultInstall]`
    /// section (or a section it `Needs`) names.
    ///
    /// ## Why is this bad?
    /// HKR means the key of the context that references the section: a device's software or
    /// hardware key, a service key, an interface key. A DefaultInstall section installs no
    /// device, so there is no such key: the AddReg documentation says HKR "cannot be used in an
    /// add-registry-section referenced from an INF DefaultInstall section", and the line does
    /// not write what the author expects. InfVerif has no code for this; difcheck reports it as
    /// a warning in every profile.
    ///
    /// ## Example
    /// ```inf
    /// [DefaultInstall.NTamd64]
    /// AddReg = Widget_AddReg
    ///
    /// [Widget_AddReg]
    /// HKR,,Mode,0x00010001,1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [DefaultInstall.NTamd64]
    /// AddReg = Widget_AddReg
    ///
    /// [Widget_AddReg]
    /// HKLM,Software\Contoso\Widget,Mode,0x00010001,1
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF DefaultInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-defaultinstall-section)
    pub static HKR_IN_DEFAULT_INSTALL = {
        code: "DCK0202",
        name: "hkr-in-default-install",
        category: Registry,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "HKR used in a registry section referenced from DefaultInstall",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    let mut seen = std::collections::HashSet::new();
    let mut report = |index: u32, span: Span, section: &str, from: &str, directive_span: Span| {
        if seen.insert(index) {
            out.push(
                Finding::at(span, format!("HKR in `[{section}]`, which `[{from}]` processes: DefaultInstall has no HKR key"))
                    .label(directive_span, "referenced from DefaultInstall here")
                    .help("name the key with an absolute root (`HKLM,Software\\…`), or move the line to a section a device install references"),
            );
        }
    };
    for r in reached_add_reg(cx).iter() {
        if r.context == RegContext::DefaultInstall && r.line.root == RegRoot::Hkr {
            report(
                r.line.line.index,
                r.line.root_text.span,
                &r.section,
                &r.from,
                r.directive.span,
            );
        }
    }
    for r in reached_del_reg(cx).iter() {
        if r.context == RegContext::DefaultInstall && r.line.root == RegRoot::Hkr {
            let from = graph.roots[r.root].name.clone();
            report(
                r.line.line.index,
                r.line.root_text.span,
                &r.section,
                &from,
                r.directive.span,
            );
        }
    }
}
