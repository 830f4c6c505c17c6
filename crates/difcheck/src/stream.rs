//! Writing large documents piece by piece, so that a run's memory does not grow with its
//! report.
//!
//! Pretty JSON is written one array item at a time: each item is serialized on its own
//! ([`pretty`]) and indented to its depth as it is copied ([`Indent`]). Pretty JSON never has a
//! raw line break inside a string (they are escaped), so indenting after every `\n` is exact, and
//! the result is byte for byte what `serde_json::to_string_pretty` gives for the whole document.
//!
//! Parts that come before the run's totals are known (SARIF's results come after the invocation
//! that says whether it succeeded; JUnit's totals are attributes of the first element) are held
//! back in a [`Spill`], an unnamed temporary file, and copied into place at the end
//! ([`fill_holes`]).

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;

use serde::Serialize;

/// `value` as pretty JSON at depth 0 (no final line break).
pub fn pretty(value: &impl Serialize) -> Vec<u8> {
    // Our types serialize without error (string keys only); an empty item would still leave the
    // document readable.
    serde_json::to_vec_pretty(value).unwrap_or_default()
}

/// Bytes held back until the end of a run: in an unnamed temporary file (which the system
/// deletes even if the process is killed), or in memory when no temporary file can be made.
pub struct Spill {
    file: Option<BufWriter<File>>,
    memory: Vec<u8>,
    len: u64,
}

impl Spill {
    /// A new spill in `dir` (the system's temporary folder when `None`).
    pub fn new(dir: Option<&Path>) -> Spill {
        let file = match dir {
            Some(d) => tempfile::tempfile_in(d),
            None => tempfile::tempfile(),
        };
        Spill {
            file: file.ok().map(BufWriter::new),
            memory: Vec::new(),
            len: 0,
        }
    }

    /// How many bytes were written.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Copies bytes `range` (as counted by [`Self::len`]) to `out`.
    pub fn copy_range_to(&mut self, range: Range<u64>, out: &mut dyn Write) -> io::Result<()> {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        match &mut self.file {
            None => out.write_all(&self.memory[start as usize..end as usize]),
            Some(w) => {
                w.flush()?;
                let file = w.get_mut();
                file.seek(SeekFrom::Start(start))?;
                let copied = io::copy(&mut Read::by_ref(file).take(end - start), out);
                // Later writes append.
                file.seek(SeekFrom::End(0))?;
                match copied? {
                    n if n == end - start => Ok(()),
                    _ => Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "a temporary file was cut short",
                    )),
                }
            }
        }
    }

    /// Copies everything written to `out`.
    pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.copy_range_to(0..self.len, out)
    }
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = match &mut self.file {
            Some(w) => w.write(buf)?,
            None => {
                self.memory.extend_from_slice(buf);
                buf.len()
            }
        };
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

/// A writer that puts `prefix` at the start of every line written through it.
pub struct Indent<'a> {
    out: &'a mut dyn Write,
    prefix: &'a [u8],
    at_line_start: bool,
}

impl<'a> Indent<'a> {
    /// Indents what is written next, starting with its first line.
    pub fn new(out: &'a mut dyn Write, prefix: &'a str) -> Self {
        Indent {
            out,
            prefix: prefix.as_bytes(),
            at_line_start: true,
        }
    }

    /// Indents what is written next from its second line on (the first continues a line).
    pub fn continuing(out: &'a mut dyn Write, prefix: &'a str) -> Self {
        Indent {
            at_line_start: false,
            ..Indent::new(out, prefix)
        }
    }
}

impl Write for Indent<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if self.at_line_start {
                self.out.write_all(self.prefix)?;
                self.at_line_start = false;
            }
            match rest.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.out.write_all(&rest[..=i])?;
                    rest = &rest[i + 1..];
                    self.at_line_start = true;
                }
                None => {
                    self.out.write_all(rest)?;
                    rest = &[];
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The items of a pretty JSON array, written one by one as `item,\nitem,\n…item` (depth 0; the
/// brackets and the indentation are added when the array is placed).
#[derive(Debug, Default)]
pub struct ArrayItems {
    count: usize,
}

impl ArrayItems {
    /// Writes one item (pretty JSON at depth 0) after a separator when it is not the first.
    pub fn push(&mut self, out: &mut dyn Write, item: &[u8]) -> io::Result<()> {
        self.next(out)?;
        out.write_all(item)
    }

    /// Starts the next item: writes the separator when it is not the first (for an item the
    /// caller writes itself).
    pub fn next(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.count > 0 {
            out.write_all(b",\n")?;
        }
        self.count += 1;
        Ok(())
    }

    /// How many items were written.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// Writes an array whose items are in `items` (written with [`ArrayItems`]), as
/// `serde_json::to_string_pretty` would at a line indented by `indent`: `[]` when empty.
pub fn write_array(
    out: &mut dyn Write,
    indent: &str,
    count: usize,
    items: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if count == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(b"[\n")?;
    let inner = format!("{indent}  ");
    items(&mut Indent::new(out, &inner))?;
    write!(out, "\n{indent}]")
}

/// The placeholder value that marks where [`fill_holes`] puts array `name`.
pub fn hole(name: &str) -> String {
    format!("{HOLE_START}{name}{HOLE_END}")
}

const HOLE_START: &str = "@@difcheck-hole:";
const HOLE_END: &str = "@@";

/// Writes `skeleton` (pretty JSON in which some values are [`hole`] placeholders) with each
/// placeholder replaced by its array: `fill(name, out, indent)` writes the array named `name`
/// for a line indented by `indent` (e.g. with [`write_array`]).
pub fn fill_holes(
    out: &mut dyn Write,
    skeleton: &str,
    fill: &mut dyn FnMut(&str, &mut dyn Write, &str) -> io::Result<()>,
) -> io::Result<()> {
    let quoted_start = format!("\"{HOLE_START}");
    let mut rest = skeleton;
    while let Some(at) = rest.find(&quoted_start) {
        let before = &rest[..at];
        out.write_all(before.as_bytes())?;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let indent: String = before[line_start..]
            .chars()
            .take_while(|&c| c == ' ')
            .collect();
        let after = &rest[at + quoted_start.len()..];
        let Some(name_end) = after.find(&format!("{HOLE_END}\"")) else {
            // Not one of ours after all.
            out.write_all(quoted_start.as_bytes())?;
            rest = after;
            continue;
        };
        fill(&after[..name_end], out, &indent)?;
        rest = &after[name_end + HOLE_END.len() + 1..];
    }
    out.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn streamed_arrays_are_what_serde_json_writes() {
        let items = [json!({"a": 1, "b": [1, 2], "c": "x\ny"}), json!({"d": {}})];
        for n in 0..=items.len() {
            let whole = json!({"head": 1, "list": items[..n].to_vec(), "tail": {"t": []}});
            let expected = serde_json::to_string_pretty(&whole).unwrap();

            let mut spill = Spill::new(None);
            let mut written = ArrayItems::default();
            for item in &items[..n] {
                written.push(&mut spill, &pretty(item)).unwrap();
            }
            let skeleton = serde_json::to_string_pretty(
                &json!({"head": 1, "list": hole("list"), "tail": {"t": []}}),
            )
            .unwrap();
            let mut out = Vec::new();
            fill_holes(&mut out, &skeleton, &mut |name, out, indent| {
                assert_eq!(name, "list");
                write_array(out, indent, written.count(), &mut |w| spill.copy_to(w))
            })
            .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} items");
        }
    }

    #[test]
    fn spills_copy_ranges_and_keep_appending() {
        for dir in [None, Some(Path::new("/nonexistent/folder"))] {
            let mut s = Spill::new(dir);
            s.write_all(b"hello ").unwrap();
            let mut out = Vec::new();
            s.copy_range_to(2..5, &mut out).unwrap();
            s.write_all(b"world").unwrap();
            s.copy_to(&mut out).unwrap();
            assert_eq!(out, b"llohello world");
            assert_eq!(s.len(), 11);
        }
    }

    #[test]
    fn indentation_starts_every_line() {
        let mut out = Vec::new();
        let mut w = Indent::new(&mut out, "  ");
        w.write_all(b"a\nb").unwrap();
        w.write_all(b"c\n").unwrap();
        w.write_all(b"d").unwrap();
        assert_eq!(out, b"  a\n  bc\n  d");
    }
}
