//! `totals --by KEY --by KEY`: the estimates in a matrix (e.g. 分年度分类汇总表, category ×
//! year), with a total per row, per column and overall — every total the checked sum of
//! the cells it covers, exact to the 元.

use crate::domain::category::Category;
use crate::domain::project::Status;
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::{self, Lang, Words};
use crate::render::{col, intern, Cell, Column, Output, Table};
use crate::store::totals::{Key, MatrixCell, TotalsBy};
use std::collections::BTreeMap;

fn by_words(by: TotalsBy) -> Words {
    match by {
        TotalsBy::Category => i18n::CATEGORY,
        TotalsBy::Group => i18n::GROUP,
        TotalsBy::Department => i18n::DEPARTMENT,
        TotalsBy::Year => i18n::YEAR,
        TotalsBy::Status => i18n::STATUS,
    }
}

/// How a key reads, and its machine name (a column's key, before `_wan`).
fn key_text(key: &Key, categories: &[Category], lang: Lang) -> (String, String) {
    match key {
        Key::Category(n) => (
            categories
                .iter()
                .find(|c| c.table == *n)
                .map_or_else(|| n.to_string(), |c| c.label(lang).to_string()),
            format!("table_{n}"),
        ),
        Key::Group(g) | Key::Department(g) => (g.clone(), g.clone()),
        Key::Year(y) => (y.to_string(), y.to_string()),
        Key::Status(s) => (s.label(lang).to_string(), s.code().to_string()),
    }
}

/// Where a key sorts: categories by table, years in order, statuses in their lifecycle
/// order, groups by their first project, departments by name.
fn key_order(key: &Key, first: i64) -> (i64, String) {
    match key {
        Key::Category(n) => (i64::from(*n), String::new()),
        Key::Year(y) => (i64::from(*y), String::new()),
        Key::Status(s) => (
            Status::ALL.iter().position(|x| x == s).unwrap_or(0) as i64,
            String::new(),
        ),
        Key::Group(_) => (first, String::new()),
        Key::Department(d) => (0, d.clone()),
    }
}

fn add(a: Money, b: Money) -> Result<Money> {
    a.checked_add(b).ok_or(Error::Overflow)
}

pub fn build(
    (rows_by, columns_by): (TotalsBy, TotalsBy),
    cells: &[MatrixCell],
    categories: &[Category],
    lang: Lang,
) -> Result<Output> {
    // The keys in order, each with its text.
    let mut row_first: BTreeMap<String, (Key, i64)> = BTreeMap::new();
    let mut col_first: BTreeMap<String, (Key, i64)> = BTreeMap::new();
    for c in cells {
        let r = key_text(&c.row, categories, lang).1;
        let k = key_text(&c.column, categories, lang).1;
        let e = row_first.entry(r).or_insert((c.row.clone(), c.order.0));
        e.1 = e.1.min(c.order.0);
        let e = col_first.entry(k).or_insert((c.column.clone(), c.order.1));
        e.1 = e.1.min(c.order.1);
    }
    let sorted = |m: BTreeMap<String, (Key, i64)>| -> Vec<(String, Key)> {
        let mut v: Vec<(String, Key, i64)> = m.into_iter().map(|(n, (k, f))| (n, k, f)).collect();
        v.sort_by_key(|(_, k, f)| key_order(k, *f));
        v.into_iter().map(|(n, k, _)| (n, k)).collect()
    };
    let row_keys = sorted(row_first);
    let col_keys = sorted(col_first);
    let mut amounts: BTreeMap<(String, String), Money> = BTreeMap::new();
    for c in cells {
        let r = key_text(&c.row, categories, lang).1;
        let k = key_text(&c.column, categories, lang).1;
        let slot = amounts.entry((r, k)).or_insert(Money::ZERO);
        *slot = add(*slot, c.amount)?;
    }
    let mut columns: Vec<Column> = vec![col(
        intern(key_sql_name(rows_by).to_string()),
        lang.pick(by_words(rows_by)),
    )];
    for (name, key) in &col_keys {
        columns.push(col(
            intern(format!("{name}_wan")),
            intern(key_text(key, categories, lang).0),
        ));
    }
    columns.push(col("total_wan", lang.pick(i18n::TOTAL)));
    let mut rows = Vec::new();
    let mut column_totals = vec![Money::ZERO; col_keys.len()];
    let mut corner = Money::ZERO;
    for (r, key) in &row_keys {
        let mut row = vec![match key {
            Key::Status(st) => Cell::code(st.code(), st.label(lang)),
            _ => Cell::Text(key_text(key, categories, lang).0),
        }];
        let mut row_total = Money::ZERO;
        for (i, (k, _)) in col_keys.iter().enumerate() {
            let amount = amounts
                .get(&(r.clone(), k.clone()))
                .copied()
                .unwrap_or(Money::ZERO);
            row_total = add(row_total, amount)?;
            column_totals[i] = add(column_totals[i], amount)?;
            row.push(Cell::Money(amount));
        }
        corner = add(corner, row_total)?;
        row.push(Cell::Money(row_total));
        rows.push(row);
    }
    let mut total = vec![Cell::code("total", lang.pick(i18n::TOTAL))];
    total.extend(column_totals.into_iter().map(Cell::Money));
    total.push(Cell::Money(corner));
    rows.push(total);
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    let note = (rows_by == TotalsBy::Department || columns_by == TotalsBy::Department)
        .then(|| lang.pick(i18n::MATRIX_DEPARTMENT_NOTE).to_string());
    // The table view keeps the row key and the row totals first when it must leave
    // columns out.
    let mut view: Vec<&'static str> = vec![columns[0].key, "total_wan"];
    view.extend(columns[1..columns.len() - 1].iter().map(|c| c.key));
    Ok(Output::Table(Table {
        columns,
        rows,
        note,
        strong,
        title: Some(lang.pick(i18n::TOTALS_TITLE).to_string()),
        view,
        ..Default::default()
    }))
}

/// The row key's column name in CSV and JSON.
fn key_sql_name(by: TotalsBy) -> &'static str {
    match by {
        TotalsBy::Category => "category",
        TotalsBy::Group => "group",
        TotalsBy::Department => "department",
        TotalsBy::Year => "year",
        TotalsBy::Status => "status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: Key, column: Key, yuan: i64) -> MatrixCell {
        MatrixCell {
            row,
            column,
            amount: Money::from_yuan(yuan),
            order: (0, 0),
        }
    }

    #[test]
    fn rows_columns_and_the_corner_are_the_sums_of_their_cells() {
        let cells = [
            cell(Key::Year(2023), Key::Status(Status::Planned), 5),
            cell(Key::Year(2022), Key::Status(Status::Planned), 7),
            cell(Key::Year(2022), Key::Status(Status::Completed), 11),
        ];
        let Ok(Output::Table(t)) = build((TotalsBy::Year, TotalsBy::Status), &cells, &[], Lang::En)
        else {
            panic!("a table");
        };
        let keys: Vec<&str> = t.columns.iter().map(|c| c.key).collect();
        assert_eq!(keys, ["year", "planned_wan", "completed_wan", "total_wan"]);
        let m = |y: i64| Cell::Money(Money::from_yuan(y));
        assert_eq!(t.rows[0], vec![Cell::text("2022"), m(7), m(11), m(18)]);
        assert_eq!(t.rows[1], vec![Cell::text("2023"), m(5), m(0), m(5)]);
        assert_eq!(
            t.rows[2],
            vec![Cell::code("total", "total"), m(12), m(11), m(23)]
        );
    }
}
