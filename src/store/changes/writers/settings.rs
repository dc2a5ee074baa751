//! Settings the seller stores in the database (they win over the config file).

use rusqlite::params;
use serde_json::Value as Json;

use crate::domain::command::setting_as_stored;
use crate::store::changes::audit::{Audited, Recorder};
use crate::store::changes::error::{refused, ChangeError};

/// Stores (or drops) settings, each value as the config file would write it (`20%` is
/// stored as `0.2`); their relations (and the config file's part) are the caller's,
/// which knows the whole picture.
pub(super) fn set(rec: &Recorder, changes: &[(String, Option<String>)]) -> Result<(), ChangeError> {
    let tx = rec.tx;
    for (key, value) in changes {
        let stored = match value {
            Some(v) => Some(setting_as_stored(key, v).map_err(refused)?),
            None => None,
        };
        rec.change(Audited::Setting, &[Json::from(key.as_str())], || {
            match &stored {
                Some(v) => tx.execute(
                    "INSERT INTO setting (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, v],
                ),
                None => tx.execute("DELETE FROM setting WHERE key = ?1", [key]),
            }
            .map(|_| ())
        })?;
    }
    Ok(())
}
