//! The history's vocabulary: the codes its `action` and `field` columns hold, with their
//! labels in both languages, and the reasons the program itself records (the seed, an
//! import without `--reason`, an upgrade), which people read in their language. The
//! ledger keeps the codes and the recorded text; CSV and JSON show them as stored, the
//! table, workbook and HTML views the labels.

use crate::i18n::{msg, Text, Words};

const fn w(en: &'static str, zh: &'static str) -> Words {
    Words { en, zh }
}

/// Every action a history record may carry: its code and label.
pub const ACTIONS: [(&str, Words); 24] = [
    ("seed", w("seeded from the plan", "规划初始化")),
    ("add", w("added", "新增")),
    ("import", w("imported", "导入")),
    ("start", w("started", "开工")),
    ("complete", w("completed", "完成")),
    ("suspend", w("suspended", "暂停")),
    ("resume", w("resumed", "恢复")),
    ("cancel", w("cancelled", "终止")),
    ("reopen", w("reopened", "重新启用")),
    ("estimate", w("estimate revised", "调整投资估算")),
    ("reschedule", w("rescheduled", "调整实施周期")),
    ("plan", w("annual plan set", "设定分年度计划")),
    ("edit", w("edited", "修改")),
    ("upgrade", w("schema upgraded", "升级数据库")),
    ("config", w("setting changed", "修改设置")),
    ("measure", w("indicator value recorded", "录入指标值")),
    ("link", w("linked to an indicator", "关联指标")),
    ("unlink", w("unlinked from an indicator", "取消关联指标")),
    ("user-add", w("user added", "新增用户")),
    ("user-passwd", w("password changed", "修改密码")),
    ("user-roles", w("roles changed", "修改角色")),
    ("user-disable", w("user disabled", "停用用户")),
    ("approve", w("payment approved", "复核通过")),
    ("reject", w("payment rejected", "复核退回")),
];

/// Every field a history record may name: its code and label.
pub const FIELDS: [(&str, Words); 14] = [
    ("category", w("category", "类别")),
    ("group", w("project group", "项目名称")),
    (
        "description",
        w("description and scale", "主要建设内容及规模"),
    ),
    ("estimate_wan", w("estimate (10k CNY)", "投资估算（万元）")),
    ("stage", w("cost stage", "造价阶段")),
    ("schedule", w("schedule", "实施周期")),
    ("departments", w("lead department(s)", "牵头部门")),
    ("status", w("status", "状态")),
    ("plan", w("annual investment plan", "分年度投资计划")),
    ("project", w("project", "项目")),
    ("schema", w("schema version", "数据库版本")),
    ("indicator", w("indicator", "指标")),
    ("user", w("user", "用户")),
    ("payment", w("pending payment", "待复核支出")),
];

/// The label of action `code`; none for a code this release does not know.
pub fn action_words(code: &str) -> Option<Words> {
    ACTIONS.iter().find(|(c, _)| *c == code).map(|(_, w)| *w)
}

/// The label of field `code`; none for a code this release does not know.
pub fn field_words(code: &str) -> Option<Words> {
    FIELDS.iter().find(|(c, _)| *c == code).map(|(_, w)| *w)
}

/// The action code `text` names: the code itself, its English or its Chinese label.
pub fn parse_action(text: &str) -> Option<&'static str> {
    let t = text.trim();
    ACTIONS
        .iter()
        .find(|(code, w)| code.eq_ignore_ascii_case(t) || w.en.eq_ignore_ascii_case(t) || w.zh == t)
        .map(|(code, _)| *code)
}

/// What a reason the program recorded says, in both languages; none for a person's own
/// reason (kept as written).
pub fn system_reason(stored: &str) -> Option<Text> {
    if let Some(rest) = stored.strip_prefix("seeded from the plan, 附表") {
        let (table, no) = rest.split_once(" no. ")?;
        return Some(msg::reason_seeded(table, no));
    }
    if let Some(file) = stored.strip_prefix("imported from ") {
        return Some(msg::reason_imported(file));
    }
    match stored {
        "upgraded from schema version 1" => Some(msg::reason_upgraded_v1()),
        "tamper evidence over every record: the old history and spending chains were verified, then every table was chained in one journal" => {
            Some(msg::reason_upgraded_journal())
        }
        _ => None,
    }
}

/// The reason an import without `--reason` records (read back by [`system_reason`]).
pub fn imported_from(file: &str) -> String {
    format!("imported from {file}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn actions_are_named_by_code_or_either_label() {
        for (code, w) in ACTIONS {
            for name in [code, w.en, w.zh] {
                assert_eq!(parse_action(name), Some(code), "{name}");
            }
        }
        assert_eq!(parse_action("Estimate Revised"), Some("estimate"));
        assert_eq!(parse_action("unknown"), None);
    }

    #[test]
    fn the_programs_own_reasons_read_in_both_languages() {
        let seeded = system_reason("seeded from the plan, 附表5 no. 4").unwrap();
        assert_eq!(
            seeded.get(Lang::En),
            "seeded from the plan, appendix table 5 no. 4"
        );
        assert_eq!(seeded.get(Lang::Zh), "据规划附表5第4项初始化");
        let imported = system_reason(&imported_from("储备项目.csv")).unwrap();
        assert_eq!(imported.get(Lang::Zh), "从 储备项目.csv 导入");
        assert_eq!(system_reason("征地未完成"), None);
    }
}
