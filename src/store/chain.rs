//! Tamper evidence. Every history record and every spending entry carries `prev_hash`
//! (the hash of the record before it in the same table) and `hash` = SHA-256 of
//! `prev_hash` and the record's id and fields as a canonical JSON array. A record edited
//! with another SQLite client no longer matches its hash; a removed record leaves a gap in
//! the ids and a `prev_hash` that names a record that is not before it.
//!
//! The chain cannot tell that the *newest* records were removed (nothing comes after
//! them); `check` prints the record counts to compare with a backup or a report.

use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use sha2::{Digest, Sha256};
use std::io::Write as _;

/// The two chained tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chain {
    History,
    Spending,
}

impl Chain {
    pub fn table(self) -> &'static str {
        match self {
            Chain::History => "history",
            Chain::Spending => "spending",
        }
    }

    /// The statement that appends a record.
    fn insert_sql(self) -> &'static str {
        match self {
            Chain::History => {
                "INSERT INTO history (id, recorded_at, effective_date, actor, project_id, action, field, old_value,
                                      new_value, reason, note, version_id, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            }
            Chain::Spending => {
                "INSERT INTO spending (id, project_id, date, amount_yuan, voucher, note, reverses, reason,
                                       after_completion, import_id, recorded_at, actor, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            }
        }
    }

    /// The hashed columns, in order (after the id).
    fn fields(self) -> &'static str {
        match self {
            Chain::History => {
                "recorded_at, effective_date, actor, project_id, action, field, old_value, new_value, reason, note, version_id"
            }
            Chain::Spending => {
                "project_id, date, amount_yuan, voucher, note, reverses, reason, after_completion, import_id, recorded_at, actor"
            }
        }
    }
}

const FIELDS: usize = 11;

/// The last record of a chain.
#[derive(Clone, Debug, Default)]
pub(super) struct Head {
    pub id: i64,
    pub hash: String,
}

/// One field of a chained record, borrowed from wherever the record is built.
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

/// Hashes records, reusing one buffer for their canonical JSON (this runs once per
/// record: a million times in a large import).
#[derive(Clone, Debug, Default)]
pub struct Hasher {
    json: Vec<u8>,
}

impl Hasher {
    /// The hash of record `id` with `fields` (in [`Chain::fields`] order) after `prev`:
    /// SHA-256 of `prev`, a line break, and `[id, fields…]` as compact JSON, written
    /// byte for byte as `serde_json` writes the array (a test compares the two).
    pub fn hash(&mut self, prev: &str, id: i64, fields: &[Field<'_>]) -> String {
        let json = &mut self.json;
        json.clear();
        json.push(b'[');
        // Writing into a vector cannot fail.
        let _ = write!(json, "{id}");
        for field in fields {
            json.push(b',');
            match *field {
                Field::Null => json.extend_from_slice(b"null"),
                Field::Int(n) => {
                    let _ = write!(json, "{n}");
                }
                Field::Text(t) => serde_json::to_writer(&mut *json, t).unwrap_or_default(),
            }
        }
        json.push(b']');
        let mut h = Sha256::new();
        h.update(prev.as_bytes());
        h.update(b"\n");
        h.update(&json[..]);
        hex(&h.finalize())
    }
}

/// The hashed form of a stored value. The chained tables are STRICT with only INTEGER
/// and TEXT columns, so reals and blobs appear only if someone forced them in; they are
/// hashed as text, which cannot match.
fn stored_text(v: &Value) -> Option<String> {
    match v {
        Value::Real(f) => Some(f.to_string()),
        Value::Blob(b) => Some(format!("{b:?}")),
        _ => None,
    }
}

/// The hash of stored record `id` with `values` after `prev`.
fn hash_stored(hasher: &mut Hasher, prev: &str, id: i64, values: &[Value]) -> String {
    let texts: Vec<Option<String>> = values.iter().map(stored_text).collect();
    let fields: Vec<Field<'_>> = values
        .iter()
        .zip(&texts)
        .map(|(v, t)| match (v, t) {
            (_, Some(t)) => Field::Text(t),
            (Value::Integer(n), _) => Field::Int(*n),
            (Value::Text(t), _) => Field::Text(t),
            _ => Field::Null,
        })
        .collect();
    hasher.hash(prev, id, &fields)
}

/// Lower-case hex, without a formatting call per byte (this runs once per record).
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// The last record of `chain`.
pub(super) fn head(conn: &Connection, chain: Chain) -> Result<Head> {
    let sql = format!(
        "SELECT id, COALESCE(hash, '') FROM {} ORDER BY id DESC LIMIT 1",
        chain.table()
    );
    Ok(conn
        .query_row(&sql, [], |r| {
            Ok(Head {
                id: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .unwrap_or_default())
}

/// Appends a record with `fields` (in [`Chain::fields`] order) after `head`, moves `head`
/// on, and returns the new id.
pub(super) fn append(
    conn: &Connection,
    chain: Chain,
    head: &mut Head,
    hasher: &mut Hasher,
    fields: &[Field<'_>],
) -> Result<i64> {
    debug_assert_eq!(fields.len(), FIELDS);
    let id = head.id + 1;
    let hash = hasher.hash(&head.hash, id, fields);
    insert(conn, chain, head, fields, Sealed { id, hash })
}

/// A record's id and hash, computed ahead of its insert (on another thread, by a
/// [`Sealer`]).
#[derive(Clone, Debug)]
pub struct Sealed {
    pub id: i64,
    pub hash: String,
}

/// Computes the ids and hashes of records to be appended after a chain's head, so that
/// the hashing runs beside the inserts. [`insert`] refuses a record sealed out of order.
#[derive(Clone, Debug)]
pub struct Sealer {
    head: Head,
    hasher: Hasher,
}

impl Sealer {
    pub(super) fn new(head: Head) -> Sealer {
        Sealer {
            head,
            hasher: Hasher::default(),
        }
    }

    /// Seals the next record.
    pub fn seal(&mut self, fields: &[Field<'_>]) -> Sealed {
        let id = self.head.id + 1;
        let hash = self.hasher.hash(&self.head.hash, id, fields);
        self.head.id = id;
        self.head.hash.clear();
        self.head.hash.push_str(&hash);
        Sealed { id, hash }
    }
}

/// Inserts a sealed record right after `head` and moves `head` on.
pub(super) fn insert(
    conn: &Connection,
    chain: Chain,
    head: &mut Head,
    fields: &[Field<'_>],
    sealed: Sealed,
) -> Result<i64> {
    let mut stmt = conn.prepare_cached(chain.insert_sql())?;
    insert_with(&mut stmt, chain, head, fields, sealed)
}

/// [`insert`] with the chain's insert statement already prepared.
pub(super) fn insert_with(
    stmt: &mut rusqlite::Statement<'_>,
    chain: Chain,
    head: &mut Head,
    fields: &[Field<'_>],
    sealed: Sealed,
) -> Result<i64> {
    if sealed.id != head.id + 1 {
        return Err(crate::error::Error::bad_value(
            chain.table(),
            format!(
                "record {} sealed out of order (the chain ends at {}); nothing was written",
                sealed.id, head.id
            ),
        ));
    }
    let id = Field::Int(sealed.id);
    let prev = Field::Text(&head.hash);
    let hash = Field::Text(&sealed.hash);
    let all = std::iter::once(&id).chain(fields).chain([&prev, &hash]);
    stmt.execute(params_from_iter(all))?;
    *head = Head {
        id: sealed.id,
        hash: sealed.hash,
    };
    Ok(head.id)
}

/// Appends sealed records to one chain through one prepared statement.
pub struct Appender<'t> {
    stmt: rusqlite::CachedStatement<'t>,
    head: &'t mut Head,
    chain: Chain,
}

/// An [`Appender`] for `chain` after `head`.
pub(super) fn appender<'t>(
    conn: &'t Connection,
    chain: Chain,
    head: &'t mut Head,
) -> Result<Appender<'t>> {
    Ok(Appender {
        stmt: conn.prepare_cached(chain.insert_sql())?,
        head,
        chain,
    })
}

impl Appender<'_> {
    /// Appends a record sealed by the chain's [`Sealer`]; refused unless it is the next.
    pub fn insert(&mut self, fields: &[Field<'_>], sealed: Sealed) -> Result<i64> {
        insert_with(&mut self.stmt, self.chain, self.head, fields, sealed)
    }
}

/// What is wrong with one record of a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// The record's fields or hash were changed.
    Altered(i64),
    /// Records between these two ids are missing.
    Removed { after: i64, before: i64 },
}

/// The result of walking one chain.
#[derive(Clone, Debug, Default)]
pub struct ChainReport {
    pub records: i64,
    pub breaks: Vec<Break>,
}

/// Walks `chain` in id order recomputing every hash; reports at most 100 breaks. With
/// `repair`, writes the hashes instead (only the upgrade that introduces them does).
pub(super) fn walk(conn: &Connection, chain: Chain, repair: bool) -> Result<ChainReport> {
    let sql = format!(
        "SELECT id, {}, prev_hash, hash FROM {} ORDER BY id",
        chain.fields(),
        chain.table()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut report = ChainReport::default();
    let mut prev = Head::default();
    let mut hasher = Hasher::default();
    let mut updates: Vec<(i64, String, String)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let fields: Vec<Value> = (1..=FIELDS)
            .map(|i| r.get(i))
            .collect::<rusqlite::Result<_>>()?;
        let stored_prev: Option<String> = r.get(FIELDS + 1)?;
        let stored: Option<String> = r.get(FIELDS + 2)?;
        report.records += 1;
        if repair {
            let h = hash_stored(&mut hasher, &prev.hash, id, &fields);
            updates.push((id, prev.hash.clone(), h.clone()));
            prev = Head { id, hash: h };
            continue;
        }
        let stored_prev = stored_prev.unwrap_or_default();
        let stored = stored.unwrap_or_default();
        if id != prev.id + 1 || stored_prev != prev.hash {
            report.breaks.push(Break::Removed {
                after: prev.id,
                before: id,
            });
        }
        if hash_stored(&mut hasher, &stored_prev, id, &fields) != stored {
            report.breaks.push(Break::Altered(id));
        }
        prev = Head { id, hash: stored };
        if report.breaks.len() >= 100 {
            break;
        }
    }
    drop(rows);
    drop(stmt);
    if repair {
        let table = chain.table();
        let guard: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [format!("{table}_no_update")],
                |r| r.get(0),
            )
            .ok();
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {table}_no_update;"))?;
        let mut stmt = conn.prepare(&format!(
            "UPDATE {table} SET prev_hash = ?2, hash = ?3 WHERE id = ?1"
        ))?;
        for (id, p, h) in updates {
            stmt.execute(rusqlite::params![id, p, h])?;
        }
        if let Some(sql) = guard {
            conn.execute_batch(&format!("{sql};"))?;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The hash as first written: through `serde_json::Value`. Ledgers in use carry
    /// hashes made this way, so the buffer writer must give the same bytes.
    fn hash_via_value(prev: &str, id: i64, fields: &[Field<'_>]) -> String {
        let mut array = vec![serde_json::Value::from(id)];
        array.extend(fields.iter().map(|f| match *f {
            Field::Null => serde_json::Value::Null,
            Field::Int(n) => serde_json::Value::from(n),
            Field::Text(t) => serde_json::Value::String(t.to_string()),
        }));
        let mut h = Sha256::new();
        h.update(prev.as_bytes());
        h.update(b"\n");
        h.update(serde_json::Value::Array(array).to_string().as_bytes());
        hex(&h.finalize())
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
                hasher.hash("p", 7, &fields),
                hash_via_value("p", 7, &fields),
                "{text:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_writer_matches_serde_json(texts in prop::collection::vec(any::<String>(), 0..4),
                                         n in any::<i64>(), id in any::<i64>()) {
            let mut fields: Vec<Field<'_>> = texts.iter().map(|t| Field::Text(t)).collect();
            fields.push(Field::Int(n));
            fields.push(Field::Null);
            let mut hasher = Hasher::default();
            prop_assert_eq!(hasher.hash("prev", id, &fields), hash_via_value("prev", id, &fields));
        }
    }
}
