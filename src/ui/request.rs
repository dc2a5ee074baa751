//! The work the app hands to the store or the file system after a key: the run loop
//! (`ui::process`, or a test) carries it out and refreshes the app.

use crate::domain::command::Command;

/// What the app asks of the store or the file system; the run loop (or a test) carries
/// them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Apply(Command),
    /// Takes back the latest change; asks first when it is an import, or a batch's close
    /// or deletion (see `overlay::confirm::replay_question`).
    Undo,
    /// Brings back the change last undone; asks first as [`Request::Undo`] does.
    Redo,
    /// The undo the seller said yes to: change set `id`, refused if it is no longer the
    /// latest.
    UndoExactly(i64),
    /// The redo the seller said yes to: change set `id`, refused if it is no longer next.
    RedoExactly(i64),
    History,
    /// Write the table shown on this tab to a CSV file next to the database.
    ExportView(super::action::Tab),
    /// Remember that the welcome screen was dismissed.
    DismissWelcome,
    /// Check a file and show what importing it would do; write nothing.
    ImportPreview(super::import::ImportJob),
    /// Import a previewed file.
    Import(super::import::ImportJob),
}
