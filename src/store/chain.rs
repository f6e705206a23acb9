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

fn json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(n) => serde_json::Value::from(*n),
        Value::Text(s) => serde_json::Value::String(s.clone()),
        Value::Real(f) => serde_json::Value::String(f.to_string()),
        Value::Blob(b) => serde_json::Value::String(format!("{b:?}")),
    }
}

/// The hash of record `id` with `fields` (in [`Chain::fields`] order) after `prev`.
fn hash(prev: &str, id: i64, fields: &[Value]) -> String {
    let mut array = vec![serde_json::Value::from(id)];
    array.extend(fields.iter().map(json));
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(serde_json::Value::Array(array).to_string().as_bytes());
    hex(&h.finalize())
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
    fields: Vec<Value>,
) -> Result<i64> {
    debug_assert_eq!(fields.len(), FIELDS);
    let id = head.id + 1;
    let hash = hash(&head.hash, id, &fields);
    let mut values = vec![Value::Integer(id)];
    values.extend(fields);
    values.push(Value::Text(head.hash.clone()));
    values.push(Value::Text(hash.clone()));
    conn.prepare_cached(chain.insert_sql())?
        .execute(params_from_iter(values))?;
    *head = Head { id, hash };
    Ok(id)
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
            let h = hash(&prev.hash, id, &fields);
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
        if hash(&stored_prev, id, &fields) != stored {
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
