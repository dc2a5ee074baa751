//! What the change history and refusals say, in the reader's language: a change set's
//! [`Summary`], a [`Refusal`], the [`Row`] an undo found changed. The store
//! keeps them as data; they are said here when read, so a Chinese reader reads an
//! English session's change in Chinese (a line stored as text before the history was
//! typed is shown as it was written).
//!
//! In English the values are their machine names (`tier high`, `lifecycle core`,
//! `status active`), exactly as the history said them before it spoke two languages;
//! in Chinese they are the names a person reads ([`super::names`]).

use std::str::FromStr;

use crate::domain::command::{Refusal, TierChoice};
use crate::domain::history::{Row, Summary};
use crate::domain::plan::TargetMetric;
use crate::domain::text::sanitize;
use crate::import::Kind;

use super::{Lang, Msg};

impl Lang {
    /// The history's line for a change set.
    pub fn summary(self, summary: &Summary) -> String {
        let skus = |v: &[String]| match v {
            [one] => one.clone(),
            many => self.f(Msg::SumSkus, &[&many.len()]),
        };
        // A value's machine name in English, its name in Chinese.
        let name = |machine: &str, named: &'static str| -> String {
            if self.is_en() {
                machine.to_string()
            } else {
                named.to_string()
            }
        };
        match summary {
            Summary::Reclassify {
                skus: codes,
                tier,
                lifecycle,
                category,
                reason,
            } => {
                let mut parts = Vec::new();
                match tier {
                    Some(TierChoice::Auto) => parts.push(self.t(Msg::SumTierAuto).to_string()),
                    Some(TierChoice::Set(t)) => {
                        parts.push(self.f(Msg::SumTier, &[&name(t.as_str(), self.tier(*t))]))
                    }
                    None => {}
                }
                if let Some(l) = lifecycle {
                    let l = name(l.as_str(), self.lifecycle(*l));
                    parts.push(self.f(Msg::SumLifecycle, &[&l]));
                }
                if let Some(c) = category {
                    parts.push(self.f(Msg::SumCategory, &[c]));
                }
                let why = if reason.is_empty() {
                    String::new()
                } else {
                    self.f(Msg::SumReason, &[reason])
                };
                let parts = parts.join(self.t(Msg::SumPartsJoin));
                self.f(Msg::SumReclassify, &[&skus(codes), &parts, &why])
            }
            Summary::NewBatch { name, skus: codes } => {
                self.f(Msg::SumNewBatch, &[name, &skus(codes)])
            }
            Summary::AddToBatch { id, skus: codes } => {
                self.f(Msg::SumAddToBatch, &[&skus(codes), id])
            }
            Summary::EditBatch { name } => self.f(Msg::SumEditBatch, &[name]),
            Summary::BatchStatus { id, status } => {
                let status = name(status.as_str(), self.batch_status(*status));
                self.f(Msg::SumBatchStatus, &[id, &status])
            }
            Summary::DeleteBatch { id } => self.f(Msg::SumDeleteBatch, &[id]),
            Summary::AddCandidate { name } => self.f(Msg::SumAddCandidate, &[name]),
            Summary::EditCandidate { name } => self.f(Msg::SumEditCandidate, &[name]),
            Summary::DeleteCandidate { id } => self.f(Msg::SumDeleteCandidate, &[id]),
            Summary::Promote { id, sku } => self.f(Msg::SumPromote, &[id, sku]),
            Summary::AddPlan { title } => self.f(Msg::SumAddPlan, &[title]),
            Summary::EditPlan { title, status } => {
                let status = name(status.as_str(), self.plan_status(*status));
                self.f(Msg::SumEditPlan, &[title, &status])
            }
            Summary::DeletePlan { id } => self.f(Msg::SumDeletePlan, &[id]),
            Summary::Persona { code, label } => self.f(Msg::SumPersona, &[code, label]),
            Summary::DeletePersona { code } => self.f(Msg::SumDeletePersona, &[code]),
            Summary::Settings { changes } => {
                let parts: Vec<String> = changes
                    .iter()
                    .map(|(key, value)| match value {
                        Some(v) => format!("{key} {v}"),
                        None => self.f(Msg::SumSettingBack, &[key]),
                    })
                    .collect();
                self.f(Msg::SumSettings, &[&parts.join(self.t(Msg::SumPartsJoin))])
            }
            Summary::Import {
                file_kind,
                file,
                added,
                changed,
                unchanged,
            } => {
                // A kind this build does not know is named as it was stored.
                let kind =
                    Kind::from_str(file_kind).map_or(file_kind.as_str(), |k| self.file_kind(k));
                self.f(Msg::SumImport, &[&kind, file, added, changed, unchanged])
            }
            Summary::Written(text) => text.clone(),
        }
    }

    /// The history's line for an import: `orders shop.csv: 3 added, 1 changed, 0
    /// unchanged`.
    pub fn import_summary(
        self,
        kind: Kind,
        file: &str,
        added: usize,
        changed: usize,
        unchanged: usize,
    ) -> String {
        self.summary(&Summary::Import {
            file_kind: kind.as_str().to_string(),
            file: file.to_string(),
            added,
            changed,
            unchanged,
        })
    }

    /// A kind of file: its command-line name in English (`orders`), its name in Chinese.
    pub fn file_kind(self, kind: Kind) -> &'static str {
        if self.is_en() {
            return kind.as_str();
        }
        self.t(match kind {
            Kind::Orders => Msg::ImportKindOrders,
            Kind::Products => Msg::ImportKindProducts,
            Kind::Stock => Msg::ImportKindStock,
            Kind::Traffic => Msg::ImportKindTraffic,
        })
    }

    /// Why a change, an undo or a redo was refused — a rule of the command
    /// (`Command::check`) or what the store found — as the store and the command line
    /// say it (the values are data and stay as they are; a SKU or a persona from a file
    /// is made safe to show).
    pub fn refusal(self, r: &Refusal) -> String {
        let quoted = |text: &str| format!("{:?}", sanitize(text));
        match r {
            Refusal::UnknownSku(sku) => self.f(Msg::RefusedUnknownSku, &[&quoted(sku)]),
            Refusal::NothingToChange => self.t(Msg::RefusedNothingToChange).to_string(),
            Refusal::BatchName => self.f(Msg::RefusedBatchName, &[]),
            Refusal::BatchNameId(name) => self.f(Msg::RefusedBatchNameId, &[name]),
            Refusal::BatchEnds => self.f(Msg::RefusedBatchEnds, &[]),
            Refusal::LadderStep(n) => self.f(Msg::RefusedLadderStep, &[n]),
            Refusal::CashNegative => self.f(Msg::RefusedCashNegative, &[]),
            Refusal::BatchNameTaken(name) => {
                self.f(Msg::RefusedBatchNameTaken, &[&format!("{name:?}")])
            }
            Refusal::BatchNameOther(name) => {
                self.f(Msg::RefusedBatchNameOther, &[&format!("{name:?}")])
            }
            Refusal::NoBatch(id) => self.f(Msg::RefusedNoBatch, &[id]),
            Refusal::UnitsNegative { sku, .. } => self.f(Msg::RefusedUnitsNegative, &[sku]),
            Refusal::NoPlan(id) => self.f(Msg::RefusedNoPlan, &[id]),
            Refusal::NoCandidate(id) => self.f(Msg::RefusedNoCandidate, &[id]),
            Refusal::CandidateName => self.f(Msg::RefusedCandidateName, &[]),
            Refusal::Score(_) => self.f(Msg::RefusedScores, &[]),
            Refusal::CandidateNegative(_) => self.f(Msg::RefusedCandidateNegative, &[]),
            Refusal::UnknownPersona(code) => self.f(Msg::RefusedUnknownPersona, &[&quoted(code)]),
            Refusal::SkuNeedsCode => self.f(Msg::RefusedSkuNeedsCode, &[]),
            Refusal::AlreadySku => self.f(Msg::RefusedAlreadySku, &[]),
            Refusal::SkuExists(sku) => self.f(Msg::RefusedSkuExists, &[&quoted(sku)]),
            Refusal::PlanTitle => self.f(Msg::RefusedPlanTitle, &[]),
            Refusal::MetricNeedsBatch(m) => {
                self.f(Msg::RefusedMetricNeedsBatch, &[&self.metric_name(*m)])
            }
            Refusal::MetricNeedsCategory(m) => {
                self.f(Msg::RefusedMetricNeedsCategory, &[&self.metric_name(*m)])
            }
            Refusal::PlanFollowsBatch => self.t(Msg::RefusedPlanFollowsBatch).to_string(),
            Refusal::UnknownCategory(name) => self.f(Msg::RefusedUnknownCategory, &[&quoted(name)]),
            Refusal::PersonaCode => self.f(Msg::RefusedPersonaCode, &[]),
            Refusal::NoPersona(code) => self.f(Msg::RefusedNoPersona, &[code]),
            Refusal::PersonaUsed { candidates, code } => {
                self.f(Msg::RefusedPersonaUsed, &[candidates, code])
            }
            Refusal::NotASetting(key) => self.f(Msg::RefusedNotASetting, &[key]),
            // Said as the settings say it, in English (as the store said it before).
            Refusal::SettingValue(why) => why.clone(),
            Refusal::BatchFollowed(plans) => self.f(Msg::RefusedBatchFollowed, &[plans]),
            Refusal::UndoDemo(summary) => self.f(Msg::UndoDemo, &[&self.summary(summary)]),
        }
    }

    /// A rule a form's command breaks, in the form's words: the field it is about first
    /// (`name: a candidate needs a name`), where the form has words of its own; else as
    /// [`Lang::refusal`] says it.
    pub fn refusal_in_form(self, r: &Refusal) -> String {
        match r {
            Refusal::NothingToChange => self.t(Msg::NothingToChange).to_string(),
            Refusal::BatchName => self.t(Msg::BatchNeedsName).to_string(),
            Refusal::CandidateName => self.t(Msg::CandidateNeedsName).to_string(),
            Refusal::PlanTitle => self.t(Msg::PlanNeedsTitle).to_string(),
            Refusal::SkuNeedsCode => self.t(Msg::NewSkuNeedsCode).to_string(),
            // The form lists metrics in words (issue 19): it names them so too.
            Refusal::MetricNeedsBatch(m) => self.f(Msg::MetricNeedsBatch, &[&self.metric(*m)]),
            Refusal::MetricNeedsCategory(m) => {
                self.f(Msg::MetricNeedsCategory, &[&self.metric(*m)])
            }
            other => self.refusal(other),
        }
    }

    /// A target metric as a message names it: its machine name in English (as
    /// `--target` writes it), its name in Chinese.
    fn metric_name(self, m: TargetMetric) -> &'static str {
        if self.is_en() {
            m.as_str()
        } else {
            self.metric(m)
        }
    }

    /// The row an undo or a redo found changed: `SKU A`, `setting margin_floor`, `a
    /// clearance batch row`.
    pub fn row(self, row: &Row) -> String {
        match row {
            Row::Setting(key) => self.f(Msg::RowSetting, &[key]),
            Row::Sku(sku) => self.f(Msg::RowSku, &[&sanitize(sku)]),
            Row::Of(table) => {
                let word = match table.as_str() {
                    "product" => Msg::TableProduct,
                    "tier_override" => Msg::TableTierOverride,
                    "clearance_batch" => Msg::TableClearanceBatch,
                    "batch_sku" => Msg::TableBatchSku,
                    "stock_lot" => Msg::TableStockLot,
                    "traffic" => Msg::TableTraffic,
                    "order_line" => Msg::TableOrderLine,
                    "candidate" => Msg::TableCandidate,
                    "plan" => Msg::TablePlan,
                    "persona" => Msg::TablePersona,
                    "setting" => Msg::TableSetting,
                    // A table added without a word here is named as it is in the database.
                    other => return self.f(Msg::RowOfTable, &[&other.replace('_', " ")]),
                };
                self.f(Msg::RowOfTable, &[&self.t(word)])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::command::{BatchRef, BatchSpec, Command, MarkBatch, Reclassify, TierChoice};
    use crate::domain::dates::Day;
    use crate::domain::history::Summary;
    use crate::domain::model::{
        BatchChannel, BatchStatus, Candidate, Horizon, Lifecycle, Plan, PlanStatus, Tier,
    };
    use crate::domain::money::Money;
    use crate::i18n::Lang;
    use crate::import::Kind;

    fn spec() -> BatchSpec {
        BatchSpec {
            name: "Summer".into(),
            channel: BatchChannel::TieredDiscount,
            starts_on: Day(739_000),
            ends_on: None,
            ladder: Default::default(),
            cash_target: Money::ZERO,
            status: BatchStatus::Planned,
        }
    }

    fn candidate() -> Candidate {
        Candidate {
            id: 2,
            name: "Lamp".into(),
            category: String::new(),
            market_growth_pct: Default::default(),
            competitive_gap: 3,
            gap_note: String::new(),
            user_pain: 3,
            pain_note: String::new(),
            brand_fit: 3,
            expected_unit_cost: Money::ZERO,
            expected_price: Money::ZERO,
            personas: Vec::new(),
            notes: String::new(),
            promoted_sku: None,
        }
    }

    fn plan() -> Plan {
        Plan {
            id: 3,
            horizon: Horizon::Short,
            title: "Clear hats".into(),
            due_on: None,
            status: PlanStatus::Doing,
            target: None,
            start: None,
            baseline: None,
            note: String::new(),
        }
    }

    /// Every kind of change, with its line in English (as the history wrote it before it
    /// spoke two languages, byte for byte) and in Chinese.
    fn cases() -> Vec<(Command, &'static str, &'static str)> {
        let reclassify = |skus: &[&str], tier, lifecycle, category: Option<&str>, reason: &str| {
            Command::Reclassify(Reclassify {
                skus: skus.iter().map(|s| s.to_string()).collect(),
                tier,
                lifecycle,
                category: category.map(str::to_string),
                reason: reason.into(),
            })
        };
        vec![
            (
                reclassify(
                    &["A"],
                    Some(TierChoice::Set(Tier::High)),
                    Some(Lifecycle::Core),
                    Some("hats"),
                    "slow",
                ),
                "reclassify A: tier high, lifecycle core, category hats (slow)",
                "重新分类 A：分层 高毛利，生命周期 主力，品类 hats（slow）",
            ),
            (
                reclassify(&["A", "B", "C"], Some(TierChoice::Auto), None, None, ""),
                "reclassify 3 SKUs: tier auto",
                "重新分类 3 个 SKU：分层 自动",
            ),
            (
                Command::MarkBatch(MarkBatch {
                    batch: BatchRef::New(spec()),
                    skus: vec![("A".into(), None), ("B".into(), Some(3))],
                }),
                "new batch Summer with 2 SKUs",
                "新建清仓批次 Summer，含 2 个 SKU",
            ),
            (
                Command::MarkBatch(MarkBatch {
                    batch: BatchRef::Existing(4),
                    skus: vec![("A".into(), None)],
                }),
                "add A to batch #4",
                "将 A 加入清仓批次 #4",
            ),
            (
                Command::EditBatch {
                    id: 4,
                    spec: spec(),
                },
                "edit batch Summer",
                "修改清仓批次 Summer",
            ),
            (
                Command::SetBatchStatus {
                    id: 4,
                    status: BatchStatus::Active,
                },
                "batch #4 status active",
                "清仓批次 #4 状态改为 进行中",
            ),
            (
                Command::DeleteBatch { id: 4 },
                "delete batch #4",
                "删除清仓批次 #4",
            ),
            (
                Command::SaveCandidate {
                    id: None,
                    candidate: Box::new(candidate()),
                },
                "add candidate Lamp",
                "新增候选品 Lamp",
            ),
            (
                Command::SaveCandidate {
                    id: Some(2),
                    candidate: Box::new(candidate()),
                },
                "edit candidate Lamp",
                "修改候选品 Lamp",
            ),
            (
                Command::DeleteCandidate { id: 2 },
                "delete candidate #2",
                "删除候选品 #2",
            ),
            (
                Command::PromoteCandidate {
                    id: 2,
                    sku: "LMP-1".into(),
                },
                "promote candidate #2 to SKU LMP-1",
                "候选品 #2 转为 SKU LMP-1",
            ),
            (
                Command::SavePlan {
                    id: None,
                    plan: Box::new(plan()),
                },
                "add plan Clear hats",
                "新增行动计划 Clear hats",
            ),
            (
                Command::SavePlan {
                    id: Some(3),
                    plan: Box::new(plan()),
                },
                "edit plan Clear hats (doing)",
                "修改行动计划 Clear hats（进行中）",
            ),
            (
                Command::DeletePlan { id: 3 },
                "delete plan #3",
                "删除行动计划 #3",
            ),
            (
                Command::SavePersona {
                    code: "students".into(),
                    label: "Students".into(),
                },
                "persona students: Students",
                "用户画像 students：Students",
            ),
            (
                Command::DeletePersona {
                    code: "students".into(),
                },
                "delete persona students",
                "删除用户画像 students",
            ),
            (
                Command::SetSettings {
                    changes: vec![
                        ("margin_floor".into(), Some("0.2".into())),
                        ("window_days".into(), None),
                    ],
                },
                "settings: margin_floor 0.2, window_days back to the config file",
                "设置：margin_floor 0.2，window_days 恢复为配置文件中的值",
            ),
        ]
    }

    #[test]
    fn every_change_has_its_line_in_both_languages() {
        for (cmd, en, zh) in cases() {
            let summary = Summary::of(&cmd);
            assert_eq!(Lang::En.summary(&summary), en);
            assert_eq!(Lang::ZhCn.summary(&summary), zh);
            // Stored and read back, it says the same in either language.
            let read = Summary::from_stored(&summary.to_stored());
            assert_eq!(Lang::En.summary(&read), en);
            assert_eq!(Lang::ZhCn.summary(&read), zh);
        }
        assert_eq!(
            Lang::En.import_summary(Kind::Orders, "shop.csv", 3, 1, 0),
            "orders shop.csv: 3 added, 1 changed, 0 unchanged"
        );
        assert_eq!(
            Lang::ZhCn.import_summary(Kind::Orders, "shop.csv", 3, 1, 0),
            "订单 shop.csv：新增 3，修改 1，未变 0"
        );
    }
}
