//! The spending ledger: recording payments and reversals, listing them, ledger
//! settings, imported files, and the per-project figures the budget reports read.

use super::chain::{Appender, Field, Sealer, Table};
use super::projects::{named, project_from_row};
use super::state::{View, PROJECT_COLUMNS, PROJECT_FROM, STATE_SQL};
use super::write::{history_fields, Stamp, Tx};
use super::Store;
use crate::domain::project::{Project, Status};
use crate::domain::Money;
use crate::error::Result;

/// The triggers that keep the payments' running total and the spending per month (as
/// `schema.sql` defines them), which a bulk import drops and makes again.
pub const SPENDING_RUNNING_TOTAL: &str =
    "CREATE TRIGGER spending_running_total AFTER INSERT ON spending WHEN NEW.amount_fen > 0
BEGIN UPDATE running_total SET amount = amount + NEW.amount_fen WHERE kind = 'payments_fen'; END;
CREATE TRIGGER spending_month_total AFTER INSERT ON spending
BEGIN INSERT INTO spending_month (month, entries, amount_fen) VALUES (substr(NEW.date, 1, 7), 1, NEW.amount_fen) ON CONFLICT (month) DO UPDATE SET entries = entries + 1, amount_fen = amount_fen + excluded.amount_fen; END;";

/// The secondary index of `spending`, exactly as `schema.sql` creates it.
pub const SPENDING_INDEXES: &str =
    "CREATE INDEX spending_by_project ON spending (project_id, date, amount_fen, voucher);";

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

/// One spending entry as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub project_id: String,
    pub date: String,
    pub amount: Money,
    pub voucher: Option<String>,
    pub note: Option<String>,
    /// The entry this one reverses (a reversal's amount is negative).
    pub reverses: Option<i64>,
    /// The reversal that cancels this entry, if any.
    pub reversed_by: Option<i64>,
    pub reason: Option<String>,
    pub after_completion: bool,
    pub recorded_at: String,
    pub actor: String,
}

/// A new entry to record.
#[derive(Clone, Debug)]
pub struct NewEntry<'a> {
    pub project_id: &'a str,
    pub date: &'a str,
    pub amount: Money,
    pub voucher: Option<&'a str>,
    pub note: Option<&'a str>,
    pub reverses: Option<i64>,
    pub reason: Option<&'a str>,
    pub after_completion: bool,
    pub import_id: Option<i64>,
}

impl NewEntry<'_> {
    /// The entry's chained fields, in [`Chain::Spending`]'s order.
    pub fn fields<'s>(&'s self, stamp: &'s Stamp) -> [Field<'s>; 11] {
        [
            Field::Text(self.project_id),
            Field::Text(self.date),
            Field::Int(self.amount.fen()),
            Field::text(self.voucher),
            Field::text(self.note),
            Field::int(self.reverses),
            Field::text(self.reason),
            Field::Int(i64::from(self.after_completion)),
            Field::int(self.import_id),
            Field::Text(&stamp.recorded_at),
            Field::Text(&stamp.actor),
        ]
    }
}

/// What the checks of a payment need to know of its project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProjectSummary {
    pub status: Status,
    pub estimate: Money,
    pub schedule: crate::domain::Schedule,
}

/// A project's versions as the checks of imported payments need them, oldest first:
/// (effective date, summary). A payment is judged by the one effective on its date.
#[derive(Clone, Debug, Default)]
pub struct Timeline(pub Vec<(String, ProjectSummary)>);

impl Timeline {
    /// The project as it stood on `date` (its first version if none was effective yet).
    pub fn on(&self, date: &str) -> Option<&ProjectSummary> {
        self.0
            .iter()
            .rev()
            .find(|(effective, _)| effective.as_str() <= date)
            .or_else(|| self.0.first())
            .map(|(_, s)| s)
    }
}

/// Which entries `spending list` shows; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct SpendingFilter {
    pub project: Option<String>,
    /// Inclusive date range `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub department: Option<String>,
    /// Only the entries of journal records up to this one (`--known-at`).
    pub known: Option<i64>,
}

/// The SQL condition (` WHERE …`, or nothing) for `filter` over the entries `e`.
fn spending_filter_sql(filter: &SpendingFilter) -> (String, Vec<(&'static str, Value)>) {
    let mut clauses = Vec::new();
    let mut values: Vec<(&'static str, Value)> = Vec::new();
    if let Some(p) = &filter.project {
        clauses.push("e.project_id = :project");
        values.push((":project", Value::Text(p.clone())));
    }
    if let Some(d) = &filter.from {
        clauses.push("e.date >= :from");
        values.push((":from", Value::Text(d.clone())));
    }
    if let Some(d) = &filter.to {
        clauses.push("e.date <= :to");
        values.push((":to", Value::Text(d.clone())));
    }
    if let Some(d) = &filter.department {
        // The project's current departments.
        clauses.push(
            "EXISTS (SELECT 1 FROM project_version v
                       JOIN version_department vd ON vd.version_id = v.id
                       JOIN department d ON d.id = vd.department_id
                      WHERE v.id = (SELECT MAX(id) FROM project_version WHERE project_id = e.project_id)
                        AND d.name = :department)",
        );
        values.push((":department", Value::Text(d.clone())));
    }
    if let Some(k) = filter.known {
        clauses.push("e.jseq <= :known");
        values.push((":known", Value::Integer(k)));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

/// What `spending totals` totals by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SpendingBy {
    Category,
    Department,
    Project,
    Month,
    Quarter,
}

/// One key's spending: entries and their sum. By department the store gives one row
/// per project with its current lead departments, for the report to share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpendingSum {
    pub key: String,
    pub entries: i64,
    pub amount: Money,
    /// The project's current lead departments, in order (by department only).
    pub departments: Vec<String>,
}

/// A project's figures for a budget report of one year.
#[derive(Clone, Debug)]
pub struct BudgetRow {
    pub project: Project,
    /// The allocation of the report's year, and of all earlier years.
    pub budget_year: Money,
    pub budget_before: Money,
    /// Spending per quarter of the report's year, up to the period's end.
    pub actual_quarters: [Money; 4],
    /// Spending from the start up to the period's end.
    pub actual_to_date: Money,
    /// Spending in the query's month (from its first day to the period's end); zero
    /// when the query is not for a month.
    pub actual_month: Money,
}

/// What a budget query reads: the report's year, the last day counted, the first day
/// of its month (a monthly report), and which projects.
#[derive(Clone, Debug)]
pub struct BudgetQuery<'a> {
    pub year: i32,
    pub end: String,
    pub month_start: Option<String>,
    pub filter: &'a super::projects::ProjectFilter,
}

const ENTRY_COLUMNS: &str = "e.id, e.project_id, e.date, e.amount_fen, e.voucher, e.note, e.reverses,
    (SELECT r.id FROM spending r WHERE r.reverses = e.id), e.reason, e.after_completion, e.recorded_at, e.actor";

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        project_id: r.get(1)?,
        date: r.get(2)?,
        amount: Money::from_fen(r.get(3)?),
        voucher: r.get(4)?,
        note: r.get(5)?,
        reverses: r.get(6)?,
        reversed_by: r.get(7)?,
        reason: r.get(8)?,
        after_completion: r.get(9)?,
        recorded_at: r.get(10)?,
        actor: r.get(11)?,
    })
}

impl Store {
    /// A ledger setting, if set (its latest value: settings are a log).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(SETTING_SQL, [key], |r| r.get(0))
            .optional()?)
    }

    /// The keys of the settings whose key starts with `prefix`, sorted.
    pub fn setting_keys(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT key FROM setting WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
        )?;
        let keys = stmt
            .query_map([prefix], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(keys)
    }

    /// Spending entries in date order (then recording order).
    pub fn spending(&self, filter: &SpendingFilter) -> Result<Vec<Entry>> {
        let mut entries = Vec::new();
        self.for_each_spending(filter, |e| {
            entries.push(e);
            Ok(())
        })?;
        Ok(entries)
    }

    /// [`Store::spending`], one entry at a time as SQLite returns them, without
    /// collecting them (a listing of millions of entries streams in constant memory).
    pub fn for_each_spending(
        &self,
        filter: &SpendingFilter,
        mut f: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let (filter_sql, values) = spending_filter_sql(filter);
        // A reversal recorded after the moment asked for does not show yet.
        let columns = ENTRY_COLUMNS.replace(
            "WHERE r.reverses = e.id",
            &format!(
                "WHERE r.reverses = e.id AND r.jseq <= {}",
                filter.known.unwrap_or(i64::MAX)
            ),
        );
        let sql = format!("SELECT {columns} FROM spending e{filter_sql} ORDER BY e.date, e.id");
        self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let mut rows = stmt.query(named(&values).as_slice())?;
            while let Some(r) = rows.next()? {
                f(entry_from_row(r)?)?;
            }
            Ok(())
        })
    }

    /// Budget and spending per project for a report on `year` in `view`, counting the
    /// payments dated up to `end` (inclusive) whenever they were entered — among those
    /// known at the view's journal record, if it has one. Without that bound the sums
    /// come from the covering index `spending_by_project` alone (at 1,000,000 entries:
    /// 0.4 s instead of 2–5 s of table lookups). Projects appear when their schedule
    /// covers the year or they have spending in it.
    pub fn budget_rows(&self, view: View, q: &BudgetQuery<'_>) -> Result<Vec<BudgetRow>> {
        let mut rows = Vec::new();
        self.for_each_budget_row(view, q, |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// [`Store::budget_rows`], one project at a time as SQLite returns them (in category
    /// order), without collecting them.
    pub fn for_each_budget_row(
        &self,
        view: View,
        q: &BudgetQuery<'_>,
        mut f: impl FnMut(BudgetRow) -> Result<()>,
    ) -> Result<()> {
        let (year, end) = (q.year, q.end.as_str());
        let (filter_sql, filter_values) = super::projects::filter_sql(q.filter, " AND ");
        let recorded = if view.known.is_some() {
            "AND jseq <= :known"
        } else {
            ""
        };
        let sql = format!(
            "{STATE_SQL},
            sp AS (SELECT project_id,
                          SUM(CASE WHEN date >= :y1 AND date < :y2 THEN amount_fen ELSE 0 END) AS q1,
                          SUM(CASE WHEN date >= :y2 AND date < :y3 THEN amount_fen ELSE 0 END) AS q2,
                          SUM(CASE WHEN date >= :y3 AND date < :y4 THEN amount_fen ELSE 0 END) AS q3,
                          SUM(CASE WHEN date >= :y4 THEN amount_fen ELSE 0 END) AS q4,
                          SUM(amount_fen) AS to_date,
                          SUM(CASE WHEN date >= :mstart THEN amount_fen ELSE 0 END) AS month,
                          SUM(date >= :y1) AS entries_in_year
                     FROM spending
                    WHERE date <= :end {recorded}
                    GROUP BY project_id)
            SELECT {PROJECT_COLUMNS},
                   CASE WHEN s.has_plan THEN COALESCE((SELECT amount_yuan FROM version_plan_year
                                                        WHERE version_id = s.id AND year = :year), 0)
                        WHEN :year BETWEEN s.start_year AND s.end_year
                        THEN s.estimate_yuan / (s.end_year - s.start_year + 1)
                             + (:year - s.start_year < s.estimate_yuan % (s.end_year - s.start_year + 1))
                        ELSE 0 END,
                   CASE WHEN s.has_plan THEN COALESCE((SELECT SUM(amount_yuan) FROM version_plan_year
                                                        WHERE version_id = s.id AND year < :year), 0)
                        ELSE MAX(0, MIN(:year - s.start_year, s.end_year - s.start_year + 1))
                               * (s.estimate_yuan / (s.end_year - s.start_year + 1))
                             + MIN(MAX(0, MIN(:year - s.start_year, s.end_year - s.start_year + 1)),
                                   s.estimate_yuan % (s.end_year - s.start_year + 1)) END,
                   COALESCE(sp.q1, 0), COALESCE(sp.q2, 0), COALESCE(sp.q3, 0), COALESCE(sp.q4, 0),
                   COALESCE(sp.to_date, 0), COALESCE(sp.month, 0)
              {PROJECT_FROM}
              LEFT JOIN sp ON sp.project_id = s.project_id
             WHERE (:year BETWEEN s.start_year AND s.end_year OR COALESCE(sp.entries_in_year, 0) > 0)
                   {filter_sql}
             ORDER BY s.table_no, p.no, p.id"
        );
        let mut params = view.params();
        params.push((":year", Value::Integer(year.into())));
        for (i, key) in [":y1", ":y2", ":y3", ":y4"].into_iter().enumerate() {
            params.push((key, Value::Text(format!("{year}-{:02}-01", 3 * i + 1))));
        }
        params.push((":end", Value::Text(end.to_string())));
        // No month: a start after every date counted.
        let mstart = q
            .month_start
            .clone()
            .unwrap_or_else(|| "9999-12-31".to_string());
        params.push((":mstart", Value::Text(mstart)));
        params.extend(filter_values);
        self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let mut rows = stmt.query(named(&params).as_slice())?;
            while let Some(r) = rows.next()? {
                // Budgets are whole 元; what was spent, exact to the 分.
                let yuan = |i: usize| r.get::<_, i64>(i).map(Money::from_yuan);
                let fen = |i: usize| r.get::<_, i64>(i).map(Money::from_fen);
                f(BudgetRow {
                    project: project_from_row(r)?,
                    budget_year: yuan(13)?,
                    budget_before: yuan(14)?,
                    actual_quarters: [fen(15)?, fen(16)?, fen(17)?, fen(18)?],
                    actual_to_date: fen(19)?,
                    actual_month: fen(20)?,
                })?;
            }
            Ok(())
        })
    }
}

impl Store {
    /// Spending summed by `by` over the entries `filter` lets through, one GROUP BY in
    /// SQLite: by category (the project's current table, as its number), project, month
    /// (`2024-05`) or quarter (`2024Q2`); by department one row per project with its
    /// current departments, in the plan's order.
    pub fn spending_totals(
        &self,
        by: SpendingBy,
        filter: &SpendingFilter,
    ) -> Result<Vec<SpendingSum>> {
        let (filter_sql, values) = spending_filter_sql(filter);
        let key = match by {
            SpendingBy::Category => "CAST(cur.table_no AS TEXT)",
            SpendingBy::Department | SpendingBy::Project => "e.project_id",
            SpendingBy::Month => "substr(e.date, 1, 7)",
            SpendingBy::Quarter => {
                "substr(e.date, 1, 4) || 'Q' || ((CAST(substr(e.date, 6, 2) AS INTEGER) + 2) / 3)"
            }
        };
        let order = match by {
            SpendingBy::Category => "MIN(cur.table_no)",
            SpendingBy::Department | SpendingBy::Project => "MIN(cur.table_no), MIN(p.no), 1",
            SpendingBy::Month | SpendingBy::Quarter => "1",
        };
        let departments = if by == SpendingBy::Department {
            "(SELECT group_concat(d.name, char(31) ORDER BY vd.position) FROM version_department vd
                JOIN department d ON d.id = vd.department_id
               WHERE vd.version_id = MAX(cur.id))"
        } else {
            "NULL"
        };
        let sql = format!(
            "SELECT {key}, COUNT(*), SUM(e.amount_fen), {departments}
               FROM spending e
               JOIN project p ON p.id = e.project_id
               JOIN project_version cur
                 ON cur.id = (SELECT MAX(id) FROM project_version WHERE project_id = e.project_id)
              {filter_sql}
              GROUP BY 1 ORDER BY {order}"
        );
        self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(named(&values).as_slice(), |r| {
                    let departments: Option<String> = r.get(3)?;
                    Ok(SpendingSum {
                        key: r.get(0)?,
                        entries: r.get(1)?,
                        amount: Money::from_fen(r.get(2)?),
                        departments: departments
                            .map(|d| d.split('\u{1f}').map(str::to_string).collect())
                            .unwrap_or_default(),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }
}

/// A setting's latest value.
const SETTING_SQL: &str = "SELECT value FROM setting WHERE key = ?1 ORDER BY id DESC LIMIT 1";

impl Tx<'_> {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(SETTING_SQL, [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a ledger setting (a new row of the settings' log) and records the change in
    /// the history.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<Option<String>> {
        let old = self.setting(key)?;
        self.name_action("config");
        self.insert(Table::Setting, &[Field::Text(key), Field::Text(value)])?;
        let stamp = self.stamp().clone();
        let today = stamp.recorded_at.get(..10).unwrap_or_default().to_string();
        let fields = history_fields(
            &stamp,
            &today,
            None,
            "config",
            key,
            old.as_deref(),
            Some(value),
            (None, None),
            None,
        );
        self.insert(Table::History, &fields)?;
        Ok(old)
    }

    /// One entry by id.
    pub fn entry(&self, id: i64) -> Result<Option<Entry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM spending e WHERE e.id = ?1");
        Ok(self
            .conn()
            .query_row(&sql, [id], entry_from_row)
            .optional()?)
    }

    /// The dates of a project's payments that stand (neither reversed nor reversals), in
    /// date order.
    pub fn payment_dates(&self, project_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT e.date FROM spending e
              WHERE e.project_id = ?1 AND e.reverses IS NULL
                AND NOT EXISTS (SELECT 1 FROM spending r WHERE r.reverses = e.id)
              ORDER BY e.date, e.id",
        )?;
        let dates = stmt
            .query_map([project_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(dates)
    }

    /// A project's spending to date (all entries).
    pub fn actual_total(&self, project_id: &str) -> Result<Money> {
        let yuan: i64 = self.conn().query_row(
            "SELECT COALESCE(SUM(amount_fen), 0) FROM spending WHERE project_id = ?1",
            [project_id],
            |r| r.get(0),
        )?;
        Ok(Money::from_fen(yuan))
    }

    /// Every project's spending to date, for checks over many rows at once.
    pub fn actual_totals(&self) -> Result<std::collections::HashMap<String, Money>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT project_id, SUM(amount_fen) FROM spending GROUP BY project_id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, Money::from_fen(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Whether an entry with the same project, date, amount and voucher exists.
    pub fn same_entry_exists(&self, e: &NewEntry<'_>) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id FROM spending WHERE project_id = ?1 AND date = ?2 AND amount_fen = ?3
                   AND voucher IS ?4 LIMIT 1",
            )?
            .query_row(
                params![e.project_id, e.date, e.amount.fen(), e.voucher],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// How many spending entries the ledger holds.
    pub fn spending_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*) FROM spending", [], |r| r.get(0))?)
    }

    /// For a bulk import: drops the two secondary indexes of `spending`, so that rows are
    /// appended without a random B-tree insert each; [`Tx::restore_spending_indexes`]
    /// builds them again by sorting, inside the same transaction (a crash or an error
    /// rolls both back).
    /// The running total's and the monthly spending's triggers go too: both are summed
    /// once at the end instead of updated a million times.
    pub fn suspend_spending_indexes(&mut self) -> Result<()> {
        self.conn().execute_batch(
            "DROP INDEX IF EXISTS spending_by_project;
             DROP TRIGGER IF EXISTS spending_running_total; DROP TRIGGER IF EXISTS spending_month_total;",
        )?;
        Ok(())
    }

    /// Builds the indexes [`Tx::suspend_spending_indexes`] dropped (as `schema.sql`
    /// defines them; a test checks the two agree), makes the two triggers again, sums
    /// the payments' total from the records (a total past SQLite's integers is kept as a
    /// real, which the write's limit check then refuses) and adds `months`, the entries
    /// appended meanwhile, to the spending per month.
    pub fn restore_spending_indexes(
        &mut self,
        months: super::aggregates::MonthDeltas,
    ) -> Result<()> {
        self.conn().execute_batch(SPENDING_INDEXES)?;
        self.conn().execute_batch(SPENDING_RUNNING_TOTAL)?;
        let total = match super::checks::records_sum(self.conn(), super::checks::PAYMENTS_SUM)? {
            Some(n) => rusqlite::types::Value::Integer(n),
            None => rusqlite::types::Value::Real(1e19),
        };
        self.conn().execute(
            "UPDATE running_total SET amount = ?1 WHERE kind = 'payments_fen'",
            [total],
        )?;
        months.flush(self.conn())
    }

    /// The entries of import `import_id` that repeat an earlier entry's project, date,
    /// amount and voucher: (entry, the first earlier one), in entry order. One query
    /// over the covering index instead of a lookup per imported row.
    pub fn repeated_entries(&self, import_id: i64) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, same FROM (
                 SELECT n.id, (SELECT MIN(o.id) FROM spending o
                                WHERE o.project_id = n.project_id AND o.date = n.date
                                  AND o.amount_fen = n.amount_fen AND o.voucher IS n.voucher
                                  AND o.id < n.id) AS same
                   FROM spending n WHERE n.import_id = ?1)
              WHERE same IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt
            .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// Column `i` of `r` as text, borrowed from SQLite's row.
fn text_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)
}

impl Tx<'_> {
    /// [`Tx::repeated_entries`] for the entries from `first_id` on, when they make up at
    /// least half of the ledger (a bulk import): one pass over the covering index in key
    /// order, where repeats sit side by side, instead of one probe per imported row
    /// (1,000,000 rows: about 0.5 s instead of 4 s).
    pub fn repeated_entries_from(&self, first_id: i64) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn().prepare(
            "SELECT project_id, date, amount_fen, voucher, id FROM spending INDEXED BY spending_by_project
              ORDER BY project_id, date, amount_fen, voucher, id",
        )?;
        let mut rows = stmt.query([])?;
        let (mut project, mut date, mut amount) = (String::new(), String::new(), 0_i64);
        let mut voucher: Option<String> = None;
        let mut first: Option<i64> = None;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let p = text_at(r, 0)?.unwrap_or_default();
            let d = text_at(r, 1)?.unwrap_or_default();
            let a: i64 = r.get(2)?;
            let v = text_at(r, 3)?;
            let id: i64 = r.get(4)?;
            match first {
                Some(same)
                    if p == project && d == date && a == amount && v == voucher.as_deref() =>
                {
                    if id >= first_id {
                        out.push((id, same));
                    }
                }
                _ => {
                    project.clear();
                    project.push_str(p);
                    date.clear();
                    date.push_str(d);
                    amount = a;
                    voucher = v.map(str::to_string);
                    first = Some(id);
                }
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// Appends one entry and returns its id.
    pub fn insert_entry(&mut self, e: &NewEntry<'_>) -> Result<i64> {
        let stamp = self.stamp().clone();
        self.name_action(if e.reverses.is_some() {
            "reverse"
        } else {
            "spend"
        });
        self.insert(Table::Spending, &e.fields(&stamp))
    }

    /// A [`Sealer`] for entries to be appended after the last one, to compute their
    /// hashes on another thread, and the [`Appender`] that inserts them in that order
    /// (with [`NewEntry::fields`] and the same stamp).
    pub fn spending_sealer(&mut self) -> Result<Sealer> {
        self.sealer(Table::Spending)
    }

    pub fn spending_appender(&mut self) -> Result<Appender<'_>> {
        self.appender(Table::Spending)
    }

    /// When a file with this content was imported before: (recorded at, file name).
    pub fn imported_before(&self, kind: &str, sha256: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT recorded_at, file_name FROM import_file WHERE kind = ?1 AND sha256 = ?2 ORDER BY id LIMIT 1",
                params![kind, sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Registers an imported file (its content's SHA-256) and returns its id.
    pub fn record_import(&mut self, kind: &str, sha256: &str, file_name: &str) -> Result<i64> {
        let stamp = self.stamp().clone();
        self.name_action("import");
        self.insert(
            Table::ImportFile,
            &[
                Field::Text(kind),
                Field::Text(sha256),
                Field::Text(file_name),
                Field::Text(&stamp.recorded_at),
                Field::Text(&stamp.actor),
            ],
        )
    }

    /// Every project's versions (status, estimate, schedule by effective date), for
    /// judging many imported payments each by its own date.
    pub fn project_timelines(&self) -> Result<std::collections::HashMap<String, Timeline>> {
        let mut stmt = self.conn().prepare(
            "SELECT project_id, effective_date, status, estimate_yuan, start_year, end_year
               FROM project_version ORDER BY project_id, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: std::collections::HashMap<String, Timeline> = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            let status: String = r.get(2)?;
            let summary = ProjectSummary {
                status: Status::from_code(&status).unwrap_or(Status::Planned),
                estimate: Money::from_yuan(r.get(3)?),
                schedule: crate::domain::Schedule {
                    start: r.get(4)?,
                    end: r.get(5)?,
                },
            };
            out.entry(r.get(0)?)
                .or_default()
                .0
                .push((r.get(1)?, summary));
        }
        Ok(out)
    }

    /// Every project's current status, estimate and schedule, for checks over many rows
    /// at once.
    pub fn project_summaries(&self) -> Result<std::collections::HashMap<String, ProjectSummary>> {
        let params = View::CURRENT.params();
        let sql = format!(
            "{STATE_SQL}SELECT project_id, status, estimate_yuan, start_year, end_year FROM state"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map(named(&params).as_slice(), |r| {
                let status: String = r.get(1)?;
                Ok((
                    r.get::<_, String>(0)?,
                    ProjectSummary {
                        status: Status::from_code(&status).unwrap_or(Status::Planned),
                        estimate: Money::from_yuan(r.get(2)?),
                        schedule: crate::domain::Schedule {
                            start: r.get(3)?,
                            end: r.get(4)?,
                        },
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rebuilt_indexes_are_the_schemas() {
        let schema = include_str!("../../schema.sql");
        for statement in super::SPENDING_INDEXES.lines() {
            assert!(schema.contains(statement), "{statement}");
        }
        assert!(schema.contains(super::SPENDING_RUNNING_TOTAL));
    }
}
