//! `[Manufacturer]` entries and `[Models]` entries (inf-syntax.md §4.2, §4.3).

use serde::Serialize;

use super::{FieldValue, SourceLine};
use crate::target::{DecorationIssue, TargetOsVersion};
use crate::{Inf, LineRef};

/// One TargetOSVersion field of a Manufacturer line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecorationEntry {
    /// The field (trimmed by the tokenizer, substituted).
    pub value: FieldValue,
    /// The parsed decoration, or the problem that makes Windows ignore it.
    pub parsed: Result<TargetOsVersion, DecorationIssue>,
    /// The decorated Models section name: `models-section-name.decoration`.
    pub section_name: String,
}

impl DecorationEntry {
    /// Every problem of the decoration (the fatal one, or those InfVerif reports on a usable one).
    pub fn issues(&self) -> Vec<DecorationIssue> {
        match &self.parsed {
            Ok(d) => d.issues(),
            Err(e) => vec![e.clone()],
        }
    }
}

/// A problem with a Manufacturer line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ManufacturerProblem {
    /// The line has several fields and no `=`: it has no manufacturer name, and its first field
    /// is read as the Models section name.
    NoKey,
    /// The Models section name (field 1) is empty (InfVerif 1011).
    MissingModelsName,
}

/// One line of `[Manufacturer]`: `name = models-section[, decoration…]` or the legacy
/// single-field `name` (which is also the Models section name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManufacturerEntry {
    /// Where the line is.
    pub line: SourceLine,
    /// The manufacturer name (key, or the single field of a legacy line); `None` for a keyless
    /// multi-field line.
    pub name: Option<FieldValue>,
    /// The undecorated Models section name (field 1; empty at the line end when missing).
    pub models: FieldValue,
    /// The decorations (fields 2..), empty fields left out.
    pub decorations: Vec<DecorationEntry>,
    /// Problems of the line itself.
    pub problems: Vec<ManufacturerProblem>,
}

impl ManufacturerEntry {
    /// Reads one Manufacturer line.
    pub fn read(line: &LineRef<'_>) -> ManufacturerEntry {
        let source = SourceLine::of(line);
        let name = FieldValue::match_key(line);
        let mut problems = Vec::new();
        if name.is_none() {
            problems.push(ManufacturerProblem::NoKey);
        }
        let models = FieldValue::field(line, 1).unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: source.end(),
            line: line.index(),
            field: 1,
        });
        if models.text.trim().is_empty() {
            problems.push(ManufacturerProblem::MissingModelsName);
        }
        let decorations = FieldValue::fields_from(line, 2)
            .into_iter()
            .filter(|v| !v.text.trim().is_empty())
            .map(|value| {
                let text = value.text.trim();
                DecorationEntry {
                    parsed: TargetOsVersion::parse(text),
                    section_name: format!("{}.{}", models.text, text),
                    value,
                }
            })
            .collect();
        ManufacturerEntry {
            line: source,
            name,
            models,
            decorations,
            problems,
        }
    }
}

/// A problem with a Models line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelEntryProblem {
    /// No device description: the line has several fields and no `=`.
    NoDescription,
    /// The install section name (field 1) is empty or missing (InfVerif 1271).
    MissingInstallSection,
    /// Neither a hardware ID nor a compatible ID.
    NoIds,
}

/// One line of a Models section: `description = install-section[, hw-id][, compatible-id…]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelEntry {
    /// Where the line is.
    pub line: SourceLine,
    /// The device description (the key); `None` for a keyless line.
    pub description: Option<FieldValue>,
    /// The undecorated DDInstall section name (field 1; empty at the line end when missing).
    pub install_section: FieldValue,
    /// The hardware ID (field 2), when not empty.
    pub hardware_id: Option<FieldValue>,
    /// The compatible IDs (fields 3..), empty fields left out.
    pub compatible_ids: Vec<FieldValue>,
    /// Problems of the line.
    pub problems: Vec<ModelEntryProblem>,
}

impl ModelEntry {
    /// Reads one Models line.
    pub fn read(line: &LineRef<'_>) -> ModelEntry {
        let source = SourceLine::of(line);
        let mut problems = Vec::new();
        let description = FieldValue::key(line);
        if description.is_none() {
            problems.push(ModelEntryProblem::NoDescription);
        }
        let install_section = match (&description, FieldValue::field(line, 1)) {
            // A one-field line without `=` is its own key, but has no install section.
            (None, _) | (_, None) => FieldValue {
                text: String::new(),
                span: source.end(),
                line: line.index(),
                field: 1,
            },
            (Some(_), Some(f)) => f,
        };
        if install_section.text.trim().is_empty() {
            problems.push(ModelEntryProblem::MissingInstallSection);
        }
        let hardware_id = FieldValue::field(line, 2).filter(|v| !v.text.trim().is_empty());
        let compatible_ids: Vec<FieldValue> = FieldValue::fields_from(line, 3)
            .into_iter()
            .filter(|v| !v.text.trim().is_empty())
            .collect();
        if hardware_id.is_none() && compatible_ids.is_empty() {
            problems.push(ModelEntryProblem::NoIds);
        }
        ModelEntry {
            line: source,
            description,
            install_section,
            hardware_id,
            compatible_ids,
            problems,
        }
    }

    /// Every ID of the line, hardware ID first.
    pub fn ids(&self) -> impl Iterator<Item = &FieldValue> {
        self.hardware_id.iter().chain(self.compatible_ids.iter())
    }
}

impl Inf {
    /// Every line of `[Manufacturer]`, in file order.
    pub fn manufacturers(&self) -> Vec<ManufacturerEntry> {
        self.lines("Manufacturer")
            .map(|l| ManufacturerEntry::read(&l))
            .collect()
    }

    /// Every line of the Models section `section`, in file order (empty when it does not exist).
    pub fn models_entries(&self, section: &str) -> Vec<ModelEntry> {
        self.lines(section).map(|l| ModelEntry::read(&l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Arch;
    use crate::{parse_inf, InfOptions};

    fn inf(text: &str) -> Inf {
        parse_inf(text.as_bytes(), 1252, InfOptions::default())
    }

    #[test]
    fn manufacturer_lines() {
        let src = "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Mfg, NTamd64.10.0...17763 ,NTx64,,NT$ARCH$\n\
                   Legacy\n%M%=\nA,B\n[Strings]\nM=\"Contoso\"\n";
        let inf = inf(src);
        let m = inf.manufacturers();
        assert_eq!(m.len(), 4);
        assert_eq!(m[0].name.as_ref().unwrap().text, "Contoso");
        assert_eq!(m[0].models.text, "Mfg");
        assert_eq!(m[0].decorations.len(), 3);
        assert_eq!(m[0].decorations[0].section_name, "Mfg.NTamd64.10.0...17763");
        assert_eq!(
            &src[m[0].decorations[0].value.span.range()],
            "NTamd64.10.0...17763"
        );
        assert_eq!(
            m[0].decorations[0].parsed.as_ref().unwrap().arch,
            Some(Arch::Amd64)
        );
        assert_eq!(
            m[0].decorations[1].parsed,
            Err(DecorationIssue::UnknownArch { text: "x64".into() })
        );
        assert_eq!(
            m[0].decorations[2].issues(),
            vec![DecorationIssue::UnstampedArch]
        );
        assert!(m[0].problems.is_empty());
        assert_eq!(m[1].name.as_ref().unwrap().text, "Legacy");
        assert_eq!(m[1].models.text, "Legacy");
        assert!(m[1].problems.is_empty());
        assert_eq!(m[2].problems, vec![ManufacturerProblem::MissingModelsName]);
        assert_eq!(m[3].problems, vec![ManufacturerProblem::NoKey]);
        assert_eq!(m[3].models.text, "A");
    }

    #[test]
    fn model_lines() {
        let src = "[Version]\nSignature=\"$Windows NT$\"\n[M]\n%D%=Inst,PCI\\VEN_1234&DEV_0001\n\
                   %D%=Inst,,*PNP0F0C,,*PNP0F0D\n%D%=,ROOT\\X\nlonely\n%D%=Inst\n";
        let inf = inf(src);
        let e = inf.models_entries("m");
        assert_eq!(e.len(), 5);
        assert_eq!(e[0].install_section.text, "Inst");
        assert_eq!(
            e[0].hardware_id.as_ref().unwrap().text,
            "PCI\\VEN_1234&DEV_0001"
        );
        assert!(e[0].problems.is_empty());
        assert!(e[1].hardware_id.is_none());
        let ids: Vec<_> = e[1].ids().map(|f| f.text.as_str()).collect();
        assert_eq!(ids, vec!["*PNP0F0C", "*PNP0F0D"]);
        assert_eq!(
            e[2].problems,
            vec![ModelEntryProblem::MissingInstallSection]
        );
        assert_eq!(
            e[3].problems,
            vec![
                ModelEntryProblem::NoDescription,
                ModelEntryProblem::MissingInstallSection,
                ModelEntryProblem::NoIds
            ]
        );
        assert_eq!(e[4].problems, vec![ModelEntryProblem::NoIds]);
        assert!(inf.models_entries("Missing").is_empty());
    }
}
