//! Encoding, tokenizer and open-time problems.

pub mod inf1002_syntax_error;
