//! Drawing: reads `&App`, never the store, never recomputes figures.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::action::{Action, Tab};
use super::app::{App, Hit, Level};
use super::keymap::Scope;
use super::overlay::Popup;
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
            let w = format!(" {} {} ", i + 1, lang.t(t.title())).width() as u16;
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
    let status_lines = status_lines(app, theme, area.width);
    let [tabs_area, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(status_lines.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tab_bar(f, tabs_area, app, theme);
    tabs::draw(f, body, app, theme);
    f.render_widget(Paragraph::new(status_lines), status);
    draw_footer(f, footer, app, theme);
    if let Some(overlay) = &app.overlay {
        overlay.draw(f, area, app, theme);
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
            format!(" {} {} ", i + 1, app.lang.t(t.title())),
            style,
        ));
        spans.push(Span::styled("│", theme.muted()));
    }
    f.render_widget(Line::from(spans), area);
}

/// The status line: badges, the frame, the selection, then the latest message (else the
/// database's path). A message too long for what is left goes on over a second line
/// (broken between words where it can), so what matters at its end is not cut; only a
/// message longer than both lines is cut.
fn status_lines(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
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
    let width = width as usize;
    let room = width.saturating_sub(used + 3);
    let message = app
        .message
        .as_ref()
        .filter(|m| m.at.elapsed().as_secs() < MESSAGE_SECS);
    let Some(m) = message else {
        spans.push(Span::styled(
            format!(" │ {}", fit(&app.db_path, room)),
            theme.muted(),
        ));
        return vec![Line::from(spans)];
    };
    let style = match m.level {
        Level::Info => theme.good(),
        Level::Warning => theme.warning(),
        Level::Error => theme.alarm(),
    };
    let text = crate::domain::text::for_terminal(&m.text).into_owned();
    if text.width() <= room {
        spans.push(Span::styled(format!(" │ {text}"), style));
        return vec![Line::from(spans)];
    }
    let (first, rest) = split_at_width(&text, room);
    spans.push(Span::styled(format!(" │ {first}"), style));
    let second = Line::from(Span::styled(
        format!(" {}", fit(rest.trim_start(), width.saturating_sub(1))),
        style,
    ));
    vec![Line::from(spans), second]
}

/// `text` cut in two: the first part at most `width` cells, broken after a space where
/// one is in its second half, else where the cells run out.
fn split_at_width(text: &str, width: usize) -> (String, String) {
    let mut used = 0;
    let mut cut = text.len();
    let mut space = None;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            cut = i;
            break;
        }
        used += w;
        if c == ' ' && used > width / 2 {
            space = Some(i + 1);
        }
    }
    let at = if cut < text.len() {
        space.unwrap_or(cut)
    } else {
        cut
    };
    (text[..at].to_string(), text[at..].to_string())
}

fn draw_footer(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.typing_search() {
        let keys = &app.keymap;
        let typed = match app.tab {
            Tab::Aging => &app.aging.search,
            t => &app.finds[t.index()].text,
        };
        let line = Line::from(vec![
            Span::styled(app.lang.t(Msg::SearchPrompt), theme.title()),
            Span::raw(fit(typed, area.width as usize - 30)),
            Span::styled(
                app.lang.f(
                    Msg::SearchKeys,
                    &[
                        &keys.label_in(Scope::Search, Action::Submit),
                        &keys.label_in(Scope::Search, Action::Cancel),
                    ],
                ),
                theme.muted(),
            ),
        ]);
        f.render_widget(line, area);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    // A search kept on a table that moves to its matches: its keys come first.
    let mut hints = Vec::new();
    if app.tab != Tab::Aging && !app.finds[app.tab.index()].text.is_empty() {
        let scope = Scope::of(app.tab);
        for action in [
            Action::NextMatch,
            Action::PrevMatch,
            Action::FindNext,
            Action::FindPrev,
        ] {
            if app.keymap.event_of(app.tab, action).is_some() {
                hints.push((app.keymap.label_in(scope, action), action));
            }
        }
    }
    hints.extend(app.keymap.footer_hints(app.tab));
    for (key, action) in hints {
        let label = format!(" {}", app.lang.t(action.label()));
        let w = key.width() + 1 + label.width();
        if used + w > area.width as usize {
            break;
        }
        // Each hint is a button: a click is its key.
        if let Some(event) = app.keymap.event_of(app.tab, action) {
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
