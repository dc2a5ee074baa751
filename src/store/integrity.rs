//! Looking for damage in a database file before anything is written to it or from it:
//! `PRAGMA quick_check` before a session's first write ([`super::Store::check_writable`]),
//! `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on a backup before it is
//! restored. Only the first few findings are kept, made safe to print (a damaged file's
//! names are data). Reads only.

use rusqlite::Connection;

/// How thorough a check is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// `quick_check`: every page and record, not the indexes against their tables.
    /// A few seconds on a 5M-line shop: once a session, before its first write.
    Quick,
    /// `integrity_check` and `foreign_key_check`: also every index and reference.
    Full,
}

/// How many findings a message shows.
const SHOWN: usize = 3;
/// How long one finding may be in a message.
const LONGEST: usize = 160;

/// What the check finds wrong, the first [`SHOWN`] findings (empty: nothing). A check
/// that cannot run (the file is too damaged to be read) counts as a finding.
pub(crate) fn problems(conn: &Connection, depth: Depth) -> Vec<String> {
    let pragma = match depth {
        Depth::Quick => format!("PRAGMA quick_check({SHOWN})"),
        Depth::Full => format!("PRAGMA integrity_check({SHOWN})"),
    };
    let mut found = match rows(conn, &pragma, |r| r.get::<_, String>(0)) {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Vec::new(),
        // A row may hold several findings, a line each, under a heading.
        Ok(lines) => lines
            .iter()
            .flat_map(|l| l.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("***"))
            .map(str::to_string)
            .collect(),
        Err(e) => vec![e.to_string()],
    };
    if depth == Depth::Full && found.is_empty() {
        let orphans = rows(conn, "PRAGMA foreign_key_check", |r| {
            Ok(format!(
                "a row of {} (rowid {}) refers to a missing row of {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?
                    .map_or("none".to_string(), |id| id.to_string()),
                r.get::<_, String>(2)?
            ))
        });
        match orphans {
            Ok(lines) => found = lines,
            Err(e) => found = vec![e.to_string()],
        }
    }
    found.truncate(SHOWN);
    found
        .iter()
        .map(|line| {
            let safe = crate::domain::text::sanitize(line);
            match safe.char_indices().nth(LONGEST) {
                Some((cut, _)) => format!("{}…", &safe[..cut]),
                None => safe.into_owned(),
            }
        })
        .collect()
}

/// The first rows (a few more than shown) of a pragma that lists findings.
fn rows(
    conn: &Connection,
    sql: &str,
    row: impl Fn(&rusqlite::Row) -> rusqlite::Result<String>,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(r)?);
        if out.len() > SHOWN {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_file_has_no_findings_and_an_orphan_row_is_one() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE p (id INTEGER PRIMARY KEY);
             CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id));
             INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);",
        )
        .unwrap();
        assert!(problems(&c, Depth::Quick).is_empty());
        assert!(problems(&c, Depth::Full).is_empty());
        c.execute_batch("PRAGMA foreign_keys = OFF; INSERT INTO c VALUES (2, 7)")
            .unwrap();
        assert_eq!(
            problems(&c, Depth::Full),
            ["a row of c (rowid 2) refers to a missing row of p"]
        );
        assert!(problems(&c, Depth::Quick).is_empty(), "not a page's damage");
    }
}
