//! `history`: the audit log, one row per changed field. Actions, fields, statuses,
//! cost stages and the program's own reasons are codes (or the text as recorded) in CSV
//! and JSON, and labels in the user's language in the table, workbook and HTML views.

use crate::domain::category::Category;
use crate::domain::history::{action_words, field_words, system_reason};
use crate::domain::project::{Stage, Status};
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Table};
use crate::store::history::HistoryRow;

fn opt(s: &Option<String>) -> Cell {
    s.as_ref().map_or(Cell::Empty, Cell::text)
}

/// A code with its label, or the code alone when it has none.
fn code(code: &str, label: Option<&str>) -> Cell {
    match label {
        Some(l) => Cell::code(code, l),
        None => Cell::text(code),
    }
}

/// An old or new value: a status, a cost stage or a category by its label; the even
/// spread of a plan in words; anything else as recorded.
fn value(field: &str, v: &Option<String>, categories: &[Category], lang: Lang) -> Cell {
    let Some(v) = v else {
        return Cell::Empty;
    };
    let label = match field {
        "status" => Status::from_code(v).map(|s| s.label(lang)),
        "stage" => Stage::from_code(v).map(|s| s.label(lang)),
        "category" => categories
            .iter()
            .find(|c| c.name == *v)
            .map(|c| c.label(lang)),
        "plan" if v == "even" => Some(lang.pick(i18n::PLAN_EVEN)),
        _ => None,
    };
    code(v, label)
}

/// The audit log; `categories` give the category names in both languages.
pub fn build(rows: &[HistoryRow], categories: &[Category], lang: Lang) -> Output {
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
        col("signed_in", lang.pick(i18n::SIGN_IN_METHOD)),
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
                code(&h.action, action_words(&h.action).map(|w| lang.pick(w))),
                code(&h.field, field_words(&h.field).map(|w| lang.pick(w))),
                value(&h.field, &h.old_value, categories, lang),
                value(&h.field, &h.new_value, categories, lang),
                match h.reason.as_deref().map(|r| (r, system_reason(r))) {
                    Some((r, Some(label))) => Cell::code(r, label.get(lang)),
                    _ => opt(&h.reason),
                },
                opt(&h.note),
                Cell::text(&h.signed_in),
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
