//! The key table with the config file's `[keys]` overrides: an action name (the
//! contract, see [`Action::name`]) → one key or a list of keys, written as `"x"`,
//! `"ctrl-r"`, `"alt-x"`, `"F5"`, `"enter"`, `"space"`, … Dispatch, the help screen and the
//! footer read the same table, so they follow the overrides together.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Tab};
use super::KeyList;
use super::{
    chains, find_in, footer_hints_of, help_sections_of, key_label, lookup_in, scopes, Binding,
    Scope, BINDINGS,
};
use crate::i18n::Lang;

const NAMED: [(&str, KeyCode); 19] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("insert", KeyCode::Insert),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("escape", KeyCode::Esc),
];

/// Ctrl-C: it quits from anywhere, whatever `[keys]` says, so it cannot be given to
/// another action.
pub const CTRL_C: (KeyCode, KeyModifiers) = (KeyCode::Char('c'), KeyModifiers::CONTROL);

const KEY_HELP: &str = "a key is one character (\"x\", \"X\", \",\"), or ctrl-x, alt-x, F1–F12, enter, \
esc, tab, shift-tab, space, backspace, up, down, left, right, pgup, pgdn, home, end, insert, delete";

/// Reads a key as the config file writes it.
pub fn parse_key(text: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let t = text.trim();
    let mut mods = KeyModifiers::NONE;
    let mut rest = t;
    loop {
        let lower = rest.to_ascii_lowercase();
        if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[5..];
        } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
            mods |= KeyModifiers::ALT;
            rest = &rest[4..];
        } else {
            break;
        }
    }
    let lower = rest.to_ascii_lowercase();
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && c != ' ' => {
            // Ctrl with a capital letter arrives as the small one.
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ if lower == "shift-tab" || lower == "backtab" => {
            return if mods.is_empty() {
                Ok((KeyCode::BackTab, KeyModifiers::SHIFT))
            } else {
                Err(format!("{text:?} is not a key: {KEY_HELP}"))
            };
        }
        _ => match lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
            _ => NAMED
                .iter()
                .find(|(name, _)| *name == lower)
                .map(|(_, code)| *code)
                .ok_or_else(|| format!("{text:?} is not a key: {KEY_HELP}"))?,
        },
    };
    Ok((code, mods))
}

/// A key as the config file writes it: the inverse of [`parse_key`].
pub fn key_string(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => return "shift-tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => NAMED.iter().find(|(_, c)| *c == other).map_or_else(
            || format!("{other:?}").to_lowercase(),
            |(n, _)| n.to_string(),
        ),
    };
    let mut out = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    out + &base
}

/// Whether two bindings are the same key as dispatch sees it.
fn same_key(a: &Binding, b: &Binding) -> bool {
    let without_shift = |m: KeyModifiers| m - KeyModifiers::SHIFT;
    a.code == b.code
        && match a.code {
            KeyCode::Char(_) | KeyCode::BackTab => without_shift(a.mods) == without_shift(b.mods),
            _ => a.mods == b.mods,
        }
}

/// Keys that reach two actions on some tab or in some popup (one would never run):
/// one line each, `key is both action (where) and other (where)`.
pub fn conflicts(bindings: &[Binding]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for chain in chains() {
        let active: Vec<&Binding> = bindings
            .iter()
            .filter(|b| chain.contains(&b.scope))
            .collect();
        for (i, a) in active.iter().enumerate() {
            for b in &active[i + 1..] {
                if same_key(a, b) && a.action != b.action {
                    let line = format!(
                        "{} is both {} ({}) and {} ({})",
                        key_string(a.code, a.mods),
                        a.action.name(),
                        a.scope.title().en(),
                        b.action.name(),
                        b.scope.title().en()
                    );
                    if !out.contains(&line) {
                        out.push(line);
                    }
                }
            }
        }
    }
    out
}

/// The key table in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// Each problem of `[keys]` as (action name, what is wrong); empty when fine.
pub fn check_overrides(overrides: &BTreeMap<String, KeyList>) -> Vec<(String, String)> {
    Keymap::with_overrides(overrides).err().unwrap_or_default()
}

impl Keymap {
    /// The default table with each named action's keys replaced (in every scope it is
    /// bound in), or every problem as (action name, what is wrong).
    pub fn with_overrides(
        overrides: &BTreeMap<String, KeyList>,
    ) -> Result<Keymap, Vec<(String, String)>> {
        let mut problems = Vec::new();
        let mut bindings = BINDINGS.to_vec();
        let mut changed: Vec<Action> = Vec::new();
        for (name, list) in overrides {
            let Some(action) = Action::from_name(name) else {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                problems.push((
                    name.clone(),
                    format!("no such action; the actions are {}", names.join(", ")),
                ));
                continue;
            };
            let mut keys = Vec::new();
            for k in list.keys() {
                match parse_key(k) {
                    Ok(key) if !keys.contains(&key) => keys.push(key),
                    Ok(_) => {}
                    Err(e) => problems.push((name.clone(), e)),
                }
            }
            if action == Action::Quit && list.keys().is_empty() {
                problems.push((
                    name.clone(),
                    "quit needs at least one key, or nothing would leave the app (ctrl-c \
                     always quits as well)"
                        .to_string(),
                ));
            }
            if action != Action::Quit && keys.contains(&CTRL_C) {
                problems.push((
                    name.clone(),
                    "ctrl-c always quits; choose another key".to_string(),
                ));
            }
            changed.push(action);
            bindings = rebind(bindings, action, &keys);
        }
        if problems.is_empty() {
            for c in conflicts(&bindings) {
                // Blame the overridden actions the clash names.
                let blamed: Vec<&Action> = changed
                    .iter()
                    .filter(|a| c.contains(&format!(" {} (", a.name())))
                    .collect();
                for a in blamed {
                    problems.push((
                        a.name().to_string(),
                        format!("conflicts with another binding: {c}"),
                    ));
                }
            }
            problems.extend(typed_keys(&bindings, &changed));
            problems.extend(popups_left_open(&bindings, &changed));
        }
        if problems.is_empty() {
            Ok(Keymap { bindings })
        } else {
            Err(problems)
        }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action of a key on a tab (its scope, the tables', the global one).
    pub fn lookup(&self, tab: Tab, key: &KeyEvent) -> Option<Action> {
        lookup_in(&self.bindings, tab, key)
    }

    /// The action of a key in a popup (or the search line) of `scope`: only its own
    /// keys apply there.
    pub fn action(&self, scope: Scope, key: &KeyEvent) -> Option<Action> {
        find_in(&self.bindings, scope.chain(), key)
    }

    /// The help screen's lines in `lang`, by scope.
    pub fn help_sections(&self, lang: Lang) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        help_sections_of(&self.bindings, lang)
    }

    /// The rows of the help screen: a title per section and a row per help text.
    pub fn help_rows(&self) -> usize {
        self.help_sections(Lang::En)
            .iter()
            .map(|(_, lines)| 1 + lines.len())
            .sum()
    }

    pub fn footer_hints(&self, tab: Tab) -> Vec<(String, Action)> {
        footer_hints_of(&self.bindings, tab)
    }

    /// The first key of an action, as the help screen writes it (`?`, `Ctrl-r`).
    pub fn label_of(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| key_label(b.code, b.mods))
    }

    /// Every key of `action` in `scope`'s chain, as the help screen writes them, for a
    /// popup that names its keys (`Esc closes`).
    pub fn labels_in(&self, scope: Scope, action: Action) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &s in scope.chain() {
            for b in self
                .bindings
                .iter()
                .filter(|b| b.scope == s && b.action == action)
            {
                let label = key_label(b.code, b.mods);
                if !out.contains(&label) {
                    out.push(label);
                }
            }
        }
        out
    }

    /// The first of [`Keymap::labels_in`], or `""` when the action has no key there.
    pub fn label_in(&self, scope: Scope, action: Action) -> String {
        self.labels_in(scope, action)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// The key event that runs `action` on `tab`, for a click on its footer hint.
    pub fn event_of(&self, tab: Tab, action: Action) -> Option<KeyEvent> {
        self.event_in(scopes(tab), action)
    }

    /// The key event that runs `action` in the first of `chain`'s scopes that binds
    /// it, for a click on a popup's button.
    pub fn event_in(&self, chain: &[Scope], action: Action) -> Option<KeyEvent> {
        chain.iter().find_map(|&scope| {
            self.bindings
                .iter()
                .find(|b| b.scope == scope && b.action == action)
                .map(|b| KeyEvent::new(b.code, b.mods))
        })
    }

    /// Every action with its keys as the config file writes them, in [`Action::ALL`]'s
    /// order.
    pub fn action_keys(&self) -> Vec<(&'static str, Vec<String>)> {
        Action::ALL
            .iter()
            .map(|&a| {
                let mut keys: Vec<String> = Vec::new();
                for b in self.bindings.iter().filter(|b| b.action == a) {
                    let k = key_string(b.code, b.mods);
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                (a.name(), keys)
            })
            .collect()
    }
}

/// Keys the overrides put where text is typed (a form, the search line) that would
/// type a character instead: (action name, what is wrong).
fn typed_keys(bindings: &[Binding], changed: &[Action]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for b in bindings {
        let plain = (b.mods - KeyModifiers::SHIFT).is_empty();
        if !(b.scope.takes_text() && plain && matches!(b.code, KeyCode::Char(_))) {
            continue;
        }
        if !changed.contains(&b.action) {
            continue;
        }
        let problem = format!(
            "{:?} would be typed as text in a form or the search line; a key there needs \
             ctrl- or alt-, or is a named key (enter, esc, tab, up, F1…)",
            key_string(b.code, b.mods),
        );
        let row = (b.action.name().to_string(), problem);
        if !out.contains(&row) {
            out.push(row);
        }
    }
    out
}

/// Popups the overrides leave with no key that closes them (see [`Scope::closers`]):
/// (action name, what is wrong), blaming the overridden actions that could close it,
/// each once.
fn popups_left_open(bindings: &[Binding], changed: &[Action]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for scope in Scope::POPUPS {
        let closers = scope.closers();
        let closes = bindings
            .iter()
            .any(|b| scope.chain().contains(&b.scope) && closers.contains(&b.action));
        if closes {
            continue;
        }
        let names: Vec<&str> = closers.iter().map(|a| a.name()).collect();
        for a in closers.iter().filter(|a| changed.contains(a)) {
            if out.iter().any(|(name, _)| name == a.name()) {
                continue;
            }
            out.push((
                a.name().to_string(),
                format!(
                    "needs at least one key: without {} nothing would close {} (only \
                     ctrl-c, which quits the app)",
                    names.join(" or "),
                    what_closes(scope)
                ),
            ));
        }
    }
    out
}

/// A popup of `scope`, as a refusal names it.
fn what_closes(scope: Scope) -> &'static str {
    match scope {
        Scope::Search => "the search line",
        Scope::Form => "a form",
        Scope::Confirm => "a question",
        Scope::Preview => "the import preview",
        Scope::View => "the SKU details, the history or the comparison",
        Scope::Help => "the help screen",
        Scope::Welcome => "the welcome screen",
        _ => "a popup",
    }
}

/// Replaces `action`'s keys in each scope it is bound in (the Global scope when it has
/// none) with `keys`, keeping its place, help text and footer hint.
fn rebind(
    bindings: Vec<Binding>,
    action: Action,
    keys: &[(KeyCode, KeyModifiers)],
) -> Vec<Binding> {
    let mut scopes_of: Vec<Scope> = Vec::new();
    for b in bindings.iter().filter(|b| b.action == action) {
        if !scopes_of.contains(&b.scope) {
            scopes_of.push(b.scope);
        }
    }
    let mut out = Vec::with_capacity(bindings.len() + keys.len());
    for b in &bindings {
        if b.action != action {
            out.push(*b);
            continue;
        }
        let first_in_scope = out
            .iter()
            .all(|o: &Binding| !(o.action == action && o.scope == b.scope))
            && !keys.is_empty();
        if !first_in_scope {
            continue;
        }
        let hint = bindings
            .iter()
            .any(|x| x.action == action && x.scope == b.scope && x.hint);
        for (n, &(code, mods)) in keys.iter().enumerate() {
            out.push(Binding {
                code,
                mods,
                hint: hint && n == 0,
                ..*b
            });
        }
    }
    if scopes_of.is_empty() {
        if let Some(template) = BINDINGS.first() {
            for &(code, mods) in keys {
                out.push(Binding {
                    scope: Scope::Global,
                    code,
                    mods,
                    action,
                    hint: false,
                    ..*template
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overrides(pairs: &[(&str, &[&str])]) -> BTreeMap<String, KeyList> {
        pairs
            .iter()
            .map(|(a, ks)| {
                (
                    a.to_string(),
                    KeyList::Many(ks.iter().map(|k| k.to_string()).collect()),
                )
            })
            .collect()
    }

    #[test]
    fn keys_read_and_write_back() {
        for (text, code, mods) in [
            ("x", KeyCode::Char('x'), KeyModifiers::NONE),
            ("X", KeyCode::Char('X'), KeyModifiers::NONE),
            ("ctrl-r", KeyCode::Char('r'), KeyModifiers::CONTROL),
            ("alt-x", KeyCode::Char('x'), KeyModifiers::ALT),
            ("F5", KeyCode::F(5), KeyModifiers::NONE),
            ("space", KeyCode::Char(' '), KeyModifiers::NONE),
            ("shift-tab", KeyCode::BackTab, KeyModifiers::SHIFT),
            ("pgdn", KeyCode::PageDown, KeyModifiers::NONE),
            (",", KeyCode::Char(','), KeyModifiers::NONE),
            ("-", KeyCode::Char('-'), KeyModifiers::NONE),
        ] {
            assert_eq!(parse_key(text), Ok((code, mods)), "{text}");
            assert_eq!(key_string(code, mods), text);
        }
        assert_eq!(
            parse_key("Ctrl-R"),
            Ok((KeyCode::Char('r'), KeyModifiers::CONTROL))
        );
        assert_eq!(parse_key("f12"), Ok((KeyCode::F(12), KeyModifiers::NONE)));
        for bad in ["", "ctrl-banana", "F13", "xy", "hyper-x", "ctrl-shift-tab"] {
            assert!(parse_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_action_has_a_unique_name_and_a_default_key() {
        let map = Keymap::default();
        for (i, a) in Action::ALL.iter().enumerate() {
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert!(Action::ALL[i + 1..].iter().all(|b| b.name() != a.name()));
            assert!(map.label_of(*a).is_some(), "{} has no key", a.name());
        }
    }

    #[test]
    fn an_override_replaces_the_keys_everywhere_and_help_and_footer_follow() {
        let map = Keymap::with_overrides(&overrides(&[
            ("undo", &["z"]),
            ("reclassify", &["R", "F2"]),
        ]))
        .unwrap();
        let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE);
        let u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE);
        assert_eq!(map.lookup(Tab::Mix, &z), Some(Action::Undo));
        assert_eq!(map.lookup(Tab::Mix, &u), None, "the default key is gone");
        let f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
        assert_eq!(map.lookup(Tab::Aging, &f2), Some(Action::Reclassify));
        let help = map.help_sections(Lang::En);
        let everywhere = &help[0].1;
        assert!(everywhere
            .iter()
            .any(|(k, h)| k == "z" && *h == "undo the last change"));
        assert!(help.iter().flat_map(|(_, l)| l).any(|(k, _)| k == "R/F2"));
        let footer = map.footer_hints(Tab::Aging);
        assert!(footer.contains(&("z".to_string(), Action::Undo)));
        assert!(footer.contains(&("R".to_string(), Action::Reclassify)));
        assert!(!footer.iter().any(|(k, _)| k == "u"));
        assert_eq!(conflicts(map.bindings()), Vec::<String>::new());
        let keys = map.action_keys();
        assert!(keys.contains(&("reclassify", vec!["R".into(), "F2".into()])));
        assert!(keys.contains(&("quit", vec!["q".into(), "ctrl-c".into()])));
    }

    #[test]
    fn item_12_quit_cannot_be_unbound_and_ctrl_c_cannot_be_taken() {
        let problems = check_overrides(&overrides(&[("quit", &[])]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "quit");
        assert!(problems[0].1.contains("at least one key"), "{problems:?}");
        let problems = check_overrides(&overrides(&[("undo", &["ctrl-c"])]));
        assert!(
            problems
                .iter()
                .any(|(a, p)| a == "undo" && p.contains("ctrl-c always quits")),
            "{problems:?}"
        );
        // Another key for quit is fine, ctrl-c among them or not.
        assert!(check_overrides(&overrides(&[("quit", &["F10"])])).is_empty());
        assert!(check_overrides(&overrides(&[("quit", &["ctrl-c"])])).is_empty());
    }

    #[test]
    fn an_override_onto_a_taken_key_is_a_conflict() {
        // `r` reclassifies on the aging tab, so a global undo on `r` could never run there.
        let e = Keymap::with_overrides(&overrides(&[("undo", &["r"])])).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, "undo");
        assert!(e[0].1.contains("reclassify"), "{}", e[0].1);
        // Two overrides on one key in one scope: both are named.
        let e = Keymap::with_overrides(&overrides(&[("undo", &["F5"]), ("redo", &["F5"])]))
            .unwrap_err();
        let names: Vec<&str> = e.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(names, ["redo", "undo"]);
        // Moving a key off an action and onto another in one go is fine.
        assert!(Keymap::with_overrides(&overrides(&[("undo", &["z"]), ("redo", &["u"])])).is_ok());
        let e = Keymap::with_overrides(&overrides(&[("undoo", &["z"]), ("redo", &["ctrl-?x"])]))
            .unwrap_err();
        assert!(e[0].1.contains("is not a key"), "{e:?}");
        assert!(e[1].1.contains("no such action"), "{e:?}");
    }

    #[test]
    fn a_popup_key_moves_and_the_help_screen_lists_it_where_it_works() {
        let map = Keymap::with_overrides(&overrides(&[
            ("scroll_down", &["J", "down"]),
            ("yes", &["o"]),
            ("close", &["x"]),
        ]))
        .unwrap();
        let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(Scope::Help, &key('J')), Some(Action::ScrollDown));
        assert_eq!(
            map.action(Scope::Help, &key('j')),
            None,
            "j no longer scrolls"
        );
        assert_eq!(map.action(Scope::Confirm, &key('o')), Some(Action::Yes));
        assert_eq!(map.action(Scope::Preview, &key('o')), Some(Action::Yes));
        assert_eq!(map.action(Scope::Confirm, &key('y')), None);
        assert_eq!(map.action(Scope::View, &key('x')), Some(Action::Close));
        assert_eq!(map.action(Scope::Help, &key('x')), Some(Action::Close));
        assert_eq!(map.action(Scope::View, &key('q')), None);
        // The tables keep their j: another action.
        assert_eq!(map.lookup(Tab::Mix, &key('j')), Some(Action::Down));
        let help = map.help_sections(Lang::En);
        let section = |title: &str| {
            help.iter()
                .find(|(t, _)| *t == title)
                .map(|(_, l)| l.clone())
                .unwrap_or_default()
        };
        assert!(section("Help screen").contains(&("J/↓".to_string(), "scroll down")));
        assert!(section("Questions").contains(&("o".to_string(), "yes: delete")));
        assert!(section("Info popups").contains(&("x/?".to_string(), "close")));
        assert_eq!(map.labels_in(Scope::Help, Action::Close), ["x"]);
    }

    #[test]
    fn a_popup_left_without_a_key_that_closes_it_is_refused() {
        let problems = check_overrides(&overrides(&[("cancel", &[])]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "cancel");
        assert!(
            problems[0]
                .1
                .contains("without cancel nothing would close a form"),
            "{problems:?}"
        );
        let problems = check_overrides(&overrides(&[("dismiss", &[])]));
        assert!(
            problems
                .iter()
                .any(|(a, p)| a == "dismiss" && p.contains("welcome screen")),
            "{problems:?}"
        );
        // A view closes with the help key as well: one of the two is enough.
        assert!(check_overrides(&overrides(&[("close", &[])])).is_empty());
        let problems = check_overrides(&overrides(&[("close", &[]), ("help", &[])]));
        let names: Vec<&str> = problems.iter().map(|(a, _)| a.as_str()).collect();
        assert!(
            names.contains(&"close") && names.contains(&"help"),
            "{problems:?}"
        );
        // A question still closes with Esc and Enter without n.
        assert!(check_overrides(&overrides(&[("no", &[])])).is_empty());
    }

    #[test]
    fn a_key_that_types_text_cannot_be_a_form_key() {
        let problems = check_overrides(&overrides(&[("submit", &["s"])]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .1
                .contains("\"s\" would be typed as text in a form"),
            "{problems:?}"
        );
        assert!(check_overrides(&overrides(&[("submit", &["ctrl-s"])])).is_empty());
        assert!(check_overrides(&overrides(&[("next_field", &["F4", "tab"])])).is_empty());
        // Where nothing is typed, a character is fine.
        assert!(check_overrides(&overrides(&[("scroll_down", &["J"])])).is_empty());
    }

    #[test]
    fn a_popup_key_onto_a_taken_key_in_that_popup_is_a_conflict() {
        // `n` is no in a question: yes on n could never be told from it.
        let e = Keymap::with_overrides(&overrides(&[("yes", &["n"])])).unwrap_err();
        assert!(
            e.iter()
                .any(|(a, p)| a == "yes" && p.contains("n is both") && p.contains("(Questions)")),
            "{e:?}"
        );
        // A key of a tab is free in a popup: popups see only their own keys.
        assert!(Keymap::with_overrides(&overrides(&[("yes", &["u"])])).is_ok());
    }

    /// `config show` writes each action's keys; written back into `[keys]`, they give
    /// the same table.
    #[test]
    fn the_keys_config_show_writes_read_back_as_the_same_table() {
        let written: BTreeMap<String, KeyList> = Keymap::default()
            .action_keys()
            .into_iter()
            .map(|(a, keys)| (a.to_string(), KeyList::Many(keys)))
            .collect();
        let read = Keymap::with_overrides(&written).expect("the defaults read back");
        assert_eq!(
            format!("{:?}", read.bindings()),
            format!("{:?}", Keymap::default().bindings())
        );
    }
}
