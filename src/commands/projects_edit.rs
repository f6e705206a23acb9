//! `ecoledger projects edit ID`: change a project's descriptive fields — category, group,
//! description, lead departments. Figures change through `estimate`, `reschedule` and
//! `plan`, which keep their own rules.

use super::projects_add::{departments, name_field, text_field};
use super::{check_not_before, optional_text, resolve_category, Context, Outcome, WriteArgs};
use crate::domain::project::normalize_id;
use crate::error::{Error, Result};
use crate::store::write::{Change, FieldChange};

/// Edit a project's descriptive fields.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger projects edit A2-06 --description \"优化调整自然保护地，开展自然保护地勘界定标工作。\"
  ecoledger projects edit N0001 --department 区住房城乡建委 --department 区水利局 --reason \"联合牵头\"")]
pub struct Args {
    /// Project id.
    pub id: String,
    /// New category: table number or name.
    #[arg(long, value_name = "N|NAME")]
    pub category: Option<String>,
    /// New project group.
    #[arg(long, value_name = "TEXT")]
    pub group: Option<String>,
    /// New description and scale.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// New lead departments (replace the list); repeat for several.
    #[arg(long = "department", value_name = "NAME")]
    pub departments: Vec<String>,
    /// Accept department names close to existing ones as genuinely new.
    #[arg(long)]
    pub new_department: bool,
    /// Why.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let id = normalize_id(&args.id);
    if args.category.is_none()
        && args.group.is_none()
        && args.description.is_none()
        && args.departments.is_empty()
    {
        return Err(Error::bad_value(
            "projects edit",
            "nothing to change: give --category, --group, --description or --department",
        ));
    }
    let group = args
        .group
        .as_deref()
        .map(|g| name_field("--group", g, 200))
        .transpose()?;
    let description = args
        .description
        .as_deref()
        .map(|d| text_field("--description", d, 2000))
        .transpose()?;
    let stamp = args.write.stamp(&ctx.clock)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let why = optional_text(&args.reason);
    let mut store = ctx.open_store()?;
    let line = store.write(stamp, |tx| {
        let state = tx.state(&id)?;
        check_not_before(&id, date, state.last_effective)?;
        let before = &state.project;
        let mut after = before.clone();
        let mut fields = Vec::new();
        if let Some(text) = &args.category {
            let categories = tx.categories()?;
            let cat = resolve_category(&categories, text)?;
            if cat.table != before.table {
                fields.push(FieldChange::new(
                    "category",
                    before.category.clone(),
                    cat.name.clone(),
                ));
                after.table = cat.table;
            }
        }
        if let Some(g) = group.filter(|g| *g != before.group) {
            fields.push(FieldChange::new("group", before.group.clone(), g.clone()));
            after.group = g;
        }
        if let Some(d) = description.filter(|d| *d != before.description) {
            fields.push(FieldChange::new(
                "description",
                before.description.clone(),
                d.clone(),
            ));
            after.description = d;
        }
        if !args.departments.is_empty() {
            let list = departments(&args.departments, &tx.departments()?, args.new_department)?;
            if list != before.departments {
                fields.push(FieldChange::new(
                    "departments",
                    before.departments_joined(),
                    list.join("、"),
                ));
                after.departments = list;
            }
        }
        if fields.is_empty() {
            return Err(Error::Refused {
                id: id.clone(),
                what: "nothing changes: the values given are the current ones".to_string(),
            });
        }
        let changed: Vec<&str> = fields.iter().map(|f| f.field).collect();
        let line = format!("{id}: {}", changed.join(", "));
        tx.record(&Change {
            after: &after,
            plan: &state.plan,
            effective: date,
            change: "edit",
            action: "edit",
            fields,
            reason: why,
            note,
        })?;
        Ok(line)
    })?;
    ctx.say(&line)?;
    Ok(Outcome::Success)
}
