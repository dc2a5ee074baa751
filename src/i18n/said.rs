//! Something the library says to a person that it cannot yet say in their language:
//! a message and its values, rendered in English by `Display` (logs, `?` at the edge)
//! and in the session's language by [`Said::text`].

use std::fmt::{self, Display};

use super::{Lang, Msg};

/// A message with the values it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    msg: Msg,
    args: Vec<Arg>,
}

/// A value a message names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Data (a SKU code, a name, a number): the same in every language.
    Text(String),
    /// A word of skudesk's own, in the session's language.
    Word(Msg),
    /// A value's machine name in English (`batch_cash_recovered`), the message's text in
    /// other languages.
    Named(&'static str, Msg),
}

impl Said {
    pub fn new(msg: Msg, args: Vec<Arg>) -> Said {
        Said { msg, args }
    }

    /// The message with its values as data: `Said::of(Msg::X, &[&sku, &id])`.
    pub fn of(msg: Msg, args: &[&dyn Display]) -> Said {
        Said::new(msg, args.iter().map(|a| Arg::Text(a.to_string())).collect())
    }

    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Text(t) => t.clone(),
                Arg::Word(m) => lang.t(*m).to_string(),
                Arg::Named(en, m) => match lang {
                    Lang::En => en.to_string(),
                    _ => lang.t(*m).to_string(),
                },
            })
            .collect();
        let args: Vec<&dyn Display> = args.iter().map(|a| a as &dyn Display).collect();
        lang.f(self.msg, &args)
    }
}

impl Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
