//! Builders for hand-written installer behaviours used by the dispatch tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::PathBuf;

use dif_model::behavior::{
    CallKind, DifHandling, Evidence, InstallerBehavior, Knowledge, NotableCall, Pass, ReturnValue,
    Role, SourceLocation,
};
use inf_parser::Span;

/// A location on `line` of `file`.
pub fn at(file: &str, line: u32) -> SourceLocation {
    SourceLocation {
        file: PathBuf::from(file),
        span: Span::new(line as usize * 10, line as usize * 10 + 6),
        line,
    }
}

/// A returned code.
pub fn code(value: u32) -> ReturnValue {
    ReturnValue::Code {
        value,
        name: dif_model::catalog::return_code_by_value(value).map(|c| c.name.to_string()),
    }
}

/// A source-analysed entry point, built DIF by DIF.
pub struct Builder {
    file: &'static str,
    line: u32,
    behavior: InstallerBehavior,
}

impl Builder {
    /// An entry point `entry` in `file` whose prototype says `role`.
    pub fn new(file: &'static str, entry: &str, role: Role) -> Self {
        Builder {
            file,
            line: 1,
            behavior: InstallerBehavior {
                entry: entry.to_string(),
                function: entry.to_string(),
                defined_at: at(file, 1),
                role: Knowledge::Known { value: role },
                handles: Vec::new(),
                default_returns: Vec::new(),
                calls: Vec::new(),
                completeness: Knowledge::Known { value: () },
            },
        }
    }

    fn next(&mut self) -> SourceLocation {
        self.line += 1;
        at(self.file, self.line)
    }

    /// Handles `dif`, returning each of `returns` in its pass, making `calls`.
    pub fn handles(
        mut self,
        dif: u32,
        returns: &[(Pass, ReturnValue)],
        calls: &[(&str, CallKind)],
    ) -> Self {
        let matched_at = self.next();
        let returns = returns
            .iter()
            .map(|(pass, value)| {
                (
                    *pass,
                    Evidence {
                        value: value.clone(),
                        at: self.next(),
                    },
                )
            })
            .collect();
        let calls = calls
            .iter()
            .map(|(function, kind)| NotableCall {
                function: function.to_string(),
                kind: *kind,
                at: self.next(),
            })
            .collect();
        self.behavior.handles.push(DifHandling {
            dif,
            matched_at,
            returns,
            calls,
        });
        self
    }

    /// What it returns for DIF codes it does not recognise.
    pub fn otherwise(mut self, returns: &[(Pass, ReturnValue)]) -> Self {
        let returns: Vec<_> = returns
            .iter()
            .map(|(pass, value)| {
                (
                    *pass,
                    Evidence {
                        value: value.clone(),
                        at: self.next(),
                    },
                )
            })
            .collect();
        self.behavior.default_returns.extend(returns);
        self
    }

    /// Marks the analysis incomplete.
    pub fn incomplete(mut self, reason: &str) -> Self {
        self.behavior.completeness = Knowledge::Unknown {
            reason: reason.to_string(),
        };
        self
    }

    /// The behaviour.
    pub fn build(self) -> InstallerBehavior {
        self.behavior
    }
}
