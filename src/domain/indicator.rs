//! The plan's indicators (表2-1) as plain values and rules: a criterion cell parsed into
//! exact bounds (full-width `＞ ＜` and `≥ ≤` understood) or kept as text, how a measured
//! value is judged against tiers or parts, and how an indicator's points add up. Values
//! and bounds are exact decimals; points are whole numbers, as the plan gives them.
//! Nothing here does I/O: the seed files are read in [`crate::seed`], measurements come
//! from [`crate::store`].

use rust_decimal::Decimal;
use std::str::FromStr;

/// 表2-1's 合计得分: the plan's points for 2021.
pub const STATED_POINTS_2021: u32 = 87;
/// The most the indicator system scores (满分).
pub const STATED_MAX_POINTS: u32 = 100;
/// 表2-2's 未得分指标: the points not scored in 2021.
pub const STATED_UNSCORED: u32 = 13;
/// 表2-3's 预期得分指标: the lost points expected to be reached.
pub const STATED_EXPECTED: u32 = 8;
/// 表2-3's 重难点指标: the lost points that are key difficulties.
pub const STATED_DIFFICULT: u32 = 5;

/// One comparison of the measured value `A` with a bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// A ≥ bound.
    Ge,
    /// A > bound.
    Gt,
    /// A ≤ bound.
    Le,
    /// A < bound.
    Lt,
}

impl Cmp {
    fn holds(self, a: Decimal, bound: Decimal) -> bool {
        match self {
            Cmp::Ge => a >= bound,
            Cmp::Gt => a > bound,
            Cmp::Le => a <= bound,
            Cmp::Lt => a < bound,
        }
    }

    /// The comparison a sign states with A on its left (`≥ 55` in `A≥55`).
    fn of_sign(sign: char) -> Option<Cmp> {
        match sign {
            '≥' => Some(Cmp::Ge),
            '≤' => Some(Cmp::Le),
            '＞' | '>' => Some(Cmp::Gt),
            '＜' | '<' => Some(Cmp::Lt),
            _ => None,
        }
    }

    /// The same comparison seen from the other side (`60＞A` is `A < 60`).
    fn flipped(self) -> Cmp {
        match self {
            Cmp::Ge => Cmp::Le,
            Cmp::Le => Cmp::Ge,
            Cmp::Gt => Cmp::Lt,
            Cmp::Lt => Cmp::Gt,
        }
    }
}

/// A criterion cell (指标值), parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Criterion {
    /// A numeric criterion: the value must satisfy every bound. A bare number (`100`)
    /// means at least that number.
    Numeric(Vec<(Cmp, Decimal)>),
    /// A text criterion (开展, 建立, 完成市级规定的目标任务…): judged by `--met yes|no`.
    Text,
}

fn is_sign(c: char) -> bool {
    Cmp::of_sign(c).is_some()
}

/// An exact decimal as people write it: ASCII digits, one point, an optional sign; no
/// exponent, no thousands separators.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    if body.is_empty()
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
        || body.chars().filter(|&c| c == '.').count() > 1
        || body.starts_with('.')
        || body.ends_with('.')
    {
        return None;
    }
    Decimal::from_str_exact(t)
        .or_else(|_| Decimal::from_str(t))
        .ok()
}

impl Criterion {
    /// Parses a criterion cell: `≥20`, `≤37`, `＞60`, `60＞A≥55`, a bare `100`, or a
    /// label followed by one comparison (`优良天数比例≥85`, `PM2.5浓度≤37`). Anything
    /// else is a text criterion.
    pub fn parse(cell: &str) -> Criterion {
        let t = cell.trim();
        if let Some(n) = parse_decimal(t) {
            return Criterion::Numeric(vec![(Cmp::Ge, n)]);
        }
        // A range: `N＞A≥M`.
        if let Some((left, right)) = t.split_once('A') {
            let mut l = left.chars();
            let lsign = l.next_back();
            let lnum = parse_decimal(l.as_str());
            let mut r = right.chars();
            let rsign = r.next();
            let rnum = parse_decimal(r.as_str());
            if let (Some(ls), Some(ln), Some(rs), Some(rn)) = (
                lsign.and_then(Cmp::of_sign),
                lnum,
                rsign.and_then(Cmp::of_sign),
                rnum,
            ) {
                return Criterion::Numeric(vec![(ls.flipped(), ln), (rs, rn)]);
            }
        }
        // One comparison, after an optional label.
        if let Some((pos, sign)) = t.char_indices().find(|&(_, c)| is_sign(c)) {
            let rest = &t[pos + sign.len_utf8()..];
            if let (Some(cmp), Some(n)) = (Cmp::of_sign(sign), parse_decimal(rest)) {
                if !t[..pos].chars().any(is_sign) {
                    return Criterion::Numeric(vec![(cmp, n)]);
                }
            }
        }
        Criterion::Text
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Criterion::Numeric(_))
    }

    /// Whether `value` satisfies the criterion (always false for a text criterion: that
    /// one is judged by a person, see [`Judged`]).
    pub fn holds(&self, value: Decimal) -> bool {
        match self {
            Criterion::Numeric(bounds) => bounds.iter().all(|&(c, b)| c.holds(value, b)),
            Criterion::Text => false,
        }
    }
}

/// How an indicator's rows score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scoring {
    /// The rows are alternatives, best first: the first one the value satisfies scores.
    Tiers,
    /// Each row is a part with its own value; the parts' points add up.
    Parts,
}

impl Scoring {
    pub fn parse(s: &str) -> Option<Scoring> {
        match s {
            "tiers" => Some(Scoring::Tiers),
            "parts" => Some(Scoring::Parts),
            _ => None,
        }
    }
}

/// One row of an indicator in 表2-1: a tier or a part, as the plan writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 1, 2, … in table order: `NO.PART` addresses a part.
    pub part: u32,
    pub unit: String,
    /// The criterion cell, verbatim.
    pub criterion_text: String,
    pub criterion: Criterion,
    /// 分值: the points this tier or part is worth.
    pub points: u32,
    /// The 2021 value as written (blank on tiers the value is not on).
    pub value_2021: String,
    /// The targets as written (a tiered indicator has them on its first row).
    pub target_2023: String,
    pub target_2025: String,
    pub departments: Vec<String>,
    pub remark: String,
}

/// One of the 38 scored indicators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub no: u32,
    /// 领域 (生态制度 …).
    pub field: String,
    /// The name: the first line of the name cell.
    pub name: String,
    /// The numbered sub-items that follow the name in its cell (indicators 12, 13, 21).
    pub sub_items: Vec<String>,
    /// A qualifier cell beside the name (丘陵地区 for 森林覆盖率).
    pub qualifier: String,
    pub scoring: Scoring,
    pub rows: Vec<Row>,
    /// 评分: the points the plan gives the 2021 value.
    pub points_2021: u32,
}

impl Indicator {
    /// The most the indicator can score: its best tier, or all its parts.
    pub fn max_points(&self) -> u32 {
        match self.scoring {
            Scoring::Tiers => self.rows.iter().map(|r| r.points).max().unwrap_or(0),
            Scoring::Parts => self.rows.iter().map(|r| r.points).sum(),
        }
    }

    /// Every responsible department, in table order, each once.
    pub fn departments(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for d in self.rows.iter().flat_map(|r| &r.departments) {
            if !out.contains(d) {
                out.push(d.clone());
            }
        }
        out
    }

    /// The remark (备注) of the indicator: its first row's.
    pub fn remark(&self) -> &str {
        self.rows.first().map_or("", |r| r.remark.as_str())
    }

    /// The unit of the indicator: its first row's (a part has its own).
    pub fn unit(&self) -> &str {
        self.rows.first().map_or("", |r| r.unit.as_str())
    }

    /// The points the plan lost in 2021 (表2-2's 未得分).
    pub fn missing_2021(&self) -> u32 {
        self.max_points().saturating_sub(self.points_2021)
    }

    /// 表2-3's sort of the missing points: expected to reach (易达标) or a key difficulty
    /// (重难点), from the remark.
    pub fn difficulty(&self) -> Option<Difficulty> {
        if self.missing_2021() == 0 {
            None
        } else if self.remark().contains("易达标") {
            Some(Difficulty::Expected)
        } else if self.remark().contains("重难点") {
            Some(Difficulty::Difficult)
        } else {
            None
        }
    }

    /// The row addressed by `part` (1-based).
    pub fn row(&self, part: u32) -> Option<&Row> {
        self.rows.iter().find(|r| r.part == part)
    }

    /// Whether a value for this indicator (tiers) or one of its parts needs `--met`:
    /// true when a text tier is reached before a numeric tier the value satisfies.
    pub fn needs_met(&self, rows: &[&Row], value: Option<Decimal>) -> bool {
        for r in rows {
            match &r.criterion {
                Criterion::Numeric(_) => {
                    if value.is_some_and(|v| r.criterion.holds(v)) {
                        return false;
                    }
                }
                Criterion::Text => return true,
            }
        }
        false
    }

    /// The targets of the indicator for `year` as written: 2023's up to 2023, else 2025's;
    /// a part's own for parts (joined by `；`).
    pub fn target(&self, year: i32) -> String {
        let pick = |r: &Row| {
            if year <= 2023 {
                r.target_2023.clone()
            } else {
                r.target_2025.clone()
            }
        };
        match self.scoring {
            Scoring::Tiers => self.rows.first().map(pick).unwrap_or_default(),
            Scoring::Parts => self.rows.iter().map(pick).collect::<Vec<_>>().join("；"),
        }
    }
}

/// Where 表2-3 puts an indicator's missing points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Difficulty {
    /// 预期得分指标: expected to reach.
    Expected,
    /// 重难点指标: a key difficulty.
    Difficult,
}

/// A value as recorded or seeded: the text as given, its exact number if it is one, and
/// a person's judgement for a text criterion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub text: String,
    pub number: Option<Decimal>,
    pub met: Option<bool>,
}

impl Value {
    pub fn new(text: &str, met: Option<bool>) -> Value {
        Value {
            text: text.to_string(),
            number: parse_decimal(text),
            met,
        }
    }
}

/// The outcome of judging a value: which tier (1-based) it reached and the points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Judged {
    pub tier: Option<u32>,
    pub points: u32,
}

/// Judges `value` against `rows` (tiers in order, or one part): the first row whose
/// numeric criterion the number satisfies, or whose text criterion is met, scores.
pub fn judge(rows: &[&Row], value: &Value) -> Judged {
    for r in rows {
        let ok = match &r.criterion {
            Criterion::Numeric(_) => value.number.is_some_and(|n| r.criterion.holds(n)),
            Criterion::Text => value.met == Some(true),
        };
        if ok {
            return Judged {
                tier: Some(r.part),
                points: r.points,
            };
        }
    }
    Judged {
        tier: None,
        points: 0,
    }
}

/// Whether `value` meets a target cell (`≥90`, `100`, `＞60`): for a numeric target and
/// a number, exact comparison; otherwise none (the caller decides from the points).
pub fn meets_target(target: &str, value: &Value) -> Option<bool> {
    match (Criterion::parse(target), value.number) {
        (c @ Criterion::Numeric(_), Some(n)) => Some(c.holds(n)),
        _ => None,
    }
}

/// One of the 7 basic conditions (基本条件), under the one-vote veto.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// 1–7; addressed as `C1`–`C7`.
    pub no: u32,
    pub text: String,
    pub value_2021: String,
    pub target_2023: String,
    pub target_2025: String,
    pub departments: Vec<String>,
    /// 满足 (true) or 暂不满足 (false) in 2021.
    pub met_2021: bool,
}

/// What an indicator address names: a basic condition, an indicator, or one part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Address {
    Condition(u32),
    Indicator(u32),
    Part(u32, u32),
}

impl Address {
    /// Parses `C3`, `26` or `5.2` (the numbers are not checked against the table here).
    pub fn parse(s: &str) -> Option<Address> {
        let t = s.trim();
        if let Some(rest) = t.strip_prefix(['C', 'c']) {
            return rest.parse().ok().map(Address::Condition);
        }
        if !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        match t.split_once('.') {
            Some((n, p)) => Some(Address::Part(n.parse().ok()?, p.parse().ok()?)),
            None => t.parse().ok().map(Address::Indicator),
        }
    }

    /// The address as stored and shown: `C3`, `26`, `5.2`.
    pub fn key(self) -> String {
        match self {
            Address::Condition(n) => format!("C{n}"),
            Address::Indicator(n) => n.to_string(),
            Address::Part(n, p) => format!("{n}.{p}"),
        }
    }
}

/// A measured value as recorded: what (`26`, `5.2`, `C1`), for which year, the value
/// and judgement, where it came from, and who recorded it when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measurement {
    pub id: i64,
    pub indicator: String,
    pub year: i32,
    pub effective_date: String,
    pub value: String,
    pub met: Option<bool>,
    pub source: String,
    pub reason: Option<String>,
    pub recorded_at: String,
    pub actor: String,
}

impl Measurement {
    pub fn value(&self) -> Value {
        Value::new(&self.value, self.met)
    }
}

/// The latest of `measurements` for `key` in a year up to `year` (the latest year, then
/// the latest recorded): a value carries forward until a later one replaces it.
pub fn latest<'a>(
    measurements: &'a [Measurement],
    key: &str,
    year: i32,
) -> Option<&'a Measurement> {
    measurements
        .iter()
        .filter(|m| m.indicator == key && m.year <= year)
        .max_by_key(|m| (m.year, m.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each comparison on both sides of its bound and on it.
    #[test]
    fn comparisons_hold_exactly_at_and_around_their_bound() {
        for (cmp, below, at, above) in [
            (Cmp::Ge, false, true, true),
            (Cmp::Gt, false, false, true),
            (Cmp::Le, true, true, false),
            (Cmp::Lt, true, false, false),
        ] {
            assert_eq!(cmp.holds(d("54.99"), d("55")), below, "{cmp:?} below");
            assert_eq!(cmp.holds(d("55.00"), d("55")), at, "{cmp:?} at");
            assert_eq!(cmp.holds(d("55.01"), d("55")), above, "{cmp:?} above");
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn criteria_parse_into_exact_bounds() {
        assert_eq!(
            Criterion::parse("≥20"),
            Criterion::Numeric(vec![(Cmp::Ge, d("20"))])
        );
        assert_eq!(
            Criterion::parse("60＞A≥55"),
            Criterion::Numeric(vec![(Cmp::Lt, d("60")), (Cmp::Ge, d("55"))])
        );
        assert_eq!(
            Criterion::parse("PM2.5浓度≤37"),
            Criterion::Numeric(vec![(Cmp::Le, d("37"))])
        );
        assert_eq!(
            Criterion::parse("优良天数比例≥85"),
            Criterion::Numeric(vec![(Cmp::Ge, d("85"))])
        );
        assert_eq!(
            Criterion::parse("100"),
            Criterion::Numeric(vec![(Cmp::Ge, d("100"))])
        );
        assert_eq!(
            Criterion::parse("＞60"),
            Criterion::Numeric(vec![(Cmp::Gt, d("60"))])
        );
        for text in [
            "开展",
            "城区100，乡镇完成上级考核要求",
            "完成市级规定的目标任务",
            "执行\n不明显",
            "",
        ] {
            assert_eq!(Criterion::parse(text), Criterion::Text, "{text}");
        }
    }

    #[test]
    fn bounds_compare_exactly() {
        let c = Criterion::parse("60＞A≥55");
        assert!(c.holds(d("55")));
        assert!(!c.holds(d("54.999999")));
        assert!(c.holds(d("59.99")));
        assert!(!c.holds(d("60")));
    }

    #[test]
    fn addresses_parse() {
        assert_eq!(Address::parse("5.2"), Some(Address::Part(5, 2)));
        assert_eq!(Address::parse("26"), Some(Address::Indicator(26)));
        assert_eq!(Address::parse("c7"), Some(Address::Condition(7)));
        assert_eq!(Address::parse("x"), None);
        assert_eq!(Address::parse("5.2.1"), None);
        assert_eq!(Address::parse("-1"), None);
    }
}
