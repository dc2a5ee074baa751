//! Driving the app headless with a key script, as the run loop does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::process;

/// Types a key script (`<esc>`, `<enter>`, `<space>`, `<right>`, `<down>`, `<up>`,
/// `<bs>`, `<tab>`, `<c-r>`, `<c-n>`, `<c-p>`, `<f2>`; a lone `<` at the end is the character) and lets the store
/// carry out what the app asked after each key.
pub fn keys(app: &mut App, store: &mut Store, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (key, used) = if c == '<' && rest.len() > 1 {
            let end = rest.find('>').expect("closing >");
            let key = match &rest[1..end] {
                "esc" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                "enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                "space" => KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
                "right" => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
                "down" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
                "up" => KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
                "bs" => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                "tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                "c-r" => KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
                "c-n" => KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
                "c-p" => KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL),
                "f2" => KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE),
                other => panic!("unknown key <{other}>"),
            };
            (key, end + 1)
        } else {
            (
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                c.len_utf8(),
            )
        };
        app.on_key(key);
        process(app, store);
        // As the run loop does before it draws.
        app.settle_views();
        rest = &rest[used..];
    }
}
