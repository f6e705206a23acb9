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
use crate::i18n::Lang;
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

/// Add and update projects from a CSV file or an Excel workbook (all rows or none).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger projects export --out projects.csv    (edit it in Excel, then)
  ecoledger projects import projects.csv --reason \"2025年储备库调整\" --dry-run
  ecoledger projects import 储备项目.xlsx --sheet 附表7 --ignore-column 备注

Headers in Chinese or English, any order (the user guide lists them): id (项目编号), table
(附表) or category (类别), group (项目名称), description (主要建设内容及规模), the estimate
(投资估算（万元） or in 元), the schedule (实施周期 2022-2025, or start_year and end_year),
departments (牵头部门), status (状态; blank keeps it). A blank group continues the group
above, as a merged cell does.

A blank or unknown id adds a project (blank: the next N id); a known id updates what differs:
descriptive fields, the estimate (same cost stage), the schedule, the status (one lifecycle step).
A project with an explicit annual plan cannot change estimate or schedule here: use
`ecoledger estimate … --plan` or `reschedule … --plan`.")]
pub struct Args {
    /// The CSV file or Excel workbook (.xlsx).
    pub file: PathBuf,
    /// The CSV file's encoding.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,
    /// The workbook's sheet [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The workbook row that holds the headers, as Excel numbers it [default: found].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// Read the column HEADER as FIELD (repeatable).
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,
    /// Leave the column NAME out (repeatable).
    #[arg(long = "ignore-column", value_name = "NAME")]
    pub ignore: Vec<String>,
    /// The unit of an estimate column whose header does not say it.
    #[arg(long, value_enum)]
    pub unit: Option<Unit>,
    /// Use the header mapping saved under NAME.
    #[arg(long, value_name = "NAME")]
    pub mapping: Option<String>,
    /// Save this import's header mapping under NAME, with the import.
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
    /// Check everything and say what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
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
    errors: &mut Vec<(String, String)>,
) -> Option<Row> {
    let mut bad = |column: &str, problem: String| errors.push((column.to_string(), problem));
    let categories = tx.categories().ok()?;
    // The table by its number, else by its category's name.
    let (table_text, category_text) = (f[at::TABLE].trim(), f[at::CATEGORY].trim());
    let category = if table_text.is_empty() {
        match resolve_category(&categories, category_text) {
            Ok(c) => Some(c.clone()),
            Err(_) if category_text.is_empty() => {
                bad(
                    "table",
                    "empty: give the appendix table (附表) or the category (类别)".to_string(),
                );
                None
            }
            Err(e) => {
                bad("category", problem(e));
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
                    format!(
                        "'{table_text}' is not an appendix table number (1-{})",
                        categories.len()
                    ),
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
                format!(
                    "'{category_text}' is not table {}'s category ({} / {})",
                    c.table, c.name, c.name_en
                ),
            ),
        }
    }
    let group = name_field("group", &f[at::GROUP], 200)
        .map_err(|e| bad("group", problem(e)))
        .ok();
    let description = text_field("description", &f[at::DESCRIPTION], 2000)
        .map_err(|e| bad("description", problem(e)))
        .ok();
    let (column, text) = if f[at::ESTIMATE_YUAN].trim().is_empty() {
        ("estimate_wan", &f[at::ESTIMATE_WAN])
    } else {
        ("estimate_yuan", &f[at::ESTIMATE_YUAN])
    };
    let estimate = match import::parse_amount(text, unit) {
        Ok(m) if m <= crate::domain::Money::ZERO => {
            bad(column, "an estimate must be positive".to_string());
            None
        }
        Ok(m) if !m.is_whole_yuan() => {
            bad(
                column,
                format!("'{}': estimates are kept to the 元 (at most 4 decimals of 万元); never rounded", text.trim()),
            );
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
        .map_err(|e| bad("departments", problem(e)))
        .ok();
    let status_text = f[at::STATUS].trim();
    let status = if status_text.is_empty() {
        Some(None)
    } else {
        match status_from(status_text) {
            Some(s) => Some(Some(s)),
            None => {
                bad(
                    "status",
                    format!(
                        "'{status_text}' is not a status (planned, in_progress, suspended, completed, cancelled)"
                    ),
                );
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
fn schedule(f: &[String], bad: &mut impl FnMut(&str, String)) -> Option<Schedule> {
    let given = f[at::SCHEDULE].trim();
    let (start, end) = (f[at::START_YEAR].trim(), f[at::END_YEAR].trim());
    let from_years = if start.is_empty() && end.is_empty() {
        None
    } else {
        let start = parse_year(start)
            .map_err(|e| bad("start_year", e.to_string()))
            .ok();
        let end = parse_year(end)
            .map_err(|e| bad("end_year", e.to_string()))
            .ok();
        match (start, end) {
            (Some(s), Some(e)) => Some(
                Schedule::new(s, e)
                    .map_err(|e| bad("end_year", e.to_string()))
                    .ok(),
            ),
            _ => Some(None),
        }
    };
    match (given.is_empty(), from_years) {
        (true, None) => {
            bad(
                "schedule",
                "empty: give the schedule (实施周期, e.g. 2022-2025) or start_year and end_year"
                    .to_string(),
            );
            None
        }
        (true, Some(years)) => years,
        (false, years) => {
            let parsed = import::parse_schedule_loose(given)
                .map_err(|e| bad("schedule", e))
                .ok()?;
            match years {
                Some(Some(y)) if y != parsed => {
                    bad(
                        "schedule",
                        format!("'{given}' disagrees with start_year-end_year {y}; keep one"),
                    );
                    None
                }
                _ => Some(parsed),
            }
        }
    }
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
        if row.status.is_some_and(|s| s != Status::Planned) {
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
    if let Some(status) = row.status.filter(|s| *s != before.status) {
        let Some(verb) = Verb::ALL
            .into_iter()
            .find(|v| v.apply(before.status) == Some(status))
        else {
            return refuse(
                "status",
                format!(
                    "{} cannot go from {} to {} in one step",
                    before.id,
                    before.status.code(),
                    status.code()
                ),
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
    let mapping = mapping(&store, Kind::Projects, args.mapping.as_deref(), flags)?;
    let (mut rows, resolved, cells) = import_op::rows(&place, &input, Kind::Projects, &mapping)?;
    let Some((_, unit)) = resolved.amount else {
        return Err(Error::bad_value(
            &place,
            "no estimate column (estimate_wan / 投资估算（万元）, or in 元)",
        ));
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
                row_errors.push((
                    "id".to_string(),
                    format!("'{id}' appears twice in the file"),
                ));
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
            return Err(Error::bad_value(
                &place,
                "no data rows; nothing was imported",
            ));
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
        ctx.warn(&match ctx.lang {
            Lang::En => format!("{at}: a total row, passed over"),
            Lang::Zh => format!("{at}：合计行，已跳过"),
        })?;
    }
    ctx.say(&match (ctx.lang, args.dry_run) {
        (Lang::En, false) => format!(
            "imported {place}: {added} added, {updated} updated, {unchanged} unchanged"
        ),
        (Lang::En, true) => format!(
            "dry run: {place} would add {added}, update {updated} and leave {unchanged} unchanged; nothing was written"
        ),
        (Lang::Zh, false) => format!(
            "已导入 {place}：新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个"
        ),
        (Lang::Zh, true) => format!(
            "预检：{place} 将新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个；未写入任何内容"
        ),
    })?;
    Ok(Outcome::Success)
}
