//! The registry is the public contract: this snapshot lists every rule's code, name, category,
//! InfVerif code, severity per profile and needs, one line per rule, so that any change to it
//! shows up in review.

use lint::{Profile, RuleMeta, RULES};

fn line(rule: &RuleMeta) -> String {
    let severities: Vec<String> = Profile::ALL
        .iter()
        .map(|&p| {
            format!(
                "{}={}",
                p.as_str(),
                rule.severities.get(p).map_or("off", |s| s.as_str())
            )
        })
        .collect();
    let needs = serde_json::to_value(rule.needs)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "{} {} category={} infverif={} {} needs={}",
        rule.code,
        rule.name,
        rule.category.as_str(),
        rule.infverif
            .map_or_else(|| "none".to_owned(), |n| n.to_string()),
        severities.join(" "),
        needs,
    )
}

#[test]
fn registry_snapshot() {
    let mut rules: Vec<&RuleMeta> = RULES.to_vec();
    rules.sort_by_key(|r| r.code);
    let table: Vec<String> = rules.into_iter().map(line).collect();
    insta::assert_snapshot!("registry", table.join("\n"));
}
