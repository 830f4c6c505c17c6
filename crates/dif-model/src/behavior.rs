//! What an installer entry point does, as facts with evidence.
//!
//! This is the contract between [`crate::source`] (which derives behaviour from C/C++ sources)
//! and [`crate::dispatch`] (which simulates `SetupDiCallClassInstaller`). Every fact carries the
//! source location that proves it; what cannot be decided is [`Knowledge::Unknown`] with a
//! reason, never a guess.

use std::path::PathBuf;

use inf_parser::Span;
use serde::Serialize;

/// The role an installer plays in DIF dispatch (dif-model.md §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A class co-installer, registered per setup class under `CoDeviceInstallers`.
    ClassCoInstaller,
    /// A device-specific co-installer, registered through `CoInstallers32` in `DDInstall.CoInstallers`.
    DeviceCoInstaller,
    /// The class installer, registered as `Installer32` in `ClassInstall32`.
    ClassInstaller,
}

/// A location in an installer source file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SourceLocation {
    /// The file, as found while walking the sources folder.
    pub file: PathBuf,
    /// Byte range in the file's text.
    pub span: Span,
    /// 1-based line of `span.start` (kept so that reports need not re-read the file).
    pub line: u32,
}

/// A fact together with the source that proves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence<T> {
    /// The fact.
    pub value: T,
    /// Where in the source it was read.
    pub at: SourceLocation,
}

/// Either a decided fact or the reason it could not be decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Knowledge<T> {
    /// Decided from the source.
    Known {
        /// The decided fact.
        value: T,
    },
    /// Not decidable statically; `reason` says why (e.g. "returns the result of `Helper()`").
    Unknown {
        /// Why it could not be decided.
        reason: String,
    },
}

/// A value an installer returns from its entry point.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ReturnValue {
    /// A literal or named status code, e.g. `NO_ERROR` (0) or `ERROR_DI_DO_DEFAULT` (0xE000020E).
    Code {
        /// Numeric value of the code.
        value: u32,
        /// Name as written in the source, when it was a named constant.
        name: Option<String>,
    },
    /// A co-installer's post-processing pass returns `Context->InstallResult` unchanged.
    PropagateInstallResult,
    /// Some other Win32 error, decided only as "an error" (e.g. `GetLastError()`).
    SomeError {
        /// The expression returned, as written.
        expression: String,
    },
    /// The value could not be decided (`Knowledge::Unknown` inside a set of returns).
    Unknown {
        /// Why.
        reason: String,
    },
}

/// Which pass of a co-installer a fact applies to (dif-model.md §2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pass {
    /// `Context->PostProcessing == FALSE` (or a class installer, which has only one pass).
    Pre,
    /// `Context->PostProcessing == TRUE`.
    Post,
    /// The source does not distinguish the passes for this DIF.
    Both,
}

/// A call the installer makes that matters to the rules (default DIF handlers, UI, processes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotableCall {
    /// Function name, e.g. `SetupDiInstallDevice`, `MessageBoxW`, `CreateProcessW`.
    pub function: String,
    /// What kind of call it is.
    pub kind: CallKind,
    /// Where it is called.
    pub at: SourceLocation,
}

/// Categories of [`NotableCall`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallKind {
    /// A default DIF handler such as `SetupDiInstallDevice` or `SetupDiCallClassInstaller`.
    DefaultHandler,
    /// Shows UI (MessageBox, DialogBox, CreateWindow, PropertySheet…).
    UserInterface,
    /// Starts a process (CreateProcess, ShellExecute, WinExec…).
    ProcessStart,
    /// Sets `DI_FLAGSEX_FINISHINSTALL_ACTION` in the device install params.
    SetsFinishInstallFlag,
    /// Sets `DI_FLAGSEX_SETFAILEDINSTALL`-related or other install-param flags.
    SetsInstallParams,
}

/// The behaviour of one entry point for one DIF code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DifHandling {
    /// The DIF code value (e.g. 0x02 for DIF_INSTALLDEVICE).
    pub dif: u32,
    /// Where the code is matched (`case DIF_INSTALLDEVICE:` or `if (InstallFunction == …)`).
    pub matched_at: SourceLocation,
    /// Every value the handler can return, per pass, with evidence.
    pub returns: Vec<(Pass, Evidence<ReturnValue>)>,
    /// Notable calls made while handling this DIF (directly or through helpers followed).
    pub calls: Vec<NotableCall>,
}

/// Everything known about one installer entry point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstallerBehavior {
    /// The exported entry point name (after `.def` aliasing), e.g. `ToasterCoInstaller`.
    pub entry: String,
    /// The C function that implements it (may differ from `entry` through a `.def` alias).
    pub function: String,
    /// Where the function is defined.
    pub defined_at: SourceLocation,
    /// The role read from the prototype (4-parameter with `PCOINSTALLER_CONTEXT_DATA` →
    /// co-installer; 3-parameter → class installer), when decidable.
    pub role: Knowledge<Role>,
    /// The DIF codes it recognises.
    pub handles: Vec<DifHandling>,
    /// What it returns for DIF codes it does not recognise (the `default:` / fall-through path).
    pub default_returns: Vec<(Pass, Evidence<ReturnValue>)>,
    /// Notable calls outside any DIF-specific branch.
    pub calls: Vec<NotableCall>,
    /// Whether the whole function could be analysed; `Unknown` explains what stopped analysis.
    pub completeness: Knowledge<()>,
}
