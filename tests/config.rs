//! Settings from the outside: each kind of config mistake reported with file, line and
//! key (one fixture per kind in `tests/fixtures/config/`); `config show` naming where
//! each value comes from; `config set`/`unset` as undoable changes; currency in the
//! Markdown report but never in JSON; completions, man page and --help examples.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use clap::CommandFactory;
use common::Sandbox;

fn fixture(name: &str) -> String {
    common::repo_file(&format!("tests/fixtures/config/{name}"))
}

/// Runs `config show` with the fixture and checks exit 1 and every fragment on stderr,
/// which must start with the file's path.
fn assert_config_error(name: &str, fragments: &[&str]) {
    let sb = Sandbox::new();
    let path = fixture(name);
    let out = sb.run(&["--config", path.as_str(), "config", "show"]);
    out.assert_code(1);
    out.assert_stderr_has(&format!("skudesk: {path}: line "));
    for f in fragments {
        out.assert_stderr_has(f);
    }
    // The app and the other commands refuse the same file the same way.
    let out = sb.run(&["--config", path.as_str(), "report", "--format", "json"]);
    out.assert_code(1);
    out.assert_stderr_has(&path);
}

#[test]
fn a_toml_syntax_mistake_names_file_line_and_key() {
    assert_config_error(
        "syntax.toml",
        &["line 4:", "[metrics] margin_floor", "TOML syntax"],
    );
}

#[test]
fn an_unknown_key_names_file_line_and_key() {
    assert_config_error(
        "unknown_key.toml",
        &[
            "line 5:",
            "[metrics] slow_dayz",
            "unknown key \"slow_dayz\"",
            "slow_days",
        ],
    );
}

#[test]
fn a_value_of_the_wrong_type_names_file_line_and_key() {
    assert_config_error(
        "wrong_type.toml",
        &["line 4:", "[metrics] velocity_days", "invalid type"],
    );
}

#[test]
fn a_value_out_of_range_names_file_line_and_key() {
    assert_config_error(
        "out_of_range.toml",
        &["line 5:", "[metrics] margin_floor", "between 0 and 1", "25"],
    );
}

#[test]
fn contradictory_thresholds_name_file_line_and_both_keys() {
    assert_config_error(
        "contradiction.toml",
        &["line 4:", "[metrics] low_margin_below", "high_margin_at"],
    );
}

#[test]
fn a_value_that_is_not_a_choice_names_file_line_and_key() {
    assert_config_error(
        "bad_value.toml",
        &["line 4:", "[display] theme", "neon", "high-contrast"],
    );
}

#[test]
fn a_key_bound_twice_names_file_line_and_action() {
    assert_config_error(
        "keys_conflict.toml",
        &["line 4:", "[keys] undo", "conflicts", "reclassify"],
    );
}

#[test]
fn an_unknown_action_names_file_line_and_action() {
    assert_config_error(
        "keys_unknown_action.toml",
        &[
            "line 4:",
            "[keys] undoo",
            "no such action",
            "clearance_batch",
        ],
    );
}

#[test]
fn an_unknown_key_name_names_file_line_and_action() {
    assert_config_error(
        "keys_bad_key.toml",
        &["line 3:", "[keys] redo", "\"ctrl-banana\" is not a key"],
    );
}

#[test]
fn item_12_a_config_that_unbinds_quit_is_refused() {
    assert_config_error(
        "keys_quit_unbound.toml",
        &["line 4:", "[keys] quit", "at least one key"],
    );
}

#[test]
fn a_config_that_leaves_a_popup_without_a_closing_key_is_refused() {
    assert_config_error(
        "keys_popup_unclosable.toml",
        &[
            "line 4:",
            "[keys] cancel",
            "needs at least one key: without cancel nothing would close a form",
        ],
    );
}

#[test]
fn a_form_key_that_would_be_typed_as_text_is_refused() {
    assert_config_error(
        "keys_typed_in_forms.toml",
        &[
            "line 4:",
            "[keys] submit",
            "\"s\" would be typed as text in a form",
        ],
    );
}

/// The line of `config show` that sets `key` (the first, in file order).
fn shown<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("{key} not shown:\n{out}"))
}

#[test]
fn config_show_says_where_each_value_comes_from_and_set_unset_undo() {
    let sb = Sandbox::new();
    sb.seed();
    let db = sb.db().display().to_string();
    let cfg = fixture("full.toml");
    let show = |extra: &[&str]| {
        let mut args = vec!["--config", cfg.as_str()];
        args.extend_from_slice(extra);
        args.extend(["config", "show"]);
        let out = sb.run_db(&args);
        out.assert_code(0);
        out.stdout
    };
    let out = show(&[]);
    assert!(out.contains(&format!("# config file: {cfg}")), "{out}");
    assert!(shown(&out, "window_days").ends_with(&format!("# config file {cfg}, line 3")));
    assert!(shown(&out, "velocity_days").ends_with("# default"));
    assert!(shown(&out, "margin_floor").starts_with("margin_floor = 0.2 "));
    assert!(
        shown(&out, "low_margin_below").contains("follows margin_floor: config file"),
        "{out}"
    );
    assert!(shown(&out, "launch_at").ends_with("line 9"), "{out}");
    assert!(shown(&out, "theme").starts_with("theme = \"high-contrast\""));
    assert!(shown(&out, "currency_symbol").starts_with("currency_symbol = \"¥\""));
    assert!(shown(&out, "undo").starts_with("undo = \"z\""));
    assert!(shown(&out, "redo").starts_with("redo = [\"ctrl-r\", \"F5\"]"));
    assert!(shown(&out, "quit").ends_with("# default"));
    assert!(shown(&out, "quit").starts_with("quit = [\"q\", \"ctrl-c\"]"));

    // The database wins over the file; the command line over both.
    let set = sb.run_db(&[
        "--config",
        cfg.as_str(),
        "config",
        "set",
        "margin_floor",
        "18%",
    ]);
    set.assert_code(0);
    set.assert_stdout_has("settings: margin_floor 18%");
    let out = show(&["--window", "30"]);
    assert!(shown(&out, "margin_floor").starts_with("margin_floor = 0.18 "));
    assert!(
        shown(&out, "margin_floor").ends_with(&format!("# database {db} (set in the app)")),
        "{out}"
    );
    assert!(shown(&out, "low_margin_below").contains("follows margin_floor: database"));
    assert!(shown(&out, "window_days").ends_with("# command line (--window)"));
    let out = sb.run_db(&["--config", cfg.as_str(), "--window", "30", "config", "show"]);
    assert!(shown(&out.stdout, "window_days").starts_with("window_days = 30 "));

    // A value that contradicts the file's is refused, and nothing is stored.
    let bad = sb.run_db(&[
        "--config",
        cfg.as_str(),
        "config",
        "set",
        "low_margin_below",
        "0.4",
    ]);
    bad.assert_code(1);
    bad.assert_stderr_has("low_margin_below");
    bad.assert_stderr_has("high_margin_at = 0.32 comes from config file");
    let bad = sb.run_db(&["config", "set", "margin_floor", "120%"]);
    bad.assert_code(2);
    bad.assert_stderr_has("margin_floor");
    let bad = sb.run_db(&["config", "set", "no_such", "1"]);
    bad.assert_code(2);

    // Unset is a change too: back to the file's value; undo brings the database's back.
    sb.run_db(&["config", "unset", "margin_floor"])
        .assert_code(0);
    assert!(shown(&show(&[]), "margin_floor").starts_with("margin_floor = 0.2 "));
    let undo = sb.run_db(&["undo"]);
    undo.assert_code(0);
    undo.assert_stdout_has("undone: settings: margin_floor back to the config file");
    assert!(shown(&show(&[]), "margin_floor").starts_with("margin_floor = 0.18 "));
    sb.run_db(&["undo"]).assert_code(0);
    assert!(shown(&show(&[]), "margin_floor").starts_with("margin_floor = 0.2 "));
    sb.run_db(&["redo"]).assert_code(0);
    assert!(shown(&show(&[]), "margin_floor").starts_with("margin_floor = 0.18 "));
    let history = sb.run_db(&["history"]);
    history.assert_stdout_has("settings: margin_floor 18%");
}

#[test]
fn a_database_value_that_no_longer_fits_the_file_is_reported_with_the_fix() {
    let sb = Sandbox::new();
    sb.seed();
    sb.run_db(&["config", "set", "low_margin_below", "0.28"])
        .assert_code(0);
    // Later the config file moves the high tier below the stored low tier.
    let cfg = sb.write("c.toml", "[metrics]\nhigh_margin_at = 0.26\n");
    let out = sb.run_db(&["--config", cfg.as_str(), "report"]);
    out.assert_code(1);
    out.assert_stderr_has("low_margin_below = 0.28 (database");
    out.assert_stderr_has("skudesk config unset low_margin_below");
}

#[test]
fn settings_in_the_database_move_the_report_and_money_shows_the_currency() {
    let sb = Sandbox::new();
    sb.seed();
    // S1 earns 60 % and S2 25 %; with the high tier from 70 % nothing is high.
    let before = sb.report_json();
    let tier = |r: &serde_json::Value, sku: &str| {
        r["skus"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["sku"] == sku)
            .unwrap()["tier"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(tier(&before, "S1"), "high");
    sb.run_db(&["config", "set", "high_margin_at", "0.7"])
        .assert_code(0);
    assert_eq!(tier(&sb.report_json(), "S1"), "mid");

    let cfg = fixture("full.toml");
    let md = sb.run_db(&["--config", cfg.as_str(), "report"]);
    md.assert_code(0);
    md.assert_stdout_has("| Net revenue | ¥20 |");
    let json = sb.run_db(&["--config", cfg.as_str(), "report", "--format", "json"]);
    json.assert_code(0);
    assert!(
        !json.stdout.contains('¥'),
        "JSON is a contract: no currency"
    );
    assert_eq!(json.json()["kpis"]["net_revenue"], "20.00");
    let csv = sb.run_db(&["--config", cfg.as_str(), "report", "--format", "csv"]);
    assert!(!csv.stdout.contains('¥'), "CSV is a contract: no currency");
}

#[test]
fn completions_and_man_name_the_subcommands() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = sb.run(&["completions", shell]);
        out.assert_code(0);
        for sub in [
            "import",
            "report",
            "export",
            "config",
            "completions",
            "man",
            "batch",
        ] {
            out.assert_stdout_has(sub);
        }
        out.assert_stdout_has("dry-run");
    }
    let out = sb.run(&["man"]);
    out.assert_code(0);
    out.assert_stdout_has(".TH skudesk");
    for sub in ["import", "report", "config", "completions"] {
        out.assert_stdout_has(sub);
    }
    // Neither needs a valid config file.
    let out = sb.run(&[
        "--config",
        fixture("syntax.toml").as_str(),
        "completions",
        "fish",
    ]);
    out.assert_code(0);
}

#[test]
fn every_subcommand_help_has_examples() {
    fn walk(cmd: &mut clap::Command, path: &str, missing: &mut Vec<String>) {
        let name = format!("{path} {}", cmd.get_name());
        let help = cmd.render_long_help().to_string();
        let leaf = cmd.get_subcommands().next().is_none();
        let parent_has = path.contains(' ') && leaf;
        if !help.contains("Example") && !parent_has {
            missing.push(name.trim().to_string());
        }
        for sub in cmd.get_subcommands_mut() {
            walk(sub, &name, missing);
        }
    }
    let mut missing = Vec::new();
    let mut cli = skudesk::cli::Cli::command();
    cli.build();
    for sub in cli.get_subcommands_mut() {
        walk(sub, "skudesk", &mut missing);
    }
    missing.retain(|m| !m.contains(" help"));
    assert!(missing.is_empty(), "no examples in --help of: {missing:?}");
}

#[test]
fn config_show_names_the_language_and_where_it_came_from() {
    let sb = Sandbox::new();
    let out = sb.run(&["config", "show"]);
    out.assert_code(0);
    assert!(
        out.stdout.contains("lang = \"en\"") && out.stdout.contains("# default"),
        "{}",
        out.stdout
    );
    let out = sb.run(&["--lang", "zh-CN", "config", "show"]);
    out.assert_code(0);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("lang = "))
        .expect("a lang line");
    assert!(
        line.contains("\"zh-CN\"") && line.contains("command line"),
        "{line}"
    );
    let cfg = sb.write("lang.toml", "lang = \"zh-CN\"\n");
    let out = sb.run(&["--config", cfg.as_str(), "config", "show"]);
    out.assert_code(0);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("lang = "))
        .expect("a lang line");
    assert!(
        line.contains("\"zh-CN\"") && line.contains("line 1"),
        "{line}"
    );
}
