//! The machine-readable report: METRICS.md's JSON contract, field for field.
//! Field names are a contract: add fields freely, never rename or drop one.

use serde::Serialize;

use super::metrics::{Cover, Review, TierShares};
use super::model::Dataset;
use super::settings::Settings;

#[derive(Debug, Serialize)]
pub struct JsonReport {
    pub as_of: String,
    pub window_days: u32,
    pub velocity_days: u32,
    pub kpis: JsonKpis,
    pub skus: Vec<JsonSku>,
}

#[derive(Debug, Serialize)]
pub struct JsonShares {
    pub high: Option<f64>,
    pub mid: Option<f64>,
    pub low: Option<f64>,
    pub unclassified: Option<f64>,
}

impl From<TierShares> for JsonShares {
    fn from(s: TierShares) -> Self {
        JsonShares {
            high: s[0],
            mid: s[1],
            low: s[2],
            unclassified: s[3],
        }
    }
}

#[derive(Debug, Serialize)]
pub struct JsonKpis {
    pub net_revenue: String,
    pub cogs: String,
    pub gross_profit: String,
    pub gross_margin: Option<f64>,
    pub tier_share_revenue: JsonShares,
    pub tier_share_gp: JsonShares,
    pub tier_share_skus: JsonShares,
    pub capital_tied_up: String,
    pub portfolio_turnover_days: Option<f64>,
    pub slow_movers: i64,
    pub best_sellers: i64,
    pub repurchase_rate: Option<f64>,
    pub high_tier_repurchase_rate: Option<f64>,
    pub mobile_share: Option<f64>,
    pub new_product_conversion: Option<f64>,
    pub on_hand: i64,
    pub cost_missing_skus: i64,
}

#[derive(Debug, Serialize)]
pub struct JsonBucket {
    pub label: String,
    pub units: i64,
    pub capital: String,
}

#[derive(Debug, Serialize)]
pub struct JsonSku {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub tier: &'static str,
    pub tier_overridden: bool,
    pub tier_margin: Option<f64>,
    pub net_revenue: String,
    pub gross_profit: String,
    pub units: i64,
    pub on_hand: i64,
    pub capital: String,
    pub velocity: f64,
    pub days_of_cover: Option<f64>,
    pub cover_infinite: bool,
    pub days_since_last_sale: Option<i64>,
    pub slow: bool,
    pub best_seller: bool,
    pub age_buckets: Vec<JsonBucket>,
    pub cogs: String,
    pub computed_tier: &'static str,
    pub cost_missing: bool,
    pub lifecycle: Option<&'static str>,
}

/// Builds the report; SKUs in byte order of their code.
pub fn json_report(ds: &Dataset, review: &Review, s: &Settings) -> JsonReport {
    let k = &review.kpis;
    let labels = s.bucket_labels();
    let mut order: Vec<usize> = (0..ds.products.len()).collect();
    order.sort_by(|&a, &b| ds.products[a].sku.cmp(&ds.products[b].sku));
    let skus = order
        .into_iter()
        .map(|i| {
            let p = &ds.products[i];
            let f = &review.skus[i];
            let (days_of_cover, cover_infinite) = match f.cover {
                Cover::Days(d) => (Some(d), false),
                Cover::Infinite => (None, true),
            };
            JsonSku {
                sku: p.sku.clone(),
                name: p.name.clone(),
                category: p.category.clone(),
                tier: f.tier.as_str(),
                tier_overridden: f.tier_overridden,
                tier_margin: f.tier_margin,
                net_revenue: f.net_revenue.to_string(),
                gross_profit: f.gross_profit.to_string(),
                units: f.units,
                on_hand: f.on_hand,
                capital: f.capital.to_string(),
                velocity: f.velocity,
                days_of_cover,
                cover_infinite,
                days_since_last_sale: f.days_since_last_sale,
                slow: f.slow,
                best_seller: f.best_seller,
                age_buckets: labels
                    .iter()
                    .zip(&f.age_buckets)
                    .map(|(label, b)| JsonBucket {
                        label: label.clone(),
                        units: b.units,
                        capital: b.capital.to_string(),
                    })
                    .collect(),
                cogs: f.cogs.to_string(),
                computed_tier: f.computed_tier.as_str(),
                cost_missing: f.cost_missing,
                lifecycle: p.lifecycle.map(|l| l.as_str()),
            }
        })
        .collect();
    JsonReport {
        as_of: review.frame.as_of.to_string(),
        window_days: review.frame.window_days,
        velocity_days: review.frame.velocity_days,
        kpis: JsonKpis {
            net_revenue: k.net_revenue.to_string(),
            cogs: k.cogs.to_string(),
            gross_profit: k.gross_profit.to_string(),
            gross_margin: k.gross_margin,
            tier_share_revenue: k.tier_share_revenue.into(),
            tier_share_gp: k.tier_share_gp.into(),
            tier_share_skus: k.tier_share_skus.into(),
            capital_tied_up: k.capital_tied_up.to_string(),
            portfolio_turnover_days: k.portfolio_turnover_days,
            slow_movers: k.slow_movers,
            best_sellers: k.best_sellers,
            repurchase_rate: k.repurchase_rate,
            high_tier_repurchase_rate: k.high_tier_repurchase_rate,
            mobile_share: k.mobile_share,
            new_product_conversion: k.new_product_conversion,
            on_hand: k.on_hand,
            cost_missing_skus: k.cost_missing,
        },
        skus,
    }
}

#[derive(Debug, Serialize)]
pub struct JsonCandidate {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub market_growth_pct: String,
    pub competitive_gap: u8,
    pub user_pain: u8,
    pub brand_fit: u8,
    pub expected_unit_cost: String,
    pub expected_price: String,
    pub expected_margin: Option<f64>,
    pub personas: Vec<String>,
    pub score: f64,
    pub verdict: &'static str,
    pub failed_gates: Vec<String>,
    pub promoted_sku: Option<String>,
}

/// Candidates by score, best first.
pub fn json_candidates(ds: &Dataset, s: &Settings) -> Vec<JsonCandidate> {
    let mut out: Vec<JsonCandidate> = ds
        .candidates
        .iter()
        .map(|c| {
            let card = super::scoring::score(c, s);
            JsonCandidate {
                id: c.id,
                name: c.name.clone(),
                category: c.category.clone(),
                market_growth_pct: c.market_growth_pct.normalize().to_string(),
                competitive_gap: c.competitive_gap,
                user_pain: c.user_pain,
                brand_fit: c.brand_fit,
                expected_unit_cost: c.expected_unit_cost.to_string(),
                expected_price: c.expected_price.to_string(),
                expected_margin: card.expected_margin,
                personas: c.personas.clone(),
                score: card.score,
                verdict: card.verdict.label(),
                failed_gates: card.failed_gates,
                promoted_sku: c.promoted_sku.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

#[derive(Debug, Serialize)]
pub struct JsonTarget {
    pub metric: &'static str,
    pub value: String,
    pub batch: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct JsonPlan {
    pub id: i64,
    pub horizon: &'static str,
    pub title: String,
    pub due_on: Option<String>,
    pub status: &'static str,
    pub target: Option<JsonTarget>,
    pub current: Option<f64>,
    pub progress: Option<f64>,
    pub overdue: bool,
    pub off_track: bool,
    pub note: String,
}

/// Plans with progress at the review's as-of date.
pub fn json_plans(ds: &Dataset, review: &Review) -> Vec<JsonPlan> {
    let frame = review.frame;
    ds.plans
        .iter()
        .map(|p| {
            let batch = p
                .target
                .as_ref()
                .and_then(|t| t.batch_id)
                .and_then(|id| ds.batches.iter().find(|b| b.id == id));
            let bp = batch.map(|b| {
                super::clearance::batch_progress(ds, b, frame, |i| review.skus[i].on_hand)
            });
            let pr = super::plan::progress(
                p,
                &review.kpis,
                bp.as_ref(),
                frame.as_of,
                frame.window_start(),
            );
            JsonPlan {
                id: p.id,
                horizon: p.horizon.as_str(),
                title: p.title.clone(),
                due_on: p.due_on.map(|d| d.to_string()),
                status: p.status.as_str(),
                target: p.target.as_ref().map(|t| JsonTarget {
                    metric: t.metric.as_str(),
                    value: t.value.normalize().to_string(),
                    batch: batch.map(|b| b.name.clone()),
                }),
                current: pr.current,
                progress: pr.fraction,
                overdue: pr.overdue,
                off_track: pr.off_track,
                note: p.note.clone(),
            }
        })
        .collect()
}
