//! The one key table: dispatch, the help screen and the footer hints all read it, so
//! they cannot drift apart.
//!
//! It sits below `config` and `ui`: the config file's `[keys]` overrides are checked
//! against it when the file is read, and the app dispatches through it. It names the
//! app's actions and tabs but draws nothing and imports nothing of the crate (the
//! `ui` module re-exports it as `ui::keymap` and `ui::action`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

pub mod action;
mod custom;
use action::{Action, Tab};
pub use custom::{check_overrides, conflicts, key_string, parse_key, Keymap, CTRL_C};

/// One key or several for an action, as the config file's `[keys]` writes them; an
/// empty list unbinds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

/// Where a binding applies. Tab scopes are tried before the global one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Table,
    Aging,
    Scoring,
    Plans,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Table => "Tables",
            Scope::Aging => "Aging tab",
            Scope::Scoring => "Scoring tab",
            Scope::Plans => "Plans tab",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer.
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn b(
    scope: Scope,
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    help: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        scope,
        code,
        mods,
        action,
        help,
        hint,
    }
}

use KeyCode::Char;
use Scope::{Aging, Global, Plans, Scoring, Table};

pub const BINDINGS: &[Binding] = &[
    b(Global, Char('q'), NONE, Action::Quit, "quit", true),
    b(Global, Char('c'), CTRL, Action::Quit, "quit", false),
    b(
        Global,
        Char('?'),
        NONE,
        Action::Help,
        "help: every key",
        true,
    ),
    b(
        Global,
        Char('1'),
        NONE,
        Action::GoTab(Tab::Mix),
        "product mix tab",
        false,
    ),
    b(
        Global,
        Char('2'),
        NONE,
        Action::GoTab(Tab::Aging),
        "inventory aging tab",
        false,
    ),
    b(
        Global,
        Char('3'),
        NONE,
        Action::GoTab(Tab::Scoring),
        "new-product scoring tab",
        false,
    ),
    b(
        Global,
        Char('4'),
        NONE,
        Action::GoTab(Tab::Plans),
        "action plans tab",
        false,
    ),
    b(
        Global,
        KeyCode::Tab,
        NONE,
        Action::NextTab,
        "next tab",
        true,
    ),
    b(
        Global,
        KeyCode::BackTab,
        KeyModifiers::SHIFT,
        Action::PrevTab,
        "previous tab",
        false,
    ),
    b(
        Global,
        Char('<'),
        NONE,
        Action::AsOfEarlier,
        "as-of a day earlier",
        false,
    ),
    b(
        Global,
        Char('>'),
        NONE,
        Action::AsOfLater,
        "as-of a day later",
        false,
    ),
    b(
        Global,
        Char('w'),
        NONE,
        Action::CycleWindow,
        "window 30/60/90/180 days",
        true,
    ),
    b(
        Global,
        KeyCode::Esc,
        NONE,
        Action::Back,
        "close; clear filters",
        false,
    ),
    b(Table, Char('j'), NONE, Action::Down, "down", false),
    b(Table, KeyCode::Down, NONE, Action::Down, "down", false),
    b(Table, Char('k'), NONE, Action::Up, "up", false),
    b(Table, KeyCode::Up, NONE, Action::Up, "up", false),
    b(
        Table,
        KeyCode::PageDown,
        NONE,
        Action::PageDown,
        "page down",
        false,
    ),
    b(Table, Char('d'), CTRL, Action::PageDown, "page down", false),
    b(
        Table,
        KeyCode::PageUp,
        NONE,
        Action::PageUp,
        "page up",
        false,
    ),
    b(Table, Char('u'), CTRL, Action::PageUp, "page up", false),
    b(Table, Char('g'), NONE, Action::Top, "first row", false),
    b(Table, KeyCode::Home, NONE, Action::Top, "first row", false),
    b(Table, Char('G'), NONE, Action::Bottom, "last row", false),
    b(Table, KeyCode::End, NONE, Action::Bottom, "last row", false),
    b(
        Table,
        KeyCode::Enter,
        NONE,
        Action::Open,
        "drill down / SKU details",
        true,
    ),
    b(
        Aging,
        Char('s'),
        NONE,
        Action::SortNext,
        "sort by next column",
        true,
    ),
    b(
        Aging,
        Char(']'),
        NONE,
        Action::SortNext,
        "sort by next column",
        false,
    ),
    b(
        Aging,
        Char('['),
        NONE,
        Action::SortPrev,
        "sort by previous column",
        false,
    ),
    b(
        Aging,
        Char('S'),
        NONE,
        Action::SortReverse,
        "reverse sort order",
        false,
    ),
    b(
        Aging,
        Char('f'),
        NONE,
        Action::CycleFilter,
        "filter slow/best/tier",
        true,
    ),
    b(
        Aging,
        Char('/'),
        NONE,
        Action::Search,
        "search SKU and name",
        true,
    ),
    b(
        Global,
        Char('u'),
        NONE,
        Action::Undo,
        "undo the last change",
        true,
    ),
    b(
        Global,
        Char('E'),
        NONE,
        Action::ExportView,
        "export this table to CSV",
        true,
    ),
    b(
        Global,
        Char('i'),
        NONE,
        Action::Import,
        "import a CSV file",
        false,
    ),
    b(Global, Char('r'), CTRL, Action::Redo, "redo", false),
    b(
        Global,
        Char('L'),
        NONE,
        Action::History,
        "change history",
        false,
    ),
    b(
        Global,
        Char(','),
        NONE,
        Action::Settings,
        "settings: thresholds",
        false,
    ),
    b(
        Aging,
        Char(' '),
        NONE,
        Action::ToggleSelect,
        "select row, move down",
        false,
    ),
    b(
        Aging,
        Char('v'),
        NONE,
        Action::RangeSelect,
        "start/end a range",
        false,
    ),
    b(
        Aging,
        Char('a'),
        NONE,
        Action::SelectAll,
        "select all shown",
        false,
    ),
    b(
        Aging,
        Char('r'),
        NONE,
        Action::Reclassify,
        "reclassify (tier, …)",
        true,
    ),
    b(
        Aging,
        Char('c'),
        NONE,
        Action::MarkBatch,
        "put in a clearance batch",
        true,
    ),
    b(
        Scoring,
        Char('n'),
        NONE,
        Action::Add,
        "add a candidate",
        true,
    ),
    b(
        Scoring,
        Char('e'),
        NONE,
        Action::Edit,
        "edit the candidate",
        true,
    ),
    b(
        Scoring,
        Char('d'),
        NONE,
        Action::Delete,
        "delete it (asks)",
        false,
    ),
    b(
        Scoring,
        Char('p'),
        NONE,
        Action::Promote,
        "promote to a SKU",
        true,
    ),
    b(
        Scoring,
        Char(' '),
        NONE,
        Action::ToggleSelect,
        "mark for comparing",
        false,
    ),
    b(
        Scoring,
        Char('x'),
        NONE,
        Action::Compare,
        "compare the marked",
        true,
    ),
    b(Plans, Char('n'), NONE, Action::Add, "add a plan", true),
    b(
        Plans,
        Char('e'),
        NONE,
        Action::Edit,
        "edit plan or batch",
        true,
    ),
    b(
        Plans,
        Char('x'),
        NONE,
        Action::CloseBatch,
        "close batch (done)",
        false,
    ),
    b(
        Plans,
        Char('d'),
        NONE,
        Action::Delete,
        "delete plan/batch",
        false,
    ),
];

fn matches(b: &Binding, key: &KeyEvent) -> bool {
    if b.code != key.code {
        return false;
    }
    match key.code {
        // Shifted characters arrive with SHIFT set on some terminals and not others.
        Char(_) => (key.mods_without_shift()) == b.mods,
        _ => key.modifiers == b.mods,
    }
}

trait Mods {
    fn mods_without_shift(&self) -> KeyModifiers;
}
impl Mods for KeyEvent {
    fn mods_without_shift(&self) -> KeyModifiers {
        self.modifiers - KeyModifiers::SHIFT
    }
}

/// The scopes active on a tab, most specific first.
pub fn scopes(tab: Tab) -> &'static [Scope] {
    match tab {
        Tab::Aging => &[Aging, Table, Global],
        Tab::Scoring => &[Scoring, Table, Global],
        Tab::Plans => &[Plans, Table, Global],
        _ => &[Table, Global],
    }
}

/// The action for a key on a tab, looking in its scopes in order.
pub fn lookup(tab: Tab, key: &KeyEvent) -> Option<Action> {
    lookup_in(BINDINGS, tab, key)
}

/// [`lookup`] in a table of bindings (the default one, or one with the config's keys).
pub fn lookup_in(bindings: &[Binding], tab: Tab, key: &KeyEvent) -> Option<Action> {
    scopes(tab).iter().find_map(|&scope| {
        bindings
            .iter()
            .find(|b| b.scope == scope && matches(b, key))
            .map(|b| b.action)
    })
}

/// A key as the help screen writes it: `q`, `Ctrl-c`, `Enter`, `PgDn`.
pub fn key_label(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        Char(' ') => "Space".to_string(),
        Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut label = base;
    if mods.contains(KeyModifiers::ALT) {
        label = format!("Alt-{label}");
    }
    if mods.contains(CTRL) {
        label = format!("Ctrl-{label}");
    }
    label
}

/// Help lines grouped by scope: (scope title, [(keys, what it does)]), keys of one
/// action joined with `/`.
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    help_sections_of(BINDINGS)
}

/// [`help_sections`] of a table of bindings.
pub fn help_sections_of(bindings: &[Binding]) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut out: Vec<(&'static str, Vec<(String, &'static str)>)> = Vec::new();
    for scope in [Global, Table, Aging, Scoring, Plans] {
        let mut lines: Vec<(String, &'static str)> = Vec::new();
        for bnd in bindings.iter().filter(|x| x.scope == scope) {
            let label = key_label(bnd.code, bnd.mods);
            match lines.iter_mut().find(|(_, h)| *h == bnd.help) {
                Some((keys, _)) => {
                    keys.push('/');
                    keys.push_str(&label);
                }
                None => lines.push((label, bnd.help)),
            }
        }
        out.push((scope.title(), lines));
    }
    out
}

/// Footer hints for a tab: `key action` pairs from bindings marked as hints.
pub fn footer_hints(tab: Tab) -> Vec<(String, &'static str)> {
    footer_hints_of(BINDINGS, tab)
}

/// [`footer_hints`] of a table of bindings.
pub fn footer_hints_of(bindings: &[Binding], tab: Tab) -> Vec<(String, &'static str)> {
    scopes(tab)
        .iter()
        .flat_map(|&scope| bindings.iter().filter(move |b| b.scope == scope && b.hint))
        .map(|b| (key_label(b.code, b.mods), b.action.name()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_on_any_tab_in_the_default_table() {
        assert_eq!(conflicts(BINDINGS), Vec::<String>::new());
    }

    #[test]
    fn no_two_actions_share_a_key_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let same_key = a.scope == b.scope && a.code == b.code && a.mods == b.mods;
                assert!(
                    !same_key || a.action == b.action,
                    "{:?} bound twice in {:?}",
                    a.code,
                    a.scope
                );
            }
        }
    }

    #[test]
    fn tab_scope_wins_over_global() {
        let key = KeyEvent::new(Char('s'), NONE);
        assert_eq!(lookup(Tab::Aging, &key), Some(Action::SortNext));
        assert_eq!(lookup(Tab::Mix, &key), None);
        let shifted = KeyEvent::new(Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Tab::Mix, &shifted), Some(Action::Bottom));
    }

    #[test]
    fn help_lists_every_binding() {
        let sections = help_sections();
        for bnd in BINDINGS {
            let label = key_label(bnd.code, bnd.mods);
            let listed = sections.iter().flat_map(|(_, l)| l).any(|(keys, help)| {
                *help == bnd.help && keys.split('/').any(|k| k == label) || keys.contains(&label)
            });
            assert!(listed, "{label} missing from help");
        }
    }
}
