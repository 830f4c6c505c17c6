//! INF1325: a COM class registered as something other than an in-process server.

use inf_parser::directives::RegRoot;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::reach::path_components;
use crate::rules::registry::{reached_add_reg, subkey_text};

declare_rule! {
    /// ## What it does
    /// Flags COM registrations of out-of-process servers in the sections Windows processes:
    /// - a `[DDInstall.COM]` AddComServer whose com-server-install section sets a `ServerType`
    ///   other than 1 (in-process);
    /// - an add-registry line that writes a `CLSID\{…}\LocalServer32` (or `LocalServer`) key,
    ///   under HKCR, `HKLM\SOFTWARE\Classes` or HKR `Classes`.
    ///
    /// ## Why is this bad?
    /// A driver package may register only in-process COM servers: AddComServer supports only
    /// ServerType 0x1, and the isolation guidance moves COM registration to `[DDInstall.COM]`
    /// or to HKR `Classes\CLSID\…\InprocServer32`. An out-of-process server is a separate
    /// program the package would start outside its isolation. InfVerif reports a COM class
    /// registration other than InprocServer32 as 1325: a warning in `/k` and `/u`, an error in
    /// `/w`.
    ///
    /// ## Example
    /// ```inf
    /// [Widget_COM_AddReg]
    /// HKCR,CLSID\{bb2b85ab-9473-42e5-8d1a-0f01d3879879}\LocalServer32,,,"%13%\WidgetServer.exe"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_Device.NT.COM]
    /// AddComServer = WidgetServer,, Widget_ComServer_Inst
    ///
    /// [Widget_ComServer_Inst]
    /// ServerType   = 1
    /// ServerBinary = %13%\WidgetServer.dll
    /// AddComClass  = {bb2b85ab-9473-42e5-8d1a-0f01d3879879}
    /// ```
    ///
    /// ## References
    /// - [INF AddComServer directive](https://learn.microsoft.com/windows-hardware/drivers/install/inf-addcomserver-directive)
    /// - [Driver package isolation](https://learn.microsoft.com/windows-hardware/drivers/develop/driver-isolation)
    /// - [INF validation errors and warnings (1325)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static OUT_OF_PROCESS_COM_SERVER = {
        code: "INF1325",
        name: "out-of-process-com-server",
        category: Isolation,
        infverif: Some(1325),
        severities: Severities::infverif(Some(Severity::Warning), Some(Severity::Warning), Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/inf-addcomserver-directive",
        summary: "COM class registered as something other than an in-process server",
        check: check,
    }
}

/// The server kind a COM class registration key names, when it is an out-of-process one:
/// `CLSID\{…}\LocalServer32` or `LocalServer`, after an optional `Classes` (HKR, or
/// `SOFTWARE\Classes` under HKLM).
fn local_server(root: &RegRoot, subkey: &str) -> Option<String> {
    let parts = path_components(subkey);
    let rest: &[&str] = match root {
        RegRoot::Hkcr => &parts,
        RegRoot::Hkr
            if parts
                .first()
                .is_some_and(|p| p.eq_ignore_ascii_case("Classes")) =>
        {
            &parts[1..]
        }
        RegRoot::Hklm
            if parts.len() > 2
                && parts[0].eq_ignore_ascii_case("SOFTWARE")
                && parts[1].eq_ignore_ascii_case("Classes") =>
        {
            &parts[2..]
        }
        _ => return None,
    };
    let [clsid, _guid, server, ..] = rest else {
        return None;
    };
    (clsid.eq_ignore_ascii_case("CLSID")
        && (server.eq_ignore_ascii_case("LocalServer32")
            || server.eq_ignore_ascii_case("LocalServer")))
    .then(|| (*server).to_owned())
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for (section, server_type) in super::directive_settings(
        cx,
        inf_parser::InstallSuffix::Com,
        "AddComServer",
        3,
        "ServerType",
    ) {
        let text = server_type
            .field(1)
            .map(|t| t.trim().to_owned())
            .unwrap_or_default();
        if inf_parser::parse_int(&text) == Ok(1) || text.contains('%') {
            continue;
        }
        out.push(
                Finding::at(server_type.field_span(1).unwrap_or_else(|| server_type.span()), format!("COM server `ServerType = {text}` in `[{section}]` is not in-process (1)"))
                    .help("only in-process servers (ServerType 1, a DLL) can be registered by a driver package"),
            );
    }
    for r in reached_add_reg(cx).iter() {
        let line = &r.line;
        let Some(server) = local_server(&line.root, subkey_text(&line.subkey)) else {
            continue;
        };
        if line.skip().is_some() || !seen.insert(line.line.index) {
            continue;
        }
        out.push(
            Finding::at(line.subkey.as_ref().map_or(line.line.span, |s| s.span), format!("COM class registered with `{server}`, an out-of-process server"))
                .help("register an in-process server (InprocServer32) through `[DDInstall.COM]` AddComServer, or under `HKR,Classes\\CLSID\\{…}\\InprocServer32`"),
        );
    }
}
