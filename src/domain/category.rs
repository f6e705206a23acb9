//! Categories: one per appendix table of the plan (附表1–附表6), each with its Chinese
//! name as the plan writes it, the glossary's English label, and the subtotal (合计) the
//! plan states for it.

use super::Money;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub table: u8,
    pub name: String,
    pub name_en: String,
    pub stated_total: Money,
}

impl Category {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Zh => &self.name,
        }
    }

    /// Whether `text` names this category: its table number (`5`, `A5`, `附表5`) or its
    /// Chinese or English name (case-insensitive).
    pub fn matches(&self, text: &str) -> bool {
        let t = text.trim();
        let number = t
            .strip_prefix("附表")
            .or_else(|| t.strip_prefix(['A', 'a']))
            .unwrap_or(t);
        number == self.table.to_string() || t == self.name || t.eq_ignore_ascii_case(&self.name_en)
    }
}

/// Finds the category `text` names among `all`.
pub fn resolve<'a>(all: &'a [Category], text: &str) -> Option<&'a Category> {
    all.iter().find(|c| c.matches(text))
}
