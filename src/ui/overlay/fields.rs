//! Fields of the editor popups (candidate, plan, promote): building them, reading a
//! score or an amount out of one with a message that names it, and saying a form's
//! first problem in the order of its fields.

use crate::domain::money::Money;
use crate::i18n::{Lang, Msg};
use crate::ui::form::{Field, Form};

pub fn text(label: &'static str, value: impl Into<String>, hint: &'static str) -> Field {
    Field::Text {
        label,
        value: value.into(),
        hint,
    }
}

pub fn choice(label: &'static str, options: Vec<String>, index: usize) -> Field {
    Field::Choice {
        label,
        options,
        index,
    }
}

/// A score as typed (a whole number; its range is the command's rule), or what is
/// wrong with it.
pub fn score(form: &Form, i: usize, lang: Lang) -> Result<u8, String> {
    form.text(i)
        .parse::<u8>()
        .map_err(|_| score_problem(form, i, lang))
}

/// What a score field says is wrong: a score from 0 to 5, by its name.
pub fn score_problem(form: &Form, i: usize, lang: Lang) -> String {
    lang.f(Msg::ScoreZeroToFive, &[&short_label(form, i)])
}

/// An amount as typed (that it is not negative is the command's rule), or what is
/// wrong with it.
pub fn money(form: &Form, i: usize, lang: Lang) -> Result<Money, String> {
    form.text(i)
        .parse::<Money>()
        .map_err(|_| amount_problem(form, i, lang))
}

/// What an amount field says is wrong: its text is not an amount, by its name.
pub fn amount_problem(form: &Form, i: usize, lang: Lang) -> String {
    let t = form.text(i);
    lang.f(
        Msg::NotAnAmount,
        &[&form.fields[i].label(), &format!("{t:?}")],
    )
}

/// The fields of a form whose text does not read, each with what is wrong with it.
#[derive(Debug, Default)]
pub struct Unread(Vec<(usize, String)>);

impl Unread {
    /// The value field `i` reads as, or `fallback` (a value no rule refuses) while its
    /// problem is kept.
    pub fn or<T>(&mut self, i: usize, read: Result<T, String>, fallback: T) -> T {
        read.unwrap_or_else(|e| {
            self.0.push((i, e));
            fallback
        })
    }

    /// The form's first problem in the order of its fields: a field that does not
    /// read, or the rule of the command (`Command::check`) a field breaks (`broken`, by
    /// the field it is about).
    pub fn first(self, broken: Option<(usize, String)>) -> Option<String> {
        self.0
            .into_iter()
            .chain(broken)
            .min_by_key(|(i, _)| *i)
            .map(|(_, e)| e)
    }
}

/// A field's label without its range (`gap 0-5` → `gap`), to name it in a message.
pub fn short_label(form: &Form, i: usize) -> &'static str {
    let label = form.fields[i].label();
    label.strip_suffix(" 0-5").unwrap_or(label)
}
