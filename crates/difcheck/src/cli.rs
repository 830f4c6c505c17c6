//! Command-line definitions (clap). Nothing here runs a command; `commands/` does.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Files larger than this are skipped unless `--max-file-size` says otherwise. Real INF files are
/// kilobytes (the largest in our 2,200-file corpus is under 2 MiB); 16 MiB leaves room for
/// generated INFs while keeping a stray binary or log from being decoded and parsed.
pub const DEFAULT_MAX_FILE_SIZE: &str = "16MiB";

/// Lint Windows driver INF packages and predict how Windows dispatches their installers.
#[derive(Debug, Parser)]
#[command(name = "difcheck", version = crate::version::version_text(), about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 no finding at or above --fail-on; 1 findings, or files that \
could not be linted; 2 usage or I/O error."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
// One value per process, parsed once: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint INF and INX files, and folders of them.
    Lint(LintArgs),
    /// Parse one INF file and print what SetupAPI reads from it.
    Parse(ParseArgs),
    /// Show the installer chain of an INF and predict how Windows dispatches DIF codes to it.
    Dif(crate::commands::dif::DifArgs),
    /// List every rule: code, InfVerif number, name, category and severity per profile.
    Rules(RulesArgs),
    /// Print the documentation of a rule, by difcheck code, name or InfVerif number.
    Explain(ExplainArgs),
    /// Print a shell completion script to standard output.
    Completions(CompletionsArgs),
    /// Write the man pages (used by `cargo xtask man`).
    #[command(hide = true)]
    Man(ManArgs),
}

/// Output formats of `difcheck lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable diagnostics with source snippets.
    Human,
    /// One line per finding: `path:line:col: severity[CODE]: message`.
    Concise,
    /// A versioned JSON document (`"version": 1`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: one test suite per file.
    Junit,
    /// GitLab Code Quality (Code Climate) JSON.
    Gitlab,
}

/// The rule sets, mirroring InfVerif's modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// InfVerif without a mode flag.
    Basic,
    /// InfVerif `/u`: Universal driver requirements.
    Universal,
    /// InfVerif `/w`: Windows Driver requirements (universal plus package isolation).
    WindowsDriver,
    /// InfVerif `/k`: Declarative driver requirements.
    Declarative,
    /// InfVerif `/h`: WHQL signature requirements.
    Signing,
}

impl From<ProfileArg> for lint::Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Basic => lint::Profile::Basic,
            ProfileArg::Universal => lint::Profile::Universal,
            ProfileArg::WindowsDriver => lint::Profile::WindowsDriver,
            ProfileArg::Declarative => lint::Profile::Declarative,
            ProfileArg::Signing => lint::Profile::Signing,
        }
    }
}

/// The lowest severity that makes a run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
}

impl From<FailOn> for lint::Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Error => lint::Severity::Error,
            FailOn::Warning => lint::Severity::Warning,
            FailOn::Info => lint::Severity::Info,
        }
    }
}

/// When to color human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always color (even into a file or pipe, and despite `NO_COLOR`).
    Always,
    /// Never color.
    Never,
}

/// Arguments of `difcheck lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files and folders to lint; `-` reads standard input.
    ///
    /// Folders are searched recursively for `.inf`, `.inx`, `.inf.in` and `.inx.in` files (any
    /// letter case), honoring `.gitignore`, `.ignore` and `.git/info/exclude`; hidden files and
    /// folders are skipped. Files named explicitly are always linted, whatever their extension.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Rule set (InfVerif mode) to check against [default: basic].
    #[arg(long, value_enum)]
    pub profile: Option<ProfileArg>,

    /// Only check these targets (repeatable): an architecture (`amd64`, `x64`, `arm64`…) or a
    /// TargetOSVersion decoration (`NTamd64.10.0...22000`; `NT.10.0` for any architecture).
    /// Also the architectures `.inx` files are stamped for. Replaces `targets` from
    /// `difcheck.toml`.
    #[arg(long, value_name = "TARGET", value_parser = parse_target)]
    pub target: Vec<lint::TargetSpec>,

    /// Only check this architecture (x86, amd64, arm, arm64, ia64; x64 and aarch64 are
    /// accepted); combined with --os into one target.
    #[arg(long, value_name = "ARCH", value_parser = parse_arch)]
    pub arch: Option<lint::Arch>,

    /// Only check for this Windows version, MAJOR.MINOR[.BUILD] (e.g. 10.0.22621); combined
    /// with --arch into one target.
    #[arg(long, value_name = "VERSION", value_parser = parse_os_version)]
    pub os: Option<String>,

    /// ANSI code page used to read 8-bit files without a byte-order mark [default: 1252, or
    /// `codepage` from difcheck.toml].
    #[arg(long, value_name = "N", value_parser = parse_codepage)]
    pub codepage: Option<u16>,

    /// Only run these rules (repeatable; codes, names, InfVerif numbers, categories, code
    /// prefixes or `ALL`). Replaces `select` from difcheck.toml.
    #[arg(long, value_name = "RULE", value_parser = parse_selector)]
    pub select: Vec<lint::RuleSelector>,

    /// Do not run these rules (repeatable); added to `ignore` from difcheck.toml.
    #[arg(long, value_name = "RULE", value_parser = parse_selector)]
    pub ignore: Vec<lint::RuleSelector>,

    /// Use this configuration file for every linted file instead of discovering
    /// `difcheck.toml` / `.difcheck.toml` upwards from each file.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,

    /// Lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Print findings only: no summary line, no progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Print the number of findings per rule instead of the findings (human and concise
    /// formats), or add them to the summary (json format).
    #[arg(long)]
    pub statistics: bool,

    /// Write the report to FILE instead of standard output (atomically: a temporary file in the
    /// same folder, then a rename).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to use colors in human output; `NO_COLOR` turns them off in `auto` mode.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Ignore `; difcheck: ignore[...]` comments in the linted files (for CI gates).
    #[arg(long)]
    pub no_inline_suppressions: bool,

    /// Lint `.inf` files that still contain `$ARCH$` as written, reporting INF1274, instead of
    /// as stampinf inputs stamped for each architecture (the default, like InfVerif /stampinf).
    #[arg(long)]
    pub no_stampinf: bool,

    /// Skip files larger than SIZE (bytes, or with a KiB/MiB/GiB or K/M/G suffix). A skipped
    /// file makes the run fail unless --allow-skipped is given.
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_FILE_SIZE, value_parser = parse_size)]
    pub max_file_size: u64,

    /// Do not fail the run because files were skipped (they are still reported).
    #[arg(long)]
    pub allow_skipped: bool,

    /// Folder with the co-installer / class-installer C/C++ sources of the package (default:
    /// looked for in the INF's repository, see --no-discover-sources).
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// Without --sources, do not look for installer sources in the INF's repository (the
    /// nearest folder above it holding `.git`, else its folder).
    #[arg(long, conflicts_with = "sources")]
    pub no_discover_sources: bool,

    /// Also lint files found in folders whose path matches GLOB (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Do not lint files whose path matches GLOB, even when named explicitly (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Do not honor `.gitignore`, `.ignore` and `.git/info/exclude` when searching folders.
    #[arg(long)]
    pub no_ignore: bool,

    /// The path to report for standard input (`-`), also used to find its `.gitattributes`.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Report only findings that are not in the baseline FILE (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in FILE as the accepted baseline, then report against it.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
}

/// Output formats of `difcheck parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// The JSON shape read by the golden checker and other tools.
    Json,
    /// A readable outline.
    Text,
}

/// Arguments of `difcheck parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The INF or INX file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Text)]
    pub format: ParseFormat,
    /// ANSI code page used for 8-bit files without a byte-order mark.
    #[arg(long, default_value_t = 1252)]
    pub codepage: u16,
    /// LANGID (hex, e.g. 0407) choosing the `[Strings.LLLL]` section.
    #[arg(long, value_parser = parse_langid)]
    pub langid: Option<u16>,
    /// Keep `%NN%` DIRID tokens instead of expanding them to default-installation paths.
    #[arg(long)]
    pub keep_dirids: bool,
}

/// Output formats of `difcheck rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned table.
    Table,
    /// A JSON array, one object per rule.
    Json,
}

/// Arguments of `difcheck rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

/// Arguments of `difcheck explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A difcheck code (`INF1209`), a rule name (`duplicate-section`) or an InfVerif number
    /// (`1209`).
    #[arg(value_name = "CODE")]
    pub code: String,
}

/// Arguments of `difcheck completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of the hidden `difcheck man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Folder to write `difcheck.1` and one page per subcommand into; without it, `difcheck.1`
    /// goes to standard output.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Parses a LANGID written as 4 hex digits, with or without `0x`.
pub fn parse_langid(s: &str) -> Result<u16, String> {
    let h = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    u16::from_str_radix(h, 16)
        .map_err(|_| format!("`{s}` is not a LANGID (4 hex digits, e.g. 0407)"))
}

/// Parses a code page number that the decoder supports.
pub fn parse_codepage(s: &str) -> Result<u16, String> {
    let n: u16 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a code page number (e.g. 1252)"))?;
    if inf_parser::codepage_supported(n) {
        Ok(n)
    } else {
        Err(format!("code page {n} is not supported"))
    }
}

/// Parses a size such as `16777216`, `512K`, `16MiB` or `1g` into bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits_end);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 16MiB, 512K, 1048576)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "`{s}` has an unknown unit (use K, M or G, optionally with iB)"
            ))
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// Parses an architecture (the INF names and the aliases `x64`, `x86_64`, `aarch64`).
pub fn parse_arch(s: &str) -> Result<lint::Arch, String> {
    lint::targets::parse_user_arch(s.trim())
        .ok_or_else(|| format!("`{s}` is not an architecture; use x86, amd64, arm, arm64 or ia64"))
}

/// Parses a target filter entry.
pub fn parse_target(s: &str) -> Result<lint::TargetSpec, String> {
    lint::TargetSpec::parse(s).map_err(|e| e.to_string())
}

/// Parses a rule selector.
pub fn parse_selector(s: &str) -> Result<lint::RuleSelector, String> {
    lint::RuleSelector::parse(s).map_err(|e| e.to_string())
}

/// Parses `MAJOR.MINOR[.BUILD]`.
pub fn parse_os_version(s: &str) -> Result<String, String> {
    let t = s.trim();
    let parts: Vec<&str> = t.split('.').collect();
    let ok = (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(t.to_owned())
    } else {
        Err(format!(
            "`{s}` is not a Windows version; use MAJOR.MINOR[.BUILD], e.g. 10.0 or 10.0.22621"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("1 G"), Ok(1 << 30));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn targets() {
        assert_eq!(parse_arch("AMD64"), Ok(lint::Arch::Amd64));
        assert_eq!(parse_arch("x64"), Ok(lint::Arch::Amd64));
        assert!(parse_arch("mips").is_err());
        assert!(parse_target("NTamd64.10.0...22000").is_ok());
        assert!(parse_target("NTmips").is_err());
        assert_eq!(parse_os_version("10.0.22621").as_deref(), Ok("10.0.22621"));
        assert!(parse_os_version("10").is_err());
        assert!(parse_os_version("10.x").is_err());
    }

    #[test]
    fn codepages() {
        assert_eq!(parse_codepage("932"), Ok(932));
        assert!(parse_codepage("1").is_err());
        assert!(parse_codepage("abc").is_err());
    }
}
