//! Drawing the *Ekonomi* screen over the body: a table of the verksamhetsområden (budget,
//! justeringar, prognos or bokslut, avvikelse in mnkr and per cent; a trend sparkline per
//! row where there is room), the nämnd's *Totalt* (the sum of the rows), intäkter and
//! kostnader pinned under it, then for the selected area the prognosis field when one is
//! typed, the warnings (a document total that disagrees with its rows, prognoses carried
//! from an earlier period), the prognosis month by month (a bar chart where there is room,
//! a labelled line at 80 columns) and the area's analys.
//!
//! Without colour nothing is lost: a flagged deficit has its `▼`, the selection `›` and
//! reverse video, a carried prognosis its `*`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, BorderType, Clear, Paragraph};

use crate::domain::budget::{AreaRow, EconomyView, format_mnkr, name_key};
use crate::domain::flags::FlagKind;
use crate::domain::flags::economy::economy_flags;
use crate::domain::number::format_number;
use crate::domain::{Period, PlanYear};
use crate::tui::theme;
use crate::tui::widgets::text;

use super::{EconomyScreen, Page, Scope};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};

/// From this inner width on, full column titles and the trend column are shown.
const WIDE: usize = 110;

/// Below this inner height the trend is a labelled line only, without the chart.
const TALL: u16 = 30;

/// Area rows the list keeps however much the detail below it has to say.
const MIN_LIST_ROWS: usize = 6;

/// Column widths: budget, justeringar, prognos, avvikelse, per cent, trend (0: not shown).
fn columns(width: usize) -> [usize; 6] {
    if width >= WIDE {
        [11, 13, 11, 11, 8, 15]
    } else {
        [9, 8, 10, 9, 7, 0]
    }
}

/// Longest name column: wider only spreads the numbers away from their names.
const MAX_NAME: usize = 64;

/// Width of the name column: what the mark and the number columns leave, up to [`MAX_NAME`].
fn name_width(width: usize) -> usize {
    let fixed: usize = 2 + columns(width).iter().sum::<usize>();
    width.saturating_sub(fixed).clamp(12, MAX_NAME)
}

/// The layout pass: the page size (area rows of the list) and the detail's furthest scroll
/// when it is read over the whole screen, from the same areas and lines [`render`] draws.
pub fn layout(screen: &EconomyScreen, plan: Option<&PlanYear>, period: Period, area: Rect) -> Page {
    let inner = Block::bordered().inner(area);
    let Some(plan) = plan else {
        return Page::default();
    };
    let view = EconomyScreen::view(Scope {
        council: &plan.council.id,
        year: plan.year,
        period,
        economy: &plan.economy,
    });
    if view.is_empty() {
        return Page::default();
    }
    let selected = screen.selected(view.rows.len());
    let detail = detail(screen, &view, selected, usize::from(inner.width));
    if screen.reading().is_some() {
        return reading_page(&detail, inner);
    }
    let ([_, list_area, _, _], _) = table_areas(inner, &view, &detail, selected);
    Page {
        rows: usize::from(list_area.height).max(1),
        max_scroll: 0,
    }
}

/// The table's areas in `inner` — header, area rows, the pinned totals, the detail — and
/// whether the detail has room for the chart.
fn table_areas(
    inner: Rect,
    view: &EconomyView,
    detail: &Detail,
    selected: usize,
) -> ([Rect; 4], bool) {
    let pinned_height = pinned_height(view);
    let chart =
        inner.height >= TALL && view.trend_periods.len() > 1 && view.rows.get(selected).is_some();
    let chart_height = if chart { CHART_HEIGHT } else { 0 };
    // The detail takes what it needs, leaving the list at least a few rows.
    let needed = detail.top.len() + usize::from(chart_height) + detail.bottom.len();
    let spare = usize::from(inner.height).saturating_sub(1 + pinned_height + MIN_LIST_ROWS);
    let detail_height = needed.min(spare).max(detail.top.len().min(spare));
    // The list takes the rest, but no more than its rows: the totals follow right under it.
    let list_height = usize::from(inner.height)
        .saturating_sub(1 + pinned_height + detail_height)
        .min(view.rows.len())
        .max(1);
    let areas = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(list_height as u16),
        Constraint::Length(pinned_height as u16),
        Constraint::Min(0),
    ])
    .areas(inner);
    (areas, chart)
}

/// Lines of the totals pinned under the list: *Totalt*, intäkter, kostnader, and the result
/// units' and the investments' lines when there are any.
fn pinned_height(view: &EconomyView) -> usize {
    let result_units = view.result_units_in.is_some() || view.result_units_out.is_some();
    1 + view.income.iter().count()
        + view.costs.iter().count()
        + usize::from(result_units)
        + view.investments_total.iter().count()
}

/// The investments' total in one line (the table per investment is `malkoll economy`'s):
/// they are apart from the operating budget above.
/// A prognosis carried from an earlier period is marked with `*`, as in the list.
fn investments_line(view: &EconomyView, total: &AreaRow, width: usize) -> Line<'static> {
    let amount = |tkr: Option<i64>| tkr.map_or_else(|| "–".to_owned(), format_mnkr);
    let carried = view.investments.iter().any(|r| r.carried_from.is_some());
    Line::raw(text::truncate(
        &format!(
            "  Investeringar ({}): budget {} · just. {} · prognos {}{} · avvikelse {}",
            view.investments.len(),
            amount(total.budget),
            amount(total.adjustments),
            amount(total.forecast),
            if carried { "*" } else { "" },
            amount(total.variance)
        ),
        width,
    ))
}

/// Draws the screen over `area` for `plan` in `period`; `share` is the deficit threshold.
pub fn render(
    screen: &EconomyScreen,
    plan: Option<&PlanYear>,
    period: Period,
    share: f64,
    keymap: &Keymap,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let title = match plan {
        Some(plan) => format!(
            " Ekonomi · {} · {} {} · mnkr netto ",
            text::clean(&plan.council.name),
            period.label(),
            plan.year
        ),
        None => " Ekonomi ".to_owned(),
    };
    let threshold = format!(
        " ▼ underskott över {} % av budget ",
        format_number(share * 100.0, 2)
    );
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme::focused_border())
        .title(Span::styled(title, theme::heading()))
        .title_bottom(Line::from(threshold).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);

    let Some(plan) = plan else {
        frame.render_widget(
            Paragraph::new("Ingen plan inläst").style(theme::muted()),
            inner,
        );
        return;
    };
    let scope = Scope {
        council: &plan.council.id,
        year: plan.year,
        period,
        economy: &plan.economy,
    };
    let view = EconomyScreen::view(scope);
    if view.is_empty() {
        let lines = vec![
            Line::styled(
                format!("Ingen ekonomi inläst eller inlagd för {}.", plan.year),
                theme::muted(),
            ),
            Line::styled(
                "Läs in en tertialrapport eller verksamhetsberättelse med ekonomitabeller.",
                theme::muted(),
            ),
        ];
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let deficits = economy_flags(&plan.economy, period, share);
    let flagged: Vec<String> = deficits
        .iter()
        .filter(|f| !f.total)
        .map(|f| name_key(&f.area))
        .collect();
    let total_flagged = deficits.iter().any(|f| f.total);
    let width = usize::from(inner.width);
    let pinned: Vec<&AreaRow> = std::iter::once(&view.total)
        .chain(view.income.iter())
        .chain(view.costs.iter())
        .collect();
    let result_units = view.result_units_in.is_some() || view.result_units_out.is_some();
    let selected = screen.selected(view.rows.len());
    let detail = detail(screen, &view, selected, width);
    let switch_key = keymap
        .key_for(Context::Economy, Action::SwitchFocus)
        .map(|key| text::clean(&key.to_string()));
    if let Some(scroll) = screen.reading() {
        render_reading(detail, scroll, switch_key.as_deref(), frame, inner);
        return;
    }
    let ([header_area, list_area, pinned_area, detail_area], chart) =
        table_areas(inner, &view, &detail, selected);
    let chart = chart
        .then(|| view.rows.get(selected).map(|row| (&view, row)))
        .flatten();

    frame.render_widget(Paragraph::new(header_line(&view, width)), header_area);
    let rows = usize::from(list_area.height).max(1);
    // Stateless paging: the page that holds the selected row.
    let offset = selected / rows * rows;
    let lines: Vec<Line<'static>> = view
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(index, row)| {
            let flag = flagged.contains(&name_key(&row.name)) && row.depth == 0;
            row_line(row, width, index == selected, flag, theme::muted())
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);

    let mut pinned_lines: Vec<Line<'static>> = pinned
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let line = row_line(row, width, false, i == 0 && total_flagged, theme::heading());
            if i == 0 {
                line.style(theme::heading())
            } else {
                line
            }
        })
        .collect();
    if result_units {
        let amount = |tkr: Option<i64>| tkr.map_or_else(|| "–".to_owned(), format_mnkr);
        pinned_lines.push(Line::raw(text::truncate(
            &format!(
                "  Resultatenheternas överskott: in {} · ut {}",
                amount(view.result_units_in),
                amount(view.result_units_out)
            ),
            width,
        )));
    }
    if let Some(total) = &view.investments_total {
        pinned_lines.push(investments_line(&view, total, width));
    }
    frame.render_widget(Paragraph::new(pinned_lines), pinned_area);

    render_detail(detail, chart, switch_key.as_deref(), frame, detail_area);
}

/// The detail over the whole screen (the table's place), scrolled by `scroll`.
fn render_reading(
    detail: Detail,
    scroll: usize,
    switch_key: Option<&str>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let back = match switch_key {
        Some(key) => format!("{key} tillbaka till tabellen"),
        None => "tillbaka till tabellen".to_owned(),
    };
    let Page { rows, max_scroll } = reading_page(&detail, area);
    let mut lines: Vec<Line<'static>> = detail.top.into_iter().skip(1).collect();
    lines.extend(detail.bottom);
    let total = lines.len();
    let scroll = scroll.min(max_scroll);
    let shown = (scroll + rows).min(lines.len());
    let mut visible: Vec<Line<'static>> = lines.drain(scroll..shown).collect();
    visible.push(Line::styled(
        text::truncate(
            &format!("rad {}–{shown} av {total} · {back}", scroll + 1),
            usize::from(area.width),
        ),
        theme::muted(),
    ));
    frame.render_widget(Paragraph::new(visible), area);
}

/// The page and furthest scroll of `detail` read over `area` (its first line, the rule, left
/// out; a line kept for the position).
fn reading_page(detail: &Detail, area: Rect) -> Page {
    let rows = usize::from(area.height).saturating_sub(1).max(1);
    let total = detail.top.len().saturating_sub(1) + detail.bottom.len();
    Page {
        rows,
        max_scroll: total.saturating_sub(rows),
    }
}

fn header_line(view: &EconomyView, width: usize) -> Line<'static> {
    let [budget, adjustments, forecast, variance, percent, trend] = columns(width);
    let wide = width >= WIDE;
    let titles: [(&str, usize); 5] = if wide {
        [
            ("Budget", budget),
            ("Justeringar", adjustments),
            (view.forecast_label(), forecast),
            ("Avvikelse", variance),
            ("Avv. %", percent),
        ]
    } else {
        [
            ("Budget", budget),
            ("Just.", adjustments),
            (view.forecast_label(), forecast),
            ("Avvik.", variance),
            ("%", percent),
        ]
    };
    let mut spans = vec![
        Span::raw("  "),
        Span::styled(
            pad("Verksamhetsområde", name_width(width)),
            theme::heading(),
        ),
    ];
    for (title, w) in titles {
        spans.push(Span::styled(pad_left(title, w), theme::heading()));
    }
    if trend > 0 {
        let label = match (view.trend_periods.first(), view.trend_periods.last()) {
            (Some(first), Some(last)) if first != last => {
                format!("{}–{}", first.label(), last.label())
            }
            _ => "Trend".to_owned(),
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(pad(&label, trend - 1), theme::heading()));
    }
    Line::from(spans)
}

fn amount(tkr: Option<i64>) -> String {
    tkr.map_or_else(|| "–".to_owned(), format_mnkr)
}

/// One row of the table. `flag`: a deficit beyond the threshold (`▼`, red).
fn row_line(
    row: &AreaRow,
    width: usize,
    selected: bool,
    flag: bool,
    name_style: Style,
) -> Line<'static> {
    let [budget, adjustments, forecast, variance, percent, trend] = columns(width);
    let indent = "  ".repeat(row.depth);
    let name_style = if row.depth > 0 {
        name_style
    } else {
        Style::new()
    };
    let mark = match (selected, flag) {
        (true, true) => "›▼",
        (true, false) => "› ",
        (false, true) => " ▼",
        (false, false) => "  ",
    };
    let deficit_style = if flag {
        theme::flag(FlagKind::NotMet)
    } else {
        Style::new()
    };
    let carried = if row.carried_from.is_some() { "*" } else { " " };
    let mut spans = vec![
        Span::styled(mark, deficit_style),
        Span::styled(
            pad(
                &format!("{indent}{}", text::clean(&row.name)),
                name_width(width),
            ),
            name_style,
        ),
        Span::raw(pad_left(&amount(row.budget), budget)),
        Span::raw(pad_left(&amount(row.adjustments), adjustments)),
        Span::raw(pad_left(
            &format!("{}{carried}", amount(row.forecast)),
            forecast,
        )),
        Span::styled(pad_left(&amount(row.variance), variance), deficit_style),
        Span::styled(
            pad_left(
                &row.variance_percent
                    .map_or_else(|| "–".to_owned(), |p| format_number(p, 1)),
                percent,
            ),
            deficit_style,
        ),
    ];
    if trend > 0 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            pad(&sparkline(&row.trend, trend - 1), trend - 1),
            theme::muted(),
        ));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme::selection())
    } else {
        line
    }
}

/// The last `width` values as block characters between the row's own lowest and highest
/// prognosis; `·` where a period has none.
fn sparkline(values: &[Option<i64>], width: usize) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let shown = &values[values.len().saturating_sub(width)..];
    let present: Vec<i64> = shown.iter().flatten().copied().collect();
    let (Some(&low), Some(&high)) = (present.iter().min(), present.iter().max()) else {
        return String::new();
    };
    shown
        .iter()
        .map(|value| match value {
            None => '·',
            Some(_) if high == low => BLOCKS[3],
            Some(v) => {
                let step = (v - low) as f64 / (high - low) as f64 * 7.0;
                BLOCKS[(step.round() as usize).min(7)]
            }
        })
        .collect()
}

/// What shows below the table: `top` (rule, prognosis field, the selected area's trend as a
/// labelled line) above the chart, `bottom` (warnings, then the analys) below it.
struct Detail {
    top: Vec<Line<'static>>,
    bottom: Vec<Line<'static>>,
}

/// Rows of the bar chart, when the screen has room for one.
const CHART_HEIGHT: u16 = 6;

/// The prognosis field, the warnings, the selected area's trend and analys.
fn detail(screen: &EconomyScreen, view: &EconomyView, selected: usize, width: usize) -> Detail {
    let mut top: Vec<Line<'static>> = vec![Line::styled("─".repeat(width), theme::muted())];
    if let Some(entry) = screen.entry() {
        let what = if entry.period == Period::AnnualReport {
            "Bokslut"
        } else {
            "Prognos"
        };
        let label = text::clean(&format!(
            "{what} {} för {} (mnkr; tomt fält tar bort den):",
            entry.period.label(),
            entry.area
        ));
        for line in text::wrap(&label, width) {
            top.push(Line::styled(line, theme::heading()));
        }
        let chars: Vec<char> = entry.input.text().chars().collect();
        let cursor = entry.input.cursor().min(chars.len());
        let before: String = chars[..cursor].iter().collect();
        let at: String = chars.get(cursor).map_or(" ".to_owned(), char::to_string);
        let after: String = chars.iter().skip(cursor + 1).collect();
        top.push(Line::from(vec![
            Span::raw("› "),
            Span::raw(text::clean(&before)),
            Span::styled(text::clean(&at), theme::selection()),
            Span::raw(text::clean(&after)),
        ]));
        if let Some(error) = &entry.error {
            for (i, line) in text::wrap(error, width.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let mark = if i == 0 { "  ⚠ " } else { "    " };
                top.push(Line::styled(format!("{mark}{line}"), theme::warning()));
            }
        }
    }
    // Warnings first under the chart: a total that disagrees is what must not be missed.
    let mut bottom: Vec<Line<'static>> = Vec::new();
    for warning in &view.warnings {
        for (i, line) in text::wrap(warning, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let mark = if i == 0 { "⚠ " } else { "  " };
            bottom.push(Line::styled(format!("{mark}{line}"), theme::warning()));
        }
    }
    if let Some(row) = view.rows.get(selected) {
        let trend = view
            .trend_periods
            .iter()
            .zip(&row.trend)
            .map(|(period, value)| format!("{} {}", period.label(), amount(*value)))
            .collect::<Vec<_>>()
            .join(" → ");
        let budget = row
            .budget
            .map(|b| {
                format!(
                    " · budget + just. {}",
                    format_mnkr(b + row.adjustments.unwrap_or(0))
                )
            })
            .unwrap_or_default();
        let heading = format!(
            "{}: {}{budget}",
            text::clean(&row.name),
            if trend.is_empty() {
                "ingen prognos ännu".to_owned()
            } else {
                format!("{} {trend}", view.forecast_label().to_lowercase())
            }
        );
        for line in text::wrap(&heading, width) {
            top.push(Line::styled(line, theme::heading()));
        }
        match &row.analysis {
            Some(analysis) => {
                for line in text::wrap(
                    &format!("Analys {}: {analysis}", view.period.label()),
                    width,
                ) {
                    bottom.push(Line::raw(line));
                }
            }
            None => bottom.push(Line::styled(
                format!("Ingen analys för {}", view.period.label()),
                theme::muted(),
            )),
        }
    }
    Detail { top, bottom }
}

/// Draws `detail` in `area`, with the chart of the selected row when `chart` and the rest
/// cut with a note of how many lines did not fit.
fn render_detail(
    detail: Detail,
    chart: Option<(&EconomyView, &AreaRow)>,
    switch_key: Option<&str>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let chart_height = if chart.is_some() { CHART_HEIGHT } else { 0 };
    let [top_area, chart_area, bottom_area] = Layout::new(
        Direction::Vertical,
        [
            Constraint::Length(detail.top.len() as u16),
            Constraint::Length(chart_height),
            Constraint::Min(0),
        ],
    )
    .areas(area);
    frame.render_widget(Paragraph::new(detail.top), top_area);
    if let Some((view, row)) = chart {
        render_chart(view, row, frame, chart_area);
    }
    let mut bottom = detail.bottom;
    let room = usize::from(bottom_area.height);
    if bottom.len() > room && room > 0 {
        let more = bottom.len() - room + 1;
        bottom.truncate(room - 1);
        let how = match switch_key {
            Some(key) => format!("{key} visar allt"),
            None => "ett större fönster visar dem".to_owned(),
        };
        bottom.push(Line::styled(
            format!("… {more} rader till: {how}"),
            theme::muted(),
        ));
    }
    frame.render_widget(Paragraph::new(bottom), bottom_area);
}

/// The selected row's prognosis per period as bars between its lowest and highest value,
/// each with its amount and period.
fn render_chart(view: &EconomyView, row: &AreaRow, frame: &mut Frame<'_>, area: Rect) {
    let present: Vec<i64> = row.trend.iter().flatten().copied().collect();
    let (Some(&low), Some(&high)) = (present.iter().min(), present.iter().max()) else {
        return;
    };
    // The lowest bar keeps a little height, so a flat trend still shows.
    let base = low - ((high - low) / 4).max(1);
    let bar_width = 8u16;
    let fits = usize::from(area.width / (bar_width + 1)).max(1);
    let bars: Vec<Bar<'static>> = view
        .trend_periods
        .iter()
        .zip(&row.trend)
        .skip(view.trend_periods.len().saturating_sub(fits))
        .map(|(period, value)| {
            let height = value.map_or(0, |v| (v - base).max(0) as u64);
            Bar::new(height)
                .label(Line::from(period.label()))
                .text_value(amount(*value))
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .max((high - base).max(1) as u64)
        .value_style(theme::selection());
    frame.render_widget(chart, area);
}

/// `content` left-aligned in `width` cells (cut with … when longer).
fn pad(content: &str, width: usize) -> String {
    let cut = text::truncate(content, width);
    let fill = width.saturating_sub(text::width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// `content` right-aligned in `width` cells, one space before it at least.
fn pad_left(content: &str, width: usize) -> String {
    let cut = text::truncate(content, width.saturating_sub(1));
    let fill = width.saturating_sub(text::width(&cut));
    format!("{}{cut}", " ".repeat(fill))
}
