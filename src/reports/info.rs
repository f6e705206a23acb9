//! `info`: where the ledger is and what it holds.

use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Record};
use crate::store::Summary;

pub fn build(summary: &Summary, lang: Lang) -> Output {
    Output::Record(Record {
        header: [
            col("field", lang.pick(i18n::FIELD)),
            col("value", lang.pick(i18n::VALUE)),
        ],
        fields: vec![
            (
                col("path", lang.pick(i18n::PATH)),
                Cell::text(summary.path.display().to_string()),
            ),
            (
                col("schema_version", lang.pick(i18n::SCHEMA_VERSION)),
                Cell::Int(summary.schema_version),
            ),
            (
                col("projects", lang.pick(i18n::PROJECTS)),
                Cell::Int(summary.projects),
            ),
            (
                col("grand_total_wan", lang.pick(i18n::GRAND_TOTAL_WAN)),
                Cell::Money(summary.grand_total),
            ),
        ],
        sections: Vec::new(),
    })
}
