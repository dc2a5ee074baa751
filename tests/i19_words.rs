//! Issue 19, the words and figures on screen (items 5, 6, 7, 8, 9, 13, 15, 16): each
//! test is named after its item and failed before the fix. The snapshots at the end
//! show items 7, 8, 9 and 16 at 120×40 and 80×24, in English and Chinese.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::keys::keys;
use common::screen::{render, text};

use skudesk::config::layers::Layers;
use skudesk::config::Config;
use skudesk::domain::dates::Frame;
use skudesk::domain::model::Tier;
use skudesk::domain::plan::TargetMetric;
use skudesk::domain::settings::Settings;
use skudesk::i18n::{Lang, Msg};
use skudesk::import::native;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::overlay::Overlay;

fn app_over(store: &Store, path: &str, lang: Lang) -> App {
    let ds = store.load().expect("load");
    let s = Settings::default();
    let day = ds
        .latest_day()
        .unwrap_or(skudesk::domain::dates::Day(739_000));
    let frame = Frame::new(day, s.window_days, s.velocity_days);
    let mut app = App::new(ds, s, frame, path.into(), true);
    app.set_lang(lang);
    app
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    skudesk::demo::fill(&mut store).expect("demo");
    store
}

fn demo(lang: Lang) -> (App, Store) {
    let store = demo_store();
    (app_over(&store, ":memory:", lang), store)
}

fn screen(app: &App) -> String {
    text(&render(app, 120, 40))
}

/// The screen line holding `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
}

fn said(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

// ── Item 5: the settings message counts SKUs per tier as the tables do ───────────

/// A: 22 % with stock (in the tables), D: 23 % with neither stock nor sales (in no
/// table), B: 40 %.
fn shop_with_a_sku_in_no_table(store: &mut Store) {
    let products =
        b"sku,name,unit_cost,list_price\nA,Twenty-two,78,100\nB,Forty,60,100\nD,Twenty-three,77,100\n";
    store
        .import_products(&native::products("p.csv", products).unwrap(), false)
        .unwrap();
    let stock = b"sku,qty,received_on,unit_cost\nA,5,2025-09-01,78\nB,5,2025-09-01,60\n";
    store
        .import_stock(&native::stock("s.csv", stock).unwrap(), false)
        .unwrap();
}

#[test]
fn i19_item_05_the_settings_message_counts_skus_per_tier_as_the_tables_do() {
    let mut store = Store::open_in_memory().unwrap();
    shop_with_a_sku_in_no_table(&mut store);
    let mut app = app_over(&store, ":memory:", Lang::En);
    let table = |app: &App| app.review().kpis.tier_totals.skus;
    let before = table(&app);
    assert_eq!(before[Tier::Low.index()], 1, "A alone is in the tables");
    // The floor (and the low tier with it) 25 → 20: A and D leave the low tier.
    keys(&mut app, &mut store, ",<bs><bs>20<enter>");
    assert!(app.overlay().is_none(), "{}", said(&app));
    let after = table(&app);
    let message = said(&app);
    for t in [Tier::High, Tier::Mid, Tier::Low, Tier::Unclassified] {
        let (b, a) = (before[t.index()], after[t.index()]);
        let word = format!("{} {b}→{a}", Lang::En.tier(t));
        if b == a {
            let unmoved = format!("{} {b}→", Lang::En.tier(t));
            assert!(!message.contains(&unmoved), "{message}");
        } else {
            assert!(message.contains(&word), "{word:?} not in {message:?}");
        }
    }
    assert!(message.contains("low 1→0"), "{message}");
    assert_eq!(app.tier_counts(), after.map(|n| n as usize), "one count");
}

// ── Item 6: the settings popup's errors in its own labels and units ──────────────

#[test]
fn i19_item_06_settings_errors_speak_the_popups_labels_and_units() {
    for lang in Lang::ALL {
        let (mut app, mut store) = demo(lang);
        // The high tier from 30 % down to 25 %, where the low tier (following the floor)
        // starts: the fourth field.
        keys(&mut app, &mut store, ",<down><down><down><bs><bs>25<enter>");
        let Some(Overlay::Settings(form)) = app.overlay() else {
            panic!("the popup closed on a contradiction")
        };
        let problem = form.problem.clone().unwrap();
        let high = lang.t(Msg::SetHighFrom);
        let low = lang.t(Msg::SetLowBelow);
        assert!(
            problem.contains(high) && problem.contains(low),
            "{lang}: {problem}"
        );
        assert!(
            problem.contains("25 %") || problem.contains("25%"),
            "{problem}"
        );
        for config_word in [
            "high_margin_at",
            "low_margin_below",
            "margin_floor",
            "[metrics]",
            "database",
            "comes from",
            "0.25",
        ] {
            assert!(!problem.contains(config_word), "{lang}: {problem}");
        }
        if lang.is_en() {
            assert_eq!(
                problem,
                "high tier from % must be above low tier below % (25 %)"
            );
        }
        // A floor above the target, both as the popup shows them.
        keys(&mut app, &mut store, "<esc>,<bs><bs>40<enter>");
        let Some(Overlay::Settings(form)) = app.overlay() else {
            panic!("the popup closed on a contradiction")
        };
        let problem = form.problem.clone().unwrap();
        assert!(
            problem.contains(lang.t(Msg::SetMarginFloor))
                && problem.contains(lang.t(Msg::SetMarginTarget))
                && (problem.contains("35 %") || problem.contains("35%")),
            "{lang}: {problem}"
        );
        assert!(!problem.contains("margin_target"), "{problem}");
        // Days out of range: the label and the range, no key.
        keys(
            &mut app,
            &mut store,
            "<esc>,<down><down><down><down><down><down><bs><bs>0<enter>",
        );
        let Some(Overlay::Settings(form)) = app.overlay() else {
            panic!("the popup closed on a bad value")
        };
        let problem = form.problem.clone().unwrap();
        assert!(
            problem.contains(lang.t(Msg::SetSlowDays)) && !problem.contains("slow_days"),
            "{lang}: {problem}"
        );
        assert!(problem.contains("3660"), "{lang}: {problem}");
    }
}

// ── Item 7: words and formatted values wherever a person reads ───────────────────

/// The identifiers that must never reach a person's eyes outside JSON, CSV headers and
/// command-line arguments.
fn identifiers() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = TargetMetric::ALL.iter().map(|m| m.as_str()).collect();
    ids.extend(
        skudesk::domain::model::BatchChannel::ALL
            .iter()
            .map(|c| c.as_str())
            .filter(|s| s.contains('_')),
    );
    ids.extend(["pet_parents", "tech_geeks", "environmentalists"]);
    ids
}

fn no_identifiers(what: &str, text: &str) {
    for id in identifiers() {
        assert!(!text.contains(id), "{what}: {id:?} shows in\n{text}");
    }
}

#[test]
fn i19_item_07_forms_speak_words_not_identifiers() {
    for lang in Lang::ALL {
        // The first plan follows a batch's cash: its edit form.
        let (mut app, mut store) = demo(lang);
        keys(&mut app, &mut store, "4e");
        let s = screen(&app);
        no_identifiers("plan form", &s);
        assert!(
            s.contains(lang.metric(TargetMetric::BatchCashRecovered)),
            "{s}"
        );
        // A plan on a rate: its value in percent.
        keys(&mut app, &mut store, "<esc>je");
        let s = screen(&app);
        no_identifiers("plan form", &s);
        let value = line_with(&s, lang.t(Msg::FieldTargetValue));
        assert!(value.contains("25"), "{value}");
        assert!(!value.contains("0.25"), "{value}");
        // The clearance batch form lists channels in words.
        keys(&mut app, &mut store, "<esc>2c<down><down>");
        let s = screen(&app);
        no_identifiers("batch form", &s);
        // The candidate form names personas by their labels.
        let (mut app, mut store) = demo(lang);
        let feeder = app
            .views()
            .candidate_order
            .iter()
            .position(|&i| app.ds().candidates[i].personas == ["pet_parents"])
            .unwrap();
        keys(&mut app, &mut store, "3");
        keys(&mut app, &mut store, &"j".repeat(feeder));
        keys(&mut app, &mut store, "e");
        let s = screen(&app);
        no_identifiers("candidate form", &s);
        assert!(s.contains("宠物主妈妈"), "{s}");
        // Saving it unchanged keeps its persona code.
        keys(&mut app, &mut store, "<enter>");
        let i = app.views().candidate_order[feeder];
        assert_eq!(
            app.ds().candidates[i].personas,
            ["pet_parents"],
            "{}",
            said(&app)
        );
    }
}

#[test]
fn i19_item_07_the_markdown_report_speaks_words_and_formatted_values() {
    let store = demo_store();
    let app = app_over(&store, ":memory:", Lang::En);
    for lang in Lang::ALL {
        let md = skudesk::export::markdown::render(app.ds(), app.review(), app.settings(), lang);
        no_identifiers("markdown", &md);
        let conversion = line_with(&md, "智能生活节专题页");
        assert!(conversion.contains("25%"), "{conversion}");
        assert!(!conversion.contains("0.25"), "{conversion}");
        // The plan on the September batch's cash (its title ends "clearance"; the
        // batch's own row does not).
        let cash = line_with(&md, "Sep BOGO clearance");
        assert!(cash.contains("80,000.00"), "{cash}");
        assert!(
            cash.matches("九月买一赠一清仓 Sep BOGO").count() == 2,
            "the batch followed: {cash}"
        );
    }
}

// ── Item 8: the as-of date is 统计截至日; a plan's due date stays 截止日 ──────────

#[test]
fn i19_item_08_chinese_as_of_is_tongji_jiezhiri_and_due_stays_jiezhiri() {
    // Every message about the as-of date says 统计截至日; 截止日 is a due date only.
    for &m in Msg::ALL {
        let (en, zh) = (m.en().to_lowercase(), m.zh_cn());
        if en.contains("as-of") || en.contains("as of") {
            assert!(zh.contains("统计截至日"), "{m:?}: {zh}");
        }
        if zh.contains("截止") {
            assert!(en.contains("due"), "{m:?}: {zh} is not about a due date");
        }
        assert!(
            !zh.contains("截至") || zh.contains("统计截至日"),
            "{m:?}: {zh}"
        );
    }
    let (mut app, mut store) = demo(Lang::ZhCn);
    let s = screen(&app);
    assert!(
        line_with(&s, "演示").contains("统计截至日 2025-09-30"),
        "{s}"
    );
    keys(&mut app, &mut store, "?");
    let s = screen(&app);
    assert!(s.contains("统计截至日提前一天"), "{s}");
    keys(&mut app, &mut store, "<esc>4e");
    let s = screen(&app);
    assert!(
        s.lines()
            .any(|l| l.contains("截止日") && l.contains("2025-09-20") && !l.contains("统计")),
        "the due date's label:\n{s}"
    );
    assert!(s.contains("统计截至日"), "the form's hint:\n{s}");
    let md = skudesk::export::markdown::render(app.ds(), app.review(), app.settings(), Lang::ZhCn);
    assert!(
        md.starts_with("# 商品结构复盘（统计截至日 2025-09-30）"),
        "{md}"
    );
}

// ── Item 9: plans show money, whole units, percents and the batch's name ─────────

#[test]
fn i19_item_09_plans_show_money_whole_units_and_the_followed_batch() {
    for lang in Lang::ALL {
        let (mut app, mut store) = demo(lang);
        keys(&mut app, &mut store, "4");
        let s = screen(&app);
        let cash = line_with(&s, "九月买一赠一清仓 Sep BO");
        assert!(cash.contains("80,000.00"), "{cash}");
        assert!(cash.contains("83,348.00"), "{cash}");
        // The batch it follows is named (the plan's title is cut to its column).
        let plan = &app.ds().plans[0];
        let batch_id = plan.target.as_ref().unwrap().batch_id.unwrap();
        let batch = app.ds().batches.iter().find(|b| b.id == batch_id).unwrap();
        assert!(batch.name.starts_with("九月买一赠一清仓"));
        assert_eq!(cash.matches("九月").count(), 2, "title and batch: {cash}");
        let units = line_with(&s, "闲鱼清手机壳");
        assert!(!units.contains("39.0") && units.contains(" 39 "), "{units}");
        assert!(units.contains("95") && units.contains("闲鱼"), "{units}");
        let rate = line_with(&s, "智能生活节专题页");
        assert!(rate.contains("25%") || rate.contains("25.0%"), "{rate}");
        let turnover = line_with(&s, "库存周转降到6天");
        let days = lang.f(Msg::DaysShort, &[&6]);
        assert!(turnover.contains(&days), "{days:?} in {turnover}");
    }
}

// ── Item 13: export follows `export_bom` and names the file's full path ──────────

fn app_with_config(store: &Store, config: &str, lang: Lang, db: &std::path::Path) -> App {
    let ds = store.load().unwrap();
    let config = Config::parse("c.toml", config).unwrap();
    let layers = Layers::new(config, None, None, Some(lang));
    let day = ds.latest_day().unwrap();
    let frame = Frame::new(day, 90, 30);
    let mut app = App::with_layers(ds, layers, frame, db.display().to_string(), true);
    app.set_lang(lang);
    app
}

fn exported(dir: &std::path::Path) -> (std::path::PathBuf, Vec<u8>) {
    let exports = dir.join("exports");
    let file = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let file = file.canonicalize().unwrap();
    std::fs::remove_dir_all(&exports).unwrap();
    (file, bytes)
}

#[test]
fn i19_item_13_in_app_export_follows_export_bom_and_names_the_full_path() {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let mut store = demo_store();
    // Chinese: a BOM by default, so Excel reads the names.
    for (config, lang, bom) in [
        ("", Lang::ZhCn, true),
        ("", Lang::En, false),
        ("export_bom = false\n", Lang::ZhCn, false),
        ("export_bom = true\n", Lang::En, true),
    ] {
        let mut app = app_with_config(&store, config, lang, &db);
        keys(&mut app, &mut store, "2E");
        let message = said(&app);
        let (file, bytes) = exported(dir.path());
        assert_eq!(bytes.starts_with(BOM), bom, "{config:?} {lang}: {message}");
        let full = file.display().to_string();
        assert!(message.contains(&full), "{full:?} not in {message:?}");
    }
    // Set in the settings popup: stored as an undoable change.
    let mut app = app_with_config(&store, "", Lang::En, &db);
    keys(&mut app, &mut store, ",<up><up><up><up><right><enter>");
    assert_eq!(
        store.settings().unwrap(),
        [("export_bom".to_string(), "true".to_string())]
    );
    keys(&mut app, &mut store, "2E");
    assert!(exported(dir.path()).1.starts_with(BOM), "{}", said(&app));
    keys(&mut app, &mut store, "u");
    keys(&mut app, &mut store, "E");
    assert!(!exported(dir.path()).1.starts_with(BOM), "{}", said(&app));
}

// ── Item 15: a promoted SKU without stock or sales is findable ───────────────────

#[test]
fn i19_item_15_a_promoted_sku_shows_under_filter_new_and_reads_no_stock() {
    let (mut app, mut store) = demo(Lang::En);
    // The pet feeder (test batch, category smart-pet), promoted with the code offered.
    let feeder = app
        .views()
        .candidate_order
        .iter()
        .position(|&i| app.ds().candidates[i].personas == ["pet_parents"])
        .unwrap();
    keys(&mut app, &mut store, "3");
    keys(&mut app, &mut store, &"j".repeat(feeder));
    keys(&mut app, &mut store, "p");
    let Some(Overlay::Promote(form)) = app.overlay() else {
        panic!("no promote form: {}", said(&app))
    };
    let code = form.form.text(0).to_string();
    keys(&mut app, &mut store, "<enter>");
    let i = app.views().candidate_order[feeder];
    assert_eq!(
        app.ds().candidates[i].promoted_sku.as_deref(),
        Some(code.as_str())
    );
    // Its cover is "no stock", not a 0.0 that looks like success.
    let s = screen(&app);
    assert!(s.contains("no stock"), "{s}");
    assert!(!s.contains("days of cover 0.0"), "{s}");
    // Aging, filter "new": there, with 0 on hand.
    keys(&mut app, &mut store, "2");
    let mut steps = 0;
    let mut s = screen(&app);
    while !s.contains("filter new ") {
        keys(&mut app, &mut store, "f");
        s = screen(&app);
        steps += 1;
        assert!(steps < 12, "no filter \"new\":\n{s}");
    }
    let row = line_with(&s, &code);
    assert!(row.contains(" 0 "), "on hand 0: {row}");
    let rows: Vec<&str> = app
        .aging()
        .rows
        .iter()
        .map(|&i| app.ds().products[i].sku.as_str())
        .collect();
    assert!(rows.contains(&code.as_str()), "{rows:?}");
}

#[test]
fn i19_item_15_the_suggested_sku_code_follows_the_shops_pattern() {
    let (mut app, mut store) = demo(Lang::En);
    let feeder = app
        .views()
        .candidate_order
        .iter()
        .position(|&i| app.ds().candidates[i].personas == ["pet_parents"])
        .unwrap();
    keys(&mut app, &mut store, "3");
    keys(&mut app, &mut store, &"j".repeat(feeder));
    keys(&mut app, &mut store, "p");
    let Some(Overlay::Promote(form)) = app.overlay() else {
        panic!("no promote form: {}", said(&app))
    };
    let code = form.form.text(0).to_string();
    assert!(!code.starts_with("NEW-"), "{code}");
    // The smart-pet SKUs are SP-1001 … : the next free one of that pattern.
    let last = app
        .ds()
        .products
        .iter()
        .filter_map(|p| p.sku.strip_prefix("SP-"))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap();
    assert_eq!(code, format!("SP-{}", last + 1));
}

// ── Item 16: a group whose SKUs lack cost never shows 100 % margin ───────────────

#[test]
fn i19_item_16_mix_tab_shows_no_margin_for_cost_missing_groups() {
    for lang in Lang::ALL {
        let (mut app, mut store) = demo(lang);
        assert!(
            app.review().kpis.cost_missing > 0,
            "the demo has SKUs without cost"
        );
        let s = screen(&app);
        let unclassified = line_with(
            &s,
            &lang.f(Msg::MixTierRow, &[&lang.tier(Tier::Unclassified)]),
        );
        assert!(!unclassified.contains("100.0%"), "{unclassified}");
        assert!(unclassified.contains('—'), "{unclassified}");
        // Its coverage: none of its revenue has a cost.
        assert!(unclassified.contains("0.0%"), "{unclassified}");
        // The last row: the table scrolls under the inline trend chart.
        keys(&mut app, &mut store, "G");
        let s = screen(&app);
        let none = line_with(&s, lang.t(Msg::NoCategory));
        assert!(!none.contains("100.0%") && none.contains('—'), "{none}");
        // The Markdown says how much of the revenue the margin covers.
        let md = skudesk::export::markdown::render(app.ds(), app.review(), app.settings(), lang);
        let note = line_with(&md, lang.t(Msg::FilterCostMissing));
        let k = &app.review().kpis;
        let costed: skudesk::domain::money::Money = k
            .tier_totals
            .revenue
            .iter()
            .copied()
            .sum::<skudesk::domain::money::Money>()
            - k.tier_totals.revenue[Tier::Unclassified.index()];
        let coverage = skudesk::export::pct(costed.ratio(k.net_revenue));
        assert!(note.contains(&coverage), "{coverage} in {note}");
    }
}

// ── Snapshots: items 7, 8, 9 and 16 in both languages and sizes ──────────────────

#[test]
fn i19_snapshots_of_mix_plans_and_the_plan_form() {
    for lang in Lang::ALL {
        for (w, h) in [(120, 40), (80, 24)] {
            for (name, script) in [("mix", "1"), ("plans", "4"), ("plan_form", "4e")] {
                let (mut app, mut store) = demo(lang);
                keys(&mut app, &mut store, script);
                insta::assert_snapshot!(
                    format!("{}_{name}_{w}x{h}", lang.code()),
                    text(&render(&app, w, h))
                );
            }
        }
    }
}
