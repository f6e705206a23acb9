//! `spending list`: one row per entry — payment, reversal, or payment after completion —
//! with what it reverses or was reversed by.

use crate::domain::Money;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Table};
use crate::store::spending::Entry;

fn opt<T: ToString>(v: &Option<T>) -> Cell {
    v.as_ref()
        .map_or(Cell::Empty, |x| Cell::text(x.to_string()))
}

pub fn build(entries: &[Entry], lang: Lang) -> Output {
    let columns = vec![
        col("entry", lang.pick(i18n::ENTRY)),
        col("date", lang.pick(i18n::DATE)),
        col("project", lang.pick(i18n::ID)),
        col("amount_wan", lang.pick(i18n::AMOUNT_WAN)),
        col("kind", lang.pick(i18n::KIND)),
        col("voucher", lang.pick(i18n::VOUCHER)),
        col("reverses", lang.pick(i18n::REVERSES)),
        col("reversed_by", lang.pick(i18n::REVERSED_BY)),
        col("note", lang.pick(i18n::NOTE)),
        col("reason", lang.pick(i18n::REASON)),
        col("actor", lang.pick(i18n::ACTOR)),
        col("recorded_at", lang.pick(i18n::RECORDED_AT)),
    ];
    let rows = entries
        .iter()
        .map(|e| {
            let kind = if e.reverses.is_some() {
                i18n::KIND_REVERSAL
            } else if e.after_completion {
                i18n::KIND_AFTER_COMPLETION
            } else {
                i18n::KIND_PAYMENT
            };
            vec![
                Cell::Int(e.id),
                Cell::text(&e.date),
                Cell::text(&e.project_id),
                Cell::Money(e.amount),
                Cell::text(lang.pick(kind)),
                opt(&e.voucher),
                opt(&e.reverses),
                opt(&e.reversed_by),
                opt(&e.note),
                opt(&e.reason),
                Cell::text(&e.actor),
                Cell::text(&e.recorded_at),
            ]
        })
        .collect();
    let total: Money = entries.iter().map(|e| e.amount).sum();
    let note = format!(
        "{} {}: {}",
        entries.len(),
        lang.pick(i18n::SPENDING_TOTAL),
        total.grouped()
    );
    Output::Table(Table {
        columns,
        rows,
        note: Some(note),
        ..Default::default()
    })
}
