//! INF1296: a device's install section has no associated service.

use std::collections::{BTreeMap, HashSet};

use inf_parser::{Inf, PlatformExtension, Span};

use super::{folded, target_archs};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::version::{is_extension_inf, system_class};

/// System classes whose devices or components have no function driver to associate.
const NO_FUNCTION_DRIVER: &[&str] = &[
    "Modem",
    "Monitor",
    "Printer",
    "NetTrans",
    "NetService",
    "NetClient",
];

declare_rule! {
    /// ## What it does
    /// For every declared target and architecture, takes the DDInstall section Windows chooses
    /// for each Models entry and looks at its `.Services` section (following `Needs` to
    /// sections of the same INF): it must contain an `AddService` with the
    /// SPSVCINST_ASSOCSERVICE flag (0x2), which `AddService = ,2` (no function driver) also
    /// satisfies. When the `.Services` section uses `Include`, or `Needs` a section this INF
    /// does not have, the associated service may come from a system INF and nothing is
    /// reported. Extension INFs are skipped (they must not add the associated service), and so
    /// are classes without a function driver: `Modem` and `Monitor` (the documented exceptions
    /// to the `.Services` requirement), `Printer` (print queues are driven by the spooler), and
    /// the network component classes `NetTrans`, `NetService` and `NetClient` (installed
    /// through the network configuration system, not as device function drivers). When the
    /// chosen DDInstall lacks a `.Services` section but a less decorated one exists
    /// (`[X.Services]` next to `[X.NTamd64]`), DCK0151 reports the misnamed section instead.
    ///
    /// ## Why is this bad?
    /// Every device needs a function driver, named by the associated service. Without one,
    /// Windows installs the device but cannot start it (unless it is a raw device), and the
    /// device reports a problem code. InfVerif rejects it since Windows 10 1809 (1296).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NT]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Install.NT.Services]
    /// AddService = WidgetFilter, , WidgetFilter_Service
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64.10.0...16299
    ///
    /// [Widgets.NTamd64.10.0...16299]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NT]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Install.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_Service
    /// AddService = WidgetFilter, , WidgetFilter_Service
    /// ```
    ///
    /// ## References
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF DDInstall.Services section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-services-section)
    /// - [INF validation errors and warnings (1296)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static NO_ASSOCIATED_SERVICE = {
        code: "INF1296",
        name: "no-associated-service",
        category: Structure,
        infverif: Some(1296),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "Device install section without an associated service",
        check: check,
    }
}

/// What a `.Services` section (with its local `Needs`) says about the associated service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ServiceState {
    /// An AddService with SPSVCINST_ASSOCSERVICE (or the NULL driver).
    Associated,
    /// No such AddService, and nothing comes from elsewhere.
    Missing,
    /// `Include` or a non-local `Needs`: the answer is in a system INF.
    Undecidable,
}

/// The associated-service state of `.Services` section `section` (which may not exist).
pub(crate) fn service_state(inf: &Inf, section: &str) -> ServiceState {
    if !inf.has_section(section) {
        return ServiceState::Missing;
    }
    let mut undecidable = false;
    let mut seen = HashSet::new();
    let mut stack = vec![section.to_owned()];
    while let Some(s) = stack.pop() {
        if !seen.insert(folded(&s)) {
            continue;
        }
        if !inf.includes(&s).is_empty() {
            undecidable = true;
        }
        for a in inf.add_services(&s) {
            if a.effective_flags().assoc_service() {
                return ServiceState::Associated;
            }
            // Flags from an undefined `%strkey%` (INF1235 reports it) cannot be read.
            if a.flags_text.as_ref().is_some_and(|f| f.text.contains('%')) {
                undecidable = true;
            }
        }
        for n in inf.needs(&s) {
            if n.exists {
                stack.push(n.name.text.trim().to_owned());
            } else {
                undecidable = true;
            }
        }
    }
    if undecidable {
        ServiceState::Undecidable
    } else {
        ServiceState::Missing
    }
}

#[derive(Default)]
struct Problem {
    name: String,
    services: String,
    services_exist: bool,
    entry: Option<Span>,
    failing: Vec<String>,
    all: Vec<String>,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    if is_extension_inf(cx)
        || system_class(cx).is_some_and(|c| NO_FUNCTION_DRIVER.contains(&c.name))
    {
        return;
    }
    let mut problems: BTreeMap<String, Problem> = BTreeMap::new();
    for t in cx.checked_targets() {
        let archs = target_archs(t);
        for e in cx.models_entries(&t.models_section()).iter() {
            let base = e.install_section.text.trim();
            if base.is_empty() || e.ids().next().is_none() {
                continue;
            }
            for &a in &archs {
                let choice = inf.select_install_section(base, a);
                if !choice.exists {
                    continue;
                }
                let services = format!("{}.Services", choice.name);
                let p = problems.entry(folded(&choice.name)).or_default();
                if !p.all.iter().any(|l| l == t.label()) {
                    p.all.push(t.label().to_owned());
                }
                if service_state(inf, &services) != ServiceState::Missing {
                    continue;
                }
                // `[X.Services]` next to a chosen `[X.NTamd64]`: DCK0151 names the cause.
                let less_specific: &[String] = match choice.extension {
                    PlatformExtension::NtArch(_) => {
                        &[format!("{base}.NT.Services"), format!("{base}.Services")]
                    }
                    PlatformExtension::Nt => &[format!("{base}.Services")],
                    PlatformExtension::None => &[],
                };
                let misnamed =
                    !inf.has_section(&services) && less_specific.iter().any(|s| inf.has_section(s));
                if misnamed {
                    continue;
                }
                p.name = choice.name.clone();
                p.services_exist = inf.has_section(&services);
                p.services = inf
                    .section(&services)
                    .map_or(services, |s| s.name.to_string());
                p.entry.get_or_insert(e.install_section.span);
                if !p.failing.iter().any(|l| l == t.label()) {
                    p.failing.push(t.label().to_owned());
                }
            }
        }
    }
    let headers = inf.tree().headers();
    for p in problems.into_values() {
        if p.failing.is_empty() {
            continue;
        }
        let Some(section) = inf.section(&p.name) else {
            continue;
        };
        let message = if p.services_exist {
            format!(
                "`[{}]` has no `AddService` with SPSVCINST_ASSOCSERVICE (0x2): the device gets no function driver",
                p.services
            )
        } else {
            format!(
                "`[{}]` has no `[{}]` section: the device gets no function driver",
                p.name, p.services
            )
        };
        let targets = if p.failing.len() == p.all.len() {
            Vec::new()
        } else {
            p.failing
        };
        let mut f = Finding::at(headers[section.headers[0] as usize].span, message);
        if let Some(entry) = p.entry {
            f = f.label(entry, "device installed with this section");
        }
        out.push(
            f.help(format!(
                "in `[{}]`, add `AddService = <service>, 0x00000002, <service-install-section>`; use `AddService = ,2` for a device that needs no function driver, or Include/Needs the system INF's `.Services` section",
                p.services
            ))
            .targets(targets),
        );
    }
}
