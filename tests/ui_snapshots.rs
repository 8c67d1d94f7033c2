//! Snapshots of what the user sees, at 80x24 and 200x50, driven by actions as key presses.

mod ui_common;

use malkoll::tui::action::Action::*;
use ui_common::{SIZES, seeded_sodermalm_t1};

#[test]
fn main_screen() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        insta::assert_snapshot!(
            format!("main_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn collapsed_tree() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[MoveDown, Collapse, MoveDown, Collapse]);
        insta::assert_snapshot!(
            format!("collapsed_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn help_overlay() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[Help]);
        insta::assert_snapshot!(
            format!("help_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn committee_goal_with_indicators() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[MoveDown, MoveDown]);
        insta::assert_snapshot!(
            format!("namndmal_t1_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn committee_goal_scrolled_to_indicators() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[MoveDown, MoveDown, SwitchFocus]);
        // Scroll as a user would until the indicator heading tops the pane.
        let mut screen = driver.screen(width, height);
        for _ in 0..300 {
            if screen
                .lines()
                .nth(2)
                .is_some_and(|l| l.contains("Indikatorer ("))
            {
                break;
            }
            let before = driver.app().detail_scroll();
            driver.press(&[MoveDown]);
            screen = driver.screen(width, height);
            if driver.app().detail_scroll() == before {
                break;
            }
        }
        assert!(screen.contains("Indikatorer (1)"), "{screen}");
        assert!(screen.contains("Årsmål"), "{screen}");
        insta::assert_snapshot!(
            format!("namndmal_t1_scrolled_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

/// The tree pane's width on `screen`: up to and with its top right corner.
fn tree_pane_width(screen: &str) -> usize {
    let border = screen.lines().nth(1).unwrap_or_default();
    border
        .chars()
        .position(|c| c == '┐' || c == '┓')
        .map_or(0, |at| at + 1)
}

/// Every goal row of the tree on `screen` shows its whole name («1.1.1 Vuxna …») or a cut
/// that ends in «…» and starts as the name does.
fn assert_names_whole_or_cut(driver: &ui_common::Driver<malkoll::store::Store>, screen: &str) {
    let pane = tree_pane_width(screen);
    let tree = driver.app().tree();
    let offset = driver.app().tree_offset();
    let rows = tree.visible().iter().skip(offset);
    let pane_lines = screen
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('│') || line.starts_with('┃'));
    for (line, &index) in pane_lines.zip(rows) {
        let node = tree.node(index);
        let name = match &node.number {
            Some(number) => format!("{number} {}", node.title),
            None => node.title.clone(),
        };
        let row: String = line.chars().take(pane.saturating_sub(1)).skip(1).collect();
        let row = row.trim_end();
        // The marks before the name hold no digits or letters.
        let start: String = name.chars().take(3).collect();
        let Some(at) = row.find(&start) else {
            panic!("row «{row}» does not show «{start}» at width {pane}:\n{screen}");
        };
        let shown = &row[at..];
        let whole = shown == name;
        let cut = shown
            .strip_suffix('…')
            .is_some_and(|part| name.starts_with(part) && part.len() < name.len());
        assert!(
            whole || cut,
            "«{shown}» is neither «{name}» nor a cut of it ending in «…» at width {pane}:\n{screen}"
        );
    }
}

/// The tree's width keys: from the narrowest to the widest width the terminal allows, each
/// row shows its goal's whole name or a cut ending in «…»; at 80x24 the detail pane keeps its
/// room, at 200x50 the tree can widen much further. Snapshots at the widest.
#[test]
fn tree_width_keys_keep_both_panes_and_cut_names_with_an_ellipsis() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[ExpandAll]);
        let mut screen = driver.screen(width, height);
        let default = tree_pane_width(&screen);
        // Narrowest first, then step by step to the widest.
        loop {
            driver.press(&[TreeNarrower]);
            let next = driver.screen(width, height);
            let unchanged = tree_pane_width(&next) == tree_pane_width(&screen);
            screen = next;
            if unchanged {
                break;
            }
        }
        let narrowest = tree_pane_width(&screen);
        assert!(
            driver
                .app()
                .message()
                .is_some_and(|m| m.contains("inte bli smalare")),
            "{screen}"
        );
        let mut widths = vec![narrowest];
        loop {
            assert_names_whole_or_cut(&driver, &screen);
            driver.press(&[TreeWider]);
            let next = driver.screen(width, height);
            let now = tree_pane_width(&next);
            screen = next;
            if now == *widths.last().unwrap_or(&0) {
                break;
            }
            widths.push(now);
        }
        let widest = *widths.last().unwrap_or(&0);
        assert!(widths.contains(&default), "{widths:?}");
        assert_eq!(narrowest, 20, "{widths:?}");
        assert!(
            usize::from(width) - widest >= 30,
            "the detail pane keeps its room: {widths:?}"
        );
        if width == 80 {
            assert_eq!(widest, 50);
        } else {
            assert!(widest >= 120, "{widths:?}");
        }
        assert!(screen.contains("Detaljer"), "{screen}");
        insta::assert_snapshot!(format!("tree_widest_{width}x{height}"), screen);
    }
}
