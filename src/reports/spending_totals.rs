//! `spending totals --by …`: what was spent per category, department, project, month
//! or quarter — entries and their sum, exact to the 分 — then the total. By department
//! each project's spending is shared among its lead departments by the allocation rule,
//! so that the rows add up to the total.

use crate::domain::allocation::split_even;
use crate::domain::category::Category;
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Table};
use crate::store::spending::{SpendingBy, SpendingSum};
use std::collections::BTreeMap;

fn add(a: Money, b: Money) -> Result<Money> {
    a.checked_add(b).ok_or(Error::Overflow)
}

pub fn build(
    by: SpendingBy,
    sums: &[SpendingSum],
    categories: &[Category],
    lang: Lang,
) -> Result<Output> {
    let key_words = match by {
        SpendingBy::Category => i18n::CATEGORY,
        SpendingBy::Department => i18n::DEPARTMENT,
        SpendingBy::Project => i18n::ID,
        SpendingBy::Month => i18n::MONTH,
        SpendingBy::Quarter => i18n::QUARTER,
    };
    // (key, entries, amount) in order.
    let mut keyed: Vec<(String, i64, Money)> = Vec::new();
    if by == SpendingBy::Department {
        let mut by_dept: BTreeMap<String, (i64, Money)> = BTreeMap::new();
        for s in sums {
            let depts = if s.departments.is_empty() {
                vec![String::new()]
            } else {
                s.departments.clone()
            };
            for (d, share) in depts.iter().zip(split_even(s.amount, depts.len())) {
                let slot = by_dept.entry(d.clone()).or_insert((0, Money::ZERO));
                slot.0 += s.entries;
                slot.1 = add(slot.1, share)?;
            }
        }
        keyed.extend(by_dept.into_iter().map(|(k, (n, m))| (k, n, m)));
    } else {
        for s in sums {
            let key = match by {
                SpendingBy::Category => s
                    .key
                    .parse::<u8>()
                    .ok()
                    .and_then(|t| categories.iter().find(|c| c.table == t))
                    .map_or_else(|| s.key.clone(), |c| c.label(lang).to_string()),
                _ => s.key.clone(),
            };
            keyed.push((key, s.entries, s.amount));
        }
    }
    let mut total = Money::ZERO;
    let entries: i64 = sums.iter().map(|s| s.entries).sum();
    let mut rows = Vec::with_capacity(keyed.len() + 1);
    for (k, n, m) in keyed {
        total = add(total, m)?;
        rows.push(vec![Cell::Text(k), Cell::Int(n), Cell::Money(m)]);
    }
    rows.push(vec![
        Cell::code("total", lang.pick(i18n::TOTAL)),
        Cell::Int(entries),
        Cell::Money(total),
    ]);
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    Ok(Output::Table(Table {
        columns: vec![
            col("key", lang.pick(key_words)),
            col("entries", lang.pick(i18n::ENTRIES)),
            col("amount_wan", lang.pick(i18n::AMOUNT_WAN)),
        ],
        rows,
        strong,
        note: (by == SpendingBy::Department)
            .then(|| lang.pick(i18n::SPENDING_DEPARTMENT_NOTE).to_string()),
        ..Default::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_shares_add_up_to_the_total_to_the_fen() {
        let sums = [
            SpendingSum {
                key: "A1-01".into(),
                entries: 2,
                amount: Money::from_fen(100_001),
                departments: vec!["甲".into(), "乙".into(), "丙".into()],
            },
            SpendingSum {
                key: "A1-02".into(),
                entries: 1,
                amount: Money::from_fen(-300),
                departments: vec!["乙".into()],
            },
        ];
        let Ok(Output::Table(t)) = build(SpendingBy::Department, &sums, &[], Lang::Zh) else {
            panic!("a table");
        };
        let amounts: Vec<Money> = t.rows[..3]
            .iter()
            .map(|r| match r[2] {
                Cell::Money(m) => m,
                _ => Money::ZERO,
            })
            .collect();
        let sum: Money = amounts.iter().copied().sum();
        assert_eq!(sum, Money::from_fen(99_701));
        assert_eq!(t.rows[3][2], Cell::Money(Money::from_fen(99_701)));
        assert_eq!(t.rows[3][1], Cell::Int(3));
    }
}
