//! How wide the goal tree is: a share of the terminal by default (a larger one below 120
//! columns, where titles need the room), which the user widens or narrows with a key, a few
//! columns at a time, within bounds that keep both panes usable — at 80x24 the tree keeps room
//! for numbers and the start of titles, the detail for its stacked values; at 200x50 the tree
//! can take far more. The user's choice is kept as columns added to the default (negative:
//! taken from it), so it carries between an 80-column SSH session and a wide one, and is
//! remembered across restarts (see [`crate::tui::panes`]).

/// Columns one key press adds or takes.
pub const STEP: u16 = 4;

/// The narrowest tree: the fold and status marks, a goal number and a few letters of title.
const MIN_TREE: u16 = 20;

/// The narrowest detail pane: its indicators, stacked as labelled values, still read.
const MIN_DETAIL: u16 = 30;

/// Below this terminal width the tree takes a fixed, narrower share.
const WIDE_SCREEN: u16 = 120;

/// The tree's width without any adjustment: enough for numbers and the start of titles; the
/// detail pane gets the rest.
fn default_width(total: u16) -> u16 {
    if total >= WIDE_SCREEN {
        (total * 3 / 10).min(64)
    } else {
        (total * 2 / 5).clamp(20.min(total), 34)
    }
}

/// The narrowest and widest tree the user may choose at `total` columns: the detail keeps at
/// least [`MIN_DETAIL`] columns and a third of a wide terminal.
fn bounds(total: u16) -> (u16, u16) {
    let widest = total.saturating_sub(MIN_DETAIL.max(total / 3));
    (MIN_TREE, widest)
}

/// The tree's width at `total` columns with the user's `adjust` (columns added to the
/// default), kept within `bounds`. A terminal too narrow for any choice gets the default.
pub fn width(total: u16, adjust: i16) -> u16 {
    let default = default_width(total);
    let (narrowest, widest) = bounds(total);
    if narrowest >= widest {
        return default;
    }
    let wanted = i32::from(default) + i32::from(adjust);
    let low = i32::from(narrowest.min(default));
    let high = i32::from(widest.max(default));
    u16::try_from(wanted.clamp(low, high)).unwrap_or(default)
}

/// The adjustment after one press of the wider (or narrower) key at `total` columns, from the
/// width shown now; `None` when the tree is already as wide (or narrow) as it may be there.
pub fn step(total: u16, adjust: i16, wider: bool) -> Option<i16> {
    let now = width(total, adjust);
    let wanted = if wider {
        now.saturating_add(STEP)
    } else {
        now.saturating_sub(STEP)
    };
    let default = i32::from(default_width(total));
    let wanted_adjust = i16::try_from(i32::from(wanted) - default).ok()?;
    let new = width(total, wanted_adjust);
    (new != now).then(|| i16::try_from(i32::from(new) - default).unwrap_or(adjust))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_unchanged_by_no_adjustment() {
        assert_eq!(width(80, 0), 32);
        assert_eq!(width(200, 0), 60);
        assert_eq!(width(120, 0), 36);
    }

    #[test]
    fn neither_pane_disappears_at_80_columns_and_200_gives_more_room() {
        for total in [80, 100, 120, 200] {
            let (mut narrowest, mut widest) = (width(total, 0), width(total, 0));
            let mut adjust = 0;
            while let Some(next) = step(total, adjust, true) {
                adjust = next;
                widest = width(total, adjust);
            }
            while let Some(next) = step(total, adjust, false) {
                adjust = next;
                narrowest = width(total, adjust);
            }
            assert_eq!(narrowest, MIN_TREE, "{total}");
            assert!(
                total - widest >= MIN_DETAIL,
                "{total}: detail keeps its room"
            );
            if total == 80 {
                assert_eq!(widest, 50);
            }
            if total == 200 {
                assert!(widest >= 120, "{widest}");
            }
        }
    }

    #[test]
    fn an_adjustment_carries_between_sizes_and_is_bounded_at_each() {
        let adjust = step(200, 0, true).and_then(|a| step(200, a, true));
        assert_eq!(adjust, Some(8));
        assert_eq!(width(80, 8), 40);
        // A wide tree from a big terminal is cut to the bounds of a small one; narrowing
        // there starts from what is shown.
        assert_eq!(width(80, 60), 50);
        assert_eq!(step(80, 60, true), None);
        assert_eq!(step(80, 60, false), Some(14));
        assert_eq!(width(80, i16::MIN), MIN_TREE);
        assert_eq!(width(80, i16::MAX), 50);
    }

    #[test]
    fn tiny_terminals_get_the_default_and_never_panic() {
        for total in 0..=60 {
            for adjust in [i16::MIN, -8, 0, 8, i16::MAX] {
                assert!(width(total, adjust) <= total, "{total} {adjust}");
                let _ = step(total, adjust, true);
                let _ = step(total, adjust, false);
            }
        }
        assert_eq!(step(40, 0, true), None);
    }
}
