//! The yes/no question before a change that takes much away or is easily regretted: a
//! deletion (a batch, a candidate, a plan), closing a batch, and the undo or redo of an
//! import or of a batch's close or deletion. The key table's question keys: `y` goes
//! on; Esc, Enter, `n` or `q` keep everything.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use std::str::FromStr;

use super::{Outcome, Popup};
use crate::domain::command::Command;
use crate::domain::history::Summary;
use crate::domain::model::BatchStatus;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::import::Kind;
use crate::store::Pending;
use crate::ui::action::Action;
use crate::ui::app::{App, Level};
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
use crate::ui::request::Request;
use crate::ui::theme::Theme;

/// A yes/no question; the default answer is No.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// What is asked (`Delete plan "x"?`); the popup adds how to answer.
    pub question: String,
    /// What a yes hands to the store.
    pub request: Request,
    /// What the status line says to a no.
    pub declined: Msg,
    /// The key that takes a yes back, named under the question: undo (redo for an
    /// undo).
    pub reverse: Action,
}

impl Confirm {
    /// The question before a change `u` takes back; `declined` is said to a no.
    pub fn apply(question: String, command: Command, declined: Msg) -> Confirm {
        Confirm {
            question,
            request: Request::Apply(command),
            declined,
            reverse: Action::Undo,
        }
    }

    /// The question before a deletion.
    pub fn delete(question: String, command: Command) -> Confirm {
        Confirm::apply(question, command, Msg::NothingDeleted)
    }
}

impl Popup for Confirm {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match app.keymap.action(Scope::Confirm, &key) {
            Some(Action::Yes) => Outcome::Request(self.request.clone()),
            // Enter (submit) gives the default answer: No.
            Some(Action::No | Action::Cancel | Action::Submit) => {
                Outcome::CloseSaying(Level::Info, app.lang.t(self.declined).into())
            }
            _ => Outcome::Keep,
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_confirm(f, area, app, self, theme)
    }

    fn is_modal(&self) -> bool {
        true
    }
}

/// The question, then how to undo it and the keys that answer: `y = yes, n/Enter/Esc
/// = no` (the first key of no, submit and cancel).
fn draw_confirm(f: &mut Frame, area: Rect, app: &App, c: &Confirm, theme: &Theme) {
    let lang = app.lang;
    let key = |a: Action| app.keymap.label_in(Scope::Confirm, a);
    let no: Vec<String> = [Action::No, Action::Submit, Action::Cancel]
        .into_iter()
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    let keys = lang.f(
        if c.reverse == Action::Redo {
            Msg::ConfirmKeysRedo
        } else {
            Msg::ConfirmKeys
        },
        &[
            &app.keymap.label_of(c.reverse).unwrap_or_default(),
            &key(Action::Yes),
            &no.join("/"),
        ],
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(lang.t(Msg::ConfirmTitle))
        .title_style(theme.alarm());
    let question = format!("{}{keys}", c.question);
    // As high as the question needs (a long one, or a narrow screen), at least 5.
    let width = usize::from(area.width.min(70).saturating_sub(2)).max(1);
    let lines = crate::ui::widgets::wrap_line(&Line::from(question), width);
    let height = (lines.len() as u16 + 2).max(5);
    let rect = centered(area, 70, height);
    crate::ui::widgets::clear_popup(f, rect);
    f.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The question before an undo (`undo`) or a redo of the change set `p`, when it needs
/// one: an import (what it added and changed), or a batch's close or deletion. `None`:
/// a change the seller takes back with one key (a reclassify, an edit, a new batch…).
pub fn replay_question(lang: Lang, p: &Pending, undo: bool) -> Option<String> {
    let batch = || {
        p.batch
            .as_deref()
            .map(crate::domain::text::for_terminal)
            .unwrap_or_default()
    };
    match &p.summary {
        Summary::Import {
            file_kind,
            file,
            added,
            changed,
            ..
        } if p.kind == "import" => {
            let unit = lang.t(match Kind::from_str(file_kind) {
                Ok(Kind::Products) => Msg::ImportUnitProducts,
                Ok(Kind::Stock) => Msg::ImportUnitLots,
                Ok(Kind::Orders) => Msg::ImportUnitLines,
                Ok(Kind::Traffic) => Msg::ImportUnitTraffic,
                Err(_) => Msg::ImportUnitRows,
            });
            let question = if undo {
                Msg::UndoImportQuestion
            } else {
                Msg::RedoImportQuestion
            };
            Some(lang.f(
                question,
                &[
                    &crate::domain::text::for_terminal(file),
                    &grouped(*added),
                    &unit,
                    &grouped(*changed),
                ],
            ))
        }
        Summary::BatchStatus {
            status: BatchStatus::Done,
            ..
        } => {
            let question = if undo {
                Msg::UndoCloseBatchQuestion
            } else {
                Msg::RedoCloseBatchQuestion
            };
            Some(lang.f(question, &[&batch()]))
        }
        Summary::DeleteBatch { .. } => {
            let question = if undo {
                Msg::UndoDeleteBatchQuestion
            } else {
                Msg::RedoDeleteBatchQuestion
            };
            Some(lang.f(question, &[&batch(), &p.batch_skus]))
        }
        _ => None,
    }
}

/// A count with thousands separators: `48,213`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(kind: &str, summary: Summary) -> Pending {
        Pending {
            id: 7,
            kind: kind.into(),
            summary,
            batch: Some("Oct hats".into()),
            batch_skus: 3,
        }
    }

    #[test]
    fn an_import_and_a_batch_closed_or_deleted_are_asked_about_a_plain_change_is_not() {
        let import = pending(
            "import",
            Summary::Import {
                file_kind: "orders".into(),
                file: "orders.csv".into(),
                added: 48_213,
                changed: 2,
                unchanged: 0,
            },
        );
        assert_eq!(
            replay_question(Lang::En, &import, true).as_deref(),
            Some("undo the import of orders.csv: its 48,213 order lines added go, 2 changed are put back as they were?")
        );
        assert!(replay_question(Lang::ZhCn, &import, false)
            .unwrap()
            .contains("48,213"));
        let closed = pending(
            "change",
            Summary::BatchStatus {
                id: 1,
                status: BatchStatus::Done,
            },
        );
        assert!(replay_question(Lang::En, &closed, true)
            .unwrap()
            .contains("\"Oct hats\""));
        let deleted = pending("change", Summary::DeleteBatch { id: 1 });
        assert!(replay_question(Lang::En, &deleted, true)
            .unwrap()
            .contains("3 SKUs"));
        let reclassify = pending(
            "change",
            Summary::Reclassify {
                skus: vec!["A".into()],
                tier: None,
                lifecycle: None,
                category: Some("hats".into()),
                reason: String::new(),
            },
        );
        assert_eq!(replay_question(Lang::En, &reclassify, true), None);
        let reopened = pending(
            "change",
            Summary::BatchStatus {
                id: 1,
                status: BatchStatus::Active,
            },
        );
        assert_eq!(replay_question(Lang::En, &reopened, true), None);
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
    }
}
