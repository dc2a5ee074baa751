//! The terminal app.

use std::process::ExitCode;

use color_eyre::eyre::Result;

use crate::cli::GlobalArgs;
use crate::domain::settings::Settings;

/// Until the app lands, print the Markdown review.
pub fn run(global: &GlobalArgs, settings: &Settings) -> Result<ExitCode> {
    let store = crate::commands::open_store(&crate::commands::db_choice(global)?, false)?;
    let ds = store.load()?;
    let r = crate::domain::metrics::review(
        &ds,
        crate::commands::frame_for(&ds, global, settings),
        settings,
    );
    print!("{}", crate::export::markdown::render(&ds, &r, settings));
    Ok(ExitCode::SUCCESS)
}
