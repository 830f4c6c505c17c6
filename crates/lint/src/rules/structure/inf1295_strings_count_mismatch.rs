//! INF1295: two Strings sections define different numbers of strings.

use std::collections::BTreeMap;

use inf_parser::{fold_case, is_strings_section_name, Inf, Section};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Compares the number of distinct keys in each `[Strings.LLLL]` section with `[Strings]`
    /// (or, without `[Strings]`, with the first localized section) and flags the sections
    /// that differ, naming the keys each lacks.
    ///
    /// ## Why is this bad?
    /// Windows picks one Strings section for the whole INF by the system language, and the
    /// Strings page says every token must be defined in every Strings section: a key missing
    /// from the chosen section stays as literal `%key%` text on systems in that language.
    /// InfVerif rejects different key counts (1295).
    ///
    /// ## Example
    /// ```inf
    /// [Strings]
    /// Mfg = "Contoso"
    /// Widget = "Contoso Widget"
    ///
    /// [Strings.0407]
    /// Mfg = "Contoso"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Strings]
    /// Mfg = "Contoso"
    /// Widget = "Contoso Widget"
    ///
    /// [Strings.0407]
    /// Mfg = "Contoso"
    /// Widget = "Contoso-Widget"
    /// ```
    ///
    /// ## References
    /// - [INF Strings section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-strings-section)
    /// - [Creating international INF files](https://learn.microsoft.com/windows-hardware/drivers/install/creating-international-inf-files)
    pub static STRINGS_COUNT_MISMATCH = {
        code: "INF1295",
        name: "strings-count-mismatch",
        category: Structure,
        infverif: Some(1295),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-strings-section",
        summary: "Strings sections define different numbers of strings",
        check: check,
    }
}

/// The distinct keys of a Strings section: folded → as first written.
fn keys(inf: &Inf, s: &Section) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for l in inf.section_lines(s) {
        if let Some(k) = l.raw_match_key() {
            out.entry(fold_case(k.trim()).into_owned())
                .or_insert_with(|| k.trim().to_owned());
        }
    }
    out
}

fn strings(n: usize) -> String {
    if n == 1 {
        "1 string".to_owned()
    } else {
        format!("{n} strings")
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let sections: Vec<&Section> = inf
        .sections()
        .iter()
        .filter(|s| is_strings_section_name(&s.name))
        .collect();
    if sections.len() < 2 {
        return;
    }
    let reference = sections
        .iter()
        .find(|s| s.name.trim().eq_ignore_ascii_case("Strings"))
        .copied()
        .unwrap_or(sections[0]);
    let reference_keys = keys(inf, reference);
    let headers = inf.tree().headers();
    for s in sections {
        if std::ptr::eq(s, reference) {
            continue;
        }
        let own = keys(inf, s);
        if own.len() == reference_keys.len() {
            continue;
        }
        let missing: Vec<&String> = reference_keys
            .iter()
            .filter(|(k, _)| !own.contains_key(*k))
            .map(|(_, v)| v)
            .collect();
        let extra: Vec<&String> = own
            .iter()
            .filter(|(k, _)| !reference_keys.contains_key(*k))
            .map(|(_, v)| v)
            .collect();
        let list = |v: &[&String]| {
            let mut shown: Vec<String> = v.iter().take(5).map(|k| format!("`{k}`")).collect();
            if v.len() > 5 {
                shown.push(format!("and {} more", v.len() - 5));
            }
            shown.join(", ")
        };
        let mut help = String::new();
        if !missing.is_empty() {
            help.push_str(&format!("define {} in `[{}]`", list(&missing), s.name));
        }
        if !extra.is_empty() {
            if !help.is_empty() {
                help.push_str("; ");
            }
            help.push_str(&format!("`[{}]` lacks {}", reference.name, list(&extra)));
        }
        out.push(
            Finding::at(
                headers[s.headers[0] as usize].span,
                format!(
                    "`[{}]` defines {}, `[{}]` defines {}",
                    s.name,
                    strings(own.len()),
                    reference.name,
                    reference_keys.len()
                ),
            )
            .label(
                headers[reference.headers[0] as usize].span,
                format!("{} here", strings(reference_keys.len())),
            )
            .help(help),
        );
    }
}
