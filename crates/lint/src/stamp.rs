//! INX files linted as stampinf would produce them (inf-syntax.md §3.6).
//!
//! An `.inx` file is an INF with stampinf tokens. We lint the INF the build would ship: the
//! tokens replaced once per target architecture, `DriverVer` written into `[Version]`, and
//! `CatalogFile` written when the build names one. The stamping itself and the map from the
//! stamped text back to the `.inx` are inf-parser's ([`inf_parser::inx`]); this module adds
//! what linting needs on top: the build settings a plain build would use ([`InxOptions`]), the
//! map the other way (the `.inx` file's decode problems must be placed in the stamped text),
//! and turning stamped names in messages (`[Models.NTamd64]`) back into what the `.inx` says
//! (`[Models.NT$ARCH$]`).

use inf_parser::inx::{self, ArchStamp, DriverVerStamp, StampEditKind, StampOptions};
use inf_parser::{Arch, Span};

/// The KMDF version stamped when none is given (1.15: Windows 10 1507, the oldest KMDF that
/// current WDKs target).
pub const DEFAULT_KMDF_VERSION: (u32, u32) = (1, 15);
/// The UMDF version stamped when none is given (2.15.0: the UMDF 2 of Windows 10 1507).
pub const DEFAULT_UMDF_VERSION: (u32, u32, u32) = (2, 15, 0);

/// What the build passes to stampinf. The defaults are documented in `docs/rules/README.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InxOptions {
    /// Architectures to stamp `$ARCH$` with; empty = the architectures of the target filter,
    /// or x86, amd64 and arm64.
    pub archs: Vec<Arch>,
    /// The `DriverVer` written (`-s`, `-d`, `-v`). The default is inf-parser's fixed date and
    /// version: stampinf would use the build date and `STAMPINF_VERSION` or the WDK's
    /// `ntverp.h`, which a linter cannot know; a fixed value keeps results reproducible.
    pub driver_ver: DriverVerStamp,
    /// The `CatalogFile` value (`-c`); `None` = not written, stampinf's documented default.
    pub catalog_file: Option<String>,
    /// The KMDF version (`-k`) for `$KMDFVERSION$` and `$KMDFCOINSTALLERVERSION$`.
    pub kmdf_version: (u32, u32),
    /// The UMDF version (`-u`) for `$UMDFVERSION$` and `$UMDFCOINSTALLERVERSION$`.
    pub umdf_version: (u32, u32, u32),
    /// Lint an `.inf` that still contains `$ARCH$` as a stampinf input too, like InfVerif's
    /// `/stampinf` switch. WDK projects keep their INF sources as `.inf` files that the
    /// StampInf build task stamps; linting them raw would report every decoration as unusable.
    /// When false, such a file is linted as written and INF1274 reports the token.
    pub stamp_inf_sources: bool,
}

impl Default for InxOptions {
    fn default() -> Self {
        InxOptions {
            archs: Vec::new(),
            driver_ver: DriverVerStamp::default(),
            catalog_file: None,
            kmdf_version: DEFAULT_KMDF_VERSION,
            umdf_version: DEFAULT_UMDF_VERSION,
            stamp_inf_sources: true,
        }
    }
}

impl InxOptions {
    /// The stampinf options for one architecture (`None` leaves `$ARCH$` alone: used when the
    /// file has no `$ARCH$`).
    pub fn stamp_options(&self, arch: Option<Arch>) -> StampOptions {
        StampOptions {
            arch: arch.map_or(ArchStamp::Leave, ArchStamp::arch),
            kmdf_version: Some(self.kmdf_version),
            umdf_version: Some(self.umdf_version),
            driver_ver: Some(self.driver_ver.clone()),
            catalog_file: self.catalog_file.clone(),
        }
    }
}

/// The stampinf architecture token.
pub const ARCH_TOKEN: &str = "$ARCH$";

/// Whether the text uses `$ARCH$` (if not, stamping gives the same text for every
/// architecture and the file is linted once). Tokens are case-sensitive, as in stampinf.
pub fn uses_arch_token(text: &str) -> bool {
    text.contains(ARCH_TOKEN)
}

/// One stamping of an `.inx` file: the stamped text and the maps between it and the `.inx`.
#[derive(Debug, Clone)]
pub struct StampedInx {
    /// The architecture `$ARCH$` became, if the file uses it.
    pub arch: Option<Arch>,
    stamped: inx::Stamped,
    /// (stamped word, `.inx` word) pairs for [`Self::unstamp`], longest first.
    words: Vec<(String, String)>,
    /// The first bytes of the stamped words, one bit each: a message position whose byte is not
    /// among them starts no word.
    first_bytes: [u64; 4],
}

/// Stamps the `.inx` text for `arch` with the build settings of `options`.
pub fn stamp(inx_text: &str, arch: Option<Arch>, options: &InxOptions) -> StampedInx {
    let stamped = inx::stamp(inx_text, &options.stamp_options(arch));
    let mut out = StampedInx {
        arch,
        stamped,
        words: Vec::new(),
        first_bytes: [0; 4],
    };
    out.words = out.word_pairs(inx_text);
    for (w, _) in &out.words {
        if let Some(&b) = w.as_bytes().first() {
            out.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }
    out
}

impl StampedInx {
    /// The stamped text.
    pub fn text(&self) -> &str {
        &self.stamped.text
    }

    /// Takes the stamped text out (to parse it without a copy); the maps keep working.
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.stamped.text)
    }

    /// Maps a span of the stamped text to the `.inx` text. A span inside a replaced token maps
    /// to the whole token; a span inside a written directive maps to what it replaced, or to
    /// where it was written.
    pub fn span_to_original(&self, span: Span) -> Span {
        self.stamped.span_to_source(span)
    }

    /// Maps a span of the `.inx` text to the stamped text (the inverse of
    /// [`Self::span_to_original`] outside edits; a span inside a replaced text maps to the whole
    /// replacement).
    pub fn span_to_stamped(&self, span: Span) -> Span {
        let edits = &self.stamped.edits;
        let start = {
            let k = edits.partition_point(|e| e.source.start <= span.start);
            match k.checked_sub(1).map(|i| &edits[i]) {
                None => span.start,
                Some(e) if span.start < e.source.end => e.stamped.start,
                Some(e) => span.start - e.source.end + e.stamped.end,
            }
        };
        if span.is_empty() {
            return Span { start, end: start };
        }
        let end = {
            let k = edits.partition_point(|e| e.source.start < span.end);
            match k.checked_sub(1).map(|i| &edits[i]) {
                None => span.end,
                Some(e) if span.end <= e.source.end => e.stamped.end,
                Some(e) => span.end - e.source.end + e.stamped.end,
            }
        };
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The words around each replaced token, stamped and as written in the `.inx` file. A
    /// stamped word that also occurs literally in the `.inx` text is left out: replacing it in
    /// a message could turn a literal name into a token it never was.
    fn word_pairs(&self, original: &str) -> Vec<(String, String)> {
        let text = self.text();
        let is_sep = |c: char| c.is_whitespace() || matches!(c, ',' | '=' | '[' | ']' | '"' | ';');
        let mut pairs: Vec<(String, String)> = Vec::new();
        for e in self
            .stamped
            .edits
            .iter()
            .filter(|e| matches!(e.kind, StampEditKind::Token(_)))
        {
            let (s, t) = (e.stamped.start as usize, e.stamped.end as usize);
            // After the separator, which may be a multi-byte space (U+00A0, U+3000, …).
            let start = text[..s]
                .char_indices()
                .rev()
                .find(|&(_, c)| is_sep(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[t..].find(is_sep).map_or(text.len(), |i| t + i);
            let stamped_word = &text[start..end];
            let orig = self.span_to_original(Span::new(start, end));
            let Some(orig_word) = original.get(orig.range()) else {
                continue;
            };
            if stamped_word.is_empty()
                || stamped_word == orig_word
                || original.contains(stamped_word)
                || pairs.iter().any(|(w, _)| w == stamped_word)
            {
                continue;
            }
            pairs.push((stamped_word.to_owned(), orig_word.to_owned()));
        }
        pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        pairs
    }

    /// Turns stamped names in a message back into the `.inx` spelling, whole words only.
    pub fn unstamp(&self, message: &str) -> String {
        if self.words.is_empty() {
            return message.to_owned();
        }
        let word_char = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$'))
        };
        let mut out = String::with_capacity(message.len() + 16);
        let mut i = 0usize;
        let starts_word = |b: u8| self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0;
        'scan: while i < message.len() {
            if starts_word(message.as_bytes()[i]) && !word_char(message[..i].chars().next_back()) {
                for (stamped, orig) in &self.words {
                    if message[i..].starts_with(stamped.as_str())
                        && !word_char(message[i + stamped.len()..].chars().next())
                    {
                        out.push_str(orig);
                        i += stamped.len();
                        continue 'scan;
                    }
                }
            }
            let c = message[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INX: &str = "[Version]\r\nSignature=\"$WINDOWS NT$\"\r\n\r\n[Manufacturer]\r\n%M%=Models,NT$ARCH$\r\n\r\n[Models.NT$ARCH$]\r\n%D%=Inst,ROOT\\X\r\n\r\n[Inst.NT.Wdf]\r\nKmdfService=x,wdf\r\n[wdf]\r\nKmdfLibraryVersion=$KMDFVERSION$\r\n";

    #[test]
    fn stamps_with_the_assumed_build_settings() {
        let s = stamp(INX, Some(Arch::Amd64), &InxOptions::default());
        assert!(s.text().contains("[Models.NTamd64]\r\n"));
        assert!(s.text().contains("KmdfLibraryVersion=1.15\r\n"));
        assert!(s.text().contains("DriverVer=01/01/2000,1.0.0.0\r\n"));
        assert!(!s.text().contains("CatalogFile"));
        let with_cat = InxOptions {
            catalog_file: Some("w.cat".into()),
            ..InxOptions::default()
        };
        assert!(stamp(INX, None, &with_cat)
            .text()
            .contains("CatalogFile=w.cat"));
        assert!(stamp(INX, None, &with_cat).text().contains("NT$ARCH$"));
    }

    #[test]
    fn maps_both_ways() {
        let s = stamp(INX, Some(Arch::Arm64), &InxOptions::default());
        let at = s.text().find("[Models.NTarm64]").unwrap();
        let back = s.span_to_original(Span::new(at, at + "[Models.NTarm64]".len()));
        assert_eq!(&INX[back.range()], "[Models.NT$ARCH$]");
        let m = INX.find("[Manufacturer]").unwrap();
        let fwd = s.span_to_stamped(Span::new(m, m + 14));
        assert_eq!(&s.text()[fwd.range()], "[Manufacturer]");
        assert_eq!(s.span_to_original(fwd), Span::new(m, m + 14));
        let k = INX.find("$KMDFVERSION$").unwrap();
        let fwd = s.span_to_stamped(Span::new(k + 2, k + 4));
        assert_eq!(&s.text()[fwd.range()], "1.15");
        let tail = INX.len();
        assert_eq!(
            s.span_to_stamped(Span::empty(tail)).start as usize,
            s.text().len()
        );
    }

    #[test]
    fn messages_go_back_to_inx_terms() {
        let s = stamp(INX, Some(Arch::Amd64), &InxOptions::default());
        assert_eq!(
            s.unstamp("section `[Models.NTamd64]` is empty"),
            "section `[Models.NT$ARCH$]` is empty"
        );
        assert_eq!(
            s.unstamp("decoration `NTamd64` is fine"),
            "decoration `NT$ARCH$` is fine"
        );
        assert_eq!(s.unstamp("`XModels.NTamd64`"), "`XModels.NTamd64`");
        assert_eq!(s.unstamp("KMDF `1.15`"), "KMDF `$KMDFVERSION$`");
    }

    #[test]
    fn literal_names_are_not_unstamped() {
        let text =
            "[Version]\nSignature=\"$WINDOWS NT$\"\n[Manufacturer]\n%M%=Models,NT$ARCH$,NTamd64\n";
        let s = stamp(text, Some(Arch::Amd64), &InxOptions::default());
        assert_eq!(s.unstamp("`NTamd64`"), "`NTamd64`");
    }
}
