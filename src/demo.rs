//! The built-in demo: the CSVs of `sample-data/`, embedded in the binary, loaded into a
//! fresh database through the same importers a seller's files go through.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::domain::dates::{parse_date, Day};
use crate::domain::model::{
    BatchChannel, BatchStatus, Candidate, ClearanceBatch, Horizon, Plan, PlanStatus,
};
use crate::domain::money::Money;
use crate::domain::plan::Target;
use crate::import::native;
use crate::store::Store;

pub const PRODUCTS: &[u8] = include_bytes!("../sample-data/products.csv");
pub const STOCK: &[u8] = include_bytes!("../sample-data/stock.csv");
pub const ORDERS: &[u8] = include_bytes!("../sample-data/orders.csv");
pub const TRAFFIC: &[u8] = include_bytes!("../sample-data/traffic.csv");
const BATCHES: &[u8] = include_bytes!("../sample-data/batches.csv");
const BATCH_SKUS: &[u8] = include_bytes!("../sample-data/batch_skus.csv");
const CANDIDATES: &[u8] = include_bytes!("../sample-data/candidates.csv");
const PLANS: &[u8] = include_bytes!("../sample-data/plans.csv");

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("demo data: {0}")]
    Data(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

fn bad(what: impl std::fmt::Display) -> DemoError {
    DemoError::Data(what.to_string())
}

fn errors(e: Vec<crate::import::ImportError>) -> DemoError {
    bad(e
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; "))
}

fn rows<T: for<'de> Deserialize<'de>>(name: &str, bytes: &[u8]) -> Result<Vec<T>, DemoError> {
    csv::Reader::from_reader(bytes)
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| bad(format!("{name}: {e}")))
}

fn day(text: &str) -> Result<Day, DemoError> {
    parse_date(text)
        .map(Day::from_date)
        .ok_or_else(|| bad(format!("bad date {text:?}")))
}

fn opt_day(text: &str) -> Result<Option<Day>, DemoError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        day(text).map(Some)
    }
}

fn money(text: &str) -> Result<Money, DemoError> {
    Money::from_str(text).map_err(|e| bad(format!("{text:?} {e}")))
}

#[derive(Deserialize)]
struct BatchRow {
    name: String,
    channel: String,
    starts_on: String,
    ends_on: String,
    discount_ladder: String,
    cash_target: String,
    status: String,
}

#[derive(Deserialize)]
struct BatchSkuRow {
    batch: String,
    sku: String,
    units_to_clear: Option<i64>,
}

#[derive(Deserialize)]
struct CandidateRow {
    name: String,
    category: String,
    market_growth_pct: String,
    competitive_gap: u8,
    gap_note: String,
    user_pain: u8,
    pain_note: String,
    brand_fit: u8,
    expected_unit_cost: String,
    expected_price: String,
    personas: String,
    notes: String,
}

#[derive(Deserialize)]
struct PlanRow {
    horizon: String,
    title: String,
    due_on: String,
    status: String,
    target_metric: String,
    target_value: String,
    batch: String,
    note: String,
    /// When the plan started (empty: the demo's as-of date, the day it is "made").
    #[serde(default)]
    start_on: String,
    /// The metric's value then (empty: computed from the data as of the start).
    #[serde(default)]
    baseline: String,
    /// The category a category's share follows.
    #[serde(default)]
    category: String,
}

/// Fills an empty database with the demo data and marks it as demo.
pub fn fill(store: &mut Store) -> Result<(), DemoError> {
    store.import_products(
        &native::products("sample-data/products.csv", PRODUCTS).map_err(errors)?,
        false,
    )?;
    store.import_stock(
        &native::stock("sample-data/stock.csv", STOCK).map_err(errors)?,
        false,
    )?;
    store.import_orders(
        &native::orders("sample-data/orders.csv", ORDERS).map_err(errors)?,
        false,
    )?;
    store.import_traffic(
        &native::traffic("sample-data/traffic.csv", TRAFFIC).map_err(errors)?,
        false,
    )?;

    let skus: Vec<BatchSkuRow> = rows("batch_skus.csv", BATCH_SKUS)?;
    for b in rows::<BatchRow>("batches.csv", BATCHES)? {
        let batch = ClearanceBatch {
            id: 0,
            name: b.name.clone(),
            channel: BatchChannel::from_str(&b.channel).map_err(bad)?,
            starts_on: day(&b.starts_on)?,
            ends_on: opt_day(&b.ends_on)?,
            ladder: b.discount_ladder.parse().map_err(bad)?,
            cash_target: money(&b.cash_target)?,
            status: BatchStatus::from_str(&b.status).map_err(bad)?,
            skus: vec![],
        };
        let members: Vec<(String, Option<i64>)> = skus
            .iter()
            .filter(|s| s.batch == b.name)
            .map(|s| (s.sku.clone(), s.units_to_clear))
            .collect();
        store.insert_batch(&batch, &members)?;
    }
    for c in rows::<CandidateRow>("candidates.csv", CANDIDATES)? {
        store.insert_candidate(&Candidate {
            id: 0,
            name: c.name,
            category: c.category,
            market_growth_pct: Decimal::from_str(c.market_growth_pct.trim()).map_err(bad)?,
            competitive_gap: c.competitive_gap,
            gap_note: c.gap_note,
            user_pain: c.user_pain,
            pain_note: c.pain_note,
            brand_fit: c.brand_fit,
            expected_unit_cost: money(&c.expected_unit_cost)?,
            expected_price: money(&c.expected_price)?,
            personas: c
                .personas
                .split(';')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
            notes: c.notes,
            promoted_sku: None,
        })?;
    }
    // The demo's plans are made on its as-of date unless the file says otherwise, with
    // the default settings: each baseline is the metric's value then (METRICS.md "Plans
    // over time"), as a seller who made them that day would have had it.
    let ds = store.load()?;
    let made_on = ds.latest_day();
    let settings = crate::domain::settings::Settings::default();
    let windows = made_on
        .map(|d| crate::domain::dates::Frame::new(d, settings.window_days, settings.velocity_days));
    let today = windows.map(|f| crate::domain::metrics::review(&ds, f, &settings));
    for p in rows::<PlanRow>("plans.csv", PLANS)? {
        let target = if p.target_metric.trim().is_empty() {
            None
        } else {
            let batch_id = if p.batch.trim().is_empty() {
                None
            } else {
                store.batch_id(p.batch.trim())?
            };
            Some(Target {
                metric: p.target_metric.parse().map_err(bad)?,
                value: Decimal::from_str(p.target_value.trim()).map_err(bad)?,
                batch_id,
                category: Some(p.category.trim().to_string()).filter(|c| !c.is_empty()),
            })
        };
        // A plan that follows a batch starts with it, from 0.
        let follows_batch = target.as_ref().is_some_and(|t| t.metric.needs_batch());
        let start = match opt_day(&p.start_on)? {
            Some(day) => Some(day),
            None if follows_batch => None,
            None => made_on,
        };
        let baseline = match (p.baseline.trim(), &target, start, windows) {
            ("", Some(t), Some(day), Some(w)) if !follows_batch => {
                crate::domain::plan::baseline_at(&ds, t, day, w, &settings, today.as_ref())
            }
            ("", ..) => None,
            (b, ..) => Some(Decimal::from_str(b).map_err(bad)?),
        };
        store.insert_plan(&Plan {
            id: 0,
            horizon: Horizon::from_str(&p.horizon).map_err(bad)?,
            title: p.title,
            due_on: opt_day(&p.due_on)?,
            status: PlanStatus::from_str(&p.status).map_err(bad)?,
            target,
            start,
            baseline,
            note: p.note,
        })?;
    }
    store.mark_demo()?;
    Ok(())
}

/// Builds the demo database at `path` unless one appears there meanwhile: filled in a
/// temporary file beside it, then linked into place in one step.
pub fn create_at(path: &std::path::Path) -> Result<(), DemoError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("skudesk.db");
    let tmp = path.with_file_name(format!(".{name}.building-{}", std::process::id()));
    let remove = |p: &std::path::Path| {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    };
    remove(&tmp);
    let built = (|| {
        let mut store = Store::open(&tmp)?;
        fill(&mut store)?;
        store.checkpoint()?;
        Ok::<_, DemoError>(())
    })();
    if let Err(e) = built {
        remove(&tmp);
        return Err(e);
    }
    // hard_link fails when the target exists: whoever links first wins, nobody overwrites.
    let placed = match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) if !path.exists() => std::fs::rename(&tmp, path),
        Err(_) => Ok(()),
    };
    remove(&tmp);
    placed.map_err(|e| {
        bad(format!(
            "cannot place the demo database at {}: {e}",
            path.display()
        ))
    })
}
