//! The allocation rule: an amount is split into parts in whole 元, as evenly as
//! possible, and the leftover 元 go one each to the earliest parts. The parts always add
//! up to the whole exactly and differ by at most 1 元.
//!
//! The rule spreads an estimate over its schedule's years and shares a co-led project
//! among its departments (in the order the plan lists them). The SQL views
//! `alloc` and `share` in `store::state` (and the budget reports' closed form) apply the same rule inside
//! SQLite so that totals can be aggregated there; `reconcile` checks that they agree, and a
//! property test (tests/properties.rs) does for any estimate, schedule and departments.

use super::{Money, Schedule};

/// Splits `total` into `parts` pieces by the rule above, in whole 元. Zero parts give
/// nothing. (Budgets are whole 元; should a total carry 分, they go to the first part, so
/// the parts still add up to it exactly.)
pub fn split_even(total: Money, parts: usize) -> Vec<Money> {
    if parts == 0 {
        return Vec::new();
    }
    let n = parts as i64;
    let yuan = total.fen().div_euclid(super::money::FEN_PER_YUAN);
    let fen = total.fen().rem_euclid(super::money::FEN_PER_YUAN);
    let base = yuan.div_euclid(n);
    let leftover = yuan.rem_euclid(n);
    (0..n)
        .map(|i| {
            let part = Money::from_yuan(base + i64::from(i < leftover));
            if i == 0 {
                Money::from_fen(part.fen() + fen)
            } else {
                part
            }
        })
        .collect()
}

/// The estimate spread over the schedule's years: `(year, amount)` in year order.
pub fn by_year(estimate: Money, schedule: Schedule) -> Vec<(i32, Money)> {
    schedule
        .years()
        .zip(split_even(estimate, schedule.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_goes_to_the_earliest_parts() {
        let parts = split_even(Money::from_yuan(10), 3);
        assert_eq!(
            parts,
            vec![
                Money::from_yuan(4),
                Money::from_yuan(3),
                Money::from_yuan(3)
            ]
        );
    }

    #[test]
    fn a5_04_spreads_evenly_over_four_years() {
        let est = Money::parse_wan("334000").unwrap();
        let years = by_year(est, Schedule::parse("2022-2025").unwrap());
        let expected = Money::parse_wan("83500").unwrap();
        assert_eq!(
            years,
            vec![
                (2022, expected),
                (2023, expected),
                (2024, expected),
                (2025, expected)
            ]
        );
    }

    #[test]
    fn parts_add_up_and_differ_by_at_most_one_yuan() {
        for total in [
            0_i64,
            1,
            2,
            7,
            9_999,
            38_470_000,
            1_000_000_007,
            123_456_789_012,
        ] {
            for n in 1..=9 {
                let parts = split_even(Money::from_yuan(total), n);
                assert_eq!(parts.len(), n);
                assert_eq!(parts.iter().copied().sum::<Money>().yuan(), total);
                let max = parts.iter().max().unwrap().yuan();
                let min = parts.iter().min().unwrap().yuan();
                assert!(max - min <= 1);
                assert!(
                    parts.windows(2).all(|w| w[0] >= w[1]),
                    "earliest parts get the leftover"
                );
            }
        }
    }

    #[test]
    fn one_wan_over_three_years() {
        let parts = by_year(
            Money::parse_wan("1").unwrap(),
            Schedule::parse("2022-2024").unwrap(),
        );
        let plain: Vec<String> = parts.iter().map(|(_, m)| m.plain()).collect();
        assert_eq!(plain, ["0.3334", "0.3333", "0.3333"]);
    }
}
