//! The indicator table embedded in the binary (`seed/indicators.csv`,
//! `seed/conditions.csv`) against the plan itself: this test reads 表2-1 from the plan's
//! text (`seed/yongchuan-eco-plan.txt`, a copy of the shared document), parses its rows on its own, and
//! compares every cell with the seed data, so a typo in either fails. It also checks the
//! plan's own sums: 87 points in 2021 out of 100, 表2-2's scored and unscored
//! indicators, and 表2-3's expected (8 points) and difficult (5 points) ones.

use ecoledger::domain::indicator::{Difficulty, Scoring};
use ecoledger::seed::{indicators, IndicatorTable};
use std::collections::BTreeMap;

fn plan_text() -> String {
    // The plan's text is kept in the repository (`seed/`), byte for byte the document the
    // ledger is seeded from, so a clean checkout can check the seed on its own.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seed/yongchuan-eco-plan.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the plan's text is needed at {} to check the seed data: {e}",
            path.display()
        )
    })
}

/// Where the shared document sits beside the project (as it does where the project is
/// developed), the repository's copy is that document exactly.
#[test]
fn the_repositorys_plan_text_is_the_shared_document() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/yongchuan-eco-plan.txt");
    if let Ok(original) = std::fs::read(&shared) {
        assert!(
            original == plan_text().into_bytes(),
            "seed/yongchuan-eco-plan.txt differs from {}",
            shared.display()
        );
    }
}

/// The rows of 表2-1 as the text holds them: a row starts after a blank line, each cell
/// is a line starting with a tab, and a line without one continues the cell before.
fn table_2_1(text: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("表2-1"))
        .expect("表2-1 in the plan");
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for l in &lines[start + 1..] {
        if l.is_empty() {
            if !cur.is_empty() {
                rows.push(std::mem::take(&mut cur));
            }
        } else if let Some(cell) = l.strip_prefix('\t') {
            cur.push(cell.to_string());
        } else if let Some(last) = cur.last_mut() {
            last.push('\n');
            last.push_str(l);
        } else {
            break;
        }
    }
    if !cur.is_empty() {
        rows.push(cur);
    }
    // The header row, then the rows up to 合计得分.
    rows.into_iter()
        .skip(1)
        .take_while(|r| r.first().map(String::as_str) != Some("合计得分"))
        .collect()
}

/// One document row of an indicator, merged cells resolved: a blank field, number,
/// name, unit, department or remark cell continues the one above.
#[derive(Debug, Default, Clone, PartialEq)]
struct DocRow {
    no: u32,
    field: String,
    name: String,
    qualifier: String,
    unit: String,
    criterion: String,
    points: u32,
    value_2021: String,
    score_2021: Option<u32>,
    target_2023: String,
    target_2025: String,
    departments: Vec<String>,
    remark: String,
}

fn departments(cell: &str) -> Vec<String> {
    cell.split('、')
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_rows(rows: &[Vec<String>]) -> (Vec<Vec<String>>, Vec<DocRow>) {
    let mut conditions = Vec::new();
    let mut out: Vec<DocRow> = Vec::new();
    let mut above = DocRow::default();
    for r in rows {
        match r.len() {
            10 => conditions.push(r.clone()),
            12 | 13 => {
                // Indicator 11 has a qualifier cell beside its name (13 cells).
                let mut c = r.clone();
                if c.len() == 12 {
                    c.insert(3, String::new());
                }
                let fill = |cell: &str, prev: &str| {
                    if cell.is_empty() {
                        prev.to_string()
                    } else {
                        cell.to_string()
                    }
                };
                let new_indicator = !c[1].is_empty();
                let row = DocRow {
                    no: if new_indicator {
                        c[1].parse().expect("序号")
                    } else {
                        above.no
                    },
                    field: fill(&c[0].replace('\n', ""), &above.field),
                    name: fill(&c[2], &above.name),
                    qualifier: if new_indicator {
                        c[3].clone()
                    } else {
                        fill(&c[3], &above.qualifier)
                    },
                    unit: fill(&c[4], &above.unit),
                    criterion: c[5].clone(),
                    points: c[7].parse().expect("分值"),
                    value_2021: c[6].clone(),
                    score_2021: c[8].parse().ok(),
                    target_2023: c[9].clone(),
                    target_2025: c[10].clone(),
                    departments: if c[11].is_empty() {
                        above.departments.clone()
                    } else {
                        departments(&c[11])
                    },
                    remark: fill(&c[12], &above.remark),
                };
                above = row.clone();
                out.push(row);
            }
            n => panic!("a row of {n} cells in 表2-1: {r:?}"),
        }
    }
    (conditions, out)
}

fn seed() -> IndicatorTable {
    indicators().expect("the embedded indicator table loads")
}

#[test]
fn every_indicator_row_matches_the_plan_cell_by_cell() {
    let text = plan_text();
    let (_, doc) = parse_rows(&table_2_1(&text));
    let table = seed();
    assert_eq!(table.indicators.len(), 38);
    let mut by_no: BTreeMap<u32, Vec<&DocRow>> = BTreeMap::new();
    for r in &doc {
        by_no.entry(r.no).or_default().push(r);
    }
    assert_eq!(by_no.len(), 38, "38 indicators in the plan");
    for ind in &table.indicators {
        let rows = &by_no[&ind.no];
        assert_eq!(rows.len(), ind.rows.len(), "indicator {} rows", ind.no);
        let first = rows[0];
        let mut name_lines = first.name.lines();
        assert_eq!(ind.name, name_lines.next().unwrap_or(""), "{}", ind.no);
        let subs: Vec<String> = name_lines.map(str::to_string).collect();
        assert_eq!(ind.sub_items, subs, "indicator {} sub-items", ind.no);
        assert_eq!(ind.field, first.field, "indicator {} field", ind.no);
        assert_eq!(ind.qualifier, first.qualifier, "indicator {}", ind.no);
        assert_eq!(
            Some(ind.points_2021),
            first.score_2021,
            "indicator {} 评分",
            ind.no
        );
        // Parts when every row has its own 2021 value; tiers otherwise.
        let parts = rows.len() > 1 && rows.iter().all(|r| !r.value_2021.is_empty());
        let expected = if parts {
            Scoring::Parts
        } else {
            Scoring::Tiers
        };
        assert_eq!(ind.scoring, expected, "indicator {} scoring", ind.no);
        for (row, d) in ind.rows.iter().zip(rows) {
            let at = format!("{}.{}", ind.no, row.part);
            assert_eq!(row.unit, d.unit, "{at} unit");
            assert_eq!(row.criterion_text, d.criterion, "{at} criterion");
            assert_eq!(row.points, d.points, "{at} 分值");
            assert_eq!(row.value_2021, d.value_2021, "{at} 2021");
            assert_eq!(row.target_2023, d.target_2023, "{at} 2023");
            assert_eq!(row.target_2025, d.target_2025, "{at} 2025");
            assert_eq!(row.departments, d.departments, "{at} 责任单位");
            assert_eq!(row.remark, d.remark, "{at} 备注");
        }
    }
}

#[test]
fn every_basic_condition_matches_the_plan() {
    let text = plan_text();
    let (conditions, _) = parse_rows(&table_2_1(&text));
    let table = seed();
    assert_eq!(conditions.len(), 7);
    assert_eq!(table.conditions.len(), 7);
    for (c, d) in table.conditions.iter().zip(&conditions) {
        assert_eq!(d[0], if c.no == 1 { "基本条件" } else { "" });
        assert_eq!(c.text, d[2], "C{}", c.no);
        assert_eq!(c.value_2021, d[3], "C{}", c.no);
        assert_eq!(c.target_2023, d[6], "C{}", c.no);
        assert_eq!(c.target_2025, d[7], "C{}", c.no);
        assert_eq!(c.departments, departments(&d[8]), "C{}", c.no);
        let status = if c.met_2021 { "满足" } else { "暂不满足" };
        assert_eq!(status, d[9], "C{}", c.no);
    }
    // Only the first is unmet in 2021: the plan was not yet issued.
    let unmet: Vec<u32> = table
        .conditions
        .iter()
        .filter(|c| !c.met_2021)
        .map(|c| c.no)
        .collect();
    assert_eq!(unmet, [1]);
}

#[test]
fn the_2021_points_add_up_to_87_of_100() {
    let text = plan_text();
    let table = seed();
    let scored: u32 = table.indicators.iter().map(|i| i.points_2021).sum();
    let max: u32 = table.indicators.iter().map(|i| i.max_points()).sum();
    assert_eq!(scored, 87);
    assert_eq!(max, 100);
    // The table's own 合计得分 row says 87.
    assert!(
        text.contains("合计得分\n\t\n\t87\n"),
        "合计得分 87 in 表2-1"
    );
}

/// `指标N：…（P分）` entries of a section of the text, as (N, P).
fn entries(section: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for piece in section.split("指标").skip(1) {
        let Some((no, rest)) = piece.split_once('：') else {
            continue;
        };
        let Ok(no) = no.parse::<u32>() else { continue };
        let points = rest
            .rsplit_once("分）")
            .and_then(|(before, _)| before.rsplit_once('（'))
            .and_then(|(_, p)| p.parse::<u32>().ok())
            .expect("（P分）");
        out.push((no, points));
    }
    out
}

fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).expect(from) + from.len();
    let end = text[start..].find(to).expect(to) + start;
    &text[start..end]
}

#[test]
fn the_scored_and_unscored_indicators_reproduce_table_2_2() {
    let text = plan_text();
    let table = seed();
    let t22 = between(&text, "表2-2", "（三）达标难易情况");
    let scored = entries(between(t22, "已得分指标（87分）", "未得分指标"));
    let unscored = entries(t22.split("未得分指标").nth(1).expect("未得分指标"));
    let ours_scored: Vec<(u32, u32)> = table
        .indicators
        .iter()
        .filter(|i| i.points_2021 > 0)
        .map(|i| (i.no, i.points_2021))
        .collect();
    let ours_unscored: Vec<(u32, u32)> = table
        .indicators
        .iter()
        .filter(|i| i.missing_2021() > 0)
        .map(|i| (i.no, i.missing_2021()))
        .collect();
    assert_eq!(ours_scored, scored);
    assert_eq!(ours_unscored, unscored);
    assert_eq!(scored.iter().map(|e| e.1).sum::<u32>(), 87);
    assert_eq!(unscored.iter().map(|e| e.1).sum::<u32>(), 13);
    // The figures reconcile states are the plan's own.
    use ecoledger::domain::indicator as ind;
    assert!(t22.contains(&format!("已得分指标（{}分）", ind::STATED_POINTS_2021)));
    assert!(t22.contains(&format!("未得分指标\n（{}分）", ind::STATED_UNSCORED)));
    assert!(text.contains(&format!("预期得分指标（{}分）", ind::STATED_EXPECTED)));
    assert!(text.contains(&format!("重难点指标（{}分）", ind::STATED_DIFFICULT)));
    assert_eq!(ind::STATED_MAX_POINTS, 100);
}

#[test]
fn the_expected_and_difficult_indicators_reproduce_table_2_3() {
    let text = plan_text();
    let table = seed();
    let t23 = between(&text, "表2-3", "全区有4项指标");
    let expected = entries(between(t23, "预期得分指标（8分）", "重难点指标"));
    let difficult = entries(t23.split("重难点指标（5分）").nth(1).expect("重难点"));
    let ours = |d: Difficulty| -> Vec<(u32, u32)> {
        table
            .indicators
            .iter()
            .filter(|i| i.difficulty() == Some(d))
            .map(|i| (i.no, i.missing_2021()))
            .collect()
    };
    assert_eq!(ours(Difficulty::Expected), expected);
    assert_eq!(ours(Difficulty::Difficult), difficult);
    assert_eq!(expected.iter().map(|e| e.1).sum::<u32>(), 8);
    assert_eq!(difficult.iter().map(|e| e.1).sum::<u32>(), 5);
}

/// Where a 2021 value is a plain number, judging it by the parsed tiers gives the
/// points the plan gave it: the parse of `≥ ≤ ＞` agrees with the plan's own scoring.
#[test]
fn judging_the_plain_2021_values_gives_the_plans_points() {
    use ecoledger::domain::indicator::{judge, Value};
    let table = seed();
    let mut checked = 0;
    for ind in table
        .indicators
        .iter()
        .filter(|i| i.scoring == Scoring::Tiers)
    {
        let Some(value) = ind
            .rows
            .iter()
            .map(|r| Value::new(&r.value_2021, None))
            .find(|v| v.number.is_some())
        else {
            continue;
        };
        let rows: Vec<_> = ind.rows.iter().collect();
        assert_eq!(
            judge(&rows, &value).points,
            ind.points_2021,
            "indicator {} value {}",
            ind.no,
            value.text
        );
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");
}
