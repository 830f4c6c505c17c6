//! AddService directives and service-install sections: names, flags, the mandatory entries and
//! their values, the service binary, and services configured differently in different places.

pub mod dck0220_start_service_on_function_driver;
pub mod inf1013_service_install_missing_entry;
pub mod inf1014_service_install_invalid_value;
pub mod inf1211_multiple_associated_services;
pub mod inf1250_invalid_event_log_type;
pub mod inf1251_associated_service_disabled;
pub mod inf1252_service_setting_conflicts_with_type;
pub mod inf1253_service_name_missing;
pub mod inf1254_unparseable_service_binary;
pub mod inf1272_unnamed_service_with_install_section;
pub mod inf1332_conflicting_service_registry_value;
pub mod inf1333_service_configured_differently;
pub mod inf2084_service_binary_not_copied;
pub mod inf2085_service_binary_not_dirid_path;

use std::collections::HashSet;
use std::rc::Rc;

use inf_parser::directives::{AddServiceDirective, ServiceInstall};

use crate::context::Context;
use crate::rules::registry::reach::path_components;

/// The values of [`every_add_service`], cached per file.
struct EveryAddService(Rc<[(String, AddServiceDirective)]>);

/// Every AddService line in any section of the INF (reached or not), once, in file order, with
/// the section it is in. Read once per file and shared.
pub(crate) fn every_add_service(cx: &Context<'_>) -> Rc<[(String, AddServiceDirective)]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for s in inf.sections() {
            if inf_parser::is_strings_section_name(&s.name) {
                continue;
            }
            for a in inf.add_services_in(s) {
                if seen.insert(a.line.index) {
                    out.push((s.name.to_string(), a));
                }
            }
        }
        EveryAddService(out.into())
    })
    .0
    .clone()
}

/// The values of [`service_install_sections`], cached per file.
struct ServiceInstallSections(Rc<[(AddServiceDirective, ServiceInstall)]>);

/// Every existing service-install section some AddService line names, once, with the first
/// line naming it and the section read as a service-install section. Read once per file and
/// shared.
pub(crate) fn service_install_sections(
    cx: &Context<'_>,
) -> Rc<[(AddServiceDirective, ServiceInstall)]> {
    cx.cached(|cx| {
        let inf = cx.inf;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (_, a) in every_add_service(cx).iter() {
            let Some(index) = a
                .install_section
                .as_ref()
                .and_then(|v| inf.section_index(&v.text))
            else {
                continue;
            };
            if seen.insert(index) {
                let install = inf.service_install(&inf.sections()[index as usize].name);
                out.push((a.clone(), install));
            }
        }
        ServiceInstallSections(out.into())
    })
    .0
    .clone()
}

/// Why a ServiceBinary value cannot be read as an image path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImagePathError {
    /// The value is empty (INF1013's finding).
    Empty,
    /// An opening quote without a closing one.
    UnbalancedQuote,
    /// Quotes around nothing.
    EmptyQuoted,
}

/// A ServiceBinary value read as the service control manager reads an image path: a quoted
/// path, or the text up to the first blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImagePath {
    /// The path of the binary.
    pub(crate) path: String,
    /// Whether the path was quoted.
    pub(crate) quoted: bool,
    /// Text after the path (arguments), trimmed.
    pub(crate) rest: String,
}

/// Reads a ServiceBinary value (after substitution; the triple quotes of the INF leave one
/// pair of quotes in the value).
pub(crate) fn image_path(value: &str) -> Result<ImagePath, ImagePathError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(ImagePathError::Empty);
    }
    if let Some(inner) = t.strip_prefix('"') {
        let close = inner.find('"').ok_or(ImagePathError::UnbalancedQuote)?;
        let path = inner[..close].trim();
        if path.is_empty() {
            return Err(ImagePathError::EmptyQuoted);
        }
        return Ok(ImagePath {
            path: path.to_owned(),
            quoted: true,
            rest: inner[close + 1..].trim().to_owned(),
        });
    }
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    Ok(ImagePath {
        path: t[..end].to_owned(),
        quoted: false,
        rest: t[end..].trim().to_owned(),
    })
}

/// A service binary path written as `%dirid%\dir\…\file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DiridPath {
    /// The DIRID.
    pub(crate) dirid: i64,
    /// The directories between the DIRID and the file, normalized (lower case, `\`).
    pub(crate) subdir: String,
    /// The file name.
    pub(crate) file: String,
}

/// Reads a path that starts with a `%dirid%` token, or `None` when it does not.
pub(crate) fn dirid_path(path: &str) -> Option<DiridPath> {
    let rest = path.trim().strip_prefix('%')?;
    let close = rest.find('%')?;
    let id = inf_parser::dirid::parse_dirid_token(&rest[..close])?;
    let mut parts = path_components(&rest[close + 1..]);
    let file = parts.pop()?.to_owned();
    Some(DiridPath {
        dirid: id,
        subdir: parts.join("\\").to_lowercase(),
        file,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths() {
        let p = image_path("%13%\\widget.sys").unwrap();
        assert_eq!((p.path.as_str(), p.quoted), ("%13%\\widget.sys", false));
        let p = image_path("\"%13%\\Sub Dir\\w.sys\" -x").unwrap();
        assert_eq!(
            (p.path.as_str(), p.quoted, p.rest.as_str()),
            ("%13%\\Sub Dir\\w.sys", true, "-x")
        );
        assert_eq!(
            image_path("%13%\\Sub Dir\\w.sys").unwrap().path,
            "%13%\\Sub"
        );
        assert_eq!(
            image_path("\"%13%\\w.sys"),
            Err(ImagePathError::UnbalancedQuote)
        );
        assert_eq!(image_path("\"\""), Err(ImagePathError::EmptyQuoted));
        assert_eq!(image_path("  "), Err(ImagePathError::Empty));
    }

    #[test]
    fn dirid_paths() {
        let d = dirid_path("%13%\\Sub\\Widget.sys").unwrap();
        assert_eq!(
            (d.dirid, d.subdir.as_str(), d.file.as_str()),
            (13, "sub", "Widget.sys")
        );
        assert_eq!(dirid_path("%12%\\w.sys").unwrap().subdir, "");
        assert!(dirid_path("\\SystemRoot\\System32\\drivers\\w.sys").is_none());
        assert!(dirid_path("%Foo%\\w.sys").is_none());
        assert!(dirid_path("%13%").is_none());
    }
}
