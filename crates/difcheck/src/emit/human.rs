//! `--format human`: miette's graphical reports with the source snippet, code, help and link.
//!
//! The theme is chosen explicitly (colored or not) instead of letting miette read the
//! environment, so that output into pipes and files, `NO_COLOR` and `--color never` all give the
//! same plain text, and tests see exactly what users see.

use std::fmt;

use miette::{
    Diagnostic, GraphicalTheme, LabeledSpan, MietteHandlerOpts, NamedSource, ReportHandler,
    SourceCode, SourceSpan, ThemeCharacters, ThemeStyles,
};

use crate::emit::{hint_lines, status_text, summary_line, EmitOptions};
use crate::report::{CheckedFile, Finding, RunReport};

/// Renders the report.
pub fn render(report: &RunReport, opts: &EmitOptions) -> String {
    let theme = GraphicalTheme {
        characters: ThemeCharacters::unicode(),
        styles: if opts.color {
            ThemeStyles::ansi()
        } else {
            ThemeStyles::none()
        },
    };
    let mut handler_opts = MietteHandlerOpts::new()
        .force_graphical(true)
        .graphical_theme(theme)
        .terminal_links(false)
        .tab_width(4)
        .color(opts.color);
    if let Some(w) = opts.width {
        handler_opts = handler_opts.width(w);
    }
    let handler = handler_opts.build();

    let mut out = String::new();
    for file in &report.files {
        let source = NamedSource::new(file.display_path(), file.text.clone());
        if let Some((severity, text)) = status_text(&file.status, report.allow_skipped) {
            let d = Rendered::plain(format!("{}: {text}", file.display_path()), severity);
            out.push_str(&Show(&handler, &d).to_string());
            out.push('\n');
        }
        for note in &file.notes {
            let d = Rendered::plain(
                format!("{}: {}", file.display_path(), note.message),
                note.level,
            );
            out.push_str(&Show(&handler, &d).to_string());
            out.push('\n');
        }
        if opts.statistics {
            continue;
        }
        for f in &file.findings {
            let d = Rendered::finding(file, f, &source);
            out.push_str(&Show(&handler, &d).to_string());
            out.push('\n');
        }
    }
    if opts.statistics {
        out.push_str(&statistics_table(report));
    }
    if !opts.quiet {
        out.push_str(&hint_lines(report));
        out.push_str(&summary_line(report));
        out.push('\n');
    }
    out
}

/// The `--statistics` table shared by the text formats.
pub fn statistics_table(report: &RunReport) -> String {
    let rows = report.statistics();
    let mut s = String::new();
    if rows.is_empty() {
        return s;
    }
    let code_w = rows.iter().map(|r| r.0.len()).max().unwrap_or(4).max(4);
    s.push_str(&format!(
        "{:>5}  {:<code_w$}  {:<8}  name\n",
        "count", "code", "severity"
    ));
    for (code, name, sev, n) in rows {
        s.push_str(&format!(
            "{n:>5}  {code:<code_w$}  {:<8}  {name}\n",
            sev.as_str()
        ));
    }
    s
}

/// Renders one diagnostic through a [`ReportHandler`].
struct Show<'a>(&'a miette::MietteHandler, &'a dyn Diagnostic);

impl fmt::Display for Show<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.debug(self.1, f)
    }
}

/// A diagnostic as miette sees it.
#[derive(Debug)]
struct Rendered<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    url: Option<String>,
    source: Option<&'a NamedSource<String>>,
    labels: Vec<LabeledSpan>,
}

fn miette_severity(s: lint::Severity) -> miette::Severity {
    match s {
        lint::Severity::Error => miette::Severity::Error,
        lint::Severity::Warning => miette::Severity::Warning,
        lint::Severity::Info => miette::Severity::Advice,
    }
}

impl<'a> Rendered<'a> {
    fn plain(message: String, severity: lint::Severity) -> Self {
        Rendered {
            message,
            code: None,
            severity: miette_severity(severity),
            help: None,
            url: None,
            source: None,
            labels: Vec::new(),
        }
    }

    fn finding(file: &CheckedFile, f: &Finding, source: &'a NamedSource<String>) -> Self {
        let d = &f.diagnostic;
        let text = &file.text;
        let span = |s: inf_parser::Span| -> SourceSpan {
            let clamp = |o: u32| {
                let mut o = (o as usize).min(text.len());
                while o > 0 && !text.is_char_boundary(o) {
                    o -= 1;
                }
                o
            };
            let (a, b) = (clamp(s.start), clamp(s.end.max(s.start)));
            SourceSpan::new(a.into(), b - a)
        };
        let mut labels = Vec::new();
        if let Some(p) = d.primary {
            labels.push(LabeledSpan::new_primary_with_span(
                d.primary_label.clone(),
                span(p),
            ));
        }
        let mut elsewhere = Vec::new();
        for (l, located) in d.labels.iter().zip(&f.labels) {
            match &l.file {
                None => labels.push(LabeledSpan::new_with_span(
                    Some(l.message.clone()),
                    span(l.span),
                )),
                Some(other) => {
                    let at = located
                        .range
                        .map(|(s, _)| format!(":{}:{}", s.line, s.column))
                        .unwrap_or_default();
                    elsewhere.push(format!(
                        "{}{at}: {}",
                        crate::report::display_path(other),
                        l.message
                    ));
                }
            }
        }
        let mut help: Vec<String> = d.help.iter().cloned().collect();
        if !d.targets.is_empty() {
            help.push(format!("applies to: {}", d.targets.join(", ")));
        }
        help.extend(elsewhere.into_iter().map(|e| format!("see {e}")));
        let code = match d.infverif {
            Some(n) => format!("{} (InfVerif {n})", d.code),
            None => d.code.clone(),
        };
        let message = if d.primary.is_none() {
            format!("{}: {}", file.display_path(), d.message)
        } else {
            d.message.clone()
        };
        Rendered {
            message,
            code: Some(code),
            severity: miette_severity(d.severity),
            help: (!help.is_empty()).then(|| help.join("\n")),
            url: d.url.clone(),
            source: d.primary.map(|_| source),
            labels,
        }
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}
