//! New-product candidates and the personas they are scored for: a candidate saved,
//! deleted or promoted to a SKU; a persona added, renamed or removed.

use rusqlite::{params, OptionalExtension};
use serde_json::Value as Json;

use crate::domain::command::Refusal;
use crate::domain::model::Candidate;
use crate::store::changes::audit::{Audited, Recorder};
use crate::store::changes::error::{refused, ChangeError};

use super::{exists, next_id};

/// Adds (`id` None) or replaces a candidate; its personas must exist.
pub(super) fn save(rec: &Recorder, id: Option<i64>, c: &Candidate) -> Result<(), ChangeError> {
    let tx = rec.tx;
    for p in &c.personas {
        let known: Option<String> = tx
            .query_row("SELECT code FROM persona WHERE code = ?1", [p], |r| {
                r.get(0)
            })
            .optional()?;
        if known.is_none() {
            return Err(refused(Refusal::UnknownPersona(p.clone())));
        }
    }
    let id = match id {
        Some(id) => {
            exists(tx, "candidate", id)?;
            id
        }
        None => next_id(tx, "candidate")?,
    };
    rec.change(Audited::Candidate, &[Json::from(id)], || {
        tx.execute(
            "INSERT INTO candidate (id, name, category, market_growth_pct, competitive_gap, gap_note, user_pain,
                 pain_note, brand_fit, expected_unit_cost, expected_price, personas, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category,
                 market_growth_pct = excluded.market_growth_pct, competitive_gap = excluded.competitive_gap,
                 gap_note = excluded.gap_note, user_pain = excluded.user_pain, pain_note = excluded.pain_note,
                 brand_fit = excluded.brand_fit, expected_unit_cost = excluded.expected_unit_cost,
                 expected_price = excluded.expected_price, personas = excluded.personas, notes = excluded.notes",
            params![
                id,
                c.name.trim(),
                c.category.trim(),
                c.market_growth_pct.to_string(),
                c.competitive_gap,
                c.gap_note,
                c.user_pain,
                c.pain_note,
                c.brand_fit,
                c.expected_unit_cost.micros() as i64,
                c.expected_price.micros() as i64,
                c.personas.join(";"),
                c.notes
            ],
        )
        .map(|_| ())
    })?;
    Ok(())
}

pub(super) fn delete(rec: &Recorder, id: i64) -> Result<(), ChangeError> {
    let tx = rec.tx;
    exists(tx, "candidate", id)?;
    rec.change(Audited::Candidate, &[Json::from(id)], || {
        tx.execute("DELETE FROM candidate WHERE id = ?1", [id])
            .map(|_| ())
    })?;
    Ok(())
}

/// Makes a candidate a SKU: a new product (lifecycle new, the candidate's cost and
/// price), and the candidate marked with it.
pub(super) fn promote(rec: &Recorder, id: i64, sku: &str) -> Result<(), ChangeError> {
    let tx = rec.tx;
    let sku = sku.trim();
    let row: Option<(String, String, i64, i64, Option<i64>)> = tx
        .query_row(
            "SELECT name, category, expected_unit_cost, expected_price, product_id FROM candidate WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (name, category, cost, price, promoted) =
        row.ok_or_else(|| refused(Refusal::NoCandidate(id)))?;
    if promoted.is_some() {
        return Err(refused(Refusal::AlreadySku));
    }
    let taken: Option<i64> = tx
        .query_row("SELECT id FROM product WHERE sku = ?1", [sku], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(refused(Refusal::SkuExists(sku.to_string())));
    }
    let product = next_id(tx, "product")?;
    rec.change(Audited::Product, &[Json::from(product)], || {
        tx.execute(
            "INSERT INTO product (id, sku, name, category, unit_cost, list_price, lifecycle) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'new')",
            params![product, sku, name, category, cost, price],
        )
        .map(|_| ())
    })?;
    rec.change(Audited::Candidate, &[Json::from(id)], || {
        tx.execute(
            "UPDATE candidate SET product_id = ?2 WHERE id = ?1",
            params![id, product],
        )
        .map(|_| ())
    })?;
    Ok(())
}

pub(super) fn save_persona(rec: &Recorder, code: &str, label: &str) -> Result<(), ChangeError> {
    let tx = rec.tx;
    let code = code.trim();
    rec.change(Audited::Persona, &[Json::from(code)], || {
        tx.execute(
            "INSERT INTO persona (code, label) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE SET label = excluded.label",
            params![code, label.trim()],
        )
        .map(|_| ())
    })?;
    Ok(())
}

/// Removes a persona no candidate is scored for.
pub(super) fn delete_persona(rec: &Recorder, code: &str) -> Result<(), ChangeError> {
    let tx = rec.tx;
    let known: i64 = tx.query_row(
        "SELECT count(*) FROM persona WHERE code = ?1",
        [code],
        |r| r.get(0),
    )?;
    if known == 0 {
        return Err(refused(Refusal::NoPersona(code.to_string())));
    }
    let used: i64 = tx.query_row(
        "SELECT count(*) FROM candidate WHERE ';' || personas || ';' LIKE '%;' || ?1 || ';%'",
        [code],
        |r| r.get(0),
    )?;
    if used > 0 {
        return Err(refused(Refusal::PersonaUsed {
            candidates: used,
            code: code.to_string(),
        }));
    }
    rec.change(Audited::Persona, &[Json::from(code)], || {
        tx.execute("DELETE FROM persona WHERE code = ?1", [code])
            .map(|_| ())
    })?;
    Ok(())
}
