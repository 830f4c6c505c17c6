//! Declarative (DCH "D") restrictions, InfVerif `/k`: the legacy directives and sections that
//! no longer get a signature from Windows 11 22H2 on.

pub mod dck0260_legacy_directive_or_section;
