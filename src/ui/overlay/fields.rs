//! Fields of the editor popups (candidate, plan, promote): building them, and reading
//! a score or an amount out of one with a message that names it.

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

pub fn score_0_5(form: &Form, i: usize, lang: Lang) -> Result<u8, String> {
    form.text(i)
        .parse::<u8>()
        .ok()
        .filter(|v| *v <= 5)
        .ok_or_else(|| lang.f(Msg::ScoreZeroToFive, &[&short_label(form, i)]))
}

pub fn money(form: &Form, i: usize, lang: Lang) -> Result<Money, String> {
    let t = form.text(i);
    t.parse::<Money>()
        .ok()
        .filter(|m| m.micros() >= 0)
        .ok_or_else(|| {
            lang.f(
                Msg::NotAnAmount,
                &[&form.fields[i].label(), &format!("{t:?}")],
            )
        })
}

/// A field's label without its range (`gap 0-5` → `gap`), to name it in a message.
pub fn short_label(form: &Form, i: usize) -> &'static str {
    let label = form.fields[i].label();
    label.strip_suffix(" 0-5").unwrap_or(label)
}
