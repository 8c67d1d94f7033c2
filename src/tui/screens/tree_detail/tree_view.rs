//! The goal tree pane: one row per visible goal with fold mark, assessment mark for the chosen
//! period, the goal's worst flag (✗ ◐ ⚠ ≠ ?, from the cached flag list) and number + title;
//! the selected row is reversed and marked `›`. A title cut by the pane's edge ends in «…».

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Focus};
use crate::tui::theme;
use crate::tui::tree_model::goal_at;
use crate::tui::widgets::pane::Pane;
use crate::tui::widgets::{lines, text};

/// Draws the tree.
pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let block = Pane::new(" Mål ", app.focus() == Focus::Tree);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);

    let tree = app.tree();
    let Some(plan) = app.plan() else {
        frame.render_widget(
            Paragraph::new("Inga mål att visa").style(theme::muted()),
            inner,
        );
        return;
    };
    let period = app.period();
    let offset = app
        .tree_offset()
        .min(tree.visible().len().saturating_sub(1));
    let lines: Vec<Line<'static>> = tree
        .visible()
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(row, &index)| {
            let node = tree.node(index);
            let selected = row == tree.selected_row();
            let fold = if !node.has_children {
                "  "
            } else if tree.is_expanded(index) {
                "▾ "
            } else {
                "▸ "
            };
            let assessment = goal_at(&plan.goals, &node.path)
                .map(|goal| goal.status_in(period).assessment)
                .unwrap_or_default();
            let flag_mark = match app.flags().mark(node.id) {
                Some(kind) => Span::styled(kind.symbol(), theme::flag(kind)),
                None => Span::raw(" "),
            };
            // A name cut by the pane's edge ends in «…», so a cut is never taken for the name.
            let used = 1 + 2 * node.depth + 2 + 1 + 1 + 1;
            let label = text::truncate(&node.label, usize::from(inner.width).saturating_sub(used));
            let mut line = Line::from(vec![
                Span::raw(if selected { "›" } else { " " }),
                Span::raw("  ".repeat(node.depth)),
                Span::raw(fold),
                Span::styled(assessment.symbol(), theme::assessment(assessment)),
                flag_mark,
                Span::raw(" "),
                // Sanitised when the tree was built.
                Span::raw(label),
            ]);
            if selected {
                line = line.style(theme::selection());
            }
            line
        })
        .collect();
    lines::draw(&lines, inner, frame.buffer_mut());
}
