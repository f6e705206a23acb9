//! Writes the plan's categories and projects into a new ledger, inside the transaction
//! that creates the schema, as the journal's first record: each project gets its
//! identity row, a first version (stage 估算, effective on the plan's issue date) and a
//! history record saying where it came from.

use super::aggregates::Deltas;
use super::chain::{Field, Journal, Table};
use super::write::{history_fields, insert_version, Stamp, VersionRow};
use crate::domain::project::{Project, Stage, Status};
use crate::error::Result;
use crate::ops::SYSTEM_ACTOR;
use crate::seed::{Seed, PLAN_DATE};
use rusqlite::Transaction;

pub fn insert(tx: &Transaction<'_>, seed: &Seed, recorded_at: &str) -> Result<()> {
    let stamp = Stamp {
        actor: SYSTEM_ACTOR.to_string(),
        recorded_at: recorded_at.to_string(),
        proof: super::write::Proof::None,
    };
    let mut journal = Journal::begin(tx, &stamp.recorded_at, &stamp.actor)?;
    let mut aggregates = Deltas::default();
    journal.name_action("seed");
    for c in &seed.categories {
        journal.insert(
            tx,
            Table::Category,
            &[
                Field::Int(i64::from(c.table)),
                Field::Text(&c.name),
                Field::Text(&c.name_en),
                Field::Int(c.stated_total.yuan()),
            ],
        )?;
    }
    for p in &seed.projects {
        journal.insert(
            tx,
            Table::Project,
            &[Field::Text(&p.id), Field::Int(i64::from(p.no))],
        )?;
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
            &mut journal,
            &mut aggregates,
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
        journal.insert(tx, Table::History, &fields)?;
    }
    aggregates.flush(tx)?;
    journal.finish(tx)?;
    Ok(())
}
