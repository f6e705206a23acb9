//! The indicator reports: the table as the plan gives it (`indicators list`), one
//! indicator in full (`indicators show`), the basic conditions (`indicators
//! conditions`) and the score for a year (`indicators score`). [`score`] computes the
//! score on plain values — the embedded table and the measurements — so reconcile and
//! the assessment report share it.
//!
//! A year's value of an indicator (or part, or condition) is its latest measurement for
//! that year or an earlier one; without one, the plan's 2021 value and points stand.

use crate::domain::indicator::{
    judge, latest, meets_target, Indicator, Judged, Measurement, Scoring, Value,
};
use crate::domain::Money;
use crate::i18n::{self, Lang, Words};
use crate::render::{col, Cell, Column, Output, Record, Table};
use crate::seed::IndicatorTable;

/// The plan's baseline year: the seeded values are 2021's.
pub const BASE_YEAR: i32 = 2021;

fn joined<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("；")
}

/// The 2021 value of an indicator as the plan writes it: the tier row that holds it, or
/// every part's joined by `；`.
pub fn value_2021(ind: &Indicator) -> String {
    match ind.scoring {
        Scoring::Tiers => ind
            .rows
            .iter()
            .map(|r| r.value_2021.as_str())
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .to_string(),
        Scoring::Parts => joined(ind.rows.iter().map(|r| r.value_2021.as_str())),
    }
}

fn unit(ind: &Indicator) -> String {
    match ind.scoring {
        Scoring::Tiers => ind.unit().to_string(),
        Scoring::Parts => joined(ind.rows.iter().map(|r| r.unit.as_str())),
    }
}

fn targets(ind: &Indicator, year: i32) -> String {
    ind.target(year)
}

fn yes_no(b: bool, lang: Lang) -> Cell {
    if b {
        Cell::code("yes", lang.pick(i18n::YES))
    } else {
        Cell::code("no", lang.pick(i18n::NO))
    }
}

fn met_cell(b: bool, lang: Lang) -> Cell {
    if b {
        Cell::code("met", lang.pick(i18n::MET))
    } else {
        Cell::code("not_met", lang.pick(i18n::NOT_MET))
    }
}

fn c(key: &'static str, words: Words, lang: Lang) -> Column {
    col(key, lang.pick(words))
}

/// `indicators list`: one row per indicator, as the plan gives it.
pub fn list(indicators: &[&Indicator], lang: Lang) -> Output {
    let columns = vec![
        c("no", i18n::IND_NO, lang),
        c("field", i18n::IND_FIELD, lang),
        c("name", i18n::IND_NAME, lang),
        c("unit", i18n::IND_UNIT, lang),
        c("criterion", i18n::IND_CRITERION, lang),
        c("value_2021", i18n::IND_VALUE_2021, lang),
        c("points_2021", i18n::IND_POINTS_2021, lang),
        c("max_points", i18n::IND_MAX_POINTS, lang),
        c("target_2023", i18n::IND_TARGET_2023, lang),
        c("target_2025", i18n::IND_TARGET_2025, lang),
        c("departments", i18n::IND_DEPARTMENTS, lang),
        c("remark", i18n::IND_REMARK, lang),
    ];
    let rows = indicators
        .iter()
        .map(|ind| {
            vec![
                Cell::Int(ind.no.into()),
                Cell::text(&ind.field),
                Cell::text(display_name(ind)),
                Cell::text(unit(ind)),
                Cell::text(joined(ind.rows.iter().map(|r| r.criterion_text.as_str()))),
                Cell::text(value_2021(ind)),
                Cell::Int(ind.points_2021.into()),
                Cell::Int(ind.max_points().into()),
                Cell::text(targets(ind, 2023)),
                Cell::text(targets(ind, 2025)),
                Cell::text(ind.departments().join("、")),
                Cell::text(ind.remark()),
            ]
        })
        .collect();
    Output::Table(Table {
        columns,
        rows,
        view: vec![
            "no",
            "name",
            "criterion",
            "value_2021",
            "points_2021",
            "max_points",
            "target_2025",
            "departments",
        ],
        ..Default::default()
    })
}

/// The name with its qualifier (森林覆盖率（丘陵地区）); sub-items stay in `show`.
pub fn display_name(ind: &Indicator) -> String {
    if ind.qualifier.is_empty() {
        ind.name.clone()
    } else {
        format!("{}（{}）", ind.name, ind.qualifier)
    }
}

/// One indicator's score for a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored {
    pub no: u32,
    /// The value as written (parts joined by `；`).
    pub value: String,
    /// The tier reached (`2`), or the parts that score (`1,3`); empty when none.
    pub tier: String,
    pub points: u32,
    pub max_points: u32,
    /// The target for the year as written.
    pub target: String,
    pub on_track: bool,
    /// The latest year any of its values comes from (2021 for the plan's).
    pub value_year: i32,
}

/// A basic condition's status for a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionStatus {
    pub no: u32,
    pub met: bool,
    pub value: String,
    pub value_year: i32,
}

/// The score for a year: every indicator, the total out of the maximum, and the basic
/// conditions (any unmet one vetoes the result).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub year: i32,
    pub rows: Vec<Scored>,
    pub total: u32,
    pub max: u32,
    pub conditions: Vec<ConditionStatus>,
}

impl Score {
    /// The basic conditions not met: the veto applies when there is any.
    pub fn unmet_conditions(&self) -> Vec<u32> {
        self.conditions
            .iter()
            .filter(|c| !c.met)
            .map(|c| c.no)
            .collect()
    }

    pub fn row(&self, no: u32) -> Option<&Scored> {
        self.rows.iter().find(|r| r.no == no)
    }
}

/// Whether a judged value meets its target: by exact comparison when the target is a
/// number and so is the value, else when it scores its full points.
fn on_track(target: &str, value: &Value, judged: Judged, max: u32) -> bool {
    meets_target(target, value).unwrap_or(judged.points >= max)
}

fn pick_target(r: &crate::domain::indicator::Row, year: i32) -> &str {
    if year <= 2023 {
        &r.target_2023
    } else {
        &r.target_2025
    }
}

/// Scores every indicator for `year` from the plan's 2021 values and `measurements`.
pub fn score(table: &IndicatorTable, measurements: &[Measurement], year: i32) -> Score {
    let mut rows = Vec::new();
    for ind in &table.indicators {
        let max_points = ind.max_points();
        let target = ind.target(year);
        let scored = match ind.scoring {
            Scoring::Tiers => {
                let all: Vec<_> = ind.rows.iter().collect();
                match latest(measurements, &ind.no.to_string(), year) {
                    Some(m) => {
                        let value = m.value();
                        let judged = judge(&all, &value);
                        Scored {
                            no: ind.no,
                            value: m.value.clone(),
                            tier: judged.tier.map(|t| t.to_string()).unwrap_or_default(),
                            points: judged.points,
                            max_points,
                            on_track: on_track(&target, &value, judged, max_points),
                            target,
                            value_year: m.year,
                        }
                    }
                    None => {
                        let text = value_2021(ind);
                        let tier = ind
                            .rows
                            .iter()
                            .find(|r| ind.points_2021 > 0 && r.points == ind.points_2021)
                            .map(|r| r.part);
                        let judged = Judged {
                            tier,
                            points: ind.points_2021,
                        };
                        // Only a number is compared with the target (whether it was met
                        // plays no part in being on track).
                        let value = Value::new(&text, None);
                        Scored {
                            no: ind.no,
                            tier: tier.map(|t| t.to_string()).unwrap_or_default(),
                            points: ind.points_2021,
                            max_points,
                            on_track: on_track(&target, &value, judged, max_points),
                            value: text,
                            target,
                            value_year: BASE_YEAR,
                        }
                    }
                }
            }
            Scoring::Parts => {
                let (mut values, mut tiers) = (Vec::new(), Vec::new());
                let (mut points, mut track, mut value_year) = (0, true, BASE_YEAR);
                // The plan scores a parts indicator in full or states which parts
                // fail; every seeded part scores when the indicator has all its points.
                let seeded_full = ind.points_2021 >= max_points;
                for r in &ind.rows {
                    let key = format!("{}.{}", ind.no, r.part);
                    let (value, judged) = match latest(measurements, &key, year) {
                        Some(m) => {
                            value_year = value_year.max(m.year);
                            let v = m.value();
                            let j = judge(&[r], &v);
                            (v, j)
                        }
                        None => {
                            let v = Value::new(&r.value_2021, Some(seeded_full));
                            let j = if seeded_full {
                                Judged {
                                    tier: Some(r.part),
                                    points: r.points,
                                }
                            } else {
                                judge(&[r], &v)
                            };
                            (v, j)
                        }
                    };
                    points += judged.points;
                    if let Some(t) = judged.tier {
                        tiers.push(t.to_string());
                    }
                    track &= on_track(pick_target(r, year), &value, judged, r.points);
                    values.push(value.text);
                }
                Scored {
                    no: ind.no,
                    value: values.join("；"),
                    tier: tiers.join(","),
                    points,
                    max_points,
                    target,
                    on_track: track,
                    value_year,
                }
            }
        };
        rows.push(scored);
    }
    let conditions = table
        .conditions
        .iter()
        .map(
            |c| match latest(measurements, &format!("C{}", c.no), year) {
                Some(m) => ConditionStatus {
                    no: c.no,
                    met: m.met == Some(true),
                    value: m.value.clone(),
                    value_year: m.year,
                },
                None => ConditionStatus {
                    no: c.no,
                    met: c.met_2021,
                    value: c.value_2021.clone(),
                    value_year: BASE_YEAR,
                },
            },
        )
        .collect();
    Score {
        year,
        total: rows.iter().map(|r| r.points).sum(),
        max: rows.iter().map(|r| r.max_points).sum(),
        rows,
        conditions,
    }
}

/// `indicators score --year Y`: one row per indicator and the total; the table view's
/// note states the veto when a basic condition is not met.
pub fn score_output(table: &IndicatorTable, s: &Score, lang: Lang) -> Output {
    let columns = vec![
        c("no", i18n::IND_NO, lang),
        c("field", i18n::IND_FIELD, lang),
        c("name", i18n::IND_NAME, lang),
        c("unit", i18n::IND_UNIT, lang),
        c("value", i18n::IND_VALUE, lang),
        c("tier", i18n::IND_TIER, lang),
        c("points", i18n::IND_POINTS, lang),
        c("max_points", i18n::IND_MAX_POINTS, lang),
        c("target", i18n::IND_TARGET, lang),
        c("on_track", i18n::IND_ON_TRACK, lang),
    ];
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut strong = Vec::new();
    for r in &s.rows {
        let Some(ind) = table.indicator(r.no) else {
            continue;
        };
        rows.push(vec![
            Cell::Int(r.no.into()),
            Cell::text(&ind.field),
            Cell::text(display_name(ind)),
            Cell::text(unit(ind)),
            Cell::text(&r.value),
            Cell::text(&r.tier),
            Cell::Int(r.points.into()),
            Cell::Int(r.max_points.into()),
            Cell::text(&r.target),
            yes_no(r.on_track, lang),
        ]);
        strong.push(false);
    }
    let unmet = s.unmet_conditions();
    rows.push(vec![
        Cell::code("total", lang.pick(i18n::TOTAL)),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Int(s.total.into()),
        Cell::Int(s.max.into()),
        Cell::Empty,
        Cell::Empty,
    ]);
    strong.push(true);
    let note = crate::i18n::msg::indicator_score_note(s.year, s.total, s.max, veto_text(&unmet));
    Output::Table(Table {
        columns,
        rows,
        note: Some(note.get(lang).to_string()),
        strong,
        view: vec![
            "no",
            "name",
            "value",
            "tier",
            "points",
            "max_points",
            "target",
            "on_track",
        ],
        ..Default::default()
    })
}

/// The veto clause of a score: none, or which basic conditions fail.
pub fn veto_text(unmet: &[u32]) -> crate::i18n::Text {
    if unmet.is_empty() {
        crate::i18n::msg::indicator_no_veto()
    } else {
        let list: Vec<String> = unmet.iter().map(|n| format!("C{n}")).collect();
        crate::i18n::msg::indicator_veto(list.join(", "))
    }
}

/// `indicators conditions`: the 7 basic conditions with their latest status.
pub fn conditions(table: &IndicatorTable, s: &Score, lang: Lang) -> Output {
    let columns = vec![
        c("no", i18n::IND_NO, lang),
        c("condition", i18n::IND_CONDITION, lang),
        c("value_2021", i18n::IND_VALUE_2021, lang),
        c("status_2021", i18n::IND_STATUS_2021, lang),
        c("value", i18n::IND_VALUE, lang),
        c("value_year", i18n::IND_VALUE_YEAR, lang),
        c("status", i18n::IND_STATUS, lang),
        c("target_2025", i18n::IND_TARGET_2025, lang),
        c("departments", i18n::IND_DEPARTMENTS, lang),
    ];
    let rows = table
        .conditions
        .iter()
        .filter_map(|cond| {
            let st = s.conditions.iter().find(|x| x.no == cond.no)?;
            Some(vec![
                Cell::text(format!("C{}", cond.no)),
                Cell::text(&cond.text),
                Cell::text(&cond.value_2021),
                met_cell(cond.met_2021, lang),
                Cell::text(&st.value),
                Cell::Int(st.value_year.into()),
                met_cell(st.met, lang),
                Cell::text(&cond.target_2025),
                Cell::text(cond.departments.join("、")),
            ])
        })
        .collect();
    let note = veto_text(&s.unmet_conditions());
    Output::Table(Table {
        columns,
        rows,
        note: Some(note.get(lang).to_string()),
        view: vec!["no", "condition", "value", "value_year", "status"],
        ..Default::default()
    })
}

/// A project linked to an indicator, with what `show` says of it.
#[derive(Clone, Debug)]
pub struct LinkedProject {
    pub id: String,
    pub description: String,
    pub estimate: Money,
    pub status_code: &'static str,
    pub status_label: String,
    pub spent: Money,
}

/// `indicators show NO`: the indicator's fields, its tiers or parts, every measurement,
/// and the linked projects.
pub fn show(
    ind: &Indicator,
    measurements: &[&Measurement],
    linked: &[LinkedProject],
    lang: Lang,
) -> Output {
    let scoring = match ind.scoring {
        Scoring::Tiers => Cell::code("tiers", lang.pick(i18n::IND_SCORING_TIERS)),
        Scoring::Parts => Cell::code("parts", lang.pick(i18n::IND_SCORING_PARTS)),
    };
    let fields = vec![
        (c("no", i18n::IND_NO, lang), Cell::Int(ind.no.into())),
        (c("field", i18n::IND_FIELD, lang), Cell::text(&ind.field)),
        (c("name", i18n::IND_NAME, lang), Cell::text(&ind.name)),
        (
            c("sub_items", i18n::IND_SUB_ITEMS, lang),
            Cell::text(ind.sub_items.join("\n")),
        ),
        (
            c("qualifier", i18n::IND_QUALIFIER, lang),
            Cell::text(&ind.qualifier),
        ),
        (c("unit", i18n::IND_UNIT, lang), Cell::text(unit(ind))),
        (c("scoring", i18n::IND_SCORING, lang), scoring),
        (
            c("value_2021", i18n::IND_VALUE_2021, lang),
            Cell::text(value_2021(ind)),
        ),
        (
            c("points_2021", i18n::IND_POINTS_2021, lang),
            Cell::Int(ind.points_2021.into()),
        ),
        (
            c("max_points", i18n::IND_MAX_POINTS, lang),
            Cell::Int(ind.max_points().into()),
        ),
        (
            c("departments", i18n::IND_DEPARTMENTS, lang),
            Cell::text(ind.departments().join("、")),
        ),
        (
            c("remark", i18n::IND_REMARK, lang),
            Cell::text(ind.remark()),
        ),
    ];
    let rows = Table {
        columns: vec![
            c("part", i18n::IND_PART, lang),
            c("unit", i18n::IND_UNIT, lang),
            c("criterion", i18n::IND_CRITERION, lang),
            c("points", i18n::IND_POINTS_ROW, lang),
            c("value_2021", i18n::IND_VALUE_2021, lang),
            c("target_2023", i18n::IND_TARGET_2023, lang),
            c("target_2025", i18n::IND_TARGET_2025, lang),
            c("departments", i18n::IND_DEPARTMENTS, lang),
        ],
        rows: ind
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(format!("{}.{}", ind.no, r.part)),
                    Cell::text(&r.unit),
                    Cell::text(&r.criterion_text),
                    Cell::Int(r.points.into()),
                    Cell::text(&r.value_2021),
                    Cell::text(&r.target_2023),
                    Cell::text(&r.target_2025),
                    Cell::text(r.departments.join("、")),
                ]
            })
            .collect(),
        ..Default::default()
    };
    let measured = measurement_table(measurements, lang);
    let linked_table = Table {
        columns: vec![
            c("id", i18n::ID, lang),
            c("description", i18n::DESCRIPTION, lang),
            c("estimate_wan", i18n::ESTIMATE_WAN, lang),
            c("status", i18n::STATUS, lang),
            c("spent_wan", i18n::IND_SPENT, lang),
        ],
        rows: linked
            .iter()
            .map(|p| {
                vec![
                    Cell::text(&p.id),
                    Cell::text(&p.description),
                    Cell::Money(p.estimate),
                    Cell::code(p.status_code, &p.status_label),
                    Cell::Money(p.spent),
                ]
            })
            .collect(),
        ..Default::default()
    };
    Output::Record(Record {
        header: [
            col("field", lang.pick(i18n::FIELD)),
            col("value", lang.pick(i18n::VALUE)),
        ],
        fields,
        sections: vec![
            (c("rows", i18n::IND_ROWS, lang), rows),
            (c("measurements", i18n::IND_MEASUREMENTS, lang), measured),
            (c("projects", i18n::IND_LINKED, lang), linked_table),
        ],
    })
}

fn measurement_table(measurements: &[&Measurement], lang: Lang) -> Table {
    Table {
        columns: vec![
            c("indicator", i18n::IND_ADDRESS, lang),
            c("year", i18n::YEAR, lang),
            c("value", i18n::IND_VALUE, lang),
            c("met", i18n::IND_MET, lang),
            c("date", i18n::DATE, lang),
            c("source", i18n::IND_SOURCE, lang),
            c("reason", i18n::REASON, lang),
            c("actor", i18n::ACTOR, lang),
            c("recorded_at", i18n::RECORDED_AT, lang),
        ],
        rows: measurements
            .iter()
            .map(|m| {
                vec![
                    Cell::text(&m.indicator),
                    Cell::Int(m.year.into()),
                    Cell::text(&m.value),
                    m.met.map_or(Cell::Empty, |b| yes_no(b, lang)),
                    Cell::text(&m.effective_date),
                    Cell::text(&m.source),
                    Cell::text(m.reason.clone().unwrap_or_default()),
                    Cell::text(&m.actor),
                    Cell::text(&m.recorded_at),
                ]
            })
            .collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> IndicatorTable {
        crate::seed::indicators().unwrap()
    }

    fn m(id: i64, key: &str, year: i32, value: &str, met: Option<bool>) -> Measurement {
        Measurement {
            id,
            indicator: key.to_string(),
            year,
            effective_date: format!("{year}-12-31"),
            value: value.to_string(),
            met,
            source: "统计公报".to_string(),
            reason: None,
            recorded_at: "2026-01-01T00:00:00Z".to_string(),
            actor: "t".to_string(),
        }
    }

    #[test]
    fn the_seeded_2021_score_is_87_of_100_with_the_veto() {
        let s = score(&table(), &[], 2021);
        assert_eq!((s.total, s.max), (87, 100));
        assert_eq!(s.unmet_conditions(), [1]);
    }

    #[test]
    fn tiers_score_on_their_bounds_and_values_carry_forward() {
        let t = table();
        // 10: ≥60 → 3, 60＞A≥55 → 2, 55＞A≥50 → 1.
        let at = |v: &str| {
            let s = score(&t, &[m(1, "10", 2023, v, None)], 2023);
            s.row(10).unwrap().points
        };
        assert_eq!(at("60"), 3);
        assert_eq!(at("59.99"), 2);
        assert_eq!(at("55"), 2);
        assert_eq!(at("54.99"), 1);
        assert_eq!(at("49.99"), 0);
        // A 2022 value stands in 2024; not in 2021.
        let ms = [m(1, "10", 2022, "61", None)];
        assert_eq!(score(&t, &ms, 2024).row(10).unwrap().points, 3);
        assert_eq!(score(&t, &ms, 2021).row(10).unwrap().points, 2);
        assert_eq!(score(&t, &ms, 2024).total, 88);
    }

    #[test]
    fn parts_add_up_and_text_criteria_follow_met() {
        let t = table();
        let ms = [
            m(1, "5.2", 2023, "37.01", None),
            m(2, "5.3", 2023, "出现重污染天气", Some(false)),
        ];
        let s = score(&t, &ms, 2023);
        let r = s.row(5).unwrap();
        assert_eq!(r.points, 2);
        assert_eq!(r.tier, "1");
        assert!(!r.on_track);
        assert_eq!(s.total, 83);
    }

    #[test]
    fn a_part_is_on_track_by_the_target_of_the_year_scored() {
        // 21's parts aim at ≥90, ≥90 and ≥87 in both years; raise part 1's 2025 target.
        let mut t = table();
        let i = t.indicators.iter().position(|i| i.no == 21).unwrap();
        t.indicators[i].rows[0].target_2025 = "≥95".into();
        let ms = [
            m(1, "21.1", 2023, "92", None),
            m(2, "21.2", 2023, "95", None),
            m(3, "21.3", 2023, "90", None),
        ];
        let on_track = |year| score(&t, &ms, year).row(21).unwrap().on_track;
        assert!(on_track(2023), "92 meets 2023's ≥90");
        assert!(!on_track(2025), "92 falls short of 2025's ≥95");
    }
}
