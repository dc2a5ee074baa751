//! The reclassify form (`r`): tier, lifecycle, category and a reason for the selected
//! SKUs, with a what-if of the headline figures as the tier choice changes.

use std::collections::HashMap;
use std::str::FromStr;

use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::editor::Editor;
use super::form_view::{draw_whatif_form, form_keys, whatif_lines};
use super::skus::{check_still_there, codes_of, indices_of};
use super::Outcome;
use crate::domain::command::{Command, Reclassify, TierChoice};
use crate::domain::model::{Dataset, Lifecycle};
use crate::domain::whatif::{self, Headline};
use crate::i18n::{Lang, Msg};
use crate::ui::app::App;
use crate::ui::form::{Field, Form};
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

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

    /// The change typed, checked by its rules ([`Command::check`]) and for SKUs gone
    /// since the form opened.
    pub fn command(&self, ds: &Dataset) -> Result<Command, String> {
        let lifecycle = match self.form.choice(1) {
            0 => None,
            i => Lifecycle::ALL.get(i - 1).copied(),
        };
        let cmd = Command::Reclassify(Reclassify {
            skus: self.skus.clone(),
            tier: self.tier(),
            lifecycle,
            category: Some(self.form.text(2).to_string()).filter(|c| !c.is_empty()),
            reason: self.form.text(3).to_string(),
        });
        cmd.check().map_err(|r| self.lang.refusal_in_form(&r))?;
        check_still_there(ds, &self.skus, self.lang)?;
        Ok(cmd)
    }
}

impl Editor for ReclassifyForm {
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn cancelled(&self) -> Msg {
        Msg::ReclassifyCancelled
    }

    fn submit(&mut self, app: &App) -> Outcome {
        Outcome::submit(self.command(&app.ds))
    }

    /// The what-if follows the tier chosen.
    fn changed(&mut self, app: &App) {
        self.after = whatif::reclassify(&app.review, &self.products, self.tier());
    }

    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_reclassify(f, area, app, self, theme)
    }

    /// The SKUs found again by code, the what-if computed on the new data.
    fn reload(&mut self, app: &App, index: &HashMap<&str, usize>) {
        self.products = indices_of(index, &self.skus);
        self.before = whatif::current(&app.review);
        self.after = whatif::reclassify(&app.review, &self.products, self.tier());
    }
}

fn draw_reclassify(f: &mut Frame, area: Rect, app: &App, r: &ReclassifyForm, theme: &Theme) {
    let names: Vec<String> = r
        .products
        .iter()
        .take(3)
        .map(|&i| app.ds.products[i].sku.clone())
        .collect();
    let more = if r.products.len() > 3 {
        format!(" +{}", r.products.len() - 3)
    } else {
        String::new()
    };
    let lang = app.lang;
    let title = lang.f(
        Msg::ReclassifyTitle,
        &[
            &fit(&names.join(", "), 40),
            &more,
            &form_keys(app).0,
            &form_keys(app).1,
        ],
    );
    let rest = draw_whatif_form(f, area, (90, 16), &title, &r.form, lang, theme);
    let lines = whatif_lines(app, &r.before, &r.after, lang, theme);
    f.render_widget(Paragraph::new(lines), rest);
}
