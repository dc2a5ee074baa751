//! The new-product screening model: score 0–100, hard gates and a verdict.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use super::model::Candidate;
use super::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Launch,
    TestBatch,
    Hold,
    Reject,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Launch => "launch",
            Verdict::TestBatch => "test batch",
            Verdict::Hold => "hold",
            Verdict::Reject => "reject",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// Each criterion scaled to 0–1: growth, gap, pain, fit.
    pub parts: [f64; 4],
    /// Each criterion's points (weight × scaled value).
    pub points: [f64; 4],
    pub score: f64,
    pub expected_margin: Option<f64>,
    /// Why the candidate fails a gate, one reason per failed gate (English: the JSON
    /// report's and the CSV's text).
    pub failed_gates: Vec<String>,
    /// The same reasons as values, for a person in any language.
    pub gates: Vec<GateFailure>,
    pub verdict: Verdict,
}

/// A hard gate the candidate fails, with the figures that decide it.
#[derive(Debug, Clone, PartialEq)]
pub enum GateFailure {
    /// Market growth (%/yr) not above the gate.
    Growth {
        growth_pct: Decimal,
        gate_pct: Decimal,
    },
    /// Expected margin (undefined without a price) below the floor (in %).
    Margin {
        margin: Option<f64>,
        floor_pct: Decimal,
    },
}

impl GateFailure {
    /// The reason in English, as the reports write it.
    pub fn english(&self) -> String {
        match self {
            GateFailure::Growth {
                growth_pct,
                gate_pct,
            } => format!(
                "market growth {}%/yr is not above {}%",
                growth_pct.normalize(),
                gate_pct.normalize()
            ),
            GateFailure::Margin { margin, floor_pct } => {
                let shown = margin.map_or("—".to_string(), |m| format!("{:.1}%", m * 100.0));
                format!(
                    "expected margin {shown} is below the {}% floor",
                    floor_pct.normalize()
                )
            }
        }
    }
}

fn unit(v: u8) -> Decimal {
    Decimal::from(v.min(5)) / Decimal::from(5)
}

/// Candidates best first: indices into `cards` by score, highest first (ties keep
/// their order). The scoring tab and `skudesk export view scoring` both list them so.
pub fn by_score(cards: &[Scorecard]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by(|&a, &b| cards[b].score.total_cmp(&cards[a].score));
    order
}

pub fn score(c: &Candidate, s: &Settings) -> Scorecard {
    let k = &s.scoring;
    let growth = if k.growth_cap_pct > Decimal::ZERO {
        (c.market_growth_pct / k.growth_cap_pct).clamp(Decimal::ZERO, Decimal::ONE)
    } else {
        Decimal::ONE
    };
    let parts = [
        growth,
        unit(c.competitive_gap),
        unit(c.user_pain),
        unit(c.brand_fit),
    ];
    let weights = [k.weight_growth, k.weight_gap, k.weight_pain, k.weight_fit];
    let points_d: Vec<Decimal> = parts.iter().zip(weights).map(|(p, w)| p * w).collect();
    let total: Decimal = points_d.iter().sum();
    let expected_margin = (c.expected_price - c.expected_unit_cost).ratio(c.expected_price);

    let mut gates = Vec::new();
    if c.market_growth_pct <= k.growth_gate_pct {
        gates.push(GateFailure::Growth {
            growth_pct: c.market_growth_pct,
            gate_pct: k.growth_gate_pct,
        });
    }
    let margin_ok = c.expected_price.is_positive()
        && Decimal::from_i128_with_scale((c.expected_price - c.expected_unit_cost).micros(), 0)
            >= s.margin_floor * Decimal::from_i128_with_scale(c.expected_price.micros(), 0);
    if !margin_ok {
        gates.push(GateFailure::Margin {
            margin: expected_margin,
            floor_pct: s.margin_floor * Decimal::from(100),
        });
    }
    let failed_gates: Vec<String> = gates.iter().map(GateFailure::english).collect();
    let verdict = if !failed_gates.is_empty() {
        Verdict::Reject
    } else if total >= k.launch_at {
        Verdict::Launch
    } else if total >= k.test_at {
        Verdict::TestBatch
    } else {
        Verdict::Hold
    };
    let f = |d: &Decimal| d.to_f64().unwrap_or(0.0);
    Scorecard {
        parts: parts.map(|p| f(&p)),
        points: [
            f(&points_d[0]),
            f(&points_d[1]),
            f(&points_d[2]),
            f(&points_d[3]),
        ],
        score: f(&total),
        expected_margin,
        failed_gates,
        gates,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    fn candidate(growth: i64, gap: u8, pain: u8, fit: u8, cost: &str, price: &str) -> Candidate {
        Candidate {
            id: 1,
            name: "x".into(),
            category: String::new(),
            market_growth_pct: Decimal::from(growth),
            competitive_gap: gap,
            gap_note: String::new(),
            user_pain: pain,
            pain_note: String::new(),
            brand_fit: fit,
            expected_unit_cost: cost.parse::<Money>().unwrap(),
            expected_price: price.parse::<Money>().unwrap(),
            personas: vec![],
            notes: String::new(),
            promoted_sku: None,
        }
    }

    #[test]
    fn scores_gates_and_verdicts() {
        let s = Settings::default();
        // (growth, gap, pain, fit, cost, price) → (score, verdict)
        let cases = [
            (40, 5, 5, 5, "50", "100", 100.0, Verdict::Launch),
            (80, 5, 5, 5, "50", "100", 100.0, Verdict::Launch),
            (
                20,
                4,
                5,
                4,
                "60",
                "100",
                15.0 + 20.0 + 25.0 + 16.0,
                Verdict::Launch,
            ),
            (
                20,
                3,
                3,
                3,
                "60",
                "100",
                15.0 + 15.0 + 15.0 + 12.0,
                Verdict::TestBatch,
            ),
            (
                16,
                1,
                2,
                2,
                "60",
                "100",
                12.0 + 5.0 + 10.0 + 8.0,
                Verdict::Hold,
            ),
            (15, 5, 5, 5, "50", "100", 11.25 + 70.0, Verdict::Reject),
            (30, 5, 5, 5, "76", "100", 22.5 + 70.0, Verdict::Reject),
            (30, 5, 5, 5, "75", "100", 22.5 + 70.0, Verdict::Launch),
            (30, 5, 5, 5, "1", "0", 22.5 + 70.0, Verdict::Reject),
        ];
        for (g, gap, pain, fit, cost, price, want_score, want) in cases {
            let card = score(&candidate(g, gap, pain, fit, cost, price), &s);
            assert!(
                (card.score - want_score).abs() < 1e-9,
                "{g} {gap} {pain} {fit}: {}",
                card.score
            );
            assert_eq!(card.verdict, want, "{g} {gap} {pain} {fit} {cost} {price}");
            assert_eq!(card.failed_gates.is_empty(), want != Verdict::Reject);
        }
    }

    #[test]
    fn score_boundaries_are_inclusive() {
        let s = Settings::default();
        // 70 exactly: growth 40 % (30) + gap 5 (25) + pain 3 (15) + fit 0.
        let card = score(&candidate(40, 5, 3, 0, "1", "10"), &s);
        assert_eq!(card.score, 70.0);
        assert_eq!(card.verdict, Verdict::Launch);
        let card = score(&candidate(40, 0, 4, 0, "1", "10"), &s);
        assert_eq!(card.score, 50.0);
        assert_eq!(card.verdict, Verdict::TestBatch);
    }
}
