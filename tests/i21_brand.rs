//! Issue 21, the brand view: `b` on the mix tab switches its breakdown between
//! categories and brands (the brand column was imported and shown nowhere), Enter on a
//! brand drills into the aging tab filtered to it, Esc clears it; the command line's
//! `export view mix --by brand` and `export view aging --brand` give the same tables.
//! Figures are checked against sums over the dataset's own lines, not against the code
//! that groups them. Snapshots of the mix tab by brand at 120×40 and 80×24, in English
//! and Chinese.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::keys::keys;
use common::screen::{render, text};
use common::Sandbox;

use skudesk::domain::dates::{Day, Frame};
use skudesk::domain::mix_view::Breakdown;
use skudesk::domain::model::Dataset;
use skudesk::domain::money::Money;
use skudesk::domain::settings::Settings;
use skudesk::i18n::Lang;
use skudesk::store::Store;
use skudesk::ui::action::Tab;
use skudesk::ui::app::App;

fn app_over(ds: Dataset, lang: Lang) -> App {
    let s = Settings::default();
    let day = ds.latest_day().unwrap_or(Day(739_000));
    let frame = Frame::new(day, s.window_days, s.velocity_days);
    let mut app = App::new(ds, s, frame, ":memory:".into(), true);
    app.set_lang(lang);
    app
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    skudesk::demo::fill(&mut store).expect("demo");
    store
}

/// The demo, on the mix tab (the welcome screen dismissed by its tab key).
fn demo(lang: Lang) -> (App, Store) {
    let mut store = demo_store();
    let ds = store.load().expect("load");
    let mut app = app_over(ds, lang);
    keys(&mut app, &mut store, "1");
    (app, store)
}

/// The screen line holding `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
}

/// Net revenue over the window of the products whose brand is `brand`, summed over the
/// dataset's order lines.
fn brand_revenue(app: &App, brand: &str) -> Money {
    let (ds, frame) = (app.ds(), app.frame());
    ds.lines
        .iter()
        .filter(|l| frame.in_window(l.day))
        .filter(|l| ds.products[l.product as usize].brand == brand)
        .fold(Money::ZERO, |sum, l| sum + l.net_revenue())
}

/// Moves the mix cursor to the group row named `name` (the tiers are the first four
/// rows) and returns its index among the groups.
fn go_to_group(app: &mut App, store: &mut Store, name: &str) -> usize {
    let at = app
        .mix_groups()
        .iter()
        .position(|g| g.name == name)
        .unwrap_or_else(|| panic!("no row {name:?}"));
    keys(app, store, "g");
    keys(app, store, &"j".repeat(4 + at));
    assert_eq!(app.cursor(Tab::Mix).selected, 4 + at);
    at
}

#[test]
fn b_switches_the_mix_breakdown_to_brands_and_back() {
    let (mut app, mut store) = demo(Lang::En);
    assert_eq!(app.mix_by(), Breakdown::Category);
    let screen = text(&render(&app, 120, 40));
    assert!(screen.contains("Tier / category"), "{screen}");
    assert!(
        screen.contains("b by brand"),
        "the title names the key:\n{screen}"
    );

    keys(&mut app, &mut store, "b");
    assert_eq!(app.mix_by(), Breakdown::Brand);
    let screen = text(&render(&app, 120, 40));
    assert!(screen.contains("Tiers and brands"), "{screen}");
    assert!(screen.contains("b by category"), "{screen}");
    assert!(screen.contains("Tier / brand"), "{screen}");
    // Every brand of the demo's products with stock or sales is a row: the products'
    // own brands, those without one under "(no brand)".
    let mut want: Vec<&str> = app
        .ds()
        .products
        .iter()
        .zip(&app.review().skus)
        .filter(|(_, f)| f.active || !f.net_revenue.is_zero())
        .map(|(p, _)| p.brand.as_str())
        .collect();
    want.sort_unstable();
    want.dedup();
    let mut got: Vec<&str> = app.mix_groups().iter().map(|g| g.name.as_str()).collect();
    got.sort_unstable();
    assert_eq!(got, want);
    assert!(want.contains(&""), "the demo has products without a brand");
    assert!(line_with(&screen, "(no brand)").starts_with('│'));
    // Most revenue first.
    let revenue: Vec<Money> = app.mix_groups().iter().map(|g| g.revenue).collect();
    assert!(revenue.windows(2).all(|w| w[0] >= w[1]), "{revenue:?}");

    keys(&mut app, &mut store, "b");
    assert_eq!(app.mix_by(), Breakdown::Category);
    let screen = text(&render(&app, 120, 40));
    assert!(screen.contains("Tier / category"), "{screen}");
}

#[test]
fn a_brand_row_sums_its_skus_and_enter_shows_them_in_the_aging_tab() {
    let (mut app, mut store) = demo(Lang::En);
    keys(&mut app, &mut store, "b");
    let at = go_to_group(&mut app, &mut store, "Sunny");
    let row = app.mix_groups()[at].clone();

    // Its revenue is the sum over the brand's order lines in the window; its SKU count
    // the brand's products with stock or sales; its share of the whole.
    let want = brand_revenue(&app, "Sunny");
    assert!(want > Money::ZERO, "the demo sells Sunny");
    assert_eq!(row.revenue, want);
    let skus = app
        .ds()
        .products
        .iter()
        .zip(&app.review().skus)
        .filter(|(p, f)| p.brand == "Sunny" && (f.active || !f.net_revenue.is_zero()))
        .count();
    assert_eq!(row.skus, skus as i64);
    // The screen shows that revenue, and the row's GP and margin as a category's.
    let screen = text(&render(&app, 120, 40));
    let line = line_with(&screen, "│Sunny ");
    assert!(line.contains(&app.money().grouped(want)), "{line}");
    assert!(
        line.contains(&app.money().grouped(row.gross_profit)),
        "{line}"
    );
    let share = skudesk::export::pct(want.ratio(app.review().kpis.net_revenue));
    assert!(line.contains(&share), "{share} in {line}");

    keys(&mut app, &mut store, "<enter>");
    assert_eq!(app.tab(), Tab::Aging);
    assert_eq!(app.aging().brand.as_deref(), Some("Sunny"));
    assert_eq!(app.aging().category, None);
    let rows = &app.aging().rows;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|&i| app.ds().products[i].brand == "Sunny"));
    // Every Sunny SKU with stock is there.
    let with_stock = app
        .ds()
        .products
        .iter()
        .zip(&app.review().skus)
        .filter(|(p, f)| p.brand == "Sunny" && f.active)
        .count();
    assert!(rows.len() >= with_stock, "{} < {with_stock}", rows.len());
    let screen = text(&render(&app, 120, 40));
    let info = line_with(&screen, "filter ");
    assert!(info.contains("brand Sunny"), "{info}");
    assert!(info.contains("(Esc clears)"), "{info}");

    // Esc clears it as it does a category.
    let all = {
        let (mut fresh, mut s) = demo(Lang::En);
        keys(&mut fresh, &mut s, "2");
        fresh.aging().rows.len()
    };
    keys(&mut app, &mut store, "<esc>");
    assert_eq!(app.aging().brand, None);
    assert_eq!(app.aging().rows.len(), all);
}

#[test]
fn the_no_brand_row_drills_into_the_skus_without_one() {
    let (mut app, mut store) = demo(Lang::ZhCn);
    keys(&mut app, &mut store, "b");
    let at = go_to_group(&mut app, &mut store, "");
    assert_eq!(app.mix_groups()[at].revenue, brand_revenue(&app, ""));
    let screen = text(&render(&app, 120, 40));
    assert!(screen.contains("（无品牌）"), "{screen}");
    assert!(screen.contains("分层 / 品牌"), "{screen}");
    keys(&mut app, &mut store, "<enter>");
    assert_eq!(app.aging().brand.as_deref(), Some(""));
    assert!(!app.aging().rows.is_empty());
    assert!(app
        .aging()
        .rows
        .iter()
        .all(|&i| app.ds().products[i].brand.is_empty()));
    let screen = text(&render(&app, 120, 40));
    assert!(
        line_with(&screen, "筛选").contains("品牌 （无品牌）"),
        "{screen}"
    );
}

#[test]
fn a_brand_is_found_by_search_and_a_tier_row_drills_as_before() {
    let (mut app, mut store) = demo(Lang::En);
    keys(&mut app, &mut store, "b/pawpal<enter>");
    let i = app.cursor(Tab::Mix).selected;
    assert_eq!(app.mix_groups()[i - 4].name, "PawPal");
    // A tier row drills into the tier whatever the breakdown, and clears a brand.
    keys(&mut app, &mut store, "<enter>");
    assert_eq!(app.aging().brand.as_deref(), Some("PawPal"));
    keys(&mut app, &mut store, "1g<enter>");
    assert_eq!(app.aging().brand, None);
    assert_eq!(app.aging().category, None);
    assert!(app
        .aging()
        .rows
        .iter()
        .all(|&r| app.review().skus[r].tier == skudesk::domain::model::Tier::High));
}

#[test]
fn a_brand_with_control_characters_reaches_the_screen_without_them() {
    let store = demo_store();
    let mut ds = store.load().expect("load");
    for p in ds.products.iter_mut().filter(|p| p.brand == "Sunny") {
        p.brand = "Sun\u{1b}[2Jny\u{7}\u{202e}".into();
    }
    let mut app = app_over(ds, Lang::En);
    let mut store = store;
    keys(&mut app, &mut store, "1b");
    let screen = text(&render(&app, 120, 40));
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
    assert!(!screen.contains('\u{202e}'));
    assert!(screen.contains("Sun[2Jny"), "{screen}");
    let at = go_to_group(&mut app, &mut store, "Sun\u{1b}[2Jny\u{7}\u{202e}");
    assert!(at < app.mix_groups().len());
    keys(&mut app, &mut store, "<enter>");
    let screen = text(&render(&app, 120, 40));
    assert!(!screen.contains('\u{1b}'), "{screen}");
    assert!(line_with(&screen, "filter ").contains("brand Sun[2Jny"));
}

#[test]
fn the_export_key_writes_the_brand_table_shown() {
    let (mut app, mut store) = demo(Lang::En);
    keys(&mut app, &mut store, "b");
    let table = skudesk::ui::export::current_table(&app, Tab::Mix);
    assert_eq!(table.columns[0].0, "Tier / brand");
    assert!(table.caption.contains("brands"), "{}", table.caption);
    let names: Vec<&str> = table.rows[4..].iter().map(|r| r[0].as_str()).collect();
    let want: Vec<&str> = app
        .mix_groups()
        .iter()
        .map(|g| {
            if g.name.is_empty() {
                "(no brand)"
            } else {
                g.name.as_str()
            }
        })
        .collect();
    assert_eq!(names, want);
}

// ── The command line: the same tables ────────────────────────────────────────────

const AS_OF: &str = "2025-09-30";

fn sample_shop() -> Sandbox {
    let sb = Sandbox::new();
    for kind in ["products", "stock", "orders", "traffic"] {
        let file = common::repo_file(&format!("sample-data/{kind}.csv"));
        sb.import_ok(kind, &[file.as_str()]);
    }
    sb
}

fn records(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// The app over the sandbox's database, as `skudesk --db shop.db --as-of 2025-09-30`.
fn app_of(sb: &Sandbox) -> (App, Store) {
    let store = Store::open(&sb.db()).expect("open");
    let ds = store.load().expect("load");
    let s = Settings::default();
    let day = chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    let frame = Frame::new(Day::from_date(day), s.window_days, s.velocity_days);
    (
        App::new(ds, s, frame, sb.db().display().to_string(), false),
        store,
    )
}

#[test]
fn export_view_mix_by_brand_and_aging_by_brand_give_what_the_app_shows() {
    let sb = sample_shop();
    let out = sb.run_db(&["export", "view", "mix", "--by", "brand", "--as-of", AS_OF]);
    out.assert_code(0);
    let rows = records(&out.stdout);
    assert_eq!(rows[0][0], "Tier / brand");
    let (mut app, mut store) = app_of(&sb);
    keys(&mut app, &mut store, "b");
    let names: Vec<&str> = rows[5..].iter().map(|r| r[0].as_str()).collect();
    let shown: Vec<String> = app
        .mix_groups()
        .iter()
        .map(|g| {
            if g.name.is_empty() {
                "(no brand)".into()
            } else {
                g.name.clone()
            }
        })
        .collect();
    assert_eq!(names, shown);
    let sunny = rows.iter().find(|r| r[0] == "Sunny").expect("a Sunny row");
    assert_eq!(sunny[2], brand_revenue(&app, "Sunny").to_string());
    // The category table is as before.
    let out = sb.run_db(&["export", "view", "mix", "--as-of", AS_OF]);
    assert_eq!(records(&out.stdout)[0][0], "Tier / category");

    // Enter on the Sunny row, and `--brand Sunny`: the same SKUs in the same order.
    keys(&mut app, &mut store, "/sunny<enter><enter>");
    assert_eq!(app.aging().brand.as_deref(), Some("Sunny"));
    let shown: Vec<String> = app
        .aging()
        .rows
        .iter()
        .map(|&i| app.ds().products[i].sku.clone())
        .collect();
    assert!(!shown.is_empty());
    for (brand, rows_of) in [("Sunny", shown.clone()), ("(no brand)", Vec::new())] {
        let out = sb.run_db(&[
            "export", "view", "aging", "--brand", brand, "--as-of", AS_OF,
        ]);
        out.assert_code(0);
        let rows = records(&out.stdout);
        let skus: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
        if brand == "Sunny" {
            assert_eq!(skus, rows_of);
        } else {
            let unbranded: Vec<&str> = app
                .ds()
                .products
                .iter()
                .filter(|p| p.brand.is_empty())
                .map(|p| p.sku.as_str())
                .collect();
            assert!(!skus.is_empty());
            assert!(
                skus.iter().all(|s| unbranded.contains(&s.as_str())),
                "{skus:?}"
            );
        }
    }
}

// ── Snapshots: the mix tab by brand in both languages and sizes ──────────────────

#[test]
fn i21_snapshots_of_the_mix_tab_by_brand() {
    for lang in Lang::ALL {
        for (w, h) in [(120, 40), (80, 24)] {
            let (mut app, mut store) = demo(lang);
            keys(&mut app, &mut store, "b");
            insta::assert_snapshot!(
                format!("{}_mix_by_brand_{w}x{h}", lang.code()),
                text(&render(&app, w, h))
            );
        }
    }
}
