//! Settings from a TOML file, with METRICS.md's defaults for anything it leaves out,
//! and the default locations of the database and the config file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::settings::Settings;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The language of the app and the reports (`lang = "zh-CN"`); `--lang` and
    /// `SKUDESK_LANG` win over it, and without it the locale decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::i18n::Lang>,
    /// Windows, thresholds and targets.
    pub metrics: Settings,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the config file: {detail}")]
    Read { path: String, detail: String },
    #[error("{path}: {detail}")]
    Parse { path: String, detail: String },
    #[error("{path}: {}", .problems.join("; "))]
    Invalid { path: String, problems: Vec<String> },
}

impl Config {
    /// Parses config text; errors name the file, line and key.
    pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_string(),
            detail: describe_toml_error(text, &e),
        })?;
        config
            .metrics
            .validate()
            .map_err(|problems| ConfigError::Invalid {
                path: path.to_string(),
                problems: problems
                    .into_iter()
                    .map(|p| format!("[metrics] {p}"))
                    .collect(),
            })?;
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
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Read {
            path: shown.clone(),
            detail: e.to_string(),
        })?;
        Config::parse(&shown, &text)
    }
}

fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
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

    #[test]
    fn empty_config_gives_the_documented_defaults() {
        let c = Config::parse("c.toml", "").unwrap();
        assert_eq!(c, Config::default());
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
        let e = Config::parse("c.toml", "[metrics]\nwindow_days = \"ninety\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.toml: line 2:"), "{e}");
        let e = Config::parse("c.toml", "[metrics]\n\nwindow_dayz = 3\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("window_dayz"), "{e}");
        let e = Config::parse("c.toml", "[metrics]\nmargin_floor = 25\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("margin_floor"), "{e}");
    }
}
