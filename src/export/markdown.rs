//! A readable review in Markdown: the headline figures against their targets, the mix
//! by tier, slow movers and best sellers, clearance batches, candidates and plans; in
//! English or Chinese (headings, labels and value names; data as it is).

use std::fmt::Write;

use crate::domain::clearance::batch_progress;
use crate::domain::headline::{Goal, Headline, Value, HEADLINES};
use crate::domain::metrics::Review;
use crate::domain::model::{Dataset, Tier};
use crate::domain::money::MoneyFormat;
use crate::domain::plan::{all_progress, year_earlier_for_plans};
use crate::domain::scoring::score;
use crate::domain::settings::Settings;
use crate::i18n::{Lang, Msg};

use super::md_cell as cell;
use super::{cover_text, pct};

fn ratio(d: rust_decimal::Decimal) -> String {
    format!("{}%", (d * rust_decimal::Decimal::from(100)).normalize())
}

/// The review in Markdown, in `lang`, with the default money format.
pub fn render(ds: &Dataset, r: &Review, s: &Settings, lang: Lang) -> String {
    render_with(ds, r, s, &MoneyFormat::default(), lang)
}

/// The review in Markdown with its "Over time" section (the trend `spec` asks for).
pub fn render_over_time(
    ds: &Dataset,
    r: &Review,
    s: &Settings,
    money: &MoneyFormat,
    lang: Lang,
    spec: crate::domain::over_time::TrendSpec,
) -> String {
    let mut o = render_with(ds, r, s, money, lang);
    o.push_str(&super::over_time::section(ds, r, s, money, lang, spec));
    o
}

/// The review in Markdown, in `lang`, with money shown as `money` says (currency sign,
/// decimals).
pub fn render_with(
    ds: &Dataset,
    r: &Review,
    s: &Settings,
    money: &MoneyFormat,
    lang: Lang,
) -> String {
    let k = &r.kpis;
    let f = r.frame;
    let t = |m: Msg| lang.t(m);
    let mut o = String::new();
    let _ = writeln!(o, "{}\n", lang.f(Msg::MdTitle, &[&f.as_of]));
    let _ = writeln!(
        o,
        "{}\n",
        lang.f(
            Msg::MdWindows,
            &[
                &f.window_days,
                &f.window_start(),
                &f.as_of,
                &f.velocity_days
            ]
        )
    );
    let _ = writeln!(o, "{}\n", t(Msg::MdHeadline));
    let _ = writeln!(o, "{}\n|---|---:|---|", t(Msg::MdHeadlineHeader));
    for def in &HEADLINES {
        let h = def.id;
        let value = match h.value(k) {
            Value::Money(m) => money.grouped(m),
            Value::Ratio(v) => pct(v),
            Value::Days(d) => d.map_or("—".into(), |d| format!("{d:.1}")),
            Value::Count(n) => n.to_string(),
        };
        let target = match (h, h.goal(s)) {
            // The margin is read against its floor as well as its target.
            (Headline::GrossMargin, _) => lang.f(
                Msg::MdFloorTarget,
                &[&ratio(s.margin_floor), &ratio(s.margin_target)],
            ),
            (_, None) => String::new(),
            (Headline::TurnoverDays, Some(g)) => format!("≤ {}", g.target()),
            (_, Some(Goal::AtLeast(t))) => format!("≥ {}", ratio(t)),
            (_, Some(Goal::AtMost(t))) => format!("≤ {}", ratio(t)),
        };
        let _ = writeln!(o, "| {} | {value} | {target} |", lang.headline_label(h));
    }
    if k.cost_missing > 0 {
        // METRICS.md, "Cost coverage": the margin over the SKUs that have a cost, and
        // how much of the revenue that is.
        let _ = writeln!(
            o,
            "\n{}{}",
            lang.f(Msg::MdCostMissing, &[&k.cost_missing]),
            lang.f(
                Msg::MdCostedMargin,
                &[&pct(k.gross_margin_costed), &pct(k.cost_coverage)]
            )
        );
    }

    let _ = writeln!(o, "\n{}\n", t(Msg::MdMix));
    let _ = writeln!(o, "{}\n|---|---:|---:|---:|---:|---:|", t(Msg::MdMixHeader));
    for tier in Tier::ALL {
        let i = tier.index();
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            lang.tier(tier),
            k.tier_totals.skus[i],
            money.grouped(k.tier_totals.revenue[i]),
            pct(k.tier_share_revenue[i]),
            money.grouped(k.tier_totals.gross_profit[i]),
            pct(k.tier_share_gp[i])
        );
    }

    let mut slow: Vec<usize> = (0..ds.products.len()).filter(|&i| r.skus[i].slow).collect();
    slow.sort_by(|&a, &b| r.skus[b].capital.cmp(&r.skus[a].capital));
    let _ = writeln!(o, "\n{}\n", lang.f(Msg::MdSlowTitle, &[&slow.len()]));
    let _ = writeln!(o, "{}\n|---|---|---:|---:|---:|---:|", t(Msg::MdSlowHeader));
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
                .map_or(t(Msg::Never).to_string(), |d| d.to_string()),
            cover_text(x.cover)
        );
    }
    if slow.len() > 25 {
        let _ = writeln!(o, "\n{}", lang.f(Msg::MdMore, &[&(slow.len() - 25)]));
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
    let _ = writeln!(o, "\n{}\n", lang.f(Msg::MdBestTitle, &[&best.len()]));
    let _ = writeln!(o, "{}\n|---|---|---:|---:|", t(Msg::MdBestHeader));
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
        let _ = writeln!(o, "\n{}\n", t(Msg::MdBatches));
        let _ = writeln!(
            o,
            "{}\n|---|---|---|---:|---:|---:|---:|",
            t(Msg::MdBatchesHeader)
        );
        for b in &ds.batches {
            let bp = batch_progress(ds, b, f, |i| r.skus[i].on_hand);
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} / {} |",
                cell(&b.name),
                lang.channel(b.channel),
                lang.batch_status(b.status),
                money.grouped(bp.cash_recovered),
                money.grouped(b.cash_target),
                pct(bp.cash_progress),
                bp.units_cleared,
                bp.units_to_clear
            );
        }
        // What each really earned (METRICS.md "Clearance results").
        let _ = writeln!(o, "\n{}\n", t(Msg::MdResults));
        let _ = writeln!(
            o,
            "{}\n|---|---:|---|---:|---:|---:|---:|",
            t(Msg::MdResultsHeader)
        );
        for b in &ds.batches {
            let res = crate::domain::batch_result::batch_result(ds, b, f);
            let pace = match res.pace {
                Some(crate::domain::batch_result::Pace::Ahead) => t(Msg::PaceAhead),
                Some(crate::domain::batch_result::Pace::On) => t(Msg::PaceOn),
                Some(crate::domain::batch_result::Pace::Behind) => t(Msg::PaceBehind),
                None => "—",
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(&b.name),
                res.expected_cash
                    .map_or("—".to_string(), |m| money.grouped(m)),
                pace,
                money.grouped(res.cogs),
                money.grouped(res.gross_profit),
                pct(res.realised_margin),
                pct(res.realised_discount)
            );
        }
    }

    if !ds.candidates.is_empty() {
        let _ = writeln!(o, "\n{}\n", t(Msg::MdCandidates));
        let _ = writeln!(o, "{}\n|---|---:|---|---|", t(Msg::MdCandidatesHeader));
        let mut cards: Vec<_> = ds.candidates.iter().map(|c| (c, score(c, s))).collect();
        cards.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
        for (c, card) in cards {
            let _ = writeln!(
                o,
                "| {} | {:.0} | {} | {} |",
                cell(&c.name),
                card.score,
                lang.verdict(card.verdict),
                cell(&lang.gates(&card.gates))
            );
        }
    }

    if !ds.plans.is_empty() {
        let _ = writeln!(o, "\n{}\n", t(Msg::MdPlans));
        let _ = writeln!(o, "{}\n|---|---|---|---|---|---:|", t(Msg::MdPlansHeader));
        let year_earlier = year_earlier_for_plans(ds, r, s);
        let (_, progress) = all_progress(ds, r, year_earlier.as_ref());
        for (p, pr) in ds.plans.iter().zip(progress) {
            let batch = p
                .target
                .as_ref()
                .and_then(|t| t.batch_id)
                .and_then(|id| ds.batches.iter().find(|b| b.id == id));
            let target = p.target.as_ref().map_or(String::new(), |target| {
                lang.plan_target(target, batch.map(|b| b.name.as_str()), money)
            });
            let mut flags = String::new();
            if pr.overdue {
                flags.push_str(t(Msg::MdOverdue));
            } else if pr.off_track {
                flags.push_str(t(Msg::MdOffTrack));
            } else if pr.not_started {
                flags.push_str(t(Msg::MdNotStarted));
            }
            let done = match (pr.fraction, pr.expected) {
                (Some(_), Some(e)) if !pr.not_started => {
                    lang.f(Msg::MdProgressExpected, &[&pct(pr.fraction), &pct(Some(e))])
                }
                _ => pct(pr.fraction),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {}{} | {} | {} |",
                lang.horizon(p.horizon),
                cell(&p.title),
                p.due_on.map_or(String::new(), |d| d.to_string()),
                lang.plan_status(p.status),
                flags,
                cell(&target),
                done
            );
        }
    }
    o
}
