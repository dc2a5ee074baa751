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
                let _ = crate::export::markdown::render(&ds, &r, &s);
            }
        }
    }
}

/// Parses `data` as a config file.
pub fn config_any(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = Config::parse("fuzz.toml", &text);
}
