//! What the command line and the app share: the options a session starts from, the
//! language it speaks, opening the database (the demo's on first use), the settings in
//! force and the review's frame, loading and reviewing, importing a file, and what a
//! change, an undo or the history says in the reader's language ([`said`]).
//!
//! Layers: `domain` ← `store`, `import`, `export`, `i18n`, `config` ← `session` ←
//! `commands`, `ui` ← `main`. This module imports neither `cli` nor `commands` nor
//! `ui`: the command line turns its arguments into [`Options`], and both it and the app
//! call in here (`tests/architecture.rs` holds the arrows).

pub mod import;
pub mod plans;
mod prepare;
pub mod said;
pub mod summary;

use std::path::PathBuf;

use chrono::NaiveDate;
use color_eyre::eyre::{eyre, Result, WrapErr};

use crate::config::layers::Layers;
use crate::config::{default_db_path, Config};
use crate::domain::dates::{Day, Frame};
use crate::domain::metrics::{review, Review};
use crate::domain::model::Dataset;
use crate::domain::settings::Settings;
use crate::i18n::{Lang, Msg};
use crate::store::Store;

pub use import::{import_one, Outcome as ImportOutcome};

/// What a session starts from: the command line's global options (`--db`, `--config`,
/// `--read-only`, `--as-of`, `--window`, `--velocity`, `--lang`), as plain values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The database file; `None`: the default one.
    pub db: Option<PathBuf>,
    /// The settings file; `None`: the default one, when it exists.
    pub config: Option<PathBuf>,
    /// Open the database read-only.
    pub read_only: bool,
    /// Figures as of the end of this day; `None`: the latest date in the data.
    pub as_of: Option<NaiveDate>,
    /// The analysis window in days, over the settings'.
    pub window: Option<u32>,
    /// The velocity window in days, over the settings'.
    pub velocity: Option<u32>,
    /// The language: as given before [`language`] resolves it, the one chosen after.
    pub lang: Option<Lang>,
}

/// A mistake in how skudesk was called (exit 2), found after clap's own checks.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Where the database lives and whether it is the default one.
pub struct DbChoice {
    pub path: PathBuf,
    pub is_default: bool,
    /// Asked to open read-only (`--read-only`).
    pub read_only: bool,
    /// The language of what opening it may say.
    pub lang: Lang,
}

/// The language a session speaks: once the command line has resolved it ([`language`]),
/// `lang` holds the one chosen from the flag, the config and the locale.
pub fn lang_of(options: &Options) -> Lang {
    options.lang.unwrap_or_default()
}

/// The language to speak: `--lang` (or `SKUDESK_LANG`), else the config file's `lang`
/// (a config that does not load counts as none: its error is reported later, in the
/// language chosen without it), else the locale.
pub fn language(options: &Options) -> Lang {
    let config = Config::load(options.config.as_deref())
        .ok()
        .and_then(|c| c.lang);
    Lang::resolve_from_env(options.lang, config)
}

/// The settings' layers: the config file under the command line's `--window`,
/// `--velocity` and `--lang`.
pub fn layers(config: Config, options: &Options) -> Layers {
    Layers::new(config, options.window, options.velocity, options.lang)
}

pub fn db_choice(options: &Options) -> Result<DbChoice> {
    let lang = lang_of(options);
    match &options.db {
        Some(p) => Ok(DbChoice {
            path: p.clone(),
            is_default: false,
            read_only: options.read_only,
            lang,
        }),
        None => default_db_path()
            .map(|path| DbChoice {
                path,
                is_default: true,
                read_only: options.read_only,
                lang,
            })
            .ok_or_else(|| eyre!("{}", lang.t(Msg::NoHomeDir))),
    }
}

/// Opens the chosen database. The default one is created from the demo data when it
/// does not exist yet; an explicit path must exist unless `create` is set.
pub fn open_store(choice: &DbChoice, create: bool) -> Result<Store> {
    // Before anything opens it: a FIFO would block, a device or directory mislead.
    crate::store::check_db_path(&choice.path)?;
    let exists = choice.path.exists();
    if !exists && !create && !choice.is_default {
        return Err(eyre!(
            "{}",
            choice
                .lang
                .f(Msg::NoDatabaseHere, &[&choice.path.display()])
        ));
    }
    if exists {
        let why = if choice.read_only {
            Some("--read-only".to_string())
        } else {
            crate::store::unwritable_reason(&choice.path)
        };
        if let Some(why) = why {
            return Ok(Store::open_read_only(&choice.path, &why)?);
        }
    }
    if !exists && choice.is_default {
        // Built aside and moved into place whole: a second skudesk starting at the same
        // moment sees either no database or the finished demo, never half of it.
        crate::demo::create_at(&choice.path)
            .wrap_err_with(|| choice.lang.t(Msg::DemoBuildFailed))?;
    }
    // Only a command asked to create the database sets up an empty file.
    let store = if create {
        Store::open(&choice.path)?
    } else {
        Store::open_existing(&choice.path)?
    };
    Ok(store)
}

/// The frame of a review: `--as-of` or the latest date in the data (today when empty).
pub fn frame_for(ds: &Dataset, options: &Options, s: &Settings) -> Frame {
    let as_of = options
        .as_of
        .map(Day::from_date)
        .or_else(|| ds.latest_day())
        .unwrap_or_else(|| Day::from_date(chrono::Local::now().date_naive()));
    Frame::new(
        as_of,
        options.window.unwrap_or(s.window_days),
        options.velocity.unwrap_or(s.velocity_days),
    )
}

/// The settings in force for a store: command line > database > config file > default.
pub fn settings_for(layers: &Layers, store: &Store) -> Result<Settings> {
    Ok(layers.effective(&store.settings()?, store.path())?.settings)
}

/// The data, the settings in force and the review at the session's frame.
pub struct Reviewed {
    pub ds: Dataset,
    pub settings: Settings,
    pub review: Review,
}

/// Loads the store and reviews it with the settings in force, at the frame the options
/// ask for; plans whose baseline is due get it ([`plans::settle_plans`]).
pub fn load_and_review(store: &mut Store, layers: &Layers, options: &Options) -> Result<Reviewed> {
    let settings = settings_for(layers, store)?;
    let mut ds = store.load()?;
    let review = review(&ds, frame_for(&ds, options, &settings), &settings);
    plans::settle_plans(store, &mut ds, &settings, review.frame, Some(&review))?;
    Ok(Reviewed {
        ds,
        settings,
        review,
    })
}
