//! Turns the interpreter's path facts into the [`InstallerBehavior`] contract: per DIF code, the
//! values returned on paths where that code is possible; for unrecognised codes, the values
//! returned on paths where a code the source never names is possible.

use std::collections::BTreeMap;

use super::interp::{CallEvent, Facts, Loc, PassSet};
use super::syntax::Unit;
use crate::behavior::{
    DifHandling, Evidence, InstallerBehavior, Knowledge, NotableCall, Pass, ReturnValue, Role,
    SourceLocation,
};

/// Converts a [`Loc`] to a [`SourceLocation`].
pub(crate) fn location(units: &[Unit], loc: Loc) -> SourceLocation {
    units[loc.unit].location(loc.start, loc.end)
}

/// What the behaviour needs besides the facts.
pub(crate) struct EntryInfo<'a> {
    /// Exported name.
    pub entry: &'a str,
    /// C function name.
    pub function: &'a str,
    /// Where the function is defined.
    pub defined_at: SourceLocation,
    /// Role read from the prototype.
    pub role: Knowledge<Role>,
    /// Whether the function has a co-installer context (so that it has two passes).
    pub has_context: bool,
}

/// Builds the behaviour of one entry point.
pub(crate) fn build(units: &[Unit], info: EntryInfo, facts: Facts) -> InstallerBehavior {
    let pass = |p: PassSet| match (p, info.has_context) {
        (_, false) => Pass::Pre,
        (PassSet::Any, true) => Pass::Both,
        (PassSet::Pre, true) => Pass::Pre,
        (PassSet::Post, true) => Pass::Post,
    };
    // The first place each code is matched, in source order.
    let mut first_match: BTreeMap<u32, Loc> = BTreeMap::new();
    for m in &facts.matches {
        let slot = first_match.entry(m.dif).or_insert(m.at);
        if m.at < *slot {
            *slot = m.at;
        }
    }
    let mut returns: Vec<_> = facts.returns.iter().collect();
    returns.sort_by_key(|r| (r.val.at, r.cond.pass));
    let collect_returns = |keep: &dyn Fn(&super::interp::Cond) -> bool| {
        let mut out: Vec<(Pass, Evidence<ReturnValue>)> = Vec::new();
        for r in returns.iter().filter(|r| keep(&r.cond)) {
            let item = (
                pass(r.cond.pass),
                Evidence {
                    value: r.val.value.clone(),
                    at: location(units, r.val.at),
                },
            );
            if !out.contains(&item) {
                out.push(item);
            }
        }
        // The same value from the same place in both passes says all there is to say.
        let both: Vec<Evidence<ReturnValue>> = out
            .iter()
            .filter(|(p, _)| *p == Pass::Both)
            .map(|(_, e)| e.clone())
            .collect();
        out.retain(|(p, e)| *p == Pass::Both || !both.contains(e));
        out
    };
    let collect_calls = |keep: &dyn Fn(&CallEvent) -> bool| {
        let mut events: Vec<&CallEvent> = facts.calls.iter().filter(|c| keep(c)).collect();
        events.sort_by_key(|c| c.at);
        let mut out: Vec<NotableCall> = Vec::new();
        for c in events {
            let call = NotableCall {
                function: c.function.clone(),
                kind: c.kind,
                at: location(units, c.at),
            };
            if !out.contains(&call) {
                out.push(call);
            }
        }
        out
    };
    let handles = first_match
        .iter()
        .map(|(&dif, &at)| DifHandling {
            dif,
            matched_at: location(units, at),
            returns: collect_returns(&|c| c.difs.contains(dif)),
            calls: collect_calls(
                &|c| matches!(&c.cond.difs, super::interp::DifSet::Only(set) if set.contains(&dif)),
            ),
        })
        .collect();
    let default_returns = collect_returns(&|c| c.difs.includes_unlisted());
    let calls = collect_calls(&|c| c.cond.difs.includes_unlisted());
    let completeness = if facts.gaps.is_empty() {
        Knowledge::Known { value: () }
    } else {
        Knowledge::Unknown {
            reason: facts.gaps.join("; "),
        }
    };
    InstallerBehavior {
        entry: info.entry.to_string(),
        function: info.function.to_string(),
        defined_at: info.defined_at,
        role: info.role,
        handles,
        default_returns,
        calls,
        completeness,
    }
}
