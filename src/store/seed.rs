//! Writes the plan's categories and projects into a new ledger, inside the transaction
//! that creates the schema: each project gets its identity row, a first version (stage
//! 估算, effective on the plan's issue date) and a history record saying where it came
//! from.

use super::chain::{self, Chain, Hasher, Head};
use super::write::{history_fields, insert_version, Stamp, VersionRow};
use crate::domain::project::{Project, Stage, Status};
use crate::error::Result;
use crate::seed::{Seed, PLAN_DATE};
use rusqlite::{params, Transaction};

pub fn insert(tx: &Transaction<'_>, seed: &Seed, recorded_at: &str) -> Result<()> {
    let mut category = tx.prepare(
        "INSERT INTO category (table_no, name, name_en, stated_total_yuan) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &seed.categories {
        category.execute(params![c.table, c.name, c.name_en, c.stated_total.yuan()])?;
    }
    let mut project = tx.prepare("INSERT INTO project (id, no) VALUES (?1, ?2)")?;
    let stamp = Stamp {
        actor: "ecoledger".to_string(),
        recorded_at: recorded_at.to_string(),
    };
    let mut head = Head::default();
    let mut hasher = Hasher::default();
    for p in &seed.projects {
        project.execute(params![p.id, p.no])?;
        let state = Project {
            id: p.id.clone(),
            table: p.table,
            category: String::new(),
            category_en: String::new(),
            group: p.group.clone(),
            description: p.description.clone(),
            estimate: p.estimate,
            schedule: p.schedule,
            departments: p.departments.clone(),
            status: Status::Planned,
            stage: Stage::Estimate,
            has_plan: false,
        };
        let version = insert_version(
            tx,
            &VersionRow {
                project: &state,
                plan: &[],
                effective_date: PLAN_DATE,
                change: "seed",
            },
        )?;
        let reason = format!("seeded from the plan, 附表{} no. {}", p.table, p.no);
        let estimate = p.estimate.plain();
        let fields = history_fields(
            &stamp,
            PLAN_DATE,
            Some(&p.id),
            "seed",
            "estimate_wan",
            None,
            Some(&estimate),
            (Some(&reason), None),
            Some(version),
        );
        chain::append(tx, Chain::History, &mut head, &mut hasher, &fields)?;
    }
    Ok(())
}
