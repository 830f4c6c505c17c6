//! `dll[,entry]` strings, as the registry values of dif-model.md §3 hold them, and the ways an
//! INF can get them wrong (quoting, whitespace, odd DLL names), kept as data for the rules.
//!
//! SetupAPI splits such a string at its first comma and passes the rest unchanged to
//! `GetProcAddress` (WINE-DI); without a comma the role's default entry point is used (§2.5).
//! The string itself is what the AddReg line's value fields give after `%strkey%` substitution:
//! for REG_MULTI_SZ every field is one string, so an unquoted `dll,entry` becomes two strings
//! (IAR); for REG_SZ only field 5 is read and later fields are ignored.

use inf_parser::Span;
use serde::Serialize;

/// One `dll[,entry]` string of a registration value, split the way SetupAPI splits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntrySpec {
    /// The string after `%strkey%` substitution, exactly as it would be stored.
    pub text: String,
    /// The span of the value field it came from.
    pub span: Span,
    /// Whether any part of that field was quoted in the INF.
    pub quoted: bool,
    /// The field number on the AddReg line (5 for the first value string).
    pub field: u32,
    /// The text before the first comma, trimmed (the DLL as written, for display and matching).
    pub dll: String,
    /// The text after the first comma, verbatim (what `GetProcAddress` would be given); `None`
    /// when the string has no comma.
    pub entry: Option<String>,
}

impl EntrySpec {
    /// Splits one string at its first comma.
    pub fn parse(text: &str, span: Span, quoted: bool, field: u32) -> EntrySpec {
        let (dll, entry) = match text.split_once(',') {
            Some((dll, entry)) => (dll, Some(entry.to_owned())),
            None => (text, None),
        };
        EntrySpec {
            text: text.to_owned(),
            span,
            quoted,
            field,
            dll: dll.trim().to_owned(),
            entry,
        }
    }

    /// The entry point name as a source would define it (trimmed), when the string names one.
    pub fn entry_name(&self) -> Option<&str> {
        self.entry.as_deref().map(str::trim)
    }

    /// Problems of the string on its own (INF-23, INF-24).
    pub(crate) fn pitfalls(&self) -> Vec<EntryPitfall> {
        let mut found = Vec::new();
        let raw_dll = self.text.split(',').next().unwrap_or("");
        if self.dll.is_empty() {
            found.push(EntryPitfall::EmptyDll);
        } else {
            if raw_dll != self.dll {
                found.push(EntryPitfall::WhitespaceAroundDll);
            }
            if self.dll.contains(['\\', '/', ':']) {
                found.push(EntryPitfall::PathInDll);
            }
            if let Some((_, extension)) = file_name(&self.dll).rsplit_once('.') {
                if !extension.eq_ignore_ascii_case("dll") {
                    found.push(EntryPitfall::NotDllExtension {
                        extension: extension.to_owned(),
                    });
                }
            }
        }
        if let Some(entry) = &self.entry {
            if entry.trim().is_empty() {
                found.push(EntryPitfall::EmptyEntry);
            } else if entry.trim() != entry {
                found.push(EntryPitfall::WhitespaceAroundEntry);
            }
            if entry.contains(',') {
                found.push(EntryPitfall::SeveralCommas);
            }
        }
        found
    }
}

/// A problem with how a `dll[,entry]` string is written. What Windows does with the string is
/// modelled as written (the chain never "repairs" it); the pitfall says what was probably meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum EntryPitfall {
    /// INF-22: in a REG_MULTI_SZ line this string and the next field look like one `dll,entry`
    /// that lost its quotes, so Windows stores two strings: this DLL with the default entry
    /// point, and the next field as another DLL.
    SplitByMissingQuotes {
        /// The next field's text (the entry point that was probably meant).
        next: String,
        /// The next field's span.
        next_span: Span,
    },
    /// INF-22 (other half): this string looks like the entry-point half of the previous field;
    /// Windows takes it for a DLL name.
    EntryHalfOfPreviousField {
        /// The previous field's span.
        previous_span: Span,
    },
    /// INF-22 / INF-28: a REG_SZ value has fields after field 5, which SetupAPI ignores; an
    /// unquoted `dll,entry` loses its entry point this way.
    FieldsIgnored {
        /// The ignored fields as written, joined with commas.
        text: String,
        /// Their span.
        span: Span,
        /// The entry point that was probably meant (field 6, when field 5 has no comma and
        /// field 6 looks like a function name).
        likely_entry: Option<String>,
    },
    /// INF-24: whitespace around the entry point (`"x.dll, Entry"`); Wine passes it unchanged to
    /// `GetProcAddress`, real Windows behaviour is not documented (dif-model.md §8.8).
    WhitespaceAroundEntry,
    /// Whitespace around the DLL name.
    WhitespaceAroundDll,
    /// INF-23: nothing before the comma.
    EmptyDll,
    /// INF-23: a comma followed by nothing (an empty export name, not the default one).
    EmptyEntry,
    /// INF-23: more than one comma; everything after the first is taken as the export name.
    SeveralCommas,
    /// INF-23: the DLL is given with a path; installers are loaded from the system directory.
    PathInDll,
    /// INF-23: the DLL has an extension other than `.dll`.
    NotDllExtension {
        /// The extension as written.
        extension: String,
    },
}

impl EntryPitfall {
    /// The rule of dif-model.md §6.1 that reports it.
    pub fn rule(&self) -> &'static str {
        match self {
            EntryPitfall::SplitByMissingQuotes { .. }
            | EntryPitfall::EntryHalfOfPreviousField { .. }
            | EntryPitfall::FieldsIgnored { .. } => "INF-22",
            EntryPitfall::WhitespaceAroundEntry => "INF-24",
            EntryPitfall::WhitespaceAroundDll
            | EntryPitfall::EmptyDll
            | EntryPitfall::EmptyEntry
            | EntryPitfall::SeveralCommas
            | EntryPitfall::PathInDll
            | EntryPitfall::NotDllExtension { .. } => "INF-23",
        }
    }

    /// One line saying what is wrong.
    pub fn describe(&self) -> String {
        match self {
            EntryPitfall::SplitByMissingQuotes { next, .. } => format!(
                "`dll,entry` is not quoted as one string: Windows stores two strings, so the entry point `{next}` is taken for another DLL"
            ),
            EntryPitfall::EntryHalfOfPreviousField { .. } => {
                "looks like the entry point of the previous string, split off by missing quotes; Windows takes it for a DLL name".to_string()
            }
            EntryPitfall::FieldsIgnored { text, likely_entry, .. } => match likely_entry {
                Some(entry) => format!(
                    "`dll,entry` is not quoted as one string: only field 5 is read, so the entry point `{entry}` is lost and the default is used"
                ),
                None => format!("fields after field 5 are ignored for this value type: `{text}`"),
            },
            EntryPitfall::WhitespaceAroundEntry => {
                "whitespace around the entry point is passed to GetProcAddress unchanged (Wine); Windows behaviour is undocumented".to_string()
            }
            EntryPitfall::WhitespaceAroundDll => "whitespace around the DLL name".to_string(),
            EntryPitfall::EmptyDll => "no DLL name before the comma".to_string(),
            EntryPitfall::EmptyEntry => "a comma without an entry point: the export looked up is the empty name".to_string(),
            EntryPitfall::SeveralCommas => "more than one comma: everything after the first is the export name".to_string(),
            EntryPitfall::PathInDll => "the DLL is given with a path; installers are loaded from the system directory".to_string(),
            EntryPitfall::NotDllExtension { extension } => format!("the DLL has the extension `.{extension}`, not `.dll`"),
        }
    }
}

/// Finds `dll,entry` pairs split over two fields of one REG_MULTI_SZ line (INF-22): a string
/// without a comma followed by one that looks like a function name, at least one of them
/// unquoted. Returns `(index, pitfall)` pairs for the strings concerned.
pub(crate) fn split_pairs(strings: &[EntrySpec]) -> Vec<(usize, EntryPitfall)> {
    let mut found = Vec::new();
    for (i, pair) in strings.windows(2).enumerate() {
        let (first, second) = (&pair[0], &pair[1]);
        if first.entry.is_none()
            && !first.dll.is_empty()
            && is_function_name(second.text.trim())
            && !(first.quoted && second.quoted)
        {
            found.push((
                i,
                EntryPitfall::SplitByMissingQuotes {
                    next: second.text.trim().to_owned(),
                    next_span: second.span,
                },
            ));
            found.push((
                i + 1,
                EntryPitfall::EntryHalfOfPreviousField {
                    previous_span: first.span,
                },
            ));
        }
    }
    found
}

/// Whether `text` looks like a C function name (and so not like a DLL file name).
pub(crate) fn is_function_name(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The last path component of a DLL name as written.
pub(crate) fn file_name(dll: &str) -> &str {
    dll.rsplit(['\\', '/']).next().unwrap_or(dll)
}

/// The DLL's file name as Windows loads it: the last path component, with `.dll` added when it
/// has no extension (LoadLibrary's rule).
pub(crate) fn loaded_file_name(dll: &str) -> String {
    let name = file_name(dll.trim());
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{name}.dll")
    }
}

/// Microsoft-supplied co-installers recognised by their DLL names (dif-model.md INF-27;
/// `wdf/installation-components-for-kmdf-drivers.md`, `wdf/using-the-umdf-co-installer.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum InstallerKind {
    /// A vendor's own installer (anything not recognised below).
    Vendor,
    /// The KMDF co-installer `WdfCoInstallerMMmmm.dll`, redistributed in the package.
    KmdfCoInstaller {
        /// The `MMmmm` version digits, when the name has them.
        version: Option<String>,
    },
    /// The UMDF co-installer `WUDFUpdate_MMmmm.dll`, redistributed in the package.
    UmdfCoInstaller {
        /// The `MMmmm` version digits, when the name has them.
        version: Option<String>,
    },
    /// The WinUSB co-installer `WinUSBCoInstaller*.dll`, redistributed in the package.
    WinUsbCoInstaller,
    /// `WUDFCoinstaller.dll`, the UMDF co-installer that ships with Windows.
    InboxUmdfCoInstaller,
}

impl InstallerKind {
    /// Recognises a DLL name (path and case ignored).
    pub fn of_dll(dll: &str) -> InstallerKind {
        let name = file_name(dll.trim()).to_ascii_lowercase();
        let stem = name.strip_suffix(".dll").unwrap_or(&name);
        let digits = |rest: &str| {
            (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_owned())
        };
        if let Some(rest) = stem.strip_prefix("wdfcoinstaller") {
            InstallerKind::KmdfCoInstaller {
                version: digits(rest),
            }
        } else if let Some(rest) = stem.strip_prefix("wudfupdate_") {
            InstallerKind::UmdfCoInstaller {
                version: digits(rest),
            }
        } else if stem.starts_with("winusbcoinstaller") {
            InstallerKind::WinUsbCoInstaller
        } else if stem == "wudfcoinstaller" {
            InstallerKind::InboxUmdfCoInstaller
        } else {
            InstallerKind::Vendor
        }
    }

    /// Whether the installer is Microsoft's (no vendor source to analyse).
    pub fn is_microsoft(&self) -> bool {
        !matches!(self, InstallerKind::Vendor)
    }

    /// A short name for reports, e.g. "KMDF co-installer 01011".
    pub fn label(&self) -> Option<String> {
        match self {
            InstallerKind::Vendor => None,
            InstallerKind::KmdfCoInstaller { version } => Some(match version {
                Some(v) => format!("KMDF co-installer {v}"),
                None => "KMDF co-installer".to_string(),
            }),
            InstallerKind::UmdfCoInstaller { version } => Some(match version {
                Some(v) => format!("UMDF co-installer {v}"),
                None => "UMDF co-installer".to_string(),
            }),
            InstallerKind::WinUsbCoInstaller => Some("WinUSB co-installer".to_string()),
            InstallerKind::InboxUmdfCoInstaller => Some("in-box UMDF co-installer".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str, quoted: bool) -> EntrySpec {
        EntrySpec::parse(text, Span::default(), quoted, 5)
    }

    #[test]
    fn splits_at_the_first_comma() {
        let s = spec("tostrco.dll,ToasterCoInstaller", true);
        assert_eq!(s.dll, "tostrco.dll");
        assert_eq!(s.entry.as_deref(), Some("ToasterCoInstaller"));
        assert!(s.pitfalls().is_empty());
        let s = spec("WUDFCoinstaller.dll", true);
        assert_eq!((s.dll.as_str(), s.entry), ("WUDFCoinstaller.dll", None));
        let s = spec("a.dll,b,c", true);
        assert_eq!(s.entry.as_deref(), Some("b,c"));
        assert_eq!(s.pitfalls(), vec![EntryPitfall::SeveralCommas]);
    }

    #[test]
    fn string_pitfalls() {
        assert_eq!(
            spec("sti_ci.dll, CoInstallerEntry", true).pitfalls(),
            vec![EntryPitfall::WhitespaceAroundEntry]
        );
        assert_eq!(
            spec("sti_ci.dll, CoInstallerEntry", true).entry_name(),
            Some("CoInstallerEntry")
        );
        assert_eq!(
            spec(",Entry", true).pitfalls(),
            vec![EntryPitfall::EmptyDll]
        );
        assert_eq!(
            spec("x.dll,", true).pitfalls(),
            vec![EntryPitfall::EmptyEntry]
        );
        assert_eq!(
            spec("Desk.Cpl,DisplayClassInstaller", true).pitfalls(),
            vec![EntryPitfall::NotDllExtension {
                extension: "Cpl".into()
            }]
        );
        assert_eq!(
            spec("%11%\\x.dll,E", true).pitfalls(),
            vec![EntryPitfall::PathInDll]
        );
        assert_eq!(
            spec(" x.dll,E", true).pitfalls(),
            vec![EntryPitfall::WhitespaceAroundDll]
        );
        // No extension: LoadLibrary adds `.dll`, which is fine.
        assert!(spec("mycoinst,Entry", true).pitfalls().is_empty());
        assert_eq!(loaded_file_name("mycoinst"), "mycoinst.dll");
        assert_eq!(loaded_file_name("sub\\My.DLL"), "My.DLL");
    }

    #[test]
    fn split_pairs_need_a_function_name_and_a_missing_quote() {
        let strings = vec![
            spec("x.dll", false),
            spec("XEntry", false),
            spec("y.dll", false),
        ];
        let found = split_pairs(&strings);
        assert_eq!(found.len(), 2);
        assert!(
            matches!(&found[0], (0, EntryPitfall::SplitByMissingQuotes { next, .. }) if next == "XEntry")
        );
        assert!(matches!(
            &found[1],
            (1, EntryPitfall::EntryHalfOfPreviousField { .. })
        ));
        // Two quoted strings are two strings on purpose.
        assert!(split_pairs(&[spec("x.dll", true), spec("XEntry", true)]).is_empty());
        // Two DLLs are two DLLs.
        assert!(split_pairs(&[spec("x.dll", false), spec("y.dll", false)]).is_empty());
        // A string that already has its entry point is not split.
        assert!(split_pairs(&[spec("x.dll,E", false), spec("F", false)]).is_empty());
    }

    #[test]
    fn microsoft_co_installers_by_name() {
        assert_eq!(
            InstallerKind::of_dll("WdfCoInstaller01011.dll"),
            InstallerKind::KmdfCoInstaller {
                version: Some("01011".into())
            }
        );
        assert_eq!(
            InstallerKind::of_dll("WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll"),
            InstallerKind::KmdfCoInstaller { version: None }
        );
        assert_eq!(
            InstallerKind::of_dll("WUDFUpdate_01009.dll"),
            InstallerKind::UmdfCoInstaller {
                version: Some("01009".into())
            }
        );
        assert_eq!(
            InstallerKind::of_dll("winusbcoinstaller2.dll"),
            InstallerKind::WinUsbCoInstaller
        );
        assert_eq!(
            InstallerKind::of_dll("WUDFCoinstaller.dll"),
            InstallerKind::InboxUmdfCoInstaller
        );
        assert_eq!(InstallerKind::of_dll("tostrco.dll"), InstallerKind::Vendor);
        assert!(!InstallerKind::Vendor.is_microsoft());
        assert_eq!(
            InstallerKind::of_dll("WdfCoInstaller01011.dll")
                .label()
                .as_deref(),
            Some("KMDF co-installer 01011")
        );
    }
}
