//! Install targets and TargetOSVersion decorations (inf-syntax.md §3.1–§3.3).
//!
//! A [`Target`] is the machine an INF is evaluated for: architecture, OS version, build,
//! product type and suite mask. A [`TargetOsVersion`] is one parsed Manufacturer decoration
//! (`NT[arch][.major[.minor[.ptype[.suite[.build]]]]]`); [`TargetOsVersion::applies`] and
//! [`TargetOsVersion::rank`] implement the documented "applies" test and the "closest to the
//! host" ordering that the Models-section choice uses.

use serde::Serialize;

use crate::grammar::{parse_u32, raw_decoration, NumberError};

/// A processor architecture as INF platform extensions name it (case-insensitive in files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Arch {
    /// 32-bit x86 (`x86`).
    X86,
    /// x64 (`amd64`; `x64` is **not** a valid INF token).
    Amd64,
    /// 32-bit ARM (`arm`, Windows 8 and later).
    Arm,
    /// ARM64 (`arm64`, Windows 10 1709 and later).
    Arm64,
    /// Itanium (`ia64`).
    Ia64,
}

impl Arch {
    /// Every architecture, in declaration order.
    pub const ALL: [Arch; 5] = [Arch::X86, Arch::Amd64, Arch::Arm, Arch::Arm64, Arch::Ia64];

    /// The architectures current Windows ships on (x86, amd64, arm64): a sensible default set
    /// for expanding architecture-less decorations.
    pub const CURRENT: [Arch; 3] = [Arch::X86, Arch::Amd64, Arch::Arm64];

    /// The token as INF files write it, lower case (`x86`, `amd64`, `arm`, `arm64`, `ia64`).
    pub fn name(self) -> &'static str {
        match self {
            Arch::X86 => "x86",
            Arch::Amd64 => "amd64",
            Arch::Arm => "arm",
            Arch::Arm64 => "arm64",
            Arch::Ia64 => "ia64",
        }
    }

    /// Parses an architecture token, case-insensitively and as a whole (`x64` is not one).
    pub fn parse(text: &str) -> Option<Arch> {
        Arch::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(text))
    }

    /// The first Windows release on this architecture, as `(major, minor, build)`: x86 5.0,
    /// ia64 5.1, amd64 5.2, arm 6.2, arm64 10.0 build 16299 (1709). Used as the OS of a declared
    /// target whose decoration gives no version.
    pub fn first_windows(self) -> (u32, u32, Option<u32>) {
        match self {
            Arch::X86 => (5, 0, None),
            Arch::Ia64 => (5, 1, None),
            Arch::Amd64 => (5, 2, None),
            Arch::Arm => (6, 2, None),
            Arch::Arm64 => (10, 0, Some(16299)),
        }
    }
}

impl std::fmt::Display for Arch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The first Windows build that understands the BuildNumber field of a decoration (1607).
pub const FIRST_BUILD_WITH_BUILD_DECORATIONS: u32 = 14310;

/// A machine an INF is evaluated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Target {
    /// Processor architecture.
    pub arch: Arch,
    /// OS version `(major, minor)`, e.g. `(10, 0)` for Windows 10 and 11.
    pub os: (u32, u32),
    /// OS build number. `None` means unknown and compares like 0: build-specific decorations for
    /// the target's own version do not apply.
    pub build: Option<u32>,
    /// VER_NT_* product type (1 workstation, 2 domain controller, 3 server). `None` means
    /// unknown: decorations that require a product type do not apply.
    pub product_type: Option<u8>,
    /// VER_SUITE_* mask of the installed suites. `None` means no suites (like 0).
    pub suite_mask: Option<u32>,
}

impl Target {
    /// A target with an architecture and OS version, no build, product type or suites.
    pub fn new(arch: Arch, major: u32, minor: u32) -> Target {
        Target {
            arch,
            os: (major, minor),
            build: None,
            product_type: None,
            suite_mask: None,
        }
    }

    /// Windows 10/11 (version 10.0) with a build number.
    pub fn windows10(arch: Arch, build: u32) -> Target {
        Target::new(arch, 10, 0).with_build(build)
    }

    /// The same target with a build number.
    pub fn with_build(mut self, build: u32) -> Target {
        self.build = Some(build);
        self
    }

    /// The same target with a product type.
    pub fn with_product_type(mut self, product_type: u8) -> Target {
        self.product_type = Some(product_type);
        self
    }

    /// The same target with a suite mask.
    pub fn with_suite_mask(mut self, suite_mask: u32) -> Target {
        self.suite_mask = Some(suite_mask);
        self
    }

    /// Whether this OS parses the BuildNumber field of decorations (10.0 build ≥ 14310 or a
    /// later version). Older systems treat any decoration with a build field as invalid
    /// (inf-syntax.md §3.2).
    pub fn parses_build_decorations(&self) -> bool {
        self.os > (10, 0)
            || (self.os == (10, 0) && self.build.unwrap_or(0) >= FIRST_BUILD_WITH_BUILD_DECORATIONS)
    }
}

impl std::fmt::Display for Target {
    /// Formats the target in decoration syntax, e.g. `NTamd64.10.0...22000`, leaving out
    /// trailing unknown fields.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NT{}.{}.{}", self.arch, self.os.0, self.os.1).and_then(|_| {
            let pt = self
                .product_type
                .map(|p| format!("0x{p:x}"))
                .unwrap_or_default();
            let sm = self
                .suite_mask
                .map(|s| format!("0x{s:x}"))
                .unwrap_or_default();
            match (self.build, self.suite_mask, self.product_type) {
                (Some(b), _, _) => write!(f, ".{pt}.{sm}.{b}"),
                (None, Some(_), _) => write!(f, ".{pt}.{sm}"),
                (None, None, Some(_)) => write!(f, ".{pt}"),
                (None, None, None) => Ok(()),
            }
        })
    }
}

/// Which numeric field of a decoration a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecorationField {
    /// OSMajorVersion.
    Major,
    /// OSMinorVersion.
    Minor,
    /// ProductType.
    ProductType,
    /// SuiteMask.
    SuiteMask,
    /// BuildNumber.
    Build,
}

impl DecorationField {
    const ORDER: [DecorationField; 5] = [
        DecorationField::Major,
        DecorationField::Minor,
        DecorationField::ProductType,
        DecorationField::SuiteMask,
        DecorationField::Build,
    ];

    /// The field's name as the documentation spells it.
    pub fn name(self) -> &'static str {
        match self {
            DecorationField::Major => "OSMajorVersion",
            DecorationField::Minor => "OSMinorVersion",
            DecorationField::ProductType => "ProductType",
            DecorationField::SuiteMask => "SuiteMask",
            DecorationField::Build => "BuildNumber",
        }
    }
}

/// A problem with a TargetOSVersion decoration.
///
/// Problems for which [`DecorationIssue::prevents_use`] is true make the decoration invalid:
/// Windows never applies it. The others describe decorations Windows can parse but InfVerif
/// rejects.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DecorationIssue {
    /// The decoration does not start with `NT` (e.g. the Windows 9x `Win`, or a typo).
    NotNt,
    /// The architecture is the unstamped stampinf token `$ARCH$` (InfVerif 1274).
    UnstampedArch,
    /// The architecture is not x86, amd64, arm, arm64 or ia64 (e.g. `x64`).
    UnknownArch {
        /// The architecture text as written.
        text: String,
    },
    /// A numeric field is not a decimal or `0x` hexadecimal 32-bit number.
    InvalidNumber {
        /// Which field.
        field: DecorationField,
        /// Its text.
        text: String,
        /// Why it is not a number.
        reason: NumberError,
    },
    /// More than five fields after the architecture.
    TooManyFields {
        /// How many fields there are.
        count: usize,
    },
    /// An OSMinorVersion without an OSMajorVersion.
    MinorWithoutMajor,
    /// A BuildNumber with an OS version below 10.0 (or no version): InfVerif 1287.
    BuildNeedsWindows10 {
        /// The build number.
        build: u32,
    },
    /// A BuildNumber below 14310, the first build that understands build decorations (1288).
    BuildBefore14310 {
        /// The build number.
        build: u32,
    },
    /// A ProductType other than 1 (workstation), 2 (domain controller) or 3 (server): it never
    /// matches a real system.
    UnknownProductType {
        /// The value given.
        value: u32,
    },
}

impl DecorationIssue {
    /// Whether the problem makes Windows ignore the decoration altogether.
    pub fn prevents_use(&self) -> bool {
        !matches!(
            self,
            DecorationIssue::BuildNeedsWindows10 { .. }
                | DecorationIssue::BuildBefore14310 { .. }
                | DecorationIssue::UnknownProductType { .. }
        )
    }

    /// The InfVerif code reporting this problem, when one is documented.
    pub fn infverif_code(&self) -> Option<u16> {
        match self {
            DecorationIssue::UnstampedArch => Some(1274),
            DecorationIssue::BuildBefore14310 { .. } => Some(1288),
            DecorationIssue::UnknownProductType { .. } => None,
            _ => Some(1287),
        }
    }
}

impl std::fmt::Display for DecorationIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecorationIssue::NotNt => f.write_str("a TargetOSVersion decoration must start with `NT`"),
            DecorationIssue::UnstampedArch => {
                f.write_str("the architecture is the unstamped token `$ARCH$`; run stampinf")
            }
            DecorationIssue::UnknownArch { text } => write!(
                f,
                "`{text}` is not an architecture; use x86, amd64, arm, arm64 or ia64{}",
                if text.eq_ignore_ascii_case("x64") { " (x64 is spelled amd64)" } else { "" }
            ),
            DecorationIssue::InvalidNumber { field, text, reason } => {
                write!(f, "{} `{text}` is {reason}", field.name())
            }
            DecorationIssue::TooManyFields { count } => {
                write!(f, "{count} fields after the architecture; at most 5 are allowed")
            }
            DecorationIssue::MinorWithoutMajor => f.write_str("OSMinorVersion given without OSMajorVersion"),
            DecorationIssue::BuildNeedsWindows10 { build } => {
                write!(f, "BuildNumber {build} requires OS version 10.0 or later")
            }
            DecorationIssue::BuildBefore14310 { build } => write!(
                f,
                "BuildNumber {build} is below {FIRST_BUILD_WITH_BUILD_DECORATIONS}, the first build that reads build numbers"
            ),
            DecorationIssue::UnknownProductType { value } => {
                write!(f, "ProductType {value} is not 1 (workstation), 2 (domain controller) or 3 (server)")
            }
        }
    }
}

/// A parsed TargetOSVersion decoration. Absent fields are `None` ("unspecified").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct TargetOsVersion {
    /// The architecture (`None`: any).
    pub arch: Option<Arch>,
    /// OSMajorVersion.
    pub major: Option<u32>,
    /// OSMinorVersion.
    pub minor: Option<u32>,
    /// ProductType.
    pub product_type: Option<u32>,
    /// SuiteMask.
    pub suite_mask: Option<u32>,
    /// BuildNumber.
    pub build: Option<u32>,
}

/// How close an applicable decoration is to the host; greater is closer (see
/// [`TargetOsVersion::rank`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DecorationRank {
    version: (u32, u32, u32),
    arch_specific: bool,
    product_type: bool,
    suite_bits: u32,
}

impl TargetOsVersion {
    /// Parses a decoration (the text after `models-section-name.`). `Err` holds the first
    /// problem that makes the decoration unusable; problems Windows tolerates are reported by
    /// [`Self::issues`].
    pub fn parse(text: &str) -> Result<TargetOsVersion, DecorationIssue> {
        let raw = raw_decoration(text).ok_or(DecorationIssue::NotNt)?;
        let arch = if raw.arch.is_empty() {
            None
        } else if raw.arch == "$ARCH$" {
            return Err(DecorationIssue::UnstampedArch);
        } else {
            Some(
                Arch::parse(raw.arch).ok_or_else(|| DecorationIssue::UnknownArch {
                    text: raw.arch.to_owned(),
                })?,
            )
        };
        if raw.fields.len() > DecorationField::ORDER.len() {
            return Err(DecorationIssue::TooManyFields {
                count: raw.fields.len(),
            });
        }
        let mut values = [None; 5];
        for (i, text) in raw.fields.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let field = DecorationField::ORDER[i];
            values[i] = Some(
                parse_u32(text).map_err(|reason| DecorationIssue::InvalidNumber {
                    field,
                    text: (*text).to_owned(),
                    reason,
                })?,
            );
        }
        let [major, minor, product_type, suite_mask, build] = values;
        if minor.is_some() && major.is_none() {
            return Err(DecorationIssue::MinorWithoutMajor);
        }
        Ok(TargetOsVersion {
            arch,
            major,
            minor,
            product_type,
            suite_mask,
            build,
        })
    }

    /// Problems of a decoration that Windows can still use but InfVerif rejects (build number
    /// rules 1287/1288) or that can never match (unknown product type).
    pub fn issues(&self) -> Vec<DecorationIssue> {
        let mut out = Vec::new();
        if let Some(build) = self.build {
            if self.version() < (10, 0) {
                out.push(DecorationIssue::BuildNeedsWindows10 { build });
            }
            if build < FIRST_BUILD_WITH_BUILD_DECORATIONS {
                out.push(DecorationIssue::BuildBefore14310 { build });
            }
        }
        if let Some(value) = self.product_type {
            if !(1..=3).contains(&value) {
                out.push(DecorationIssue::UnknownProductType { value });
            }
        }
        out
    }

    /// `(major, minor)` with unspecified parts as 0.
    pub fn version(&self) -> (u32, u32) {
        (self.major.unwrap_or(0), self.minor.unwrap_or(0))
    }

    /// Whether the decoration applies to `target` (inf-syntax.md §3.3):
    /// - the architecture is absent or equal;
    /// - a given version `(major, minor-or-0)` is at most the target's;
    /// - a BuildNumber needs a target that reads build fields (10.0 build ≥ 14310 or later) and,
    ///   only when the versions are equal, a target build ≥ BuildNumber;
    /// - a given ProductType equals the target's;
    /// - every SuiteMask bit is among the target's suites.
    pub fn applies(&self, target: &Target) -> bool {
        if self.arch.is_some_and(|a| a != target.arch) {
            return false;
        }
        if self.major.is_some() && self.version() > target.os {
            return false;
        }
        if let Some(build) = self.build {
            if !target.parses_build_decorations() {
                return false;
            }
            if self.version() == target.os && target.build.unwrap_or(0) < build {
                return false;
            }
        }
        if let Some(pt) = self.product_type {
            if target.product_type.map(u32::from) != Some(pt) {
                return false;
            }
        }
        if let Some(mask) = self.suite_mask {
            if mask & !target.suite_mask.unwrap_or(0) != 0 {
                return false;
            }
        }
        true
    }

    /// How close the decoration is to a host it applies to: the highest version first
    /// (major, minor, then build), which the documentation puts before product type and suite
    /// mask; then an architecture-specific decoration before an architecture-less one (an
    /// undocumented tie-break, ReactOS's order); then a given product type; then more suite bits.
    pub fn rank(&self) -> DecorationRank {
        let (major, minor) = self.version();
        DecorationRank {
            version: (major, minor, self.build.unwrap_or(0)),
            arch_specific: self.arch.is_some(),
            product_type: self.product_type.is_some(),
            suite_bits: self.suite_mask.map_or(0, u32::count_ones),
        }
    }

    /// The least specific target this decoration names: its architecture (or `default_arch`),
    /// its version (or the architecture's first Windows), build, product type and suite mask.
    pub fn minimal_target(&self, default_arch: Arch) -> Target {
        let arch = self.arch.unwrap_or(default_arch);
        let (first_major, first_minor, first_build) = arch.first_windows();
        let (os, mut build) = match self.major {
            Some(major) => ((major, self.minor.unwrap_or(0)), None),
            None => ((first_major, first_minor), first_build),
        };
        if self.build.is_some() {
            build = self.build;
        }
        Target {
            arch,
            os,
            build,
            product_type: self.product_type.and_then(|p| u8::try_from(p).ok()),
            suite_mask: self.suite_mask,
        }
    }
}

/// Parses a TargetOSVersion decoration; see [`TargetOsVersion::parse`].
pub fn parse_decoration(text: &str) -> Result<TargetOsVersion, DecorationIssue> {
    TargetOsVersion::parse(text)
}

/// Every problem of a decoration: the one that makes it unusable, or the ones InfVerif reports
/// on a usable decoration.
pub fn decoration_issues(text: &str) -> Vec<DecorationIssue> {
    match TargetOsVersion::parse(text) {
        Ok(d) => d.issues(),
        Err(e) => vec![e],
    }
}

/// Whether decoration `text` applies to `target`; invalid decorations never apply.
pub fn decoration_applies(text: &str, target: &Target) -> bool {
    TargetOsVersion::parse(text).is_ok_and(|d| d.applies(target))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(t: &str) -> TargetOsVersion {
        TargetOsVersion::parse(t).unwrap()
    }

    #[test]
    fn arch_tokens() {
        assert_eq!(Arch::parse("AMD64"), Some(Arch::Amd64));
        assert_eq!(Arch::parse("x86"), Some(Arch::X86));
        assert_eq!(Arch::parse("Arm64"), Some(Arch::Arm64));
        assert_eq!(Arch::parse("x64"), None);
        assert_eq!(Arch::parse("arm6"), None);
        assert_eq!(Arch::parse(""), None);
    }

    #[test]
    fn parse_fields() {
        assert_eq!(dec("NT"), TargetOsVersion::default());
        assert_eq!(
            dec("nTaMd64"),
            TargetOsVersion {
                arch: Some(Arch::Amd64),
                ..Default::default()
            }
        );
        let d = dec("NTamd64.10.0...22000");
        assert_eq!(
            (d.major, d.minor, d.product_type, d.suite_mask, d.build),
            (Some(10), Some(0), None, None, Some(22000))
        );
        let d = dec("NTx86....0x80");
        assert_eq!(
            (d.arch, d.major, d.suite_mask),
            (Some(Arch::X86), None, Some(0x80))
        );
        let d = dec("NT.6.1.0x3");
        assert_eq!(
            (d.major, d.minor, d.product_type),
            (Some(6), Some(1), Some(3))
        );
        assert_eq!(dec("NT."), TargetOsVersion::default());
        assert_eq!(dec("NTamd64.....").build, None);
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            TargetOsVersion::parse("NTx64"),
            Err(DecorationIssue::UnknownArch { text: "x64".into() })
        );
        assert_eq!(
            TargetOsVersion::parse("NT$ARCH$"),
            Err(DecorationIssue::UnstampedArch)
        );
        assert_eq!(
            TargetOsVersion::parse("NT$ARCH$.10.0...22000"),
            Err(DecorationIssue::UnstampedArch)
        );
        assert!(matches!(
            TargetOsVersion::parse("NT$arch$"),
            Err(DecorationIssue::UnknownArch { .. })
        ));
        assert_eq!(TargetOsVersion::parse("Win"), Err(DecorationIssue::NotNt));
        assert_eq!(TargetOsVersion::parse("amd64"), Err(DecorationIssue::NotNt));
        assert_eq!(
            TargetOsVersion::parse("NTamd64..1"),
            Err(DecorationIssue::MinorWithoutMajor)
        );
        assert_eq!(
            TargetOsVersion::parse("NTamd64.10.0.1.2.3.4"),
            Err(DecorationIssue::TooManyFields { count: 6 })
        );
        assert!(matches!(
            TargetOsVersion::parse("NTamd64.ten"),
            Err(DecorationIssue::InvalidNumber {
                field: DecorationField::Major,
                ..
            })
        ));
        assert!(matches!(
            TargetOsVersion::parse("NTamd64.10. 0"),
            Err(DecorationIssue::InvalidNumber {
                field: DecorationField::Minor,
                ..
            })
        ));
        assert!(TargetOsVersion::parse("NTamd64 ").is_err());
    }

    #[test]
    fn build_issues() {
        assert_eq!(
            dec("NTamd64.6.3...14393").issues(),
            vec![DecorationIssue::BuildNeedsWindows10 { build: 14393 }]
        );
        assert_eq!(
            dec("NTamd64.....14393").issues(),
            vec![DecorationIssue::BuildNeedsWindows10 { build: 14393 }]
        );
        assert_eq!(
            dec("NTamd64.10.0...10586").issues(),
            vec![DecorationIssue::BuildBefore14310 { build: 10586 }]
        );
        assert!(dec("NTamd64.10.0...14310").issues().is_empty());
        assert_eq!(
            dec("NT.6.0.7").issues(),
            vec![DecorationIssue::UnknownProductType { value: 7 }]
        );
        assert_eq!(
            decoration_issues("NTx64"),
            vec![DecorationIssue::UnknownArch { text: "x64".into() }]
        );
        assert!(DecorationIssue::UnknownArch { text: "x64".into() }.prevents_use());
        assert!(!DecorationIssue::BuildBefore14310 { build: 1 }.prevents_use());
        assert_eq!(
            DecorationIssue::BuildBefore14310 { build: 1 }.infverif_code(),
            Some(1288)
        );
        assert_eq!(DecorationIssue::UnstampedArch.infverif_code(), Some(1274));
        assert_eq!(DecorationIssue::NotNt.infverif_code(), Some(1287));
    }

    #[test]
    fn applies_architecture_and_version() {
        let t = Target::windows10(Arch::Amd64, 19041);
        assert!(decoration_applies("NT", &t));
        assert!(decoration_applies("NTamd64", &t));
        assert!(!decoration_applies("NTx86", &t));
        assert!(decoration_applies("NTamd64.6.1", &t));
        assert!(decoration_applies("NTamd64.10.0", &t));
        assert!(!decoration_applies("NTamd64.10.1", &t));
        assert!(!decoration_applies("NTamd64.11", &t));
        assert!(decoration_applies("NT.5", &Target::new(Arch::X86, 5, 1)));
        assert!(!decoration_applies("NT.5.5", &Target::new(Arch::X86, 5, 1)));
        assert!(!decoration_applies("NTx64", &t));
        assert!(!decoration_applies("NT$ARCH$", &t));
    }

    #[test]
    fn applies_build() {
        let d = "NTamd64.10.0...17763";
        assert!(!decoration_applies(
            d,
            &Target::windows10(Arch::Amd64, 17134)
        ));
        assert!(decoration_applies(
            d,
            &Target::windows10(Arch::Amd64, 17763)
        ));
        assert!(decoration_applies(
            d,
            &Target::windows10(Arch::Amd64, 22000)
        ));
        // A later OS version ignores the build.
        assert!(decoration_applies(d, &Target::new(Arch::Amd64, 10, 1)));
        // Unknown build on 10.0: build-specific decorations do not apply.
        assert!(!decoration_applies(d, &Target::new(Arch::Amd64, 10, 0)));
        // Systems before 14310 cannot read build fields at all, even for older versions.
        assert!(!decoration_applies(
            "NTamd64.6.3...14393",
            &Target::windows10(Arch::Amd64, 10586)
        ));
        assert!(decoration_applies(
            "NTamd64.6.3...14393",
            &Target::windows10(Arch::Amd64, 14393)
        ));
        assert!(!decoration_applies(
            "NTamd64.6.3...14393",
            &Target::new(Arch::Amd64, 6, 3)
        ));
    }

    #[test]
    fn applies_product_and_suite() {
        let base = Target::new(Arch::X86, 5, 1);
        assert!(!decoration_applies("NT....0x80", &base));
        assert!(decoration_applies(
            "NT....0x80",
            &base.with_suite_mask(0x80)
        ));
        assert!(decoration_applies(
            "NT....0x80",
            &base.with_suite_mask(0x82)
        ));
        assert!(!decoration_applies(
            "NT....0x82",
            &base.with_suite_mask(0x80)
        ));
        assert!(!decoration_applies("NT...3", &base));
        assert!(decoration_applies("NT...3", &base.with_product_type(3)));
        assert!(!decoration_applies("NT...3", &base.with_product_type(1)));
    }

    #[test]
    fn ranking() {
        let r = |t| dec(t).rank();
        assert!(r("NT.5") > r("NT"));
        assert!(r("NT.5") > r("NT....0x80"));
        assert!(r("NT....0x80") > r("NT"));
        assert!(r("NTamd64.10.0...22000") > r("NTamd64.10.0...17763"));
        assert!(r("NTamd64.10.0...14393") > r("NTamd64.10.0"));
        assert!(r("NT.10.0") > r("NTamd64.6.3"));
        assert!(r("NTamd64.6.3") > r("NT.6.3"));
        assert!(r("NT.6.3...3") > r("NT.6.3"));
    }

    #[test]
    fn minimal_targets() {
        assert_eq!(
            dec("NTamd64.10.0...22000").minimal_target(Arch::X86),
            Target::windows10(Arch::Amd64, 22000)
        );
        assert_eq!(
            dec("NT").minimal_target(Arch::X86),
            Target::new(Arch::X86, 5, 0)
        );
        assert_eq!(
            dec("NTarm64").minimal_target(Arch::X86),
            Target::windows10(Arch::Arm64, 16299)
        );
        let t = dec("NTx86.6.0.3.0x10").minimal_target(Arch::X86);
        assert_eq!(
            (t.os, t.product_type, t.suite_mask),
            ((6, 0), Some(3), Some(0x10))
        );
        assert!(dec("NTx86.6.0.3.0x10").applies(&t));
    }

    #[test]
    fn target_display() {
        assert_eq!(Target::new(Arch::Amd64, 6, 1).to_string(), "NTamd64.6.1");
        assert_eq!(
            Target::windows10(Arch::Arm64, 22000).to_string(),
            "NTarm64.10.0...22000"
        );
        assert_eq!(
            Target::new(Arch::X86, 5, 1)
                .with_suite_mask(0x80)
                .to_string(),
            "NTx86.5.1..0x80"
        );
    }
}
