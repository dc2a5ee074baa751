//! Everything a key can ask the app to do, and the four tabs.
//!
//! Each action is one row of the `actions!` table below: its variant with what it
//! does, its name (the contract `[keys]` overrides use, snake_case) and its name in the
//! footer (a message of [`crate::i18n::strings`]). The enum, [`Action::ALL`],
//! [`Action::name`] and [`Action::label`] are made from that row, so adding an action
//! is one row here, its keys in `src/keymap.rs` and what it does in the app.

use crate::i18n::Msg;

/// Declares [`Action`] from one row per action: `Variant = "name", FooterMessage;`
/// with its doc comment. The rows' order is [`Action::ALL`]'s.
macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, $label:ident; )*) => {
        /// Everything a key can ask the app to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[doc = $doc])+ $variant, )*
        }

        impl Action {
            /// Every action, in the order the README and `config show` list them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name `[keys]` overrides use (`undo`, `tab_aging`, `clearance_batch`):
            /// a contract.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// The action's name in the footer, as a message (`sort next`, `排序`).
            pub fn label(self) -> Msg {
                match self {
                    $(Action::$variant => Msg::$label,)*
                }
            }
        }
    };
}

actions! {
    /// Leaves the app.
    Quit = "quit", ActQuit;
    /// Opens the help screen (every key); in a popup that only shows something, closes it.
    Help = "help", ActHelp;
    /// The next tab.
    NextTab = "next_tab", ActNextTab;
    /// The previous tab.
    PrevTab = "prev_tab", ActPrevTab;
    /// Aging table: show the columns further right.
    ColumnsRight = "columns_right", ActColumnsRight;
    /// Aging table: show the columns further left.
    ColumnsLeft = "columns_left", ActColumnsLeft;
    /// The trend chart by weeks, or by months.
    TrendPeriod = "trend_period", ActTrendPeriod;
    /// The trend chart, full screen.
    TrendChart = "trend_chart", ActTrendChart;
    /// The product mix tab.
    TabMix = "tab_mix", ActTabMix;
    /// The inventory aging tab.
    TabAging = "tab_aging", ActTabAging;
    /// The new-product scoring tab.
    TabScoring = "tab_scoring", ActTabScoring;
    /// The action plans tab.
    TabPlans = "tab_plans", ActTabPlans;
    /// The as-of date a day earlier.
    AsOfEarlier = "as_of_earlier", ActAsOfEarlier;
    /// The as-of date a day later.
    AsOfLater = "as_of_later", ActAsOfLater;
    /// The analysis window 30 → 60 → 90 → 180 days.
    CycleWindow = "cycle_window", ActCycleWindow;
    /// Clears the selection, then the filter and the search.
    Back = "back", ActBack;
    /// Takes back the last change.
    Undo = "undo", ActUndo;
    /// Brings back the change last undone.
    Redo = "redo", ActRedo;
    /// The change history.
    History = "history", ActHistory;
    /// The table on screen to a CSV file.
    ExportView = "export_view", ActExportView;
    /// The import form.
    Import = "import", ActImport;
    /// The settings popup.
    Settings = "settings", ActSettings;
    /// A row up.
    Up = "up", ActUp;
    /// A row down.
    Down = "down", ActDown;
    /// A page up.
    PageUp = "page_up", ActPageUp;
    /// A page down.
    PageDown = "page_down", ActPageDown;
    /// The first row.
    Top = "top", ActTop;
    /// The last row.
    Bottom = "bottom", ActBottom;
    /// Opens the row: drills down (mix), the SKU's details (aging), the candidate's or the
    /// plan's form (scoring, plans), what a batch earned (a batch row of the plans tab).
    Open = "open", ActOpen;
    /// Sorts the aging table by the next column.
    SortNext = "sort_next", ActSortNext;
    /// Sorts the aging table by the previous column.
    SortPrev = "sort_prev", ActSortPrev;
    /// Reverses the sort order.
    SortReverse = "sort_reverse", ActSortReverse;
    /// The aging filter: all → slow → best sellers → cost missing → each tier.
    CycleFilter = "cycle_filter", ActCycleFilter;
    /// Starts typing a search: of SKU and name on the aging tab (it filters the rows),
    /// of the rows' names on the other tables (it moves to the first match).
    Search = "search", ActSearch;
    /// Selects the row (aging) or marks it for comparing (scoring), and moves down.
    ToggleSelect = "toggle_select", ActToggleSelect;
    /// Starts or ends a range of selected rows.
    RangeSelect = "range_select", ActRangeSelect;
    /// Selects every row shown.
    SelectAll = "select_all", ActSelectAll;
    /// The reclassify form for the selection.
    Reclassify = "reclassify", ActReclassify;
    /// The clearance-batch form for the selection.
    MarkBatch = "clearance_batch", ActClearanceBatch;
    /// Adds a candidate or a plan.
    Add = "add", ActAdd;
    /// Edits the candidate, plan or batch under the cursor.
    Edit = "edit", ActEdit;
    /// Deletes the candidate, plan or batch under the cursor (asks first).
    Delete = "delete", ActDelete;
    /// Promotes the candidate to a SKU.
    Promote = "promote", ActPromote;
    /// Compares the marked candidates.
    Compare = "compare", ActCompare;
    /// Closes the clearance batch under the cursor (done).
    CloseBatch = "close_batch", ActCloseBatch;
    /// Closes a popup that only shows something (SKU details, history, compare, help).
    Close = "close", ActClose;
    /// Scrolls the help screen a row down.
    ScrollDown = "scroll_down", ActScrollDown;
    /// Scrolls the help screen a row up.
    ScrollUp = "scroll_up", ActScrollUp;
    /// Scrolls the help screen a page down.
    ScrollPageDown = "scroll_page_down", ActScrollPageDown;
    /// Scrolls the help screen a page up.
    ScrollPageUp = "scroll_page_up", ActScrollPageUp;
    /// Scrolls the help screen to its top.
    ScrollTop = "scroll_top", ActScrollTop;
    /// Scrolls the help screen to its bottom.
    ScrollBottom = "scroll_bottom", ActScrollBottom;
    /// A form's Enter: saves or applies it; the search line keeps the search; a
    /// question takes its default answer (no); the import preview imports.
    Submit = "submit", ActSubmit;
    /// A form's Esc: closes it, nothing saved; the search line clears the search; a
    /// question or the import preview closes, nothing done.
    Cancel = "cancel", ActCancel;
    /// The next field of a form.
    NextField = "next_field", ActNextField;
    /// The previous field of a form.
    PrevField = "prev_field", ActPrevField;
    /// Yes to a question (delete), or import from the import preview.
    Yes = "yes", ActYes;
    /// No to a question, or nothing imported from the import preview.
    No = "no", ActNo;
    /// Closes the welcome screen for good.
    Dismiss = "dismiss", ActDismiss;
    /// The message log: the last 50 messages of the status line, whole, newest first.
    Messages = "messages", ActMessages;
    /// The next row matching the table's search (where `n` is free).
    NextMatch = "next_match", ActNextMatch;
    /// The previous row matching the table's search.
    PrevMatch = "prev_match", ActPrevMatch;
    /// The next row matching the search, on the tabs where `n` adds a row.
    FindNext = "find_next", ActFindNext;
    /// The previous row matching the search, on the tabs where `n` adds a row.
    FindPrev = "find_prev", ActFindPrev;
    /// The command line: `:asof DAY`, `:window DAYS`, `:sku CODE`, `:help`.
    CommandLine = "command_line", ActCommandLine;
    /// The mix tab's breakdown by category, or by brand.
    Breakdown = "breakdown", ActBreakdown;
}

impl Action {
    /// The action a keymap override names (`undo`, `tab_aging`, `clearance_batch`).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The tab this action goes to, for the four `tab_*` actions.
    pub fn tab(self) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.action() == self)
    }
}

/// The four tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tab {
    #[default]
    Mix,
    Aging,
    Scoring,
    Plans,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Mix, Tab::Aging, Tab::Scoring, Tab::Plans];

    /// The tab's title, as a message (`Product mix`).
    pub fn title(self) -> Msg {
        match self {
            Tab::Mix => Msg::TabMix,
            Tab::Aging => Msg::TabAging,
            Tab::Scoring => Msg::TabScoring,
            Tab::Plans => Msg::TabPlans,
        }
    }

    /// The action that goes to this tab.
    pub fn action(self) -> Action {
        match self {
            Tab::Mix => Action::TabMix,
            Tab::Aging => Action::TabAging,
            Tab::Scoring => Action::TabScoring,
            Tab::Plans => Action::TabPlans,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }
    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The footer shows an action by its name with spaces, in English: the message
    /// table agrees with the name (so the English footer is as it always was).
    #[test]
    fn the_english_footer_label_is_the_name_with_spaces() {
        for a in Action::ALL {
            assert_eq!(a.label().en(), a.name().replace('_', " "), "{a:?}");
        }
    }

    #[test]
    fn each_tab_has_its_action_and_back() {
        for t in Tab::ALL {
            assert_eq!(t.action().tab(), Some(t));
        }
        assert_eq!(Action::Undo.tab(), None);
    }
}
