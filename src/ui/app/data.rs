//! The app's data and what is kept from it: reloads (after a change, an import, another
//! program's commit), the settings and frame in force, the views, and the aging table's
//! cached sort orders and rows.

use std::sync::Arc;

use crate::domain::aging_view::Column;
use crate::domain::dates::Frame;
use crate::domain::metrics::{restate, restate_products, review_again, Review};
use crate::domain::model::{Dataset, ProductIx, Tier};
use crate::domain::settings::Settings;
use crate::i18n::Msg;
use crate::ui::action::Tab;
use crate::ui::overlay::skus::{indices_of, sku_index};
use crate::ui::overlay::Popup;
use crate::ui::view::{Breakdown, GroupRow, Views};

use super::{App, Level};

impl App {
    /// Brings the settings in force up to the database's (after a settings change, an
    /// undo, or another process's write); true when figures depend on what changed. A window set in the
    /// settings moves the frame's; the `w` key's choice stays otherwise.
    fn sync_settings(&mut self) -> bool {
        let effective = match self.layers.effective(&self.ds.settings, &self.db_path) {
            Ok(e) => e,
            Err(e) => {
                self.say(Level::Error, e.to_string());
                return false;
            }
        };
        self.sources = effective.sources;
        if effective.settings == self.settings {
            return false;
        }
        let before = self.settings.clone();
        self.settings = effective.settings;
        // The export's BOM alone moves no figure.
        let figures_same = Settings {
            export_bom: self.settings.export_bom,
            ..before.clone()
        } == self.settings;
        if figures_same {
            return false;
        }
        let mut f = self.frame();
        if self.settings.window_days != before.window_days {
            f.window_days = self.settings.window_days;
        }
        if self.settings.velocity_days != before.velocity_days {
            f.velocity_days = self.settings.velocity_days;
        }
        self.review.frame = f;
        true
    }

    /// Recomputes figures and views for a new frame.
    pub(super) fn set_frame(&mut self, frame: Frame) {
        // The worker's job for the old frame is given up now, at its next period, not
        // after this review: the two would share the cores.
        self.jobs.new_generation();
        let previous = std::mem::replace(&mut self.review, Review::empty(frame));
        self.review = review_again(&self.ds, frame, &self.settings, previous);
        self.rebuild_views();
    }

    /// Views, cached sort orders and rows, after the review changed.
    fn rebuild_views(&mut self) {
        self.rebuild_views_keeping(None);
    }

    /// [`Self::rebuild_views`], keeping one column's sort order known to be still right.
    fn rebuild_views_keeping(&mut self, kept: Option<(Column, Vec<usize>)>) {
        let search_text = std::mem::take(&mut self.views.search_text);
        self.views = Views::build(&self.ds, &self.review, &self.settings);
        // The trend and the year earlier asked of the worker are for the old views.
        self.jobs.new_generation();
        self.views.search_text = search_text;
        self.aging.sorted.clear();
        if let Some((col, order)) = kept {
            self.aging.sorted.insert(col, order);
        }
        self.refresh_rows();
    }

    /// Replaces the data after a change: figures, views and rows are rebuilt. The
    /// selection and an open reclassify or batch form are kept by SKU code (another
    /// program's commit must not throw away what the seller was doing); a SKU that has
    /// gone drops out of the selection, and the form names it when applied.
    pub fn reload(&mut self, ds: Dataset) {
        let selected = self.selected_skus();
        self.ds = Arc::new(ds);
        // Codes and names are taken as changed: the data held before may have been half
        // refreshed when a refresh gave up, and a whole reload costs far more than the
        // search text and text orders built again.
        self.forget_rows(true);
        let before = self.tier_counts();
        let settings_changed = self.sync_settings();
        let frame = self.frame();
        self.set_frame(frame);
        self.keep_rows(&selected);
        if settings_changed {
            self.note_tiers(before);
        }
    }

    /// The SKU codes of the selection, to find it again in reloaded data.
    fn selected_skus(&self) -> Vec<String> {
        self.selection
            .iter()
            .filter_map(|&i| self.ds.products.get(i).map(|p| p.sku.clone()))
            .collect()
    }

    /// After a reload: the selection and an open form's SKUs found again by code in the
    /// new data, and the form's what-if computed on it.
    fn keep_rows(&mut self, selected: &[String]) {
        let index = sku_index(&self.ds);
        self.selection = indices_of(&index, selected).into_iter().collect();
        if let Some(mut overlay) = self.overlay.take() {
            overlay.after_reload(self, &index);
            self.overlay = Some(overlay);
        }
    }

    fn note_tiers(&mut self, before: [usize; 4]) {
        let after = self.tier_counts();
        let moved: Vec<String> = Tier::ALL
            .iter()
            .enumerate()
            .filter(|&(i, _)| before[i] != after[i])
            .map(|(i, t)| format!("{} {}→{}", self.lang.tier(*t), before[i], after[i]))
            .collect();
        self.settings_note = Some(if moved.is_empty() {
            self.lang.t(Msg::NoSkuChangedTier).to_string()
        } else {
            let list = moved.join(if self.lang.is_en() { ", " } else { "，" });
            self.lang.f(Msg::SkusPerTier, &[&list])
        });
    }

    /// After an import: the new data, as of its latest day (the seller wants to see
    /// what they brought in, not the period the old data ended on).
    pub fn reload_at_latest(&mut self, ds: Dataset) {
        let selected = self.selected_skus();
        self.ds = Arc::new(ds);
        self.forget_rows(true);
        self.sync_settings();
        let mut frame = self.frame();
        if let Some(latest) = self.ds.latest_day() {
            frame.as_of = latest;
        }
        self.set_frame(frame);
        self.keep_rows(&selected);
    }

    /// After the catalog in `ds` (products' tiers, lifecycles, categories; batches,
    /// candidates, plans) changed in place, lines and lots not: figures are restated
    /// from the line figures already computed, views and rows rebuilt.
    pub fn catalog_changed(&mut self, names_changed: bool, touched: Option<&[ProductIx]>) {
        self.jobs.new_generation();
        self.forget_rows(names_changed);
        let before = self.tier_counts();
        if self.sync_settings() {
            // Thresholds or windows moved: every figure is computed again.
            let frame = self.frame();
            self.set_frame(frame);
            self.note_tiers(before);
            return;
        }
        // The shown column's order survives when its keys did not move (a reclassify
        // leaves capital, cover… as they were): sorting 100k rows again is a fifth of a
        // refresh. (Text columns' orders are kept apart; `forget_rows` sees to them.)
        let keep_col = self.aging.sort;
        let keys_before = keep_col
            .and_then(|c| crate::domain::aging_view::numeric_keys(&self.ds, &self.review, c));
        let frame = self.frame();
        let previous = std::mem::replace(&mut self.review, Review::empty(frame));
        self.review = match touched {
            Some(products) => restate_products(&self.ds, previous, &self.settings, products),
            None => restate(&self.ds, previous, &self.settings),
        };
        let kept = keep_col.and_then(|c| {
            let before = keys_before.as_ref()?;
            let now = crate::domain::aging_view::numeric_keys(&self.ds, &self.review, c)?;
            if now != *before {
                return None;
            }
            self.aging.sorted.remove(&c).map(|order| (c, order))
        });
        self.rebuild_views_keeping(kept);
    }

    /// Drops what holds product indices of the old data, and the search text when codes
    /// or names changed.
    fn forget_rows(&mut self, names_changed: bool) {
        // Product indices of the old data mean nothing in the new: drop what holds them.
        self.selection.clear();
        self.compare.clear();
        self.anchor = None;
        // A SKU's details are a view of the old figures; a form keeps its input (the
        // reloads find its SKUs again by code, see `keep_rows`).
        if self.overlay.as_ref().is_some_and(|o| !o.survives_reload()) {
            self.overlay = None;
        }
        self.aging.text_sorted.remove(&Column::Category);
        if names_changed {
            self.views.search_text = crate::ui::view::search_text(&self.ds);
            self.aging.text_sorted.clear();
        }
    }

    /// The products an action applies to: the selection, else the row under the cursor.
    pub fn targets(&self) -> Vec<usize> {
        if !self.selection.is_empty() {
            return self.selection.iter().copied().collect();
        }
        self.selected_product().into_iter().collect()
    }

    /// Rows of the mix table: the four tiers, then categories (or brands) by revenue.
    pub fn mix_len(&self) -> usize {
        Tier::ALL.len() + self.mix_groups().len()
    }

    /// What the mix tab's breakdown groups by: category or brand.
    pub fn mix_by(&self) -> Breakdown {
        self.mix_by
    }

    /// The mix table's rows below the tiers: the categories or the brands.
    pub fn mix_groups(&self) -> &[GroupRow] {
        self.views.groups(self.mix_by)
    }

    /// The mix breakdown's other grouping: category ↔ brand. The cursor stays on a
    /// tier row, else goes to the first group.
    pub(super) fn switch_breakdown(&mut self) {
        self.mix_by = self.mix_by.other();
        let len = self.mix_len();
        let cursor = &mut self.cursors[Tab::Mix];
        if cursor.selected >= Tier::ALL.len() {
            cursor.selected = Tier::ALL.len();
        }
        cursor.clamp(len);
        let said = self
            .lang
            .f(Msg::BreakdownBy, &[&self.lang.breakdown(self.mix_by)]);
        self.say(Level::Info, said);
    }

    /// All product indices in the order of `col`, ascending; computed once per data or
    /// frame change and kept, so a later sort, filter or search is a pass over it.
    fn sorted_by(&mut self, col: Column) -> &[usize] {
        let (ds, r) = (&self.ds, &self.review);
        let cache = if col.is_text() {
            &mut self.aging.text_sorted
        } else {
            &mut self.aging.sorted
        };
        cache
            .entry(col)
            .or_insert_with(|| crate::domain::aging_view::sort_order(ds, r, col))
    }

    /// Re-applies filter, search and sort to the aging table.
    pub fn refresh_rows(&mut self) {
        let order: Vec<usize> = match self.aging.sort {
            Some(col) => self.sorted_by(col).to_vec(),
            None => (0..self.ds.products.len()).collect(),
        };
        let rows = self
            .aging
            .query()
            .rows(&self.ds, &self.review, &self.views.search_text, order);
        self.aging.rows = rows;
        self.cursors[Tab::Aging].clamp(self.aging.rows.len());
    }

    /// The product under the cursor on the aging tab.
    pub fn selected_product(&self) -> Option<usize> {
        self.aging
            .rows
            .get(self.cursors[Tab::Aging].selected)
            .copied()
    }
}
