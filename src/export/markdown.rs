//! A readable review in Markdown: the headline figures against their targets, the mix
//! by tier, slow movers and best sellers, clearance batches, candidates and plans.

use std::fmt::Write;

use crate::domain::clearance::batch_progress;
use crate::domain::metrics::Review;
use crate::domain::model::{Dataset, Tier};
use crate::domain::money::MoneyFormat;
use crate::domain::plan::progress;
use crate::domain::scoring::score;
use crate::domain::settings::Settings;

use super::md_cell as cell;
use super::{cover_text, pct};

fn ratio(d: rust_decimal::Decimal) -> String {
    format!("{}%", (d * rust_decimal::Decimal::from(100)).normalize())
}

pub fn render(ds: &Dataset, r: &Review, s: &Settings) -> String {
    render_with(ds, r, s, &MoneyFormat::default())
}

/// The review with money shown as `money` says (currency sign, decimals).
pub fn render_with(ds: &Dataset, r: &Review, s: &Settings, money: &MoneyFormat) -> String {
    let k = &r.kpis;
    let f = r.frame;
    let mut o = String::new();
    let _ = writeln!(o, "# Product-mix review as of {}\n", f.as_of);
    let _ = writeln!(
        o,
        "Analysis window {} days ({} … {}), velocity window {} days.\n",
        f.window_days,
        f.window_start(),
        f.as_of,
        f.velocity_days
    );
    let _ = writeln!(o, "## Headline figures\n");
    let _ = writeln!(o, "| Figure | Value | Target |\n|---|---:|---|");
    let rows = [
        ("Net revenue", money.grouped(k.net_revenue), String::new()),
        ("Gross profit", money.grouped(k.gross_profit), String::new()),
        (
            "Gross margin",
            pct(k.gross_margin),
            format!(
                "floor {}, target {}",
                ratio(s.margin_floor),
                ratio(s.margin_target)
            ),
        ),
        (
            "High-tier revenue share",
            pct(k.tier_share_revenue[0]),
            format!("≥ {}", ratio(s.target_high_share)),
        ),
        (
            "Low-tier revenue share",
            pct(k.tier_share_revenue[2]),
            format!("≤ {}", ratio(s.target_low_share)),
        ),
        (
            "Capital tied up",
            money.grouped(k.capital_tied_up),
            String::new(),
        ),
        (
            "Portfolio turnover days",
            k.portfolio_turnover_days
                .map_or("—".into(), |d| format!("{d:.1}")),
            format!("≤ {}", s.target_turnover_days),
        ),
        ("Slow movers", k.slow_movers.to_string(), String::new()),
        ("Best sellers", k.best_sellers.to_string(), String::new()),
        ("Repurchase rate", pct(k.repurchase_rate), String::new()),
        (
            "High-tier repurchase rate",
            pct(k.high_tier_repurchase_rate),
            format!("≥ {}", ratio(s.target_repurchase)),
        ),
        ("Mobile share", pct(k.mobile_share), String::new()),
        (
            "New-product conversion",
            pct(k.new_product_conversion),
            format!("≥ {}", ratio(s.target_new_conversion)),
        ),
    ];
    for (name, value, target) in rows {
        let _ = writeln!(o, "| {name} | {value} | {target} |");
    }
    if k.cost_missing > 0 {
        let _ = writeln!(
            o,
            "\n{} SKU(s) have no unit cost (cost missing): their tier is unclassified.",
            k.cost_missing
        );
    }

    let _ = writeln!(o, "\n## Mix by margin tier\n");
    let _ = writeln!(
        o,
        "| Tier | SKUs | Revenue | Revenue share | GP | GP share |\n|---|---:|---:|---:|---:|---:|"
    );
    for t in Tier::ALL {
        let i = t.index();
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            t,
            k.tier_totals.skus[i],
            money.grouped(k.tier_totals.revenue[i]),
            pct(k.tier_share_revenue[i]),
            money.grouped(k.tier_totals.gross_profit[i]),
            pct(k.tier_share_gp[i])
        );
    }

    let mut slow: Vec<usize> = (0..ds.products.len()).filter(|&i| r.skus[i].slow).collect();
    slow.sort_by(|&a, &b| r.skus[b].capital.cmp(&r.skus[a].capital));
    let _ = writeln!(o, "\n## Slow movers ({}), by capital tied up\n", slow.len());
    let _ = writeln!(o, "| SKU | Name | On hand | Capital | Days since last sale | Days of cover |\n|---|---|---:|---:|---:|---:|");
    for &i in slow.iter().take(25) {
        let (p, x) = (&ds.products[i], &r.skus[i]);
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&p.sku),
            cell(&p.name),
            x.on_hand,
            money.grouped(x.capital),
            x.days_since_last_sale
                .map_or("never".into(), |d| d.to_string()),
            cover_text(x.cover)
        );
    }
    if slow.len() > 25 {
        let _ = writeln!(
            o,
            "\n… and {} more (see `skudesk report --format csv`).",
            slow.len() - 25
        );
    }

    let mut best: Vec<usize> = (0..ds.products.len())
        .filter(|&i| r.skus[i].best_seller)
        .collect();
    best.sort_by(|&a, &b| {
        r.skus[a]
            .cover
            .sort_key()
            .total_cmp(&r.skus[b].cover.sort_key())
    });
    let _ = writeln!(o, "\n## Best sellers ({})\n", best.len());
    let _ = writeln!(
        o,
        "| SKU | Name | Velocity/day | Days of cover |\n|---|---|---:|---:|"
    );
    for &i in best.iter().take(25) {
        let (p, x) = (&ds.products[i], &r.skus[i]);
        let _ = writeln!(
            o,
            "| {} | {} | {:.2} | {} |",
            cell(&p.sku),
            cell(&p.name),
            x.velocity,
            cover_text(x.cover)
        );
    }

    if !ds.batches.is_empty() {
        let _ = writeln!(o, "\n## Clearance batches\n");
        let _ = writeln!(o, "| Batch | Channel | Status | Cash recovered | Target | Progress | Units cleared |\n|---|---|---|---:|---:|---:|---:|");
        for b in &ds.batches {
            let bp = batch_progress(ds, b, f, |i| r.skus[i].on_hand);
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} / {} |",
                cell(&b.name),
                b.channel.label(),
                b.status.as_str(),
                money.grouped(bp.cash_recovered),
                money.grouped(b.cash_target),
                pct(bp.cash_progress),
                bp.units_cleared,
                bp.units_to_clear
            );
        }
    }

    if !ds.candidates.is_empty() {
        let _ = writeln!(o, "\n## New-product candidates\n");
        let _ = writeln!(
            o,
            "| Candidate | Score | Verdict | Why |\n|---|---:|---|---|"
        );
        let mut cards: Vec<_> = ds.candidates.iter().map(|c| (c, score(c, s))).collect();
        cards.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
        for (c, card) in cards {
            let _ = writeln!(
                o,
                "| {} | {:.0} | {} | {} |",
                cell(&c.name),
                card.score,
                card.verdict.label(),
                cell(&card.failed_gates.join("; "))
            );
        }
    }

    if !ds.plans.is_empty() {
        let _ = writeln!(o, "\n## Action plans\n");
        let _ = writeln!(
            o,
            "| Horizon | Plan | Due | Status | Target | Progress |\n|---|---|---|---|---|---:|"
        );
        for p in &ds.plans {
            let batch = p
                .target
                .as_ref()
                .and_then(|t| t.batch_id)
                .and_then(|id| ds.batches.iter().find(|b| b.id == id));
            let bp = batch.map(|b| batch_progress(ds, b, f, |i| r.skus[i].on_hand));
            let pr = progress(p, k, bp.as_ref(), f.as_of, f.window_start());
            let target = p.target.as_ref().map_or(String::new(), |t| {
                format!("{} {}", t.metric.as_str(), t.value.normalize())
            });
            let mut flags = String::new();
            if pr.overdue {
                flags.push_str(" (overdue)");
            } else if pr.off_track {
                flags.push_str(" (off track)");
            }
            let _ = writeln!(
                o,
                "| {} | {} | {} | {}{} | {} | {} |",
                p.horizon.as_str(),
                cell(&p.title),
                p.due_on.map_or(String::new(), |d| d.to_string()),
                p.status.as_str(),
                flags,
                cell(&target),
                pct(pr.fraction)
            );
        }
    }
    o
}
