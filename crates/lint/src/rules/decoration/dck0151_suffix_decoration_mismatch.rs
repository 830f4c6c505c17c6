//! DCK0151: a suffix section carries a different platform extension than the chosen DDInstall.

use std::collections::BTreeMap;

use inf_parser::{InstallSuffix, PlatformExtension, Span};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::structure::{folded, target_archs};

declare_rule! {
    /// ## What it does
    /// For every declared target and architecture, takes the DDInstall section Windows chooses
    /// for each Models entry (say `[X.NTamd64]`) and flags a missing suffix section
    /// (`[X.NTamd64.Services]`, `.HW`, `.CoInstallers`, `.Wdf`, …) when the same suffix exists
    /// on a less specific name of the same base (`[X.Services]` or `[X.NT.Services]`).
    ///
    /// ## Why is this bad?
    /// Windows looks for suffix sections under the name of the install section it chose, and
    /// the DDInstall page requires all related sections to use the same platform extension:
    /// with `[X.NTamd64]` chosen, `[X.Services]` is never read, so on that platform the
    /// service is not installed (or the hardware key not written, the WDF section not used).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NTamd64]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Install.Services]
    /// AddService = Widget, 0x00000002, Widget_Service
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    ///
    /// [Widgets.NTamd64]
    /// %Widget% = Widget_Install, PCI\VEN_1234&DEV_5678
    ///
    /// [Widget_Install.NTamd64]
    /// CopyFiles = Widget_Files
    ///
    /// [Widget_Install.NTamd64.Services]
    /// AddService = Widget, 0x00000002, Widget_Service
    /// ```
    ///
    /// ## References
    /// - [INF DDInstall section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section)
    /// - [Creating INF files for multiple platforms and operating systems](https://learn.microsoft.com/windows-hardware/drivers/install/creating-inf-files-for-multiple-platforms-and-operating-systems)
    pub static SUFFIX_DECORATION_MISMATCH = {
        code: "DCK0151",
        name: "suffix-decoration-mismatch",
        category: Decoration,
        infverif: None,
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-ddinstall-section",
        summary: "Suffix section with a different platform extension than its DDInstall section",
        check: check,
    }
}

struct Mismatch {
    chosen: String,
    expected: String,
    orphan: String,
    labels: Vec<String>,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    let mut found: BTreeMap<(String, String), Mismatch> = BTreeMap::new();
    let mut all_labels: Vec<&str> = Vec::new();
    for t in cx.checked_targets() {
        if !all_labels.contains(&t.label()) {
            all_labels.push(t.label());
        }
        for a in target_archs(t) {
            // Many Models lines name the same base: what follows depends only on it.
            let mut done: std::collections::HashSet<String> = std::collections::HashSet::new();
            for e in cx.models_entries(&t.models_section()).iter() {
                let base = e.install_section.text.trim();
                if base.is_empty() || !done.insert(base.to_owned()) {
                    continue;
                }
                let choice = inf.select_install_section(base, a);
                if !choice.exists {
                    continue;
                }
                // Less specific names of the same base that Windows did not choose.
                let others: Vec<String> = match choice.extension {
                    PlatformExtension::NtArch(_) => vec![format!("{base}.NT"), base.to_owned()],
                    PlatformExtension::Nt => vec![base.to_owned()],
                    PlatformExtension::None => Vec::new(),
                };
                for suffix in InstallSuffix::ALL {
                    if inf.has_section(&choice.suffixed(suffix)) {
                        continue;
                    }
                    let Some(orphan) = others
                        .iter()
                        .find_map(|o| inf.section(&format!("{o}{}", suffix.as_str())))
                    else {
                        continue;
                    };
                    let m = found
                        .entry((folded(&choice.name), folded(&orphan.name)))
                        .or_insert_with(|| Mismatch {
                            chosen: choice.name.clone(),
                            expected: choice.suffixed(suffix),
                            orphan: orphan.name.to_string(),
                            labels: Vec::new(),
                        });
                    if !m.labels.iter().any(|l| l == t.label()) {
                        m.labels.push(t.label().to_owned());
                    }
                }
            }
        }
    }
    let headers = inf.tree().headers();
    let header = |name: &str| -> Option<Span> {
        inf.section(name)
            .map(|s| headers[s.headers[0] as usize].span)
    };
    for m in found.into_values() {
        let (Some(chosen), Some(orphan)) = (header(&m.chosen), header(&m.orphan)) else {
            continue;
        };
        out.push(
            Finding::at(
                orphan,
                format!(
                    "`[{}]` is not used where Windows installs `[{}]`: it looks for `[{}]`, which does not exist",
                    m.orphan, m.chosen, m.expected
                ),
            )
            .label(chosen, "install section chosen here")
            .help(format!("name the section `[{}]` (suffix sections must carry the install section's platform extension)", m.expected))
            .targets(if m.labels.len() == all_labels.len() { Vec::new() } else { m.labels }),
        );
    }
}
