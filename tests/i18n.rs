//! The two languages from the command line: `--lang`, `SKUDESK_LANG`, the config's
//! `lang` and the locale pick the language of the Markdown report and of messages;
//! the JSON and CSV contracts stay English whatever the language.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use common::Sandbox;

const ENGLISH_HEADINGS: [&str; 6] = [
    "# Product-mix review as of",
    "## Headline figures",
    "## Mix by margin tier",
    "## Slow movers",
    "## Best sellers",
    "## Action plans",
];

const CHINESE_HEADINGS: [&str; 8] = [
    "# 商品结构复盘（统计截至日 2025-09-30）",
    "## 核心指标",
    "| 指标 | 数值 | 目标 |",
    "## 按毛利分层的商品结构",
    "## 滞销品（",
    "## 畅销品（",
    "## 清仓批次",
    "## 行动计划",
];

fn assert_chinese(report: &str) {
    for h in CHINESE_HEADINGS {
        assert!(report.contains(h), "{h:?} missing:\n{report}");
    }
    for h in ENGLISH_HEADINGS {
        assert!(!report.contains(h), "{h:?} left in English:\n{report}");
    }
    for words in [
        "| 高毛利 |",
        "保底毛利率 25%，目标毛利率 35%",
        "周转天数",
        "复购率",
    ] {
        assert!(report.contains(words), "{words:?} missing:\n{report}");
    }
}

fn assert_english(report: &str) {
    for h in ENGLISH_HEADINGS {
        assert!(report.contains(h), "{h:?} missing:\n{report}");
    }
    assert!(!report.contains("## 核心指标"), "{report}");
}

#[test]
fn lang_zh_cn_gives_a_chinese_markdown_report() {
    let sb = Sandbox::new();
    let out = sb.run(&["--lang", "zh-CN", "report"]);
    out.assert_code(0);
    assert_chinese(&out.stdout);
    // The flag after the subcommand, and the other spellings, say the same.
    for args in [
        ["report", "--lang", "zh-CN"],
        ["--lang", "zh_CN", "report"],
        ["--lang", "ZH-cn", "report"],
    ] {
        let again = sb.run(&args);
        again.assert_code(0);
        assert_eq!(again.stdout, out.stdout, "{args:?}");
    }
    // `export report` writes the same review.
    let exported = sb.run(&["--lang", "zh-CN", "export", "report", "--format", "md"]);
    exported.assert_code(0);
    assert_eq!(exported.stdout, out.stdout);
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let sb = Sandbox::new();
    let out = sb.run(&["--lang", "xx", "report"]);
    out.assert_code(2);
    out.assert_stderr_has("'xx'");
    out.assert_stderr_has("--lang");
    out.assert_stderr_has("zh-CN");
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(!sb.default_db().exists(), "nothing was created");

    let out = Out2::run(&sb, &["report"], &[("SKUDESK_LANG", "fr")]);
    out.assert_code(2);
    out.assert_stderr_has("'fr'");
}

#[test]
fn the_flag_then_the_environment_then_the_config_then_the_locale() {
    let sb = Sandbox::new();
    let md = |args: &[&str], env: &[(&str, &str)]| {
        let out = Out2::run(&sb, args, env);
        out.assert_code(0);
        out.stdout
    };
    // Locale only.
    assert_chinese(&md(&["report"], &[("LANG", "zh_CN.UTF-8")]));
    assert_english(&md(&["report"], &[("LANG", "en_US.UTF-8")]));
    assert_english(&md(&["report"], &[]));
    assert_english(&md(
        &["report"],
        &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")],
    ));
    assert_chinese(&md(
        &["report"],
        &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
    ));
    // The config's `lang` wins over the locale…
    let dir = sb.path("config").join("skudesk");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "lang = \"zh-CN\"\n").unwrap();
    assert_chinese(&md(&["report"], &[("LANG", "en_US.UTF-8")]));
    // …and the flag and SKUDESK_LANG win over the config.
    assert_english(&md(&["--lang", "en", "report"], &[]));
    assert_english(&md(&["report"], &[("SKUDESK_LANG", "en")]));
    std::fs::write(dir.join("config.toml"), "lang = \"en\"\n").unwrap();
    assert_english(&md(&["report"], &[("LANG", "zh_CN.UTF-8")]));
    assert_chinese(&md(&["report"], &[("SKUDESK_LANG", "zh-CN")]));
    // A config with a language skudesk does not speak is refused, naming the line.
    std::fs::write(dir.join("config.toml"), "lang = \"fr\"\n").unwrap();
    let out = Out2::run(&sb, &["report"], &[]);
    out.assert_code(1);
    out.assert_stderr_has("line 1");
    out.assert_stderr_has("fr");
}

#[test]
fn json_and_csv_are_the_same_contract_in_both_languages() {
    let sb = Sandbox::new();
    for format in ["json", "csv"] {
        let en = sb.run(&["--lang", "en", "report", "--format", format]);
        let zh = sb.run(&["--lang", "zh-CN", "report", "--format", format]);
        en.assert_code(0);
        zh.assert_code(0);
        assert_eq!(en.stdout, zh.stdout, "{format} changed with the language");
    }
    let en = sb.run(&["--lang", "en", "export", "view", "aging"]);
    let zh = sb.run(&["--lang", "zh-CN", "export", "view", "aging"]);
    assert_eq!(en.stdout, zh.stdout, "CSV column names stay English");
}

#[test]
fn messages_speak_the_chosen_language() {
    let sb = Sandbox::new();
    // A database that is not there.
    let out = sb.run(&["--lang", "zh-CN", "--db", "missing.db", "report"]);
    out.assert_code(1);
    out.assert_stderr_has("这里没有数据库");
    // A usage error found after clap's checks.
    let out = sb.run(&["--lang", "zh-CN", "reclassify", "HT-1001"]);
    out.assert_code(2);
    out.assert_stderr_has("没有要修改的内容");
    out.assert_stderr_has("更多信息请用 '--help' 查看。");
    // A change and its undo, said (and kept in the history) in Chinese.
    let out = sb.run(&["--lang", "zh-CN", "reclassify", "HT-1001", "--tier", "high"]);
    out.assert_code(0);
    out.assert_stdout_has("重新分类 HT-1001：分层 高毛利 — 可用 `skudesk undo` 撤销");
    let out = sb.run(&["--lang", "zh-CN", "history"]);
    out.assert_code(0);
    out.assert_stdout_has("重新分类 HT-1001：分层 高毛利");
    let out = sb.run(&["--lang", "zh-CN", "undo"]);
    out.assert_code(0);
    out.assert_stdout_has("已撤销：重新分类 HT-1001：分层 高毛利");
    // A change the store refuses, in Chinese; the same in English.
    let out = sb.run(&["--lang", "zh-CN", "reclassify", "NO-SUCH", "--tier", "high"]);
    out.assert_code(1);
    out.assert_stderr_has("没有 SKU \"NO-SUCH\"");
    let out = sb.run(&["--lang", "en", "reclassify", "NO-SUCH", "--tier", "high"]);
    out.assert_code(1);
    out.assert_stderr_has("unknown SKU \"NO-SUCH\"");
    // Plans and batches as text lists.
    let out = sb.run(&["--lang", "zh-CN", "plans", "list"]);
    out.assert_code(0);
    out.assert_stdout_has("短期");
    out.assert_stdout_has("清仓回笼资金");
    let out = sb.run(&["--lang", "zh-CN", "batch", "list"]);
    out.assert_code(0);
    out.assert_stdout_has("回笼资金");
    let out = sb.run(&["--lang", "zh-CN", "candidates", "list"]);
    out.assert_code(0);
    out.assert_stdout_has("上线");
    out.assert_stdout_has("市场增长 5%/年，未高于 15%");
}

#[test]
fn help_names_the_lang_option_and_its_variable() {
    let sb = Sandbox::new();
    let out = sb.run(&["--help"]);
    out.assert_code(0);
    out.assert_stdout_has("--lang <LANG>");
    out.assert_stdout_has("SKUDESK_LANG");
    out.assert_stdout_has("zh-CN");
}

/// A run with extra environment variables.
struct Out2;

impl Out2 {
    fn run(sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> common::Out {
        let mut c = sb.cmd();
        c.args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        common::Out::from(c.output().expect("run skudesk"))
    }
}

#[test]
fn the_readme_settings_example_parses_with_its_lang() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let settings = &readme[readme.find("## Settings").expect("Settings section")..];
    let start = settings.find("```toml\n").expect("toml block") + "```toml\n".len();
    let toml = &settings[start..start + settings[start..].find("```").unwrap()];
    let config = skudesk::config::Config::parse("README.md", toml).expect("parses");
    assert_eq!(config.lang, Some(skudesk::i18n::Lang::ZhCn));
}

#[test]
fn an_import_preview_speaks_the_chosen_language() {
    let sb = Sandbox::new();
    let file = sb.write(
        "orders.csv",
        b"order_id,ordered_at,sku,qty,unit_price\nZ1,2025-09-01,NEW-1,2,5\n",
    );
    let out = sb.run_db(&[
        "--lang",
        "zh-CN",
        "import",
        "orders",
        file.as_str(),
        "--dry-run",
    ]);
    out.assert_code(0);
    out.assert_stdout_has("读取 1 行；订单行将：新增 1，修改 0，不变 0");
    out.assert_stdout_has("新建 1 个缺成本的 SKU");
    let out = sb.run_db(&["import", "orders", file.as_str(), "--dry-run"]);
    out.assert_code(0);
    out.assert_stdout_has("1 rows read; order lines would be: 1 added, 0 changed, 0 unchanged");
}
