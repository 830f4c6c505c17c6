//! What a participant may return for one DIF in one pass, from its analysed source or from the
//! protocol.

use super::{CallPass, Participant, Status};
use crate::behavior::{Pass, ReturnValue, Role, SourceLocation};
use crate::catalog::{ERROR_DI_DO_DEFAULT, NO_ERROR};

/// One value a participant may return, with the source locations that return it.
#[derive(Debug, Clone)]
pub(super) struct Alternative {
    pub(super) value: ReturnValue,
    pub(super) evidence: Vec<SourceLocation>,
}

/// The values a participant may return in one pass.
#[derive(Debug, Clone)]
pub(super) struct Resolution {
    /// Never empty: when nothing is known the single alternative is `ReturnValue::Unknown`.
    pub(super) alternatives: Vec<Alternative>,
    /// Where the values come from.
    pub(super) origin: Origin,
}

/// Where a participant's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Origin {
    /// Whether the source recognises the DIF (false: its `default:` path answered, or the
    /// participant follows the protocol).
    pub(super) matched: bool,
    /// Whether the values come from source analysis (false for protocol assumptions).
    pub(super) from_source: bool,
}

const PROTOCOL: Origin = Origin {
    matched: false,
    from_source: false,
};

/// Resolves what `p` returns for `dif` in `pass`.
///
/// For analysed sources the values of every `DifHandling` for the DIF are used, or the
/// `default_returns` when the code does not recognise the DIF; values are filtered by pass
/// (`Pass::Both` counts for both; a class installer has one call, so all its values count) and
/// merged when equal.
pub(super) fn resolve(p: &Participant<'_>, dif: u32, pass: Pass, dif_name: &str) -> Resolution {
    let behavior = match p.behavior {
        super::Behavior::Known(b) => b,
        super::Behavior::PerProtocol => {
            let value = match (p.role, pass) {
                (Role::ClassInstaller, _) => ERROR_DI_DO_DEFAULT,
                (_, Pass::Post) => {
                    // Unreachable through the simulation: a protocol co-installer never asks
                    // for post-processing. Propagating is what CII allows if it ever did.
                    return Resolution {
                        alternatives: vec![Alternative {
                            value: ReturnValue::PropagateInstallResult,
                            evidence: Vec::new(),
                        }],
                        origin: PROTOCOL,
                    };
                }
                _ => NO_ERROR,
            };
            return Resolution {
                alternatives: vec![Alternative {
                    value: ReturnValue::Code { value, name: None },
                    evidence: Vec::new(),
                }],
                origin: PROTOCOL,
            };
        }
    };
    let handlings: Vec<_> = behavior.handles.iter().filter(|h| h.dif == dif).collect();
    let matched = !handlings.is_empty();
    let returns: Vec<_> = if matched {
        handlings.iter().flat_map(|h| h.returns.iter()).collect()
    } else {
        behavior.default_returns.iter().collect()
    };
    let applies = |returned_in: Pass| match (p.role, pass) {
        (Role::ClassInstaller, _) => true,
        (_, Pass::Pre) => matches!(returned_in, Pass::Pre | Pass::Both),
        (_, Pass::Post) => matches!(returned_in, Pass::Post | Pass::Both),
        (_, Pass::Both) => true,
    };
    let mut alternatives: Vec<Alternative> = Vec::new();
    for (returned_in, evidence) in returns {
        if !applies(*returned_in) {
            continue;
        }
        match alternatives
            .iter_mut()
            .find(|a| same_value(&a.value, &evidence.value))
        {
            Some(existing) => existing.evidence.push(evidence.at.clone()),
            None => alternatives.push(Alternative {
                value: evidence.value.clone(),
                evidence: vec![evidence.at.clone()],
            }),
        }
    }
    if alternatives.is_empty() {
        let path = if matched {
            format!("its {dif_name} handling")
        } else {
            "its path for unrecognised DIF codes".to_string()
        };
        let pass_name = match (p.role, pass) {
            (Role::ClassInstaller, _) => "its call",
            (_, Pass::Post) => "the post-processing pass",
            _ => "the pre-processing pass",
        };
        alternatives.push(Alternative {
            value: ReturnValue::Unknown {
                reason: format!("source analysis found no return value of {path} for {pass_name}"),
            },
            evidence: Vec::new(),
        });
    }
    Resolution {
        alternatives,
        origin: Origin {
            matched,
            from_source: true,
        },
    }
}

/// Whether two returned values are the same for the state machine (codes compare by value, so
/// `NO_ERROR` and `0` merge).
fn same_value(a: &ReturnValue, b: &ReturnValue) -> bool {
    match (a, b) {
        (ReturnValue::Code { value: x, .. }, ReturnValue::Code { value: y, .. }) => x == y,
        _ => a == b,
    }
}

impl Alternative {
    /// The status the value produces in `pass`, given the running status.
    pub(super) fn to_status(&self, pass: CallPass, status_in: &Status) -> Status {
        match &self.value {
            ReturnValue::Code { value, .. } => Status::from_code(*value),
            ReturnValue::PropagateInstallResult if pass == CallPass::Post => status_in.clone(),
            ReturnValue::PropagateInstallResult => Status::Unknown {
                reason: "returns Context->InstallResult outside post-processing, where it is not meaningful (CII)".to_string(),
            },
            ReturnValue::SomeError { expression } => Status::UnspecifiedError { expression: expression.clone() },
            ReturnValue::Unknown { reason } => Status::Unknown { reason: reason.clone() },
        }
    }

    /// Whether the value is `Context->InstallResult` passed through.
    pub(super) fn is_propagation(&self) -> bool {
        matches!(self.value, ReturnValue::PropagateInstallResult)
    }
}
