//! `reconcile`: recomputes every appendix table's subtotal and the grand total and
//! compares them with the plan's stated 合计; checks that each project's year allocation
//! adds up to its estimate and agrees with the allocation rule, and that year totals and
//! department shares add up to the grand total. Every check is one row; a failing check
//! names the table or project with the stated and computed figures and the difference.

use crate::domain::allocation;
use crate::domain::Money;
use crate::i18n::{self, Lang, Words};
use crate::render::{col, Cell, Output, Table};
use crate::store::checks::ReconcileData;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub check: Words,
    pub subject: String,
    pub stated: Money,
    pub computed: Money,
    pub ok: bool,
}

#[derive(Clone, Debug)]
pub struct Reconcile {
    pub checks: Vec<Check>,
}

fn check(check: Words, subject: impl Into<String>, stated: Money, computed: Money) -> Check {
    Check {
        check,
        subject: subject.into(),
        stated,
        computed,
        ok: stated == computed,
    }
}

impl Reconcile {
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    pub fn failures(&self) -> usize {
        self.checks.iter().filter(|c| !c.ok).count()
    }

    pub fn output(&self, lang: Lang) -> Output {
        let columns = vec![
            col("check", lang.pick(i18n::CHECK)),
            col("subject", lang.pick(i18n::SUBJECT)),
            col("stated_wan", lang.pick(i18n::STATED_WAN)),
            col("computed_wan", lang.pick(i18n::COMPUTED_WAN)),
            col("difference_wan", lang.pick(i18n::DIFFERENCE_WAN)),
            col("result", lang.pick(i18n::RESULT)),
        ];
        let rows = self
            .checks
            .iter()
            .map(|c| {
                let difference = c.computed.yuan() - c.stated.yuan();
                vec![
                    Cell::text(lang.pick(c.check)),
                    Cell::text(&c.subject),
                    Cell::Money(c.stated),
                    Cell::Money(c.computed),
                    Cell::Money(Money::from_yuan(difference)),
                    Cell::text(lang.pick(if c.ok { i18n::OK } else { i18n::MISMATCH })),
                ]
            })
            .collect();
        let note = if self.passed() {
            format!(
                "{} ({})",
                lang.pick(i18n::RECONCILE_PASSED),
                self.checks.len()
            )
        } else {
            format!(
                "{} ({}/{})",
                lang.pick(i18n::RECONCILE_FAILED),
                self.failures(),
                self.checks.len()
            )
        };
        Output::Table(Table {
            columns,
            rows,
            note: Some(note),
        })
    }
}

pub fn build(data: &ReconcileData, lang: Lang) -> Reconcile {
    let mut checks = Vec::new();
    for (c, computed) in &data.categories {
        let subject = match lang {
            Lang::En => format!("appendix table {} {}", c.table, c.label(lang)),
            Lang::Zh => format!("附表{} {}", c.table, c.label(lang)),
        };
        checks.push(check(
            i18n::CHECK_SUBTOTAL,
            subject,
            c.stated_total,
            *computed,
        ));
    }
    let stated_grand: Money = data.categories.iter().map(|(c, _)| c.stated_total).sum();
    checks.push(check(
        i18n::CHECK_GRAND_TOTAL,
        lang.pick(i18n::GRAND_TOTAL),
        stated_grand,
        data.grand_total,
    ));

    // Each project's allocation must add up to its estimate, and SQLite's allocation must
    // be the rule's, year by year. A project that fails gets a row of its own; the
    // summary row covers all of them.
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
            project_rows.push(check(
                i18n::CHECK_PROJECT_YEARS,
                &p.id,
                p.estimate,
                allocated,
            ));
        }
        let rule = allocation::by_year(p.estimate, p.schedule);
        let agrees = rule == p.years;
        rule_total = rule_total
            .checked_add(if agrees { allocated } else { Money::ZERO })
            .unwrap_or(rule_total);
        if !agrees {
            let (year, expected, found) = first_difference(&rule, &p.years);
            rule_rows.push(check(
                i18n::CHECK_RULE_AGREES,
                format!("{} {year}", p.id),
                expected,
                found,
            ));
        }
    }
    let count = match lang {
        Lang::En => format!("{} projects", data.projects.len()),
        Lang::Zh => format!("{} 个项目", data.projects.len()),
    };
    let mut summary = check(
        i18n::CHECK_PROJECT_YEARS,
        count.clone(),
        data.grand_total,
        allocated_total,
    );
    summary.ok = summary.ok && project_rows.is_empty();
    checks.push(summary);
    checks.extend(project_rows);
    let mut summary = check(
        i18n::CHECK_RULE_AGREES,
        count.clone(),
        data.grand_total,
        rule_total,
    );
    summary.ok = summary.ok && rule_rows.is_empty();
    checks.push(summary);
    checks.extend(rule_rows);

    let year_sum: Money = data.year_totals.iter().map(|(_, m)| *m).sum();
    let years = match (data.year_totals.first(), data.year_totals.last()) {
        (Some((a, _)), Some((b, _))) => format!("{a}-{b}"),
        _ => String::new(),
    };
    checks.push(check(
        i18n::CHECK_YEAR_TOTALS,
        years,
        data.grand_total,
        year_sum,
    ));
    checks.push(check(
        i18n::CHECK_DEPARTMENT_SHARES,
        lang.pick(i18n::GRAND_TOTAL),
        data.grand_total,
        data.department_shares,
    ));
    Reconcile { checks }
}

/// The first year where the rule and SQLite disagree: (year, rule's amount, SQLite's).
fn first_difference(rule: &[(i32, Money)], found: &[(i32, Money)]) -> (String, Money, Money) {
    let years: std::collections::BTreeSet<i32> =
        rule.iter().chain(found).map(|(y, _)| *y).collect();
    let amount = |list: &[(i32, Money)], y: i32| {
        list.iter()
            .find(|(yy, _)| *yy == y)
            .map_or(Money::ZERO, |(_, m)| *m)
    };
    years
        .into_iter()
        .map(|y| (y.to_string(), amount(rule, y), amount(found, y)))
        .find(|(_, a, b)| a != b)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::category::Category;
    use crate::domain::Schedule;
    use crate::store::checks::ProjectAllocation;

    fn wan(s: &str) -> Money {
        Money::parse_wan(s).unwrap()
    }

    fn data(computed: &str, second_year: &str) -> ReconcileData {
        let cat = Category {
            table: 1,
            name: "生态环境建设".into(),
            name_en: "environmental quality".into(),
            stated_total: wan("3"),
        };
        ReconcileData {
            categories: vec![(cat, wan(computed))],
            projects: vec![ProjectAllocation {
                id: "A1-01".into(),
                estimate: wan("3"),
                schedule: Schedule::parse("2022-2023").unwrap(),
                years: vec![(2022, wan("1.5")), (2023, wan(second_year))],
            }],
            grand_total: wan(computed),
            year_totals: vec![(2022, wan("1.5")), (2023, wan(second_year))],
            department_shares: wan(computed),
        }
    }

    #[test]
    fn passes_when_everything_adds_up() {
        let r = build(&data("3", "1.5"), Lang::En);
        assert!(r.passed(), "{:?}", r.checks);
    }

    #[test]
    fn names_the_table_and_the_difference() {
        let r = build(&data("3.0001", "1.5"), Lang::En);
        let bad = r
            .checks
            .iter()
            .find(|c| c.subject.starts_with("appendix table 1 "))
            .unwrap();
        assert!(!bad.ok);
        assert_eq!(bad.computed.yuan() - bad.stated.yuan(), 1);
    }

    #[test]
    fn names_a_project_whose_years_do_not_add_up() {
        let r = build(&data("3", "1.4"), Lang::En);
        assert!(!r.passed());
        assert!(r.checks.iter().any(|c| c.subject == "A1-01" && !c.ok));
        assert!(r.checks.iter().any(|c| c.subject == "A1-01 2023" && !c.ok));
    }
}
