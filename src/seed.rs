//! The plan's six appendix tables, embedded in the binary from `seed/*.csv` so that an
//! installed `ecoledger` seeds a new ledger without the source tree. This module only
//! reads and checks the CSV text; `store::seed` writes the result into SQLite.
//!
//! The plan's indicator table (表2-1: 38 indicators and 7 basic conditions) is embedded
//! the same way (`seed/indicators.csv`, `seed/conditions.csv`) but never copied into a
//! ledger: it is the plan's, fixed, and [`indicators`] reads it from the binary.

use crate::domain::category::Category;
use crate::domain::indicator::{Condition, Criterion, Indicator, Row, Scoring};
use crate::domain::project::appendix_id;
use crate::domain::{Money, Schedule};
use crate::error::{Error, Result};
use crate::i18n::{msg, Localize, Text};

const TABLES_CSV: &str = include_str!("../seed/tables.csv");
const PROJECT_CSVS: [&str; 6] = [
    include_str!("../seed/A1.csv"),
    include_str!("../seed/A2.csv"),
    include_str!("../seed/A3.csv"),
    include_str!("../seed/A4.csv"),
    include_str!("../seed/A5.csv"),
    include_str!("../seed/A6.csv"),
];

const INDICATORS_CSV: &str = include_str!("../seed/indicators.csv");
const CONDITIONS_CSV: &str = include_str!("../seed/conditions.csv");

/// The day the plan was issued (印发), the effective date of every seeded figure.
pub const PLAN_DATE: &str = "2022-10-18";

/// One appendix project as the plan states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedProject {
    pub id: String,
    pub table: u8,
    pub no: u32,
    pub group: String,
    pub description: String,
    pub estimate: Money,
    pub schedule: Schedule,
    pub departments: Vec<String>,
}

/// Everything the plan gives: the six categories and their 68 projects.
#[derive(Clone, Debug)]
pub struct Seed {
    pub categories: Vec<Category>,
    pub projects: Vec<SeedProject>,
}

fn bad(file: &str, line: u64, problem: impl Localize) -> Error {
    let (en, zh) = problem.both();
    Error::Seed {
        place: format!("{file}:{line}"),
        problem: Text::new(en, zh),
    }
}

fn records(file: &str, text: &str) -> Result<Vec<(u64, csv::StringRecord)>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let rec = r.map_err(|e| bad(file, 0, e.to_string()))?;
            let line = rec.position().map_or(0, |p| p.line());
            Ok((line, rec))
        })
        .collect()
}

/// Reads and checks the embedded tables.
pub fn load() -> Result<Seed> {
    let mut categories = Vec::new();
    for (line, r) in records("tables.csv", TABLES_CSV)? {
        let field = |i: usize| r.get(i).unwrap_or("").to_string();
        let table: u8 = field(0)
            .parse()
            .map_err(|e: std::num::ParseIntError| bad("tables.csv", line, e.to_string()))?;
        let stated_total =
            Money::parse_wan(&field(3)).map_err(|e| bad("tables.csv", line, Text::from(e)))?;
        categories.push(Category {
            table,
            name: field(1),
            name_en: field(2),
            stated_total,
        });
    }
    let mut projects = Vec::new();
    for (i, text) in PROJECT_CSVS.iter().enumerate() {
        let table = (i + 1) as u8;
        let file = format!("A{table}.csv");
        for (line, r) in records(&file, text)? {
            let field = |i: usize| r.get(i).unwrap_or("").trim().to_string();
            let no: u32 = field(0)
                .parse()
                .map_err(|e: std::num::ParseIntError| bad(&file, line, e.to_string()))?;
            let group = field(1);
            if group.is_empty() {
                return Err(bad(&file, line, msg::seed_empty_group()));
            }
            projects.push(SeedProject {
                id: appendix_id(table, no),
                table,
                no,
                group,
                description: field(2),
                estimate: Money::parse_wan(&field(3))
                    .map_err(|e| bad(&file, line, Text::from(e)))?,
                schedule: Schedule::parse(&field(4))
                    .map_err(|e| bad(&file, line, Text::from(e)))?,
                departments: field(5).split('、').map(|d| d.trim().to_string()).collect(),
            });
        }
    }
    Ok(Seed {
        categories,
        projects,
    })
}

/// The plan's indicator table: the 38 scored indicators and the 7 basic conditions.
#[derive(Clone, Debug)]
pub struct IndicatorTable {
    pub indicators: Vec<Indicator>,
    pub conditions: Vec<Condition>,
}

impl IndicatorTable {
    pub fn indicator(&self, no: u32) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.no == no)
    }

    pub fn condition(&self, no: u32) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.no == no)
    }
}

fn split_departments(cell: &str) -> Vec<String> {
    cell.split('、')
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

/// Reads and checks the embedded indicator table (表2-1).
pub fn indicators() -> Result<IndicatorTable> {
    let file = "indicators.csv";
    let mut indicators: Vec<Indicator> = Vec::new();
    for (line, r) in records(file, INDICATORS_CSV)? {
        // Cells are verbatim: only the numbers are trimmed.
        let field = |i: usize| r.get(i).unwrap_or("").to_string();
        let number = |i: usize| -> Result<u32> {
            field(i)
                .trim()
                .parse()
                .map_err(|e: std::num::ParseIntError| bad(file, line, e.to_string()))
        };
        let no = number(0)?;
        let part = number(1)?;
        let row = Row {
            part,
            unit: field(6),
            criterion_text: field(7),
            criterion: Criterion::parse(&field(7)),
            points: number(8)?,
            value_2021: field(9),
            target_2023: field(11),
            target_2025: field(12),
            departments: split_departments(&field(13)),
            remark: field(14),
        };
        let scoring = Scoring::parse(&field(15))
            .ok_or_else(|| bad(file, line, format!("scoring {:?}", field(15))))?;
        match indicators.last_mut() {
            Some(last) if last.no == no => {
                if part != last.rows.len() as u32 + 1 || scoring != last.scoring {
                    return Err(bad(file, line, format!("part {part} of {no}")));
                }
                last.rows.push(row);
            }
            _ => {
                if part != 1 || no != indicators.len() as u32 + 1 {
                    return Err(bad(file, line, format!("indicator {no} part {part}")));
                }
                indicators.push(Indicator {
                    no,
                    field: field(2),
                    name: field(3),
                    sub_items: field(4)
                        .lines()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect(),
                    qualifier: field(5),
                    scoring,
                    rows: vec![row],
                    points_2021: number(10)?,
                });
            }
        }
    }
    let mut conditions = Vec::new();
    let file = "conditions.csv";
    for (line, r) in records(file, CONDITIONS_CSV)? {
        let field = |i: usize| r.get(i).unwrap_or("").to_string();
        let no: u32 = field(0)
            .trim()
            .parse()
            .map_err(|e: std::num::ParseIntError| bad(file, line, e.to_string()))?;
        let met_2021 = match field(6).as_str() {
            "满足" => true,
            "暂不满足" => false,
            other => return Err(bad(file, line, format!("status {other:?}"))),
        };
        conditions.push(Condition {
            no,
            text: field(1),
            value_2021: field(2),
            target_2023: field(3),
            target_2025: field(4),
            departments: split_departments(&field(5)),
            met_2021,
        });
    }
    Ok(IndicatorTable {
        indicators,
        conditions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_tables_hold_the_plan() {
        let seed = load().unwrap();
        assert_eq!(seed.categories.len(), 6);
        assert_eq!(seed.projects.len(), 68);
        for c in &seed.categories {
            let sum: Money = seed
                .projects
                .iter()
                .filter(|p| p.table == c.table)
                .map(|p| p.estimate)
                .sum();
            assert_eq!(sum, c.stated_total, "table {}", c.table);
        }
        let a504 = seed.projects.iter().find(|p| p.id == "A5-04").unwrap();
        assert_eq!(a504.group, "渝西水资源配置工程");
        assert_eq!(a504.estimate, Money::parse_wan("334000").unwrap());
        assert_eq!(a504.departments, ["区水利局"]);
        // Blank group cells continue the group above (merged cells).
        let a111 = seed.projects.iter().find(|p| p.id == "A1-11").unwrap();
        assert_eq!(a111.group, "水生态修复");
    }
}
