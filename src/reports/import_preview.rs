//! What an import would record (its dry run), per project: entries and their sum, with a
//! total row that is their checked sum. The command line's `--dry-run` and the
//! dashboard's import preview show the same table.

use crate::domain::Money;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Table};
use std::collections::BTreeMap;

/// Per project (in id order): entries and their sum; then the total.
pub fn table(lang: Lang, by_project: &BTreeMap<String, (i64, Money)>, summary: String) -> Table {
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(by_project.len() + 1);
    let (mut count, mut total) = (0_i64, Money::ZERO);
    for (id, (n, sum)) in by_project {
        count += n;
        total = total.checked_add(*sum).unwrap_or(total);
        rows.push(vec![Cell::text(id), Cell::Int(*n), Cell::Money(*sum)]);
    }
    rows.push(vec![
        Cell::code("total", lang.pick(i18n::TOTAL)),
        Cell::Int(count),
        Cell::Money(total),
    ]);
    let mut strong = vec![false; rows.len()];
    strong[rows.len() - 1] = true;
    Table {
        columns: vec![
            col("project_id", lang.pick(i18n::ID)),
            col("entries", lang.pick(i18n::ENTRIES)),
            col("amount_wan", lang.pick(i18n::AMOUNT_WAN)),
        ],
        rows,
        note: Some(summary),
        strong,
        ..Table::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_row_is_the_sum_of_the_rows() {
        let mut by = BTreeMap::new();
        by.insert("A5-04".to_string(), (3, Money::from_fen(5_000_000_000)));
        by.insert("A1-02".to_string(), (2, Money::from_fen(1_234_568)));
        let t = table(Lang::Zh, &by, "s".into());
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0][0], Cell::text("A1-02"));
        assert_eq!(
            t.rows[2],
            vec![
                Cell::code("total", "合计"),
                Cell::Int(5),
                Cell::Money(Money::from_fen(5_001_234_568))
            ]
        );
        assert_eq!(t.strong, vec![false, false, true]);
        assert_eq!(t.note.as_deref(), Some("s"));
    }
}
