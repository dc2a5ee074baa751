//! The settings popup (`,`): thresholds and windows, typed in, stored in the database
//! as one audited, undoable change. Ratios are typed as percents (`20` is 20 %). An
//! emptied field drops the value set here, back to the config file's or the default.

use std::collections::BTreeMap;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;
use rust_decimal::Decimal;

use crate::config::layers::{Layers, Source};
use crate::domain::command::Command;
use crate::domain::settings::{is_ratio, Settings};

use super::draw::centered;
use super::form::{Field, Form};
use super::theme::Theme;

/// The keys the popup edits, with their labels.
pub const FIELDS: [(&str, &str); 10] = [
    ("margin_floor", "margin floor %"),
    ("margin_target", "margin target %"),
    ("low_margin_below", "low tier below %"),
    ("high_margin_at", "high tier from %"),
    ("target_high_share", "high share ≥ %"),
    ("target_low_share", "low share ≤ %"),
    ("slow_days", "slow after, days"),
    ("best_seller_days", "best ≤ days cover"),
    ("window_days", "window W, days"),
    ("velocity_days", "velocity V, days"),
];

#[derive(Debug, Clone)]
pub struct SettingsForm {
    pub form: Form,
    /// The text each field started with.
    pub initial: Vec<String>,
    /// Where each value came from, as the popup opened.
    pub sources: Vec<Source>,
    /// What was wrong with the last Enter.
    pub problem: Option<String>,
    /// While the low tier follows the floor and its field is not edited, it shows the
    /// floor as typed: this is the text it was last given.
    mirrored: String,
}

const FLOOR: usize = 0;
const LOW: usize = 2;

/// A setting as the popup shows it: ratios in percent, days as they are.
fn shown(key: &str, settings: &Settings) -> String {
    let value = settings.get(key).unwrap_or_default();
    if is_ratio(key) {
        value
            .parse::<Decimal>()
            .map(|d| (d * Decimal::from(100)).normalize().to_string())
            .unwrap_or(value)
    } else {
        value
    }
}

impl SettingsForm {
    pub fn new(settings: &Settings, sources: &BTreeMap<&'static str, Source>) -> SettingsForm {
        let initial: Vec<String> = FIELDS.iter().map(|(k, _)| shown(k, settings)).collect();
        let fields = FIELDS
            .iter()
            .zip(&initial)
            .map(|((_, label), value)| Field::Text {
                label,
                value: value.clone(),
                hint: "",
            })
            .collect();
        SettingsForm {
            form: Form::new(fields),
            mirrored: initial[LOW].clone(),
            initial,
            sources: FIELDS
                .iter()
                .map(|(k, _)| sources.get(k).cloned().unwrap_or(Source::Default))
                .collect(),
            problem: None,
        }
    }

    fn low_follows(&self) -> bool {
        matches!(self.sources[LOW], Source::Follows(..)) && self.form.text(LOW) == self.mirrored
    }

    /// After a keystroke: a low tier that follows the floor shows the floor typed.
    pub fn follow_floor(&mut self) {
        if self.low_follows() {
            let floor = self.form.text(FLOOR).to_string();
            self.form.set_text(LOW, floor.clone());
            self.mirrored = floor;
        }
    }

    /// The change to store, `None` when nothing changed, or what is wrong (a value out
    /// of range, values that contradict each other with the file's and the database's).
    pub fn command(
        &self,
        layers: &Layers,
        stored: &[(String, String)],
        db_path: &str,
    ) -> Result<Option<Command>, String> {
        let mut changes: Vec<(String, Option<String>)> = Vec::new();
        let mut probe = Settings::default();
        for (i, (key, label)) in FIELDS.iter().enumerate() {
            let typed = self.form.text(i);
            if typed == self.initial[i] || (i == LOW && self.low_follows()) {
                continue;
            }
            if typed.is_empty() {
                if stored.iter().any(|(k, _)| k == key) {
                    changes.push((key.to_string(), None));
                    continue;
                }
                return Err(format!("{}: type a value", label.trim_end_matches(" %")));
            }
            let text = if is_ratio(key) {
                format!("{typed}%")
            } else {
                typed.to_string()
            };
            probe.set(key, &text).map_err(|e| {
                // Say it in the popup's terms: percents for ratios.
                if is_ratio(key) {
                    format!("{label}: {typed:?} must be a percent from 0 to 100")
                } else {
                    format!("{label}: {e}")
                }
            })?;
            changes.push((key.to_string(), probe.get(key)));
        }
        if changes.is_empty() {
            return Ok(None);
        }
        let mut after: Vec<(String, String)> = stored
            .iter()
            .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
            .cloned()
            .collect();
        after.extend(
            changes
                .iter()
                .filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v))),
        );
        layers
            .effective(&after, db_path)
            .map_err(|e| e.to_string().replace('\n', " "))?;
        Ok(Some(Command::SetSettings { changes }))
    }
}

pub fn draw(f: &mut Frame, area: Rect, s: &SettingsForm, theme: &Theme) {
    let rect = centered(area, 92, FIELDS.len() as u16 + 9);
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Settings — Enter saves (one undoable change), Esc cancels ")
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let mut lines = vec![Line::from(Span::styled(
        format!("  {:<20}{:<12}{:<10}{}", "setting", "value", "was", "from"),
        theme.header(),
    ))];
    for (i, ((_, label), field)) in FIELDS.iter().zip(&s.form.fields).enumerate() {
        let focused = i == s.form.focus;
        let value = match field {
            Field::Text { value, .. } => value.clone(),
            _ => String::new(),
        };
        let marker = if focused { "▸ " } else { "  " };
        let cursor = if focused { "▏" } else { "" };
        let changed = value.trim() != s.initial[i];
        lines.push(Line::from(vec![
            Span::styled(
                format!("{marker}{label:<20}"),
                if focused {
                    theme.title()
                } else {
                    ratatui::style::Style::new()
                },
            ),
            Span::styled(
                format!("{:<12}", format!("{value}{cursor}")),
                if focused {
                    theme.selected()
                } else if changed {
                    theme.warning()
                } else {
                    ratatui::style::Style::new()
                },
            ),
            Span::styled(format!("{:<10}", s.initial[i]), theme.muted()),
            Span::styled(s.sources[i].short(), theme.muted()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "↑/↓ move · type a new value · empty = back to the config file or default · \
         the low tier follows the floor unless set · --window/--velocity win for this run",
        theme.muted(),
    )));
    if let Some(p) = &s.problem {
        lines.push(Line::from(Span::styled(format!("✗ {p}"), theme.alarm())));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
