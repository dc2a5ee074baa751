use super::*;

fn line(day: i32, product: ProductIx, qty: i64, micros: i128) -> Line {
    let revenue = Money::from_micros(micros);
    Line::new(product, Day(day), qty, revenue, 7, None, Channel::None).unwrap()
}

#[test]
fn lines_come_back_as_they_went_in() {
    let mut lines = vec![
        line(739_000, 0, 2, 19_900_000),
        line(739_000, 1, -1, -5_000_000),
        line(738_990, 2, 0, 0),
        // The extremes a line holds.
        line(i32::MAX, 1, i64::from(i32::MAX), (1 << 95) - 1),
        line(i32::MIN, 0, i64::from(i32::MIN), -(1 << 95)),
    ];
    lines[0].set_customer(Some(0)).unwrap();
    lines[1]
        .set_customer(Some(Line::CUSTOMER_LIMIT - 1))
        .unwrap();
    lines[1].order = u32::MAX;
    lines[2].order = 0;
    lines[0].set_channel(Channel::Mobile);
    lines[3].set_channel(Channel::Other);
    // Products by id 100, 101, 102: the copy keeps ids, not indices.
    let data = encode(&lines, &|p| 100 + i64::from(p));
    let mut back = Vec::new();
    decode(&data, &|id| (id - 100) as ProductIx, &mut back).expect("decodes");
    assert_eq!(back, lines);
}

/// Lines that repeat their product's last unit price take one byte for the revenue,
/// and lines of the customer of the line before one for the customer; price changes,
/// returns, qty 0, prices that do not divide and customers that come and go come back
/// exactly.
#[test]
fn repeated_prices_are_short_and_exact() {
    let mut lines = Vec::new();
    for i in 0..100 {
        // Two products at 19.99 and 5.00; a return; a price change halfway.
        let price = if i < 50 { 19_990_000 } else { 17_990_000 };
        lines.push(line(739_000 + i / 10, 0, 2, 2 * price));
        lines.push(line(739_000 + i / 10, 1, -1, -5_000_000));
    }
    lines.push(line(739_010, 0, 0, 1_500_000));
    lines.push(line(739_010, 0, 3, 10_000_001));
    lines.push(line(739_010, 0, 3, 3 * 17_990_000));
    // Prices past 64 bits, and the one 64-bit division that overflows.
    lines.push(line(739_011, 1, -1, i128::from(i64::MIN)));
    lines.push(line(739_011, 1, -1, i128::from(i64::MIN)));
    lines.push(line(739_011, 1, 2, 1 << 90));
    lines.push(line(739_011, 1, 2, 1 << 90));
    // Customers: runs of the same one (an order's lines), none, and back.
    for (i, l) in lines.iter_mut().enumerate() {
        let customer = (i % 7 != 3).then_some(i as u32 / 3);
        l.set_customer(customer).unwrap();
    }
    let data = encode(&lines, &|p| i64::from(p));
    let mut back = Vec::new();
    decode(&data, &|id| id as ProductIx, &mut back).expect("decodes");
    assert_eq!(back, lines);
    assert!(
        data.len() < 12 + lines.len() * 8,
        "{} bytes for {} lines",
        data.len(),
        lines.len()
    );
}

#[test]
fn revenues_keep_every_digit() {
    let values = [
        0,
        1,
        -1,
        10,
        -50,
        1_000_000,
        718_240_000,
        -20_000_000,
        123_456_789,
        10i128.pow(24),
        (1 << 95) - 1,
        -(1 << 95),
        // Where 64-bit decoding gives way to 128-bit.
        i128::from(i64::MAX),
        i128::from(i64::MIN),
        (1 << 60) - 1,
        -(1 << 60),
        1 << 60,
        i128::from(i64::MAX / 10) * 10,
        9_223_372_036_854_775_808_000_000,
    ];
    for v in values {
        assert_eq!(revenue_of(revenue_code(v)), Some(v), "{v}");
    }
    // Cents lose four zeros: 7,182.40 fits in three bytes.
    let mut out = Vec::new();
    put(&mut out, revenue_code(7_182_400_000));
    assert_eq!(out.len(), 3);
    assert_eq!(revenue_of(7), None, "an exponent past 6 is not a copy's");
}

/// The parts decoded from both ends come together in order, however many each end
/// took; a damaged part or a missing one is refused.
#[test]
fn parts_decoded_from_both_ends_join_in_order() {
    let lines: Vec<Line> = (0..40)
        .map(|i| {
            let mut l = line(739_000 + i / 4, (i % 5) as ProductIx, 1, 1_000_000);
            l.order = i as u32;
            l
        })
        .collect();
    // The copy keeps ids (100 on), the lines come back with indices.
    let id = |p: ProductIx| 100 + i64::from(p);
    let ix = |id: i64| (id - 100) as ProductIx;
    let fetched = || Fetched {
        parts: lines.chunks(3).map(|c| encode(c, &id)).collect(),
        total: lines.len(),
    };
    let parts = lines.len().div_ceil(3);
    let front_of = |s: &Shared| match s.decode_front() {
        Decoded::Lines(front) => front,
        _ => panic!("the front decodes"),
    };
    for from_back in 0..=parts {
        let s = fetched().share();
        let mut back = Vec::new();
        for _ in 0..from_back {
            let (i, part) = s.claim(false).expect("a part left");
            let mut decoded = Vec::new();
            decode(&part, &ix, &mut decoded).expect("decodes");
            back.push((i, decoded));
        }
        let front = front_of(&s);
        assert_eq!(front.len(), lines.len().min(3 * (parts - from_back)));
        assert_eq!(s.decode_back(&ix).map(|b| b.len()), Some(0), "all taken");
        assert_eq!(
            s.join(front, back, &ix).as_ref(),
            Some(&lines),
            "{from_back}"
        );
    }
    // Both ends at once, on two threads, meeting wherever they meet.
    for _ in 0..20 {
        let s = fetched().share();
        let (front, back) = std::thread::scope(|scope| {
            let front = scope.spawn(|| front_of(&s));
            let back = s.decode_back(&ix).expect("decodes");
            (front.join().expect("no panic"), back)
        });
        assert_eq!(s.join(front, back, &ix).as_ref(), Some(&lines));
    }
    let mut damaged = fetched();
    damaged.parts.last_mut().expect("parts").push(0);
    assert!(damaged.share().decode_back(&ix).is_none());
    let mut short = fetched();
    short.parts.remove(4);
    let s = short.share();
    let back = s.decode_back(&ix).expect("decodes");
    assert_eq!(s.join(front_of(&s), back, &ix), None, "a part short");
}

/// A copy reads back the same whatever size its parts were written in (a copy
/// written in 1M-line parts before parts were 256k lines, say), and a product id
/// past 32 bits sends the front to decode again with indices.
#[test]
fn copies_in_parts_of_any_size_read_back_alike() {
    let store = crate::store::Store::open_in_memory().expect("a store");
    let c = &store.conn;
    let lines: Vec<Line> = (0..50)
        .map(|i| {
            line(
                739_000 + i / 7,
                (i % 4) as ProductIx,
                1 + i64::from(i % 3),
                990_000,
            )
        })
        .collect();
    let id = |p: ProductIx| 7 + i64::from(p);
    let ix = |id: i64| (id - 7) as ProductIx;
    for part_lines in [1, 3, 49, 50, PART] {
        write_parts(c, &lines, id, part_lines).expect("written");
        let s = fetch(c).expect("read").expect("a copy").share();
        let back = s.decode_back(&ix).expect("decodes");
        assert_eq!(back.len(), lines.len().div_ceil(part_lines));
        let Decoded::Lines(front) = s.decode_front() else {
            panic!("nothing left for the front")
        };
        assert_eq!(
            s.join(front, back, &ix).as_ref(),
            Some(&lines),
            "{part_lines}"
        );
    }
    let wide = |p: ProductIx| (1 << 40) + i64::from(p);
    write_parts(c, &lines, wide, 10).expect("written");
    let s = fetch(c).expect("read").expect("a copy").share();
    assert!(matches!(s.decode_front(), Decoded::WideIds));
    let again = fetch(c).expect("read").expect("a copy");
    let by_ix = again.decode(&|id| (id - (1 << 40)) as ProductIx);
    assert_eq!(by_ix.as_ref(), Some(&lines));
}

#[test]
fn a_damaged_part_is_refused_not_misread() {
    let lines = vec![line(739_000, 0, 2, 19_900_000), line(739_001, 0, 1, 5)];
    let data = encode(&lines, &|p| i64::from(p));
    let ix = |id: i64| id as ProductIx;
    let mut out = Vec::new();
    // Cut short, one byte too many, another magic, a count that does not match.
    assert!(decode(&data[..data.len() - 1], &ix, &mut out).is_none());
    let mut longer = data.clone();
    longer.push(0);
    assert!(decode(&longer, &ix, &mut out).is_none());
    let mut magic = data.clone();
    magic[0] = b'X';
    assert!(decode(&magic, &ix, &mut out).is_none());
    let mut count = data.clone();
    count[4] = 3;
    assert!(decode(&count, &ix, &mut out).is_none());
    assert!(decode(&[], &ix, &mut out).is_none());
    out.clear();
    assert!(decode(&data, &ix, &mut out).is_some());
    assert_eq!(out, lines);
}
