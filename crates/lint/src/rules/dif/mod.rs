//! DIF dispatch hazards (dif-model.md §2, §6.3): what `SetupDiCallClassInstaller` does with the
//! values an installer's source returns, read from dif-model's dispatch simulation.
//!
//! Shared by the `dif`, `finish-install` and `installer-source` categories:
//! - [`subjects`]: every installer entry point the source rules check: each registered DIF
//!   installer whose source was found (with its INF registration), and each installer function
//!   of the sources that the INF does not register ("unregistered here": another INF or the
//!   registry may register it);
//! - [`hits`]: the protocol violations dif-model's [`predict`] finds for one subject alone, for
//!   every DIF its source recognises, for one code it does not recognise (its default path),
//!   and for `DIF_INSTALLDEVICE` with `DI_FLAGSEX_SETFAILEDINSTALL`. Violations are not
//!   re-derived here; they are grouped by kind and source location;
//! - [`subject_finding`]: a finding that points at the INF registration and at the source.

pub mod dif0050_co_installer_returns_do_default;
pub mod dif0051_co_installer_unrecognised_dif_return;
pub mod dif0052_class_installer_unrecognised_dif_return;
pub mod dif0053_class_installer_requests_postprocessing;
pub mod dif0054_postprocessing_forbidden_for_dif;
pub mod dif0055_co_installer_destroyprivatedata_return;
pub mod dif0056_setfailedinstall_contract;
pub mod dif0057_postprocessing_requested_in_post;
pub mod dif0058_interactive_window_station_return;
pub mod dif0059_default_handler_superseded;
pub mod dif0060_default_handler_called_twice;
pub mod dif0061_dif_specific_code_elsewhere;
pub mod dif0062_handler_never_runs;
pub mod dif0063_post_processing_ignores_install_result;
pub mod dif0064_read_only_context_field_written;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use dif_model::behavior::{InstallerBehavior, Knowledge, Role, SourceLocation};
use dif_model::catalog::{dif_codes, dif_display_name, DI_FLAGSEX_SETFAILEDINSTALL};
use dif_model::chain::{DeviceChain, Installer, MatchOutcome};
use dif_model::dispatch::{
    predict, CallPass, DispatchInput, Outcome, Participant, Status, ViolationKind,
};
use dif_model::source::{EntryPoint, FoundBy, PrototypeKind};

use crate::context::Context;
use crate::finding::Finding;
use crate::package::TargetPackage;
use crate::rules::installer::{string_span, targets_of};

/// A DIF code no installer recognises, used to read an installer's default path (Windows passes
/// unknown codes through unchanged; WINE-T uses this value).
pub(crate) const UNRECOGNISED_DIF: u32 = 0xDEAD_BEEF;

/// Where a checked entry point is registered by the INF.
pub(crate) struct Registration<'a> {
    /// The registration as the first chain reaching it reads it.
    pub(crate) installer: &'a Installer,
    /// The labels of the targets registering it.
    pub(crate) labels: Vec<Option<String>>,
}

/// One installer entry point the source rules check.
pub(crate) struct Subject<'a> {
    /// The entry point: prototype and behaviour.
    pub(crate) entry: &'a EntryPoint,
    /// The role it is simulated in: the registered role, or for an unregistered function the
    /// role its prototype declares (a co-installer prototype is simulated as a class
    /// co-installer, which is called for every DIF).
    pub(crate) role: Role,
    /// The INF registration, `None` for a function this INF does not register.
    pub(crate) registration: Option<Registration<'a>>,
}

impl Subject<'_> {
    /// The behaviour read from the source.
    pub(crate) fn behavior(&self) -> &InstallerBehavior {
        &self.entry.behavior
    }

    /// `dll!entry` for a registered installer, the exported name otherwise.
    pub(crate) fn name(&self) -> String {
        match &self.registration {
            Some(r) => r.installer.display_name(),
            None => self.entry.behavior.entry.clone(),
        }
    }

    /// What it is, for messages: `device co-installer`, `class installer`, or for an
    /// unregistered co-installer function just `co-installer`.
    pub(crate) fn what(&self) -> &'static str {
        match (&self.registration, self.role) {
            (Some(r), _) => r.installer.role.label(),
            (None, Role::ClassInstaller) => "class installer",
            (None, _) => "co-installer",
        }
    }

    /// Whether the subject is a co-installer (class or device).
    pub(crate) fn is_co(&self) -> bool {
        self.role != Role::ClassInstaller
    }

    /// `` `name` `` plus, for an unregistered function, a note saying so.
    pub(crate) fn display(&self) -> String {
        match &self.registration {
            Some(_) => format!("{} `{}`", self.what(), self.name()),
            None => format!(
                "{} function `{}` (not registered by this INF)",
                self.what(),
                self.name()
            ),
        }
    }
}

/// Every entry point the source rules check, registered ones first (in chain order).
pub(crate) fn subjects<'a>(cx: &Context<'a>) -> Vec<Subject<'a>> {
    let packages = cx.packages();
    let mut out: Vec<Subject<'a>> = Vec::new();
    for tp in &packages.targets {
        for installer in tp.analysis.chain.installers() {
            let Some(role) = installer.role.dispatch_role() else {
                continue;
            };
            let Some(m) = tp.analysis.match_of(installer) else {
                continue;
            };
            let MatchOutcome::Found { entry_point, .. } = &m.outcome else {
                continue;
            };
            let same = |s: &Subject<'_>| {
                s.role == role
                    && s.entry.behavior.entry == entry_point.behavior.entry
                    && same_place(
                        &s.entry.behavior.defined_at,
                        &entry_point.behavior.defined_at,
                    )
            };
            match out.iter_mut().find(|s| same(s)) {
                Some(s) => {
                    if let Some(r) = &mut s.registration {
                        if !r.labels.contains(&tp.label) {
                            r.labels.push(tp.label.clone());
                        }
                    }
                }
                None => out.push(Subject {
                    entry: entry_point,
                    role,
                    registration: Some(Registration {
                        installer,
                        labels: vec![tp.label.clone()],
                    }),
                }),
            }
        }
    }
    let Some(sources) = &packages.sources else {
        return out;
    };
    // Without `--sources`, a whole repository may have been read (and only for an INF that
    // registers vendor installers, `PackageCache::packages`): only the functions in a file
    // that defines one of its registered entry points, or to whose file it is a nearest INF
    // (`Packages::own_entries`), are its concern.
    let registered_files: Vec<&Path> = out
        .iter()
        .map(|s| s.entry.behavior.defined_at.file.as_path())
        .collect();
    let mut unregistered: Vec<Subject<'a>> = Vec::new();
    for (k, e) in sources.entries.iter().enumerate() {
        if matches!(e.found_by, FoundBy::Name) {
            continue;
        }
        let role = match e.prototype.kind {
            Knowledge::Known {
                value: PrototypeKind::ClassInstaller,
            } => Role::ClassInstaller,
            Knowledge::Known {
                value: PrototypeKind::CoInstaller,
            } => Role::ClassCoInstaller,
            Knowledge::Unknown { .. } => continue,
        };
        // Registered, or already listed (a function found both by prototype and by export).
        let seen = out.iter().chain(&unregistered).any(|s| {
            s.entry.behavior.entry == e.behavior.entry
                && same_place(&s.entry.behavior.defined_at, &e.behavior.defined_at)
        });
        if seen {
            continue;
        }
        let file = e.behavior.defined_at.file.as_path();
        let in_view = packages.given
            || registered_files.contains(&file)
            || packages.own_entries.get(k).copied().unwrap_or(false);
        if in_view {
            unregistered.push(Subject {
                entry: e,
                role,
                registration: None,
            });
        }
    }
    out.extend(unregistered);
    out
}

fn same_place(a: &SourceLocation, b: &SourceLocation) -> bool {
    a.file == b.file && a.span == b.span
}

/// One kind of protocol violation of a subject, over every DIF, value and source location it
/// occurs for (one finding per problem).
pub(crate) struct Hit {
    /// What kind.
    pub(crate) kind: ViolationKind,
    /// The dif-model.md §6 rule ID, when there is one.
    pub(crate) rule: Option<&'static str>,
    /// The DIF codes it occurs for (recognised codes; empty for the default path only).
    pub(crate) difs: Vec<u32>,
    /// Whether it occurs on the path for DIF codes the source does not recognise.
    pub(crate) default_path: bool,
    /// The pass.
    pub(crate) pass: Option<CallPass>,
    /// The values returned, as named in the source when the catalogue has no name for them.
    pub(crate) returned: Vec<String>,
    /// Where the value comes from in the source.
    pub(crate) evidence: Vec<SourceLocation>,
}

impl Hit {
    /// The DIFs it occurs for, for messages: `DIF_A, DIF_B`, plus "every DIF code it does not
    /// recognise" for the default path.
    pub(crate) fn difs_text(&self) -> String {
        let mut parts: Vec<String> = self
            .difs
            .iter()
            .map(|&d| format!("`{}`", dif_display_name(d)))
            .collect();
        if self.default_path {
            parts.push("every DIF code it does not recognise".to_owned());
        }
        parts.join(", ")
    }

    /// The returned values, for messages: `` `A` `` or `` `A`, `B` ``.
    pub(crate) fn returned_text(&self) -> String {
        const SHOWN: usize = 4;
        let mut text = self
            .returned
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if self.returned.len() > SHOWN {
            text.push_str(&format!(
                " and {} other values",
                self.returned.len() - SHOWN
            ));
        }
        text
    }
}

/// The violations dif-model's dispatch simulation finds for one subject alone.
pub(crate) fn hits(subject: &Subject<'_>) -> Vec<Hit> {
    let b = subject.behavior();
    let participants = [Participant::known(subject.role, subject.name(), b)];
    let mut inputs: Vec<(DispatchInput, bool)> = Vec::new();
    for h in &b.handles {
        if !inputs.iter().any(|(i, _)| i.dif == h.dif) {
            inputs.push((DispatchInput::new(h.dif), false));
        }
    }
    if b.handles
        .iter()
        .any(|h| h.dif == dif_codes::DIF_INSTALLDEVICE)
    {
        inputs.push((
            DispatchInput::new(dif_codes::DIF_INSTALLDEVICE)
                .with_flags_ex(DI_FLAGSEX_SETFAILEDINSTALL),
            false,
        ));
    }
    inputs.push((DispatchInput::new(UNRECOGNISED_DIF), true));
    let mut out: Vec<Hit> = Vec::new();
    for (input, default_path) in inputs {
        let set_failed = input.flags_ex & DI_FLAGSEX_SETFAILEDINSTALL != 0;
        let prediction = predict(&participants, &input);
        for v in prediction.violations {
            // The SETFAILEDINSTALL run only adds its own contract; the rest repeats the plain run.
            if set_failed != (v.kind == ViolationKind::SetFailedInstallViolated) {
                continue;
            }
            match &v.returned {
                // A value the analysis could not decide is not evidence of anything.
                Some(Status::Unknown { .. }) => continue,
                // Asking for post-processing is not a failure; what the post-processing call
                // returns is checked on its own.
                Some(Status::PostprocessingRequired)
                    if v.kind == ViolationKind::SetFailedInstallViolated =>
                {
                    continue
                }
                _ => {}
            }
            let global = v.kind == ViolationKind::RoleMismatch;
            // Only for ERROR_DI_DO_DEFAULT does the pass change what the value means (set in
            // pre-processing it skips the rest; in post-processing it replaces the result).
            let post =
                v.kind == ViolationKind::CoInstallerSetsDoDefault && v.pass == Some(CallPass::Post);
            let existing = out.iter_mut().find(|h| {
                h.kind == v.kind
                    && h.rule == v.rule
                    && (h.kind == ViolationKind::CoInstallerSetsDoDefault
                        && h.pass == Some(CallPass::Post))
                        == post
            });
            let hit = match existing {
                Some(h) => h,
                None => {
                    out.push(Hit {
                        kind: v.kind,
                        rule: v.rule,
                        difs: Vec::new(),
                        default_path: false,
                        pass: v.pass,
                        returned: Vec::new(),
                        evidence: Vec::new(),
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if let Some(status) = &v.returned {
                let text = status_text(status, &v.evidence);
                if !hit.returned.contains(&text) {
                    hit.returned.push(text);
                }
            }
            for e in &v.evidence {
                if !hit.evidence.contains(e) {
                    hit.evidence.push(e.clone());
                }
            }
            if global {
                continue;
            }
            if default_path {
                hit.default_path = true;
            } else if !hit.difs.contains(&input.dif) {
                hit.difs.push(input.dif);
            }
        }
    }
    out
}

/// A status for messages: its catalogued name, else the constant the source returns (read at
/// the evidence) with its value, else the catalogue's hex or `Win32 error N` form.
fn status_text(status: &Status, evidence: &[SourceLocation]) -> String {
    let (code, name) = match status {
        Status::Error { code, name } => (code, name),
        Status::UnspecifiedError { expression } => return format!("the error of `{expression}`"),
        Status::Unknown { .. } => return status.label(),
        other => return format!("`{}`", other.label()),
    };
    if !(name.starts_with("Win32 error") || name.starts_with("0x")) {
        return format!("`{name}`");
    }
    let written = evidence.first().and_then(|loc| {
        let bytes = std::fs::read(&loc.file).ok()?;
        let text = bytes.get(loc.span.range())?;
        let text = std::str::from_utf8(text).ok()?.trim();
        let is_name = !text.is_empty()
            && text.len() <= 64
            && text
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
            && text.as_bytes()[0].is_ascii_uppercase();
        is_name.then(|| text.to_owned())
    });
    match written {
        Some(n) => format!("`{n}` ({code})"),
        None => name.clone(),
    }
}

/// Whether the subject's handling of `dif` calls `function` on the device it was called for:
/// the call's arguments name the entry point's `DeviceInfoSet` and `DeviceInfoData` parameters
/// (a call on a device set it created itself does not count). `false` when the source cannot
/// be read or the parameters have no names.
pub(crate) fn calls_on_own_device(subject: &Subject<'_>, dif: u32, function: &str) -> bool {
    let params = &subject.entry.prototype.params;
    let (Some(set), Some(data)) = (
        params.get(1).and_then(|p| p.name.as_deref()),
        params.get(2).and_then(|p| p.name.as_deref()),
    ) else {
        return false;
    };
    subject
        .behavior()
        .handles
        .iter()
        .filter(|h| h.dif == dif)
        .flat_map(|h| h.calls.iter())
        .filter(|c| c.function.eq_ignore_ascii_case(function))
        .any(|c| {
            let Ok(bytes) = std::fs::read(&c.at.file) else {
                return false;
            };
            let Some(text) = bytes.get(c.at.span.range()) else {
                return false;
            };
            let text = String::from_utf8_lossy(text);
            let args = text.split_once('(').map_or("", |(_, a)| a);
            let words: Vec<&str> = args
                .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .collect();
            words.contains(&set) && words.contains(&data)
        })
}

/// A finding about a subject: at its INF registration (the `dll,entry` string) with the targets
/// registering it, or for an unregistered function on the whole file; labelled at the entry
/// point's definition in the source.
pub(crate) fn subject_finding(cx: &Context<'_>, subject: &Subject<'_>, message: String) -> Finding {
    let at = &subject.entry.behavior.defined_at;
    let finding = match &subject.registration {
        Some(r) => match string_span(r.installer) {
            Some(span) => Finding::at(span, message)
                .primary_label(format!("registers the {}", r.installer.role.label()))
                .targets(targets_of(cx, &r.labels)),
            None => Finding::whole_file(message),
        },
        None => Finding::whole_file(message),
    };
    finding.label_in(
        at.file.clone(),
        at.span,
        format!("`{}` is defined here", subject.entry.behavior.function),
    )
}

/// Adds a label in the source at each evidence location.
pub(crate) fn with_evidence(
    mut finding: Finding,
    evidence: &[SourceLocation],
    text: &str,
) -> Finding {
    for loc in evidence {
        finding = finding.label_in(loc.file.clone(), loc.span, text.to_owned());
    }
    finding
}

/// What a co-installer's pre-processing `ERROR_DI_DO_DEFAULT` does to `dif` in the INF's own
/// chain: the participants and default handler the simulation skips, and how the call ends.
/// `None` for an unregistered subject or when the chain gives no such branch.
pub(crate) fn do_default_consequence(
    cx: &Context<'_>,
    subject: &Subject<'_>,
    dif: u32,
) -> Option<String> {
    subject.registration.as_ref()?;
    let packages = cx.packages();
    for tp in &packages.targets {
        for device in &tp.analysis.chain.devices {
            let Some(name) = participant_name(tp, device, subject) else {
                continue;
            };
            let participants = tp.analysis.participants(device);
            let prediction = predict(&participants, &DispatchInput::new(dif));
            for branch in &prediction.branches {
                let hit = branch.calls.iter().any(|c| {
                    c.participant == name
                        && c.pass == CallPass::Pre
                        && c.status_out == Status::DoDefault
                });
                if !hit {
                    continue;
                }
                let skipped: Vec<String> = branch
                    .skipped
                    .iter()
                    .map(|s| match s.role {
                        Some(Role::ClassInstaller) => {
                            format!("the class installer `{}`", s.participant)
                        }
                        Some(Role::DeviceCoInstaller) => {
                            format!("the device co-installer `{}`", s.participant)
                        }
                        Some(Role::ClassCoInstaller) => {
                            format!("the class co-installer `{}`", s.participant)
                        }
                        None => format!("the default handler `{}`", s.participant),
                    })
                    .collect();
                let ends = match &branch.outcome {
                    Outcome::Unhandled => {
                        "the call ends with ERROR_DI_DO_DEFAULT, which callers take for success"
                            .to_owned()
                    }
                    Outcome::Handled => "the call still ends with NO_ERROR".to_owned(),
                    Outcome::Failed { status } => format!("the call fails with {}", status.label()),
                    Outcome::Undetermined { .. } => {
                        "how the call ends cannot be decided".to_owned()
                    }
                };
                let skipped = if skipped.is_empty() {
                    "nothing else is called".to_owned()
                } else {
                    format!(
                        "{} {} skipped",
                        skipped.join(" and "),
                        if skipped.len() > 1 { "are" } else { "is" }
                    )
                };
                return Some(format!(
                    "for `{}` on `{}`, {skipped} and {ends}",
                    dif_display_name(dif),
                    device.install.name
                ));
            }
        }
    }
    None
}

/// The name a subject's participant has in a device's dispatch, if it takes part.
fn participant_name(
    tp: &TargetPackage,
    device: &DeviceChain,
    subject: &Subject<'_>,
) -> Option<String> {
    tp.analysis
        .named_participants(device)
        .into_iter()
        .find(|(_, inst)| {
            tp.analysis
                .match_of(inst)
                .and_then(|m| m.behavior())
                .is_some_and(|b| {
                    b.entry == subject.entry.behavior.entry
                        && same_place(&b.defined_at, &subject.entry.behavior.defined_at)
                })
                && inst.role.dispatch_role() == Some(subject.role)
        })
        .map(|(name, _)| name)
}

/// The findings of one violation kind (optionally restricted to one §6 rule ID), one per subject
/// and source location, built by `make`.
pub(crate) fn report(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    keep: impl Fn(&Subject<'_>, &Hit) -> bool,
    make: impl Fn(&Subject<'_>, &Hit) -> Finding,
) {
    /// The [`hits`] of every subject, in [`subjects`] order, simulated once per file for every
    /// rule that reports them.
    struct SubjectHits(Vec<Vec<Hit>>);
    let all = cx.cached(|cx| SubjectHits(subjects(cx).iter().map(hits).collect()));
    for (subject, hits) in subjects(cx).iter().zip(&all.0) {
        for hit in hits {
            if keep(subject, hit) {
                out.push(make(subject, hit));
            }
        }
    }
}

/// Whether the source file defining the subject, or a file a hit's evidence is in, contains
/// `token` (e.g. a flag the analysis does not track). Unreadable files count as not containing
/// it.
pub(crate) fn source_mentions(
    subject: &Subject<'_>,
    evidence: &[SourceLocation],
    token: &str,
) -> bool {
    let mut files: Vec<&Path> = vec![subject.entry.behavior.defined_at.file.as_path()];
    for e in evidence {
        if !files.contains(&e.file.as_path()) {
            files.push(e.file.as_path());
        }
    }
    files.iter().any(|f| {
        std::fs::read(f)
            .map(|bytes| bytes.windows(token.len()).any(|w| w == token.as_bytes()))
            .unwrap_or(false)
    })
}

/// Whether a DIF handling does something of its own: it makes a notable call, or it can return
/// a value the installer's default path does not (a `case DIF_X: break;` that falls through to
/// the common return does neither).
pub(crate) fn acts(
    behavior: &InstallerBehavior,
    handling: &dif_model::behavior::DifHandling,
) -> bool {
    if !handling.calls.is_empty() {
        return true;
    }
    let values = |list: &[(
        dif_model::behavior::Pass,
        dif_model::behavior::Evidence<dif_model::behavior::ReturnValue>,
    )]| {
        let mut v: Vec<String> = list
            .iter()
            .map(|(p, e)| format!("{p:?}:{:?}", e.value))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    values(&handling.returns) != values(&behavior.default_returns)
}

/// [`code_text`] of `file`, read once per linted file however many rules and subjects ask.
pub(crate) fn cached_code_text(cx: &Context<'_>, file: &Path) -> Option<Rc<str>> {
    /// The code texts read so far, by file.
    #[derive(Default)]
    struct CodeTexts(RefCell<HashMap<PathBuf, Option<Rc<str>>>>);
    let texts = cx.cached(|_| CodeTexts::default());
    if let Some(found) = texts.0.borrow().get(file) {
        return found.clone();
    }
    let text: Option<Rc<str>> = code_text(file).map(Rc::from);
    texts
        .0
        .borrow_mut()
        .insert(file.to_path_buf(), text.clone());
    text
}

/// The text of a C/C++ source file with comments and string and character literals replaced by
/// spaces (byte offsets unchanged), for token searches the analysis does not provide. `None`
/// when the file cannot be read.
pub(crate) fn code_text(file: &Path) -> Option<String> {
    let bytes = std::fs::read(file).ok()?;
    let mut out = bytes.clone();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to.min(bytes.len())] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1).copied()) {
            (b'/', Some(b'/')) => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p);
                blank(&mut out, i, end);
                i = end;
            }
            (b'/', Some(b'*')) => {
                let end = bytes[i + 2..]
                    .windows(2)
                    .position(|w| w == b"*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 2);
                blank(&mut out, i, end);
                i = end;
            }
            (q @ (b'"' | b'\''), _) => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != q && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(bytes.len());
                blank(&mut out, i, end);
                i = end;
            }
            _ => i += 1,
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}
