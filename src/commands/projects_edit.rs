//! `ecoledger projects edit ID`: change a project's descriptive fields — category, group,
//! description, lead departments. Figures change through `estimate`, `reschedule` and
//! `plan`, which keep their own rules.

use super::projects_add::{departments, name_field, text_field};
use super::{check_not_before, optional_text, resolve_category, Context, Outcome, WriteArgs};
use crate::domain::project::normalize_id;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};

/// A history field as people read it (its label; the code itself if unknown).
fn field_label(code: &str) -> Text {
    crate::domain::history::field_words(code).map_or_else(|| Text::data(code), Text::from)
}
use crate::store::write::{Change, FieldChange};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub id: String,
    #[arg(long, value_name = "N|NAME")]
    pub category: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub group: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    #[arg(long = "department", value_name = "NAME")]
    pub departments: Vec<String>,
    #[arg(long)]
    pub new_department: bool,
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
        return Err(Error::bad_value("projects edit", msg::nothing_to_edit()));
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
    let stamp = args.write.stamp(ctx)?;
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
                what: msg::nothing_changes(),
            });
        }
        let changed = fields.iter().map(|f| field_label(f.field));
        let line = msg::edited(&id, Text::list(changed));
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
