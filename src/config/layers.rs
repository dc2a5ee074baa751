//! How settings combine, and where each effective value came from.
//!
//! Precedence, strongest first: the command line (`--window`, `--velocity`), the
//! database (values set in the app's settings popup or with `skudesk config set`, each
//! an audited, undoable change), the config file, METRICS.md's defaults. The low tier
//! follows the margin floor unless some layer sets `low_margin_below` itself.

use std::collections::BTreeMap;
use std::fmt;

use crate::domain::settings::{setting, Settings, ThemeName, LOW_FOLLOWS, SCALAR_KEYS};

/// The setting that follows the language unless set.
const BOM: &str = "export_bom";
use crate::i18n::{Lang, Msg};

use super::{shown_key, Config, ConfigError};

/// Where an effective value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File {
        path: String,
        line: usize,
    },
    Database(String),
    CommandLine(&'static str),
    Environment(&'static str),
    /// The low tier follows the margin floor: the floor's source.
    Follows(&'static str, Box<Source>),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => write!(f, "default"),
            Source::File { path, line } => write!(f, "config file {path}, line {line}"),
            Source::Database(path) => write!(f, "database {path} (set in the app)"),
            Source::CommandLine(flag) => write!(f, "command line ({flag})"),
            Source::Environment(var) => write!(f, "environment ({var})"),
            Source::Follows(key, of) => write!(f, "follows {key}: {of}"),
        }
    }
}

impl Source {
    /// A short word for the settings popup: default, file, database, command line.
    pub fn short(&self) -> &'static str {
        match self {
            Source::Default => "default",
            Source::File { .. } => "config file",
            Source::Database(_) => "set here",
            Source::CommandLine(_) => "command line",
            Source::Environment(_) => "environment",
            Source::Follows("lang", _) => "follows language",
            Source::Follows(..) => "follows floor",
        }
    }

    /// [`Source::short`] in `lang`, as the settings popup shows it.
    pub fn short_in(&self, lang: Lang) -> &'static str {
        lang.t(match self {
            Source::Default => Msg::SourceDefault,
            Source::File { .. } => Msg::SourceFile,
            Source::Database(_) => Msg::SourceHere,
            Source::CommandLine(_) => Msg::SourceCommandLine,
            Source::Environment(_) => Msg::SourceEnvironment,
            Source::Follows("lang", _) => Msg::SourceFollowsLang,
            Source::Follows(..) => Msg::SourceFollows,
        })
    }
}

/// The config file (with its defaults) and the command line's values; the database's
/// come in at [`Layers::effective`].
#[derive(Debug, Clone, Default)]
pub struct Layers {
    pub config: Config,
    /// (key, value, flag) from the command line.
    pub cli: Vec<(&'static str, String, &'static str)>,
    /// Whether the base settings set the low tier themselves (else it follows the floor).
    low_set: bool,
    /// Whether the base settings set `export_bom` (else it follows the language).
    bom_set: bool,
    /// `--lang` (or `SKUDESK_LANG`) as given, before the config and the locale are asked.
    lang_flag: Option<Lang>,
}

/// The layers' settings before their relations are checked ([`Layers::combine`]): the
/// values that could not be read are in `problems`, one line each.
#[derive(Debug, Clone, PartialEq)]
pub struct Combined {
    pub settings: Settings,
    pub sources: BTreeMap<&'static str, Source>,
    pub problems: Vec<String>,
}

/// The settings in force and the source of each scalar key.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    pub settings: Settings,
    pub sources: BTreeMap<&'static str, Source>,
}

impl Layers {
    /// The config file's layers under the command line's `--window`, `--velocity` and
    /// `--lang` (`lang_flag`: as given, before the config and the locale are asked).
    pub fn new(
        config: Config,
        window: Option<u32>,
        velocity: Option<u32>,
        lang_flag: Option<Lang>,
    ) -> Layers {
        let mut cli = Vec::new();
        if let Some(w) = window {
            cli.push(("window_days", w.to_string(), "--window"));
        }
        if let Some(v) = velocity {
            cli.push(("velocity_days", v.to_string(), "--velocity"));
        }
        let low_set = config
            .origin
            .as_ref()
            .is_some_and(|o| o.line(&format!("metrics.{}", LOW_FOLLOWS.0)).is_some());
        let bom_set = config.export_bom.is_some();
        Layers {
            config,
            cli,
            low_set,
            bom_set,
            lang_flag,
        }
    }

    /// The language spoken, and where it was chosen (`config show`).
    pub fn lang(&self) -> (Lang, Source) {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let lang = Lang::resolve(self.lang_flag, self.config.lang, env);
        let source = if self.lang_flag.is_some() {
            Source::CommandLine("--lang or SKUDESK_LANG")
        } else if self.config.lang.is_some() {
            self.file_or_default("lang")
        } else {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .into_iter()
                .find(|name| env(name).is_some())
                .map_or(Source::Default, Source::Environment)
        };
        (lang, source)
    }

    /// Settings given whole (tests, benchmarks): they are the base layer.
    pub fn plain(settings: Settings) -> Layers {
        let low_set = settings.low_margin_below != settings.margin_floor;
        Layers {
            config: Config {
                metrics: settings,
                ..Config::default()
            },
            cli: Vec::new(),
            low_set,
            // Given whole: the BOM is as given, whatever the language.
            bom_set: true,
            lang_flag: None,
        }
    }

    /// The source of a key in the base layer: the file's line, else the default.
    fn base_source(&self, key: &str) -> Source {
        let dotted = setting(key).map_or_else(|| format!("metrics.{key}"), |d| d.dotted());
        match &self.config.origin {
            Some(o) => match o.line(&dotted) {
                Some(line) => Source::File {
                    path: o.path.clone(),
                    line,
                },
                None => Source::Default,
            },
            None => Source::Default,
        }
    }

    /// The settings in force with the database's values `db` (from `db_path`).
    pub fn effective(
        &self,
        db: &[(String, String)],
        db_path: &str,
    ) -> Result<Effective, ConfigError> {
        let Combined {
            settings: s,
            sources,
            mut problems,
        } = self.combine(db, db_path);
        if let Err(ps) = s.validate() {
            for p in ps {
                let value = |k: &str| s.get(k).unwrap_or_else(|| "…".into());
                let source = |k: &str| {
                    sources
                        .get(k)
                        .map_or("config file or default".to_string(), |s| s.to_string())
                };
                let mut line = format!(
                    "  {} = {} ({}): {}",
                    shown_key(&format!("metrics.{}", p.key)),
                    value(p.key),
                    source(p.key),
                    p.message
                );
                if let Some(o) = p.other {
                    line.push_str(&format!("; {o} = {} comes from {}", value(o), source(o)));
                }
                let from_db = [Some(p.key), p.other]
                    .into_iter()
                    .flatten()
                    .filter(|k| matches!(sources.get(k), Some(Source::Database(_))))
                    .collect::<Vec<_>>();
                if !from_db.is_empty() {
                    line.push_str(&format!(
                        ". `skudesk config unset {}` drops the database's value",
                        from_db.join(" ")
                    ));
                }
                problems.push(line);
            }
        }
        if problems.is_empty() {
            Ok(Effective {
                settings: s,
                sources,
            })
        } else {
            Err(ConfigError::Layers { problems })
        }
    }

    /// The layers' settings with the database's values `db`, before the relations
    /// between them are checked ([`Settings::validate`]): the settings popup words a
    /// contradiction in its own labels from these.
    pub fn combine(&self, db: &[(String, String)], db_path: &str) -> Combined {
        let mut s = self.config.metrics.clone();
        let mut sources: BTreeMap<&'static str, Source> = SCALAR_KEYS
            .iter()
            .map(|&k| (k, self.base_source(k)))
            .collect();
        let (low, floor) = LOW_FOLLOWS;
        let mut low_set = self.low_set;
        let mut bom_set = self.bom_set;
        let mut problems = Vec::new();
        for (key, value) in db {
            // A key this build does not know (written by a newer skudesk) is left alone.
            let Some(&k) = SCALAR_KEYS.iter().find(|k| **k == key.as_str()) else {
                continue;
            };
            match s.set(k, value) {
                Ok(()) => {
                    sources.insert(k, Source::Database(db_path.to_string()));
                    low_set |= k == low;
                    bom_set |= k == BOM;
                }
                Err(e) => problems.push(format!(
                    "  {k} = {value} (database {db_path}): {e}; `skudesk config unset {k}` drops it"
                )),
            }
        }
        for (k, value, flag) in &self.cli {
            if let Err(e) = s.set(k, value) {
                problems.push(format!("  {flag} {value}: {e}"));
            } else {
                sources.insert(k, Source::CommandLine(flag));
                low_set |= *k == low;
            }
        }
        if !low_set {
            s.low_margin_below = s.margin_floor;
            let of = sources.get(floor).cloned().unwrap_or(Source::Default);
            sources.insert(low, Source::Follows(floor, Box::new(of)));
        }
        if !bom_set {
            // Excel reads a CSV without a BOM in the system's code page: Chinese names
            // become mojibake. On by default for a Chinese reader.
            let (lang, of) = self.lang();
            s.export_bom = lang == Lang::ZhCn;
            sources.insert(BOM, Source::Follows("lang", Box::new(of)));
        }
        Combined {
            settings: s,
            sources,
            problems,
        }
    }

    /// The theme: the config file's, else no colour when `NO_COLOR` is set (a user's
    /// config wins over the environment, as no-color.org asks), else the default.
    pub fn theme(&self) -> (ThemeName, Source) {
        if let Some(o) = &self.config.origin {
            if let Some(line) = o.line("display.theme") {
                let source = Source::File {
                    path: o.path.clone(),
                    line,
                };
                return (self.config.display.theme, source);
            }
        }
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return (ThemeName::NoColor, Source::Environment("NO_COLOR"));
        }
        (ThemeName::Default, Source::Default)
    }

    fn file_or_default(&self, dotted: &str) -> Source {
        match &self.config.origin {
            Some(o) => o.line(dotted).map_or(Source::Default, |line| Source::File {
                path: o.path.clone(),
                line,
            }),
            None => Source::Default,
        }
    }

    /// `skudesk config show`: the effective settings as a config file would write them,
    /// each with where it came from.
    pub fn show(&self, eff: &Effective, db: Option<&str>) -> String {
        let file = self
            .config
            .origin
            .as_ref()
            .map_or("none (defaults only)".to_string(), |o| o.path.clone());
        let mut out = vec![
            "# skudesk's settings in force, and where each comes from.".to_string(),
            format!("# config file: {file}"),
            format!(
                "# database:    {}",
                db.unwrap_or("none yet (the default database is made on first use)")
            ),
            "# precedence:  command line > database (set in the app) > config file > default"
                .to_string(),
        ];
        let (lang, lang_source) = self.lang();
        out.push(String::new());
        row(
            &mut out,
            "lang",
            &format!("{:?}", lang.code()),
            &lang_source,
        );
        let s = &eff.settings;
        let top_level = |key: &str| setting(key).is_some_and(|d| d.dotted() == key);
        for key in SCALAR_KEYS.into_iter().filter(|k| top_level(k)) {
            let source = eff.sources.get(key).cloned().unwrap_or(Source::Default);
            row(&mut out, key, &s.get(key).unwrap_or_default(), &source);
        }
        let mut section = "";
        for key in SCALAR_KEYS.into_iter().filter(|k| !top_level(k)) {
            let (table, name) = match key.split_once('.') {
                Some((_, n)) => ("metrics.scoring", n),
                None => ("metrics", key),
            };
            if table != section {
                section = table;
                header(&mut out, table);
            }
            let source = eff.sources.get(key).cloned().unwrap_or(Source::Default);
            row(&mut out, name, &s.get(key).unwrap_or_default(), &source);
            if key == "target_mobile_share" {
                // The list key belongs to [metrics]: written before [metrics.scoring].
                let buckets: Vec<String> = s.age_buckets.iter().map(u32::to_string).collect();
                let source = self.file_or_default("metrics.age_buckets");
                row(
                    &mut out,
                    "age_buckets",
                    &format!("[{}]", buckets.join(", ")),
                    &source,
                );
            }
        }
        header(&mut out, "display");
        let d = &self.config.display;
        let (theme, theme_source) = self.theme();
        row(
            &mut out,
            "theme",
            &format!("{:?}", theme.as_str()),
            &theme_source,
        );
        let rows = [
            ("currency_symbol", format!("{:?}", d.currency_symbol)),
            ("currency_decimals", d.currency_decimals.to_string()),
            ("week_start", format!("{:?}", d.week_start.as_str())),
        ];
        for (key, value) in rows {
            let source = self.file_or_default(&format!("display.{key}"));
            row(&mut out, key, &value, &source);
        }
        header(&mut out, "keys");
        let keymap = crate::keymap::Keymap::with_overrides(&self.config.keys).unwrap_or_default();
        for (action, keys) in keymap.action_keys() {
            let list: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
            let value = match list.as_slice() {
                [one] => one.clone(),
                _ => format!("[{}]", list.join(", ")),
            };
            let source = self.file_or_default(&format!("keys.{action}"));
            row(&mut out, action, &value, &source);
        }
        out.push(String::new());
        out.join("\n")
    }
}

fn header(out: &mut Vec<String>, table: &str) {
    out.push(String::new());
    out.push(format!("[{table}]"));
}

fn row(out: &mut Vec<String>, key: &str, value: &str, source: &Source) {
    let left = format!("{key} = {value}");
    out.push(format!("{left:<36} # {source}"));
}
