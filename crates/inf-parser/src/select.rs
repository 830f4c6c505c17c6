//! Which decorated sections Windows uses on a target (inf-syntax.md §3.3–§3.5): the Models
//! section of each Manufacturer line, the DDInstall / ClassInstall32 / DefaultInstall section and
//! the suffix sections hanging off it, and the targets an INF declares.

use serde::Serialize;

use crate::directives::{ManufacturerEntry, SourceLine};
use crate::target::{Arch, Target};
use crate::{Inf, Section};

/// The Models section chosen for one Manufacturer line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelsChoice {
    /// The Manufacturer line.
    pub manufacturer_line: SourceLine,
    /// The Models section name: `models.decoration` as written, or the undecorated name.
    pub name: String,
    /// Index of the chosen decoration in [`ManufacturerEntry::decorations`]; `None` for the
    /// undecorated (x86-only) fallback.
    pub decoration: Option<usize>,
    /// Whether the section exists (an empty one exists, and deliberately installs nothing).
    pub exists: bool,
}

/// A target an INF declares through its Manufacturer decorations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredTarget {
    /// The least specific target the decoration names (see [`crate::TargetOsVersion::minimal_target`]).
    pub target: Target,
    /// The first Manufacturer line declaring it.
    pub manufacturer_line: SourceLine,
    /// The decoration text, or `None` for the undecorated x86 Models section.
    pub decoration: Option<String>,
}

/// Which platform extension a chosen install section carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "arch")]
pub enum PlatformExtension {
    /// `.NT<arch>`.
    NtArch(Arch),
    /// `.NT`.
    Nt,
    /// None: the name as given.
    None,
}

/// The install section chosen for a base name on an architecture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstallSectionChoice {
    /// The base name asked for (e.g. the install section of a Models line).
    pub base: String,
    /// The chosen name (`base.NT<arch>`, `base.NT` or `base`).
    pub name: String,
    /// The extension that was added.
    pub extension: PlatformExtension,
    /// Whether the chosen section exists. Only the undecorated fallback can be missing:
    /// Windows returns it without checking.
    pub exists: bool,
}

impl InstallSectionChoice {
    /// The name of a suffix section of the chosen section, e.g. `Inst.NTamd64.Services`.
    pub fn suffixed(&self, suffix: InstallSuffix) -> String {
        format!("{}{}", self.name, suffix.as_str())
    }
}

/// Sections that hang off a chosen DDInstall (or DefaultInstall / ClassInstall32) section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum InstallSuffix {
    /// `.Services`: AddService, DelService.
    Services,
    /// `.HW`: hardware-key AddReg/DelReg.
    Hw,
    /// `.CoInstallers`: device co-installer registration.
    CoInstallers,
    /// `.Interfaces`: AddInterface.
    Interfaces,
    /// `.Wdf`: KmdfService, UmdfService, ….
    Wdf,
    /// `.Events`: event providers and autologgers.
    Events,
    /// `.Components`: AddComponent.
    Components,
    /// `.Software`: AddSoftware.
    Software,
    /// `.Filters`: AddFilter.
    Filters,
    /// `.LogConfigOverride`: LogConfig.
    LogConfigOverride,
    /// `.WMI`: WMIInterface.
    Wmi,
    /// `.FactDef`: factory default configuration.
    FactDef,
    /// `.COM`: AddComServer.
    Com,
}

impl InstallSuffix {
    /// Every suffix.
    pub const ALL: [InstallSuffix; 13] = [
        InstallSuffix::Services,
        InstallSuffix::Hw,
        InstallSuffix::CoInstallers,
        InstallSuffix::Interfaces,
        InstallSuffix::Wdf,
        InstallSuffix::Events,
        InstallSuffix::Components,
        InstallSuffix::Software,
        InstallSuffix::Filters,
        InstallSuffix::LogConfigOverride,
        InstallSuffix::Wmi,
        InstallSuffix::FactDef,
        InstallSuffix::Com,
    ];

    /// The suffix with its leading dot, as the documentation spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            InstallSuffix::Services => ".Services",
            InstallSuffix::Hw => ".HW",
            InstallSuffix::CoInstallers => ".CoInstallers",
            InstallSuffix::Interfaces => ".Interfaces",
            InstallSuffix::Wdf => ".Wdf",
            InstallSuffix::Events => ".Events",
            InstallSuffix::Components => ".Components",
            InstallSuffix::Software => ".Software",
            InstallSuffix::Filters => ".Filters",
            InstallSuffix::LogConfigOverride => ".LogConfigOverride",
            InstallSuffix::Wmi => ".WMI",
            InstallSuffix::FactDef => ".FactDef",
            InstallSuffix::Com => ".COM",
        }
    }
}

impl Inf {
    /// The Models section Windows uses for one Manufacturer line on `target`
    /// (SetupDiGetActualModelsSection, inf-syntax.md §3.3): among the applicable decorations,
    /// the closest to the host ([`crate::TargetOsVersion::rank`]; the first in line order on a
    /// tie); if none applies, the undecorated name on x86 only; otherwise `None` (the line
    /// installs nothing on that target). Invalid decorations never apply.
    pub fn select_models(
        &self,
        entry: &ManufacturerEntry,
        target: &Target,
    ) -> Option<ModelsChoice> {
        let mut best: Option<(usize, crate::target::DecorationRank)> = None;
        for (i, d) in entry.decorations.iter().enumerate() {
            let Ok(dec) = &d.parsed else { continue };
            if !dec.applies(target) {
                continue;
            }
            let rank = dec.rank();
            match best {
                Some((_, b)) if b >= rank => {}
                _ => best = Some((i, rank)),
            }
        }
        let (name, decoration) = match best {
            Some((i, _)) => (entry.decorations[i].section_name.clone(), Some(i)),
            None if target.arch == Arch::X86 && !entry.models.text.trim().is_empty() => {
                (entry.models.text.clone(), None)
            }
            None => return None,
        };
        Some(ModelsChoice {
            manufacturer_line: entry.line,
            exists: self.has_section(&name),
            name,
            decoration,
        })
    }

    /// The Models sections used on `target`: one per Manufacturer line at most, in line order
    /// (each line is evaluated on its own, inf-syntax.md §3.3).
    pub fn models_sections_used(&self, target: &Target) -> Vec<ModelsChoice> {
        self.manufacturers()
            .iter()
            .filter_map(|m| self.select_models(m, target))
            .collect()
    }

    /// The targets the INF declares, one per distinct target, in order of first appearance:
    /// for every usable decoration its least specific target (architecture-less decorations give
    /// one target per architecture in `archless`, e.g. [`Arch::CURRENT`]); plus x86 (5.0) for a
    /// line whose undecorated Models section exists and is used there.
    pub fn declared_targets(&self, archless: &[Arch]) -> Vec<DeclaredTarget> {
        let mut out: Vec<DeclaredTarget> = Vec::new();
        let mut push = |target: Target, line: SourceLine, decoration: Option<String>| {
            if !out.iter().any(|d| d.target == target) {
                out.push(DeclaredTarget {
                    target,
                    manufacturer_line: line,
                    decoration,
                });
            }
        };
        for m in self.manufacturers() {
            for d in &m.decorations {
                let Ok(dec) = &d.parsed else { continue };
                let arches: Vec<Arch> = match dec.arch {
                    Some(a) => vec![a],
                    None => archless.to_vec(),
                };
                for a in arches {
                    push(
                        dec.minimal_target(a),
                        m.line,
                        Some(d.value.text.trim().to_owned()),
                    );
                }
            }
            let x86 = Target::new(Arch::X86, 5, 0);
            if self.has_section(&m.models.text)
                && self
                    .select_models(&m, &x86)
                    .is_some_and(|c| c.decoration.is_none())
            {
                push(x86, m.line, None);
            }
        }
        out
    }

    /// The install section Windows uses for `base` on `arch` (SetupDiGetActualSectionToInstallEx,
    /// inf-syntax.md §3.4): `base.NT<arch>` if it exists (even empty), else `base.NT` if it
    /// exists, else `base` itself, returned without checking it exists. TargetOSVersion
    /// decorations are not applied; included INFs are not searched.
    pub fn select_install_section(&self, base: &str, arch: Arch) -> InstallSectionChoice {
        let with_arch = format!("{base}.NT{}", arch.name());
        if self.has_section(&with_arch) {
            return InstallSectionChoice {
                base: base.to_owned(),
                name: with_arch,
                extension: PlatformExtension::NtArch(arch),
                exists: true,
            };
        }
        let nt = format!("{base}.NT");
        if self.has_section(&nt) {
            return InstallSectionChoice {
                base: base.to_owned(),
                name: nt,
                extension: PlatformExtension::Nt,
                exists: true,
            };
        }
        InstallSectionChoice {
            base: base.to_owned(),
            name: base.to_owned(),
            extension: PlatformExtension::None,
            exists: self.has_section(base),
        }
    }

    /// The `[ClassInstall32]` section used on `arch` (same search as DDInstall, §3.5).
    pub fn select_class_install32(&self, arch: Arch) -> InstallSectionChoice {
        self.select_install_section("ClassInstall32", arch)
    }

    /// The `[DefaultInstall]` section used on `arch` (same search as DDInstall, §3.5).
    pub fn select_default_install(&self, arch: Arch) -> InstallSectionChoice {
        self.select_install_section("DefaultInstall", arch)
    }

    /// A suffix section of a chosen install section, if it exists.
    pub fn install_suffix_section(
        &self,
        choice: &InstallSectionChoice,
        suffix: InstallSuffix,
    ) -> Option<&Section> {
        self.section(&choice.suffixed(suffix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_inf, InfOptions};

    fn inf(text: &str) -> Inf {
        parse_inf(
            format!("[Version]\nSignature=\"$Windows NT$\"\n{text}").as_bytes(),
            1252,
            InfOptions::default(),
        )
    }

    fn used(inf: &Inf, t: Target) -> Vec<String> {
        inf.models_sections_used(&t)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn closest_version_wins() {
        let inf = inf("[Manufacturer]\n%F%=FooMfg, NT, NT.5, NT.5.5, NT....0x80\n");
        let xp = Target::new(Arch::X86, 5, 1);
        assert_eq!(used(&inf, xp), vec!["FooMfg.NT.5"]);
        assert_eq!(used(&inf, xp.with_suite_mask(0x80)), vec!["FooMfg.NT.5"]);
        assert_eq!(
            used(&inf, Target::new(Arch::X86, 5, 0)),
            vec!["FooMfg.NT.5"]
        );
        assert_eq!(
            used(&inf, Target::new(Arch::X86, 4, 0).with_suite_mask(0x80)),
            vec!["FooMfg.NT....0x80"]
        );
        assert_eq!(
            used(&inf, Target::new(Arch::Amd64, 4, 0)),
            vec!["FooMfg.NT"]
        );
        assert_eq!(
            used(&inf, Target::new(Arch::X86, 5, 5)),
            vec!["FooMfg.NT.5.5"]
        );
    }

    #[test]
    fn undecorated_fallback_is_x86_only() {
        let inf = inf("[Manufacturer]\n%F%=Foo, NTamd64\nBar\n[Foo]\n[Bar]\n");
        assert_eq!(
            used(&inf, Target::new(Arch::X86, 10, 0)),
            vec!["Foo", "Bar"]
        );
        assert_eq!(
            used(&inf, Target::new(Arch::Amd64, 10, 0)),
            vec!["Foo.NTamd64"]
        );
        assert!(used(&inf, Target::new(Arch::Arm64, 10, 0)).is_empty());
        let c = &inf.models_sections_used(&Target::new(Arch::Amd64, 10, 0))[0];
        assert!(!c.exists);
        assert_eq!(c.decoration, Some(0));
        let c = &inf.models_sections_used(&Target::new(Arch::X86, 10, 0))[0];
        assert!(c.exists);
        assert_eq!(c.decoration, None);
    }

    #[test]
    fn invalid_decorations_never_apply() {
        let inf = inf("[Manufacturer]\n%F%=Foo, NTx64, NT$ARCH$, NTamd64..1\n");
        assert!(used(&inf, Target::new(Arch::Amd64, 10, 0)).is_empty());
        assert_eq!(used(&inf, Target::new(Arch::X86, 10, 0)), vec!["Foo"]);
    }

    #[test]
    fn build_decorations() {
        let inf =
            inf("[Manufacturer]\n%M% = MyMfg, NTamd64.6.1, NTamd64.10.0, NTamd64.10.0...14393\n");
        assert_eq!(
            used(&inf, Target::new(Arch::Amd64, 6, 1)),
            vec!["MyMfg.NTamd64.6.1"]
        );
        assert_eq!(
            used(&inf, Target::windows10(Arch::Amd64, 10240)),
            vec!["MyMfg.NTamd64.10.0"]
        );
        assert_eq!(
            used(&inf, Target::windows10(Arch::Amd64, 14393)),
            vec!["MyMfg.NTamd64.10.0...14393"]
        );
        assert_eq!(
            used(&inf, Target::new(Arch::Amd64, 10, 1)),
            vec!["MyMfg.NTamd64.10.0...14393"]
        );
        assert!(used(&inf, Target::new(Arch::Amd64, 6, 0)).is_empty());
    }

    #[test]
    fn tie_keeps_first() {
        let inf = inf("[Manufacturer]\n%M%=M, NTamd64.10.0, ntAMD64.10.0\n");
        let c = &inf.models_sections_used(&Target::windows10(Arch::Amd64, 22000))[0];
        assert_eq!(c.decoration, Some(0));
        assert_eq!(c.name, "M.NTamd64.10.0");
    }

    #[test]
    fn declared() {
        let inf = inf(
            "[Manufacturer]\n%M%=M, NTamd64.10.0...17763, NTarm64, NT.6.1, NTx64\n%N%=N\n%O%=O,NTamd64\n[N]\n[O]\n",
        );
        let d = inf.declared_targets(&[Arch::X86, Arch::Amd64]);
        let t: Vec<String> = d.iter().map(|d| d.target.to_string()).collect();
        assert_eq!(
            t,
            vec![
                "NTamd64.10.0...17763",
                "NTarm64.10.0...16299",
                "NTx86.6.1",
                "NTamd64.6.1",
                "NTx86.5.0",
                "NTamd64.5.2"
            ]
        );
        assert_eq!(d[4].decoration, None);
        assert_eq!(d[2].decoration.as_deref(), Some("NT.6.1"));
    }

    #[test]
    fn install_sections() {
        let inf = inf(
            "[A.NTamd64]\n[A.NT]\n[A]\n[B.nt]\n[C]\n[A.NTamd64.Services]\n[ClassInstall32.ntx86]\n",
        );
        let c = inf.select_install_section("A", Arch::Amd64);
        assert_eq!(
            (c.name.as_str(), c.extension, c.exists),
            ("A.NTamd64", PlatformExtension::NtArch(Arch::Amd64), true)
        );
        assert_eq!(c.suffixed(InstallSuffix::Services), "A.NTamd64.Services");
        assert!(inf
            .install_suffix_section(&c, InstallSuffix::Services)
            .is_some());
        assert!(inf.install_suffix_section(&c, InstallSuffix::Hw).is_none());
        assert_eq!(inf.select_install_section("A", Arch::X86).name, "A.NT");
        assert_eq!(inf.select_install_section("a", Arch::Arm64).name, "a.NT");
        assert_eq!(inf.select_install_section("B", Arch::Amd64).name, "B.NT");
        let c = inf.select_install_section("C", Arch::Amd64);
        assert_eq!(
            (c.name.as_str(), c.extension, c.exists),
            ("C", PlatformExtension::None, true)
        );
        let c = inf.select_install_section("D", Arch::Amd64);
        assert_eq!((c.name.as_str(), c.exists), ("D", false));
        assert_eq!(c.suffixed(InstallSuffix::CoInstallers), "D.CoInstallers");
        // A name that already carries a decoration falls through to itself.
        assert_eq!(
            inf.select_install_section("A.NTamd64", Arch::Amd64).name,
            "A.NTamd64"
        );
        assert_eq!(
            inf.select_class_install32(Arch::X86).name,
            "ClassInstall32.NTx86"
        );
        assert_eq!(
            inf.select_class_install32(Arch::Amd64).name,
            "ClassInstall32"
        );
        assert_eq!(
            inf.select_default_install(Arch::Amd64).name,
            "DefaultInstall"
        );
        assert_eq!(InstallSuffix::ALL.len(), 13);
    }
}
