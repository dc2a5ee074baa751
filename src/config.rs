//! Settings from a TOML file, with METRICS.md's defaults for anything it leaves out,
//! and the default locations of the database and the config file.
//!
//! Every mistake in the file — TOML syntax, an unknown key, a value of the wrong type,
//! a value out of range, two values that contradict each other, a key binding that
//! clashes — is reported with the file, the line and the key. How the file, the
//! database and the command line combine is [`layers`]'s.

pub mod layers;
mod locate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::settings::{Display, Settings, LOW_FOLLOWS};
/// The `[keys]` overrides' type, owned by the key table.
pub use crate::keymap::KeyList;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The language of the app and the reports (`lang = "zh-CN"`); `--lang` and
    /// `SKUDESK_LANG` win over it, and without it the locale decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::i18n::Lang>,
    /// A UTF-8 BOM before the app's CSV exports (`export_bom = true`); without it, on
    /// when the language is Chinese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub export_bom: Option<bool>,
    /// Windows, thresholds and targets.
    pub metrics: Settings,
    /// Theme, currency and week start.
    pub display: Display,
    /// Key overrides: action name → key (`"x"`, `"ctrl-r"`, `"F5"`) or keys.
    pub keys: BTreeMap<String, KeyList>,
    /// Where the values came from; `None` for the defaults.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// The file a config came from, and the line of each key it sets (`metrics.margin_floor`,
/// `display.theme`, `keys.undo`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub path: String,
    pub lines: BTreeMap<String, usize>,
}

impl Origin {
    /// The line of a dotted key, when the file sets it.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the config file: {detail}")]
    Read { path: String, detail: String },
    #[error("{path}: {detail}")]
    Parse { path: String, detail: String },
    /// Each problem is one line: `line N: [table] key …: what is wrong`.
    #[error("{}", .problems.iter().map(|p| format!("{path}: {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid { path: String, problems: Vec<String> },
    /// Settings that are fine alone but not together (the file's, the database's and
    /// the command line's).
    #[error("the settings do not fit together:\n{}", .problems.join("\n"))]
    Layers { problems: Vec<String> },
}

/// `metrics.margin_floor` → `[metrics] margin_floor`; `metrics.scoring.launch_at` →
/// `[metrics.scoring] launch_at`.
pub fn shown_key(dotted: &str) -> String {
    match dotted.rsplit_once('.') {
        Some((table, key)) => format!("[{table}] {key}"),
        None => dotted.to_string(),
    }
}

impl Config {
    /// Parses config text; errors name the file, line and key.
    pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
        let doc = locate::Doc::parse(text).map_err(|detail| ConfigError::Parse {
            path: path.to_string(),
            detail,
        })?;
        let mut config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_string(),
            detail: doc.describe(&e),
        })?;
        let origin = Origin {
            path: path.to_string(),
            lines: doc.lines(),
        };
        if let Some(bom) = config.export_bom {
            config.metrics.export_bom = bom;
        }
        let (low, floor) = LOW_FOLLOWS;
        if origin.line(&format!("metrics.{low}")).is_none() {
            config.metrics.low_margin_below = config.metrics.margin_floor;
        }
        let mut problems = Vec::new();
        let low_follows = origin.line(&format!("metrics.{low}")).is_none();
        let mut add = |table: &str, p: crate::domain::settings::Problem| {
            let key = format!("{table}.{}", p.key);
            let line = origin
                .line(&key)
                .or_else(|| p.other.and_then(|o| origin.line(&format!("{table}.{o}"))))
                .or_else(|| {
                    // The low tier follows the floor: its mistake is on the floor's line.
                    (p.key == low)
                        .then(|| origin.line(&format!("{table}.{floor}")))
                        .flatten()
                });
            let at = line.map_or(String::new(), |l| format!("line {l}: "));
            let follows = if p.key == low && origin.line(&key).is_none() {
                format!(" (it follows {floor}, as low_margin_below is not set)")
            } else {
                String::new()
            };
            problems.push(format!("{at}{}: {}{follows}", shown_key(&key), p.message));
        };
        if let Err(ps) = config.metrics.validate() {
            // A value out of range is the cause: its contradictions, and those of the low
            // tier that follows it, would only repeat it.
            let broken: Vec<&str> = ps
                .iter()
                .filter(|p| p.other.is_none())
                .map(|p| p.key)
                .collect();
            let follows_broken = |k: &str| k == low && low_follows && broken.contains(&floor);
            ps.iter()
                .filter(|p| {
                    let repeats_a_broken_value = p.other.is_some()
                        && [Some(p.key), p.other]
                            .into_iter()
                            .flatten()
                            .any(|k| broken.contains(&k) || follows_broken(k));
                    !follows_broken(p.key) && !repeats_a_broken_value
                })
                .cloned()
                .for_each(|p| add("metrics", p));
        }
        if let Err(ps) = config.display.validate() {
            ps.into_iter().for_each(|p| add("display", p));
        }
        problems.extend(
            crate::keymap::check_overrides(&config.keys)
                .into_iter()
                .map(|(action, message)| {
                    let key = format!("keys.{action}");
                    let at = origin
                        .line(&key)
                        .map_or(String::new(), |l| format!("line {l}: "));
                    format!("{at}{}: {message}", shown_key(&key))
                }),
        );
        if !problems.is_empty() {
            return Err(ConfigError::Invalid {
                path: path.to_string(),
                problems,
            });
        }
        config.origin = Some(origin);
        Ok(config)
    }

    /// Loads `explicit` (which must exist) or the default config file when present.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_config_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let shown = path.display().to_string();
        // A config file is small; a device or an endless pipe is refused, not read.
        let bytes =
            crate::input_file::read(&path, 1024 * 1024, true).map_err(|e| ConfigError::Read {
                path: shown.clone(),
                detail: e.to_string(),
            })?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::Read {
            path: shown.clone(),
            detail: "is not UTF-8 text".into(),
        })?;
        Config::parse(&shown, &text)
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "skudesk")
}

/// `$XDG_DATA_HOME/skudesk/skudesk.db` on Linux (the platform data dir elsewhere).
pub fn default_db_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("skudesk.db"))
}

/// `$XDG_CONFIG_HOME/skudesk/config.toml` on Linux.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn err(text: &str) -> String {
        Config::parse("c.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn empty_config_gives_the_documented_defaults() {
        let c = Config::parse("c.toml", "").unwrap();
        assert_eq!(c.metrics, Settings::default());
        assert_eq!(c.display, Display::default());
        assert!(c.keys.is_empty());
        assert_eq!(c.metrics.window_days, 90);
        assert_eq!(c.metrics.high_margin_at, Decimal::new(30, 2));
    }

    #[test]
    fn values_override_defaults_exactly() {
        let c = Config::parse(
            "c.toml",
            "[metrics]\nwindow_days = 60\nhigh_margin_at = 0.35\nage_buckets = [7, 30]\n",
        )
        .unwrap();
        assert_eq!(c.metrics.window_days, 60);
        assert_eq!(c.metrics.high_margin_at, Decimal::new(35, 2));
        assert_eq!(c.metrics.bucket_labels(), ["0-7", "8-30", "31+"]);
        assert_eq!(
            c.origin.unwrap().line("metrics.high_margin_at"),
            Some(3),
            "lines are 1-based"
        );
    }

    #[test]
    fn the_low_tier_follows_the_floor_unless_set() {
        let c = Config::parse("c.toml", "[metrics]\nmargin_floor = 0.2\n").unwrap();
        assert_eq!(c.metrics.low_margin_below, Decimal::new(2, 1));
        let c = Config::parse(
            "c.toml",
            "[metrics]\nmargin_floor = 0.2\nlow_margin_below = 0.22\n",
        )
        .unwrap();
        assert_eq!(c.metrics.low_margin_below, Decimal::new(22, 2));
        let e = err("[metrics]\nmargin_floor = 0.32\n");
        assert!(
            e.contains("line 2") && e.contains("low_margin_below") && e.contains("follows"),
            "{e}"
        );
    }

    #[test]
    fn lang_is_a_top_level_key() {
        use crate::i18n::Lang;
        assert_eq!(Config::parse("c.toml", "").unwrap().lang, None);
        let c = Config::parse("c.toml", "lang = \"zh-CN\"\n[metrics]\nwindow_days = 60\n").unwrap();
        assert_eq!(c.lang, Some(Lang::ZhCn));
        assert_eq!(c.metrics.window_days, 60);
        assert_eq!(
            Config::parse("c.toml", "lang = \"en\"").unwrap().lang,
            Some(Lang::En)
        );
        let e = Config::parse("c.toml", "lang = \"fr\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1") && e.contains("fr"), "{e}");
    }

    #[test]
    fn mistakes_name_file_line_and_key() {
        let e = err("[metrics]\nwindow_days = \"ninety\"\n");
        assert!(e.starts_with("c.toml: line 2:"), "{e}");
        assert!(e.contains("[metrics] window_days"), "{e}");
        let e = err("[metrics]\n\nwindow_dayz = 3\n");
        assert!(e.contains("line 3") && e.contains("window_dayz"), "{e}");
        let e = err("[metrics]\nmargin_floor = 25\n");
        assert!(e.contains("line 2") && e.contains("margin_floor"), "{e}");
        let e = err("[metrics.scoring]\nlaunch_at = 40\ntest_at = 60\n");
        assert!(
            e.contains("line 3") && e.contains("[metrics.scoring] test_at"),
            "{e}"
        );
        let e = err("[display]\ntheme = \"neon\"\n");
        assert!(e.contains("line 2") && e.contains("[display] theme"), "{e}");
        let e = err("[keys]\nundo = \"ctrl-banana\"\n");
        assert!(e.contains("line 2") && e.contains("[keys] undo"), "{e}");
    }
}
