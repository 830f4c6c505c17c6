//! `--format human`: miette's graphical reports with the source snippet, code, help and link.
//!
//! The theme is chosen explicitly (colored or not) instead of letting miette read the
//! environment, so that output into pipes and files, `NO_COLOR` and `--color never` all give the
//! same plain text, and tests see exactly what users see.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalTheme, LabeledSpan, MietteError, MietteHandler, MietteHandlerOpts,
    MietteSpanContents, ReportHandler, SourceCode, SourceSpan, SpanContents, ThemeCharacters,
    ThemeStyles,
};

use crate::check::FileText;
use crate::emit::{hint_lines, status_text, summary_line, EmitOptions, Emitter};
use crate::report::{CheckedFile, Finding, RunReport};

/// The miette handler for `opts`.
fn handler(opts: &EmitOptions) -> MietteHandler {
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
    handler_opts.build()
}

/// Renders findings with their source snippets while the file's text is at hand (in the
/// parallel part of a run), into [`Finding::rendered`].
pub struct FindingRenderer {
    handler: MietteHandler,
}

impl FindingRenderer {
    /// A renderer for `opts`.
    pub fn new(opts: &EmitOptions) -> Self {
        FindingRenderer {
            handler: handler(opts),
        }
    }

    /// Renders every finding of `file`, whose text is `text`.
    pub fn render(&self, file: &mut CheckedFile, text: &FileText) {
        if file.findings.is_empty() {
            return;
        }
        let path = file.display_path();
        let source = Named {
            name: &path,
            text: &text.text,
        };
        for f in &mut file.findings {
            let d = Rendered::finding(&path, &text.text, f, &source);
            let mut shown = Show(&self.handler, &d).to_string();
            shown.push('\n');
            f.rendered = Some(shown);
        }
    }
}

/// `--format human`.
pub struct Human {
    handler: MietteHandler,
    opts: EmitOptions,
}

impl Human {
    /// The format with `opts`.
    pub fn new(opts: &EmitOptions) -> Self {
        Human {
            handler: handler(opts),
            opts: *opts,
        }
    }

    fn plain(
        &self,
        out: &mut dyn Write,
        message: String,
        severity: lint::Severity,
    ) -> io::Result<()> {
        let d = Rendered::plain(message, severity);
        writeln!(out, "{}", Show(&self.handler, &d))
    }
}

impl Emitter for Human {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &CheckedFile,
        report: &RunReport,
    ) -> io::Result<()> {
        if let Some((severity, text)) = status_text(&file.status, report.allow_skipped) {
            self.plain(out, format!("{}: {text}", file.display_path()), severity)?;
        }
        for note in &file.notes {
            self.plain(
                out,
                format!("{}: {}", file.display_path(), note.message),
                note.level,
            )?;
        }
        if self.opts.statistics {
            return Ok(());
        }
        for f in &file.findings {
            // Rendered with the source by [`FindingRenderer`]; never missing in this format.
            if let Some(shown) = &f.rendered {
                out.write_all(shown.as_bytes())?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
        text_footer(out, &self.opts, report)
    }
}

/// A file's text under its name, for miette, without a copy of the text.
#[derive(Debug)]
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// The end of a text report (human and concise): the `--statistics` table when asked for, then,
/// unless `--quiet`, the hints and the summary line.
pub fn text_footer(out: &mut dyn Write, opts: &EmitOptions, report: &RunReport) -> io::Result<()> {
    if opts.statistics {
        out.write_all(statistics_table(report).as_bytes())?;
    }
    if !opts.quiet {
        out.write_all(hint_lines(report).as_bytes())?;
        writeln!(out, "{}", summary_line(report))?;
    }
    Ok(())
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
    source: Option<&'a Named<'a>>,
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

    fn finding(path: &str, text: &str, f: &Finding, source: &'a Named<'a>) -> Self {
        let d = &f.diagnostic;
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
            format!("{path}: {}", d.message)
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
