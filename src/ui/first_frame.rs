//! The first frame before the data (issue 23): opening a large shop draws the figures
//! kept with the data ([`Store::first_frame`]) at once, and reads the order lines on
//! another thread; keys typed meanwhile wait for the data and are then handled in order.
//!
//! What is kept is what the first screen (the mix tab) shows from the data: the KPIs,
//! the category rows and the trend, computed for the settings in force and the frame
//! the app opens on (the latest day, the settings' windows). The key those were
//! computed for is kept beside them; a first frame is drawn only when the key built
//! now (the settings of the config file, the command line and the database, the frame,
//! skudesk's version) is the same. The store deletes the figures on any change to the
//! data, so they are never of other data.

use std::thread::JoinHandle;
use std::time::Duration;

use color_eyre::eyre::{eyre, Result};
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

use super::app::App;
use crate::config::layers::Layers;
use crate::domain::dates::{Day, Frame};
use crate::domain::kpis::Kpis;
use crate::domain::mix_view::GroupRow;
use crate::domain::model::Dataset;
use crate::domain::over_time::{Period, TrendPoint};
use crate::domain::settings::Settings;
use crate::store::Store;

/// Bumped when what is kept, or how a figure is computed, changes without a version
/// change (a development build).
const FORMAT: u32 = 1;

/// The figures the first screen shows, as kept.
#[derive(Serialize, Deserialize)]
struct Figures {
    /// The latest day of the data: the as-of date the app opens on.
    latest_day: Option<Day>,
    kpis: Kpis,
    categories: Vec<GroupRow>,
    trend: Option<(Period, Vec<TrendPoint>)>,
}

/// What the figures were computed for.
#[derive(Serialize)]
struct Key<'a> {
    format: u32,
    version: &'static str,
    settings: &'a Settings,
    as_of: Day,
    window_days: u32,
    velocity_days: u32,
}

fn key(settings: &Settings, frame: Frame) -> Option<String> {
    serde_json::to_string(&Key {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION"),
        settings,
        as_of: frame.as_of,
        window_days: frame.window_days,
        velocity_days: frame.velocity_days,
    })
    .ok()
}

fn today() -> Day {
    Day::from_date(chrono::Local::now().date_naive())
}

/// The app as it opens on `store` (with the settings of `layers`, as of `as_of` or the
/// latest day), drawn from the figures kept with the data and holding no data: `None`
/// when none are kept for this key. Its only use is to be drawn until the data is read
/// (its tables other than the mix tab's are empty).
pub fn skeleton(store: &Store, layers: &Layers, as_of: Option<Day>) -> Option<App> {
    let (kept_key, data) = store.first_frame().ok()??;
    let figures: Figures = serde_json::from_str(&data).ok()?;
    let db_settings = store.settings().ok()?;
    let settings = layers.effective(&db_settings, store.path()).ok()?.settings;
    let as_of = as_of.or(figures.latest_day).unwrap_or_else(today);
    let frame = Frame::new(as_of, settings.window_days, settings.velocity_days);
    if key(&settings, frame)? != kept_key {
        return None;
    }
    let ds = Dataset {
        settings: db_settings,
        ..Dataset::default()
    };
    let demo = store.is_demo().ok()?;
    let mut app = App::with_layers(ds, layers.clone(), frame, store.path().to_string(), demo);
    app.review.kpis = figures.kpis;
    app.views.categories = figures.categories;
    app.views.trend = figures.trend;
    Some(app)
}

/// Keeps what `app` shows on its first screen as the first frame of `store`, when the
/// app is at the frame it opens on and its trend is computed; `version` is the
/// store's data version its data was read at. Whether it was kept.
pub fn save(store: &Store, app: &App, version: i64) -> bool {
    let latest = app.ds.latest_day();
    let s = &app.settings;
    let opens_on = Frame::new(latest.unwrap_or_else(today), s.window_days, s.velocity_days);
    if app.frame() != opens_on || app.views.trend.is_none() {
        return false;
    }
    let figures = Figures {
        latest_day: latest,
        kpis: app.review.kpis.clone(),
        categories: app.views.categories.clone(),
        trend: app.views.trend.clone(),
    };
    let (Some(key), Ok(data)) = (key(s, opens_on), serde_json::to_string(&figures)) else {
        return false;
    };
    store
        .save_first_frame(&key, &data, version)
        .unwrap_or(false)
}

/// Draws `first` (with `draw`) until `loader` is done, keeping the events `next` gives
/// meanwhile (waiting at most the duration it is given for one), to be handled in
/// order once the data is in; a resize draws again; Ctrl-c, or `stop` turning true (a
/// signal), ends the wait with `None`. A loader that panicked is the error `failed`.
pub fn wait_for<L>(
    first: &mut App,
    draw: &mut dyn FnMut(&mut App) -> Result<()>,
    mut next: impl FnMut(Duration) -> Result<Option<Event>>,
    stop: impl Fn() -> bool,
    loader: JoinHandle<Result<L>>,
    failed: &str,
) -> Result<Option<(L, Vec<Event>)>> {
    let mut queued = Vec::new();
    let mut dirty = true;
    loop {
        if stop() {
            return Ok(None);
        }
        if dirty {
            draw(first)?;
            dirty = false;
        }
        if loader.is_finished() {
            return match loader.join() {
                Ok(loaded) => loaded.map(|l| Some((l, queued))),
                Err(_) => Err(eyre!("{failed}")),
            };
        }
        match next(Duration::from_millis(15))? {
            None => {}
            Some(Event::Key(k))
                if k.kind != KeyEventKind::Release
                    && k.code == KeyCode::Char('c')
                    && k.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                return Ok(None);
            }
            Some(Event::Resize(..)) => dirty = true,
            Some(e) => queued.push(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::mpsc;

    use ratatui::crossterm::event::KeyEvent;

    use super::*;

    fn first() -> App {
        let s = Settings::default();
        let frame = Frame::new(Day(739_000), s.window_days, s.velocity_days);
        App::new(Dataset::default(), s, frame, "t.db".into(), false)
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    /// A loader that finishes when `release` is sent something, with 7.
    fn held() -> (mpsc::Sender<()>, JoinHandle<Result<i32>>) {
        let (release, wait) = mpsc::channel::<()>();
        let loader = std::thread::spawn(move || {
            let _ = wait.recv();
            Ok(7)
        });
        (release, loader)
    }

    #[test]
    fn keys_typed_while_loading_come_back_in_order_and_a_resize_draws_again() {
        let (release, loader) = held();
        let mut events: VecDeque<Event> = [
            key('2'),
            Event::Resize(80, 24),
            key('j'),
            key('j'),
            key('q'),
        ]
        .into();
        let mut draws = 0;
        let mut draw = |_: &mut App| -> Result<()> {
            draws += 1;
            Ok(())
        };
        let next = |_: Duration| -> Result<Option<Event>> {
            let e = events.pop_front();
            if e.is_none() {
                // Every key is in before the data: now it comes.
                let _ = release.send(());
            }
            Ok(e)
        };
        let (loaded, queued) = wait_for(&mut first(), &mut draw, next, || false, loader, "x")
            .unwrap()
            .expect("loaded");
        assert_eq!(loaded, 7);
        assert_eq!(queued, vec![key('2'), key('j'), key('j'), key('q')]);
        assert_eq!(draws, 2, "the first frame, and again after the resize");
    }

    #[test]
    fn ctrl_c_or_a_signal_ends_the_wait_without_the_data() {
        let (release, loader) = held();
        let mut events: VecDeque<Event> = [
            key('x'),
            Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        ]
        .into();
        let next = |_: Duration| Ok(events.pop_front());
        let out = wait_for(&mut first(), &mut |_| Ok(()), next, || false, loader, "x").unwrap();
        assert!(out.is_none());
        let _ = release.send(());

        let (release, loader) = held();
        let out = wait_for(
            &mut first(),
            &mut |_| Ok(()),
            |_| Ok(None),
            || true,
            loader,
            "x",
        );
        assert!(out.unwrap().is_none());
        let _ = release.send(());
    }

    #[test]
    fn a_loader_that_failed_or_panicked_is_an_error() {
        let loader = std::thread::spawn(|| -> Result<i32> { Err(eyre!("no such table")) });
        let e = wait_for(
            &mut first(),
            &mut |_| Ok(()),
            |_| Ok(None),
            || false,
            loader,
            "x",
        )
        .unwrap_err();
        assert!(e.to_string().contains("no such table"), "{e}");
        #[allow(clippy::panic, reason = "the panic is what is tested")]
        let loader = std::thread::spawn(|| -> Result<i32> { panic!("boom") });
        let e = wait_for(
            &mut first(),
            &mut |_| Ok(()),
            |_| Ok(None),
            || false,
            loader,
            "failed",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "failed");
    }
}
