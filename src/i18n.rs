//! English and Chinese words for everything a person reads. Data (project groups,
//! descriptions, department names) stays as written; labels, headers and messages come
//! from here, using the pairs in the project glossary.

/// The output language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// One label in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    pub en: &'static str,
    pub zh: &'static str,
}

const fn w(en: &'static str, zh: &'static str) -> Words {
    Words { en, zh }
}

impl Lang {
    /// The language asked for, else the locale's: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG` (the first one set and non-empty decides); Chinese when it starts with
    /// `zh`, otherwise English.
    pub fn resolve(asked: Option<Lang>) -> Lang {
        asked.unwrap_or_else(|| {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            if locale.to_ascii_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            }
        })
    }

    pub fn pick(self, words: Words) -> &'static str {
        match self {
            Lang::En => words.en,
            Lang::Zh => words.zh,
        }
    }
}

use std::borrow::Cow;

impl Lang {
    /// The language a command line asks for with `--lang en|zh` or `--lang=…`, looked
    /// up before the command line is parsed (its help and clap's own refusals are in
    /// that language); none when it does not say.
    pub fn from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
        let mut asked = None;
        let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            }
            let value = match word.strip_prefix("--lang") {
                Some("") => words.next().map(|v| v.into_owned()),
                Some(rest) => rest.strip_prefix('=').map(str::to_string),
                None => continue,
            };
            asked = match value.as_deref().map(str::trim) {
                Some(v) if v.eq_ignore_ascii_case("zh") => Some(Lang::Zh),
                Some(v) if v.eq_ignore_ascii_case("en") => Some(Lang::En),
                _ => asked,
            };
        }
        asked
    }
}

/// A message in both languages, built where it arises and shown where the language is
/// known (`main` for errors, `Context` for warnings, the page for the dashboard). Each
/// comes from one entry of [`msg`] (or a label of this table), where its English and
/// Chinese stand side by side; a text that is data (a path, an id, what the operating
/// system said) is the same in both, by [`Text::data`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    en: String,
    zh: String,
}

impl Text {
    /// Both languages, as [`msg`] builds them.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// Data or a code, the same in both languages.
    pub fn data(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            en: text.clone(),
            zh: text,
        }
    }

    /// Any value a message takes, as a text (data stays the same in both languages).
    pub fn of(value: impl Localize) -> Text {
        let (en, zh) = value.both();
        Text::new(en, zh)
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    /// The English text (for `Display`, logs and tests).
    pub fn en(&self) -> &str {
        &self.en
    }

    /// Texts joined: `a, b, c` in English, `a、b、c` in Chinese.
    pub fn list<T: Localize>(items: impl IntoIterator<Item = T>) -> Text {
        Text::join(items, ", ", "、")
    }

    /// Texts joined with a separator per language.
    pub fn join<T: Localize>(items: impl IntoIterator<Item = T>, en: &str, zh: &str) -> Text {
        let (mut e, mut z) = (Vec::new(), Vec::new());
        for item in items {
            let (a, b) = item.both();
            e.push(a.into_owned());
            z.push(b.into_owned());
        }
        Text::new(e.join(en), z.join(zh))
    }

    /// Both languages changed alike (e.g. made one line).
    pub fn map(self, f: impl Fn(String) -> String) -> Text {
        Text {
            en: f(self.en),
            zh: f(self.zh),
        }
    }
}

impl From<Words> for Text {
    fn from(w: Words) -> Text {
        Text::new(w.en, w.zh)
    }
}

/// A value a message is built from: a [`Text`] or [`Words`] gives each language its own;
/// anything else that can be displayed (a number, a date, a name) is data, the same in
/// both. (`Text` and `Words` deliberately do not implement `Display`, so a message
/// cannot be flattened into one language by accident.)
pub trait Localize {
    /// The English and the Chinese form.
    fn both(&self) -> (Cow<'_, str>, Cow<'_, str>);
}

impl Localize for Text {
    fn both(&self) -> (Cow<'_, str>, Cow<'_, str>) {
        (Cow::Borrowed(&self.en), Cow::Borrowed(&self.zh))
    }
}

impl Localize for &Text {
    fn both(&self) -> (Cow<'_, str>, Cow<'_, str>) {
        (**self).both()
    }
}

impl Localize for Words {
    fn both(&self) -> (Cow<'_, str>, Cow<'_, str>) {
        (Cow::Borrowed(self.en), Cow::Borrowed(self.zh))
    }
}

impl Localize for &Words {
    fn both(&self) -> (Cow<'_, str>, Cow<'_, str>) {
        (**self).both()
    }
}

impl<T: std::fmt::Display + ?Sized> Localize for T {
    fn both(&self) -> (Cow<'_, str>, Cow<'_, str>) {
        let text = self.to_string();
        (Cow::Owned(text.clone()), Cow::Owned(text))
    }
}

/// One message of the table: its key and its two templates.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

/// Defines messages: `name(arg, …) = "English {arg}", "中文{arg}";` makes a function
/// `name(arg: impl Localize, …) -> Text` and an [`Entry`] in `MESSAGES`. Each template
/// is a `format!` string with the arguments named: the compiler refuses a template that
/// leaves out an argument or names one that is not there, so both languages always say
/// the same things.
macro_rules! messages {
    ($( $(#[$meta:meta])* $name:ident ( $($arg:ident),* ) = $en:literal, $zh:literal; )*) => {
        $(
            $(#[$meta])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($arg: impl $crate::i18n::Localize),*) -> $crate::i18n::Text {
                $( let $arg = $arg.both(); )*
                $crate::i18n::Text::new(
                    format!($en $(, $arg = $arg.0)*),
                    format!($zh $(, $arg = $arg.1)*),
                )
            }
        )*
        /// Every message, by key, with its two templates.
        pub const MESSAGES: &[$crate::i18n::Entry] = &[
            $( $crate::i18n::Entry { key: stringify!($name), en: $en, zh: $zh }, )*
        ];
    };
}

/// The labels below, listed by name for the test that both languages have each one.
macro_rules! words {
    ($( $(#[$meta:meta])* pub const $name:ident: $ty:ty = $value:expr; )*) => {
        $( $(#[$meta])* pub const $name: $ty = $value; )*
        /// Every label of this table, by name.
        pub fn all_words() -> Vec<(String, Words)> {
            let mut all = Vec::new();
            $( Listed::list(&$name, stringify!($name), &mut all); )*
            all
        }
    };
}

/// A label or a row of labels, as `words!` lists them.
trait Listed {
    fn list(&self, name: &str, out: &mut Vec<(String, Words)>);
}

impl Listed for Words {
    fn list(&self, name: &str, out: &mut Vec<(String, Words)>) {
        out.push((name.to_string(), *self));
    }
}

impl<const N: usize> Listed for [Words; N] {
    fn list(&self, name: &str, out: &mut Vec<(String, Words)>) {
        for (i, w) in self.iter().enumerate() {
            out.push((format!("{name}[{i}]"), *w));
        }
    }
}

pub mod help;
pub mod msg;

words! {

// Column headers.
pub const NOTES_SHEET: Words = w("notes", "说明");
pub const ID: Words = w("id", "编号");
pub const TABLE: Words = w("table", "附表");
pub const CATEGORY: Words = w("category", "类别");
pub const GROUP: Words = w("project group", "项目名称");
pub const DESCRIPTION: Words = w("description and scale", "主要建设内容及规模");
pub const ESTIMATE_WAN: Words = w("estimate (10k CNY)", "投资估算（万元）");
pub const ESTIMATE_SHARE_WAN: Words = w("estimate share (10k CNY)", "分摊投资估算（万元）");
pub const SCHEDULE: Words = w("schedule", "实施周期");
pub const START_YEAR: Words = w("start year", "开始年份");
pub const END_YEAR: Words = w("end year", "结束年份");
pub const DEPARTMENTS: Words = w("lead department(s)", "牵头部门");
pub const DEPARTMENT: Words = w("lead department", "牵头部门");
pub const STATUS: Words = w("status", "状态");
pub const YEAR: Words = w("year", "年度");
pub const PROJECTS: Words = w("projects", "项目数");
pub const AMOUNT_WAN: Words = w("amount (10k CNY)", "金额（万元）");
pub const FIELD: Words = w("field", "字段");
pub const VALUE: Words = w("value", "值");
pub const CHECK: Words = w("check", "核对项");
pub const SUBJECT: Words = w("subject", "核对对象");
pub const STATED_WAN: Words = w("stated (10k CNY)", "列明（万元）");
pub const COMPUTED_WAN: Words = w("computed (10k CNY)", "计算（万元）");
pub const DIFFERENCE_WAN: Words = w("difference (10k CNY)", "差额（万元）");
pub const RESULT: Words = w("result", "结果");
pub const STAGE: Words = w("cost stage", "造价阶段");
pub const ALLOCATION: Words = w("year allocation", "分年度安排");
pub const REVISIONS: Words = w("estimate revisions", "投资调整记录");
pub const EFFECTIVE_DATE: Words = w("effective date", "生效日期");
pub const CHANGE_WAN: Words = w("change (10k CNY)", "调整额（万元）");
pub const ACTOR: Words = w("actor", "操作人");
pub const REASON: Words = w("reason", "原因");
pub const NOTE: Words = w("note", "备注");
pub const SEQ: Words = w("no.", "序号");
pub const RECORDED_AT: Words = w("recorded at", "操作时间");
pub const ACTION: Words = w("action", "操作");
pub const OLD_VALUE: Words = w("old value", "原值");
pub const NEW_VALUE: Words = w("new value", "修改值");

pub const TOTALS_TITLE: Words = w("totals", "汇总");

// Row labels and values.
pub const TOTAL: Words = w("total", "合计");
pub const ENTRIES: Words = w("entries", "条数");
pub const GRAND_TOTAL: Words = w("grand total", "总计");
pub const OK: Words = w("ok", "一致");
pub const MISMATCH: Words = w("MISMATCH", "不一致");
pub const UNCHANGED: Words = w("unchanged", "未变");
pub const REVISED: Words = w("revised", "已调整");
pub const PATH: Words = w("database", "数据库");
pub const SCHEMA_VERSION: Words = w("schema version", "数据库版本");
pub const GRAND_TOTAL_WAN: Words = w("grand total (10k CNY)", "总计（万元）");
pub const YEAR_ALLOCATION: Words = w("annual investment plan", "分年度投资计划");
pub const PLAN_EVEN: Words = w("even spread over the schedule", "按实施周期平均分摊");
pub const PLAN_EXPLICIT: Words = w("explicit annual plan", "分年度计划");
pub const DEPARTMENT_SHARES: Words = w("lead departments and shares", "牵头部门及分摊");

// Reconcile checks.
pub const CHECK_SUBTOTAL: Words = w("plan: subtotal of appendix table", "规划：附表合计");
pub const CHECK_GRAND_TOTAL: Words = w("plan: grand total of all tables", "规划：各附表总计");
pub const CHECK_PROJECT_YEARS: Words = w(
    "each project's year allocation adds up to its estimate",
    "各项目分年度金额之和等于投资估算",
);
pub const CHECK_RULE_AGREES: Words = w(
    "year allocation in SQLite agrees with the rule",
    "数据库分年度金额与分摊规则一致",
);
pub const CHECK_YEAR_TOTALS: Words = w(
    "year totals add up to the grand total",
    "各年度合计之和等于总计",
);
pub const CHECK_VARIANCE: Words = w(
    "variance: current estimate against the plan",
    "变动：当前投资估算与规划对比",
);
pub const CHECK_DEPARTMENT_SHARES: Words = w(
    "department shares add up to the grand total",
    "各部门分摊之和等于总计",
);

// Budget reports.
pub const BUDGET_MONTH: Words = w("budget this month (10k CNY)", "本月预算（万元）");
pub const ACTUAL_MONTH: Words = w("spent this month (10k CNY)", "本月支出（万元）");
pub const BUDGET_IN_YEAR: Words = w("budget {year} (10k CNY)", "{year}年预算（万元）");
pub const ACTUAL_IN_YEAR: Words = w("spent {year} (10k CNY)", "{year}年支出（万元）");
pub const RATE_IN_YEAR: Words = w("execution rate {year} (%)", "{year}年预算执行率（%）");
pub const BUDGET_CHANGE: Words = w("budget change (10k CNY)", "预算增减（万元）");
pub const ACTUAL_CHANGE: Words = w("spending change (10k CNY)", "支出增减（万元）");
pub const MATRIX_DEPARTMENT_NOTE: Words = w(
    "By department, each project's amount is shared among its lead departments evenly (whole yuan, the leftover to the first listed), so the cells add up to the totals.",
    "按部门汇总时，每个项目的金额在各牵头部门间平均分摊（以元为单位，余数归排列在前的部门），各单元格之和等于合计。",
);
pub const MONTH: Words = w("month", "月份");
pub const SPENDING_DEPARTMENT_NOTE: Words = w(
    "By department, each project's spending is shared among its current lead departments evenly (whole yuan, the odd fen and leftover yuan to the first listed), so the rows add up to the total; entries count in every department they are shared with.",
    "按部门汇总时，每个项目的支出在其现任各牵头部门间平均分摊（以元为单位，零头分与余数元归排列在前的部门），各行之和等于合计；支出记录条数在分摊的每个部门都计入。",
);
pub const DEPARTMENT_SHARES_NOTE: Words = w(
    "Subtotals by lead department: a project led by several departments is shared among them evenly (every figure split in whole yuan, the leftover to the first listed; marked 1/2, 2/2), so the subtotals add up to the total.",
    "按牵头部门小计：多个部门共同牵头的项目，各项金额在各部门间平均分摊（以元为单位，余数归排列在前的部门；标注 1/2、2/2），各部门小计之和等于合计。",
);
pub const ROW_TYPE: Words = w("row", "行类型");
pub const ROW_PROJECT: Words = w("project", "项目");
pub const ROW_SUBTOTAL: Words = w("subtotal", "小计");
pub const ROW_TOTAL: Words = w("total", "合计");
pub const BUDGET_YEAR: Words = w("budget for the year (10k CNY)", "年度预算（万元）");
pub const BUDGET_QUARTER: Words = w("budget this quarter (10k CNY)", "本季度预算（万元）");
pub const ACTUAL_QUARTER: Words = w("spent this quarter (10k CNY)", "本季度支出（万元）");
pub const BUDGET_YTD: Words = w("budget year to date (10k CNY)", "年初至今预算（万元）");
pub const ACTUAL_YTD: Words = w("spent year to date (10k CNY)", "年初至今支出（万元）");
pub const VARIANCE_YTD: Words = w("variance year to date (10k CNY)", "年初至今差额（万元）");
pub const RATE_YTD: Words = w("execution rate year to date (%)", "年初至今预算执行率（%）");
pub const BUDGET_TO_DATE: Words = w("budget to date (10k CNY)", "累计预算（万元）");
pub const ACTUAL_TO_DATE: Words = w("spent to date (10k CNY)", "累计支出（万元）");
pub const REMAINING: Words = w("remaining (10k CNY)", "剩余（万元）");
pub const BUDGET_Q: [Words; 4] = [
    w("budget Q1 (10k CNY)", "一季度预算（万元）"),
    w("budget Q2 (10k CNY)", "二季度预算（万元）"),
    w("budget Q3 (10k CNY)", "三季度预算（万元）"),
    w("budget Q4 (10k CNY)", "四季度预算（万元）"),
];
pub const ACTUAL_Q: [Words; 4] = [
    w("spent Q1 (10k CNY)", "一季度支出（万元）"),
    w("spent Q2 (10k CNY)", "二季度支出（万元）"),
    w("spent Q3 (10k CNY)", "三季度支出（万元）"),
    w("spent Q4 (10k CNY)", "四季度支出（万元）"),
];
pub const ACTUAL_YEAR: Words = w("spent in the year (10k CNY)", "年度支出（万元）");
pub const VARIANCE_YEAR: Words = w("variance for the year (10k CNY)", "年度差额（万元）");
pub const RATE_YEAR: Words = w("execution rate for the year (%)", "年度预算执行率（%）");

// Spending.
pub const ENTRY: Words = w("entry", "支出记录");
pub const REVERSES: Words = w("reverses entry", "冲销记录");
pub const KIND: Words = w("kind", "类型");
pub const KIND_PAYMENT: Words = w("payment", "支出");
pub const KIND_REVERSAL: Words = w("reversal", "冲销");
pub const KIND_AFTER_COMPLETION: Words =
    w("after completion (final payment)", "竣工后支付（尾款）");
pub const DATE: Words = w("date", "日期");
pub const VOUCHER: Words = w("voucher no.", "凭证号");
pub const REVERSED_BY: Words = w("reversed by", "被冲销记录");
pub const SETTING: Words = w("setting", "设置");

// Check.
pub const CHECK_INTEGRITY: Words = w("SQLite integrity check", "SQLite 完整性检查");
pub const CHECK_RECONCILE: Words = w("reconcile", "对账");
pub const CHECK_LIMITS: Words = w("ledger limits", "账本金额上限");
pub const SKIPPED_OVER_LIMITS: Words = w(
    "skipped: the ledger holds amounts beyond the limits",
    "未进行：账本金额超过上限",
);
pub const AS_OF_FIELD: Words = w("as of (effective date)", "截至（业务日期）");
pub const KNOWN_AT_FIELD: Words = w("known at (recorded time, UTC)", "登记截至（登记时间，UTC）");
pub const VIEWING_AS_OF: Words = w("The ledger as of", "账本截至");
pub const VIEWING_KNOWN_AT: Words = w("as recorded by", "按截至以下时间的登记");
pub const PERIOD: Words = w("period", "期间");
pub const THROUGH: Words = w("through", "结账至");
pub const CLOSE: Words = w("close", "结账");
pub const REOPEN: Words = w("reopen", "反结账");
pub const CHAIN_HEAD: Words = w("ledger chain head", "账本链头");
pub const AS_OF_NOTE: Words = w("as of", "截至");
pub const CHECK_JOURNAL: Words = w("hash chain over every record", "全部记录哈希链");
pub const CHECK_REPLAY: Words = w("history replay", "变更记录回放");
pub const CHECK_TRIGGERS: Words = w("append-only triggers", "只增不改触发器");
pub const CHECK_RUNNING_TOTALS: Words = w("running totals", "累计合计");
pub const RUNNING_TOTALS_OK: Words = w(
    "the current estimates' and the payments' totals equal their records",
    "现行估算合计与支出合计均与记录一致",
);
pub const CHECK_AGGREGATES: Words = w("page aggregates", "汇总表");
pub const AGGREGATES_OK: Words = w(
    "the totals by category, status, year and month equal their records",
    "按类别、状态、年度和月份的汇总均与记录一致",
);
pub const CHECK_REFERENCES: Words = w("references", "引用完整性");
pub const CHECK_INDICATORS: Words = w("indicator values and links", "指标值与关联");
pub const CHECK_CLOSES: Words = w("closed periods' reports", "已结账期间报表");
pub const CHECK_FUTURE: Words = w("dates and times in the future", "未来日期与时间");
pub const NONE_IN_FUTURE: Words = w(
    "nothing is dated or recorded after today",
    "没有晚于今天的业务日期或登记时间",
);
pub const CHECK_ANCHOR: Words = w("anchor", "锚点");
pub const REPLAY_OK: Words = w(
    "every version is its predecessor plus the changes its history records",
    "每个版本均等于前一版本加上其变更记录",
);
pub const ALL_PRESENT: Words = w("all present", "全部存在");
pub const NO_BROKEN_REFERENCES: Words = w("no broken references", "无断开的引用");
pub const NO_CLOSES: Words = w("no period is closed", "尚无结账期间");
pub const ANCHOR_FOUND: Words = w(
    "the ledger contains this head and every record up to it verifies",
    "账本包含该链头，且截至该链头的全部记录均通过校验",
);
pub const ANCHOR_MISSING: Words = w(
    "the ledger does not contain this head: records after it were removed, or it is another ledger's",
    "账本中没有该链头：其后的记录已被删除，或该链头属于其他账本",
);
pub const DETAIL: Words = w("detail", "详情");

// Indicators (表2-1).
pub const IND_NO: Words = w("no.", "序号");
pub const IND_FIELD: Words = w("field", "领域");
pub const IND_NAME: Words = w("indicator", "指标名称");
pub const IND_SUB_ITEMS: Words = w("sub-items", "子项");
pub const IND_QUALIFIER: Words = w("qualifier", "限定");
pub const IND_UNIT: Words = w("unit", "单位");
pub const IND_CRITERION: Words = w("criterion", "指标值");
pub const IND_VALUE_2021: Words = w("2021 value", "2021年现状值");
pub const IND_POINTS_2021: Words = w("2021 points", "2021年评分");
pub const IND_MAX_POINTS: Words = w("maximum points", "分值");
pub const IND_POINTS_ROW: Words = w("points", "分值");
pub const IND_TARGET_2023: Words = w("2023 target", "2023年目标值");
pub const IND_TARGET_2025: Words = w("2025 target", "2025年目标值");
pub const IND_DEPARTMENTS: Words = w("responsible department(s)", "责任单位");
pub const IND_REMARK: Words = w("remark", "备注");
pub const IND_SCORING: Words = w("scoring", "计分方式");
pub const IND_SCORING_TIERS: Words = w("tiers (the first reached scores)", "分档（取达到的最高档）");
pub const IND_SCORING_PARTS: Words = w("parts (points add up)", "分项（各项得分相加）");
pub const IND_PART: Words = w("tier or part", "档次或分项");
pub const IND_ADDRESS: Words = w("indicator", "指标");
pub const IND_ROWS: Words = w("tiers and parts", "分档与分项");
pub const IND_MEASUREMENTS: Words = w("measurements", "指标值记录");
pub const IND_LINKED: Words = w("linked projects", "关联项目");
pub const IND_VALUE: Words = w("current value", "现状值");
pub const IND_VALUE_YEAR: Words = w("value's year", "数值年度");
pub const IND_TIER: Words = w("tier", "档次");
pub const IND_POINTS: Words = w("points", "得分");
pub const IND_TARGET: Words = w("target", "目标值");
pub const IND_ON_TRACK: Words = w("on track", "达到目标");
pub const IND_MET: Words = w("met", "是否满足");
pub const IND_SOURCE: Words = w("source", "数据来源");
pub const IND_CONDITION: Words = w("basic condition", "基本条件");
pub const IND_STATUS_2021: Words = w("2021 status", "2021年状态");
pub const IND_STATUS: Words = w("status", "状态");
pub const IND_SPENT: Words = w("spent (10k CNY)", "已支出（万元）");
pub const CHECK_IND_POINTS_2021: Words = w("indicator points, 2021", "指标2021年得分");
pub const CHECK_IND_MAX_POINTS: Words = w("indicator maximum points", "指标满分");
pub const CHECK_IND_UNSCORED: Words = w("indicator points not scored, 2021", "指标2021年未得分");
pub const CHECK_IND_EXPECTED: Words = w("not scored, expected to be met", "未得分中预期达标");
pub const CHECK_IND_DIFFICULT: Words = w("not scored, key difficulties", "未得分中重难点");
pub const SUBJECT_TABLE_2_1_TOTAL: Words = w("table 2-1 total score", "表2-1 合计得分");
pub const SUBJECT_TABLE_2_1_MAX: Words = w("table 2-1 full marks", "表2-1 满分");
pub const SUBJECT_TABLE_2_2_UNSCORED: Words = w("table 2-2 not scored", "表2-2 未得分指标");
pub const SUBJECT_TABLE_2_3_EXPECTED: Words = w("table 2-3 expected", "表2-3 预期得分指标");
pub const SUBJECT_TABLE_2_3_DIFFICULT: Words = w("table 2-3 key difficulties", "表2-3 重难点指标");
pub const UNIT: Words = w("unit", "单位");
pub const UNIT_POINTS: Words = w("points", "分");
pub const IND_SPENT_SHARE: Words = w("spent share (10k CNY)", "分摊已支出（万元）");
pub const IND_UNLINKED: Words = w("linked to no indicator", "未关联指标");
pub const INDICATOR_TOTALS_NOTE: Words = w(
    "note: a project serving several indicators counts in full in estimate and spent for each of them, so those columns do not add up; the share columns split it evenly and add up to the total.",
    "注：服务多项指标的项目在投资估算和已支出列中对每项指标全额计入，故不可相加；分摊列按指标平均分摊，合计等于总计。",
);
pub const ASSESS_TITLE: Words = w("plan implementation assessment", "规划实施评估");
pub const ASSESS_CONDITIONS: Words = w("basic conditions", "基本条件");
pub const ASSESS_SCORE: Words = w("indicator score", "指标得分");
pub const ASSESS_OFF_TARGET: Words = w("indicators off target", "未达目标的指标");
pub const ASSESS_COMPLETION: Words = w("project completion", "项目完成情况");
pub const ASSESS_OVERDUE: Words = w("overdue projects", "逾期项目");
pub const ASSESS_MONEY: Words = w("investment and spending", "投资与支出");
pub const IND_CHANGE: Words = w("change from 2021", "较2021年变化");
pub const IND_MOVEMENT: Words = w("movement", "变动");
pub const ROSE: Words = w("rose", "上升");
pub const FELL: Words = w("fell", "下降");
pub const SAME: Words = w("unchanged", "持平");
pub const PROJECT_ID: Words = w("project", "项目");
pub const OVERDUE_COUNT: Words = w("overdue", "逾期");
pub const COMPLETION_RATE: Words = w("completion rate (%)", "完成率（%）");
pub const SPEND_RATE: Words = w("execution rate (%)", "执行率（%）");
pub const IND_HISTORY: Words = w("points by year", "历年得分");
pub const IND_BY_FIELD: Words = w("points by field", "各领域得分");
pub const IND_SERVED: Words = w("indicators served", "服务的指标");
pub const RECORD_VALUE: Words = w("Record a value", "录入指标值");
pub const MET: Words = w("met", "满足");
pub const NOT_MET: Words = w("not met", "暂不满足");
pub const YES: Words = w("yes", "是");
pub const NO: Words = w("no", "否");

// Messages.
pub const WARNING: Words = w("warning:", "警告：");
pub const RECONCILE_PASSED: Words = w("reconcile: all checks passed", "对账：全部核对一致");
pub const RECONCILE_FAILED: Words = w("reconcile: differences found", "对账：发现不一致");
pub const DEPARTMENT_NOTE: Words = w(
    "note: estimate counts a co-led project in full for each of its departments, so that column does not add up; estimate share splits it evenly and adds up to the total.",
    "注：投资估算列对联合牵头项目按每个部门全额计入，故不可相加；分摊投资估算列按部门平均分摊，合计等于总计。",
);

// The web dashboard and the HTML report.
pub const APP_TITLE: Words = w(
    "ecoledger — project portfolio",
    "ecoledger — 重点工程项目台账",
);
pub const NAV_OVERVIEW: Words = w("Overview", "总览");
pub const NAV_PROJECTS: Words = w("Projects", "项目");
pub const NAV_REPORTS: Words = w("Reports", "报表");
pub const NAV_RECONCILE: Words = w("Reconcile", "对账");
pub const NAV_INDICATORS: Words = w("Indicators", "指标");
pub const NAV_IMPORT: Words = w("Import payments", "导入支出");
pub const IMPORT_FILE: Words = w(
    "file: CSV (UTF-8 or GBK) or Excel workbook (.xlsx), at most 10 MiB",
    "文件：CSV（UTF-8 或 GBK）或 Excel 工作簿（.xlsx），不超过 10 MiB",
);
pub const IMPORT_UNIT: Words = w(
    "unit of an amount column whose header does not say it",
    "金额列单位（表头未注明时）",
);
pub const UNIT_FROM_HEADER: Words = w("as the header says", "按表头");
pub const UNIT_YUAN: Words = w("yuan", "元");
pub const UNIT_WAN: Words = w("10k CNY", "万元");
pub const SAVED_MAPPING: Words = w("saved column mapping", "已保存的列映射");
pub const NO_MAPPING: Words = w("none", "不使用");
pub const CHECK_FILE: Words = w("Check the file", "检查文件");
pub const IMPORT_PREVIEW: Words = w(
    "What the file would record (nothing is written until you confirm)",
    "文件将登记的内容（确认前不写入任何内容）",
);
pub const CONFIRM_IMPORT: Words = w("Import these entries", "确认导入");
pub const SIGN_IN_TO_IMPORT: Words = w(
    "Sign in to import payments: they are recorded under your name.",
    "登录后可导入支出：将以您的姓名记录。",
);
pub const UPLOAD_GONE: Words = w(
    "the checked file is no longer held (the server restarted, or another file was checked since); check it again",
    "已检查的文件不再保留（服务已重启，或其后检查了其他文件）；请重新检查",
);
pub const UPLOAD_TOO_LARGE: Words = w(
    "the file is larger than 10 MiB; split it, or import it with `ecoledger spending import`",
    "文件超过 10 MiB；请拆分，或用 `ecoledger spending import` 导入",
);
pub const NO_FILE: Words = w("choose a file to check", "请选择要检查的文件");
pub const TOTAL_ESTIMATE: Words = w("total estimate (10k CNY)", "投资估算总计（万元）");
pub const BY_CATEGORY: Words = w("Estimate by category (10k CNY)", "按类别投资估算（万元）");
pub const BY_YEAR: Words = w(
    "Annual investment plan by year (10k CNY)",
    "分年度投资计划（万元）",
);
pub const BY_STATUS: Words = w("Projects by status", "按状态统计项目");
pub const EXECUTION_THIS_QUARTER: Words = w("Execution rate this quarter", "本季度预算执行率");
pub const OVERDUE_PROJECTS: Words = w("Overdue projects", "逾期项目");
pub const ALL_OVERDUE: Words = w("all overdue projects", "全部逾期项目");
pub const NONE_OVERDUE: Words = w("No project is overdue.", "没有逾期项目。");
pub const NO_BUDGET: Words = w("no budget this quarter", "本季度无预算");
pub const FILTER: Words = w("Filter", "筛选");
pub const ALL_OPTION: Words = w("all", "全部");
pub const SEARCH: Words = w("search", "搜索");
pub const SHOWING: Words = w("projects shown", "个项目");
pub const SPENDING: Words = w("Spending", "支出记录");
pub const HISTORY: Words = w("History", "变更记录");
pub const CHANGE_STATUS: Words = w("Change status", "变更状态");
pub const RECORD_PAYMENT: Words = w("Record a payment", "登记支出");
pub const SUBMIT: Words = w("Submit", "提交");
pub const SIGN_IN: Words = w("Sign in", "登录");
pub const SIGN_OUT: Words = w("Sign out", "退出");
pub const YOUR_NAME: Words = w("Your name (recorded as the actor)", "姓名（记为操作人）");
pub const SIGNED_IN_AS: Words = w("signed in as", "当前用户");
pub const SIGN_IN_TO_CHANGE: Words = w(
    "Sign in to change a status or record a payment.",
    "登录后可变更状态或登记支出。",
);
pub const READ_ONLY: Words = w(
    "read-only: this server does not accept changes",
    "只读模式：本服务不接受修改",
);
pub const QUARTER: Words = w("quarter", "季度");
pub const SHOW: Words = w("Show", "查看");
pub const DOWNLOAD_CSV: Words = w(
    "Download CSV (Excel, UTF-8 with BOM)",
    "下载 CSV（Excel 可直接打开）",
);
pub const DOWNLOAD_XLSX: Words = w("Download workbook (.xlsx)", "下载 Excel 工作簿（.xlsx）");
pub const MONTHLY_REPORT: Words = w("Monthly budget execution report", "月度预算执行情况表");
pub const ANNUAL_REPORT: Words = w("Annual budget execution review", "年度预算执行情况表");
pub const PERIOD_FIELD: Words = w(
    "period (2024Q2, 2024-05, 2024)",
    "期间（2024Q2、2024-05、2024）",
);
pub const COMPARE_WITH: Words = w("compare with year", "对比年度");
pub const SUBTOTAL_BY: Words = w("subtotals by", "小计方式");
pub const REPORT_KIND: Words = w("report", "报表");
pub const QUARTERLY_REPORT: Words = w("Quarterly budget execution report", "季度预算执行情况表");
pub const ERROR: Words = w("Error", "错误");
pub const NOT_FOUND: Words = w("no such page", "页面不存在");
pub const TOKEN_NEEDED: Words = w(
    "a token is needed: open the address `ecoledger serve` printed, or send Authorization: Bearer TOKEN",
    "需要访问令牌：请打开 `ecoledger serve` 显示的地址，或发送 Authorization: Bearer 令牌",
);
pub const FORM_EXPIRED: Words = w(
    "the form has expired or did not come from this page; reload the page and try again",
    "表单已过期或不是从本页面提交；请刷新页面后重试",
);
pub const NEED_SIGN_IN: Words = w(
    "sign in first: changes are recorded under your name",
    "请先登录：修改将以您的姓名记录",
);
pub const SIGN_IN_FIRST: Words = w(
    "this ledger has users: sign in first",
    "本账本已设用户：请先登录",
);
pub const STATIC_REPORT_TITLE: Words = w("Project portfolio report", "重点工程项目情况报告");
pub const AS_OF: Words = w("as of", "截至");
pub const PAYMENT_AMOUNT: Words = w("amount (10k CNY)", "金额（万元）");
pub const EFFECTIVE_DATE_HINT: Words = w("date (empty: today)", "日期（留空为今天）");
pub const BAD_TEXT: Words = w("is not valid UTF-8 text", "不是有效的 UTF-8 文本");
pub const GIVEN_TWICE: Words = w("is given twice", "重复提交");
pub const NAME: Words = w("name", "姓名");
pub const ADDRESS: Words = w("address", "地址");
/// The unit after an amount: "1,200 (10k CNY)", "1,200 万元".
pub const WAN_AFTER_AMOUNT: Words = w("(10k CNY)", "万元");
/// Between the items of a list of sentences.
pub const LIST_SEPARATOR: Words = w("; ", "；");
/// The roles, in `domain::role::Role::ALL` order (from the glossary).
pub const ROLES: [Words; 5] = [
    w("viewer", "查看"),
    w("planner", "规划"),
    w("finance", "财务"),
    w("auditor", "审计"),
    w("admin", "管理员"),
];
/// The duties a write performs, in `domain::role::Duty` order.
pub const DUTIES: [Words; 6] = [
    w("changing projects and indicators", "修改项目和指标"),
    w("recording payments", "登记支出"),
    w("approving payments", "复核支出"),
    w("closing periods", "结账"),
    w("changing settings", "修改设置"),
    w("managing users", "管理用户"),
];
pub const USER: Words = w("user", "用户");
pub const ROLE: Words = w("roles", "角色");
pub const OS_USER: Words = w("OS login", "系统账号");
pub const DISABLED: Words = w("disabled", "已停用");
pub const ACTIVE: Words = w("active", "启用");
pub const SIGN_IN_METHOD: Words = w("signed in by", "登录方式");
pub const PASSWORD: Words = w("password", "密码");
pub const PENDING: Words = w("pending approval", "待复核");
pub const APPROVALS: Words = w("Approvals", "复核");
pub const APPROVE: Words = w("approve", "复核通过");
pub const REJECT: Words = w("reject", "退回");
pub const NO_USERS_YET: Words = w(
    "This ledger has no users yet: the dashboard works as one person's, on this computer only. To require passwords, add an administrator on the command line: ecoledger users add NAME --role admin",
    "本账本尚无用户：看板仅供本机一人使用。如需密码登录，请在命令行添加管理员：ecoledger users add 姓名 --role admin",
);
pub const FORBIDDEN_ROLE: Words = w(
    "your roles do not allow this",
    "您的角色无权执行此操作",
);
}

/// The label of a role.
pub fn role_label(role: crate::domain::role::Role) -> Words {
    ROLES[role as usize]
}

/// What a duty is, as a refusal says it.
pub fn duty_label(duty: crate::domain::role::Duty) -> Words {
    DUTIES[duty as usize]
}
