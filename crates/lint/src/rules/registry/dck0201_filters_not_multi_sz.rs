//! DCK0201: an UpperFilters or LowerFilters value that is not REG_MULTI_SZ.

use inf_parser::directives::{RegRoot, RegType};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{every_add_reg, value_name, writes_no_data};

declare_rule! {
    /// ## What it does
    /// Flags `HKR,,UpperFilters` and `HKR,,LowerFilters` add-registry lines whose type is not
    /// REG_MULTI_SZ (flags `0x00010000`, or `0x00010008` to append).
    ///
    /// ## Why is this bad?
    /// The AddReg documentation defines both special values with flags `0x10000`: the PnP
    /// manager reads the filter list as a multi-string, one service name per string. Written
    /// as REG_SZ (the default when the flags field is empty) or as binary data, the filter is
    /// not loaded reliably. InfVerif has no code for this; difcheck reports it as a warning in
    /// every profile.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.HW_AddReg]
    /// HKR,,UpperFilters,,WidgetFilter
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.HW_AddReg]
    /// HKR,,UpperFilters,0x00010000,WidgetFilter
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive: UpperFilters, LowerFilters](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    pub static FILTERS_NOT_MULTI_SZ = {
        code: "DCK0201",
        name: "filters-not-multi-sz",
        category: Registry,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "UpperFilters or LowerFilters written with a type other than REG_MULTI_SZ",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in every_add_reg(cx).iter() {
        let line = &r.line;
        let name = value_name(line);
        if line.root != RegRoot::Hkr
            || !(name.eq_ignore_ascii_case("UpperFilters")
                || name.eq_ignore_ascii_case("LowerFilters"))
            || line.flags.is_err()
            || line.skip().is_some()
            || writes_no_data(line)
            || line.reg_type() == RegType::MultiSz
            || !seen.insert(line.line.index)
        {
            continue;
        }
        let span = line
            .flags_text
            .as_ref()
            .filter(|f| !f.text.trim().is_empty())
            .map_or(line.line.span, |f| f.span);
        out.push(
            Finding::at(span, format!("`{name}` is written as {}, not REG_MULTI_SZ", line.reg_type().name()))
                .help(format!("use flags `0x00010000` (or `0x00010008` to append): `HKR,,{name},0x00010000,<service>`")),
        );
    }
}
