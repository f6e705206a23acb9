//! `report assessment Y` (规划实施评估): the plan's implementation assessment for a year,
//! from the same ledger as the money, in six sections —
//!
//! 1. `conditions`: the basic conditions and whether the veto applies;
//! 2. `score`: every indicator's points for the year against 2021's, what rose or fell,
//!    and the targets, with the total;
//! 3. `off_target`: the indicators not on track, each with its linked projects' status,
//!    estimate, spending and execution rate;
//! 4. `completion`: projects by category and status, with the completion rate and how
//!    many are overdue;
//! 5. `overdue`: the overdue projects (schedule ended before the year, neither completed
//!    nor cancelled);
//! 6. `money`: estimate, spending and execution rate by category.
//!
//! Pure: the command gathers the data (projects as of the year's end or today, spending
//! through then, the measurements and links) and renders the tables.

use crate::domain::category::Category;
use crate::domain::indicator::Measurement;
use crate::domain::project::{Project, Status};
use crate::domain::Money;
use crate::i18n::{self, Lang, Words};
use crate::render::{col, Cell, Column, Table};
use crate::reports::budget::execution_rate;
use crate::reports::indicators::{self as ind, display_name, Score};
use crate::seed::IndicatorTable;
use std::collections::HashMap;

/// The sections, in order: their codes (for `--section`, file and sheet names) and titles.
pub const SECTIONS: [(&str, Words); 6] = [
    ("conditions", i18n::ASSESS_CONDITIONS),
    ("score", i18n::ASSESS_SCORE),
    ("off_target", i18n::ASSESS_OFF_TARGET),
    ("completion", i18n::ASSESS_COMPLETION),
    ("overdue", i18n::ASSESS_OVERDUE),
    ("money", i18n::ASSESS_MONEY),
];

/// What the assessment is built from.
pub struct Data<'a> {
    pub year: i32,
    pub table: &'a IndicatorTable,
    pub measurements: &'a [Measurement],
    /// The projects as they stood at the assessment's date.
    pub projects: &'a [Project],
    /// Spending per project through the assessment's date.
    pub spent: &'a HashMap<String, Money>,
    /// (indicator, project) links in force.
    pub links: &'a [(String, String)],
    pub categories: &'a [Category],
}

fn c(key: &'static str, words: Words, lang: Lang) -> Column {
    col(key, lang.pick(words))
}

fn add(a: Money, b: Money) -> Money {
    Money::from_fen(a.fen().saturating_add(b.fen()))
}

fn rate(spent: Money, estimate: Money) -> Cell {
    execution_rate(spent, estimate).map_or(Cell::Empty, Cell::Percent)
}

/// The six sections, each a titled table, for `year`.
pub fn build(d: &Data<'_>, lang: Lang) -> Vec<(&'static str, Table)> {
    let now = ind::score(d.table, d.measurements, d.year);
    let base = ind::score(d.table, &[], ind::BASE_YEAR);
    let spent = |id: &str| d.spent.get(id).copied().unwrap_or(Money::ZERO);
    let mut out = Vec::new();
    let titled = |code: &'static str, mut t: Table| {
        let title = SECTIONS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, w)| lang.pick(*w));
        t.title = Some(title.to_string());
        (code, t)
    };

    // 1. Basic conditions.
    let crate::render::Output::Table(conditions) = ind::conditions(d.table, &now, lang) else {
        return out;
    };
    out.push(titled("conditions", conditions));

    // 2. The score against 2021 and the targets.
    out.push(titled("score", score_table(d.table, &now, &base, lang)));

    // 3. Off target, with the linked projects' progress.
    let mut rows = Vec::new();
    for r in now.rows.iter().filter(|r| !r.on_track) {
        let Some(i) = d.table.indicator(r.no) else {
            continue;
        };
        let head = [
            Cell::Int(r.no.into()),
            Cell::text(display_name(i)),
            Cell::text(&r.value),
            Cell::text(&r.target),
            Cell::Int(r.points.into()),
            Cell::Int(r.max_points.into()),
        ];
        let linked: Vec<&Project> = d
            .links
            .iter()
            .filter(|(k, _)| *k == r.no.to_string())
            .filter_map(|(_, p)| d.projects.iter().find(|x| x.id == *p))
            .collect();
        if linked.is_empty() {
            let mut row = head.to_vec();
            row.extend([
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]);
            rows.push(row);
        }
        for p in linked {
            let mut row = head.to_vec();
            let s = spent(&p.id);
            row.extend([
                Cell::text(&p.id),
                Cell::code(p.status.code(), p.status.label(lang)),
                Cell::Money(p.estimate),
                Cell::Money(s),
                rate(s, p.estimate),
            ]);
            rows.push(row);
        }
    }
    out.push(titled(
        "off_target",
        Table {
            columns: vec![
                c("no", i18n::IND_NO, lang),
                c("name", i18n::IND_NAME, lang),
                c("value", i18n::IND_VALUE, lang),
                c("target", i18n::IND_TARGET, lang),
                c("points", i18n::IND_POINTS, lang),
                c("max_points", i18n::IND_MAX_POINTS, lang),
                c("project", i18n::PROJECT_ID, lang),
                c("status", i18n::STATUS, lang),
                c("estimate_wan", i18n::ESTIMATE_WAN, lang),
                c("spent_wan", i18n::IND_SPENT, lang),
                c("execution_rate", i18n::SPEND_RATE, lang),
            ],
            rows,
            ..Default::default()
        },
    ));

    // 4. Completion by category and status; 5. the overdue projects.
    let overdue = |p: &Project| {
        p.schedule.end < d.year && !matches!(p.status, Status::Completed | Status::Cancelled)
    };
    let mut rows = Vec::new();
    let mut counts_total = [0_i64; 7];
    for cat in d.categories {
        let ps: Vec<&Project> = d.projects.iter().filter(|p| p.table == cat.table).collect();
        let mut counts = [0_i64; 7];
        counts[0] = ps.len() as i64;
        for p in &ps {
            let i = 1 + Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0);
            counts[i] += 1;
            if overdue(p) {
                counts[6] += 1;
            }
        }
        for (t, n) in counts_total.iter_mut().zip(counts) {
            *t += n;
        }
        rows.push(completion_row(Cell::text(cat.label(lang)), counts));
    }
    rows.push(completion_row(
        Cell::code("total", lang.pick(i18n::TOTAL)),
        counts_total,
    ));
    let mut columns = vec![
        c("category", i18n::CATEGORY, lang),
        c("projects", i18n::PROJECTS, lang),
    ];
    for s in Status::ALL {
        columns.push(col(s.code(), s.label(lang)));
    }
    columns.push(c("overdue", i18n::OVERDUE_COUNT, lang));
    columns.push(c("completion_rate", i18n::COMPLETION_RATE, lang));
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    out.push(titled(
        "completion",
        Table {
            columns,
            rows,
            strong,
            ..Default::default()
        },
    ));
    let rows = d
        .projects
        .iter()
        .filter(|p| overdue(p))
        .map(|p| {
            vec![
                Cell::text(&p.id),
                Cell::text(p.category_label(lang)),
                Cell::text(&p.description),
                Cell::text(p.schedule.to_string()),
                Cell::code(p.status.code(), p.status.label(lang)),
                Cell::Money(p.estimate),
                Cell::Money(spent(&p.id)),
            ]
        })
        .collect();
    out.push(titled(
        "overdue",
        Table {
            columns: vec![
                c("id", i18n::ID, lang),
                c("category", i18n::CATEGORY, lang),
                c("description", i18n::DESCRIPTION, lang),
                c("schedule", i18n::SCHEDULE, lang),
                c("status", i18n::STATUS, lang),
                c("estimate_wan", i18n::ESTIMATE_WAN, lang),
                c("spent_wan", i18n::IND_SPENT, lang),
            ],
            rows,
            ..Default::default()
        },
    ));

    // 6. Money by category.
    let mut rows = Vec::new();
    let (mut te, mut ts) = (Money::ZERO, Money::ZERO);
    for cat in d.categories {
        let (mut e, mut s) = (Money::ZERO, Money::ZERO);
        for p in d.projects.iter().filter(|p| p.table == cat.table) {
            e = add(e, p.estimate);
            s = add(s, spent(&p.id));
        }
        te = add(te, e);
        ts = add(ts, s);
        rows.push(vec![
            Cell::text(cat.label(lang)),
            Cell::Money(e),
            Cell::Money(s),
            rate(s, e),
        ]);
    }
    rows.push(vec![
        Cell::code("total", lang.pick(i18n::TOTAL)),
        Cell::Money(te),
        Cell::Money(ts),
        rate(ts, te),
    ]);
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    out.push(titled(
        "money",
        Table {
            columns: vec![
                c("category", i18n::CATEGORY, lang),
                c("estimate_wan", i18n::ESTIMATE_WAN, lang),
                c("spent_wan", i18n::IND_SPENT, lang),
                c("execution_rate", i18n::SPEND_RATE, lang),
            ],
            rows,
            strong,
            ..Default::default()
        },
    ));
    out
}

fn completion_row(key: Cell, counts: [i64; 7]) -> Vec<Cell> {
    let mut row = vec![key];
    row.extend(counts.iter().map(|n| Cell::Int(*n)));
    // Completed of all projects, as a percentage with one decimal.
    let rate = execution_rate(Money::from_fen(counts[4]), Money::from_fen(counts[0]));
    row.push(rate.map_or(Cell::Empty, Cell::Percent));
    row
}

fn movement(now: u32, then: u32, lang: Lang) -> Cell {
    match now.cmp(&then) {
        std::cmp::Ordering::Greater => Cell::code("rose", lang.pick(i18n::ROSE)),
        std::cmp::Ordering::Less => Cell::code("fell", lang.pick(i18n::FELL)),
        std::cmp::Ordering::Equal => Cell::code("same", lang.pick(i18n::SAME)),
    }
}

fn score_table(table: &IndicatorTable, now: &Score, base: &Score, lang: Lang) -> Table {
    let mut rows = Vec::new();
    for r in &now.rows {
        let (Some(i), Some(b)) = (table.indicator(r.no), base.row(r.no)) else {
            continue;
        };
        rows.push(vec![
            Cell::Int(r.no.into()),
            Cell::text(display_name(i)),
            Cell::text(&b.value),
            Cell::Int(b.points.into()),
            Cell::text(&r.value),
            Cell::Int(r.points.into()),
            Cell::Int(i64::from(r.points) - i64::from(b.points)),
            movement(r.points, b.points, lang),
            Cell::Int(r.max_points.into()),
            Cell::text(&r.target),
            if r.on_track {
                Cell::code("yes", lang.pick(i18n::YES))
            } else {
                Cell::code("no", lang.pick(i18n::NO))
            },
        ]);
    }
    rows.push(vec![
        Cell::code("total", lang.pick(i18n::TOTAL)),
        Cell::Empty,
        Cell::Empty,
        Cell::Int(base.total.into()),
        Cell::Empty,
        Cell::Int(now.total.into()),
        Cell::Int(i64::from(now.total) - i64::from(base.total)),
        movement(now.total, base.total, lang),
        Cell::Int(now.max.into()),
        Cell::Empty,
        Cell::Empty,
    ]);
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    let note = i18n::msg::indicator_score_note(
        now.year,
        now.total,
        now.max,
        ind::veto_text(&now.unmet_conditions()),
    );
    Table {
        columns: vec![
            c("no", i18n::IND_NO, lang),
            c("name", i18n::IND_NAME, lang),
            c("value_2021", i18n::IND_VALUE_2021, lang),
            c("points_2021", i18n::IND_POINTS_2021, lang),
            c("value", i18n::IND_VALUE, lang),
            c("points", i18n::IND_POINTS, lang),
            c("change", i18n::IND_CHANGE, lang),
            c("movement", i18n::IND_MOVEMENT, lang),
            c("max_points", i18n::IND_MAX_POINTS, lang),
            c("target", i18n::IND_TARGET, lang),
            c("on_track", i18n::IND_ON_TRACK, lang),
        ],
        rows,
        strong,
        note: Some(note.get(lang).to_string()),
        ..Default::default()
    }
}
