use super::*;

fn line(qty: i64, micros: i128, customer: Option<u32>, channel: Channel) -> Option<Line> {
    Line::new(
        7,
        Day(739_000),
        qty,
        Money::from_micros(micros),
        3,
        customer,
        channel,
    )
}

#[test]
fn a_line_is_32_bytes() {
    assert_eq!(std::mem::size_of::<Line>(), 32);
}

/// Every value within range comes back as it went in, extremes included, and the
/// customer and channel sharing a word do not disturb each other.
#[test]
fn values_in_range_come_back_as_they_went_in() {
    let top = (1i128 << 95) - 1;
    let customers = [None, Some(0), Some(1), Some(Line::CUSTOMER_LIMIT - 1)];
    let channels = [Channel::None, Channel::Mobile, Channel::Other];
    for qty in [0, 1, -1, i64::from(i32::MAX), i64::from(i32::MIN)] {
        for micros in [0, 1, -1, 10i128.pow(24), -(10i128.pow(24)), top, -top - 1] {
            for customer in customers {
                for channel in channels {
                    let l = line(qty, micros, customer, channel).expect("in range");
                    assert_eq!(l.qty(), qty);
                    assert_eq!(l.net_revenue().micros(), micros);
                    assert_eq!((l.customer(), l.channel()), (customer, channel));
                    assert_eq!((l.product, l.day, l.order), (7, Day(739_000), 3));
                }
            }
        }
    }
    let mut l = line(1, 5, Some(9), Channel::Mobile).unwrap();
    l.set_customer(None).unwrap();
    assert_eq!((l.customer(), l.channel()), (None, Channel::Mobile));
    l.set_channel(Channel::Other);
    l.set_customer(Some(4)).unwrap();
    assert_eq!((l.customer(), l.channel()), (Some(4), Channel::Other));
}

#[test]
fn values_out_of_range_are_refused_not_wrapped() {
    assert!(line(i64::from(i32::MAX) + 1, 0, None, Channel::None).is_none());
    assert!(line(i64::from(i32::MIN) - 1, 0, None, Channel::None).is_none());
    assert!(line(1, 1 << 95, None, Channel::None).is_none());
    assert!(line(1, -(1 << 95) - 1, None, Channel::None).is_none());
    let limit = Some(Line::CUSTOMER_LIMIT);
    assert!(line(1, 0, limit, Channel::None).is_none());
    let mut l = line(2, 7, Some(1), Channel::Mobile).unwrap();
    assert!(l.set_customer(Some(u32::MAX)).is_none());
    assert!(l.set_qty(1 << 40).is_none());
    assert!(l.set_net_revenue(Money::from_micros(1 << 100)).is_none());
    assert_eq!(
        (l.qty(), l.net_revenue().micros()),
        (2, 7),
        "left as it was"
    );
    assert_eq!((l.customer(), l.channel()), (Some(1), Channel::Mobile));
}
