//! Each tab's table as the app shows it — same rows, same order, same columns — with
//! full-precision figures instead of the screen's rounded, grouped and truncated ones.
//!
//! Which rows a table holds and in what order is decided in the domain
//! (`aging_view`, `mix_view`, `scoring::by_score`, `plan::all_progress`), where the app
//! gets them too; this module only turns them into typed cells (see [`super::view`]).
//! Money is written with two decimals, ratios as fractions with six (0.253000 is 25.3 %),
//! undefined figures as empty cells.

use crate::domain::aging_view::AgingQuery;
use crate::domain::clearance::BatchProgress;
use crate::domain::metrics::{Cover, Review};
use crate::domain::mix_view::{Breakdown, GroupRow};
use crate::domain::model::{Dataset, Tier};
use crate::domain::money::Money;
use crate::domain::plan::PlanProgress;
use crate::domain::scoring::Scorecard;
use crate::domain::settings::Settings;
use crate::domain::sku_column::{Column, Value, VIEW};

use super::view::{Kind, ViewTable};

/// A ratio with six decimals (0.253000 is 25.3 %), empty when undefined.
fn ratio(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.6}"))
}

fn money(m: Money) -> String {
    m.to_string()
}

/// The frame a table was computed for, for its caption.
fn frame_text(r: &Review) -> String {
    let f = r.frame;
    format!(
        "as of {}, window {} days, velocity {} days",
        f.as_of, f.window_days, f.velocity_days
    )
}

/// A per-SKU value as the view export writes it: full precision, flags as words, an
/// empty cell for an undefined figure; age buckets give one cell each.
fn view_cell(v: Value, row: &mut Vec<String>) {
    let text = match v {
        Value::Text(t) => t.to_string(),
        Value::Tier(t, _) => t.as_str().to_string(),
        Value::Flag(b) => if b { "yes" } else { "" }.to_string(),
        Value::Count(n) => n.to_string(),
        Value::Days(d) => d.map_or(String::new(), |d| d.to_string()),
        Value::Money(m) => money(m),
        Value::Ratio(x) => ratio(x),
        Value::Rate(x) => format!("{x:.6}"),
        Value::Cover(Cover::Infinite) => "inf".to_string(),
        Value::Cover(Cover::Days(d)) => format!("{d:.4}"),
        Value::Buckets(b) => {
            row.extend(b.iter().map(|b| b.units.to_string()));
            return;
        }
        Value::Flags(f) => f.flag_names().join(" "),
        Value::Action(a) => a.english(),
        Value::Lifecycle(l) => l.map_or("", |l| l.as_str()).to_string(),
        Value::Date(d) => d.map_or(String::new(), |d| d.to_string()),
    };
    row.push(text);
}

/// The inventory-aging table: `rows` are product indices in the order shown (from
/// [`AgingQuery::rows`]), `q` the query that chose them (for the caption only).
pub fn aging(ds: &Dataset, r: &Review, s: &Settings, q: &AgingQuery, rows: &[usize]) -> ViewTable {
    let labels = s.bucket_labels();
    let mut columns: Vec<(String, Kind)> = Vec::new();
    for &c in VIEW {
        if c == Column::Ages {
            // The screen's "Ages" sparkline, one column of units per age bucket.
            columns.extend(
                labels
                    .iter()
                    .map(|l| (format!("Units aged {l} d"), Kind::Number)),
            );
        } else {
            let kind = if c.spec().number {
                Kind::Number
            } else {
                Kind::Text
            };
            columns.push((c.spec().header.to_string(), kind));
        }
    }
    let cells = rows
        .iter()
        .map(|&i| {
            let (p, f) = (&ds.products[i], &r.skus[i]);
            let mut row = Vec::with_capacity(columns.len());
            for &c in VIEW {
                view_cell(c.value(p, f), &mut row);
            }
            row
        })
        .collect();

    let mut what = vec![format!("filter {}", q.filter.label())];
    for (by, name) in [
        (Breakdown::Category, &q.category),
        (Breakdown::Brand, &q.brand),
    ] {
        if let Some(n) = name {
            what.push(format!("{} {}", by.name(), by.label(n)));
        }
    }
    if !q.search.is_empty() {
        what.push(format!("search \"{}\"", q.search));
    }
    if let Some(col) = q.sort {
        let dir = if q.descending { "↓" } else { "↑" };
        what.push(format!("sort {} {dir}", col.title()));
    }
    ViewTable {
        tab: "aging",
        caption: format!(
            "Inventory aging — {} SKUs, {}; {}",
            rows.len(),
            what.join(", "),
            frame_text(r)
        ),
        columns,
        rows: cells,
    }
}

/// The product-mix table: the four tiers, then the `groups` by category or brand in
/// the order given (the tab's: most revenue first).
pub fn mix(r: &Review, by: Breakdown, groups: &[GroupRow]) -> ViewTable {
    use Kind::{Number, Text};
    let first = format!("Tier / {}", by.name());
    let columns: Vec<(String, Kind)> = [
        (first.as_str(), Text),
        ("SKUs", Number),
        ("Revenue", Number),
        ("Share", Number),
        ("Margin", Number),
        ("GP", Number),
        ("High", Number),
        ("Mid", Number),
        ("Low", Number),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_string(), k))
    .collect();
    let k = &r.kpis;
    let total = k.net_revenue;
    let mut rows: Vec<Vec<String>> = Tier::ALL
        .iter()
        .map(|t| {
            let i = t.index();
            let (rev, gp) = (k.tier_totals.revenue[i], k.tier_totals.gross_profit[i]);
            vec![
                format!("{} tier", t.as_str()),
                k.tier_totals.skus[i].to_string(),
                money(rev),
                ratio(rev.ratio(total)),
                ratio(gp.ratio(rev)),
                money(gp),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.extend(groups.iter().map(|c| {
        vec![
            by.label(&c.name).to_string(),
            c.skus.to_string(),
            money(c.revenue),
            ratio(c.revenue.ratio(total)),
            ratio(c.gross_profit.ratio(c.revenue)),
            money(c.gross_profit),
            ratio(c.tier_revenue[0].ratio(c.revenue)),
            ratio(c.tier_revenue[1].ratio(c.revenue)),
            ratio(c.tier_revenue[2].ratio(c.revenue)),
        ]
    }));
    ViewTable {
        tab: "mix",
        caption: format!(
            "Product mix — tiers and {} {} (Share, Margin, High/Mid/Low are ratios: 0.25 = 25 %); {}",
            groups.len(),
            by.plural(),
            frame_text(r)
        ),
        columns,
        rows,
    }
}

/// Column headers with their kinds.
fn columns(spec: &[(&str, Kind)]) -> Vec<(String, Kind)> {
    spec.iter().map(|(n, k)| (n.to_string(), *k)).collect()
}

/// The scoring tab's table: candidates in `order` (best first, from
/// `scoring::by_score`), `cards[i]` the scorecard of `ds.candidates[i]`.
pub fn scoring(ds: &Dataset, r: &Review, cards: &[Scorecard], order: &[usize]) -> ViewTable {
    use Kind::{Number, Text};
    let rows = order
        .iter()
        .map(|&i| {
            let (c, card) = (&ds.candidates[i], &cards[i]);
            vec![
                c.name.clone(),
                c.market_growth_pct.normalize().to_string(),
                c.competitive_gap.to_string(),
                c.user_pain.to_string(),
                c.brand_fit.to_string(),
                ratio(card.expected_margin),
                format!("{:.4}", card.score),
                card.verdict.label().to_string(),
                c.promoted_sku.clone().unwrap_or_default(),
                card.failed_gates.join("; "),
            ]
        })
        .collect();
    ViewTable {
        tab: "scoring",
        caption: format!(
            "New-product candidates by score — {} candidates; {}",
            order.len(),
            frame_text(r)
        ),
        columns: columns(&[
            ("Candidate", Text),
            ("Growth (%/yr)", Number),
            ("Gap", Number),
            ("Pain", Number),
            ("Fit", Number),
            ("Margin", Number),
            ("Score", Number),
            ("Verdict", Text),
            ("SKU", Text),
            ("Why", Text),
        ]),
        rows,
    }
}

/// The plans tab's upper table: every plan with its progress computed at the review's
/// as-of date (`progress[i]` for `ds.plans[i]`, from `plan::all_progress`).
pub fn plans(ds: &Dataset, r: &Review, progress: &[PlanProgress]) -> ViewTable {
    use Kind::{Number, Text};
    let rows = ds
        .plans
        .iter()
        .zip(progress)
        .map(|(p, pr)| {
            let status = if pr.overdue {
                format!("{} OVERDUE", p.status.as_str())
            } else if pr.off_track {
                format!("{} behind", p.status.as_str())
            } else if pr.not_started {
                format!("{} not started", p.status.as_str())
            } else {
                p.status.as_str().to_string()
            };
            let figure = |v: Option<f64>| match (&p.target, v) {
                (Some(t), Some(c)) if t.metric.is_money() => format!("{c:.2}"),
                (_, Some(c)) => format!("{c:.6}"),
                (_, None) => String::new(),
            };
            let (metric, value) = p
                .target
                .as_ref()
                .map_or((String::new(), String::new()), |t| {
                    (
                        t.metric.as_str().to_string(),
                        t.value.normalize().to_string(),
                    )
                });
            vec![
                p.horizon.as_str().to_string(),
                p.title.clone(),
                p.due_on.map_or(String::new(), |d| d.to_string()),
                status,
                metric,
                value,
                figure(pr.current),
                ratio(pr.fraction),
                pr.start.map_or(String::new(), |d| d.to_string()),
                figure(pr.baseline.filter(|_| p.target.is_some())),
                ratio(pr.expected),
            ]
        })
        .collect();
    ViewTable {
        tab: "plans",
        caption: format!(
            "Action plans — {} plans, progress computed from the data; {}",
            ds.plans.len(),
            frame_text(r)
        ),
        columns: columns(&[
            ("Horizon", Text),
            ("Plan", Text),
            ("Due", Text),
            ("Status", Text),
            ("Target", Text),
            ("Target value", Number),
            ("Now", Number),
            ("Progress", Number),
            ("Start", Text),
            ("Baseline", Number),
            ("Expected", Number),
        ]),
        rows,
    }
}

/// The plans tab's lower table: every clearance batch with its progress
/// (`progress[i]` for `ds.batches[i]`, from `plan::all_progress`).
pub fn batches(ds: &Dataset, r: &Review, progress: &[BatchProgress]) -> ViewTable {
    use Kind::{Number, Text};
    let rows = ds
        .batches
        .iter()
        .zip(progress)
        .map(|(b, bp)| {
            vec![
                b.name.clone(),
                b.channel.label().to_string(),
                b.status.as_str().to_string(),
                b.starts_on.to_string(),
                b.ends_on.map_or("open".to_string(), |d| d.to_string()),
                money(bp.cash_recovered),
                money(b.cash_target),
                ratio(bp.cash_progress),
                bp.units_cleared.to_string(),
                bp.units_to_clear.to_string(),
            ]
        })
        .collect();
    ViewTable {
        tab: "batches",
        caption: format!(
            "Clearance batches — {}; {}",
            ds.batches.len(),
            frame_text(r)
        ),
        columns: columns(&[
            ("Clearance batch", Text),
            ("Channel", Text),
            ("Status", Text),
            ("Starts", Text),
            ("Ends", Text),
            ("Cash recovered", Number),
            ("Cash target", Number),
            ("Progress", Number),
            ("Units cleared", Number),
            ("Units to clear", Number),
        ]),
        rows,
    }
}
