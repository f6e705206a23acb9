//! `ecoledger projects add`: add a project to the reserve (the plan says the reserve is
//! managed dynamically). New projects get ids `N0001`, `N0002`, … distinct from the
//! appendix ids; departments keep one canonical spelling.

use super::{optional_text, resolve_category, Context, Outcome, WriteArgs};
use crate::domain::department::{check, Spelling};
use crate::domain::project::{Project, Status};
use crate::domain::{Money, Schedule};
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::store::write::{Change, FieldChange};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_name = "N|NAME")]
    pub category: String,
    #[arg(long, value_name = "TEXT")]
    pub group: String,
    #[arg(long, value_name = "TEXT")]
    pub description: String,
    #[arg(long, value_name = "AMOUNT")]
    pub estimate: String,
    #[arg(long, value_name = "SCHEDULE")]
    pub schedule: String,
    #[arg(long = "department", required = true, value_name = "NAME")]
    pub departments: Vec<String>,
    #[arg(long)]
    pub new_department: bool,
    #[arg(long, value_name = "STAGE", default_value = "estimate")]
    pub stage: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// A required text field: trimmed, non-empty, printable, of sensible length.
pub fn text_field(place: &str, text: &str, max_chars: usize) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::bad_value(place, msg::must_not_be_empty()));
    }
    if t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::bad_value(place, msg::control_characters()));
    }
    if t.chars().count() > max_chars {
        return Err(Error::bad_value(place, msg::too_long(max_chars)));
    }
    Ok(t.to_string())
}

/// A required name field (a project group): [`text_field`], one line, and no invisible or
/// direction-changing character.
pub fn name_field(place: &str, text: &str, max_chars: usize) -> Result<String> {
    let t = text_field(place, text, max_chars)?;
    if t.contains('\n') {
        return Err(Error::bad_value(place, msg::must_be_one_line()));
    }
    match crate::domain::text::name_problem(&t) {
        Some(problem) => Err(Error::bad_value(place, problem)),
        None => Ok(t),
    }
}

/// Checks department names against the known ones, in the order given.
pub fn departments(given: &[String], known: &[String], allow_new: bool) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for name in given.iter().flat_map(|d| d.split('、')) {
        let name = match check(name, known, allow_new) {
            Spelling::Known(n) | Spelling::New(n) => n,
            Spelling::Close { given, suggestions } => {
                return Err(Error::bad_value(
                    "--department",
                    msg::department_close(given, Text::list(&suggestions)),
                ))
            }
            Spelling::Invalid(n) => {
                let name = crate::domain::text::visible(&n);
                return Err(Error::bad_value(
                    "--department",
                    match crate::domain::text::name_problem(&n) {
                        Some(why) => msg::not_a_department_name_because(name, why),
                        None => msg::not_a_department_name(name),
                    },
                ));
            }
        };
        if out.contains(&name) {
            return Err(Error::bad_value("--department", msg::listed_twice(&name)));
        }
        out.push(name);
    }
    if out.is_empty() {
        return Err(Error::bad_value("--department", msg::department_needed()));
    }
    Ok(out)
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let group = name_field("--group", &args.group, 200)?;
    let description = text_field("--description", &args.description, 2000)?;
    let estimate =
        Money::parse_wan(&args.estimate).map_err(|e| Error::bad_value("--estimate", e))?;
    if estimate <= Money::ZERO {
        return Err(Error::bad_value("--estimate", msg::estimate_not_positive()));
    }
    let stage = super::estimate::parse_stage(&args.stage)?;
    let schedule =
        Schedule::parse(&args.schedule).map_err(|e| Error::bad_value("--schedule", e))?;
    let stamp = args.write.stamp(ctx)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let why = optional_text(&args.reason);
    let mut store = ctx.open_store()?;
    let id = store.write(stamp, |tx| {
        let categories = tx.categories()?;
        let cat = resolve_category(&categories, &args.category)?;
        let departments = departments(&args.departments, &tx.departments()?, args.new_department)?;
        let id = tx.next_new_id()?;
        tx.create_project(&id)?;
        let project = Project {
            id: id.clone(),
            table: cat.table,
            category: cat.name.clone(),
            category_en: cat.name_en.clone(),
            group,
            description,
            estimate,
            schedule,
            departments,
            status: Status::Planned,
            stage,
            has_plan: false,
        };
        let fields = FieldChange::creation(&project);
        tx.record(&Change {
            after: &project,
            plan: &[],
            effective: date,
            change: "create",
            action: "add",
            fields,
            reason: why,
            note,
        })?;
        Ok(id)
    })?;
    ctx.say(&Text::data(id))?;
    Ok(Outcome::Success)
}
