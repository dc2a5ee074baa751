//! The machine-readable report: METRICS.md's JSON contract, field for field.
//! Field names are a contract: add fields freely, never rename or drop one.

use serde::ser::SerializeMap;
use serde::Serialize;

use super::kpis::Kpis;
use super::metrics::{Cover, Review, SkuFigures, TierShares};
use super::model::{Dataset, Product};
use super::over_time::{self, revenue_growth, year_earlier, TrendSpec};
use super::settings::Settings;
use super::sku_column::{self, Value};

#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub as_of: String,
    pub window_days: u32,
    pub velocity_days: u32,
    pub kpis: JsonKpis,
    /// The same KPIs a year earlier; `null` unless the data covers that window.
    pub year_earlier: Option<JsonYearEarlier>,
    /// Only when asked for (`report --trend`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<JsonTrend>,
    pub skus: Vec<JsonSku<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonYearEarlier {
    pub as_of: String,
    pub kpis: JsonKpis,
}

#[derive(Debug, Serialize)]
pub struct JsonTrend {
    pub period: &'static str,
    pub points: Vec<JsonPoint>,
}

#[derive(Debug, Serialize)]
pub struct JsonPoint {
    pub start: String,
    pub end: String,
    pub kpis: JsonFlowKpis,
}

/// The flow KPIs of a trend point (METRICS.md "Over time"): no stock figures.
#[derive(Debug, Serialize)]
pub struct JsonFlowKpis {
    pub net_revenue: String,
    pub cogs: String,
    pub gross_profit: String,
    pub gross_margin: Option<f64>,
    pub gross_margin_costed: Option<f64>,
    pub cost_coverage: Option<f64>,
    pub tier_share_revenue: JsonShares,
    pub tier_share_gp: JsonShares,
    pub units: i64,
    pub repurchase_rate: Option<f64>,
    pub high_tier_repurchase_rate: Option<f64>,
    pub mobile_share: Option<f64>,
    pub new_product_conversion: Option<f64>,
}

impl From<&Kpis> for JsonFlowKpis {
    fn from(k: &Kpis) -> Self {
        JsonFlowKpis {
            net_revenue: k.net_revenue.to_string(),
            cogs: k.cogs.to_string(),
            gross_profit: k.gross_profit.to_string(),
            gross_margin: k.gross_margin,
            gross_margin_costed: k.gross_margin_costed,
            cost_coverage: k.cost_coverage,
            tier_share_revenue: k.tier_share_revenue.into(),
            tier_share_gp: k.tier_share_gp.into(),
            units: k.units,
            repurchase_rate: k.repurchase_rate,
            high_tier_repurchase_rate: k.high_tier_repurchase_rate,
            mobile_share: k.mobile_share,
            new_product_conversion: k.new_product_conversion,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct JsonPortfolioBucket {
    pub label: String,
    pub units: i64,
    pub capital: String,
    pub capital_share: Option<f64>,
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
    pub cost_coverage: Option<f64>,
    pub gross_margin_costed: Option<f64>,
    pub age_buckets: Vec<JsonPortfolioBucket>,
    pub revenue_growth_yoy: Option<f64>,
    pub reorder_now: i64,
}

impl JsonKpis {
    /// The KPIs of a review; `labels` name the age buckets, `growth` is the revenue
    /// growth on the year earlier.
    pub fn of(k: &Kpis, labels: &[String], growth: Option<f64>) -> JsonKpis {
        JsonKpis {
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
            cost_coverage: k.cost_coverage,
            gross_margin_costed: k.gross_margin_costed,
            age_buckets: labels
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let b = k.age_buckets.get(i).copied().unwrap_or_default();
                    JsonPortfolioBucket {
                        label: label.clone(),
                        units: b.units,
                        capital: b.capital.to_string(),
                        capital_share: k.capital_share(i),
                    }
                })
                .collect(),
            revenue_growth_yoy: growth,
            reorder_now: k.reorder_now,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct JsonBucket {
    pub label: String,
    pub units: i64,
    pub capital: String,
}

/// One SKU of the report: the fields of [`sku_column::JSON`], in that order.
#[derive(Debug)]
pub struct JsonSku<'a> {
    product: &'a Product,
    figures: &'a SkuFigures,
    labels: std::rc::Rc<[String]>,
}

impl Serialize for JsonSku<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut map = ser.serialize_map(Some(sku_column::JSON.len()))?;
        for &c in sku_column::JSON {
            let key = c.spec().key;
            match c.value(self.product, self.figures) {
                Value::Text(t) => map.serialize_entry(key, t)?,
                Value::Tier(t, _) => map.serialize_entry(key, t.as_str())?,
                Value::Flag(b) => map.serialize_entry(key, &b)?,
                Value::Count(n) => map.serialize_entry(key, &n)?,
                Value::Days(d) => map.serialize_entry(key, &d)?,
                Value::Money(m) => map.serialize_entry(key, &m.to_string())?,
                Value::Ratio(x) => map.serialize_entry(key, &x)?,
                Value::Rate(x) => map.serialize_entry(key, &x)?,
                Value::Cover(Cover::Days(d)) => map.serialize_entry(key, &Some(d))?,
                Value::Cover(Cover::Infinite) => map.serialize_entry(key, &None::<f64>)?,
                Value::Buckets(b) => {
                    let buckets: Vec<JsonBucket> = self
                        .labels
                        .iter()
                        .zip(b)
                        .map(|(label, b)| JsonBucket {
                            label: label.clone(),
                            units: b.units,
                            capital: b.capital.to_string(),
                        })
                        .collect();
                    map.serialize_entry(key, &buckets)?
                }
                Value::Flags(f) => map.serialize_entry(key, &f.flag_names())?,
                Value::Action(a) => map.serialize_entry(key, &a.english())?,
                Value::Lifecycle(l) => map.serialize_entry(key, &l.map(|l| l.as_str()))?,
                Value::Date(d) => map.serialize_entry(key, &d.map(|d| d.to_string()))?,
            }
        }
        map.end()
    }
}

/// Builds the report; SKUs in byte order of their code.
pub fn json_report<'a>(ds: &'a Dataset, review: &'a Review, s: &Settings) -> JsonReport<'a> {
    json_report_with(ds, review, s, None)
}

/// Builds the report with a trend when `trend` asks for one.
pub fn json_report_with<'a>(
    ds: &'a Dataset,
    review: &'a Review,
    s: &Settings,
    trend: Option<TrendSpec>,
) -> JsonReport<'a> {
    let k = &review.kpis;
    let earlier = year_earlier(ds, review.frame, s);
    let labels: std::rc::Rc<[String]> = s.bucket_labels().into();
    let mut order: Vec<usize> = (0..ds.products.len()).collect();
    order.sort_by(|&a, &b| ds.products[a].sku.cmp(&ds.products[b].sku));
    let skus = order
        .into_iter()
        .map(|i| JsonSku {
            product: &ds.products[i],
            figures: &review.skus[i],
            labels: labels.clone(),
        })
        .collect();
    JsonReport {
        as_of: review.frame.as_of.to_string(),
        window_days: review.frame.window_days,
        velocity_days: review.frame.velocity_days,
        kpis: JsonKpis::of(
            k,
            &labels,
            revenue_growth(k, earlier.as_ref().map(|(_, k)| k)),
        ),
        year_earlier: earlier.map(|(frame, ek)| {
            let before = year_earlier(ds, frame, s);
            JsonYearEarlier {
                as_of: frame.as_of.to_string(),
                kpis: JsonKpis::of(
                    &ek,
                    &labels,
                    revenue_growth(&ek, before.as_ref().map(|(_, k)| k)),
                ),
            }
        }),
        trend: trend.map(|spec| JsonTrend {
            period: spec.period.as_str(),
            points: over_time::trend(ds, review.frame, s, spec)
                .iter()
                .map(|p| JsonPoint {
                    start: p.start.to_string(),
                    end: p.end.to_string(),
                    kpis: (&p.kpis).into(),
                })
                .collect(),
        }),
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
    /// The evidence behind the gap and pain scores, and the candidate's notes.
    pub gap_note: String,
    pub pain_note: String,
    pub notes: String,
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
                gap_note: c.gap_note.clone(),
                pain_note: c.pain_note.clone(),
                notes: c.notes.clone(),
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
    /// The category a `category_revenue_share` target follows.
    pub category: Option<String>,
}

/// A plan and its progress over time (METRICS.md "Plans over time"). `now` is the
/// metric as of D (`current` is the same, kept for scripts that read it), `progress`
/// the way from `baseline` to the target, `expected_progress` the time gone from
/// `start` to the due date; `behind` (also `off_track`) only after the start.
#[derive(Debug, Serialize)]
pub struct JsonPlan {
    pub id: i64,
    pub horizon: &'static str,
    pub title: String,
    pub due_on: Option<String>,
    pub status: &'static str,
    pub target: Option<JsonTarget>,
    pub start: Option<String>,
    pub baseline: Option<f64>,
    pub now: Option<f64>,
    pub current: Option<f64>,
    pub progress: Option<f64>,
    pub expected_progress: Option<f64>,
    pub not_started: bool,
    pub behind: bool,
    pub overdue: bool,
    pub off_track: bool,
    pub note: String,
}

/// Plans with progress at the review's as-of date; `year_earlier` as
/// [`super::plan::year_earlier_for_plans`] gives it.
pub fn json_plans(ds: &Dataset, review: &Review, year_earlier: Option<&Kpis>) -> Vec<JsonPlan> {
    let (_, progress) = super::plan::all_progress(ds, review, year_earlier);
    ds.plans
        .iter()
        .zip(progress)
        .map(|(p, pr)| {
            let batch = p
                .target
                .as_ref()
                .and_then(|t| t.batch_id)
                .and_then(|id| ds.batches.iter().find(|b| b.id == id));
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
                    category: t.category.clone().filter(|_| t.metric.needs_category()),
                }),
                start: pr.start.map(|d| d.to_string()),
                baseline: pr.baseline,
                now: pr.current,
                current: pr.current,
                progress: pr.fraction,
                expected_progress: pr.expected,
                not_started: pr.not_started,
                behind: pr.off_track,
                overdue: pr.overdue,
                off_track: pr.off_track,
                note: p.note.clone(),
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct JsonStep {
    pub discount: f64,
    pub start: String,
    pub end: Option<String>,
    pub units: i64,
    pub net_revenue: String,
}

/// A clearance batch and what it earned (METRICS.md "Clearance results").
#[derive(Debug, Serialize)]
pub struct JsonBatch {
    pub id: i64,
    pub name: String,
    pub status: &'static str,
    pub channel: &'static str,
    pub start: String,
    pub end: Option<String>,
    pub skus: Vec<String>,
    pub cash_target: String,
    pub cash_recovered: String,
    pub units_cleared: i64,
    pub cogs: String,
    pub gross_profit: String,
    pub realised_margin: Option<f64>,
    pub realised_discount: Option<f64>,
    pub expected_cash: Option<String>,
    pub pace: Option<&'static str>,
    pub steps: Vec<JsonStep>,
}

/// Every batch with its result as of `frame`.
pub fn json_batches(ds: &Dataset, frame: crate::domain::dates::Frame) -> Vec<JsonBatch> {
    ds.batches
        .iter()
        .map(|b| {
            let r = crate::domain::batch_result::batch_result(ds, b, frame);
            JsonBatch {
                id: b.id,
                name: b.name.clone(),
                status: b.status.as_str(),
                channel: b.channel.as_str(),
                start: b.starts_on.to_string(),
                end: b.ends_on.map(|d| d.to_string()),
                skus: b
                    .skus
                    .iter()
                    .filter_map(|s| ds.products.get(s.product as usize))
                    .map(|p| p.sku.clone())
                    .collect(),
                cash_target: b.cash_target.to_string(),
                cash_recovered: r.cash.to_string(),
                units_cleared: r.units,
                cogs: r.cogs.to_string(),
                gross_profit: r.gross_profit.to_string(),
                realised_margin: r.realised_margin,
                realised_discount: r.realised_discount,
                expected_cash: r.expected_cash.map(|m| m.to_string()),
                pace: r.pace.map(|p| p.as_str()),
                steps: r
                    .steps
                    .iter()
                    .map(|s| JsonStep {
                        discount: s.discount.try_into().unwrap_or(0.0),
                        start: s.start.to_string(),
                        end: s.end.map(|d| d.to_string()),
                        units: s.units,
                        net_revenue: s.net_revenue.to_string(),
                    })
                    .collect(),
            }
        })
        .collect()
}
