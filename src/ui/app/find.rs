//! The search of the tables other than the aging one (whose search filters its rows,
//! see `input`): `/` and what is typed move the cursor to the first row that matches
//! (from where it was); Enter keeps the search for the next and previous match keys
//! (`n`/`N`, or `Ctrl-n`/`Ctrl-p` where `n` adds a row); Esc puts the cursor back. And
//! where a popup sends the app ([`Go`]: the welcome's tab keys, the command line).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::model::Tier;
use crate::i18n::Msg;
use crate::ui::action::{Action, Tab};
use crate::ui::keymap::Scope;
use crate::ui::overlay::Go;

use super::{App, Filter, Level};

impl App {
    /// What the search matches in each row of `tab`'s table, lowercased: the mix's tier
    /// and category (or brand) names, the candidates' names and categories (in score order), the
    /// plans' titles then the batches' names.
    fn row_texts(&self, tab: Tab) -> Vec<String> {
        let low = |s: &str| s.to_lowercase();
        match tab {
            Tab::Mix => Tier::ALL
                .iter()
                .map(|&t| low(self.lang.tier(t)))
                .chain(
                    self.mix_groups()
                        .iter()
                        .map(|g| low(self.lang.group_name(self.mix_by, &g.name))),
                )
                .collect(),
            Tab::Scoring => self
                .views
                .candidate_order
                .iter()
                .filter_map(|&i| self.ds.candidates.get(i))
                .map(|c| low(&format!("{} {}", c.name, c.category)))
                .collect(),
            Tab::Plans => self
                .ds
                .plans
                .iter()
                .map(|p| low(&p.title))
                .chain(self.ds.batches.iter().map(|b| low(&b.name)))
                .collect(),
            Tab::Aging => Vec::new(),
        }
    }

    /// The rows of the current tab that match `text`, in order.
    fn matches(&self, text: &str) -> Vec<usize> {
        let needle = text.to_lowercase();
        self.row_texts(self.tab)
            .iter()
            .enumerate()
            .filter(|(_, t)| t.contains(&needle))
            .map(|(i, _)| i)
            .collect()
    }

    /// A search is being typed on the tab shown.
    pub fn typing_search(&self) -> bool {
        match self.tab {
            Tab::Aging => self.aging.searching,
            t => self.finds[t.index()].typing,
        }
    }

    /// `/` on a table: starts typing its search.
    pub(super) fn start_search(&mut self) {
        match self.tab {
            Tab::Aging => self.aging.searching = true,
            t => {
                let origin = self.cursor(t).selected;
                self.finds[t.index()] = super::Find {
                    text: String::new(),
                    typing: true,
                    origin,
                };
            }
        }
    }

    /// A key while the search of a table other than the aging one is typed: the search
    /// line's keys (Enter keeps it, Esc clears it and goes back), Backspace, or a
    /// character of the search.
    pub(super) fn on_find_key(&mut self, key: KeyEvent) {
        let t = self.tab.index();
        match (self.keymap.action(Scope::Search, &key), key.code) {
            (Some(Action::Cancel), _) => {
                let origin = self.finds[t].origin;
                self.finds[t] = super::Find::default();
                self.cursor_mut().selected = origin;
                return;
            }
            (Some(Action::Submit), _) => {
                self.finds[t].typing = false;
                let text = self.finds[t].text.clone();
                if text.is_empty() {
                    return;
                }
                let found = self.matches(&text);
                match found
                    .iter()
                    .position(|&r| r == self.cursor(self.tab).selected)
                {
                    Some(k) => {
                        let said = self
                            .lang
                            .f(Msg::SearchMatchAt, &[&text, &(k + 1), &found.len()]);
                        self.say(Level::Info, said);
                    }
                    None => {
                        let said = self.lang.f(Msg::SearchNoMatch, &[&text]);
                        self.say(Level::Info, said);
                    }
                }
                return;
            }
            (_, KeyCode::Backspace) => {
                self.finds[t].text.pop();
            }
            (_, KeyCode::Char(c))
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.finds[t].text.push(c);
            }
            _ => return,
        }
        // As it is typed: the first match from where the search started, else there.
        let (text, origin) = (self.finds[t].text.clone(), self.finds[t].origin);
        let at = if text.is_empty() {
            None
        } else {
            first_from(&self.matches(&text), origin, true)
        };
        self.cursor_mut().selected = at.unwrap_or(origin);
    }

    /// The next (`forward`) or previous match of the tab's kept search.
    pub(super) fn next_match(&mut self, forward: bool) {
        if self.tab == Tab::Aging {
            // Every row shown matches the aging search: the next match is the next row.
            if self.aging.search.is_empty() {
                self.no_search_yet();
            } else {
                self.apply(if forward { Action::Down } else { Action::Up });
            }
            return;
        }
        let text = self.finds[self.tab.index()].text.clone();
        if text.is_empty() {
            self.no_search_yet();
            return;
        }
        let found = self.matches(&text);
        let here = self.cursor(self.tab).selected;
        let step = if forward {
            first_from(&found, here + 1, true)
        } else {
            first_from(&found, here.wrapping_sub(1), false)
        };
        match step {
            Some(row) => {
                self.cursor_mut().selected = row;
                let k = found.iter().position(|&r| r == row).unwrap_or(0) + 1;
                let said = self.lang.f(Msg::SearchMatchAt, &[&text, &k, &found.len()]);
                self.say(Level::Info, said);
            }
            None => {
                let said = self.lang.f(Msg::SearchNoMatch, &[&text]);
                self.say(Level::Info, said);
            }
        }
    }

    fn no_search_yet(&mut self) {
        let key = self.keymap.label_in(Scope::of(self.tab), Action::Search);
        let said = self.lang.f(Msg::NoSearchYet, &[&key]);
        self.say(Level::Info, said);
    }

    /// Where a popup sent the app: a tab, an as-of date, a window, a SKU's row.
    pub(super) fn go(&mut self, go: Go) {
        match go {
            Go::Tab(tab) => self.tab = tab,
            Go::AsOf(day) => {
                let mut f = self.frame();
                f.as_of = day;
                self.set_frame(f);
                let said = self.lang.f(Msg::CmdAsOfSet, &[&day]);
                self.say(Level::Info, said);
            }
            Go::Window(days) => {
                let mut f = self.frame();
                f.window_days = days;
                self.set_frame(f);
                let said = self.lang.f(Msg::WindowDays, &[&days]);
                self.say(Level::Info, said);
            }
            Go::Sku(product) => {
                self.tab = Tab::Aging;
                self.aging.searching = false;
                let sku = crate::domain::text::for_terminal(
                    self.ds.products.get(product).map_or("", |p| &p.sku),
                )
                .into_owned();
                let mut cleared = false;
                if !self.aging.rows.contains(&product) {
                    let a = &mut self.aging;
                    a.search.clear();
                    a.filter = Filter::All;
                    a.category = None;
                    a.brand = None;
                    self.refresh_rows();
                    cleared = true;
                }
                let len = self.aging.rows.len();
                match self.aging.rows.iter().position(|&r| r == product) {
                    Some(row) => {
                        self.cursors[Tab::Aging].selected = row;
                        let msg = if cleared {
                            Msg::CmdSkuCleared
                        } else {
                            Msg::CmdSkuAt
                        };
                        let said = self.lang.f(msg, &[&sku, &(row + 1), &len]);
                        self.say(Level::Info, said);
                    }
                    None => {
                        let said = self.lang.f(Msg::CmdSkuNotShown, &[&sku]);
                        self.say(Level::Warning, said);
                    }
                }
            }
        }
    }
}

/// The first of the sorted rows `found` at or after `from` (`forward`), else at or before
/// it, going round the table's end.
fn first_from(found: &[usize], from: usize, forward: bool) -> Option<usize> {
    if forward {
        found
            .iter()
            .copied()
            .find(|&r| r >= from)
            .or_else(|| found.first().copied())
    } else {
        found
            .iter()
            .rev()
            .copied()
            .find(|&r| r <= from)
            .or_else(|| found.last().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::first_from;

    #[test]
    fn the_next_match_goes_round_the_end() {
        let found = [2, 5, 9];
        assert_eq!(first_from(&found, 0, true), Some(2));
        assert_eq!(first_from(&found, 5, true), Some(5));
        assert_eq!(first_from(&found, 6, true), Some(9));
        assert_eq!(first_from(&found, 10, true), Some(2), "round the end");
        assert_eq!(first_from(&found, 4, false), Some(2));
        assert_eq!(first_from(&found, 1, false), Some(9), "round the start");
        assert_eq!(first_from(&found, usize::MAX, false), Some(9));
        assert_eq!(first_from(&[], 3, true), None);
    }
}
