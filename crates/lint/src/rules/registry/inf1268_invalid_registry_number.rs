//! INF1268: a number in a registry line that is not plain decimal or `0x` hexadecimal.

use inf_parser::directives::{FieldValue, RegData};
use inf_parser::parse_int;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{every_add_reg, every_del_reg};

declare_rule! {
    /// ## What it does
    /// Checks the numbers of registry lines — the flags field of add-registry and del-registry
    /// lines, and the value of a REG_DWORD given as a single number — after `%strkey%`
    /// substitution: each must be a decimal number or a `0x` hexadecimal number that fits in 32
    /// bits. It also flags the forms SetupAPI reads differently from how they look: a negative
    /// number, and a decimal number with a leading zero that SetupAPI reads as octal to a
    /// different value (`010` is 8, `09` is not a number at all).
    ///
    /// ## Why is this bad?
    /// Flags and DWORD data are read with SetupGetIntField. A value it cannot read makes the line
    /// fail or be read as 0 (so a REG_DWORD line turns into a REG_SZ line); a leading zero
    /// silently changes the number. The AddReg documentation allows only hexadecimal with `0x`
    /// and decimal. InfVerif reports such numbers as error 1268.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Timeout,0x00010001,010
    /// HKR,,Mode,0x10001h,1
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,Timeout,0x00010001,10
    /// HKR,,Mode,0x00010001,1
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [INF validation errors and warnings (1268)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static INVALID_REGISTRY_NUMBER = {
        code: "INF1268",
        name: "invalid-registry-number",
        category: Registry,
        infverif: Some(1268),
        severities: Severities::all(Severity::Error),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "Registry flags or DWORD value that is not plain decimal or 0x hexadecimal",
        check: check,
    }
}

/// Why a number field is not plain decimal or `0x` hexadecimal, if it is not. Empty text reads
/// as 0 and is accepted.
pub(crate) fn number_problem(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some("is not a hexadecimal number".into());
        }
        return (hex.trim_start_matches('0').len() > 8).then(|| "does not fit in 32 bits".into());
    }
    if let Some(rest) = t.strip_prefix('-') {
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Some("is negative; SetupAPI stores it as its 32-bit two's complement".into());
        }
        return Some("is not a number".into());
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Some("is not a decimal or 0x-hexadecimal number".into());
    }
    if t.len() > 1 && t.starts_with('0') {
        let decimal: Option<u64> = t.parse().ok();
        return match parse_int(t) {
            Ok(octal) if Some(octal as u64) == decimal => None,
            Ok(octal) => Some(format!("has a leading zero: SetupAPI reads it as octal, {octal}, not {}", t.trim_start_matches('0'))),
            Err(_) => Some("has a leading zero: SetupAPI reads it as octal, and it is not a valid octal number".into()),
        };
    }
    t.parse::<u32>()
        .is_err()
        .then(|| "does not fit in 32 bits".into())
}

fn report(out: &mut Vec<Finding>, field: &FieldValue, what: &str) {
    // An undefined `%strkey%` is INF1235's finding, not a malformed number.
    if field.text.contains('%') {
        return;
    }
    if let Some(why) = number_problem(&field.text) {
        out.push(
            Finding::at(field.span, format!("{what} `{}` {why}", field.text.trim())).help(
                "write numbers in decimal without leading zeros, or in hexadecimal with `0x`",
            ),
        );
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in every_add_reg(cx).iter() {
        if !seen.insert(r.line.line.index) {
            continue;
        }
        if let Some(flags) = &r.line.flags_text {
            report(out, flags, "AddReg flags");
        }
        if r.line.flags.is_ok() {
            if let RegData::Dword { field, .. } = &r.line.data {
                if !field.span.is_empty() {
                    report(out, field, "REG_DWORD value");
                }
            }
        }
    }
    for (_, line) in every_del_reg(cx).iter() {
        if !seen.insert(line.line.index) {
            continue;
        }
        if let Some(flags) = &line.flags_text {
            report(out, flags, "DelReg flags");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::number_problem;

    #[test]
    fn accepted_and_rejected_forms() {
        for ok in [
            "",
            "0",
            "1",
            "4294967295",
            "0x0",
            "0x00010001",
            "0X1f",
            "0x000000000001",
            "00",
            "07",
            "0001",
        ] {
            assert_eq!(number_problem(ok), None, "{ok}");
        }
        for bad in [
            "-1",
            "010",
            "09",
            "0x",
            "0x1g",
            "1h",
            "4294967296",
            "0x100000000",
            "abc",
            "- 1",
        ] {
            assert!(number_problem(bad).is_some(), "{bad}");
        }
    }
}
