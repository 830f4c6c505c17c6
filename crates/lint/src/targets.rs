//! Target platforms: the architectures and OS versions an INF declares through its
//! `[Manufacturer]` decorations (inf-syntax.md §3.2–§3.3), and the filters (`targets = […]` in
//! `difcheck.toml`, `--target` on the command line) that choose which of them to check.
//!
//! A filter entry describes a machine the way InfVerif's `/osver` does: an architecture
//! (`amd64`), or a TargetOSVersion-style decoration (`NTamd64.10.0...22000`, `NT.10.0`). A
//! declared target is checked when it would apply on at least one filtered machine.

use inf_parser::{Arch, DecorationIssue, Inf, Span, Target, TargetOsVersion};
use serde::Serialize;

/// The architectures an INX file is stamped for when nothing else is asked: the three that
/// current Windows releases ship on.
pub const STAMP_DEFAULT: [Arch; 3] = Arch::CURRENT;

/// Parses an architecture as a user names it on the command line or in `difcheck.toml`: the
/// INF tokens (`x86`, `amd64`, `arm`, `arm64`, `ia64`) plus the common aliases `x64`,
/// `x86_64` (amd64), `aarch64` (arm64) and `i386`/`i686`/`win32` (x86). INF text itself only
/// accepts the tokens ([`Arch::parse`]).
pub fn parse_user_arch(s: &str) -> Option<Arch> {
    Arch::parse(s).or_else(|| match s.to_ascii_lowercase().as_str() {
        "x64" | "x86_64" | "x86-64" => Some(Arch::Amd64),
        "aarch64" => Some(Arch::Arm64),
        "i386" | "i686" | "win32" => Some(Arch::X86),
        _ => None,
    })
}

/// The label of the undecorated Models section in [`crate::Finding::targets`].
pub const UNDECORATED: &str = "undecorated";

/// One platform an INF declares: a Models section reached through a `[Manufacturer]` entry
/// (one per decoration, plus the undecorated section). Built on inf-parser's
/// [`inf_parser::directives::ManufacturerEntry`]; `Inf::declared_targets` gives the concrete
/// [`Target`] of each instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredTarget {
    /// Index of the `[Manufacturer]` line in the syntax tree.
    pub manufacturer_line: u32,
    /// The Models section base name (field 1 of the entry, substituted and trimmed).
    pub models: String,
    /// The decoration as written (trimmed); `None` for the undecorated Models section.
    pub decoration: Option<String>,
    /// The parsed decoration, or the problem that makes Windows ignore it; `None` for the
    /// undecorated Models section.
    pub parsed: Option<Result<TargetOsVersion, DecorationIssue>>,
    /// The decoration field, or the Models name field for the undecorated section.
    pub span: Span,
}

impl DeclaredTarget {
    /// The label used in [`crate::Finding::targets`]: the decoration as written, or
    /// [`UNDECORATED`].
    pub fn label(&self) -> &str {
        self.decoration.as_deref().unwrap_or(UNDECORATED)
    }

    /// The name of the Models section this target selects (`Models.NTamd64`, or `Models`).
    pub fn models_section(&self) -> String {
        match &self.decoration {
            Some(d) => format!("{}.{}", self.models, d),
            None => self.models.clone(),
        }
    }

    /// The architecture the target installs on: the decoration's, `Some(X86)` for the
    /// undecorated section (non-x86 Windows ignores it since Server 2003 SP1), `None` when the
    /// decoration names none (every architecture) or is invalid.
    pub fn arch(&self) -> Option<Arch> {
        match &self.parsed {
            None => Some(Arch::X86),
            Some(Ok(v)) => v.arch,
            Some(Err(_)) => None,
        }
    }

    /// Whether the target would be used on a machine the filter `spec` describes. Invalid
    /// decorations apply nowhere.
    pub fn matches(&self, spec: &TargetSpec) -> bool {
        match &self.parsed {
            None => spec.arch.is_none_or(|a| a == Arch::X86),
            Some(Ok(v)) => spec.admits(v),
            Some(Err(_)) => false,
        }
    }
}

/// Every target the INF declares, in `[Manufacturer]` order: one per decoration, plus the
/// undecorated Models section when an entry has no decoration or that section exists.
pub fn declared_targets(inf: &Inf) -> Vec<DeclaredTarget> {
    let mut out = Vec::new();
    for entry in inf.manufacturers() {
        let models = entry.models.text.trim().to_owned();
        if models.is_empty() {
            continue;
        }
        if entry.decorations.is_empty() || inf.has_section(&models) {
            out.push(DeclaredTarget {
                manufacturer_line: entry.line.index,
                models: models.clone(),
                decoration: None,
                parsed: None,
                span: entry.models.span,
            });
        }
        for d in entry.decorations {
            out.push(DeclaredTarget {
                manufacturer_line: entry.line.index,
                models: models.clone(),
                decoration: Some(d.value.text.trim().to_owned()),
                parsed: Some(d.parsed),
                span: d.value.span,
            });
        }
    }
    out
}

/// One entry of a target filter: the machine it describes and the text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetSpec {
    /// The text as given (`amd64`, `NTarm64.10.0...22000`).
    pub text: String,
    /// The architecture, if the entry names one.
    pub arch: Option<Arch>,
    /// The OS the entry describes, when its decoration gives more than an architecture; parts
    /// it leaves out mean "any".
    pub os: Option<TargetOsVersion>,
}

/// Why a target filter entry cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is neither an architecture (x86, amd64, arm, arm64, ia64) nor a TargetOSVersion such as `NTamd64.10.0...22000`{detail}")]
pub struct TargetSpecError {
    /// The text as given.
    pub text: String,
    /// Extra detail from the decoration parser (starts with `: ` when present).
    pub detail: String,
}

impl TargetSpec {
    /// Parses a filter entry: an architecture (with the aliases of [`parse_user_arch`]) or a
    /// TargetOSVersion decoration (`NTamd64.10.0...22000`; `NT.10.0` for any architecture).
    pub fn parse(text: &str) -> Result<TargetSpec, TargetSpecError> {
        let t = text.trim();
        if let Some(arch) = parse_user_arch(t) {
            return Ok(TargetSpec::arch(arch));
        }
        // Accept `NTx64…` too: the alias is common on command lines.
        let normalized = match t.get(..5) {
            Some(p) if p.eq_ignore_ascii_case("ntx64") => format!("NTamd64{}", &t[5..]),
            _ => t.to_owned(),
        };
        match TargetOsVersion::parse(&normalized) {
            Ok(v) => {
                let constrains_os = v.major.is_some()
                    || v.product_type.is_some()
                    || v.suite_mask.is_some()
                    || v.build.is_some();
                Ok(TargetSpec {
                    text: t.to_owned(),
                    arch: v.arch,
                    os: constrains_os.then_some(v),
                })
            }
            Err(e) => Err(TargetSpecError {
                text: t.to_owned(),
                detail: format!(": {e}"),
            }),
        }
    }

    /// An architecture-only filter entry.
    pub fn arch(arch: Arch) -> TargetSpec {
        TargetSpec {
            text: arch.name().to_owned(),
            arch: Some(arch),
            os: None,
        }
    }

    /// Whether a Models section decorated with `d` would be used on some machine this entry
    /// describes: the parts the entry leaves out take whatever value lets `d` apply (no
    /// version = the newest, no build = the newest of that version, no product type or suites
    /// = those `d` asks for).
    pub fn admits(&self, d: &TargetOsVersion) -> bool {
        if let (Some(want), Some(have)) = (d.arch, self.arch) {
            if want != have {
                return false;
            }
        }
        let os = self.os.unwrap_or_default();
        let machine = Target {
            arch: self.arch.or(d.arch).unwrap_or(Arch::X86),
            os: match os.major {
                Some(major) => (major, os.minor.unwrap_or(0)),
                None => (u32::MAX, u32::MAX),
            },
            build: Some(os.build.unwrap_or(u32::MAX)),
            product_type: os
                .product_type
                .or(d.product_type)
                .and_then(|p| u8::try_from(p).ok()),
            suite_mask: os.suite_mask.or(d.suite_mask),
        };
        d.applies(&machine)
    }
}

/// Whether a target label (as in [`crate::Finding::targets`]: a decoration, [`UNDECORATED`] or
/// an architecture name) is selected by `filter` (an empty filter selects everything). Labels
/// that cannot be read are kept: a filter must never hide what it does not understand.
pub fn label_selected(label: &str, filter: &[TargetSpec]) -> bool {
    if filter.is_empty() {
        return true;
    }
    if label == UNDECORATED {
        return filter.iter().any(|s| s.arch.is_none_or(|a| a == Arch::X86));
    }
    let decoration = match Arch::parse(label) {
        Some(arch) => TargetOsVersion {
            arch: Some(arch),
            ..TargetOsVersion::default()
        },
        None => match TargetOsVersion::parse(label) {
            Ok(v) => v,
            Err(_) => return true,
        },
    };
    filter.iter().any(|s| s.admits(&decoration))
}

/// The architectures an INX file is stamped for: those named by the filter, in order and
/// without repeats, or [`STAMP_DEFAULT`] when the filter names none.
pub fn stamp_archs(filter: &[TargetSpec]) -> Vec<Arch> {
    let mut out: Vec<Arch> = Vec::new();
    for a in filter.iter().filter_map(|s| s.arch) {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    if out.is_empty() {
        out.extend(STAMP_DEFAULT);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> TargetOsVersion {
        TargetOsVersion::parse(s).unwrap()
    }

    fn spec(s: &str) -> TargetSpec {
        TargetSpec::parse(s).unwrap()
    }

    #[test]
    fn filters_admit_what_would_apply() {
        let host = spec("NTamd64.10.0...19041");
        assert!(host.admits(&v("NTamd64")));
        assert!(host.admits(&v("NT")));
        assert!(host.admits(&v("NTamd64.10.0...16299")));
        assert!(!host.admits(&v("NTamd64.10.0...22000")));
        assert!(!host.admits(&v("NTarm64")));
        // A later OS ignores the build of an earlier version.
        assert!(host.admits(&v("NTamd64.6.3")));
        // Parts the filter leaves out match anything.
        assert!(spec("arm64").admits(&v("NTarm64.10.0...22000")));
        assert!(spec("NT.10.0").admits(&v("NTarm64.10.0...22000")));
        assert!(spec("amd64").admits(&v("NTamd64....0x80")));
        assert!(!spec("NTamd64....0x2").admits(&v("NTamd64....0x80")));
        assert!(!spec("NT.6.1").admits(&v("NTamd64.10.0")));
    }

    #[test]
    fn specs_and_labels() {
        let amd64 = spec("x64");
        assert_eq!(amd64.arch, Some(Arch::Amd64));
        assert_eq!(spec("NTx64.10.0").arch, Some(Arch::Amd64));
        assert!(TargetSpec::parse("sparc").is_err());
        assert!(TargetSpec::parse("NT$ARCH$").is_err());
        let filter = vec![amd64];
        assert!(label_selected("NTamd64.10.0...16299", &filter));
        assert!(!label_selected("NTarm64", &filter));
        assert!(!label_selected(UNDECORATED, &filter));
        assert!(label_selected("amd64", &filter));
        assert!(!label_selected("x86", &filter));
        assert!(label_selected("x86", &[]));
        assert!(label_selected("not a decoration", &filter));
        assert_eq!(stamp_archs(&filter), vec![Arch::Amd64]);
        assert_eq!(stamp_archs(&[]), STAMP_DEFAULT.to_vec());
        assert_eq!(parse_user_arch("AARCH64"), Some(Arch::Arm64));
    }

    #[test]
    fn declared_targets_come_from_manufacturer_entries() {
        let text = "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Std,NTamd64.10.0...16299, NTarm64 ,NTx64\nOld=Legacy\n[Std]\n[Strings]\nM=x\n";
        let inf = inf_parser::parse_inf(text.as_bytes(), 1252, Default::default());
        let t = declared_targets(&inf);
        let labels: Vec<&str> = t.iter().map(|d| d.label()).collect();
        assert_eq!(
            labels,
            [
                "undecorated",
                "NTamd64.10.0...16299",
                "NTarm64",
                "NTx64",
                "undecorated"
            ]
        );
        assert_eq!(t[2].models_section(), "Std.NTarm64");
        assert_eq!(t[0].arch(), Some(Arch::X86));
        assert!(matches!(
            t[3].parsed,
            Some(Err(DecorationIssue::UnknownArch { .. }))
        ));
        assert_eq!(t[4].models, "Legacy");
        assert_eq!(&text[t[2].span.range()], "NTarm64");
        let arm = TargetSpec::arch(Arch::Arm64);
        let kept: Vec<&str> = t
            .iter()
            .filter(|d| d.matches(&arm))
            .map(|d| d.label())
            .collect();
        assert_eq!(kept, ["NTarm64"]);
    }
}
