//! A small keyboard form: choice fields cycled with ←/→, text fields typed into.
//! ↑/↓ or Tab/Shift-Tab move between fields, Enter submits, Esc cancels.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
        Form { fields, focus: 0 }
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
    }

    pub fn on_key(&mut self, key: KeyEvent) -> FormEvent {
        let n = self.fields.len();
        let field = &mut self.fields[self.focus];
        match key.code {
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Enter => return FormEvent::Submit,
            KeyCode::Down | KeyCode::Tab => self.focus = (self.focus + 1) % n,
            KeyCode::Up | KeyCode::BackTab => self.focus = (self.focus + n - 1) % n,
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
                        return FormEvent::Changed;
                    }
                    _ => {}
                }
            }
            KeyCode::Backspace => {
                if let Field::Text { value, .. } | Field::Pick { value, .. } = field {
                    value.pop();
                    return FormEvent::Changed;
                }
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => match field {
                Field::Text { value, .. } | Field::Pick { value, .. } => {
                    value.push(c);
                    return FormEvent::Changed;
                }
                Field::Choice { options, index, .. } if c == ' ' => {
                    *index = (*index + 1) % options.len().max(1);
                    return FormEvent::Changed;
                }
                Field::Choice { .. } => {}
            },
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

    #[test]
    fn a_pick_field_is_typed_or_cycled_through_its_options() {
        let mut f = Form::new(vec![Field::Pick {
            label: "category",
            value: String::new(),
            options: vec!["apparel".into(), "hats".into()],
            hint: "",
        }]);
        f.on_key(key(KeyCode::Right));
        assert_eq!(f.text(0), "apparel");
        f.on_key(key(KeyCode::Right));
        assert_eq!(f.text(0), "hats");
        f.on_key(key(KeyCode::Right));
        assert_eq!(f.text(0), "apparel");
        f.on_key(key(KeyCode::Backspace));
        f.on_key(key(KeyCode::Char('X')));
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
        assert_eq!(f.on_key(key(KeyCode::Right)), FormEvent::Changed);
        assert_eq!(f.text(0), "high");
        f.on_key(key(KeyCode::Right));
        assert_eq!(f.choice(0), 0);
        f.on_key(key(KeyCode::Left));
        assert_eq!(f.choice(0), 1);
        f.on_key(key(KeyCode::Tab));
        for c in "ok!".chars() {
            f.on_key(key(KeyCode::Char(c)));
        }
        f.on_key(key(KeyCode::Backspace));
        assert_eq!(f.text(1), "ok");
        assert_eq!(f.on_key(key(KeyCode::Enter)), FormEvent::Submit);
        assert_eq!(f.on_key(key(KeyCode::Esc)), FormEvent::Cancel);
        f.on_key(key(KeyCode::Down));
        assert_eq!(f.focus, 0, "focus wraps");
    }
}
