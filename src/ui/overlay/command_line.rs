//! The command line (`:`): the actions with an argument that keys reach slowly —
//! `:asof 2025-09-01` (the as-of date), `:window 60` (the analysis window), `:sku
//! HT-1001` (that SKU on the aging tab, clearing a filter or search that hides it) and
//! `:help` (these commands). Typed on the footer's row; Enter runs it (the key table's
//! command-line scope), Esc leaves. A command it cannot run is said in plain words above
//! the line, which stays open to fix it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

use super::{Go, Outcome, Popup};
use crate::domain::dates::{parse_date, Day};
use crate::i18n::{Lang, Msg};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::keymap::Scope;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap_lines;

/// What is typed, and what shows above it: the commands, or why the last one could not
/// run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    pub input: String,
    pub help: bool,
    pub error: Option<String>,
}

/// The analysis window's bounds, as the settings keep them.
fn window_bounds() -> (u32, u32) {
    crate::domain::settings::setting("window_days")
        .map(|d| d.bounds())
        .and_then(|(lo, hi)| Some((lo.to_u32()?, hi.to_u32()?)))
        .unwrap_or((1, 3660))
}

/// What a command asks, or why it cannot be run, in `lang`.
pub fn parse(input: &str, app: &App) -> Result<Option<Go>, String> {
    let lang = app.lang;
    let input = input.trim().trim_start_matches(':').trim();
    let (name, arg) = input
        .split_once(char::is_whitespace)
        .map_or((input, ""), |(n, a)| (n, a.trim()));
    match name.to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "asof" | "as-of" | "as_of" => {
            let day = parse_date(arg).map(Day::from_date);
            match day.filter(|d| (Day::FIRST..=Day::LAST).contains(d)) {
                Some(d) => Ok(Some(Go::AsOf(d))),
                None => Err(lang.f(Msg::CmdAsOfBad, &[&Day::FIRST, &Day::LAST, &arg])),
            }
        }
        "window" => {
            let (lo, hi) = window_bounds();
            match arg.parse::<u32>() {
                Ok(days) if (lo..=hi).contains(&days) => Ok(Some(Go::Window(days))),
                _ => Err(lang.f(Msg::CmdWindowBad, &[&lo, &hi, &arg])),
            }
        }
        "sku" => {
            if arg.is_empty() {
                let example = app.ds().products.first().map_or("HT-1001", |p| &p.sku);
                return Err(lang.f(Msg::CmdSkuNeeded, &[&example]));
            }
            let products = &app.ds().products;
            // The code as typed, else the one that differs only in case.
            let found = products.iter().position(|p| p.sku == arg).or_else(|| {
                products
                    .iter()
                    .position(|p| p.sku.eq_ignore_ascii_case(arg))
            });
            match found {
                Some(i) => Ok(Some(Go::Sku(i))),
                None => Err(lang.f(Msg::CmdSkuMissing, &[&arg])),
            }
        }
        "help" | "h" | "?" => Ok(None),
        _ => Err(lang.f(Msg::CmdUnknown, &[&name])),
    }
}

/// The commands, a line each.
fn help_lines(lang: Lang) -> Vec<&'static str> {
    [
        Msg::CmdHelpAsOf,
        Msg::CmdHelpWindow,
        Msg::CmdHelpSku,
        Msg::CmdHelpHelp,
    ]
    .into_iter()
    .map(|m| lang.t(m))
    .collect()
}

impl Popup for CommandLine {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match (app.keymap.action(Scope::Command, &key), key.code) {
            (Some(Action::Cancel), _) => Outcome::Close,
            (Some(Action::Submit), _) => {
                let name = self.input.split_whitespace().next().unwrap_or_default();
                if matches!(name.to_ascii_lowercase().as_str(), "help" | "h" | "?") {
                    self.help = true;
                    self.error = None;
                    self.input.clear();
                    return Outcome::Keep;
                }
                match parse(&self.input, app) {
                    Ok(Some(go)) => Outcome::Go {
                        go,
                        request: None,
                        say: None,
                    },
                    Ok(None) => Outcome::Close,
                    Err(why) => {
                        self.error = Some(why);
                        Outcome::Keep
                    }
                }
            }
            // Backspace on an empty line leaves it, as in a shell's vi mode.
            (_, KeyCode::Backspace) if self.input.is_empty() => Outcome::Close,
            (_, KeyCode::Backspace) => {
                self.input.pop();
                Outcome::Keep
            }
            (_, KeyCode::Char(c))
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.input.push(c);
                Outcome::Keep
            }
            _ => Outcome::Keep,
        }
    }

    fn on_paste(&mut self, text: &str, _app: &App) -> Outcome {
        self.input.extend(
            text.chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .filter(|&c| !crate::domain::text::is_unsafe_char(c)),
        );
        Outcome::Keep
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        if area.height < 3 || area.width < 10 {
            return;
        }
        // The line itself, on the footer's row.
        let row = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let shown = crate::ui::widgets::fit(&self.input, usize::from(area.width) - 3);
        crate::ui::widgets::clear_popup(f, row);
        f.render_widget(
            Line::from(vec![
                Span::styled(":", theme.title()),
                Span::raw(shown),
                Span::styled("▏", theme.title()),
            ]),
            row,
        );
        // Above it: why the command could not run, or the commands.
        let width = area.width.min(100);
        let inner = usize::from(width.saturating_sub(2)).max(1);
        let lines: Vec<Line> = match &self.error {
            Some(e) => wrap_lines(
                &[Line::from(Span::styled(
                    crate::domain::text::for_terminal(e).into_owned(),
                    theme.alarm(),
                ))],
                inner,
            ),
            None if self.help => wrap_lines(
                &help_lines(lang)
                    .into_iter()
                    .map(Line::from)
                    .collect::<Vec<_>>(),
                inner,
            ),
            None => return,
        };
        let height = (lines.len() as u16 + 2).min(area.height - 1);
        let rect = Rect {
            x: area.x,
            y: row.y - height,
            width,
            height,
        };
        crate::ui::widgets::clear_popup(f, rect);
        let keys = &app.keymap;
        let title = lang.f(
            Msg::CmdHelpTitle,
            &[
                &keys.label_in(Scope::Command, Action::Submit),
                &keys.label_in(Scope::Command, Action::Cancel),
            ],
        );
        let title_w = title.width();
        let block = Block::default()
            .borders(Borders::ALL)
            .title(if title_w + 2 <= usize::from(width) {
                title
            } else {
                String::new()
            })
            .title_style(theme.title());
        f.render_widget(Paragraph::new(lines).block(block), rect);
    }

    fn is_modal(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commands_fit_80_columns_in_both_languages() {
        for lang in Lang::ALL {
            for line in help_lines(lang) {
                assert!(line.width() <= 78, "{lang}: {line}");
            }
        }
    }
}
