//! Every message skudesk shows a person, in English and Simplified Chinese, side by
//! side: one row per message, so a message cannot exist in one language only (the
//! macro takes both or does not compile). `{0}`, `{1}`… are filled in by
//! [`Lang::f`](super::Lang::f); each language puts them where its grammar wants them.
//!
//! The Chinese follows the seller's own review (the seed): 毛利率, 保底毛利率,
//! 目标毛利率, 周转天数, 滞销品, 畅销品, 清仓批次, 回笼资金, 复购率, 新品转化率,
//! 高/中/低毛利, 商品结构, 库龄, 新品评分, 行动计划, 用户画像, 痛点.
//!
//! English texts are exactly what the app said before it spoke two languages: the
//! English screens and reports do not change by a byte.

macro_rules! strings {
    ($($key:ident : $en:expr, $zh:expr;)*) => {
        /// A message, in every language skudesk speaks.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($key,)*
        }

        impl Msg {
            /// Every message, for the tests that hold the table together.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            pub fn en(self) -> &'static str {
                match self {
                    $(Msg::$key => $en,)*
                }
            }

            pub fn zh_cn(self) -> &'static str {
                match self {
                    $(Msg::$key => $zh,)*
                }
            }
        }
    };
}

strings! {
    // ── Tabs, status bar, footer ─────────────────────────────────────────────────
    TabMix: "Product mix", "商品结构";
    TabAging: "Inventory aging", "库存周转/库龄";
    TabScoring: "New-product scoring", "新品评分";
    TabPlans: "Action plans", "行动计划";
    BadgeReadOnly: " READ-ONLY ", " 只读 ";
    BadgeDemo: " DEMO ", " 演示 ";
    StatusFrame: "as of {0} · window {1} d · velocity {2} d",
        "统计截至日 {0} · 分析窗口 {1} 天 · 销速窗口 {2} 天";
    StatusSkus: " · {0} SKUs", " · {0} 个 SKU";
    StatusSelected: " · {0} selected", " · 已选 {0} 个";
    SearchPrompt: "search: ", "搜索：";
    SearchKeys: "▏  {0} keep · {1} clear", "▏  {0} 保留 · {1} 清除";
    TooSmall: "skudesk needs a terminal of at least {0}×{1}; this one is {2}×{3}.\nEnlarge the window, or press q to quit.",
        "skudesk 需要至少 {0}×{1} 的终端，当前为 {2}×{3}。\n请放大窗口，或按 q 退出。";
    HelpTitle: " Keys — {0} closes ", " 按键 — {0} 关闭 ";
    HelpScroll: " {0}–{1} of {2} · {3} scroll ", " 第 {0}–{1} 行，共 {2} 行 · {3} 滚动 ";

    // ── Key table (`src/keymap.rs`): scopes, help texts ──────────────────────────
    ScopeGlobal: "Everywhere", "全局";
    ScopeTable: "Tables", "表格";
    ScopeAging: "Aging tab", "库龄页";
    ScopeScoring: "Scoring tab", "新品评分页";
    ScopePlans: "Plans tab", "行动计划页";
    ScopeSearch: "Search line", "搜索栏";
    ScopeForm: "Forms", "表单";
    ScopeConfirm: "Questions", "确认提问";
    ScopePreview: "Import preview", "导入预览";
    ScopeView: "Info popups", "信息弹窗";
    ScopeHelp: "Help, messages", "帮助/消息记录";
    ScopeWelcome: "Welcome screen", "欢迎页";
    HelpQuit: "quit", "退出";
    HelpHelp: "help: every key", "帮助：全部按键";
    HelpTabMix: "product mix tab", "商品结构页";
    HelpTabAging: "inventory aging tab", "库存周转/库龄页";
    HelpTabScoring: "new-product scoring tab", "新品评分页";
    HelpTabPlans: "action plans tab", "行动计划页";
    HelpNextTab: "next tab", "下一页";
    HelpPrevTab: "previous tab", "上一页";
    HelpAsOfEarlier: "as-of a day earlier", "统计截至日提前一天";
    HelpAsOfLater: "as-of a day later", "统计截至日推后一天";
    HelpWindow: "window 30/60/90/180 days", "分析窗口 30/60/90/180 天";
    HelpBack: "close; clear filters", "关闭；清除筛选";
    HelpDown: "down", "下移";
    HelpUp: "up", "上移";
    HelpPageDown: "page down", "下翻一页";
    HelpPageUp: "page up", "上翻一页";
    HelpFirstRow: "first row", "第一行";
    HelpLastRow: "last row", "最后一行";
    HelpOpen: "open the row", "打开本行";
    HelpSortNext: "sort by next column", "按下一列排序";
    HelpSortPrev: "sort by previous column", "按上一列排序";
    HelpSortReverse: "reverse sort order", "反转排序";
    HelpFilter: "filter slow/best/tier", "筛选 滞销/畅销/分层";
    HelpSearch: "search SKU and name", "搜索 SKU 和名称";
    HelpUndo: "undo the last change", "撤销上一次修改";
    HelpExport: "export this table to CSV", "导出本表为 CSV";
    HelpRedo: "redo", "重做";
    HelpHistory: "change history", "修改历史";
    HelpToggleSelect: "select row, move down", "选中本行并下移";
    HelpRange: "start/end a range", "开始/结束区间选择";
    HelpSelectAll: "select all shown", "全选当前显示的";
    HelpReclassify: "reclassify (tier, …)", "重新分类（分层等）";
    HelpMarkBatch: "put in a clearance batch", "放入清仓批次";
    HelpAddCandidate: "add a candidate", "新增候选品";
    HelpEditCandidate: "edit the candidate", "编辑候选品";
    HelpDeleteCandidate: "delete it (asks)", "删除（先确认）";
    HelpPromote: "promote to a SKU", "转为正式 SKU";
    HelpMarkCompare: "mark for comparing", "标记以便比较";
    HelpCompare: "compare the marked", "比较已标记的";
    HelpAddPlan: "add a plan", "新增计划";
    HelpEditPlan: "edit plan or batch", "编辑计划或批次";
    HelpCloseBatch: "close batch (done)", "结束批次（完成）";
    HelpDeletePlan: "delete plan/batch", "删除计划/批次";
    HelpImport: "import a CSV file", "导入 CSV 文件";
    HelpSettings: "settings: thresholds", "设置：阈值与窗口";
    HelpSearchKeep: "keep the search", "保留搜索";
    HelpSearchClear: "clear the search", "清除搜索";
    HelpFormSubmit: "save / apply", "保存/应用";
    HelpFormCancel: "cancel, save nothing", "取消，不保存";
    HelpNextField: "next field", "下一栏";
    HelpPrevField: "previous field", "上一栏";
    HelpYesDelete: "yes: go ahead", "是：执行";
    HelpNoKeep: "no: keep everything", "否：全部保留";
    HelpImportIfOk: "import if no errors", "无错误时导入";
    HelpImportNothing: "close, import nothing", "关闭，不导入";
    HelpClose: "close", "关闭";
    HelpScrollDown: "scroll down", "向下滚动";
    HelpScrollUp: "scroll up", "向上滚动";
    HelpScrollPageDown: "scroll a page down", "向下滚动一页";
    HelpScrollPageUp: "scroll a page up", "向上滚动一页";
    HelpScrollTop: "to the top", "回到顶部";
    HelpScrollBottom: "to the bottom", "到底部";
    HelpWelcomeStart: "start; not shown again", "开始（不再显示）";
    HelpWelcomeQuit: "quit (shows again)", "退出（下次仍显示）";

    // ── Footer: action names (`sort_next` as `sort next`; see `Action::label`) ──
    ActQuit: "quit", "退出";
    ActNextTab: "next tab", "下一页";
    ActPrevTab: "prev tab", "上一页";
    ActTabMix: "tab mix", "商品结构";
    ActTabAging: "tab aging", "库龄";
    ActTabScoring: "tab scoring", "新品评分";
    ActTabPlans: "tab plans", "行动计划";
    ActUp: "up", "上移";
    ActDown: "down", "下移";
    ActPageUp: "page up", "上翻一页";
    ActPageDown: "page down", "下翻一页";
    ActTop: "top", "首行";
    ActBottom: "bottom", "末行";
    ActOpen: "open", "打开";
    ActBack: "back", "返回";
    ActHelp: "help", "帮助";
    ActSortNext: "sort next", "排序";
    ActSortPrev: "sort prev", "上一排序";
    ActSortReverse: "sort reverse", "反向排序";
    ActCycleFilter: "cycle filter", "筛选";
    ActSearch: "search", "搜索";
    ActAsOfEarlier: "as of earlier", "统计截至日提前";
    ActAsOfLater: "as of later", "统计截至日推后";
    ActCycleWindow: "cycle window", "切换窗口";
    ActToggleSelect: "toggle select", "选中";
    ActRangeSelect: "range select", "区间选择";
    ActSelectAll: "select all", "全选";
    ActReclassify: "reclassify", "重新分类";
    ActClearanceBatch: "clearance batch", "清仓批次";
    ActUndo: "undo", "撤销";
    ActRedo: "redo", "重做";
    ActHistory: "history", "历史";
    ActAdd: "add", "新增";
    ActEdit: "edit", "编辑";
    ActCloseBatch: "close batch", "结束批次";
    ActDelete: "delete", "删除";
    ActPromote: "promote", "转为 SKU";
    ActCompare: "compare", "比较";
    ActExportView: "export view", "导出";
    ActImport: "import", "导入";
    ActSettings: "settings", "设置";
    ActClose: "close", "关闭";
    ActScrollDown: "scroll down", "向下滚动";
    ActScrollUp: "scroll up", "向上滚动";
    ActScrollPageDown: "scroll page down", "向下滚动一页";
    ActScrollPageUp: "scroll page up", "向上滚动一页";
    ActScrollTop: "scroll top", "回到顶部";
    ActScrollBottom: "scroll bottom", "到底部";
    ActSubmit: "submit", "提交";
    ActCancel: "cancel", "取消";
    ActNextField: "next field", "下一栏";
    ActPrevField: "prev field", "上一栏";
    ActYes: "yes", "是";
    ActNo: "no", "否";
    ActDismiss: "dismiss", "关闭欢迎页";

    // ── Values: tiers, lifecycles, channels, statuses, verdicts, metrics ────────
    TierHigh: "high", "高毛利";
    TierMid: "mid", "中毛利";
    TierLow: "low", "低毛利";
    TierUnclassified: "unclassified", "未分类";
    TierShortHigh: "high", "高";
    TierShortMid: "mid", "中";
    TierShortLow: "low", "低";
    TierShortUnclassified: "unclassified", "未分";
    TierAuto: "auto", "自动（按计算）";
    ChoiceKeep: "keep", "保持不变";
    ChoiceNone: "none", "无";
    LifecycleNew: "new", "新品";
    LifecycleCore: "core", "主力";
    LifecycleSeasonal: "seasonal", "季节性";
    LifecycleClearance: "clearance", "清仓";
    LifecycleDiscontinued: "discontinued", "停售";
    ChannelTieredDiscount: "tiered discount", "阶梯式折扣";
    ChannelFlashSale: "flash sale", "限时特卖";
    ChannelBogo: "buy-one-get-one", "买一赠一";
    ChannelSecondHand: "second-hand platform", "二手平台";
    ChannelConsignment: "consignment", "寄售";
    ChannelBundle: "bundle", "组合套装";
    BatchPlanned: "planned", "计划中";
    BatchActive: "active", "进行中";
    BatchDone: "done", "已完成";
    HorizonShort: "short", "短期";
    HorizonMid: "mid", "中期";
    HorizonLong: "long", "长期";
    PlanTodo: "todo", "待办";
    PlanDoing: "doing", "进行中";
    PlanDone: "done", "已完成";
    PlanDropped: "dropped", "已放弃";
    VerdictLaunch: "launch", "上线";
    VerdictTestBatch: "test batch", "小批测试";
    VerdictHold: "hold", "暂缓";
    VerdictReject: "reject", "淘汰";
    MetricHighTierRevenueShare: "high tier revenue share", "高毛利销售额占比";
    MetricLowTierRevenueShare: "low tier revenue share", "低毛利销售额占比";
    MetricPortfolioMargin: "portfolio margin", "整体毛利率";
    MetricTurnoverDays: "turnover days", "周转天数";
    MetricRepurchaseRate: "repurchase rate", "复购率";
    MetricHighTierRepurchaseRate: "high tier repurchase rate", "高毛利复购率";
    MetricMobileShare: "mobile share", "移动端占比";
    MetricNewProductConversion: "new product conversion", "新品转化率";
    MetricNetRevenue: "net revenue", "净销售额";
    MetricBatchCashRecovered: "batch cash recovered", "清仓回笼资金";
    MetricBatchUnitsCleared: "batch units cleared", "清仓件数";
    MetricCashOfBatch: "cash recovered", "回笼资金";
    MetricUnitsOfBatch: "units cleared", "已清件数";
    FilterAll: "all", "全部";
    FilterSlow: "slow movers", "滞销品";
    FilterBest: "best sellers", "畅销品";
    FilterCostMissing: "cost missing", "缺成本";
    FilterNew: "new", "新品";
    FilterReorder: "reorder now", "需补货";
    MdResults: "### What each batch really earned", "### 各批次实际收益";
    MdResultsHeader: "| Batch | Expected cash by now | Pace | COGS | Gross profit | Realised margin | Realised discount |",
        "| 批次 | 按时间应回笼 | 进度 | 销售成本 | 毛利 | 实际毛利率 | 实际折扣 |";
    PaceAhead: "ahead of pace", "进度超前";
    PaceOn: "on pace", "进度正常";
    PaceBehind: "behind pace", "进度落后";
    PaceNone: "no pace yet (not started, or no end date)", "尚无进度（未开始或无结束日）";
    ResultDates: "dates ", "日期 ";
    ResultCash: "cash recovered ", "回笼资金 ";
    ResultExpected: "  expected by now ", "  按时间应回笼 ";
    ResultUnits: "units cleared ", "清出件数 ";
    ResultCogs: "  COGS ", "  销售成本 ";
    ResultGp: "  gross profit ", "  毛利 ";
    ResultMargin: "realised margin ", "实际毛利率 ";
    ResultDiscount: "  realised discount ", "  实际折扣 ";
    ResultNoLadder: "no discount ladder: the batch's lines are counted as one", "无阶梯折扣：批次的订单合并计算";
    StepDiscount: "Discount", "折扣";
    StepDays: "Days", "日期";
    StepUnits: "Units", "件数";
    StepRevenue: "Revenue", "销售额";
    StepMargin: "Margin", "毛利率";
    StepPlanned: "Planned", "计划毛利率";
    ByAgeAll: "Capital by age (days):", "按库龄的占用资金（天）：";
    ByAgeShown: "Capital by age, rows shown:", "按库龄的占用资金（当前行）：";
    TrendTitle: "Over time, {0} (t: weeks/months · T: full screen)", "趋势，{0}（t：按周/按月 · T：全屏）";
    TrendTitleShort: "Over time, {0}", "趋势，{0}";
    TrendWeeks: "last 12 weeks", "最近 12 周";
    TrendMonths: "last 12 months", "最近 12 个月";
    TrendComputing: "computing the trend…", "正在计算趋势…";
    TrendWord: "the trend", "趋势";
    YearEarlierWord: "the year-earlier figures", "去年同期数据";
    FiguresFailed: "could not compute {0}: {1}", "无法计算{0}：{1}";
    YearEarlierComputing: "a year earlier, same window: computing…", "去年同期：正在计算…";
    TrendTargetHigh: "high target", "高毛利目标";
    TrendTargetLow: "low limit", "低毛利上限";
    TrendFloor: "margin floor", "保底毛利率";
    TrendHigh: "high-tier share", "高毛利占比";
    TrendLow: "low-tier share", "低毛利占比";
    TrendMargin: "gross margin", "毛利率";
    TrendTargetsAndFloor: "targets and floor", "目标线与保底线";
    TrendBars: "revenue · GP per period (thousands)", "每期销售额 · 毛利（千）";
    ActTrendPeriod: "trend period", "按周/按月";
    ActTrendChart: "trend chart", "趋势图";
    ActColumnsRight: "columns right", "右移列";
    ActColumnsLeft: "columns left", "左移列";
    HelpColumnsRight: "columns further right", "显示右侧更多列";
    HelpColumnsLeft: "columns back left", "显示左侧的列";
    AgingMoreColumns: "◂ ▸ {0} more columns (←/→) ", "◂ ▸ 另有 {0} 列（←/→）";
    HelpTrendPeriod: "trend by week or month", "趋势按周或按月";
    HelpTrendChart: "trend chart, full screen", "全屏趋势图";
    FilterTier: "tier {0}", "{0}";
    SuggestAddCost: "add unit cost", "补充单位成本";
    SuggestSecondHand: "second-hand platform", "二手平台";
    SuggestConsignment: "consignment", "寄售";
    SuggestTieredDiscount: "tiered discount", "促销：阶梯式折扣";
    SuggestClearanceBatch: "clearance batch", "清仓批次";
    SuggestPromotion: "promotion", "促销";
    SuggestReorder: "reorder", "补货";
    SuggestOrder: "order {0} by {1}", "补货 {0} 件，{1} 前下单";
    SuggestReorderBy: "reorder by {0}", "{0} 前补货";
    DetailNext: "Next step: ", "下一步：";
    DetailRunsOut: "runs out {0} ({1} ÷ {2}/d = {3} d)", "预计 {0} 售罄（{1} ÷ 日销 {2} = {3} 天）";
    DetailReorderPoint: "reorder at {0} = {1}/d × ({2} lead + {3} safety)", "补货点 {0} = 日销 {1} ×（交期 {2} + 安全 {3} 天）";
    DetailOrderMath: " · order ⌈{0} × ({1}+{2}+{3}) − {4}⌉ = {5}", " · 补货量 ⌈{0} ×（{1}+{2}+{3}）− {4}⌉ = {5}";
    DetailNotYet: " · on hand above it: no order yet", " · 库存高于补货点：暂不补货";
    DetailNoReorderRunDown: "no reorder: the SKU is being run down ({0})", "不补货：该 SKU 正在清退（{0}）";
    DetailNoReorderNoSales: "no reorder: no net sales in the last {0} days", "不补货：最近 {0} 天无净销量";
    GateGrowth: "market growth {0}%/yr is not above {1}%", "市场增长 {0}%/年，未高于 {1}%";
    GateMargin: "expected margin {0} is below the {1}% floor",
        "预期毛利率 {0}，低于保底毛利率 {1}%";
    ListSeparator: "; ", "；";
    Never: "never", "从未";
    DaysShort: "{0} d", "{0} 天";
    DaysAgo: "{0} days ago", "{0} 天前";
    Nothing: "none", "无";
    OpenEnded: "open", "未定";
    NoCategory: "(none)", "（无品类）";
    NoBrand: "(no brand)", "（无品牌）";

    // ── Tab 1, product mix ───────────────────────────────────────────────────────
    MixTier: "Tier", "毛利分层";
    MixByRevenue: "by revenue", "按销售额";
    MixByGrossProfit: "by gross profit", "按毛利额";
    MixBySkuCount: "by SKU count", "按 SKU 数";
    MixTargetMarks: "│ marks the targets: high-tier revenue share ≥ {0}, low-tier ≤ {1}",
        "│ 为目标线：高毛利销售额占比 ≥ {0}，低毛利 ≤ {1}";
    MixBarsTitle: " Margin tiers over {0} days (high ≥ {1}, low < {2}) ",
        " 近 {0} 天毛利分层（高毛利 ≥ {1}，低毛利 < {2}） ";
    PortfolioMargin: "Portfolio margin ", "整体毛利率 ";
    MarginBelowFloor: "below the floor", "低于保底毛利率";
    MarginBelowTarget: "above the floor, below target", "高于保底，低于目标";
    MarginOnTarget: "on target", "达到目标";
    MarginNoRevenue: "no revenue", "无销售额";
    MarginVerdictLine: " {0} · floor {1} · target {2}", " {0} · 保底 {1} · 目标 {2}";
    MixColTierCategory: "Tier / category", "分层 / 品类";
    MixColTierBrand: "Tier / brand", "分层 / 品牌";
    MixColSkus: "SKUs", "SKU数";
    MixColRevenue: "Revenue", "销售额";
    MixColShare: "Share", "占比";
    MixColMargin: "Margin", "毛利率";
    MixColCosted: "Costed", "有成本";
    MixColGp: "GP", "毛利额";
    MixColHigh: "High", "高毛利";
    MixColMid: "Mid", "中毛利";
    MixColLow: "Low", "低毛利";
    MixTierRow: "▸ {0} tier", "▸ {0}";
    MixTableTitle: " Tiers and categories — Enter shows their SKUs in the aging tab ",
        " 分层与品类 — Enter 在库龄页查看其 SKU ";
    MixTableTitleBrand: " Tiers and brands — Enter shows their SKUs in the aging tab ",
        " 分层与品牌 — Enter 在库龄页查看其 SKU ";
    MixTableSwitch: "· {0} by {1} ", "· {0} 按{1} ";
    BreakdownCategory: "category", "品类";
    BreakdownBrand: "brand", "品牌";
    BreakdownBy: "the breakdown by {0}", "按{0}分组";

    // ── Tab 2, inventory aging ───────────────────────────────────────────────────
    InfoFilter: "filter ", "筛选 ";
    InfoCategory: " · category ", " · 品类 ";
    InfoBrand: " · brand ", " · 品牌 ";
    InfoSearch: " · search ", " · 搜索 ";
    InfoSort: " · sort ", " · 排序 ";
    InfoEscClears: "  (Esc clears)", "  （Esc 清除）";
    ColSku: "SKU", "SKU";
    ColName: "Name", "名称";
    ColCategory: "Category", "品类";
    ColTier: "Tier", "分层";
    ColOnHand: "On hand", "库存";
    ColCapital: "Capital", "占用资金";
    ColLastSale: "Last sale", "未售天数";
    ColVelocity: "Units/day", "日销量";
    ColCover: "Cover", "周转天数";
    ColAges: "Ages", "库龄";
    ColFlags: "Flags", "标记";
    ColAction: "Suggested action", "建议动作";
    ColRunsOut: "Runs out", "售罄日";
    ColOrder: "Order", "补货量";
    FlagSlow: "SLOW ", "滞销 ";
    FlagBest: "BEST ", "畅销 ";
    FlagCostMissing: "COST?", "缺成本";
    FlagInBatch: "BATCH", "批次";
    AgingTitle: " Inventory aging — {0} SKUs (Enter: details) ",
        " 库存周转/库龄 — {0} 个 SKU（Enter：详情） ";
    TotalsCapital: " Capital tied up ", " 占用资金 ";
    TotalsSlow: " · slow ", " · 滞销品 ";
    TotalsBest: " · best ", " · 畅销品 ";
    TotalsTurnover: " · turnover ", " · 周转天数 ";
    TotalsTarget: " (target ≤ {0} d)", "（目标 ≤ {0} 天）";

    // ── Tab 3, new-product scoring ───────────────────────────────────────────────
    ScoreColCandidate: "Candidate", "候选品";
    ScoreColGrowth: "Growth", "增长率";
    ScoreColGap: "Gap", "差异";
    ScoreColPain: "Pain", "痛点";
    ScoreColFit: "Fit", "匹配";
    ScoreColMargin: "Margin", "毛利率";
    ScoreColScore: "Score", "评分";
    ScoreColVerdict: "Verdict", "结论";
    ScoreColWhy: "Why", "原因";
    CandidatesTitle: " Candidates by score ({0}) ", " 候选品按评分排序（{0}） ";
    WhyThisScore: " Why this score ", " 评分依据 ";
    NoCandidatesYet: "No candidates yet.", "还没有候选品。";
    CritGrowth: "market growth {0}%/yr", "市场增长 {0}%/年";
    CritGap: "competitive gap {0}/5", "竞争差异 {0}/5";
    CritPain: "user pain {0}/5", "用户痛点 {0}/5";
    CritFit: "brand & supply fit {0}/5", "品牌与供应匹配 {0}/5";
    PaneScoreLine: "score {0} · expected margin {1} ({2} → {3})",
        "评分 {0} · 预期毛利率 {1}（{2} → {3}）";
    PaneVerdict: "verdict: {0}", "结论：{0}";
    LaunchedAs: "launched as {0} · ", "已上线为 {0} · ";
    LaunchedConversion: "conversion {0} (target ≥ {1})", "新品转化率 {0}（目标 ≥ {1}）";
    LaunchedCover: "days of cover {0} (target ≤ {1})", "周转天数 {0}（目标 ≤ {1}）";
    LaunchedNoStock: "days of cover: no stock", "周转天数：无库存";
    PanePersonas: "personas: {0}", "用户画像：{0}";

    // ── Tab 4, action plans ──────────────────────────────────────────────────────
    KpiRevenue: "Revenue", "销售额";
    KpiMargin: "Margin", "毛利率";
    KpiFloorTarget: "floor {0} · target {1}", "保底 {0} · 目标 {1}";
    KpiHighShare: "High-tier share", "高毛利占比";
    KpiTurnover: "Turnover", "周转天数";
    KpiHighRepurchase: "High-tier repurchase", "高毛利复购率";
    KpiRepurchaseTarget: "≥ {0}; all {1}", "≥ {0}；全部 {1}";
    KpiMobile: "Mobile", "移动端占比";
    KpiNewConversion: "New-product conversion", "新品转化率";
    KpiYearEarlier: "a year earlier, same window: revenue {0} · margin {1} · high-tier share {2} · repurchase {3}",
        "去年同期：销售额 {0} · 毛利率 {1} · 高毛利占比 {2} · 复购率 {3}";
    KpiTargetParen: " ({0})   ", "（{0}）   ";
    KpiTitle: " KPIs against the review's targets ", " KPI 对照复盘目标 ";
    PlanColHorizon: "Horizon", "周期";
    PlanColPlan: "Plan", "计划";
    PlanColDue: "Due", "截止日";
    PlanColStatus: "Status", "状态";
    PlanColTarget: "Target", "目标";
    PlanColNow: "Now", "当前";
    PlanColProgress: "Progress", "进度";
    PlanOverdue: "{0} OVERDUE", "{0} 已逾期";
    PlanBehind: "{0} behind", "{0} 落后";
    PlansTitle: " Plans ({0}) — progress computed as of {1} ",
        " 行动计划（{0}）— 进度按统计截至日 {1} 的数据计算 ";
    BatchColBatch: "Clearance batch", "清仓批次";
    BatchColChannel: "Channel", "渠道";
    BatchColStatus: "Status", "状态";
    BatchColDates: "Dates", "日期";
    BatchColCash: "Cash recovered / target", "回笼资金 / 目标";
    BatchColProgress: "Progress", "进度";
    BatchColUnits: "Units", "件数";
    BatchesTitle: " Clearance batches ", " 清仓批次 ";

    // ── SKU detail ───────────────────────────────────────────────────────────────
    DetailTier: "tier ", "分层 ";
    DetailSetByHand: " (set by hand; computed {0})", "（手动设定；按计算为 {0}）";
    DetailTierMargin: "  tier margin ", "  分层毛利率 ";
    DetailCategory: "  category ", "  品类 ";
    DetailLifecycle: "  lifecycle ", "  生命周期 ";
    DetailUnitCost: "unit cost ", "单位成本 ";
    DetailMissing: "missing", "缺失";
    DetailListPrice: "  list price ", "  标价 ";
    DetailRevenue: "  revenue ", "  销售额 ";
    DetailGp: "  GP ", "  毛利额 ";
    DetailTags: "  tags ", "  标签 ";
    DetailOnHand: "on hand ", "库存 ";
    DetailCapital: "  capital ", "  占用资金 ";
    DetailVelocity: "  units/day ", "  日销量 ";
    DetailCover: "  cover ", "  周转天数 ";
    DetailLastSale: "  last sale ", "  上次销售 ";
    DetailLots: "Lots on hand (qty · received · age · unit cost):",
        "在库批次（数量 · 入库日 · 库龄 · 单位成本）：";
    DetailNone: "  none", "  无";
    DetailLotAge: "{0} days", "{0} 天";
    DetailMoreLots: "  … {0} more lots", "  … 另有 {0} 个在库批次";
    DetailBatches: "Clearance batches: ", "清仓批次：";
    DetailSparkTitle: " units per day over the last {0} days ({1} units; {2} closes) ",
        " 近 {0} 天每日销量（共 {1} 件；{2} 关闭） ";

    // ── Forms, previews, popups ──────────────────────────────────────────────────
    FormPickHint: "  ←/→ pick · or type · {0}", "  ←/→ 选择 · 或直接输入 · {0}";
    FormChoiceHint: "  ←/→ change", "  ←/→ 切换";
    FieldTier: "tier", "分层";
    FieldLifecycle: "lifecycle", "生命周期";
    FieldCategory: "category", "品类";
    FieldReason: "reason", "原因";
    FieldBatch: "batch", "批次";
    FieldName: "name", "名称";
    FieldChannel: "channel", "渠道";
    FieldStart: "start", "开始";
    FieldEnd: "end", "结束";
    FieldLadder: "ladder", "折扣阶梯";
    FieldUnits: "units per SKU", "每个 SKU 件数";
    FieldCashTarget: "cash target", "回笼资金目标";
    FieldGrowth: "growth %/yr", "市场增长 %/年";
    FieldGap: "gap 0-5", "竞争差异 0-5";
    FieldGapNote: "gap note", "差异说明";
    FieldPain: "pain 0-5", "用户痛点 0-5";
    FieldPainNote: "pain note", "痛点说明";
    FieldFit: "fit 0-5", "品牌匹配 0-5";
    FieldUnitCost: "unit cost", "单位成本";
    FieldPrice: "price", "售价";
    FieldPersonas: "personas", "用户画像";
    FieldNotes: "notes", "备注";
    FieldHorizon: "horizon", "周期";
    FieldTitle: "title", "标题";
    FieldDue: "due", "截止日";
    FieldStatus: "status", "状态";
    FieldTargetMetric: "target metric", "目标指标";
    FieldTargetValue: "target value", "目标值";
    FieldNote: "note", "备注";
    FieldNewSku: "new SKU code", "新 SKU 编码";
    HintCategoryKeep: "empty keeps each SKU's category", "留空则保留各 SKU 的品类";
    HintReason: "optional, kept in the history", "可选，记入修改历史";
    HintBatchName: "e.g. Double-11 clearance", "例如 双十一清仓";
    HintEndDate: "YYYY-MM-DD, empty = open", "YYYY-MM-DD，留空 = 不定";
    HintLadder: "discount steps, e.g. 10%@7d,20%", "折扣档位，例如 10%@7d,20%";
    HintUnits: "empty = all on hand", "留空 = 全部库存";
    HintUnitsStored: "empty = the batch's own units; typed ones are a preview, not saved",
        "留空 = 批次已存的件数；填写的件数仅用于预览，不保存";
    HintCashTarget: "e.g. 60000", "例如 60000";
    HintCandidateName: "e.g. smart blood-pressure monitor", "例如 智能血压计";
    HintSegment: "segment", "细分品类";
    HintGrowth: "market growth, e.g. 22", "细分市场年增长率，例如 22";
    HintGap: "price gap or a differentiating feature", "价格空档或差异化功能";
    HintGapNote: "what the gap is", "空档是什么";
    HintPain: "how clear the user's pain point is", "用户痛点有多明确";
    HintPainNote: "whose pain, which", "谁的痛点，什么痛点";
    HintFit: "brand position and reachable supply", "品牌定位与可触达的供应";
    HintExpected: "expected", "预期";
    HintPersonas: "several: a;b", "多个：a;b";
    HintNotes: "source, links", "来源、链接";
    HintPlanTitle: "what will be done", "要做什么";
    HintDue: "YYYY-MM-DD, empty = none", "YYYY-MM-DD，留空 = 无";
    HintTargetValue: "rates in %, e.g. 40", "比率按百分数填写，例如 40";
    HintPlanNote: "owner, budget, links", "负责人、预算、链接";
    HintNewSku: "the code the shop will use", "店铺将使用的编码";
    NewBatchChoice: "+ new batch", "+ 新建批次";
    EditBatchChoice: "edit: {0}", "编辑：{0}";
    WhatIfTitle: "What if (computed, not written):", "假如这样改（仅计算，未写入）：";
    WhatIfHighRevenue: "  high-tier revenue share ", "  高毛利销售额占比 ";
    WhatIfLowRevenue: "   low-tier ", "   低毛利 ";
    WhatIfHighGp: "  high-tier GP share ", "  高毛利毛利占比 ";
    WhatIfSkuShareHigh: "   SKU share high ", "   高毛利 SKU 占比 ";
    WhatIfCapital: "  capital tied up ", "  占用资金 ";
    WhatIfSlow: "   slow movers ", "   滞销品 ";
    ReclassifyTitle: " Reclassify {0}{1} — {2} applies, {3} cancels ",
        " 重新分类 {0}{1} — {2} 应用，{3} 取消 ";
    BatchEditTitle: " Edit batch {0} SKU(s) — {1} applies, {2} cancels ",
        " 编辑清仓批次（{0} 个 SKU）— {1} 应用，{2} 取消 ";
    BatchNewTitle: " Clearance batch for {0} SKU(s) — {1} applies, {2} cancels ",
        " 为 {0} 个 SKU 设清仓批次 — {1} 应用，{2} 取消 ";
    PreviewSku: "SKU", "SKU";
    PreviewUnits: "units", "件数";
    PreviewCost: "cost", "成本";
    PreviewList: "list", "标价";
    PreviewStep: "step {0}: price / margin", "第 {0} 档：价格 / 毛利率";
    PreviewCostMissing: "cost?", "缺成本";
    PreviewCash: "Cash if it sells out at each step: ", "各档全部售出可回笼资金：";
    PreviewAllAboveFloor: "every margin at or above the {0} floor",
        "所有毛利率都不低于 {0} 的保底毛利率";
    PreviewSomeBelowFloor: "! some margins fall below the {0} floor",
        "! 部分毛利率低于 {0} 的保底毛利率";
    PreviewBelowCost: "!! some prices are below cost (margin < 0): {0} twice to apply",
        "!! 有售价低于成本（毛利率 < 0）：按两次 {0} 才应用";
    ConfirmTitle: " Confirm — default No ", " 确认 — 默认为否 ";
    HistoryUndone: "undone", "已撤销";
    HistoryKindChange: "change", "修改";
    HistoryKindImport: "import", "导入";
    HistoryTitle: " Change history, newest first — {0} undoes, {1} redoes, {2} closes ",
        " 修改历史（最新在前）— {0} 撤销，{1} 重做，{2} 关闭 ";
    EditorTitle: "{0} — {1} saves, {2} cancels", "{0} — {1} 保存，{2} 取消";
    EditCandidate: "Edit candidate", "编辑候选品";
    NewCandidate: "New candidate", "新增候选品";
    EditPlan: "Edit plan", "编辑计划";
    NewPlan: "New plan", "新增计划";
    PlanFormHint: "Progress is computed from the data at the as-of date, never typed in.",
        "进度按统计截至日的数据计算，不手工填写。";
    PromoteTitle: "Promote to a SKU", "转为正式 SKU";
    PromoteHint: "A new SKU (lifecycle new) with the candidate's cost, price and category.",
        "新建一个 SKU（生命周期：新品），沿用候选品的成本、售价和品类。";
    CandidatePreview: "score {0} · expected margin {1} · verdict {2}",
        "评分 {0} · 预期毛利率 {1} · 结论 {2}";
    CompareGrowth: "market growth %/yr", "市场增长 %/年";
    CompareGap: "competitive gap", "竞争差异";
    ComparePain: "user pain", "用户痛点";
    CompareFit: "brand & supply fit", "品牌与供应匹配";
    CompareCost: "expected cost", "预期成本";
    ComparePrice: "expected price", "预期售价";
    CompareMargin: "expected margin", "预期毛利率";
    ComparePersonas: "personas", "用户画像";
    CompareScore: "score", "评分";
    CompareVerdict: "verdict", "结论";
    CompareGates: "gates failed", "未过门槛数";
    CompareTitle: " Compare candidates — {0} closes ", " 比较候选品 — {0} 关闭 ";

    // ── The app's import (i) ────────────────────────────────────────────────────
    ImportKindOrders: "orders", "订单";
    ImportKindProducts: "products", "商品";
    ImportKindStock: "stock", "库存";
    ImportKindTraffic: "traffic", "流量";
    FieldFileHolds: "file holds", "文件内容";
    FieldCsvFile: "CSV file", "CSV 文件";
    FieldMapping: "mapping", "列映射";
    HintCsvPath: "path, e.g. ~/Downloads/orders_export.csv", "路径，例如 ~/Downloads/orders_export.csv";
    HintMapping: "auto guesses from the header; ←/→ for the built-ins, or a .toml path",
        "auto 按表头猜测；←/→ 选内置映射，或填 .toml 路径";
    NeedCsvPath: "type the path of the CSV file", "请输入 CSV 文件的路径";
    ImportFormTitle: "Import a CSV file — {0} previews, {1} cancels",
        "导入 CSV 文件 — {0} 预览，{1} 取消";
    ImportFormHint: "{0} shows what would be added and changed first; nothing is written until you confirm.",
        "{0} 先显示将新增和修改的内容；确认之前不会写入任何数据。";
    ImportPreviewWhat: "{0} as {1} ({2})", "{0}，作为{1}（{2}）";
    NativeLayout: "native layout", "原生格式";
    MoreErrors: "… and {0} more errors", "… 另有 {0} 个错误";
    ImportCanApply: "Nothing is written yet. {0} imports it (one transaction, undoable with {1}); {2} cancels.",
        "尚未写入任何数据。按 {0} 导入（一个事务，可按 {1} 撤销）；按 {2} 取消。";
    ImportCannotApply: "Nothing was written. Fix the file (or pick another mapping) and try again.",
        "未写入任何数据。请修正文件（或换一个列映射）后重试。";
    ImportPreviewTitle: " Import preview — {0} imports, {1} cancels ", " 导入预览 — {0} 导入，{1} 取消 ";
    ImportErrorsTitle: " Import preview — errors, nothing written — {0} closes ",
        " 导入预览 — 有错误，未写入 — {0} 关闭 ";
    ImportCancelled: "import cancelled", "已取消导入";
    NothingImported: "nothing imported", "未导入任何数据";
    CannotImport: "cannot import: {0}", "无法导入：{0}";
    Imported: "imported: {0} — u undoes", "已导入：{0} — 按 u 撤销";
    ImportSummaryWould: "{0}: {1} rows read; {2} would be: {3} added, {4} changed, {5} unchanged",
        "{0}：读取 {1} 行；{2}将：新增 {3}，修改 {4}，不变 {5}";
    ImportSummaryWere: "{0}: {1} rows read; {2} were: {3} added, {4} changed, {5} unchanged",
        "{0}：读取 {1} 行；{2}：新增 {3}，修改 {4}，不变 {5}";
    ImportUnitProducts: "products", "商品";
    ImportUnitLots: "SKUs' lots", "SKU 的库存批次";
    ImportUnitLines: "order lines", "订单行";
    ImportUnitTraffic: "traffic days", "流量天数";
    ImportUnitRows: "rows", "数据行";
    ImportSkippedBlank: "; {0} rows skipped (blank or repeated header)",
        "；跳过 {0} 行（空行或重复的表头）";
    ImportCreatedProducts: "; {0} new SKU(s) created with cost missing (import products with unit_cost to fix)",
        "；新建 {0} 个缺成本的 SKU（导入含单位成本的商品文件即可补上）";
    ImportUnknownSkus: "; {0} traffic day(s) of unknown SKUs left out (import products first)",
        "；未知 SKU 的 {0} 天流量未导入（请先导入商品）";
    ImportDemoWouldGo: "; the demo data would be removed first", "；将先移除演示数据";
    ImportDemoGone: "; the demo data was removed first: this database now holds only your data",
        "；已先移除演示数据：此数据库现在只有你的数据";
    ImportThroughMapping: "  read through mapping {0} ({1})", "  经映射 {0} 读取（{1}）";
    ImportMappingSkipped: "  skipped {0} row(s) by the mapping: {1} (first at line {2})",
        "  映射跳过 {0} 行：{1}（首次在第 {2} 行）";

    // ── Settings popup (`,`) ─────────────────────────────────────────────────────
    SettingsTitle: " Settings — {0} saves (one undoable change), {1} cancels ",
        " 设置 — {0} 保存（一次可撤销的修改），{1} 取消 ";
    SettingsColSetting: "setting", "设置项";
    SettingsColValue: "value", "数值";
    SettingsColWas: "was", "原值";
    SettingsColFrom: "from", "来源";
    SetMarginFloor: "margin floor %", "保底毛利率 %";
    SetMarginTarget: "margin target %", "目标毛利率 %";
    SetLowBelow: "low tier below %", "低毛利低于 %";
    SetHighFrom: "high tier from %", "高毛利起点 %";
    SetHighShare: "high share ≥ %", "高毛利占比 ≥ %";
    SetLowShare: "low share ≤ %", "低毛利占比 ≤ %";
    SetSlowDays: "slow after, days", "滞销品预警天数";
    SetBestDays: "best ≤ days cover", "畅销品周转天数 ≤";
    SetLeadTime: "lead time, days", "补货交期（天）";
    SetReviewPeriod: "order every, days", "补货周期（天）";
    SetSafetyDays: "safety stock, days", "安全库存（天）";
    SetWindow: "window W, days", "分析窗口 W 天";
    SetVelocity: "velocity V, days", "销速窗口 V 天";
    SetExportBom: "BOM in CSV exports", "导出 CSV 带 BOM";
    ChoiceOn: "on", "开";
    ChoiceOff: "off", "关";
    SettingsHelp: "↑/↓ move · type a new value · empty = back to the config file or default · the low tier follows the floor unless set · --window/--velocity win for this run · ←/→ turns the BOM (a mark Excel needs to read Chinese in the E export) on or off; it follows the language unless set",
        "↑/↓ 移动 · 输入新值 · 留空 = 恢复为配置文件或默认值 · 低毛利线未单独设定时跟随保底毛利率 · 命令行给出的分析窗口和销速窗口在本次运行中优先 · ←/→ 开关 BOM（Excel 正确读取 E 导出文件中的中文所需的标记）；未设定时跟随语言";
    SettingsTypeValue: "{0}: type a value", "{0}：请输入数值";
    SettingsNotPercent: "{0}: {1} must be a percent from 0 to 100",
        "{0}：{1} 须为 0 到 100 之间的百分比";
    SettingsBadDays: "{0}: {1} must be whole days from {2} to {3}", "{0}：{1} 须为 {2} 到 {3} 之间的整天数";
    SettingsContradict: "{0}", "设置相互矛盾：{0}";
    SettingsMustBeAbove: "{0} must be above {1} ({2})", "“{0}”须高于“{1}”（{2}）";
    SettingsMustBeBelow: "{0} must be below {1} ({2})", "“{0}”须低于“{1}”（{2}）";
    SettingsMustNotBeAbove: "{0} must not be above {1} ({2})", "“{0}”不能高于“{1}”（{2}）";
    SettingsMustNotBeBelow: "{0} must not be below {1} ({2})", "“{0}”不能低于“{1}”（{2}）";
    SettingsSharesOver: "{0} and {1} add up to more than 100 % ({2} + {3})",
        "“{0}”与“{1}”之和超过 100%（{2} + {3}）";
    SettingsLowFollows: " — the low tier follows the margin floor", " — 低毛利线跟随保底毛利率";
    SettingsPercent: "{0} %", "{0}%";
    SettingsUnchanged: "settings unchanged", "设置未改变";
    NoSkuChangedTier: "no SKU changed tier", "没有 SKU 改变毛利分层";
    SkusPerTier: "SKUs per tier: {0}", "各分层 SKU 数：{0}";
    SourceDefault: "default", "默认值";
    SourceFile: "config file", "配置文件";
    SourceHere: "set here", "此处设定";
    SourceCommandLine: "command line", "命令行";
    SourceEnvironment: "environment", "环境变量";
    SourceFollows: "follows floor", "跟随保底";
    SourceFollowsLang: "follows language", "跟随语言";
    DetailWeekly: "Units by week ({0} start): ", "每周销量（每周从{0}开始）：";
    WeekMonday: "Monday", "周一";
    WeekTuesday: "Tuesday", "周二";
    WeekWednesday: "Wednesday", "周三";
    WeekThursday: "Thursday", "周四";
    WeekFriday: "Friday", "周五";
    WeekSaturday: "Saturday", "周六";
    WeekSunday: "Sunday", "周日";

    // ── Welcome (first run on the demo) ──────────────────────────────────────────
    WelcomeTitle: " Welcome to skudesk — you are looking at demo data ",
        " 欢迎使用 skudesk — 当前为演示数据 ";
    WelcomeButton: "[ {0}: start — this screen will not show again ]",
        "[ {0}：开始 — 此页面不会再显示 ]";
    WelcomeTabs: "The four tabs (1–4, Tab, or a click):", "四个页面（按 1–4、Tab 键或鼠标点击）：";
    WelcomeTabMix: "which SKUs earn: margin tiers against target shares",
        "哪些 SKU 赚钱：毛利分层对照目标占比";
    WelcomeTabAging: "which tie up cash: slow movers, triage, clearance batches",
        "哪些占用资金：滞销品、分类处理、清仓批次";
    WelcomeTabScoring: "what to launch: candidates scored by the screening model",
        "引入什么新品：按筛选模型为候选品评分";
    WelcomeTabPlans: "whether the plan is on track: KPIs, plans, batches",
        "计划是否按期推进：KPI、行动计划、清仓批次";
    WelcomeOwnData: "Your own data (it replaces the demo), in a shell:",
        "导入你自己的数据（将替换演示数据），在终端中运行：";
    WelcomeShopExport: "  a shop's export: add ", "  店铺导出的文件：加上 ";
    WelcomeOrOthers: " (or {0}, {1}, …)", "（或 {0}、{1} 等）";
    WelcomeWhichFits: "  which one fits? ", "  不确定用哪个？";
    WelcomeThenOpen: "  then open it: {0}   (stock and traffic import the same way)",
        "  然后打开它：{0}   （库存和流量数据也用同样方式导入）";
    WelcomeRightHere: "  or right here: ", "  或者就在这里：按 ";
    WelcomeImportHere: " imports a file, with a preview before anything is written",
        " 导入文件，写入前会先预览";
    WelcomeThreeKeys: "Three keys that matter most:", "最重要的三个键：";
    WelcomeKeyHelp: "every key, for the tab you are on", "当前页面的全部按键";
    WelcomeKeyReclassify: "on the aging tab: reclassify a SKU (and ",
        "在库龄页：重新分类 SKU（按 ";
    WelcomeKeyBatch: ": put it in a clearance batch)", " 放入清仓批次）";
    WelcomeKeyUndo: "undo any change, also after a restart", "撤销任何修改，重启后也可以";
    WelcomeDismissed: "{0} lists every key", "按 {0} 查看全部按键";
    WelcomeKeys: "{0} starts (this screen will not show again), {1} quits",
        "按 {0} 开始（此页面不会再显示），按 {1} 退出";

    // ── What a form says is wrong ────────────────────────────────────────────────
    NothingToChange: "nothing to change: pick a tier or lifecycle, or type a category",
        "没有要修改的内容：请选择分层或生命周期，或输入品类";
    SkusGone: "no longer in the data (another program changed it while this form was open): {0}; Esc and select again",
        "数据中已没有（此表单打开期间另一个程序修改了数据）：{0}；按 Esc 后重新选择";
    AsOfLimit: "the as-of date stays within {0} … {1}", "统计截至日只能在 {0} 至 {1} 之间";
    NotADate: "{0}: {1} is not a date (YYYY-MM-DD)", "{0}：{1} 不是日期（YYYY-MM-DD）";
    NeedStartDate: "start: a batch needs a start date", "开始：批次需要开始日期";
    LadderProblem: "ladder: {0}", "折扣阶梯：{0}";
    LadderNotAPercentage: "step {0}: discount is not a percentage", "档位 {0}：折扣不是百分比";
    LadderOutOfRange: "step {0}: discount must be 0–99 %", "档位 {0}：折扣须在 0–99 % 之间";
    LadderBadDays: "step {0}: days must be a whole number like 7d",
        "档位 {0}：天数须为整数，如 7d";
    CashTargetProblem: "cash target {0} {1}", "回笼资金目标 {0} {1}";
    MoneyNotANumber: "is not an amount of money", "不是金额";
    MoneyTooPrecise: "has more than {0} decimal places", "小数超过 {0} 位";
    MoneyTooLarge: "is too large", "太大";
    UnitsNotWhole: "units per SKU: {0} is not a whole number", "每个 SKU 件数：{0} 不是整数";
    BatchNeedsName: "name: a new batch needs a name", "名称：新批次需要名称";
    ScoreZeroToFive: "{0}: a score from 0 to 5", "{0}：请填 0 到 5 的分数";
    NotAnAmount: "{0}: {1} is not an amount", "{0}：{1} 不是金额";
    CandidateNeedsName: "name: a candidate needs a name", "名称：候选品需要名称";
    GrowthNotANumber: "growth %/yr: a number, e.g. 22", "市场增长 %/年：请填数字，例如 22";
    PlanNeedsTitle: "title: a plan needs a title", "标题：计划需要标题";
    TargetValueNotANumber: "target value: a number", "目标值：请填数字";
    MetricNeedsBatch: "batch: {0} follows a clearance batch; pick one",
        "批次：{0} 跟踪的是清仓批次，请选一个";
    NewSkuNeedsCode: "new SKU code: give the SKU a code", "新 SKU 编码：请给 SKU 一个编码";

    // ── Status-line messages ─────────────────────────────────────────────────────
    DemoNote: "demo data — press i to import your own (or `skudesk import`) · ? for keys",
        "演示数据 — 按 i 导入你自己的数据（或用 `skudesk import`）· 按 ? 查看按键";
    AppliedUndoHint: "{0} — u undoes", "{0} — 按 u 撤销";
    UndoneRedoHint: "undone: {0} — Ctrl-r redoes", "已撤销：{0} — 按 Ctrl-r 重做";
    Redone: "redone: {0}", "已重做：{0}";
    ExportFailed: "export: {0}", "导出：{0}";
    ChangedOnDisk: "the database changed on disk: figures reloaded",
        "数据库已被其他程序修改：数字已重新载入";
    LoadingLines: "figures as kept with the data · reading the order lines (keys wait for them; Ctrl-c quits)…",
        "数据中保存的数字 · 正在读取订单明细（按键稍后处理；Ctrl-c 退出）…";
    LoadingFailed: "reading the data failed (see the panic log)", "读取数据失败（见崩溃日志）";
    NoSuchKey: "{0}: no such key here — press ? for help", "{0}：此处没有这个键 — 按 ? 查看帮助";
    NothingDeleted: "nothing deleted", "未删除任何内容";
    ReclassifyCancelled: "reclassify cancelled", "已取消重新分类";
    BatchCancelled: "batch cancelled", "已取消清仓批次";
    BelowCostConfirm: "a price is below cost (margin < 0): press {0} again to apply anyway, {1} to cancel",
        "有售价低于成本（毛利率 < 0）：再按 {0} 仍然应用，按 {1} 取消";
    Cancelled: "cancelled", "已取消";
    NoCandidateHere: "no candidate here: n adds one", "这里没有候选品：按 n 新增";
    DeleteCandidateQuestion: "Delete candidate \"{0}\"?", "删除候选品“{0}”？";
    AlreadySku: "already a SKU: {0}", "已是正式 SKU：{0}";
    OnlyLaunchPromoted: "only a launch or test-batch candidate is promoted (this one: {0})",
        "只有结论为“上线”或“小批测试”的候选品能转为 SKU（此候选品：{0}）";
    NoPlanHere: "no plan here: n adds one", "这里没有计划：按 n 新增";
    DeletePlanQuestion: "Delete plan \"{0}\"?", "删除计划“{0}”？";
    DeleteBatchQuestion: "Delete batch \"{0}\" ({1} SKUs)?", "删除清仓批次“{0}”（{1} 个 SKU）？";
    ConfirmKeys: " It can be undone with {0}.  {1} = yes, {2} = no", "可按 {0} 撤销。  {1} = 是，{2} = 否";
    XClosesBatch: "x closes a clearance batch: move to one below the plans",
        "x 用于结束清仓批次：请先移到计划下方的批次";
    ReadOnlyWhy: "read-only: {0}", "只读：{0}";
    SortedBy: "sorted by {0}", "按{0}排序";
    FilterCount: "filter: {0} ({1} SKUs)", "筛选：{0}（{1} 个 SKU）";
    MarkedCompare: "{0} marked — x compares", "已标记 {0} 个 — 按 x 比较";
    MarkTwo: "mark two or more candidates with Space, then x",
        "先用空格键标记两个或更多候选品，再按 x";
    RangeStarted: "range: move, then v again to select", "区间选择：移动光标，再按 v 选中";
    NSelected: "{0} selected", "已选 {0} 个";
    NoSkuToReclassify: "no SKU here to reclassify", "这里没有可重新分类的 SKU";
    NoSkuToBatch: "no SKU here to put in a batch", "这里没有可放入批次的 SKU";
    WindowDays: "analysis window: {0} days", "分析窗口：{0} 天";
    MoveToBatch: "move to a clearance batch (below the plans) first",
        "请先移到清仓批次（在计划下方）";
    SelectionCleared: "selection cleared", "已清除选择";
    FilterSearchCleared: "filter and search cleared", "已清除筛选和搜索";
    ExportElsewhere: "`skudesk export view {0} -o FILE` writes elsewhere",
        "用 `skudesk export view {0} -o FILE` 可写到别处";
    ExportNoFolder: "this database is not a file, so there is no folder next to it: {0}",
        "此数据库不是文件，旁边没有文件夹：{0}";
    ExportCannotCreate: "cannot create {0}: {1} — {2}", "无法创建 {0}：{1} — {2}";
    ErrorThen: "{0} — {1}", "{0} — {1}";
    ExportWrote: "wrote {0} ({1} rows)", "已写入 {0}（{1} 行）";
    ExportCannotWrite: "cannot write {0}: {1}", "无法写入 {0}：{1}";
    ExportIsOpenDatabase: "{0} is the database skudesk has open: an export there would destroy it; give the export another file name",
        "{0} 是 skudesk 正在使用的数据库：导出到这里会毁掉它；请给导出文件另取一个文件名";
    ExportIsLinkToDatabase: "{0} is the database skudesk has open ({1}) under another name: an export there would destroy it; give the export another file name",
        "{0} 是 skudesk 正在使用的数据库（{1}）的另一个名字：导出到这里会毁掉它；请给导出文件另取一个文件名";
    ExportIsDatabaseCompanion: "{0} is the {1} file of the open database {2}: an export there would corrupt it; give the export another file name",
        "{0} 是正在使用的数据库 {2} 的 {1} 文件：导出到这里会损坏数据库；请给导出文件另取一个文件名";
    ExportIsSqliteFile: "{0} is a SQLite database: an export does not replace a database; give the export another file name",
        "{0} 是一个 SQLite 数据库：导出不会覆盖数据库；请给导出文件另取一个文件名";
    ExportIsFolder: "{0} names a folder, not a file: give a file name, such as {1}",
        "{0} 指的是文件夹，不是文件：请给出文件名，例如 {1}";
    ExportFolderMissing: "cannot write {0}: the folder {1} does not exist; create it first, or give a path in an existing folder",
        "无法写入 {0}：文件夹 {1} 不存在；请先创建它，或给出已有文件夹中的路径";
    PanicLogNote: "This report is also in {0} — please send it along with what you pressed.",
        "这份报告也保存在 {0} — 请连同你按过的键一起发送。";

    // ── The change history: what a change did, and why one was refused ──────────
    // Summaries are said when the history is read, in the reader's language
    // (`i18n::history`). The English is exactly what the history said before.
    SumReclassify: "reclassify {0}: {1}{2}", "重新分类 {0}：{1}{2}";
    SumSkus: "{0} SKUs", "{0} 个 SKU";
    SumTierAuto: "tier auto", "分层 自动";
    SumTier: "tier {0}", "分层 {0}";
    SumLifecycle: "lifecycle {0}", "生命周期 {0}";
    SumCategory: "category {0}", "品类 {0}";
    SumPartsJoin: ", ", "，";
    SumReason: " ({0})", "（{0}）";
    SumNewBatch: "new batch {0} with {1}", "新建清仓批次 {0}，含 {1}";
    SumAddToBatch: "add {0} to batch #{1}", "将 {0} 加入清仓批次 #{1}";
    SumEditBatch: "edit batch {0}", "修改清仓批次 {0}";
    SumBatchStatus: "batch #{0} status {1}", "清仓批次 #{0} 状态改为 {1}";
    SumDeleteBatch: "delete batch #{0}", "删除清仓批次 #{0}";
    SumAddCandidate: "add candidate {0}", "新增候选品 {0}";
    SumEditCandidate: "edit candidate {0}", "修改候选品 {0}";
    SumDeleteCandidate: "delete candidate #{0}", "删除候选品 #{0}";
    SumPromote: "promote candidate #{0} to SKU {1}", "候选品 #{0} 转为 SKU {1}";
    SumAddPlan: "add plan {0}", "新增行动计划 {0}";
    SumEditPlan: "edit plan {0} ({1})", "修改行动计划 {0}（{1}）";
    SumDeletePlan: "delete plan #{0}", "删除行动计划 #{0}";
    SumPersona: "persona {0}: {1}", "用户画像 {0}：{1}";
    SumDeletePersona: "delete persona {0}", "删除用户画像 {0}";
    SumSettings: "settings: {0}", "设置：{0}";
    SumSettingBack: "{0} back to the config file", "{0} 恢复为配置文件中的值";
    SumNothingChanged: "{0} (nothing to change)", "{0}（无需修改）";
    SumImport: "{0} {1}: {2} added, {3} changed, {4} unchanged",
        "{0} {1}：新增 {2}，修改 {3}，未变 {4}";
    NothingToUndo: "nothing to undo", "没有可撤销的修改";
    NothingToRedo: "nothing to redo", "没有可重做的修改";
    UndoConflict: "cannot undo \"{0}\": {1} was changed since (by an import or a later change); undo refused, nothing was changed",
        "无法撤销“{0}”：{1} 此后已被修改（被导入或之后的修改）；已拒绝撤销，未做任何修改";
    UndoDemo: "\"{0}\" cannot be undone: it replaced the demo data (or predates undo); nothing was changed",
        "“{0}”无法撤销：它替换了演示数据（或早于撤销功能）；未做任何修改";
    RowSetting: "setting {0}", "设置 {0}";
    RowSku: "SKU {0}", "SKU {0}";
    RowOfTable: "a {0} row", "{0}中的一行";
    TableProduct: "product", "商品";
    TableTierOverride: "tier override", "分层调整";
    TableClearanceBatch: "clearance batch", "清仓批次";
    TableBatchSku: "batch sku", "批次 SKU";
    TableStockLot: "stock lot", "库存批次";
    TableTraffic: "traffic", "流量";
    TableOrderLine: "order line", "订单行";
    TableCandidate: "candidate", "候选品";
    TablePlan: "plan", "行动计划";
    TablePersona: "persona", "用户画像";
    TableSetting: "setting", "设置";
    RefusedUnknownSku: "unknown SKU {0}", "没有 SKU {0}";
    RefusedBatchName: "a batch needs a name", "清仓批次需要名称";
    RefusedBatchNameId: "a batch cannot be named {0}: # and a number name a batch by its number; pick another name",
        "清仓批次不能命名为 {0}：# 加数字表示批次编号；请换一个名称";
    RefusedNoPersona: "no persona {0}; `skudesk personas list` shows them",
        "没有用户画像 {0}；`skudesk personas list` 可列出全部用户画像";
    RefusedBatchEnds: "the batch ends before it starts", "批次的结束日期早于开始日期";
    RefusedLadderStep: "step {0} of the discount ladder: the discount must be 0–99 %",
        "折扣阶梯第 {0} 档：折扣须在 0–99 % 之间";
    RefusedNothingToChange: "nothing to change: no tier, lifecycle or category given",
        "没有要修改的内容：未给出分层、生命周期或品类";
    RefusedCashNegative: "the cash target must not be negative", "回笼资金目标不能为负";
    RefusedNoBatch: "no clearance batch #{0}", "没有清仓批次 #{0}";
    RefusedBatchNameTaken: "a batch named {0} exists already; add to it instead",
        "已有名为 {0} 的批次；请改为加入该批次";
    RefusedBatchNameOther: "another batch is named {0}", "已有另一个批次名为 {0}";
    RefusedUnitsNegative: "units to clear for {0} must not be negative", "{0} 的清仓件数不能为负";
    RefusedNoPlan: "no plan #{0}", "没有行动计划 #{0}";
    RefusedNoCandidate: "no candidate #{0}", "没有候选品 #{0}";
    RefusedCandidateName: "a candidate needs a name", "候选品需要名称";
    RefusedScores: "gap, pain and fit are scores from 0 to 5", "竞争差距、用户痛点和品牌契合度须为 0 到 5 的分数";
    RefusedCandidateNegative: "expected cost and price must not be negative", "预计成本和售价不能为负";
    RefusedUnknownPersona: "unknown persona {0}: add it first (skudesk personas set CODE LABEL)",
        "没有用户画像 {0}：请先添加（skudesk personas set CODE LABEL）";
    RefusedSkuNeedsCode: "the new SKU needs a code", "新 SKU 需要编码";
    RefusedAlreadySku: "this candidate is a SKU already", "此候选品已是正式 SKU";
    RefusedSkuExists: "SKU {0} exists already", "SKU {0} 已存在";
    RefusedPlanTitle: "a plan needs a title", "计划需要标题";
    RefusedMetricNeedsBatch: "{0} needs a clearance batch", "{0} 需要指定清仓批次";
    RefusedPersonaCode: "a persona code is one word (letters, digits, _ or -)",
        "用户画像代码须为一个词（字母、数字、_ 或 -）";
    RefusedPersonaUsed: "{0} candidate(s) match persona {1}; edit them first",
        "有 {0} 个候选品属于用户画像 {1}；请先修改它们";
    RefusedBatchFollowed: "{0} plan(s) follow this batch; change their target first",
        "有 {0} 个计划跟踪此批次；请先修改它们的目标";
    RefusedNotASetting: "{0}: not a setting the database keeps (see `skudesk config show`)",
        "{0}：数据库不保存这项设置（见 `skudesk config show`）";

    // ── Command line ─────────────────────────────────────────────────────────────
    NoHomeDir: "cannot find a home directory for the default database; pass --db PATH",
        "找不到存放默认数据库的主目录；请用 --db PATH 指定";
    NoDatabaseHere: "{0}: no database here. Import your data first, e.g.\n  skudesk --db {0} import products products.csv",
        "{0}：这里没有数据库。请先导入数据，例如\n  skudesk --db {0} import products products.csv";
    DemoBuildFailed: "could not build the demo database", "无法生成演示数据库";
    NothingToChangeCli: "nothing to change: give --tier, --lifecycle or --category",
        "没有要修改的内容：请给出 --tier、--lifecycle 或 --category";
    CliUndone: "undone: {0}", "已撤销：{0}";
    CliRedone: "redone: {0}", "已重做：{0}";
    HistoryUndoneMark: " (undone)", "（已撤销）";
    CliOverdueFlag: " OVERDUE", " 已逾期";
    CliBehindFlag: " behind", " 落后";
    BackedUp: "backed up to {0}", "已备份到 {0}";
    Restored: "restored {0} from {1}; what was there before is in {2}",
        "已从 {1} 恢复 {0}；恢复前的内容保存在 {2}";
    CannotWriteTo: "cannot write to {0}", "无法写入 {0}";
    GenWouldOverwrite: "{0} already has {1}: `skudesk gen` does not overwrite files; add --force to replace them, or give another --out folder",
        "{0} 中已有 {1}：`skudesk gen` 不会覆盖文件；加 --force 可替换它们，或用 --out 指定另一个文件夹";
    GenWrote: "wrote products.csv, stock.csv, orders.csv, traffic.csv to {0}",
        "已将 products.csv、stock.csv、orders.csv、traffic.csv 写入 {0}";
    ManWrote: "wrote {0} manual pages to {1} (skudesk.1 and one for each subcommand)",
        "已将 {0} 个手册页写入 {1}（skudesk.1 及每个子命令各一页）";
    ChangedUndoHint: "{0} — undo with `skudesk undo`", "{0} — 可用 `skudesk undo` 撤销";
    SavedNotSaid: "the change was saved (undo with `skudesk undo`), but its message could not be written: {0}",
        "修改已保存（可用 `skudesk undo` 撤销），但无法输出其说明：{0}";
    UndoSavedNotSaid: "the undo was saved (redo with `skudesk redo`), but its message could not be written: {0}",
        "撤销已保存（可用 `skudesk redo` 重做），但无法输出其说明：{0}";
    RedoSavedNotSaid: "the redo was saved (undo with `skudesk undo`), but its message could not be written: {0}",
        "重做已保存（可用 `skudesk undo` 撤销），但无法输出其说明：{0}";
    ImportSavedNotSaid: "the import was saved (undo with `skudesk undo`), but its summary could not be written: {0}",
        "导入已保存（可用 `skudesk undo` 撤销），但无法输出其摘要：{0}";
    BackupSavedNotSaid: "the backup was written to {1}, but its message could not be written: {0}",
        "备份已写入 {1}，但无法输出其说明：{0}";
    RestoreSavedNotSaid: "{1} was restored from {2} (what was there before is in {3}), but its message could not be written: {0}",
        "已从 {2} 恢复 {1}（恢复前的内容保存在 {3}），但无法输出其说明：{0}";
    GenSavedNotSaid: "the CSV files were written to {1}, but their message could not be written: {0}",
        "CSV 文件已写入 {1}，但无法输出其说明：{0}";
    UnitsNegative: "{0}: units to clear must not be negative", "{0}：清仓件数不能为负";
    UnitsNotInteger: "{0}: units must be a whole number", "{0}：件数必须是整数";
    NoSuchBatch: "no clearance batch {0}; `skudesk batch list` shows them",
        "没有清仓批次 {0}；`skudesk batch list` 可列出全部批次";
    DeleteNeedsYes: "deleting a batch needs --yes (it can be undone with `skudesk undo`)",
        "删除批次需要加 --yes（可用 `skudesk undo` 撤销）";
    BatchListFigures: "cash {0} / {1} ({2})  units {3} / {4}  SKUs {5}",
        "回笼资金 {0} / {1}（{2}）  件数 {3} / {4}  SKU {5}";
    BomNotForJson: "--bom is for CSV and Markdown: JSON must not start with a byte order mark",
        "--bom 只用于 CSV 和 Markdown：JSON 不能以字节顺序标记开头";
    WroteReview: "wrote the review to {0}", "已将复盘报告写入 {0}";
    NoRowsMatch: "note: no rows match; only the header is written", "注意：没有匹配的行，只写入了表头";
    WroteRows: "wrote {0} rows ({1}) to {2}", "已将 {0} 行（{1}）写入 {2}";
    TryHelp: "For more information, try '--help'.", "更多信息请用 '--help' 查看。";
    CausedBy: "  caused by: {0}", "  原因：{0}";
    DiskFullHint: "  The disk may be full or the file not writable. Every write is one transaction: the database is as it was before this command.",
        "  磁盘可能已满，或文件不可写。每次写入都是一个事务：数据库仍是本命令之前的样子。";

    // ── Markdown report ──────────────────────────────────────────────────────────
    MdTitle: "# Product-mix review as of {0}", "# 商品结构复盘（统计截至日 {0}）";
    MdWindows: "Analysis window {0} days ({1} … {2}), velocity window {3} days.",
        "分析窗口 {0} 天（{1} … {2}），销速窗口 {3} 天。";
    MdHeadline: "## Headline figures", "## 核心指标";
    MdHeadlineHeader: "| Figure | Value | Target |", "| 指标 | 数值 | 目标 |";
    MdNetRevenue: "Net revenue", "净销售额";
    MdGrossProfit: "Gross profit", "毛利额";
    MdGrossMargin: "Gross margin", "毛利率";
    MdFloorTarget: "floor {0}, target {1}", "保底毛利率 {0}，目标毛利率 {1}";
    MdHighShare: "High-tier revenue share", "高毛利销售额占比";
    MdLowShare: "Low-tier revenue share", "低毛利销售额占比";
    MdCapital: "Capital tied up", "库存占用资金";
    MdTurnover: "Portfolio turnover days", "整体周转天数";
    MdSlow: "Slow movers", "滞销品数";
    MdBest: "Best sellers", "畅销品数";
    MdRepurchase: "Repurchase rate", "复购率";
    MdHighRepurchase: "High-tier repurchase rate", "高毛利复购率";
    MdMobile: "Mobile share", "移动端占比";
    MdNewConversion: "New-product conversion", "新品转化率";
    MdCostMissing: "{0} SKU(s) have no unit cost (cost missing): their tier is unclassified.",
        "{0} 个 SKU 没有单位成本（缺成本）：其毛利分层为“未分类”。";
    MdCostedMargin: " Over the SKUs with a unit cost the gross margin is {0}; they bring {1} of net revenue (cost coverage), so the gross margin above counts the rest at no cost.",
        "有单位成本的 SKU 的毛利率为 {0}；它们占净销售额的 {1}（成本覆盖率），上表的毛利率把其余销售额按零成本计入。";
    MdMix: "## Mix by margin tier", "## 按毛利分层的商品结构";
    MdMixHeader: "| Tier | SKUs | Revenue | Revenue share | GP | GP share |",
        "| 分层 | SKU 数 | 销售额 | 销售额占比 | 毛利额 | 毛利占比 |";
    MdSlowTitle: "## Slow movers ({0}), by capital tied up", "## 滞销品（{0} 个），按占用资金排序";
    MdSlowHeader: "| SKU | Name | On hand | Capital | Days since last sale | Days of cover |",
        "| SKU | 名称 | 库存 | 占用资金 | 距上次销售天数 | 周转天数 |";
    MdMore: "… and {0} more (see `skudesk report --format csv`).",
        "… 另有 {0} 个（见 `skudesk report --format csv`）。";
    MdBestTitle: "## Best sellers ({0})", "## 畅销品（{0} 个）";
    MdBestHeader: "| SKU | Name | Velocity/day | Days of cover |", "| SKU | 名称 | 日销量 | 周转天数 |";
    MdBatches: "## Clearance batches", "## 清仓批次";
    MdBatchesHeader: "| Batch | Channel | Status | Cash recovered | Target | Progress | Units cleared |",
        "| 批次 | 渠道 | 状态 | 回笼资金 | 目标 | 进度 | 已清件数 |";
    MdCandidates: "## New-product candidates", "## 新品候选";
    MdCandidatesHeader: "| Candidate | Score | Verdict | Why |", "| 候选品 | 评分 | 结论 | 原因 |";
    MdPlans: "## Action plans", "## 行动计划";
    MdPlansHeader: "| Horizon | Plan | Due | Status | Target | Progress |",
        "| 周期 | 计划 | 截止日 | 状态 | 目标 | 进度 |";
    MdOverdue: " (overdue)", "（已逾期）";
    MdOffTrack: " (off track)", "（落后）";
    MdOverTime: "## Over time ({0}, last {1})", "## 趋势（{0}，最近 {1} 期）";
    MdPeriodWeek: "weekly", "按周";
    MdPeriodMonth: "monthly", "按月";
    MdOverTimeHeader: "| Period | Net revenue | Gross profit | Margin | Costed margin | Cost coverage | High-tier share | Low-tier share | Units |",
        "| 期间 | 净销售额 | 毛利 | 毛利率 | 有成本毛利率 | 成本覆盖率 | 高毛利占比 | 低毛利占比 | 件数 |";
    MdYearEarlier: "A year earlier (as of {0}, same {1}-day window): net revenue {2} ({3} on it), margin {4}, high-tier share {5}, repurchase {6}.",
        "去年同期（统计截至日 {0}，同样 {1} 天窗口）：净销售额 {2}（同比 {3}），毛利率 {4}，高毛利占比 {5}，复购率 {6}。";
    MdNoYearEarlier: "A year earlier: the data does not reach back to that window, so nothing is compared.",
        "去年同期：数据未覆盖去年同期的完整窗口，不作比较。";
    MdSparkRevenue: "Net revenue", "净销售额";
    MdSparkMargin: "Margin", "毛利率";
    MdSparkHigh: "High-tier share", "高毛利占比";
    MdSparkLow: "Low-tier share", "低毛利占比";
    MdSparkRepurchase: "Repurchase", "复购率";

    // ── Platform exports (issue 22): refunds, two-file exports, many files ──────
    ImportMappingSkippedOrders: "; {0} order(s)", "；涉及 {0} 个订单";
    ImportRefundsSpread: "  refunds: {0} partially refunded order(s), {1} refunded, {2} taken off their lines as discount",
        "  退款：{0} 个部分退款订单，退款 {1}，其中 {2} 作为折扣从订单行扣除";
    ImportRefundsBeyond: "; {0} beyond their product lines (shipping, tax) is not product revenue",
        "；超出商品行的 {0}（运费、税费）不属于商品收入";
    ImportJoined: "  joined with {0}: {1}", "  已关联{0}：{1}";
    ImportTotalWould: "{0} files: {1} rows read; {2} would be: {3} added, {4} changed, {5} unchanged",
        "{0} 个文件：读取 {1} 行；{2}将：新增 {3}，修改 {4}，不变 {5}";
    ImportTotalWere: "{0} files: {1} rows read; {2} were: {3} added, {4} changed, {5} unchanged",
        "{0} 个文件：读取 {1} 行；{2}：新增 {3}，修改 {4}，不变 {5}";
    ImportThroughMappingFiles: "  read through mapping {0} ({1}): {2} file(s)",
        "  经映射 {0} 读取（{1}）：{2} 个文件";
    ImportMappingSkippedIn: "  skipped {0} row(s) by the mapping: {1} (first at {2}:{3})",
        "  映射跳过 {0} 行：{1}（首次在 {2} 第 {3} 行）";
    FieldOtherFile: "other file", "另一个文件";
    HintOtherFile: "two-file exports only (Taobao's items and orders files): the other one, either order",
        "仅用于分两个文件的导出（淘宝宝贝报表与订单报表）：填另一个，顺序不限";

    // ── Plans over time (issue 20): start, baseline, expected progress; the plan and
    // candidate subcommands; the overlap rule of `batch create|add` (issue 21) ──────
    MetricLowTierSkuShare: "low tier sku share", "低毛利SKU数占比";
    MetricSlowMoverCapital: "slow mover capital", "滞销品占用资金";
    MetricLowTierCapital: "low tier capital", "低毛利品占用资金";
    MetricCategoryRevenueShare: "category revenue share", "品类销售额占比";
    MetricRevenueGrowthYoy: "revenue growth yoy", "销售额同比增长";
    RefusedMetricNeedsCategory: "{0} needs a category", "{0} 需要指定品类";
    RefusedPlanFollowsBatch: "a plan that follows a clearance batch starts with the batch, from 0: it takes no start or baseline of its own",
        "跟随清仓批次的计划随批次开始、从 0 起算：不能另设开始日期或基线";
    RefusedUnknownCategory: "no product is in category {0}", "没有商品属于品类 {0}";
    MetricNeedsCategory: "category: {0} follows one category; name it",
        "品类：{0} 针对某一品类，请填写品类";
    FieldBaseline: "baseline", "基线";
    FieldPlanCategory: "category", "品类";
    HintStart: "YYYY-MM-DD, empty = the as-of date", "YYYY-MM-DD，留空 = 统计截至日";
    HintBaseline: "the metric at the start; empty = computed", "开始日的指标值；留空 = 自动计算";
    HintPlanCategory: "for a category's revenue share", "用于品类销售额占比";
    NotADecimal: "{0}: a number, not {1}", "{0}：请填数字，而不是 {1}";
    PlanNotStarted: "not started", "未开始";
    CliNotStartedFlag: " not started", " 未开始";
    MdNotStarted: " (not started)", "（未开始）";
    MdProgressExpected: "{0} (expected {1})", "{0}（应达 {1}）";
    PlanFormTimeHint: "Progress: baseline at the start → target. Expected: time gone, start → due.",
        "进度：开始日的基线 → 目标；应有进度：开始日 → 截止日已过的时间。";
    TargetNeedsMetric: "--target needs --metric: the target is a value of a metric",
        "--target 需要同时给出 --metric：目标值是某个指标的值";
    ShareAboveOne: "{0} {1}: a share is written 0.40 or 40%", "{0} {1}：比率写作 0.40 或 40%";
    MetricNeedsTarget: "--metric needs --target: the value the plan aims for",
        "--metric 需要同时给出 --target：计划要达到的值";
    NoSuchPlan: "no plan {0} (see `skudesk plans list`)", "没有计划 {0}（见 `skudesk plans list`）";
    NoSuchCandidate: "no candidate {0} (see `skudesk candidates list`)",
        "没有候选品 {0}（见 `skudesk candidates list`）";
    ValueNotANumber: "{0} {1}: a number (a share as 0.40 or 40%)", "{0} {1}：请填数字（比率写作 0.40 或 40%）";
    BatchOverlapRefused: "SKUs already in an open batch with overlapping dates ({0}):\n{1}\nNothing was written. To book them in this batch as well, add --allow-overlap.",
        "以下 SKU 已在日期重叠的未结束清仓批次中（{0} 个）：\n{1}\n未写入任何内容。如确需同时计入本批次，请加 --allow-overlap。";
    BatchOverlapLine: "  {0} is in batch #{1} {2} ({3} … {4})", "  {0} 已在批次 #{1} {2}（{3} … {4}）";
    OverlapHeading: "!! {0} SKU(s) already in another open batch with overlapping dates: {1} twice to book them in this one too",
        "!! {0} 个 SKU 已在日期重叠的其他未结束批次中：按两次 {1} 仍计入本批次";
    OverlapItem: "{0} in {1}", "{0} 在 {1}";
    OverlapSep: ", ", "，";
    OverlapMore: " and {0} more", "，另有 {0} 个";
    OverlapConfirm: "{0} SKU(s) already in another open batch with overlapping dates: press {1} again to book them twice, {2} to cancel",
        "{0} 个 SKU 已在日期重叠的其他未结束批次中：再按 {1} 仍重复计入，按 {2} 取消";
    BelowCostOverlapConfirm: "a price is below cost (margin < 0) and {0} SKU(s) are already in another open batch with overlapping dates: press {1} again to apply anyway, {2} to cancel",
        "有售价低于成本（毛利率 < 0），且 {0} 个 SKU 已在日期重叠的其他未结束批次中：再按 {1} 仍然应用，按 {2} 取消";
    // ── Issue 19, behaviour: questions before undo/redo of an import or a batch, the
    //    demo's replacement, the message log, search on every table, the command line ─
    RefusedHistoryMoved: "the database changed since you were asked (another program wrote to it): nothing was done; L shows the history",
        "提问之后数据库已被其他程序修改：未做任何操作；按 L 查看修改历史";
    UndoImportQuestion: "undo the import of {0}: its {1} {2} added go, {3} changed are put back as they were?",
        "撤销导入 {0}：删除其新增的 {1} 条{2}，恢复其修改的 {3} 条？";
    RedoImportQuestion: "redo the import of {0}: its {1} {2} added come back, {3} are changed again?",
        "重做导入 {0}：恢复其新增的 {1} 条{2}，再次修改 {3} 条？";
    UndoCloseBatchQuestion: "undo closing batch \"{0}\": it is open again, no longer done?",
        "撤销结束清仓批次“{0}”：批次重新开启，不再是已完成？";
    RedoCloseBatchQuestion: "close batch \"{0}\" again: it is marked done?",
        "再次结束清仓批次“{0}”：标记为已完成？";
    UndoDeleteBatchQuestion: "undo deleting batch \"{0}\": it comes back with its {1} SKUs?",
        "撤销删除清仓批次“{0}”：批次及其 {1} 个 SKU 恢复？";
    RedoDeleteBatchQuestion: "delete batch \"{0}\" again ({1} SKUs)?",
        "再次删除清仓批次“{0}”（{1} 个 SKU）？";
    CloseBatchQuestion: "Close batch \"{0}\" ({1}, {2} SKUs)? It is marked done.",
        "结束清仓批次“{0}”（{1}，{2} 个 SKU）？它将标记为已完成。";
    BatchNotStarted: "{0}, starts {1}: not started yet", "{0}，{1} 开始：尚未开始";
    BatchAlreadyDone: "batch \"{0}\" is done already", "清仓批次“{0}”已经完成";
    ConfirmKeysRedo: " It can be redone with {0}.  {1} = yes, {2} = no", "可按 {0} 重做。  {1} = 是，{2} = 否";
    NothingUndone: "nothing undone", "未撤销任何内容";
    NothingRedone: "nothing redone", "未重做任何内容";
    BatchLeftOpen: "batch left open", "清仓批次保持开启";
    BatchFollowedNamed: "batch \"{0}\" cannot be deleted: {1} plan(s) follow it: {2}; change their target first",
        "清仓批次“{0}”无法删除：有 {1} 个计划跟踪它：{2}；请先修改它们的目标";
    ImportDemoGoes: "The demo data goes: its products, stock, orders, traffic, batches, plans and candidates. This cannot be undone; a copy of the demo database is written to {0} first.",
        "演示数据将被删除：其商品、库存、订单、流量、清仓批次、计划和候选品。此操作无法撤销；删除前会先把演示数据库复制到 {0}。";
    ImportDemoGoesNoCopy: "The demo data goes: its products, stock, orders, traffic, batches, plans and candidates. This cannot be undone.",
        "演示数据将被删除：其商品、库存、订单、流量、清仓批次、计划和候选品。此操作无法撤销。";
    ImportDemoKept: "Kept, your own work: {0}.", "保留你自己的内容：{0}。";
    ImportKeptPlans: "{0} plan(s) ({1})", "{0} 个计划（{1}）";
    ImportKeptCandidates: "{0} candidate(s) ({1})", "{0} 个候选品（{1}）";
    ImportKeptBatches: "{0} batch(es) ({1})", "{0} 个清仓批次（{1}）";
    ImportKeptAlways: "the personas and settings", "用户画像和设置";
    ImportDemoBatchGoes: "Goes: your batch \"{0}\" — none of its SKUs is in this file.",
        "删除：你的清仓批次“{0}”— 此文件中没有它的任何 SKU。";
    ImportDemoPlanUnlinked: "Your plan \"{0}\" keeps its target but no longer follows a batch (its batch goes).",
        "你的计划“{0}”保留目标，但不再跟踪清仓批次（其批次将被删除）。";
    ImportDemoUnpromoted: "Your candidate \"{0}\" is no longer a SKU: {1} is not in this file.",
        "你的候选品“{0}”不再是 SKU：此文件中没有 {1}。";
    ImportCanApplyDemo: "Nothing is written yet. {0} imports it (one transaction; it cannot be undone); {1} cancels.",
        "尚未写入任何内容。按 {0} 导入（一个事务；无法撤销）；按 {1} 取消。";
    ImportDemoCopyAt: "a copy of the demo database is in {0}", "演示数据库的副本保存在 {0}";
    MessagesTitle: " Messages, newest first — {0} closes ", " 消息记录（最新在前）— {0} 关闭 ";
    NoMessagesYet: "no messages yet", "还没有消息";
    HelpMessages: "messages: the last 50", "消息记录：最近 50 条";
    ActMessages: "messages", "消息记录";
    HelpSearchTable: "search the table", "搜索表格";
    HelpNextMatch: "next/previous match", "下一个/上一个匹配";
    ActNextMatch: "next match", "下一个匹配";
    ActPrevMatch: "prev match", "上一个匹配";
    ActFindNext: "find next", "查找下一个";
    ActFindPrev: "find prev", "查找上一个";
    ScopeMix: "Mix tab", "商品结构页";
    ScopeCommand: "Command line", "命令行";
    SearchNoMatch: "no match for \"{0}\"", "没有与“{0}”匹配的行";
    NoSearchYet: "no search yet: {0} searches the table", "还没有搜索：按 {0} 搜索表格";
    SearchCleared: "search cleared", "已清除搜索";
    SearchMatchAt: "\"{0}\": match {1} of {2}", "“{0}”：第 {1} 个匹配，共 {2} 个";
    ActCommandLine: "command line", "命令行";
    ActBreakdown: "breakdown", "分组";
    HelpBreakdown: "by category / by brand", "按品类 / 按品牌";
    HelpCommandLine: "command line (:help)", "命令行：日期/窗口/SKU";
    HelpCommandRun: "run the command", "执行命令";
    HelpCommandLeave: "leave the command line", "离开命令行";
    CmdHelpTitle: " Commands — {0} runs, {1} leaves ", " 命令 — 按 {0} 执行，按 {1} 离开 ";
    CmdHelpAsOf: ":asof YYYY-MM-DD   the as-of date, e.g. :asof 2025-09-01",
        ":asof YYYY-MM-DD   统计截至日，例如 :asof 2025-09-01";
    CmdHelpWindow: ":window DAYS       the analysis window, e.g. :window 60",
        ":window DAYS       分析窗口（天），例如 :window 60";
    CmdHelpSku: ":sku CODE          that SKU on the aging tab (a filter hiding it is cleared)",
        ":sku CODE          在库龄页定位该 SKU（会清除隐藏它的筛选）";
    CmdHelpHelp: ":help              these commands", ":help              列出这些命令";
    CmdUnknown: "no command \"{0}\": the commands are :asof, :window, :sku, :help",
        "没有命令“{0}”：可用命令为 :asof、:window、:sku、:help";
    CmdAsOfBad: ":asof needs a date as YYYY-MM-DD from {0} to {1}, not \"{2}\"",
        ":asof 需要 YYYY-MM-DD 格式、{0} 至 {1} 之间的日期，而不是“{2}”";
    CmdWindowBad: ":window needs a number of days from {0} to {1}, not \"{2}\"",
        ":window 需要 {0} 至 {1} 之间的天数，而不是“{2}”";
    CmdSkuNeeded: ":sku needs a SKU code, e.g. :sku {0}", ":sku 需要一个 SKU 编码，例如 :sku {0}";
    CmdSkuMissing: "no SKU \"{0}\" in this shop", "本店没有 SKU“{0}”";
    CmdAsOfSet: "as of {0}", "统计截至日：{0}";
    CmdSkuAt: "{0}: row {1} of {2} on the aging tab", "{0}：库龄页第 {1} 行，共 {2} 行";
    CmdSkuCleared: "{0}: row {1} of {2} on the aging tab (filter and search cleared to show it)",
        "{0}：库龄页第 {1} 行，共 {2} 行（已清除筛选和搜索以显示它）";
    CmdSkuNotShown: "{0} is in no row of the aging table (no stock and no sales)",
        "{0} 不在库龄表中（没有库存也没有销售）";
}

#[cfg(test)]
mod tests {
    use super::super::{placeholders, Lang};
    use super::Msg;
    use unicode_width::UnicodeWidthStr;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    }

    /// Messages whose Chinese is rightly the same as the English.
    const SAME_IN_BOTH: &[Msg] = &[Msg::ColSku, Msg::PreviewSku, Msg::ErrorThen, Msg::RowSku];
    /// Messages whose Chinese is only a frame around a value already in Chinese, or a
    /// number's unit as Chinese writes it (`25%`, no space).
    const FRAME_ONLY: &[Msg] = &[Msg::FilterTier, Msg::MixTierRow, Msg::SettingsPercent];

    #[test]
    fn every_message_is_in_both_languages() {
        for &m in Msg::ALL {
            assert!(!m.en().is_empty(), "{m:?} has no English");
            assert!(!m.zh_cn().trim().is_empty(), "{m:?} has no Chinese");
        }
    }

    #[test]
    fn both_languages_fill_in_the_same_values() {
        for &m in Msg::ALL {
            assert_eq!(
                placeholders(m.en()),
                placeholders(m.zh_cn()),
                "{m:?}: {:?} vs {:?}",
                m.en(),
                m.zh_cn()
            );
        }
    }

    #[test]
    fn chinese_is_chinese() {
        for &m in Msg::ALL {
            if SAME_IN_BOTH.contains(&m) {
                assert_eq!(m.en(), m.zh_cn(), "{m:?}");
                continue;
            }
            assert_ne!(m.en(), m.zh_cn(), "{m:?} is not translated");
            assert!(
                has_cjk(m.zh_cn()) || FRAME_ONLY.contains(&m),
                "{m:?}: {:?} has no Chinese",
                m.zh_cn()
            );
        }
    }

    /// ASCII words a Chinese message may keep: key and product names, commands and
    /// their options, file formats, the date pattern.
    const KEPT_WORDS: &[&str] = &[
        "SKU",
        "Enter",
        "Esc",
        "Ctrl",
        "KPI",
        "CSV",
        // The byte order mark Excel needs, as Excel's own dialogs name it.
        "BOM",
        "Excel",
        "JSON",
        "Markdown",
        "README",
        "skudesk",
        "import",
        "export",
        "exports",
        "auto",
        "toml",
        "Downloads",
        "orders_export",
        "view",
        "report",
        "format",
        "csv",
        "batch",
        "list",
        "undo",
        "redo",
        "help",
        "bom",
        "tier",
        "lifecycle",
        "category",
        "db",
        "PATH",
        "FILE",
        "products",
        "stock",
        "orders",
        "traffic",
        "YYYY",
        "MM",
        "DD",
        "yes",
        "Tab",
        // The command that adds a persona (a refusal quotes it).
        "personas",
        "set",
        "CODE",
        "LABEL",
        "config",
        "show",
        // The file format and the `gen` command's flags, as typed.
        "SQLite",
        "gen",
        "force",
        "out",
        // The command line's commands and their arguments, as typed.
        "asof",
        "window",
        "sku",
        "help",
        "DAYS",
        // Key names, as the keyboard writes them.
        "PgDn",
        "PgUp",
        // The plan and candidate subcommands and the overlap flag, as typed.
        "plans",
        "candidates",
        "allow",
        "overlap",
        "target",
        "metric",
    ];

    #[test]
    fn no_english_words_are_left_in_chinese() {
        for &m in Msg::ALL {
            let zh = m.zh_cn();
            for word in zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 2)
            {
                assert!(
                    KEPT_WORDS.contains(&word),
                    "{m:?}: English word {word:?} in {zh:?}"
                );
            }
        }
    }

    #[test]
    fn form_labels_fit_their_column() {
        // Form labels are padded to 14 cells.
        for &m in Msg::ALL {
            if format!("{m:?}").starts_with("Field") {
                for lang in Lang::ALL {
                    assert!(lang.t(m).width() <= 14, "{lang}: {:?}", lang.t(m));
                }
            }
        }
    }

    #[test]
    fn a_text_looked_up_by_its_english_means_one_thing() {
        use super::super::names::BY_ENGLISH;
        for (i, a) in BY_ENGLISH.iter().enumerate() {
            for b in &BY_ENGLISH[i + 1..] {
                if a.en() == b.en() {
                    assert_eq!(a.zh_cn(), b.zh_cn(), "{a:?} and {b:?}");
                }
            }
        }
    }

    #[test]
    fn tab_titles_fit_an_80_column_tab_bar() {
        use crate::keymap::action::Tab;
        for lang in Lang::ALL {
            let bar: usize = Tab::ALL
                .iter()
                .enumerate()
                .map(|(i, t)| format!(" {} {} │", i + 1, lang.t(t.title())).width())
                .sum();
            assert!(bar <= 80, "{lang}: {bar}");
        }
    }
}
