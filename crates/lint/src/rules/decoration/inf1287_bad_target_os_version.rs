//! INF1287: a TargetOSVersion decoration on a `[Manufacturer]` entry cannot be parsed.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks every decoration of every `[Manufacturer]` entry against the TargetOSVersion
    /// grammar `NT[arch][.major[.minor[.ProductType[.SuiteMask[.BuildNumber]]]]]`: it must start
    /// with `NT`, name a known architecture (`x86`, `amd64`, `arm`, `arm64`, `ia64`; `x64` is
    /// not one), have numeric fields, at most five of them, no minor version without a major
    /// one, and a BuildNumber only with OS version 10.0 or later. (`$ARCH$` is INF1274; a
    /// build below 14310 is INF1288.)
    ///
    /// ## Why is this bad?
    /// Windows ignores a decoration it cannot parse, so the Models section it names is never
    /// used and the devices it lists do not install on the intended platform; the common case
    /// is `NTx64`, which installs nothing on 64-bit Windows. InfVerif rejects it (1287).
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTx64
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Mfg% = Widgets, NTamd64
    /// ```
    ///
    /// ## References
    /// - [INF Manufacturer section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section)
    /// - [Combining platform extensions with other section-name extensions](https://learn.microsoft.com/windows-hardware/drivers/install/combining-platform-extensions-with-operating-system-versions)
    pub static BAD_TARGET_OS_VERSION = {
        code: "INF1287",
        name: "bad-target-os-version",
        category: Decoration,
        infverif: Some(1287),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section",
        summary: "TargetOSVersion decoration that cannot be parsed",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for m in cx.manufacturers().iter() {
        for d in &m.decorations {
            let Some(issue) = d
                .issues()
                .into_iter()
                .find(|i| i.infverif_code() == Some(1287))
            else {
                continue;
            };
            let text = d.value.text.trim();
            let effect = if issue.prevents_use() {
                format!("Windows ignores it and never uses `[{}]`", d.section_name)
            } else {
                "InfVerif rejects it".to_owned()
            };
            out.push(
                Finding::at(d.value.span, format!("invalid TargetOSVersion `{text}`: {issue}; {effect}"))
                    .help("write `NT<arch>[.major[.minor[.ProductType[.SuiteMask[.BuildNumber]]]]]`, e.g. `NTamd64.10.0...19041`"),
            );
        }
    }
}
