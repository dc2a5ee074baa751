//! The export key: the current tab's table, with its filter, sort and search, to a CSV
//! file in an `exports` folder next to the database. Carried out by the run loop (it is
//! file I/O, not a change of state) and never touches the database, so it works on a
//! read-only one too.

use std::path::Path;

use crate::export::file::{exports_dir, timestamped_path, write_export};
use crate::export::tables;
use crate::export::view::{self, ViewTable};
use crate::i18n::Msg;

use super::action::Tab;
use super::app::App;

/// The table the app shows on `tab`, as an export. On the plans tab that is the table
/// the cursor is in: the plans, or the clearance batches below them.
pub fn current_table(app: &App, tab: Tab) -> ViewTable {
    let (ds, r, v) = (&app.ds, &app.review, &app.views);
    match tab {
        Tab::Mix => tables::mix(r, app.mix_by, v.groups(app.mix_by)),
        Tab::Aging => tables::aging(ds, r, &app.settings, &app.aging.query(), &app.aging.rows),
        Tab::Scoring => tables::scoring(ds, r, &v.scorecards, &v.candidate_order),
        Tab::Plans
            if app.cursors[Tab::Plans].selected >= ds.plans.len() && !ds.batches.is_empty() =>
        {
            tables::batches(ds, r, &v.batches)
        }
        Tab::Plans => tables::plans(ds, r, &v.plans),
    }
}

/// Writes `tab`'s table and returns the status message: where the file went, or why
/// it could not be written and what to do instead.
pub fn export_view(app: &App, tab: Tab) -> Result<String, String> {
    let lang = app.lang;
    let table = current_table(app, tab);
    let instead = lang.f(Msg::ExportElsewhere, &[&table.tab]);
    let dir = exports_dir(&app.db_path).ok_or_else(|| lang.f(Msg::ExportNoFolder, &[&instead]))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| lang.f(Msg::ExportCannotCreate, &[&dir.display(), &e, &instead]))?;
    let now = chrono::Local::now().naive_local();
    let path = timestamped_path(&dir, table.tab, "csv", now);
    // The same guarded writer as `export -o`: never over the database or a link to it.
    // A BOM first when the setting asks (on in Chinese): Excel then reads UTF-8.
    let bom = app.settings.export_bom;
    write_export(&path, Some(Path::new(&app.db_path)), bom, |w| {
        view::write_csv(&table, w)
    })
    .map_err(|e| lang.f(Msg::ErrorThen, &[&e.message(lang), &instead]))?;
    // The file's full path, to open it or find it in a file manager (a relative
    // database path would leave it unsaid where `exports` is).
    let full = std::fs::canonicalize(&path)
        .or_else(|_| std::path::absolute(&path))
        .unwrap_or(path);
    Ok(lang.f(Msg::ExportWrote, &[&full.display(), &table.rows.len()]))
}
