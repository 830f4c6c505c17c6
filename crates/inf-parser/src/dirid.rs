//! Standard DIRIDs (inf-syntax.md §2.9) and how `%NN%` tokens resolve.

use serde::Serialize;

/// What a standard DIRID names, with the path it has on a default Windows installation
/// (system drive `C:`, Windows in `C:\Windows`) when that path is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiridInfo {
    /// The DIRID number.
    pub id: i64,
    /// What it names.
    pub meaning: &'static str,
    /// The path on a default installation, when it does not depend on the package or user.
    pub default_path: Option<&'static str>,
    /// Deprecated for WHQL submission from Windows 11 24H2 (InfVerif /h).
    pub deprecated_24h2: bool,
}

macro_rules! d {
    ($id:expr, $m:expr, $p:expr, $dep:expr) => {
        DiridInfo {
            id: $id,
            meaning: $m,
            default_path: $p,
            deprecated_24h2: $dep,
        }
    };
}

/// The documented DIRIDs, in numeric order.
pub const STANDARD_DIRIDS: &[DiridInfo] = &[
    d!(-1, "absolute path", None, true),
    d!(0, "null directory (DIRID_NULL)", Some(""), false),
    d!(1, "source directory the INF was installed from", None, true),
    d!(
        10,
        "Windows directory (%SystemRoot%)",
        Some("C:\\Windows"),
        false
    ),
    d!(
        11,
        "system32 (DIRID_DEFAULT)",
        Some("C:\\Windows\\system32"),
        false
    ),
    d!(
        12,
        "system32\\drivers (DIRID_IOSUBSYS)",
        Some("C:\\Windows\\system32\\drivers"),
        false
    ),
    d!(
        13,
        "the driver package's Driver Store directory",
        None,
        false
    ),
    d!(17, "INF directory", Some("C:\\Windows\\INF"), true),
    d!(18, "Help directory", Some("C:\\Windows\\Help"), true),
    d!(20, "Fonts directory", Some("C:\\Windows\\Fonts"), true),
    d!(
        21,
        "Viewers directory",
        Some("C:\\Windows\\system32\\viewers"),
        true
    ),
    d!(
        23,
        "color (ICM) directory",
        Some("C:\\Windows\\system32\\spool\\drivers\\color"),
        false
    ),
    d!(
        24,
        "root of the system disk (DIRID_APPS)",
        Some("C:\\"),
        true
    ),
    d!(25, "shared directory", Some("C:\\Windows"), true),
    d!(30, "root of the boot disk", Some("C:\\"), true),
    d!(
        50,
        "%SystemRoot%\\system",
        Some("C:\\Windows\\system"),
        true
    ),
    d!(
        51,
        "spool directory",
        Some("C:\\Windows\\system32\\spool"),
        false
    ),
    d!(
        52,
        "spool drivers directory",
        Some("C:\\Windows\\system32\\spool\\drivers"),
        false
    ),
    d!(53, "user profile directory", None, true),
    d!(54, "directory of ntldr / osloader", Some("C:\\"), true),
    d!(55, "print processors directory", None, false),
    d!(16406, "All Users\\Start Menu", None, true),
    d!(16407, "All Users\\Start Menu\\Programs", None, true),
    d!(
        16408,
        "All Users\\Start Menu\\Programs\\Startup",
        None,
        true
    ),
    d!(16409, "All Users\\Desktop", None, true),
    d!(16415, "All Users\\Favorites", None, true),
    d!(16419, "All Users\\Application Data", None, true),
    d!(16422, "Program Files", Some("C:\\Program Files"), false),
    d!(
        16425,
        "%SystemRoot%\\SysWOW64",
        Some("C:\\Windows\\SysWOW64"),
        false
    ),
    d!(
        16426,
        "Program Files (x86)",
        Some("C:\\Program Files (x86)"),
        false
    ),
    d!(
        16427,
        "Program Files\\Common Files",
        Some("C:\\Program Files\\Common Files"),
        false
    ),
    d!(
        16428,
        "Program Files (x86)\\Common Files",
        Some("C:\\Program Files (x86)\\Common Files"),
        false
    ),
    d!(16429, "All Users\\Templates", None, true),
    d!(16430, "All Users\\Documents", None, true),
    d!(66000, "printer driver directory", None, false),
    d!(66001, "print processor directory", None, false),
    d!(66002, "system32 for print monitors", None, false),
    d!(66003, "printer color directory", None, false),
    d!(66004, "printer-type ASP files directory", None, false),
];

/// Looks up a standard DIRID (65535 is a synonym of -1).
pub fn dirid_info(id: i64) -> Option<&'static DiridInfo> {
    let id = if id == 65535 { -1 } else { id };
    STANDARD_DIRIDS.iter().find(|d| d.id == id)
}

/// How `%NN%` tokens are treated when a field is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiridPolicy {
    /// Leave `%NN%` as written (what linting wants: the INF's intent, not one machine's paths).
    #[default]
    Symbolic,
    /// Replace DIRIDs with fixed paths of a default installation (`C:\Windows`…), as
    /// SetupGetStringField would on such a machine; DIRIDs without a fixed path stay symbolic.
    DefaultInstallation,
}

/// Parses a `%…%` token name as a DIRID the way SetupAPI does (base-10 `wcstol` over the whole
/// name, which also accepts leading blanks and a sign: inf-syntax.md §2.3).
pub fn parse_dirid_token(name: &str) -> Option<i64> {
    let t = name.trim_start_matches([' ', '\t', '\r', '\n', '\u{0B}', '\u{0C}']);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'+') => (false, &t[1..]),
        Some(b'-') => (true, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 12 {
        return None;
    }
    let v: i64 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}
