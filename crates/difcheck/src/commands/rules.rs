//! `difcheck rules`: every registered rule with its code, InfVerif number, name, category and
//! severity in each profile.

use serde_json::json;

use crate::cli::{RulesArgs, RulesFormat};
use crate::output::write_stdout;
use crate::ExitStatus;

/// Runs the command.
pub fn run(args: &RulesArgs) -> ExitStatus {
    let text = match args.format {
        RulesFormat::Table => table(),
        RulesFormat::Json => json_list(),
    };
    match write_stdout(&text) {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            eprintln!("error: {e}");
            ExitStatus::Error
        }
    }
}

fn severity_cell(s: Option<lint::Severity>) -> &'static str {
    s.map_or("-", |s| s.as_str())
}

/// An aligned table, one row per rule in registry order.
fn table() -> String {
    let mut header = vec![
        "code".to_owned(),
        "infverif".to_owned(),
        "name".to_owned(),
        "category".to_owned(),
    ];
    header.extend(lint::Profile::ALL.iter().map(|p| p.as_str().to_owned()));
    let mut rows = vec![header];
    for r in rules_by_code() {
        let mut row = vec![
            r.code.to_owned(),
            r.infverif.map_or("-".to_owned(), |n| n.to_string()),
            r.name.to_owned(),
            r.category.as_str().to_owned(),
        ];
        row.extend(
            lint::Profile::ALL
                .iter()
                .map(|p| severity_cell(r.severities.get(*p)).to_owned()),
        );
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// Every rule in code order, as the generated rule docs list them (the registry itself is in
/// the order rules were added).
fn rules_by_code() -> Vec<&'static lint::RuleMeta> {
    let mut rules: Vec<&'static lint::RuleMeta> = lint::RULES.to_vec();
    rules.sort_by_key(|r| r.code);
    rules
}

/// A JSON array, one object per rule.
fn json_list() -> String {
    let rules: Vec<serde_json::Value> = rules_by_code()
        .into_iter()
        .map(|r| {
            let severities: serde_json::Map<String, serde_json::Value> = lint::Profile::ALL
                .iter()
                .map(|p| {
                    (
                        p.as_str().to_owned(),
                        json!(r.severities.get(*p).map(|s| s.as_str())),
                    )
                })
                .collect();
            json!({
                "code": r.code,
                "infverif": r.infverif,
                "name": r.name,
                "category": r.category.as_str(),
                "severities": severities,
                "needs": r.needs,
                "summary": r.summary,
                "url": r.url(),
                "reference": r.reference,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&rules).unwrap_or_default();
    s.push('\n');
    s
}
