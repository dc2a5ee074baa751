//! Triage flows: the reclassify and clearance-batch forms (with their what-if preview),
//! confirmations, and the requests the app hands to the store.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::clearance::{Ladder, MarginAlert};
use crate::domain::command::{BatchRef, BatchSpec, Command, MarkBatch, Reclassify, TierChoice};
use crate::domain::dates::{parse_date, Day};
use crate::domain::model::{BatchChannel, BatchStatus, ClearanceBatch, Dataset, Lifecycle};
use crate::domain::money::Money;
use crate::domain::whatif::{self, BatchPreview, Headline};
use crate::i18n::{Lang, Msg};
use crate::session::said::HistoryLine;

use super::form::{Field, Form};

/// What the app asks of the store or the file system; the run loop (or a test) carries
/// them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Apply(Command),
    Undo,
    Redo,
    History,
    /// Write the table shown on this tab to a CSV file next to the database.
    ExportView(super::action::Tab),
    /// Remember that the welcome screen was dismissed.
    DismissWelcome,
    /// Check a file and show what importing it would do; write nothing.
    ImportPreview(super::import::ImportJob),
    /// Import a previewed file.
    Import(super::import::ImportJob),
}

pub const TIER_CHOICES: [&str; 6] = ["keep", "high", "mid", "low", "unclassified", "auto"];

#[derive(Debug, Clone)]
pub struct ReclassifyForm {
    /// The SKUs the form was opened for, by code: what it applies to, also after the
    /// data was reloaded (another program committed) and product indices moved.
    pub skus: Vec<String>,
    /// Their product indices in the data now, for the what-if (a SKU that has gone is
    /// left out here and named when the form is applied).
    pub products: Vec<usize>,
    pub form: Form,
    pub before: Headline,
    pub after: Headline,
    /// The language of the form's labels and of what it says is wrong.
    pub lang: Lang,
}

impl ReclassifyForm {
    pub fn new(
        ds: &Dataset,
        products: Vec<usize>,
        before: Headline,
        categories: Vec<String>,
        lang: Lang,
    ) -> ReclassifyForm {
        // The options are shown in `lang`; what they mean is read by position.
        let tiers = TIER_CHOICES
            .iter()
            .map(|s| match *s {
                "keep" => lang.tier_choice(None),
                other => lang.tier_choice(TierChoice::from_str(other).ok()),
            })
            .map(str::to_string)
            .collect();
        let mut lifecycles = vec![lang.t(Msg::ChoiceKeep).to_string()];
        lifecycles.extend(
            Lifecycle::ALL
                .iter()
                .map(|l| lang.lifecycle(*l).to_string()),
        );
        let form = Form::new(vec![
            Field::Choice {
                label: lang.t(Msg::FieldTier),
                options: tiers,
                index: 0,
            },
            Field::Choice {
                label: lang.t(Msg::FieldLifecycle),
                options: lifecycles,
                index: 0,
            },
            Field::Pick {
                label: lang.t(Msg::FieldCategory),
                value: String::new(),
                options: categories,
                hint: lang.t(Msg::HintCategoryKeep),
            },
            Field::Text {
                label: lang.t(Msg::FieldReason),
                value: String::new(),
                hint: lang.t(Msg::HintReason),
            },
        ]);
        ReclassifyForm {
            skus: codes_of(ds, &products),
            products,
            form,
            after: before.clone(),
            before,
            lang,
        }
    }

    pub fn tier(&self) -> Option<TierChoice> {
        match self.form.choice(0) {
            0 => None,
            i => TierChoice::from_str(TIER_CHOICES.get(i)?).ok(),
        }
    }

    pub fn command(&self, ds: &Dataset) -> Result<Command, String> {
        let lifecycle = match self.form.choice(1) {
            0 => None,
            i => Lifecycle::ALL.get(i - 1).copied(),
        };
        let category = Some(self.form.text(2).to_string()).filter(|c| !c.is_empty());
        let tier = self.tier();
        if tier.is_none() && lifecycle.is_none() && category.is_none() {
            return Err(self.lang.t(Msg::NothingToChange).into());
        }
        check_still_there(ds, &self.skus, self.lang)?;
        Ok(Command::Reclassify(Reclassify {
            skus: self.skus.clone(),
            tier,
            lifecycle,
            category,
            reason: self.form.text(3).to_string(),
        }))
    }
}

/// The SKU codes of product indices.
fn codes_of(ds: &Dataset, products: &[usize]) -> Vec<String> {
    products
        .iter()
        .filter_map(|&i| ds.products.get(i).map(|p| p.sku.clone()))
        .collect()
}

/// Each SKU code's product index in `ds` (one pass, not a scan per code: a selection
/// can hold every SKU of a large shop).
pub fn sku_index(ds: &Dataset) -> HashMap<&str, usize> {
    ds.products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.sku.as_str(), i))
        .collect()
}

/// The product indices of SKU codes in `ds`, leaving out those that are gone.
pub fn indices_of(index: &HashMap<&str, usize>, skus: &[String]) -> Vec<usize> {
    skus.iter()
        .filter_map(|s| index.get(s.as_str()).copied())
        .collect()
}

/// Refuses, naming them, SKUs that are no longer in the data (another program removed
/// them while a form was open).
fn check_still_there(ds: &Dataset, skus: &[String], lang: Lang) -> Result<(), String> {
    let index = sku_index(ds);
    let gone: Vec<String> = skus
        .iter()
        .filter(|s| !index.contains_key(s.as_str()))
        .map(|s| crate::domain::text::sanitize(s).into_owned())
        .collect();
    if gone.is_empty() {
        return Ok(());
    }
    let mut list = gone[..gone.len().min(5)].join(", ");
    if gone.len() > 5 {
        list.push_str(&format!(" +{}", gone.len() - 5));
    }
    Err(lang.f(Msg::SkusGone, &[&list]))
}

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
    /// A margin below zero was shown; the next Enter applies anyway.
    pub alarm_confirmed: bool,
    pub lang: Lang,
}

/// The channels as the form lists them: their command-line names in English (what
/// `--channel` takes), their names in words otherwise.
fn channel_options(lang: Lang) -> Vec<String> {
    BatchChannel::ALL
        .iter()
        .map(|c| {
            if lang.is_en() {
                c.as_str()
            } else {
                lang.channel(*c)
            }
            .to_string()
        })
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
            alarm_confirmed: false,
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

    fn units(&self) -> Result<Option<i64>, String> {
        let t = self.form.text(bf::UNITS);
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<i64>()
            .ok()
            .filter(|u| *u >= 0)
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
        self.alarm_confirmed = false;
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
        let products: Vec<(usize, Option<i64>)> =
            self.products.iter().map(|&i| (i, units)).collect();
        self.preview = Some(whatif::batch(ds, review, &products, channel, &steps, floor));
    }

    pub fn needs_alarm_confirmation(&self) -> bool {
        self.preview
            .as_ref()
            .is_some_and(|p| p.worst == MarginAlert::Alarm)
            && !self.alarm_confirmed
    }

    pub fn command(&self, ds: &Dataset) -> Result<Command, String> {
        if let Some(p) = &self.problem {
            return Err(p.clone());
        }
        let units = self.units()?;
        if self.editing.is_none() {
            check_still_there(ds, &self.skus, self.lang)?;
        }
        let skus: Vec<(String, Option<i64>)> =
            self.skus.iter().map(|sku| (sku.clone(), units)).collect();
        if let Some(id) = self.editing {
            let mut spec = self.spec()?;
            spec.status = ds
                .batches
                .iter()
                .find(|b| b.id == id)
                .map_or(BatchStatus::Planned, |b| b.status);
            return Ok(Command::EditBatch { id, spec });
        }
        let batch = match self.existing() {
            Some(id) => BatchRef::Existing(id),
            None => {
                let spec = self.spec()?;
                if spec.name.is_empty() {
                    return Err(self.lang.t(Msg::BatchNeedsName).into());
                }
                BatchRef::New(spec)
            }
        };
        Ok(Command::MarkBatch(MarkBatch { batch, skus }))
    }
}

/// A yes/no question; the default answer is No.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub command: Command,
}

#[derive(Debug, Clone)]
pub struct History {
    pub entries: Vec<HistoryLine>,
}
