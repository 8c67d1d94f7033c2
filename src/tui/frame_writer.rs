//! The one writer every frame goes through: bytes collect in memory and reach the terminal in
//! a single write when the frame is committed, after the end of synchronized output, so the
//! terminal never shows half a frame. ratatui flushes its backend at the end of each draw —
//! before we can close the synchronized update — so ordinary flushes are ignored and only a
//! flush through the [`CommitHandle`] writes.

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

/// A buffered terminal writer that writes once per frame.
pub struct FrameWriter<W: Write> {
    buffer: Vec<u8>,
    out: W,
    committing: Rc<Cell<bool>>,
}

/// Lets the event loop commit a frame through the backend that owns the writer.
pub struct CommitHandle {
    committing: Rc<Cell<bool>>,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> (Self, CommitHandle) {
        let committing = Rc::new(Cell::new(false));
        let writer = FrameWriter {
            buffer: Vec::with_capacity(16 * 1024),
            out,
            committing: Rc::clone(&committing),
        };
        (writer, CommitHandle { committing })
    }
}

impl CommitHandle {
    /// Writes everything the backend collected since the last commit in one write.
    pub fn commit(&self, backend: &mut impl Write) -> io::Result<()> {
        self.committing.set(true);
        let result = backend.flush();
        self.committing.set(false);
        result
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    /// Writes only when committing; otherwise the bytes wait for the end of the frame.
    fn flush(&mut self) -> io::Result<()> {
        if !self.committing.get() {
            return Ok(());
        }
        if !self.buffer.is_empty() {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_on_commit() {
        let (mut writer, handle) = FrameWriter::new(Vec::new());
        writer.write_all(b"abc").ok();
        writer.flush().ok();
        assert!(writer.out.is_empty());
        handle.commit(&mut writer).ok();
        assert_eq!(writer.out, b"abc");
    }
}
