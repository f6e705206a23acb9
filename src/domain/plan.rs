//! Explicit annual plans (分年度投资计划): `2023=1200 2024=800 …` in 万元. A plan covers
//! every year of the schedule (a year not named gets 0), names no year outside it, and
//! adds up exactly to the estimate; anything else is refused.

use super::money::MoneyError;
use super::{Money, Schedule};
use crate::i18n::{msg, Text};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanError {
    Malformed(String),
    BadAmount {
        item: String,
        problem: MoneyError,
    },
    Negative(String),
    Duplicate(i32),
    OutsideSchedule {
        year: i32,
        schedule: Schedule,
    },
    WrongTotal {
        total: Money,
        estimate: Money,
        difference: Money,
    },
    Empty,
}

impl From<PlanError> for Text {
    fn from(e: PlanError) -> Text {
        match e {
            PlanError::Malformed(t) => msg::plan_malformed(t),
            PlanError::BadAmount { item, problem } => {
                msg::plan_bad_amount(item, Text::from(problem))
            }
            PlanError::Negative(t) => msg::plan_negative(t),
            PlanError::Duplicate(y) => msg::plan_duplicate(y),
            PlanError::OutsideSchedule { year, schedule } => {
                msg::plan_outside_schedule(year, schedule)
            }
            PlanError::WrongTotal {
                total,
                estimate,
                difference,
            } => msg::plan_wrong_total(msg::wan(total), msg::wan(estimate), difference),
            PlanError::Empty => msg::plan_empty(),
        }
    }
}

/// Parses the items and checks them against the estimate and schedule. Returns one
/// amount per schedule year, in year order.
pub fn parse_plan(
    items: &[String],
    estimate: Money,
    schedule: Schedule,
) -> Result<Vec<(i32, Money)>, PlanError> {
    if items.is_empty() {
        return Err(PlanError::Empty);
    }
    let mut given: Vec<(i32, Money)> = Vec::new();
    for raw in items
        .iter()
        .flat_map(|i| i.split([',', ' ']).filter(|s| !s.is_empty()))
    {
        let (y, a) = raw
            .split_once('=')
            .ok_or_else(|| PlanError::Malformed(raw.to_string()))?;
        let year =
            super::schedule::parse_year(y).map_err(|_| PlanError::Malformed(raw.to_string()))?;
        let amount = Money::parse_wan(a).map_err(|e| PlanError::BadAmount {
            item: raw.to_string(),
            problem: e,
        })?;
        if amount < Money::ZERO {
            return Err(PlanError::Negative(raw.to_string()));
        }
        if given.iter().any(|(g, _)| *g == year) {
            return Err(PlanError::Duplicate(year));
        }
        if !schedule.covers(year) {
            return Err(PlanError::OutsideSchedule { year, schedule });
        }
        given.push((year, amount));
    }
    let total: Money = given.iter().map(|(_, m)| *m).sum();
    if total != estimate {
        let difference = Money::from_yuan(total.yuan() - estimate.yuan());
        return Err(PlanError::WrongTotal {
            total,
            estimate,
            difference,
        });
    }
    Ok(schedule
        .years()
        .map(|y| {
            (
                y,
                given
                    .iter()
                    .find(|(g, _)| *g == y)
                    .map_or(Money::ZERO, |(_, m)| *m),
            )
        })
        .collect())
}

/// A plan as history text: `2023=1200 2024=800`, or `even` for the even spread.
pub fn plan_text(plan: &[(i32, Money)]) -> String {
    if plan.is_empty() {
        "even".to_string()
    } else {
        plan.iter()
            .map(|(y, m)| format!("{y}={m}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn fills_unnamed_years_with_zero_and_checks_the_sum() {
        let sched = Schedule::parse("2023-2025").unwrap();
        let est = Money::parse_wan("2000").unwrap();
        let plan = parse_plan(&items("2023=1200 2024=800"), est, sched).unwrap();
        let shown: Vec<_> = plan.iter().map(|(y, m)| format!("{y}={m}")).collect();
        assert_eq!(shown, ["2023=1200", "2024=800", "2025=0"]);
        assert!(matches!(
            parse_plan(&items("2023=1200 2024=799.9999"), est, sched),
            Err(PlanError::WrongTotal { .. })
        ));
        assert!(matches!(
            parse_plan(&items("2022=1200 2024=800"), est, sched),
            Err(PlanError::OutsideSchedule { year: 2022, .. })
        ));
        assert!(matches!(
            parse_plan(&items("2023=2000 2023=0"), est, sched),
            Err(PlanError::Duplicate(2023))
        ));
        assert!(matches!(
            parse_plan(&items("2023:2000"), est, sched),
            Err(PlanError::Malformed(_))
        ));
        assert!(matches!(
            parse_plan(&items("2023=abc"), est, sched),
            Err(PlanError::BadAmount { .. })
        ));
        assert!(matches!(
            parse_plan(&items("2023=-1 2024=2001"), est, sched),
            Err(PlanError::Negative(_))
        ));
    }
}
