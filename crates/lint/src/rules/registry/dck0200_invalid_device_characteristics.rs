//! DCK0200: a DeviceCharacteristics value with bits an INF may not set.

use inf_parser::directives::{RegData, RegRoot, RegType};

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;

use super::{every_add_reg, value_name, writes_no_data};

/// FILE_REMOVABLE_MEDIA | FILE_READ_ONLY_DEVICE | FILE_FLOPPY_DISKETTE | FILE_WRITE_ONCE_MEDIA |
/// FILE_DEVICE_SECURE_OPEN: the only characteristics the AddReg documentation lets an INF set.
const ALLOWED: u32 = 0x0000_010F;

declare_rule! {
    /// ## What it does
    /// Checks `HKR,,DeviceCharacteristics` add-registry lines: the value must be a REG_DWORD
    /// (`0x10001`) made only of the FILE_* characteristics the AddReg documentation lists for
    /// INFs: FILE_REMOVABLE_MEDIA (0x1), FILE_READ_ONLY_DEVICE (0x2), FILE_FLOPPY_DISKETTE
    /// (0x4), FILE_WRITE_ONCE_MEDIA (0x8) and FILE_DEVICE_SECURE_OPEN (0x100).
    ///
    /// ## Why is this bad?
    /// "Only the following values can be specified in an INF": the PnP manager ORs the value into
    /// every device object of the stack, so any other bit (for example
    /// FILE_CHARACTERISTIC_PNP_DEVICE, or a mistyped constant) changes how the I/O manager
    /// treats the device, and a value of another type is not read at all. InfVerif has no code
    /// for this; difcheck reports it as a warning in every profile because the install still
    /// succeeds.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_Device.NT.HW_AddReg]
    /// HKR,,DeviceCharacteristics,0x10001,0x20100
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.HW_AddReg]
    /// HKR,,DeviceCharacteristics,0x10001,0x100
    /// ```
    ///
    /// ## References
    /// - [INF AddReg directive: DeviceCharacteristics](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive)
    /// - [Specifying device characteristics](https://learn.microsoft.com/windows-hardware/drivers/kernel/specifying-device-characteristics)
    pub static INVALID_DEVICE_CHARACTERISTICS = {
        code: "DCK0200",
        name: "invalid-device-characteristics",
        category: Registry,
        infverif: None,
        severities: Severities::all(Severity::Warning),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addreg-directive",
        summary: "DeviceCharacteristics value outside the FILE_* bits an INF may set",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for r in every_add_reg(cx).iter() {
        let line = &r.line;
        if line.root != RegRoot::Hkr
            || !value_name(line).eq_ignore_ascii_case("DeviceCharacteristics")
            || line.flags.is_err()
            || writes_no_data(line)
            || !seen.insert(line.line.index)
        {
            continue;
        }
        match &line.data {
            RegData::Dword { field, value: Ok(v) } if v & !ALLOWED != 0 => out.push(
                Finding::at(field.span, format!("DeviceCharacteristics `{}` sets bits 0x{:X} that an INF may not set", field.text.trim(), v & !ALLOWED))
                    .help("use only FILE_REMOVABLE_MEDIA (0x1), FILE_READ_ONLY_DEVICE (0x2), FILE_FLOPPY_DISKETTE (0x4), FILE_WRITE_ONCE_MEDIA (0x8) and FILE_DEVICE_SECURE_OPEN (0x100)"),
            ),
            RegData::Dword { .. } => {}
            _ if line.reg_type() != RegType::Dword => {
                let span = line.flags_text.as_ref().map_or(line.line.span, |f| f.span);
                out.push(
                    Finding::at(span, format!("DeviceCharacteristics is written as {}, not REG_DWORD", line.reg_type().name()))
                        .help("write it as a REG_DWORD number: `HKR,,DeviceCharacteristics,0x10001,0x100`"),
                );
            }
            _ => {}
        }
    }
}
