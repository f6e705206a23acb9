//! `spending list`: one row per entry — payment, reversal, or payment after completion —
//! with what it reverses or was reversed by.

use crate::domain::Money;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Column, Output, Table};
use crate::store::spending::Entry;

fn opt<T: ToString>(v: &Option<T>) -> Cell {
    v.as_ref()
        .map_or(Cell::Empty, |x| Cell::text(x.to_string()))
}

/// The listing without its rows.
pub fn template(lang: Lang) -> Table {
    Table {
        view: VIEW.to_vec(),
        ..Table::of(columns(lang))
    }
}

/// The table view's default columns, most important first.
pub const VIEW: [&str; 10] = [
    "entry",
    "date",
    "project",
    "amount_wan",
    "kind",
    "voucher",
    "note",
    "reverses",
    "reversed_by",
    "reason",
];

/// The listing's columns.
pub fn columns(lang: Lang) -> Vec<Column> {
    vec![
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
    ]
}

/// One entry's row.
pub fn row(e: &Entry, lang: Lang) -> Vec<Cell> {
    let (code, kind) = if e.reverses.is_some() {
        ("reversal", i18n::KIND_REVERSAL)
    } else if e.after_completion {
        ("after_completion", i18n::KIND_AFTER_COMPLETION)
    } else {
        ("payment", i18n::KIND_PAYMENT)
    };
    vec![
        Cell::Int(e.id),
        Cell::text(&e.date),
        Cell::text(&e.project_id),
        Cell::Money(e.amount),
        Cell::code(code, lang.pick(kind)),
        opt(&e.voucher),
        opt(&e.reverses),
        opt(&e.reversed_by),
        opt(&e.note),
        opt(&e.reason),
        Cell::text(&e.actor),
        Cell::text(&e.recorded_at),
    ]
}

/// A payment waiting for approval (待复核), listed after the entries: `P1`, kind
/// `pending`; it is not spending, so not in the entries' total.
pub fn pending_row(p: &crate::store::pending::Pending, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::text(format!("P{}", p.id)),
        Cell::text(&p.date),
        Cell::text(&p.project_id),
        Cell::Money(p.amount),
        Cell::code("pending", lang.pick(i18n::PENDING)),
        opt(&p.voucher),
        Cell::Empty,
        Cell::Empty,
        opt(&p.note),
        Cell::Empty,
        Cell::text(&p.actor),
        Cell::text(&p.recorded_at),
    ]
}

/// The line under the table view: how many entries, and their sum.
pub fn note(count: usize, total: Money, lang: Lang) -> String {
    let entries = i18n::msg::entry_count(i64::try_from(count).unwrap_or(i64::MAX));
    i18n::msg::spending_note(entries, total.grouped())
        .get(lang)
        .to_string()
}

/// The whole listing at once (the dashboard's project page); `spending list` streams
/// the same rows through [`columns`], [`row`] and [`note`].
pub fn build(entries: &[Entry], lang: Lang) -> Output {
    let total: Money = entries.iter().map(|e| e.amount).sum();
    Output::Table(Table {
        rows: entries.iter().map(|e| row(e, lang)).collect(),
        note: Some(note(entries.len(), total, lang)),
        ..template(lang)
    })
}
