//! Sections, references, duplicates and strings.

pub mod inf1209_duplicate_section;
