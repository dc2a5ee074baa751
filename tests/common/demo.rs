//! The demo shop in an in-memory database, and the app opened on a store.

use skudesk::domain::dates::Frame;
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;

/// The app over `store`'s data with the default settings, as of the data's last day;
/// `path` is the database it names, `demo` whether it is the demo.
pub fn app_over(store: &Store, path: &str, demo: bool) -> App {
    let ds = store.load().expect("load");
    let s = Settings::default();
    let frame = Frame::new(
        ds.latest_day().expect("dates"),
        s.window_days,
        s.velocity_days,
    );
    App::new(ds, s, frame, path.into(), demo)
}

/// The app on the demo shop (in memory), and its store.
pub fn demo_app() -> (App, Store) {
    let mut store = Store::open_in_memory().expect("store");
    skudesk::demo::fill(&mut store).expect("demo");
    (app_over(&store, ":memory:", true), store)
}
