//! `skudesk config show|set|unset|path` and `skudesk completions` (`skudesk man` is in
//! `man.rs`).

use std::process::ExitCode;

use clap::CommandFactory;
use color_eyre::eyre::{eyre, Result};

use crate::cli::{Cli, ConfigCommand};
use crate::config::default_config_path;
use crate::config::layers::Layers;
use crate::domain::command::{setting_as_stored, Command as DomainCommand};
use crate::domain::settings::SCALAR_KEYS;

use super::{change, check, Out, UsageError};
use crate::session::{db_choice, lang_of, open_store, Options};

pub fn run(global: &Options, layers: &Layers, cmd: ConfigCommand) -> Result<ExitCode> {
    match cmd {
        ConfigCommand::Show => show(global, layers),
        ConfigCommand::Path => {
            let mut out = Out::new();
            match global.config.clone().or_else(default_config_path) {
                Some(p) => {
                    let state = if p.exists() { "" } else { " (not there yet)" };
                    out.line(format_args!("{}{state}", p.display()));
                }
                None => out.line("no config directory on this system; use --config PATH"),
            }
            out.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::Set { key, value } => {
            let cmd = DomainCommand::SetSettings {
                changes: vec![(key.clone(), Some(value.clone()))],
            };
            let lang = lang_of(global);
            check(&cmd, lang)?;
            change(global, |store| {
                let mut stored = store.settings()?;
                stored.retain(|(k, _)| *k != key);
                let kept =
                    setting_as_stored(&key, &value).map_err(|r| eyre!("{}", lang.refusal(&r)))?;
                stored.push((key, kept));
                // The new value must fit with the file's and the database's others.
                layers.effective(&stored, store.path())?;
                Ok(cmd)
            })
        }
        ConfigCommand::Unset { keys } => {
            let cmd = DomainCommand::SetSettings {
                changes: keys.iter().map(|k| (k.clone(), None)).collect(),
            };
            check(&cmd, lang_of(global))?;
            change(global, |store| {
                let mut stored = store.settings()?;
                stored.retain(|(k, _)| !keys.contains(k));
                layers.effective(&stored, store.path())?;
                Ok(cmd)
            })
        }
    }
}

/// A key the database does not keep, as `config set` and `config unset` say it.
pub(super) fn not_a_setting(key: &str) -> UsageError {
    UsageError(format!(
        "{key:?} is not a setting the database keeps; the keys are {}",
        SCALAR_KEYS.join(", ")
    ))
}

/// Prints the settings in force. The database is read when it exists (never created
/// here); its settings count, as in the app.
fn show(global: &Options, layers: &Layers) -> Result<ExitCode> {
    let choice = db_choice(global)?;
    let (stored, db) = if choice.path.exists() {
        let store = open_store(&choice, false)?;
        (store.settings()?, Some(store.path().to_string()))
    } else {
        (Vec::new(), None)
    };
    let eff = layers.effective(&stored, db.as_deref().unwrap_or(""))?;
    let mut out = Out::new();
    out.write_with(|w| w.write_all(layers.show(&eff, db.as_deref()).as_bytes()));
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut cmd = Cli::command();
    // Into memory first: clap_complete panics when its writer fails (`| head` closes
    // the pipe); a write error here is an error, reported (or, for a closed pipe, quiet).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "skudesk", &mut script);
    let mut out = Out::new();
    out.write_with(|w| w.write_all(&script));
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
