//! DCK0251: a Manufacturer decoration with a ProductType or SuiteMask in a universal INF.

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

declare_rule! {
    /// ## What it does
    /// Flags `[Manufacturer]` TargetOSVersion decorations that give a ProductType or a
    /// SuiteMask field, such as `NTamd64.10.0.1` or `NTx86....0x80`.
    ///
    /// ## Why is this bad?
    /// The universal INF page allows `[Manufacturer]` only if no TargetOSVersion decoration
    /// contains a ProductType or SuiteMask: those fields select Windows editions (workstation,
    /// server, datacenter, …), while a universal INF must behave the same on every edition.
    /// InfVerif documents no separate code. Desktop packages may target editions, so difcheck
    /// reports it only where the restriction applies: as an error in the universal and
    /// windows-driver profiles, not at all in the others.
    ///
    /// ## Example
    /// ```inf
    /// [Manufacturer]
    /// %Contoso% = Widget, NTamd64.10.0.1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Manufacturer]
    /// %Contoso% = Widget, NTamd64.10.0
    /// ```
    ///
    /// ## References
    /// - [Using a universal INF file](https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file)
    /// - [INF Manufacturer section](https://learn.microsoft.com/windows-hardware/drivers/install/inf-manufacturer-section)
    pub static PRODUCT_TYPE_DECORATION = {
        code: "DCK0251",
        name: "product-type-decoration",
        category: Universal,
        infverif: None,
        severities: Severities {
            basic: None,
            universal: Some(Severity::Error),
            windows_driver: Some(Severity::Error),
            declarative: None,
            signing: None,
        },
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-a-universal-inf-file",
        summary: "TargetOSVersion with a ProductType or SuiteMask, invalid in universal INFs",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for m in cx.manufacturers().iter() {
        for d in &m.decorations {
            let Ok(v) = &d.parsed else { continue };
            let field = match (v.product_type, v.suite_mask) {
                (Some(_), Some(_)) => "a ProductType and a SuiteMask",
                (Some(_), None) => "a ProductType",
                (None, Some(_)) => "a SuiteMask",
                (None, None) => continue,
            };
            out.push(
                Finding::at(d.value.span, format!("decoration `{}` selects Windows editions with {field}", d.value.text.trim()))
                    .help("drop the ProductType and SuiteMask fields: a universal INF installs the same way on every edition"),
            );
        }
    }
}
