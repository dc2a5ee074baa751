use super::*;

const ORDERS: &str = "order_id,ordered_at,sku,qty,unit_price,customer_id
A,2025-01-01,S1,1,5,C1
A,2025-01-01,S2,1,5,C1
B,2025-01-02,S2,1,5,C2
A,2025-01-03,S3,1,5,
C,2025-01-04,S1,1,5,C1
D,2025-01-05,S1,x,5,C3
";

#[test]
fn order_rows_number_orders_skus_and_customers_as_first_met_and_count_lines() {
    let mut seqs = Vec::new();
    let good = &ORDERS[..ORDERS.find("D,").unwrap()];
    let streamed = orders_each("o.csv", good.as_bytes(), |r| {
        seqs.push((
            r.order_seq,
            r.line_no,
            r.sku_seq,
            r.customer.map(|_| r.customer_seq),
        ));
        ControlFlow::Continue(())
    });
    assert_eq!(streamed.ok().map(|s| s.rows), Some(5));
    assert_eq!(
        seqs,
        [
            (0, 1, 0, Some(0)),
            (0, 2, 1, Some(0)),
            (1, 1, 1, Some(1)),
            // Order A again, after B: its number and its line count go on.
            (0, 3, 2, None),
            (2, 1, 0, Some(0)),
        ]
    );
}

#[test]
fn a_break_stops_reading_the_file() {
    let mut emitted = 0;
    // The bad qty on the last line is never read.
    let streamed = orders_each("o.csv", ORDERS.as_bytes(), |_| {
        emitted += 1;
        if emitted == 2 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(emitted, 2);
    assert_eq!(streamed.ok().map(|s| s.rows), Some(2));
    let whole = orders_each("o.csv", ORDERS.as_bytes(), |_| ControlFlow::Continue(()));
    assert_eq!(whole.map_err(|e| e[0].line), Err(7));
}

#[test]
fn integers_in_the_forms_exports_write_them() {
    let cases = [
        ("12", Some(12)),
        ("-3", Some(-3)),
        ("12.0", Some(12)),
        ("1,200", Some(1200)),
        ("=\"7\"", Some(7)),
        ("1.5", None),
        ("abc", None),
        ("", None),
        ("12,00", None),
        ("99999999999999", None),
        ("+4", Some(4)),
    ];
    for (text, want) in cases {
        assert_eq!(parse_int(text), want, "{text}");
    }
}

#[test]
fn item_16_a_whole_number_past_the_limit_is_too_large_not_unwhole() {
    for text in [
        "3000000000",
        "-3000000000",
        "1,000,000,001",
        "99999999999999999999999",
    ] {
        assert_eq!(parse_whole(text), Err(IntError::TooLarge), "{text}");
    }
    assert_eq!(parse_whole("1,000,000,000"), Ok(1_000_000_000));
    assert_eq!(parse_whole("0000000000000012"), Ok(12));
    assert_eq!(parse_whole("1.5"), Err(IntError::NotWhole));
    assert!(IntError::TooLarge.message().contains("1,000,000,000"));
}
