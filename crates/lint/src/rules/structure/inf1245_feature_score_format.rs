//! INF1245: `FeatureScore` is not a one-byte hexadecimal number.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Checks every `FeatureScore` entry: its value must be a single-byte hexadecimal number,
    /// 00 to FF, with or without `0x` (the directive page specifies a hexadecimal byte; the
    /// display-driver pages write it as `F6`).
    ///
    /// ## Why is this bad?
    /// A value that is not a hexadecimal byte (text, more than two significant digits) cannot
    /// be read as a feature score, so the driver is ranked with the default score 0xFF, the
    /// worst, and can lose to drivers it was meant to beat. InfVerif rejects it (1245).
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Install.NT]
    /// FeatureScore = 0x1F6
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Install.NT]
    /// FeatureScore = F6
    /// ```
    ///
    /// ## References
    /// - [INF FeatureScore directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-featurescore-directive)
    pub static FEATURE_SCORE_FORMAT = {
        code: "INF1245",
        name: "feature-score-format",
        category: Structure,
        infverif: Some(1245),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-featurescore-directive",
        summary: "FeatureScore is not a one-byte hexadecimal number",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    for section in inf.sections() {
        if inf_parser::is_strings_section_name(&section.name) {
            continue;
        }
        for line in inf.section_lines(section) {
            if line.raw_key_field().is_none() || !line.key_matches("FeatureScore") {
                continue;
            }
            let value = line
                .field(1)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default();
            let span = line.field_span(1).unwrap_or(line.span());
            let digits = value
                .strip_prefix("0x")
                .or_else(|| value.strip_prefix("0X"))
                .unwrap_or(&value);
            let problem = if value.is_empty() {
                "`FeatureScore` has no value".to_owned()
            } else if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                format!("`FeatureScore` `{value}` is not a hexadecimal number")
            } else if digits.trim_start_matches('0').len() > 2 {
                format!("`FeatureScore` `{value}` is larger than FF")
            } else {
                continue;
            };
            out.push(Finding::at(span, problem).help(
                "write the score as a hexadecimal byte from 00 to FF, e.g. `FeatureScore = F6`",
            ));
        }
    }
}
