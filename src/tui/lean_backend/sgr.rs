//! The few escape sequences the lean backend writes, each in its shortest form: one SGR
//! ("select graphic rendition") sequence that changes only the attributes that differ from
//! what the terminal has set, the 16 named colours in their short forms (30–37, 90–97 and
//! 40–47, 100–107), and the cheapest cursor move among carriage return, line feeds, a move
//! forward and an absolute move.
//!
//! Moves never rely on where the terminal leaves the cursor after printing in the last column
//! (the pending wrap differs between terminals): a move that counts from the current column
//! is used only when the target lies to its right on the same row, which the last column's
//! pending position never has; every other move starts with a carriage return or is absolute.

use ratatui::style::{Color, Modifier};

/// The graphic attributes a terminal prints with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Pen {
    /// What the terminal prints with after a reset.
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// The modifiers under which a blank shows its text colour and every other attribute:
    /// reverse video paints the cell in it, and lines through the cell are drawn in it (and
    /// blink, hide or thicken with the rest).
    const PAINT_BLANKS: Modifier = Modifier::REVERSED
        .union(Modifier::UNDERLINED)
        .union(Modifier::CROSSED_OUT);

    /// Whether a blank printed with `self` looks exactly like one printed with `other`. A
    /// blank has no glyph: unless a modifier paints it, only the background shows, and the
    /// text colour, bold, dim, italic, blink and hidden do not.
    pub fn blank_looks_like(self, other: Pen) -> bool {
        if (self.modifier | other.modifier).intersects(Pen::PAINT_BLANKS) {
            return self == other;
        }
        self.bg == other.bg
    }
}

/// Where the terminal's cursor is, as far as this backend knows: the row and the column are
/// each unknown after anything the backend cannot follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: Option<u16>,
    pub column: Option<u16>,
}

impl Cursor {
    pub const UNKNOWN: Cursor = Cursor {
        row: None,
        column: None,
    };

    pub fn at(x: u16, y: u16) -> Cursor {
        Cursor {
            row: Some(y),
            column: Some(x),
        }
    }
}

/// The on and off codes of each modifier, in SGR order. Blinks share their off code; bold and
/// dim share theirs, so turning one off may need the other turned on again.
const MODIFIERS: [(Modifier, u8, u8); 9] = [
    (Modifier::BOLD, 1, 22),
    (Modifier::DIM, 2, 22),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::SLOW_BLINK, 5, 25),
    (Modifier::RAPID_BLINK, 6, 25),
    (Modifier::REVERSED, 7, 27),
    (Modifier::HIDDEN, 8, 28),
    (Modifier::CROSSED_OUT, 9, 29),
];

/// Appends the SGR sequence that takes the terminal from `from` (unknown: `None`) to `to`,
/// nothing when they are equal. Of a change of only what differs and a reset followed by all
/// of `to`, the shorter is written.
pub fn set_pen(from: Option<Pen>, to: Pen, out: &mut Vec<u8>) {
    // NO_COLOR (https://no-color.org): no colour is written, as crossterm's own writer
    // does; modifiers (reverse video, bold) still carry every state.
    let to = if crossterm::style::Colored::ansi_color_disabled_memoized() {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            ..to
        }
    } else {
        to
    };
    if from == Some(to) {
        return;
    }
    // Both forms are written in place, one after the other, and the longer one is dropped:
    // no allocation, as this runs for most changed cells.
    out.extend_from_slice(b"\x1b[");
    let fresh_at = out.len();
    out.push(b'0');
    params_from_reset(to, out);
    if let Some(from) = from {
        let changed_at = out.len();
        changed_params(from, to, out);
        // Every parameter was written with a leading `;`; the first one needs none.
        let changed = (changed_at + 1).min(out.len())..out.len();
        if !changed.is_empty() && changed.len() < changed_at - fresh_at {
            let length = changed.len();
            out.copy_within(changed, fresh_at);
            out.truncate(fresh_at + length);
        } else {
            out.truncate(changed_at);
        }
    }
    // A bare reset is `ESC [ m`.
    if out[fresh_at..] == *b"0" {
        out.truncate(fresh_at);
    }
    out.push(b'm');
}

/// The parameters after a reset that set `to`, each preceded by `;`.
fn params_from_reset(to: Pen, params: &mut Vec<u8>) {
    for (modifier, on, _) in MODIFIERS {
        if to.modifier.contains(modifier) {
            push_code(params, on);
        }
    }
    if to.fg != Color::Reset {
        colour(params, to.fg, Layer::Foreground);
    }
    if to.bg != Color::Reset {
        colour(params, to.bg, Layer::Background);
    }
}

/// The parameters that change `from` into `to`, each preceded by `;` (at least one differs).
fn changed_params(from: Pen, to: Pen, params: &mut Vec<u8>) {
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    // The off codes written so far, as bits (they are all below 64).
    let mut off_written = 0u64;
    for (modifier, _, off) in MODIFIERS {
        if removed.contains(modifier) && off_written & (1 << off) == 0 {
            push_code(params, off);
            off_written |= 1 << off;
            // The shared off code also ended the partner that stays on.
            for (partner, _, partner_off) in MODIFIERS {
                if partner_off == off && to.modifier.contains(partner) {
                    added.insert(partner);
                }
            }
        }
    }
    for (modifier, on, _) in MODIFIERS {
        if added.contains(modifier) {
            push_code(params, on);
        }
    }
    if from.fg != to.fg {
        colour(params, to.fg, Layer::Foreground);
    }
    if from.bg != to.bg {
        colour(params, to.bg, Layer::Background);
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
}

/// Appends `;` and the codes of `colour` on `layer`.
fn colour(params: &mut Vec<u8>, colour: Color, layer: Layer) {
    let (base, bright, extended, default) = match layer {
        Layer::Foreground => (30, 90, 38, 39),
        Layer::Background => (40, 100, 48, 49),
    };
    let named = |index: u8| {
        if index < 8 {
            base + index
        } else {
            bright + index - 8
        }
    };
    let code = match colour {
        Color::Reset => default,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(index) => {
            push_code(params, extended);
            push_code(params, 5);
            push_code(params, index);
            return;
        }
        Color::Rgb(r, g, b) => {
            push_code(params, extended);
            push_code(params, 2);
            push_code(params, r);
            push_code(params, g);
            push_code(params, b);
            return;
        }
    };
    push_code(params, code);
}

fn push_code(params: &mut Vec<u8>, code: u8) {
    params.push(b';');
    push_number(params, u32::from(code));
}

fn push_number(out: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut n = n;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev());
}

/// `ESC [ n C`, moving `n` columns right (`n` is left out when 1).
fn forward(out: &mut Vec<u8>, n: u16) {
    if n == 0 {
        return;
    }
    out.extend_from_slice(b"\x1b[");
    if n > 1 {
        push_number(out, u32::from(n));
    }
    out.push(b'C');
}

/// `ESC [ K` (EL): erases from the cursor to the end of its line (to blanks in the current
/// attributes), leaving the cursor where it is.
pub const ERASE_TO_LINE_END: &[u8] = b"\x1b[K";

/// How many bytes [`erase`] writes.
pub fn erase_cost(n: u16) -> usize {
    3 + if n > 1 { digits(u32::from(n)) } else { 0 }
}

/// `ESC [ n X`: erases `n` cells from the cursor on (to blanks in the current attributes),
/// leaving the cursor where it is.
pub fn erase(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(b"\x1b[");
    if n > 1 {
        push_number(out, u32::from(n));
    }
    out.push(b'X');
}

/// `ESC [ n b` (REP, ECMA-48 8.3.103): prints the graphic character just printed `n` more
/// times, as if it had been sent `n` times. Only for a terminal whose terminfo entry has
/// `rep`, and only right after that character: a sequence in between leaves it undefined.
pub fn repeat(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(b"\x1b[");
    if n > 1 {
        push_number(out, u32::from(n));
    }
    out.push(b'b');
}

/// How many bytes [`repeat`] writes.
pub fn repeat_cost(n: u16) -> usize {
    3 + if n > 1 { digits(u32::from(n)) } else { 0 }
}

/// `ESC [ row ; column H`, with the parts that are 1 left out.
fn absolute(out: &mut Vec<u8>, x: u16, y: u16) {
    out.extend_from_slice(b"\x1b[");
    if y > 0 || x > 0 {
        push_number(out, u32::from(y) + 1);
    }
    if x > 0 {
        out.push(b';');
        push_number(out, u32::from(x) + 1);
    }
    out.push(b'H');
}

/// The most line feeds a move writes before an absolute move is always as short.
const MAX_LINE_FEEDS: u16 = 8;

/// A way to move the cursor, of those [`move_to`] weighs.
#[derive(Clone, Copy)]
enum Move {
    /// `ESC [ row ; column H`.
    Absolute,
    /// `ESC [ n C` from the current column.
    Forward(u16),
    /// A carriage return, `rows` line feeds, then `ESC [ n C` from the first column.
    Return { rows: u16 },
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// How many bytes [`forward`] writes.
fn forward_len(n: u16) -> usize {
    match n {
        0 => 0,
        1 => 3,
        n => 3 + digits(u32::from(n)),
    }
}

/// How many bytes [`absolute`] writes.
fn absolute_len(x: u16, y: u16) -> usize {
    let row = if y > 0 || x > 0 {
        digits(u32::from(y) + 1)
    } else {
        0
    };
    let column = if x > 0 {
        1 + digits(u32::from(x) + 1)
    } else {
        0
    };
    3 + row + column
}

/// The shortest move from `from` to `(x, y)` and its length in bytes; `None` when the cursor
/// is there already. Weighed by arithmetic, not by writing each candidate: this runs for
/// every gap between changed cells.
fn shortest_move(from: Cursor, x: u16, y: u16) -> Option<(Move, usize)> {
    if from == Cursor::at(x, y) {
        return None;
    }
    let mut best = (Move::Absolute, absolute_len(x, y));
    let mut consider = |candidate: Move, len: usize| {
        if len < best.1 {
            best = (candidate, len);
        }
    };
    if from.row == Some(y) {
        if let Some(column) = from.column
            && x > column
        {
            consider(Move::Forward(x - column), forward_len(x - column));
        }
        consider(Move::Return { rows: 0 }, 1 + forward_len(x));
    }
    if let Some(row) = from.row
        && y > row
        && y - row <= MAX_LINE_FEEDS
    {
        let rows = y - row;
        consider(
            Move::Return { rows },
            1 + usize::from(rows) + forward_len(x),
        );
    }
    Some(best)
}

/// Appends the shortest sequence that takes the cursor from `from` to `(x, y)`; nothing when
/// it is there already.
pub fn move_to(from: Cursor, x: u16, y: u16, out: &mut Vec<u8>) {
    match shortest_move(from, x, y) {
        None => {}
        Some((Move::Absolute, _)) => absolute(out, x, y),
        Some((Move::Forward(n), _)) => forward(out, n),
        Some((Move::Return { rows }, _)) => {
            out.push(b'\r');
            out.extend(std::iter::repeat_n(b'\n', usize::from(rows)));
            forward(out, x);
        }
    }
}

/// How many bytes [`move_to`] writes.
pub fn move_cost(from: Cursor, x: u16, y: u16) -> usize {
    shortest_move(from, x, y).map_or(0, |(_, len)| len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pen(from: Option<Pen>, to: Pen) -> String {
        let mut out = Vec::new();
        set_pen(from, to, &mut out);
        String::from_utf8(out).expect("ascii")
    }

    fn moved(from: Cursor, x: u16, y: u16) -> String {
        let mut out = Vec::new();
        move_to(from, x, y, &mut out);
        String::from_utf8(out).expect("ascii")
    }

    #[test]
    fn the_cost_of_a_move_is_what_it_writes() {
        let froms = [
            Cursor::UNKNOWN,
            Cursor::at(0, 0),
            Cursor::at(5, 3),
            Cursor::at(80, 3),
            Cursor {
                row: Some(3),
                column: None,
            },
        ];
        for from in froms {
            for y in [0, 1, 3, 4, 9, 11, 12, 99, 100, 120] {
                for x in [0, 1, 4, 5, 6, 9, 10, 15, 99, 100, 199] {
                    let mut out = Vec::new();
                    move_to(from, x, y, &mut out);
                    assert_eq!(move_cost(from, x, y), out.len(), "{from:?} to {x},{y}");
                }
            }
        }
    }

    #[test]
    fn the_cost_of_an_erase_or_a_repeat_is_what_it_writes() {
        for n in [1, 2, 9, 10, 99, 100, 999, 1000, u16::MAX] {
            let (mut erased, mut repeated) = (Vec::new(), Vec::new());
            erase(&mut erased, n);
            repeat(&mut repeated, n);
            assert_eq!(erase_cost(n), erased.len(), "erase {n}");
            assert_eq!(repeat_cost(n), repeated.len(), "repeat {n}");
            // The encoder looks for an erase only where the shortest one could win.
            assert!(erase_cost(n) >= ERASE_TO_LINE_END.len(), "erase {n}");
        }
    }

    #[test]
    fn a_blank_looks_alike_when_only_its_glyph_attributes_differ() {
        let plain = Pen::DEFAULT;
        let with = |modifier: Modifier| Pen { modifier, ..plain };
        let cyan = Pen {
            fg: Color::Cyan,
            ..plain
        };
        for unseen in [
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::ITALIC,
            Modifier::HIDDEN,
        ] {
            assert!(with(unseen).blank_looks_like(plain), "{unseen:?}");
        }
        assert!(cyan.blank_looks_like(with(Modifier::BOLD)));
        let on_blue = Pen {
            bg: Color::Blue,
            ..plain
        };
        assert!(!on_blue.blank_looks_like(plain), "the background shows");
        for painting in [
            Modifier::REVERSED,
            Modifier::UNDERLINED,
            Modifier::CROSSED_OUT,
        ] {
            assert!(!with(painting).blank_looks_like(plain), "{painting:?}");
            let coloured = Pen {
                fg: Color::Cyan,
                modifier: painting,
                ..plain
            };
            assert!(
                !coloured.blank_looks_like(with(painting)),
                "{painting:?} in colour"
            );
            assert!(coloured.blank_looks_like(coloured));
        }
    }

    #[test]
    fn named_colours_take_their_short_forms() {
        let to = Pen {
            fg: Color::Cyan,
            bg: Color::DarkGray,
            modifier: Modifier::empty(),
        };
        assert_eq!(pen(Some(Pen::DEFAULT), to), "\x1b[36;100m");
        let white = Pen {
            fg: Color::White,
            ..Pen::DEFAULT
        };
        assert_eq!(pen(Some(Pen::DEFAULT), white), "\x1b[97m");
        let indexed = Pen {
            fg: Color::Indexed(200),
            bg: Color::Rgb(1, 2, 3),
            modifier: Modifier::empty(),
        };
        assert_eq!(
            pen(Some(Pen::DEFAULT), indexed),
            "\x1b[38;5;200;48;2;1;2;3m"
        );
    }

    #[test]
    fn only_what_changed_or_a_shorter_reset() {
        let bold_red = Pen {
            fg: Color::Red,
            bg: Color::Reset,
            modifier: Modifier::BOLD,
        };
        let red = Pen {
            modifier: Modifier::empty(),
            ..bold_red
        };
        assert_eq!(pen(Some(bold_red), red), "\x1b[22m");
        assert_eq!(pen(Some(bold_red), Pen::DEFAULT), "\x1b[m");
        assert_eq!(pen(Some(red), red), "");
        assert_eq!(pen(None, red), "\x1b[0;31m");
        let dim = Pen {
            modifier: Modifier::BOLD | Modifier::DIM,
            ..Pen::DEFAULT
        };
        let only_dim = Pen {
            modifier: Modifier::DIM,
            ..Pen::DEFAULT
        };
        // A reset and dim is shorter than ending both and turning dim on again.
        assert_eq!(pen(Some(dim), only_dim), "\x1b[0;2m");
        let red_dim = Pen {
            fg: Color::Red,
            ..dim
        };
        let red_only_dim = Pen {
            fg: Color::Red,
            ..only_dim
        };
        // 22 ends both: dim comes back on.
        assert_eq!(pen(Some(red_dim), red_only_dim), "\x1b[22;2m");
        let blinks = Pen {
            modifier: Modifier::SLOW_BLINK | Modifier::RAPID_BLINK | Modifier::ITALIC,
            ..Pen::DEFAULT
        };
        let rapid = Pen {
            modifier: Modifier::RAPID_BLINK | Modifier::ITALIC,
            ..Pen::DEFAULT
        };
        assert_eq!(pen(Some(blinks), rapid), "\x1b[25;6m");
    }

    #[test]
    fn moves_take_the_shortest_form() {
        assert_eq!(moved(Cursor::at(3, 4), 3, 4), "");
        assert_eq!(moved(Cursor::at(3, 4), 4, 4), "\x1b[C");
        assert_eq!(moved(Cursor::at(3, 4), 20, 4), "\x1b[17C");
        assert_eq!(moved(Cursor::at(30, 4), 0, 5), "\r\n");
        assert_eq!(moved(Cursor::at(30, 4), 0, 6), "\r\n\n");
        assert_eq!(moved(Cursor::at(30, 4), 1, 5), "\r\n\x1b[C");
        // As long as the line feeds and the move forward: the absolute move.
        assert_eq!(moved(Cursor::at(30, 4), 2, 6), "\x1b[7;3H");
        assert_eq!(moved(Cursor::at(30, 4), 0, 4), "\r");
        assert_eq!(moved(Cursor::at(30, 4), 10, 2), "\x1b[3;11H");
        assert_eq!(moved(Cursor::UNKNOWN, 0, 0), "\x1b[H");
        assert_eq!(moved(Cursor::UNKNOWN, 0, 9), "\x1b[10H");
        let pending = Cursor {
            row: Some(4),
            column: None,
        };
        assert_eq!(moved(pending, 0, 5), "\r\n");
        assert_eq!(moved(pending, 50, 4), "\r\x1b[50C");
    }
}
