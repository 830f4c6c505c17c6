//! Writing results: to standard output, or atomically to a file, so that a CI step never
//! uploads a half-written report.
//!
//! A report written to a file is streamed, while the files are linted, into an unnamed
//! temporary file in the target's folder (the system deletes it even if the run is killed, so an
//! interrupted run leaves nothing behind), then copied into a named temporary file in the same
//! folder that is renamed over the target.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The folder a file is written in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn cannot_write(path: &Path, e: &dyn std::fmt::Display) -> String {
    format!("cannot write `{}`: {e}", path.display())
}

/// Checks, before a run prints anything, that [`write_atomic_with`] can later write `path`:
/// its folder takes a temporary file (unnamed, so that nothing is left behind if the run is
/// killed) and `path` is not a folder. A run that cannot write its baseline then fails before
/// its report is printed rather than after.
pub fn check_can_write(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err(cannot_write(path, &"it is a folder"));
    }
    tempfile::tempfile_in(folder_of(path))
        .map(drop)
        .map_err(|e| cannot_write(path, &e))
}

/// Writes `path` atomically with what `content` writes.
pub fn write_atomic_with(
    path: &Path,
    content: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| cannot_write(path, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".difcheck-")
        .suffix(".tmp")
        .tempfile_in(folder_of(path))
        .map_err(|e| fail(&e))?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        content(&mut w).map_err(|e| fail(&e))?;
        w.flush().map_err(|e| fail(&e))?;
    }
    // Temporary files are created private (0600); the result should look like any other file
    // the user writes: the old file's mode when replacing one, else 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| fail(&e))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

/// Writes `text` to `path` atomically.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    write_atomic_with(path, &mut |w| w.write_all(text.as_bytes()))
}

/// Writes `text` to standard output. A closed pipe (`difcheck lint | head`) is not an error.
pub fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

/// Where a report goes while it is written: standard output, or a file written atomically by
/// [`ReportWriter::commit`]. Write errors are kept and reported by `commit`; a closed pipe
/// (`difcheck lint | head`) is not an error, the rest of the report is dropped.
pub struct ReportWriter {
    target: Target,
    error: Option<String>,
}

enum Target {
    Stdout {
        out: BufWriter<io::Stdout>,
        closed: bool,
    },
    File {
        path: PathBuf,
        staging: BufWriter<File>,
    },
}

impl ReportWriter {
    /// A report to standard output.
    pub fn stdout() -> Self {
        ReportWriter {
            target: Target::Stdout {
                out: BufWriter::new(io::stdout()),
                closed: false,
            },
            error: None,
        }
    }

    /// A report to `path`; fails at once when its folder cannot hold a new file.
    pub fn file(path: &Path) -> Result<Self, String> {
        let staging = tempfile::tempfile_in(folder_of(path)).map_err(|e| cannot_write(path, &e))?;
        Ok(ReportWriter {
            target: Target::File {
                path: path.to_path_buf(),
                staging: BufWriter::new(staging),
            },
            error: None,
        })
    }

    /// The folder for temporary files that belong with this report (`None`: the system's).
    pub fn spill_dir(&self) -> Option<&Path> {
        match &self.target {
            Target::Stdout { .. } => None,
            Target::File { path, .. } => Some(folder_of(path)),
        }
    }

    /// The first write error, as a message.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn describe(&self, e: &io::Error) -> String {
        match &self.target {
            Target::Stdout { .. } => format!("cannot write to standard output: {e}"),
            Target::File { path, .. } => cannot_write(path, e),
        }
    }

    /// Finishes the report: flushes standard output, or puts the file in place.
    pub fn commit(mut self) -> Result<(), String> {
        if let Err(e) = self.flush() {
            if self.error.is_none() {
                self.error = Some(self.describe(&e));
            }
        }
        if let Some(e) = self.error {
            return Err(e);
        }
        match self.target {
            Target::Stdout { .. } => Ok(()),
            Target::File { path, staging } => {
                let mut staging = staging
                    .into_inner()
                    .map_err(|e| cannot_write(&path, &e.error()))?;
                staging
                    .seek(SeekFrom::Start(0))
                    .map_err(|e| cannot_write(&path, &e))?;
                write_atomic_with(&path, &mut |w| io::copy(&mut staging, w).map(|_| ()))
            }
        }
    }
}

impl Write for ReportWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_some() {
            return Ok(buf.len());
        }
        let result = match &mut self.target {
            Target::Stdout { closed: true, .. } => return Ok(buf.len()),
            Target::Stdout { out, closed } => match out.write_all(buf) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                    *closed = true;
                    Ok(())
                }
                other => other,
            },
            Target::File { staging, .. } => staging.write_all(buf),
        };
        match result {
            Ok(()) => Ok(buf.len()),
            Err(e) => {
                let message = self.describe(&e);
                self.error = Some(message);
                Err(e)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout { closed: true, .. } => Ok(()),
            Target::Stdout { out, closed } => match out.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                    *closed = true;
                    Ok(())
                }
                other => other,
            },
            Target::File { staging, .. } => staging.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_report_appears_whole_and_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.json");
        std::fs::write(&p, "old").unwrap();
        let mut w = ReportWriter::file(&p).unwrap();
        w.write_all(b"new ").unwrap();
        w.write_all(b"report").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        // The staging file has no name: nothing is left behind if the run stops here.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        w.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new report");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(ReportWriter::file(&dir.path().join("missing/x.json"))
            .err()
            .unwrap()
            .contains("cannot write"));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.sarif");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let fresh = dir.path().join("fresh.json");
            write_atomic(&fresh, "{}").unwrap();
            assert_eq!(
                std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
                0o644
            );
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664)).unwrap();
            write_atomic(&p, "newer").unwrap();
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o664
            );
        }
        assert!(write_atomic(&dir.path().join("missing/x.json"), "x")
            .unwrap_err()
            .contains("cannot write"));
    }
}
