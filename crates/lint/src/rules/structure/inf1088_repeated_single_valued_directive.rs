//! INF1088: a directive that may appear once appears several times in a section.

use std::collections::BTreeMap;

use inf_parser::{fold_case, Inf};

use super::{section_graph, Role};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// Single-valued `[Version]` entries (install/inf-version-section.md); every `CatalogFile…` key
/// is single-valued too (checked per key).
const VERSION_KEYS: &[&str] = &[
    "Signature",
    "Class",
    "ClassGuid",
    "Provider",
    "DriverVer",
    "PnpLockdown",
    "ExtensionId",
    "ClassVer",
    "DriverPackageType",
    "DriverPackageDisplayName",
];

/// Single-valued DDInstall entries (install/inf-ddinstall-section.md: FeatureScore "only the
/// first entry counts"; DriverVer).
const INSTALL_KEYS: &[&str] = &["FeatureScore", "DriverVer"];

/// Single-valued service-install entries (install/inf-addservice-directive.md).
const SERVICE_KEYS: &[&str] = &[
    "ServiceType",
    "StartType",
    "ErrorControl",
    "ServiceBinary",
    "DisplayName",
    "Description",
    "StartName",
    "LoadOrderGroup",
    "Security",
    "Dependencies",
    "ServiceSidType",
    "DelayedAutoStart",
    "BootFlags",
];

declare_rule! {
    /// ## What it does
    /// Flags a single-valued entry written more than once in the same section: `[Version]`
    /// entries (`Signature`, `Class`, `ClassGuid`, `Provider`, `DriverVer`, `CatalogFile…`,
    /// `PnpLockdown`, `ExtensionId`, …), `FeatureScore` and `DriverVer` in install sections,
    /// and the entries of service-install sections (`ServiceType`, `StartType`,
    /// `ErrorControl`, `ServiceBinary`, `DisplayName`, …).
    ///
    /// ## Why is this bad?
    /// Windows reads such entries with `SetupFindFirstLine`: the first line wins and the
    /// others are silently ignored, so the later value (often the one the author edited) has
    /// no effect. InfVerif rejects the repetition (1088).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Ports
    /// Class = Net
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = Net
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF FeatureScore directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-featurescore-directive)
    pub static REPEATED_SINGLE_VALUED_DIRECTIVE = {
        code: "INF1088",
        name: "repeated-single-valued-directive",
        category: Structure,
        infverif: Some(1088),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive",
        summary: "Single-valued directive repeated in a section",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    report(inf, "Version", out, &|k| {
        VERSION_KEYS.iter().any(|v| k.eq_ignore_ascii_case(v))
            || super::is_base_or_decorated(k, "CatalogFile")
    });
    let graph = section_graph(cx);
    let mut install: Vec<&str> = graph.sections_with_role(Role::Install).collect();
    install.sort_unstable();
    for name in install {
        report(inf, name, out, &|k| {
            INSTALL_KEYS.iter().any(|v| k.eq_ignore_ascii_case(v))
        });
    }
    let mut services: Vec<&str> = graph.sections_with_role(Role::ServiceInstall).collect();
    services.sort_unstable();
    for name in services {
        report(inf, name, out, &|k| {
            SERVICE_KEYS.iter().any(|v| k.eq_ignore_ascii_case(v))
        });
    }
}

fn report(inf: &Inf, section: &str, out: &mut Vec<Finding>, single: &dyn Fn(&str) -> bool) {
    let Some(s) = inf.section(section) else {
        return;
    };
    let mut groups: BTreeMap<String, Vec<(inf_parser::Span, String)>> = BTreeMap::new();
    for line in inf.section_lines(s) {
        let (Some(field), Some(key)) = (line.raw_key_field(), line.key()) else {
            continue;
        };
        let key = key.trim().to_owned();
        if single(&key) {
            groups
                .entry(fold_case(&key).into_owned())
                .or_default()
                .push((field.span, key));
        }
    }
    let mut found: Vec<(inf_parser::Span, Finding)> = Vec::new();
    for (_, lines) in groups {
        if lines.len() < 2 {
            continue;
        }
        let (first, key) = &lines[0];
        let mut f = Finding::at(
            *first,
            format!(
                "`{key}` appears {} times in `[{}]`; Windows uses only the first",
                lines.len(),
                s.name
            ),
        )
        .primary_label("Windows uses this one");
        for (span, _) in &lines[1..] {
            f = f.label(*span, "ignored");
        }
        found.push((
            *first,
            f.help(format!("keep one `{key}` entry with the value you mean")),
        ));
    }
    found.sort_by_key(|(s, _)| s.start);
    out.extend(found.into_iter().map(|(_, f)| f));
}
