//! The trend chart full screen (`T`): the mix tab's chart where the tab has no room
//! for it (80×24), or bigger.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

use super::{viewer_key, Outcome, Popup};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::keymap::Scope;
use crate::ui::theme::Theme;

#[derive(Debug, Clone, Copy)]
pub struct TrendChart;

impl Popup for TrendChart {
    /// `t` (weeks or months) reaches the app before the popup: see `App::on_key`.
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match app.keymap.action(Scope::Global, &key) {
            Some(Action::TrendChart) => Outcome::Close,
            _ => viewer_key(&key, app),
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        crate::ui::widgets::clear_popup(f, area);
        crate::ui::tabs::trend::draw(f, area, app, theme);
    }

    fn is_modal(&self) -> bool {
        false
    }

    fn survives_reload(&self) -> bool {
        true
    }
}
