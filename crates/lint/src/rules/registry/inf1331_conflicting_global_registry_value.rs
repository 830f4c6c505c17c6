//! INF1331: different install sections write different data to the same global registry value.

use std::collections::HashMap;

use inf_parser::directives::{AddRegLine, RegData, RegRoot};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::reach::{normalized_path, InstallGraph};
use super::{reached_add_reg, root_name, subkey_text, value_name, writes_no_data};

declare_rule! {
    /// ## What it does
    /// Finds registry values outside HKR (HKLM, HKCR, HKCU, HKU: keys shared by the whole
    /// system) that two different install sections write with different data, when both
    /// install sections can be used on the same architecture.
    ///
    /// ## Why is this bad?
    /// HKR values live in each device's own keys, so two DDInstall sections may set them
    /// differently. A global value exists once: when two devices of the package use different
    /// install sections, or when the package is imaged offline, the last section processed
    /// wins and the other device runs with the wrong setting. Store per-device settings under
    /// HKR instead. InfVerif reports it as 1331: a warning in `/k`, an error in `/u` and `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_A_AddReg]
    /// HKLM,Software\Contoso\Widget,Model,,"A"
    ///
    /// [Widget_B_AddReg]
    /// HKLM,Software\Contoso\Widget,Model,,"B"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_A_AddReg]
    /// HKR,,Model,,"A"
    ///
    /// [Widget_B_AddReg]
    /// HKR,,Model,,"B"
    /// ```
    ///
    /// ## References
    /// - [InfVerif errors 1330-1333](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330)
    /// - [INF validation errors and warnings (1331)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CONFLICTING_GLOBAL_REGISTRY_VALUE = {
        code: "INF1331",
        name: "conflicting-global-registry-value",
        category: Registry,
        infverif: Some(1331),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Error), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-verif-error-1330",
        summary: "Different install sections write different data to one global registry value",
        check: check,
    }
}

/// The data a line writes, as comparable text: the type code and the values.
pub(crate) fn data_key(line: &AddRegLine) -> String {
    let data = match &line.data {
        RegData::String(v) => v.as_ref().map_or(String::new(), |f| f.text.clone()),
        RegData::MultiSz(items) => items
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join("\u{0}"),
        RegData::Dword { value, field } => {
            value.map_or_else(|_| field.text.clone(), |v| v.to_string())
        }
        RegData::Bytes(Ok(b)) => b.iter().map(|x| format!("{x:02x}")).collect(),
        RegData::Bytes(Err(_)) => String::from("<invalid>"),
    };
    format!("{}:{data}", line.reg_type().code())
}

/// The data a line writes, for messages.
pub(crate) fn data_shown(line: &AddRegLine) -> String {
    match &line.data {
        RegData::String(v) => format!("\"{}\"", v.as_ref().map_or("", |f| f.text.as_str())),
        RegData::MultiSz(items) => items
            .iter()
            .map(|f| format!("\"{}\"", f.text))
            .collect::<Vec<_>>()
            .join(","),
        RegData::Dword { value: Ok(v), .. } => format!("0x{v:x}"),
        RegData::Dword { field, .. } => field.text.clone(),
        RegData::Bytes(Ok(b)) => b
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<Vec<_>>()
            .join(","),
        RegData::Bytes(Err(_)) => "invalid bytes".into(),
    }
}

/// A global registry value: root, normalized subkey, lower-cased value name, registry view bits.
type ValueKey = (String, String, String, u32);

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = InstallGraph::shared(cx);
    // (root, subkey, value name, registry view) → the lines that write it.
    let mut groups: HashMap<ValueKey, Vec<(usize, &AddRegLine)>> = HashMap::new();
    let mut order: Vec<ValueKey> = Vec::new();
    let reached = reached_add_reg(cx);
    for r in reached.iter() {
        let line = &r.line;
        if matches!(line.root, RegRoot::Hkr | RegRoot::Invalid(_))
            || line.skip().is_some()
            || writes_no_data(line)
            || line.effective_flags().append()
            || super::is_installer_registration(value_name(line), subkey_text(&line.subkey))
        {
            continue;
        }
        let view = line.effective_flags().0 & 0x5000;
        let key = (
            root_name(&line.root).to_owned(),
            normalized_path(subkey_text(&line.subkey)),
            value_name(line).to_lowercase(),
            view,
        );
        let entry = groups.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key);
        }
        entry.push((r.root, &r.line));
    }
    for key in order {
        let lines = &groups[&key];
        let conflict = lines.iter().enumerate().find_map(|(i, (root_a, a))| {
            lines[i + 1..].iter().find_map(|(root_b, b)| {
                (root_a != root_b && graph.coexist(*root_a, *root_b) && data_key(a) != data_key(b))
                    .then_some((*root_a, a, *root_b, b))
            })
        });
        let Some((root_a, a, root_b, b)) = conflict else {
            continue;
        };
        let (first, first_root, second, second_root) = if a.line.span.start <= b.line.span.start {
            (a, root_a, b, root_b)
        } else {
            (b, root_b, a, root_a)
        };
        let value = if key.2.is_empty() {
            "(default)".to_owned()
        } else {
            value_name(first).to_owned()
        };
        out.push(
            Finding::at(
                first.line.span,
                format!(
                    "`[{}]` and `[{}]` write different data to `{}\\{}`, value `{value}`",
                    graph.roots[first_root].name,
                    graph.roots[second_root].name,
                    key.0,
                    subkey_text(&first.subkey)
                ),
            )
            .primary_label(format!("writes {}", data_shown(first)))
            .label(second.line.span, format!("writes {}", data_shown(second)))
            .help("keep per-device settings under HKR (each device gets its own key), or give every install section the same data"),
        );
    }
}
