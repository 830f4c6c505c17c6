//! `difcheck explain CODE`: a rule's documentation, found by difcheck code, rule name or InfVerif
//! number.

use crate::cli::ExplainArgs;
use crate::emit::rule_doc;
use crate::output::write_stdout;
use crate::ExitStatus;

/// Runs the command.
pub fn run(args: &ExplainArgs) -> ExitStatus {
    let Some(rule) = lint::find_rule(&args.code) else {
        eprintln!("error: no rule `{}`", args.code);
        match suggestion(&args.code) {
            Some(s) => eprintln!("help: did you mean `{s}`? `difcheck rules` lists every rule"),
            None => eprintln!("help: `difcheck rules` lists every rule"),
        }
        return ExitStatus::Error;
    };
    let severities: Vec<String> = lint::Profile::ALL
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p.as_str(),
                rule.severities.get(*p).map_or("off", |s| s.as_str())
            )
        })
        .collect();
    let mut out = format!("# {}: {}\n\n", rule.code, rule.name);
    if let Some(n) = rule.infverif {
        out.push_str(&format!("- InfVerif: {n}\n"));
    }
    out.push_str(&format!("- Category: {}\n", rule.category.as_str()));
    out.push_str(&format!("- Severity: {}\n", severities.join(", ")));
    out.push_str(&format!("- Summary: {}\n", rule.summary));
    out.push_str(&format!("- Documentation: {}\n\n", rule.url()));
    out.push_str(&rule_doc(rule));
    match write_stdout(&out) {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            eprintln!("error: {e}");
            ExitStatus::Error
        }
    }
}

/// The closest rule code or name, if one is close enough to be a typo.
fn suggestion(input: &str) -> Option<String> {
    let wanted = input.trim().to_ascii_lowercase();
    let mut best: Option<(usize, String)> = None;
    for r in lint::RULES {
        let mut candidates = vec![r.code.to_owned(), r.name.to_owned()];
        if let Some(n) = r.infverif {
            candidates.push(n.to_string());
        }
        for c in candidates {
            let d = edit_distance(&wanted, &c.to_ascii_lowercase());
            if best.as_ref().is_none_or_gt(d) {
                best = Some((
                    d,
                    if c.bytes().all(|b| b.is_ascii_digit()) {
                        r.code.to_owned()
                    } else {
                        c
                    },
                ));
            }
        }
    }
    // A typo changes a few characters; a third of the input is generous but not arbitrary.
    best.filter(|(d, _)| *d <= (wanted.chars().count() / 3).max(1))
        .map(|(_, s)| s)
}

trait BestSoFar {
    fn is_none_or_gt(&self, d: usize) -> bool;
}

impl BestSoFar for Option<&(usize, String)> {
    fn is_none_or_gt(&self, d: usize) -> bool {
        match self {
            None => true,
            Some((b, _)) => d < *b,
        }
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("inf1209", "inf1209"), 0);
    }

    #[test]
    fn typos_get_a_suggestion_and_nonsense_does_not() {
        let first = lint::RULES[0];
        let mut typo = first.code.to_owned();
        typo.pop();
        typo.push('X');
        assert_eq!(suggestion(&typo).as_deref(), Some(first.code));
        assert_eq!(suggestion("completely-unrelated-words"), None);
    }
}
