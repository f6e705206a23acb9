//! Which state of the ledger a query reads, and the SQL that reconstructs it.
//!
//! Every read goes through [`STATE_SQL`]: a CTE that picks each project's version as of a
//! date (or the plan's seed version), among the records known at a journal record, spreads estimates over years (or takes the
//! explicit annual plan), and shares estimates among departments. The allocation rule
//! here must agree with `domain::allocation`; `reconcile` checks that it does.

use chrono::NaiveDate;
use rusqlite::types::Value;

/// Which state by effective date a query reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum At {
    /// Everything recorded so far.
    #[default]
    Current,
    /// As the ledger stood at the end of this date, by effective dates.
    AsOf(NaiveDate),
    /// The plan's own figures: each appendix project as seeded (new projects are absent).
    Original,
}

/// The state a query reads: by effective date ([`At`]), and by recorded time — only
/// the records of the journal up to `known` (what the ledger held at that moment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct View {
    pub at: At,
    pub known: Option<i64>,
}

impl View {
    pub const CURRENT: View = View {
        at: At::Current,
        known: None,
    };
    pub const ORIGINAL: View = View {
        at: At::Original,
        known: None,
    };

    pub fn as_of(date: NaiveDate) -> View {
        View {
            at: At::AsOf(date),
            known: None,
        }
    }

    /// The same view restricted to what journal record `seq` and those before it hold.
    pub fn known_at(self, seq: Option<i64>) -> View {
        View { known: seq, ..self }
    }

    /// The last day the view reaches by effective date (`None`: no bound).
    pub fn as_of_date(self) -> Option<NaiveDate> {
        match self.at {
            At::AsOf(d) => Some(d),
            _ => None,
        }
    }

    /// The named parameters [`STATE_SQL`] needs.
    pub(super) fn params(self) -> Vec<(&'static str, Value)> {
        let (original, as_of) = match self.at {
            At::Current => (0, "9999-12-31".to_string()),
            At::AsOf(d) => (0, d.format("%Y-%m-%d").to_string()),
            At::Original => (1, String::new()),
        };
        vec![
            (":original", Value::Integer(original)),
            (":as_of", Value::Text(as_of)),
            (":known", Value::Integer(self.known.unwrap_or(i64::MAX))),
        ]
    }
}

/// `state`: one row per project, its version in the view; `alloc`: its amount per year;
/// `share`: each lead department's share of its estimate (with the whole estimate beside it).
pub(super) const STATE_SQL: &str = "
WITH RECURSIVE
latest (vid) AS (
    SELECT MAX(id) FROM project_version
     WHERE CASE WHEN :original THEN change = 'seed' ELSE effective_date <= :as_of END
       AND jseq <= :known
     GROUP BY project_id),
state AS (SELECT v.* FROM project_version v JOIN latest l ON l.vid = v.id),
span (project_id, year, start_year, end_year, n, est) AS (
    SELECT project_id, start_year, start_year, end_year, end_year - start_year + 1, estimate_yuan
      FROM state WHERE has_plan = 0
    UNION ALL
    SELECT project_id, year + 1, start_year, end_year, n, est FROM span WHERE year < end_year),
alloc (project_id, year, amount_yuan) AS (
    SELECT project_id, year, est / n + (year - start_year < est % n) FROM span
    UNION ALL
    SELECT s.project_id, py.year, py.amount_yuan
      FROM state s JOIN version_plan_year py ON py.version_id = s.id WHERE s.has_plan = 1),
share (project_id, department_id, position, estimate_yuan, share_yuan) AS (
    SELECT s.project_id, vd.department_id, vd.position, s.estimate_yuan,
           s.estimate_yuan / n.n + (vd.position < s.estimate_yuan % n.n)
      FROM state s
      JOIN (SELECT version_id, COUNT(*) AS n FROM version_department
             WHERE version_id IN (SELECT id FROM state) GROUP BY version_id) n
        ON n.version_id = s.id
      JOIN version_department vd ON vd.version_id = s.id)
";

/// [`STATE_SQL`] for one project, named `:id`: its `latest` reads that project's versions
/// through the index on (project_id, id) rather than grouping every project's, so a
/// project's page costs the same at any size of ledger.
pub(super) static STATE_SQL_ONE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    STATE_SQL.replacen(
        "GROUP BY project_id",
        "AND project_id = :id GROUP BY project_id",
        1,
    )
});

/// The columns of a project row in `state`, read by `projects::project_from_row`.
pub(super) const PROJECT_COLUMNS: &str = "
    s.project_id, s.table_no, c.name, c.name_en, s.group_name, s.description, s.estimate_yuan,
    s.start_year, s.end_year,
    (SELECT group_concat(d.name, '、' ORDER BY vd.position)
       FROM version_department vd JOIN department d ON d.id = vd.department_id
      WHERE vd.version_id = s.id),
    s.status, s.stage, s.has_plan";

/// The FROM clause that goes with [`PROJECT_COLUMNS`].
pub(super) const PROJECT_FROM: &str = "
    FROM state s
    JOIN category c ON c.table_no = s.table_no
    JOIN project p ON p.id = s.project_id";
