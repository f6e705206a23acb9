//! `ecoledger projects import FILE`: add and update projects from the CSV that
//! `projects export` writes, or a plan's table as Excel holds it, all or nothing. New
//! ids create projects; existing ids are updated field by field through the same rules
//! as the single commands (a new version, every change in the history).

use super::projects_add::{departments, name_field, text_field};
use super::spending_import::{mapping, mapping_flags, progress};
use super::{check_not_before, resolve_category, Context, Outcome, WriteArgs};
use crate::domain::import::{self as import, Kind, Unit};
use crate::domain::lifecycle::Verb;
use crate::domain::project::{normalize_id, Project, Stage, Status};
use crate::domain::schedule::parse_year;
use crate::domain::Schedule;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::input::{import_error, Encoding, Record, RowError};
use crate::ops::import as import_op;
use crate::store::write::{Change, FieldChange, Tx};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::PathBuf;

/// The columns, as `projects export` writes them (the import also reads the other
/// headers of the alias table, e.g. a plan's 项目名称, 投资估算（万元）, 实施周期).
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

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,
    #[arg(long = "ignore-column", value_name = "NAME")]
    pub ignore: Vec<String>,
    #[arg(long, value_enum)]
    pub unit: Option<Unit>,
    #[arg(long, value_name = "NAME")]
    pub mapping: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub new_department: bool,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
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
    /// The status the file gives (blank: a new project is planned, a known one keeps
    /// its own).
    status: Option<Status>,
}

/// The fields' positions in a record (the order of [`import::PROJECT_FIELDS`]).
mod at {
    pub const ID: usize = 0;
    pub const TABLE: usize = 1;
    pub const CATEGORY: usize = 2;
    pub const GROUP: usize = 3;
    pub const DESCRIPTION: usize = 4;
    pub const ESTIMATE_WAN: usize = 5;
    pub const ESTIMATE_YUAN: usize = 6;
    pub const START_YEAR: usize = 7;
    pub const END_YEAR: usize = 8;
    pub const SCHEDULE: usize = 9;
    pub const DEPARTMENTS: usize = 10;
    pub const STATUS: usize = 11;
}

fn check_row(
    tx: &Tx<'_>,
    f: &[String],
    unit: Unit,
    known_departments: &[String],
    allow_new: bool,
    errors: &mut Vec<(String, Text)>,
) -> Option<Row> {
    let mut bad = |column: &str, problem: Text| errors.push((column.to_string(), problem));
    let categories = tx.categories().ok()?;
    // The table by its number, else by its category's name.
    let (table_text, category_text) = (f[at::TABLE].trim(), f[at::CATEGORY].trim());
    let category = if table_text.is_empty() {
        match resolve_category(&categories, category_text) {
            Ok(c) => Some(c.clone()),
            Err(_) if category_text.is_empty() => {
                bad("table", msg::table_or_category_needed());
                None
            }
            Err(e) => {
                bad("category", e.into_problem());
                None
            }
        }
    } else {
        let table = import::half_width(table_text)
            .trim_start_matches("附表")
            .trim()
            .parse::<u8>()
            .ok();
        match table.and_then(|t| categories.iter().find(|c| c.table == t)) {
            Some(c) => Some(c.clone()),
            None => {
                bad(
                    "table",
                    msg::not_a_table_number(table_text, categories.len()),
                );
                None
            }
        }
    };
    if let (Some(c), false) = (&category, category_text.is_empty()) {
        match resolve_category(&categories, category_text) {
            Ok(named) if named.table == c.table => {}
            _ => bad(
                "category",
                msg::not_the_tables_category(
                    category_text,
                    c.table,
                    Text::new(&c.name_en, &c.name),
                ),
            ),
        }
    }
    let group = name_field("group", &f[at::GROUP], 200)
        .map_err(|e| bad("group", e.into_problem()))
        .ok();
    let description = text_field("description", &f[at::DESCRIPTION], 2000)
        .map_err(|e| bad("description", e.into_problem()))
        .ok();
    let (column, text) = if f[at::ESTIMATE_YUAN].trim().is_empty() {
        ("estimate_wan", &f[at::ESTIMATE_WAN])
    } else {
        ("estimate_yuan", &f[at::ESTIMATE_YUAN])
    };
    let estimate = match import::parse_amount(text, unit) {
        Ok(m) if m <= crate::domain::Money::ZERO => {
            bad(column, msg::estimate_not_positive());
            None
        }
        Ok(m) if !m.is_whole_yuan() => {
            bad(column, msg::estimate_whole_yuan(text.trim()));
            None
        }
        Ok(m) => Some(m),
        Err(e) => {
            bad(column, e);
            None
        }
    };
    let schedule = schedule(f, &mut bad);
    let depts = departments(&[f[at::DEPARTMENTS].clone()], known_departments, allow_new)
        .map_err(|e| bad("departments", e.into_problem()))
        .ok();
    let status_text = f[at::STATUS].trim();
    let status = if status_text.is_empty() {
        Some(None)
    } else {
        match crate::ops::filter::resolve_status(status_text, "status") {
            Ok(s) => Some(Some(s)),
            Err(e) => {
                bad("status", e.into_problem());
                None
            }
        }
    };
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
        id: normalize_id(&f[at::ID]),
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

/// The schedule: the 实施周期 column (`2022-2025`), or the start and end years; both
/// given must agree.
fn schedule(f: &[String], bad: &mut impl FnMut(&str, Text)) -> Option<Schedule> {
    let given = f[at::SCHEDULE].trim();
    let (start, end) = (f[at::START_YEAR].trim(), f[at::END_YEAR].trim());
    let from_years = if start.is_empty() && end.is_empty() {
        None
    } else {
        let start = parse_year(start)
            .map_err(|e| bad("start_year", e.into()))
            .ok();
        let end = parse_year(end).map_err(|e| bad("end_year", e.into())).ok();
        match (start, end) {
            (Some(s), Some(e)) => Some(
                Schedule::new(s, e)
                    .map_err(|e| bad("end_year", e.into()))
                    .ok(),
            ),
            _ => Some(None),
        }
    };
    match (given.is_empty(), from_years) {
        (true, None) => {
            bad("schedule", msg::schedule_needed());
            None
        }
        (true, Some(years)) => years,
        (false, years) => {
            let parsed = import::parse_schedule_loose(given)
                .map_err(|e| bad("schedule", e))
                .ok()?;
            match years {
                Some(Some(y)) if y != parsed => {
                    bad("schedule", msg::schedule_disagrees(given, y));
                    None
                }
                _ => Some(parsed),
            }
        }
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
) -> Result<std::result::Result<Outcome3, (String, Text)>> {
    let refuse = |column: &str, problem: Text| Ok(Err((column.to_string(), problem)));
    let existing = if row.id.is_empty() {
        None
    } else {
        tx.state(&row.id).ok()
    };
    let Some(state) = existing else {
        if row.status.is_some_and(|s| s != Status::Planned) {
            return refuse("status", msg::new_project_starts_planned());
        }
        if looks_like_appendix_id(&row.id) {
            return refuse("id", msg::appendix_id_not_in_ledger(&row.id));
        }
        if !row.id.is_empty()
            && !row
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            || row.id.len() > 32
        {
            return refuse("id", msg::bad_id(&row.id));
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
        return refuse("estimate_wan", msg::import_has_plan(&before.id));
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
    if let Some(status) = row.status.filter(|s| *s != before.status) {
        let Some(verb) = Verb::ALL
            .into_iter()
            .find(|v| v.apply(before.status) == Some(status))
        else {
            return refuse(
                "status",
                msg::not_one_step(&before.id, before.status.words(), status.words()),
            );
        };
        let mut change = FieldChange::new(
            "status",
            before.status.code().to_string(),
            status.code().to_string(),
        );
        change.action = Some(verb.name());
        fields.push(change);
        after.status = status;
    }
    if fields.is_empty() {
        return Ok(Ok(Outcome3::Unchanged));
    }
    if let Err(e) = check_not_before(&before.id, date, state.last_effective) {
        return refuse("id", e.into_problem());
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

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let place = args.file.display().to_string();
    super::check_input(&args.file, &ctx.db)?;
    let flags = mapping_flags(&args.map, &args.ignore, args.unit)?;
    if let Some(name) = &args.save_mapping {
        import_op::check_mapping_name(name)?;
    }
    let input = import_op::open(
        &args.file,
        args.encoding,
        args.sheet.as_deref(),
        args.header_row,
    )?;
    let stamp = args.write.stamp(ctx)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let reason = super::optional_text(&args.reason)
        .unwrap_or_else(|| crate::domain::history::imported_from(&file_name));
    let mut store = ctx.open_store()?;
    let mapping = mapping(&store, Kind::Projects, args.mapping.as_deref(), flags)?;
    let (mut rows, resolved, cells) = import_op::rows(&place, &input, Kind::Projects, &mapping)?;
    let Some((_, unit)) = resolved.amount else {
        return Err(Error::bad_value(&place, msg::no_estimate_column()));
    };
    let bar = progress(0);
    let work = |tx: &mut Tx<'_>| -> Result<(i64, i64, i64, Vec<u64>)> {
        let mut known = tx.departments()?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut errors: Vec<RowError> = Vec::new();
        let (mut added, mut updated, mut unchanged) = (0, 0, 0);
        let mut count = 0_i64;
        let mut skipped = Vec::new();
        // A blank group continues the group above (a merged cell in the plan's tables).
        let mut group_above: Option<String> = None;
        let mut rec = Record {
            line: 0,
            fields: Vec::new(),
            lead: String::new(),
        };
        while let Some(next) = rows.next_into(&mut rec) {
            bar.set_position(rows.position());
            if let Err(e) = next {
                errors.push(e);
                continue;
            }
            if import_op::is_total_row(Kind::Projects, &rec) {
                skipped.push(rec.line);
                continue;
            }
            count += 1;
            match (&group_above, rec.fields[at::GROUP].trim().is_empty()) {
                (Some(above), true) => rec.fields[at::GROUP] = above.clone(),
                (_, false) => group_above = Some(rec.fields[at::GROUP].clone()),
                (None, true) => {}
            }
            let mut row_errors = Vec::new();
            let id = normalize_id(&rec.fields[at::ID]);
            if !id.is_empty() && !seen.insert(id.clone()) {
                row_errors.push(("id".to_string(), msg::appears_twice_in_file(&id)));
            }
            let checked = check_row(
                tx,
                &rec.fields,
                unit,
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
            errors.extend(
                row_errors
                    .into_iter()
                    .map(|(column, problem)| RowError::new(rec.line, column, problem)),
            );
        }
        rows.finish(input.sha256())?;
        if !errors.is_empty() {
            import_op::name_cells(&mut errors, Kind::Projects, &cells, &resolved);
            return Err(import_error(&place, errors));
        }
        if count == 0 {
            return Err(Error::bad_value(&place, msg::no_data_rows()));
        }
        tx.record_import("projects", input.sha256(), &file_name)?;
        if let Some(name) = &args.save_mapping {
            import_op::save_mapping(tx, Kind::Projects, name, &mapping)?;
        }
        Ok((added, updated, unchanged, skipped))
    };
    let result = if args.dry_run {
        store.write_dry(stamp, work)
    } else {
        store.write(stamp, work)
    };
    bar.finish_and_clear();
    let (added, updated, unchanged, skipped) = result?;
    for at in import_op::skipped_places(&place, &cells, &skipped) {
        ctx.warn(&msg::total_row_passed(at))?;
    }
    ctx.say(&if args.dry_run {
        msg::dry_run_projects(&place, added, updated, unchanged)
    } else {
        msg::imported_projects(&place, added, updated, unchanged)
    })?;
    Ok(Outcome::Success)
}
