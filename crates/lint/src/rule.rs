//! What a rule is: metadata declared once next to the check, and the check itself.

use serde::Serialize;

use crate::context::Context;
use crate::diagnostic::Severity;
use crate::finding::Finding;

/// Rule families; each has a folder under `rules/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Encoding, tokenizer and open-time problems.
    Syntax,
    /// The `[Version]` section.
    Version,
    /// Sections, references, duplicates, strings.
    Structure,
    /// Platform decorations and TargetOSVersion.
    Decoration,
    /// AddReg / DelReg lines.
    Registry,
    /// CopyFiles, DestinationDirs, SourceDisksNames/Files.
    Files,
    /// AddService and service-install sections.
    Services,
    /// Universal INF restrictions (InfVerif /u).
    Universal,
    /// Driver package isolation for Windows Drivers (InfVerif /w).
    Isolation,
    /// Declarative (DCH "D") restrictions (InfVerif /k).
    Declarative,
    /// Primitive, extension and component INFs.
    Primitive,
    /// Co-installer and class-installer registration in the INF.
    Installer,
    /// DIF dispatch hazards derived from the installer chain and behaviour.
    Dif,
    /// Finish-install actions.
    FinishInstall,
    /// Installer C/C++ source behaviour.
    InstallerSource,
    /// Findings about difcheck's own inputs rather than about Windows: inline suppressions and
    /// unresolved template placeholders.
    Meta,
}

impl Category {
    /// The kebab-case name (also the folder name with `_` for `-`).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Version => "version",
            Category::Structure => "structure",
            Category::Decoration => "decoration",
            Category::Registry => "registry",
            Category::Files => "files",
            Category::Services => "services",
            Category::Universal => "universal",
            Category::Isolation => "isolation",
            Category::Declarative => "declarative",
            Category::Primitive => "primitive",
            Category::Installer => "installer",
            Category::Dif => "dif",
            Category::FinishInstall => "finish-install",
            Category::InstallerSource => "installer-source",
            Category::Meta => "meta",
        }
    }

    /// Every category, in declaration order.
    pub const ALL: [Category; 16] = [
        Category::Syntax,
        Category::Version,
        Category::Structure,
        Category::Decoration,
        Category::Registry,
        Category::Files,
        Category::Services,
        Category::Universal,
        Category::Isolation,
        Category::Declarative,
        Category::Primitive,
        Category::Installer,
        Category::Dif,
        Category::FinishInstall,
        Category::InstallerSource,
        Category::Meta,
    ];

    /// The folder under `rules/` (and under `tests/fixtures/`): the kebab-case name with `_`
    /// for `-`, so that it is a valid module name.
    pub fn folder(self) -> String {
        self.as_str().replace('-', "_")
    }

    /// Parses a category name (kebab-case or snake_case, case-insensitive).
    pub fn parse(s: &str) -> Option<Category> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Category::ALL.into_iter().find(|c| c.as_str() == wanted)
    }
}

/// Rule sets mirroring InfVerif's modes (infverif-rules.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// InfVerif without a mode flag.
    Basic,
    /// `/u`: Universal driver requirements.
    Universal,
    /// `/w`: Windows Driver requirements (universal plus package isolation).
    WindowsDriver,
    /// `/k`: Declarative driver requirements.
    Declarative,
    /// `/h`: WHQL signature requirements (best effort; Microsoft does not publish all data).
    Signing,
}

impl Profile {
    /// Every profile, weakest first (see [`Profile::strictness`]).
    pub const ALL: [Profile; 5] = [
        Profile::Basic,
        Profile::Declarative,
        Profile::Universal,
        Profile::Signing,
        Profile::WindowsDriver,
    ];

    /// Rank of the profile from the least strict (0) to the strictest (4).
    ///
    /// The order follows Microsoft's driver types (infverif-rules.md §1.2): `/k` reports as
    /// warnings what `/u` reports as errors; Desktop drivers must meet everything Universal
    /// drivers meet and pass `/h`; Windows Drivers must meet everything Desktop drivers meet and
    /// pass `/w`. So basic < declarative < universal < signing < windows-driver.
    pub fn strictness(self) -> u8 {
        match self {
            Profile::Basic => 0,
            Profile::Declarative => 1,
            Profile::Universal => 2,
            Profile::Signing => 3,
            Profile::WindowsDriver => 4,
        }
    }

    /// The kebab-case name used on the command line and in `difcheck.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Basic => "basic",
            Profile::Universal => "universal",
            Profile::WindowsDriver => "windows-driver",
            Profile::Declarative => "declarative",
            Profile::Signing => "signing",
        }
    }

    /// Parses a profile name (also accepts the InfVerif flags `/u`, `/w`, `/k`, `/h`).
    pub fn parse(s: &str) -> Option<Profile> {
        Some(match s.to_ascii_lowercase().as_str() {
            "basic" => Profile::Basic,
            "universal" | "/u" | "u" => Profile::Universal,
            "windows-driver" | "/w" | "w" => Profile::WindowsDriver,
            "declarative" | "/k" | "k" => Profile::Declarative,
            "signing" | "/h" | "h" => Profile::Signing,
            _ => return None,
        })
    }

    /// The InfVerif flag this profile mirrors (`""` for basic).
    pub fn infverif_flag(self) -> &'static str {
        match self {
            Profile::Basic => "",
            Profile::Universal => "/u",
            Profile::WindowsDriver => "/w",
            Profile::Declarative => "/k",
            Profile::Signing => "/h",
        }
    }
}

/// Default severity of a rule in each profile; `None` means the rule does not run there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Severities {
    /// No mode flag.
    pub basic: Option<Severity>,
    /// `/u`.
    pub universal: Option<Severity>,
    /// `/w`.
    pub windows_driver: Option<Severity>,
    /// `/k`.
    pub declarative: Option<Severity>,
    /// `/h`.
    pub signing: Option<Severity>,
}

impl Severities {
    /// The same severity everywhere.
    pub const fn all(s: Severity) -> Self {
        Severities {
            basic: Some(s),
            universal: Some(s),
            windows_driver: Some(s),
            declarative: Some(s),
            signing: Some(s),
        }
    }

    /// From InfVerif's `/k`, `/u`, `/w` columns; basic follows `/k` (the least strict mode) and
    /// signing follows `/u` (Desktop drivers must meet everything Universal needs).
    pub const fn infverif(k: Option<Severity>, u: Option<Severity>, w: Option<Severity>) -> Self {
        Severities {
            basic: k,
            universal: u,
            windows_driver: w,
            declarative: k,
            signing: u,
        }
    }

    /// The severity in `profile`.
    pub fn get(&self, profile: Profile) -> Option<Severity> {
        match profile {
            Profile::Basic => self.basic,
            Profile::Universal => self.universal,
            Profile::WindowsDriver => self.windows_driver,
            Profile::Declarative => self.declarative,
            Profile::Signing => self.signing,
        }
    }
}

/// What a rule needs to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Needs {
    /// The INF text alone.
    InfText,
    /// Other files of the package (read beside the INF).
    PackageFiles,
    /// Installer C/C++ sources.
    InstallerSources,
}

/// The `check` of rules whose findings the engine itself produces after the other rules ran
/// (unused and invalid suppressions): the rule is still declared, documented and configurable
/// like any other, but there is nothing to check per file.
pub fn reported_by_engine(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}

/// Everything declared about a rule.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// The difcheck code, e.g. `INF1209`; never reused.
    pub code: &'static str,
    /// The kebab-case name, e.g. `duplicate-section`.
    pub name: &'static str,
    /// The rule family.
    pub category: Category,
    /// The InfVerif error number, if InfVerif has one.
    pub infverif: Option<u16>,
    /// Default severity per profile.
    pub severities: Severities,
    /// What the rule needs to decide.
    pub needs: Needs,
    /// The Microsoft document the rule rests on (URL).
    pub reference: &'static str,
    /// One-line summary (also SARIF `shortDescription`).
    pub summary: &'static str,
    /// The full documentation in the fixed template (What it does / Why is this bad? /
    /// Example / Use instead / References), from the rule's doc comment.
    #[serde(skip)]
    pub doc: &'static str,
    /// The check.
    #[serde(skip)]
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

/// Rules are identified by their code (codes are never reused).
impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for RuleMeta {}

impl RuleMeta {
    /// Link to the rule's documentation page in the repository.
    pub fn url(&self) -> String {
        format!(
            "https://github.com/difcheck/difcheck/blob/main/docs/rules/{}.md",
            self.code
        )
    }
}

/// Declares a rule: its doc comment (the fixed template) and its metadata, next to the check.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub static DUPLICATE_SECTION = {
///         code: "INF1209", name: "duplicate-section", category: Structure,
///         infverif: Some(1209), severities: Severities::all(Severity::Error),
///         needs: InfText, reference: "https://…", summary: "…", check: check,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub static $ident:ident = {
            code: $code:expr,
            name: $name:expr,
            category: $cat:ident,
            infverif: $iv:expr,
            severities: $sev:expr,
            needs: $needs:ident,
            reference: $reference:expr,
            summary: $summary:expr,
            check: $check:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            code: $code,
            name: $name,
            category: $crate::rule::Category::$cat,
            infverif: $iv,
            severities: $sev,
            needs: $crate::rule::Needs::$needs,
            reference: $reference,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}
