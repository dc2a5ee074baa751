//! The app's state and `update`, the only place that changes it. Keys become actions
//! through the keymap; figures are recomputed only when the data or the frame changes.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::time::Instant;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::config::layers::{Layers, Source};
use crate::domain::aging_view::text_order;
use crate::domain::dates::{Day, Frame};
use crate::domain::metrics::{restate, restate_products, review, review_again, Review};
use crate::domain::model::{Dataset, ProductIx, Tier};
use crate::domain::money::MoneyFormat;
use crate::domain::settings::{Display, Settings};

use super::action::{Action, Tab};
use super::editors::{CandidateForm, PlanForm, PromoteForm};
use super::form::FormEvent;
use super::import::{ImportForm, ImportPreview};
use super::keymap::Keymap;
use super::settings_popup::SettingsForm;
use super::triage::{BatchForm, Confirm, History, ReclassifyForm, Request};
use super::view::Views;
use crate::domain::command::Command;
use crate::domain::model::BatchStatus;
use crate::domain::whatif;
use crate::i18n::{Lang, Msg};
use std::collections::BTreeSet;

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

/// A cursor over table rows; the scroll offset is kept by drawing (it knows the height).
#[derive(Debug, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl Cursor {
    fn apply(&mut self, action: Action, len: usize, page: usize) {
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page.max(1)),
            Action::PageDown => (self.selected + page.max(1)).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
    }
    fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

pub use crate::domain::aging_view::{AgingQuery, Column, Filter};

#[derive(Debug)]
pub struct Aging {
    pub cursor: Cursor,
    pub sort: Option<Column>,
    pub descending: bool,
    pub filter: Filter,
    pub category: Option<String>,
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
            cursor: Cursor::default(),
            sort: q.sort,
            descending: q.descending,
            filter: q.filter,
            category: q.category,
            search: q.search,
            searching: false,
            rows: Vec::new(),
            sorted: Default::default(),
            text_sorted: Default::default(),
        }
    }
}

impl Aging {
    /// What the table is asked to show now: filter, category, search and sort.
    pub fn query(&self) -> AgingQuery {
        AgingQuery {
            filter: self.filter,
            category: self.category.clone(),
            search: self.search.clone(),
            sort: self.sort,
            descending: self.descending,
        }
    }
}

/// The selected SKU's detail, computed when it is opened.
#[derive(Debug, Clone)]
pub struct Detail {
    pub product: usize,
    /// (qty, received, age in days, unit cost) per lot on hand at D.
    pub lots: Vec<(i64, Day, i64, crate::domain::money::Money)>,
    /// Net units per day over the window, oldest first.
    pub daily_units: Vec<u64>,
    /// (first day, net units) of the last weeks up to the as-of date, oldest first;
    /// weeks start on the configured day.
    pub weekly_units: Vec<(Day, i64)>,
    pub batches: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys, scrolled down by this many rows where they do not fit.
    Help(usize),
    Detail(Box<Detail>),
    Reclassify(Box<ReclassifyForm>),
    Batch(Box<BatchForm>),
    Confirm(Box<Confirm>),
    History(Box<History>),
    Candidate(Box<CandidateForm>),
    Plan(Box<PlanForm>),
    Promote(Box<PromoteForm>),
    /// Candidates side by side (indices into `Dataset::candidates`).
    Compare(Vec<usize>),
    /// Thresholds and windows, stored in the database as one undoable change.
    Settings(Box<SettingsForm>),
    /// The first screen on the demo data: what the tabs are, how to import, which keys.
    Welcome,
    Import(Box<ImportForm>),
    ImportPreview(Box<ImportPreview>),
}

impl Overlay {
    /// A form, confirm or preview: keys go to it, clicks outside it do nothing.
    pub fn is_form(&self) -> bool {
        matches!(
            self,
            Overlay::Reclassify(_)
                | Overlay::Batch(_)
                | Overlay::Confirm(_)
                | Overlay::Candidate(_)
                | Overlay::Plan(_)
                | Overlay::Promote(_)
                | Overlay::Settings(_)
                | Overlay::Import(_)
                | Overlay::ImportPreview(_)
        )
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

pub struct App {
    pub ds: Dataset,
    pub settings: Settings,
    pub review: Review,
    pub views: Views,
    pub db_path: String,
    pub demo: bool,
    pub tab: Tab,
    pub overlay: Option<Overlay>,
    pub mix: Cursor,
    pub aging: Aging,
    pub scoring: Cursor,
    pub plans: Cursor,
    pub message: Option<Message>,
    pub quit: bool,
    /// Rows a page holds, set from the terminal height.
    pub page: usize,
    /// Products selected on the aging tab.
    pub selection: BTreeSet<usize>,
    /// Candidates marked for comparing (indices into `Dataset::candidates`).
    pub compare: BTreeSet<usize>,
    /// Where a range selection started (a row position on the aging tab).
    pub anchor: Option<usize>,
    /// Work for the store, carried out by the run loop after each key.
    pub requests: Vec<Request>,
    /// The store is read-only: changes are refused with this reason.
    pub read_only: Option<String>,
    /// The key table, with the config file's overrides.
    pub keymap: Keymap,
    /// How money is shown (currency sign, decimals).
    pub money: MoneyFormat,
    /// Theme, currency and week start from the config file.
    pub display: Display,
    /// The config file and command line under the database's settings.
    pub layers: Layers,
    /// Where each setting in force came from.
    pub sources: BTreeMap<&'static str, Source>,
    /// What the last draw put where, for mouse clicks.
    pub hits: RefCell<Vec<Hit>>,
    /// Said after the next change: how a settings change moved the tiers.
    pub settings_note: Option<String>,
    /// The language everything on screen is in (English unless set after `new`).
    pub lang: Lang,
    /// How far the help screen can scroll on the terminal it was last drawn on (its
    /// last page's first row): the drawing knows the height, the keys do not.
    pub help_bottom: std::cell::Cell<usize>,
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
            ds,
            settings,
            review,
            views,
            db_path,
            demo,
            tab: Tab::Mix,
            overlay: None,
            mix: Cursor::default(),
            aging: Aging {
                text_sorted,
                ..Aging::default()
            },
            scoring: Cursor::default(),
            plans: Cursor::default(),
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
            help_bottom: std::cell::Cell::new(usize::MAX),
            lang: Lang::En,
        };
        app.refresh_rows();
        if let Some(e) = problem {
            app.say(Level::Error, e.to_string());
        }
        app
    }

    /// Brings the settings in force up to the database's (after a settings change, an
    /// undo, or another process's write); true when they changed. A window set in the
    /// settings moves the frame's; the `w` key's choice stays otherwise.
    fn sync_settings(&mut self) -> bool {
        let effective = match self.layers.effective(&self.ds.settings, &self.db_path) {
            Ok(e) => e,
            Err(e) => {
                self.say(Level::Error, e.to_string());
                return false;
            }
        };
        self.sources = effective.sources;
        if effective.settings == self.settings {
            return false;
        }
        let before = self.settings.clone();
        self.settings = effective.settings;
        let mut f = self.frame();
        if self.settings.window_days != before.window_days {
            f.window_days = self.settings.window_days;
        }
        if self.settings.velocity_days != before.velocity_days {
            f.velocity_days = self.settings.velocity_days;
        }
        self.review.frame = f;
        true
    }

    /// SKUs per tier (high, mid, low, unclassified) in the figures shown.
    pub fn tier_counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for s in &self.review.skus {
            n[Tier::ALL.iter().position(|t| *t == s.tier).unwrap_or(3)] += 1;
        }
        n
    }

    pub fn frame(&self) -> Frame {
        self.review.frame
    }

    pub fn say(&mut self, level: Level, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level,
            at: Instant::now(),
        });
    }

    /// Recomputes figures and views for a new frame.
    fn set_frame(&mut self, frame: Frame) {
        let previous = std::mem::replace(&mut self.review, Review::empty(frame));
        self.review = review_again(&self.ds, frame, &self.settings, previous);
        self.rebuild_views();
    }

    /// Views, cached sort orders and rows, after the review changed.
    fn rebuild_views(&mut self) {
        self.rebuild_views_keeping(None);
    }

    /// [`Self::rebuild_views`], keeping one column's sort order known to be still right.
    fn rebuild_views_keeping(&mut self, kept: Option<(Column, Vec<usize>)>) {
        let search_text = std::mem::take(&mut self.views.search_text);
        self.views = Views::build(&self.ds, &self.review, &self.settings);
        self.views.search_text = search_text;
        self.aging.sorted.clear();
        if let Some((col, order)) = kept {
            self.aging.sorted.insert(col, order);
        }
        self.refresh_rows();
    }

    /// Replaces the data after a change: figures, views and rows are rebuilt. The
    /// selection and an open reclassify or batch form are kept by SKU code (another
    /// program's commit must not throw away what the seller was doing); a SKU that has
    /// gone drops out of the selection, and the form names it when applied.
    pub fn reload(&mut self, ds: Dataset) {
        let selected = self.selected_skus();
        self.ds = ds;
        // Codes and names are taken as changed: the data held before may have been half
        // refreshed when a refresh gave up, and a whole reload costs far more than the
        // search text and text orders built again.
        self.forget_rows(true);
        let before = self.tier_counts();
        let settings_changed = self.sync_settings();
        let frame = self.frame();
        self.set_frame(frame);
        self.keep_rows(&selected);
        if settings_changed {
            self.note_tiers(before);
        }
    }

    /// The SKU codes of the selection, to find it again in reloaded data.
    fn selected_skus(&self) -> Vec<String> {
        self.selection
            .iter()
            .filter_map(|&i| self.ds.products.get(i).map(|p| p.sku.clone()))
            .collect()
    }

    /// After a reload: the selection and an open form's SKUs found again by code in the
    /// new data, and the form's what-if computed on it.
    fn keep_rows(&mut self, selected: &[String]) {
        let index = super::triage::sku_index(&self.ds);
        self.selection = super::triage::indices_of(&index, selected)
            .into_iter()
            .collect();
        match &mut self.overlay {
            Some(Overlay::Reclassify(f)) => {
                f.products = super::triage::indices_of(&index, &f.skus);
                f.before = whatif::current(&self.review);
                f.after = whatif::reclassify(&self.review, &f.products, f.tier());
            }
            Some(Overlay::Batch(f)) => {
                f.products = super::triage::indices_of(&index, &f.skus);
                f.before = whatif::current(&self.review);
                f.refresh(&self.ds, &self.review, self.settings.margin_floor);
            }
            _ => {}
        }
    }

    fn note_tiers(&mut self, before: [usize; 4]) {
        let after = self.tier_counts();
        let moved: Vec<String> = Tier::ALL
            .iter()
            .enumerate()
            .filter(|&(i, _)| before[i] != after[i])
            .map(|(i, t)| format!("{} {}→{}", self.lang.tier(*t), before[i], after[i]))
            .collect();
        self.settings_note = Some(if moved.is_empty() {
            self.lang.t(Msg::NoSkuChangedTier).to_string()
        } else {
            let list = moved.join(if self.lang.is_en() { ", " } else { "，" });
            self.lang.f(Msg::SkusPerTier, &[&list])
        });
    }

    /// After an import: the new data, as of its latest day (the seller wants to see
    /// what they brought in, not the period the old data ended on).
    pub fn reload_at_latest(&mut self, ds: Dataset) {
        let selected = self.selected_skus();
        self.ds = ds;
        self.forget_rows(true);
        self.sync_settings();
        let mut frame = self.frame();
        if let Some(latest) = self.ds.latest_day() {
            frame.as_of = latest;
        }
        self.set_frame(frame);
        self.keep_rows(&selected);
    }

    /// After the catalog in `ds` (products' tiers, lifecycles, categories; batches,
    /// candidates, plans) changed in place, lines and lots not: figures are restated
    /// from the line figures already computed, views and rows rebuilt.
    pub fn catalog_changed(&mut self, names_changed: bool, touched: Option<&[ProductIx]>) {
        self.forget_rows(names_changed);
        let before = self.tier_counts();
        if self.sync_settings() {
            // Thresholds or windows moved: every figure is computed again.
            let frame = self.frame();
            self.set_frame(frame);
            self.note_tiers(before);
            return;
        }
        // The shown column's order survives when its keys did not move (a reclassify
        // leaves capital, cover… as they were): sorting 100k rows again is a fifth of a
        // refresh. (Text columns' orders are kept apart; `forget_rows` sees to them.)
        let keep_col = self.aging.sort;
        let keys_before =
            keep_col.and_then(|c| crate::domain::aging_view::numeric_keys(&self.review, c));
        let frame = self.frame();
        let previous = std::mem::replace(&mut self.review, Review::empty(frame));
        self.review = match touched {
            Some(products) => restate_products(&self.ds, previous, &self.settings, products),
            None => restate(&self.ds, previous, &self.settings),
        };
        let kept = keep_col.and_then(|c| {
            let before = keys_before.as_ref()?;
            let now = crate::domain::aging_view::numeric_keys(&self.review, c)?;
            if now != *before {
                return None;
            }
            self.aging.sorted.remove(&c).map(|order| (c, order))
        });
        self.rebuild_views_keeping(kept);
    }

    /// Drops what holds product indices of the old data, and the search text when codes
    /// or names changed.
    fn forget_rows(&mut self, names_changed: bool) {
        // Product indices of the old data mean nothing in the new: drop what holds them.
        self.selection.clear();
        self.compare.clear();
        self.anchor = None;
        // A SKU's details are a view of the old figures; a form keeps its input (the
        // reloads find its SKUs again by code, see `keep_rows`).
        if matches!(self.overlay, Some(Overlay::Detail(_))) {
            self.overlay = None;
        }
        self.aging.text_sorted.remove(&Column::Category);
        if names_changed {
            self.views.search_text = super::view::search_text(&self.ds);
            self.aging.text_sorted.clear();
        }
    }

    /// The products an action applies to: the selection, else the row under the cursor.
    pub fn targets(&self) -> Vec<usize> {
        if !self.selection.is_empty() {
            return self.selection.iter().copied().collect();
        }
        self.selected_product().into_iter().collect()
    }

    /// Rows of the mix table: the four tiers, then categories by revenue.
    pub fn mix_len(&self) -> usize {
        Tier::ALL.len() + self.views.categories.len()
    }

    /// All product indices in the order of `col`, ascending; computed once per data or
    /// frame change and kept, so a later sort, filter or search is a pass over it.
    fn sorted_by(&mut self, col: Column) -> &[usize] {
        let (ds, r) = (&self.ds, &self.review);
        let cache = if col.is_text() {
            &mut self.aging.text_sorted
        } else {
            &mut self.aging.sorted
        };
        cache
            .entry(col)
            .or_insert_with(|| crate::domain::aging_view::sort_order(ds, r, col))
    }

    /// Re-applies filter, search and sort to the aging table.
    pub fn refresh_rows(&mut self) {
        let order: Vec<usize> = match self.aging.sort {
            Some(col) => self.sorted_by(col).to_vec(),
            None => (0..self.ds.products.len()).collect(),
        };
        let rows = self
            .aging
            .query()
            .rows(&self.ds, &self.review, &self.views.search_text, order);
        self.aging.rows = rows;
        self.aging.cursor.clamp(self.aging.rows.len());
    }

    /// The product under the cursor on the aging tab.
    pub fn selected_product(&self) -> Option<usize> {
        self.aging.rows.get(self.aging.cursor.selected).copied()
    }

    /// What the tab now shown needs and the views leave until needed: the year-earlier
    /// figures, on the plans tab (also built ahead when the app is idle). The run loop
    /// calls it before it draws.
    pub fn settle_views(&mut self) {
        if self.tab == Tab::Plans {
            self.settle_last_year();
        }
    }

    /// Computes the year-earlier figures now, if they are not yet.
    pub fn settle_last_year(&mut self) {
        self.views
            .settle_last_year(&self.ds, &self.review, &self.settings);
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        // For the end-to-end test of the panic path only: a key that panics on purpose.
        if key.code == KeyCode::F(12) && std::env::var_os("SKUDESK_TEST_PANIC_KEY").is_some() {
            #[allow(clippy::panic, reason = "the panic path's own end-to-end test")]
            {
                panic!("test panic (SKUDESK_TEST_PANIC_KEY)");
            }
        }
        if (key.code, key.modifiers) == super::keymap::CTRL_C {
            // Ctrl-C quits from anywhere, whatever `[keys]` binds (an open form is not
            // applied): the one way out that no config can take away.
            self.quit = true;
            return;
        }
        if self.aging.searching {
            self.on_search_key(key);
            return;
        }
        if let Some(Overlay::Welcome) = &self.overlay {
            self.on_welcome_key(key);
            return;
        }
        if self.overlay.as_ref().is_some_and(Overlay::is_form) {
            self.on_form_key(key);
            return;
        }
        let closes_help = self.keymap.lookup(self.tab, &key) == Some(Action::Help);
        let plain = (key.modifiers - KeyModifiers::SHIFT).is_empty();
        if let (Some(Overlay::Help(scroll)), false, true) = (&mut self.overlay, closes_help, plain)
        {
            let page = self.page.max(1);
            let moved = match key.code {
                KeyCode::Char('j') | KeyCode::Down => Some(*scroll + 1),
                KeyCode::Char('k') | KeyCode::Up => Some(scroll.saturating_sub(1)),
                KeyCode::PageDown | KeyCode::Char(' ') => Some(*scroll + page),
                KeyCode::PageUp => Some(scroll.saturating_sub(page)),
                KeyCode::Home | KeyCode::Char('g') => Some(0),
                KeyCode::End | KeyCode::Char('G') => Some(usize::MAX),
                _ => None,
            };
            if let Some(to) = moved {
                // Not past the last page, so that a key back up moves at once.
                let rows = self.keymap.help_rows();
                *scroll = to.min(self.help_bottom.get()).min(rows.saturating_sub(1));
                return;
            }
        }
        if let Some(
            Overlay::Help(_) | Overlay::Detail(_) | Overlay::History(_) | Overlay::Compare(_),
        ) = &self.overlay
        {
            let closes = matches!(
                key.code,
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Char('?')
            ) || self.keymap.lookup(self.tab, &key) == Some(Action::Help);
            if closes {
                self.overlay = None;
            }
            return;
        }
        match self.keymap.lookup(self.tab, &key) {
            Some(action) => self.apply(action),
            None => {
                if let KeyCode::Char(c) = key.code {
                    let text = self.lang.f(Msg::NoSuchKey, &[&c]);
                    self.say(Level::Info, text);
                }
            }
        }
    }

    /// A paste (the terminal's bracketed paste): into the focused text field of an
    /// open form, at its cursor, or into the search being typed; ignored elsewhere.
    pub fn on_paste(&mut self, text: &str) {
        if self.aging.searching {
            for c in text
                .chars()
                .filter(|&c| !crate::domain::text::is_unsafe_char(c))
            {
                self.on_search_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            return;
        }
        let form = match &mut self.overlay {
            Some(Overlay::Reclassify(f)) => &mut f.form,
            Some(Overlay::Batch(f)) => &mut f.form,
            Some(Overlay::Candidate(f)) => &mut f.form,
            Some(Overlay::Plan(f)) => &mut f.form,
            Some(Overlay::Promote(f)) => &mut f.form,
            Some(Overlay::Settings(f)) => &mut f.form,
            Some(Overlay::Import(f)) => &mut f.form,
            _ => return,
        };
        if form.paste(text) != FormEvent::Changed {
            return;
        }
        // What a typed key's change does to each form.
        match &mut self.overlay {
            Some(Overlay::Reclassify(f)) => {
                f.after = whatif::reclassify(&self.review, &f.products, f.tier());
            }
            Some(Overlay::Batch(f)) => {
                f.refresh(&self.ds, &self.review, self.settings.margin_floor);
            }
            Some(Overlay::Settings(f)) => {
                f.problem = None;
                f.follow_floor();
            }
            _ => {}
        }
    }

    fn on_form_key(&mut self, key: KeyEvent) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        match overlay {
            Overlay::Confirm(c) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    self.requests.push(Request::Apply(c.command))
                }
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('n') | KeyCode::Char('N') => {
                    self.say(Level::Info, self.lang.t(Msg::NothingDeleted));
                }
                _ => self.overlay = Some(Overlay::Confirm(c)),
            },
            Overlay::Reclassify(mut f) => match f.form.on_key(key) {
                FormEvent::Cancel => self.say(Level::Info, self.lang.t(Msg::ReclassifyCancelled)),
                FormEvent::Submit => match f.command(&self.ds) {
                    Ok(cmd) => self.requests.push(Request::Apply(cmd)),
                    Err(e) => {
                        self.say(Level::Warning, e);
                        self.overlay = Some(Overlay::Reclassify(f));
                    }
                },
                FormEvent::Changed => {
                    f.after = whatif::reclassify(&self.review, &f.products, f.tier());
                    self.overlay = Some(Overlay::Reclassify(f));
                }
                FormEvent::None => self.overlay = Some(Overlay::Reclassify(f)),
            },
            Overlay::Batch(mut f) => match f.form.on_key(key) {
                FormEvent::Cancel => self.say(Level::Info, self.lang.t(Msg::BatchCancelled)),
                FormEvent::Submit if f.needs_alarm_confirmation() => {
                    f.alarm_confirmed = true;
                    self.say(Level::Error, self.lang.t(Msg::BelowCostConfirm));
                    self.overlay = Some(Overlay::Batch(f));
                }
                FormEvent::Submit => match f.command(&self.ds) {
                    Ok(cmd) => self.requests.push(Request::Apply(cmd)),
                    Err(e) => {
                        self.say(Level::Warning, e);
                        self.overlay = Some(Overlay::Batch(f));
                    }
                },
                FormEvent::Changed => {
                    f.refresh(&self.ds, &self.review, self.settings.margin_floor);
                    self.overlay = Some(Overlay::Batch(f));
                }
                FormEvent::None => self.overlay = Some(Overlay::Batch(f)),
            },
            Overlay::Candidate(mut f) => match f.form.on_key(key) {
                FormEvent::Cancel => self.say(Level::Info, self.lang.t(Msg::Cancelled)),
                FormEvent::Submit => self.submit(f.command(), Overlay::Candidate(f)),
                _ => self.overlay = Some(Overlay::Candidate(f)),
            },
            Overlay::Plan(mut f) => match f.form.on_key(key) {
                FormEvent::Cancel => self.say(Level::Info, self.lang.t(Msg::Cancelled)),
                FormEvent::Submit => self.submit(f.command(), Overlay::Plan(f)),
                _ => self.overlay = Some(Overlay::Plan(f)),
            },
            Overlay::Import(mut f) => match f.form.on_key(key) {
                FormEvent::Cancel => self.say(Level::Info, self.lang.t(Msg::ImportCancelled)),
                FormEvent::Submit => match f.job() {
                    Ok(job) => self.requests.push(Request::ImportPreview(job)),
                    Err(e) => {
                        self.say(Level::Warning, e);
                        self.overlay = Some(Overlay::Import(f));
                    }
                },
                _ => self.overlay = Some(Overlay::Import(f)),
            },
            Overlay::ImportPreview(p) => match key.code {
                KeyCode::Enter | KeyCode::Char('y') if p.can_apply() => {
                    self.requests.push(Request::Import(p.job))
                }
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('n') | KeyCode::Char('q') => {
                    self.say(Level::Info, self.lang.t(Msg::NothingImported))
                }
                _ => self.overlay = Some(Overlay::ImportPreview(p)),
            },
            Overlay::Promote(mut f) => match f.form.on_key(key) {
                FormEvent::Cancel => self.say(Level::Info, self.lang.t(Msg::Cancelled)),
                FormEvent::Submit => self.submit(f.command(), Overlay::Promote(f)),
                _ => self.overlay = Some(Overlay::Promote(f)),
            },
            Overlay::Settings(mut f) => match f.form.on_key(key) {
                FormEvent::Cancel => self.say(Level::Info, self.lang.t(Msg::SettingsUnchanged)),
                FormEvent::Submit => {
                    match f.command(&self.layers, &self.ds.settings, &self.db_path) {
                        Ok(Some(cmd)) => self.requests.push(Request::Apply(cmd)),
                        Ok(None) => self.say(Level::Info, self.lang.t(Msg::SettingsUnchanged)),
                        Err(e) => {
                            f.problem = Some(e.clone());
                            self.say(Level::Warning, e);
                            self.overlay = Some(Overlay::Settings(f));
                        }
                    }
                }
                FormEvent::Changed => {
                    f.problem = None;
                    f.follow_floor();
                    self.overlay = Some(Overlay::Settings(f));
                }
                FormEvent::None => self.overlay = Some(Overlay::Settings(f)),
            },
            other => self.overlay = Some(other),
        }
    }

    /// Hands a form's command to the store, or keeps the form open with what is wrong.
    fn submit(&mut self, command: Result<Command, String>, form: Overlay) {
        match command {
            Ok(cmd) => self.requests.push(Request::Apply(cmd)),
            Err(e) => {
                self.say(Level::Warning, e);
                self.overlay = Some(form);
            }
        }
    }

    /// The candidate under the cursor on the scoring tab.
    fn candidate_under_cursor(&self) -> Option<usize> {
        self.views
            .candidate_order
            .get(self.scoring.selected)
            .copied()
    }

    fn persona_codes(&self) -> Vec<String> {
        self.ds
            .personas
            .iter()
            .map(|(code, _)| code.clone())
            .collect()
    }

    fn categories(&self) -> Vec<String> {
        let mut c: Vec<String> = self
            .ds
            .products
            .iter()
            .map(|p| p.category.clone())
            .filter(|c| !c.is_empty())
            .collect();
        c.sort();
        c.dedup();
        c
    }

    fn on_edit_action(&mut self, action: Action) {
        if !self.writable() {
            return;
        }
        match (self.tab, action) {
            (Tab::Scoring, Action::Add) => {
                self.overlay = Some(Overlay::Candidate(Box::new(CandidateForm::new(
                    None,
                    self.categories(),
                    self.persona_codes(),
                    self.lang,
                ))));
            }
            (Tab::Plans, Action::Add) => {
                self.overlay = Some(Overlay::Plan(Box::new(PlanForm::new(
                    &self.ds, None, self.lang,
                ))))
            }
            (Tab::Scoring, _) => {
                let Some(i) = self.candidate_under_cursor() else {
                    self.say(Level::Info, self.lang.t(Msg::NoCandidateHere));
                    return;
                };
                let c = self.ds.candidates[i].clone();
                match action {
                    Action::Edit => {
                        self.overlay = Some(Overlay::Candidate(Box::new(CandidateForm::new(
                            Some(&c),
                            self.categories(),
                            self.persona_codes(),
                            self.lang,
                        ))));
                    }
                    Action::Delete => {
                        let question = self.lang.f(
                            Msg::DeleteCandidateQuestion,
                            &[&crate::domain::text::for_terminal(&c.name)],
                        );
                        self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                            question,
                            command: Command::DeleteCandidate { id: c.id },
                        })));
                    }
                    _ => {
                        use crate::domain::scoring::Verdict;
                        let verdict = self.views.scorecards[i].verdict;
                        if let Some(sku) = &c.promoted_sku {
                            let text = self
                                .lang
                                .f(Msg::AlreadySku, &[&crate::domain::text::for_terminal(sku)]);
                            self.say(Level::Info, text);
                        } else if !matches!(verdict, Verdict::Launch | Verdict::TestBatch) {
                            let text = self
                                .lang
                                .f(Msg::OnlyLaunchPromoted, &[&self.lang.verdict(verdict)]);
                            self.say(Level::Warning, text);
                        } else {
                            self.overlay =
                                Some(Overlay::Promote(Box::new(PromoteForm::new(&c, self.lang))));
                        }
                    }
                }
            }
            (Tab::Plans, _) => {
                if self.batch_under_cursor().is_some() {
                    self.on_batch_action(action);
                    return;
                }
                let Some(p) = self.ds.plans.get(self.plans.selected).cloned() else {
                    self.say(Level::Info, self.lang.t(Msg::NoPlanHere));
                    return;
                };
                if action == Action::Edit {
                    self.overlay = Some(Overlay::Plan(Box::new(PlanForm::new(
                        &self.ds,
                        Some(&p),
                        self.lang,
                    ))));
                } else if action == Action::Delete {
                    let question = self.lang.f(
                        Msg::DeletePlanQuestion,
                        &[&crate::domain::text::for_terminal(&p.title)],
                    );
                    self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                        question,
                        command: Command::DeletePlan { id: p.id },
                    })));
                } else {
                    self.say(Level::Info, self.lang.t(Msg::XClosesBatch));
                }
            }
            _ => {}
        }
    }

    /// Refuses a change when the database is read-only; true when the change may go on.
    fn writable(&mut self) -> bool {
        match self.read_only.clone() {
            Some(why) => {
                let text = self.lang.f(Msg::ReadOnlyWhy, &[&why]);
                self.say(Level::Warning, text);
                false
            }
            None => true,
        }
    }

    /// The batch under the cursor on the plans tab.
    fn batch_under_cursor(&self) -> Option<usize> {
        self.plans
            .selected
            .checked_sub(self.ds.plans.len())
            .filter(|&i| i < self.ds.batches.len())
    }

    fn on_search_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.aging.searching = false;
                self.aging.search.clear();
            }
            KeyCode::Enter => self.aging.searching = false,
            KeyCode::Backspace => {
                self.aging.search.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                // A longer search only narrows: filter the rows shown instead of all SKUs.
                self.aging.search.push(c);
                let needle = self.aging.search.to_lowercase();
                let text = &self.views.search_text;
                self.aging
                    .rows
                    .retain(|&i| crate::domain::aging_view::search_matches(&text[i], &needle));
                self.aging.cursor.selected = 0;
                return;
            }
            _ => return,
        }
        self.aging.cursor.selected = 0;
        self.refresh_rows();
    }

    /// On the welcome screen: Enter, Esc or Space dismiss it for good (remembered in the
    /// database); q and Ctrl-c quit (it shows again next time).
    fn on_welcome_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Char('q') => self.quit = true,
            KeyCode::Enter | KeyCode::Esc | KeyCode::Char(' ') => {
                self.overlay = None;
                self.requests.push(Request::DismissWelcome);
                let help = self.keymap.label_of(Action::Help).unwrap_or("?".into());
                let said = self.lang.f(Msg::WelcomeDismissed, &[&help]);
                self.say(Level::Info, said);
            }
            _ => self.say(Level::Info, self.lang.t(Msg::WelcomeKeys)),
        }
    }

    /// A click on a tab, a table row (a second click on the selected row opens it, as
    /// Enter), a button or a footer hint (as its key); the wheel moves in the table.
    pub fn on_mouse(&mut self, m: MouseEvent, tab_bar: &[(u16, u16)]) {
        let inside = |r: ratatui::layout::Rect| {
            m.column >= r.x && m.column < r.x + r.width && m.row >= r.y && m.row < r.y + r.height
        };
        let form_open = self
            .overlay
            .as_ref()
            .is_some_and(|o| o.is_form() || matches!(o, Overlay::Welcome));
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let hits = self.hits.borrow().clone();
                // Buttons first: they sit on top (a popup's, the footer's).
                let button = hits.iter().rev().find_map(|h| match *h {
                    Hit::Button { area, key } if inside(area) => Some(key),
                    _ => None,
                });
                if let Some(key) = button {
                    self.on_key(key);
                    return;
                }
                if form_open || self.aging.searching {
                    return;
                }
                if m.row == 0 {
                    if let Some(i) = tab_bar
                        .iter()
                        .position(|&(x0, x1)| m.column >= x0 && m.column < x1)
                    {
                        self.overlay = None;
                        self.tab = Tab::ALL[i];
                    }
                    return;
                }
                if self.overlay.is_some() {
                    return;
                }
                let row = hits.iter().find_map(|h| match *h {
                    Hit::Rows { area, first, len } if inside(area) => {
                        Some(first + usize::from(m.row - area.y)).filter(|&r| r < len)
                    }
                    _ => None,
                });
                if let Some(r) = row {
                    let cursor = self.cursor_mut();
                    if cursor.selected == r {
                        self.apply(Action::Open);
                    } else {
                        cursor.selected = r;
                    }
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                if !form_open && self.overlay.is_none() =>
            {
                let down = m.kind == MouseEventKind::ScrollDown;
                self.apply(if down { Action::Down } else { Action::Up });
            }
            _ => {}
        }
    }

    /// The cursor of the current tab's table.
    fn cursor_mut(&mut self) -> &mut Cursor {
        match self.tab {
            Tab::Mix => &mut self.mix,
            Tab::Aging => &mut self.aging.cursor,
            Tab::Scoring => &mut self.scoring,
            Tab::Plans => &mut self.plans,
        }
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help(0)),
            Action::NextTab => self.tab = self.tab.next(),
            Action::PrevTab => self.tab = self.tab.prev(),
            Action::GoTab(t) => self.tab = t,
            Action::Back => self.back(),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                let page = self.page;
                let (cursor, len) = match self.tab {
                    Tab::Mix => (&mut self.mix, Tier::ALL.len() + self.views.categories.len()),
                    Tab::Aging => (&mut self.aging.cursor, self.aging.rows.len()),
                    Tab::Scoring => (&mut self.scoring, self.ds.candidates.len()),
                    Tab::Plans => (&mut self.plans, self.ds.plans.len() + self.ds.batches.len()),
                };
                cursor.apply(action, len, page);
            }
            Action::Open => self.open(),
            Action::SortNext | Action::SortPrev => {
                let i = self.aging.sort.map_or(0, |c| c.position());
                let n = Column::ALL.len();
                let next = if action == Action::SortNext {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                let col = Column::ALL[next];
                self.aging.sort = Some(col);
                self.aging.descending = col.descending_by_default();
                self.refresh_rows();
                let text = self.lang.f(Msg::SortedBy, &[&self.lang.column(col)]);
                self.say(Level::Info, text);
            }
            Action::SortReverse => {
                self.aging.descending = !self.aging.descending;
                self.refresh_rows();
            }
            Action::CycleFilter => {
                self.aging.filter = self.aging.filter.next();
                self.aging.cursor.selected = 0;
                self.refresh_rows();
                let n = self.aging.rows.len();
                let text = self.lang.f(
                    Msg::FilterCount,
                    &[&self.lang.filter(self.aging.filter), &n],
                );
                self.say(Level::Info, text);
            }
            Action::Search => {
                self.aging.searching = true;
            }
            Action::AsOfEarlier | Action::AsOfLater => {
                let mut f = self.frame();
                let to = f
                    .as_of
                    .plus(if action == Action::AsOfLater { 1 } else { -1 });
                if (Day::FIRST..=Day::LAST).contains(&to) {
                    f.as_of = to;
                    self.set_frame(f);
                } else {
                    let text = self.lang.f(Msg::AsOfLimit, &[&Day::FIRST, &Day::LAST]);
                    self.say(Level::Warning, text);
                }
            }
            Action::ToggleSelect if self.tab == Tab::Scoring => {
                if let Some(i) = self.candidate_under_cursor() {
                    if !self.compare.remove(&i) {
                        self.compare.insert(i);
                    }
                    let len = self.ds.candidates.len();
                    self.scoring.apply(Action::Down, len, 1);
                    let text = self.lang.f(Msg::MarkedCompare, &[&self.compare.len()]);
                    self.say(Level::Info, text);
                }
            }
            Action::Compare => {
                let mut marked: Vec<usize> = self.compare.iter().copied().collect();
                if marked.len() < 2 {
                    if let Some(i) = self.candidate_under_cursor() {
                        if !marked.contains(&i) {
                            marked.push(i);
                        }
                    }
                }
                if marked.len() < 2 {
                    self.say(Level::Info, self.lang.t(Msg::MarkTwo));
                } else {
                    self.overlay = Some(Overlay::Compare(marked));
                }
            }
            Action::ToggleSelect => {
                if let Some(i) = self.selected_product() {
                    if !self.selection.remove(&i) {
                        self.selection.insert(i);
                    }
                    self.aging
                        .cursor
                        .apply(Action::Down, self.aging.rows.len(), 1);
                }
            }
            Action::RangeSelect => match self.anchor.take() {
                None => {
                    self.anchor = Some(self.aging.cursor.selected);
                    self.say(Level::Info, self.lang.t(Msg::RangeStarted));
                }
                Some(a) => {
                    let (lo, hi) = (
                        a.min(self.aging.cursor.selected),
                        a.max(self.aging.cursor.selected),
                    );
                    let rows: Vec<usize> =
                        self.aging.rows.get(lo..=hi).unwrap_or_default().to_vec();
                    self.selection.extend(rows);
                }
            },
            Action::SelectAll => {
                self.selection.extend(self.aging.rows.iter().copied());
                let text = self.lang.f(Msg::NSelected, &[&self.selection.len()]);
                self.say(Level::Info, text);
            }
            Action::Reclassify => {
                let targets = self.targets();
                if targets.is_empty() {
                    self.say(Level::Warning, self.lang.t(Msg::NoSkuToReclassify));
                } else if self.writable() {
                    let f = ReclassifyForm::new(
                        &self.ds,
                        targets,
                        whatif::current(&self.review),
                        self.categories(),
                        self.lang,
                    );
                    self.overlay = Some(Overlay::Reclassify(Box::new(f)));
                }
            }
            Action::MarkBatch => {
                let targets = self.targets();
                if targets.is_empty() {
                    self.say(Level::Warning, self.lang.t(Msg::NoSkuToBatch));
                } else if self.writable() {
                    let mut f = BatchForm::new(
                        &self.ds,
                        targets,
                        self.frame().as_of,
                        whatif::current(&self.review),
                        None,
                        self.lang,
                    );
                    f.refresh(&self.ds, &self.review, self.settings.margin_floor);
                    self.overlay = Some(Overlay::Batch(Box::new(f)));
                }
            }
            Action::Undo => {
                if self.writable() {
                    self.requests.push(Request::Undo);
                }
            }
            Action::Redo => {
                if self.writable() {
                    self.requests.push(Request::Redo);
                }
            }
            Action::History => self.requests.push(Request::History),
            Action::Settings => {
                if self.writable() {
                    let f = SettingsForm::new(&self.settings, &self.sources, self.lang);
                    self.overlay = Some(Overlay::Settings(Box::new(f)));
                }
            }
            Action::Add | Action::Edit | Action::CloseBatch | Action::Delete | Action::Promote => {
                self.on_edit_action(action)
            }
            // Not a change of data: allowed on a read-only database too.
            Action::ExportView => self.requests.push(Request::ExportView(self.tab)),
            Action::Import => match &self.read_only {
                Some(why) => {
                    let text = self.lang.f(Msg::CannotImport, &[why]);
                    self.say(Level::Warning, text)
                }
                None => self.overlay = Some(Overlay::Import(Box::new(ImportForm::new(self.lang)))),
            },
            Action::CycleWindow => {
                let mut f = self.frame();
                f.window_days = WINDOWS
                    .into_iter()
                    .find(|&w| w > f.window_days)
                    .unwrap_or(WINDOWS[0]);
                self.set_frame(f);
                let text = self.lang.f(Msg::WindowDays, &[&f.window_days]);
                self.say(Level::Info, text);
            }
        }
    }

    fn on_batch_action(&mut self, action: Action) {
        let Some(i) = self.batch_under_cursor() else {
            self.say(Level::Info, self.lang.t(Msg::MoveToBatch));
            return;
        };
        if !self.writable() {
            return;
        }
        let b = self.ds.batches[i].clone();
        match action {
            Action::Edit => {
                let products: Vec<usize> = b.skus.iter().map(|s| s.product as usize).collect();
                let mut f = BatchForm::new(
                    &self.ds,
                    products,
                    self.frame().as_of,
                    whatif::current(&self.review),
                    Some(&b),
                    self.lang,
                );
                f.refresh(&self.ds, &self.review, self.settings.margin_floor);
                self.overlay = Some(Overlay::Batch(Box::new(f)));
            }
            Action::CloseBatch => {
                self.requests.push(Request::Apply(Command::SetBatchStatus {
                    id: b.id,
                    status: BatchStatus::Done,
                }));
            }
            _ => {
                let question = self.lang.f(
                    Msg::DeleteBatchQuestion,
                    &[&crate::domain::text::for_terminal(&b.name), &b.skus.len()],
                );
                self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                    question,
                    command: Command::DeleteBatch { id: b.id },
                })));
            }
        }
    }

    fn back(&mut self) {
        if self.overlay.take().is_some() {
            return;
        }
        if self.anchor.take().is_some() || !self.selection.is_empty() {
            self.selection.clear();
            self.say(Level::Info, self.lang.t(Msg::SelectionCleared));
            return;
        }
        if self.tab == Tab::Aging {
            let a = &mut self.aging;
            if !a.search.is_empty() || a.filter != Filter::All || a.category.is_some() {
                a.search.clear();
                a.filter = Filter::All;
                a.category = None;
                self.refresh_rows();
                self.say(Level::Info, self.lang.t(Msg::FilterSearchCleared));
            }
        }
    }

    fn open(&mut self) {
        match self.tab {
            Tab::Mix => {
                let i = self.mix.selected;
                self.aging.search.clear();
                if i < Tier::ALL.len() {
                    self.aging.filter = Filter::Tier(Tier::ALL[i]);
                    self.aging.category = None;
                } else if let Some(c) = self.views.categories.get(i - Tier::ALL.len()) {
                    self.aging.filter = Filter::All;
                    self.aging.category = Some(if c.category == "(none)" {
                        String::new()
                    } else {
                        c.category.clone()
                    });
                }
                self.aging.cursor.selected = 0;
                self.refresh_rows();
                self.tab = Tab::Aging;
            }
            Tab::Aging => {
                if let Some(i) = self.selected_product() {
                    self.overlay = Some(Overlay::Detail(Box::new(self.detail(i))));
                }
            }
            Tab::Scoring | Tab::Plans => {}
        }
    }

    fn detail(&self, i: usize) -> Detail {
        let frame = self.frame();
        let lots = self
            .ds
            .lots
            .iter()
            .filter(|l| l.product as usize == i && l.received <= frame.as_of)
            .map(|l| {
                let cost = l
                    .unit_cost
                    .or(self.ds.products[i].unit_cost)
                    .unwrap_or_default();
                (l.qty, l.received, frame.as_of.since(l.received), cost)
            })
            .collect();
        let start = frame.window_start();
        let mut daily = vec![0i64; frame.window_days as usize];
        for l in self
            .ds
            .lines_between(start, frame.as_of)
            .filter(|l| l.product as usize == i)
        {
            daily[l.day.since(start) as usize] += l.qty();
        }
        let batches = self
            .ds
            .batches
            .iter()
            .filter(|b| b.skus.iter().any(|s| s.product == i as ProductIx))
            .map(|b| format!("{} ({})", b.name, self.lang.batch_status(b.status)))
            .collect();
        let this_week = frame.as_of.week_start(self.display.week_start);
        let weekly_units = (0..6)
            .rev()
            .map(|n| {
                let from = this_week.plus(-7 * n);
                let units = self
                    .ds
                    .lines_between(from, from.plus(6).min(frame.as_of))
                    .filter(|l| l.product as usize == i)
                    .map(|l| l.qty())
                    .sum();
                (from, units)
            })
            .collect();
        Detail {
            product: i,
            lots,
            daily_units: daily.into_iter().map(|u| u.max(0) as u64).collect(),
            weekly_units,
            batches,
        }
    }
}
