//! Windows versions at which DIF behaviour changes (only the ones the documents name).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A Windows release at which the DIF protocol changed, in release order.
///
/// Only the releases the DIF documentation distinguishes are listed: Windows 2000 (the protocol's
/// baseline), XP (co-installer values deleted before DIF_REGISTER_COINSTALLERS), Server 2003 (last
/// with DIF_TROUBLESHOOTER), Vista and 7 (finish-install actions with a default handler), 8
/// (finish-install actions from Action Center, no default handler), Windows 10 before and from
/// version 1703 (DIF_SELECTBESTCOMPATDRV no longer sent), and Windows 11.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WindowsVersion {
    /// Windows 2000.
    Win2000,
    /// Windows XP.
    WinXp,
    /// Windows Server 2003.
    Server2003,
    /// Windows Vista.
    Vista,
    /// Windows 7.
    Win7,
    /// Windows 8 and 8.1.
    Win8,
    /// Windows 10 before version 1703.
    Win10,
    /// Windows 10 version 1703 and later Windows 10 releases.
    #[serde(rename = "win10-1703")]
    Win10v1703,
    /// Windows 11.
    Win11,
}

impl WindowsVersion {
    /// Every version, oldest first.
    pub const ALL: [WindowsVersion; 9] = [
        WindowsVersion::Win2000,
        WindowsVersion::WinXp,
        WindowsVersion::Server2003,
        WindowsVersion::Vista,
        WindowsVersion::Win7,
        WindowsVersion::Win8,
        WindowsVersion::Win10,
        WindowsVersion::Win10v1703,
        WindowsVersion::Win11,
    ];

    /// The kebab-case name used on the command line and in JSON (e.g. `win10-1703`).
    pub fn name(self) -> &'static str {
        match self {
            WindowsVersion::Win2000 => "win2000",
            WindowsVersion::WinXp => "win-xp",
            WindowsVersion::Server2003 => "server2003",
            WindowsVersion::Vista => "vista",
            WindowsVersion::Win7 => "win7",
            WindowsVersion::Win8 => "win8",
            WindowsVersion::Win10 => "win10",
            WindowsVersion::Win10v1703 => "win10-1703",
            WindowsVersion::Win11 => "win11",
        }
    }

    /// A human name, e.g. "Windows 10 1703".
    pub fn display_name(self) -> &'static str {
        match self {
            WindowsVersion::Win2000 => "Windows 2000",
            WindowsVersion::WinXp => "Windows XP",
            WindowsVersion::Server2003 => "Windows Server 2003",
            WindowsVersion::Vista => "Windows Vista",
            WindowsVersion::Win7 => "Windows 7",
            WindowsVersion::Win8 => "Windows 8",
            WindowsVersion::Win10 => "Windows 10 (before 1703)",
            WindowsVersion::Win10v1703 => "Windows 10 1703",
            WindowsVersion::Win11 => "Windows 11",
        }
    }
}

impl fmt::Display for WindowsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// The error of [`WindowsVersion::from_str`]: the text named no known version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Windows version `{0}` (expected one of: win2000, win-xp, server2003, vista, win7, win8, win10, win10-1703, win11)")]
pub struct UnknownWindowsVersion(pub String);

impl FromStr for WindowsVersion {
    type Err = UnknownWindowsVersion;

    /// Accepts the kebab-case names of [`WindowsVersion::name`], case-insensitively, plus the
    /// spellings `xp`, `winxp`, `8.1`-style `win81` and `win10v1703`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let found = WindowsVersion::ALL
            .into_iter()
            .find(|v| v.name() == lower)
            .or(match lower.as_str() {
                "xp" | "winxp" => Some(WindowsVersion::WinXp),
                "2003" | "win2003" => Some(WindowsVersion::Server2003),
                "win81" | "win8.1" => Some(WindowsVersion::Win8),
                "win10v1703" | "win10_1703" => Some(WindowsVersion::Win10v1703),
                _ => None,
            });
        found.ok_or_else(|| UnknownWindowsVersion(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_ordered_by_release() {
        assert!(WindowsVersion::Win7 < WindowsVersion::Win8);
        assert!(WindowsVersion::Win10 < WindowsVersion::Win10v1703);
        let mut sorted = WindowsVersion::ALL;
        sorted.sort();
        assert_eq!(sorted, WindowsVersion::ALL);
    }

    #[test]
    fn names_round_trip() {
        for v in WindowsVersion::ALL {
            assert_eq!(v.name().parse::<WindowsVersion>(), Ok(v));
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.name())
            );
        }
        assert_eq!("XP".parse::<WindowsVersion>(), Ok(WindowsVersion::WinXp));
        assert!("win95".parse::<WindowsVersion>().is_err());
    }
}
