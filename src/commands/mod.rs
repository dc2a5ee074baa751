//! What each subcommand does, from typed arguments to output and an exit code
//! (`import` has its own file).
//! Exit codes: 0 success, 1 a data or file error, 2 a usage error (from clap).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use color_eyre::eyre::{eyre, Result, WrapErr};

use crate::cli::{
    BatchCommand, Cli, Command, GlobalArgs, ListCommand, ListFormat, PersonaCommand, ReportFormat,
};
use crate::config::layers::Layers;
use crate::config::{default_db_path, Config};
use crate::domain::clearance::batch_progress;
use crate::domain::command::{
    BatchRef, BatchSpec, Command as DomainCommand, MarkBatch, Reclassify,
};
use crate::domain::dates::{Day, Frame};
use crate::domain::metrics::{review, Review};
use crate::domain::model::BatchStatus;
use crate::domain::model::Dataset;
use crate::domain::report::json_report;
use crate::domain::settings::Settings;
use crate::domain::text::sanitize;
use crate::export::{csv_table, markdown};
use crate::store::Store;

mod detect;
mod import;
mod settings;
pub use import::describe;
pub use import::{import_one, Outcome as ImportOutcome};

/// A mistake in how skudesk was called (exit 2), found after clap's own checks.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A failure that has already been reported to the user: exit 1 without more output.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Reported(pub String);

/// Where the database lives and whether it is the default one.
pub struct DbChoice {
    pub path: PathBuf,
    pub is_default: bool,
    /// Asked to open read-only (`--read-only`).
    pub read_only: bool,
}

pub fn db_choice(global: &GlobalArgs) -> Result<DbChoice> {
    match &global.db {
        Some(p) => Ok(DbChoice {
            path: p.clone(),
            is_default: false,
            read_only: global.read_only,
        }),
        None => default_db_path()
            .map(|path| DbChoice {
                path,
                is_default: true,
                read_only: global.read_only,
            })
            .ok_or_else(|| {
                eyre!("cannot find a home directory for the default database; pass --db PATH")
            }),
    }
}

/// Opens the chosen database. The default one is created from the demo data when it
/// does not exist yet; an explicit path must exist unless `create` is set.
pub fn open_store(choice: &DbChoice, create: bool) -> Result<Store> {
    let exists = choice.path.exists();
    if !exists && !create && !choice.is_default {
        return Err(eyre!(
            "{}: no database here. Import your data first, e.g.\n  skudesk --db {} import products products.csv",
            choice.path.display(),
            choice.path.display()
        ));
    }
    if exists {
        let why = if choice.read_only {
            Some("--read-only".to_string())
        } else {
            crate::store::unwritable_reason(&choice.path)
        };
        if let Some(why) = why {
            return Ok(Store::open_read_only(&choice.path, &why)?);
        }
    }
    if !exists && choice.is_default {
        // Built aside and moved into place whole: a second skudesk starting at the same
        // moment sees either no database or the finished demo, never half of it.
        crate::demo::create_at(&choice.path).wrap_err("could not build the demo database")?;
    }
    Ok(Store::open(&choice.path)?)
}

/// The frame of a review: `--as-of` or the latest date in the data (today when empty).
pub fn frame_for(ds: &Dataset, global: &GlobalArgs, s: &Settings) -> Frame {
    let as_of = global
        .as_of
        .map(Day::from_date)
        .or_else(|| ds.latest_day())
        .unwrap_or_else(|| Day::from_date(chrono::Local::now().date_naive()));
    Frame::new(
        as_of,
        global.window.unwrap_or(s.window_days),
        global.velocity.unwrap_or(s.velocity_days),
    )
}

/// The settings in force for a store: command line > database > config file > default.
pub fn settings_for(layers: &Layers, store: &Store) -> Result<Settings> {
    Ok(layers.effective(&store.settings()?, store.path())?.settings)
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    // Made from the clap definitions alone: they work whatever the config file says.
    match &cli.command {
        Some(Command::Completions { shell }) => return settings::completions(*shell),
        Some(Command::Man) => return settings::man(),
        _ => {}
    }
    let config = Config::load(cli.global.config.as_deref())?;
    let layers = Layers::new(config.clone(), &cli.global);
    let money = config.display.money();
    match cli.command {
        Some(Command::Completions { .. } | Command::Man) => Ok(ExitCode::SUCCESS),
        Some(Command::Config(c)) => settings::run(&cli.global, &layers, c),
        Some(Command::Import(args)) => import::run(&cli.global, args),
        Some(Command::Report { format }) => report(&cli.global, &layers, &money, format),
        Some(Command::Export(e)) => crate::export_command::run(&cli.global, &layers, &money, e),
        Some(Command::Reclassify {
            skus,
            tier,
            lifecycle,
            category,
            reason,
        }) => {
            if tier.is_none() && lifecycle.is_none() && category.is_none() {
                return Err(UsageError(
                    "nothing to change: give --tier, --lifecycle or --category".into(),
                )
                .into());
            }
            let cmd = DomainCommand::Reclassify(Reclassify {
                skus,
                tier,
                lifecycle,
                category,
                reason,
            });
            change(&cli.global, |_| Ok(cmd))
        }
        Some(Command::Batch(b)) => batch(&cli.global, &layers, b),
        Some(Command::Undo) => {
            let mut store = open_store(&db_choice(&cli.global)?, false)?;
            println!("undone: {}", sanitize(&store.undo()?));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Redo) => {
            let mut store = open_store(&db_choice(&cli.global)?, false)?;
            println!("redone: {}", sanitize(&store.redo()?));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::History { limit }) => {
            let store = open_store(&db_choice(&cli.global)?, false)?;
            for h in store.history(limit)? {
                let state = if h.undone { " (undone)" } else { "" };
                println!(
                    "#{:<5} {}  {:<6} {}{state}",
                    h.id,
                    h.at,
                    h.kind,
                    sanitize(&h.summary)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Candidates {
            command: ListCommand::List { format },
        }) => {
            let store = open_store(&db_choice(&cli.global)?, false)?;
            let settings = settings_for(&layers, &store)?;
            let ds = store.load()?;
            let list = crate::domain::report::json_candidates(&ds, &settings);
            let mut out = std::io::stdout().lock();
            match format {
                ListFormat::Json => {
                    crate::export::json::write_pretty(&mut out, &list)?;
                    writeln!(out)?;
                }
                ListFormat::Text => {
                    for c in &list {
                        let why = if c.failed_gates.is_empty() {
                            String::new()
                        } else {
                            format!(" — {}", c.failed_gates.join("; "))
                        };
                        let sku = c
                            .promoted_sku
                            .as_deref()
                            .map_or(String::new(), |s| format!(" [SKU {}]", sanitize(s)));
                        writeln!(
                            out,
                            "#{:<3} {:>5.1} {:<10} {}{sku}{}",
                            c.id,
                            c.score,
                            c.verdict,
                            sanitize(&c.name),
                            sanitize(&why)
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Plans {
            command: ListCommand::List { format },
        }) => {
            let store = open_store(&db_choice(&cli.global)?, false)?;
            let settings = settings_for(&layers, &store)?;
            let ds = store.load()?;
            let r = review(&ds, frame_for(&ds, &cli.global, &settings), &settings);
            let list = crate::domain::report::json_plans(&ds, &r);
            let mut out = std::io::stdout().lock();
            match format {
                ListFormat::Json => {
                    crate::export::json::write_pretty(&mut out, &list)?;
                    writeln!(out)?;
                }
                ListFormat::Text => {
                    for p in &list {
                        let flag = if p.overdue {
                            " OVERDUE"
                        } else if p.off_track {
                            " behind"
                        } else {
                            ""
                        };
                        let target = p
                            .target
                            .as_ref()
                            .map_or(String::new(), |t| format!(" → {} {}", t.metric, t.value));
                        writeln!(
                            out,
                            "#{:<3} {:<5} {:<10} {:<7}{flag:<8} {:>6} {}{}",
                            p.id,
                            p.horizon,
                            p.due_on.as_deref().unwrap_or("—"),
                            p.status,
                            crate::export::pct(p.progress),
                            sanitize(&p.title),
                            sanitize(&target)
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Personas { command }) => match command {
            PersonaCommand::List => {
                let store = open_store(&db_choice(&cli.global)?, false)?;
                for (code, label) in store.load()?.personas {
                    println!("{:<20} {}", sanitize(&code), sanitize(&label));
                }
                Ok(ExitCode::SUCCESS)
            }
            PersonaCommand::Set { code, label } => change(&cli.global, |_| {
                Ok(DomainCommand::SavePersona { code, label })
            }),
            PersonaCommand::Remove { code } => {
                change(&cli.global, |_| Ok(DomainCommand::DeletePersona { code }))
            }
        },
        Some(Command::Backup { out }) => {
            let store = open_store(&db_choice(&cli.global)?, false)?;
            println!("backed up to {}", store.backup(out.as_deref())?.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Restore { from }) => {
            let mut store = open_store(&db_choice(&cli.global)?, false)?;
            let safety = store.restore(&from)?;
            println!(
                "restored {} from {}; what was there before is in {}",
                store.path(),
                from.display(),
                safety.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Gen {
            skus,
            lines,
            days,
            seed,
            end,
            out,
        }) => {
            let spec = crate::gen::GenSpec {
                skus,
                lines,
                days,
                seed,
                end: Day::from_date(end),
            };
            crate::gen::generate(&spec, &out)
                .wrap_err_with(|| format!("cannot write to {}", out.display()))?;
            println!(
                "wrote products.csv, stock.csv, orders.csv, traffic.csv to {}",
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Tui) | None => crate::ui::run(&cli.global, &config),
    }
}

fn report(
    global: &GlobalArgs,
    layers: &Layers,
    money: &crate::domain::money::MoneyFormat,
    format: ReportFormat,
) -> Result<ExitCode> {
    let store = open_store(&db_choice(global)?, false)?;
    let settings = &settings_for(layers, &store)?;
    let ds = store.load()?;
    let r: Review = review(&ds, frame_for(&ds, global, settings), settings);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ReportFormat::Json => {
            crate::export::json::write_pretty(&mut out, &json_report(&ds, &r, settings))?;
            writeln!(out)?;
        }
        ReportFormat::Md => {
            out.write_all(markdown::render_with(&ds, &r, settings, money).as_bytes())?
        }
        ReportFormat::Csv => csv_table::write(&ds, &r, settings, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the database, builds a command (it may read the store) and applies it.
pub(crate) fn change(
    global: &GlobalArgs,
    build: impl FnOnce(&Store) -> Result<DomainCommand>,
) -> Result<ExitCode> {
    let mut store = open_store(&db_choice(global)?, false)?;
    let cmd = build(&store)?;
    println!(
        "{} — undo with `skudesk undo`",
        sanitize(&store.apply(&cmd)?)
    );
    Ok(ExitCode::SUCCESS)
}

/// `SKU` or `SKU:UNITS`.
fn sku_units(arg: &str) -> Result<(String, Option<i64>)> {
    if let Some((_, units)) = arg.rsplit_once(':') {
        if units.starts_with('-')
            && units[1..].bytes().all(|b| b.is_ascii_digit())
            && units.len() > 1
        {
            return Err(UsageError(format!("{arg}: units to clear must not be negative")).into());
        }
    }
    match arg.rsplit_once(':') {
        Some((sku, units)) if !units.is_empty() && units.bytes().all(|b| b.is_ascii_digit()) => {
            let n: i64 = units
                .parse()
                .map_err(|_| eyre!("{arg}: units must be a whole number"))?;
            Ok((sku.trim().to_string(), Some(n)))
        }
        _ => Ok((arg.trim().to_string(), None)),
    }
}

/// A batch by `#id`, id or name.
fn find_batch(store: &Store, key: &str) -> Result<i64> {
    let ds = store.load()?;
    let by_id = key.trim_start_matches('#').parse::<i64>().ok();
    ds.batches
        .iter()
        .find(|b| Some(b.id) == by_id || b.name == key)
        .map(|b| b.id)
        .ok_or_else(|| {
            eyre!(
                "no clearance batch {:?}; `skudesk batch list` shows them",
                sanitize(key)
            )
        })
}

fn batch(global: &GlobalArgs, layers: &Layers, b: BatchCommand) -> Result<ExitCode> {
    match b {
        BatchCommand::Create {
            name,
            channel,
            start,
            end,
            ladder,
            target,
            skus,
        } => {
            let ladder = ladder
                .parse()
                .map_err(|e| UsageError(format!("--ladder: {e}")))?;
            let cash_target = target
                .parse()
                .map_err(|e| UsageError(format!("--target {target:?} {e}")))?;
            let skus = skus
                .iter()
                .map(|s| sku_units(s))
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
            change(global, |_| {
                Ok(DomainCommand::MarkBatch(MarkBatch {
                    batch: BatchRef::New(spec),
                    skus,
                }))
            })
        }
        BatchCommand::Add { batch, skus } => {
            let skus = skus
                .iter()
                .map(|s| sku_units(s))
                .collect::<Result<Vec<_>>>()?;
            change(global, |store| {
                let id = find_batch(store, &batch)?;
                Ok(DomainCommand::MarkBatch(MarkBatch {
                    batch: BatchRef::Existing(id),
                    skus,
                }))
            })
        }
        BatchCommand::Close { batch } => change(global, |store| {
            Ok(DomainCommand::SetBatchStatus {
                id: find_batch(store, &batch)?,
                status: BatchStatus::Done,
            })
        }),
        BatchCommand::Delete { batch, yes } => {
            if !yes {
                return Err(UsageError(
                    "deleting a batch needs --yes (it can be undone with `skudesk undo`)".into(),
                )
                .into());
            }
            change(global, |store| {
                Ok(DomainCommand::DeleteBatch {
                    id: find_batch(store, &batch)?,
                })
            })
        }
        BatchCommand::List => {
            let store = open_store(&db_choice(global)?, false)?;
            let settings = &settings_for(layers, &store)?;
            let ds = store.load()?;
            let r = review(&ds, frame_for(&ds, global, settings), settings);
            for b in &ds.batches {
                let p = batch_progress(&ds, b, r.frame, |i| r.skus[i].on_hand);
                println!(
                    "#{:<3} {:<28} {:<8} {:<15} {} … {}  cash {} / {} ({})  units {} / {}  SKUs {}",
                    b.id,
                    sanitize(&b.name),
                    b.status.as_str(),
                    b.channel.as_str(),
                    b.starts_on,
                    b.ends_on.map_or("open".to_string(), |d| d.to_string()),
                    p.cash_recovered,
                    b.cash_target,
                    crate::export::pct(p.cash_progress),
                    p.units_cleared,
                    p.units_to_clear,
                    b.skus.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
