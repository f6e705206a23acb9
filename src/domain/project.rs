//! A project of the reserve and its status. Ids are `A{table}-{no:02}` for the plan's
//! appendix projects (渝西水资源配置工程 is `A5-04`).

use super::{Money, Schedule};
use crate::i18n::{Lang, Words};

/// Where a project stands in its life. Every seeded project starts `Planned` (储备).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Planned,
    InProgress,
    Suspended,
    Completed,
    Cancelled,
}

impl Status {
    /// All statuses in lifecycle order.
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::InProgress,
        Status::Suspended,
        Status::Completed,
        Status::Cancelled,
    ];

    /// The code stored in SQLite.
    pub fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in_progress",
            Status::Suspended => "suspended",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn words(self) -> Words {
        let (en, zh) = match self {
            Status::Planned => ("planned", "储备"),
            Status::InProgress => ("in progress", "实施中"),
            Status::Suspended => ("suspended", "暂停"),
            Status::Completed => ("completed", "已完成"),
            Status::Cancelled => ("cancelled", "已终止"),
        };
        Words { en, zh }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.words())
    }

    /// The status `text` names: its code (`in_progress`), its English label (`in
    /// progress`, any case) or its Chinese label (`实施中`), or a synonym the glossary
    /// gives (`计划`, `在建`, `已竣工`, `取消`).
    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim();
        let synonym = match t {
            "计划" => Some(Status::Planned),
            "在建" => Some(Status::InProgress),
            "已竣工" => Some(Status::Completed),
            "取消" => Some(Status::Cancelled),
            _ => None,
        };
        synonym.or_else(|| {
            Status::ALL.into_iter().find(|s| {
                s.code().eq_ignore_ascii_case(t)
                    || s.words().en.eq_ignore_ascii_case(t)
                    || s.words().zh == t
            })
        })
    }
}

/// The cost stage an estimate belongs to, in the order a project passes through them:
/// 估算 → 概算 → 预算 → 结算 → 决算.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Stage {
    Estimate,
    Preliminary,
    Budget,
    Settlement,
    Final,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Estimate,
        Stage::Preliminary,
        Stage::Budget,
        Stage::Settlement,
        Stage::Final,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Estimate => "estimate",
            Stage::Preliminary => "preliminary",
            Stage::Budget => "budget",
            Stage::Settlement => "settlement",
            Stage::Final => "final",
        }
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn words(self) -> Words {
        let (en, zh) = match self {
            Stage::Estimate => ("estimate", "估算"),
            Stage::Preliminary => ("preliminary estimate", "概算"),
            Stage::Budget => ("budget", "预算"),
            Stage::Settlement => ("settlement", "结算"),
            Stage::Final => ("final accounts", "决算"),
        };
        Words { en, zh }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.words())
    }

    /// The stage `text` names: its code (`preliminary`), its English label
    /// (`preliminary estimate`, any case) or its Chinese label (`概算`).
    pub fn parse(text: &str) -> Option<Stage> {
        let t = text.trim();
        Stage::ALL.into_iter().find(|s| {
            s.code().eq_ignore_ascii_case(t)
                || s.words().en.eq_ignore_ascii_case(t)
                || s.words().zh == t
        })
    }
}

/// The id of the `no`-th project of appendix table `table`.
pub fn appendix_id(table: u8, no: u32) -> String {
    format!("A{table}-{no:02}")
}

/// Puts a typed id into its canonical form (ids are case-insensitive: `a5-04` is `A5-04`).
pub fn normalize_id(text: &str) -> String {
    text.trim().to_ascii_uppercase()
}

/// One project as the ledger holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    pub table: u8,
    pub category: String,
    pub category_en: String,
    pub group: String,
    pub description: String,
    pub estimate: Money,
    pub schedule: Schedule,
    /// Lead departments in the order the plan lists them (the first gets any leftover 元
    /// when the estimate is shared).
    pub departments: Vec<String>,
    pub status: Status,
    pub stage: Stage,
    /// Whether the year allocation is an explicit annual plan rather than the even spread.
    pub has_plan: bool,
}

impl Project {
    pub fn category_label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.category_en,
            Lang::Zh => &self.category,
        }
    }

    /// Departments joined the way the plan writes them, with `、`.
    pub fn departments_joined(&self) -> String {
        self.departments.join("、")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A status by its code, its English label in any case, its Chinese label or a
    /// glossary synonym; anything else is none.
    #[test]
    fn statuses_parse_from_codes_labels_and_synonyms() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
            assert_eq!(Status::parse(&s.words().en.to_uppercase()), Some(s));
            assert_eq!(Status::parse(&format!(" {} ", s.words().zh)), Some(s));
        }
        for (synonym, s) in [
            ("计划", Status::Planned),
            ("在建", Status::InProgress),
            ("已竣工", Status::Completed),
            ("取消", Status::Cancelled),
        ] {
            assert_eq!(Status::parse(synonym), Some(s), "{synonym}");
        }
        assert_eq!(Status::parse("finished"), None);
    }

    #[test]
    fn appendix_ids_are_zero_padded() {
        assert_eq!(appendix_id(5, 4), "A5-04");
        assert_eq!(appendix_id(1, 22), "A1-22");
        assert_eq!(normalize_id(" a5-04 "), "A5-04");
    }

    #[test]
    fn status_codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn statuses_and_stages_are_named_by_code_or_either_label() {
        for s in Status::ALL {
            for name in [s.code(), s.words().en, s.words().zh] {
                assert_eq!(Status::parse(name), Some(s), "{name}");
            }
        }
        assert_eq!(Status::parse(" In Progress "), Some(Status::InProgress));
        assert_eq!(Status::parse("在建"), Some(Status::InProgress));
        assert_eq!(Status::parse("done"), None);
        for s in Stage::ALL {
            for name in [s.code(), s.words().en, s.words().zh] {
                assert_eq!(Stage::parse(name), Some(s), "{name}");
            }
        }
        assert_eq!(Stage::parse("estimated"), None);
    }
}
