//! A small keyboard form: choice fields cycled with ←/→, text fields edited with a
//! cursor. The form keys are the key table's (its form scope): ↑/↓ or Tab/Shift-Tab
//! move between fields, Enter submits, Esc cancels.
//!
//! In a text field: ←/→ (Ctrl or Alt: a word), Home/End or Ctrl-a/Ctrl-e, Backspace,
//! Delete, Ctrl-w (the word before), Ctrl-u (all before the cursor), Ctrl-k (all after),
//! and a paste. A field arrived at with a value in it has it all selected: typing or a
//! paste replaces it, Backspace or Delete clears it, a cursor key starts editing it.
//! (A pick field's ←/→ cycle its options; its other editing keys are a text field's.)
//! The editing itself is `tui-input`'s (graphemes, so `夏` or `☀️` is one step).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::{Input, InputRequest};

use crate::keymap::action::Action;
use crate::keymap::{Keymap, Scope};

#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Choice {
        label: &'static str,
        options: Vec<String>,
        index: usize,
    },
    Text {
        label: &'static str,
        value: String,
        hint: &'static str,
    },
    /// Typed, or picked from `options` with ←/→.
    Pick {
        label: &'static str,
        value: String,
        options: Vec<String>,
        hint: &'static str,
    },
}

impl Field {
    pub fn label(&self) -> &'static str {
        match self {
            Field::Choice { label, .. } | Field::Text { label, .. } | Field::Pick { label, .. } => {
                label
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The field being edited and its cursor (characters before it). Any other field,
    /// the focused one included until a key edits it, is "fresh": all selected, cursor
    /// at its end.
    editing: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    None,
    Changed,
    Submit,
    Cancel,
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        Form {
            fields,
            focus: 0,
            editing: None,
        }
    }

    /// The focused text field's value and where its cursor is (characters before it),
    /// and whether it is all selected (arrived at, not yet edited); `None` on a choice.
    pub fn cursor(&self) -> Option<(&str, usize, bool)> {
        match self.fields.get(self.focus)? {
            Field::Text { value, .. } | Field::Pick { value, .. } => Some(match self.editing {
                Some((i, at)) if i == self.focus => (value.as_str(), at, false),
                _ => (value.as_str(), value.chars().count(), !value.is_empty()),
            }),
            Field::Choice { .. } => None,
        }
    }

    /// Carries out an editing request on the focused text field; whether its value
    /// changed. A fresh field (all selected) is replaced by what is typed or pasted and
    /// cleared by a deletion; a cursor move starts editing it where it is.
    fn edit(&mut self, requests: &[InputRequest]) -> bool {
        let Some((_, at, fresh)) = self.cursor() else {
            return false;
        };
        let focus = self.focus;
        let Some(Field::Text { value, .. } | Field::Pick { value, .. }) =
            self.fields.get_mut(focus)
        else {
            return false;
        };
        let before = value.clone();
        let mut input = if fresh {
            match requests.first() {
                Some(InputRequest::InsertChar(_)) => Input::default(),
                Some(
                    InputRequest::DeletePrevChar
                    | InputRequest::DeleteNextChar
                    | InputRequest::DeletePrevWord
                    | InputRequest::DeleteNextWord
                    | InputRequest::DeleteLine
                    | InputRequest::DeleteTillEnd
                    | InputRequest::DeleteFromStart,
                ) => {
                    value.clear();
                    self.editing = Some((focus, 0));
                    return !before.is_empty();
                }
                _ => Input::new(value.clone()),
            }
        } else {
            Input::new(value.clone()).with_cursor(at)
        };
        for &r in requests {
            input.handle(r);
        }
        *value = input.value().to_string();
        self.editing = Some((focus, input.cursor()));
        *value != before
    }

    /// Pastes `text` into the focused text field at the cursor (replacing a fresh
    /// value): line breaks and tabs become spaces, other control characters go.
    pub fn paste(&mut self, text: &str) -> FormEvent {
        let requests: Vec<InputRequest> = text
            .chars()
            .filter_map(|c| match c {
                '\r' | '\n' | '\t' => Some(' '),
                c if crate::domain::text::is_unsafe_char(c) => None,
                c => Some(c),
            })
            .map(InputRequest::InsertChar)
            .collect();
        if !requests.is_empty() && self.edit(&requests) {
            FormEvent::Changed
        } else {
            FormEvent::None
        }
    }

    pub fn text(&self, i: usize) -> &str {
        match &self.fields[i] {
            Field::Text { value, .. } | Field::Pick { value, .. } => value.trim(),
            Field::Choice { options, index, .. } => options.get(*index).map_or("", |s| s.as_str()),
        }
    }

    pub fn choice(&self, i: usize) -> usize {
        match &self.fields[i] {
            Field::Choice { index, .. } => *index,
            Field::Text { .. } | Field::Pick { .. } => 0,
        }
    }

    pub fn set_text(&mut self, i: usize, text: String) {
        if let Field::Text { value, .. } | Field::Pick { value, .. } = &mut self.fields[i] {
            *value = text;
        }
        if self.editing.is_some_and(|(field, _)| field == i) {
            self.editing = None;
        }
    }

    /// A key: a form key of the key table (`keys`, the form scope: submit, cancel, next
    /// and previous field), else an editing key of the focused field.
    pub fn on_key(&mut self, key: KeyEvent, keys: &Keymap) -> FormEvent {
        let n = self.fields.len();
        match keys.action(Scope::Form, &key) {
            Some(Action::Submit) => return FormEvent::Submit,
            Some(Action::Cancel) => return FormEvent::Cancel,
            Some(Action::NextField) => {
                self.focus = (self.focus + 1) % n;
                self.editing = None;
                return FormEvent::None;
            }
            Some(Action::PrevField) => {
                self.focus = (self.focus + n - 1) % n;
                self.editing = None;
                return FormEvent::None;
            }
            _ => {}
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let text_field = !matches!(self.fields[self.focus], Field::Choice { .. });
        // Editing keys of a text field.
        let request = match key.code {
            KeyCode::Left if ctrl || alt => Some(InputRequest::GoToPrevWord),
            KeyCode::Right if ctrl || alt => Some(InputRequest::GoToNextWord),
            KeyCode::Left | KeyCode::Right
                if matches!(self.fields[self.focus], Field::Text { .. }) =>
            {
                Some(if key.code == KeyCode::Left {
                    InputRequest::GoToPrevChar
                } else {
                    InputRequest::GoToNextChar
                })
            }
            KeyCode::Home => Some(InputRequest::GoToStart),
            KeyCode::End => Some(InputRequest::GoToEnd),
            KeyCode::Char('a') if ctrl => Some(InputRequest::GoToStart),
            KeyCode::Char('e') if ctrl => Some(InputRequest::GoToEnd),
            KeyCode::Char('w') if ctrl => Some(InputRequest::DeletePrevWord),
            KeyCode::Char('h') if ctrl => Some(InputRequest::DeletePrevChar),
            KeyCode::Char('k') if ctrl => Some(InputRequest::DeleteTillEnd),
            KeyCode::Char('u') if ctrl => Some(InputRequest::DeleteFromStart),
            KeyCode::Backspace if ctrl || alt => Some(InputRequest::DeletePrevWord),
            KeyCode::Backspace => Some(InputRequest::DeletePrevChar),
            KeyCode::Delete => Some(InputRequest::DeleteNextChar),
            KeyCode::Char(c) if !ctrl && !alt => Some(InputRequest::InsertChar(c)),
            _ => None,
        };
        if let (true, Some(request)) = (text_field, request) {
            return if self.edit(&[request]) {
                FormEvent::Changed
            } else {
                FormEvent::None
            };
        }
        let field = &mut self.fields[self.focus];
        match key.code {
            KeyCode::Left | KeyCode::Right => {
                let forward = key.code == KeyCode::Right;
                match field {
                    Field::Choice { options, index, .. } => {
                        let len = options.len().max(1);
                        *index = if forward {
                            (*index + 1) % len
                        } else {
                            (*index + len - 1) % len
                        };
                        return FormEvent::Changed;
                    }
                    Field::Pick { value, options, .. } if !options.is_empty() => {
                        let len = options.len();
                        let next = match (options.iter().position(|o| o == value.trim()), forward) {
                            (None, true) => 0,
                            (None, false) => len - 1,
                            (Some(i), true) => (i + 1) % len,
                            (Some(i), false) => (i + len - 1) % len,
                        };
                        *value = options[next].clone();
                        // A picked option is edited from its end (Backspace trims it).
                        self.editing = Some((self.focus, value.chars().count()));
                        return FormEvent::Changed;
                    }
                    _ => {}
                }
            }
            KeyCode::Char(' ') => {
                if let Field::Choice { options, index, .. } = field {
                    *index = (*index + 1) % options.len().max(1);
                    return FormEvent::Changed;
                }
            }
            _ => {}
        }
        FormEvent::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn text_form(value: &str) -> Form {
        Form::new(vec![Field::Text {
            label: "ladder",
            value: value.into(),
            hint: "",
        }])
    }

    fn typed(f: &mut Form, text: &str) {
        for c in text.chars() {
            f.on_key(key(KeyCode::Char(c)), &Keymap::default());
        }
    }

    #[test]
    fn the_middle_of_a_value_is_edited_with_a_cursor() {
        let mut f = text_form("10%@7d,20%@7d,30%");
        // Arrived at: all selected, cursor at the end.
        assert_eq!(f.cursor(), Some(("10%@7d,20%@7d,30%", 17, true)));
        for _ in 0..8 {
            f.on_key(key(KeyCode::Left), &Keymap::default());
        }
        assert_eq!(f.cursor(), Some(("10%@7d,20%@7d,30%", 9, false)));
        f.on_key(key(KeyCode::Backspace), &Keymap::default());
        typed(&mut f, "5");
        assert_eq!(f.text(0), "10%@7d,25%@7d,30%");
        f.on_key(key(KeyCode::Home), &Keymap::default());
        f.on_key(key(KeyCode::Delete), &Keymap::default());
        typed(&mut f, "2");
        assert_eq!(f.text(0), "20%@7d,25%@7d,30%");
        f.on_key(ctrl('e'), &Keymap::default());
        f.on_key(ctrl('w'), &Keymap::default());
        assert_eq!(f.text(0), "20%@7d,25%@7d,");
        f.on_key(ctrl('a'), &Keymap::default());
        f.on_key(key(KeyCode::End), &Keymap::default());
        typed(&mut f, "40%");
        assert_eq!(f.text(0), "20%@7d,25%@7d,40%");
        for _ in 0..3 {
            f.on_key(key(KeyCode::Left), &Keymap::default());
        }
        f.on_key(ctrl('u'), &Keymap::default());
        assert_eq!(f.text(0), "40%");
        assert_eq!(f.cursor(), Some(("40%", 0, false)));
        f.on_key(ctrl('k'), &Keymap::default());
        assert_eq!(f.text(0), "");
    }

    #[test]
    fn typing_or_pasting_replaces_a_value_arrived_at_and_backspace_clears_it() {
        let mut f = text_form("2025-10-01");
        typed(&mut f, "2025-11-01");
        assert_eq!(f.text(0), "2025-11-01");
        // Away and back: all selected again.
        f.on_key(key(KeyCode::Down), &Keymap::default());
        assert_eq!(f.paste("2026-01-01\n"), FormEvent::Changed);
        assert_eq!(
            f.text(0),
            "2026-01-01",
            "the line break became a space, trimmed"
        );
        f.on_key(key(KeyCode::Tab), &Keymap::default());
        f.on_key(key(KeyCode::Backspace), &Keymap::default());
        assert_eq!(f.text(0), "");
        // Pasted into the middle once editing.
        let mut f = text_form("ab");
        f.on_key(key(KeyCode::Left), &Keymap::default());
        f.paste("X\u{1b}[2JY");
        assert_eq!(f.text(0), "aX[2JYb", "control characters do not land");
    }

    #[test]
    fn the_cursor_steps_over_wide_characters_whole() {
        let mut f = text_form("夏季遮阳帽");
        f.on_key(key(KeyCode::Left), &Keymap::default());
        f.on_key(key(KeyCode::Left), &Keymap::default());
        assert_eq!(f.cursor().map(|c| c.1), Some(3));
        f.on_key(key(KeyCode::Delete), &Keymap::default());
        typed(&mut f, "x");
        assert_eq!(f.text(0), "夏季遮x帽");
    }

    /// `☀` with its presentation selector (U+FE0F) is two characters and one grapheme:
    /// ←/→ step over it whole (never between the sun and its selector), and Backspace
    /// takes both.
    #[test]
    fn an_emoji_with_its_selector_is_one_step() {
        let mut f = text_form("a☀\u{FE0F}b");
        f.on_key(key(KeyCode::Left), &Keymap::default());
        assert_eq!(f.cursor().map(|c| c.1), Some(3), "before the b");
        f.on_key(key(KeyCode::Left), &Keymap::default());
        assert_eq!(f.cursor().map(|c| c.1), Some(1), "before the sun");
        f.on_key(key(KeyCode::Right), &Keymap::default());
        assert_eq!(f.cursor().map(|c| c.1), Some(3), "after the selector");
        f.on_key(key(KeyCode::Backspace), &Keymap::default());
        assert_eq!(f.text(0), "ab");
        assert_eq!(f.cursor().map(|c| c.1), Some(1));
    }

    #[test]
    fn a_pick_field_is_typed_or_cycled_through_its_options() {
        let mut f = Form::new(vec![Field::Pick {
            label: "category",
            value: String::new(),
            options: vec!["apparel".into(), "hats".into()],
            hint: "",
        }]);
        f.on_key(key(KeyCode::Right), &Keymap::default());
        assert_eq!(f.text(0), "apparel");
        f.on_key(key(KeyCode::Right), &Keymap::default());
        assert_eq!(f.text(0), "hats");
        f.on_key(key(KeyCode::Right), &Keymap::default());
        assert_eq!(f.text(0), "apparel");
        f.on_key(key(KeyCode::Backspace), &Keymap::default());
        f.on_key(key(KeyCode::Char('X')), &Keymap::default());
        assert_eq!(f.text(0), "appareX");
    }

    #[test]
    fn choices_cycle_and_text_is_typed() {
        let mut f = Form::new(vec![
            Field::Choice {
                label: "tier",
                options: vec!["keep".into(), "high".into()],
                index: 0,
            },
            Field::Text {
                label: "reason",
                value: String::new(),
                hint: "",
            },
        ]);
        assert_eq!(
            f.on_key(key(KeyCode::Right), &Keymap::default()),
            FormEvent::Changed
        );
        assert_eq!(f.text(0), "high");
        f.on_key(key(KeyCode::Right), &Keymap::default());
        assert_eq!(f.choice(0), 0);
        f.on_key(key(KeyCode::Left), &Keymap::default());
        assert_eq!(f.choice(0), 1);
        f.on_key(key(KeyCode::Tab), &Keymap::default());
        for c in "ok!".chars() {
            f.on_key(key(KeyCode::Char(c)), &Keymap::default());
        }
        f.on_key(key(KeyCode::Backspace), &Keymap::default());
        assert_eq!(f.text(1), "ok");
        assert_eq!(
            f.on_key(key(KeyCode::Enter), &Keymap::default()),
            FormEvent::Submit
        );
        assert_eq!(
            f.on_key(key(KeyCode::Esc), &Keymap::default()),
            FormEvent::Cancel
        );
        f.on_key(key(KeyCode::Down), &Keymap::default());
        assert_eq!(f.focus, 0, "focus wraps");
    }
}
