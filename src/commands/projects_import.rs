//! `ecoledger projects import FILE`: add and update projects from the CSV that
//! `projects export` writes, all or nothing. New ids create projects; existing ids are
//! updated field by field through the same rules as the single commands (a new version,
//! every change in the history).

use super::projects_add::{departments, name_field, text_field};
use super::spending_import::progress;
use super::{check_not_before, resolve_category, Context, Outcome, WriteArgs};
use crate::domain::lifecycle::Verb;
use crate::domain::project::{normalize_id, Project, Stage, Status};
use crate::domain::schedule::parse_year;
use crate::domain::{Money, Schedule};
use crate::error::Result;
use crate::input::{self, import_error, Encoding, RowError};
use crate::store::write::{Change, FieldChange, Tx};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::PathBuf;

/// The columns, as `projects list --format csv` writes them.
pub const COLUMNS: [&str; 10] = [
    "id",
    "table",
    "category",
    "group",
    "description",
    "estimate_wan",
    "start_year",
    "end_year",
    "departments",
    "status",
];

/// Add and update projects from a CSV file (all rows or none).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger projects export --out projects.csv    (edit it in Excel, then)
  ecoledger projects import projects.csv --reason \"2025年储备库调整\"

A blank or unknown id adds a project (blank: the next N id); a known id updates what differs:
descriptive fields, the estimate (same cost stage), the schedule, the status (one lifecycle step).
A project with an explicit annual plan cannot change estimate or schedule here: use
`ecoledger estimate … --plan` or `reschedule … --plan`.")]
pub struct Args {
    /// The CSV file.
    pub file: PathBuf,
    /// The file's encoding.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,
    /// Accept department names close to existing ones as genuinely new.
    #[arg(long)]
    pub new_department: bool,
    /// Why (kept in the history of every change) [default: imported from FILE].
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

fn status_from(text: &str) -> Option<Status> {
    let t = text.trim();
    Status::ALL.into_iter().find(|s| {
        s.code() == t
            || s.words().en.eq_ignore_ascii_case(t)
            || s.words().zh == t
            || (t == "计划" && *s == Status::Planned)
    })
}

/// Appendix ids (`A5-04`) belong to the plan; new projects may not take them.
fn looks_like_appendix_id(id: &str) -> bool {
    let Some(rest) = id.strip_prefix('A') else {
        return false;
    };
    let mut parts = rest.splitn(2, '-');
    let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
        return false;
    };
    !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
}

/// One row, checked on its own.
struct Row {
    id: String,
    project: Project,
    status: Status,
}

fn check_row(
    tx: &Tx<'_>,
    f: &[String],
    known_departments: &[String],
    allow_new: bool,
    errors: &mut Vec<(String, String)>,
) -> Option<Row> {
    let mut bad = |column: &str, problem: String| errors.push((column.to_string(), problem));
    let categories = tx.categories().ok()?;
    let table = f[1].parse::<u8>().ok();
    let category = match table.and_then(|t| categories.iter().find(|c| c.table == t)) {
        Some(c) => Some(c.clone()),
        None => {
            bad(
                "table",
                format!(
                    "'{}' is not an appendix table number (1-{})",
                    f[1],
                    categories.len()
                ),
            );
            None
        }
    };
    if let (Some(c), false) = (&category, f[2].is_empty()) {
        match resolve_category(&categories, &f[2]) {
            Ok(named) if named.table == c.table => {}
            _ => bad(
                "category",
                format!(
                    "'{}' is not table {}'s category ({} / {})",
                    f[2], c.table, c.name, c.name_en
                ),
            ),
        }
    }
    let group = name_field("group", &f[3], 200)
        .map_err(|e| bad("group", problem(e)))
        .ok();
    let description = text_field("description", &f[4], 2000)
        .map_err(|e| bad("description", problem(e)))
        .ok();
    let estimate = match Money::parse_wan(&f[5]) {
        Ok(m) if m > Money::ZERO => Some(m),
        Ok(_) => {
            bad("estimate_wan", "an estimate must be positive".to_string());
            None
        }
        Err(e) => {
            bad("estimate_wan", e.to_string());
            None
        }
    };
    let start = parse_year(&f[6])
        .map_err(|e| bad("start_year", e.to_string()))
        .ok();
    let end = parse_year(&f[7])
        .map_err(|e| bad("end_year", e.to_string()))
        .ok();
    let schedule = match (start, end) {
        (Some(s), Some(e)) => Schedule::new(s, e)
            .map_err(|e| bad("end_year", e.to_string()))
            .ok(),
        _ => None,
    };
    let depts = departments(&[f[8].clone()], known_departments, allow_new)
        .map_err(|e| bad("departments", problem(e)))
        .ok();
    let status = status_from(&f[9]);
    if status.is_none() {
        bad(
            "status",
            format!(
                "'{}' is not a status (planned, in_progress, suspended, completed, cancelled)",
                f[9]
            ),
        );
    }
    let (
        Some(c),
        Some(group),
        Some(description),
        Some(estimate),
        Some(schedule),
        Some(departments),
        Some(status),
    ) = (
        category,
        group,
        description,
        estimate,
        schedule,
        depts,
        status,
    )
    else {
        return None;
    };
    Some(Row {
        id: normalize_id(&f[0]),
        project: Project {
            id: String::new(),
            table: c.table,
            category: c.name,
            category_en: c.name_en,
            group,
            description,
            estimate,
            schedule,
            departments,
            status: Status::Planned,
            stage: Stage::Estimate,
            has_plan: false,
        },
        status,
    })
}

/// The problem part of a `place: problem` error.
fn problem(e: crate::error::Error) -> String {
    match e {
        crate::error::Error::BadValue { problem, .. } => problem,
        other => other.to_string(),
    }
}

enum Outcome3 {
    Added,
    Updated,
    Unchanged,
}

/// Applies a checked row: creates or updates; `Err` holds (column, problem). With
/// `write` false it only checks (an earlier row failed, so nothing will be written, but
/// every bad row should still be named).
fn apply(
    tx: &mut Tx<'_>,
    row: Row,
    date: NaiveDate,
    reason: &str,
    note: &Option<String>,
    write: bool,
) -> Result<std::result::Result<Outcome3, (String, String)>> {
    let refuse = |column: &str, problem: String| Ok(Err((column.to_string(), problem)));
    let existing = if row.id.is_empty() {
        None
    } else {
        tx.state(&row.id).ok()
    };
    let Some(state) = existing else {
        if row.status != Status::Planned {
            return refuse(
                "status",
                "a new project starts as planned; move it on with start/complete/…".to_string(),
            );
        }
        if looks_like_appendix_id(&row.id) {
            return refuse("id", format!("'{}' is not in the ledger, and appendix ids belong to the plan; leave id blank to add a project", row.id));
        }
        if !row.id.is_empty()
            && !row
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            || row.id.len() > 32
        {
            return refuse(
                "id",
                format!(
                    "'{}': ids use letters, digits, '-' and '_' (at most 32)",
                    row.id
                ),
            );
        }
        if !write {
            return Ok(Ok(Outcome3::Added));
        }
        let id = if row.id.is_empty() {
            tx.next_new_id()?
        } else {
            row.id.clone()
        };
        tx.create_project(&id)?;
        let mut project = row.project;
        project.id = id;
        let fields = FieldChange::creation(&project);
        tx.record(&Change {
            after: &project,
            plan: &[],
            effective: date,
            change: "create",
            action: "import",
            fields,
            reason: Some(reason.to_string()),
            note: note.clone(),
        })?;
        return Ok(Ok(Outcome3::Added));
    };
    let before = &state.project;
    let mut after = before.clone();
    let mut fields = Vec::new();
    if row.project.table != before.table {
        fields.push(FieldChange::new(
            "category",
            before.category.clone(),
            row.project.category.clone(),
        ));
        after.table = row.project.table;
    }
    for (name, old, new) in [
        ("group", &before.group, &row.project.group),
        ("description", &before.description, &row.project.description),
    ] {
        if old != new {
            fields.push(FieldChange::new(name, old.clone(), new.clone()));
        }
    }
    after.group = row.project.group.clone();
    after.description = row.project.description.clone();
    if row.project.departments != before.departments {
        fields.push(FieldChange::new(
            "departments",
            before.departments_joined(),
            row.project.departments_joined(),
        ));
        after.departments = row.project.departments.clone();
    }
    let figures_change =
        row.project.estimate != before.estimate || row.project.schedule != before.schedule;
    if figures_change && !state.plan.is_empty() {
        return refuse("estimate_wan", format!("{} has an explicit annual plan; change its estimate or schedule with `ecoledger estimate … --plan` or `reschedule … --plan`", before.id));
    }
    if row.project.estimate != before.estimate {
        fields.push(FieldChange::new(
            "estimate_wan",
            before.estimate.plain(),
            row.project.estimate.plain(),
        ));
        after.estimate = row.project.estimate;
    }
    if row.project.schedule != before.schedule {
        fields.push(FieldChange::new(
            "schedule",
            before.schedule.to_string(),
            row.project.schedule.to_string(),
        ));
        after.schedule = row.project.schedule;
    }
    if row.status != before.status {
        let Some(verb) = Verb::ALL
            .into_iter()
            .find(|v| v.apply(before.status) == Some(row.status))
        else {
            return refuse(
                "status",
                format!(
                    "{} cannot go from {} to {} in one step",
                    before.id,
                    before.status.code(),
                    row.status.code()
                ),
            );
        };
        let mut change = FieldChange::new(
            "status",
            before.status.code().to_string(),
            row.status.code().to_string(),
        );
        change.action = Some(verb.name());
        fields.push(change);
        after.status = row.status;
    }
    if fields.is_empty() {
        return Ok(Ok(Outcome3::Unchanged));
    }
    if let Err(e) = check_not_before(&before.id, date, state.last_effective) {
        return refuse("id", problem_of(e));
    }
    if !write {
        return Ok(Ok(Outcome3::Updated));
    }
    let change = if after.estimate != before.estimate {
        "estimate"
    } else if after.status != before.status {
        "status"
    } else if after.schedule != before.schedule {
        "schedule"
    } else {
        "edit"
    };
    tx.record(&Change {
        after: &after,
        plan: &state.plan,
        effective: date,
        change,
        action: "import",
        fields,
        reason: Some(reason.to_string()),
        note: note.clone(),
    })?;
    Ok(Ok(Outcome3::Updated))
}

fn problem_of(e: crate::error::Error) -> String {
    match e {
        crate::error::Error::Refused { what, .. } => what,
        other => problem(other),
    }
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let place = args.file.display().to_string();
    super::check_input(&args.file, &ctx.db)?;
    let decoded = input::read(&args.file, args.encoding)?;
    let mut rows = input::rows(&decoded.text, &place, &COLUMNS)?;
    let stamp = args.write.stamp(&ctx.clock)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let reason =
        super::optional_text(&args.reason).unwrap_or_else(|| format!("imported from {file_name}"));
    let mut store = ctx.open_store()?;
    let bar = progress(decoded.text.len() as u64);
    let result = store.write(stamp, |tx| {
        let mut known = tx.departments()?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut errors: Vec<RowError> = Vec::new();
        let (mut added, mut updated, mut unchanged) = (0, 0, 0);
        let mut count = 0_i64;
        while let Some(next) = rows.next_record() {
            bar.set_position(rows.position());
            let rec = match next {
                Ok(r) => r,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            count += 1;
            let mut row_errors = Vec::new();
            let id = normalize_id(&rec.fields[0]);
            if !id.is_empty() && !seen.insert(id.clone()) {
                row_errors.push((
                    "id".to_string(),
                    format!("'{id}' appears twice in the file"),
                ));
            }
            let checked = check_row(
                tx,
                &rec.fields,
                &known,
                args.new_department,
                &mut row_errors,
            );
            if let (Some(row), true) = (checked, row_errors.is_empty()) {
                for d in &row.project.departments {
                    if !known.contains(d) {
                        known.push(d.clone());
                    }
                }
                match apply(tx, row, date, &reason, &note, errors.is_empty())? {
                    Ok(Outcome3::Added) => added += 1,
                    Ok(Outcome3::Updated) => updated += 1,
                    Ok(Outcome3::Unchanged) => unchanged += 1,
                    Err(e) => row_errors.push(e),
                }
            }
            errors.extend(row_errors.into_iter().map(|(column, problem)| RowError {
                line: rec.line,
                column,
                problem,
            }));
        }
        if !errors.is_empty() {
            return Err(import_error(&place, errors));
        }
        if count == 0 {
            return Err(crate::error::Error::bad_value(
                &place,
                "no data rows; nothing was imported",
            ));
        }
        tx.record_import("projects", &decoded.sha256, &file_name)?;
        Ok((added, updated, unchanged))
    });
    bar.finish_and_clear();
    let (added, updated, unchanged) = result?;
    ctx.say(&format!(
        "imported {place}: {added} added, {updated} updated, {unchanged} unchanged"
    ))?;
    Ok(Outcome::Success)
}
