//! One theme for the whole app, in three variants (config `[display] theme`):
//!
//! - `default` reads on dark and light terminals alike: only the eight base ANSI colours
//!   (which terminal palettes tune for their own background), `DIM` instead of dark
//!   grey for secondary text, reverse video and explicit colour pairs for highlights;
//! - `high-contrast`: no dimmed text, bold colours, warnings and alarms on a coloured
//!   background;
//! - `no-color` (also `NO_COLOR`, https://no-color.org): bold, underline and reverse only.
//!
//! Colour carries meaning (warning, alarm, good), always with a second cue (a word or a
//! mark) so `NO_COLOR` terminals lose nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::model::Tier;
use crate::domain::settings::ThemeName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub high_contrast: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::named(ThemeName::Default)
    }
}

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        Theme {
            color: name != ThemeName::NoColor,
            high_contrast: name == ThemeName::HighContrast,
        }
    }

    /// The default theme, without colour when `NO_COLOR` is set.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::named(if no_color {
            ThemeName::NoColor
        } else {
            ThemeName::Default
        })
    }

    fn fg(&self, c: Color) -> Style {
        match (self.color, self.high_contrast) {
            (false, _) => Style::new(),
            (true, false) => Style::new().fg(c),
            (true, true) => Style::new().fg(c).add_modifier(Modifier::BOLD),
        }
    }
    /// Text on a coloured background (high contrast) or reverse video (no colour).
    fn on(&self, fg: Color, bg: Color) -> Style {
        if self.color {
            Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn selected(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::REVERSED);
        if self.high_contrast {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }
    pub fn muted(&self) -> Style {
        if self.high_contrast {
            // Secondary text stays at full strength.
            Style::new()
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn warning(&self) -> Style {
        if self.high_contrast && self.color {
            self.on(Color::Black, Color::Yellow)
        } else {
            self.fg(Color::Yellow)
        }
    }
    pub fn alarm(&self) -> Style {
        if self.high_contrast && self.color {
            self.on(Color::White, Color::Red)
        } else {
            self.fg(Color::Red).add_modifier(Modifier::BOLD)
        }
    }
    pub fn marker(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    pub fn badge(&self) -> Style {
        self.on(Color::Black, Color::Yellow)
    }
    pub fn tab_active(&self) -> Style {
        self.on(Color::Black, Color::Cyan)
    }
    pub fn tier(&self, t: Tier) -> Style {
        match t {
            Tier::High => self.fg(Color::Green),
            Tier::Mid => self.fg(Color::Blue),
            Tier::Low => self.fg(Color::Yellow),
            Tier::Unclassified => self.muted(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_themes_differ_where_it_matters() {
        let default = Theme::named(ThemeName::Default);
        let high = Theme::named(ThemeName::HighContrast);
        let none = Theme::named(ThemeName::NoColor);
        assert_eq!(default.warning().fg, Some(Color::Yellow));
        assert_eq!(default.warning().bg, None);
        assert_eq!(high.warning().bg, Some(Color::Yellow), "on a background");
        assert_eq!(high.alarm().bg, Some(Color::Red));
        assert!(default.muted().add_modifier.contains(Modifier::DIM));
        assert!(!high.muted().add_modifier.contains(Modifier::DIM));
        assert_eq!(
            default.muted().fg,
            None,
            "no dark grey: it vanishes on dark terminals"
        );
        for style in [
            none.warning(),
            none.alarm(),
            none.good(),
            none.tier(Tier::Low),
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        assert!(none.badge().add_modifier.contains(Modifier::REVERSED));
    }
}
