//! Parse problems as data, and the open-time verdict of `SetupOpenInfFile`.

use serde::Serialize;

use crate::decode::DecodeProblem;
use crate::Span;

/// The kinds of problem the decoder and tokenizer report (inf-syntax.md §1.16).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParseProblem {
    /// A decoding problem (encoding, undecodable bytes, odd UTF-16, surrogates, non-ASCII ANSI).
    Decode(DecodeProblem),
    /// Text before the first section header (fatal unless the file has a `[Strings]` section).
    TextBeforeFirstSection,
    /// `[` without `]` on the same line (ERROR_BAD_SECTION_NAME_LINE).
    UnterminatedSectionHeader,
    /// A section name longer than 255 characters (ERROR_SECTION_NAME_TOO_LONG).
    SectionNameTooLong,
    /// Non-blank text after a header's `]`, which Windows ignores.
    TextAfterSectionHeader,
    /// A quoted run with no closing `"`: it swallows the rest of the physical line.
    UnterminatedQuote,
    /// A trailing `\` joined the next line, and that line looks like a section header that is
    /// therefore swallowed (E71).
    ContinuationSwallowsHeader,
    /// A field longer than 4095 characters; Windows truncates it to 4096.
    FieldTooLong,
    /// A NUL character, read as a space.
    NulCharacter,
    /// A Control-Z character: Windows stops reading the file there.
    ControlZ,
    /// A carriage return not followed by a line feed: it does not end a line.
    LoneCarriageReturn,
    /// A line that starts with `#` or `//`, which are not comments in INF files.
    NotAComment,
    /// A `;` inside what looks like a `%strkey%` token: it starts a comment anyway.
    SemicolonInStringKey,
}

/// One parse problem with its location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseDiagnostic {
    /// What the problem is.
    pub problem: ParseProblem,
    /// Where it is, in the decoded text.
    pub span: Span,
    /// A sentence-fragment message naming the INF items in backticks.
    pub message: String,
}

/// An error code `SetupOpenInfFile` can fail with (setupapi.h values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum OpenErrorCode {
    /// 0xE0000000: text before the first section and no `[Strings]` section.
    #[serde(rename = "ERROR_EXPECTED_SECTION_NAME")]
    ExpectedSectionName,
    /// 0xE0000001: a header line without `]`.
    #[serde(rename = "ERROR_BAD_SECTION_NAME_LINE")]
    BadSectionNameLine,
    /// 0xE0000002: a section name longer than 255 characters.
    #[serde(rename = "ERROR_SECTION_NAME_TOO_LONG")]
    SectionNameTooLong,
    /// 0xE0000003: general syntax error (not produced by the rules we know of).
    #[serde(rename = "ERROR_GENERAL_SYNTAX")]
    GeneralSyntax,
    /// 0xE0000100: missing or bad `[Version]` `Signature`.
    #[serde(rename = "ERROR_WRONG_INF_STYLE")]
    WrongInfStyle,
}

impl OpenErrorCode {
    /// The symbolic name, e.g. `ERROR_WRONG_INF_STYLE`.
    pub fn name(self) -> &'static str {
        match self {
            OpenErrorCode::ExpectedSectionName => "ERROR_EXPECTED_SECTION_NAME",
            OpenErrorCode::BadSectionNameLine => "ERROR_BAD_SECTION_NAME_LINE",
            OpenErrorCode::SectionNameTooLong => "ERROR_SECTION_NAME_TOO_LONG",
            OpenErrorCode::GeneralSyntax => "ERROR_GENERAL_SYNTAX",
            OpenErrorCode::WrongInfStyle => "ERROR_WRONG_INF_STYLE",
        }
    }

    /// The numeric value from setupapi.h.
    pub fn value(self) -> u32 {
        match self {
            OpenErrorCode::ExpectedSectionName => 0xE000_0000,
            OpenErrorCode::BadSectionNameLine => 0xE000_0001,
            OpenErrorCode::SectionNameTooLong => 0xE000_0002,
            OpenErrorCode::GeneralSyntax => 0xE000_0003,
            OpenErrorCode::WrongInfStyle => 0xE000_0100,
        }
    }
}

/// The error `SetupOpenInfFile` would return, with the error line it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OpenError {
    /// The error code.
    pub code: OpenErrorCode,
    /// The reported error line (1-based; 0 for whole-file errors such as WRONG_INF_STYLE).
    pub line: u32,
    /// Where the problem is in the text (empty at 0 for whole-file errors).
    pub span: Span,
}

/// What `SetupOpenInfFile(…, INF_STYLE_WIN4, …)` would do with the file.
pub type OpenVerdict = Option<OpenError>;
