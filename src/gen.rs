//! A deterministic generator of native CSVs with a realistic shape: long-tail sales,
//! seasonal SKUs, slow movers with old stock, returns, CJK names, returning customers.
//! The same arguments always write the same bytes.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::domain::dates::Day;

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// Uniform in 0.0..1.0.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Debug, Clone)]
pub struct GenSpec {
    pub skus: u32,
    pub lines: u64,
    pub days: u32,
    pub seed: u64,
    /// The last order day.
    pub end: Day,
}

const CATEGORIES: [(&str, &str); 12] = [
    ("smart-home", "智能家居"),
    ("watch-straps", "手表表带"),
    ("smart-bands", "智能手环"),
    ("smart-pet", "智能宠物"),
    ("band-accessories", "手环配件"),
    ("phone-cases", "手机壳"),
    ("hats", "帽子"),
    ("apparel", "服装"),
    ("cables", "数据线"),
    ("home-goods", "家居用品"),
    ("stationery", "文具"),
    ("outdoor", "户外"),
];
const WORDS: [&str; 12] = [
    "Smart", "Mini", "Pro", "Classic", "Eco", "Lite", "Max", "Air", "Plus", "Neo", "Go", "One",
];

/// Where each generated SKU sits in the shape.
struct Sku {
    code: String,
    cost_cents: i64,
    list_cents: i64,
    weight: f64,
    seasonal: bool,
    slow: bool,
    new: bool,
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// The files [`generate`] writes, in the order it writes them.
pub const FILES: [&str; 4] = ["products.csv", "stock.csv", "orders.csv", "traffic.csv"];

/// Which of [`FILES`] are already in `dir` (anything by that name: a file, a link, a
/// folder), so a caller can refuse to overwrite them.
pub fn existing(dir: &Path) -> Vec<&'static str> {
    FILES
        .into_iter()
        .filter(|f| std::fs::symlink_metadata(dir.join(f)).is_ok())
        .collect()
}

/// Writes products.csv, stock.csv, orders.csv and traffic.csv into `dir`, replacing
/// any there (check [`existing`] first).
pub fn generate(spec: &GenSpec, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(spec.seed);
    let n = spec.skus.max(1) as usize;
    let skus: Vec<Sku> = (0..n)
        .map(|i| {
            let cost_cents = 300 + rng.below(30_000) as i64;
            let markup = 1.1 + rng.unit() * 0.9;
            let slow = rng.below(100) < 15;
            Sku {
                code: format!("G{:06}", i + 1),
                cost_cents,
                list_cents: (cost_cents as f64 * markup).round() as i64,
                // Long tail: weight ∝ 1 / rank^1.1, slow movers sell a tenth as much.
                weight: (1.0 / ((i + 1) as f64).powf(1.1)) * if slow { 0.1 } else { 1.0 },
                seasonal: rng.below(100) < 10,
                slow,
                new: rng.below(100) < 4,
            }
        })
        .collect();

    let mut w = BufWriter::with_capacity(1 << 20, File::create(dir.join("products.csv"))?);
    writeln!(
        w,
        "sku,name,category,brand,unit_cost,list_price,launched_on,lifecycle,tags"
    )?;
    for (i, s) in skus.iter().enumerate() {
        let (cat, zh) = CATEGORIES[i % CATEGORIES.len()];
        let word = WORDS[rng.below(WORDS.len() as u64) as usize];
        let lifecycle = if s.new {
            "new"
        } else if s.seasonal {
            "seasonal"
        } else {
            "core"
        };
        let tags = match (s.seasonal, s.slow) {
            (true, true) => "seasonal;overstock",
            (true, false) => "seasonal",
            (false, true) => "overstock",
            _ => "",
        };
        let launched = if s.new {
            spec.end.plus(-(rng.below(60) as i32))
        } else {
            spec.end.plus(-400)
        };
        writeln!(
            w,
            "{},{zh}{} {word} {cat} {},{cat},Brand{},{},{},{launched},{lifecycle},{tags}",
            s.code,
            i % 97,
            i + 1,
            i % 13,
            money(s.cost_cents),
            money(s.list_cents)
        )?;
    }
    w.flush()?;

    let mut w = BufWriter::with_capacity(1 << 20, File::create(dir.join("stock.csv"))?);
    writeln!(w, "sku,qty,received_on,unit_cost")?;
    let expected_per_sku = spec.lines as f64 / skus.iter().map(|s| s.weight).sum::<f64>();
    for s in &skus {
        let lots = 1 + rng.below(3);
        for _ in 0..lots {
            let daily = expected_per_sku * s.weight / f64::from(spec.days.max(1));
            let qty = if s.slow {
                50 + rng.below(400)
            } else {
                (daily * (3.0 + rng.unit() * 20.0)).ceil() as u64
            };
            let age = if s.slow {
                120 + rng.below(300)
            } else {
                rng.below(90)
            } as i32;
            writeln!(w, "{},{qty},{},", s.code, spec.end.plus(-age))?;
        }
    }
    w.flush()?;

    // Cumulative weights for drawing a SKU by popularity.
    let mut cumulative = Vec::with_capacity(n);
    let mut total = 0.0;
    for s in &skus {
        total += s.weight;
        cumulative.push(total);
    }
    let customers = (spec.lines / 6).max(10);
    let mut w = BufWriter::with_capacity(1 << 22, File::create(dir.join("orders.csv"))?);
    writeln!(
        w,
        "order_id,ordered_at,sku,qty,unit_price,discount,customer_id,channel"
    )?;
    let mut written = 0u64;
    let mut order = 0u64;
    let start = spec.end.plus(1 - spec.days.max(1) as i32);
    while written < spec.lines {
        order += 1;
        let day = start.plus(rng.below(u64::from(spec.days.max(1))) as i32);
        // Returning customers: a fifth of the ids place most orders.
        let customer = if rng.below(100) < 60 {
            rng.below(customers / 5 + 1)
        } else {
            rng.below(customers)
        };
        let channel = if rng.below(100) < 60 { "mobile" } else { "pc" };
        let lines = (1 + rng.below(4)).min(spec.lines - written);
        let returned = rng.below(100) < 2;
        let (h, m, sec) = (rng.below(24), rng.below(60), rng.below(60));
        for _ in 0..lines {
            let x = rng.unit() * total;
            let mut i = cumulative.partition_point(|&c| c < x).min(n - 1);
            let month = chrono::Datelike::month(&day.date());
            if skus[i].seasonal && !(5..=8).contains(&month) {
                i = (i + 1) % n;
            }
            let s = &skus[i];
            let qty: i64 = if returned {
                -1
            } else {
                1 + (rng.below(10) / 8) as i64
            };
            let price = if rng.below(10) == 0 {
                s.list_cents * 9 / 10
            } else {
                s.list_cents
            };
            let customer_field = if rng.below(100) < 2 {
                String::new()
            } else {
                format!("C{customer}")
            };
            let prefix = if returned { "R" } else { "O" };
            writeln!(
                w,
                "{prefix}{order},{} {h:02}:{m:02}:{sec:02},{},{qty},{},,{customer_field},{channel}",
                day,
                s.code,
                money(price)
            )?;
            written += 1;
        }
    }
    w.flush()?;

    let mut w = BufWriter::new(File::create(dir.join("traffic.csv"))?);
    writeln!(w, "sku,date,visitors")?;
    for s in skus.iter().filter(|s| s.new) {
        for d in 0..spec.days.min(90) {
            writeln!(
                w,
                "{},{},{}",
                s.code,
                spec.end.plus(-(d as i32)),
                5 + rng.below(40)
            )?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_date;

    #[test]
    fn the_same_seed_writes_the_same_files_and_they_import() {
        let end = Day::from_date(parse_date("2025-09-30").unwrap());
        let spec = GenSpec {
            skus: 50,
            lines: 500,
            days: 60,
            seed: 7,
            end,
        };
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        generate(&spec, a.path()).unwrap();
        generate(&spec, b.path()).unwrap();
        for f in ["products.csv", "stock.csv", "orders.csv", "traffic.csv"] {
            assert_eq!(
                std::fs::read(a.path().join(f)).unwrap(),
                std::fs::read(b.path().join(f)).unwrap(),
                "{f}"
            );
        }
        let orders = std::fs::read(a.path().join("orders.csv")).unwrap();
        let parsed = crate::import::native::orders("orders.csv", &orders).unwrap();
        assert_eq!(parsed.rows.len(), 500);
        assert!(parsed.rows.iter().any(|r| r.qty < 0), "some returns");
        let products = std::fs::read(a.path().join("products.csv")).unwrap();
        assert_eq!(
            crate::import::native::products("p.csv", &products)
                .unwrap()
                .rows
                .len(),
            50
        );
        let other = GenSpec { seed: 8, ..spec };
        generate(&other, b.path()).unwrap();
        assert_ne!(
            std::fs::read(a.path().join("orders.csv")).unwrap(),
            std::fs::read(b.path().join("orders.csv")).unwrap()
        );
    }
}
