//! The clearance-batch form (`c`, or `e` on a batch): a new or existing batch for the
//! selected SKUs, its channel, dates, discount ladder, units and cash target, with a
//! preview of each step's price and margin and the cash it would bring, and the SKUs it
//! would book twice (already in another open batch over overlapping dates).

use std::collections::HashMap;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::editor::Editor;
use super::form_view::{draw_whatif_form, form_keys, whatif_figures};
use super::skus::{check_still_there, codes_of, indices_of};
use super::Outcome;
use crate::domain::clearance::{Ladder, MarginAlert};
use crate::domain::command::{BatchRef, BatchSpec, Command, MarkBatch};
use crate::domain::dates::{parse_date, Day};
use crate::domain::model::{BatchChannel, BatchStatus, ClearanceBatch, Dataset};
use crate::domain::money::Money;
use crate::domain::overlap::{self, Overlap};
use crate::domain::whatif::{self, BatchPreview, Headline};
use crate::export::pct;
use crate::i18n::{Lang, Msg};
use crate::ui::app::{App, Level};
use crate::ui::form::{Field, Form};
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

pub mod batch_field {
    pub const BATCH: usize = 0;
    pub const NAME: usize = 1;
    pub const CHANNEL: usize = 2;
    pub const START: usize = 3;
    pub const END: usize = 4;
    pub const LADDER: usize = 5;
    pub const UNITS: usize = 6;
    pub const TARGET: usize = 7;
}
use batch_field as bf;

#[derive(Debug, Clone)]
pub struct BatchForm {
    /// The SKUs the form was opened for, by code (see [`ReclassifyForm::skus`]).
    pub skus: Vec<String>,
    /// Their product indices in the data now.
    pub products: Vec<usize>,
    pub form: Form,
    /// Editing this batch (its settings), instead of adding SKUs.
    pub editing: Option<i64>,
    /// Batch ids behind the batch choice (index 0 is "new batch").
    pub batch_ids: Vec<i64>,
    pub before: Headline,
    pub preview: Option<BatchPreview>,
    pub problem: Option<String>,
    /// The SKUs the batch would book twice: already in another open batch whose dates
    /// overlap (METRICS.md "Clearance results"), with that batch.
    pub overlaps: Vec<Overlap>,
    /// A warning was shown (a margin below zero, SKUs booked twice); the next Enter
    /// applies anyway. Any change of the form asks again.
    pub confirmed: bool,
    pub lang: Lang,
}

/// The channels as the form lists them, in words (what they mean is read by position).
fn channel_options(lang: Lang) -> Vec<String> {
    BatchChannel::ALL
        .iter()
        .map(|c| lang.channel(*c).to_string())
        .collect()
}

impl BatchForm {
    pub fn new(
        ds: &Dataset,
        products: Vec<usize>,
        as_of: Day,
        before: Headline,
        editing: Option<&ClearanceBatch>,
        lang: Lang,
    ) -> BatchForm {
        let mut names = vec![lang.t(Msg::NewBatchChoice).to_string()];
        let open: Vec<&ClearanceBatch> = ds
            .batches
            .iter()
            .filter(|b| b.status != BatchStatus::Done)
            .collect();
        names.extend(open.iter().map(|b| b.name.clone()));
        let batch_ids = open.iter().map(|b| b.id).collect();
        let start = as_of.plus(1);
        let mut form = Form::new(vec![
            Field::Choice {
                label: lang.t(Msg::FieldBatch),
                options: names,
                index: 0,
            },
            Field::Text {
                label: lang.t(Msg::FieldName),
                value: String::new(),
                hint: lang.t(Msg::HintBatchName),
            },
            Field::Choice {
                label: lang.t(Msg::FieldChannel),
                options: channel_options(lang),
                index: 0,
            },
            Field::Text {
                label: lang.t(Msg::FieldStart),
                value: start.to_string(),
                hint: "YYYY-MM-DD",
            },
            Field::Text {
                label: lang.t(Msg::FieldEnd),
                value: start.plus(10).to_string(),
                hint: lang.t(Msg::HintEndDate),
            },
            Field::Text {
                label: lang.t(Msg::FieldLadder),
                value: "10%@7d,20%@7d,30%".into(),
                hint: lang.t(Msg::HintLadder),
            },
            Field::Text {
                label: lang.t(Msg::FieldUnits),
                value: String::new(),
                hint: lang.t(Msg::HintUnits),
            },
            Field::Text {
                label: lang.t(Msg::FieldCashTarget),
                value: String::new(),
                hint: lang.t(Msg::HintCashTarget),
            },
        ]);
        if let Some(b) = editing {
            form.fields[bf::BATCH] = Field::Choice {
                label: lang.t(Msg::FieldBatch),
                options: vec![lang.f(Msg::EditBatchChoice, &[&b.name])],
                index: 0,
            };
            form.set_text(bf::NAME, b.name.clone());
            if let Field::Choice { index, .. } = &mut form.fields[bf::CHANNEL] {
                *index = BatchChannel::ALL
                    .iter()
                    .position(|c| *c == b.channel)
                    .unwrap_or(0);
            }
            form.set_text(bf::START, b.starts_on.to_string());
            form.set_text(bf::END, b.ends_on.map_or(String::new(), |d| d.to_string()));
            form.set_text(bf::LADDER, b.ladder.to_string());
            form.set_text(bf::TARGET, b.cash_target.to_string());
            // The batch keeps its units: typed ones only change the preview.
            if let Field::Text { hint, .. } = &mut form.fields[bf::UNITS] {
                *hint = lang.t(Msg::HintUnitsStored);
            }
            form.focus = bf::NAME;
        } else {
            form.focus = bf::NAME;
        }
        BatchForm {
            skus: codes_of(ds, &products),
            products,
            form,
            editing: editing.map(|b| b.id),
            batch_ids,
            before,
            preview: None,
            problem: None,
            overlaps: Vec::new(),
            confirmed: false,
            lang,
        }
    }

    /// The existing batch chosen, if any.
    pub fn existing(&self) -> Option<i64> {
        if self.editing.is_some() {
            return None;
        }
        self.form
            .choice(bf::BATCH)
            .checked_sub(1)
            .and_then(|i| self.batch_ids.get(i).copied())
    }

    fn day(&self, field: usize) -> Result<Option<Day>, String> {
        let t = self.form.text(field);
        if t.is_empty() {
            return Ok(None);
        }
        parse_date(t)
            .map(|d| Some(Day::from_date(d)))
            .ok_or_else(|| {
                self.lang.f(
                    Msg::NotADate,
                    &[&self.form.fields[field].label(), &format!("{t:?}")],
                )
            })
    }

    /// The batch settings typed in the form, or what is wrong with them.
    pub fn spec(&self) -> Result<BatchSpec, String> {
        let lang = self.lang;
        let channel = BatchChannel::ALL
            .get(self.form.choice(bf::CHANNEL))
            .copied()
            .unwrap_or(BatchChannel::TieredDiscount);
        let starts_on = self
            .day(bf::START)?
            .ok_or_else(|| lang.t(Msg::NeedStartDate).to_string())?;
        let ladder = Ladder::parse(self.form.text(bf::LADDER))
            .map_err(|e| lang.f(Msg::LadderProblem, &[&lang.ladder_error(&e)]))?;
        let target = self.form.text(bf::TARGET);
        let cash_target = if target.is_empty() {
            Money::ZERO
        } else {
            target.parse::<Money>().map_err(|e| {
                lang.f(
                    Msg::CashTargetProblem,
                    &[&format!("{target:?}"), &lang.money_error(&e)],
                )
            })?
        };
        Ok(BatchSpec {
            name: self.form.text(bf::NAME).to_string(),
            channel,
            starts_on,
            ends_on: self.day(bf::END)?,
            ladder,
            cash_target,
            status: BatchStatus::Planned,
        })
    }

    /// The units to clear typed: a count (digits, no sign), or none for all on hand.
    fn units(&self) -> Result<Option<i64>, String> {
        let t = self.form.text(bf::UNITS);
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<u64>()
            .ok()
            .and_then(|u| i64::try_from(u).ok())
            .map(Some)
            .ok_or_else(|| self.lang.f(Msg::UnitsNotWhole, &[&format!("{t:?}")]))
    }

    /// Recomputes the preview from the form (called on every change).
    pub fn refresh(
        &mut self,
        ds: &Dataset,
        review: &crate::domain::metrics::Review,
        floor: Decimal,
    ) {
        self.confirmed = false;
        self.overlaps.clear();
        let (channel, steps) = match self
            .existing()
            .and_then(|id| ds.batches.iter().find(|b| b.id == id))
        {
            Some(b) => (
                b.channel,
                b.ladder.0.iter().map(|s| s.discount).collect::<Vec<_>>(),
            ),
            None => match self.spec() {
                Ok(spec) => (
                    spec.channel,
                    spec.ladder.0.iter().map(|s| s.discount).collect(),
                ),
                Err(e) => {
                    self.problem = Some(e);
                    return;
                }
            },
        };
        let units = match self.units() {
            Ok(u) => u,
            Err(e) => {
                self.problem = Some(e);
                return;
            }
        };
        self.problem = None;
        // Editing a batch: each SKU's units are those the batch stores (`None`: all on
        // hand), unless units are typed.
        let stored = self
            .editing
            .and_then(|id| ds.batches.iter().find(|b| b.id == id));
        let stored_units = |i: usize| {
            stored
                .and_then(|b| b.skus.iter().find(|s| s.product as usize == i))
                .and_then(|s| s.units_to_clear)
        };
        let products: Vec<(usize, Option<i64>)> = self
            .products
            .iter()
            .map(|&i| (i, units.or_else(|| stored_units(i))))
            .collect();
        self.preview = Some(whatif::batch(ds, review, &products, channel, &steps, floor));
        // What it would book, as `batch create|add` sees it (a form with a problem
        // has none: it cannot be applied).
        if let Ok(cmd) = self.draft(ds) {
            self.overlaps = overlap::overlaps_of(ds, &cmd);
        }
    }

    /// A price below cost in the preview.
    fn below_cost(&self) -> bool {
        self.preview
            .as_ref()
            .is_some_and(|p| p.worst == MarginAlert::Alarm)
    }

    /// A warning not yet confirmed: Enter shows it, the next Enter applies.
    pub fn needs_confirmation(&self) -> bool {
        (self.below_cost() || !self.overlaps.is_empty()) && !self.confirmed
    }

    /// The batch typed, checked by its rules ([`Command::check`]) and for SKUs gone
    /// since the form opened.
    pub fn command(&self, ds: &Dataset) -> Result<Command, String> {
        if let Some(p) = &self.problem {
            return Err(p.clone());
        }
        self.units()?;
        if self.editing.is_none() {
            check_still_there(ds, &self.skus, self.lang)?;
        }
        self.checked(self.draft(ds)?)
    }

    /// The batch typed, before its rules are checked.
    fn draft(&self, ds: &Dataset) -> Result<Command, String> {
        let units = self.units()?;
        if let Some(id) = self.editing {
            let mut spec = self.spec()?;
            spec.status = ds
                .batches
                .iter()
                .find(|b| b.id == id)
                .map_or(BatchStatus::Planned, |b| b.status);
            return Ok(Command::EditBatch { id, spec });
        }
        let skus: Vec<(String, Option<i64>)> =
            self.skus.iter().map(|sku| (sku.clone(), units)).collect();
        let batch = match self.existing() {
            Some(id) => BatchRef::Existing(id),
            None => BatchRef::New(self.spec()?),
        };
        Ok(Command::MarkBatch(MarkBatch { batch, skus }))
    }

    /// `cmd` when it keeps its rules, else the rule it breaks: in the form's words for a
    /// new batch, as the store says it for a batch being edited.
    fn checked(&self, cmd: Command) -> Result<Command, String> {
        match cmd.check() {
            Ok(()) => Ok(cmd),
            Err(r) if self.editing.is_some() => Err(self.lang.refusal(&r)),
            Err(r) => Err(self.lang.refusal_in_form(&r)),
        }
    }
}

impl Editor for BatchForm {
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn cancelled(&self) -> Msg {
        Msg::BatchCancelled
    }

    /// Enter on a preview with a price below cost, or with SKUs the batch would book
    /// twice, asks again: the next Enter applies.
    fn submit(&mut self, app: &App) -> Outcome {
        if self.needs_confirmation() {
            self.confirmed = true;
            let (again, cancel) = form_keys(app);
            let said = match (self.below_cost(), booked_twice(&self.overlaps)) {
                (true, 0) => app.lang.f(Msg::BelowCostConfirm, &[&again, &cancel]),
                (false, n) => app.lang.f(Msg::OverlapConfirm, &[&n, &again, &cancel]),
                (true, n) => app
                    .lang
                    .f(Msg::BelowCostOverlapConfirm, &[&n, &again, &cancel]),
            };
            return Outcome::Say(Level::Error, said);
        }
        Outcome::submit(self.command(&app.ds))
    }

    /// The preview is computed again.
    fn changed(&mut self, app: &App) {
        self.refresh(&app.ds, &app.review, app.settings.margin_floor);
    }

    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_batch(f, area, app, self, theme)
    }

    /// The SKUs found again by code, the preview computed on the new data.
    fn reload(&mut self, app: &App, index: &HashMap<&str, usize>) {
        self.products = indices_of(index, &self.skus);
        self.before = whatif::current(&app.review);
        self.refresh(&app.ds, &app.review, app.settings.margin_floor);
    }
}

/// How many SKUs `overlaps` names (a SKU in two other batches counts once).
fn booked_twice(overlaps: &[Overlap]) -> usize {
    let mut skus: Vec<_> = overlaps.iter().map(|o| o.product).collect();
    skus.sort_unstable();
    skus.dedup();
    skus.len()
}

/// At most this many SKUs are named with their batch; the rest are counted.
const OVERLAPS_NAMED: usize = 3;

/// The SKUs the batch would book twice, in `width` cells: a heading with their count
/// and the key that goes ahead (on as many rows as it needs), then the first few (as
/// many as fit, up to [`OVERLAPS_NAMED`]) each with the batch that holds it, and how
/// many more. SKU codes and batch names come from the data: cleaned for the terminal.
fn overlap_lines(app: &App, b: &BatchForm, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    if b.overlaps.is_empty() {
        return Vec::new();
    }
    let lang = app.lang;
    let heading = lang.f(
        Msg::OverlapHeading,
        &[&booked_twice(&b.overlaps), &form_keys(app).0],
    );
    // A batch's name as wide as the line when it is the only one named.
    let name_room = if b.overlaps.len() == 1 { width } else { 28 };
    let named: Vec<String> = b
        .overlaps
        .iter()
        .map(|o| {
            let sku = app
                .ds
                .products
                .get(o.product as usize)
                .map_or("?", |p| p.sku.as_str());
            let batch = app
                .ds
                .batches
                .iter()
                .find(|x| x.id == o.batch_id)
                .map_or("?", |x| x.name.as_str());
            lang.f(Msg::OverlapItem, &[&fit(sku, 16), &fit(batch, name_room)])
        })
        .collect();
    let mut list = String::new();
    let mut shown = 0;
    for (i, item) in named.iter().enumerate().take(OVERLAPS_NAMED) {
        let sep = if i == 0 { "" } else { lang.t(Msg::OverlapSep) };
        let rest = named.len() - i - 1;
        let more = if rest == 0 {
            String::new()
        } else {
            lang.f(Msg::OverlapMore, &[&rest])
        };
        let fits = (list.width() + sep.width() + item.width() + more.width()) <= width;
        if !fits && i > 0 {
            break;
        }
        list.push_str(sep);
        list.push_str(item);
        shown += 1;
    }
    if shown < named.len() {
        list.push_str(&lang.f(Msg::OverlapMore, &[&(named.len() - shown)]));
    }
    // The heading wrapped, not cut: it says which key goes ahead.
    let mut lines =
        crate::ui::widgets::wrap_line(&Line::from(Span::styled(heading, theme.alarm())), width);
    lines.push(Line::from(Span::styled(fit(&list, width), theme.alarm())));
    lines
}

fn alert_style(a: MarginAlert, theme: &Theme) -> Style {
    match a {
        MarginAlert::Ok => Style::new(),
        MarginAlert::Warning => theme.warning(),
        MarginAlert::Alarm => theme.alarm(),
    }
}

/// A cell of the batch popup's table: its text, and a shorter one for a narrow column
/// (a step's price and alert mark without its margin; the same text elsewhere).
struct Cell {
    long: String,
    short: String,
    style: Style,
}

/// The widest cell of column `i`, in its long or short form.
fn widest(rows: &[Vec<Cell>], i: usize, short: bool) -> usize {
    rows.iter()
        .filter_map(|r| r.get(i))
        .map(|c| if short { &c.short } else { &c.long }.width())
        .max()
        .unwrap_or(0)
}

/// The step columns' widths in `room` cells (columns 4 on), and whether the steps must
/// show their short form: every step's long cells if they all fit, else every step's
/// short cells; then, with the room left, as wide as their headers, alike. When not even
/// the short cells fit, an equal share each.
fn step_widths(rows: &[Vec<Cell>], header: &[String], room: usize) -> (Vec<usize>, bool) {
    let columns = 4..header.len();
    let long: Vec<usize> = columns.clone().map(|i| widest(rows, i, false)).collect();
    let use_short = long.iter().sum::<usize>() > room;
    let mut widths: Vec<usize> = match use_short {
        true => columns.clone().map(|i| widest(rows, i, true)).collect(),
        false => long,
    };
    let Some(mut left) = room.checked_sub(widths.iter().sum()) else {
        return (
            vec![(room / widths.len().max(1)).max(1); widths.len()],
            true,
        );
    };
    // A cell at a time to each header that wants one, in turn, so that they share alike.
    let wanted: Vec<usize> = columns.map(|i| header[i].width()).collect();
    while left > 0 {
        let mut grew = false;
        for (w, &want) in widths.iter_mut().zip(&wanted) {
            if left > 0 && *w < want {
                *w += 1;
                left -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (widths, use_short)
}

fn draw_batch(f: &mut Frame, area: Rect, app: &App, b: &BatchForm, theme: &Theme) {
    let lang = app.lang;
    let title = lang.f(
        if b.editing.is_some() {
            Msg::BatchEditTitle
        } else {
            Msg::BatchNewTitle
        },
        &[&b.products.len(), &form_keys(app).0, &form_keys(app).1],
    );
    let rest = draw_whatif_form(f, area, (118, 34), &title, &b.form, lang, theme);
    let Some(p) = &b.preview else {
        return;
    };
    let overlaps = overlap_lines(app, b, rest.width as usize, theme);
    let [lines_area, bottom] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(7 + overlaps.len() as u16),
    ])
    .areas(rest);
    let steps = p.cash_at_step.len();
    let mut header = vec![
        lang.t(Msg::PreviewSku).to_string(),
        lang.t(Msg::PreviewUnits).into(),
        lang.t(Msg::PreviewCost).into(),
        lang.t(Msg::PreviewList).into(),
    ];
    header.extend((1..=steps).map(|n| lang.f(Msg::PreviewStep, &[&n])));
    let rows: Vec<Vec<Cell>> = p
        .lines
        .iter()
        .map(|l| {
            let same = |text: String, style: Style| Cell {
                short: text.clone(),
                long: text,
                style,
            };
            let mut cells = vec![
                same(fit(&app.ds.products[l.product].sku, 12), Style::new()),
                same(l.units.to_string(), Style::new()),
                if l.cost_missing {
                    same(lang.t(Msg::PreviewCostMissing).into(), theme.warning())
                } else {
                    same(app.money.plain(l.unit_cost), Style::new())
                },
                same(
                    l.list_price.map_or("—".into(), |m| app.money.plain(m)),
                    Style::new(),
                ),
            ];
            for s in &l.steps {
                let mark = match s.alert {
                    MarginAlert::Ok => "",
                    MarginAlert::Warning => " !",
                    MarginAlert::Alarm => " !!",
                };
                let price = app.money.plain(s.price);
                // Without the margin where it does not fit: the `!!` of a price below
                // cost stays in sight.
                cells.push(Cell {
                    long: format!("{price} / {}{mark}", pct(s.margin)),
                    short: format!("{price}{mark}"),
                    style: alert_style(s.alert, theme),
                });
            }
            cells
        })
        .collect();
    // The SKU, units, cost and list columns as wide as their cells; the steps share what
    // is left (see `step_widths`), headers cut with `…` where they must. With fixed
    // widths the table overflowed at 80 columns and ratatui clipped the SKU codes
    // (`AP-1001` read `AP-100`, another SKU's code).
    let fixed: Vec<usize> = (0..4)
        .map(|i| widest(&rows, i, false).max(header[i].width()))
        .collect();
    let gaps = header.len().saturating_sub(1);
    let room = (lines_area.width as usize).saturating_sub(gaps + fixed.iter().sum::<usize>());
    let (steps_snug, steps_short) = step_widths(&rows, &header, room);
    let snug: Vec<usize> = fixed.iter().copied().chain(steps_snug).collect();
    // Roomier widths where they fit (the popup at 120 columns and more).
    let roomy: Vec<usize> = [12, 6, 9, 9]
        .into_iter()
        .chain(std::iter::repeat_n(24, steps))
        .zip(&snug)
        .map(|(w, &s)| w.max(s))
        .collect();
    let (widths, use_short) = if roomy.iter().sum::<usize>() + gaps <= lines_area.width as usize {
        (roomy, false)
    } else {
        (snug, steps_short)
    };
    let header: Vec<String> = header
        .iter()
        .zip(&widths)
        .map(|(h, &w)| fit(h, w))
        .collect();
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|cells| {
            let cells = cells.into_iter().zip(&widths).map(|(c, &w)| {
                let text = if use_short { &c.short } else { &c.long };
                Span::styled(fit(text, w), c.style)
            });
            Row::new(cells.collect::<Vec<_>>())
        })
        .collect();
    let widths = widths.iter().map(|&w| Constraint::Length(w as u16));
    f.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.header()))
            .block(Block::default().borders(Borders::TOP)),
        lines_area,
    );
    let mut lines = Vec::new();
    let cash: Vec<String> = p
        .cash_at_step
        .iter()
        .map(|c| app.money.grouped(*c))
        .collect();
    lines.push(Line::from(vec![
        Span::styled(lang.t(Msg::PreviewCash), theme.header()),
        Span::raw(cash.join(" / ")),
    ]));
    let floor = pct(rust_decimal::prelude::ToPrimitive::to_f64(
        &app.settings.margin_floor,
    ));
    let (text, style) = match p.worst {
        MarginAlert::Ok => (lang.f(Msg::PreviewAllAboveFloor, &[&floor]), theme.good()),
        MarginAlert::Warning => (
            lang.f(Msg::PreviewSomeBelowFloor, &[&floor]),
            theme.warning(),
        ),
        MarginAlert::Alarm => (
            lang.f(Msg::PreviewBelowCost, &[&form_keys(app).0]),
            theme.alarm(),
        ),
    };
    lines.push(Line::from(Span::styled(text, style)));
    if let Some(problem) = &b.problem {
        lines.push(Line::from(Span::styled(
            format!("✗ {problem}"),
            theme.alarm(),
        )));
    }
    lines.extend(overlaps);
    lines.extend(whatif_figures(app, &b.before, &p.after, lang, theme));
    f.render_widget(Paragraph::new(lines), bottom);
}
