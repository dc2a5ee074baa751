//! A compact copy of the order lines, so that opening a large shop does not decode
//! millions of `order_line` rows through SQLite (2–3 s at 5M lines; the copy decodes in
//! about an eighth of that).
//!
//! The copy lives in the same file (`line_cache`, a few BLOBs of varint-coded lines in
//! the order the figures read them) and is used only while the flag in
//! `line_cache_state` is set. Triggers on `order_line` clear the flag (and drop the
//! copy) on any insert, update or delete, by skudesk or by any other program, so a
//! stale copy is never read. skudesk's own bulk writers (orders imports, undoing and
//! redoing them) drop the triggers for the duration of their transaction, to spare a
//! trigger call per line, and clear the flag themselves when lines moved
//! ([`lines_changing`], [`lines_changed`]). The copy is written by
//! [`crate::store::Store::load_and_cache`], from the lines it has just read, and only if
//! nothing was committed since (`PRAGMA data_version`); and by an orders import into
//! empty line tables, from the lines it writes, in the same transaction ([`write_all`]).

use rusqlite::{Connection, OptionalExtension};

use super::first_frame::{first_frame_line_triggers, first_frame_trigger};

use crate::domain::dates::Day;
use crate::domain::model::{Channel, Line, ProductIx};
use crate::domain::money::Money;

/// The triggers that clear the flag, as migration 5 creates them (and as the bulk
/// writers put them back). Migration 5 expands this text: change it only together with
/// a new migration that drops and recreates the triggers.
macro_rules! line_cache_triggers {
    () => {
        "
CREATE TRIGGER line_cache_stale_insert AFTER INSERT ON order_line
    WHEN (SELECT valid FROM line_cache_state WHERE id = 1)
    BEGIN UPDATE line_cache_state SET valid = 0 WHERE id = 1; DELETE FROM line_cache; END;
CREATE TRIGGER line_cache_stale_update AFTER UPDATE ON order_line
    WHEN (SELECT valid FROM line_cache_state WHERE id = 1)
    BEGIN UPDATE line_cache_state SET valid = 0 WHERE id = 1; DELETE FROM line_cache; END;
CREATE TRIGGER line_cache_stale_delete AFTER DELETE ON order_line
    WHEN (SELECT valid FROM line_cache_state WHERE id = 1)
    BEGIN UPDATE line_cache_state SET valid = 0 WHERE id = 1; DELETE FROM line_cache; END;
"
    };
}
pub(super) use line_cache_triggers;

// IF EXISTS: a file whose triggers were lost (dropped by hand) still imports; the
// triggers come back at the end of the write.
const DROP_TRIGGERS: &str = "
DROP TRIGGER IF EXISTS line_cache_stale_insert;
DROP TRIGGER IF EXISTS line_cache_stale_update;
DROP TRIGGER IF EXISTS line_cache_stale_delete;";

/// Before a bulk write of order lines in `tx`: the triggers go (a call per line adds
/// about two microseconds, ten seconds on a 5M-line import). [`lines_changed`] must
/// follow in the same transaction.
pub(super) fn lines_changing(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(DROP_TRIGGERS)?;
    // The first frame's triggers on the line tables go too, and the first frame with
    // them (every bulk write of lines changes the figures it holds).
    tx.execute_batch(super::first_frame::DROP_LINE_TRIGGERS)
}

/// After the bulk write: the copy is dropped when lines moved, and the triggers are
/// back.
pub(super) fn lines_changed(tx: &Connection, moved: bool) -> rusqlite::Result<()> {
    if moved {
        invalidate(tx)?;
    }
    tx.execute_batch(line_cache_triggers!())?;
    tx.execute_batch(first_frame_line_triggers!())
}

fn invalidate(c: &Connection) -> rusqlite::Result<()> {
    c.execute_batch("UPDATE line_cache_state SET valid = 0 WHERE id = 1; DELETE FROM line_cache;")
}

/// Whether the copy may be read.
pub(super) fn is_valid(c: &Connection) -> rusqlite::Result<bool> {
    let valid: Option<i64> = c
        .query_row("SELECT valid FROM line_cache_state WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(valid == Some(1))
}

/// Lines a part holds: parts of a few megabytes keep each BLOB (and the buffer SQLite
/// assembles it in) small, and let two threads share the decoding in even shares (see
/// [`Shared`]). Copies written with other part sizes decode the same.
const PART: usize = 1 << 18;
const MAGIC: &[u8; 4] = b"SKL4";

/// Replaces the copy with `lines` and marks it valid. `product_id` gives the product
/// id of an index (the copy keeps ids: indices move when products come and go).
pub(super) fn write(
    tx: &Connection,
    lines: &[Line],
    product_id: impl Fn(ProductIx) -> i64,
) -> rusqlite::Result<()> {
    write_parts(tx, lines, product_id, PART)
}

/// Writes every order line of the database as the copy, from lines an import has just
/// written (each line's `product` the product's id, its customer the customer's id),
/// unless a load would read them otherwise (customers renumbered): then the copy stays
/// dropped, and the next load writes it. Sorts `lines` as the figures read them.
pub(super) fn write_all(tx: &Connection, lines: &mut [Line]) -> rusqlite::Result<()> {
    if super::load::customer_ids_far(tx)? {
        return Ok(());
    }
    lines.sort_unstable_by_key(|l| (l.day, l.order));
    write(tx, lines, i64::from)
}

/// [`write`] in parts of `part_lines` lines.
fn write_parts(
    tx: &Connection,
    lines: &[Line],
    product_id: impl Fn(ProductIx) -> i64,
    part_lines: usize,
) -> rusqlite::Result<()> {
    invalidate(tx)?;
    let mut insert =
        tx.prepare("INSERT INTO line_cache (part, lines, data) VALUES (?1, ?2, ?3)")?;
    for (i, part) in lines.chunks(part_lines).enumerate() {
        let data = encode(part, &product_id);
        insert.execute(rusqlite::params![i as i64, part.len() as i64, data])?;
    }
    tx.execute("UPDATE line_cache_state SET valid = 1 WHERE id = 1", [])?;
    Ok(())
}

/// The copy's parts, read out of the database, to decode (on two threads: see
/// [`fetch`] and [`Shared`]).
pub(super) struct Fetched {
    parts: Vec<Vec<u8>>,
    total: usize,
}

/// The copy's parts, or `None` when they are not a well-formed copy (then the table is
/// read instead). Reading the bytes is fast; decoding them is the work, and it needs no
/// connection, so another core starts on it while the loader reads other tables, and
/// the loader joins in once it has.
pub(super) fn fetch(c: &Connection) -> rusqlite::Result<Option<Fetched>> {
    let (count, total, bytes): (i64, i64, i64) = c.query_row(
        "SELECT count(*), coalesce(sum(lines), 0), coalesce(sum(length(data)), 0) FROM line_cache",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    // A line takes at least 6 bytes: a count beyond that is a damaged copy, not a reason
    // to ask for gigabytes. A valid copy has a part (no copy is kept of no lines).
    let Ok(total) = usize::try_from(total) else {
        return Ok(None);
    };
    if count <= 0 || total as i64 > bytes / 6 {
        return Ok(None);
    }
    let mut stmt = c.prepare("SELECT part, data FROM line_cache ORDER BY part")?;
    let mut rows = stmt.query([])?;
    let mut parts = Vec::new();
    while let Some(r) = rows.next()? {
        let part: i64 = r.get(0)?;
        let Ok(data) = r.get_ref(1)?.as_blob() else {
            return Ok(None);
        };
        if part != parts.len() as i64 {
            return Ok(None);
        }
        parts.push(data.to_vec());
    }
    Ok((parts.len() as i64 == count).then_some(Fetched { parts, total }))
}

/// What [`Shared::decode_front`] made of the parts it took.
pub(super) enum Decoded {
    /// The lines, each with its product's id (not yet its index).
    Lines(Vec<Line>),
    /// A product id does not fit in 32 bits (another program's rowids, or a line whose
    /// product is missing): decode the copy again with the product indices.
    WideIds,
    /// Not a well-formed copy: read the table.
    Damaged,
}

/// A copy's parts shared by two threads that decode them from either end: one from the
/// first part on as soon as the bytes are read ([`Shared::decode_front`]), the other
/// from the last part back once it has read the other tables ([`Shared::decode_back`]),
/// until they meet. [`Shared::join`] puts the two runs together in order.
pub(super) struct Shared {
    claims: std::sync::Mutex<Claims>,
    total: usize,
}

struct Claims {
    /// Each part's bytes until a thread takes them.
    parts: Vec<Vec<u8>>,
    /// Parts before `front` are taken from the front, parts from `back` on from the back.
    front: usize,
    back: usize,
}

/// The parts decoded from the back, by part number, each with product indices.
pub(super) type BackParts = Vec<(usize, Vec<Line>)>;

impl Shared {
    /// The next part from one end, with its number; `None` once the ends have met.
    fn claim(&self, from_front: bool) -> Option<(usize, Vec<u8>)> {
        let mut c = self
            .claims
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if c.front >= c.back {
            return None;
        }
        let i = if from_front {
            c.front += 1;
            c.front - 1
        } else {
            c.back -= 1;
            c.back
        };
        Some((i, std::mem::take(&mut c.parts[i])))
    }

    /// Decodes parts from the first on into one vector (with room for every line), each
    /// line's product the product's id itself, to map to an index once the products are
    /// read (so that decoding need not wait for them). A panic while decoding is taken
    /// as a damaged copy.
    pub(super) fn decode_front(&self) -> Decoded {
        let fits = std::cell::Cell::new(true);
        let ix = |id: i64| {
            u32::try_from(id).unwrap_or_else(|_| {
                fits.set(false);
                0
            })
        };
        let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut lines = Vec::with_capacity(self.total);
            while let Some((_, part)) = self.claim(true) {
                decode(&part, &ix, &mut lines)?;
            }
            Some(lines)
        }));
        match decoded {
            Ok(Some(_)) if !fits.get() => Decoded::WideIds,
            Ok(Some(lines)) => Decoded::Lines(lines),
            Ok(None) | Err(_) => Decoded::Damaged,
        }
    }

    /// Decodes parts from the last back, each with product indices from `ix`; `None`
    /// when one does not decode (or decoding panics).
    pub(super) fn decode_back(&self, ix: &impl Fn(i64) -> ProductIx) -> Option<BackParts> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut parts = Vec::new();
            while let Some((i, part)) = self.claim(false) {
                let mut lines = Vec::new();
                decode(&part, ix, &mut lines)?;
                parts.push((i, lines));
            }
            Some(parts)
        }))
        .ok()
        .flatten()
    }

    /// The lines of both runs in order: `front`'s, their product ids mapped by `ix`, then
    /// the back's; `None` unless together they are the whole copy. `front` was given
    /// room for every line, untouched (so not resident) past its own: each back part is
    /// copied in and freed in turn, and the resident peak is the lines and one part,
    /// however the parts were shared.
    pub(super) fn join(
        &self,
        front: Vec<Line>,
        mut back: BackParts,
        ix: &impl Fn(i64) -> ProductIx,
    ) -> Option<Vec<Line>> {
        let mut lines = front;
        for line in &mut lines {
            line.product = ix(i64::from(line.product));
        }
        back.sort_unstable_by_key(|&(i, _)| i);
        for (_, part) in back {
            lines.extend_from_slice(&part);
        }
        (lines.len() == self.total).then_some(lines)
    }
}

impl Fetched {
    /// The parts, to decode from both ends (see [`Shared`]).
    pub(super) fn share(self) -> Shared {
        let back = self.parts.len();
        Shared {
            claims: std::sync::Mutex::new(Claims {
                parts: self.parts,
                front: 0,
                back,
            }),
            total: self.total,
        }
    }

    /// The lines, or `None` when a part does not decode. `ix` gives the index of a
    /// product id. Each part is freed once decoded.
    pub(super) fn decode(self, ix: &impl Fn(i64) -> ProductIx) -> Option<Vec<Line>> {
        // The exact room at once: growing a `Vec` of millions of lines part by part
        // copied it over and over.
        let mut lines = Vec::with_capacity(self.total);
        for part in self.parts {
            decode(&part, ix, &mut lines)?;
        }
        (lines.len() == self.total).then_some(lines)
    }
}

/// The lines of the copy, or `None` when it is not a well-formed copy.
#[cfg(test)]
pub(super) fn read(
    c: &Connection,
    ix: impl Fn(i64) -> ProductIx,
) -> rusqlite::Result<Option<Vec<Line>>> {
    Ok(fetch(c)?.and_then(|f| f.decode(&ix)))
}

fn put(out: &mut Vec<u8>, mut v: u128) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

fn unzigzag(v: u128) -> i128 {
    (v >> 1) as i128 ^ -((v & 1) as i128)
}

fn channel_code(c: Channel) -> u128 {
    match c {
        Channel::None => 0,
        Channel::Mobile => 1,
        Channel::Other => 2,
    }
}

/// The revenue coded as `zigzag(micros / 10^k) << 3 | k`, `k` the most trailing zeros
/// (up to 6) of the micro-units: prices in cents lose four zeros, two bytes a line.
fn revenue_code(micros: i128) -> u128 {
    let mut k = 0;
    let mut v = micros;
    while k < 6 && v != 0 && v % 10 == 0 {
        v /= 10;
        k += 1;
    }
    zigzag(v) << 3 | k
}

fn revenue_of(code: u128) -> Option<i128> {
    let k = u32::try_from(code & 7).ok().filter(|&k| k <= 6)?;
    // In 64 bits when the code fits (nearly always).
    if let Ok(code) = u64::try_from(code) {
        let v = (code >> 4) as i64 ^ -((code >> 3 & 1) as i64);
        if let Some(r) = v.checked_mul(10i64.pow(k)) {
            return Some(i128::from(r));
        }
    }
    unzigzag(code >> 3).checked_mul(10i128.pow(k))
}

/// The revenue code that says "qty × the product's last unit price" (`k` = 7, which
/// [`revenue_code`] never gives): one byte for the three lines in four that repeat a
/// price.
const SAME_PRICE: u128 = 7;

/// Each product's unit price on its last line (by product id, as the copy keeps
/// them): a line whose revenue is qty × that price is coded as [`SAME_PRICE`]. Encoder
/// and decoder keep it alike, line by line.
#[derive(Default)]
struct Prices {
    /// By id; [`Prices::NONE`] where no price is known.
    dense: Vec<i128>,
    sparse: std::collections::HashMap<i64, i128>,
}

impl Prices {
    /// Ids below this index a flat table (16 MB at most); others (another program's
    /// rowids) a map.
    const DENSE: i64 = 1 << 20;
    const NONE: i128 = i128::MIN;

    fn get(&self, product: i64) -> Option<i128> {
        if (0..Self::DENSE).contains(&product) {
            let price = self.dense.get(product as usize).copied()?;
            (price != Self::NONE).then_some(price)
        } else {
            self.sparse.get(&product).copied()
        }
    }

    /// Notes the line's unit price when its revenue divides exactly by its qty.
    fn note(&mut self, product: i64, qty: i64, revenue: i128) {
        if qty == 0 {
            return;
        }
        // In 64 bits when the revenue fits (a 128-bit division is a library call, and
        // this runs for every line of an open).
        let price = match i64::try_from(revenue) {
            Ok(r) if qty == 1 => i128::from(r),
            Ok(r) if qty != -1 => {
                if r % qty != 0 {
                    return;
                }
                i128::from(r / qty)
            }
            _ => {
                let qty = i128::from(qty);
                if revenue % qty != 0 {
                    return;
                }
                revenue / qty
            }
        };
        if (0..Self::DENSE).contains(&product) {
            let i = product as usize;
            if i >= self.dense.len() {
                self.dense.resize(i + 1, Self::NONE);
            }
            self.dense[i] = price;
        } else {
            self.sparse.insert(product, price);
        }
    }

    /// The code of a line's revenue.
    fn code(&self, product: i64, qty: i64, revenue: i128) -> u128 {
        let same = qty != 0
            && self
                .get(product)
                .and_then(|p| p.checked_mul(i128::from(qty)))
                == Some(revenue);
        if same {
            SAME_PRICE
        } else {
            revenue_code(revenue)
        }
    }

    /// The revenue of a code.
    fn revenue(&self, product: i64, qty: i64, code: u128) -> Option<i128> {
        if code == SAME_PRICE {
            let price = self.get(product)?;
            if let Some(r) = i64::try_from(price).ok().and_then(|p| p.checked_mul(qty)) {
                return Some(i128::from(r));
            }
            price.checked_mul(i128::from(qty))
        } else {
            revenue_of(code)
        }
    }
}

/// The customer code: 0 for none, 1 for the customer of the line before (the other lines
/// of an order), else id + 2.
fn customer_code(customer: Option<u32>, before: Option<u32>) -> u128 {
    match customer {
        None => 0,
        Some(_) if customer == before => 1,
        Some(c) => u128::from(c) + 2,
    }
}

/// Per line, varints: the day (a change from the line before, shifted left by two with
/// the channel in the low bits), the product id (a change from the line before), the
/// order (likewise), the customer ([`customer_code`]), qty and net revenue (see
/// [`revenue_code`] and [`Prices`]); signed values zigzag-coded. Lines sorted by day and
/// order take about 9 bytes each.
fn encode(lines: &[Line], product_id: &impl Fn(ProductIx) -> i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + lines.len() * 12);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(lines.len() as u64).to_le_bytes());
    let (mut day, mut product, mut order) = (0i128, 0i128, 0i128);
    let mut customer = None;
    let mut prices = Prices::default();
    for l in lines {
        let d = i128::from(l.day.0);
        put(&mut out, zigzag(d - day) << 2 | channel_code(l.channel()));
        let p = i128::from(product_id(l.product));
        put(&mut out, zigzag(p - product));
        let o = i128::from(l.order);
        put(&mut out, zigzag(o - order));
        put(&mut out, customer_code(l.customer(), customer));
        customer = l.customer();
        put(&mut out, zigzag(i128::from(l.qty())));
        let (id, qty, revenue) = (product_id(l.product), l.qty(), l.net_revenue().micros());
        put(&mut out, prices.code(id, qty, revenue));
        prices.note(id, qty, revenue);
        (day, product, order) = (d, p, o);
    }
    out
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// A varint of up to 64 bits (every value but the revenue): 64-bit arithmetic
    /// decodes 5M lines in half the time of 128-bit.
    fn small(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            // The tenth byte holds the 64th bit only: more is a damaged copy.
            if shift == 63 && b > 1 {
                return None;
            }
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    /// A varint of up to 128 bits (the revenue): read as [`Reader::small`] while it
    /// fits in 64 bits, as nearly every one does, and read again wide when not.
    fn next(&mut self) -> Option<u128> {
        let start = self.at;
        if let Some(v) = self.small() {
            return Some(u128::from(v));
        }
        self.at = start;
        self.next_wide()
    }

    fn next_wide(&mut self) -> Option<u128> {
        let mut v = 0u128;
        for shift in (0..128).step_by(7) {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            // The nineteenth byte holds the top two bits only.
            if shift == 126 && b > 3 {
                return None;
            }
            v |= u128::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn signed_small(&mut self) -> Option<i64> {
        self.small().map(|v| (v >> 1) as i64 ^ -((v & 1) as i64))
    }
}

/// Appends the lines of one part to `out`; `None` when the part is not a well-formed
/// copy (any value out of its type's range, a wrong count, bytes left over).
fn decode(data: &[u8], ix: &impl Fn(i64) -> ProductIx, out: &mut Vec<Line>) -> Option<()> {
    let (magic, rest) = data.split_at_checked(4)?;
    let (count, body) = rest.split_at_checked(8)?;
    if magic != MAGIC {
        return None;
    }
    let count = usize::try_from(u64::from_le_bytes(count.try_into().ok()?)).ok()?;
    let mut r = Reader { data: body, at: 0 };
    let (mut day, mut product, mut order) = (0i64, 0i64, 0i64);
    let mut customer = None;
    let mut prices = Prices::default();
    for _ in 0..count {
        let dc = r.small()?;
        day = day.checked_add((dc >> 3) as i64 ^ -((dc >> 2 & 1) as i64))?;
        let channel = match dc & 3 {
            0 => Channel::None,
            1 => Channel::Mobile,
            2 => Channel::Other,
            _ => return None,
        };
        product = product.checked_add(r.signed_small()?)?;
        order = order.checked_add(r.signed_small()?)?;
        customer = match r.small()? {
            0 => None,
            1 => Some(customer?),
            c => Some(u32::try_from(c - 2).ok()?),
        };
        let day = Day(i32::try_from(day).ok()?);
        let qty = r.signed_small()?;
        let code = r.next()?;
        let micros = prices.revenue(product, qty, code)?;
        // A line at the product's last price leaves it as it was: no division.
        if code != SAME_PRICE {
            prices.note(product, qty, micros);
        }
        let revenue = Money::from_micros(micros);
        let order = u32::try_from(order).ok()?;
        out.push(Line::new(
            ix(product),
            day,
            qty,
            revenue,
            order,
            customer,
            channel,
        )?);
    }
    (r.at == body.len()).then_some(())
}

#[cfg(test)]
#[path = "line_cache_tests.rs"]
mod tests;
