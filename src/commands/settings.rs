//! `skudesk config show|set|unset|path` and `skudesk completions` (`skudesk man` is in
//! `man.rs`).

use std::process::ExitCode;

use clap::CommandFactory;
use color_eyre::eyre::Result;

use crate::cli::{Cli, ConfigCommand};
use crate::config::default_config_path;
use crate::config::layers::Layers;
use crate::domain::command::Command as DomainCommand;
use crate::domain::settings::SCALAR_KEYS;

use super::{change, Out, UsageError};
use crate::session::{db_choice, open_store, Options};

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
            known(&key)?;
            change(global, |store| {
                let mut stored = store.settings()?;
                stored.retain(|(k, _)| *k != key);
                let mut probe = crate::domain::settings::Settings::default();
                probe.set(&key, &value).map_err(UsageError)?;
                stored.push((key.clone(), probe.get(&key).unwrap_or_default()));
                // The new value must fit with the file's and the database's others.
                layers.effective(&stored, store.path())?;
                Ok(DomainCommand::SetSettings {
                    changes: vec![(key, Some(value))],
                })
            })
        }
        ConfigCommand::Unset { keys } => {
            for k in &keys {
                known(k)?;
            }
            change(global, |store| {
                let mut stored = store.settings()?;
                stored.retain(|(k, _)| !keys.contains(k));
                layers.effective(&stored, store.path())?;
                Ok(DomainCommand::SetSettings {
                    changes: keys.into_iter().map(|k| (k, None)).collect(),
                })
            })
        }
    }
}

fn known(key: &str) -> Result<()> {
    if SCALAR_KEYS.contains(&key) {
        return Ok(());
    }
    Err(UsageError(format!(
        "{key:?} is not a setting the database keeps; the keys are {}",
        SCALAR_KEYS.join(", ")
    ))
    .into())
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
