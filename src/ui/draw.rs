//! Drawing: reads `&App`, never the store, never recomputes figures.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Sparkline, Table};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::action::Tab;
use super::app::{App, Hit, Level, Overlay};
use super::overlays;
use super::tabs;
use super::theme::Theme;
use super::widgets::fit;
use crate::i18n::{Lang, Msg};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// Messages fade after this long.
pub const MESSAGE_SECS: u64 = 5;

/// Column spans of the tab titles on the first row, for mouse clicks.
pub fn tab_spans(lang: Lang) -> Vec<(u16, u16)> {
    let mut x = 0u16;
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let w = format!(" {} {} ", i + 1, lang.tab(*t)).width() as u16;
            let span = (x, x + w);
            x += w + 1;
            span
        })
        .collect()
}

pub fn draw(f: &mut Frame, app: &App, theme: &Theme) {
    app.hits.borrow_mut().clear();
    let area = f.area();
    let lang = app.lang;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = lang.f(
            Msg::TooSmall,
            &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
        );
        let lines: Vec<Line> = text.lines().map(Line::from).collect();
        f.render_widget(
            Paragraph::new(super::widgets::wrap_lines(&lines, area.width as usize)),
            area,
        );
        return;
    }
    let [tabs_area, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tab_bar(f, tabs_area, app, theme);
    match app.tab {
        Tab::Mix => tabs::mix::draw(f, body, app, theme),
        Tab::Aging => tabs::aging::draw(f, body, app, theme),
        Tab::Scoring => tabs::scoring::draw(f, body, app, theme),
        Tab::Plans => tabs::plans::draw(f, body, app, theme),
    }
    draw_status(f, status, app, theme);
    draw_footer(f, footer, app, theme);
    match &app.overlay {
        Some(Overlay::Help(scroll)) => draw_help(f, area, app, *scroll, theme),
        Some(Overlay::Settings(s)) => super::settings_popup::draw(f, area, s, lang, theme),
        Some(Overlay::Welcome) => super::welcome::draw(f, area, app, theme),
        Some(Overlay::Detail(d)) => tabs::detail::draw(f, area, app, d, theme),
        Some(Overlay::Reclassify(r)) => overlays::draw_reclassify(f, area, app, r, theme),
        Some(Overlay::Batch(b)) => overlays::draw_batch(f, area, app, b, theme),
        Some(Overlay::Confirm(c)) => overlays::draw_confirm(f, area, lang, c, theme),
        Some(Overlay::History(h)) => overlays::draw_history(f, area, lang, h, theme),
        Some(Overlay::Compare(marked)) => overlays::draw_compare(f, area, app, marked, theme),
        Some(Overlay::Candidate(c)) => {
            let title = lang.t(if c.editing.is_some() {
                Msg::EditCandidate
            } else {
                Msg::NewCandidate
            });
            overlays::draw_editor(
                f,
                area,
                lang,
                title,
                &c.form,
                overlays::candidate_preview(app, c, theme),
                theme,
            )
        }
        Some(Overlay::Plan(p)) => {
            let title = lang.t(if p.editing.is_some() {
                Msg::EditPlan
            } else {
                Msg::NewPlan
            });
            let hint = lang.t(Msg::PlanFormHint);
            overlays::draw_editor(
                f,
                area,
                lang,
                title,
                &p.form,
                vec![Line::from(Span::styled(hint, theme.muted()))],
                theme,
            )
        }
        Some(Overlay::Import(i)) => overlays::draw_form_popup(
            f,
            area,
            lang,
            lang.t(Msg::ImportFormTitle),
            &i.form,
            vec![Line::from(Span::styled(
                lang.t(Msg::ImportFormHint),
                theme.muted(),
            ))],
            theme,
        ),
        Some(Overlay::ImportPreview(p)) => super::import::draw_preview(f, area, lang, p, theme),
        Some(Overlay::Promote(p)) => {
            let hint = lang.t(Msg::PromoteHint);
            overlays::draw_editor(
                f,
                area,
                lang,
                lang.t(Msg::PromoteTitle),
                &p.form,
                vec![Line::from(Span::styled(hint, theme.muted()))],
                theme,
            )
        }
        None => {}
    }
}

fn draw_tab_bar(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (i, t) in Tab::ALL.iter().enumerate() {
        let style = if *t == app.tab {
            theme.tab_active()
        } else {
            Style::new()
        };
        spans.push(Span::styled(
            format!(" {} {} ", i + 1, app.lang.tab(*t)),
            style,
        ));
        spans.push(Span::styled("│", theme.muted()));
    }
    f.render_widget(Line::from(spans), area);
}

fn draw_status(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let fr = app.frame();
    let lang = app.lang;
    let mut spans = vec![];
    if app.read_only.is_some() {
        spans.push(Span::styled(lang.t(Msg::BadgeReadOnly), theme.badge()));
        spans.push(Span::raw(" "));
    }
    if app.demo {
        spans.push(Span::styled(lang.t(Msg::BadgeDemo), theme.badge()));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        lang.f(
            Msg::StatusFrame,
            &[&fr.as_of, &fr.window_days, &fr.velocity_days],
        ),
        theme.title(),
    ));
    let selected = app.aging.rows.len();
    if app.tab == Tab::Aging {
        spans.push(Span::styled(
            lang.f(Msg::StatusSkus, &[&selected]),
            theme.muted(),
        ));
    }
    if !app.selection.is_empty() {
        spans.push(Span::styled(
            lang.f(Msg::StatusSelected, &[&app.selection.len()]),
            theme.warning(),
        ));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(used + 3);
    let message = app
        .message
        .as_ref()
        .filter(|m| m.at.elapsed().as_secs() < MESSAGE_SECS)
        .map(|m| {
            let style = match m.level {
                Level::Info => theme.good(),
                Level::Warning => theme.warning(),
                Level::Error => theme.alarm(),
            };
            Span::styled(
                format!(" │ {}", fit(&m.text, room.saturating_sub(3))),
                style,
            )
        });
    match message {
        Some(m) => spans.push(m),
        None => spans.push(Span::styled(
            format!(" │ {}", fit(&app.db_path, room.saturating_sub(3))),
            theme.muted(),
        )),
    }
    f.render_widget(Line::from(spans), area);
}

fn draw_footer(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.aging.searching {
        let line = Line::from(vec![
            Span::styled(app.lang.t(Msg::SearchPrompt), theme.title()),
            Span::raw(fit(&app.aging.search, area.width as usize - 30)),
            Span::styled(app.lang.t(Msg::SearchKeys), theme.muted()),
        ]);
        f.render_widget(line, area);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, action) in app.keymap.footer_hints(app.tab) {
        let label = format!(" {}", app.lang.action(action));
        let w = key.width() + 1 + label.width();
        if used + w > area.width as usize {
            break;
        }
        // Each hint is a button: a click is its key.
        let event = crate::ui::action::Action::from_name(action)
            .and_then(|a| app.keymap.event_of(app.tab, a));
        if let Some(event) = event {
            app.hits.borrow_mut().push(Hit::Button {
                area: Rect {
                    x: area.x + used as u16,
                    y: area.y,
                    width: w as u16,
                    height: 1,
                },
                key: event,
            });
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), theme.title()));
        spans.push(Span::styled(label, theme.muted()));
    }
    f.render_widget(Line::from(spans), area);
}

/// A rectangle of at most `w`×`h` in the middle of `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The keys: in one column, or two side by side when one does not fit the height but
/// two fit the screen; otherwise one column scrolled down by `scroll` rows, with where
/// it is and how to scroll in the bottom border.
fn draw_help(f: &mut Frame, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    let lang = app.lang;
    let mut rows = Vec::new();
    for (scope, lines) in app.keymap.help_sections() {
        rows.push(Row::new(vec![Span::styled(
            lang.english(scope),
            theme.title(),
        )]));
        for (keys, help) in lines {
            rows.push(Row::new(vec![
                Span::raw(format!("  {keys}")),
                Span::raw(lang.english(help)),
            ]));
        }
    }
    let fits = |per_column: usize| per_column as u16 + 2 <= area.height;
    let columns = if fits(rows.len()) {
        1
    } else if area.width >= 110 && fits(rows.len().div_ceil(2)) {
        2
    } else {
        1
    };
    let per_column = rows.len().div_ceil(columns);
    let h = (per_column as u16 + 2).min(area.height);
    let rect = centered(area, if columns == 1 { 72 } else { 120 }, h);
    crate::ui::widgets::clear_popup(f, rect);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(lang.t(Msg::HelpTitle))
        .title_style(theme.title());
    let visible = usize::from(h.saturating_sub(2)).max(1);
    let total = rows.len();
    let bottom = if columns == 1 {
        total.saturating_sub(visible)
    } else {
        0
    };
    app.help_bottom.set(bottom);
    let first = scroll.min(bottom);
    if columns == 1 && total > visible {
        let last = (first + visible).min(total);
        let at = lang.f(Msg::HelpScroll, &[&(first + 1), &last, &total]);
        block = block.title_bottom(Line::from(at).right_aligned());
    }
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let parts =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    let mut rows = rows.into_iter().skip(first);
    for part in parts.iter() {
        let chunk: Vec<Row> = rows.by_ref().take(per_column).collect();
        f.render_widget(
            Table::new(chunk, [Constraint::Length(14), Constraint::Min(10)]),
            *part,
        );
    }
}

/// Units per day as a sparkline with a caption.
pub fn sparkline<'a>(data: &'a [u64], title: String, theme: &Theme) -> Sparkline<'a> {
    Sparkline::default()
        .data(data)
        .style(theme.good())
        .block(Block::default().borders(Borders::TOP).title(title))
}
