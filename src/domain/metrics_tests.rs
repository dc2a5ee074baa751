//! Table-driven checks of every figure in METRICS.md against values worked out by hand.
//! Each dataset is built here, small enough to compute on paper; D is 2025-09-30 and
//! `ago(n)` is the day n days before D.

use super::*;
use crate::domain::clearance::{batch_progress, Ladder};
use crate::domain::dates::{parse_date, Day, Frame};
use crate::domain::model::{
    BatchChannel, BatchSku, BatchStatus, Channel, ClearanceBatch, Dataset, Horizon, Lifecycle,
    Line, Lot, Plan, PlanStatus, Product, ProductIx, Tier, Visits,
};
use crate::domain::money::Money;
use crate::domain::plan::{Target, TargetMetric};
use crate::domain::settings::Settings;

fn d0() -> Day {
    Day::from_date(parse_date("2025-09-30").unwrap())
}

/// The day `n` days before D (negative: after D).
fn ago(n: i32) -> Day {
    d0().plus(-n)
}

fn m(text: &str) -> Money {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn frame() -> Frame {
    Frame::new(d0(), 90, 30)
}

/// The review of `ds`, checked to be the same through the line index.
fn run(ds: &Dataset) -> Review {
    let r = review(ds, frame(), &Settings::default());
    let mut prepared = ds.clone();
    prepared.prepare();
    assert_eq!(
        review(&prepared, frame(), &Settings::default()),
        r,
        "the indexed review differs from the full scan"
    );
    r
}

fn close(got: Option<f64>, want: Option<f64>, what: &str) {
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: got {g}, want {w}"),
        _ => assert_eq!(got, want, "{what}"),
    }
}

/// Builds a dataset tersely: products, lines (each its own order unless told), lots.
#[derive(Default)]
struct Data {
    ds: Dataset,
}

impl Data {
    fn product(&mut self, sku: &str, cost: Option<&str>, list: Option<&str>) -> ProductIx {
        let ix = self.ds.products.len();
        self.ds.products.push(Product {
            id: ix as i64 + 1,
            sku: sku.to_string(),
            unit_cost: cost.map(m),
            list_price: list.map(m),
            ..Product::default()
        });
        ix as ProductIx
    }

    fn set(&mut self, p: ProductIx) -> &mut Product {
        &mut self.ds.products[p as usize]
    }

    /// A line of a new order, without customer or channel.
    fn line(&mut self, p: ProductIx, day: Day, qty: i64, revenue: &str) -> &mut Line {
        let order = self.ds.lines.len() as u32 + 1000;
        let line = Line::new(p, day, qty, m(revenue), order, None, Channel::None);
        self.ds.lines.push(line.expect("a line in range"));
        self.ds.lines.last_mut().unwrap()
    }

    fn lot(&mut self, p: ProductIx, qty: i64, received: Day, cost: Option<&str>) {
        self.ds.lots.push(Lot {
            product: p,
            qty,
            received,
            unit_cost: cost.map(m),
        });
    }

    fn visits(&mut self, p: ProductIx, day: Day, visitors: i64) {
        self.ds.traffic.push(Visits {
            product: p,
            day,
            visitors,
        });
    }
}

trait LineExt {
    fn by(&mut self, customer: u32, order: u32) -> &mut Self;
    fn via(&mut self, channel: Channel) -> &mut Self;
}

impl LineExt for Line {
    fn by(&mut self, customer: u32, order: u32) -> &mut Self {
        self.set_customer(Some(customer))
            .expect("a customer in range");
        self.order = order;
        self
    }
    fn via(&mut self, channel: Channel) -> &mut Self {
        self.set_channel(channel);
        self
    }
}

// ---------------------------------------------------------------- tier margin and tier

struct TierCase {
    name: &'static str,
    cost: Option<&'static str>,
    list: Option<&'static str>,
    /// (days before D, qty, net revenue)
    lines: &'static [(i32, i64, &'static str)],
    manual: Option<Tier>,
    tier: Tier,
    computed: Tier,
    margin: Option<f64>,
}

#[test]
fn tier_margin_and_tier_follow_metrics_md() {
    use Tier::*;
    let cases = [
        TierCase {
            name: "exactly 30.00 % on sales is high",
            cost: Some("70"),
            list: None,
            lines: &[(1, 1, "100")],
            manual: None,
            tier: High,
            computed: High,
            margin: Some(0.30),
        },
        TierCase {
            name: "a micro-unit under 30 % is mid",
            cost: Some("70.000001"),
            list: None,
            lines: &[(1, 1, "100")],
            manual: None,
            tier: Mid,
            computed: Mid,
            margin: Some(0.29999999),
        },
        TierCase {
            name: "exactly 25.00 % is mid",
            cost: Some("75"),
            list: None,
            lines: &[(1, 1, "100")],
            manual: None,
            tier: Mid,
            computed: Mid,
            margin: Some(0.25),
        },
        TierCase {
            name: "a micro-unit under 25 % is low",
            cost: Some("75.000001"),
            list: None,
            lines: &[(1, 1, "100")],
            manual: None,
            tier: Low,
            computed: Low,
            margin: Some(0.24999999),
        },
        TierCase {
            // 3 × 2.331 = 6.993; GP 2.997 = 0.30 × 9.99 exactly (not so in binary floats)
            name: "exact decimal comparison at 30 %",
            cost: Some("2.331"),
            list: None,
            lines: &[(1, 3, "9.99")],
            manual: None,
            tier: High,
            computed: High,
            margin: Some(0.30),
        },
        TierCase {
            name: "a loss is low",
            cost: Some("120"),
            list: Some("200"),
            lines: &[(1, 1, "100")],
            manual: None,
            tier: Low,
            computed: Low,
            margin: Some(-0.20),
        },
        TierCase {
            name: "no sales: list margin (30 % is high)",
            cost: Some("70"),
            list: Some("100"),
            lines: &[],
            manual: None,
            tier: High,
            computed: High,
            margin: Some(0.30),
        },
        TierCase {
            name: "no sales: list margin (25 % is mid)",
            cost: Some("15"),
            list: Some("20"),
            lines: &[],
            manual: None,
            tier: Mid,
            computed: Mid,
            margin: Some(0.25),
        },
        TierCase {
            name: "revenue < 0 (a return only): list margin",
            cost: Some("80"),
            list: Some("100"),
            lines: &[(1, -1, "-100")],
            manual: None,
            tier: Low,
            computed: Low,
            margin: Some(0.20),
        },
        TierCase {
            name: "revenue exactly 0: list margin, not the sales margin",
            cost: Some("1"),
            list: Some("2"),
            lines: &[(1, 1, "0")],
            manual: None,
            tier: High,
            computed: High,
            margin: Some(0.50),
        },
        TierCase {
            name: "sales only before W: list margin",
            cost: Some("90"),
            list: Some("100"),
            lines: &[(90, 10, "1000")],
            manual: None,
            tier: Low,
            computed: Low,
            margin: Some(0.10),
        },
        TierCase {
            name: "no sales, no list price: unclassified",
            cost: Some("10"),
            list: None,
            lines: &[],
            manual: None,
            tier: Unclassified,
            computed: Unclassified,
            margin: None,
        },
        TierCase {
            name: "no sales, list price 0: unclassified",
            cost: Some("10"),
            list: Some("0"),
            lines: &[],
            manual: None,
            tier: Unclassified,
            computed: Unclassified,
            margin: None,
        },
        TierCase {
            name: "cost missing with sales: unclassified",
            cost: None,
            list: Some("100"),
            lines: &[(1, 1, "100")],
            manual: None,
            tier: Unclassified,
            computed: Unclassified,
            margin: None,
        },
        TierCase {
            name: "cost missing without sales: unclassified",
            cost: None,
            list: Some("100"),
            lines: &[],
            manual: None,
            tier: Unclassified,
            computed: Unclassified,
            margin: None,
        },
        TierCase {
            name: "a manual tier wins over the computed one",
            cost: Some("70"),
            list: None,
            lines: &[(1, 1, "100")],
            manual: Some(Low),
            tier: Low,
            computed: High,
            margin: Some(0.30),
        },
        TierCase {
            name: "a manual tier classifies a cost-missing SKU",
            cost: None,
            list: None,
            lines: &[(1, 1, "100")],
            manual: Some(High),
            tier: High,
            computed: Unclassified,
            margin: None,
        },
    ];
    for c in cases {
        let mut d = Data::default();
        let p = d.product("A", c.cost, c.list);
        d.set(p).tier_override = c.manual;
        for &(days, qty, revenue) in c.lines {
            d.line(p, ago(days), qty, revenue);
        }
        let r = run(&d.ds);
        let f = &r.skus[0];
        assert_eq!(f.tier, c.tier, "{}: tier", c.name);
        assert_eq!(f.computed_tier, c.computed, "{}: computed tier", c.name);
        assert_eq!(f.tier_overridden, c.manual.is_some(), "{}: flag", c.name);
        close(f.tier_margin, c.margin, c.name);
        assert_eq!(f.cost_missing, c.cost.is_none(), "{}: cost missing", c.name);
    }
}

#[test]
fn classify_margin_compares_exactly_at_both_thresholds() {
    let s = Settings::default();
    let cases = [
        ("30", "100", Tier::High),
        ("29.999999", "100", Tier::Mid),
        ("25", "100", Tier::Mid),
        ("24.999999", "100", Tier::Low),
        ("0", "100", Tier::Low),
        ("100", "100", Tier::High),
        ("2.997", "9.99", Tier::High),
        ("2.4975", "9.99", Tier::Mid),
        ("2.497499", "9.99", Tier::Low),
    ];
    for (gp, revenue, tier) in cases {
        assert_eq!(
            classify_margin(m(gp), m(revenue), &s),
            tier,
            "{gp}/{revenue}"
        );
    }
}

// ---------------------------------------------------------------- tier shares

#[test]
fn tier_shares_count_active_skus_revenue_and_gp() {
    let mut d = Data::default();
    // high, sold in W (2 × 100, cost 50: GP 100), no stock
    let h = d.product("H", Some("50"), None);
    d.line(h, ago(1), 2, "200");
    // high by list margin (90 %), stock only
    let h2 = d.product("H2", Some("10"), Some("100"));
    d.lot(h2, 4, ago(5), None);
    // mid by list margin (28 %), stock only
    let mid = d.product("M", Some("72"), Some("100"));
    d.lot(mid, 5, ago(5), None);
    // unclassified (cost missing), sold in W: GP = revenue (no cost to subtract)
    let u = d.product("U", None, None);
    d.line(u, ago(5), 1, "100");
    // low, sold in W: 10 × 9 = 90 cost, GP 10
    let low = d.product("L", Some("9"), None);
    d.line(low, ago(3), 10, "100");
    // low by list margin but inactive: a sale before W, no stock
    let old = d.product("OLD", Some("90"), Some("100"));
    d.line(old, ago(100), 1, "100");
    // low, a lot of qty 0: on hand 0, inactive
    let empty = d.product("EMPTY", Some("90"), Some("100"));
    d.lot(empty, 0, ago(5), None);
    // low, a lot received after D: inactive
    let later = d.product("LATER", Some("90"), Some("100"));
    d.lot(later, 5, ago(-1), None);

    let r = run(&d.ds);
    let tiers: Vec<Tier> = r.skus.iter().map(|f| f.tier).collect();
    use Tier::*;
    assert_eq!(tiers, [High, High, Mid, Unclassified, Low, Low, Low, Low]);
    let active: Vec<bool> = r.skus.iter().map(|f| f.active).collect();
    assert_eq!(active, [true, true, true, true, true, false, false, false]);

    let k = &r.kpis;
    assert_eq!(k.tier_totals.skus, [2, 1, 1, 1]);
    assert_eq!(
        k.tier_share_skus,
        [Some(0.4), Some(0.2), Some(0.2), Some(0.2)]
    );
    assert_eq!(k.net_revenue, m("400"));
    assert_eq!(
        k.tier_totals.revenue,
        [m("200"), m("0"), m("100"), m("100")]
    );
    assert_eq!(
        k.tier_share_revenue,
        [Some(0.5), Some(0.0), Some(0.25), Some(0.25)]
    );
    assert_eq!(k.gross_profit, m("210"));
    assert_eq!(
        k.tier_totals.gross_profit,
        [m("100"), m("0"), m("10"), m("100")]
    );
    for (got, want) in k
        .tier_share_gp
        .iter()
        .zip([100.0 / 210.0, 0.0, 10.0 / 210.0, 100.0 / 210.0])
    {
        close(*got, Some(want), "GP share");
    }
    close(k.gross_margin, Some(210.0 / 400.0), "portfolio margin");
    assert_eq!(k.cost_missing, 1);
}

#[test]
fn tier_shares_are_null_when_their_denominator_is_not_positive() {
    struct Case {
        name: &'static str,
        build: fn(&mut Data),
        skus: bool,
        revenue: bool,
        gp: bool,
    }
    let cases = [
        Case {
            name: "no data",
            build: |_| {},
            skus: false,
            revenue: false,
            gp: false,
        },
        Case {
            name: "stock only: SKU shares, no revenue",
            build: |d| {
                let p = d.product("A", Some("1"), Some("2"));
                d.lot(p, 3, ago(1), None);
            },
            skus: true,
            revenue: false,
            gp: false,
        },
        Case {
            name: "returns only: revenue < 0",
            build: |d| {
                let p = d.product("A", Some("1"), Some("2"));
                d.line(p, ago(1), -1, "-2");
            },
            skus: true,
            revenue: false,
            gp: false,
        },
        Case {
            name: "sold at a loss: revenue > 0, GP < 0",
            build: |d| {
                let p = d.product("A", Some("150"), None);
                d.line(p, ago(1), 1, "100");
            },
            skus: true,
            revenue: true,
            gp: false,
        },
        Case {
            name: "sold at cost: GP = 0",
            build: |d| {
                let p = d.product("A", Some("100"), None);
                d.line(p, ago(1), 1, "100");
            },
            skus: true,
            revenue: true,
            gp: false,
        },
    ];
    for c in cases {
        let mut d = Data::default();
        (c.build)(&mut d);
        let k = run(&d.ds).kpis;
        assert_eq!(
            k.tier_share_skus.iter().all(Option::is_some),
            c.skus,
            "{}: skus {:?}",
            c.name,
            k.tier_share_skus
        );
        assert!(
            k.tier_share_skus.iter().all(Option::is_some) || k.tier_share_skus == [None; 4],
            "{}",
            c.name
        );
        assert_eq!(
            k.tier_share_revenue != [None; 4],
            c.revenue,
            "{}: revenue",
            c.name
        );
        assert_eq!(k.tier_share_gp != [None; 4], c.gp, "{}: gp", c.name);
        if !c.revenue {
            assert_eq!(k.gross_margin, None, "{}: margin", c.name);
        }
    }
}

// ---------------------------------------------------------------- returns, windows, D

#[test]
fn returns_reduce_units_revenue_and_velocity_but_are_not_sales() {
    let mut d = Data::default();
    let p = d.product("A", Some("4"), Some("10"));
    d.line(p, ago(40), 5, "50"); // in W, not in V
    d.line(p, ago(10), 3, "30"); // the last sale
    d.line(p, ago(2), -1, "-10"); // a return, later than the last sale
    d.lot(p, 10, ago(50), None);
    let r = run(&d.ds);
    let f = &r.skus[0];
    assert_eq!(f.units, 7);
    assert_eq!(f.net_revenue, m("70"));
    assert_eq!(f.cogs, m("28"));
    assert_eq!(f.gross_profit, m("42"));
    assert_eq!(f.units_velocity, 2);
    assert_eq!(f.velocity, 2.0 / 30.0);
    assert_eq!(f.cover, Cover::Days(150.0));
    assert_eq!(f.days_since_last_sale, Some(10));
    assert_eq!(r.kpis.net_revenue, m("70"));
    assert_eq!(r.kpis.cogs, m("28"));
}

#[test]
fn windows_include_their_first_day_and_d() {
    let mut d = Data::default();
    let p = d.product("A", Some("1"), None);
    for (days, qty) in [(0, 1), (29, 2), (30, 4), (89, 8), (90, 16)] {
        d.line(p, ago(days), qty, &format!("{}", qty * 10));
    }
    let f = &run(&d.ds).skus[0];
    assert_eq!(f.units, 1 + 2 + 4 + 8, "W is D-89 … D");
    assert_eq!(f.net_revenue, m("150"));
    assert_eq!(f.units_velocity, 1 + 2, "V is D-29 … D");
    assert_eq!(f.days_since_last_sale, Some(0));
}

/// A dataset touching every figure, all of it dated ≤ D.
fn everything() -> Data {
    let mut d = Data::default();
    let a = d.product("A", Some("4"), Some("10"));
    d.set(a).lifecycle = Some(Lifecycle::New);
    let b = d.product("B", Some("9"), Some("10"));
    d.line(a, ago(5), 2, "20").by(1, 1).via(Channel::Mobile);
    d.line(a, ago(20), 1, "10").by(1, 2).via(Channel::Other);
    d.line(b, ago(60), 3, "30").by(2, 3);
    d.lot(a, 6, ago(10), None);
    d.lot(b, 4, ago(100), Some("8"));
    d.visits(a, ago(3), 40);
    d
}

#[test]
fn lines_lots_and_visits_after_d_change_no_figure() {
    let base = everything();
    let before = run(&base.ds);
    // sanity: the base review is not empty
    assert_eq!(before.skus[0].days_since_last_sale, Some(5));
    assert_eq!(before.kpis.repurchase_rate, Some(0.5));
    close(before.kpis.mobile_share, Some(20.0 / 60.0), "mobile");
    assert_eq!(before.kpis.new_product_conversion, Some(1.0 / 40.0));

    let mut later = everything();
    let (a, b) = (0, 1);
    later
        .line(a, ago(-1), 50, "500")
        .by(2, 9)
        .via(Channel::Mobile);
    later.line(b, ago(-30), 7, "70").by(3, 10);
    later
        .line(b, ago(-2), 1, "10")
        .by(3, 11)
        .via(Channel::Mobile);
    later.lot(a, 100, ago(-1), None);
    later.lot(b, 100, ago(-400), Some("1"));
    later.visits(a, ago(-1), 1000);
    let after = run(&later.ds);
    assert_eq!(before, after);
}

#[test]
fn a_sale_only_after_d_is_never() {
    let mut d = Data::default();
    let p = d.product("A", Some("1"), Some("2"));
    d.line(p, ago(-1), 3, "6");
    d.lot(p, 2, ago(1), None);
    let f = &run(&d.ds).skus[0];
    assert_eq!(f.days_since_last_sale, None);
    assert_eq!(f.units, 0);
    assert_eq!(f.velocity, 0.0);
    assert_eq!(f.cover, Cover::Infinite);
    assert!(f.slow);
}

// ---------------------------------------------------------------- stock and aging

#[test]
fn age_buckets_at_every_edge() {
    let cases = [
        (0, 0),
        (30, 0),
        (31, 1),
        (60, 1),
        (61, 2),
        (90, 2),
        (91, 3),
        (180, 3),
        (181, 4),
        (400, 4),
    ];
    for (age, bucket) in cases {
        let mut d = Data::default();
        let p = d.product("A", Some("2.5"), None);
        d.lot(p, 3, ago(age), None);
        let f = &run(&d.ds).skus[0];
        assert_eq!(f.age_buckets.len(), 5);
        for (i, b) in f.age_buckets.iter().enumerate() {
            let want = if i == bucket {
                Bucket {
                    units: 3,
                    capital: m("7.5"),
                }
            } else {
                Bucket::default()
            };
            assert_eq!(*b, want, "age {age}, bucket {i}");
        }
    }
}

#[test]
fn stock_sums_lots_at_their_own_cost_and_leaves_out_later_lots() {
    let mut d = Data::default();
    let p = d.product("A", Some("2"), None);
    d.lot(p, 1, ago(0), None); // 2.00
    d.lot(p, 2, ago(30), Some("3")); // 6.00
    d.lot(p, 4, ago(31), None); // 8.00
    d.lot(p, 8, ago(181), Some("0.125")); // 1.00
    d.lot(p, 16, ago(-1), None); // after D: left out
    let r = run(&d.ds);
    let f = &r.skus[0];
    assert_eq!(f.on_hand, 15);
    assert_eq!(f.capital, m("17"));
    let units: Vec<i64> = f.age_buckets.iter().map(|b| b.units).collect();
    assert_eq!(units, [3, 4, 0, 0, 8]);
    let capital: Vec<Money> = f.age_buckets.iter().map(|b| b.capital).collect();
    assert_eq!(capital, [m("8"), m("8"), m("0"), m("0"), m("1")]);
    assert_eq!(r.kpis.capital_tied_up, m("17"));
    assert_eq!(r.kpis.on_hand, 15);
}

// ---------------------------------------------------------------- velocity, cover, flags

struct FlowCase {
    name: &'static str,
    velocity_days: u32,
    on_hand: i64,
    /// (days before D, qty)
    sales: &'static [(i32, i64)],
    velocity: f64,
    cover: Cover,
    since: Option<i64>,
    slow: bool,
    best: bool,
}

#[test]
fn velocity_cover_last_sale_and_flags() {
    let cases = [
        FlowCase {
            name: "11 on hand, 11 sold over 30 days: exactly 30 days, slow",
            velocity_days: 30,
            on_hand: 11,
            sales: &[(1, 11)],
            velocity: 11.0 / 30.0,
            cover: Cover::Days(30.0),
            since: Some(1),
            slow: true,
            best: false,
        },
        FlowCase {
            name: "29 days of cover: not slow",
            velocity_days: 30,
            on_hand: 29,
            sales: &[(1, 30)],
            velocity: 1.0,
            cover: Cover::Days(29.0),
            since: Some(1),
            slow: false,
            best: false,
        },
        FlowCase {
            name: "11 on hand, 12 sold: 27.5 days",
            velocity_days: 30,
            on_hand: 11,
            sales: &[(1, 12)],
            velocity: 12.0 / 30.0,
            cover: Cover::Days(27.5),
            since: Some(1),
            slow: false,
            best: false,
        },
        FlowCase {
            name: "sold in W but not in V: infinite cover",
            velocity_days: 30,
            on_hand: 5,
            sales: &[(40, 3)],
            velocity: 0.0,
            cover: Cover::Infinite,
            since: Some(40),
            slow: true,
            best: false,
        },
        FlowCase {
            name: "net returns in V: negative velocity, infinite cover",
            velocity_days: 30,
            on_hand: 5,
            sales: &[(40, 3), (3, -1)],
            velocity: -1.0 / 30.0,
            cover: Cover::Infinite,
            since: Some(40),
            slow: true,
            best: false,
        },
        FlowCase {
            name: "no stock: cover 0, neither flag",
            velocity_days: 30,
            on_hand: 0,
            sales: &[(1, 30)],
            velocity: 1.0,
            cover: Cover::Days(0.0),
            since: Some(1),
            slow: false,
            best: false,
        },
        FlowCase {
            name: "no stock, never sold: not slow",
            velocity_days: 30,
            on_hand: 0,
            sales: &[],
            velocity: 0.0,
            cover: Cover::Days(0.0),
            since: None,
            slow: false,
            best: false,
        },
        FlowCase {
            name: "stock, never sold: slow",
            velocity_days: 30,
            on_hand: 3,
            sales: &[],
            velocity: 0.0,
            cover: Cover::Infinite,
            since: None,
            slow: true,
            best: false,
        },
        FlowCase {
            name: "exactly 6 days of cover: best seller",
            velocity_days: 30,
            on_hand: 6,
            sales: &[(1, 30)],
            velocity: 1.0,
            cover: Cover::Days(6.0),
            since: Some(1),
            slow: false,
            best: true,
        },
        FlowCase {
            name: "7 days of cover: not a best seller",
            velocity_days: 30,
            on_hand: 7,
            sales: &[(1, 30)],
            velocity: 1.0,
            cover: Cover::Days(7.0),
            since: Some(1),
            slow: false,
            best: false,
        },
        FlowCase {
            name: "last sale 29 days ago, short cover: not slow",
            velocity_days: 60,
            on_hand: 1,
            sales: &[(29, 60)],
            velocity: 1.0,
            cover: Cover::Days(1.0),
            since: Some(29),
            slow: false,
            best: true,
        },
        FlowCase {
            name: "last sale 30 days ago: slow however short the cover",
            velocity_days: 60,
            on_hand: 1,
            sales: &[(30, 60)],
            velocity: 1.0,
            cover: Cover::Days(1.0),
            since: Some(30),
            slow: true,
            best: true,
        },
        FlowCase {
            name: "last sale before W still counts",
            velocity_days: 30,
            on_hand: 2,
            sales: &[(200, 1)],
            velocity: 0.0,
            cover: Cover::Infinite,
            since: Some(200),
            slow: true,
            best: false,
        },
        FlowCase {
            name: "a sale on D: 0 days",
            velocity_days: 30,
            on_hand: 300,
            sales: &[(0, 30), (15, 0)],
            velocity: 1.0,
            cover: Cover::Days(300.0),
            since: Some(0),
            slow: true,
            best: false,
        },
    ];
    for c in cases {
        let mut d = Data::default();
        let p = d.product("A", Some("1"), Some("2"));
        if c.on_hand > 0 {
            d.lot(p, c.on_hand, ago(10), None);
        }
        for &(days, qty) in c.sales {
            d.line(p, ago(days), qty, &format!("{}", qty * 2));
        }
        let r = review(
            &d.ds,
            Frame::new(d0(), 90, c.velocity_days),
            &Settings::default(),
        );
        let f = &r.skus[0];
        assert_eq!(f.velocity, c.velocity, "{}: velocity", c.name);
        assert_eq!(f.cover, c.cover, "{}: cover", c.name);
        assert_eq!(f.days_since_last_sale, c.since, "{}: since", c.name);
        assert_eq!(f.slow, c.slow, "{}: slow", c.name);
        assert_eq!(f.best_seller, c.best, "{}: best seller", c.name);
        assert_eq!(r.kpis.slow_movers, i64::from(c.slow), "{}", c.name);
        assert_eq!(r.kpis.best_sellers, i64::from(c.best), "{}", c.name);
    }
}

#[test]
fn days_of_cover_by_itself() {
    let cases = [
        (11, 11, 30, Cover::Days(30.0)),
        (0, 11, 30, Cover::Days(0.0)),
        (0, 0, 30, Cover::Days(0.0)),
        (-1, 5, 30, Cover::Days(0.0)),
        (5, 0, 30, Cover::Infinite),
        (5, -2, 30, Cover::Infinite),
        (7, 3, 7, Cover::Days(16.0 + 1.0 / 3.0)),
    ];
    for (on_hand, units, days, want) in cases {
        let got = days_of_cover(on_hand, units, days);
        match (got, want) {
            (Cover::Days(g), Cover::Days(w)) => {
                assert!((g - w).abs() < 1e-12, "{on_hand}/{units}/{days}: {g}")
            }
            _ => assert_eq!(got, want, "{on_hand}/{units}/{days}"),
        }
    }
    assert!(Cover::Infinite.sort_key() > Cover::Days(1e300).sort_key());
}

// ---------------------------------------------------------------- portfolio turnover

#[test]
fn portfolio_turnover_days() {
    let mut d = Data::default();
    let a = d.product("A", Some("3"), None);
    d.lot(a, 10, ago(1), None); // capital 30
    d.line(a, ago(2), 9, "90"); // COGS 27
    d.line(a, ago(95), 100, "1000"); // before W
    let b = d.product("B", Some("2"), None);
    d.lot(b, 15, ago(1), Some("4")); // capital 60
    d.line(b, ago(2), 3, "30"); // COGS 6
    let k = run(&d.ds).kpis;
    assert_eq!(k.capital_tied_up, m("90"));
    assert_eq!(k.cogs, m("33"));
    // 90 / (33 / 90)
    close(
        k.portfolio_turnover_days,
        Some(90.0 * 90.0 / 33.0),
        "turnover",
    );

    type Build = fn(&mut Data);
    let nulls: [(&str, Build); 3] = [
        ("no lines", |d| {
            let p = d.product("A", Some("3"), None);
            d.lot(p, 10, ago(1), None);
        }),
        ("returns only: COGS < 0", |d| {
            let p = d.product("A", Some("3"), None);
            d.lot(p, 10, ago(1), None);
            d.line(p, ago(1), -2, "-10");
        }),
        ("cost missing: COGS 0", |d| {
            let p = d.product("A", None, None);
            d.lot(p, 10, ago(1), Some("1"));
            d.line(p, ago(1), 2, "10");
        }),
    ];
    for (name, build) in nulls {
        let mut d = Data::default();
        build(&mut d);
        assert_eq!(run(&d.ds).kpis.portfolio_turnover_days, None, "{name}");
    }
}

// ---------------------------------------------------------------- customers and channels

#[test]
fn repurchase_rate_counts_distinct_orders_with_a_sale() {
    let mut d = Data::default();
    let p = d.product("A", Some("1"), None);
    let q = d.product("B", Some("1"), None);
    // customer 1: two lines of one order → one order
    d.line(p, ago(3), 1, "5").by(1, 1);
    d.line(q, ago(3), 1, "5").by(1, 1);
    // customer 2: two orders → repeat
    d.line(p, ago(10), 1, "5").by(2, 2);
    d.line(p, ago(50), 1, "5").by(2, 3);
    // customer 3: one order and a return → one order
    d.line(p, ago(10), 1, "5").by(3, 4);
    d.line(p, ago(5), -1, "-5").by(3, 5);
    // customer 4: one order in W, one before W → one order in W
    d.line(p, ago(1), 1, "5").by(4, 6);
    d.line(p, ago(120), 1, "5").by(4, 7);
    // customer 5: orders after D only → not a customer in W
    d.line(p, ago(-1), 1, "5").by(5, 8);
    d.line(p, ago(-2), 1, "5").by(5, 9);
    // customer 6: a return only → not a customer
    d.line(p, ago(2), -1, "-5").by(6, 10);
    // customer 7: a zero-qty line and a sale → one order
    d.line(p, ago(2), 0, "0").by(7, 11);
    d.line(p, ago(3), 2, "10").by(7, 12);
    // lines without a customer id: left out, however many orders
    d.line(p, ago(4), 1, "5");
    d.line(p, ago(5), 1, "5");
    // customers 1, 2, 3, 4, 7; repeat: 2
    assert_eq!(run(&d.ds).kpis.repurchase_rate, Some(1.0 / 5.0));

    let mut none = Data::default();
    let p = none.product("A", Some("1"), None);
    none.line(p, ago(1), 1, "5");
    none.line(p, ago(2), 1, "5");
    none.line(p, ago(3), -1, "-5").by(1, 99);
    let k = run(&none.ds).kpis;
    assert_eq!(k.repurchase_rate, None);
    assert_eq!(k.high_tier_repurchase_rate, None);
}

#[test]
fn high_tier_repurchase_counts_only_high_tier_lines() {
    let build = |manual: Option<Tier>| {
        let mut d = Data::default();
        let h = d.product("H", Some("1"), None); // 90 % margin: high
        let l = d.product("L", Some("9"), None); // 10 %: low
        d.set(l).tier_override = manual;
        // customer 1: one high order, one low order
        d.line(h, ago(1), 1, "10").by(1, 1);
        d.line(l, ago(2), 1, "10").by(1, 2);
        // customer 2: two high orders
        d.line(h, ago(3), 1, "10").by(2, 3);
        d.line(h, ago(4), 1, "10").by(2, 4);
        // customer 3: low only
        d.line(l, ago(5), 1, "10").by(3, 5);
        run(&d.ds).kpis
    };
    let k = build(None);
    assert_eq!(k.repurchase_rate, Some(2.0 / 3.0));
    assert_eq!(k.high_tier_repurchase_rate, Some(1.0 / 2.0));
    // a manual tier counts: L reclassified high makes customer 1 a repeat high-tier buyer
    let k = build(Some(Tier::High));
    assert_eq!(k.high_tier_repurchase_rate, Some(2.0 / 3.0));
}

#[test]
fn mobile_share_of_net_revenue() {
    struct Case {
        name: &'static str,
        /// (days before D, revenue, channel)
        lines: &'static [(i32, &'static str, Channel)],
        share: Option<f64>,
    }
    use Channel::{Mobile, None, Other};
    let cases = [
        Case {
            name: "mobile over all revenue, lines without a channel included",
            lines: &[(1, "60", Mobile), (2, "30", Other), (3, "10", None)],
            share: Some(0.6),
        },
        Case {
            name: "a mobile return lowers the share",
            lines: &[(1, "60", Mobile), (2, "-20", Mobile), (3, "60", Other)],
            share: Some(0.4),
        },
        Case {
            name: "mobile lines before W or after D are left out",
            lines: &[
                (1, "50", Mobile),
                (2, "50", Other),
                (90, "500", Mobile),
                (-1, "500", Mobile),
            ],
            share: Some(0.5),
        },
        Case {
            name: "no line has a channel",
            lines: &[(1, "60", None), (2, "40", None)],
            share: Option::None,
        },
        Case {
            name: "only lines outside W have a channel",
            lines: &[(1, "60", None), (90, "40", Mobile), (-1, "40", Other)],
            share: Option::None,
        },
        Case {
            name: "channels but no positive revenue",
            lines: &[(1, "-10", Mobile), (2, "0", Other)],
            share: Option::None,
        },
        Case {
            name: "no mobile line: 0",
            lines: &[(1, "10", Other)],
            share: Some(0.0),
        },
    ];
    for c in cases {
        let mut d = Data::default();
        let p = d.product("A", Some("1"), Option::None);
        for &(days, revenue, channel) in c.lines {
            d.line(p, ago(days), 1, revenue).via(channel);
        }
        assert_eq!(run(&d.ds).kpis.mobile_share, c.share, "{}", c.name);
    }
}

#[test]
fn new_product_conversion_is_distinct_buyers_over_visitors() {
    let mut d = Data::default();
    let n = d.product("N", Some("1"), None);
    d.set(n).lifecycle = Some(Lifecycle::New);
    let n2 = d.product("N2", Some("1"), None);
    d.set(n2).lifecycle = Some(Lifecycle::New);
    let core = d.product("C", Some("1"), None);
    d.set(core).lifecycle = Some(Lifecycle::Core);
    d.visits(n, ago(1), 10);
    d.visits(n, ago(89), 5);
    d.visits(n2, ago(2), 5);
    d.visits(n, ago(90), 1000); // before W
    d.visits(n, ago(-1), 1000); // after D
    d.visits(core, ago(1), 1000); // not new
    d.line(n, ago(1), 1, "5").by(1, 1); // buyer 1 …
    d.line(n, ago(2), 1, "5").by(1, 2); // … twice: one buyer
    d.line(n2, ago(3), 1, "5").by(1, 3); // … and of another new SKU: still one
    d.line(n2, ago(3), 2, "5").by(2, 4); // buyer 2
    d.line(n, ago(3), -1, "-5").by(3, 5); // a return: not a buyer
    d.line(core, ago(3), 1, "5").by(4, 6); // not a new SKU
    d.line(n, ago(95), 1, "5").by(5, 7); // before W
    d.line(n, ago(-1), 1, "5").by(6, 8); // after D
    d.line(n, ago(4), 1, "5"); // no customer id
    assert_eq!(
        run(&d.ds).kpis.new_product_conversion,
        Some(2.0 / 20.0),
        "2 buyers / 20 visitors"
    );

    let mut no_traffic = Data::default();
    let n = no_traffic.product("N", Some("1"), None);
    no_traffic.set(n).lifecycle = Some(Lifecycle::New);
    no_traffic.line(n, ago(1), 1, "5").by(1, 1);
    assert_eq!(run(&no_traffic.ds).kpis.new_product_conversion, None);

    let mut only_core = Data::default();
    let c = only_core.product("C", Some("1"), None);
    only_core.visits(c, ago(1), 10);
    only_core.line(c, ago(1), 1, "5").by(1, 1);
    assert_eq!(run(&only_core.ds).kpis.new_product_conversion, None);

    let mut no_buyers = Data::default();
    let n = no_buyers.product("N", Some("1"), None);
    no_buyers.set(n).lifecycle = Some(Lifecycle::New);
    no_buyers.visits(n, ago(1), 8);
    assert_eq!(run(&no_buyers.ds).kpis.new_product_conversion, Some(0.0));
}

// ---------------------------------------------------------------- clearance batches

fn batch(starts: Day, ends: Option<Day>, target: &str, skus: Vec<BatchSku>) -> ClearanceBatch {
    ClearanceBatch {
        id: 1,
        name: "batch".into(),
        channel: BatchChannel::FlashSale,
        starts_on: starts,
        ends_on: ends,
        ladder: Ladder::default(),
        cash_target: m(target),
        status: BatchStatus::Active,
        skus,
    }
}

#[test]
fn batch_progress_counts_lines_within_the_batch_dates_up_to_d() {
    let mut d = Data::default();
    let a = d.product("A", Some("1"), None);
    let b = d.product("B", Some("1"), None);
    let other = d.product("C", Some("1"), None);
    let (start, end) = (ago(20), ago(10));
    d.line(a, ago(21), 100, "1000"); // before start
    d.line(a, start, 1, "10"); // first day
    d.line(b, ago(15), 2, "20");
    d.line(b, ago(15), -1, "-5"); // a return counts negatively
    d.line(b, end, 4, "40"); // last day
    d.line(a, ago(9), 100, "1000"); // after the end
    d.line(other, ago(15), 100, "1000"); // not in the batch
    d.line(a, ago(2), 8, "80"); // after the end, before D
    d.line(a, ago(-1), 16, "160"); // after D
    let skus = vec![
        BatchSku {
            product: a,
            units_to_clear: Some(10),
        },
        BatchSku {
            product: b,
            units_to_clear: None, // all on hand: 7
        },
    ];
    let on_hand = |ix: usize| [5, 7, 1000][ix];

    struct Case {
        name: &'static str,
        ends: Option<Day>,
        target: &'static str,
        cash: &'static str,
        units: i64,
        cash_progress: Option<f64>,
    }
    let cases = [
        Case {
            name: "ended batch: start … end",
            ends: Some(end),
            target: "130",
            cash: "65",
            units: 6,
            cash_progress: Some(0.5),
        },
        Case {
            name: "running batch: start … D, not after D",
            ends: None,
            target: "130",
            cash: "1145",
            units: 114,
            cash_progress: Some(1145.0 / 130.0),
        },
        Case {
            name: "end after D: start … D",
            ends: Some(ago(-5)),
            target: "0",
            cash: "1145",
            units: 114,
            cash_progress: None,
        },
    ];
    for c in cases {
        let bt = batch(start, c.ends, c.target, skus.clone());
        let p = batch_progress(&d.ds, &bt, frame(), on_hand);
        assert_eq!(p.cash_recovered, m(c.cash), "{}: cash", c.name);
        assert_eq!(p.units_cleared, c.units, "{}: units", c.name);
        assert_eq!(p.units_to_clear, 17, "{}: to clear", c.name);
        close(p.cash_progress, c.cash_progress, c.name);
        close(
            p.units_progress,
            Some(c.units as f64 / 17.0),
            "units progress",
        );
    }

    // a batch that starts after D has recovered nothing yet
    let bt = batch(ago(-1), None, "100", skus.clone());
    let p = batch_progress(&d.ds, &bt, frame(), on_hand);
    assert_eq!((p.cash_recovered, p.units_cleared), (Money::ZERO, 0));
    assert_eq!(p.cash_progress, Some(0.0));

    // nothing to clear: no units progress
    let none = vec![BatchSku {
        product: a,
        units_to_clear: Some(0),
    }];
    let p = batch_progress(&d.ds, &batch(start, Some(end), "1", none), frame(), on_hand);
    assert_eq!(p.units_progress, None);
}

// ---------------------------------------------------------------- plan metrics

/// Four SKUs in two categories (D = 2025-09-30, W = 90, V = 30):
/// - A (Audio, cost 70): 30 sold 5 days ago for 3,000 (30 %: high); 10 on hand at 70.
/// - B (Audio, cost 90): 10 sold 20 days ago for 1,000 (10 %: low); 5 on hand at 90.
/// - C (Home, cost 20): 1 sold 40 days ago for 100 (80 %: high); 4 on hand at 20, no sale
///   in V: slow.
/// - E (Home, cost 95, list 100): never sold (list margin 5 %: low); 2 on hand at 95: slow.
///
/// Net revenue over W: 4,100. A year earlier (D' = 2024-09-30, W from 2024-07-03) A sold
/// one for 2,050 on 2024-09-20, and the data reaches back to 2024-07-01.
fn plan_shop() -> Data {
    let mut d = Data::default();
    let a = d.product("A", Some("70"), Some("100"));
    let b = d.product("B", Some("90"), Some("100"));
    let c = d.product("C", Some("20"), Some("100"));
    let e = d.product("E", Some("95"), Some("100"));
    for (p, category) in [(a, "Audio"), (b, "Audio"), (c, "Home"), (e, "Home")] {
        d.set(p).category = category.into();
    }
    d.line(a, ago(5), 30, "3000");
    d.line(b, ago(20), 10, "1000");
    d.line(c, ago(40), 1, "100");
    d.line(a, ago(375), 1, "2050");
    d.line(a, ago(456), 1, "0");
    d.lot(a, 10, ago(10), Some("70"));
    d.lot(b, 5, ago(100), Some("90"));
    d.lot(c, 4, ago(200), Some("20"));
    d.lot(e, 2, ago(50), Some("95"));
    d
}

fn target(metric: TargetMetric, category: Option<&str>) -> Target {
    Target {
        category: category.map(str::to_string),
        ..Target::new(metric, rust_decimal::Decimal::ONE)
    }
}

#[test]
fn the_new_plan_metrics_follow_metrics_md() {
    use crate::domain::headline::Value;
    use crate::domain::plan::{metric_value, year_earlier_for_plans, Reading};
    use TargetMetric::*;
    let mut d = plan_shop();
    let r = run(&d.ds);
    assert_eq!(r.kpis.net_revenue, m("4100"));
    let slow: Vec<bool> = r.skus.iter().map(|f| f.slow).collect();
    assert_eq!(slow, [false, false, true, true]);
    let tiers: Vec<Tier> = r.skus.iter().map(|f| f.tier).collect();
    assert_eq!(tiers, [Tier::High, Tier::Low, Tier::High, Tier::Low]);
    // No plan follows revenue growth: the year earlier is not computed.
    assert_eq!(
        year_earlier_for_plans(&d.ds, &r, &Settings::default()),
        None
    );
    d.ds.plans.push(Plan {
        id: 1,
        horizon: Horizon::Short,
        title: "grow".into(),
        due_on: None,
        status: PlanStatus::Doing,
        target: Some(target(RevenueGrowthYoy, None)),
        start: None,
        baseline: None,
        note: String::new(),
    });
    let earlier = year_earlier_for_plans(&d.ds, &r, &Settings::default());
    assert_eq!(earlier.as_ref().map(|k| k.net_revenue), Some(m("2050")));
    let at = Reading {
        ds: &d.ds,
        review: &r,
        year_earlier: earlier.as_ref(),
    };
    let value = |metric, category| metric_value(&target(metric, category), at, None);
    // B and E of four active SKUs are low tier.
    assert_eq!(value(LowTierSkuShare, None), Some(Value::Ratio(Some(0.5))));
    // C 4 × 20 + E 2 × 95.
    assert_eq!(value(SlowMoverCapital, None), Some(Value::Money(m("270"))));
    // B 5 × 90 + E 2 × 95.
    assert_eq!(value(LowTierCapital, None), Some(Value::Money(m("640"))));
    assert_eq!(
        value(CategoryRevenueShare, Some("Audio")),
        Some(Value::Ratio(Some(4000.0 / 4100.0)))
    );
    assert_eq!(
        value(CategoryRevenueShare, Some(" Home ")),
        Some(Value::Ratio(Some(100.0 / 4100.0)))
    );
    // A category no SKU has: 0 of the revenue.
    assert_eq!(
        value(CategoryRevenueShare, Some("Garden")),
        Some(Value::Ratio(Some(0.0)))
    );
    // 4,100 / 2,050 − 1.
    assert_eq!(value(RevenueGrowthYoy, None), Some(Value::Ratio(Some(1.0))));
    // Without the year earlier, growth is undefined.
    let without = Reading {
        year_earlier: None,
        ..at
    };
    assert_eq!(
        metric_value(&target(RevenueGrowthYoy, None), without, None),
        Some(Value::Ratio(None))
    );
    // A batch metric without its batch's progress has no value.
    assert_eq!(value(BatchCashRecovered, None), None);
}

#[test]
fn a_baseline_is_the_metric_as_of_the_start() {
    use crate::domain::plan::{baseline_at, baselines};
    use TargetMetric::*;
    let d = plan_shop();
    let s = Settings::default();
    let r = run(&d.ds);
    let dec = |t: &str| t.parse::<rust_decimal::Decimal>().unwrap();
    let revenue = target(NetRevenue, None);
    let audio = target(CategoryRevenueShare, Some("Audio"));
    // As of 20 days ago the window holds B's 1,000 and C's 100 (A sold after).
    let got = baselines(
        &d.ds,
        &[(&revenue, ago(20)), (&audio, ago(20)), (&revenue, d0())],
        frame(),
        &s,
        Some(&r),
    );
    assert_eq!(
        got,
        vec![
            Some(dec("1100")),
            Some(dec("0.909091")), // 1,000 / 1,100 to six decimals
            Some(dec("4100")),
        ]
    );
    // Without a sale in the window (ago(289) … ago(200)), a share is undefined: no
    // baseline.
    assert_eq!(
        baseline_at(&d.ds, &audio, ago(200), frame(), &s, None),
        None
    );
    // A batch's figure starts from 0 with the batch: no baseline of its own.
    assert_eq!(
        baseline_at(
            &d.ds,
            &target(BatchCashRecovered, None),
            d0(),
            frame(),
            &s,
            None
        ),
        None
    );
    // Revenue growth as of 20 days ago: its year-earlier window (from 2024-06-13) starts
    // before the data (2024-07-01), so growth is undefined then.
    assert_eq!(
        baseline_at(
            &d.ds,
            &target(RevenueGrowthYoy, None),
            ago(20),
            frame(),
            &s,
            None
        ),
        None
    );
}

#[test]
fn plans_are_measured_from_their_start_with_the_review() {
    use crate::domain::plan::{all_progress, year_earlier_for_plans};
    let mut d = plan_shop();
    let plan = |id, metric, value: &str, baseline: &str| Plan {
        id,
        horizon: Horizon::Short,
        title: format!("plan {id}"),
        due_on: Some(ago(-10)),
        status: PlanStatus::Doing,
        target: Some(Target {
            category: Some("Audio".into()),
            ..Target::new(metric, value.parse().unwrap())
        }),
        start: Some(ago(10)),
        baseline: Some(baseline.parse().unwrap()),
        note: String::new(),
    };
    // Growth 0.5 → 1.5, now 1.0: half way at half the time.
    d.ds.plans
        .push(plan(1, TargetMetric::RevenueGrowthYoy, "1.5", "0.5"));
    // Slow-mover capital 370 → 170, now 270: half way.
    d.ds.plans
        .push(plan(2, TargetMetric::SlowMoverCapital, "170", "370"));
    // Audio's share 0.9 → 1, now 0.9756…: 0.7561 of the way.
    d.ds.plans
        .push(plan(3, TargetMetric::CategoryRevenueShare, "1", "0.9"));
    let r = run(&d.ds);
    let earlier = year_earlier_for_plans(&d.ds, &r, &Settings::default());
    let (_, progress) = all_progress(&d.ds, &r, earlier.as_ref());
    close(progress[0].current, Some(1.0), "growth now");
    close(progress[0].fraction, Some(0.5), "growth");
    close(progress[1].current, Some(270.0), "capital now");
    close(progress[1].fraction, Some(0.5), "capital");
    // 4,000 / 4,100 = 0.9756097…, compared at the baseline's six decimals: 0.975610.
    close(progress[2].current, Some(4000.0 / 4100.0), "share now");
    close(progress[2].fraction, Some((0.975610 - 0.9) / 0.1), "share");
    for p in &progress {
        close(p.expected, Some(0.5), "expected");
        assert_eq!(p.start, Some(ago(10)));
    }
    assert!(!progress[0].off_track && !progress[1].off_track && !progress[2].off_track);
}

// ---------------------------------------------------------------- as-of date and targets

#[test]
fn the_default_as_of_date_is_the_latest_line_or_lot() {
    let mut d = Data::default();
    assert_eq!(d.ds.latest_day(), None);
    let p = d.product("A", Some("1"), None);
    d.line(p, ago(5), 1, "1");
    assert_eq!(d.ds.latest_day(), Some(ago(5)));
    d.lot(p, 1, ago(2), None);
    assert_eq!(d.ds.latest_day(), Some(ago(2)), "a later lot");
    d.line(p, ago(1), -1, "-1");
    assert_eq!(d.ds.latest_day(), Some(ago(1)), "a later return");
    d.visits(p, ago(-5), 10);
    assert_eq!(d.ds.latest_day(), Some(ago(1)), "traffic does not move D");
}

#[test]
fn meets_a_higher_is_better_target_inclusively() {
    let target: Ratio = "0.40".parse().unwrap();
    let cases = [
        (Some(0.40), true),
        (Some(0.41), true),
        (Some(0.399), false),
        (None, false),
    ];
    for (value, want) in cases {
        assert_eq!(meets(value, target), want, "{value:?}");
    }
}

#[test]
fn a_restated_review_equals_a_fresh_one_after_catalog_changes() {
    let mut d = Data::default();
    let a = d.product("A", Some("6"), Some("10"));
    let b = d.product("B", Some("2"), Some("10"));
    let c = d.product("C", None, Some("5"));
    for (i, (p, days, qty, rev)) in [
        (a, 5, 2, "20"),
        (b, 10, 1, "10"),
        (b, 40, 3, "30"),
        (c, 3, 1, "5"),
        (a, 70, -1, "-10"),
    ]
    .into_iter()
    .enumerate()
    {
        d.line(p, ago(days), qty, rev)
            .by(i as u32 % 2, 1000 + i as u32);
    }
    d.lot(a, 5, ago(100), None);
    d.lot(b, 7, ago(20), Some("1.5"));
    d.visits(b, ago(3), 40);
    d.ds.prepare();
    let s = Settings::default();
    let before = review(&d.ds, frame(), &s);

    // What catalog changes do: a tier set by hand, a lifecycle, a cost arriving.
    d.set(a).tier_override = Some(Tier::High);
    d.set(b).lifecycle = Some(Lifecycle::New);
    d.set(c).unit_cost = Some(m("1"));
    let fresh = review(&d.ds, frame(), &s);
    assert_ne!(fresh, before, "the changes must move some figure");
    let restated = restate(&d.ds, before, &s);
    assert_eq!(restated, fresh);
    assert_eq!(restated.kpis, fresh.kpis);

    // A change that moves no tier and no lifecycle (the cached customer figures are
    // reused), then one that moves a tier back.
    d.set(c).category = "hats".into();
    let restated = restate(&d.ds, restated, &s);
    assert_eq!(restated.kpis, review(&d.ds, frame(), &s).kpis);
    let high_rate_before = restated.kpis.high_tier_repurchase_rate;
    d.set(a).tier_override = Some(Tier::Low);
    let restated = restate(&d.ds, restated, &s);
    let fresh = review(&d.ds, frame(), &s);
    assert_eq!(restated, fresh);
    assert_eq!(
        restated.kpis.high_tier_repurchase_rate,
        fresh.kpis.high_tier_repurchase_rate
    );
    assert_ne!(
        restated.kpis.high_tier_repurchase_rate, high_rate_before,
        "taking A out of the high tier moves the high-tier repurchase rate"
    );
}

/// A review for another frame that reuses the previous review's memory gives the same
/// figures as one computed afresh, whatever the frame and bucket count it reuses.
#[test]
fn a_review_reusing_memory_equals_a_fresh_one() {
    let mut d = Data::default();
    let a = d.product("A", Some("6"), Some("10"));
    let b = d.product("B", Some("2"), Some("10"));
    d.line(a, ago(5), 2, "20").by(1, 1);
    d.line(b, ago(40), 3, "30").by(1, 2);
    d.line(a, ago(95), 1, "10").by(2, 3);
    d.lot(a, 5, ago(100), None);
    d.lot(b, 7, ago(20), Some("1.5"));
    d.ds.prepare();
    let s = Settings::default();
    let fewer_buckets = Settings {
        age_buckets: vec![45],
        ..Settings::default()
    };
    let mut r = review(&d.ds, frame(), &s);
    for (days, settings) in [(30, &s), (0, &fewer_buckets), (60, &s), (-3, &s)] {
        let f = Frame::new(ago(days), 90, 30);
        r = review_again(&d.ds, f, settings, r);
        assert_eq!(r, review(&d.ds, f, settings), "as of {days} days ago");
    }
}

/// A reclassify, a lifecycle, a cost or a list price changed on one SKU at a time:
/// restating only that SKU gives the review computed from scratch, every time —
/// including the high-tier repurchase rate and new-product conversion, whose buyer
/// tallies are updated for the moved SKU only.
#[test]
fn restating_the_touched_products_equals_a_fresh_review() {
    let mut d = Data::default();
    // A small deterministic generator (an LCG), so the data has no hand-made symmetry.
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let products: Vec<ProductIx> = (0..24)
        .map(|i| {
            let cost = format!("{}", 2 + next(6));
            let list = format!("{}", 5 + next(10));
            d.product(&format!("P{i}"), Some(&cost), Some(&list))
        })
        .collect();
    for i in 0..400u32 {
        let p = products[next(24) as usize];
        let qty = next(4) as i64 + 1;
        let price = 4 + next(9) as i64;
        let revenue = format!("{}", qty * price);
        let day = ago(next(120) as i32);
        // Two lines to an order; 150 customers, some of whom come back.
        d.line(p, day, qty, &revenue).by(next(150) as u32, i / 2);
    }
    for &p in &products {
        d.lot(p, next(30) as i64, ago(next(200) as i32), None);
        d.visits(p, ago(next(60) as i32), next(50) as i64);
    }
    d.ds.prepare();
    let s = Settings::default();
    let mut restated = review(&d.ds, frame(), &s);
    let tiers = [Tier::High, Tier::Low, Tier::Mid, Tier::High];
    let mut high_rates = std::collections::BTreeSet::new();
    for step in 0..60u64 {
        let p = products[next(24) as usize];
        let product = d.set(p);
        match step % 4 {
            0 | 1 => product.tier_override = Some(tiers[next(4) as usize]),
            2 => {
                product.lifecycle =
                    [None, Some(Lifecycle::New), Some(Lifecycle::Core)][next(3) as usize]
            }
            _ => product.unit_cost = Some(m(&format!("{}", 1 + next(9)))),
        }
        restated = restate_products(&d.ds, restated, &s, &[p]);
        let fresh = review(&d.ds, frame(), &s);
        assert_eq!(restated, fresh, "step {step}, product {p}");
        if let Some(rate) = fresh.kpis.high_tier_repurchase_rate {
            high_rates.insert(rate.to_bits());
        }
    }
    assert!(
        high_rates.len() > 3,
        "the changes must move the high-tier repurchase rate: {high_rates:?}"
    );
}

#[test]
fn the_integer_share_test_agrees_with_decimal_arithmetic() {
    use rust_decimal::Decimal;
    let shares: Vec<Decimal> = ["0.25", "0.3", "0.30", "0.333333", "0", "1", "0.0000001"]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
    // A small deterministic generator: boundaries, odd values, large magnitudes.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut cases: Vec<(i128, i128)> = vec![(25, 100), (30, 100), (-5, 100), (0, 1)];
    for _ in 0..2000 {
        let rev = i128::from(next() % 1_000_000_000_000) + 1;
        let gp = i128::from(next() % 2_000_000_000_000) - 1_000_000_000_000;
        cases.push((gp, rev));
    }
    for share in &shares {
        for &(gp, rev) in &cases {
            let want = Decimal::from_i128_with_scale(gp, 0)
                >= *share * Decimal::from_i128_with_scale(rev, 0);
            assert_eq!(reaches(gp, rev, *share), want, "{gp} vs {share} × {rev}");
        }
    }
}

// ---------------------------------------------------------------- mix breakdown

/// The mix tab's breakdown by brand groups as the one by category does (D = 2025-09-30,
/// W = 90, V = 30):
/// - A (Audio, Kite, cost 70): 30 sold for 3,000 (GP 900, high); 10 on hand.
/// - B (Audio, no brand, cost 90): 10 sold for 1,000 (GP 100, low); 5 on hand.
/// - C (Home, Kite, cost 20): 1 sold for 100 (GP 80, high); 4 on hand.
/// - E (Home, Lumo, cost 95): never sold; 2 on hand (active, no revenue).
/// - F (Home, Kite, no cost): 2 sold for 500 (no COGS: GP 500); 3 on hand.
/// - G (Home, Kite, cost 10): sold 200 days ago, nothing on hand: not in the window,
///   left out.
#[test]
fn the_mix_breakdown_by_brand_sums_each_brands_skus() {
    use crate::domain::mix_view::{breakdown, categories, Breakdown};
    let mut d = Data::default();
    let a = d.product("A", Some("70"), Some("100"));
    let b = d.product("B", Some("90"), Some("100"));
    let c = d.product("C", Some("20"), Some("100"));
    let e = d.product("E", Some("95"), Some("100"));
    let f = d.product("F", None, Some("300"));
    let g = d.product("G", Some("10"), Some("100"));
    for (p, category, brand) in [
        (a, "Audio", "Kite"),
        (b, "Audio", ""),
        (c, "Home", "Kite"),
        (e, "Home", "Lumo"),
        (f, "Home", "Kite"),
        (g, "Home", "Kite"),
    ] {
        d.set(p).category = category.into();
        d.set(p).brand = brand.into();
    }
    d.line(a, ago(5), 30, "3000");
    d.line(b, ago(20), 10, "1000");
    d.line(c, ago(40), 1, "100");
    d.line(f, ago(10), 2, "500");
    d.line(g, ago(200), 1, "100");
    d.lot(a, 10, ago(10), Some("70"));
    d.lot(b, 5, ago(100), Some("90"));
    d.lot(c, 4, ago(200), Some("20"));
    d.lot(e, 2, ago(50), Some("95"));
    d.lot(f, 3, ago(50), None);
    let r = run(&d.ds);
    let brands = breakdown(&d.ds, &r, Breakdown::Brand);
    let names: Vec<&str> = brands.iter().map(|x| x.name.as_str()).collect();
    // Most revenue first; the SKUs without a brand are a row of their own.
    assert_eq!(names, ["Kite", "", "Lumo"]);
    let kite = &brands[0];
    assert_eq!(kite.skus, 3, "A, C, F (G is out of the window)");
    assert_eq!(kite.revenue, m("3600"));
    assert_eq!(kite.gross_profit, m("1480"));
    assert_eq!(kite.tier_revenue[Tier::High.index()], m("3100"));
    // F has no cost: the costed margin is A's and C's, 980 / 3,100, covering 3,100 of
    // 3,600.
    assert_eq!(kite.costed.revenue, m("3100"));
    assert_eq!(kite.costed.gross_profit, m("980"));
    close(
        kite.costed.coverage(kite.revenue),
        Some(3100.0 / 3600.0),
        "coverage",
    );
    assert_eq!((brands[1].skus, brands[1].revenue), (1, m("1000")));
    assert_eq!((brands[2].skus, brands[2].revenue), (1, Money::ZERO));
    // The same code by category.
    let cats = categories(&d.ds, &r);
    let by_cat: Vec<(&str, i64, Money)> = cats
        .iter()
        .map(|x| (x.name.as_str(), x.skus, x.revenue))
        .collect();
    assert_eq!(by_cat, [("Audio", 2, m("4000")), ("Home", 3, m("600"))]);
}
