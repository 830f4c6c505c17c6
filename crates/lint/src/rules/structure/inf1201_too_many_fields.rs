//! INF1201: an entry has more values than its syntax allows; the extras are ignored.

use inf_parser::directives::{AddRegLine, RegData};
use inf_parser::{Inf, LineRef};

use super::{section_graph, Role};
use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// `[Version]` entries that take exactly one value (install/inf-version-section.md).
const VERSION_SINGLE: &[&str] = &[
    "Signature",
    "Class",
    "ClassGuid",
    "Provider",
    "PnpLockdown",
    "ExtensionId",
    "ClassVer",
    "DriverPackageType",
    "DriverPackageDisplayName",
];

/// Service-install entries that take exactly one value (install/inf-addservice-directive.md).
const SERVICE_SINGLE: &[&str] = &[
    "ServiceType",
    "StartType",
    "ErrorControl",
    "ServiceBinary",
    "DisplayName",
    "Description",
    "StartName",
    "LoadOrderGroup",
    "Security",
    "ServiceSidType",
    "DelayedAutoStart",
    "BootFlags",
];

declare_rule! {
    /// ## What it does
    /// Flags entries with more (non-empty) values than their documented syntax has:
    /// single-valued `[Version]` entries (`Provider = Contoso, Inc.`), `DriverVer` (date and
    /// version), `[Strings]` entries (`Company = Contoso, Inc.`), `[DestinationDirs]` entries
    /// (DIRID and subdirectory), `FeatureScore`,
    /// single-valued service-install entries (`DisplayName`, `Description`, `ServiceBinary`,
    /// …) and string-typed AddReg lines (one data field).
    ///
    /// ## Why is this bad?
    /// Windows reads the documented fields and ignores the rest. The extra fields are almost
    /// always a value that contains an unquoted comma, which Windows cuts at the comma:
    /// `DisplayName = Widget, Rev B` installs a service named "Widget". InfVerif warns (1201).
    ///
    /// ## Example
    /// ```inf
    /// [Strings]
    /// Mfg = Contoso, Inc.
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Strings]
    /// Mfg = "Contoso, Inc."
    /// ```
    ///
    /// ## References
    /// - [General syntax rules for INF files](https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files)
    /// - [INF AddService directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addservice-directive)
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    pub static TOO_MANY_FIELDS = {
        code: "INF1201",
        name: "too-many-fields",
        category: Structure,
        infverif: Some(1201),
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files",
        summary: "Entry has more values than its syntax allows",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    for line in inf.lines("Version") {
        let Some(key) = explicit_key(&line) else {
            continue;
        };
        let max = if key.eq_ignore_ascii_case("DriverVer") {
            2
        } else if VERSION_SINGLE.iter().any(|k| key.eq_ignore_ascii_case(k))
            || super::is_base_or_decorated(&key, "CatalogFile")
        {
            1
        } else {
            continue;
        };
        entry(out, &line, &key, max);
    }
    for s in inf
        .sections()
        .iter()
        .filter(|s| inf_parser::is_strings_section_name(&s.name))
    {
        // A line with one value field has nothing extra: no need to read its key.
        for line in inf.section_lines(s).filter(|l| l.field_count() > 1) {
            if let Some(key) = explicit_key(&line) {
                entry(out, &line, &key, 1);
            }
        }
    }
    for line in inf.lines("DestinationDirs") {
        if let Some(key) = explicit_key(&line) {
            entry(out, &line, &key, 2);
        }
    }
    let graph = section_graph(cx);
    let mut install: Vec<&str> = graph.sections_with_role(Role::Install).collect();
    install.sort_unstable();
    for name in install {
        for line in inf.lines(name) {
            if let Some(key) =
                explicit_key(&line).filter(|k| k.eq_ignore_ascii_case("FeatureScore"))
            {
                entry(out, &line, &key, 1);
            }
        }
    }
    let mut services: Vec<&str> = graph.sections_with_role(Role::ServiceInstall).collect();
    services.sort_unstable();
    for name in services {
        for line in inf.lines(name) {
            if let Some(key) = explicit_key(&line)
                .filter(|k| SERVICE_SINGLE.iter().any(|s| k.eq_ignore_ascii_case(s)))
            {
                entry(out, &line, &key, 1);
            }
        }
    }
    let mut add_reg: Vec<String> = graph
        .refs
        .iter()
        .filter(|r| r.exists && r.directive.eq_ignore_ascii_case("AddReg"))
        .map(|r| super::folded(&r.value.text))
        .collect();
    add_reg.sort_unstable();
    add_reg.dedup();
    for name in add_reg {
        add_reg_section(inf, &name, out);
    }
}

/// The explicit key of a line (after substitution), if it has one.
fn explicit_key(line: &LineRef<'_>) -> Option<String> {
    line.raw_key_field()?;
    Some(line.key()?.trim().to_owned())
}

/// The 1-based numbers of the non-empty value fields after the first `max`.
fn extra_fields(line: &LineRef<'_>, max: usize) -> Vec<usize> {
    (max + 1..=line.field_count())
        .filter(|&n| line.field(n).is_some_and(|t| !t.trim().is_empty()))
        .collect()
}

fn extra_span(line: &LineRef<'_>, extra: &[usize]) -> Option<inf_parser::Span> {
    let first = line.field_span(*extra.first()?)?;
    let last = line.field_span(*extra.last()?)?;
    Some(first.cover(last))
}

fn entry(out: &mut Vec<Finding>, line: &LineRef<'_>, key: &str, max: usize) {
    let extra = extra_fields(line, max);
    let Some(span) = extra_span(line, &extra) else {
        return;
    };
    let kept: Vec<String> = (1..=max)
        .filter_map(|n| line.field(n).map(|f| f.into_owned()))
        .collect();
    let what = if max == 1 {
        "one value".to_owned()
    } else {
        format!("{max} values")
    };
    out.push(
        Finding::at(span, format!("`{key}` takes {what}; Windows ignores the rest after `{}`", kept.join(",")))
            .primary_label("ignored")
            .help("if the value contains a comma, put it in double quotes; otherwise remove the extra values"),
    );
}

fn add_reg_section(inf: &Inf, section: &str, out: &mut Vec<Finding>) {
    // Only lines with a field after the data can have an ignored one.
    for line in inf.lines(section).filter(|l| l.field_count() > 5) {
        let reg = AddRegLine::read(&line);
        if !matches!(reg.data, RegData::String(_)) || reg.skip().is_some() {
            continue;
        }
        let extra = extra_fields(&line, 5);
        let Some(span) = extra_span(&line, &extra) else {
            continue;
        };
        let name = reg
            .value_name
            .as_ref()
            .map(|v| v.text.trim().to_owned())
            .filter(|v| !v.is_empty());
        let value = line.field(5).map(|f| f.into_owned()).unwrap_or_default();
        let target = name.map_or_else(|| "the default value".to_owned(), |n| format!("`{n}`"));
        out.push(
            Finding::at(span, format!("string value {target} takes one data field; Windows writes only `{value}`"))
                .primary_label("ignored")
                .help("if the data contains a comma, put it in double quotes; for a list of strings use REG_MULTI_SZ (0x00010000)"),
        );
    }
}
