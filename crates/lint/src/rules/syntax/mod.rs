//! Encoding, tokenizer and open-time problems.
//!
//! Most rules here report a [`inf_parser::ParseProblem`] found while decoding and tokenizing;
//! they read [`Context::parse_diagnostics`] (not the tree's), so that INX files report the
//! problems of the `.inx` file itself.

use inf_parser::ParseProblem;

use crate::context::Context;
use crate::finding::Finding;

pub mod dck1001_utf16_without_bom;
pub mod dck1002_unterminated_quote;
pub mod dck1003_text_after_section_header;
pub mod dck1004_continuation_swallows_header;
pub mod dck1005_hash_comment;
pub mod dck1006_lone_carriage_return;
pub mod dck1007_nul_character;
pub mod dck1008_control_z;
pub mod dck1009_field_too_long;
pub mod dck1010_semicolon_in_string_key;
pub mod dck1011_text_before_first_section;
pub mod inf1002_syntax_error;
pub mod inf1003_invalid_encoding;

/// Reports every parse diagnostic whose problem is `problem`, with the parser's message, a
/// label and a help text.
fn report_each(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    problem: &ParseProblem,
    label: &str,
    help: &str,
) {
    for d in cx
        .parse_diagnostics
        .iter()
        .filter(|d| &d.problem == problem)
    {
        out.push(
            Finding::at(d.span, d.message.clone())
                .primary_label(label)
                .help(help),
        );
    }
}
