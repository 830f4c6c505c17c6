//! Sections, references, duplicates and strings.
//!
//! Besides the rules, this module holds the *section graph* that several rules share (here and
//! in the decoration and primitive categories): which sections the INF's entry points reach, in
//! which role, and every directive value that names a section. It follows the documented
//! processing order (inf-syntax.md §3.3–§3.5): `[Manufacturer]` → Models sections → the
//! DDInstall sections SetupAPI may choose (`X`, `X.NT`, `X.NT<arch>`) and their suffix sections
//! → the sections their directives name; plus the sections Windows reads by name
//! (`[Version]`, `[Strings]`, `[DefaultInstall]`, `[ClassInstall32]`, …).

use std::collections::{HashMap, HashSet, VecDeque};

use inf_parser::directives::FieldValue;
use inf_parser::{fold_case, Arch, Inf, InstallSuffix};

pub mod inf1005_section_name_missing;
pub mod inf1011_missing_models_name;
pub mod inf1019_malformed_guid;
pub mod inf1088_repeated_single_valued_directive;
pub mod inf1201_too_many_fields;
pub mod inf1203_section_not_found;
pub mod inf1209_duplicate_section;
pub mod inf1212_default_install_with_manufacturer;
pub mod inf1235_undefined_string_token;
pub mod inf1245_feature_score_format;
pub mod inf1261_install_section_missing;
pub mod inf1271_model_without_install_section;
pub mod inf1290_directive_not_valid_in_section;
pub mod inf1294_duplicate_value;
pub mod inf1295_strings_count_mismatch;
pub mod inf1296_no_associated_service;
pub mod inf1297_installs_on_no_devices;
pub mod inf1315_needs_target_not_found;
pub mod inf2006_service_install_section_missing;
pub mod inf2083_unused_section;

/// The section graph of the file being linted, built once and shared by every rule that asks.
pub(crate) fn section_graph(cx: &crate::context::Context<'_>) -> std::rc::Rc<SectionGraph> {
    cx.cached(|cx| SectionGraph::build(cx.inf))
}

/// The case-folded form of a section name, for set membership.
pub(crate) fn folded(name: &str) -> String {
    fold_case(name.trim()).into_owned()
}

/// What a section is used as, as far as the section graph can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    /// A section Windows reads by its name (`[Version]`, `[Strings]`, `[SourceDisksFiles]`, …).
    Root,
    /// A Models section named by `[Manufacturer]`.
    Models,
    /// An install section: DDInstall (and its suffix sections), DefaultInstall, ClassInstall32,
    /// DefaultUninstall, a Needs target, an add-interface or component section.
    Install,
    /// A service-install section (AddService field 3).
    ServiceInstall,
    /// An event-log install section (AddService field 4).
    EventLog,
    /// A file-list section (CopyFiles, DelFiles, RenFiles).
    FileList,
    /// An add-, del- or bit-registry section.
    Registry,
    /// Any other section a directive names (UpdateInis, LogConfig, KmdfService, …).
    Data,
}

impl Role {
    /// Whether the section's lines are directives that may name further sections (file-list,
    /// registry and data-only sections hold data, not directives).
    fn holds_directives(self) -> bool {
        matches!(
            self,
            Role::Install | Role::ServiceInstall | Role::EventLog | Role::Data
        )
    }
}

/// Which value fields of a directive name sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// Every value field (a list of sections).
    All,
    /// Only value field `n` (1-based).
    Nth(usize),
}

/// A directive whose values name sections.
struct SectionDirective {
    name: &'static str,
    fields: Fields,
    role: Role,
    /// Whether a missing target is an error InfVerif reports as 1203. Targets that usually live
    /// in an included system INF (printer `DataSection`) are followed but never reported.
    reported: bool,
}

const fn sd(name: &'static str, fields: Fields, role: Role) -> SectionDirective {
    SectionDirective {
        name,
        fields,
        role,
        reported: true,
    }
}

/// Directives that name sections, from the per-directive pages of the INF reference
/// (`install/inf-*-directive.md`). `Needs` is listed for reachability; its missing targets are
/// InfVerif 1315, not 1203. AddService field 3 is 2006.
const SECTION_DIRECTIVES: &[SectionDirective] = &[
    sd("CopyFiles", Fields::All, Role::FileList),
    sd("DelFiles", Fields::All, Role::FileList),
    sd("RenFiles", Fields::All, Role::FileList),
    sd("AddReg", Fields::All, Role::Registry),
    sd("DelReg", Fields::All, Role::Registry),
    sd("BitReg", Fields::All, Role::Registry),
    sd("AddProperty", Fields::All, Role::Data),
    sd("DelProperty", Fields::All, Role::Data),
    sd("UpdateInis", Fields::All, Role::Data),
    sd("UpdateIniFields", Fields::All, Role::Data),
    sd("Ini2Reg", Fields::All, Role::Data),
    sd("ProfileItems", Fields::All, Role::Data),
    sd("RegisterDlls", Fields::All, Role::Data),
    sd("UnregisterDlls", Fields::All, Role::Data),
    sd("LogConfig", Fields::All, Role::Data),
    sd("AddPowerSetting", Fields::All, Role::Data),
    sd("AddTrigger", Fields::All, Role::Data),
    sd("Needs", Fields::All, Role::Install),
    sd("AddService", Fields::Nth(3), Role::ServiceInstall),
    sd("AddService", Fields::Nth(4), Role::EventLog),
    sd("AddInterface", Fields::Nth(3), Role::Install),
    sd("AddComponent", Fields::Nth(3), Role::Install),
    // `[DeviceInstall32]`: `AddDevice = hardware-id, [flags], install-section`.
    sd("AddDevice", Fields::Nth(3), Role::Install),
    sd("AddSoftware", Fields::Nth(3), Role::Data),
    sd("AddFilter", Fields::Nth(3), Role::Data),
    sd("AddEventProvider", Fields::Nth(2), Role::Data),
    sd("AddAutoLogger", Fields::Nth(3), Role::Data),
    sd("AddComServer", Fields::Nth(3), Role::Data),
    sd("AddComClass", Fields::Nth(3), Role::Data),
    sd("KmdfService", Fields::Nth(2), Role::Data),
    sd("UmdfService", Fields::Nth(2), Role::Data),
    sd("WMIInterface", Fields::Nth(3), Role::Data),
    SectionDirective {
        name: "DataSection",
        fields: Fields::All,
        role: Role::Data,
        reported: false,
    },
];

/// Sections Windows (or a class installer) reads by name. A name matches when it equals the
/// base or continues it with `.` (`Strings.0407`, `SourceDisksFiles.amd64`,
/// `DefaultInstall.NTamd64.Services`).
const ROOT_SECTIONS: &[&str] = &[
    "Version",
    "Strings",
    "Manufacturer",
    "SourceDisksNames",
    "SourceDisksFiles",
    "DestinationDirs",
    "ControlFlags",
    "SignatureAttributes",
    "InterfaceInstall32",
    // Root-enumerated devices to create (InfVerif 1270; no page in the documentation).
    "DeviceInstall32",
    // Printer INFs (print/printer-inf-files.md): read by the printer class installer.
    "PrinterPackageInstallation",
    "Previous Names",
    "OEM URLS",
];

/// Install sections Windows reads by name (with the same `.NT[arch]` search as DDInstall).
pub(crate) const INSTALL_ENTRY_POINTS: &[&str] =
    &["DefaultInstall", "DefaultUninstall", "ClassInstall32"];

/// Whether `key` is a directive whose every value names a section (`CopyFiles`, `AddReg`,
/// `Needs`, …), as opposed to one with a single section-valued field (`AddService`).
pub(crate) fn is_section_list_directive(key: &str) -> bool {
    SECTION_DIRECTIVES
        .iter()
        .any(|d| d.fields == Fields::All && d.reported && d.name.eq_ignore_ascii_case(key.trim()))
}

/// Whether `name` is `base` or `base.` followed by anything (case-insensitive).
pub(crate) fn is_base_or_decorated(name: &str, base: &str) -> bool {
    let n = name.trim();
    match n.get(..base.len()) {
        Some(head) if head.eq_ignore_ascii_case(base) => {
            n.len() == base.len() || n.as_bytes()[base.len()] == b'.'
        }
        _ => false,
    }
}

/// The platform variants SetupAPI may choose for install-section base `base` on some
/// architecture (inf-syntax.md §3.4): `base`, `base.NT` and `base.NT<arch>`, those that exist,
/// as the names the file writes.
pub(crate) fn install_variants(inf: &Inf, base: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut candidates = vec![base.to_owned(), format!("{base}.NT")];
    candidates.extend(Arch::ALL.iter().map(|a| format!("{base}.NT{}", a.name())));
    for c in candidates {
        if let Some(s) = inf.section(&c) {
            if !out.iter().any(|o: &String| o.eq_ignore_ascii_case(&s.name)) {
                out.push(s.name.to_string());
            }
        }
    }
    out
}

/// One directive value that names a section.
#[derive(Debug, Clone)]
pub(crate) struct SectionRef {
    /// The section holding the directive, as first written.
    pub from: String,
    /// The directive name as written (`CopyFiles`), or `Manufacturer` / `InterfaceInstall32`
    /// for the entries of those sections.
    pub directive: String,
    /// The 1-based value field that names the section.
    pub field: usize,
    /// The value (substituted), with its span.
    pub value: FieldValue,
    /// Whether a missing target is reported as 1203.
    pub reported: bool,
    /// Whether the named section exists in this INF.
    pub exists: bool,
}

/// The sections reached from the INF's entry points, and the section references found on the
/// way.
#[derive(Debug, Default)]
pub(crate) struct SectionGraph {
    /// Every section-naming directive value in a reached section, in processing order.
    pub refs: Vec<SectionRef>,
    /// Folded name → the roles the section was reached in.
    roles: HashMap<String, Vec<Role>>,
    /// Folded names of the Models sections' install-section bases (`X` of `desc = X, id`).
    install_bases: HashSet<String>,
    /// The sections whose lines were read as directives, as first written, in processing
    /// order.
    pub scanned: Vec<String>,
}

impl SectionGraph {
    /// Walks the INF from its entry points.
    pub fn build(inf: &Inf) -> SectionGraph {
        let mut g = SectionGraph::default();
        let mut queue: VecDeque<(String, Role)> = VecDeque::new();
        let visit =
            |g: &mut SectionGraph, queue: &mut VecDeque<(String, Role)>, name: &str, role: Role| {
                let Some(section) = inf.section(name) else {
                    return;
                };
                let roles = g.roles.entry(folded(&section.name)).or_default();
                if !roles.contains(&role) {
                    roles.push(role);
                    queue.push_back((section.name.to_string(), role));
                }
            };
        for s in inf.sections() {
            if ROOT_SECTIONS
                .iter()
                .any(|b| is_base_or_decorated(&s.name, b))
            {
                visit(&mut g, &mut queue, &s.name, Role::Root);
            }
            if INSTALL_ENTRY_POINTS
                .iter()
                .any(|b| is_base_or_decorated(&s.name, b))
            {
                visit(&mut g, &mut queue, &s.name, Role::Install);
            }
            // Its `AddDevice` entries name install sections.
            if is_base_or_decorated(&s.name, "DeviceInstall32") {
                visit(&mut g, &mut queue, &s.name, Role::Data);
            }
        }
        for line in inf.lines("InterfaceInstall32") {
            if line.raw_key_field().is_none() {
                continue;
            }
            if let Some(value) = FieldValue::field(&line, 1).filter(|v| !v.text.trim().is_empty()) {
                g.push_ref(
                    inf,
                    "InterfaceInstall32",
                    "InterfaceInstall32".to_owned(),
                    1,
                    value,
                    true,
                );
                let target = g
                    .refs
                    .last()
                    .map(|r| r.value.text.clone())
                    .unwrap_or_default();
                visit(&mut g, &mut queue, &target, Role::Install);
            }
        }
        for m in inf.manufacturers() {
            let models = m.models.text.trim().to_owned();
            if models.is_empty() {
                continue;
            }
            if m.decorations.is_empty() {
                g.push_ref(
                    inf,
                    "Manufacturer",
                    "Manufacturer".to_owned(),
                    1,
                    m.models.clone(),
                    true,
                );
            }
            visit(&mut g, &mut queue, &models, Role::Models);
            for d in &m.decorations {
                // Windows never looks up the section of an unusable decoration (1287, 1274
                // report the decoration), so only usable ones are references.
                if d.parsed.is_ok() {
                    let value = FieldValue {
                        text: d.section_name.clone(),
                        ..d.value.clone()
                    };
                    g.push_ref(
                        inf,
                        "Manufacturer",
                        "Manufacturer".to_owned(),
                        d.value.field as usize,
                        value,
                        true,
                    );
                }
                visit(&mut g, &mut queue, &d.section_name, Role::Models);
            }
        }
        while let Some((name, role)) = queue.pop_front() {
            if role == Role::Models {
                for e in inf.models_entries(&name) {
                    let base = e.install_section.text.trim();
                    if base.is_empty() {
                        continue;
                    }
                    if !g.install_bases.insert(folded(base)) {
                        // Another Models line named this base (in any case): its sections
                        // were visited then, so visiting them again would change nothing.
                        continue;
                    }
                    for v in install_variants(inf, base) {
                        visit(&mut g, &mut queue, &v, Role::Install);
                        for suffix in InstallSuffix::ALL {
                            visit(
                                &mut g,
                                &mut queue,
                                &format!("{v}{}", suffix.as_str()),
                                Role::Install,
                            );
                        }
                    }
                }
                continue;
            }
            if !role.holds_directives() {
                continue;
            }
            // A section reached in several directive-holding roles is scanned once.
            let scanned_before = g.roles.get(&folded(&name)).is_some_and(|r| {
                r.iter()
                    .take_while(|&&x| x != role)
                    .any(|x| x.holds_directives())
            });
            if scanned_before {
                continue;
            }
            g.scanned.push(name.clone());
            for line in inf.lines(&name) {
                if line.raw_key_field().is_none() {
                    continue;
                }
                let Some(key) = line.key() else { continue };
                for d in SECTION_DIRECTIVES
                    .iter()
                    .filter(|d| key.eq_ignore_ascii_case(d.name))
                {
                    let values: Vec<(usize, FieldValue)> = match d.fields {
                        Fields::All => (1..=line.field_count())
                            .filter_map(|n| FieldValue::field(&line, n).map(|v| (n, v)))
                            .collect(),
                        Fields::Nth(n) => FieldValue::field(&line, n)
                            .into_iter()
                            .map(|v| (n, v))
                            .collect(),
                    };
                    for (n, value) in values {
                        let text = value.text.trim();
                        // `CopyFiles = @file` and `DelFiles = @file` name a file, not a section.
                        if text.is_empty()
                            || ((d.name == "CopyFiles" || d.name == "DelFiles")
                                && text.starts_with('@'))
                        {
                            continue;
                        }
                        let target = text.to_owned();
                        g.push_ref(inf, &name, key.to_string(), n, value, d.reported);
                        visit(&mut g, &mut queue, &target, d.role);
                    }
                }
            }
        }
        g
    }

    fn push_ref(
        &mut self,
        inf: &Inf,
        from: &str,
        directive: String,
        field: usize,
        value: FieldValue,
        reported: bool,
    ) {
        let exists = inf.has_section(value.text.trim());
        self.refs.push(SectionRef {
            from: from.to_owned(),
            directive,
            field,
            value,
            reported,
            exists,
        });
    }

    /// Whether the section was reached from an entry point (in any role).
    pub fn is_reached(&self, name: &str) -> bool {
        self.roles.contains_key(&folded(name))
    }

    /// The names (folded) of every section reached in `role`.
    pub fn sections_with_role(&self, role: Role) -> impl Iterator<Item = &str> + '_ {
        self.roles
            .iter()
            .filter(move |(_, r)| r.contains(&role))
            .map(|(n, _)| n.as_str())
    }

    /// The install-section bases named by Models entries (folded).
    pub fn install_bases(&self) -> impl Iterator<Item = &str> + '_ {
        self.install_bases.iter().map(String::as_str)
    }

    /// Whether `name` is an install-section base named by a Models entry.
    pub fn is_install_base(&self, name: &str) -> bool {
        self.install_bases.contains(&folded(name))
    }
}

/// Where a section name is mentioned: the section (folded) and the key of the line (after
/// substitution; `None` for keyless lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    /// The folded name of the section holding the line.
    pub from: String,
    /// The line's key, if it has one.
    pub key: Option<String>,
}

/// The section names mentioned anywhere in the INF: every field and key of every line outside
/// the Strings sections, before and after substitution, folded, with where they are mentioned.
/// A generous notion of "referenced" for rules that must never call a used section unused.
pub(crate) fn mentioned_names(inf: &Inf) -> HashMap<String, Vec<Mention>> {
    let mut out: HashMap<String, Vec<Mention>> = HashMap::new();
    for section in inf.sections() {
        if inf_parser::is_strings_section_name(&section.name) {
            continue;
        }
        let from = folded(&section.name);
        for line in inf.section_lines(section) {
            let key = line
                .raw_key_field()
                .and_then(|_| line.key())
                .map(|k| k.trim().to_owned());
            let mut texts: Vec<String> = Vec::new();
            if let Some(k) = line.raw_key_field() {
                texts.push(inf.tree().field_text(k).to_owned());
                if let Some(e) = line.key() {
                    texts.push(e.into_owned());
                }
            }
            for n in 1..=line.field_count() {
                if let Some(raw) = line.raw_field(n) {
                    texts.push(raw.to_owned());
                }
                if let Some(e) = line.field(n) {
                    texts.push(e.into_owned());
                }
            }
            for t in texts {
                let t = t.trim();
                let t = t.strip_prefix('@').unwrap_or(t);
                if t.is_empty() {
                    continue;
                }
                let mention = Mention {
                    from: from.clone(),
                    key: key.clone(),
                };
                let entry = out.entry(folded(t)).or_default();
                if !entry.contains(&mention) {
                    entry.push(mention);
                }
            }
        }
    }
    out
}

/// The section-naming directive that `key` misspells (edit distance 1 or 2, case-insensitive,
/// not itself a known directive), if any: `CopyFile` → `CopyFiles`.
pub(crate) fn misspelled_directive(key: &str) -> Option<&'static str> {
    let k = key.trim().to_ascii_lowercase();
    if k.len() < 5
        || SECTION_DIRECTIVES
            .iter()
            .any(|d| d.name.eq_ignore_ascii_case(&k))
    {
        return None;
    }
    SECTION_DIRECTIVES
        .iter()
        .map(|d| d.name)
        .find(|d| (1..=2).contains(&edit_distance(&k, &d.to_ascii_lowercase())))
}

/// Levenshtein distance over bytes (the names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether `text` looks like a file name rather than a section name (`driver.sys`): the classic
/// cause of 1203 is `CopyFiles=driver.sys` without the `@`.
pub(crate) fn looks_like_file_name(text: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".sys", ".dll", ".exe", ".inf", ".cat", ".ini", ".cpl", ".ocx", ".drv", ".bin", ".dat",
        ".hlp", ".chm", ".xml", ".ax",
    ];
    let t = text.trim().to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .any(|e| t.ends_with(e) && t.len() > e.len())
}

/// Whether the INF has an `Include=` anywhere: sections it names may then come from a system
/// INF that difcheck cannot see.
pub(crate) fn has_any_include(cx: &crate::context::Context<'_>) -> bool {
    /// [`has_any_include`], cached per file.
    struct AnyInclude(bool);
    cx.cached(|cx| {
        let inf = cx.inf;
        AnyInclude(
            inf.sections()
                .iter()
                .any(|s| !inf.includes_in(s).is_empty()),
        )
    })
    .0
}

/// The architectures (parser's [`Arch`]) on which a declared target's Models section is used:
/// its decoration's architecture, x86 for the undecorated section, the current architectures
/// (x86, amd64, arm64) for a decoration without one, none for an unusable decoration.
pub(crate) fn target_archs(t: &crate::targets::DeclaredTarget) -> Vec<Arch> {
    match &t.parsed {
        None => vec![Arch::X86],
        Some(Ok(v)) => match v.arch {
            Some(a) => vec![a],
            None => Arch::CURRENT.to_vec(),
        },
        Some(Err(_)) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inf(text: &str) -> Inf {
        inf_parser::parse_inf(text.as_bytes(), 1252, inf_parser::InfOptions::default())
    }

    #[test]
    fn graph_follows_the_processing_order() {
        let inf = inf(
            "[Version]\nSignature=\"$Windows NT$\"\n[Manufacturer]\n%M%=Models,NTamd64\n[Models.NTamd64]\n%D%=Inst,PCI\\X\n\
             [Inst.NTamd64]\nCopyFiles=Files,@a.sys\nAddReg=Reg\n[Inst.NTamd64.Services]\nAddService=svc,2,Svc,Log\n\
             [Svc]\nAddReg=SvcReg\n[Files]\na.sys\n[Reg]\n[Dead]\nAddReg=Reg2\n[Strings]\nM=x\nD=y\n",
        );
        let g = SectionGraph::build(&inf);
        for s in [
            "Version",
            "Manufacturer",
            "Models.NTamd64",
            "Inst.NTamd64",
            "Inst.NTamd64.Services",
            "Svc",
            "Files",
            "Reg",
        ] {
            assert!(g.is_reached(s), "{s}");
        }
        assert!(!g.is_reached("Dead"));
        assert!(g.sections_with_role(Role::FileList).any(|s| s == "files"));
        assert!(g
            .sections_with_role(Role::ServiceInstall)
            .any(|s| s == "svc"));
        assert!(g.is_install_base("inst"));
        let missing: Vec<&str> = g
            .refs
            .iter()
            .filter(|r| !r.exists)
            .map(|r| r.value.text.as_str())
            .collect();
        assert_eq!(missing, ["Log", "SvcReg"]);
        // References in unreached sections are not collected.
        assert!(!g.refs.iter().any(|r| r.value.text == "Reg2"));
        let m = mentioned_names(&inf);
        assert_eq!(
            m["reg2"],
            vec![Mention {
                from: "dead".into(),
                key: Some("AddReg".into())
            }]
        );
        assert_eq!(misspelled_directive("CopyFile"), Some("CopyFiles"));
        assert_eq!(misspelled_directive("addregs"), Some("AddReg"));
        assert_eq!(misspelled_directive("CopyFiles"), None);
        assert_eq!(misspelled_directive("DataSection"), None);
        assert!(looks_like_file_name("Driver.SYS"));
        assert!(!looks_like_file_name("Driver_Files"));
        assert!(is_base_or_decorated(
            "defaultinstall.NTamd64",
            "DefaultInstall"
        ));
        assert!(!is_base_or_decorated("DefaultInstallX", "DefaultInstall"));
    }
}
