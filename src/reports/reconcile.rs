//! `reconcile`: three sections.
//!
//! 1. Seed integrity (must hold): the plan's original estimates still add up to each
//!    appendix table's stated 合计, and to their grand total.
//! 2. Consistency (must hold): every project's allocation — explicit plan or even spread
//!    — adds up to its current estimate and, for the even spread, agrees with the rule;
//!    year totals and department shares add up to the current grand total.
//! 3. Variance (information): current estimates against the plan, per table and overall.
//! 4. The indicator table (must hold): the 2021 points add up to 表2-1's 87, the maximum
//!    points to 100, the points lost to 表2-2's 13, and those split by 表2-3 into 8
//!    expected and 5 difficult. These rows are in points (`unit` = `points`), the others
//!    in 万元.
//!
//! A failing check names the table or project with the stated and computed figures and
//! the difference; only sections 1 and 2 can fail.

use crate::domain::allocation;
use crate::domain::Money;
use crate::i18n::{self, Lang, Words};
use crate::render::{col, Cell, Output, Table};
use crate::store::checks::ReconcileData;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Must hold; a difference is a failure.
    Must,
    /// Information: a difference is a revision, not an error.
    Variance,
}

/// A figure a check compares: an amount, or indicator points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Wan(Money),
    Points(i64),
}

impl Figure {
    /// The figure in its smallest unit (元, or points), for differences.
    pub fn yuan(self) -> i64 {
        match self {
            Figure::Wan(m) => m.yuan(),
            Figure::Points(n) => n,
        }
    }

    fn cell(self) -> Cell {
        match self {
            Figure::Wan(m) => Cell::Money(m),
            Figure::Points(n) => Cell::Int(n),
        }
    }

    /// `other - self`, in the same unit.
    fn difference(self, other: Figure) -> Figure {
        match self {
            Figure::Wan(_) => Figure::Wan(Money::from_yuan(other.yuan() - self.yuan())),
            Figure::Points(n) => Figure::Points(other.yuan() - n),
        }
    }
}

impl From<Money> for Figure {
    fn from(m: Money) -> Figure {
        Figure::Wan(m)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub kind: Kind,
    pub check: Words,
    pub subject: String,
    pub stated: Figure,
    pub computed: Figure,
}

impl Check {
    pub fn ok(&self) -> bool {
        self.kind == Kind::Variance || self.stated == self.computed
    }
}

#[derive(Clone, Debug)]
pub struct Reconcile {
    pub checks: Vec<Check>,
}

fn must(check: Words, subject: impl Into<String>, stated: Money, computed: Money) -> Check {
    Check {
        kind: Kind::Must,
        check,
        subject: subject.into(),
        stated: stated.into(),
        computed: computed.into(),
    }
}

fn must_points(check: Words, subject: impl Into<String>, stated: u32, computed: u32) -> Check {
    Check {
        kind: Kind::Must,
        check,
        subject: subject.into(),
        stated: Figure::Points(stated.into()),
        computed: Figure::Points(computed.into()),
    }
}

/// Section 4: the indicator table's sums against the plan's stated ones.
fn indicator_checks(table: &crate::seed::IndicatorTable, lang: Lang) -> Vec<Check> {
    use crate::domain::indicator::{self as ind, Difficulty};
    let sum = |f: &dyn Fn(&ind::Indicator) -> u32| table.indicators.iter().map(f).sum::<u32>();
    let missing_of = |d: Difficulty| {
        sum(&|i: &ind::Indicator| {
            if i.difficulty() == Some(d) {
                i.missing_2021()
            } else {
                0
            }
        })
    };
    vec![
        must_points(
            i18n::CHECK_IND_POINTS_2021,
            lang.pick(i18n::SUBJECT_TABLE_2_1_TOTAL),
            ind::STATED_POINTS_2021,
            sum(&|i| i.points_2021),
        ),
        must_points(
            i18n::CHECK_IND_MAX_POINTS,
            lang.pick(i18n::SUBJECT_TABLE_2_1_MAX),
            ind::STATED_MAX_POINTS,
            sum(&|i| i.max_points()),
        ),
        must_points(
            i18n::CHECK_IND_UNSCORED,
            lang.pick(i18n::SUBJECT_TABLE_2_2_UNSCORED),
            ind::STATED_UNSCORED,
            sum(&|i| i.missing_2021()),
        ),
        must_points(
            i18n::CHECK_IND_EXPECTED,
            lang.pick(i18n::SUBJECT_TABLE_2_3_EXPECTED),
            ind::STATED_EXPECTED,
            missing_of(Difficulty::Expected),
        ),
        must_points(
            i18n::CHECK_IND_DIFFICULT,
            lang.pick(i18n::SUBJECT_TABLE_2_3_DIFFICULT),
            ind::STATED_DIFFICULT,
            missing_of(Difficulty::Difficult),
        ),
    ]
}

impl Reconcile {
    pub fn passed(&self) -> bool {
        self.checks.iter().all(Check::ok)
    }

    pub fn failures(&self) -> usize {
        self.checks.iter().filter(|c| !c.ok()).count()
    }

    pub fn output(&self, lang: Lang) -> Output {
        let columns = vec![
            col("check", lang.pick(i18n::CHECK)),
            col("subject", lang.pick(i18n::SUBJECT)),
            col("stated_wan", lang.pick(i18n::STATED_WAN)),
            col("computed_wan", lang.pick(i18n::COMPUTED_WAN)),
            col("difference_wan", lang.pick(i18n::DIFFERENCE_WAN)),
            col("result", lang.pick(i18n::RESULT)),
            col("unit", lang.pick(i18n::UNIT)),
        ];
        let rows = self
            .checks
            .iter()
            .map(|c| {
                let difference = c.stated.difference(c.computed);
                let (code, result) = match (c.kind, difference.yuan() == 0) {
                    (Kind::Must, true) => ("ok", i18n::OK),
                    (Kind::Must, false) => ("mismatch", i18n::MISMATCH),
                    (Kind::Variance, true) => ("unchanged", i18n::UNCHANGED),
                    (Kind::Variance, false) => ("revised", i18n::REVISED),
                };
                vec![
                    Cell::text(lang.pick(c.check)),
                    Cell::text(&c.subject),
                    c.stated.cell(),
                    c.computed.cell(),
                    difference.cell(),
                    Cell::code(code, lang.pick(result)),
                    match c.stated {
                        Figure::Wan(_) => Cell::code("wan", lang.pick(i18n::UNIT_WAN)),
                        Figure::Points(_) => Cell::code("points", lang.pick(i18n::UNIT_POINTS)),
                    },
                ]
            })
            .collect();
        let must_count = self.checks.iter().filter(|c| c.kind == Kind::Must).count();
        let note = if self.passed() {
            format!("{} ({})", lang.pick(i18n::RECONCILE_PASSED), must_count)
        } else {
            format!(
                "{} ({}/{})",
                lang.pick(i18n::RECONCILE_FAILED),
                self.failures(),
                must_count
            )
        };
        Output::Table(Table {
            columns,
            rows,
            note: Some(note),
            // The result and the figures before the difference and the unit.
            view: vec![
                "check",
                "subject",
                "result",
                "computed_wan",
                "stated_wan",
                "difference_wan",
                "unit",
            ],
            ..Default::default()
        })
    }
}

fn table_subject(lang: Lang, table: u8, name: &str) -> String {
    crate::i18n::msg::appendix_table_subject(table, name)
        .get(lang)
        .to_string()
}

pub fn build(data: &ReconcileData, lang: Lang) -> Reconcile {
    let mut checks = Vec::new();
    // 1. Seed integrity.
    for c in &data.categories {
        let subject = table_subject(lang, c.category.table, c.category.label(lang));
        checks.push(must(
            i18n::CHECK_SUBTOTAL,
            subject,
            c.category.stated_total,
            c.original,
        ));
    }
    let stated_grand: Money = data
        .categories
        .iter()
        .map(|c| c.category.stated_total)
        .sum();
    checks.push(must(
        i18n::CHECK_GRAND_TOTAL,
        lang.pick(i18n::GRAND_TOTAL),
        stated_grand,
        data.original_total,
    ));

    // 2. Consistency. A project that fails gets a row of its own; the summary row
    // covers all of them.
    let mut project_rows = Vec::new();
    let mut rule_rows = Vec::new();
    let mut allocated_total = Money::ZERO;
    let mut rule_total = Money::ZERO;
    for p in &data.projects {
        let allocated: Money = p.years.iter().map(|(_, m)| *m).sum();
        allocated_total = allocated_total
            .checked_add(allocated)
            .unwrap_or(allocated_total);
        if allocated != p.estimate {
            project_rows.push(must(
                i18n::CHECK_PROJECT_YEARS,
                &p.id,
                p.estimate,
                allocated,
            ));
        }
        let expected = if p.has_plan {
            // An explicit plan must stay inside the schedule; its amounts are its own.
            p.years
                .iter()
                .filter(|(y, _)| p.schedule.covers(*y))
                .copied()
                .collect()
        } else {
            allocation::by_year(p.estimate, p.schedule)
        };
        if expected == p.years {
            rule_total = rule_total.checked_add(allocated).unwrap_or(rule_total);
        } else {
            let (year, want, found) = first_difference(&expected, &p.years);
            rule_rows.push(must(
                i18n::CHECK_RULE_AGREES,
                format!("{} {year}", p.id),
                want,
                found,
            ));
        }
    }
    let count = crate::i18n::msg::project_count(data.projects.len())
        .get(lang)
        .to_string();
    checks.push(must(
        i18n::CHECK_PROJECT_YEARS,
        count.clone(),
        data.current_total,
        allocated_total,
    ));
    checks.extend(project_rows);
    checks.push(must(
        i18n::CHECK_RULE_AGREES,
        count,
        data.current_total,
        rule_total,
    ));
    checks.extend(rule_rows);
    let year_sum: Money = data.year_totals.iter().map(|(_, m)| *m).sum();
    let years = match (data.year_totals.first(), data.year_totals.last()) {
        (Some((a, _)), Some((b, _))) => format!("{a}-{b}"),
        _ => String::new(),
    };
    checks.push(must(
        i18n::CHECK_YEAR_TOTALS,
        years,
        data.current_total,
        year_sum,
    ));
    checks.push(must(
        i18n::CHECK_DEPARTMENT_SHARES,
        lang.pick(i18n::GRAND_TOTAL),
        data.current_total,
        data.department_shares,
    ));

    // 3. Variance: current against the plan.
    for c in &data.categories {
        let subject = table_subject(lang, c.category.table, c.category.label(lang));
        checks.push(Check {
            kind: Kind::Variance,
            check: i18n::CHECK_VARIANCE,
            subject,
            stated: c.original.into(),
            computed: c.current.into(),
        });
    }
    checks.push(Check {
        kind: Kind::Variance,
        check: i18n::CHECK_VARIANCE,
        subject: lang.pick(i18n::GRAND_TOTAL).to_string(),
        stated: data.original_total.into(),
        computed: data.current_total.into(),
    });

    // 4. The indicator table (embedded, so it cannot fail to load in a built binary; a
    // failure to read it shows as a failed check).
    match crate::seed::indicators() {
        Ok(table) => checks.extend(indicator_checks(&table, lang)),
        Err(_) => checks.push(must_points(
            i18n::CHECK_IND_POINTS_2021,
            lang.pick(i18n::SUBJECT_TABLE_2_1_TOTAL),
            crate::domain::indicator::STATED_POINTS_2021,
            0,
        )),
    }
    Reconcile { checks }
}

/// The first year where the expected and found allocations differ.
fn first_difference(expected: &[(i32, Money)], found: &[(i32, Money)]) -> (String, Money, Money) {
    let years: std::collections::BTreeSet<i32> =
        expected.iter().chain(found).map(|(y, _)| *y).collect();
    let amount = |list: &[(i32, Money)], y: i32| {
        list.iter()
            .find(|(yy, _)| *yy == y)
            .map_or(Money::ZERO, |(_, m)| *m)
    };
    years
        .into_iter()
        .map(|y| (y.to_string(), amount(expected, y), amount(found, y)))
        .find(|(_, a, b)| a != b)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::category::Category;
    use crate::domain::Schedule;
    use crate::store::checks::{CategorySums, ProjectAllocation};

    fn wan(s: &str) -> Money {
        Money::parse_wan(s).unwrap()
    }

    fn data(original: &str, current: &str, second_year: &str) -> ReconcileData {
        let category = Category {
            table: 1,
            name: "生态环境建设".into(),
            name_en: "environmental quality".into(),
            stated_total: wan("3"),
        };
        ReconcileData {
            categories: vec![CategorySums {
                category,
                original: wan(original),
                current: wan(current),
            }],
            projects: vec![ProjectAllocation {
                id: "A1-01".into(),
                estimate: wan(current),
                schedule: Schedule::parse("2022-2023").unwrap(),
                has_plan: false,
                years: vec![(2022, wan("1.5")), (2023, wan(second_year))],
            }],
            original_total: wan(original),
            current_total: wan(current),
            year_totals: vec![(2022, wan("1.5")), (2023, wan(second_year))],
            department_shares: wan(current),
        }
    }

    #[test]
    fn passes_when_everything_adds_up() {
        let r = build(&data("3", "3", "1.5"), Lang::En);
        assert!(r.passed(), "{:?}", r.checks);
    }

    #[test]
    fn a_revision_is_variance_not_failure() {
        let mut d = data("3", "4", "1.5");
        d.projects[0].years = vec![(2022, wan("2")), (2023, wan("2"))];
        d.year_totals = d.projects[0].years.clone();
        let r = build(&d, Lang::En);
        assert!(r.passed(), "{:?}", r.checks);
        let variance = r.checks.iter().find(|c| c.kind == Kind::Variance).unwrap();
        assert_eq!(variance.computed.yuan() - variance.stated.yuan(), 10_000);
    }

    #[test]
    fn names_the_table_and_the_difference() {
        let r = build(&data("3.0001", "3.0001", "1.5001"), Lang::En);
        let bad = r
            .checks
            .iter()
            .find(|c| c.subject.starts_with("appendix table 1 ") && !c.ok())
            .unwrap();
        assert_eq!(bad.computed.yuan() - bad.stated.yuan(), 1);
    }

    #[test]
    fn names_the_years_whose_totals_do_not_add_up() {
        let mut d = data("3", "3", "1.5");
        d.year_totals[1].1 = wan("1.4");
        let r = build(&d, Lang::En);
        let failed: Vec<&str> = r
            .checks
            .iter()
            .filter(|c| !c.ok())
            .map(|c| c.subject.as_str())
            .collect();
        assert_eq!(failed, ["2022-2023"]);
    }

    #[test]
    fn names_a_project_whose_years_do_not_add_up() {
        let r = build(&data("3", "3", "1.4"), Lang::En);
        assert!(!r.passed());
        assert!(r.checks.iter().any(|c| c.subject == "A1-01" && !c.ok()));
        assert!(r
            .checks
            .iter()
            .any(|c| c.subject == "A1-01 2023" && !c.ok()));
    }
}
