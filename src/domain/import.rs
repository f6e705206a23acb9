//! Files as finance systems and Excel write them. Which column is which: a table of
//! header aliases in Chinese and English (case, full-/half-width and spaces ignored),
//! the user's own `--map HEADER=field`, columns to `--ignore-column`. And values as
//! people write them: dates like `2024/4/2` or `2024年4月2日`, amounts with thousands
//! separators, full-width digits or a `¥`, in 元 or 万元.
//!
//! Money is never guessed: an amount column whose header does not give its unit needs
//! `--unit yuan|wan`, a value finer than the 分 is refused, and so is an ambiguous form
//! (`4/2/2024`, `2,5`).

use super::date::{format_date, parse_date};
use super::money::{Money, MoneyError, FEN_PER_YUAN, MAX_WAN};
use crate::i18n::{msg, Text};
use chrono::NaiveDate;

/// What is imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Spending,
    Projects,
}

/// The unit of an amount column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Unit {
    // 元 (up to two decimals: 分).
    Yuan,
    // 万元.
    Wan,
}

/// A field an import reads, with the headers that name it.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// The field's name (also its machine header).
    pub name: &'static str,
    pub required: bool,
    /// Headers that name it, as written (compared normalised).
    pub aliases: &'static [&'static str],
    /// The unit an amount header gives (`金额（元）`), if it is an amount.
    pub unit: Option<Unit>,
}

const fn field(name: &'static str, required: bool, aliases: &'static [&'static str]) -> FieldSpec {
    FieldSpec {
        name,
        required,
        aliases,
        unit: None,
    }
}

const fn amount(
    name: &'static str,
    unit: Option<Unit>,
    aliases: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        name,
        required: false,
        aliases,
        unit,
    }
}

/// A payment file's fields. The three amount fields are one field in three units: a
/// file has exactly one of them.
pub const SPENDING_FIELDS: [FieldSpec; 10] = [
    field(
        "project_id",
        true,
        &[
            "project_id",
            "project",
            "id",
            "项目编号",
            "项目代码",
            "项目id",
            "项目号",
            "编号",
        ],
    ),
    field(
        "date",
        true,
        &[
            "date",
            "日期",
            "支付日期",
            "付款日期",
            "记账日期",
            "拨付日期",
            "支出日期",
            "业务日期",
        ],
    ),
    amount(
        "amount_wan",
        Some(Unit::Wan),
        &[
            "amount_wan",
            "amount (10k cny)",
            "金额(万元)",
            "支付金额(万元)",
            "付款金额(万元)",
            "拨付金额(万元)",
            "支出金额(万元)",
            "金额（万元）",
        ],
    ),
    amount(
        "amount_yuan",
        Some(Unit::Yuan),
        &[
            "amount_yuan",
            "金额(元)",
            "支付金额(元)",
            "付款金额(元)",
            "拨付金额(元)",
            "支出金额(元)",
        ],
    ),
    amount(
        "amount",
        None,
        &[
            "amount",
            "金额",
            "支付金额",
            "付款金额",
            "拨付金额",
            "支出金额",
            "发生额",
        ],
    ),
    field(
        "voucher",
        false,
        &["voucher", "voucher no.", "凭证号", "凭证编号", "凭证字号"],
    ),
    field("note", false, &["note", "摘要", "备注", "用途"]),
    // What `spending list` writes besides, so that a listing re-imports as it was.
    field("entry", false, &["entry", "序号", "记录号", "支出记录"]),
    field(
        "reverses",
        false,
        &["reverses", "reverses entry", "冲销记录"],
    ),
    field("reason", false, &["reason", "原因", "冲销原因"]),
];

/// Columns of a `spending list` that an import reads past (they are made anew).
const SPENDING_DERIVED: [&str; 10] = [
    "kind",
    "reversed_by",
    "reversed by",
    "actor",
    "recorded_at",
    "recorded at",
    "类型",
    "被冲销记录",
    "操作人",
    "操作时间",
];

/// A project file's fields (as `projects export` writes them, and as plans tabulate).
pub const PROJECT_FIELDS: [FieldSpec; 12] = [
    field("id", false, &["id", "项目编号", "编号"]),
    field("table", false, &["table", "附表", "附表号", "表号"]),
    field("category", false, &["category", "类别", "领域", "分类"]),
    field(
        "group",
        true,
        &["group", "project group", "项目名称", "项目组"],
    ),
    field(
        "description",
        true,
        &[
            "description",
            "description and scale",
            "主要建设内容及规模",
            "建设内容及规模",
            "建设内容",
        ],
    ),
    amount(
        "estimate_wan",
        Some(Unit::Wan),
        &[
            "estimate_wan",
            "estimate (10k cny)",
            "投资估算(万元)",
            "估算(万元)",
            "投资(万元)",
            "总投资(万元)",
        ],
    ),
    amount(
        "estimate_yuan",
        Some(Unit::Yuan),
        &["estimate_yuan", "投资估算(元)", "估算(元)", "总投资(元)"],
    ),
    field(
        "start_year",
        false,
        &["start_year", "start year", "开始年份", "开工年份"],
    ),
    field(
        "end_year",
        false,
        &["end_year", "end year", "结束年份", "完工年份"],
    ),
    field(
        "schedule",
        false,
        &["schedule", "实施周期", "建设周期", "实施年限"],
    ),
    field(
        "departments",
        true,
        &[
            "departments",
            "lead department(s)",
            "牵头部门",
            "责任单位",
            "牵头单位",
        ],
    ),
    field("status", false, &["status", "状态", "项目状态"]),
];

/// Columns of a `projects export` that an import reads past.
const PROJECT_DERIVED: [&str; 4] = ["stage", "阶段", "序号", "no."];

impl Kind {
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::Spending => &SPENDING_FIELDS,
            Kind::Projects => &PROJECT_FIELDS,
        }
    }

    pub fn derived(self) -> &'static [&'static str] {
        match self {
            Kind::Spending => &SPENDING_DERIVED,
            Kind::Projects => &PROJECT_DERIVED,
        }
    }
}

/// A header as compared: full-width letters, digits and signs made half-width, every
/// space dropped, lower case. `金额（万元）`, `金额(万元)` and ` 金额 ( 万元 ) ` are one.
pub fn normalize_header(text: &str) -> String {
    half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Full-width ASCII (U+FF01–U+FF5E) as ASCII, the ideographic space as a space.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

/// How the user adjusts the header mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    /// `HEADER=field`: this header is that field.
    #[serde(default)]
    pub map: Vec<(String, String)>,
    /// Headers to leave out.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// The unit of an amount column whose header does not say it.
    #[serde(default)]
    pub unit: Option<String>,
}

impl Mapping {
    /// As saved in the ledger.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Mapping, Text> {
        serde_json::from_str(text).map_err(|e| Text::data(e.to_string()))
    }

    pub fn unit(&self) -> Option<Unit> {
        match self.unit.as_deref() {
            Some("yuan") => Some(Unit::Yuan),
            Some("wan") => Some(Unit::Wan),
            _ => None,
        }
    }
}

/// The file's columns resolved: for each field of the kind (in [`Kind::fields`] order),
/// the column it is in, if any; and the unit of the amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub index: Vec<Option<usize>>,
    /// The amount's column and unit (spending: one of the three amount fields; projects:
    /// the estimate's).
    pub amount: Option<(usize, Unit)>,
}

impl Resolved {
    /// The column of field `name`.
    pub fn column(&self, kind: Kind, name: &str) -> Option<usize> {
        kind.fields()
            .iter()
            .position(|f| f.name == name)
            .and_then(|i| self.index[i])
    }
}

/// Resolves a file's header to the import's fields. The problem, if any, names the
/// columns and lists what is recognised.
pub fn resolve(kind: Kind, header: &[String], mapping: &Mapping) -> Result<Resolved, Text> {
    let fields = kind.fields();
    let normalized: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    let mut index: Vec<Option<usize>> = vec![None; fields.len()];
    let ignored = |n: &str| mapping.ignore.iter().any(|i| normalize_header(i) == n);
    let mut unexpected = Vec::new();
    for (col, (raw, n)) in header.iter().zip(&normalized).enumerate() {
        if n.is_empty() || ignored(n) {
            continue;
        }
        let mapped = mapping
            .map
            .iter()
            .find(|(h, _)| normalize_header(h) == *n)
            .map(|(_, f)| f.trim().to_string());
        let found = match &mapped {
            Some(name) => match fields.iter().position(|f| f.name == name.as_str()) {
                Some(i) => Some(i),
                None => {
                    return Err(msg::map_not_a_field(
                        format!("{raw}={name}"),
                        name,
                        fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", "),
                    ))
                }
            },
            None => fields
                .iter()
                .position(|f| f.aliases.iter().any(|a| normalize_header(a) == *n)),
        };
        match found {
            Some(i) => {
                if let Some(first) = index[i] {
                    return Err(msg::columns_both_give(&header[first], raw, fields[i].name));
                }
                index[i] = Some(col);
            }
            None if kind.derived().iter().any(|d| normalize_header(d) == *n) => {}
            None => unexpected.push(raw.trim().to_string()),
        }
    }
    if !unexpected.is_empty() {
        return Err(msg::unrecognised_columns(
            Text::list(&unexpected),
            recognised(kind),
        ));
    }
    let missing: Vec<&str> = fields
        .iter()
        .zip(&index)
        .filter(|(f, i)| f.required && i.is_none())
        .map(|(f, _)| f.name)
        .collect();
    if !missing.is_empty() {
        return Err(msg::missing_columns(Text::list(&missing), recognised(kind)));
    }
    // Exactly one amount column, with a known unit.
    let mut amounts: Vec<(usize, &FieldSpec)> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name.starts_with("amount") || f.name.starts_with("estimate"))
        .filter_map(|(i, f)| index[i].map(|c| (c, f)))
        .collect();
    amounts.sort_by_key(|(c, _)| *c);
    let amount = match amounts.as_slice() {
        [] if kind == Kind::Spending => return Err(msg::no_amount_column(recognised(kind))),
        [] => None,
        [(col, f)] => {
            let unit = match (f.unit, mapping.unit()) {
                (Some(u), _) | (None, Some(u)) => u,
                (None, None) => return Err(msg::amount_without_unit(header[*col].trim())),
            };
            Some((*col, unit))
        }
        more => {
            return Err(msg::two_amount_columns(Text::list(
                more.iter().map(|(c, _)| header[*c].trim()),
            )))
        }
    };
    Ok(Resolved { index, amount })
}

/// The recognised headers, briefly: each field with its first Chinese alias.
/// (In Chinese each with its first Chinese header; the user guide lists them all.)
fn recognised(kind: Kind) -> Text {
    Text::list(
        kind.fields()
            .iter()
            .map(|f| match f.aliases.iter().find(|a| !a.is_ascii()) {
                Some(z) => Text::new(f.name, format!("{}（{z}）", f.name)),
                None => Text::data(f.name),
            }),
    )
}

/// A date as people write it: `2024-04-02`, `2024-4-2`, `2024/4/2`, `2024.4.2`,
/// `2024年4月2日`, `20240402`. A form that does not start with the year (`4/2/2024`,
/// `02/04/2024`) is refused: the order of day and month cannot be told.
pub fn parse_date_loose(text: &str) -> Result<NaiveDate, Text> {
    let t = half_width(text.trim());
    let t = t.trim();
    if let Ok(d) = parse_date(t) {
        return Ok(d);
    }
    let bad = || msg::loose_not_a_date(t);
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return parse_date(&format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]))
            .map_err(|_| msg::not_a_calendar_day(t));
    }
    let cleaned = t.replace(['年', '月'], "-").replace('日', "");
    let parts: Vec<&str> = cleaned.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && (1..=2).contains(&m.len())
                && (1..=2).contains(&d.len())
                && [y, m, d]
                    .iter()
                    .all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            parse_date(&format!("{y}-{m:0>2}-{d:0>2}")).map_err(|_| msg::not_a_calendar_day(t))
        }
        [_, _, y] if y.len() == 4 => Err(msg::year_last(t)),
        _ => Err(bad()),
    }
}

/// An amount as people write it, in `unit`: thousands separators (`1,000.00`),
/// full-width digits, a leading `¥`/`￥`. In 元 at most two decimals (分); in 万元 at
/// most six. A comma that is not a thousands separator (`2,5`) is refused: it might be a
/// decimal comma.
pub fn parse_amount(text: &str, unit: Unit) -> Result<Money, Text> {
    let t = half_width(text.trim());
    let mut t: String = t.trim().to_string();
    for sign in ["¥", "￥", "RMB", "CNY"] {
        if let Some(rest) = t.strip_prefix(sign) {
            t = rest.trim().to_string();
        }
    }
    let t = t.replace(' ', "");
    if t.contains(',') {
        let (sign, body) = match t.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", t.as_str()),
        };
        let (int_part, frac) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let groups: Vec<&str> = int_part.split(',').collect();
        let grouped = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !grouped {
            return Err(msg::decimal_comma(text.trim()));
        }
        let joined = groups.concat();
        let plain = match frac {
            Some(f) => format!("{sign}{joined}.{f}"),
            None => format!("{sign}{joined}"),
        };
        return parse_plain(&plain, unit, text);
    }
    parse_plain(&t, unit, text)
}

fn parse_plain(plain: &str, unit: Unit, original: &str) -> Result<Money, Text> {
    match unit {
        Unit::Wan => Money::parse_payment(plain).map_err(|e| match e {
            MoneyError::NotANumber(_) => msg::not_an_amount_wan(original.trim()),
            other => other.into(),
        }),
        Unit::Yuan => {
            let digits = plain.strip_prefix(['-', '+']).unwrap_or(plain);
            let (i, f) = match digits.split_once('.') {
                Some((i, f)) => (i, f),
                None => (digits, ""),
            };
            let ok = !i.is_empty()
                && i.bytes().all(|b| b.is_ascii_digit())
                && f.bytes().all(|b| b.is_ascii_digit())
                && (digits.contains('.') != f.is_empty());
            if !ok {
                return Err(msg::not_an_amount_yuan(original.trim()));
            }
            if f.trim_end_matches('0').len() > 2 {
                return Err(msg::yuan_too_precise(original.trim()));
            }
            let fen = rust_decimal::Decimal::from_str_exact(plain)
                .ok()
                .map(|d| d * rust_decimal::Decimal::from(FEN_PER_YUAN))
                .and_then(|d| i64::try_from(d.normalize()).ok())
                .filter(|f| f.unsigned_abs() <= (MAX_WAN as u64) * 1_000_000)
                .ok_or_else(|| msg::amount_out_of_range(original.trim()))?;
            Ok(Money::from_fen(fen))
        }
    }
}

/// A schedule as plans write it: `2022-2025`, `2022—2025`, `2022~2025`, `2022年-2025年`,
/// `2022至2025年`, or one year (`2024`, `2024年`).
pub fn parse_schedule_loose(text: &str) -> Result<super::Schedule, Text> {
    let t: String = half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '年')
        .map(|c| match c {
            '—' | '–' | '−' | '~' | '～' | '至' | '到' | '－' => '-',
            other => other,
        })
        .collect();
    let t = t.replace("--", "-");
    super::Schedule::parse(&t).map_err(|e| match e {
        super::schedule::ScheduleError::Malformed(_) => msg::loose_not_a_schedule(text.trim()),
        other => other.into(),
    })
}

/// An Excel serial date (days since 1899-12-30, the 1900 date system Excel writes) as a
/// date, if it is one in range.
pub fn excel_serial_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor() as i64;
    base.checked_add_signed(chrono::TimeDelta::days(days))
        .map(format_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn treasury_headers_resolve_in_any_width_and_spacing() {
        let r = resolve(
            Kind::Spending,
            &h(&["项目编号", " 支付日期 ", "金额（元）", "摘要"]),
            &Mapping::default(),
        )
        .unwrap();
        assert_eq!(r.column(Kind::Spending, "project_id"), Some(0));
        assert_eq!(r.column(Kind::Spending, "date"), Some(1));
        assert_eq!(r.amount, Some((2, Unit::Yuan)));
        assert_eq!(r.column(Kind::Spending, "note"), Some(3));
        assert_eq!(r.column(Kind::Spending, "voucher"), None);
        let r = resolve(
            Kind::Spending,
            &h(&["PROJECT_ID", "Date", "金额(万元)", "凭证字号"]),
            &Mapping::default(),
        )
        .unwrap();
        assert_eq!(r.amount, Some((2, Unit::Wan)));
    }

    #[test]
    fn unknown_units_and_columns_are_refused_not_guessed() {
        let e = resolve(
            Kind::Spending,
            &h(&["项目编号", "日期", "金额"]),
            &Mapping::default(),
        )
        .unwrap_err();
        assert!(
            e.en()
                .contains("'金额' is an amount without a unit: give --unit"),
            "{e:?}"
        );
        let with_unit = Mapping {
            unit: Some("yuan".into()),
            ..Default::default()
        };
        let r = resolve(
            Kind::Spending,
            &h(&["项目编号", "日期", "金额"]),
            &with_unit,
        )
        .unwrap();
        assert_eq!(r.amount, Some((2, Unit::Yuan)));
        let e = resolve(
            Kind::Spending,
            &h(&["项目编号", "日期", "金额(元)", "经办人"]),
            &Mapping::default(),
        )
        .unwrap_err();
        assert!(
            e.en()
                .contains("unrecognised column(s) 经办人; recognised: project_id, date,"),
            "{e:?}"
        );
        assert!(
            e.get(crate::i18n::Lang::Zh)
                .contains("无法识别的列：经办人；可识别的有：project_id（项目编号）、date（日期）"),
            "{e:?}"
        );
        let m = Mapping {
            map: vec![("经办人".into(), "note".into())],
            ..Default::default()
        };
        assert!(resolve(
            Kind::Spending,
            &h(&["项目编号", "日期", "金额(元)", "经办人"]),
            &m
        )
        .is_ok());
        let m = Mapping {
            ignore: vec!["经办人".into()],
            ..Default::default()
        };
        assert!(resolve(
            Kind::Spending,
            &h(&["项目编号", "日期", "金额(元)", "经办人"]),
            &m
        )
        .is_ok());
        let e = resolve(
            Kind::Spending,
            &h(&["项目编号", "日期", "金额(元)", "金额(万元)"]),
            &Mapping::default(),
        )
        .unwrap_err();
        assert!(e.en().contains("two amount columns"), "{e:?}");
    }

    #[test]
    fn dates_as_people_write_them() {
        for (text, expected) in [
            ("2024-04-02", "2024-04-02"),
            ("2024/4/2", "2024-04-02"),
            ("2024.4.2", "2024-04-02"),
            ("2024年4月2日", "2024-04-02"),
            ("20240402", "2024-04-02"),
            ("２０２４／４／２", "2024-04-02"),
            ("2024-4-02", "2024-04-02"),
        ] {
            assert_eq!(
                format_date(parse_date_loose(text).unwrap()),
                expected,
                "{text}"
            );
        }
        assert!(parse_date_loose("4/2/2024")
            .unwrap_err()
            .en()
            .contains("puts the year last"));
        // Three numbers without a four-digit year anywhere are no date at all.
        for text in ["1/2/3", "24/4/2", "4/2/24"] {
            let e = parse_date_loose(text).unwrap_err().en().to_string();
            assert!(e.contains("is not a date"), "{text}: {e}");
        }
        assert!(parse_date_loose("2024/2/30").is_err());
        assert!(parse_date_loose("2024/13/1").is_err());
        assert!(parse_date_loose("yesterday").is_err());
        assert_eq!(excel_serial_date(45384.0).as_deref(), Some("2024-04-02"));
    }

    #[test]
    fn amounts_as_people_write_them() {
        let yuan = |t: &str| parse_amount(t, Unit::Yuan).map(|m| m.fen());
        assert_eq!(yuan("1,000.00"), Ok(100_000));
        // A trailing or leading point, or a letter, is no amount.
        for bad in ["1.", ".5", "12a", "1.2.3", "-", "1.5x"] {
            assert!(yuan(bad).is_err(), "{bad}");
        }
        assert_eq!(yuan("¥1,234,567.89"), Ok(123_456_789));
        assert_eq!(yuan("￥ 12.5"), Ok(1_250));
        assert_eq!(yuan("１２３４．５６"), Ok(123_456));
        assert!(yuan("12.345")
            .unwrap_err()
            .en()
            .contains("more than 2 decimals of yuan"));
        assert!(yuan("2,5").unwrap_err().en().contains("decimal comma"));
        assert!(yuan("1,00").unwrap_err().en().contains("decimal comma"));
        assert!(yuan("abc").is_err());
        let wan = |t: &str| parse_amount(t, Unit::Wan).map(|m| m.fen());
        assert_eq!(wan("1,200.5"), Ok(1_200_500_000));
        assert_eq!(wan("0.000001"), Ok(1));
        assert!(wan("0.0000001").is_err());
    }
}
