//! `history`: the audit log, one row per changed field.

use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Table};
use crate::store::history::HistoryRow;

fn opt(s: &Option<String>) -> Cell {
    s.as_ref().map_or(Cell::Empty, Cell::text)
}

pub fn build(rows: &[HistoryRow], lang: Lang) -> Output {
    let columns = vec![
        col("seq", lang.pick(i18n::SEQ)),
        col("recorded_at", lang.pick(i18n::RECORDED_AT)),
        col("effective_date", lang.pick(i18n::EFFECTIVE_DATE)),
        col("actor", lang.pick(i18n::ACTOR)),
        col("project", lang.pick(i18n::ID)),
        col("action", lang.pick(i18n::ACTION)),
        col("field", lang.pick(i18n::FIELD)),
        col("old_value", lang.pick(i18n::OLD_VALUE)),
        col("new_value", lang.pick(i18n::NEW_VALUE)),
        col("reason", lang.pick(i18n::REASON)),
        col("note", lang.pick(i18n::NOTE)),
    ];
    let rows = rows
        .iter()
        .map(|h| {
            vec![
                Cell::Int(h.id),
                Cell::text(&h.recorded_at),
                Cell::text(&h.effective_date),
                Cell::text(&h.actor),
                Cell::text(&h.project_id),
                Cell::text(&h.action),
                Cell::text(&h.field),
                opt(&h.old_value),
                opt(&h.new_value),
                opt(&h.reason),
                opt(&h.note),
            ]
        })
        .collect();
    Output::Table(Table {
        columns,
        rows,
        view: VIEW.to_vec(),
        ..Default::default()
    })
}

/// The table view's default columns, most important first.
pub const VIEW: [&str; 10] = [
    "effective_date",
    "project",
    "action",
    "field",
    "old_value",
    "new_value",
    "actor",
    "reason",
    "seq",
    "note",
];
