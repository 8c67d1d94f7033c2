//! A backend wrapper that spends fewer bytes per frame (DESIGN.md §8: every byte counts over
//! SSH). ratatui hands the backend only the cells that changed; between two changed cells on a
//! row the crossterm backend moves the cursor (`ESC[r;cH`, 6–8 bytes), even when only a cell
//! or two in between stayed the same. [`LeanBackend`] keeps a shadow of what ratatui believes
//! the screen shows and, where it is cheaper, reprints those unchanged cells instead of the
//! move — the same characters in the same style, so the screen ends up exactly as before.
//!
//! A gap is filled only when every cell in it is one column wide, in exactly the style of the
//! changed cell before it or, from some cell on, of the changed cell after it (so no colour or
//! attribute sequence is added, one only comes a few cells earlier), and the changed cell
//! before it is one column wide too: nothing is ever printed next to or over a wide character.
//!
//! The shadow mirrors ratatui's previous buffer: it starts blank, is reset on every clear (as
//! ratatui resets its buffer after any clear through [`ratatui::Terminal`]) and takes every
//! drawn cell. The gap cells are cells the new frame left unchanged, so they equal the shadow.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// Wraps `B`, filling short gaps between changed cells with the unchanged cells in between.
pub struct LeanBackend<B: Backend> {
    inner: B,
    shadow: Buffer,
}

impl<B: Backend> LeanBackend<B> {
    pub fn new(inner: B) -> Self {
        LeanBackend {
            inner,
            shadow: Buffer::empty(Rect::ZERO),
        }
    }

    /// What the terminal shows, as far as drawing through this backend goes.
    pub fn shadow(&self) -> &Buffer {
        &self.shadow
    }

    /// Grows the shadow to hold the cell at `(x, y)`, keeping what it holds (new cells are
    /// blank, as ratatui assumes of cells it never drew).
    fn cover(&mut self, x: u16, y: u16) {
        let area = self.shadow.area;
        if x < area.right() && y < area.bottom() {
            return;
        }
        let width = area.right().max(x.saturating_add(1));
        let height = area.bottom().max(y.saturating_add(1));
        let mut grown = Buffer::empty(Rect::new(0, 0, width, height));
        for row in area.top()..area.bottom() {
            for column in area.left()..area.right() {
                let position = Position::new(column, row);
                if let (Some(from), Some(to)) =
                    (self.shadow.cell(position), grown.cell_mut(position))
                {
                    *to = from.clone();
                }
            }
        }
        self.shadow = grown;
    }
}

/// Bytes crossterm writes to move the cursor to `(x, y)`: `ESC [ row ; col H`.
fn move_cost(x: u16, y: u16) -> usize {
    4 + digits(u32::from(y) + 1) + digits(u32::from(x) + 1)
}

fn digits(mut n: u32) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// Whether `cell` prints as exactly one column and can stand in a gap: a plain cell (no
/// skip, forced width or forced update) whose symbol is one column wide.
fn single_width(cell: &Cell) -> bool {
    #[allow(deprecated)]
    let skip = cell.skip;
    !skip && cell.diff_option == CellDiffOption::None && cell.symbol().width() == 1
}

/// How many columns `cell` covers on the screen, as far as the shadow is concerned.
fn columns(cell: &Cell) -> u16 {
    let width = u16::try_from(cell.symbol().width()).unwrap_or(u16::MAX);
    match cell.diff_option {
        CellDiffOption::ForcedWidth(forced) => forced.get().max(width),
        _ => width,
    }
}

/// The shadow cells that fill the gap after `before` (drawn at `x`, `y`) up to `next` (drawn
/// at `next_x`), when reprinting them is cheaper than moving the cursor and adds no style
/// change: the gap is some cells in the style of `before`, then some in the style of `next`
/// (whose style change the backend writes anyway, only a few cells earlier).
fn gap_fill<'s>(
    shadow: &'s Buffer,
    (x, y, before): (u16, u16, &Cell),
    (next_x, next): (u16, &Cell),
) -> Option<Vec<&'s Cell>> {
    let start = x.checked_add(1)?;
    if next_x <= start || !single_width(before) {
        return None;
    }
    let budget = move_cost(next_x, y);
    let mut cost = 0;
    let mut in_next_style = false;
    let mut cells = Vec::with_capacity(usize::from(next_x - start));
    for column in start..next_x {
        let cell = shadow.cell(Position::new(column, y))?;
        if !single_width(cell) {
            return None;
        }
        in_next_style = in_next_style || cell.style() != before.style();
        if in_next_style && cell.style() != next.style() {
            return None;
        }
        cost += cell.symbol().len();
        if cost >= budget {
            return None;
        }
        cells.push(cell);
    }
    Some(cells)
}

impl<B: Backend> Backend for LeanBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, &'a Cell)> = content.collect();
        for &(x, y, _) in &changed {
            self.cover(x, y);
        }
        let mut out: Vec<(u16, u16, &Cell)> = Vec::with_capacity(changed.len());
        for (i, &(x, y, cell)) in changed.iter().enumerate() {
            out.push((x, y, cell));
            let Some(&(next_x, next_y, next)) = changed.get(i + 1) else {
                continue;
            };
            if next_y != y {
                continue;
            }
            if let Some(fill) = gap_fill(&self.shadow, (x, y, cell), (next_x, next)) {
                out.extend((x + 1..).zip(fill).map(|(column, gap)| (column, y, gap)));
            }
        }
        self.inner.draw(out.into_iter())?;
        for (x, y, cell) in changed {
            if let Some(shown) = self.shadow.cell_mut(Position::new(x, y)) {
                *shown = cell.clone();
            }
            // The columns a wide character covers show no cell of their own: mark them so
            // they are never reprinted, whatever ratatui keeps there.
            for column in x.saturating_add(1)..x.saturating_add(columns(cell)) {
                if let Some(covered) = self.shadow.cell_mut(Position::new(column, y)) {
                    *covered = Cell::EMPTY;
                    covered.set_diff_option(CellDiffOption::Skip);
                }
            }
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        // Lines scroll the screen under the shadow: forget it, as after a clear.
        self.shadow.reset();
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.shadow.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // ratatui resets its whole buffer after any clear; the shadow follows it.
        self.shadow.reset();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

impl<B: Backend + std::io::Write> std::io::Write for LeanBackend<B> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::Write::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    use ratatui::backend::{CrosstermBackend, TestBackend};
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;

    const WIDTH: u16 = 30;
    const HEIGHT: u16 = 6;

    /// Collects what the terminal would receive.
    #[derive(Clone, Default)]
    struct Sink(Rc<RefCell<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut *self.0.borrow_mut())
        }
    }

    /// A tiny terminal: the sequences crossterm's backend writes (cursor moves, SGR, cursor
    /// visibility) applied to a grid of cells, enough to see what a user would see.
    struct Screen {
        cells: Buffer,
        x: u16,
        y: u16,
        fg: Color,
        bg: Color,
        modifier: Modifier,
    }

    impl Screen {
        fn new() -> Self {
            Screen {
                cells: Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT)),
                x: 0,
                y: 0,
                fg: Color::Reset,
                bg: Color::Reset,
                modifier: Modifier::empty(),
            }
        }

        fn feed(&mut self, bytes: &[u8]) {
            let text = std::str::from_utf8(bytes).expect("utf-8");
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                if c != '\x1b' {
                    self.print(c);
                    continue;
                }
                assert_eq!(chars.next(), Some('['));
                let mut params = String::new();
                let end = loop {
                    let c = chars.next().expect("terminated sequence");
                    if c.is_ascii_alphabetic() {
                        break c;
                    }
                    params.push(c);
                };
                match end {
                    'H' => {
                        let (row, col) = params.split_once(';').expect("row;col");
                        self.y = row.parse::<u16>().expect("row") - 1;
                        self.x = col.parse::<u16>().expect("col") - 1;
                    }
                    'J' => self.cells.reset(),
                    'l' | 'h' => assert_eq!(params, "?25"),
                    'm' => self.sgr(&params),
                    other => panic!("unexpected sequence {other}"),
                }
            }
        }

        /// Prints `c` at the cursor as a terminal does: a character written over either half
        /// of a wide one erases all of it; a wide one covers the next column.
        fn print(&mut self, c: char) {
            let symbol = c.to_string();
            let width = symbol.width() as u16;
            let (x, y) = (self.x, self.y);
            if x > 0
                && let Some(left) = self.cells.cell_mut((x - 1, y))
                && left.symbol().width() > 1
            {
                left.reset();
            }
            for column in x..x + width.max(1) {
                let Some(cell) = self.cells.cell((column, y)) else {
                    break;
                };
                let old_width = cell.symbol().width() as u16;
                for covered in column + 1..column + old_width {
                    if let Some(cell) = self.cells.cell_mut((covered, y)) {
                        cell.reset();
                    }
                }
            }
            for covered in x + 1..x + width {
                if let Some(cell) = self.cells.cell_mut((covered, y)) {
                    cell.reset();
                }
            }
            let cell = self.cells.cell_mut((x, y)).expect("on screen");
            cell.reset();
            cell.set_symbol(&symbol);
            cell.fg = self.fg;
            cell.bg = self.bg;
            cell.modifier = self.modifier;
            self.x += width;
        }

        fn sgr(&mut self, params: &str) {
            let codes: Vec<u8> = params
                .split(';')
                .map(|p| p.parse().expect("code"))
                .collect();
            let mut i = 0;
            while i < codes.len() {
                match codes[i] {
                    0 => {
                        self.fg = Color::Reset;
                        self.bg = Color::Reset;
                        self.modifier = Modifier::empty();
                    }
                    1 => self.modifier.insert(Modifier::BOLD),
                    7 => self.modifier.insert(Modifier::REVERSED),
                    22 => self.modifier.remove(Modifier::BOLD | Modifier::DIM),
                    27 => self.modifier.remove(Modifier::REVERSED),
                    38 | 48 => {
                        assert_eq!(codes[i + 1], 5, "indexed colours only");
                        let colour = Color::Indexed(codes[i + 2]);
                        if codes[i] == 38 {
                            self.fg = colour;
                        } else {
                            self.bg = colour;
                        }
                        i += 2;
                    }
                    39 => self.fg = Color::Reset,
                    49 => self.bg = Color::Reset,
                    59 => {}
                    other => panic!("unexpected SGR {other}"),
                }
                i += 1;
            }
        }
    }

    /// The 16 named colours as the indices crossterm writes for them.
    fn indexed(color: Color) -> Color {
        let index = match color {
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            other => return other,
        };
        Color::Indexed(index)
    }

    const STYLES: [Style; 4] = [
        Style::new(),
        Style::new().fg(Color::DarkGray),
        Style::new().add_modifier(Modifier::BOLD),
        Style::new()
            .add_modifier(Modifier::REVERSED)
            .fg(Color::Cyan),
    ];

    /// A frame for `seed`: words in a few styles, some wide characters, at shifting places
    /// like re-wrapped text. Each row depends on `seed` and the row, and rows change only for
    /// some seeds, so consecutive frames share much.
    fn frame(seed: u64, buffer: &mut Buffer) {
        let words = [
            "mål",
            "rättsperspektivet",
            "B",
            "…",
            "コ",
            "x",
            "  ",
            "näring",
        ];
        for y in 0..buffer.area.height {
            let mut state = (seed / (u64::from(y) + 1)) * 31 + u64::from(y);
            let mut next = || {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) as usize
            };
            let mut x = 0;
            while x < buffer.area.width {
                let word = words[next() % words.len()];
                let style = STYLES[next() % STYLES.len()];
                let room = usize::from(buffer.area.width - x);
                let (end, _) = buffer.set_stringn(x, y, word, room, style);
                x = end.max(x + 1) + (next() % 2) as u16;
            }
        }
    }

    /// Draws the frames through `backend` and returns the bytes written and the screen they
    /// build.
    fn run<B: Backend>(backend: B, sink: &Sink, seeds: &[u64]) -> (usize, Buffer)
    where
        B::Error: std::fmt::Debug,
    {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        };
        let mut terminal = Terminal::with_options(backend, options).expect("terminal");
        let mut screen = Screen::new();
        let mut bytes = 0;
        for &seed in seeds {
            terminal
                .draw(|f| frame(seed, f.buffer_mut()))
                .expect("draw");
            let written = sink.take();
            bytes += written.len();
            screen.feed(&written);
        }
        (bytes, screen.cells)
    }

    /// The frame for `seed` as the screen should show it.
    fn intended(seed: u64) -> Buffer {
        let mut buffer = rendered(seed);
        for cell in &mut buffer.content {
            cell.fg = indexed(cell.fg);
            cell.bg = indexed(cell.bg);
        }
        buffer
    }

    fn rendered(seed: u64) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        terminal
            .draw(|f| frame(seed, f.buffer_mut()))
            .expect("draw");
        terminal.backend().buffer().clone()
    }

    /// The first cell where `a` and `b` differ, with its position.
    fn difference(a: &Buffer, b: &Buffer) -> Option<(usize, Cell, Cell)> {
        a.content
            .iter()
            .zip(&b.content)
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| (i, x.clone(), y.clone()))
    }

    #[test]
    fn same_screen_as_the_plain_backend_in_no_more_bytes() {
        let mut saved = 0;
        for start in 0..60 {
            let seeds: Vec<u64> = (start..start + 6).collect();
            let plain_sink = Sink::default();
            let (plain_bytes, plain_screen) = run(
                CrosstermBackend::new(plain_sink.clone()),
                &plain_sink,
                &seeds,
            );
            let lean_sink = Sink::default();
            let (lean_bytes, lean_screen) = run(
                LeanBackend::new(CrosstermBackend::new(lean_sink.clone())),
                &lean_sink,
                &seeds,
            );
            let want = intended(start + 5);
            assert_eq!(
                difference(&plain_screen, &want),
                None,
                "the model replays plain"
            );
            assert_eq!(difference(&lean_screen, &want), None, "seeds {seeds:?}");
            assert!(lean_bytes <= plain_bytes, "{lean_bytes} > {plain_bytes}");
            saved += plain_bytes - lean_bytes;
        }
        assert!(saved > 0, "gap filling never applied");
    }

    #[test]
    fn shadow_follows_the_frames_and_resets_on_clear() {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        };
        let backend = LeanBackend::new(CrosstermBackend::new(Sink::default()));
        let mut terminal = Terminal::with_options(backend, options).expect("terminal");
        for seed in 0..3 {
            terminal
                .draw(|f| frame(seed, f.buffer_mut()))
                .expect("draw");
        }
        let want = rendered(2);
        let shadow = terminal.backend().shadow();
        for y in 0..HEIGHT {
            for x in 0..WIDTH {
                let shown = shadow.cell((x, y)).unwrap_or(&Cell::EMPTY);
                if shown.diff_option == CellDiffOption::Skip {
                    // Covered by a wide character once: unknown, never reprinted. ratatui
                    // keeps such a cell blank.
                    let want = want.cell((x, y)).expect("in the frame");
                    assert_eq!(want.symbol(), " ", "at {x},{y}");
                    continue;
                }
                assert_eq!(Some(shown), want.cell((x, y)), "at {x},{y}");
            }
        }
        terminal.backend_mut().clear().expect("clear");
        let shadow = terminal.backend().shadow();
        assert!(shadow.content.iter().all(|cell| *cell == Cell::EMPTY));
    }

    /// Draws `before` on a blank screen, then only what changes for `after`; returns what
    /// the second draw wrote.
    fn second_draw(before: &Buffer, after: &Buffer) -> String {
        let sink = Sink::default();
        let mut backend = LeanBackend::new(CrosstermBackend::new(sink.clone()));
        let blank = Buffer::empty(before.area);
        backend.draw(blank.diff(before).into_iter()).expect("draw");
        sink.take();
        backend.draw(before.diff(after).into_iter()).expect("draw");
        String::from_utf8(sink.take()).expect("utf-8")
    }

    #[test]
    fn fills_a_short_gap_instead_of_moving() {
        let mut first = Buffer::empty(Rect::new(0, 0, 20, 1));
        first.set_string(0, 0, "abcdefghij", Style::new());
        let mut second = first.clone();
        second.set_string(0, 0, "X", Style::new());
        second.set_string(3, 0, "Y", Style::new());
        let written = second_draw(&first, &second);
        assert!(written.contains("XbcY"), "{written:?}");
        assert_eq!(written.matches('H').count(), 1, "{written:?}");
    }

    #[test]
    fn keeps_the_move_when_the_gap_has_another_style() {
        let mut first = Buffer::empty(Rect::new(0, 0, 20, 1));
        first.set_string(0, 0, "abcdefghij", Style::new());
        first.set_string(1, 0, "b", Style::new().add_modifier(Modifier::BOLD));
        let mut second = first.clone();
        second.set_string(0, 0, "X", Style::new());
        second.set_string(3, 0, "Y", Style::new());
        let written = second_draw(&first, &second);
        assert!(!written.contains('b'), "{written:?}");
        assert_eq!(written.matches('H').count(), 2, "{written:?}");
    }

    #[test]
    fn fills_a_gap_that_takes_the_next_cells_style() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut first = Buffer::empty(Rect::new(0, 0, 20, 1));
        first.set_string(0, 0, "abcdefghij", Style::new());
        first.set_string(2, 0, "cd", bold);
        let mut second = first.clone();
        second.set_string(0, 0, "X", Style::new());
        second.set_string(4, 0, "Y", bold);
        let written = second_draw(&first, &second);
        assert!(written.contains("Xb\x1b[1mcdY"), "{written:?}");
        assert_eq!(written.matches('H').count(), 1, "{written:?}");
    }

    #[test]
    fn never_prints_next_to_a_wide_character() {
        let mut first = Buffer::empty(Rect::new(0, 0, 10, 1));
        first.set_string(0, 0, "aコbc", Style::new());
        let mut second = first.clone();
        second.set_string(0, 0, "X", Style::new());
        second.set_string(4, 0, "Y", Style::new());
        let written = second_draw(&first, &second);
        assert!(!written.contains('コ'), "{written:?}");
        assert!(!written.contains('b'), "{written:?}");
    }
}
