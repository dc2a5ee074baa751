//! Entry points for the fuzz targets in `fuzz/` and for the regression test that replays
//! their corpus: any bytes in, never a panic out.

use crate::config::Config;
use crate::import::native;
use crate::store::Store;

/// Parses `data` as one kind of native file (chosen by its first byte) and, when it is
/// valid, imports it into an in-memory database and computes the review.
pub fn import_any(data: &[u8]) {
    let Some((&kind, body)) = data.split_first() else {
        return;
    };
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    let ok = match kind % 4 {
        0 => native::products("fuzz.csv", body).map(|p| store.import_products(&p, false).is_ok()),
        1 => native::stock("fuzz.csv", body).map(|p| store.import_stock(&p, false).is_ok()),
        2 => store
            .import_orders_stream("fuzz.csv", body, false)
            .map(|r| r.is_ok())
            .or(Ok(false)),
        _ => native::traffic("fuzz.csv", body).map(|p| store.import_traffic(&p, false).is_ok()),
    };
    if let Ok(true) = ok {
        if let Ok(ds) = store.load() {
            let s = crate::domain::settings::Settings::default();
            if let Some(day) = ds.latest_day() {
                let frame = crate::domain::dates::Frame::new(day, s.window_days, s.velocity_days);
                let r = crate::domain::metrics::review(&ds, frame, &s);
                let _ = crate::domain::report::json_report(&ds, &r, &s);
                for lang in crate::i18n::Lang::ALL {
                    let _ = crate::export::markdown::render(&ds, &r, &s, lang);
                }
            }
        }
    }
}

/// Parses `data` as a config file.
pub fn config_any(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = Config::parse("fuzz.toml", &text);
}

/// Reads `data` through each built-in mapping of its kind (the kind chosen by the first
/// byte), checks the translation natively, and parses `data` as a mapping file.
pub fn mapping_any(data: &[u8]) {
    use crate::import::mapping::{built_ins, detect, join, parse, rewrite, translate};
    use crate::import::Kind;
    let Some((&k, body)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(k % 4)];
    for m in built_ins()
        .into_iter()
        .filter(|m| m.kind.is_none_or(|mk| mk == kind))
    {
        let sets = vec![("received_on".to_string(), "2025-01-01".to_string())];
        let sets = if kind == Kind::Stock {
            sets
        } else {
            Vec::new()
        };
        // A mapping with a join reads the same bytes as its other file too.
        let table = m
            .join
            .as_ref()
            .and_then(|j| join::read(&m, j, &[("other.csv", body)]).ok());
        let req = translate::Request {
            file: "fuzz.csv",
            mapping: &m,
            kind,
            sets: &sets,
            join: table.as_ref(),
        };
        if let Ok(t) = translate::translate(&req, body, &mut |_| {}) {
            let checked = match kind {
                Kind::Products => native::products("fuzz.csv", &t.bytes).map(|_| ()),
                Kind::Stock => native::stock("fuzz.csv", &t.bytes).map(|_| ()),
                Kind::Orders => native::orders_each("fuzz.csv", &t.bytes, |_| {
                    std::ops::ControlFlow::Continue(())
                })
                .map(|_| ()),
                Kind::Traffic => native::traffic("fuzz.csv", &t.bytes).map(|_| ()),
            };
            let _ = rewrite::finish(&req, body, &t, checked);
        }
    }
    let _ = detect::detect("fuzz.csv", body, None);
    let _ = parse("fuzz", "fuzz.toml", &String::from_utf8_lossy(data));
}
