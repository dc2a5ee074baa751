//! What a change did, as the change history says it: one line per change, in the
//! language of the session that made it (the history keeps the line as written).
//!
//! In English the values are their machine names (`tier high`, `lifecycle core`,
//! `status active`), exactly as the history said them before it spoke two languages;
//! in Chinese they are the names a person reads ([`super::names`]).

use crate::domain::command::{BatchRef, Command, TierChoice};
use crate::import::Kind;

use super::{Lang, Msg};

impl Lang {
    /// The history's line for a change.
    pub fn summary(self, cmd: &Command) -> String {
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
        match cmd {
            Command::Reclassify(r) => {
                let mut parts = Vec::new();
                match r.tier {
                    Some(TierChoice::Auto) => parts.push(self.t(Msg::SumTierAuto).to_string()),
                    Some(TierChoice::Set(t)) => {
                        parts.push(self.f(Msg::SumTier, &[&name(t.as_str(), self.tier(t))]))
                    }
                    None => {}
                }
                if let Some(l) = r.lifecycle {
                    let l = name(l.as_str(), self.lifecycle(l));
                    parts.push(self.f(Msg::SumLifecycle, &[&l]));
                }
                if let Some(c) = &r.category {
                    parts.push(self.f(Msg::SumCategory, &[c]));
                }
                let why = if r.reason.is_empty() {
                    String::new()
                } else {
                    self.f(Msg::SumReason, &[&r.reason])
                };
                let parts = parts.join(self.t(Msg::SumPartsJoin));
                self.f(Msg::SumReclassify, &[&skus(&r.skus), &parts, &why])
            }
            Command::MarkBatch(m) => {
                let codes: Vec<String> = m.skus.iter().map(|(s, _)| s.clone()).collect();
                match &m.batch {
                    BatchRef::New(spec) => self.f(Msg::SumNewBatch, &[&spec.name, &skus(&codes)]),
                    BatchRef::Existing(id) => self.f(Msg::SumAddToBatch, &[&skus(&codes), id]),
                }
            }
            Command::EditBatch { spec, .. } => self.f(Msg::SumEditBatch, &[&spec.name]),
            Command::SetBatchStatus { id, status } => {
                let status = name(status.as_str(), self.batch_status(*status));
                self.f(Msg::SumBatchStatus, &[id, &status])
            }
            Command::DeleteBatch { id } => self.f(Msg::SumDeleteBatch, &[id]),
            Command::SaveCandidate {
                id: None,
                candidate,
            } => self.f(Msg::SumAddCandidate, &[&candidate.name]),
            Command::SaveCandidate { candidate, .. } => {
                self.f(Msg::SumEditCandidate, &[&candidate.name])
            }
            Command::DeleteCandidate { id } => self.f(Msg::SumDeleteCandidate, &[id]),
            Command::PromoteCandidate { id, sku } => self.f(Msg::SumPromote, &[id, sku]),
            Command::SavePlan { id: None, plan } => self.f(Msg::SumAddPlan, &[&plan.title]),
            Command::SavePlan { plan, .. } => {
                let status = name(plan.status.as_str(), self.plan_status(plan.status));
                self.f(Msg::SumEditPlan, &[&plan.title, &status])
            }
            Command::DeletePlan { id } => self.f(Msg::SumDeletePlan, &[id]),
            Command::SavePersona { code, label } => self.f(Msg::SumPersona, &[code, label]),
            Command::DeletePersona { code } => self.f(Msg::SumDeletePersona, &[code]),
            Command::SetSettings { changes } => {
                let parts: Vec<String> = changes
                    .iter()
                    .map(|(key, value)| match value {
                        Some(v) => format!("{key} {v}"),
                        None => self.f(Msg::SumSettingBack, &[key]),
                    })
                    .collect();
                self.f(Msg::SumSettings, &[&parts.join(self.t(Msg::SumPartsJoin))])
            }
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
        let kind = self.file_kind(kind);
        self.f(
            Msg::SumImport,
            &[&kind, &file, &added, &changed, &unchanged],
        )
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
}

#[cfg(test)]
mod tests {
    use crate::domain::command::{BatchRef, BatchSpec, Command, MarkBatch, Reclassify, TierChoice};
    use crate::domain::dates::Day;
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
            assert_eq!(Lang::En.summary(&cmd), en);
            assert_eq!(Lang::ZhCn.summary(&cmd), zh);
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
