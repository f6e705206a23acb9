//! The figures `reconcile` compares, all read in one snapshot: the plan's stated
//! subtotals, the seeded (original) and current estimates per table, and the current
//! allocation of every project.

use super::projects::{categories, for_each_state_row, query_state};
use super::state::View;
use super::Store;
use crate::domain::category::Category;
use crate::domain::{Money, Schedule};
use crate::error::Result;
use crate::i18n::msg;
use std::collections::BTreeMap;

/// The sum of the projects' current estimates (元), from the records.
pub(super) const ESTIMATES_SUM: &str = "SELECT COALESCE(SUM(estimate_yuan), 0) FROM project_version
  WHERE id IN (SELECT MAX(id) FROM project_version GROUP BY project_id)";

/// The sum of all payments (分, reversals not subtracted), from the records.
pub(super) const PAYMENTS_SUM: &str =
    "SELECT COALESCE(SUM(amount_fen), 0) FROM spending WHERE amount_fen > 0";

/// The running total `kind` as the file keeps it (an integer; a real once past SQLite's
/// integers; none if the row is gone).
pub(super) fn kept_total(
    conn: &rusqlite::Connection,
    kind: &str,
) -> Result<Option<rusqlite::types::Value>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT amount FROM running_total WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )
        .optional()?)
}

/// A sum over the records ([`ESTIMATES_SUM`], [`PAYMENTS_SUM`]); none when it is past
/// SQLite's integers.
pub(super) fn records_sum(conn: &rusqlite::Connection, sql: &str) -> Result<Option<i64>> {
    match conn.query_row(sql, [], |r| r.get(0)) {
        Ok(n) => Ok(Some(n)),
        Err(e) if super::write::is_overflow(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A running total that differs from its records: which, what the file keeps (absent,
/// or not an integer, as text), and what the records sum to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunningTotalMismatch {
    pub kind: &'static str,
    pub kept: String,
    pub summed: String,
}

/// A project's current estimate and schedule with the year allocation SQLite computed.
#[derive(Clone, Debug)]
pub struct ProjectAllocation {
    pub id: String,
    pub estimate: Money,
    pub schedule: Schedule,
    /// Whether `years` is an explicit annual plan rather than the even spread.
    pub has_plan: bool,
    pub years: Vec<(i32, Money)>,
}

/// One appendix table with the sum of its projects' estimates as seeded and as now.
#[derive(Clone, Debug)]
pub struct CategorySums {
    pub category: Category,
    pub original: Money,
    pub current: Money,
}

#[derive(Clone, Debug)]
pub struct ReconcileData {
    pub categories: Vec<CategorySums>,
    pub projects: Vec<ProjectAllocation>,
    /// Sums of estimates over all projects: as seeded, and now.
    pub original_total: Money,
    pub current_total: Money,
    /// The current allocation summed per year.
    pub year_totals: Vec<(i32, Money)>,
    /// The sum of every department's current share.
    pub department_shares: Money,
}

fn sums_by_table(c: &rusqlite::Connection, view: View) -> Result<Vec<(u8, Money)>> {
    query_state(
        c,
        view,
        "SELECT table_no, SUM(estimate_yuan) FROM state GROUP BY table_no",
        Vec::new(),
        |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))),
    )
}

impl Store {
    /// The figures `reconcile` compares, in `view` (the plan's own figures are always the
    /// seeded ones).
    pub fn reconcile_data(&self, view: View) -> Result<ReconcileData> {
        self.read(|c| {
            let original = sums_by_table(c, View::ORIGINAL)?;
            let current = sums_by_table(c, view)?;
            let find = |list: &[(u8, Money)], t: u8| {
                list.iter().find(|(n, _)| *n == t).map_or(Money::ZERO, |(_, m)| *m)
            };
            let categories = categories(c)?
                .into_iter()
                .map(|category| CategorySums {
                    original: find(&original, category.table),
                    current: find(&current, category.table),
                    category,
                })
                .collect();

            // One pass over the projects joined with their allocation, in id order, each
            // row folded in as it comes (a project, then its years). The year totals are
            // summed from the same rows rather than by another pass over `alloc`.
            let mut projects: Vec<ProjectAllocation> = Vec::new();
            let mut by_year: BTreeMap<i32, i64> = BTreeMap::new();
            for_each_state_row(
                c,
                view,
                "SELECT s.project_id, s.estimate_yuan, s.start_year, s.end_year, s.has_plan, a.year, a.amount_yuan
                   FROM state s LEFT JOIN alloc a ON a.project_id = s.project_id
                  ORDER BY s.project_id, a.year",
                Vec::new(),
                |r| {
                    let id = r.get_ref(0)?.as_str().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
                    })?;
                    if projects.last().is_none_or(|p| p.id != id) {
                        projects.push(ProjectAllocation {
                            id: id.to_string(),
                            estimate: Money::from_yuan(r.get(1)?),
                            schedule: Schedule { start: r.get(2)?, end: r.get(3)? },
                            has_plan: r.get(4)?,
                            years: Vec::new(),
                        });
                    }
                    let year: Option<i32> = r.get(5)?;
                    let amount: Option<i64> = r.get(6)?;
                    if let (Some(year), Some(amount), Some(p)) = (year, amount, projects.last_mut()) {
                        p.years.push((year, Money::from_yuan(amount)));
                        *by_year.entry(year).or_insert(0) += amount;
                    }
                    Ok(())
                },
            )?;
            let year_totals = by_year
                .into_iter()
                .map(|(y, m)| (y, Money::from_yuan(m)))
                .collect();
            let department_shares = query_state(
                c,
                view,
                "SELECT COALESCE(SUM(share_yuan), 0) FROM share",
                Vec::new(),
                |r| Ok(Money::from_yuan(r.get(0)?)),
            )?
            .into_iter()
            .sum();
            Ok(ReconcileData {
                original_total: original.iter().map(|(_, m)| *m).sum(),
                current_total: current.iter().map(|(_, m)| *m).sum(),
                categories,
                projects,
                year_totals,
                department_shares,
            })
        })
    }
}

/// The ledger's two limited sums (estimates in 元, payments in 分), computed wide (each value split into its high and
/// low 32 bits, summed apart by SQLite, joined here in an `i128`), so that even a ledger
/// written before the limits can be measured against them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LedgerSums {
    pub estimates_yuan: i128,
    pub payments_fen: i128,
}

impl Store {
    pub fn ledger_sums(&self) -> Result<LedgerSums> {
        self.read(|c| {
            let wide = |sql: &str| -> Result<i128> {
                let (hi, lo): (i64, i64) = c.query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok((i128::from(hi) << 32) + i128::from(lo))
            };
            Ok(LedgerSums {
                estimates_yuan: wide(
                    "SELECT COALESCE(SUM(estimate_yuan >> 32), 0), COALESCE(SUM(estimate_yuan & 4294967295), 0)
                       FROM project_version
                      WHERE id IN (SELECT MAX(id) FROM project_version GROUP BY project_id)",
                )?,
                payments_fen: wide(
                    "SELECT COALESCE(SUM(amount_fen >> 32), 0), COALESCE(SUM(amount_fen & 4294967295), 0)
                       FROM spending WHERE amount_fen > 0",
                )?,
            })
        })
    }
}

/// A version that is not its predecessor plus the changes its history records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayProblem {
    pub project: String,
    pub version: i64,
    pub what: crate::i18n::Text,
}

/// A version's fields as the history writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct VersionText {
    fields: std::collections::BTreeMap<&'static str, String>,
}

/// The fields a history record can set, and how a version reads in each.
const REPLAYED: [&str; 9] = [
    "category",
    "group",
    "description",
    "estimate_wan",
    "stage",
    "schedule",
    "departments",
    "status",
    "plan",
];

impl Store {
    /// Replays the history: every version must equal its predecessor plus the field
    /// changes recorded for it (a created project: the fields it was created with; a
    /// seeded one: its seeded estimate). Names each version that does not.
    pub fn replay_history(&self) -> Result<Vec<ReplayProblem>> {
        self.read(|c| {
            let names: std::collections::HashMap<i64, String> = c
                .prepare("SELECT table_no, name FROM category")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut changes: std::collections::HashMap<i64, Vec<(String, Option<String>)>> =
                std::collections::HashMap::new();
            {
                let mut stmt = c.prepare(
                    "SELECT version_id, field, new_value FROM history
                      WHERE version_id IS NOT NULL ORDER BY id",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    changes
                        .entry(r.get(0)?)
                        .or_default()
                        .push((r.get(1)?, r.get(2)?));
                }
            }
            let mut stmt = c.prepare(
                "SELECT v.id, v.project_id, v.change, v.table_no, v.group_name, v.description,
                        v.status, v.estimate_yuan, v.stage, v.start_year, v.end_year, v.has_plan,
                        (SELECT group_concat(d.name, '、' ORDER BY vd.position)
                           FROM version_department vd JOIN department d ON d.id = vd.department_id
                          WHERE vd.version_id = v.id),
                        (SELECT group_concat(py.year || '=' || py.amount_yuan, ' ' ORDER BY py.year)
                           FROM version_plan_year py WHERE py.version_id = v.id)
                   FROM project_version v ORDER BY v.project_id, v.id",
            )?;
            let mut rows = stmt.query([])?;
            let mut problems = Vec::new();
            let mut previous: Option<(String, VersionText)> = None;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let project: String = r.get(1)?;
                let change: String = r.get(2)?;
                let table: i64 = r.get(3)?;
                let estimate = Money::from_yuan(r.get(7)?);
                let schedule = Schedule {
                    start: r.get(9)?,
                    end: r.get(10)?,
                };
                let plan: Option<String> = r.get(13)?;
                let plan = match plan {
                    None => "even".to_string(),
                    Some(p) => p
                        .split(' ')
                        .map(|item| match item.split_once('=') {
                            Some((y, yuan)) => format!(
                                "{y}={}",
                                Money::from_yuan(yuan.parse().unwrap_or_default())
                            ),
                            None => item.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                let mut text = VersionText::default();
                for (k, v) in [
                    ("category", names.get(&table).cloned().unwrap_or_default()),
                    ("group", r.get(4)?),
                    ("description", r.get(5)?),
                    ("estimate_wan", estimate.plain()),
                    ("stage", r.get(8)?),
                    ("schedule", schedule.to_string()),
                    (
                        "departments",
                        r.get::<_, Option<String>>(12)?.unwrap_or_default(),
                    ),
                    ("status", r.get(6)?),
                    ("plan", plan),
                ] {
                    text.fields.insert(k, v);
                }
                let recorded = changes.remove(&id).unwrap_or_default();
                let mut bad = |what: crate::i18n::Text| {
                    problems.push(ReplayProblem {
                        project: project.clone(),
                        version: id,
                        what,
                    })
                };
                let first = previous.as_ref().is_none_or(|(p, _)| *p != project);
                if recorded.is_empty() {
                    bad(msg::replay_no_history());
                } else if first {
                    for (field, new) in &recorded {
                        let new = new.as_deref().unwrap_or_default();
                        let expected = match (change.as_str(), field.as_str()) {
                            // A version-1 ledger's projects: their status and stage.
                            ("seed", "project") => Some(format!(
                                "{} {}",
                                text.fields["status"], text.fields["stage"]
                            )),
                            (_, f) => REPLAYED
                                .iter()
                                .find(|k| **k == f)
                                .map(|k| text.fields[k].clone()),
                        };
                        if let Some(expected) = expected {
                            if expected != new {
                                bad(msg::replay_history_differs(field, &expected, new));
                            }
                        }
                    }
                    if change == "create" {
                        for k in REPLAYED.iter().filter(|k| **k != "plan") {
                            if !recorded.iter().any(|(f, _)| f == k) {
                                bad(msg::replay_created_without(k));
                            }
                        }
                    }
                } else if let Some((_, before)) = &previous {
                    let mut expected = before.clone();
                    for (field, new) in &recorded {
                        if let Some(k) = REPLAYED.iter().find(|k| **k == field.as_str()) {
                            expected.fields.insert(k, new.clone().unwrap_or_default());
                        }
                    }
                    for k in REPLAYED {
                        if expected.fields[k] != text.fields[k] {
                            bad(msg::replay_predecessor_differs(
                                k,
                                &text.fields[k],
                                &expected.fields[k],
                            ));
                        }
                    }
                }
                previous = Some((project, text));
            }
            // History records of versions that do not exist.
            for (version, _) in changes {
                problems.push(ReplayProblem {
                    project: String::new(),
                    version,
                    what: msg::replay_missing_version(),
                });
            }
            Ok(problems)
        })
    }

    /// The running totals the insert triggers keep, each against a full recomputation
    /// from the records: those that differ (a bug, or a change behind the program's
    /// back).
    pub fn running_total_mismatches(&self) -> Result<Vec<RunningTotalMismatch>> {
        let mut out = Vec::new();
        for (kind, sql) in [
            ("estimates_yuan", ESTIMATES_SUM),
            ("payments_fen", PAYMENTS_SUM),
        ] {
            let kept = kept_total(&self.conn, kind)?;
            // A sum past SQLite's integers (which `check`'s ledger-limits row reports)
            // matches a kept total that became a real on its way past them.
            let summed = records_sum(&self.conn, sql)?;
            use rusqlite::types::Value;
            let kept = match (kept, summed) {
                (Some(Value::Integer(n)), Some(s)) if n == s => continue,
                (Some(Value::Real(_)), None) => continue,
                (Some(Value::Integer(n)), _) => n.to_string(),
                (Some(other), _) => format!("{other:?}"),
                (None, _) => "—".to_string(),
            };
            out.push(RunningTotalMismatch {
                kind,
                kept,
                summed: summed.map_or_else(|| format!("> {}", i64::MAX), |s| s.to_string()),
            });
        }
        Ok(out)
    }

    /// The append-only triggers `schema.sql` makes that the file lacks.
    pub fn missing_triggers(&self) -> Result<Vec<String>> {
        let present: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(super::open::schema_triggers()
            .into_iter()
            .filter(|t| !present.iter().any(|p| p == t))
            .collect())
    }

    /// Rows whose references lead nowhere (`PRAGMA foreign_key_check`): table and row.
    pub fn broken_references(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// Records dated or recorded after today, which only a release before such dates were
/// refused could write: where they are, to correct (see the user guide). A version
/// superseded by a later change, or an entry reversed, is corrected and not listed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FutureRecords {
    /// (project, effective date) of projects whose latest version is effective after today.
    pub versions: Vec<(String, String)>,
    /// (entry, project, date) of payments dated after today and not reversed.
    pub entries: Vec<(i64, String, String)>,
    /// (journal record, recorded at) of writes recorded after now.
    pub records: Vec<(i64, String)>,
}

impl Store {
    /// Versions effective, payments dated and journal records recorded after `today` /
    /// `now` (a recorded-at stamp).
    pub fn future_records(&self, today: &str, now: &str) -> Result<FutureRecords> {
        self.read(|c| {
            let versions = c
                .prepare(
                    "SELECT project_id, effective_date FROM project_version v
                      WHERE effective_date > ?1
                        AND id = (SELECT MAX(id) FROM project_version WHERE project_id = v.project_id)
                      ORDER BY id",
                )?
                .query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let entries = c
                .prepare(
                    "SELECT id, project_id, date FROM spending e
                      WHERE date > ?1 AND reverses IS NULL
                        AND NOT EXISTS (SELECT 1 FROM spending r WHERE r.reverses = e.id)
                      ORDER BY id",
                )?
                .query_map([today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let records = c
                .prepare("SELECT seq, recorded_at FROM journal WHERE recorded_at > ?1 ORDER BY seq")?
                .query_map([now], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(FutureRecords {
                versions,
                entries,
                records,
            })
        })
    }
}
