//! Reading and checking the files of one import before anything is written: each file
//! read natively or through its mapping (picked from its header with `auto`), the two
//! files of a two-file export (a mapping's `[join]`) paired in either order, every error
//! named with its file. One progress bar over many files.

use std::path::PathBuf;

use crate::domain::text::sanitize;
use crate::import::mapping::detect::{detect, header_of};
use crate::import::mapping::join::{self, classify, JoinTable, Role};
use crate::import::mapping::rewrite::finish;
use crate::import::mapping::translate::{translate, Request};
use crate::import::mapping::Mapping;
use crate::import::{encoding, native, ImportError, Kind};
use crate::progress::Progress;

use super::import::{
    asks_missing, file_error, why_picked, MappedReport, ParsedFile, Prepared, Reading,
};

/// One file of an import, read.
struct Input {
    path: PathBuf,
    file: String,
    bytes: Vec<u8>,
}

/// How one file is read.
enum Way {
    Native,
    Mapped {
        mapping: Box<Mapping>,
        detected: Option<String>,
        role: Role,
    },
}

/// Reads and checks every file of one import, in the order given, before anything is
/// written: the files that can be written, and every error of the others (each names
/// its file). Files of a two-file export (a mapping's `[join]`) go together in either
/// order: the file of lines becomes one checked file that names both.
/// `check: false` leaves a native orders file to be checked while it is written.
/// With several files, `progress` shows one bar over them all.
pub fn prepare_all(
    kind: Kind,
    paths: &[PathBuf],
    reading: &Reading,
    sets: &[(String, String)],
    progress: &mut Progress,
    check: bool,
) -> (Vec<Prepared>, Vec<ImportError>) {
    let batch = paths.len() > 1;
    if batch {
        progress.start_batch(format!("reading {} files", paths.len()), paths.len());
    }
    let mut errors = Vec::new();
    let mut inputs: Vec<(Input, Way)> = Vec::new();
    for path in paths {
        let way = crate::import::table::read_file(path).and_then(|(file, bytes)| {
            let input = Input {
                path: path.clone(),
                file,
                bytes,
            };
            let way = way_of(kind, &input, reading, sets)?;
            Ok((input, way))
        });
        match way {
            Ok(x) => inputs.push(x),
            Err(e) => {
                errors.extend(e);
                progress.file_done();
            }
        }
    }
    let tables = join_tables(&inputs, &mut errors);
    let mut prepared = Vec::new();
    // Each file's bytes go (or are dropped) as it is done: a large native file is moved,
    // never copied.
    for (input, way) in inputs {
        let result = match way {
            Way::Native => prepare_native(kind, input.file, input.bytes, progress, check),
            Way::Mapped {
                role: Role::Other, ..
            } => {
                progress.file_done();
                continue;
            }
            Way::Mapped {
                mapping,
                detected,
                role,
            } => {
                let table = match role {
                    Role::Lines => match tables.iter().find(|(m, _)| same(m, &mapping)) {
                        Some((_, Some(t))) => Some(t),
                        // The other file is missing or was refused: said already.
                        _ => {
                            progress.file_done();
                            continue;
                        }
                    },
                    _ => None,
                };
                prepare_mapped(kind, &input, &mapping, detected, table, sets, progress)
            }
        };
        progress.file_done();
        match result {
            Ok(p) => prepared.push(p),
            Err(e) => errors.extend(e),
        }
    }
    if batch {
        progress.end_batch();
    }
    (prepared, errors)
}

fn same(a: &Mapping, b: &Mapping) -> bool {
    a.name == b.name && a.origin == b.origin
}

/// How a file is read: natively, or through which mapping (picked from its header with
/// `auto`), and what the file is to that mapping.
fn way_of(
    kind: Kind,
    input: &Input,
    reading: &Reading,
    sets: &[(String, String)],
) -> Result<Way, Vec<ImportError>> {
    let file = &input.file;
    match reading {
        Reading::Native => Ok(Way::Native),
        Reading::Mapped(m) => {
            let role = match (&m.join, header_of(file, &input.bytes, m)) {
                (Some(_), Ok((_, header))) => classify(m, kind, sets, &header, false).role,
                // Unreadable: the translation says why.
                _ => Role::Whole,
            };
            Ok(Way::Mapped {
                mapping: m.clone(),
                detected: None,
                role,
            })
        }
        Reading::Auto => {
            let d = detect(file, &input.bytes, Some(kind)).map_err(|e| vec![e])?;
            let Some(c) = d.picked() else {
                return Err(file_error(
                    file,
                    format!(
                        "no built-in mapping fits this {kind} file (`skudesk import --detect {}` says why); \
                         write a mapping file and import with --mapping PATH",
                        input.path.display()
                    ),
                ));
            };
            if c.mapping.is_native() && sets.is_empty() {
                return Ok(Way::Native);
            }
            if let Some(missing) = asks_missing(&c.mapping, sets) {
                return Err(file_error(file, format!("detected: {missing}")));
            }
            Ok(Way::Mapped {
                mapping: Box::new(c.mapping.clone()),
                detected: Some(why_picked(c)),
                role: c.role,
            })
        }
    }
}

/// For each mapping with a `[join]` that a file of this import is read through: the
/// other files' table, or `None` when the pair is incomplete or the other file is bad
/// (the errors say so, naming each file).
fn join_tables(
    inputs: &[(Input, Way)],
    errors: &mut Vec<ImportError>,
) -> Vec<(Mapping, Option<JoinTable>)> {
    let mut tables: Vec<(Mapping, Option<JoinTable>)> = Vec::new();
    for (_, way) in inputs {
        let Way::Mapped { mapping, role, .. } = way else {
            continue;
        };
        if *role == Role::Whole || tables.iter().any(|(m, _)| same(m, mapping)) {
            continue;
        }
        let Some(j) = &mapping.join else { continue };
        let of = |want: Role| -> Vec<&Input> {
            inputs
                .iter()
                .filter(|(_, w)| {
                    matches!(w, Way::Mapped { mapping: m, role, .. } if *role == want && same(m, mapping))
                })
                .map(|(i, _)| i)
                .collect()
        };
        let (lines, others) = (of(Role::Lines), of(Role::Other));
        let kind = mapping.kind.map_or("orders", |k| k.as_str());
        let needs = |i: &Input, is: &str, give: &str, example: String| ImportError {
            file: i.file.clone(),
            line: 1,
            column: None,
            message: format!(
                "this is {is} of mapping {}: give {give} with it, in the same import \
                 (in either order): skudesk import {kind} {example} --mapping {}",
                mapping.name, mapping.name
            ),
            value: None,
        };
        let table = if others.is_empty() {
            errors.extend(
                lines
                    .iter()
                    .map(|i| needs(i, &j.this, &j.other, format!("{} OTHER_FILE", i.file))),
            );
            None
        } else if lines.is_empty() {
            errors.extend(
                others
                    .iter()
                    .map(|i| needs(i, &j.other, &j.this, format!("LINES_FILE {}", i.file))),
            );
            None
        } else {
            let files: Vec<(&str, &[u8])> = others
                .iter()
                .map(|i| (i.file.as_str(), i.bytes.as_slice()))
                .collect();
            match join::read(mapping, j, &files) {
                Ok(t) => Some(t),
                Err(e) => {
                    errors.extend(e);
                    None
                }
            }
        };
        tables.push((mapping.as_ref().clone(), table));
    }
    tables
}

/// Translates a file through its mapping (joined with its other file's table) and
/// checks the result as a native file.
fn prepare_mapped(
    kind: Kind,
    input: &Input,
    mapping: &Mapping,
    detected: Option<String>,
    join: Option<&JoinTable>,
    sets: &[(String, String)],
    progress: &mut Progress,
) -> Result<Prepared, Vec<ImportError>> {
    let (file, bytes) = (&input.file, &input.bytes);
    let req = Request {
        file,
        mapping,
        kind,
        sets,
        join,
    };
    progress.start(
        format!("reading {} through {}", sanitize(file), mapping.name),
        bytes,
    );
    let t = translate(&req, bytes, &mut |l| progress.row(l))?;
    progress.finish();
    let parsed = match kind {
        Kind::Products => {
            ParsedFile::Products(finish(&req, bytes, &t, native::products(file, &t.bytes))?)
        }
        Kind::Stock => ParsedFile::Stock(finish(&req, bytes, &t, native::stock(file, &t.bytes))?),
        Kind::Traffic => {
            ParsedFile::Traffic(finish(&req, bytes, &t, native::traffic(file, &t.bytes))?)
        }
        Kind::Orders => {
            progress.start(format!("checking {}", sanitize(file)), &t.bytes);
            let checked = native::orders_each(file, &t.bytes, |r| {
                progress.row(r.line);
                std::ops::ControlFlow::Continue(())
            });
            progress.finish();
            finish(&req, bytes, &t, checked)?;
            ParsedFile::Orders(file.clone(), Vec::new())
        }
    };
    let report = MappedReport {
        name: mapping.name.clone(),
        read_as: t.read_as,
        detected,
        blank_or_header: t.blank_or_header,
        skipped: t.skipped,
        notes: t.notes,
        refunds: t.refunds,
        joined: join.map(|j| (j.what.clone(), j.files.clone())),
    };
    let parsed = match parsed {
        ParsedFile::Orders(file, _) => ParsedFile::Orders(file, t.bytes),
        other => other,
    };
    Ok(Prepared {
        parsed,
        mapped: Some(report),
    })
}

fn prepare_native(
    kind: Kind,
    file: String,
    bytes: Vec<u8>,
    progress: &mut Progress,
    check: bool,
) -> Result<Prepared, Vec<ImportError>> {
    let bytes = encoding::native_utf16(&file, &bytes)
        .map_err(|e| vec![e])?
        .unwrap_or(bytes);
    let parsed = match kind {
        Kind::Products => ParsedFile::Products(native::products(&file, &bytes)?),
        Kind::Stock => ParsedFile::Stock(native::stock(&file, &bytes)?),
        Kind::Orders => {
            if check {
                progress.start(format!("checking {}", sanitize(&file)), &bytes);
                native::orders_each(&file, &bytes, |r| {
                    progress.row(r.line);
                    std::ops::ControlFlow::Continue(())
                })?;
                progress.finish();
            }
            ParsedFile::Orders(file, bytes)
        }
        Kind::Traffic => ParsedFile::Traffic(native::traffic(&file, &bytes)?),
    };
    Ok(Prepared {
        parsed,
        mapped: None,
    })
}
