//! `skudesk man`: the manual pages, in roff, made from the clap definitions (the same as
//! `--help`) and, in skudesk.1, a KEYS section made from the app's one key table
//! (`keymap::help_sections`, which the `?` screen reads too), so neither can drift
//! from the code. Prints skudesk.1; with `--dir`, writes it and a page for every
//! subcommand, nested ones included (skudesk-batch-create.1), into a folder: the pages
//! skudesk.1's SUBCOMMANDS section points to.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;
use color_eyre::eyre::{Result, WrapErr};

use crate::cli::Cli;
use crate::i18n::{Lang, Msg};

use super::Out;

pub fn run(dir: Option<&Path>, lang: Lang) -> Result<ExitCode> {
    let pages = pages()?;
    let mut out = Out::new();
    match dir {
        None => {
            if let Some((_, main)) = pages.first() {
                out.write_with(|w| w.write_all(main));
            }
        }
        Some(dir) => {
            write_pages(dir, &pages)
                .wrap_err_with(|| lang.f(Msg::CannotWriteTo, &[&dir.display()]))?;
            out.line(lang.f(Msg::ManWrote, &[&pages.len(), &dir.display()]));
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Every page as (file name, roff text): skudesk.1 first, then the subcommands' pages,
/// each followed by its own subcommands'. clap's `help` subcommands get none: `--help`
/// is on every page.
pub fn pages() -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = without_help_subcommand(Cli::command());
    // Built once, so each subcommand knows its full name (`skudesk-batch-create`).
    cmd.build();
    // Every page's footer names skudesk and its version (a subcommand has none of its own).
    let source = format!("skudesk {}", cmd.get_version().unwrap_or_default());
    let mut pages = Vec::new();
    collect(&cmd, &source, &mut pages)?;
    if let Some((_, main)) = pages.first_mut() {
        *main = with_keys(main);
    }
    Ok(pages)
}

fn without_help_subcommand(cmd: clap::Command) -> clap::Command {
    cmd.disable_help_subcommand(true)
        .mut_subcommands(without_help_subcommand)
}

fn collect(
    cmd: &clap::Command,
    source: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> io::Result<()> {
    let man = Man::new(cmd.clone()).source(source);
    let mut page = Vec::new();
    man.render(&mut page)?;
    pages.push((man.get_filename(), page));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, source, pages)?;
    }
    Ok(())
}

/// The KEYS section, placed before VERSION (or at the end of a page without one).
fn with_keys(page: &[u8]) -> Vec<u8> {
    let keys = keys_section();
    let at = page
        .windows(b"\n.SH VERSION".len())
        .position(|w| w == b"\n.SH VERSION")
        .map_or(page.len(), |i| i + 1);
    let mut out = Vec::with_capacity(page.len() + keys.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(keys.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The app's keys as the `?` screen lists them: by where they work, the keys of one
/// action together (`j/↓`).
fn keys_section() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The keys of the terminal app (skudesk, or skudesk tui), as its ? screen lists them. \
         These are the defaults: the config file's [keys] table can move any of them (Ctrl-c \
         always quits), and the ? screen and the footer then show the keys in force. The keys \
         of a tab are tried before the keys that work everywhere; an open popup (or a search \
         being typed) sees only its own keys.",
    )]);
    for (scope, lines) in crate::keymap::help_sections() {
        roff.control("SS", [scope]);
        for (keys, help) in lines {
            roff.control("TP", [] as [&str; 0]);
            roff.text([bold(keys)]);
            roff.text([roman(help)]);
        }
    }
    // The page has the preamble (the apostrophe string) already.
    let preamble = Roff::new().render();
    let text = roff.render();
    match text.strip_prefix(&preamble) {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Writes every page into `dir` (created if missing), each atomically: a page of the
/// same name is replaced whole, never left half written.
fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in pages {
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(text)?;
        tmp.as_file().sync_all()?;
        tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_go_before_the_version_and_the_page_keeps_one_preamble() {
        let pages = pages().expect("pages");
        let main = String::from_utf8(pages[0].1.clone()).expect("utf-8");
        let keys = main.find(".SH KEYS").expect("a KEYS section");
        let version = main.find(".SH VERSION").expect("a VERSION section");
        assert!(keys < version);
        assert_eq!(
            main.matches(".ds Aq").count(),
            2,
            "one preamble (.ie and .el)"
        );
    }
}
