//! Target-independent views of an INF's installer registrations, for rules that look at the
//! whole file rather than at what one target installs: every AddReg line that writes an
//! installer value, with every directive that references its section (INF-10, INF-11, INF-13),
//! and every `.CoInstallers` section with its base DDInstall and the Models lines that reach it
//! (INF-19, INF-20, INF-29).

use std::collections::HashMap;

use inf_parser::directives::{AddRegLine, Directive, FieldValue, RegRoot, RegType, SourceLine};
use inf_parser::{eq_fold, fold_case, Arch, Inf, NumberError};
use serde::Serialize;

use super::entry::EntrySpec;
use super::scan::{may_register, registered_value, RegisteredValue};
use super::SectionInfo;

/// What kind of section references an add-registry section, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferencingSection {
    /// A `*.CoInstallers` section.
    CoInstallers,
    /// A `*.HW` section.
    Hw,
    /// `ClassInstall32` with or without a platform extension.
    ClassInstall32,
    /// `DefaultInstall` with or without a platform extension.
    DefaultInstall,
    /// Any other section (a DDInstall section, a service-install section, …).
    Other,
}

impl ReferencingSection {
    fn of(name: &str) -> ReferencingSection {
        let lower = fold_case(name);
        let base = lower.split('.').next().unwrap_or("");
        if lower.ends_with(".coinstallers") {
            ReferencingSection::CoInstallers
        } else if lower.ends_with(".hw") {
            ReferencingSection::Hw
        } else if base == "classinstall32" {
            ReferencingSection::ClassInstall32
        } else if base == "defaultinstall" {
            ReferencingSection::DefaultInstall
        } else {
            ReferencingSection::Other
        }
    }
}

/// An `AddReg=` directive that references an add-registry section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteReference {
    /// The section holding the directive.
    pub section: String,
    /// What kind of section that is, by name.
    pub kind: ReferencingSection,
    /// The directive line.
    pub directive: SourceLine,
}

/// One AddReg line that writes an installer value, wherever it is referenced from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistrationSite {
    /// The value written.
    pub value: RegisteredValue,
    /// The AddReg line.
    pub line: SourceLine,
    /// The add-registry section.
    pub addreg_section: String,
    /// Every `AddReg=` directive naming that section, in file order.
    pub referenced_by: Vec<SiteReference>,
    /// The registry root.
    pub root: RegRoot,
    /// The subkey, when given and not empty.
    pub subkey: Option<String>,
    /// The flags as written.
    pub flags_text: Option<String>,
    /// The flags read by SetupGetIntField.
    pub flags: Result<u32, NumberError>,
    /// The value type the flags select.
    pub value_type: RegType,
    /// The value fields, each read as a `dll[,entry]` string.
    pub strings: Vec<EntrySpec>,
}

/// Every AddReg line of every referenced add-registry section that writes `CoInstallers32`,
/// `Installer32`, `EnumPropPages32` or a `CoDeviceInstallers` value, in order of first
/// reference.
pub fn registration_sites(inf: &Inf) -> Vec<RegistrationSite> {
    let mut order: Vec<String> = Vec::new();
    let mut references: HashMap<String, Vec<SiteReference>> = HashMap::new();
    for section in inf.sections() {
        for line in inf.find_lines(&section.name, "AddReg") {
            for value in FieldValue::fields_from(&line, 1) {
                let name = value.text.trim();
                let Some(target) = inf.section(name) else {
                    continue;
                };
                let key = fold_case(&target.name).into_owned();
                if !references.contains_key(&key) {
                    order.push(target.name.to_string());
                }
                references.entry(key).or_default().push(SiteReference {
                    section: section.name.to_string(),
                    kind: ReferencingSection::of(&section.name),
                    directive: SourceLine::of(&line),
                });
            }
        }
    }
    let mut sites = Vec::new();
    for name in order {
        let referenced_by = references
            .remove(fold_case(&name).as_ref())
            .unwrap_or_default();
        for line in inf.lines(&name) {
            if !may_register(&line) {
                continue;
            }
            let add = AddRegLine::read(&line);
            let Some(value) = registered_value(&add) else {
                continue;
            };
            let strings = FieldValue::fields_from(&line, 5)
                .iter()
                .map(|f| {
                    let quoted = line
                        .raw_fields()
                        .get((f.field as usize).wrapping_sub(1))
                        .is_some_and(|r| r.quoted);
                    EntrySpec::parse(&f.text, f.span, quoted, f.field)
                })
                .collect();
            sites.push(RegistrationSite {
                value,
                line: add.line,
                addreg_section: name.clone(),
                referenced_by: referenced_by.clone(),
                root: add.root.clone(),
                subkey: add
                    .subkey
                    .as_ref()
                    .map(|s| s.text.trim().to_owned())
                    .filter(|s| !s.is_empty()),
                flags_text: add.flags_text.as_ref().map(|f| f.text.clone()),
                flags: add.flags,
                value_type: add.reg_type(),
                strings,
            });
        }
    }
    sites
}

/// A `DDInstall.CoInstallers` section of the INF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoInstallersSection {
    /// The section.
    pub section: SectionInfo,
    /// The DDInstall section it belongs to (its name without `.CoInstallers`).
    pub base: String,
    /// Whether that DDInstall section exists.
    pub base_exists: bool,
    /// Models lines (of any Models section of any Manufacturer line) whose install section is
    /// `base`, directly or through a platform extension (`.NT`, `.NT<arch>`).
    pub referenced_by_models: Vec<SourceLine>,
    /// Every line of the section as a directive (AddReg, CopyFiles, Include, Needs, and the
    /// rarely used DelFiles, RenFiles, DelReg, BitReg, UpdateInis, …).
    pub directives: Vec<Directive>,
}

/// Every section whose name ends in `.CoInstallers`, in file order.
pub fn co_installers_sections(inf: &Inf) -> Vec<CoInstallersSection> {
    let models_lines = all_models_lines(inf);
    let suffix = ".coinstallers";
    inf.sections()
        .iter()
        .filter(|s| fold_case(&s.name).ends_with(suffix) && s.name.len() > suffix.len())
        .map(|s| {
            let base = s.name[..s.name.len() - suffix.len()].to_owned();
            let referenced_by_models = models_lines
                .iter()
                .filter(|(install, _)| names_variant(install, &base))
                .map(|(_, line)| *line)
                .collect();
            CoInstallersSection {
                section: SectionInfo::of(inf, s),
                base_exists: inf.has_section(&base),
                directives: inf.directives(&s.name),
                referenced_by_models,
                base,
            }
        })
        .collect()
}

/// `(install section, line)` of every line of every Models section named by any Manufacturer
/// line (undecorated and every decoration).
fn all_models_lines(inf: &Inf) -> Vec<(String, SourceLine)> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for m in inf.manufacturers() {
        let names = std::iter::once(m.models.text.clone())
            .chain(m.decorations.iter().map(|d| d.section_name.clone()));
        for name in names {
            let folded = fold_case(&name).into_owned();
            if seen.contains(&folded) {
                continue;
            }
            seen.push(folded);
            for entry in inf.models_entries(&name) {
                out.push((entry.install_section.text.trim().to_owned(), entry.line));
            }
        }
    }
    out
}

/// Whether `section` is `install` or `install` with a platform extension.
fn names_variant(install: &str, section: &str) -> bool {
    if install.is_empty() {
        return false;
    }
    if eq_fold(install, section) {
        return true;
    }
    let Some(head) = section.get(..install.len()) else {
        return false;
    };
    if !eq_fold(head, install) {
        return false;
    }
    let ext = &section[install.len()..];
    eq_fold(ext, ".NT")
        || Arch::ALL
            .iter()
            .any(|a| eq_fold(ext, &format!(".NT{}", a.name())))
}
