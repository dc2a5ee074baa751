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

/// Popups the overrides leave with no key for what they need (see [`Scope::needs`]:
/// closing them, above all): (action name, what is wrong), blaming the overridden
/// actions that could do it, each once.
fn popups_left_open(bindings: &[Binding], changed: &[Action]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for scope in Scope::POPUPS {
        for (i, (actions, what)) in scope.needs().iter().enumerate() {
            let bound = bindings
                .iter()
                .any(|b| scope.chain().contains(&b.scope) && actions.contains(&b.action));
            if bound {
                continue;
            }
            let names: Vec<&str> = actions.iter().map(|a| a.name()).collect();
            // The first need is closing: without it only ctrl-c leaves.
            let only = if i == 0 {
                " (only ctrl-c, which quits the app)"
            } else {
                ""
            };
            for a in actions.iter().filter(|a| changed.contains(a)) {
                if out.iter().any(|(name, _)| name == a.name()) {
                    continue;
                }
                out.push((
                    a.name().to_string(),
                    format!(
                        "needs at least one key: without {} nothing would {what}{only}",
                        names.join(" or ")
                    ),
                ));
            }
        }
    }
    out
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
#[path = "custom_tests.rs"]
mod tests;
