//! The review over time in Markdown (the report's "Over time" section) and as CSV rows:
//! a table of the trend's points, the year earlier with its growth, and a one-line
//! sparkline per KPI (METRICS.md "Over time").

use std::fmt::Write as _;

use crate::domain::kpis::Kpis;
use crate::domain::metrics::Review;
use crate::domain::model::{Dataset, Tier};
use crate::domain::money::MoneyFormat;
use crate::domain::over_time::{
    revenue_growth, trend, year_earlier, Period, TrendPoint, TrendSpec,
};
use crate::domain::settings::Settings;
use crate::i18n::{Lang, Msg};

use super::pct;

/// Eight heights of a text sparkline.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A one-line sparkline of `values`, scaled from their least to their greatest; an
/// undefined value is a `·`.
pub fn sparkline(values: &[Option<f64>]) -> String {
    let known = values.iter().flatten().copied().filter(|v| v.is_finite());
    let (lo, hi) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    values
        .iter()
        .map(|v| match v {
            Some(v) if v.is_finite() => {
                let span = hi - lo;
                let k = if span > 0.0 {
                    (((v - lo) / span) * 7.0).round() as usize
                } else {
                    3
                };
                BARS[k.min(7)]
            }
            _ => '·',
        })
        .collect()
}

/// A growth ratio as a signed percentage, "—" when undefined.
fn growth_text(g: Option<f64>) -> String {
    g.map_or("—".to_string(), |g| format!("{:+.1}%", g * 100.0))
}

/// The "Over time" section of the Markdown report.
pub fn section(
    ds: &Dataset,
    r: &Review,
    s: &Settings,
    money: &MoneyFormat,
    lang: Lang,
    spec: TrendSpec,
) -> String {
    let t = |m: Msg| lang.t(m);
    let points = trend(ds, r.frame, s, spec);
    let mut o = String::new();
    let period = t(match spec.period {
        Period::Week => Msg::MdPeriodWeek,
        Period::Month => Msg::MdPeriodMonth,
    });
    let _ = writeln!(
        o,
        "\n{}\n",
        lang.f(Msg::MdOverTime, &[&period, &points.len()])
    );
    let _ = writeln!(
        o,
        "{}\n|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        t(Msg::MdOverTimeHeader)
    );
    for p in &points {
        let k = &p.kpis;
        let _ = writeln!(
            o,
            "| {} – {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            p.start,
            p.end,
            money.grouped(k.net_revenue),
            money.grouped(k.gross_profit),
            pct(k.gross_margin),
            pct(k.gross_margin_costed),
            pct(k.cost_coverage),
            pct(k.tier_share_revenue[Tier::High.index()]),
            pct(k.tier_share_revenue[Tier::Low.index()]),
            k.units
        );
    }
    let earlier = year_earlier(ds, r.frame, s);
    let k = &r.kpis;
    let _ = writeln!(o);
    match &earlier {
        Some((frame, ek)) => {
            let _ = writeln!(
                o,
                "{}",
                lang.f(
                    Msg::MdYearEarlier,
                    &[
                        &frame.as_of,
                        &frame.window_days,
                        &money.grouped(ek.net_revenue),
                        &growth_text(revenue_growth(k, Some(ek))),
                        &pct(ek.gross_margin),
                        &pct(ek.tier_share_revenue[Tier::High.index()]),
                        &pct(ek.repurchase_rate),
                    ],
                )
            );
        }
        None => {
            let _ = writeln!(o, "{}", t(Msg::MdNoYearEarlier));
        }
    }
    let series = |f: fn(&Kpis) -> Option<f64>| -> Vec<Option<f64>> {
        points.iter().map(|p| f(&p.kpis)).collect()
    };
    let lines: [(Msg, Vec<Option<f64>>); 5] = [
        (
            Msg::MdSparkRevenue,
            series(|k| Some(k.net_revenue.to_f64())),
        ),
        (Msg::MdSparkMargin, series(|k| k.gross_margin)),
        (
            Msg::MdSparkHigh,
            series(|k| k.tier_share_revenue[Tier::High.index()]),
        ),
        (
            Msg::MdSparkLow,
            series(|k| k.tier_share_revenue[Tier::Low.index()]),
        ),
        (Msg::MdSparkRepurchase, series(|k| k.repurchase_rate)),
    ];
    let _ = writeln!(o);
    for (label, values) in lines {
        let last = values.last().copied().flatten();
        let shown = if label == Msg::MdSparkRevenue {
            points
                .last()
                .map_or("—".to_string(), |p| money.grouped(p.kpis.net_revenue))
        } else {
            pct(last)
        };
        let _ = writeln!(o, "- {}: {} {}", t(label), sparkline(&values), shown);
    }
    o
}

/// The trend's points as CSV rows, one per period, full precision.
pub fn write_csv(points: &[TrendPoint], out: impl std::io::Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let ratio = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.6}"));
    let mut header = vec![
        "start",
        "end",
        "net_revenue",
        "cogs",
        "gross_profit",
        "gross_margin",
        "gross_margin_costed",
        "cost_coverage",
    ];
    let shares = [
        "high_share_revenue",
        "mid_share_revenue",
        "low_share_revenue",
        "unclassified_share_revenue",
        "high_share_gp",
        "mid_share_gp",
        "low_share_gp",
        "unclassified_share_gp",
    ];
    header.extend(shares);
    header.extend([
        "units",
        "repurchase_rate",
        "high_tier_repurchase_rate",
        "mobile_share",
        "new_product_conversion",
    ]);
    w.write_record(&header)?;
    for p in points {
        let k = &p.kpis;
        let mut rec = vec![
            p.start.to_string(),
            p.end.to_string(),
            k.net_revenue.to_string(),
            k.cogs.to_string(),
            k.gross_profit.to_string(),
            ratio(k.gross_margin),
            ratio(k.gross_margin_costed),
            ratio(k.cost_coverage),
        ];
        rec.extend(k.tier_share_revenue.iter().map(|v| ratio(*v)));
        rec.extend(k.tier_share_gp.iter().map(|v| ratio(*v)));
        rec.extend([
            k.units.to_string(),
            ratio(k.repurchase_rate),
            ratio(k.high_tier_repurchase_rate),
            ratio(k.mobile_share),
            ratio(k.new_product_conversion),
        ]);
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_spans_least_to_greatest_and_marks_gaps() {
        assert_eq!(sparkline(&[Some(0.0), Some(0.5), Some(1.0), None]), "▁▅█·");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
        assert_eq!(sparkline(&[]), "");
    }
}
