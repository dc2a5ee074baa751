//! Everything a key can ask the app to do. The variant names (snake_case) are the
//! contract a keymap override will use.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    GoTab(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    Help,
    SortNext,
    SortPrev,
    SortReverse,
    CycleFilter,
    Search,
    AsOfEarlier,
    AsOfLater,
    CycleWindow,
    ToggleSelect,
    RangeSelect,
    SelectAll,
    Reclassify,
    MarkBatch,
    Undo,
    Redo,
    History,
    Add,
    Edit,
    CloseBatch,
    Delete,
    Promote,
    Compare,
    ExportView,
    Settings,
    Import,
}

impl Action {
    /// The name used in the help screen and, later, in keymap overrides.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::NextTab => "next_tab",
            Action::PrevTab => "prev_tab",
            Action::GoTab(t) => t.action_name(),
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::Help => "help",
            Action::SortNext => "sort_next",
            Action::SortPrev => "sort_prev",
            Action::SortReverse => "sort_reverse",
            Action::CycleFilter => "cycle_filter",
            Action::Search => "search",
            Action::AsOfEarlier => "as_of_earlier",
            Action::AsOfLater => "as_of_later",
            Action::CycleWindow => "cycle_window",
            Action::ToggleSelect => "toggle_select",
            Action::RangeSelect => "range_select",
            Action::SelectAll => "select_all",
            Action::Reclassify => "reclassify",
            Action::MarkBatch => "clearance_batch",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::History => "history",
            Action::Add => "add",
            Action::Edit => "edit",
            Action::CloseBatch => "close_batch",
            Action::Delete => "delete",
            Action::Promote => "promote",
            Action::Compare => "compare",
            Action::ExportView => "export_view",
            Action::Settings => "settings",
            Action::Import => "import",
        }
    }

    /// Every action, in the order the README and `config show` list them.
    pub const ALL: [Action; 41] = [
        Action::Quit,
        Action::Help,
        Action::NextTab,
        Action::PrevTab,
        Action::GoTab(Tab::Mix),
        Action::GoTab(Tab::Aging),
        Action::GoTab(Tab::Scoring),
        Action::GoTab(Tab::Plans),
        Action::AsOfEarlier,
        Action::AsOfLater,
        Action::CycleWindow,
        Action::Back,
        Action::Undo,
        Action::Redo,
        Action::History,
        Action::ExportView,
        Action::Import,
        Action::Settings,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::SortNext,
        Action::SortPrev,
        Action::SortReverse,
        Action::CycleFilter,
        Action::Search,
        Action::ToggleSelect,
        Action::RangeSelect,
        Action::SelectAll,
        Action::Reclassify,
        Action::MarkBatch,
        Action::Add,
        Action::Edit,
        Action::Delete,
        Action::Promote,
        Action::Compare,
        Action::CloseBatch,
    ];

    /// The action a keymap override names (`undo`, `tab_aging`, `clearance_batch`).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
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

    pub fn title(self) -> &'static str {
        match self {
            Tab::Mix => "Product mix",
            Tab::Aging => "Inventory aging",
            Tab::Scoring => "New-product scoring",
            Tab::Plans => "Action plans",
        }
    }
    fn action_name(self) -> &'static str {
        match self {
            Tab::Mix => "tab_mix",
            Tab::Aging => "tab_aging",
            Tab::Scoring => "tab_scoring",
            Tab::Plans => "tab_plans",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % 4]
    }
    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + 3) % 4]
    }
}
