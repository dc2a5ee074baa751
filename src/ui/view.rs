//! View models: what the tabs show, derived from the dataset and review once per data or
//! frame change (never per frame). Drawing reads these and never computes figures.

use crate::domain::clearance::BatchProgress;
use crate::domain::metrics::Review;
use crate::domain::model::Dataset;
use crate::domain::plan::{all_progress, PlanProgress};
use crate::domain::scoring::{by_score, score, Scorecard};
use crate::domain::settings::Settings;

pub use crate::domain::aging_view::{search_text, suggested_action};
pub use crate::domain::mix_view::{Breakdown, GroupRow};

/// Everything the four tabs read, rebuilt when the data or the frame changes.
pub struct Views {
    pub categories: Vec<GroupRow>,
    /// The mix tab's breakdown by brand (`b` switches to it).
    pub brands: Vec<GroupRow>,
    pub scorecards: Vec<Scorecard>,
    /// Candidates by score, best first.
    pub candidate_order: Vec<usize>,
    pub batches: Vec<BatchProgress>,
    pub plans: Vec<PlanProgress>,
    /// Lowercased "sku name" per product, for search: set by the app, which rebuilds it
    /// only when codes or names change (not on every frame change).
    pub search_text: Vec<String>,
    /// For each candidate promoted to a SKU: how that SKU does since.
    pub launched: Vec<Option<Launched>>,
    /// The same window a year earlier, when the data reaches back that far. Computed
    /// by the app's worker for the plans tab, the one that shows it, or when the app is
    /// idle (a second full review on every as-of change would double its cost): see
    /// `App::request_views`.
    pub last_year: Option<crate::domain::metrics::Kpis>,
    /// `last_year` is not computed yet for this data and frame.
    pub last_year_pending: bool,
    /// The trend of the last 12 periods of the kind it was computed for; `None` until
    /// the worker has computed it (only when a chart shows it).
    pub trend: Option<(
        crate::domain::over_time::Period,
        Vec<crate::domain::over_time::TrendPoint>,
    )>,
    /// Why the trend asked for could not be computed (said where the chart goes).
    pub trend_error: Option<String>,
}

/// A promoted candidate's SKU, against the new-product targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Launched {
    pub product: usize,
    /// Distinct buyers / visitors over W; `None` without traffic.
    pub conversion: Option<f64>,
    pub cover: crate::domain::metrics::Cover,
}

fn launched(ds: &Dataset, r: &Review, sku: &str) -> Option<Launched> {
    let product = ds.products.iter().position(|p| p.sku == sku)?;
    let frame = r.frame;
    let visitors: i64 = ds
        .traffic
        .iter()
        .filter(|v| v.product as usize == product && frame.in_window(v.day))
        .map(|v| v.visitors)
        .sum();
    let mut buyers: Vec<u32> = ds
        .lines_between(frame.window_start(), frame.as_of)
        .filter(|l| l.product as usize == product && l.qty() > 0)
        .filter_map(|l| l.customer())
        .collect();
    buyers.sort_unstable();
    buyers.dedup();
    Some(Launched {
        product,
        conversion: (visitors > 0).then(|| buyers.len() as f64 / visitors as f64),
        cover: r.skus[product].cover,
    })
}

impl Views {
    /// The mix tab's breakdown rows `by` category or brand.
    pub fn groups(&self, by: Breakdown) -> &[GroupRow] {
        match by {
            Breakdown::Category => &self.categories,
            Breakdown::Brand => &self.brands,
        }
    }

    /// The trend's points if computed for `period`.
    pub fn trend_points(
        &self,
        period: crate::domain::over_time::Period,
    ) -> Option<&[crate::domain::over_time::TrendPoint]> {
        self.trend
            .as_ref()
            .filter(|(p, _)| *p == period)
            .map(|(_, points)| points.as_slice())
    }

    pub fn build(ds: &Dataset, r: &Review, s: &Settings) -> Views {
        let categories = crate::domain::mix_view::categories(ds, r);
        let brands = crate::domain::mix_view::breakdown(ds, r, Breakdown::Brand);

        let scorecards: Vec<Scorecard> = ds.candidates.iter().map(|c| score(c, s)).collect();
        let candidate_order = by_score(&scorecards);
        // Revenue growth needs the year earlier, left to the worker: see
        // `App::request_views`.
        let (batches, plans) = all_progress(ds, r, None);
        let launched = ds
            .candidates
            .iter()
            .map(|c| {
                c.promoted_sku
                    .as_deref()
                    .and_then(|sku| launched(ds, r, sku))
            })
            .collect();
        Views {
            categories,
            brands,
            scorecards,
            candidate_order,
            batches,
            plans,
            search_text: Vec::new(),
            launched,
            last_year: None,
            last_year_pending: true,
            trend: None,
            trend_error: None,
        }
    }
}
