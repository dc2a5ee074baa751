//! The app's state: the data and its figures, the tabs' cursors, the open popup, the
//! status message and the work asked of the store. Split by job: `data` (reloads and
//! the views and rows kept until the data or frame changes), `input` (keys, pastes,
//! clicks: overlay, then search, then the keymap), `update` (an [`Action`] applied:
//! the only place an action changes the app), `edit` (the add, edit, delete and
//! promote keys of the scoring and plans tabs; the cursor following the row a change
//! added or edited) and `find` (the search of the tables other than the aging one, and
//! where the command line sends the app).

mod data;
mod edit;
pub use edit::RowIds;
mod find;
mod input;
pub use input::Cursors;
mod jobs;
mod update;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use crate::config::layers::{Layers, Source};
use crate::domain::aging_view::text_order;
use crate::domain::dates::Frame;
use crate::domain::metrics::{review, Review};
use crate::domain::model::Dataset;
use crate::domain::money::MoneyFormat;
use crate::domain::settings::{Display, Settings};
use crate::i18n::Lang;

use super::action::Tab;
use super::keymap::Keymap;
use super::overlay::Overlay;
use super::request::Request;
use super::view::Views;

pub const WINDOWS: [u32; 4] = [30, 60, 90, 180];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub text: String,
    pub level: Level,
    pub at: Instant,
}

/// A message as the message log keeps it: when (the wall clock), how, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub time: String,
    pub level: Level,
    pub text: String,
}

/// How many messages the log keeps.
pub const LOG_KEPT: usize = 50;

/// The search of a table other than the aging one (the mix, the candidates, the plans
/// and batches): it moves the cursor to a row that matches, it filters nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub text: String,
    /// The search is being typed (the search line has the keys).
    pub typing: bool,
    /// Where the cursor was when the search started: Esc goes back there.
    pub origin: usize,
}

pub use crate::domain::aging_view::{AgingQuery, Column, Filter};
pub use input::Cursor;

#[derive(Debug)]
pub struct Aging {
    /// Columns scrolled past with ←/→ (0: the columns by priority).
    pub first_col: usize,
    pub sort: Option<Column>,
    pub descending: bool,
    pub filter: Filter,
    pub category: Option<String>,
    pub brand: Option<String>,
    pub search: String,
    pub searching: bool,
    /// Product indices shown, after filter, search and sort.
    pub rows: Vec<usize>,
    /// Every product in each figure column's order, kept until the figures change.
    pub sorted: std::collections::HashMap<Column, Vec<usize>>,
    /// Every product in each text column's order, kept until the catalog's text may
    /// have changed (codes and names: when the store says so; category: any change).
    pub text_sorted: std::collections::HashMap<Column, Vec<usize>>,
}

impl Default for Aging {
    /// The table as the app opens it (see [`AgingQuery::default`]).
    fn default() -> Aging {
        let q = AgingQuery::default();
        Aging {
            first_col: 0,
            sort: q.sort,
            descending: q.descending,
            filter: q.filter,
            category: q.category,
            brand: q.brand,
            search: q.search,
            searching: false,
            rows: Vec::new(),
            sorted: Default::default(),
            text_sorted: Default::default(),
        }
    }
}

impl Aging {
    /// What the table is asked to show now: filter, category, brand, search and sort.
    pub fn query(&self) -> AgingQuery {
        AgingQuery {
            filter: self.filter,
            category: self.category.clone(),
            brand: self.brand.clone(),
            search: self.search.clone(),
            sort: self.sort,
            descending: self.descending,
        }
    }
}

/// A place on screen a mouse click means something, recorded as it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Rows of the current tab's table: the row at `area.y` is row `first`.
    Rows {
        area: ratatui::layout::Rect,
        first: usize,
        len: usize,
    },
    /// A button or a footer hint: a click is this key.
    Button {
        area: ratatui::layout::Rect,
        key: KeyEvent,
    },
}

/// The app's state. Its fields are the `ui` module's own: keys reach them through
/// `input`, actions through `update`, data through `data`; outside `ui`, the
/// accessors below read them.
pub struct App {
    /// Shared with the worker's snapshots (`Arc::make_mut` to change it in place).
    pub(super) ds: std::sync::Arc<Dataset>,
    pub(super) settings: Settings,
    pub(super) review: Review,
    pub(super) views: Views,
    pub(super) db_path: String,
    pub(super) demo: bool,
    pub(super) tab: Tab,
    /// The mix tab's breakdown: by category or by brand.
    pub(super) mix_by: crate::domain::mix_view::Breakdown,
    /// The trend chart's periods: weeks or months.
    pub(super) trend_period: crate::domain::over_time::Period,
    pub(super) overlay: Option<Overlay>,
    /// Each tab's table cursor.
    pub(super) cursors: Cursors,
    pub(super) aging: Aging,
    pub(super) message: Option<Message>,
    pub(super) quit: bool,
    /// Rows a page holds, set from the terminal height.
    pub(super) page: usize,
    /// Products selected on the aging tab.
    pub(super) selection: BTreeSet<usize>,
    /// Candidates marked for comparing (indices into `Dataset::candidates`).
    pub(super) compare: BTreeSet<usize>,
    /// Where a range selection started (a row position on the aging tab).
    pub(super) anchor: Option<usize>,
    /// Work for the store, carried out by the run loop after each key.
    pub(super) requests: Vec<Request>,
    /// The store is read-only: changes are refused with this reason.
    pub(super) read_only: Option<String>,
    /// The key table, with the config file's overrides.
    pub(super) keymap: Keymap,
    /// How money is shown (currency sign, decimals).
    pub(super) money: MoneyFormat,
    /// Theme, currency and week start from the config file.
    pub(super) display: Display,
    /// The config file and command line under the database's settings.
    pub(super) layers: Layers,
    /// Where each setting in force came from.
    pub(super) sources: BTreeMap<&'static str, Source>,
    /// What the last draw put where, for mouse clicks.
    pub(super) hits: RefCell<Vec<Hit>>,
    /// Said after the next change: how a settings change moved the tiers.
    pub(super) settings_note: Option<String>,
    /// The language everything on screen is in (English unless set after `new`).
    pub(super) lang: Lang,
    /// The last [`LOG_KEPT`] messages, newest last.
    pub(super) log: VecDeque<Logged>,
    /// The searches of the mix, scoring and plans tables (by `Tab::index`; the aging
    /// tab's is [`Aging::search`]).
    pub(super) finds: [Find; 4],
    /// The trend and the year earlier asked of the worker.
    pub(super) jobs: jobs::Jobs,
}

impl App {
    /// An app over `settings` as the base layer (the database's settings in `ds` go on
    /// top of them; its windows replace the frame's).
    pub fn new(ds: Dataset, settings: Settings, frame: Frame, db_path: String, demo: bool) -> App {
        App::with_layers(ds, Layers::plain(settings), frame, db_path, demo)
    }

    /// An app over the config file and command line `layers` and the database's settings
    /// in `ds`; the frame's windows are the settings' in force.
    pub fn with_layers(
        ds: Dataset,
        layers: Layers,
        frame: Frame,
        db_path: String,
        demo: bool,
    ) -> App {
        let (settings, sources, problem) = match layers.effective(&ds.settings, &db_path) {
            Ok(e) => (e.settings, e.sources, None),
            Err(e) => (layers.config.metrics.clone(), BTreeMap::new(), Some(e)),
        };
        let frame = Frame::new(frame.as_of, settings.window_days, settings.velocity_days);
        // The text columns' orders (a name sort of 100k rows is over a frame) and the
        // text searched on the other core while the figures are computed: every first
        // sort and search is then instant.
        let ((text_sorted, search_text), review) = crate::par::join(
            || {
                let sorted = [Column::Sku, Column::Name, Column::Category]
                    .into_iter()
                    .filter_map(|c| Some((c, text_order(&ds, c)?)))
                    .collect();
                (sorted, super::view::search_text(&ds))
            },
            || review(&ds, frame, &settings),
        );
        let mut views = Views::build(&ds, &review, &settings);
        views.search_text = search_text;
        let display = layers.config.display.clone();
        let mut app = App {
            ds: std::sync::Arc::new(ds),
            settings,
            review,
            views,
            db_path,
            demo,
            tab: Tab::Mix,
            mix_by: Default::default(),
            overlay: None,
            trend_period: crate::domain::over_time::Period::Month,
            cursors: Cursors::default(),
            aging: Aging {
                text_sorted,
                ..Aging::default()
            },
            message: None,
            quit: false,
            page: 20,
            selection: BTreeSet::new(),
            compare: BTreeSet::new(),
            anchor: None,
            requests: Vec::new(),
            read_only: None,
            keymap: Keymap::default(),
            money: display.money(),
            display,
            layers,
            sources,
            hits: RefCell::new(Vec::new()),
            settings_note: None,
            lang: Lang::En,
            log: VecDeque::new(),
            finds: Default::default(),
            jobs: Default::default(),
        };
        app.refresh_rows();
        if let Some(e) = problem {
            app.say(Level::Error, e.to_string());
        }
        app
    }

    /// SKUs per tier (high, mid, low, unclassified) in the figures shown.
    pub fn tier_counts(&self) -> [usize; 4] {
        // The count the mix tab's table and bars show (SKUs with stock or a line in the
        // window), so a settings change says the same numbers the tables then show.
        self.review
            .kpis
            .tier_totals
            .skus
            .map(|n| usize::try_from(n).unwrap_or(0))
    }

    pub fn frame(&self) -> Frame {
        self.review.frame
    }

    /// Says `text` on the status line (and keeps it in the message log).
    pub fn say(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        if self.log.len() == LOG_KEPT {
            self.log.pop_front();
        }
        self.log.push_back(Logged {
            time: chrono::Local::now().format("%H:%M:%S").to_string(),
            level,
            text: text.clone(),
        });
        self.message = Some(Message {
            text,
            level,
            at: Instant::now(),
        });
    }
}

/// What the tests, the benches and the run loop read and set.
impl App {
    pub fn ds(&self) -> &Dataset {
        &self.ds
    }

    /// The data as the worker's snapshots share it.
    pub fn shared_ds(&self) -> &std::sync::Arc<Dataset> {
        &self.ds
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The figures shown.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The figures, to change by hand: for tests that draw figures the data would take
    /// too long to give (views and rows are not rebuilt from them).
    #[doc(hidden)]
    pub fn review_mut(&mut self) -> &mut Review {
        &mut self.review
    }

    pub fn views(&self) -> &Views {
        &self.views
    }

    pub fn db_path(&self) -> &str {
        &self.db_path
    }

    /// Where the export key writes: the folder next to this database path.
    pub fn set_db_path(&mut self, path: String) {
        self.db_path = path;
    }

    /// The database is the demo data.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The popup open, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// Opens `overlay` in place of any other.
    pub fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
    }

    pub fn aging(&self) -> &Aging {
        &self.aging
    }

    /// Sorts the aging table by `sort` (`None`: the data's order).
    pub fn set_aging_sort(&mut self, sort: Option<Column>, descending: bool) {
        self.aging.sort = sort;
        self.aging.descending = descending;
        self.refresh_rows();
    }

    /// The trend chart's periods.
    pub fn trend_period(&self) -> crate::domain::over_time::Period {
        self.trend_period
    }

    /// The cursor of `tab`'s table.
    pub fn cursor(&self, tab: Tab) -> &Cursor {
        &self.cursors[tab]
    }

    /// The status line's message (it fades when drawn after a while).
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The message log: the last [`LOG_KEPT`] messages, oldest first.
    pub fn log(&self) -> &VecDeque<Logged> {
        &self.log
    }

    /// The search of `tab`'s table, when it is not the aging tab's.
    pub fn find(&self, tab: Tab) -> &Find {
        &self.finds[tab.index()]
    }

    /// The app has been asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// Products selected on the aging tab.
    pub fn selection(&self) -> &BTreeSet<usize> {
        &self.selection
    }

    /// Work for the store not yet carried out.
    pub fn requests(&self) -> &[Request] {
        &self.requests
    }

    /// Asks the store for `request`, as a key would (carried out by `ui::process`).
    pub fn push_request(&mut self, request: Request) {
        self.requests.push(request);
    }

    /// Why the database is read-only, if it is.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Refuses changes from now on, saying `why` (`None`: allows them).
    pub fn set_read_only(&mut self, why: Option<String>) {
        self.read_only = why;
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The key table, with the config file's overrides.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    pub fn money(&self) -> &MoneyFormat {
        &self.money
    }

    /// How money is shown (currency sign, decimals).
    pub fn set_money(&mut self, money: MoneyFormat) {
        self.money = money;
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The language everything on screen is in from now on.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }
}
