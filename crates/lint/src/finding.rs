//! What a rule's check reports, before the engine attaches the rule's metadata.

use std::path::PathBuf;

use inf_parser::Span;

use crate::diagnostic::Label;

/// One problem found by a check. The engine turns it into a [`crate::Diagnostic`] by adding the
/// rule code, name, InfVerif number, severity for the profile and documentation link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What is wrong (sentence fragment, INF items in backticks).
    pub message: String,
    /// Where Windows would blame it; `None` = whole file.
    pub primary: Option<Span>,
    /// Text shown at the primary location.
    pub primary_label: Option<String>,
    /// Secondary locations.
    pub labels: Vec<Label>,
    /// What to do.
    pub help: Option<String>,
    /// Targets for which it holds; empty = every target the file declares. Use the labels of
    /// [`crate::DeclaredTarget::label`] (the decoration as written, e.g.
    /// `NTamd64.10.0...16299`, or `undecorated`), or an architecture name (`amd64`) when the
    /// INF declares no target. The target filter and the INX merge read these labels.
    pub targets: Vec<String>,
}

impl Finding {
    /// A finding at `span`.
    pub fn at(span: Span, message: impl Into<String>) -> Self {
        Finding {
            message: message.into(),
            primary: Some(span),
            primary_label: None,
            labels: Vec::new(),
            help: None,
            targets: Vec::new(),
        }
    }

    /// A whole-file finding (reported at line 0).
    pub fn whole_file(message: impl Into<String>) -> Self {
        Finding {
            message: message.into(),
            primary: None,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            targets: Vec::new(),
        }
    }

    /// Sets the label at the primary span.
    pub fn primary_label(mut self, text: impl Into<String>) -> Self {
        self.primary_label = Some(text.into());
        self
    }

    /// Adds a secondary label in the same file.
    pub fn label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: text.into(),
            file: None,
        });
        self
    }

    /// Adds a secondary label in another file.
    pub fn label_in(mut self, file: PathBuf, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: text.into(),
            file: Some(file),
        });
        self
    }

    /// Sets the help text.
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Sets the targets for which the finding holds.
    pub fn targets(mut self, targets: Vec<String>) -> Self {
        self.targets = targets;
        self
    }
}
