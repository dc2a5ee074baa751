//! The app drawn on a test terminal, and the screen as text.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use skudesk::ui::app::App;
use skudesk::ui::theme::Theme;

/// `app` drawn on a `w` × `h` terminal with the default theme.
pub fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| skudesk::ui::draw::draw(f, app, &Theme::default()))
        .expect("draw");
    t.backend().buffer().clone()
}

/// The screen as text, a line per row; the cell a wide character covers is skipped.
pub fn text(buf: &Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
