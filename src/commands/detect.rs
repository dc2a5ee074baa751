//! `skudesk import --detect FILE`: which built-in mapping reads a file, and why the
//! others do not.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::Result;

use super::import::print_errors;
use super::out::warn;
use super::{Out, Reported};
use crate::domain::text::sanitize;
use crate::import::mapping::detect::{detect, Candidate};
use crate::import::mapping::join::Role;
use crate::import::mapping::{Mapping, Source};
use crate::import::Kind;

/// The `--set FIELD=YYYY-MM-DD` a mapping asks for, for the command `--detect` suggests.
fn asked_set(m: &Mapping) -> String {
    m.fields
        .iter()
        .filter(|f| matches!(f.source, Source::Ask(_)))
        .map(|f| format!(" --set {}=YYYY-MM-DD", f.field))
        .collect()
}

/// `skudesk import --detect FILE`: which built-in reads it, and why the others do not.
pub(super) fn run(path: &Path, kind: Option<Kind>) -> Result<ExitCode> {
    let (file, bytes) = match crate::import::table::read_file(path) {
        Ok(f) => f,
        Err(e) => {
            print_errors(&e, "nothing was detected.")?;
            return Err(Reported(String::new()).into());
        }
    };
    let d = match detect(&file, &bytes, kind) {
        Ok(d) => d,
        Err(e) => {
            print_errors(&[e], "nothing was detected.")?;
            return Err(Reported(String::new()).into());
        }
    };
    let picked = d.picked();
    let mut said = Out::new();
    said.write_with(|out| write_detected(out, &file, path, &d));
    said.finish()?;
    if picked.is_none() {
        warn(&format!(
            "skudesk: {}: no built-in mapping fits this header. Write a mapping file (README, \"Column mappings\") \
             and import with --mapping PATH.",
            sanitize(&file)
        ));
        return Err(Reported(String::new()).into());
    }
    Ok(ExitCode::SUCCESS)
}

/// What `--detect` found, for stdout.
fn write_detected(
    out: &mut dyn Write,
    file: &str,
    path: &Path,
    d: &crate::import::mapping::detect::Detection,
) -> std::io::Result<()> {
    writeln!(out, "{}: the header reads as {}", sanitize(file), d.sniffed)?;
    let picked = d.picked();
    if let Some(c) = picked {
        let path = path.display().to_string();
        let shown = sanitize(&path);
        let set = asked_set(&c.mapping);
        let how = if c.mapping.is_native() {
            String::new()
        } else {
            format!(" --mapping {}", c.mapping.name)
        };
        match (c.role, &c.mapping.join) {
            (Role::Other, Some(j)) => {
                writeln!(
                    out,
                    "picked {}, read as {}: this is {}: its columns {} are in the header",
                    c.title(),
                    c.read_as,
                    sanitize(&j.other),
                    sanitize(&c.matched.join(", "))
                )?;
                writeln!(
                    out,
                    "  it is one of two files: give {} with it, in the same import (in either order)",
                    sanitize(&j.this)
                )?;
                writeln!(
                    out,
                    "  import with: skudesk import {} LINES_FILE {shown}{how}{set}",
                    c.kind
                )?;
            }
            (Role::Lines, Some(j)) => {
                writeln!(
                    out,
                    "picked {}, read as {}: this is {}: it reads {} column(s) of this header: {}",
                    c.title(),
                    c.read_as,
                    sanitize(&j.this),
                    c.matched.len(),
                    sanitize(&c.matched.join(", "))
                )?;
                writeln!(
                    out,
                    "  it is one of two files: give {} with it (its columns {}), in the same import (in either order)",
                    sanitize(&j.other),
                    sanitize(&j.columns.join(", "))
                )?;
                writeln!(
                    out,
                    "  import with: skudesk import {} {shown} OTHER_FILE{how}{set}",
                    c.kind
                )?;
            }
            _ => {
                writeln!(
                    out,
                    "picked {}, read as {}: it reads {} column(s) of this header: {}",
                    c.title(),
                    c.read_as,
                    c.matched.len(),
                    sanitize(&c.matched.join(", "))
                )?;
                writeln!(
                    out,
                    "  import with: skudesk import {} {shown}{how}{set}",
                    c.kind
                )?;
            }
        }
    }
    let others: Vec<&Candidate> = d
        .candidates
        .iter()
        .skip(usize::from(picked.is_some()))
        .collect();
    for c in others.iter().filter(|c| c.fits()) {
        let part = match (c.role, &c.mapping.join) {
            (Role::Lines | Role::Other, Some(j)) => format!(
                " as {}",
                if c.role == Role::Lines {
                    &j.this
                } else {
                    &j.other
                }
            ),
            _ => String::new(),
        };
        writeln!(
            out,
            "also fits: {}{} (reads {} column(s): {})",
            c.title(),
            sanitize(&part),
            c.matched.len(),
            sanitize(&c.matched.join(", "))
        )?;
    }
    writeln!(out, "rejected:")?;
    for c in others.iter().filter(|c| !c.fits()) {
        let why = match &c.unreadable {
            Some(u) => u.clone(),
            None if c.missing.iter().any(|m| m.twice) => c
                .missing
                .iter()
                .filter(|m| m.twice)
                .map(|m| format!("column {} {}", m.column, m.why))
                .collect::<Vec<_>>()
                .join("; "),
            None => {
                let cols: Vec<&str> = c.missing.iter().map(|m| m.column.as_str()).collect();
                let shown = cols.iter().take(4).copied().collect::<Vec<_>>().join(", ");
                let more = if cols.len() > 4 {
                    format!(" and {} more", cols.len() - 4)
                } else {
                    String::new()
                };
                format!("no column {shown}{more}")
            }
        };
        writeln!(out, "  {}: {}", c.title(), sanitize(&why))?;
    }
    Ok(())
}
