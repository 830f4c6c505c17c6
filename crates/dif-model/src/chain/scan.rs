//! Reading the registry writes that register installers (dif-model.md §3) out of the install
//! sections Windows processes: every `AddReg=` of the section, the add-registry lines it names,
//! and `Needs=` sections of the same INF (followed, bounded), with `Include`/`Needs` of other
//! INFs recorded as unresolvable.

use inf_parser::directives::{AddRegLine, FieldValue, RegData, RegRoot, RegType, SourceLine};
use inf_parser::{eq_fold, Inf, NumberError, Span};
use serde::Serialize;

use super::entry::{split_pairs, EntryPitfall, EntrySpec};
use crate::catalog::{
    REGSTR_PATH_CODEVICEINSTALLERS, REGSTR_VAL_COINSTALLERS_32, REGSTR_VAL_ENUMPROPPAGES_32,
    REGSTR_VAL_INSTALLER_32,
};

/// How deep `Needs=` sections of the same INF are followed.
const MAX_NEEDS_DEPTH: usize = 8;

/// Which install section an AddReg directive was found in, which decides what `HKR` means
/// (IDC, ICI, IAR) and whether Windows reads the value there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionContext {
    /// The DDInstall section (HKR: the device's software key), processed during
    /// DIF_INSTALLDEVICE.
    DdInstall,
    /// `DDInstall.HW` (HKR: the device's hardware key).
    DdInstallHw,
    /// `DDInstall.CoInstallers` (HKR: the software key), processed by the default handler of
    /// DIF_REGISTER_COINSTALLERS (SDK-RCD).
    CoInstallers,
    /// `[ClassInstall32]` (HKR: the class key), processed only when the class is installed.
    ClassInstall32,
    /// `[DefaultInstall]`, processed by right-click install or `SetupInstallFromInfSection`
    /// (there is no device, so HKR has no device meaning).
    DefaultInstall,
}

impl SectionContext {
    /// A short name for reports.
    pub fn label(self) -> &'static str {
        match self {
            SectionContext::DdInstall => "DDInstall",
            SectionContext::DdInstallHw => "DDInstall.HW",
            SectionContext::CoInstallers => "DDInstall.CoInstallers",
            SectionContext::ClassInstall32 => "ClassInstall32",
            SectionContext::DefaultInstall => "DefaultInstall",
        }
    }
}

/// Which registry value a registration writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum RegisteredValue {
    /// `CoInstallers32`: device co-installers.
    CoInstallers32,
    /// `Installer32`: a class installer.
    Installer32,
    /// `EnumPropPages32`: a property-page provider.
    EnumPropPages32,
    /// A value of `HKLM\System\CurrentControlSet\Control\CoDeviceInstallers`: class co-installers.
    CoDeviceInstallers {
        /// The value name as written (should be a braced setup-class GUID).
        class_guid: String,
        /// Whether a subkey below `CoDeviceInstallers` is written instead of a value (INF-13).
        as_subkey: bool,
    },
}

/// Value fields an AddReg line has but its value type does not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredFields {
    /// The fields as substituted text, joined with commas.
    pub text: String,
    /// Their span.
    pub span: Span,
}

/// Where and how one installer string is written: the AddReg line, the directive that processes
/// it, and the install section that holds the directive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// Which value is written.
    pub value: RegisteredValue,
    /// The add-registry line.
    pub line: SourceLine,
    /// The add-registry section holding it, as the directive names it.
    pub addreg_section: String,
    /// The `AddReg=` line that references that section.
    pub directive: SourceLine,
    /// The span of the directive value naming the add-registry section.
    pub directive_value: Span,
    /// The section holding the directive, as named in the INF.
    pub install_section: String,
    /// The header of that section's block holding the directive.
    pub install_header: Option<Span>,
    /// What that section is in the install.
    pub context: SectionContext,
    /// `Needs=` lines of the same INF followed to reach the section, outermost first.
    pub via_needs: Vec<SourceLine>,
    /// The registry root.
    pub root: RegRoot,
    /// The subkey, when given and not empty.
    pub subkey: Option<String>,
    /// The value name as written (after substitution).
    pub value_name: String,
    /// The flags field as written, when present.
    pub flags_text: Option<String>,
    /// The flags read by SetupGetIntField (absent or empty: 0).
    pub flags: Result<u32, NumberError>,
    /// The registry type the flags select (`flags & 0xFFFF0001`).
    pub value_type: RegType,
    /// Whether FLG_ADDREG_APPEND (0x8) is set.
    pub append: bool,
    /// Whether FLG_ADDREG_NOCLOBBER (0x2) is set.
    pub no_clobber: bool,
    /// Position of the string in the value (0 for a REG_SZ value).
    pub string_index: usize,
    /// Number of strings the line writes.
    pub string_count: usize,
    /// Value fields the type does not read (REG_SZ: fields after 5; REG_MULTI_SZ: fields after
    /// the first empty string).
    pub ignored_fields: Option<IgnoredFields>,
}

impl Registration {
    /// Every INF span the registration comes from: the AddReg line, the directive referencing
    /// its section, the install section's header, and the `Needs=` lines followed.
    pub fn spans(&self) -> Vec<Span> {
        let mut spans = vec![self.line.span, self.directive.span];
        spans.extend(self.install_header);
        spans.extend(self.via_needs.iter().rev().map(|l| l.span));
        spans
    }
}

/// Device or class installers pulled in through `Include=`/`Needs=` of another INF (usually a
/// system INF such as `winusb.inf`): named, assumed in-box, not resolvable from this package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncludedInstallers {
    /// The section holding the `Needs=` directive.
    pub section: String,
    /// What that section is in the install.
    pub context: SectionContext,
    /// The `Include=` file names of that section.
    pub includes: Vec<String>,
    /// The `Include=` lines.
    pub include_lines: Vec<SourceLine>,
    /// The needed section (not defined in this INF).
    pub needs: String,
    /// The `Needs=` line.
    pub needs_line: SourceLine,
    /// The span of the `Needs=` value.
    pub needs_span: Span,
    /// Always true: an included INF is taken to be a system INF (IDC: system INFs supply their
    /// co-installers through `Include`/`Needs`).
    pub inbox: bool,
    /// Always false: the included INF is not part of the package, so what it registers is unknown.
    pub resolvable: bool,
}

/// One registration found while scanning: the value written and its strings.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub registration: Registration,
    pub spec: EntrySpec,
    pub pitfalls: Vec<EntryPitfall>,
}

/// What scanning one install section gives.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    pub found: Vec<Found>,
    pub included: Vec<IncludedInstallers>,
}

/// Scans `section` (processed in `context`) and the `Needs=` sections of this INF it names.
pub(crate) fn scan_section(inf: &Inf, section: &str, context: SectionContext) -> Scan {
    let mut scan = Scan::default();
    let mut visited = Vec::new();
    walk(
        inf,
        section,
        context,
        &mut Vec::new(),
        &mut visited,
        &mut scan,
    );
    scan
}

fn walk(
    inf: &Inf,
    section: &str,
    context: SectionContext,
    via_needs: &mut Vec<SourceLine>,
    visited: &mut Vec<String>,
    scan: &mut Scan,
) {
    let folded = inf_parser::fold_case(section).into_owned();
    if visited.contains(&folded) || via_needs.len() > MAX_NEEDS_DEPTH || !inf.has_section(section) {
        return;
    }
    visited.push(folded);
    for line in inf.find_lines(section, "AddReg") {
        let directive = SourceLine::of(&line);
        let install_header = line
            .syntax()
            .header
            .and_then(|h| inf.tree().headers().get(h as usize))
            .map(|h| h.span);
        for value in FieldValue::fields_from(&line, 1) {
            if value.text.trim().is_empty() || !inf.has_section(&value.text) {
                continue;
            }
            for reg_line in inf.lines(&value.text) {
                if !may_register(&reg_line) {
                    continue;
                }
                let add = AddRegLine::read(&reg_line);
                let Some(kind) = registered_value(&add) else {
                    continue;
                };
                let place = Place {
                    addreg_section: &value.text,
                    directive,
                    directive_value: value.span,
                    install_section: section,
                    install_header,
                    context,
                    via_needs,
                };
                read_strings(&reg_line, &add, kind, &place, &mut scan.found);
            }
        }
    }
    let includes: Vec<FieldValue> = inf.includes(section);
    let include_lines: Vec<SourceLine> = inf
        .find_lines(section, "Include")
        .map(|l| SourceLine::of(&l))
        .collect();
    for line in inf.find_lines(section, "Needs") {
        let needs_line = SourceLine::of(&line);
        for value in FieldValue::fields_from(&line, 1) {
            let name = value.text.trim();
            if name.is_empty() {
                continue;
            }
            if inf.has_section(name) {
                via_needs.push(needs_line);
                walk(inf, name, context, via_needs, visited, scan);
                via_needs.pop();
            } else {
                scan.included.push(IncludedInstallers {
                    section: section.to_owned(),
                    context,
                    includes: includes.iter().map(|f| f.text.trim().to_owned()).collect(),
                    include_lines: include_lines.clone(),
                    needs: name.to_owned(),
                    needs_line,
                    needs_span: value.span,
                    inbox: true,
                    resolvable: false,
                });
            }
        }
    }
}

/// Where an AddReg line sits, for building its [`Registration`].
struct Place<'a> {
    addreg_section: &'a str,
    directive: SourceLine,
    directive_value: Span,
    install_section: &'a str,
    install_header: Option<Span>,
    context: SectionContext,
    via_needs: &'a [SourceLine],
}

/// Whether an add-registry line may write an installer value ([`registered_value`] of it may be
/// `Some`), judged from its subkey and value name alone, without reading the whole line: most
/// lines of an add-registry section register nothing. Text that is not ASCII may fold onto the
/// names in Unicode ways, so such lines are always read.
pub(crate) fn may_register(line: &inf_parser::LineRef<'_>) -> bool {
    let value_name = line.field(3);
    let value_name = value_name.as_deref().map_or("", str::trim);
    let subkey = line.field(2);
    let subkey = subkey
        .as_deref()
        .map_or("", |s| s.trim().trim_matches('\\'));
    if !value_name.is_ascii() || !subkey.is_ascii() {
        return true;
    }
    let codevice = REGSTR_PATH_CODEVICEINSTALLERS;
    [
        REGSTR_VAL_COINSTALLERS_32,
        REGSTR_VAL_INSTALLER_32,
        REGSTR_VAL_ENUMPROPPAGES_32,
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(value_name))
        || subkey
            .get(..codevice.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(codevice))
}

/// Which installer value an AddReg line writes, if any. Lines that delete (FLG_ADDREG_DELVAL),
/// create a key only, or that SetupAPI skips write no installer.
pub(crate) fn registered_value(add: &AddRegLine) -> Option<RegisteredValue> {
    let flags = add.effective_flags();
    if add.skip().is_some() || flags.del_val() || flags.key_only() {
        return None;
    }
    let value_name = add.value_name.as_ref().map_or("", |v| v.text.trim());
    let subkey = add
        .subkey
        .as_ref()
        .map_or("", |v| v.text.trim().trim_matches('\\'));
    let codevice = REGSTR_PATH_CODEVICEINSTALLERS;
    if add.root == RegRoot::Hklm && eq_fold(subkey, codevice) {
        return (!value_name.is_empty()).then(|| RegisteredValue::CoDeviceInstallers {
            class_guid: value_name.to_owned(),
            as_subkey: false,
        });
    }
    if add.root == RegRoot::Hklm && subkey.len() > codevice.len() + 1 {
        let (head, rest) = subkey.split_at(codevice.len());
        if eq_fold(head, codevice) && rest.starts_with('\\') {
            return Some(RegisteredValue::CoDeviceInstallers {
                class_guid: rest[1..].to_owned(),
                as_subkey: true,
            });
        }
    }
    if eq_fold(value_name, REGSTR_VAL_COINSTALLERS_32) {
        Some(RegisteredValue::CoInstallers32)
    } else if eq_fold(value_name, REGSTR_VAL_INSTALLER_32) {
        Some(RegisteredValue::Installer32)
    } else if eq_fold(value_name, REGSTR_VAL_ENUMPROPPAGES_32) {
        Some(RegisteredValue::EnumPropPages32)
    } else {
        None
    }
}

/// Reads the strings of one registering AddReg line, with the pitfalls of how they are written.
fn read_strings(
    line: &inf_parser::LineRef<'_>,
    add: &AddRegLine,
    value: RegisteredValue,
    place: &Place<'_>,
    out: &mut Vec<Found>,
) {
    let quoted = |f: &FieldValue| {
        line.raw_fields()
            .get((f.field as usize).wrapping_sub(1))
            .is_some_and(|raw| raw.quoted)
    };
    let spec_of = |f: &FieldValue| EntrySpec::parse(&f.text, f.span, quoted(f), f.field);
    let all_values = FieldValue::fields_from(line, 5);
    let (strings, ignored): (Vec<EntrySpec>, Vec<FieldValue>) = match &add.data {
        RegData::MultiSz(fields) => {
            let ignored = all_values
                .iter()
                .skip(fields.len())
                .filter(|f| !f.text.is_empty())
                .cloned()
                .collect();
            (fields.iter().map(spec_of).collect(), ignored)
        }
        RegData::String(Some(field)) => (
            vec![spec_of(field)],
            all_values.iter().skip(1).cloned().collect(),
        ),
        RegData::String(None) => {
            let at = Span::empty(add.line.span.end as usize);
            (vec![EntrySpec::parse("", at, false, 5)], Vec::new())
        }
        // A numeric or binary type: the value is not a string at all. The strings are kept as
        // written so that reports can show them; the type makes the registration inactive.
        RegData::Dword { .. } | RegData::Bytes(_) => {
            (all_values.iter().map(spec_of).collect(), Vec::new())
        }
    };
    let ignored_fields = (!ignored.is_empty()).then(|| IgnoredFields {
        text: ignored
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(","),
        span: ignored
            .iter()
            .map(|f| f.span)
            .reduce(Span::cover)
            .unwrap_or_default(),
    });
    let flags = add.effective_flags();
    let is_multi = matches!(add.data, RegData::MultiSz(_));
    let mut pitfalls: Vec<Vec<EntryPitfall>> = strings.iter().map(EntrySpec::pitfalls).collect();
    if is_multi {
        for (i, p) in split_pairs(&strings) {
            pitfalls[i].push(p);
        }
    } else if let (Some(ignored), Some(first)) = (&ignored_fields, strings.first()) {
        let next = ignored.text.split(',').next().unwrap_or("").trim();
        let likely_entry = (first.entry.is_none() && super::entry::is_function_name(next))
            .then(|| next.to_owned());
        pitfalls[0].push(EntryPitfall::FieldsIgnored {
            text: ignored.text.clone(),
            span: ignored.span,
            likely_entry,
        });
    }
    let count = strings.len();
    for (index, (spec, pitfalls)) in strings.into_iter().zip(pitfalls).enumerate() {
        out.push(Found {
            registration: Registration {
                value: value.clone(),
                line: add.line,
                addreg_section: place.addreg_section.to_owned(),
                directive: place.directive,
                directive_value: place.directive_value,
                install_section: place.install_section.to_owned(),
                install_header: place.install_header,
                context: place.context,
                via_needs: place.via_needs.to_vec(),
                root: add.root.clone(),
                subkey: add
                    .subkey
                    .as_ref()
                    .map(|s| s.text.trim().to_owned())
                    .filter(|s| !s.is_empty()),
                value_name: add
                    .value_name
                    .as_ref()
                    .map_or(String::new(), |v| v.text.trim().to_owned()),
                flags_text: add.flags_text.as_ref().map(|f| f.text.clone()),
                flags: add.flags,
                value_type: add.reg_type(),
                append: flags.append(),
                no_clobber: flags.no_clobber(),
                string_index: index,
                string_count: count,
                ignored_fields: ignored_fields.clone(),
            },
            spec,
            pitfalls,
        });
    }
}
