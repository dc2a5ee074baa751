//! The domain's values as a person reads them, in either language: tiers, lifecycles,
//! channels, statuses, verdicts, target metrics, filters, columns; and the aging tab's
//! suggested actions, looked up by their English text. (The key table's help texts
//! and action names are message ids in `keymap` itself.)
//!
//! The machine names (`Tier::as_str`, `BatchChannel::as_str`, …) are a contract with
//! the JSON report, the CSV files and the command line, and are not touched here.

use crate::domain::aging_view::{Column, Filter, Suggestion};
use crate::domain::clearance::{LadderError, LadderProblem};
use crate::domain::command::TierChoice;
use crate::domain::headline::Headline;
use crate::domain::mix_view::Breakdown;
use crate::domain::model::{BatchChannel, BatchStatus, Horizon, Lifecycle, PlanStatus, Tier};
use crate::domain::money::{MoneyError, MAX_DECIMALS};
use crate::domain::plan::TargetMetric;
use crate::domain::scoring::{GateFailure, Verdict};
use crate::domain::settings::WeekStart;

use super::{Lang, Msg};

impl Lang {
    /// What the mix tab's breakdown groups by: `category`, `brand` / 品类, 品牌.
    pub fn breakdown(self, by: Breakdown) -> &'static str {
        self.t(match by {
            Breakdown::Category => Msg::BreakdownCategory,
            Breakdown::Brand => Msg::BreakdownBrand,
        })
    }

    /// A category or brand as shown: `name`, or `(none)` / （无品类）, `(no brand)` /
    /// （无品牌） for the SKUs without one. (Data: strip it for the terminal.)
    pub fn group_name(self, by: Breakdown, name: &str) -> &str {
        match (name.is_empty(), by) {
            (false, _) => name,
            (true, Breakdown::Category) => self.t(Msg::NoCategory),
            (true, Breakdown::Brand) => self.t(Msg::NoBrand),
        }
    }

    /// The first day of the week: `Monday` / 周一.
    pub fn week_start(self, w: WeekStart) -> &'static str {
        self.t(match w {
            WeekStart::Monday => Msg::WeekMonday,
            WeekStart::Tuesday => Msg::WeekTuesday,
            WeekStart::Wednesday => Msg::WeekWednesday,
            WeekStart::Thursday => Msg::WeekThursday,
            WeekStart::Friday => Msg::WeekFriday,
            WeekStart::Saturday => Msg::WeekSaturday,
            WeekStart::Sunday => Msg::WeekSunday,
        })
    }

    /// `high`, `mid`, `low`, `unclassified` / 高毛利, 中毛利, 低毛利, 未分类.
    pub fn tier(self, t: Tier) -> &'static str {
        self.t(match t {
            Tier::High => Msg::TierHigh,
            Tier::Mid => Msg::TierMid,
            Tier::Low => Msg::TierLow,
            Tier::Unclassified => Msg::TierUnclassified,
        })
    }

    /// A tier in a narrow column: as [`Lang::tier`] in English, one character in Chinese.
    pub fn tier_short(self, t: Tier) -> &'static str {
        self.t(match t {
            Tier::High => Msg::TierShortHigh,
            Tier::Mid => Msg::TierShortMid,
            Tier::Low => Msg::TierShortLow,
            Tier::Unclassified => Msg::TierShortUnclassified,
        })
    }

    pub fn tier_choice(self, c: Option<TierChoice>) -> &'static str {
        match c {
            None => self.t(Msg::ChoiceKeep),
            Some(TierChoice::Auto) => self.t(Msg::TierAuto),
            Some(TierChoice::Set(t)) => self.tier(t),
        }
    }

    pub fn lifecycle(self, l: Lifecycle) -> &'static str {
        self.t(match l {
            Lifecycle::New => Msg::LifecycleNew,
            Lifecycle::Core => Msg::LifecycleCore,
            Lifecycle::Seasonal => Msg::LifecycleSeasonal,
            Lifecycle::Clearance => Msg::LifecycleClearance,
            Lifecycle::Discontinued => Msg::LifecycleDiscontinued,
        })
    }

    /// The channel as a person says it (`BatchChannel::label` in English).
    pub fn channel(self, c: BatchChannel) -> &'static str {
        self.t(match c {
            BatchChannel::TieredDiscount => Msg::ChannelTieredDiscount,
            BatchChannel::FlashSale => Msg::ChannelFlashSale,
            BatchChannel::Bogo => Msg::ChannelBogo,
            BatchChannel::SecondHand => Msg::ChannelSecondHand,
            BatchChannel::Consignment => Msg::ChannelConsignment,
            BatchChannel::Bundle => Msg::ChannelBundle,
        })
    }

    pub fn batch_status(self, s: BatchStatus) -> &'static str {
        self.t(match s {
            BatchStatus::Planned => Msg::BatchPlanned,
            BatchStatus::Active => Msg::BatchActive,
            BatchStatus::Done => Msg::BatchDone,
        })
    }

    pub fn horizon(self, h: Horizon) -> &'static str {
        self.t(match h {
            Horizon::Short => Msg::HorizonShort,
            Horizon::Mid => Msg::HorizonMid,
            Horizon::Long => Msg::HorizonLong,
        })
    }

    pub fn plan_status(self, s: PlanStatus) -> &'static str {
        self.t(match s {
            PlanStatus::Todo => Msg::PlanTodo,
            PlanStatus::Doing => Msg::PlanDoing,
            PlanStatus::Done => Msg::PlanDone,
            PlanStatus::Dropped => Msg::PlanDropped,
        })
    }

    pub fn verdict(self, v: Verdict) -> &'static str {
        self.t(match v {
            Verdict::Launch => Msg::VerdictLaunch,
            Verdict::TestBatch => Msg::VerdictTestBatch,
            Verdict::Hold => Msg::VerdictHold,
            Verdict::Reject => Msg::VerdictReject,
        })
    }

    /// A plan's target metric in words (`high tier revenue share` / 高毛利销售额占比).
    pub fn metric(self, m: TargetMetric) -> &'static str {
        self.t(Msg::of_metric(m))
    }

    /// The aging table's filter as its info line writes it.
    pub fn filter(self, f: Filter) -> String {
        match f {
            Filter::All => self.t(Msg::FilterAll).into(),
            Filter::Slow => self.t(Msg::FilterSlow).into(),
            Filter::Best => self.t(Msg::FilterBest).into(),
            Filter::CostMissing => self.t(Msg::FilterCostMissing).into(),
            Filter::New => self.t(Msg::FilterNew).into(),
            Filter::Reorder => self.t(Msg::FilterReorder).into(),
            Filter::Tier(t) => self.f(Msg::FilterTier, &[&self.tier(t)]),
        }
    }

    /// A headline KPI's label in the Markdown report's table.
    pub fn headline_label(self, h: Headline) -> &'static str {
        self.t(match h {
            Headline::NetRevenue => Msg::MdNetRevenue,
            Headline::GrossProfit => Msg::MdGrossProfit,
            Headline::GrossMargin => Msg::MdGrossMargin,
            Headline::HighTierShare => Msg::MdHighShare,
            Headline::LowTierShare => Msg::MdLowShare,
            Headline::Capital => Msg::MdCapital,
            Headline::TurnoverDays => Msg::MdTurnover,
            Headline::SlowMovers => Msg::MdSlow,
            Headline::BestSellers => Msg::MdBest,
            Headline::RepurchaseRate => Msg::MdRepurchase,
            Headline::HighTierRepurchaseRate => Msg::MdHighRepurchase,
            Headline::MobileShare => Msg::MdMobile,
            Headline::NewProductConversion => Msg::MdNewConversion,
        })
    }

    /// A suggested next step, as a person reads it.
    pub fn suggestion(self, s: Suggestion) -> String {
        let short = |d: crate::domain::dates::Day| d.date().format("%m-%d").to_string();
        match s {
            Suggestion::AddCost => self.t(Msg::SuggestAddCost).into(),
            Suggestion::SecondHand => self.t(Msg::SuggestSecondHand).into(),
            Suggestion::TieredPromotion => self.t(Msg::SuggestTieredDiscount).into(),
            Suggestion::Consignment => self.t(Msg::SuggestConsignment).into(),
            Suggestion::ClearanceBatch => self.t(Msg::SuggestClearanceBatch).into(),
            Suggestion::Order { qty, by } => self.f(Msg::SuggestOrder, &[&qty, &short(by)]),
            Suggestion::ReorderBy { by } => self.f(Msg::SuggestReorderBy, &[&short(by)]),
            Suggestion::None => String::new(),
        }
    }

    /// A per-SKU column's header on screen. Columns the screen does not show have no
    /// message of their own and read as their English title.
    pub fn column(self, c: Column) -> &'static str {
        self.t(match c {
            Column::Sku => Msg::ColSku,
            Column::Name => Msg::ColName,
            Column::Category => Msg::ColCategory,
            Column::Tier => Msg::ColTier,
            Column::OnHand => Msg::ColOnHand,
            Column::Capital => Msg::ColCapital,
            Column::LastSale => Msg::ColLastSale,
            Column::Velocity => Msg::ColVelocity,
            Column::Cover => Msg::ColCover,
            Column::Ages => Msg::ColAges,
            Column::Flags => Msg::ColFlags,
            Column::Action => Msg::ColAction,
            Column::StockoutDate => Msg::ColRunsOut,
            Column::ReorderQty => Msg::ColOrder,
            other => return other.title(),
        })
    }

    /// Why a candidate fails a gate.
    pub fn gate(self, g: &GateFailure) -> String {
        match g {
            GateFailure::Growth {
                growth_pct,
                gate_pct,
            } => self.f(
                Msg::GateGrowth,
                &[&growth_pct.normalize(), &gate_pct.normalize()],
            ),
            GateFailure::Margin { margin, floor_pct } => {
                let shown = margin.map_or("—".to_string(), |m| format!("{:.1}%", m * 100.0));
                self.f(Msg::GateMargin, &[&shown, &floor_pct.normalize()])
            }
        }
    }

    /// What is wrong with an amount typed in (after the amount itself).
    pub fn money_error(self, e: &MoneyError) -> String {
        match e {
            MoneyError::NotANumber => self.t(Msg::MoneyNotANumber).into(),
            MoneyError::TooPrecise => self.f(Msg::MoneyTooPrecise, &[&MAX_DECIMALS]),
            MoneyError::TooLarge => self.t(Msg::MoneyTooLarge).into(),
        }
    }

    /// What is wrong with a discount ladder typed in.
    pub fn ladder_error(self, e: &LadderError) -> String {
        let m = match e.problem {
            LadderProblem::NotAPercentage => Msg::LadderNotAPercentage,
            LadderProblem::OutOfRange => Msg::LadderOutOfRange,
            LadderProblem::BadDays => Msg::LadderBadDays,
        };
        self.f(m, &[&format!("{:?}", e.step)])
    }

    /// Every failed gate, joined with `; ` (the `failed_gates` text in English).
    pub fn gates(self, gates: &[GateFailure]) -> String {
        let parts: Vec<String> = gates.iter().map(|g| self.gate(g)).collect();
        parts.join(self.t(Msg::ListSeparator))
    }

    /// A text the domain gives in English (a suggested action), in this language: the
    /// English itself when it is not in the table.
    pub fn english(self, en: &str) -> &str {
        if self.is_en() {
            return en;
        }
        match lookup_english(en) {
            Some(m) => self.t(m),
            None => en,
        }
    }
}

/// The messages that are looked up by their English text: the suggested actions.
pub const BY_ENGLISH: &[Msg] = &[
    Msg::SuggestAddCost,
    Msg::SuggestSecondHand,
    Msg::SuggestConsignment,
    Msg::SuggestTieredDiscount,
    Msg::SuggestClearanceBatch,
    Msg::SuggestPromotion,
    Msg::SuggestReorder,
];

fn lookup_english(en: &str) -> Option<Msg> {
    BY_ENGLISH.iter().copied().find(|m| m.en() == en)
}

impl Msg {
    /// The name of a target metric as a person reads it.
    pub fn of_metric(m: TargetMetric) -> Msg {
        match m {
            TargetMetric::HighTierRevenueShare => Msg::MetricHighTierRevenueShare,
            TargetMetric::LowTierRevenueShare => Msg::MetricLowTierRevenueShare,
            TargetMetric::PortfolioMargin => Msg::MetricPortfolioMargin,
            TargetMetric::TurnoverDays => Msg::MetricTurnoverDays,
            TargetMetric::RepurchaseRate => Msg::MetricRepurchaseRate,
            TargetMetric::HighTierRepurchaseRate => Msg::MetricHighTierRepurchaseRate,
            TargetMetric::MobileShare => Msg::MetricMobileShare,
            TargetMetric::NewProductConversion => Msg::MetricNewProductConversion,
            TargetMetric::NetRevenue => Msg::MetricNetRevenue,
            TargetMetric::BatchCashRecovered => Msg::MetricBatchCashRecovered,
            TargetMetric::BatchUnitsCleared => Msg::MetricBatchUnitsCleared,
            TargetMetric::LowTierSkuShare => Msg::MetricLowTierSkuShare,
            TargetMetric::SlowMoverCapital => Msg::MetricSlowMoverCapital,
            TargetMetric::LowTierCapital => Msg::MetricLowTierCapital,
            TargetMetric::CategoryRevenueShare => Msg::MetricCategoryRevenueShare,
            TargetMetric::RevenueGrowthYoy => Msg::MetricRevenueGrowthYoy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suggestion_reads_as_words_in_both_languages() {
        use crate::domain::dates::Day;
        let by = Day::from_date(chrono::NaiveDate::from_ymd_opt(2025, 12, 25).unwrap());
        for s in [
            Suggestion::AddCost,
            Suggestion::SecondHand,
            Suggestion::TieredPromotion,
            Suggestion::Consignment,
            Suggestion::ClearanceBatch,
            Suggestion::Order { qty: 46, by },
            Suggestion::ReorderBy { by },
        ] {
            assert_eq!(Lang::En.suggestion(s), s.english());
            let zh = Lang::ZhCn.suggestion(s);
            assert_ne!(zh, s.english(), "{s:?}");
            assert!(!zh.is_empty());
        }
        assert_eq!(
            Lang::En.suggestion(Suggestion::Order { qty: 46, by }),
            "order 46 by 12-25"
        );
        assert_eq!(Lang::En.suggestion(Suggestion::None), "");
    }

    #[test]
    fn english_errors_are_the_domains_own() {
        for e in [
            MoneyError::NotANumber,
            MoneyError::TooPrecise,
            MoneyError::TooLarge,
        ] {
            assert_eq!(Lang::En.money_error(&e), e.to_string());
        }
        for text in ["x%", "120%", "10%@xd"] {
            let e = crate::domain::clearance::Ladder::parse(text).unwrap_err();
            assert_eq!(Lang::En.ladder_error(&e), e.to_string());
            assert_ne!(Lang::ZhCn.ladder_error(&e), e.to_string());
        }
    }

    #[test]
    fn english_names_are_the_domains_own() {
        for t in Tier::ALL {
            assert_eq!(Lang::En.tier(t), t.as_str());
        }
        for l in Lifecycle::ALL {
            assert_eq!(Lang::En.lifecycle(l), l.as_str());
        }
        for c in BatchChannel::ALL {
            assert_eq!(Lang::En.channel(c), c.label());
        }
        for m in TargetMetric::ALL {
            assert_eq!(Lang::En.metric(m), m.as_str().replace('_', " "));
        }
        for v in [
            Verdict::Launch,
            Verdict::TestBatch,
            Verdict::Hold,
            Verdict::Reject,
        ] {
            assert_eq!(Lang::En.verdict(v), v.label());
        }
        for s in [BatchStatus::Planned, BatchStatus::Active, BatchStatus::Done] {
            assert_eq!(Lang::En.batch_status(s), s.as_str());
        }
        for s in [
            PlanStatus::Todo,
            PlanStatus::Doing,
            PlanStatus::Done,
            PlanStatus::Dropped,
        ] {
            assert_eq!(Lang::En.plan_status(s), s.as_str());
        }
        for h in [Horizon::Short, Horizon::Mid, Horizon::Long] {
            assert_eq!(Lang::En.horizon(h), h.as_str());
        }
        for c in Column::ALL {
            assert_eq!(Lang::En.column(c), c.title());
        }
        for f in Filter::CYCLE {
            assert_eq!(Lang::En.filter(f), f.label());
        }
    }
}
