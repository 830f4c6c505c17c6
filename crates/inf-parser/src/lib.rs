//! inf-parser: reads Windows driver INF/INX files exactly as SetupAPI does.
//!
//! Three steps, each usable on its own (inf-syntax.md §0.2):
//! 1. [`decode`] bytes into a [`SourceText`] (BOM sniffing, code pages, an offset map back to
//!    the original bytes);
//! 2. [`parse`] the text into a lossless [`SyntaxTree`] (every byte in a node; printing the tree
//!    gives the text back) with parse diagnostics and the open-time verdict of
//!    `SetupOpenInfFile` as data;
//! 3. build the semantic view [`Inf`]: merged sections, the Strings table, `%strkey%`
//!    substitution, typed field readers.
//!
//! On top of `Inf`: [`target`] (architectures, targets, TargetOSVersion decorations), the
//! decorated-section choice (`Inf::select_models`, `Inf::select_install_section`, …),
//! [`directives`] (typed views of `[Version]`, Manufacturer/Models, AddReg/DelReg, CopyFiles,
//! DestinationDirs, SourceDisks*, AddService and service-install sections, generic directive
//! readers) and [`inx`] (stampinf tokens and stamping with an offset map back to the .inx).
//!
//! Nothing here fails or panics on bad input: problems are values.

mod decode;
mod diagnostics;
pub mod directives;
pub mod dirid;
mod grammar;
mod index_list;
mod inf;
pub mod inx;
mod name;
mod parse;
mod select;
mod span;
mod syntax;
pub mod target;

pub use decode::{codepage_supported, decode, DecodeIssue, DecodeProblem, Encoding, SourceText};
pub use diagnostics::{OpenError, OpenErrorCode, OpenVerdict, ParseDiagnostic, ParseProblem};
pub use dirid::DiridPolicy;
pub use grammar::{parse_u32, Guid, GuidError, NumberError};
pub use index_list::IndexList;
pub use inf::{
    eq_fold, fold_case, is_strings_section_name, parse_int, Inf, InfOptions, IntFieldError,
    LineRef, Section, UndefinedToken,
};
pub use name::Name;
pub use parse::{parse, MAX_FIELD_CHARS, MAX_SECTION_NAME_CHARS};
pub use select::{
    DeclaredTarget, InstallSectionChoice, InstallSuffix, ModelsChoice, PlatformExtension,
};
pub use span::Span;
pub use syntax::{Field, FieldText, Header, Line, Node, NodeKind, SyntaxTree};
pub use target::{
    decoration_applies, decoration_issues, parse_decoration, Arch, DecorationIssue, Target,
    TargetOsVersion,
};

/// Decodes and parses bytes in one step (code page 1252 for 8-bit files).
pub fn parse_bytes(bytes: &[u8]) -> SyntaxTree {
    parse(decode(bytes, 1252))
}

/// Decodes, parses and indexes bytes in one step.
pub fn parse_inf(bytes: &[u8], codepage: u16, options: InfOptions) -> Inf {
    Inf::with_options(parse(decode(bytes, codepage)), options)
}
