//! INF1286: the `Class` name is longer than 31 characters.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

/// MAX_CLASS_NAME_LEN (32) includes the terminating NUL.
const MAX_CLASS_NAME_CHARS: usize = 31;

declare_rule! {
    /// ## What it does
    /// Flags a `[Version]` `Class` name (after substitution) longer than 31 characters.
    ///
    /// ## Why is this bad?
    /// Windows stores class names in buffers of MAX_CLASS_NAME_LEN (32) characters including
    /// the terminating NUL, so a longer name cannot be used. The Version page says "32
    /// characters"; InfVerif's limit is 31 (1286).
    ///
    /// ## Example
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = ContosoVeryLongDeviceClassNameForWidgets
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Version]
    /// Signature = "$Windows NT$"
    /// Class = ContosoWidgets
    /// ```
    ///
    /// ## References
    /// - [INF Version section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section)
    /// - [INF validation errors and warnings (1286)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static CLASS_NAME_TOO_LONG = {
        code: "INF1286",
        name: "class-name-too-long",
        category: Version,
        infverif: Some(1286),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section",
        summary: "Class name longer than 31 characters",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let version = cx.version();
    let Some(class) = &version.class else {
        return;
    };
    let name = class.value.text.trim();
    let chars = name.chars().count();
    if chars <= MAX_CLASS_NAME_CHARS {
        return;
    }
    out.push(
        Finding::at(class.value.span, format!("class name `{name}` has {chars} characters; at most {MAX_CLASS_NAME_CHARS} are allowed"))
            .help("shorten the class name"),
    );
}
