//! The parts of upgrades that SQL cannot do (SQLite has no SHA-256): version 4 → 5, the
//! journal over every record.
//!
//! Payments move from 元 to 分 on the way (amount × 100).
//!
//! A version-4 ledger chains its history and its spending apart (each row carrying its
//! predecessor's hash and its own, in hex). The upgrade first re-verifies both chains and
//! refuses to go on if either is broken; then every table is rebuilt with its rows'
//! journal record (`jseq`) and hash (`rhash`), the writes of the old ledger are found
//! again as journal records (runs of history and spending rows recorded in the same
//! second by the same person), the journal is written from the rows themselves, and the
//! whole new chain is verified before the upgrade commits.

use super::chain::{self, Digest, Field, Hasher, RowDigest, Table, TABLES};
use super::write::{history_fields, Stamp};
use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use sha2::{Digest as _, Sha256};
use std::collections::HashMap;
use std::io::Write as _;

/// How a version-4 chained row was hashed: SHA-256 of the previous row's hash (hex), a
/// line break, and `[id, fields…]` as compact JSON; stored as hex.
fn legacy_hash(prev: &str, id: i64, fields: &[Value]) -> String {
    let mut json = Vec::new();
    json.push(b'[');
    let _ = write!(json, "{id}");
    for v in fields {
        json.push(b',');
        match v {
            Value::Null => json.extend_from_slice(b"null"),
            Value::Integer(n) => {
                let _ = write!(json, "{n}");
            }
            Value::Text(t) => serde_json::to_writer(&mut json, t).unwrap_or_default(),
            Value::Real(f) => serde_json::to_writer(&mut json, &f.to_string()).unwrap_or_default(),
            Value::Blob(b) => {
                serde_json::to_writer(&mut json, &format!("{b:?}")).unwrap_or_default()
            }
        }
    }
    json.push(b']');
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(&json);
    chain::hex(&h.finalize())
}

/// Re-verifies a version-4 chain (`history` or `spending`); the first break, if any.
fn legacy_break(conn: &Connection, table: &str, fields: &str) -> Result<Option<String>> {
    let sql = format!("SELECT id, {fields}, prev_hash, hash FROM {table} ORDER BY id");
    let width = fields.split(',').count();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let (mut prev_id, mut prev_hash) = (0_i64, String::new());
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let values = (1..=width)
            .map(|i| r.get(i))
            .collect::<rusqlite::Result<Vec<Value>>>()?;
        let stored_prev: Option<String> = r.get(width + 1)?;
        let stored: Option<String> = r.get(width + 2)?;
        let stored_prev = stored_prev.unwrap_or_default();
        let stored = stored.unwrap_or_default();
        if id != prev_id + 1 || stored_prev != prev_hash {
            return Ok(Some(format!(
                "{table}: records removed between {prev_id} and {id}"
            )));
        }
        if legacy_hash(&stored_prev, id, &values) != stored {
            return Ok(Some(format!("{table} {id} was altered")));
        }
        prev_id = id;
        prev_hash = stored;
    }
    Ok(None)
}

/// One write of the old ledger, found again: who, when, what.
struct Group {
    recorded_at: String,
    actor: String,
    action: String,
}

/// Upgrades a version-4 ledger (or an older one just brought to 4) to version 5. The
/// caller has run `0005_journal.sql`, which renamed every old table to `v4_…`, and then
/// the schema; `recorded_at` stamps the upgrade's own record.
pub(super) fn to_v5(conn: &Connection, from: i64, recorded_at: &str) -> Result<()> {
    // 1. The old chains must hold (a ledger older than 4 has none yet).
    if from >= 4 {
        for (table, fields) in [
            (
                "v4_history",
                "recorded_at, effective_date, actor, project_id, action, field, old_value, new_value, reason, note, version_id",
            ),
            (
                "v4_spending",
                "project_id, date, amount_yuan, voucher, note, reverses, reason, after_completion, import_id, recorded_at, actor",
            ),
        ] {
            if let Some(problem) = legacy_break(conn, table, fields)? {
                return Err(Error::bad_value(
                    "upgrade",
                    crate::i18n::msg::changed_before_upgrade(problem.replace("v4_", "")),
                ));
            }
        }
    }
    // 2. The old writes, found again: history and spending merged by recorded time
    //    (never reordering either), runs of one second and one person.
    let mut groups: Vec<Group> = Vec::new();
    let mut history_seq: Vec<(i64, i64)> = Vec::new(); // (history id, seq)
    let mut spending_seq: Vec<(i64, i64)> = Vec::new();
    {
        let mut h =
            conn.prepare("SELECT id, recorded_at, actor, action FROM v4_history ORDER BY id")?;
        let history: Vec<(i64, String, String, String)> = h
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut s = conn.prepare(
            "SELECT id, recorded_at, actor, reverses IS NOT NULL, import_id IS NOT NULL
               FROM v4_spending ORDER BY id",
        )?;
        let spending: Vec<(i64, String, String, bool, bool)> = s
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (mut i, mut k) = (0, 0);
        while i < history.len() || k < spending.len() {
            let take_history = match (history.get(i), spending.get(k)) {
                (Some(h), Some(s)) => h.1 <= s.1,
                (Some(_), None) => true,
                _ => false,
            };
            let (recorded_at, actor, action) = if take_history {
                let h = &history[i];
                (h.1.clone(), h.2.clone(), h.3.clone())
            } else {
                let s = &spending[k];
                let action = if s.4 {
                    "import"
                } else if s.3 {
                    "reverse"
                } else {
                    "spend"
                };
                (s.1.clone(), s.2.clone(), action.to_string())
            };
            let same = groups
                .last()
                .is_some_and(|g| g.recorded_at == recorded_at && g.actor == actor);
            if !same {
                groups.push(Group {
                    recorded_at,
                    actor,
                    action,
                });
            }
            let seq = groups.len() as i64;
            if take_history {
                history_seq.push((history[i].0, seq));
                i += 1;
            } else {
                spending_seq.push((spending[k].0, seq));
                k += 1;
            }
        }
    }
    // The upgrade's own write comes last.
    groups.push(Group {
        recorded_at: recorded_at.to_string(),
        actor: crate::ops::SYSTEM_ACTOR.to_string(),
        action: "upgrade".to_string(),
    });
    let upgrade_seq = groups.len() as i64;
    let first_seq = 1_i64;
    let history_map: HashMap<i64, i64> = history_seq.iter().copied().collect();
    let spending_map: HashMap<i64, i64> = spending_seq.iter().copied().collect();

    // 3. Each version's write: that of its first history record.
    let mut version_seq: HashMap<i64, i64> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT version_id, MIN(id) FROM v4_history WHERE version_id IS NOT NULL GROUP BY version_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (v, h): (i64, i64) = (r.get(0)?, r.get(1)?);
            version_seq.insert(v, history_map.get(&h).copied().unwrap_or(upgrade_seq));
        }
    }

    // 4. Every table copied with its rows' records and hashes, in key order, a row's
    //    record never before the one of the row before it.
    let mut hasher = Hasher::default();
    let mut copy =
        |table: Table, select: &str, seq_of: &mut dyn FnMut(&[Value], i64) -> i64| -> Result<()> {
            let width = usize::from(table.has_id()) + table.columns().len();
            let mut stmt = conn.prepare(select)?;
            let mut rows = stmt.query([])?;
            let mut cols: Vec<&str> = Vec::new();
            if table.has_id() {
                cols.push("id");
            }
            cols.extend(table.columns());
            let marks: Vec<String> = (1..=width + 2).map(|i| format!("?{i}")).collect();
            let mut insert = conn.prepare(&format!(
                "INSERT INTO {} ({}, jseq, rhash) VALUES ({})",
                table.name(),
                cols.join(", "),
                marks.join(", ")
            ))?;
            let mut last = first_seq;
            while let Some(r) = rows.next()? {
                let values = (0..width)
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()?;
                let seq = seq_of(&values, last).max(last);
                last = seq;
                let fields: Vec<Field<'_>> = values
                    .iter()
                    .map(|v| match v {
                        Value::Integer(n) => Field::Int(*n),
                        Value::Text(t) => Field::Text(t),
                        _ => Field::Null,
                    })
                    .collect();
                let (id, rest) = if table.has_id() {
                    (
                        match fields[0] {
                            Field::Int(n) => Some(n),
                            _ => None,
                        },
                        &fields[1..],
                    )
                } else {
                    (None, &fields[..])
                };
                let rhash = hasher.row(table, id, rest, seq);
                let seq_value = Value::Integer(seq);
                let blob = Value::Blob(rhash.to_vec());
                insert.execute(params_from_iter(values.iter().chain([&seq_value, &blob])))?;
            }
            Ok(())
        };
    let int = |v: &Value| match v {
        Value::Integer(n) => *n,
        _ => 0,
    };
    copy(
        Table::Category,
        "SELECT table_no, name, name_en, stated_total_yuan FROM v4_category ORDER BY table_no",
        &mut |_, _| first_seq,
    )?;
    // A department belongs to the first write whose version names it.
    let mut department_seq: HashMap<i64, i64> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT department_id, version_id FROM v4_version_department ORDER BY version_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (d, v): (i64, i64) = (r.get(0)?, r.get(1)?);
            let seq = version_seq.get(&v).copied().unwrap_or(upgrade_seq);
            department_seq.entry(d).or_insert(seq);
        }
    }
    copy(
        Table::Department,
        "SELECT id, name FROM v4_department ORDER BY id",
        &mut |v, last| department_seq.get(&int(&v[0])).copied().unwrap_or(last),
    )?;
    let mut project_seq: HashMap<String, i64> = HashMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT project_id, MIN(id) FROM v4_project_version GROUP BY project_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (p, v): (String, i64) = (r.get(0)?, r.get(1)?);
            project_seq.insert(p, version_seq.get(&v).copied().unwrap_or(upgrade_seq));
        }
    }
    copy(
        Table::Project,
        "SELECT id, no FROM v4_project ORDER BY rowid",
        &mut |v, last| match &v[0] {
            Value::Text(id) => project_seq.get(id).copied().unwrap_or(last),
            _ => last,
        },
    )?;
    copy(
        Table::ProjectVersion,
        "SELECT id, project_id, effective_date, change, table_no, group_name, description, status,
                estimate_yuan, stage, start_year, end_year, has_plan
           FROM v4_project_version ORDER BY id",
        &mut |v, last| version_seq.get(&int(&v[0])).copied().unwrap_or(last),
    )?;
    copy(
        Table::VersionDepartment,
        "SELECT version_id, position, department_id FROM v4_version_department ORDER BY version_id, position",
        &mut |v, last| version_seq.get(&int(&v[0])).copied().unwrap_or(last),
    )?;
    copy(
        Table::VersionPlanYear,
        "SELECT version_id, year, amount_yuan FROM v4_version_plan_year ORDER BY version_id, year",
        &mut |v, last| version_seq.get(&int(&v[0])).copied().unwrap_or(last),
    )?;
    copy(
        Table::History,
        "SELECT id, recorded_at, effective_date, actor, project_id, action, field, old_value,
                new_value, reason, note, version_id
           FROM v4_history ORDER BY id",
        &mut |v, last| history_map.get(&int(&v[0])).copied().unwrap_or(last),
    )?;
    copy(
        Table::Spending,
        // Payments move from 元 to 分.
        "SELECT id, project_id, date, amount_yuan * 100, voucher, note, reverses, reason, after_completion,
                import_id, recorded_at, actor
           FROM v4_spending ORDER BY id",
        &mut |v, last| spending_map.get(&int(&v[0])).copied().unwrap_or(last),
    )?;
    // An imported file belongs to the write of its first entry, else of the write by the
    // same person in the same second, else the latest write before it.
    let import_seq = |id: i64, recorded_at: &str, actor: &str| -> Result<Option<i64>> {
        let first: Option<i64> = conn.query_row(
            "SELECT MIN(id) FROM v4_spending WHERE import_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if let Some(seq) = first.and_then(|e| spending_map.get(&e)) {
            return Ok(Some(*seq));
        }
        let found = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.recorded_at.as_str() <= recorded_at)
            .max_by_key(|(i, g)| (g.recorded_at == recorded_at && g.actor == actor, *i))
            .map(|(i, _)| i as i64 + 1);
        Ok(found)
    };
    let mut import_seqs: HashMap<i64, i64> = HashMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT id, recorded_at, actor FROM v4_import_file ORDER BY id")?;
        let files: Vec<(i64, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, at, actor) in files {
            if let Some(seq) = import_seq(id, &at, &actor)? {
                import_seqs.insert(id, seq);
            }
        }
    }
    copy(
        Table::ImportFile,
        "SELECT id, kind, sha256, file_name, recorded_at, actor FROM v4_import_file ORDER BY id",
        &mut |v, last| import_seqs.get(&int(&v[0])).copied().unwrap_or(last),
    )?;
    // Settings become a log: each current value, in the write of its latest change.
    {
        let mut stmt = conn.prepare(
            "SELECT s.key, s.value,
                    (SELECT MAX(h.id) FROM v4_history h WHERE h.action = 'config' AND h.field = s.key)
               FROM v4_setting s",
        )?;
        let mut settings: Vec<(i64, String, String)> = stmt
            .query_map([], |r| {
                let h: Option<i64> = r.get(2)?;
                Ok((
                    h.and_then(|h| history_map.get(&h).copied())
                        .unwrap_or(upgrade_seq),
                    r.get(0)?,
                    r.get(1)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        settings.sort();
        for (id, (seq, key, value)) in settings.iter().enumerate() {
            let id = id as i64 + 1;
            let rhash = hasher.row(
                Table::Setting,
                Some(id),
                &[Field::Text(key), Field::Text(value)],
                *seq,
            );
            conn.execute(
                "INSERT INTO setting (id, key, value, jseq, rhash) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![id, key, value, seq, &rhash[..]],
            )?;
        }
    }
    // The upgrade's own history line, in its own write.
    {
        let stamp = Stamp {
            actor: crate::ops::SYSTEM_ACTOR.to_string(),
            recorded_at: recorded_at.to_string(),
            proof: super::write::Proof::None,
        };
        let today = recorded_at.get(..10).unwrap_or_default();
        let old = from.to_string();
        let fields = history_fields(
            &stamp,
            today,
            None,
            "upgrade",
            "schema",
            Some(&old),
            Some("5"),
            (
                Some("tamper evidence over every record: the old history and spending chains were verified, then every table was chained in one journal"),
                None,
            ),
            None,
        );
        let id: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM history", [], |r| {
            r.get(0)
        })?;
        let rhash = hasher.row(Table::History, Some(id), &fields, upgrade_seq);
        let values = std::iter::once(Field::Int(id))
            .chain(fields)
            .chain([Field::Int(upgrade_seq)])
            .map(|f| match f {
                Field::Int(n) => Value::Integer(n),
                Field::Text(t) => Value::Text(t.to_string()),
                Field::Null => Value::Null,
            })
            .chain([Value::Blob(rhash.to_vec())]);
        conn.execute(
            "INSERT INTO history (id, recorded_at, effective_date, actor, project_id, action, field,
                                  old_value, new_value, reason, note, version_id, jseq, rhash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params_from_iter(values),
        )?;
    }
    // 5. The journal, written from the rows: one record per write, in order.
    write_journal(conn, &groups)?;
    conn.execute_batch(
        "DROP TABLE v4_version_department; DROP TABLE v4_version_plan_year; DROP TABLE v4_history;
         DROP TABLE v4_spending; DROP TABLE v4_import_file; DROP TABLE v4_setting;
         DROP TABLE v4_project_version; DROP TABLE v4_project; DROP TABLE v4_department;
         DROP TABLE v4_category;",
    )?;
    // 6. The new chain must hold before the upgrade commits.
    let report = chain::verify(conn, None)?;
    if let Some(b) = report.breaks.first() {
        return Err(Error::bad_value(
            "upgrade",
            crate::i18n::msg::new_journal_broken(format!("{b:?}")),
        ));
    }
    Ok(())
}

/// Writes one journal record per group, from the digests of the rows that name it.
fn write_journal(conn: &Connection, groups: &[Group]) -> Result<()> {
    let mut digests: Vec<RowDigest> = Vec::new();
    digests.resize_with(groups.len(), RowDigest::default);
    // The rows of every table in key order carry nondecreasing records, so one pass per
    // table adds each row's hash to its record's digest in order.
    for table in TABLES {
        let mut stmt = conn.prepare(&format!(
            "SELECT jseq, rhash FROM {} ORDER BY {}",
            table.name(),
            match table {
                Table::Category => "table_no",
                Table::Project => "rowid",
                Table::VersionDepartment => "version_id, position",
                Table::VersionPlanYear => "version_id, year",
                _ => "id",
            }
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let rhash: Vec<u8> = r.get(1)?;
            let mut d: Digest = [0; 32];
            d.copy_from_slice(&rhash);
            if let Some(slot) = usize::try_from(seq - 1)
                .ok()
                .and_then(|i| digests.get_mut(i))
            {
                slot.add(table, &d);
            }
        }
    }
    let mut prev: Digest = [0; 32];
    // Every group has rows: it was found from a history or spending row, or (the last)
    // it wrote the upgrade's own history line.
    for (i, (g, d)) in groups.iter().zip(&digests).enumerate() {
        let seq = i as i64 + 1;
        let entry = chain::Entry {
            seq,
            recorded_at: &g.recorded_at,
            actor: &g.actor,
            action: &g.action,
            rows: i64::try_from(d.count()).unwrap_or(i64::MAX),
            digest: d.digest(),
        };
        let hash = chain::journal_hash(&prev, &entry);
        conn.execute(
            "INSERT INTO journal (seq, recorded_at, actor, action, rows, digest, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                entry.seq,
                entry.recorded_at,
                entry.actor,
                entry.action,
                entry.rows,
                &entry.digest[..],
                &hash[..]
            ],
        )?;
        prev = hash;
    }
    Ok(())
}
