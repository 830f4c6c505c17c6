//! INF1333: one service installed by service-install sections that configure it differently.

use std::collections::BTreeMap;

use inf_parser::directives::{ServiceInstall, ServiceNumber, ValueEntry};
use inf_parser::Span;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::InstallGraph;

declare_rule! {
    /// ## What it does
    /// For every service name the install sections Windows uses add, compares the
    /// service-install sections that install it: when two different sections that can be used
    /// on the same architecture give the service different settings (ServiceType, StartType,
    /// ErrorControl, ServiceBinary, LoadOrderGroup, Dependencies, StartName, DisplayName,
    /// Description, Security, ServiceSidType, DelayedAutoStart, BootFlags), the service is
    /// configured differently depending on which device installed it last.
    ///
    /// ## Why is this bad?
    /// A service exists once per name. When two devices of the package use different install
    /// sections (or the package is imaged offline) the last configuration wins, so one device
    /// runs with the other's binary or start type. InfVerif's guidance is to give each variant
    /// its own service name, or to use one service-install section. It reports it as 1333: a
    /// warning in `/k`, an error in `/u` and `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_A.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_A_Service_Inst
    ///
    /// [Widget_B.NT.Services]
    /// AddService = Widget, 0x00000002, Widget_B_Service_Inst
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_A.NT.Services]
    /// AddService = WidgetA, 0x00000002, Widget_A_Service_Inst
    ///
    /// [Widget_B.NT.Services]
    /// AddService = WidgetB, 0x00000002, Widget_B_Service_Inst
    /// ```
    ///
    /// ## References
    /// - [InfVerif errors 1330-1333](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330)
    /// - [INF validation errors and warnings (1333)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static SERVICE_CONFIGURED_DIFFERENTLY = {
        code: "INF1333",
        name: "service-configured-differently",
        category: Services,
        infverif: Some(1333),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330",
        summary: "One service configured differently by different service-install sections",
        check: check,
    }
}

/// The settings of a service-install section, as (name, comparable value, span) triples.
fn settings(s: &ServiceInstall) -> Vec<(&'static str, String, Option<Span>)> {
    let number = |n: &Option<ServiceNumber>| {
        n.as_ref().map(|n| {
            (
                n.value
                    .map_or_else(|_| n.entry.value.text.trim().to_owned(), |v| v.to_string()),
                n.entry.value.span,
            )
        })
    };
    let text = |e: &Option<ValueEntry>, fold: bool| {
        e.as_ref().map(|e| {
            let t = e.value.text.trim();
            (
                if fold { t.to_lowercase() } else { t.to_owned() },
                e.value.span,
            )
        })
    };
    let deps = (!s.dependencies.is_empty()).then(|| {
        (
            s.dependencies
                .iter()
                .map(|d| d.text.trim().to_lowercase())
                .collect::<Vec<_>>()
                .join(","),
            s.dependencies[0].span,
        )
    });
    [
        ("ServiceType", number(&s.service_type)),
        ("StartType", number(&s.start_type)),
        ("ErrorControl", number(&s.error_control)),
        ("ServiceBinary", text(&s.service_binary, true)),
        ("LoadOrderGroup", text(&s.load_order_group, true)),
        ("Dependencies", deps),
        ("StartName", text(&s.start_name, true)),
        ("DisplayName", text(&s.display_name, false)),
        ("Description", text(&s.description, false)),
        ("Security", text(&s.security, false)),
        ("ServiceSidType", number(&s.service_sid_type)),
        ("DelayedAutoStart", number(&s.delayed_auto_start)),
        ("BootFlags", number(&s.boot_flags)),
    ]
    .into_iter()
    .map(|(k, v)| match v {
        Some((value, span)) => (k, value, Some(span)),
        None => (k, String::new(), None),
    })
    .collect()
}

/// Per service name: the name as written, and each install section with the roots that add the
/// service with it and the span of the first AddService line.
type Services = BTreeMap<String, (String, Vec<(String, Vec<usize>, Span)>)>;

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    // service name → (name as written, [(install section, roots that add it, AddService span)]).
    let mut services: Services = BTreeMap::new();
    for s in &graph.services {
        let name = s.directive.name.text.trim().to_lowercase();
        let Some(section) = s
            .directive
            .install_section
            .as_ref()
            .and_then(|v| cx.inf.section(&v.text))
        else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let (_, list) = services
            .entry(name)
            .or_insert_with(|| (s.directive.name.text.trim().to_owned(), Vec::new()));
        match list
            .iter_mut()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(&section.name))
        {
            Some(e) => e.1.push(s.root),
            None => list.push((
                section.name.to_string(),
                vec![s.root],
                s.directive.line.span,
            )),
        }
    }
    for (_, (name, list)) in services {
        let read: Vec<(&String, &Vec<usize>, Span, ServiceInstall)> = list
            .iter()
            .map(|(n, roots, sp)| (n, roots, *sp, cx.inf.service_install(n)))
            .collect();
        let conflict = read.iter().enumerate().find_map(|(i, a)| {
            read[i + 1..].iter().find_map(|b| {
                if !a
                    .1
                    .iter()
                    .any(|ra| b.1.iter().any(|rb| graph.coexist(*ra, *rb)))
                {
                    return None;
                }
                let (sa, sb) = (settings(&a.3), settings(&b.3));
                sa.iter()
                    .zip(&sb)
                    .find(|(x, y)| x.1 != y.1)
                    .map(|(x, y)| (a, b, x.0, x.clone(), y.clone()))
            })
        });
        let Some((a, b, key, va, vb)) = conflict else {
            continue;
        };
        let (first, second, vfirst, vsecond) = if a.2.start <= b.2.start {
            (a, b, va, vb)
        } else {
            (b, a, vb, va)
        };
        let shown = |v: &(&str, String, Option<Span>)| {
            if v.2.is_none() {
                "unset".to_owned()
            } else {
                format!("`{}`", v.1)
            }
        };
        let mut f = Finding::at(
            first.2,
            format!(
                "service `{name}` is installed by `[{}]` and `[{}]` with different `{key}`",
                first.0, second.0
            ),
        )
        .primary_label(format!("installs it with `[{}]`", first.0))
        .label(second.2, format!("installs it with `[{}]`", second.0));
        for (v, section) in [(&vfirst, first.0), (&vsecond, second.0)] {
            if let Some(sp) = v.2 {
                f = f.label(sp, format!("{key} {} in `[{section}]`", shown(v)));
            }
        }
        out.push(f.help("use one service-install section for the service, or give each configuration its own service name"));
    }
}
