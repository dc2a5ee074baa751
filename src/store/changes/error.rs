//! Why a change, an undo or a redo did not happen: [`ChangeError`], as data.

use crate::domain::command::Refusal;
use crate::domain::history::{Row, Summary};

use crate::store::StoreError;
/// Why a change, an undo or a redo did not happen, as data: `session::said` says it in
/// the reader's language (the store speaks none). `Display` is for logs only.
#[derive(Debug)]
pub enum ChangeError {
    NothingToUndo,
    NothingToRedo,
    /// A row the undo or redo would move was changed since, outside this history.
    Conflict {
        summary: Summary,
        what: Row,
    },
    /// What the change asks cannot be done: a rule of the command it breaks (a batch
    /// without a name: `Command::check`), or what the data says (an unknown SKU).
    Refused(Refusal),
    /// The audit log is not as skudesk writes it.
    Invalid(String),
    Store(StoreError),
}

impl std::fmt::Display for ChangeError {
    /// The database's and the audit log's errors as they are; the others by their data,
    /// for a log (a person is told through `session::said`, in their language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::NothingToUndo => f.write_str("nothing to undo"),
            ChangeError::NothingToRedo => f.write_str("nothing to redo"),
            ChangeError::Conflict { summary, what } => {
                write!(f, "undo refused: {what:?} was changed since {summary:?}")
            }
            ChangeError::Refused(why) => write!(f, "refused: {why:?}"),
            ChangeError::Invalid(text) => f.write_str(text),
            ChangeError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ChangeError {
    /// A database error is shown as its own (its text is this error's), and its causes
    /// follow it, as `#[error(transparent)]` would.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ChangeError::Store(e) => std::error::Error::source(e),
            _ => None,
        }
    }
}

impl From<StoreError> for ChangeError {
    fn from(e: StoreError) -> Self {
        ChangeError::Store(e)
    }
}

pub(crate) fn refused(why: Refusal) -> ChangeError {
    ChangeError::Refused(why)
}

/// A database error met inside a change, where the file is not at hand: the public
/// entry points (`Store::apply`, `Store::undo_set`, `Store::redo_set`) name it
/// ([`ChangeError::at`]) before the error leaves the store.
impl From<rusqlite::Error> for ChangeError {
    fn from(e: rusqlite::Error) -> Self {
        ChangeError::Store(StoreError::Sqlite {
            path: String::new(),
            source: e,
        })
    }
}

impl ChangeError {
    /// Names the database file in a database error made without it (see `From`), and
    /// says a lock held past the busy timeout as such.
    pub(crate) fn at(self, path: &str) -> ChangeError {
        match self {
            ChangeError::Store(StoreError::Sqlite { path: p, source }) if p.is_empty() => {
                ChangeError::Store(StoreError::sqlite(path, source))
            }
            other => other,
        }
    }
}
