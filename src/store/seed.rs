//! Writes the plan's categories, departments and projects into a new ledger, inside the
//! transaction that creates the schema.

use crate::error::Result;
use crate::seed::Seed;
use rusqlite::{params, Transaction};

pub fn insert(tx: &Transaction<'_>, seed: &Seed) -> Result<()> {
    let mut category = tx.prepare(
        "INSERT INTO category (table_no, name, name_en, stated_total_yuan) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &seed.categories {
        category.execute(params![c.table, c.name, c.name_en, c.stated_total.yuan()])?;
    }
    let mut project = tx.prepare(
        "INSERT INTO project (id, table_no, no, group_name, description, estimate_yuan, start_year, end_year)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut department =
        tx.prepare("INSERT INTO department (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?;
    let mut department_id = tx.prepare("SELECT id FROM department WHERE name = ?1")?;
    let mut lead = tx.prepare(
        "INSERT INTO project_department (project_id, position, department_id) VALUES (?1, ?2, ?3)",
    )?;
    for p in &seed.projects {
        project.execute(params![
            p.id,
            p.table,
            p.no,
            p.group,
            p.description,
            p.estimate.yuan(),
            p.schedule.start,
            p.schedule.end
        ])?;
        for (position, name) in p.departments.iter().enumerate() {
            department.execute([name])?;
            let id: i64 = department_id.query_row([name], |r| r.get(0))?;
            lead.execute(params![p.id, position as i64, id])?;
        }
    }
    Ok(())
}
