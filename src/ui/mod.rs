//! The terminal app: a ratatui loop over an [`app::App`] built from the store.
//!
//! The terminal is put back (raw mode off, main screen, mouse off) on every way out:
//! a normal quit, an error, and a panic (the hook restores before the report prints).

/// The key table's actions and tabs (owned by [`crate::keymap`], below `config`).
pub use crate::keymap::action;
pub mod app;
pub mod draw;
pub mod export;
pub mod first_frame;
pub mod form;
pub mod import;
pub use crate::keymap;
pub mod overlay;
pub mod request;
mod signals;
pub mod tabs;
pub mod theme;
pub mod view;
pub mod widgets;
pub mod worker;

use std::io::{self, Stdout};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use color_eyre::eyre::Result;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;

use crate::config::layers::Layers;
use crate::config::Config;
use crate::i18n::{Lang, Msg};
use crate::session::{db_choice, frame_for, open_store, said, Options};

use crate::store::{Replayed, Store};
use app::{App, Level};
use request::Request;

type Term = Terminal<CrosstermBackend<Stdout>>;

fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Appends a panic's message, place and backtrace to `skudesk-panic.log` in the data dir.
fn write_panic_log(info: &std::panic::PanicHookInfo) -> Option<std::path::PathBuf> {
    use std::io::Write as _;
    let path = crate::config::default_db_path()?.with_file_name("skudesk-panic.log");
    std::fs::create_dir_all(path.parent()?).ok()?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let backtrace = std::backtrace::Backtrace::force_capture();
    writeln!(
        f,
        "--- {} skudesk {}\n{info}\n{backtrace}",
        chrono::Local::now(),
        env!("CARGO_PKG_VERSION")
    )
    .ok()?;
    Some(path)
}

fn init(lang: Lang) -> Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if worker::on_worker_thread() {
            // The worker's job fails and the status line says so; the app goes on, its
            // terminal untouched (a report on stderr would be drawn over the screen).
            let _ = write_panic_log(info);
            return;
        }
        restore();
        previous(info);
        if let Some(path) = write_panic_log(info) {
            eprintln!("\n{}", lang.f(Msg::PanicLogNote, &[&path.display()]));
        }
    }));
    terminal::enable_raw_mode()?;
    if let Err(e) = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    ) {
        restore();
        return Err(e.into());
    }
    match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => Ok(t),
        Err(e) => {
            restore();
            Err(e.into())
        }
    }
}

/// Builds the app from the chosen database and runs it, in `lang`, until the user quits.
///
/// When figures are kept with the data for how the app opens ([`first_frame`]), they
/// are drawn at once and the data is read on another thread; keys typed meanwhile are
/// handled, in order, once it is in.
pub fn run(global: &Options, config: &Config, lang: Lang) -> Result<ExitCode> {
    let choice = db_choice(global)?;
    let store = open_store(&choice, false)?;
    let layers = crate::session::layers(config.clone(), global);
    // Checked with the file's line numbers when the config was read.
    let keys = keymap::Keymap::with_overrides(&config.keys).unwrap_or_default();
    let as_of = global.as_of.map(crate::domain::dates::Day::from_date);
    let skeleton = first_frame::skeleton(&store, &layers, as_of);
    let (mut app, mut store, version, signalled, mut terminal, queued) = match skeleton {
        Some(mut first) => {
            dress(&mut first, &store, &keys, lang)?;
            first.say(Level::Info, lang.t(Msg::LoadingLines));
            let signalled = signals::Watch::start(restore)?;
            let mut terminal = init(lang)?;
            let theme = theme::Theme::named(first.layers.theme().0);
            let global = global.clone();
            let loader = std::thread::spawn(move || load(store, layers, &global));
            match wait_for(&mut terminal, &mut first, &theme, &signalled, loader) {
                Ok(Some((loaded, queued))) => {
                    let (mut app, store, version) = loaded;
                    // The trend the first frame showed is the loaded data's while the
                    // store still keeps that frame (any change to the data drops it):
                    // taken over, not computed again.
                    if matches!(store.first_frame(), Ok(Some(_))) {
                        app.take_trend_of(&mut first);
                    }
                    (app, store, version, signalled, terminal, queued)
                }
                Ok(None) => {
                    restore();
                    signalled.finished();
                    return Ok(match signalled.received() {
                        Some(sig) => ExitCode::from(128u8.saturating_add(sig)),
                        None => ExitCode::SUCCESS,
                    });
                }
                Err(e) => {
                    restore();
                    signalled.finished();
                    return Err(e);
                }
            }
        }
        None => {
            // Settings that do not fit together stop here, before the terminal is
            // taken over.
            let (app, store, version) = load(store, layers, global)?;
            let signalled = signals::Watch::start(restore)?;
            let terminal = init(lang)?;
            (app, store, version, signalled, terminal, Vec::new())
        }
    };
    dress(&mut app, &store, &keys, lang)?;
    let theme = theme::Theme::named(app.layers.theme().0);
    let tab_bar = draw::tab_spans(app.lang);
    for event in queued {
        if handle(&mut app, event, &tab_bar) {
            process(&mut app, &mut store);
        }
    }
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut store,
        &theme,
        &signalled,
        version,
    );
    restore();
    signalled.finished();
    match signalled.received() {
        // Ended by a signal: the shell's convention, 128 + its number. (After a hang-up
        // the terminal is gone, and a draw that failed on it is no news.)
        Some(sig) => Ok(ExitCode::from(128u8.saturating_add(sig))),
        None => result.map(|()| ExitCode::SUCCESS),
    }
}

/// The data read from `store`, the settings in force, plans' baselines settled, and
/// the app over them; with the data version the data was read at.
fn load(mut store: Store, layers: Layers, global: &Options) -> Result<(App, Store, i64)> {
    let version = store.data_version()?;
    // The app's loads also write a fresh copy of the order lines when it is stale (on a
    // large shop), so the next open reads that instead of the table.
    let mut ds = store.load_and_cache()?;
    let settings = layers.effective(&ds.settings, store.path())?.settings;
    let frame = frame_for(&ds, global, &settings);
    crate::session::plans::settle_plans(&mut store, &mut ds, &settings, frame, None)?;
    let demo = store.is_demo()?;
    let app = App::with_layers(ds, layers, frame, store.path().to_string(), demo);
    Ok((app, store, version))
}

/// What the app takes from the session besides the data: keys, read-only, language,
/// the demo's note and welcome.
fn dress(app: &mut App, store: &Store, keys: &keymap::Keymap, lang: Lang) -> Result<()> {
    app.keymap = keys.clone();
    app.read_only = store.read_only().map(str::to_string);
    app.lang = lang;
    if app.demo {
        app.say(Level::Info, lang.t(Msg::DemoNote));
    }
    overlay::welcome::show_if_new(app, store);
    Ok(())
}

type Loaded = (App, Store, i64);

/// Draws `first` until the loader is done, keeping the keys typed meanwhile (Ctrl-c
/// quits at once): the loaded app and those keys, or `None` when the user quit or a
/// signal came.
fn wait_for(
    terminal: &mut Term,
    first: &mut App,
    theme: &theme::Theme,
    signalled: &signals::Watch,
    loader: std::thread::JoinHandle<Result<Loaded>>,
) -> Result<Option<(Loaded, Vec<Event>)>> {
    let failed = first.lang.t(Msg::LoadingFailed);
    let mut draw = |first: &mut App| -> Result<()> {
        let size = terminal.size()?;
        first.page = size.height.saturating_sub(12).max(1) as usize;
        terminal.draw(|f| draw::draw(f, first, theme))?;
        Ok(())
    };
    let next = |wait: Duration| -> Result<Option<Event>> {
        Ok(if event::poll(wait)? {
            Some(event::read()?)
        } else {
            None
        })
    };
    first_frame::wait_for(
        first,
        &mut draw,
        next,
        || signalled.received().is_some(),
        loader,
        failed,
    )
}

/// Carries out what the app asked of the store, then refreshes the app from it.
pub fn process(app: &mut App, store: &mut Store) {
    let lang = app.lang;
    for request in std::mem::take(&mut app.requests) {
        // What an undo took back or a redo brought back.
        let mut replayed: Option<Replayed> = None;
        // A change that adds or edits a row: the cursor goes to that row after it.
        let mut follow: Option<(crate::domain::command::Command, app::RowIds)> = None;
        let outcome = match request {
            Request::Apply(cmd) => {
                let done =
                    said::apply(store, &cmd, lang).map(|s| lang.f(Msg::AppliedUndoHint, &[&s]));
                follow = Some((cmd, app.row_ids()));
                done
            }
            Request::Undo | Request::Redo | Request::UndoExactly(_) | Request::RedoExactly(_) => {
                let undo = matches!(request, Request::Undo | Request::UndoExactly(_));
                if matches!(request, Request::Undo | Request::Redo) && ask_first(app, store, undo) {
                    continue;
                }
                let done = match request {
                    Request::UndoExactly(id) => store.undo_exactly(id),
                    Request::RedoExactly(id) => store.redo_exactly(id),
                    _ if undo => store.undo_set(),
                    _ => store.redo_set(),
                };
                done.map(|r| {
                    let msg = if undo {
                        Msg::UndoneRedoHint
                    } else {
                        Msg::Redone
                    };
                    let text = lang.f(msg, &[&lang.summary(&r.summary)]);
                    replayed = Some(r);
                    text
                })
            }
            Request::ImportPreview(job) => {
                let outcome = job.run(store, true, app.lang);
                app.overlay = Some(overlay::Overlay::ImportPreview(Box::new(
                    overlay::import_preview::ImportPreview { job, outcome },
                )));
                continue;
            }
            Request::Import(job) => {
                let outcome = job.run(store, false, app.lang);
                if !outcome.errors.is_empty() {
                    // The file changed since the preview: show why, nothing was written.
                    app.overlay = Some(overlay::Overlay::ImportPreview(Box::new(
                        overlay::import_preview::ImportPreview { job, outcome },
                    )));
                    continue;
                }
                match store.load_and_cache() {
                    Ok(ds) => {
                        app.reload_at_latest(ds);
                        app.demo = store.is_demo().unwrap_or(false);
                        let mut text = outcome.lines.first().cloned().unwrap_or_default();
                        if let Some(copy) = &outcome.demo_copy {
                            text = lang.f(
                                Msg::ErrorThen,
                                &[&text, &lang.f(Msg::ImportDemoCopyAt, &[copy])],
                            );
                        }
                        app.say(Level::Info, lang.f(Msg::Imported, &[&text]));
                    }
                    Err(e) => app.say(Level::Error, e.to_string()),
                }
                continue;
            }
            Request::ExportView(tab) => {
                match export::export_view(app, tab) {
                    Ok(text) => app.say(Level::Info, text),
                    Err(e) => app.say(Level::Error, lang.f(Msg::ExportFailed, &[&e])),
                }
                continue;
            }
            Request::DismissWelcome => {
                // A read-only file cannot keep it: the screen shows again next time.
                if store.read_only().is_none() {
                    if let Err(e) = store.dismiss_welcome() {
                        app.say(Level::Error, e.to_string());
                    }
                }
                continue;
            }
            Request::History => {
                match said::history(store, 200, lang) {
                    Ok(entries) => {
                        app.overlay = Some(overlay::Overlay::History(Box::new(
                            overlay::history::History { entries },
                        )))
                    }
                    Err(e) => app.say(Level::Error, e.to_string()),
                }
                continue;
            }
        };
        match outcome {
            Ok(text) => {
                // A change touches products, tiers and batches, never lines or lots: re-read
                // only those (the whole file when another process added products).
                // After an error the data is re-read whole below.
                let refreshed = if replayed.as_ref().is_some_and(|r| r.kind != "change") {
                    // Undoing or redoing an import takes back or brings back its rows:
                    // read it all.
                    store.load_and_cache().map(Some)
                } else {
                    let set = replayed.as_ref().map(|r| r.id);
                    // A copy of the catalog only if the worker still reads a snapshot
                    // of the data (the lines are shared, never copied).
                    match store.refresh_catalog(std::sync::Arc::make_mut(&mut app.ds), set) {
                        Ok(Some(refresh)) => {
                            app.catalog_changed(refresh.names_changed, refresh.products.as_deref());
                            Ok(None)
                        }
                        Ok(None) => store.load_and_cache().map(Some),
                        Err(e) => Err(e),
                    }
                };
                match refreshed {
                    Ok(loaded) => {
                        if let Some(ds) = loaded {
                            app.reload(ds);
                        }
                        if let Some((cmd, before)) = &follow {
                            app.follow(cmd, before);
                        }
                        app.selection.clear();
                        match app.settings_note.take() {
                            // What moved first, so a narrow status line keeps it.
                            Some(note) => match text.rsplit_once(" — ") {
                                Some((summary, keys)) => {
                                    app.say(Level::Info, format!("{summary} — {note} — {keys}"))
                                }
                                None => app.say(Level::Info, format!("{text} — {note}")),
                            },
                            None => app.say(Level::Info, text),
                        }
                    }
                    Err(e) => {
                        app.say(Level::Error, e.to_string());
                        if let Ok(ds) = store.load_and_cache() {
                            app.reload(ds);
                        }
                    }
                }
            }
            Err(e) => app.say(Level::Error, said::change_error(lang, &e)),
        }
    }
}

/// Before an undo (`undo`) or a redo of an import, or of a batch's close or deletion:
/// opens the question (default no) and returns true. A change the seller takes back
/// with one key (a reclassify, an edit…) is not asked about; nor is one the store will
/// refuse anyway.
fn ask_first(app: &mut App, store: &Store, undo: bool) -> bool {
    let next = if undo {
        store.next_undo()
    } else {
        store.next_redo()
    };
    let Ok(Some(pending)) = next else {
        return false;
    };
    let Some(question) = overlay::confirm::replay_question(app.lang, &pending, undo) else {
        return false;
    };
    let (request, declined, reverse) = if undo {
        (
            Request::UndoExactly(pending.id),
            Msg::NothingUndone,
            action::Action::Redo,
        )
    } else {
        (
            Request::RedoExactly(pending.id),
            Msg::NothingRedone,
            action::Action::Undo,
        )
    };
    app.overlay = Some(overlay::Overlay::Confirm(Box::new(
        overlay::confirm::Confirm {
            question,
            request,
            declined,
            reverse,
        },
    )));
    true
}

/// How long without a key before the app does its idle work.
const IDLE: Duration = Duration::from_millis(250);
/// How often the app looks for the worker's answer while one is due.
const WORKER_POLL: Duration = Duration::from_millis(25);
/// How long without a key before the worker is asked for what a screen still lacks.
const KEY_PAUSE: Duration = Duration::from_millis(80);

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    store: &mut Store,
    theme: &theme::Theme,
    signalled: &signals::Watch,
    loaded_at: i64,
) -> Result<()> {
    let tab_bar = draw::tab_spans(app.lang);
    let mut dirty = true;
    let mut message_shown = false;
    let mut data_version = loaded_at;
    // A change another program committed since the data was read is picked up at the
    // first idle tick.
    // Whether the first frame kept with the data may be missing (at the start, and
    // after any change or reload): looked at when idle.
    let mut first_frame_due = true;
    // When the app last had a key (or last did its idle work).
    let mut idle_since = Instant::now();
    // What costs whole reviews (the trend, the year earlier) is asked of the worker once
    // the keys pause ([`KEY_PAUSE`]), not after every key: keys pressed back to back (an
    // as-of date held down) then do not share the two cores with a trend nobody would
    // see. Until it comes, its place says it is being computed.
    let mut ask_due = true;
    while !app.quit && signalled.received().is_none() {
        let size = terminal.size()?;
        app.page = size.height.saturating_sub(12).max(1) as usize;
        // Redraw when something changed, or when a message has just faded.
        let message_live = app
            .message
            .as_ref()
            .is_some_and(|m| m.at.elapsed().as_secs() < draw::MESSAGE_SECS);
        if dirty || message_live != message_shown {
            // After a key, an apply, an undo or a reload: whatever changed the views.
            terminal.draw(|f| draw::draw(f, app, theme))?;
            dirty = false;
            message_shown = message_live;
        }
        // While the worker owes an answer, look for it often enough that it shows at
        // once; else wait for a key.
        let wait = if ask_due {
            KEY_PAUSE
        } else if app.views_pending() {
            WORKER_POLL
        } else {
            IDLE
        };
        if !event::poll(wait)? {
            if ask_due {
                app.request_views();
                ask_due = false;
            }
            if app.poll_views() {
                dirty = true;
            }
            if idle_since.elapsed() < IDLE {
                continue;
            }
            idle_since = Instant::now();
            // Idle: build ahead what the next change needs, and pick up changes another
            // skudesk or a script committed meanwhile.
            app.review.warm_up();
            app.request_last_year();
            if store.changed_by_others(&mut data_version) {
                match store.load_and_cache() {
                    Ok(ds) => {
                        app.reload(ds);
                        let note = app
                            .settings_note
                            .take()
                            .map_or(String::new(), |n| format!(" · {n}"));
                        let said = format!("{}{note}", app.lang.t(Msg::ChangedOnDisk));
                        app.say(Level::Info, said);
                    }
                    Err(e) => app.say(Level::Error, e.to_string()),
                }
                dirty = true;
                first_frame_due = true;
                ask_due = true;
            } else if first_frame_due {
                // The data shown is the database's at `data_version`: keep its first
                // screen for the next open, unless it is kept already.
                first_frame_due = matches!(store.first_frame(), Ok(None))
                    && !first_frame::save(store, app, data_version);
            }
            continue;
        }
        if !handle(app, event::read()?, &tab_bar) {
            continue;
        }
        idle_since = Instant::now();
        ask_due = true;
        // Our own commits leave `data_version` as it is (it counts other connections'
        // commits only), so it is not read here: a change another program committed
        // while this key was handled is found at the next idle tick, not swallowed.
        process(app, store);
        dirty = true;
        first_frame_due = true;
    }
    Ok(())
}

/// Hands a terminal event to the app; whether it was one the app takes (then the
/// requests it made are carried out and the screen drawn again).
fn handle(app: &mut App, event: Event, tab_bar: &[(u16, u16)]) -> bool {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => app.on_key(key),
        Event::Mouse(m) => app.on_mouse(m, tab_bar),
        Event::Paste(text) => app.on_paste(&text),
        Event::Resize(..) => {}
        _ => return false,
    }
    true
}
