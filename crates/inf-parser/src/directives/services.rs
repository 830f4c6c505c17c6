//! AddService / DelService directives and service-install sections (inf-syntax.md §4.9).

use serde::Serialize;

use super::{setup_int, FieldValue, SectionReference, SourceLine, ValueEntry};
use crate::grammar::NumberError;
use crate::{eq_fold, Inf, LineRef, Section, Span};

/// The SPSVCINST_* flags of AddService / DelService.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct ServiceFlags(pub u32);

impl ServiceFlags {
    /// SPSVCINST_TAGTOFRONT.
    pub const TAGTOFRONT: u32 = 0x1;
    /// SPSVCINST_ASSOCSERVICE: the device's function driver (at most one per device).
    pub const ASSOCSERVICE: u32 = 0x2;
    /// SPSVCINST_DELETEEVENTLOGENTRY (DelService).
    pub const DELETEEVENTLOGENTRY: u32 = 0x4;
    /// SPSVCINST_NOCLOBBER_DISPLAYNAME.
    pub const NOCLOBBER_DISPLAYNAME: u32 = 0x8;
    /// SPSVCINST_NOCLOBBER_STARTTYPE.
    pub const NOCLOBBER_STARTTYPE: u32 = 0x10;
    /// SPSVCINST_NOCLOBBER_ERRORCONTROL.
    pub const NOCLOBBER_ERRORCONTROL: u32 = 0x20;
    /// SPSVCINST_NOCLOBBER_LOADORDERGROUP.
    pub const NOCLOBBER_LOADORDERGROUP: u32 = 0x40;
    /// SPSVCINST_NOCLOBBER_DEPENDENCIES.
    pub const NOCLOBBER_DEPENDENCIES: u32 = 0x80;
    /// SPSVCINST_NOCLOBBER_DESCRIPTION.
    pub const NOCLOBBER_DESCRIPTION: u32 = 0x100;
    /// SPSVCINST_STOPSERVICE (DelService).
    pub const STOPSERVICE: u32 = 0x200;
    /// SPSVCINST_CLOBBER_SECURITY.
    pub const CLOBBER_SECURITY: u32 = 0x400;
    /// SPSVCINST_STARTSERVICE (Vista+).
    pub const STARTSERVICE: u32 = 0x800;
    /// SPSVCINST_NOCLOBBER_REQUIREDPRIVILEGES (Windows 7+).
    pub const NOCLOBBER_REQUIREDPRIVILEGES: u32 = 0x1000;
    /// SPSVCINST_NOCLOBBER_TRIGGERS (Windows 10 2004+).
    pub const NOCLOBBER_TRIGGERS: u32 = 0x2000;
    /// SPSVCINST_NOCLOBBER_SERVICESIDTYPE (Windows 10 2004+).
    pub const NOCLOBBER_SERVICESIDTYPE: u32 = 0x4000;
    /// SPSVCINST_NOCLOBBER_DELAYEDAUTOSTART (Windows 10 2004+).
    pub const NOCLOBBER_DELAYEDAUTOSTART: u32 = 0x8000;
    /// SPSVCINST_NOCLOBBER_FAILUREACTIONS (Windows 11 22H2+).
    pub const NOCLOBBER_FAILUREACTIONS: u32 = 0x20000;
    /// SPSVCINST_NOCLOBBER_BOOTFLAGS (Windows 11 build 25398+).
    pub const NOCLOBBER_BOOTFLAGS: u32 = 0x40000;
    const KNOWN: u32 = 0x6_FFFF & !0x1_0000;

    /// Whether every bit of `flag` is set.
    pub fn has(self, flag: u32) -> bool {
        self.0 & flag == flag
    }
    /// Whether SPSVCINST_TAGTOFRONT is set.
    pub fn tag_to_front(self) -> bool {
        self.has(Self::TAGTOFRONT)
    }
    /// Whether SPSVCINST_ASSOCSERVICE is set.
    pub fn assoc_service(self) -> bool {
        self.has(Self::ASSOCSERVICE)
    }
    /// Whether SPSVCINST_DELETEEVENTLOGENTRY is set.
    pub fn delete_event_log_entry(self) -> bool {
        self.has(Self::DELETEEVENTLOGENTRY)
    }
    /// Whether SPSVCINST_STOPSERVICE is set.
    pub fn stop_service(self) -> bool {
        self.has(Self::STOPSERVICE)
    }
    /// Whether SPSVCINST_STARTSERVICE is set.
    pub fn start_service(self) -> bool {
        self.has(Self::STARTSERVICE)
    }
    /// Whether SPSVCINST_CLOBBER_SECURITY is set.
    pub fn clobber_security(self) -> bool {
        self.has(Self::CLOBBER_SECURITY)
    }
    /// Bits no SPSVCINST_* flag defines.
    pub fn unknown_bits(self) -> u32 {
        self.0 & !Self::KNOWN
    }
}

fn flags_of(text: &Option<FieldValue>) -> Result<u32, NumberError> {
    text.as_ref().map_or(Ok(0), |f| setup_int(&f.text))
}

fn nonempty(line: &LineRef<'_>, n: usize) -> Option<FieldValue> {
    FieldValue::field(line, n).filter(|f| !f.is_empty())
}

/// An `AddService = name,[flags],install-section[,event-log-section[,[type][,event-name]]]` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddServiceDirective {
    /// Where the line is.
    pub line: SourceLine,
    /// Field 1, the service name (empty for the NULL driver `AddService = ,2`).
    pub name: FieldValue,
    /// Field 2 as written.
    pub flags_text: Option<FieldValue>,
    /// Field 2 read by SetupGetIntField (absent or empty: 0).
    pub flags: Result<u32, NumberError>,
    /// Field 3, the service-install section, when not empty.
    pub install_section: Option<FieldValue>,
    /// Field 4, the event-log install section, when not empty.
    pub event_log_section: Option<FieldValue>,
    /// Field 5, the event log type (System, Security or Application; default System).
    pub event_log_type: Option<FieldValue>,
    /// Field 6, the event source name (default: the service name).
    pub event_name: Option<FieldValue>,
}

impl AddServiceDirective {
    /// Reads one AddService line.
    pub fn read(line: &LineRef<'_>) -> AddServiceDirective {
        let name = FieldValue::field(line, 1).unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: Span::empty(line.span().end as usize),
            line: line.index(),
            field: 1,
        });
        let flags_text = FieldValue::field(line, 2);
        AddServiceDirective {
            line: SourceLine::of(line),
            name,
            flags: flags_of(&flags_text),
            flags_text,
            install_section: nonempty(line, 3),
            event_log_section: nonempty(line, 4),
            event_log_type: nonempty(line, 5),
            event_name: nonempty(line, 6),
        }
    }

    /// The flags SetupAPI acts on (0 when not a number).
    pub fn effective_flags(&self) -> ServiceFlags {
        ServiceFlags(*self.flags.as_ref().unwrap_or(&0))
    }

    /// Whether this declares the NULL driver: no service name, with SPSVCINST_ASSOCSERVICE.
    pub fn is_null_driver(&self) -> bool {
        self.name.text.trim().is_empty() && self.effective_flags().assoc_service()
    }
}

/// A `DelService = name[,[flags][,[event-log-type][,event-name]]]` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelServiceDirective {
    /// Where the line is.
    pub line: SourceLine,
    /// Field 1, the service name.
    pub name: FieldValue,
    /// Field 2 as written.
    pub flags_text: Option<FieldValue>,
    /// Field 2 read by SetupGetIntField (absent or empty: 0).
    pub flags: Result<u32, NumberError>,
    /// Field 3, the event log type.
    pub event_log_type: Option<FieldValue>,
    /// Field 4, the event source name.
    pub event_name: Option<FieldValue>,
}

impl DelServiceDirective {
    /// Reads one DelService line.
    pub fn read(line: &LineRef<'_>) -> DelServiceDirective {
        let name = FieldValue::field(line, 1).unwrap_or_else(|| FieldValue {
            text: String::new(),
            span: Span::empty(line.span().end as usize),
            line: line.index(),
            field: 1,
        });
        let flags_text = FieldValue::field(line, 2);
        DelServiceDirective {
            line: SourceLine::of(line),
            name,
            flags: flags_of(&flags_text),
            flags_text,
            event_log_type: nonempty(line, 3),
            event_name: nonempty(line, 4),
        }
    }

    /// The flags SetupAPI acts on (0 when not a number).
    pub fn effective_flags(&self) -> ServiceFlags {
        ServiceFlags(*self.flags.as_ref().unwrap_or(&0))
    }
}

/// Why a numeric service value cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceNumberError {
    /// The line has no value field.
    Missing,
    /// The value is not a number.
    NotANumber,
    /// The number is out of range.
    OutOfRange,
}

/// A numeric entry of a service-install section (ServiceType, StartType, ErrorControl, …): the
/// first line with the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceNumber {
    /// The entry.
    pub entry: ValueEntry,
    /// The value read by SetupGetIntField (an empty value reads as 0).
    pub value: Result<u32, ServiceNumberError>,
}

impl ServiceNumber {
    fn read(line: &LineRef<'_>) -> ServiceNumber {
        let entry = ValueEntry::read(line);
        let value = if line.field_count() == 0 {
            Err(ServiceNumberError::Missing)
        } else {
            setup_int(&entry.value.text).map_err(|e| match e {
                NumberError::OutOfRange => ServiceNumberError::OutOfRange,
                NumberError::NotANumber | NumberError::Empty => ServiceNumberError::NotANumber,
            })
        };
        ServiceNumber { entry, value }
    }
}

/// What is wrong with a service-install section as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ServiceInstallProblem {
    /// The section does not exist.
    SectionMissing,
    /// A required entry (ServiceType, StartType, ErrorControl, ServiceBinary) is missing.
    MissingRequired {
        /// The entry name.
        key: &'static str,
    },
    /// A required numeric entry is present but unusable (SetupAPI fails with
    /// ERROR_BAD_SERVICE_INSTALLSECT).
    BadNumber {
        /// The entry name.
        key: &'static str,
        /// Why.
        error: ServiceNumberError,
        /// The value's span.
        span: Span,
    },
}

/// A typed service-install section. Single-valued entries take the first matching line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceInstall {
    /// The section name asked for.
    pub section: String,
    /// Whether the section exists.
    pub exists: bool,
    /// `ServiceType` (0x1 kernel driver, 0x2 file system driver, 0x10/0x20 Win32 services).
    pub service_type: Option<ServiceNumber>,
    /// `StartType` (0 boot … 4 disabled).
    pub start_type: Option<ServiceNumber>,
    /// `ErrorControl` (0 ignore … 3 critical).
    pub error_control: Option<ServiceNumber>,
    /// `ServiceBinary`, typically `%13%\driver.sys`.
    pub service_binary: Option<ValueEntry>,
    /// `DisplayName`.
    pub display_name: Option<ValueEntry>,
    /// `Description`.
    pub description: Option<ValueEntry>,
    /// `StartName`.
    pub start_name: Option<ValueEntry>,
    /// `LoadOrderGroup`.
    pub load_order_group: Option<ValueEntry>,
    /// `Security` (an SDDL string).
    pub security: Option<ValueEntry>,
    /// `Dependencies`: the first line's fields up to the first empty one (`+Group` names a
    /// load-order group).
    pub dependencies: Vec<FieldValue>,
    /// `RequiredPrivileges` values (every line and field).
    pub required_privileges: Vec<FieldValue>,
    /// `ServiceSidType`.
    pub service_sid_type: Option<ServiceNumber>,
    /// `DelayedAutoStart`.
    pub delayed_auto_start: Option<ServiceNumber>,
    /// `BootFlags`.
    pub boot_flags: Option<ServiceNumber>,
    /// `AddReg` sections (every line and field).
    pub add_reg: Vec<SectionReference>,
    /// `DelReg` sections.
    pub del_reg: Vec<SectionReference>,
    /// `BitReg` sections.
    pub bit_reg: Vec<SectionReference>,
    /// Every other line, as `key = values` entries (AddTrigger, FailureActions, unknown keys, …).
    pub other: Vec<ValueEntry>,
}

impl ServiceInstall {
    /// Reads the service-install section `section` of `inf`.
    pub fn read(inf: &Inf, section: &str) -> ServiceInstall {
        let mut s = ServiceInstall {
            section: section.to_owned(),
            exists: inf.has_section(section),
            service_type: None,
            start_type: None,
            error_control: None,
            service_binary: None,
            display_name: None,
            description: None,
            start_name: None,
            load_order_group: None,
            security: None,
            dependencies: Vec::new(),
            required_privileges: Vec::new(),
            service_sid_type: None,
            delayed_auto_start: None,
            boot_flags: None,
            add_reg: inf.section_references(section, "AddReg"),
            del_reg: inf.section_references(section, "DelReg"),
            bit_reg: inf.section_references(section, "BitReg"),
            other: Vec::new(),
        };
        let mut saw_dependencies = false;
        for line in inf.lines(section) {
            let Some(key) = line.match_key() else {
                s.other.push(ValueEntry::read(&line));
                continue;
            };
            let k = key.as_ref();
            let number = |slot: &mut Option<ServiceNumber>| {
                slot.get_or_insert_with(|| ServiceNumber::read(&line));
            };
            let string = |slot: &mut Option<ValueEntry>| {
                slot.get_or_insert_with(|| ValueEntry::read(&line));
            };
            if eq_fold(k, "ServiceType") {
                number(&mut s.service_type);
            } else if eq_fold(k, "StartType") {
                number(&mut s.start_type);
            } else if eq_fold(k, "ErrorControl") {
                number(&mut s.error_control);
            } else if eq_fold(k, "ServiceSidType") {
                number(&mut s.service_sid_type);
            } else if eq_fold(k, "DelayedAutoStart") {
                number(&mut s.delayed_auto_start);
            } else if eq_fold(k, "BootFlags") {
                number(&mut s.boot_flags);
            } else if eq_fold(k, "ServiceBinary") {
                string(&mut s.service_binary);
            } else if eq_fold(k, "DisplayName") {
                string(&mut s.display_name);
            } else if eq_fold(k, "Description") {
                string(&mut s.description);
            } else if eq_fold(k, "StartName") {
                string(&mut s.start_name);
            } else if eq_fold(k, "LoadOrderGroup") {
                string(&mut s.load_order_group);
            } else if eq_fold(k, "Security") {
                string(&mut s.security);
            } else if eq_fold(k, "Dependencies") {
                if !saw_dependencies {
                    saw_dependencies = true;
                    s.dependencies = FieldValue::fields_from(&line, 1)
                        .into_iter()
                        .take_while(|f| !f.is_empty())
                        .collect();
                }
            } else if eq_fold(k, "RequiredPrivileges") {
                s.required_privileges.extend(
                    FieldValue::fields_from(&line, 1)
                        .into_iter()
                        .filter(|f| !f.is_empty()),
                );
            } else if !(eq_fold(k, "AddReg") || eq_fold(k, "DelReg") || eq_fold(k, "BitReg")) {
                s.other.push(ValueEntry::read(&line));
            }
        }
        s
    }

    /// What keeps SetupAPI from installing the service: a missing section, a missing required
    /// entry, or a required number that is not one. Empty when the section is usable.
    pub fn problems(&self) -> Vec<ServiceInstallProblem> {
        if !self.exists {
            return vec![ServiceInstallProblem::SectionMissing];
        }
        let mut out = Vec::new();
        for (key, slot) in [
            ("ServiceType", &self.service_type),
            ("StartType", &self.start_type),
            ("ErrorControl", &self.error_control),
        ] {
            match slot {
                None => out.push(ServiceInstallProblem::MissingRequired { key }),
                Some(ServiceNumber {
                    value: Err(error),
                    entry,
                }) => out.push(ServiceInstallProblem::BadNumber {
                    key,
                    error: *error,
                    span: entry.value.span,
                }),
                Some(_) => {}
            }
        }
        let binary_missing = match &self.service_binary {
            None => true,
            Some(e) => e.value.text.trim().is_empty(),
        };
        if binary_missing {
            out.push(ServiceInstallProblem::MissingRequired {
                key: "ServiceBinary",
            });
        }
        out
    }
}

/// The symbolic name of a ServiceType value, when it is a documented one.
pub fn service_type_name(value: u32) -> Option<&'static str> {
    Some(match value {
        0x1 => "SERVICE_KERNEL_DRIVER",
        0x2 => "SERVICE_FILE_SYSTEM_DRIVER",
        0x10 => "SERVICE_WIN32_OWN_PROCESS",
        0x20 => "SERVICE_WIN32_SHARE_PROCESS",
        0x110 => "SERVICE_WIN32_OWN_PROCESS | SERVICE_INTERACTIVE_PROCESS",
        0x120 => "SERVICE_WIN32_SHARE_PROCESS | SERVICE_INTERACTIVE_PROCESS",
        _ => return None,
    })
}

/// The symbolic name of a StartType value, when it is a documented one.
pub fn start_type_name(value: u32) -> Option<&'static str> {
    [
        "SERVICE_BOOT_START",
        "SERVICE_SYSTEM_START",
        "SERVICE_AUTO_START",
        "SERVICE_DEMAND_START",
        "SERVICE_DISABLED",
    ]
    .get(value as usize)
    .copied()
}

/// The symbolic name of an ErrorControl value, when it is a documented one.
pub fn error_control_name(value: u32) -> Option<&'static str> {
    [
        "SERVICE_ERROR_IGNORE",
        "SERVICE_ERROR_NORMAL",
        "SERVICE_ERROR_SEVERE",
        "SERVICE_ERROR_CRITICAL",
    ]
    .get(value as usize)
    .copied()
}

impl Inf {
    /// Every `AddService` line of `section` (typically `DDInstall.Services`), in file order.
    pub fn add_services(&self, section: &str) -> Vec<AddServiceDirective> {
        self.find_lines(section, "AddService")
            .map(|l| AddServiceDirective::read(&l))
            .collect()
    }

    /// Like [`Self::add_services`] for a section already looked up.
    pub fn add_services_in(&self, section: &Section) -> Vec<AddServiceDirective> {
        self.find_lines_in(section, "AddService")
            .map(|l| AddServiceDirective::read(&l))
            .collect()
    }

    /// Every `DelService` line of `section`, in file order.
    pub fn del_services(&self, section: &str) -> Vec<DelServiceDirective> {
        self.find_lines(section, "DelService")
            .map(|l| DelServiceDirective::read(&l))
            .collect()
    }

    /// The typed service-install section `section`.
    pub fn service_install(&self, section: &str) -> ServiceInstall {
        ServiceInstall::read(self, section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_inf, InfOptions};

    fn inf(body: &str) -> Inf {
        parse_inf(
            format!("[Version]\nSignature=\"$Windows NT$\"\n{body}").as_bytes(),
            1252,
            InfOptions::default(),
        )
    }

    #[test]
    fn add_service_lines() {
        let inf = inf(
            "[I.Services]\nAddService = MyDrv, %SPSVCINST_ASSOCSERVICE%, Svc, EL, Application, MySource\n\
             AddService = ,2\nAddService=Other,bad,\nDelService=Old,0x204\n[Strings]\nSPSVCINST_ASSOCSERVICE=0x00000002\n",
        );
        let a = inf.add_services("I.Services");
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].name.text, "MyDrv");
        assert!(a[0].effective_flags().assoc_service());
        assert_eq!(a[0].install_section.as_ref().unwrap().text, "Svc");
        assert_eq!(a[0].event_log_section.as_ref().unwrap().text, "EL");
        assert_eq!(a[0].event_log_type.as_ref().unwrap().text, "Application");
        assert_eq!(a[0].event_name.as_ref().unwrap().text, "MySource");
        assert!(!a[0].is_null_driver());
        assert!(a[1].is_null_driver());
        assert!(a[1].install_section.is_none());
        assert_eq!(a[2].flags, Err(NumberError::NotANumber));
        assert!(a[2].install_section.is_none());
        let d = inf.del_services("i.services");
        assert!(
            d[0].effective_flags().stop_service()
                && d[0].effective_flags().delete_event_log_entry()
        );
        assert_eq!(ServiceFlags(0x1_0000).unknown_bits(), 0x1_0000);
        assert_eq!(ServiceFlags(0x6_FFFF & !0x1_0000).unknown_bits(), 0);
    }

    #[test]
    fn service_install_section() {
        let inf = inf(
            "[Svc]\nDisplayName=%N%\nServiceType=1\nStartType=3\nStartType=0\nErrorControl=0x1\n\
             ServiceBinary=%13%\\drv.sys\nLoadOrderGroup=Base\nDependencies=a,+grp,,b\nAddReg=R1,R2\nAddReg=R3\n\
             AddTrigger=T\n[R1]\n[Strings]\nN=\"My driver\"\n",
        );
        let s = inf.service_install("svc");
        assert!(s.exists);
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        assert_eq!(s.service_type.as_ref().unwrap().value, Ok(1));
        assert_eq!(s.start_type.as_ref().unwrap().value, Ok(3));
        assert_eq!(s.error_control.as_ref().unwrap().value, Ok(1));
        assert_eq!(
            s.service_binary.as_ref().unwrap().value.text,
            "%13%\\drv.sys"
        );
        assert_eq!(s.display_name.as_ref().unwrap().value.text, "My driver");
        let deps: Vec<_> = s.dependencies.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(deps, vec!["a", "+grp"]);
        let regs: Vec<_> = s
            .add_reg
            .iter()
            .map(|r| (r.name.text.as_str(), r.exists))
            .collect();
        assert_eq!(regs, vec![("R1", true), ("R2", false), ("R3", false)]);
        assert_eq!(s.other.len(), 1);
        assert_eq!(s.other[0].key.text, "AddTrigger");
        assert_eq!(start_type_name(3), Some("SERVICE_DEMAND_START"));
        assert_eq!(start_type_name(5), None);
        assert_eq!(service_type_name(1), Some("SERVICE_KERNEL_DRIVER"));
        assert_eq!(error_control_name(1), Some("SERVICE_ERROR_NORMAL"));
    }

    #[test]
    fn service_install_problems() {
        let inf = inf("[Svc]\nServiceType=kernel\nStartType=\nErrorControl\n");
        let p = inf.service_install("Svc").problems();
        assert_eq!(p.len(), 3);
        assert!(matches!(
            p[0],
            ServiceInstallProblem::BadNumber {
                key: "ServiceType",
                error: ServiceNumberError::NotANumber,
                ..
            }
        ));
        assert!(matches!(
            p[1],
            ServiceInstallProblem::BadNumber {
                key: "ErrorControl",
                error: ServiceNumberError::NotANumber,
                ..
            }
        ));
        assert_eq!(
            p[2],
            ServiceInstallProblem::MissingRequired {
                key: "ServiceBinary"
            }
        );
        // An empty value reads as 0 (SetupGetIntField), which is usable.
        assert_eq!(inf.service_install("Svc").start_type.unwrap().value, Ok(0));
        assert_eq!(
            inf.service_install("Nope").problems(),
            vec![ServiceInstallProblem::SectionMissing]
        );
        let inf2 = super::tests::inf("[S]\nServiceBinary=x\n");
        let p = inf2.service_install("S").problems();
        assert_eq!(p.len(), 3);
    }
}
