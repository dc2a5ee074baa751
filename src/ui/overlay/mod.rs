//! The popups. Each is one file that owns its state, its keys and its drawing behind
//! [`Popup`]; the app holds at most one, as an [`Overlay`], hands it every key (after
//! Ctrl-C and a search being typed) and settles the [`Outcome`] it returns.
//!
//! A popup reads the app (`&App`) and never changes it: what it wants done (close, say
//! something, hand a command to the store, quit) is its [`Outcome`].
//!
//! A popup's command keys are the key table's (`src/keymap.rs`), in the popup's scope:
//! it asks `app.keymap.action(scope, &key)` rather than matching keys itself, so
//! `[keys]` can move them and the help screen lists them.
//!
//! Adding a popup: a file here with its state and `impl Popup` (or `impl Editor` for a
//! form, see [`editor`]), an arm in [`Overlay`] and its arm in `dispatch!` below.

pub mod batch;
pub mod batch_result;
pub mod candidate;
pub mod compare;
pub mod confirm;
pub mod detail;
pub mod editor;
mod fields;
pub mod form_view;
pub mod help;
pub mod history;
pub mod import;
pub mod import_preview;
pub mod plan;
pub mod promote;
pub mod reclassify;
pub mod settings;
pub mod skus;
pub mod trend;
pub mod welcome;

use std::collections::HashMap;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

use super::action::Action;
use super::app::{App, Level};
use super::keymap::Scope;
use super::request::Request;
use super::theme::Theme;
use crate::domain::command::Command;

/// What a popup wants done after a key or a paste.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The popup stays open.
    Keep,
    /// The popup stays open and the status line says this (what is wrong with Enter).
    Say(Level, String),
    /// The popup closes.
    Close,
    /// The popup closes and the status line says this (a cancel).
    CloseSaying(Level, String),
    /// The popup closes and hands this to the store (the run loop carries it out).
    Request(Request),
    /// [`Outcome::Request`], and the status line says this.
    RequestSaying(Request, Level, String),
    /// The app quits; the popup stays (the welcome screen shows again next time).
    Quit,
}

impl Outcome {
    /// A form's Enter: its command goes to the store, or the form stays open and the
    /// status line says what is wrong.
    pub fn submit(command: Result<Command, String>) -> Outcome {
        match command {
            Ok(cmd) => Outcome::Request(Request::Apply(cmd)),
            Err(e) => Outcome::Say(Level::Warning, e),
        }
    }
}

/// One popup: its keys, its paste, its drawing, and what a reload does to it.
pub trait Popup {
    /// A key while the popup is open (every key but Ctrl-C comes here).
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome;

    /// A paste (the terminal's bracketed paste); ignored unless the popup has a form.
    fn on_paste(&mut self, _text: &str, _app: &App) -> Outcome {
        Outcome::Keep
    }

    /// Draws the popup over the tab, within `area` (the whole screen).
    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme);

    /// A form, question or preview: clicks outside it do nothing.
    fn is_modal(&self) -> bool;

    /// Whether the popup stays open when the data is replaced: a view of the old
    /// figures (the SKU detail) closes; a form keeps what was typed.
    fn survives_reload(&self) -> bool {
        true
    }

    /// After a reload: finds what the popup was opened for again by SKU code
    /// (`index`: each code's product index in the new data) and recomputes from it.
    fn after_reload(&mut self, _app: &App, _index: &HashMap<&str, usize>) {}
}

/// The popups, at most one open at a time.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys, scrolled where they do not fit.
    Help(help::Help),
    Detail(Box<detail::Detail>),
    Reclassify(Box<reclassify::ReclassifyForm>),
    Batch(Box<batch::BatchForm>),
    Confirm(Box<confirm::Confirm>),
    History(Box<history::History>),
    Candidate(Box<candidate::CandidateForm>),
    Plan(Box<plan::PlanForm>),
    Promote(Box<promote::PromoteForm>),
    /// Candidates side by side.
    Compare(compare::Compare),
    /// Thresholds and windows, stored in the database as one undoable change.
    Settings(Box<settings::SettingsForm>),
    /// The first screen on the demo data: what the tabs are, how to import, which keys.
    Welcome,
    Import(Box<import::ImportForm>),
    ImportPreview(Box<import_preview::ImportPreview>),
    /// The trend chart, full screen.
    Trend(trend::TrendChart),
    /// What a clearance batch really earned.
    BatchResult(batch_result::BatchResultView),
}

/// `$body` with `$p` bound to the open popup (the one place that lists them all).
macro_rules! dispatch {
    ($overlay:expr, $p:ident => $body:expr) => {
        match $overlay {
            Overlay::Help($p) => $body,
            Overlay::Detail($p) => $body,
            Overlay::Reclassify($p) => $body,
            Overlay::Batch($p) => $body,
            Overlay::Confirm($p) => $body,
            Overlay::History($p) => $body,
            Overlay::Candidate($p) => $body,
            Overlay::Plan($p) => $body,
            Overlay::Promote($p) => $body,
            Overlay::Compare($p) => $body,
            Overlay::Settings($p) => $body,
            Overlay::Welcome => {
                let $p = &mut welcome::Welcome;
                $body
            }
            Overlay::Import($p) => $body,
            Overlay::ImportPreview($p) => $body,
            Overlay::Trend($p) => $body,
            Overlay::BatchResult($p) => $body,
        }
    };
}

impl Popup for Overlay {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        dispatch!(self, p => p.on_key(key, app))
    }

    fn on_paste(&mut self, text: &str, app: &App) -> Outcome {
        dispatch!(self, p => p.on_paste(text, app))
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        dispatch!(self, p => p.draw(f, area, app, theme))
    }

    fn is_modal(&self) -> bool {
        dispatch!(self, p => p.is_modal())
    }

    fn survives_reload(&self) -> bool {
        dispatch!(self, p => p.survives_reload())
    }

    fn after_reload(&mut self, app: &App, index: &HashMap<&str, usize>) {
        dispatch!(self, p => p.after_reload(app, index))
    }
}

/// The keys of a popup that only shows something (detail, history, compare; the help
/// screen's other keys): the key table's `close` and `help` keys in the view scope
/// (Esc, Enter, q, ?) close it; any other key does nothing.
pub fn viewer_key(key: &KeyEvent, app: &App) -> Outcome {
    match app.keymap.action(Scope::View, key) {
        Some(Action::Close | Action::Help) => Outcome::Close,
        _ => Outcome::Keep,
    }
}
