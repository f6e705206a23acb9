//! `ecoledger projects add`: add a project to the reserve (the plan says the reserve is
//! managed dynamically). New projects get ids `N0001`, `N0002`, … distinct from the
//! appendix ids; departments keep one canonical spelling.

use super::{optional_text, resolve_category, Context, Outcome, WriteArgs};
use crate::domain::department::{check, Spelling};
use crate::domain::project::{Project, Stage, Status};
use crate::domain::{Money, Schedule};
use crate::error::{Error, Result};
use crate::store::write::{Change, FieldChange};

/// Add a project to the reserve.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger projects add --category 5 --group 污水管网建设 --description \"陈食街道污水管网改造3公里\" \\
      --estimate 1800 --schedule 2025-2026 --department 区住房城乡建委
  ecoledger projects add --category 生态文化建设 --group 生态文明宣教 --description \"生态文明主题展\" \\
      --estimate 80.5 --schedule 2026 --department 区委宣传部 --department 区文化旅游委")]
pub struct Args {
    /// Appendix table number (1-6) or category name.
    #[arg(long, value_name = "N|NAME")]
    pub category: String,
    /// Project group (项目名称).
    #[arg(long, value_name = "TEXT")]
    pub group: String,
    /// Description and scale (主要建设内容及规模).
    #[arg(long, value_name = "TEXT")]
    pub description: String,
    /// Estimate in 万元.
    #[arg(long, value_name = "AMOUNT")]
    pub estimate: String,
    /// Schedule: YYYY-YYYY or YYYY.
    #[arg(long, value_name = "SCHEDULE")]
    pub schedule: String,
    /// Lead department; repeat for several (the first listed leads), or join with 、.
    #[arg(long = "department", required = true, value_name = "NAME")]
    pub departments: Vec<String>,
    /// Accept department names close to existing ones as genuinely new.
    #[arg(long)]
    pub new_department: bool,
    /// The cost stage of the estimate.
    #[arg(long, value_enum, default_value_t = Stage::Estimate)]
    pub stage: Stage,
    /// Why it is added.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// A required text field: trimmed, non-empty, printable, of sensible length.
pub fn text_field(place: &str, text: &str, max_chars: usize) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::bad_value(place, "must not be empty"));
    }
    if t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::bad_value(place, "contains control characters"));
    }
    if t.chars().count() > max_chars {
        return Err(Error::bad_value(
            place,
            format!("longer than {max_chars} characters"),
        ));
    }
    Ok(t.to_string())
}

/// A required name field (a project group): [`text_field`], one line, and no invisible or
/// direction-changing character.
pub fn name_field(place: &str, text: &str, max_chars: usize) -> Result<String> {
    let t = text_field(place, text, max_chars)?;
    if t.contains('\n') {
        return Err(Error::bad_value(place, "must be one line"));
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
                    format!(
                        "'{given}' is close to {}; use that spelling, or add --new-department if it really is a new department",
                        suggestions.join(", ")
                    ),
                ))
            }
            Spelling::Invalid(n) => {
                let why = crate::domain::text::name_problem(&n)
                    .map(|p| format!(": it {p}"))
                    .unwrap_or_default();
                return Err(Error::bad_value(
                    "--department",
                    format!("'{}' is not a department name{why}", crate::domain::text::visible(&n)),
                ));
            }
        };
        if out.contains(&name) {
            return Err(Error::bad_value(
                "--department",
                format!("'{name}' is listed twice"),
            ));
        }
        out.push(name);
    }
    if out.is_empty() {
        return Err(Error::bad_value(
            "--department",
            "at least one lead department is needed",
        ));
    }
    Ok(out)
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let group = name_field("--group", &args.group, 200)?;
    let description = text_field("--description", &args.description, 2000)?;
    let estimate =
        Money::parse_wan(&args.estimate).map_err(|e| Error::bad_value("--estimate", e))?;
    if estimate <= Money::ZERO {
        return Err(Error::bad_value(
            "--estimate",
            "an estimate must be positive",
        ));
    }
    let schedule =
        Schedule::parse(&args.schedule).map_err(|e| Error::bad_value("--schedule", e))?;
    let stamp = args.write.stamp(&ctx.clock)?;
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
            stage: args.stage,
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
    ctx.say(&id)?;
    Ok(Outcome::Success)
}
