//! Tamper evidence over every record. Each write appends one **journal** record; every
//! row the write adds, in any table, carries that record's number (`jseq`) and `rhash`,
//! the SHA-256 of the table's name and the row's fields (its key first, `jseq` last) as
//! canonical JSON. The journal record holds the digest of its rows' hashes, table by
//! table in key order, and its own hash chains it to the record before:
//!
//! `hash = SHA-256(previous hash ‖ [seq, recorded_at, actor, action, rows] ‖ digest)`
//!
//! So a row edited behind the program's back no longer matches its `rhash`; a row
//! added, removed or rehashed no longer matches its journal record's digest; a journal
//! record edited or removed breaks the chain. What the chain alone cannot see is the
//! newest records cut off together with their rows: `check` prints the head (the last
//! record's number and hash) so that a filed report can anchor it (`check --anchor`).

use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use sha2::{Digest as _, Sha256};
use std::io::Write as _;

/// A SHA-256 value.
pub type Digest = [u8; 32];

/// Every table whose rows make up the ledger, in the order a journal digest lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    Category,
    Department,
    Project,
    ProjectVersion,
    VersionDepartment,
    VersionPlanYear,
    History,
    Spending,
    ImportFile,
    Setting,
    PeriodClose,
    IndicatorMeasurement,
    IndicatorLink,
    UserAccount,
    WriteAuth,
    PendingPayment,
    PaymentReview,
}

pub const TABLES: [Table; 17] = [
    Table::Category,
    Table::Department,
    Table::Project,
    Table::ProjectVersion,
    Table::VersionDepartment,
    Table::VersionPlanYear,
    Table::History,
    Table::Spending,
    Table::ImportFile,
    Table::Setting,
    Table::PeriodClose,
    Table::IndicatorMeasurement,
    Table::IndicatorLink,
    Table::UserAccount,
    Table::WriteAuth,
    Table::PendingPayment,
    Table::PaymentReview,
];

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Table::Category => "category",
            Table::Department => "department",
            Table::Project => "project",
            Table::ProjectVersion => "project_version",
            Table::VersionDepartment => "version_department",
            Table::VersionPlanYear => "version_plan_year",
            Table::History => "history",
            Table::Spending => "spending",
            Table::ImportFile => "import_file",
            Table::Setting => "setting",
            Table::PeriodClose => "period_close",
            Table::IndicatorMeasurement => "indicator_measurement",
            Table::IndicatorLink => "indicator_link",
            Table::UserAccount => "user_account",
            Table::WriteAuth => "write_auth",
            Table::PendingPayment => "pending_payment",
            Table::PaymentReview => "payment_review",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Whether rows are numbered by an `id` the writer assigns (one more than the last).
    pub fn has_id(self) -> bool {
        !matches!(
            self,
            Table::Category | Table::Project | Table::VersionDepartment | Table::VersionPlanYear
        )
    }

    /// The hashed columns after `id` (or all of them, key first, for a table without one).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Category => &["table_no", "name", "name_en", "stated_total_yuan"],
            Table::Department => &["name"],
            Table::Project => &["id", "no"],
            Table::ProjectVersion => &[
                "project_id",
                "effective_date",
                "change",
                "table_no",
                "group_name",
                "description",
                "status",
                "estimate_yuan",
                "stage",
                "start_year",
                "end_year",
                "has_plan",
            ],
            Table::VersionDepartment => &["version_id", "position", "department_id"],
            Table::VersionPlanYear => &["version_id", "year", "amount_yuan"],
            Table::History => &[
                "recorded_at",
                "effective_date",
                "actor",
                "project_id",
                "action",
                "field",
                "old_value",
                "new_value",
                "reason",
                "note",
                "version_id",
            ],
            Table::Spending => &[
                "project_id",
                "date",
                "amount_fen",
                "voucher",
                "note",
                "reverses",
                "reason",
                "after_completion",
                "import_id",
                "recorded_at",
                "actor",
            ],
            Table::ImportFile => &["kind", "sha256", "file_name", "recorded_at", "actor"],
            Table::Setting => &["key", "value"],
            Table::PeriodClose => &["action", "period", "through_date", "reason", "reports"],
            Table::IndicatorMeasurement => &[
                "indicator",
                "effective_date",
                "year",
                "value",
                "met",
                "source",
                "reason",
                "recorded_at",
                "actor",
            ],
            Table::IndicatorLink => &[
                "indicator",
                "effective_date",
                "project_id",
                "action",
                "reason",
                "recorded_at",
                "actor",
            ],
            Table::UserAccount => &[
                "name",
                "roles",
                "os_user",
                "password",
                "disabled",
                "action",
                "recorded_at",
                "actor",
            ],
            Table::WriteAuth => &["actor", "method"],
            Table::PendingPayment => &[
                "project_id",
                "date",
                "amount_fen",
                "voucher",
                "note",
                "import_id",
                "recorded_at",
                "actor",
            ],
            Table::PaymentReview => &[
                "pending_id",
                "action",
                "entry",
                "reason",
                "recorded_at",
                "actor",
            ],
        }
    }

    /// The order rows were appended in: their key (rowid for `project`, whose key is text).
    fn order(self) -> &'static str {
        match self {
            Table::Category => "table_no",
            Table::Project => "rowid",
            Table::VersionDepartment => "version_id, position",
            Table::VersionPlanYear => "version_id, year",
            _ => "id",
        }
    }

    /// Which hashed field holds the date a row takes effect or was paid on: what a
    /// closed period refuses.
    fn dated_field(self) -> Option<usize> {
        match self {
            Table::ProjectVersion
            | Table::Spending
            | Table::IndicatorMeasurement
            | Table::IndicatorLink
            | Table::PendingPayment => Some(1),
            _ => None,
        }
    }

    /// Which hashed field holds the project a row is about, to name it in a report.
    fn project_field(self) -> Option<usize> {
        match self {
            Table::Project | Table::ProjectVersion | Table::Spending | Table::PendingPayment => {
                Some(0)
            }
            Table::History => Some(3),
            Table::IndicatorLink => Some(2),
            _ => None,
        }
    }

    /// The statement that appends a row: every column, then `jseq` and `rhash`.
    fn insert_sql(self) -> String {
        let mut cols: Vec<&str> = Vec::new();
        if self.has_id() {
            cols.push("id");
        }
        cols.extend(self.columns());
        let marks: Vec<String> = (1..=cols.len() + 2).map(|i| format!("?{i}")).collect();
        format!(
            "INSERT INTO {} ({}, jseq, rhash) VALUES ({})",
            self.name(),
            cols.join(", "),
            marks.join(", ")
        )
    }

    /// The statement that reads every row in append order, as hashed, with its journal
    /// record and stored hash.
    fn select_sql(self) -> String {
        let mut cols: Vec<&str> = Vec::new();
        if self.has_id() {
            cols.push("id");
        }
        cols.extend(self.columns());
        format!(
            "SELECT {}, jseq, rhash FROM {} ORDER BY {}",
            cols.join(", "),
            self.name(),
            self.order()
        )
    }
}

/// One field of a row, borrowed from wherever the row is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field<'a> {
    Null,
    Int(i64),
    Text(&'a str),
}

impl<'a> Field<'a> {
    pub fn text(t: Option<&'a str>) -> Field<'a> {
        t.map_or(Field::Null, Field::Text)
    }

    pub fn int(n: Option<i64>) -> Field<'a> {
        n.map_or(Field::Null, Field::Int)
    }
}

impl rusqlite::ToSql for Field<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(match *self {
            Field::Null => rusqlite::types::ToSqlOutput::Owned(Value::Null),
            Field::Int(n) => n.into(),
            Field::Text(t) => t.into(),
        })
    }
}

/// Hashes rows, reusing one buffer for their canonical JSON (this runs once per row: a
/// million times in a large import).
#[derive(Clone, Debug, Default)]
pub struct Hasher {
    json: Vec<u8>,
}

impl Hasher {
    /// The JSON array `[id?, fields…, jseq]`, written byte for byte as `serde_json` writes
    /// it (a test compares the two).
    fn json(&mut self, id: Option<i64>, fields: &[Field<'_>], jseq: i64) -> &[u8] {
        let json = &mut self.json;
        json.clear();
        json.push(b'[');
        // Writing into a vector cannot fail.
        if let Some(id) = id {
            let _ = write!(json, "{id},");
        }
        for field in fields {
            match *field {
                Field::Null => json.extend_from_slice(b"null"),
                Field::Int(n) => {
                    let _ = write!(json, "{n}");
                }
                Field::Text(t) => serde_json::to_writer(&mut *json, t).unwrap_or_default(),
            }
            json.push(b',');
        }
        let _ = write!(json, "{jseq}]");
        json
    }

    /// A row's hash: SHA-256 of its table's name, a line break, and `[id?, fields…, jseq]`.
    pub fn row(
        &mut self,
        table: Table,
        id: Option<i64>,
        fields: &[Field<'_>],
        jseq: i64,
    ) -> Digest {
        let mut h = Sha256::new();
        h.update(table.name().as_bytes());
        h.update(b"\n");
        h.update(self.json(id, fields, jseq));
        h.finalize().into()
    }
}

/// Lower-case hex, without a formatting call per byte.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// The rows of one journal record as they are added: per table, how many and the
/// running hash of their hashes.
#[derive(Clone, Default)]
pub struct RowDigest {
    tables: [Option<(Sha256, u64)>; TABLES.len()],
    count: u64,
}

impl RowDigest {
    pub fn add(&mut self, table: Table, rhash: &Digest) {
        let slot = &mut self.tables[table.index()];
        let (h, n) = slot.get_or_insert_with(|| (Sha256::new(), 0));
        h.update(rhash);
        *n += 1;
        self.count += 1;
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// SHA-256 over, for each table with rows (in [`TABLES`] order), its name, its row
    /// count and the hash of its rows' hashes.
    pub fn digest(&self) -> Digest {
        let mut h = Sha256::new();
        for table in TABLES {
            if let Some((rows, n)) = &self.tables[table.index()] {
                h.update(table.name().as_bytes());
                h.update(b"\n");
                h.update(n.to_string().as_bytes());
                h.update(b"\n");
                h.update(rows.clone().finalize());
            }
        }
        h.finalize().into()
    }
}

/// The last journal record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub seq: i64,
    pub hash: Digest,
    pub recorded_at: String,
}

/// What a journal record says of its write.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub seq: i64,
    pub recorded_at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub rows: i64,
    pub digest: Digest,
}

/// A journal record's hash: chained to the record before (`prev`).
pub fn journal_hash(prev: &Digest, e: &Entry<'_>) -> Digest {
    let mut hasher = Hasher::default();
    let fields = [
        Field::Text(e.recorded_at),
        Field::Text(e.actor),
        Field::Text(e.action),
        Field::Int(e.rows),
    ];
    let mut h = Sha256::new();
    h.update(prev);
    h.update(hasher.json(Some(e.seq), &fields, 0));
    h.update(e.digest);
    h.finalize().into()
}

fn digest_of(v: Vec<u8>) -> Digest {
    let mut d = [0_u8; 32];
    if v.len() == 32 {
        d.copy_from_slice(&v);
    }
    d
}

/// The journal's last record (seq 0 and a zero hash for an empty journal).
pub(super) fn head(conn: &Connection) -> Result<Head> {
    let found = conn.query_row(
        "SELECT seq, hash, recorded_at FROM journal ORDER BY seq DESC LIMIT 1",
        [],
        |r| {
            Ok(Head {
                seq: r.get(0)?,
                hash: digest_of(r.get(1)?),
                recorded_at: r.get(2)?,
            })
        },
    );
    match found {
        Ok(h) => Ok(h),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(Head::default()),
        Err(e) => Err(e.into()),
    }
}

/// One write's journal record in the making: the rows it adds, numbered and hashed as
/// they go in, and the record appended at the end ([`Journal::finish`]).
pub struct Journal {
    head: Head,
    seq: i64,
    recorded_at: String,
    actor: String,
    action: Option<String>,
    rows: RowDigest,
    next_ids: [Option<i64>; TABLES.len()],
    hasher: Hasher,
    /// The earliest date a row added takes effect or was paid on.
    earliest: Option<String>,
}

impl Journal {
    /// A record to follow the journal's current head.
    pub fn begin(conn: &Connection, recorded_at: &str, actor: &str) -> Result<Journal> {
        let head = head(conn)?;
        Ok(Journal {
            seq: head.seq + 1,
            head,
            recorded_at: recorded_at.to_string(),
            actor: actor.to_string(),
            action: None,
            rows: RowDigest::default(),
            next_ids: [None; TABLES.len()],
            hasher: Hasher::default(),
            earliest: None,
        })
    }

    /// Whether this record has rows of `table`.
    pub fn touched(&self, table: Table) -> bool {
        self.rows.tables[table.index()].is_some()
    }

    /// The earliest effective or payment date among the rows added.
    pub fn earliest_dated(&self) -> Option<&str> {
        self.earliest.as_deref()
    }

    fn note_dated(&mut self, table: Table, fields: &[Field<'_>]) {
        if let Some(Field::Text(d)) = table.dated_field().and_then(|i| fields.get(i)) {
            if self.earliest.as_deref().is_none_or(|e| *d < e) {
                self.earliest = Some(d.to_string());
            }
        }
    }

    /// The journal's last record before this one.
    pub fn head(&self) -> &Head {
        &self.head
    }

    /// This record's number (every row added now carries it).
    pub fn seq(&self) -> i64 {
        self.seq
    }

    /// What the write does, for the record (first come: later calls keep the first).
    pub fn name_action(&mut self, action: &str) {
        if self.action.is_none() {
            self.action = Some(action.to_string());
        }
    }

    /// The id the next row of `table` gets (one more than the last).
    pub fn next_id(&mut self, conn: &Connection, table: Table) -> Result<i64> {
        let slot = &mut self.next_ids[table.index()];
        let id = match *slot {
            Some(id) => id,
            None => conn.query_row(
                &format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {}", table.name()),
                [],
                |r| r.get(0),
            )?,
        };
        *slot = Some(id);
        Ok(id)
    }

    /// Appends a row of `table` with `fields` (in [`Table::columns`] order, without the
    /// id) and returns its id (0 for a table without one).
    pub fn insert(&mut self, conn: &Connection, table: Table, fields: &[Field<'_>]) -> Result<i64> {
        let id = if table.has_id() {
            Some(self.next_id(conn, table)?)
        } else {
            None
        };
        let rhash = self.hasher.row(table, id, fields, self.seq);
        let mut stmt = conn.prepare_cached(&table.insert_sql())?;
        let jseq = Field::Int(self.seq);
        let id_field = id.map(Field::Int);
        let all = id_field
            .iter()
            .chain(fields)
            .chain([&jseq])
            .map(|f| f as &dyn rusqlite::ToSql)
            .chain([&rhash as &dyn rusqlite::ToSql]);
        stmt.execute(params_from_iter(all))?;
        self.rows.add(table, &rhash);
        self.note_dated(table, fields);
        if let Some(id) = id {
            self.next_ids[table.index()] = Some(id + 1);
        }
        Ok(id.unwrap_or(0))
    }

    /// A [`Sealer`] for rows of `table` to be appended next, hashed on another thread.
    pub fn sealer(&mut self, conn: &Connection, table: Table) -> Result<Sealer> {
        Ok(Sealer {
            table,
            jseq: self.seq,
            next_id: self.next_id(conn, table)?,
            hasher: Hasher::default(),
        })
    }

    /// An [`Appender`] for rows sealed by [`Journal::sealer`], in the same order.
    pub fn appender<'c>(&'c mut self, conn: &'c Connection, table: Table) -> Result<Appender<'c>> {
        let next_id = self.next_id(conn, table)?;
        Ok(Appender {
            stmt: conn.prepare_cached(&table.insert_sql())?,
            journal: self,
            table,
            next_id,
        })
    }

    /// How many rows this record covers so far.
    pub fn rows(&self) -> u64 {
        self.rows.count()
    }

    /// Appends the journal record (if any row was added) and returns the new head.
    pub fn finish(self, conn: &Connection) -> Result<Head> {
        if self.rows.count() == 0 {
            return Ok(self.head);
        }
        let action = self.action.as_deref().unwrap_or("write");
        let entry = Entry {
            seq: self.seq,
            recorded_at: &self.recorded_at,
            actor: &self.actor,
            action,
            rows: i64::try_from(self.rows.count()).unwrap_or(i64::MAX),
            digest: self.rows.digest(),
        };
        let hash = journal_hash(&self.head.hash, &entry);
        conn.prepare_cached(
            "INSERT INTO journal (seq, recorded_at, actor, action, rows, digest, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(rusqlite::params![
            entry.seq,
            entry.recorded_at,
            entry.actor,
            entry.action,
            entry.rows,
            &entry.digest[..],
            &hash[..]
        ])?;
        Ok(Head {
            seq: self.seq,
            hash,
            recorded_at: self.recorded_at,
        })
    }
}

/// A row's id and hash, computed ahead of its insert (on another thread).
#[derive(Clone, Debug)]
pub struct Sealed {
    pub id: i64,
    pub rhash: Digest,
}

/// Numbers and hashes rows of one table to be appended in order, beside the inserts.
#[derive(Clone, Debug)]
pub struct Sealer {
    table: Table,
    jseq: i64,
    next_id: i64,
    hasher: Hasher,
}

impl Sealer {
    /// Seals the next row.
    pub fn seal(&mut self, fields: &[Field<'_>]) -> Sealed {
        let id = self.next_id;
        self.next_id += 1;
        Sealed {
            id,
            rhash: self.hasher.row(self.table, Some(id), fields, self.jseq),
        }
    }
}

/// Appends sealed rows of one table through one prepared statement.
pub struct Appender<'c> {
    stmt: rusqlite::CachedStatement<'c>,
    journal: &'c mut Journal,
    table: Table,
    next_id: i64,
}

impl Appender<'_> {
    /// Appends a row sealed by the table's [`Sealer`]; refused unless it is the next.
    pub fn insert(&mut self, fields: &[Field<'_>], sealed: Sealed) -> Result<i64> {
        if sealed.id != self.next_id {
            return Err(Error::bad_value(
                self.table.name(),
                crate::i18n::msg::sealed_out_of_order(sealed.id, self.next_id),
            ));
        }
        let id = Field::Int(sealed.id);
        let jseq = Field::Int(self.journal.seq);
        let all = std::iter::once(&id)
            .chain(fields)
            .chain([&jseq])
            .map(|f| f as &dyn rusqlite::ToSql)
            .chain([&sealed.rhash as &dyn rusqlite::ToSql]);
        self.stmt.execute(params_from_iter(all))?;
        self.journal.rows.add(self.table, &sealed.rhash);
        self.journal.note_dated(self.table, fields);
        self.next_id += 1;
        self.journal.next_ids[self.table.index()] = Some(self.next_id);
        Ok(sealed.id)
    }
}

/// What is wrong with the journal or one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// A row's fields no longer match its hash.
    Altered {
        table: Table,
        key: String,
        project: Option<String>,
    },
    /// A row whose journal record is missing or out of place.
    Stray {
        table: Table,
        key: String,
        jseq: i64,
    },
    /// The rows of a journal record were changed, added or removed.
    Rows { seq: i64, action: String },
    /// A journal record was altered.
    Record { seq: i64 },
    /// Journal records between these two are missing.
    Removed { after: i64, before: i64 },
}

/// The result of walking the journal and every table.
#[derive(Clone, Debug, Default)]
pub struct ChainReport {
    /// Journal records, and the rows they cover.
    pub records: i64,
    pub rows: i64,
    pub head: Head,
    pub breaks: Vec<Break>,
    /// Whether a journal record with this hash was met (for `check --anchor`).
    pub anchor_found: bool,
}

/// A stored value as a hashed field.
fn field_of(v: &Value) -> Field<'_> {
    match v {
        Value::Null => Field::Null,
        Value::Integer(n) => Field::Int(*n),
        Value::Text(t) => Field::Text(t),
        // The chained tables are STRICT without REAL or BLOB columns among the hashed
        // ones: a float or blob there was forced in and cannot match.
        Value::Real(_) | Value::Blob(_) => Field::Text("\u{0}forced"),
    }
}

/// One table's rows in append order, each peeked before it is taken.
struct Cursor<'s> {
    table: Table,
    rows: rusqlite::Rows<'s>,
    width: usize,
    /// The next row: its values (id first when it has one), jseq and stored hash.
    peeked: Option<(Vec<Value>, i64, Vec<u8>)>,
}

impl Cursor<'_> {
    fn advance(&mut self) -> Result<()> {
        self.peeked = match self.rows.next()? {
            Some(r) => {
                let values = (0..self.width)
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()?;
                Some((values, r.get(self.width)?, r.get(self.width + 1)?))
            }
            None => None,
        };
        Ok(())
    }

    fn key(&self, values: &[Value]) -> String {
        let n = match self.table {
            Table::VersionDepartment | Table::VersionPlanYear => 2,
            _ => 1,
        };
        values
            .iter()
            .take(n)
            .map(|v| match v {
                Value::Integer(i) => i.to_string(),
                Value::Text(t) => t.clone(),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Walks the journal and every table in append order, recomputing every row's hash and
/// every record's digest and chain hash; reports at most 100 breaks. `anchor`: a record
/// hash to look for.
pub(super) fn verify(conn: &Connection, anchor: Option<&Digest>) -> Result<ChainReport> {
    let mut stmts = TABLES
        .iter()
        .map(|t| conn.prepare(&t.select_sql()))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut cursors = Vec::with_capacity(TABLES.len());
    for (table, stmt) in TABLES.iter().zip(stmts.iter_mut()) {
        let width = usize::from(table.has_id()) + table.columns().len();
        let mut c = Cursor {
            table: *table,
            rows: stmt.query([])?,
            width,
            peeked: None,
        };
        c.advance()?;
        cursors.push(c);
    }
    let mut journal = conn.prepare(
        "SELECT seq, recorded_at, actor, action, rows, digest, hash FROM journal ORDER BY seq",
    )?;
    let mut records = journal.query([])?;
    let mut report = ChainReport::default();
    let mut hasher = Hasher::default();
    let mut prev = Head::default();
    let full = |r: &ChainReport| r.breaks.len() >= 100;
    while let Some(r) = records.next()? {
        let seq: i64 = r.get(0)?;
        let recorded_at: String = r.get(1)?;
        let actor: String = r.get(2)?;
        let action: String = r.get(3)?;
        let rows: i64 = r.get(4)?;
        let digest = digest_of(r.get(5)?);
        let stored = digest_of(r.get(6)?);
        report.records += 1;
        if seq != prev.seq + 1 && !full(&report) {
            report.breaks.push(Break::Removed {
                after: prev.seq,
                before: seq,
            });
        }
        let entry = Entry {
            seq,
            recorded_at: &recorded_at,
            actor: &actor,
            action: &action,
            rows,
            digest,
        };
        if journal_hash(&prev.hash, &entry) != stored && !full(&report) {
            report.breaks.push(Break::Record { seq });
        }
        if anchor == Some(&stored) {
            report.anchor_found = true;
        }
        // This record's rows, table by table.
        let mut found = RowDigest::default();
        for c in cursors.iter_mut() {
            while let Some((values, jseq, rhash)) = c.peeked.take() {
                if jseq > seq {
                    c.peeked = Some((values, jseq, rhash));
                    break;
                }
                let fields: Vec<Field<'_>> = values.iter().map(field_of).collect();
                let (id, rest) = if c.table.has_id() {
                    (
                        match fields.first() {
                            Some(Field::Int(n)) => Some(*n),
                            _ => Some(i64::MIN),
                        },
                        &fields[1..],
                    )
                } else {
                    (None, &fields[..])
                };
                let computed = hasher.row(c.table, id, rest, jseq);
                let stored_row = digest_of(rhash);
                if jseq < seq {
                    if !full(&report) {
                        report.breaks.push(Break::Stray {
                            table: c.table,
                            key: c.key(&values),
                            jseq,
                        });
                    }
                } else {
                    if computed != stored_row && !full(&report) {
                        let project = c.table.project_field().and_then(|i| match rest.get(i) {
                            Some(Field::Text(t)) => Some(t.to_string()),
                            _ => None,
                        });
                        report.breaks.push(Break::Altered {
                            table: c.table,
                            key: c.key(&values),
                            project,
                        });
                    }
                    found.add(c.table, &stored_row);
                    report.rows += 1;
                }
                c.advance()?;
            }
        }
        if (found.digest() != digest || i64::try_from(found.count()).ok() != Some(rows))
            && !full(&report)
        {
            report.breaks.push(Break::Rows {
                seq,
                action: action.clone(),
            });
        }
        prev = Head {
            seq,
            hash: stored,
            recorded_at,
        };
    }
    // Rows after the journal's last record: it (and maybe more) was removed.
    for c in cursors.iter_mut() {
        while let Some((values, jseq, _)) = c.peeked.take() {
            if !full(&report) {
                report.breaks.push(Break::Stray {
                    table: c.table,
                    key: c.key(&values),
                    jseq,
                });
            }
            c.advance()?;
        }
    }
    report.head = prev;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The canonical JSON as `serde_json` writes the same array.
    fn via_value(id: Option<i64>, fields: &[Field<'_>], jseq: i64) -> Vec<u8> {
        let mut array: Vec<serde_json::Value> =
            id.map(serde_json::Value::from).into_iter().collect();
        array.extend(fields.iter().map(|f| match *f {
            Field::Null => serde_json::Value::Null,
            Field::Int(n) => serde_json::Value::from(n),
            Field::Text(t) => serde_json::Value::String(t.to_string()),
        }));
        array.push(serde_json::Value::from(jseq));
        serde_json::Value::Array(array).to_string().into_bytes()
    }

    #[test]
    fn the_writer_matches_serde_json_on_awkward_text() {
        let mut hasher = Hasher::default();
        for text in [
            "",
            "\"",
            "\\",
            "a\nb\r\t\u{1}\u{1f}\u{7f}",
            "永川/区 \u{2028}",
            "😀",
        ] {
            let fields = [
                Field::Text(text),
                Field::Null,
                Field::Int(i64::MIN),
                Field::Int(-0),
            ];
            assert_eq!(
                hasher.json(Some(7), &fields, 3),
                &via_value(Some(7), &fields, 3)[..]
            );
            assert_eq!(
                hasher.json(None, &fields, 3),
                &via_value(None, &fields, 3)[..]
            );
        }
        assert_eq!(hasher.json(None, &[], 9), b"[9]");
    }

    #[test]
    fn a_digest_depends_on_every_row_and_its_table() {
        let a = [1_u8; 32];
        let b = [2_u8; 32];
        let digest = |rows: &[(Table, &Digest)]| {
            let mut d = RowDigest::default();
            for (t, h) in rows {
                d.add(*t, h);
            }
            d.digest()
        };
        let base = digest(&[(Table::History, &a), (Table::Spending, &b)]);
        assert_ne!(base, digest(&[(Table::History, &a)]));
        assert_ne!(base, digest(&[(Table::History, &b), (Table::Spending, &a)]));
        assert_ne!(base, digest(&[(Table::Setting, &a), (Table::Spending, &b)]));
        assert_eq!(base, digest(&[(Table::Spending, &b), (Table::History, &a)]));
    }

    proptest! {
        #[test]
        fn the_writer_matches_serde_json(texts in prop::collection::vec(any::<String>(), 0..4),
                                         n in any::<i64>(), id in any::<i64>(), jseq in any::<i64>()) {
            let mut fields: Vec<Field<'_>> = texts.iter().map(|t| Field::Text(t)).collect();
            fields.push(Field::Int(n));
            fields.push(Field::Null);
            let mut hasher = Hasher::default();
            prop_assert_eq!(hasher.json(Some(id), &fields, jseq).to_vec(), via_value(Some(id), &fields, jseq));
        }
    }
}
