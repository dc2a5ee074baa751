//! The two languages of everything skudesk says to a person: English and Simplified
//! Chinese. One table ([`strings`]) holds every message in both, side by side; the names
//! of the domain's values as a person reads them (tiers, verdicts, statuses…) are in
//! [`names`].
//!
//! A [`Lang`] is chosen once at start-up ([`Lang::resolve`]: `--lang`/`SKUDESK_LANG`,
//! else the config's `lang`, else the locale, else English) and handed to whatever
//! speaks: the app holds it, the report writers take it. There is no global: two
//! languages can be drawn side by side in one process (the tests do).
//!
//! What is never translated: data (SKU codes and names, categories, plan titles), the
//! JSON report's field names and the CSV column names (a contract for scripts), and the
//! command-line `--help` text (clap's).

pub mod figures;
pub mod history;
pub mod names;
pub mod strings;

use std::fmt::{Display, Write as _};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use strings::Msg;

/// A language skudesk speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum,
)]
pub enum Lang {
    /// English (the default).
    #[default]
    #[serde(rename = "en")]
    #[value(name = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN", alias = "zh_CN", alias = "zh")]
    #[value(name = "zh-CN", alias = "zh_CN", alias = "zh")]
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The code written on the command line and in the config: `en`, `zh-CN`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// The message in this language.
    pub fn t(self, m: Msg) -> &'static str {
        match self {
            Lang::En => m.en(),
            Lang::ZhCn => m.zh_cn(),
        }
    }

    /// The message with `{0}`, `{1}`… replaced by `args` (each language places them
    /// where its grammar wants them).
    pub fn f(self, m: Msg, args: &[&dyn Display]) -> String {
        fill(self.t(m), args)
    }

    /// The language of a locale value such as `zh_CN.UTF-8` or `en_US.UTF-8`: anything
    /// starting with `zh` is Simplified Chinese, anything else English.
    pub fn of_locale(value: &str) -> Lang {
        if value.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    /// The language from the locale variables, read through `var`: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides (as POSIX
    /// programs read them); none set is English.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.trim().is_empty()))
            .map_or(Lang::En, |v| Lang::of_locale(&v))
    }

    /// The language to speak: the command line's (`--lang`, or `SKUDESK_LANG` through
    /// it), else the config file's `lang`, else the locale's, else English.
    pub fn resolve(
        flag: Option<Lang>,
        config: Option<Lang>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Lang {
        flag.or(config).unwrap_or_else(|| Lang::from_locale(var))
    }

    /// [`Lang::resolve`] over this process's environment.
    pub fn resolve_from_env(flag: Option<Lang>, config: Option<Lang>) -> Lang {
        Lang::resolve(flag, config, |name| std::env::var(name).ok())
    }
}

impl Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        <Lang as clap::ValueEnum>::from_str(s.trim(), true)
            .map_err(|_| format!("unknown language {s:?} (en, zh-CN)"))
    }
}

/// `template` with each `{N}` replaced by `args[N]`; anything else is kept as written.
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let placeholder = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match placeholder {
            Some((n, close)) => {
                if let Some(arg) = args.get(n) {
                    let _ = write!(out, "{arg}");
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{N}` placeholders of a template, sorted (a language may reorder them).
pub fn placeholders(template: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)))
        {
            Some((n, close)) => {
                found.push(n);
                rest = &after[close + 1..];
            }
            None => rest = after,
        }
    }
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_flag_wins_then_the_config_then_the_locale() {
        let zh_locale = env(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(
            Lang::resolve(Some(Lang::En), Some(Lang::ZhCn), &zh_locale),
            Lang::En
        );
        assert_eq!(Lang::resolve(None, Some(Lang::En), &zh_locale), Lang::En);
        assert_eq!(Lang::resolve(None, None, &zh_locale), Lang::ZhCn);
        assert_eq!(Lang::resolve(None, None, env(&[])), Lang::En);
    }

    #[test]
    fn locale_variables_are_read_in_posix_order() {
        let lang = |pairs: &[(&str, &str)]| Lang::from_locale(env(pairs));
        assert_eq!(lang(&[("LANG", "zh_CN.UTF-8")]), Lang::ZhCn);
        assert_eq!(lang(&[("LANG", "zh_TW.UTF-8")]), Lang::ZhCn);
        assert_eq!(lang(&[("LANG", "en_US.UTF-8")]), Lang::En);
        assert_eq!(lang(&[("LANG", "C.UTF-8")]), Lang::En);
        assert_eq!(
            lang(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]),
            Lang::En,
            "LC_ALL overrides LANG"
        );
        assert_eq!(
            lang(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]),
            Lang::ZhCn
        );
        assert_eq!(
            lang(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]),
            Lang::ZhCn,
            "an empty variable is as good as unset"
        );
    }

    #[test]
    fn codes_parse_both_ways() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
        }
        assert_eq!("zh_CN".parse::<Lang>(), Ok(Lang::ZhCn));
        assert_eq!("ZH-cn".parse::<Lang>(), Ok(Lang::ZhCn));
        let e = "fr".parse::<Lang>().unwrap_err();
        assert!(e.contains("\"fr\"") && e.contains("zh-CN"), "{e}");
    }

    #[test]
    fn fill_places_arguments_by_number() {
        assert_eq!(fill("{1} before {0}", &[&"a", &2]), "2 before a");
        assert_eq!(fill("no args", &[]), "no args");
        assert_eq!(fill("{x} and {", &[&1]), "{x} and {");
        assert_eq!(placeholders("{1}{0}{1}"), vec![0, 1, 1]);
    }
}
