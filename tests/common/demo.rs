//! The demo shop in an in-memory database, and the app opened on it.

use skudesk::domain::dates::Frame;
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;

/// The app on the demo shop with the default settings, as of the data's last day, and
/// the store it reads (in memory).
pub fn demo_app() -> (App, Store) {
    let mut store = Store::open_in_memory().expect("store");
    skudesk::demo::fill(&mut store).expect("demo");
    let ds = store.load().expect("load");
    let s = Settings::default();
    let frame = Frame::new(
        ds.latest_day().expect("dates"),
        s.window_days,
        s.velocity_days,
    );
    (App::new(ds, s, frame, ":memory:".into(), true), store)
}
