//! The one list of every rule. Codes are never reused; a snapshot test pins this list.

use crate::rule::RuleMeta;
use crate::rules;

/// Every rule, in code order.
pub static RULES: &[&RuleMeta] = &[
    &rules::version::inf1001_bad_signature::BAD_SIGNATURE,
    &rules::syntax::inf1002_syntax_error::SYNTAX_ERROR,
    &rules::structure::inf1209_duplicate_section::DUPLICATE_SECTION,
];

/// Looks a rule up by difcheck code (case-insensitive) or by InfVerif number.
pub fn find_rule(code: &str) -> Option<&'static RuleMeta> {
    let c = code.trim();
    if let Some(r) = RULES.iter().find(|r| r.code.eq_ignore_ascii_case(c) || r.name.eq_ignore_ascii_case(c)) {
        return Some(r);
    }
    let n: u16 = c.parse().ok()?;
    RULES.iter().copied().find(|r| r.infverif == Some(n))
}
