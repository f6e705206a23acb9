//! One report per file: a pure function from data the store returned (and options) to a
//! report that the renderers can show. No SQL and no I/O here, so every report can be
//! tested on plain values.

pub mod annual;
pub mod assessment;
pub mod budget;
pub mod compare;
pub mod history;
pub mod import_preview;
pub mod indicator_totals;
pub mod indicators;
pub mod info;
pub mod matrix;
pub mod monthly;
pub mod overview;
pub mod project_detail;
pub mod projects_list;
pub mod quarterly;
pub mod reconcile;
pub mod spending_list;
pub mod spending_totals;
pub mod totals;
