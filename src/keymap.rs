//! The one key table: dispatch, the help screen and the footer hints all read it, so
//! they cannot drift apart. It holds every command key of the app, by scope: the
//! global keys, the tables', each tab's, and each popup's (the search line, forms,
//! questions, the import preview, the popups that only show something, the help
//! screen, the welcome screen). Text typed into a form or the search line is not in
//! it: only the keys that do something.
//!
//! It sits below `config` and `ui`: the config file's `[keys]` overrides are checked
//! against it when the file is read, and the app dispatches through it. It names the
//! app's actions and tabs, and its help texts are messages of the i18n table, but it
//! draws nothing (the `ui` module re-exports it as `ui::keymap` and `ui::action`).
//!
//! Adding a key: a row of [`BINDINGS`] (scope, key, action, help message, footer
//! hint). Adding an action: a row of the `actions!` table in `src/keymap/action.rs`,
//! its keys here, and what it does where its scope is handled (`ui::app::update` for a
//! tab's, the popup's file under `ui/overlay/` for a popup's).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};

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

/// Where a binding applies. On a tab, its scope is tried before the tables' and the
/// global one; an open popup (or the search line) takes every key, and only its own
/// scope's bindings apply there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Table,
    /// The product mix tab's own keys.
    Mix,
    Aging,
    Scoring,
    Plans,
    /// The search line of a table, while a search is typed.
    Search,
    /// The command line (`:`), while a command is typed.
    Command,
    /// The form popups (reclassify, batch, candidate, plan, promote, settings, import).
    Form,
    /// The yes/no question before a deletion.
    Confirm,
    /// The import preview.
    Preview,
    /// The popups that only show something: SKU details, history, compare (and the
    /// help screen).
    View,
    /// The help screen and the message log (their scroll keys; they close as a
    /// [`Scope::View`]).
    Help,
    /// The welcome screen on the demo data.
    Welcome,
}

impl Scope {
    /// Every scope, in the order the help screen lists them.
    pub const ALL: [Scope; 14] = [
        Scope::Global,
        Scope::Table,
        Scope::Mix,
        Scope::Aging,
        Scope::Scoring,
        Scope::Plans,
        Scope::Search,
        Scope::Command,
        Scope::Form,
        Scope::Confirm,
        Scope::Preview,
        Scope::View,
        Scope::Help,
        Scope::Welcome,
    ];

    /// The scopes of the popups and the search line: each takes every key while open.
    pub const POPUPS: [Scope; 8] = [
        Scope::Search,
        Scope::Form,
        Scope::Command,
        Scope::Confirm,
        Scope::Preview,
        Scope::View,
        Scope::Help,
        Scope::Welcome,
    ];

    /// The heading of the scope's keys on the help screen (at most 14 cells).
    pub fn title(self) -> Msg {
        match self {
            Scope::Global => Msg::ScopeGlobal,
            Scope::Table => Msg::ScopeTable,
            Scope::Mix => Msg::ScopeMix,
            Scope::Aging => Msg::ScopeAging,
            Scope::Scoring => Msg::ScopeScoring,
            Scope::Plans => Msg::ScopePlans,
            Scope::Search => Msg::ScopeSearch,
            Scope::Command => Msg::ScopeCommand,
            Scope::Form => Msg::ScopeForm,
            Scope::Confirm => Msg::ScopeConfirm,
            Scope::Preview => Msg::ScopePreview,
            Scope::View => Msg::ScopeView,
            Scope::Help => Msg::ScopeHelp,
            Scope::Welcome => Msg::ScopeWelcome,
        }
    }

    /// The scope of a tab's own keys.
    pub fn of(tab: Tab) -> Scope {
        match tab {
            Tab::Mix => Scope::Mix,
            Tab::Aging => Scope::Aging,
            Tab::Scoring => Scope::Scoring,
            Tab::Plans => Scope::Plans,
        }
    }

    /// The scopes a key is looked up in while this one is in front, most specific
    /// first.
    pub fn chain(self) -> &'static [Scope] {
        use Scope::*;
        match self {
            Global => &[Global],
            Table => &[Table, Global],
            Mix => &[Mix, Table, Global],
            Aging => &[Aging, Table, Global],
            Scoring => &[Scoring, Table, Global],
            Plans => &[Plans, Table, Global],
            Search => &[Search],
            Command => &[Command],
            Form => &[Form],
            Confirm => &[Confirm],
            Preview => &[Preview],
            View => &[View],
            Help => &[Help, View],
            Welcome => &[Welcome],
        }
    }

    /// Whether what is typed here is text: a key bound here needs Ctrl or Alt, or is
    /// a named key (Enter, Esc, Tab, F1…), or it could not be typed.
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Search | Scope::Command | Scope::Form)
    }

    /// What each popup must keep a key for: (any of these actions, what nothing would
    /// do without them). The first is what closes it having done nothing: without it
    /// only Ctrl-c, which quits the app, would leave.
    pub fn needs(self) -> &'static [(&'static [Action], &'static str)] {
        use Action::*;
        match self {
            Scope::Search => &[(&[Cancel, Submit], "end a search being typed")],
            Scope::Command => &[
                (&[Cancel], "leave the command line"),
                (&[Submit], "run a command"),
            ],
            Scope::Form => &[
                (&[Cancel], "close a form"),
                (&[Submit], "save or apply a form"),
            ],
            Scope::Confirm => &[
                (&[No, Cancel, Submit], "close a question"),
                (&[Yes], "answer yes to a question"),
            ],
            Scope::Preview => &[
                (&[No, Cancel], "close the import preview"),
                (&[Submit, Yes], "import from the import preview"),
            ],
            Scope::View => &[(
                &[Close, Help],
                "close the SKU details, the history or the comparison",
            )],
            Scope::Help => &[(&[Close, Help], "close the help screen")],
            Scope::Welcome => &[(&[Dismiss], "close the welcome screen")],
            _ => &[],
        }
    }
}

/// Every chain of scopes a key is looked up in: each tab's, and each popup's.
pub fn chains() -> impl Iterator<Item = &'static [Scope]> {
    Tab::ALL
        .into_iter()
        .map(scopes)
        .chain(Scope::POPUPS.into_iter().map(Scope::chain))
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// What the key does, as the help screen says it (at most 24 cells).
    pub help: Msg,
    /// Shown in the footer.
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn b(
    scope: Scope,
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    help: Msg,
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

/// A key with no modifier, not in the footer: most bindings.
const fn k(scope: Scope, code: KeyCode, action: Action, help: Msg) -> Binding {
    b(scope, code, NONE, action, help, false)
}

/// [`k`], shown in the footer.
const fn hint(scope: Scope, code: KeyCode, action: Action, help: Msg) -> Binding {
    b(scope, code, NONE, action, help, true)
}

use Action as A;
use KeyCode::{BackTab, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Up};
use Scope::{
    Aging, Command, Confirm, Form, Global, Help, Mix, Plans, Preview, Scoring, Search, Table, View,
    Welcome,
};

/// The default key table. An action has the same keys in every scope it is bound in
/// (so that one line of `[keys]` can move them all, and `config show` writes them back
/// as they are).
pub const BINDINGS: &[Binding] = &[
    hint(Global, Char('q'), A::Quit, Msg::HelpQuit),
    b(Global, Char('c'), CTRL, A::Quit, Msg::HelpQuit, false),
    hint(Global, Char('?'), A::Help, Msg::HelpHelp),
    k(Global, Char('1'), A::TabMix, Msg::HelpTabMix),
    k(Global, Char('2'), A::TabAging, Msg::HelpTabAging),
    k(Global, Char('3'), A::TabScoring, Msg::HelpTabScoring),
    k(Global, Char('4'), A::TabPlans, Msg::HelpTabPlans),
    hint(Global, KeyCode::Tab, A::NextTab, Msg::HelpNextTab),
    b(Global, BackTab, SHIFT, A::PrevTab, Msg::HelpPrevTab, false),
    k(Global, Char('<'), A::AsOfEarlier, Msg::HelpAsOfEarlier),
    k(Global, Char('>'), A::AsOfLater, Msg::HelpAsOfLater),
    hint(Global, Char('w'), A::CycleWindow, Msg::HelpWindow),
    k(Global, Char('t'), A::TrendPeriod, Msg::HelpTrendPeriod),
    k(Global, Char('T'), A::TrendChart, Msg::HelpTrendChart),
    k(Global, Esc, A::Back, Msg::HelpBack),
    k(Table, Char('j'), A::Down, Msg::HelpDown),
    k(Table, Down, A::Down, Msg::HelpDown),
    k(Table, Char('k'), A::Up, Msg::HelpUp),
    k(Table, Up, A::Up, Msg::HelpUp),
    k(Table, PageDown, A::PageDown, Msg::HelpPageDown),
    b(
        Table,
        Char('d'),
        CTRL,
        A::PageDown,
        Msg::HelpPageDown,
        false,
    ),
    k(Table, PageUp, A::PageUp, Msg::HelpPageUp),
    b(Table, Char('u'), CTRL, A::PageUp, Msg::HelpPageUp, false),
    k(Table, Char('g'), A::Top, Msg::HelpFirstRow),
    k(Table, Home, A::Top, Msg::HelpFirstRow),
    k(Table, Char('G'), A::Bottom, Msg::HelpLastRow),
    k(Table, End, A::Bottom, Msg::HelpLastRow),
    hint(Table, Enter, A::Open, Msg::HelpOpen),
    hint(Aging, Char('s'), A::SortNext, Msg::HelpSortNext),
    k(Aging, Char(']'), A::SortNext, Msg::HelpSortNext),
    k(Aging, Char('['), A::SortPrev, Msg::HelpSortPrev),
    k(Aging, Char('S'), A::SortReverse, Msg::HelpSortReverse),
    hint(Aging, Char('f'), A::CycleFilter, Msg::HelpFilter),
    k(Aging, Right, A::ColumnsRight, Msg::HelpColumnsRight),
    k(Aging, Char('l'), A::ColumnsRight, Msg::HelpColumnsRight),
    k(Aging, Left, A::ColumnsLeft, Msg::HelpColumnsLeft),
    k(Aging, Char('h'), A::ColumnsLeft, Msg::HelpColumnsLeft),
    hint(Aging, Char('/'), A::Search, Msg::HelpSearch),
    hint(Global, Char('u'), A::Undo, Msg::HelpUndo),
    hint(Global, Char('E'), A::ExportView, Msg::HelpExport),
    k(Global, Char('i'), A::Import, Msg::HelpImport),
    b(Global, Char('r'), CTRL, A::Redo, Msg::HelpRedo, false),
    k(Global, Char('L'), A::History, Msg::HelpHistory),
    k(Global, Char(','), A::Settings, Msg::HelpSettings),
    k(Global, Char('m'), A::Messages, Msg::HelpMessages),
    k(Global, Char(':'), A::CommandLine, Msg::HelpCommandLine),
    // Search on every table: the aging tab's filters (above), the others' move to the
    // match; next and previous match with n/N, or Ctrl-n/Ctrl-p where n adds a row.
    k(Table, Char('/'), A::Search, Msg::HelpSearchTable),
    k(Mix, Char('n'), A::NextMatch, Msg::HelpNextMatch),
    k(Mix, Char('N'), A::PrevMatch, Msg::HelpNextMatch),
    k(Mix, Char('b'), A::Breakdown, Msg::HelpBreakdown),
    k(Aging, Char('n'), A::NextMatch, Msg::HelpNextMatch),
    k(Aging, Char('N'), A::PrevMatch, Msg::HelpNextMatch),
    b(
        Scoring,
        Char('n'),
        CTRL,
        A::FindNext,
        Msg::HelpNextMatch,
        false,
    ),
    b(
        Scoring,
        Char('p'),
        CTRL,
        A::FindPrev,
        Msg::HelpNextMatch,
        false,
    ),
    b(
        Plans,
        Char('n'),
        CTRL,
        A::FindNext,
        Msg::HelpNextMatch,
        false,
    ),
    b(
        Plans,
        Char('p'),
        CTRL,
        A::FindPrev,
        Msg::HelpNextMatch,
        false,
    ),
    k(Aging, Char(' '), A::ToggleSelect, Msg::HelpToggleSelect),
    k(Aging, Char('v'), A::RangeSelect, Msg::HelpRange),
    k(Aging, Char('a'), A::SelectAll, Msg::HelpSelectAll),
    hint(Aging, Char('r'), A::Reclassify, Msg::HelpReclassify),
    hint(Aging, Char('c'), A::MarkBatch, Msg::HelpMarkBatch),
    hint(Scoring, Char('n'), A::Add, Msg::HelpAddCandidate),
    hint(Scoring, Char('e'), A::Edit, Msg::HelpEditCandidate),
    k(Scoring, Char('d'), A::Delete, Msg::HelpDeleteCandidate),
    hint(Scoring, Char('p'), A::Promote, Msg::HelpPromote),
    k(Scoring, Char(' '), A::ToggleSelect, Msg::HelpMarkCompare),
    hint(Scoring, Char('x'), A::Compare, Msg::HelpCompare),
    hint(Plans, Char('n'), A::Add, Msg::HelpAddPlan),
    hint(Plans, Char('e'), A::Edit, Msg::HelpEditPlan),
    k(Plans, Char('x'), A::CloseBatch, Msg::HelpCloseBatch),
    k(Plans, Char('d'), A::Delete, Msg::HelpDeletePlan),
    // The search line: Enter keeps what was typed, Esc clears it.
    k(Search, Enter, A::Submit, Msg::HelpSearchKeep),
    k(Search, Esc, A::Cancel, Msg::HelpSearchClear),
    // The command line: Enter runs what was typed, Esc leaves.
    k(Command, Enter, A::Submit, Msg::HelpCommandRun),
    k(Command, Esc, A::Cancel, Msg::HelpCommandLeave),
    // A form: its fields' editing keys (←/→, Home/End, Backspace, Ctrl-w…) are not
    // here; they edit text, as in a text box.
    k(Form, Enter, A::Submit, Msg::HelpFormSubmit),
    k(Form, Esc, A::Cancel, Msg::HelpFormCancel),
    k(Form, Down, A::NextField, Msg::HelpNextField),
    k(Form, KeyCode::Tab, A::NextField, Msg::HelpNextField),
    k(Form, Up, A::PrevField, Msg::HelpPrevField),
    b(
        Form,
        BackTab,
        SHIFT,
        A::PrevField,
        Msg::HelpPrevField,
        false,
    ),
    // A question: the default answer (Enter) is No.
    k(Confirm, Char('y'), A::Yes, Msg::HelpYesDelete),
    k(Confirm, Char('Y'), A::Yes, Msg::HelpYesDelete),
    k(Confirm, Esc, A::Cancel, Msg::HelpNoKeep),
    k(Confirm, Enter, A::Submit, Msg::HelpNoKeep),
    k(Confirm, Char('n'), A::No, Msg::HelpNoKeep),
    k(Confirm, Char('N'), A::No, Msg::HelpNoKeep),
    k(Confirm, Char('q'), A::No, Msg::HelpNoKeep),
    // The import preview: Enter imports, or closes when there were errors.
    k(Preview, Enter, A::Submit, Msg::HelpImportIfOk),
    k(Preview, Char('y'), A::Yes, Msg::HelpImportIfOk),
    k(Preview, Char('Y'), A::Yes, Msg::HelpImportIfOk),
    k(Preview, Esc, A::Cancel, Msg::HelpImportNothing),
    k(Preview, Char('n'), A::No, Msg::HelpImportNothing),
    k(Preview, Char('N'), A::No, Msg::HelpImportNothing),
    k(Preview, Char('q'), A::No, Msg::HelpImportNothing),
    // SKU details, history, compare, and the help screen: the help key closes them too.
    k(View, Esc, A::Close, Msg::HelpClose),
    k(View, Enter, A::Close, Msg::HelpClose),
    k(View, Char('q'), A::Close, Msg::HelpClose),
    k(View, Char('?'), A::Help, Msg::HelpClose),
    // The help screen, where it does not fit the terminal, and the message log.
    k(Help, Char('j'), A::ScrollDown, Msg::HelpScrollDown),
    k(Help, Down, A::ScrollDown, Msg::HelpScrollDown),
    k(Help, Char('k'), A::ScrollUp, Msg::HelpScrollUp),
    k(Help, Up, A::ScrollUp, Msg::HelpScrollUp),
    k(Help, PageDown, A::ScrollPageDown, Msg::HelpScrollPageDown),
    k(Help, Char(' '), A::ScrollPageDown, Msg::HelpScrollPageDown),
    k(Help, PageUp, A::ScrollPageUp, Msg::HelpScrollPageUp),
    k(Help, Char('g'), A::ScrollTop, Msg::HelpScrollTop),
    k(Help, Home, A::ScrollTop, Msg::HelpScrollTop),
    k(Help, Char('G'), A::ScrollBottom, Msg::HelpScrollBottom),
    k(Help, End, A::ScrollBottom, Msg::HelpScrollBottom),
    // The welcome screen: q quits (it shows again next time).
    k(Welcome, Enter, A::Dismiss, Msg::HelpWelcomeStart),
    k(Welcome, Esc, A::Dismiss, Msg::HelpWelcomeStart),
    k(Welcome, Char(' '), A::Dismiss, Msg::HelpWelcomeStart),
    k(Welcome, Char('q'), A::Quit, Msg::HelpWelcomeQuit),
    b(
        Welcome,
        Char('c'),
        CTRL,
        A::Quit,
        Msg::HelpWelcomeQuit,
        false,
    ),
];

fn matches(b: &Binding, key: &KeyEvent) -> bool {
    if b.code != key.code {
        return false;
    }
    match key.code {
        // Shifted characters arrive with SHIFT set on some terminals and not others;
        // Shift-Tab is Shift-Tab either way.
        Char(_) | BackTab => key.modifiers - SHIFT == b.mods - SHIFT,
        _ => key.modifiers == b.mods,
    }
}

/// The scopes active on a tab, most specific first.
pub fn scopes(tab: Tab) -> &'static [Scope] {
    Scope::of(tab).chain()
}

/// The action for a key on a tab, looking in its scopes in order.
pub fn lookup(tab: Tab, key: &KeyEvent) -> Option<Action> {
    lookup_in(BINDINGS, tab, key)
}

/// [`lookup`] in a table of bindings (the default one, or one with the config's keys).
pub fn lookup_in(bindings: &[Binding], tab: Tab, key: &KeyEvent) -> Option<Action> {
    find_in(bindings, scopes(tab), key)
}

/// The action for a key in the first of `chain`'s scopes that binds it.
pub fn find_in(bindings: &[Binding], chain: &[Scope], key: &KeyEvent) -> Option<Action> {
    chain.iter().find_map(|&scope| {
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

/// Help lines grouped by scope, in English: (scope title, [(keys, what they do)]),
/// the keys of one help text joined with `/`. (The manual page's KEYS section.)
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    help_sections_of(BINDINGS, Lang::En)
}

/// [`help_sections`] of a table of bindings, in `lang`.
pub fn help_sections_of(
    bindings: &[Binding],
    lang: Lang,
) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        let mut lines: Vec<(String, Msg)> = Vec::new();
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
        let lines = lines.into_iter().map(|(k, m)| (k, lang.t(m))).collect();
        out.push((lang.t(scope.title()), lines));
    }
    out
}

/// Footer hints for a tab: (key, action) of the bindings marked as hints.
pub fn footer_hints(tab: Tab) -> Vec<(String, Action)> {
    footer_hints_of(BINDINGS, tab)
}

/// [`footer_hints`] of a table of bindings.
pub fn footer_hints_of(bindings: &[Binding], tab: Tab) -> Vec<(String, Action)> {
    scopes(tab)
        .iter()
        .flat_map(|&scope| bindings.iter().filter(move |b| b.scope == scope && b.hint))
        .map(|b| (key_label(b.code, b.mods), b.action))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn no_key_is_bound_twice_on_any_tab_or_popup_in_the_default_table() {
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

    /// One line of `[keys]` moves an action's keys in every scope it is bound in, and
    /// `config show` writes one line per action: so the defaults give an action the
    /// same keys everywhere, or `config show`'s line would not say them.
    #[test]
    fn an_action_has_the_same_keys_in_every_scope_it_is_bound_in() {
        for &action in Action::ALL {
            let keys_in = |scope: Scope| -> Vec<(KeyCode, KeyModifiers)> {
                BINDINGS
                    .iter()
                    .filter(|b| b.scope == scope && b.action == action)
                    .map(|b| (b.code, b.mods))
                    .collect()
            };
            let mut seen: Option<(Scope, Vec<_>)> = None;
            for scope in Scope::ALL {
                let keys = keys_in(scope);
                if keys.is_empty() {
                    continue;
                }
                match &seen {
                    None => seen = Some((scope, keys)),
                    Some((first, theirs)) => assert_eq!(
                        &keys,
                        theirs,
                        "{}: {scope:?} and {first:?} differ",
                        action.name()
                    ),
                }
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
    fn a_popup_sees_its_own_keys_only() {
        let q = KeyEvent::new(Char('q'), NONE);
        let on = |scope: Scope, key: &KeyEvent| find_in(BINDINGS, scope.chain(), key);
        assert_eq!(on(Scope::View, &q), Some(Action::Close));
        assert_eq!(on(Scope::Welcome, &q), Some(Action::Quit));
        assert_eq!(on(Scope::Form, &q), None, "typed into the field");
        let j = KeyEvent::new(Char('j'), NONE);
        assert_eq!(on(Scope::Help, &j), Some(Action::ScrollDown));
        assert_eq!(on(Scope::View, &j), None);
        // The help screen closes as a view does.
        let esc = KeyEvent::new(Esc, NONE);
        assert_eq!(on(Scope::Help, &esc), Some(Action::Close));
        // Shift-Tab is Shift-Tab, with SHIFT reported or not.
        let back = KeyEvent::new(BackTab, NONE);
        assert_eq!(on(Scope::Form, &back), Some(Action::PrevField));
        assert_eq!(lookup(Tab::Mix, &back), Some(Action::PrevTab));
        // A modifier makes another key.
        let ctrl_y = KeyEvent::new(Char('y'), CTRL);
        assert_eq!(on(Scope::Confirm, &ctrl_y), None);
    }

    #[test]
    fn help_lists_every_binding() {
        let sections = help_sections();
        for bnd in BINDINGS {
            let label = key_label(bnd.code, bnd.mods);
            let help = bnd.help.en();
            let listed = sections.iter().flat_map(|(_, l)| l).any(|(keys, h)| {
                *h == help && keys.split('/').any(|k| k == label) || keys.contains(&label)
            });
            assert!(listed, "{label} missing from help");
        }
    }

    /// The help screen gives a scope's title 14 cells, a binding's text 24 (its
    /// two-column layout), in both languages.
    #[test]
    fn help_texts_fit_the_help_screen_columns() {
        for lang in Lang::ALL {
            for b in BINDINGS {
                let text = lang.t(b.help);
                assert!(text.width() <= 24, "{lang}: {text:?} is wider than 24");
            }
            for s in Scope::ALL {
                let title = lang.t(s.title());
                assert!(title.width() <= 14, "{lang}: {title:?} is wider than 14");
            }
        }
    }

    #[test]
    fn every_popup_can_be_closed_with_the_default_keys() {
        for scope in Scope::POPUPS {
            assert!(!scope.needs().is_empty(), "{scope:?}");
            for (actions, what) in scope.needs() {
                let bound = BINDINGS
                    .iter()
                    .any(|b| scope.chain().contains(&b.scope) && actions.contains(&b.action));
                assert!(bound, "{scope:?}: nothing would {what}");
            }
        }
    }
}
