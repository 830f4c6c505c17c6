//! AddReg / DelReg / BitReg lines: registry roots, flags and types, value data, and what the
//! lines write where.
//!
//! Two views of the registry lines are shared by this category and by the universal, isolation
//! and services rules:
//! - every line of every section an `AddReg=` / `DelReg=` / `BitReg=` directive names anywhere
//!   in the INF ([`every_add_reg`], [`every_del_reg`], [`every_registry_line`]): for rules about
//!   the text of a line, which is wrong wherever it is used;
//! - the lines Windows actually processes, with what HKR means there ([`reached_add_reg`],
//!   [`reached_del_reg`]): for rules about where the data lands, built on the install graph of
//!   [`reach`].

pub mod dck0200_invalid_device_characteristics;
pub mod dck0201_filters_not_multi_sz;
pub mod dck0202_hkr_in_default_install;
pub mod inf1222_services_key_via_hklm;
pub mod inf1224_invalid_registry_root;
pub mod inf1226_security_on_hkr_root;
pub mod inf1257_hardcoded_windows_directory;
pub mod inf1258_dirid_path_in_registry;
pub mod inf1262_custom_type_too_wide;
pub mod inf1263_custom_type_is_string_type;
pub mod inf1264_custom_type_not_binary;
pub mod inf1265_append_to_non_multi_sz;
pub mod inf1266_multi_sz_delete_without_value;
pub mod inf1267_binary_data_not_bytes;
pub mod inf1268_invalid_registry_number;
pub mod inf1331_conflicting_global_registry_value;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use inf_parser::directives::{AddRegLine, DelRegLine, FieldValue, RegData, RegRoot};
use inf_parser::dirid::parse_dirid_token;
use inf_parser::{Inf, Span};

use self::reach::{sections_named_anywhere, InstallGraph, RegContext};
use crate::context::Context;

/// The lines of an add-registry section, each read once per file and shared by every view
/// that holds them ([`every_add_reg`], [`reached_add_reg`]): a file made of registry lines
/// keeps one copy of them, not one per view.
fn add_reg_lines(cx: &Context<'_>, section: u32) -> Rc<[Rc<AddRegLine>]> {
    /// The sections read so far, by section index.
    #[derive(Default)]
    struct AddRegSections(RefCell<HashMap<u32, Rc<[Rc<AddRegLine>]>>>);
    let memo = cx.cached(|_| AddRegSections::default());
    if let Some(found) = memo.0.borrow().get(&section) {
        return found.clone();
    }
    let name = &cx.inf.sections()[section as usize].name;
    let lines: Rc<[Rc<AddRegLine>]> = cx.inf.add_reg(name).into_iter().map(Rc::new).collect();
    memo.0.borrow_mut().insert(section, lines.clone());
    lines
}

/// An add-registry line of a section some `AddReg=` names.
pub(crate) struct NamedAddReg {
    /// The line.
    pub(crate) line: Rc<AddRegLine>,
}

/// The values of [`every_add_reg`], cached per file.
struct EveryAddReg(Rc<[NamedAddReg]>);

/// Every line of every section an `AddReg=` directive names anywhere in the INF (each section
/// once, in order of first reference). Read once per file and shared by every rule that asks.
pub(crate) fn every_add_reg(cx: &Context<'_>) -> Rc<[NamedAddReg]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        EveryAddReg(
            sections_named_anywhere(cx, "AddReg")
                .iter()
                .filter_map(|(section, _)| inf.section_index(section))
                .flat_map(|index| {
                    add_reg_lines(cx, index)
                        .iter()
                        .map(|line| NamedAddReg { line: line.clone() })
                        .collect::<Vec<_>>()
                })
                .collect(),
        )
    })
    .0
    .clone()
}

/// The values of [`every_del_reg`], cached per file.
struct EveryDelReg(Rc<[(String, DelRegLine)]>);

/// Every line of every section a `DelReg=` directive names anywhere in the INF.
pub(crate) fn every_del_reg(cx: &Context<'_>) -> Rc<[(String, DelRegLine)]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        EveryDelReg(
            sections_named_anywhere(cx, "DelReg")
                .iter()
                .flat_map(|(section, _)| {
                    inf.del_reg(section)
                        .into_iter()
                        .map(move |l| (section.clone(), l))
                })
                .collect(),
        )
    })
    .0
    .clone()
}

/// A line of an AddReg, DelReg or BitReg section, for the fields the three share (root,
/// subkey, value name, flags: read the same way for all three). Lines of add-registry sections
/// are the ones [`every_add_reg`] holds, not a second copy.
pub(crate) enum RegistryLine {
    /// A line of a section an `AddReg=` names.
    Add(Rc<AddRegLine>),
    /// A line of a section a `DelReg=` or `BitReg=` names.
    Other(Box<DelRegLine>),
}

impl RegistryLine {
    /// Where the line is.
    pub(crate) fn source(&self) -> &inf_parser::directives::SourceLine {
        match self {
            RegistryLine::Add(l) => &l.line,
            RegistryLine::Other(l) => &l.line,
        }
    }

    /// Field 1, the root as written.
    pub(crate) fn root_text(&self) -> &FieldValue {
        match self {
            RegistryLine::Add(l) => &l.root_text,
            RegistryLine::Other(l) => &l.root_text,
        }
    }

    /// The root.
    pub(crate) fn root(&self) -> &RegRoot {
        match self {
            RegistryLine::Add(l) => &l.root,
            RegistryLine::Other(l) => &l.root,
        }
    }

    /// Field 2, the subkey.
    pub(crate) fn subkey(&self) -> &Option<FieldValue> {
        match self {
            RegistryLine::Add(l) => &l.subkey,
            RegistryLine::Other(l) => &l.subkey,
        }
    }
}

/// The values of [`every_registry_line`], cached per file.
struct EveryRegistryLine(Rc<[(&'static str, String, RegistryLine)]>);

/// The root, subkey and value name of every line of every AddReg, DelReg and BitReg section
/// named anywhere (the three share those first fields), as `(directive, section, line)`; a
/// section named by two directives appears once per directive.
pub(crate) fn every_registry_line(cx: &Context<'_>) -> Rc<[(&'static str, String, RegistryLine)]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        let mut out = Vec::new();
        for directive in ["AddReg", "DelReg", "BitReg"] {
            for (section, _) in sections_named_anywhere(cx, directive).iter() {
                if directive == "AddReg" {
                    let Some(index) = inf.section_index(section) else {
                        continue;
                    };
                    out.extend(
                        add_reg_lines(cx, index)
                            .iter()
                            .map(|l| (directive, section.clone(), RegistryLine::Add(l.clone()))),
                    );
                } else {
                    out.extend(
                        inf.del_reg(section).into_iter().map(|l| {
                            (directive, section.clone(), RegistryLine::Other(Box::new(l)))
                        }),
                    );
                }
            }
        }
        EveryRegistryLine(out.into())
    })
    .0
    .clone()
}

/// An add-registry line Windows processes, with its context. The texts are shared by every
/// line of one directive value.
pub(crate) struct ReachedAddReg {
    /// The add-registry section.
    pub(crate) section: Rc<str>,
    /// The line.
    pub(crate) line: Rc<AddRegLine>,
    /// What HKR means for it.
    pub(crate) context: RegContext,
    /// The root it is processed for ([`InstallGraph::roots`]).
    pub(crate) root: usize,
    /// For lines of service-install and event-log sections: the service name.
    pub(crate) service: Option<String>,
    /// The section that holds the `AddReg=` directive.
    pub(crate) from: Rc<str>,
    /// The `AddReg=` value naming the section.
    pub(crate) directive: Rc<FieldValue>,
}

/// A del-registry line Windows processes, with its context.
pub(crate) struct ReachedDelReg {
    /// The del-registry section.
    pub(crate) section: String,
    /// The line.
    pub(crate) line: DelRegLine,
    /// What HKR means for it.
    pub(crate) context: RegContext,
    /// The root it is processed for.
    pub(crate) root: usize,
    /// The `DelReg=` value naming the section.
    pub(crate) directive: FieldValue,
}

/// The values of [`reached_add_reg`], cached per file.
struct ReachedAddRegs(Rc<[ReachedAddReg]>);

/// Every add-registry line Windows processes: once per (line, root, context), in the order of
/// the install graph ([`InstallGraph::shared`]). Read once per file and shared.
pub(crate) fn reached_add_reg(cx: &Context<'_>) -> Rc<[ReachedAddReg]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        let graph = InstallGraph::shared(cx);
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (p, context) in graph.registry_sites() {
            let from: Rc<str> = p.section.as_str().into();
            for r in inf.section_references(&p.section, "AddReg") {
                let Some(index) = inf.section_index(&r.name.text) else {
                    continue;
                };
                let section: Rc<str> = inf.sections()[index as usize].name.as_str().into();
                let directive = Rc::new(r.name);
                for line in add_reg_lines(cx, index).iter() {
                    if seen.insert((line.line.index, p.root, context, p.service.clone())) {
                        out.push(ReachedAddReg {
                            section: section.clone(),
                            line: line.clone(),
                            context,
                            root: p.root,
                            service: p.service.clone(),
                            from: from.clone(),
                            directive: directive.clone(),
                        });
                    }
                }
            }
        }
        ReachedAddRegs(out.into())
    })
    .0
    .clone()
}

/// The values of [`reached_del_reg`], cached per file.
struct ReachedDelRegs(Rc<[ReachedDelReg]>);

/// Every del-registry line Windows processes: once per (line, root, context).
pub(crate) fn reached_del_reg(cx: &Context<'_>) -> Rc<[ReachedDelReg]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        let graph = InstallGraph::shared(cx);
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut lines_of: HashMap<u32, Rc<[DelRegLine]>> = HashMap::new();
        for (p, context) in graph.registry_sites() {
            for r in inf.section_references(&p.section, "DelReg") {
                let Some(index) = inf.section_index(&r.name.text) else {
                    continue;
                };
                let target = &inf.sections()[index as usize];
                let lines = lines_of
                    .entry(index)
                    .or_insert_with(|| inf.del_reg(&target.name).into())
                    .clone();
                for line in lines.iter() {
                    if seen.insert((line.line.index, p.root, context)) {
                        out.push(ReachedDelReg {
                            section: target.name.to_string(),
                            line: line.clone(),
                            context,
                            root: p.root,
                            directive: r.name.clone(),
                        });
                    }
                }
            }
        }
        ReachedDelRegs(out.into())
    })
    .0
    .clone()
}

/// Whether an add-registry line only deletes or creates a key (FLG_ADDREG_DELVAL,
/// FLG_ADDREG_KEYONLY, FLG_ADDREG_KEYONLY_COMMON): it writes no data.
pub(crate) fn writes_no_data(line: &AddRegLine) -> bool {
    let f = line.effective_flags();
    f.del_val() || f.key_only() || f.key_only_common()
}

/// Whether a registry line registers an installer: the `CoInstallers32`, `Installer32` and
/// `EnumPropPages32` values, or a class co-installer under `Control\CoDeviceInstallers`. The
/// installer rules report those lines; the registry rules leave them alone.
pub(crate) fn is_installer_registration(value_name: &str, subkey: &str) -> bool {
    let installer_value = ["CoInstallers32", "Installer32", "EnumPropPages32"]
        .iter()
        .any(|v| v.eq_ignore_ascii_case(value_name.trim()));
    // `reach::path_components` without collecting them.
    let class_co_installers = subkey
        .split(['\\', '/'])
        .any(|c| c.trim().eq_ignore_ascii_case("CoDeviceInstallers"));
    installer_value || class_co_installers
}

/// The value name of a line, trimmed (empty for the default value).
pub(crate) fn value_name(line: &AddRegLine) -> &str {
    line.value_name.as_ref().map_or("", |v| v.text.trim())
}

/// The subkey of a registry line, trimmed (empty for the root key itself).
pub(crate) fn subkey_text(subkey: &Option<FieldValue>) -> &str {
    subkey.as_ref().map_or("", |v| v.text.trim())
}

/// The root as written, for messages.
pub(crate) fn root_name(root: &RegRoot) -> &str {
    match root {
        RegRoot::Hkcr => "HKCR",
        RegRoot::Hkcu => "HKCU",
        RegRoot::Hklm => "HKLM",
        RegRoot::Hku => "HKU",
        RegRoot::Hkr => "HKR",
        RegRoot::Invalid(t) => t,
    }
}

/// The string values an add-registry line writes (string types: field 5; REG_MULTI_SZ: each
/// item), after substitution.
pub(crate) fn string_data(line: &AddRegLine) -> Vec<&FieldValue> {
    match &line.data {
        RegData::String(Some(f)) => vec![f],
        RegData::MultiSz(items) => items.iter().collect(),
        _ => Vec::new(),
    }
}

/// A `%name%` token of a field's raw text, paired from the left exactly as SetupAPI pairs them
/// (inf-syntax.md §2.2): `%%` is an escaped `%` and names nothing.
pub(crate) struct PercentToken<'t> {
    /// The name between the percent signs.
    pub(crate) name: &'t str,
    /// Byte range of the token (both percent signs included) in the raw text.
    pub(crate) range: std::ops::Range<usize>,
}

/// The `%name%` tokens of a raw field text (empty names, i.e. `%%`, left out).
pub(crate) fn percent_tokens(text: &str) -> Vec<PercentToken<'_>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(open_rel) = text[at..].find('%') {
        let open = at + open_rel;
        let Some(close_rel) = text[open + 1..].find('%') else {
            break;
        };
        let close = open + 1 + close_rel;
        let name = &text[open + 1..close];
        if !name.is_empty() {
            out.push(PercentToken {
                name,
                range: open..close + 1,
            });
        }
        at = close + 1;
    }
    out
}

/// The DIRIDs a raw field names through `%NN%` tokens (tokens that a `[Strings]` key defines are
/// strings, not DIRIDs), with the span of each token in the source when it can be located.
pub(crate) fn dirid_tokens(inf: &Inf, field: &FieldValue) -> Vec<(i64, Span)> {
    raw_dirid_tokens(inf, field.raw(inf), field.span)
}

/// [`dirid_tokens`] of a field given by its raw text and span (no substituted text needed).
pub(crate) fn raw_dirid_tokens(inf: &Inf, raw: &str, field_span: Span) -> Vec<(i64, Span)> {
    if !raw.contains('%') {
        return Vec::new();
    }
    let ids: Vec<(i64, std::ops::Range<usize>)> = percent_tokens(raw)
        .into_iter()
        .filter(|t| inf.string(t.name).is_none())
        .filter_map(|t| Some((parse_dirid_token(t.name)?, t.range)))
        .collect();
    if ids.is_empty() {
        return Vec::new();
    }
    // The raw text is a slice of the source when the field is one unbroken piece; then the
    // token's own span can be given, otherwise the field's.
    // (Quotes removed at load time leave the raw text inside the source slice.)
    let offset = inf
        .tree()
        .text()
        .get(field_span.range())
        .and_then(|slice| slice.find(raw))
        .map(|o| field_span.start as usize + o);
    ids.into_iter()
        .map(|(id, range)| {
            let span = match offset {
                Some(o) => Span::new(o + range.start, o + range.end),
                None => field_span,
            };
            (id, span)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_tokens_pair_from_the_left() {
        let names: Vec<&str> = percent_tokens("%%SystemRoot%%\\a;%11%\\b;%x")
            .iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, vec!["11"]);
        let t = percent_tokens("a%13%b");
        assert_eq!(t[0].range, 1..5);
    }
}

pub(crate) mod reach {
    //! (An inline module: every file under `rules/` is a rule, so the install graph shared by
    //! the registry, files, services, universal, isolation and declarative rules lives here.)
    //!
    //! Which sections Windows processes for an INF, in which role, and on which architectures: the
    //! install graph the registry, files, services, universal, isolation and declarative rules share.
    //!
    //! Roots are the install sections Windows starts from:
    //! - a DDInstall section chosen (inf-syntax.md §3.4) for an install-section name of a Models
    //!   line, on every architecture where that Models section is used (§3.3). Which Models
    //!   sections are used is asked of inf-parser's selection for sampled targets: the least
    //!   specific target of every decoration, every Windows version from 5.0, and the common
    //!   Windows 10/11 builds, on x86, amd64, arm64 and any architecture a decoration names. Each
    //!   DDInstall root remembers the sampled targets it is used on, so that two roots that are
    //!   never used on the same system (different OS versions of one Manufacturer line) do not
    //!   count as conflicting;
    //! - `[DefaultInstall]` and `[ClassInstall32]` (same platform search, §3.5);
    //! - the install-interface sections of `[InterfaceInstall32]`.
    //!
    //! From a root the graph follows the suffix sections (`.HW`, `.Services`, …), `Needs=` to local
    //! sections (processed as if pasted into the referencing section), AddService to service-install
    //! and event-log sections, and AddInterface to add-interface sections. Sections of included INFs
    //! are not searched: what they do is Windows' business, not this package's.

    use std::cell::RefCell;
    use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
    use std::rc::Rc;

    use inf_parser::directives::{AddServiceDirective, FieldValue};
    use inf_parser::{eq_fold, fold_case, Arch, Inf, InstallSuffix, Span, Target};

    use crate::context::Context;

    /// A set of architectures (one bit per [`Arch::ALL`] entry).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub(crate) struct ArchSet(u8);

    impl ArchSet {
        fn bit(arch: Arch) -> u8 {
            1 << Arch::ALL.iter().position(|a| *a == arch).unwrap_or(0)
        }

        /// Every architecture.
        pub(crate) fn all() -> ArchSet {
            ArchSet((1 << Arch::ALL.len()) - 1)
        }

        /// The set holding only `arch`.
        pub(crate) fn of(arch: Arch) -> ArchSet {
            ArchSet(Self::bit(arch))
        }

        /// Adds an architecture.
        pub(crate) fn insert(&mut self, arch: Arch) {
            self.0 |= Self::bit(arch);
        }

        /// Whether `arch` is in the set.
        pub(crate) fn contains(self, arch: Arch) -> bool {
            self.0 & Self::bit(arch) != 0
        }

        /// The union of two sets.
        pub(crate) fn union(self, other: ArchSet) -> ArchSet {
            ArchSet(self.0 | other.0)
        }

        /// Whether the sets share an architecture.
        pub(crate) fn intersects(self, other: ArchSet) -> bool {
            self.0 & other.0 != 0
        }

        /// Whether the set is empty.
        pub(crate) fn is_empty(self) -> bool {
            self.0 == 0
        }

        /// The architectures in [`Arch::ALL`] order.
        pub(crate) fn iter(self) -> impl Iterator<Item = Arch> {
            Arch::ALL.into_iter().filter(move |a| self.contains(*a))
        }
    }

    /// What kind of section a root is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub(crate) enum RootKind {
        /// A DDInstall section reached from a Models line.
        Device,
        /// `[DefaultInstall]` (possibly decorated).
        DefaultInstall,
        /// `[ClassInstall32]` (possibly decorated).
        ClassInstall32,
        /// An install-interface section of `[InterfaceInstall32]`.
        InterfaceClass,
    }

    /// An install section Windows starts from.
    #[derive(Debug, Clone)]
    pub(crate) struct InstallRoot {
        /// The section name as the INF spells it in its header.
        pub(crate) name: String,
        /// What it is.
        pub(crate) kind: RootKind,
        /// The architectures on which Windows processes it.
        pub(crate) arches: ArchSet,
        /// For DDInstall roots: the sampled targets (architecture and OS version) on which some
        /// Models section that names it is used. `None` for the other roots, which Windows
        /// processes on every OS version of their architectures.
        pub(crate) targets: Option<BTreeSet<u32>>,
    }

    /// The role a processed section plays (it decides what HKR means and which directives count).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub(crate) enum Role {
        /// The root itself (DDInstall, DefaultInstall, ClassInstall32) or a section it `Needs`.
        Install,
        /// `.HW`.
        Hw,
        /// `.Services`.
        Services,
        /// `.Interfaces`.
        Interfaces,
        /// `.CoInstallers`.
        CoInstallers,
        /// Any other suffix section (`.Wdf`, `.Events`, `.Filters`, `.LogConfigOverride`, …).
        Suffix(InstallSuffix),
        /// A service-install section named by AddService.
        ServiceInstall,
        /// An event-log install section named by AddService.
        EventLog,
        /// An add-interface section named by AddInterface.
        AddInterface,
        /// An install-interface section of `[InterfaceInstall32]`.
        InterfaceInstall,
    }

    /// A section Windows processes.
    #[derive(Debug, Clone)]
    pub(crate) struct Processed {
        /// The section name as the INF spells it in its header.
        pub(crate) section: String,
        /// Its role.
        pub(crate) role: Role,
        /// Index of the root it is processed for in [`InstallGraph::roots`].
        pub(crate) root: usize,
        /// For service-install and event-log sections: the service name.
        pub(crate) service: Option<String>,
    }

    /// An AddService line of a processed `.Services` section.
    #[derive(Debug, Clone)]
    pub(crate) struct ServiceRef {
        /// The directive.
        pub(crate) directive: AddServiceDirective,
        /// Index of the root in [`InstallGraph::roots`].
        pub(crate) root: usize,
    }

    /// Everything Windows processes for an INF.
    #[derive(Debug, Clone, Default)]
    pub(crate) struct InstallGraph {
        /// Every root.
        pub(crate) roots: Vec<InstallRoot>,
        /// Every processed section, once per (section, role, root, service).
        pub(crate) processed: Vec<Processed>,
        /// Every AddService line of a processed `.Services` section, once per root.
        pub(crate) services: Vec<ServiceRef>,
        /// (kind, section index) → index in `roots`.
        root_of: HashMap<(RootKind, u32), usize>,
    }

    /// OS versions sampled to find the Models sections used on an architecture, besides the
    /// least specific target of every decoration: each Windows version, and the Windows 10/11
    /// builds that decorations commonly name.
    const SAMPLE_VERSIONS: [(u32, u32); 7] =
        [(5, 0), (5, 1), (5, 2), (6, 0), (6, 1), (6, 2), (6, 3)];
    const SAMPLE_BUILDS: [u32; 14] = [
        10240, 14393, 15063, 16299, 17134, 17763, 18362, 19041, 20348, 22000, 22621, 25398, 26100,
        99999,
    ];

    impl InstallGraph {
        /// The graph of the file being linted, built once per file and shared by every rule
        /// that needs it (building it samples many targets, so rebuilding per rule is costly).
        pub(crate) fn shared(cx: &crate::context::Context<'_>) -> std::rc::Rc<InstallGraph> {
            cx.cached(|cx| InstallGraph::build(cx.inf))
        }

        /// Builds the graph of `inf`.
        pub(crate) fn build(inf: &Inf) -> InstallGraph {
            let mut g = InstallGraph::default();
            let device_arches = g.add_device_roots(inf);
            g.add_default_install_roots(inf);
            let class_arches = if device_arches.is_empty() {
                current()
            } else {
                device_arches
            };
            for arch in class_arches.iter() {
                let choice = inf.select_class_install32(arch);
                if choice.exists {
                    g.add_root(inf, &choice.name, RootKind::ClassInstall32, arch, None);
                }
            }
            let all = g.arches();
            let all = if all.is_empty() { current() } else { all };
            for line in inf.lines("InterfaceInstall32") {
                if let Some(section) =
                    FieldValue::field(&line, 1).filter(|f| !f.text.trim().is_empty())
                {
                    for arch in all.iter() {
                        g.add_root(
                            inf,
                            section.text.trim(),
                            RootKind::InterfaceClass,
                            arch,
                            None,
                        );
                    }
                }
            }
            g.walk(inf);
            g
        }

        /// Every architecture some root is processed on.
        pub(crate) fn arches(&self) -> ArchSet {
            self.roots
                .iter()
                .fold(ArchSet::default(), |s, r| s.union(r.arches))
        }

        /// The architectures of the root of a processed section.
        pub(crate) fn arches_of(&self, root: usize) -> ArchSet {
            self.roots[root].arches
        }

        /// Whether two roots can both be processed on one system: they share an architecture, and
        /// for two DDInstall roots, some sampled OS version on which both are used. (Decorations of
        /// one Manufacturer line exclude each other: only the closest is used on a given OS.)
        pub(crate) fn coexist(&self, a: usize, b: usize) -> bool {
            let (ra, rb) = (&self.roots[a], &self.roots[b]);
            if !ra.arches.intersects(rb.arches) {
                return false;
            }
            match (&ra.targets, &rb.targets) {
                (Some(ta), Some(tb)) => ta.intersection(tb).next().is_some(),
                _ => true,
            }
        }

        fn add_root(
            &mut self,
            inf: &Inf,
            name: &str,
            kind: RootKind,
            arch: Arch,
            target: Option<u32>,
        ) {
            let Some(index) = inf.section_index(name) else {
                return;
            };
            let section = &inf.sections()[index as usize];
            let targets = || target.map(|t| BTreeSet::from([t]));
            if let Some(&r) = self.root_of.get(&(kind, index)) {
                let r = &mut self.roots[r];
                r.arches.insert(arch);
                if let (Some(set), Some(t)) = (r.targets.as_mut(), target) {
                    set.insert(t);
                }
                return;
            }
            self.root_of.insert((kind, index), self.roots.len());
            self.roots.push(InstallRoot {
                name: section.name.to_string(),
                kind,
                arches: ArchSet::of(arch),
                targets: targets(),
            });
        }

        /// DDInstall roots: for every architecture, the Models sections used on it and the install
        /// sections their lines name. Returns the architectures with at least one Models section.
        fn add_device_roots(&mut self, inf: &Inf) -> ArchSet {
            let manufacturers = inf.manufacturers();
            if manufacturers.is_empty() {
                return ArchSet::default();
            }
            let mut universe = current();
            for m in &manufacturers {
                for d in &m.decorations {
                    if let Ok(Some(a)) = d.parsed.as_ref().map(|v| v.arch) {
                        universe.insert(a);
                    }
                }
            }
            let mut used_arches = ArchSet::default();
            let mut entries: HashMap<String, Vec<String>> = HashMap::new();
            // The install section chosen for (base, arch) does not depend on the OS version:
            // chosen once, then added as a root for every sampled target that uses it.
            let mut chosen: HashMap<(String, Arch), Option<String>> = HashMap::new();
            let mut next_target = 0u32;
            for arch in universe.iter() {
                for target in sample_targets(inf, arch) {
                    let id = next_target;
                    next_target += 1;
                    // `Inf::models_sections_used`, with the Manufacturer lines read once.
                    for choice in manufacturers
                        .iter()
                        .filter_map(|m| inf.select_models(m, &target))
                    {
                        if !choice.exists {
                            continue;
                        }
                        used_arches.insert(arch);
                        let bases = entries
                            .entry(fold_case(&choice.name).into_owned())
                            .or_insert_with(|| {
                                // Each base once: adding the same root again changes nothing.
                                let mut bases: Vec<String> = Vec::new();
                                let mut seen: HashSet<String> = HashSet::new();
                                for e in inf.models_entries(&choice.name) {
                                    let b = e.install_section.text.trim();
                                    if !b.is_empty() && seen.insert(b.to_owned()) {
                                        bases.push(b.to_owned());
                                    }
                                }
                                bases
                            });
                        for base in bases.iter() {
                            let name = chosen.entry((base.clone(), arch)).or_insert_with(|| {
                                let c = inf.select_install_section(base, arch);
                                c.exists.then_some(c.name)
                            });
                            if let Some(name) = name {
                                self.add_root(inf, name, RootKind::Device, arch, Some(id));
                            }
                        }
                    }
                }
            }
            used_arches
        }

        fn add_default_install_roots(&mut self, inf: &Inf) {
            let mut universe = ArchSet::default();
            for s in inf.sections() {
                let Some(rest) = s
                    .name
                    .get(..14)
                    .filter(|h| h.eq_ignore_ascii_case("DefaultInstall"))
                    .map(|_| &s.name[14..])
                else {
                    continue;
                };
                if rest.is_empty() || rest.eq_ignore_ascii_case(".nt") {
                    universe = universe.union(current());
                } else if let Some(arch) = rest
                    .get(..3)
                    .filter(|p| p.eq_ignore_ascii_case(".nt"))
                    .and_then(|_| Arch::parse(&rest[3..]))
                {
                    universe.insert(arch);
                }
            }
            for arch in universe.iter() {
                let choice = inf.select_default_install(arch);
                if choice.exists {
                    self.add_root(inf, &choice.name, RootKind::DefaultInstall, arch, None);
                }
            }
        }

        /// Follows suffix sections, Needs, AddService and AddInterface from every root.
        fn walk(&mut self, inf: &Inf) {
            let mut queue: VecDeque<Processed> = VecDeque::new();
            for (i, root) in self.roots.iter().enumerate() {
                let role = if root.kind == RootKind::InterfaceClass {
                    Role::InterfaceInstall
                } else {
                    Role::Install
                };
                queue.push_back(Processed {
                    section: root.name.clone(),
                    role,
                    root: i,
                    service: None,
                });
                if matches!(root.kind, RootKind::InterfaceClass) {
                    continue;
                }
                let suffixes: &[InstallSuffix] = match root.kind {
                    RootKind::Device => &InstallSuffix::ALL,
                    _ => &[InstallSuffix::Services],
                };
                for &suffix in suffixes {
                    let name = format!("{}{}", root.name, suffix.as_str());
                    if let Some(s) = inf.section(&name) {
                        let role = match suffix {
                            InstallSuffix::Hw => Role::Hw,
                            InstallSuffix::Services => Role::Services,
                            InstallSuffix::Interfaces => Role::Interfaces,
                            InstallSuffix::CoInstallers => Role::CoInstallers,
                            other => Role::Suffix(other),
                        };
                        queue.push_back(Processed {
                            section: s.name.to_string(),
                            role,
                            root: i,
                            service: None,
                        });
                    }
                }
            }
            let mut seen: HashSet<(String, Role, usize, Option<String>)> = HashSet::new();
            while let Some(p) = queue.pop_front() {
                let key = (
                    fold_case(&p.section).into_owned(),
                    p.role,
                    p.root,
                    p.service.as_ref().map(|s| fold_case(s).into_owned()),
                );
                if !seen.insert(key) {
                    continue;
                }
                for needed in inf.needs(&p.section) {
                    if let Some(s) = needed.resolve(inf) {
                        queue.push_back(Processed {
                            section: s.name.to_string(),
                            ..p.clone()
                        });
                    }
                }
                match p.role {
                    Role::Services => {
                        for directive in inf.add_services(&p.section) {
                            let name = directive.name.text.trim().to_owned();
                            if let Some(s) = directive
                                .install_section
                                .as_ref()
                                .and_then(|v| inf.section(&v.text))
                            {
                                queue.push_back(Processed {
                                    section: s.name.to_string(),
                                    role: Role::ServiceInstall,
                                    root: p.root,
                                    service: Some(name.clone()),
                                });
                            }
                            if let Some(s) = directive
                                .event_log_section
                                .as_ref()
                                .and_then(|v| inf.section(&v.text))
                            {
                                queue.push_back(Processed {
                                    section: s.name.to_string(),
                                    role: Role::EventLog,
                                    root: p.root,
                                    service: Some(name.clone()),
                                });
                            }
                            self.services.push(ServiceRef {
                                directive,
                                root: p.root,
                            });
                        }
                    }
                    Role::Interfaces => {
                        for line in inf.find_lines(&p.section, "AddInterface") {
                            if let Some(s) = FieldValue::field(&line, 3)
                                .and_then(|v| inf.section(&v.text).map(|s| s.name.to_string()))
                            {
                                queue.push_back(Processed {
                                    section: s,
                                    role: Role::AddInterface,
                                    root: p.root,
                                    service: None,
                                });
                            }
                        }
                    }
                    _ => {}
                }
                self.processed.push(p);
            }
        }

        /// The processed sections whose role can hold AddReg / DelReg / BitReg, with what HKR means
        /// there.
        pub(crate) fn registry_sites(&self) -> impl Iterator<Item = (&Processed, RegContext)> + '_ {
            self.processed.iter().filter_map(move |p| {
                let kind = self.roots[p.root].kind;
                let context = match (p.role, kind) {
                    (Role::Install, RootKind::Device) => RegContext::Software,
                    (Role::Install, RootKind::DefaultInstall) => RegContext::DefaultInstall,
                    (Role::Install, RootKind::ClassInstall32) => RegContext::ClassInstall32,
                    (Role::Hw, _) => RegContext::Hardware,
                    (Role::CoInstallers, _) => RegContext::CoInstallers,
                    (Role::ServiceInstall, _) => RegContext::Service,
                    (Role::EventLog, _) => RegContext::EventLog,
                    (Role::AddInterface, _) => RegContext::Interface,
                    (Role::InterfaceInstall, _) => RegContext::InterfaceClass,
                    _ => return None,
                };
                Some((p, context))
            })
        }

        /// Every line of a processed section whose key is one of `names` (case-insensitive), once
        /// per line, in file order, with the matching name and the processed section.
        pub(crate) fn directive_lines<'g>(
            &'g self,
            inf: &Inf,
            names: &[&'static str],
        ) -> Vec<(u32, &'static str, &'g Processed)> {
            let mut out: Vec<(u32, &'static str, &Processed)> = Vec::new();
            let mut seen = HashSet::new();
            for p in &self.processed {
                for line in inf.lines(&p.section) {
                    let Some(key) = line.key() else { continue };
                    let Some(name) = names.iter().find(|n| eq_fold(n, key.trim())) else {
                        continue;
                    };
                    if seen.insert(line.index()) {
                        out.push((line.index(), name, p));
                    }
                }
            }
            out.sort_by_key(|(i, _, _)| *i);
            out
        }

        /// The processed sections whose role can hold CopyFiles / DelFiles / RenFiles.
        pub(crate) fn file_sites(&self) -> impl Iterator<Item = &Processed> + '_ {
            self.processed
                .iter()
                .filter(|p| matches!(p.role, Role::Install | Role::CoInstallers))
        }
    }

    /// What HKR means for an add-registry section (inf-addreg-directive.md).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub(crate) enum RegContext {
        /// From DDInstall: the device's software (driver) key.
        Software,
        /// From DDInstall.HW: the device's hardware key.
        Hardware,
        /// From DDInstall.CoInstallers: the device's software key.
        CoInstallers,
        /// From DefaultInstall: HKR cannot be used.
        DefaultInstall,
        /// From ClassInstall32: the setup class key.
        ClassInstall32,
        /// From a service-install section: the service key.
        Service,
        /// From an event-log install section: the service's EventLog key.
        EventLog,
        /// From an add-interface section: the device interface's key.
        Interface,
        /// From an install-interface section of `[InterfaceInstall32]`: the interface class key.
        InterfaceClass,
    }

    /// x86, amd64 and arm64: the architectures an architecture-less decoration is checked on.
    pub(crate) fn current() -> ArchSet {
        let mut s = ArchSet::default();
        for a in Arch::CURRENT {
            s.insert(a);
        }
        s
    }

    /// The targets probed on `arch`: the least specific target of every decoration for that
    /// architecture, and the sampled Windows versions and builds.
    fn sample_targets(inf: &Inf, arch: Arch) -> Vec<Target> {
        let mut out: Vec<Target> = inf
            .declared_targets(&[arch])
            .into_iter()
            .map(|d| d.target)
            .filter(|t| t.arch == arch)
            .collect();
        out.extend(
            SAMPLE_VERSIONS
                .iter()
                .map(|&(ma, mi)| Target::new(arch, ma, mi)),
        );
        out.extend(SAMPLE_BUILDS.iter().map(|&b| Target::windows10(arch, b)));
        out
    }

    /// The labels ([`crate::targets::DeclaredTarget::label`]) of the declared targets that install
    /// on an architecture of `arches`, for [`crate::Finding::targets`]. Empty when `arches` covers
    /// every architecture the INF installs on (the finding holds for all targets).
    pub(crate) fn target_labels(
        cx: &Context<'_>,
        graph_arches: ArchSet,
        arches: ArchSet,
    ) -> Vec<String> {
        if graph_arches.iter().all(|a| arches.contains(a)) {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for d in cx.declared_targets {
            let hit = match &d.parsed {
                None => arches.contains(Arch::X86),
                Some(Ok(v)) => v.arch.is_none_or(|a| arches.contains(a)),
                Some(Err(_)) => false,
            };
            if hit && !out.iter().any(|l| l == d.label()) {
                out.push(d.label().to_owned());
            }
        }
        if out.is_empty() {
            // No Manufacturer decoration names these architectures (DefaultInstall-only INFs):
            // name the architectures themselves.
            out.extend(arches.iter().map(|a| a.name().to_owned()));
        }
        out
    }

    /// `a, b and c` for messages.
    pub(crate) fn arch_list(arches: ArchSet) -> String {
        let names: Vec<&str> = arches.iter().map(|a| a.name()).collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// The sections a directive names anywhere, with the value naming each first.
    type Named = Rc<[(String, FieldValue)]>;

    /// The results of [`sections_named_anywhere`] asked for so far, by directive.
    #[derive(Default)]
    struct NamedAnywhere(RefCell<Vec<(&'static str, Named)>>);

    /// Every section named by a `directive=` line (AddReg, DelReg, BitReg, CopyFiles, …) anywhere in
    /// the INF, in order of first reference, with the value that names it first. Sections that do
    /// not exist are left out. Computed once per file and directive.
    pub(crate) fn sections_named_anywhere(cx: &Context<'_>, directive: &'static str) -> Named {
        let memo = cx.cached(|_| NamedAnywhere::default());
        if let Some((_, found)) = memo.0.borrow().iter().find(|(d, _)| *d == directive) {
            return found.clone();
        }
        let found: Named = named_anywhere(cx.inf, directive).into();
        memo.0.borrow_mut().push((directive, found.clone()));
        found
    }

    fn named_anywhere(inf: &Inf, directive: &str) -> Vec<(String, FieldValue)> {
        let mut out: Vec<(String, FieldValue)> = Vec::new();
        let mut seen: HashSet<u32> = HashSet::new();
        for s in inf.sections() {
            if inf_parser::is_strings_section_name(&s.name) {
                continue;
            }
            for line in inf.find_lines_in(s, directive) {
                for value in FieldValue::fields_from(&line, 1) {
                    if value.is_empty() {
                        continue;
                    }
                    if let Some(target) = inf.section_index(&value.text) {
                        if seen.insert(target) {
                            out.push((inf.sections()[target as usize].name.to_string(), value));
                        }
                    }
                }
            }
        }
        out
    }

    /// Splits a registry or file path into its components: `\` and `/` separators, empty and `.`
    /// components dropped, case kept.
    pub(crate) fn path_components(path: &str) -> Vec<&str> {
        path.split(['\\', '/'])
            .map(str::trim)
            .filter(|c| !c.is_empty() && *c != ".")
            .collect()
    }

    /// A path normalized for comparison: components joined with `\`, lower case.
    pub(crate) fn normalized_path(path: &str) -> String {
        path_components(path).join("\\").to_lowercase()
    }

    /// The span to report a section at: its first header.
    pub(crate) fn section_span(inf: &Inf, name: &str) -> Option<Span> {
        let s = inf.section(name)?;
        Some(inf.tree().headers()[*s.headers.first()? as usize].span)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn inf(body: &str) -> Inf {
            inf_parser::parse_inf(
                format!("[Version]\nSignature=\"$Windows NT$\"\n{body}").as_bytes(),
                1252,
                inf_parser::InfOptions::default(),
            )
        }

        #[test]
        fn roots_follow_models_per_architecture() {
            let inf = inf(
                "[Manufacturer]\n%M%=Std,NTamd64,NTarm64.10.0...22000\n[Std.NTamd64]\n%D%=Inst,ID\n[Std.NTarm64.10.0...22000]\n%D%=Inst,ID\n\
                 [Inst.NTamd64]\n[Inst.NT]\nNeeds=Common\n[Inst.NT.Services]\nAddService=S,2,Svc,Ev\n[Svc]\n[Ev]\n[Common]\n[Inst.NTamd64.HW]\n",
            );
            let g = InstallGraph::build(&inf);
            let names: Vec<(&str, Vec<Arch>)> = g
                .roots
                .iter()
                .map(|r| (r.name.as_str(), r.arches.iter().collect()))
                .collect();
            assert_eq!(
                names,
                vec![
                    ("Inst.NTamd64", vec![Arch::Amd64]),
                    ("Inst.NT", vec![Arch::Arm64])
                ]
            );
            let roles: Vec<(&str, Role)> = g
                .processed
                .iter()
                .map(|p| (p.section.as_str(), p.role))
                .collect();
            assert!(roles.contains(&("Common", Role::Install)));
            assert!(roles.contains(&("Inst.NTamd64.HW", Role::Hw)));
            assert!(roles.contains(&("Svc", Role::ServiceInstall)));
            assert!(roles.contains(&("Ev", Role::EventLog)));
            assert_eq!(g.services.len(), 1);
            assert_eq!(arch_list(g.arches()), "amd64 and arm64");
        }

        #[test]
        fn default_install_and_class_install() {
            let inf = inf(
                "[DefaultInstall.NTamd64]\n[DefaultInstall.NTamd64.Services]\n[ClassInstall32]\n",
            );
            let g = InstallGraph::build(&inf);
            let kinds: Vec<(RootKind, Vec<Arch>)> = g
                .roots
                .iter()
                .map(|r| (r.kind, r.arches.iter().collect()))
                .collect();
            assert_eq!(kinds[0], (RootKind::DefaultInstall, vec![Arch::Amd64]));
            assert_eq!(kinds[1].0, RootKind::ClassInstall32);
            assert!(g.processed.iter().any(|p| p.role == Role::Services));
        }

        #[test]
        fn paths() {
            assert_eq!(normalized_path("\\A\\.\\b//c\\"), "a\\b\\c");
            assert_eq!(path_components(""), Vec::<&str>::new());
        }
    }
}
