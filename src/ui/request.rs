//! The work the app hands to the store or the file system after a key: the run loop
//! (`ui::process`, or a test) carries it out and refreshes the app.

use crate::domain::command::Command;

/// What the app asks of the store or the file system; the run loop (or a test) carries
/// them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Apply(Command),
    Undo,
    Redo,
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
