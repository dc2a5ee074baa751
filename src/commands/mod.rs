//! What each subcommand does, from typed arguments to output and an exit code
//! (`import` has its own file).
//! Exit codes: 0 success, 1 a data or file error, 2 a usage error (from clap).

use std::process::ExitCode;

use color_eyre::eyre::{eyre, Result, WrapErr};

use crate::cli::plans::{CandidateCommand, PlanCommand};
use crate::cli::{BatchCommand, Cli, Command, ListFormat, PersonaCommand, ReportFormat};
use crate::config::layers::Layers;
use crate::config::Config;
use crate::domain::clearance::batch_progress;
use crate::domain::command::{
    BatchRef, BatchSpec, Command as DomainCommand, MarkBatch, Reclassify, Refusal,
};
use crate::domain::dates::Day;
use crate::domain::model::{BatchStatus, Dataset};
use crate::domain::over_time::TrendSpec;
use crate::domain::report::json_report_with;
use crate::domain::text::{pad, sanitize};
use crate::export::{csv_table, markdown};
use crate::i18n::{Lang, Msg};
use crate::session::{db_choice, lang_of, load_and_review, open_store, settings_for, Options};
use crate::store::{ChangeError, Store};

mod detect;
mod export;
mod import;
mod man;
pub mod out;
mod plans;
mod settings;
pub use crate::session::UsageError;
pub use out::{Out, StdoutError};

/// A failure that has already been reported to the user: exit 1 without more output.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Reported(pub String);

/// The terminal app, as `main` hands it in (the app is not the command line's to
/// import): it runs on the session's options, the config file and the language chosen.
pub type App<'a> = &'a dyn Fn(&Options, &Config, Lang) -> Result<ExitCode>;

/// A refused change, undo or redo, said in the session's language; a database error
/// keeps its chain of causes (the exit path looks in it for a full disk).
fn said(lang: Lang) -> impl Fn(ChangeError) -> color_eyre::Report {
    move |e| match e {
        ChangeError::Store(_) | ChangeError::Invalid(_) => e.into(),
        _ => eyre!("{}", crate::session::said::change_error(lang, &e)),
    }
}

/// Runs the command `cli` asks for; `app` is the terminal app, for `skudesk tui` (and
/// no subcommand).
pub fn run(mut cli: Cli, app: App) -> Result<ExitCode> {
    // Made from the clap definitions alone: they work whatever the config file says.
    match &cli.command {
        Some(Command::Completions { shell }) => return settings::completions(*shell),
        Some(Command::Man { dir }) => {
            let lang = crate::session::language(&Options::from(&cli.global));
            return man::run(dir.as_deref(), lang);
        }
        _ => {}
    }
    let config = Config::load(cli.global.config.as_deref())?;
    // Made before `--lang` is resolved: `config show` tells where the language came from.
    let layers = crate::session::layers(config.clone(), &Options::from(&cli.global));
    // From here on `--lang` is the language chosen, whichever way it was.
    let lang = Lang::resolve_from_env(cli.global.lang, config.lang);
    cli.global.lang = Some(lang);
    let options = Options::from(&cli.global);
    let global = &options;
    let money = config.display.money();
    match cli.command {
        Some(Command::Completions { .. } | Command::Man { .. }) => Ok(ExitCode::SUCCESS),
        Some(Command::Config(c)) => settings::run(global, &layers, c),
        Some(Command::Import(args)) => import::run(global, args),
        Some(Command::Report {
            format,
            trend,
            periods,
        }) => {
            let trend = trend.map(|p| TrendSpec {
                period: p.into(),
                periods: usize::from(periods),
                week_start: config.display.week_start,
            });
            report(global, &layers, &money, format, trend)
        }
        Some(Command::Export(e)) => export::run(global, &layers, &money, e),
        Some(Command::Reclassify {
            skus,
            tier,
            lifecycle,
            category,
            reason,
        }) => change_now(
            global,
            DomainCommand::Reclassify(Reclassify {
                skus,
                tier,
                lifecycle,
                category,
                reason,
            }),
        ),
        Some(Command::Batch(b)) => batch(global, &layers, b),
        Some(Command::Undo) => {
            let mut store = open_store(&db_choice(global)?, false)?;
            let undone = store.undo().map_err(said(lang))?;
            let mut out = Out::new();
            out.line(lang.f(Msg::CliUndone, &[&sanitize(&lang.summary(&undone))]));
            out.finish_committed(|e| lang.f(Msg::UndoSavedNotSaid, &[e]))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Redo) => {
            let mut store = open_store(&db_choice(global)?, false)?;
            let redone = store.redo().map_err(said(lang))?;
            let mut out = Out::new();
            out.line(lang.f(Msg::CliRedone, &[&sanitize(&lang.summary(&redone))]));
            out.finish_committed(|e| lang.f(Msg::RedoSavedNotSaid, &[e]))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::History { limit }) => {
            let store = open_store(&db_choice(global)?, false)?;
            let mut out = Out::new();
            for h in crate::session::said::history(&store, limit, lang)? {
                let state = if h.undone {
                    lang.t(Msg::HistoryUndoneMark)
                } else {
                    ""
                };
                out.line(format_args!(
                    "#{:<5} {}  {:<6} {}{state}",
                    h.id,
                    h.at,
                    h.kind,
                    sanitize(&h.summary)
                ));
            }
            out.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Candidates { command }) => match command {
            CandidateCommand::List { format } => {
                let store = open_store(&db_choice(global)?, false)?;
                let settings = settings_for(&layers, &store)?;
                let ds = store.load()?;
                let list = crate::domain::report::json_candidates(&ds, &settings);
                print_list(format, &list, |c| {
                    let why = if c.failed_gates.is_empty() {
                        String::new()
                    } else if lang.is_en() {
                        format!(" — {}", c.failed_gates.join("; "))
                    } else {
                        let card = ds
                            .candidates
                            .iter()
                            .find(|x| x.id == c.id)
                            .map(|x| crate::domain::scoring::score(x, &settings));
                        format!(
                            " — {}",
                            card.map_or(String::new(), |k| lang.gates(&k.gates))
                        )
                    };
                    let sku = c
                        .promoted_sku
                        .as_deref()
                        .map_or(String::new(), |s| format!(" [SKU {}]", sanitize(s)));
                    format!(
                        "#{:<3} {:>5.1} {} {}{sku}{}",
                        c.id,
                        c.score,
                        pad(&verdict_text(lang, c.verdict), 10),
                        sanitize(&c.name),
                        sanitize(&why)
                    )
                })
            }
            other => plans::candidates(global, other),
        },
        Some(Command::Plans { command }) => match command {
            PlanCommand::List { format } => {
                let mut store = open_store(&db_choice(global)?, false)?;
                let reviewed = load_and_review(&mut store, &layers, global)?;
                let (ds, r) = (&reviewed.ds, &reviewed.review);
                let year_earlier =
                    crate::domain::plan::year_earlier_for_plans(ds, r, &reviewed.settings);
                let list = crate::domain::report::json_plans(ds, r, year_earlier.as_ref());
                print_list(format, &list, |p| {
                    let flag = if p.overdue {
                        lang.t(Msg::CliOverdueFlag)
                    } else if p.off_track {
                        lang.t(Msg::CliBehindFlag)
                    } else if p.not_started {
                        lang.t(Msg::CliNotStartedFlag)
                    } else {
                        ""
                    };
                    let target = p.target.as_ref().map_or(String::new(), |t| {
                        format!(" → {} {}", metric_text(lang, t.metric), t.value)
                    });
                    format!(
                        "#{:<3} {} {:<10} {}{} {:>6} {}{}",
                        p.id,
                        pad(&name_text(lang, p.horizon, Lang::horizon), 5),
                        p.due_on.as_deref().unwrap_or("—"),
                        pad(&name_text(lang, p.status, Lang::plan_status), 7),
                        pad(flag, 12),
                        crate::export::pct(p.progress),
                        sanitize(&p.title),
                        sanitize(&target)
                    )
                })
            }
            other => plans::plans(global, &layers, other),
        },
        Some(Command::Personas { command }) => match command {
            PersonaCommand::List => {
                let store = open_store(&db_choice(global)?, false)?;
                let mut out = Out::new();
                for (code, label) in store.load()?.personas {
                    out.line(format_args!("{:<20} {}", sanitize(&code), sanitize(&label)));
                }
                out.finish()?;
                Ok(ExitCode::SUCCESS)
            }
            PersonaCommand::Set { code, label } => {
                change_now(global, DomainCommand::SavePersona { code, label })
            }
            PersonaCommand::Remove { code } => {
                change_now(global, DomainCommand::DeletePersona { code })
            }
        },
        Some(Command::Backup { out }) => {
            let store = open_store(&db_choice(global)?, false)?;
            if out.is_none() {
                // The backup folder keeps the last ten: a damaged copy there would
                // push out a good one that `restore` needs. (`--out` copies as is.)
                store.check_sound()?;
            }
            let path = store.backup(out.as_deref())?;
            let mut out = Out::new();
            out.line(lang.f(Msg::BackedUp, &[&path.display()]));
            out.finish_committed(|e| lang.f(Msg::BackupSavedNotSaid, &[e, &path.display()]))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Restore { from }) => {
            let mut store = open_store(&db_choice(global)?, false)?;
            let safety = store.restore(&from)?;
            let mut out = Out::new();
            let what: [&dyn std::fmt::Display; 3] =
                [&store.path(), &from.display(), &safety.display()];
            out.line(lang.f(Msg::Restored, &what));
            out.finish_committed(|e| {
                lang.f(Msg::RestoreSavedNotSaid, &[e, what[0], what[1], what[2]])
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Gen {
            skus,
            lines,
            days,
            seed,
            end,
            out,
            force,
        }) => {
            let there = crate::gen::existing(&out);
            if !there.is_empty() && !force {
                return Err(eyre!(
                    "{}",
                    lang.f(Msg::GenWouldOverwrite, &[&out.display(), &there.join(", ")])
                ));
            }
            let spec = crate::gen::GenSpec {
                skus,
                lines,
                days,
                seed,
                end: Day::from_date(end),
            };
            crate::gen::generate(&spec, &out)
                .wrap_err_with(|| lang.f(Msg::CannotWriteTo, &[&out.display()]))?;
            let mut said = Out::new();
            said.line(lang.f(Msg::GenWrote, &[&out.display()]));
            said.finish_committed(|e| lang.f(Msg::GenSavedNotSaid, &[e, &out.display()]))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Tui) | None => app(global, &config, lang),
    }
}

/// A verdict label from a list (`test batch`) in `lang`.
fn verdict_text(lang: Lang, label: &str) -> String {
    use crate::domain::scoring::Verdict;
    [
        Verdict::Launch,
        Verdict::TestBatch,
        Verdict::Hold,
        Verdict::Reject,
    ]
    .into_iter()
    .find(|v| v.label() == label)
    .map_or(label.to_string(), |v| lang.verdict(v).to_string())
}

/// A machine name from a list (`short`, `doing`) in `lang`: English keeps the name.
fn name_text<T: std::str::FromStr>(
    lang: Lang,
    name: &str,
    words: fn(Lang, T) -> &'static str,
) -> String {
    match name.parse::<T>() {
        Ok(v) if !lang.is_en() => words(lang, v).to_string(),
        _ => name.to_string(),
    }
}

/// A target metric's machine name in `lang`: English keeps the name.
fn metric_text(lang: Lang, name: &str) -> String {
    crate::domain::plan::TargetMetric::ALL
        .into_iter()
        .find(|m| m.as_str() == name)
        .filter(|_| !lang.is_en())
        .map_or(name.to_string(), |m| lang.metric(m).to_string())
}

fn report(
    global: &Options,
    layers: &Layers,
    money: &crate::domain::money::MoneyFormat,
    format: ReportFormat,
    trend: Option<TrendSpec>,
) -> Result<ExitCode> {
    let mut store = open_store(&db_choice(global)?, false)?;
    let reviewed = load_and_review(&mut store, layers, global)?;
    let (ds, r, settings) = (&reviewed.ds, &reviewed.review, &reviewed.settings);
    let mut out = Out::new();
    out.write_with(|w| match (format, trend) {
        (ReportFormat::Json, _) => {
            crate::export::json::write_pretty(&mut *w, &json_report_with(ds, r, settings, trend))?;
            writeln!(w)
        }
        (ReportFormat::Md, _) => {
            let trend = trend.unwrap_or(TrendSpec::monthly(layers.config.display.week_start));
            let text = markdown::render_over_time(ds, r, settings, money, lang_of(global), trend);
            w.write_all(text.as_bytes())
        }
        (ReportFormat::Csv, None) => {
            csv_table::write(ds, r, settings, w).map_err(crate::export::csv_io)
        }
        (ReportFormat::Csv, Some(spec)) => {
            let points = crate::domain::over_time::trend(ds, r.frame, settings, spec);
            crate::export::over_time::write_csv(&points, w).map_err(crate::export::csv_io)
        }
    });
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Checks a command by its rules ([`DomainCommand::check`]), a broken one said as the
/// command line says it: what an argument must be (something to change, units not
/// negative, a setting the database keeps and its value) is a usage error (exit 2);
/// the others are refused as the store refuses them (exit 1).
pub(crate) fn check(cmd: &DomainCommand, lang: Lang) -> Result<()> {
    let Err(why) = cmd.check() else {
        return Ok(());
    };
    Err(match why {
        Refusal::NothingToChange => UsageError(lang.t(Msg::NothingToChangeCli).into()).into(),
        Refusal::UnitsNegative { sku, units } => {
            UsageError(lang.f(Msg::UnitsNegative, &[&format!("{sku}:{units}")])).into()
        }
        Refusal::NotASetting(key) => settings::not_a_setting(&key).into(),
        Refusal::SettingValue(why) => UsageError(why).into(),
        other => eyre!("{}", lang.refusal(&other)),
    })
}

/// Opens the database, builds a command (it may read the store), checks it and
/// applies it.
pub(crate) fn change(
    global: &Options,
    build: impl FnOnce(&Store) -> Result<DomainCommand>,
) -> Result<ExitCode> {
    let mut store = open_store(&db_choice(global)?, false)?;
    let cmd = build(&store)?;
    apply_to(&mut store, &cmd, lang_of(global))
}

/// Checks a command built from an open store, applies it and says what it did.
pub(crate) fn apply_to(store: &mut Store, cmd: &DomainCommand, lang: Lang) -> Result<ExitCode> {
    check(cmd, lang)?;
    let done = crate::session::said::apply(store, cmd, lang).map_err(said(lang))?;
    let done = sanitize(&done).into_owned();
    let mut out = Out::new();
    out.line(lang.f(Msg::ChangedUndoHint, &[&done]));
    out.finish_committed(|e| lang.f(Msg::SavedNotSaid, &[e]))?;
    Ok(ExitCode::SUCCESS)
}

/// [`change`] of a command that does not read the store: checked before the database
/// is opened.
fn change_now(global: &Options, cmd: DomainCommand) -> Result<ExitCode> {
    check(&cmd, lang_of(global))?;
    change(global, |_| Ok(cmd))
}

/// `SKU` or `SKU:UNITS` (a whole number; that it is not negative is the command's
/// rule).
fn sku_units(arg: &str, lang: Lang) -> Result<(String, Option<i64>)> {
    let whole = |units: &str| {
        let digits = units.strip_prefix('-').unwrap_or(units);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    match arg.rsplit_once(':') {
        Some((sku, units)) if whole(units) => {
            let n: i64 = units
                .parse()
                .map_err(|_| eyre!("{}", lang.f(Msg::UnitsNotInteger, &[&arg])))?;
            Ok((sku.trim().to_string(), Some(n)))
        }
        _ => Ok((arg.trim().to_string(), None)),
    }
}

/// A batch by `#id`, id or name.
fn find_batch(store: &Store, key: &str, lang: Lang) -> Result<i64> {
    batch_in(&store.load()?, key, lang)
}

/// No stock booked twice (METRICS.md "Clearance results"): the SKUs a batch command
/// would put into an open batch that another open batch already holds over
/// overlapping dates are named with that batch, and the command refused (exit 1,
/// nothing written). A SKU the data does not have is left to the store to refuse; a
/// batch that is done books nothing.
fn refuse_overlaps(ds: &Dataset, cmd: &DomainCommand, lang: Lang) -> Result<()> {
    let found = crate::domain::overlap::overlaps_of(ds, cmd);
    if found.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = found
        .iter()
        .filter_map(|o| {
            let b = ds.batches.iter().find(|b| b.id == o.batch_id)?;
            let sku = &ds.products.get(o.product as usize)?.sku;
            Some(
                lang.f(
                    Msg::BatchOverlapLine,
                    &[
                        &sanitize(sku),
                        &b.id,
                        &format!("{:?}", sanitize(&b.name)),
                        &b.starts_on,
                        &b.ends_on
                            .map_or(lang.t(Msg::OpenEnded).to_string(), |d| d.to_string()),
                    ],
                ),
            )
        })
        .collect();
    let mut skus: Vec<_> = found.iter().map(|o| o.product).collect();
    skus.dedup();
    Err(eyre!(
        "{}",
        lang.f(Msg::BatchOverlapRefused, &[&skus.len(), &lines.join("\n")])
    ))
}

/// A batch of `ds` by `#id`, id or name.
fn batch_in(ds: &Dataset, key: &str, lang: Lang) -> Result<i64> {
    let by_id = key.trim_start_matches('#').parse::<i64>().ok();
    ds.batches
        .iter()
        .find(|b| Some(b.id) == by_id || b.name == key)
        .map(|b| b.id)
        .ok_or_else(|| {
            eyre!(
                "{}",
                lang.f(Msg::NoSuchBatch, &[&format!("{:?}", sanitize(key))])
            )
        })
}

fn batch(global: &Options, layers: &Layers, b: BatchCommand) -> Result<ExitCode> {
    let lang = lang_of(global);
    match b {
        BatchCommand::Create {
            name,
            channel,
            start,
            end,
            ladder,
            target,
            skus,
            allow_overlap,
        } => {
            let ladder = crate::domain::clearance::Ladder::parse(&ladder)
                .map_err(|e| UsageError(format!("--ladder: {}", lang.ladder_error(&e))))?;
            let cash_target = target
                .parse()
                .map_err(|e| UsageError(format!("--target {target:?} {}", lang.money_error(&e))))?;
            let skus = skus
                .iter()
                .map(|s| sku_units(s, lang))
                .collect::<Result<Vec<_>>>()?;
            let spec = BatchSpec {
                name,
                channel,
                starts_on: Day::from_date(start),
                ends_on: end.map(Day::from_date),
                ladder,
                cash_target,
                status: BatchStatus::Planned,
            };
            let cmd = DomainCommand::MarkBatch(MarkBatch {
                batch: BatchRef::New(spec),
                skus,
            });
            check(&cmd, lang)?;
            change(global, |store| {
                if !allow_overlap {
                    // A damaged file is said as such before the data is read.
                    store.check_sound()?;
                    refuse_overlaps(&store.load()?, &cmd, lang)?;
                }
                Ok(cmd)
            })
        }
        BatchCommand::Add {
            batch,
            skus,
            allow_overlap,
        } => {
            let skus = skus
                .iter()
                .map(|s| sku_units(s, lang))
                .collect::<Result<Vec<_>>>()?;
            change(global, |store| {
                store.check_sound()?;
                let ds = store.load()?;
                let id = batch_in(&ds, &batch, lang)?;
                let cmd = DomainCommand::MarkBatch(MarkBatch {
                    batch: BatchRef::Existing(id),
                    skus,
                });
                if !allow_overlap {
                    refuse_overlaps(&ds, &cmd, lang)?;
                }
                Ok(cmd)
            })
        }
        BatchCommand::Close { batch } => change(global, |store| {
            Ok(DomainCommand::SetBatchStatus {
                id: find_batch(store, &batch, lang)?,
                status: BatchStatus::Done,
            })
        }),
        BatchCommand::Delete { batch, yes } => {
            if !yes {
                return Err(UsageError(lang.t(Msg::DeleteNeedsYes).into()).into());
            }
            change(global, |store| {
                Ok(DomainCommand::DeleteBatch {
                    id: find_batch(store, &batch, lang)?,
                })
            })
        }
        BatchCommand::List { format } => {
            let mut store = open_store(&db_choice(global)?, false)?;
            let reviewed = load_and_review(&mut store, layers, global)?;
            let (ds, r) = (&reviewed.ds, &reviewed.review);
            let mut out = Out::new();
            if format == ListFormat::Json {
                let batches = crate::domain::report::json_batches(ds, r.frame);
                out.write_with(|w| {
                    crate::export::json::write_pretty(&mut *w, &batches)?;
                    writeln!(w)
                });
                out.finish()?;
                return Ok(ExitCode::SUCCESS);
            }
            for b in &ds.batches {
                let p = batch_progress(ds, b, r.frame, |i| r.skus[i].on_hand);
                out.line(format_args!(
                    "#{:<3} {} {} {:<15} {} … {}  {}",
                    b.id,
                    pad(&sanitize(&b.name), 28),
                    pad(lang.batch_status(b.status), 8),
                    b.channel.as_str(),
                    b.starts_on,
                    b.ends_on
                        .map_or(lang.t(Msg::OpenEnded).to_string(), |d| d.to_string()),
                    lang.f(
                        Msg::BatchListFigures,
                        &[
                            &p.cash_recovered,
                            &b.cash_target,
                            &crate::export::pct(p.cash_progress),
                            &p.units_cleared,
                            &p.units_to_clear,
                            &b.skus.len(),
                        ],
                    )
                ));
            }
            out.finish()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints a list command's rows: pretty JSON, or one text line a row.
fn print_list<T: serde::Serialize>(
    format: ListFormat,
    list: &[T],
    line: impl Fn(&T) -> String,
) -> Result<ExitCode> {
    let mut out = Out::new();
    match format {
        ListFormat::Json => out.write_with(|w| {
            crate::export::json::write_pretty(&mut *w, &list)?;
            writeln!(w)
        }),
        ListFormat::Text => {
            for row in list {
                out.line(line(row));
            }
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
