//! The plan's six appendix tables, embedded in the binary from `seed/*.csv` so that an
//! installed `ecoledger` seeds a new ledger without the source tree. This module only
//! reads and checks the CSV text; `store::seed` writes the result into SQLite.

use crate::domain::category::Category;
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
