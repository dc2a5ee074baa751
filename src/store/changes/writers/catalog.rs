//! Reclassifying SKUs: tier (set by hand, or back to the computed one), lifecycle and
//! category.

use rusqlite::params;
use serde_json::Value as Json;

use crate::domain::command::{Reclassify, TierChoice};
use crate::store::changes::audit::{Audited, Recorder};
use crate::store::changes::error::ChangeError;
use crate::store::now_text;

use super::product_id;

pub(super) fn reclassify(rec: &Recorder, r: &Reclassify) -> Result<(), ChangeError> {
    let tx = rec.tx;
    for sku in &r.skus {
        let id = product_id(tx, sku)?;
        let key = [Json::from(id)];
        if r.lifecycle.is_some() || r.category.is_some() {
            rec.change(Audited::Product, &key, || {
                if let Some(l) = r.lifecycle {
                    tx.execute(
                        "UPDATE product SET lifecycle = ?2 WHERE id = ?1",
                        params![id, l.as_str()],
                    )?;
                }
                if let Some(c) = &r.category {
                    tx.execute(
                        "UPDATE product SET category = ?2 WHERE id = ?1",
                        params![id, c],
                    )?;
                }
                Ok(())
            })?;
        }
        match r.tier {
            None => {}
            Some(TierChoice::Auto) => rec.change(Audited::TierOverride, &key, || {
                tx.execute("DELETE FROM tier_override WHERE product_id = ?1", [id]).map(|_| ())
            })?,
            Some(TierChoice::Set(tier)) => rec.change(Audited::TierOverride, &key, || {
                tx.execute(
                    "INSERT INTO tier_override (product_id, tier, reason, set_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (product_id) DO UPDATE SET tier = excluded.tier, reason = excluded.reason, set_at = excluded.set_at",
                    params![id, tier.as_str(), r.reason, now_text()],
                )
                .map(|_| ())
            })?,
        }
    }
    Ok(())
}
