//! The next step per SKU (METRICS.md "Next steps per SKU"): when it runs out, whether to
//! reorder now and how many. Exact: velocity is net units over V / V, so every
//! comparison and rounding is done on whole numbers (units × days), never on a float.

use super::dates::{Day, Frame};
use super::model::{Lifecycle, Product};
use super::settings::Settings;

/// A SKU's stock-out date and order, as of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reorder {
    /// D + ⌊on hand / velocity⌋; `None` for a SKU that does not sell or is being run
    /// down (lifecycle clearance or discontinued).
    pub stockout: Option<Day>,
    /// On hand ≤ the reorder point, velocity × (lead time + safety days).
    pub now: bool,
    /// ⌈velocity × (lead time + review period + safety days) − on hand⌉ when `now`.
    pub qty: i64,
    /// The lead time used: the product's own, else the setting.
    pub lead_days: u32,
    /// The last day to order so the stock arrives before it runs out: the stock-out
    /// date less the lead time, never before the as-of date.
    pub order_by: Option<Day>,
}

/// The lead time of a product: its own `lead_time_days`, else the setting.
pub fn lead_days(p: &Product, s: &Settings) -> u32 {
    p.lead_time_days.unwrap_or(s.lead_time_days)
}

/// `num / den` rounded toward −∞ (`den` > 0).
fn floor_div(num: i128, den: i128) -> i128 {
    num.div_euclid(den)
}

/// `num / den` rounded toward +∞ (`den` > 0).
fn ceil_div(num: i128, den: i128) -> i128 {
    -(-num).div_euclid(den)
}

/// The next step of a SKU with `on_hand` units that sold `units_velocity` net units over
/// the velocity window of `frame`.
pub fn reorder(
    p: &Product,
    on_hand: i64,
    units_velocity: i64,
    frame: Frame,
    s: &Settings,
) -> Reorder {
    let lead = lead_days(p, s);
    let run_down = matches!(
        p.lifecycle,
        Some(Lifecycle::Clearance | Lifecycle::Discontinued)
    );
    if units_velocity <= 0 || run_down || frame.velocity_days == 0 {
        return Reorder {
            lead_days: lead,
            ..Reorder::default()
        };
    }
    // velocity = u / v
    let (u, v) = (i128::from(units_velocity), i128::from(frame.velocity_days));
    let on_hand = i128::from(on_hand);
    let days_left = floor_div(on_hand * v, u);
    // Past 9999-12-31 (a huge stock) there is no date to say: `None`, as for a SKU that
    // does not sell.
    let stockout = i32::try_from(i128::from(frame.as_of.0) + days_left)
        .ok()
        .map(Day)
        .filter(|d| *d <= Day::LAST)
        .map(|d| d.max(Day::FIRST));
    let point_days = i128::from(lead) + i128::from(s.safety_days);
    let order_days = point_days + i128::from(s.review_period_days);
    // on hand ≤ u / v × (L + S)  ⇔  on hand × v ≤ u × (L + S)
    let now = on_hand * v <= u * point_days;
    let qty = if now {
        i64::try_from(ceil_div(u * order_days - on_hand * v, v).max(0)).unwrap_or(i64::MAX)
    } else {
        0
    };
    let order_by = stockout.map(|d| d.plus(-(lead.min(36_500) as i32)).max(frame.as_of));
    Reorder {
        stockout,
        now,
        qty,
        lead_days: lead,
        order_by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(s: &str) -> Day {
        Day::from_date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    fn frame() -> Frame {
        Frame::new(day("2025-09-30"), 90, 30)
    }

    #[test]
    fn a_best_seller_runs_out_and_is_ordered_exactly() {
        // 135 units over 30 days: 4.5 a day. 20 on hand: ⌊20 / 4.5⌋ = 4 days left.
        let s = Settings::default();
        let p = Product::default();
        let r = reorder(&p, 20, 135, frame(), &s);
        assert_eq!(r.stockout, Some(day("2025-10-04")));
        // Reorder point 4.5 × (14 + 3) = 76.5 ≥ 20; order ⌈4.5 × 24 − 20⌉ = ⌈88⌉ = 88.
        assert!(r.now);
        assert_eq!(r.qty, 88);
        assert_eq!(r.lead_days, 14);
        // It runs out before a 14-day delivery could arrive: order today.
        assert_eq!(r.order_by, Some(day("2025-09-30")));
    }

    #[test]
    fn the_products_own_lead_time_wins_and_rounding_is_up() {
        let s = Settings::default();
        let p = Product {
            lead_time_days: Some(5),
            ..Product::default()
        };
        // 10 units over 30 days: 1/3 a day; point 1/3 × 8 = 2.67; 2 on hand ≤ 2.67.
        let r = reorder(&p, 2, 10, frame(), &s);
        assert!(r.now);
        // ⌈1/3 × 15 − 2⌉ = ⌈3⌉ = 3; stock-out ⌊2 × 3⌋ = 6 days.
        assert_eq!(r.qty, 3);
        assert_eq!(r.stockout, Some(day("2025-10-06")));
        // 3 on hand > 2.67: not yet.
        let r = reorder(&p, 3, 10, frame(), &s);
        assert!(!r.now);
        assert_eq!(r.qty, 0);
        // A reorder point hit exactly counts: 1/3 × 9 = 3 with one more safety day.
        let s = Settings {
            safety_days: 4,
            ..Settings::default()
        };
        assert!(reorder(&p, 3, 10, frame(), &s).now);
    }

    #[test]
    fn clearance_discontinued_and_unsold_skus_have_no_next_step() {
        let s = Settings::default();
        for lifecycle in [Lifecycle::Clearance, Lifecycle::Discontinued] {
            let p = Product {
                lifecycle: Some(lifecycle),
                ..Product::default()
            };
            let r = reorder(&p, 0, 100, frame(), &s);
            assert_eq!((r.stockout, r.now, r.qty), (None, false, 0));
        }
        let r = reorder(&Product::default(), 50, 0, frame(), &s);
        assert_eq!((r.stockout, r.now, r.qty), (None, false, 0));
        // Returns outweigh sales: velocity ≤ 0.
        let r = reorder(&Product::default(), 50, -3, frame(), &s);
        assert_eq!((r.stockout, r.now, r.qty), (None, false, 0));
    }

    #[test]
    fn no_stock_runs_out_today_and_orders_the_whole_cover() {
        let s = Settings::default();
        let r = reorder(&Product::default(), 0, 30, frame(), &s);
        assert_eq!(r.stockout, Some(day("2025-09-30")));
        assert!(r.now);
        assert_eq!(r.qty, 24);
    }
}
