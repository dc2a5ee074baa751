//! The settings popup (`,`): thresholds and windows, typed in, stored in the database
//! as one audited, undoable change. Ratios are typed as percents (`20` is 20 %). An
//! emptied field drops the value set here, back to the config file's or the default.

use std::collections::BTreeMap;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use rust_decimal::Decimal;

use crate::config::layers::{Combined, Layers, Source};
use crate::domain::command::Command;
use crate::domain::settings::{is_ratio, setting, Problem, Settings, LOW_FOLLOWS};
use crate::i18n::{Lang, Msg};
use crate::ui::app::{App, Level};
use crate::ui::draw::centered;
use crate::ui::form::{Field, Form};
use crate::ui::request::Request;
use crate::ui::theme::Theme;
use crate::ui::widgets::pad;

use super::editor::Editor;
use super::Outcome;

/// The keys the popup edits, with their labels.
pub const FIELDS: [(&str, Msg); 14] = [
    ("margin_floor", Msg::SetMarginFloor),
    ("margin_target", Msg::SetMarginTarget),
    ("low_margin_below", Msg::SetLowBelow),
    ("high_margin_at", Msg::SetHighFrom),
    ("target_high_share", Msg::SetHighShare),
    ("target_low_share", Msg::SetLowShare),
    ("slow_days", Msg::SetSlowDays),
    ("best_seller_days", Msg::SetBestDays),
    ("window_days", Msg::SetWindow),
    ("velocity_days", Msg::SetVelocity),
    ("export_bom", Msg::SetExportBom),
    ("lead_time_days", Msg::SetLeadTime),
    ("review_period_days", Msg::SetReviewPeriod),
    ("safety_days", Msg::SetSafetyDays),
];

/// Whether `key` is an on/off setting (a choice in the popup, not typed).
fn is_switch(key: &str) -> bool {
    setting(key).is_some_and(|d| d.is_switch())
}

/// An on/off setting's options, off first.
fn switch_options(lang: Lang) -> Vec<String> {
    vec![
        lang.t(Msg::ChoiceOff).to_string(),
        lang.t(Msg::ChoiceOn).to_string(),
    ]
}

#[derive(Debug, Clone)]
pub struct SettingsForm {
    pub form: Form,
    /// The text each field started with.
    pub initial: Vec<String>,
    /// Where each value came from, as the popup opened.
    pub sources: Vec<Source>,
    /// What was wrong with the last Enter.
    pub problem: Option<String>,
    /// The language of the labels and of what is wrong.
    pub lang: Lang,
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
    pub fn new(
        settings: &Settings,
        sources: &BTreeMap<&'static str, Source>,
        lang: Lang,
    ) -> SettingsForm {
        let on = |k: &str| settings.get(k).as_deref() == Some("true");
        let initial: Vec<String> = FIELDS
            .iter()
            .map(|(k, _)| {
                if is_switch(k) {
                    switch_options(lang)[usize::from(on(k))].clone()
                } else {
                    shown(k, settings)
                }
            })
            .collect();
        let fields = FIELDS
            .iter()
            .zip(&initial)
            .map(|((key, label), value)| {
                if is_switch(key) {
                    Field::Choice {
                        label: lang.t(*label),
                        options: switch_options(lang),
                        index: usize::from(on(key)),
                    }
                } else {
                    Field::Text {
                        label: lang.t(*label),
                        value: value.clone(),
                        hint: "",
                    }
                }
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
            lang,
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
        let lang = self.lang;
        for (i, (key, label)) in FIELDS.iter().enumerate() {
            let label = lang.t(*label);
            let typed = self.form.text(i);
            if typed == self.initial[i] || (i == LOW && self.low_follows()) {
                continue;
            }
            if is_switch(key) {
                let on = (self.form.choice(i) == 1).to_string();
                probe.set(key, &on)?;
                changes.push((key.to_string(), Some(on)));
                continue;
            }
            if typed.is_empty() {
                if stored.iter().any(|(k, _)| k == key) {
                    changes.push((key.to_string(), None));
                    continue;
                }
                return Err(lang.f(Msg::SettingsTypeValue, &[&label.trim_end_matches(" %")]));
            }
            let text = if is_ratio(key) {
                format!("{typed}%")
            } else {
                typed.to_string()
            };
            probe.set(key, &text).map_err(|_| {
                // Say it in the popup's terms: percents for ratios, the days' range.
                if is_ratio(key) {
                    lang.f(Msg::SettingsNotPercent, &[&label, &format!("{typed:?}")])
                } else {
                    let (lo, hi) = setting(key).map(|d| d.bounds()).unwrap_or_default();
                    lang.f(
                        Msg::SettingsBadDays,
                        &[&label, &format!("{typed:?}"), &lo, &hi],
                    )
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
        let combined = layers.combine(&after, db_path);
        if !combined.problems.is_empty() {
            // A value the popup does not show (the database's or the command line's).
            let all = combined.problems.join(" ");
            return Err(lang.f(Msg::SettingsContradict, &[&all.trim()]));
        }
        if let Err(problems) = combined.settings.validate() {
            let edited: Vec<&str> = changes.iter().map(|(k, _)| k.as_str()).collect();
            let said: Vec<String> = problems
                .iter()
                .map(|p| self.contradiction(p, &combined, &edited))
                .collect();
            return Err(said.join(lang.t(Msg::ListSeparator)));
        }
        Ok(Some(Command::SetSettings { changes }))
    }

    /// Two values that do not fit together, in the popup's labels and units: the one
    /// edited is the one said to be wrong ("high tier from % must be above low tier
    /// below % (25 %)").
    fn contradiction(&self, p: &Problem, c: &Combined, edited: &[&str]) -> String {
        let lang = self.lang;
        let label = |k: &str| {
            FIELDS
                .iter()
                .find(|(f, _)| *f == k)
                .map(|(_, m)| lang.t(*m))
        };
        let value = |k: &str| {
            let v = shown(k, &c.settings);
            if is_ratio(k) {
                lang.f(Msg::SettingsPercent, &[&v])
            } else {
                lang.f(Msg::DaysShort, &[&v])
            }
        };
        let fallback = || lang.f(Msg::SettingsContradict, &[&p.to_string()]);
        let Some(other) = p.other else {
            return fallback();
        };
        if label(p.key).is_none() || label(other).is_none() {
            return fallback();
        }
        let (lower, higher, strict) = match (p.key, other) {
            ("low_margin_below", "high_margin_at") => (p.key, other, true),
            ("margin_floor", "margin_target") => (p.key, other, false),
            ("target_low_share", "target_high_share") => {
                return lang.f(
                    Msg::SettingsSharesOver,
                    &[
                        &label(p.key).unwrap_or(p.key),
                        &label(other).unwrap_or(other),
                        &value(p.key),
                        &value(other),
                    ],
                );
            }
            _ => return fallback(),
        };
        let (low, floor) = LOW_FOLLOWS;
        let follows = lower == low && matches!(c.sources.get(low), Some(Source::Follows(..)));
        let lower_edited = edited.contains(&lower) || (follows && edited.contains(&floor));
        let name = |k: &'static str| label(k).unwrap_or(k);
        if lower_edited && !edited.contains(&higher) {
            let subject = if follows { floor } else { lower };
            let m = if strict {
                Msg::SettingsMustBeBelow
            } else {
                Msg::SettingsMustNotBeAbove
            };
            let mut said = lang.f(m, &[&name(subject), &name(higher), &value(higher)]);
            if follows {
                said.push_str(lang.t(Msg::SettingsLowFollows));
            }
            said
        } else {
            let m = if strict {
                Msg::SettingsMustBeAbove
            } else {
                Msg::SettingsMustNotBeBelow
            };
            lang.f(m, &[&name(higher), &name(lower), &value(lower)])
        }
    }
}

impl Editor for SettingsForm {
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn cancelled(&self) -> Msg {
        Msg::SettingsUnchanged
    }

    /// Enter stores the edits as one change; nothing edited closes as Esc does.
    fn submit(&mut self, app: &App) -> Outcome {
        match self.command(&app.layers, &app.ds.settings, &app.db_path) {
            Ok(Some(cmd)) => Outcome::Request(Request::Apply(cmd)),
            Ok(None) => Outcome::CloseSaying(Level::Info, app.lang.t(self.cancelled()).into()),
            Err(e) => {
                self.problem = Some(e.clone());
                Outcome::Say(Level::Warning, e)
            }
        }
    }

    /// The last problem goes, a low tier that follows the floor shows it.
    fn changed(&mut self, _app: &App) {
        self.problem = None;
        self.follow_floor();
    }

    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw(f, area, self, app, theme)
    }
}

fn draw(f: &mut Frame, area: Rect, s: &SettingsForm, app: &App, theme: &Theme) {
    let lang = app.lang;
    let (save, cancel) = super::form_view::form_keys(app);
    let rect = centered(area, 92, FIELDS.len() as u16 + 9);
    crate::ui::widgets::clear_popup(f, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(lang.f(Msg::SettingsTitle, &[&save, &cancel]))
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {}{}{}{}",
            pad(lang.t(Msg::SettingsColSetting), 20),
            pad(lang.t(Msg::SettingsColValue), 12),
            pad(lang.t(Msg::SettingsColWas), 10),
            lang.t(Msg::SettingsColFrom)
        ),
        theme.header(),
    ))];
    for (i, field) in s.form.fields.iter().enumerate() {
        let focused = i == s.form.focus;
        let (value, cursor) = match field {
            Field::Text { value, .. } => (value.clone(), if focused { "▏" } else { "" }),
            Field::Choice { options, index, .. } => (
                format!("◂ {} ▸", options.get(*index).map_or("", |o| o.as_str())),
                "",
            ),
            Field::Pick { .. } => (String::new(), ""),
        };
        let marker = if focused { "▸ " } else { "  " };
        let changed = value.trim() != s.initial[i];
        lines.push(Line::from(vec![
            Span::styled(
                format!("{marker}{}", pad(field.label(), 20)),
                if focused {
                    theme.title()
                } else {
                    ratatui::style::Style::new()
                },
            ),
            Span::styled(
                pad(&format!("{value}{cursor}"), 12),
                if focused {
                    theme.selected()
                } else if changed {
                    theme.warning()
                } else {
                    ratatui::style::Style::new()
                },
            ),
            Span::styled(pad(&s.initial[i], 10), theme.muted()),
            Span::styled(s.sources[i].short_in(lang), theme.muted()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        lang.t(Msg::SettingsHelp),
        theme.muted(),
    )));
    if let Some(p) = &s.problem {
        lines.push(Line::from(Span::styled(format!("✗ {p}"), theme.alarm())));
    }
    // Wrapped here, by terminal cells: Chinese runs are measured right (ratatui#2679).
    f.render_widget(
        Paragraph::new(crate::ui::widgets::wrap_lines(&lines, inner.width as usize)),
        inner,
    );
}
