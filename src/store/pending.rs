//! Payments waiting for approval (待复核): recorded in `pending_payment` instead of
//! `spending`, so that no report, total or check counts them; an approval appends the
//! spending entry (dated the payment's own date, so a closed period refuses it like any
//! payment dated in it) and a review row; a rejection appends only the review row.

use super::chain::{Field, Table};
use super::spending::NewEntry;
use super::write::{history_fields, Stamp, Tx};
use super::Store;
use crate::domain::Money;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

/// A payment recorded as pending, with its review when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    pub project_id: String,
    pub date: String,
    pub amount: Money,
    pub voucher: Option<String>,
    pub note: Option<String>,
    pub import_id: Option<i64>,
    pub recorded_at: String,
    /// Who recorded it (who may not approve it).
    pub actor: String,
    /// `approve` or `reject`, and by whom; none while it waits.
    pub review: Option<(String, String)>,
}

const COLUMNS: &str = "p.id, p.project_id, p.date, p.amount_fen, p.voucher, p.note, p.import_id,
    p.recorded_at, p.actor, r.action, r.actor";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Pending> {
    let action: Option<String> = r.get(9)?;
    let by: Option<String> = r.get(10)?;
    Ok(Pending {
        id: r.get(0)?,
        project_id: r.get(1)?,
        date: r.get(2)?,
        amount: Money::from_fen(r.get(3)?),
        voucher: r.get(4)?,
        note: r.get(5)?,
        import_id: r.get(6)?,
        recorded_at: r.get(7)?,
        actor: r.get(8)?,
        review: action.zip(by),
    })
}

fn one(conn: &Connection, id: i64) -> Result<Option<Pending>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM pending_payment p
               LEFT JOIN payment_review r ON r.pending_id = p.id
              WHERE p.id = ?1"
        ))?
        .query_row([id], from_row)
        .optional()?)
}

/// The payments still waiting, as known at journal record `known`, dated through `to`
/// when given, oldest first.
fn waiting(conn: &Connection, known: Option<i64>, to: Option<&str>) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM pending_payment p
           LEFT JOIN payment_review r ON r.pending_id = p.id AND r.jseq <= :known
          WHERE p.jseq <= :known AND r.id IS NULL AND p.date <= :to
          ORDER BY p.date, p.id"
    ))?;
    let rows = stmt
        .query_map(
            rusqlite::named_params! {
                ":known": known.unwrap_or(i64::MAX),
                ":to": to.unwrap_or("9999-12-31"),
            },
            from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl Store {
    /// The payments waiting for approval, as known at `known`, dated through `to`.
    pub fn pending_payments(&self, known: Option<i64>, to: Option<&str>) -> Result<Vec<Pending>> {
        self.read(|c| waiting(c, known, to))
    }

    /// One pending payment, reviewed or not.
    pub fn pending_payment(&self, id: i64) -> Result<Option<Pending>> {
        self.read(|c| one(c, id))
    }
}

impl Tx<'_> {
    pub fn pending_payment(&self, id: i64) -> Result<Option<Pending>> {
        one(self.conn(), id)
    }

    /// Who this write is by, as the write path established it.
    pub fn actor(&self) -> &str {
        &self.stamp().actor
    }

    /// Records a payment as pending and returns its number.
    pub fn insert_pending(&mut self, e: &NewEntry<'_>) -> Result<i64> {
        let stamp = self.stamp().clone();
        self.name_action("spend");
        self.insert(
            Table::PendingPayment,
            &[
                Field::Text(e.project_id),
                Field::Text(e.date),
                Field::Int(e.amount.fen()),
                Field::text(e.voucher),
                Field::text(e.note),
                Field::int(e.import_id),
                Field::Text(&stamp.recorded_at),
                Field::Text(&stamp.actor),
            ],
        )
    }

    /// Approves pending payment `p`: appends its spending entry (recorded now, under the
    /// name of whoever recorded the payment) and the review; returns the entry's id.
    pub fn approve_pending(&mut self, p: &Pending, after_completion: bool) -> Result<i64> {
        let stamp = self.stamp().clone();
        self.name_action("approve");
        let recorder = Stamp {
            actor: p.actor.clone(),
            ..stamp.clone()
        };
        let entry = NewEntry {
            project_id: &p.project_id,
            date: &p.date,
            amount: p.amount,
            voucher: p.voucher.as_deref(),
            note: p.note.as_deref(),
            reverses: None,
            reason: None,
            after_completion,
            import_id: p.import_id,
        };
        let id = self.insert(Table::Spending, &entry.fields(&recorder))?;
        self.record_review(p, "approve", Some(id), None)?;
        Ok(id)
    }

    /// Rejects pending payment `p` with `reason`.
    pub fn reject_pending(&mut self, p: &Pending, reason: &str) -> Result<()> {
        self.name_action("reject");
        self.record_review(p, "reject", None, Some(reason))
    }

    fn record_review(
        &mut self,
        p: &Pending,
        action: &str,
        entry: Option<i64>,
        reason: Option<&str>,
    ) -> Result<()> {
        let stamp = self.stamp().clone();
        self.insert(
            Table::PaymentReview,
            &[
                Field::Int(p.id),
                Field::Text(action),
                Field::int(entry),
                Field::text(reason),
                Field::Text(&stamp.recorded_at),
                Field::Text(&stamp.actor),
            ],
        )?;
        let today = stamp.recorded_at.get(..10).unwrap_or_default().to_string();
        let old = format!("P{} {} {}", p.id, p.date, p.amount.plain());
        let new = entry.map(|e| format!("entry {e}"));
        let fields = history_fields(
            &stamp,
            &today,
            Some(&p.project_id),
            action,
            "payment",
            Some(&old),
            new.as_deref(),
            (reason, None),
            None,
        );
        self.insert(Table::History, &fields)?;
        Ok(())
    }
}
