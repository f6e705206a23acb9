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

/// The spending totals; `pending` are the payments waiting for approval in the same
/// scope (keyed and shared like `sums`), shown in a column of their own — never in the
/// amounts — when there are any.
pub fn build(
    by: SpendingBy,
    sums: &[SpendingSum],
    pending: &[SpendingSum],
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
    let mut keyed = keyed_sums(by, sums, categories, lang)?;
    let waiting = keyed_sums(by, pending, categories, lang)?;
    let mut pending_by_key: BTreeMap<String, Money> = BTreeMap::new();
    for (k, _, m) in &waiting {
        if !keyed.iter().any(|(key, _, _)| key == k) {
            keyed.push((k.clone(), 0, Money::ZERO));
        }
        pending_by_key.insert(k.clone(), *m);
    }
    let mut total = Money::ZERO;
    let mut total_pending = Money::ZERO;
    let entries: i64 = sums.iter().map(|s| s.entries).sum();
    let with_pending = !pending.is_empty();
    let mut rows = Vec::with_capacity(keyed.len() + 1);
    for (k, n, m) in keyed {
        total = add(total, m)?;
        let mut row = vec![Cell::Text(k.clone()), Cell::Int(n), Cell::Money(m)];
        if with_pending {
            let p = pending_by_key.get(&k).copied().unwrap_or(Money::ZERO);
            total_pending = add(total_pending, p)?;
            row.push(Cell::Money(p));
        }
        rows.push(row);
    }
    let mut last = vec![
        Cell::code("total", lang.pick(i18n::TOTAL)),
        Cell::Int(entries),
        Cell::Money(total),
    ];
    let mut columns = vec![
        col("key", lang.pick(key_words)),
        col("entries", lang.pick(i18n::ENTRIES)),
        col("amount_wan", lang.pick(i18n::AMOUNT_WAN)),
    ];
    if with_pending {
        last.push(Cell::Money(total_pending));
        columns.push(col("pending_wan", lang.pick(i18n::PENDING)));
    }
    rows.push(last);
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    Ok(Output::Table(Table {
        columns,
        rows,
        strong,
        note: (by == SpendingBy::Department)
            .then(|| lang.pick(i18n::SPENDING_DEPARTMENT_NOTE).to_string()),
        ..Default::default()
    }))
}

/// (key as shown, entries, amount) in order; by department each project's sum shared
/// among its lead departments.
fn keyed_sums(
    by: SpendingBy,
    sums: &[SpendingSum],
    categories: &[Category],
    lang: Lang,
) -> Result<Vec<(String, i64, Money)>> {
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
    Ok(keyed)
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
        let Ok(Output::Table(t)) = build(SpendingBy::Department, &sums, &[], &[], Lang::Zh) else {
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

    #[test]
    fn a_key_with_only_waiting_payments_has_a_row_and_the_waiting_column_adds_up() {
        let sum = |key: &str, entries, fen| SpendingSum {
            key: key.into(),
            entries,
            amount: Money::from_fen(fen),
            departments: vec![],
        };
        let sums = [sum("A1-01", 2, 100)];
        let pending = [sum("A1-01", 1, 50), sum("A1-02", 1, 70)];
        let Ok(Output::Table(t)) = build(SpendingBy::Project, &sums, &pending, &[], Lang::En)
        else {
            panic!("a table");
        };
        let money = |fen| Cell::Money(Money::from_fen(fen));
        assert_eq!(
            t.rows,
            [
                vec![Cell::text("A1-01"), Cell::Int(2), money(100), money(50)],
                vec![Cell::text("A1-02"), Cell::Int(0), money(0), money(70)],
                vec![
                    Cell::code("total", Lang::En.pick(i18n::TOTAL)),
                    Cell::Int(2),
                    money(100),
                    money(120),
                ],
            ]
        );
    }
}
