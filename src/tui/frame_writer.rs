//! The one writer every frame goes through: bytes collect in memory and reach the terminal in
//! a single write at the end of the frame, after the end of synchronized output, so the
//! terminal never shows half a frame. ratatui flushes its backend at the end of each draw —
//! before the loop can close the synchronized update — so a flush writes only once the bytes
//! end with the end-of-synchronized-update sequence (the frame is complete), or through
//! [`FrameWriter::commit`].

use std::io::{self, Write};

/// What crossterm writes for `EndSynchronizedUpdate`: the last bytes of every frame.
pub const END_SYNCHRONIZED_UPDATE: &[u8] = b"\x1b[?2026l";

/// A buffered terminal writer that writes once per frame.
pub struct FrameWriter<W: Write> {
    buffer: Vec<u8>,
    out: W,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> Self {
        FrameWriter {
            buffer: Vec::with_capacity(16 * 1024),
            out,
        }
    }

    /// Writes everything collected since the last commit in one write.
    pub fn commit(&mut self) -> io::Result<()> {
        if !self.buffer.is_empty() {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        self.out.flush()
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    /// Writes only a complete frame; otherwise the bytes wait for the end of the frame.
    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.ends_with(END_SYNCHRONIZED_UPDATE) {
            self.commit()
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_on_commit() {
        let mut writer = FrameWriter::new(Vec::new());
        writer.write_all(b"abc").ok();
        writer.flush().ok();
        assert!(writer.out.is_empty());
        writer.commit().ok();
        assert_eq!(writer.out, b"abc");
    }

    #[test]
    fn a_flush_after_the_end_of_a_frame_writes_it() {
        let mut writer = FrameWriter::new(Vec::new());
        writer.write_all(b"\x1b[?2026habc").ok();
        writer.flush().ok();
        assert!(writer.out.is_empty());
        crossterm::queue!(writer, crossterm::terminal::EndSynchronizedUpdate).ok();
        writer.flush().ok();
        assert_eq!(writer.out, b"\x1b[?2026habc\x1b[?2026l");
    }
}
