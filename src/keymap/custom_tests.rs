//! Tests of the key table with the config's overrides: parsing keys, moving them,
//! and each refusal.

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
    let e =
        Keymap::with_overrides(&overrides(&[("undo", &["F5"]), ("redo", &["F5"])])).unwrap_err();
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
    assert!(section("Help, messages").contains(&("J/↓".to_string(), "scroll down")));
    assert!(section("Questions").contains(&("o".to_string(), "yes: go ahead")));
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
    // A form that could not be saved is refused too.
    let problems = check_overrides(&overrides(&[("submit", &[])]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].1.contains("nothing would save or apply a form"),
        "{problems:?}"
    );
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
