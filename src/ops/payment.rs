//! Recording a payment (支出/拨付) and reversing one (冲销): amounts parsed exactly, the
//! overspend policy applied, and the entry appended in one transaction. Entries are never
//! edited or deleted.

use super::Field;
use crate::domain::date::format_date;
use crate::domain::project::{normalize_id, Status};
use crate::domain::spending::{
    check_option, check_voucher, far_from_schedule, Overspend, PaymentDates,
};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::store::spending::NewEntry;
use crate::store::write::Stamp;
use crate::store::Store;
use chrono::NaiveDate;

/// A payment as typed: the amount is still text, so that it is parsed (and refused) in
/// one place for every front end.
#[derive(Clone, Debug)]
pub struct Payment {
    pub id: String,
    pub amount: String,
    pub date: NaiveDate,
    pub voucher: Option<String>,
    pub note: Option<String>,
    /// Overrides the ledger's overspend setting.
    pub overspend: Option<Overspend>,
    /// Where the values came from, for naming them in a refusal.
    pub front: super::Front,
}

/// A recorded payment.
#[derive(Clone, Debug)]
pub struct Paid {
    pub entry: i64,
    pub id: String,
    pub date: String,
    pub amount: Money,
    /// Paid after the project's completion (尾款).
    pub after_completion: bool,
    /// Lines the user should see (overspending under the warn policy, a project not in
    /// progress, a possible duplicate).
    pub warnings: Vec<Text>,
    /// At or above the approval threshold: recorded as pending payment `entry` (P1 …),
    /// not spending until another finance user approves it.
    pub pending: bool,
}

impl Paid {
    /// `entry 17: A5-04 2024-05-10 1,200.5 (10k CNY) (after completion …)`.
    pub fn line(&self) -> Text {
        let amount = msg::wan(self.amount.grouped());
        if self.pending {
            msg::paid_pending(self.entry, &self.id, &self.date, amount)
        } else if self.after_completion {
            msg::paid_after_completion(self.entry, &self.id, &self.date, amount)
        } else {
            msg::paid(self.entry, &self.id, &self.date, amount)
        }
    }
}

/// Records `p`, or refuses it with nothing written. The payment is judged by its
/// project's state on the payment's own date, not today's: a payment dated before a
/// completion is a payment, not retention money, whenever it is entered.
pub fn pay(store: &mut Store, stamp: Stamp, p: &Payment) -> Result<Paid> {
    let id = normalize_id(&p.id);
    let place = &p.front.place(Field::Amount);
    let amount = Money::parse_payment(&p.amount).map_err(|e| Error::bad_value(place, e))?;
    if amount <= Money::ZERO {
        return Err(Error::bad_value(
            place,
            msg::payment_not_positive(p.amount.trim()),
        ));
    }
    let voucher = super::optional_text(p.voucher.as_deref())
        .map(|v| check_voucher(v).map_err(|e| Error::bad_value(p.front.place(Field::Voucher), e)))
        .transpose()?;
    let note = super::optional_text(p.note.as_deref())
        .map(|n| check_option(p.front.place(Field::Note), n, 2000))
        .transpose()?;
    let date = format_date(p.date);
    let policy = match p.overspend {
        Some(policy) => policy,
        None => Overspend::from_setting(store.setting("overspend")?.as_deref()),
    };
    store.write(stamp, |tx| {
        // The project as it stood on the payment's date judges the payment: its kind
        // (after completion: 尾款), a warning for a project not in progress, the
        // estimate that overspending is measured against.
        let state = tx.state_on(&id, &date)?;
        let project = &state.project;
        let mut warnings = Vec::new();
        if let Some(problem) = far_from_schedule(&date, project.schedule) {
            match PaymentDates::from_setting(tx.setting("payment-dates")?.as_deref()) {
                PaymentDates::Stop => {
                    return Err(Error::Refused {
                        id: id.clone(),
                        what: msg::refused_payment_dates(problem),
                    })
                }
                PaymentDates::Warn => warnings.push(msg::place_problem(&id, problem)),
            }
        }
        let after = tx
            .actual_total(&id)?
            .checked_add(amount)
            .ok_or_else(|| Error::bad_value(place, msg::too_large()))?;
        if after > project.estimate {
            let what = msg::overspend(
                msg::wan(after.grouped()),
                msg::wan(project.estimate.grouped()),
                msg::wan(Money::from_fen(after.fen() - project.estimate.fen()).grouped()),
            );
            match policy {
                Overspend::Stop => {
                    return Err(Error::Refused {
                        id: id.clone(),
                        what: msg::refused_overspend(what),
                    })
                }
                Overspend::Warn => warnings.push(msg::place_problem(&id, what)),
            }
        }
        let after_completion = project.status == Status::Completed;
        if matches!(
            project.status,
            Status::Planned | Status::Suspended | Status::Cancelled
        ) {
            warnings.push(msg::project_is(&id, project.status.words()));
        }
        let new = NewEntry {
            project_id: &id,
            date: &date,
            amount,
            voucher: voucher.as_deref(),
            note: note.as_deref(),
            reverses: None,
            reason: None,
            after_completion,
            import_id: None,
        };
        if let Some(same) = tx.same_entry_exists(&new)? {
            warnings.push(msg::same_entry_exists(&id, same));
        }
        let pending =
            approval_threshold(tx.setting(THRESHOLD)?.as_deref()).is_some_and(|t| amount >= t);
        let entry = if pending {
            tx.insert_pending(&new)?
        } else {
            tx.insert_entry(&new)?
        };
        Ok(Paid {
            entry,
            id: id.clone(),
            date: date.clone(),
            amount,
            after_completion,
            warnings,
            pending,
        })
    })
}

/// The setting that holds the approval threshold (万元; `none` or absent: no approval).
pub const THRESHOLD: &str = "approval-threshold";

/// The approval threshold a setting's value names, if any.
pub fn approval_threshold(setting: Option<&str>) -> Option<Money> {
    setting
        .filter(|v| *v != "none")
        .and_then(|v| Money::parse_payment(v).ok())
}

/// A pending payment's number as typed: `P3` or `3`.
pub fn parse_pending(text: &str, place: &str) -> Result<i64> {
    let t = text.trim();
    t.strip_prefix(['P', 'p'])
        .unwrap_or(t)
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Error::bad_value(place, msg::no_pending(t)))
}

/// An approval or rejection done.
#[derive(Clone, Debug)]
pub struct Reviewed {
    pub line: Text,
}

/// Approves pending payment `id`: by anyone but who recorded it (the write path has
/// already checked the approver's role). The entry counts from then on, dated its own
/// date; a closed period refuses it like any payment dated in it.
pub fn approve(store: &mut Store, stamp: Stamp, id: i64, place: &str) -> Result<Reviewed> {
    store.write(stamp, |tx| {
        let p = open_pending(tx, id, place)?;
        if p.actor == tx.actor() {
            return Err(Error::Denied(msg::self_approval(
                format!("P{id}"),
                &p.actor,
            )));
        }
        let state = tx.state_on(&p.project_id, &p.date)?;
        let after_completion = state.project.status == Status::Completed;
        let entry = tx.approve_pending(&p, after_completion)?;
        Ok(Reviewed {
            line: msg::approved(
                format!("P{id}"),
                entry,
                &p.project_id,
                &p.date,
                msg::wan(p.amount.grouped()),
            ),
        })
    })
}

/// Rejects pending payment `id` with `reason` (who recorded it may withdraw it so).
pub fn reject(
    store: &mut Store,
    stamp: Stamp,
    id: i64,
    reason: &str,
    place: &str,
) -> Result<Reviewed> {
    store.write(stamp, |tx| {
        let p = open_pending(tx, id, place)?;
        tx.reject_pending(&p, reason)?;
        Ok(Reviewed {
            line: msg::rejected(
                format!("P{id}"),
                &p.project_id,
                msg::wan(p.amount.grouped()),
            ),
        })
    })
}

fn open_pending(
    tx: &crate::store::write::Tx<'_>,
    id: i64,
    place: &str,
) -> Result<crate::store::pending::Pending> {
    let p = tx
        .pending_payment(id)?
        .ok_or_else(|| Error::bad_value(place, msg::no_pending(format!("P{id}"))))?;
    if let Some((action, by)) = &p.review {
        return Err(Error::bad_value(
            place,
            msg::already_reviewed(format!("P{id}"), action, by),
        ));
    }
    Ok(p)
}

/// A reversal as asked for.
#[derive(Clone, Debug)]
pub struct Reversal {
    pub entry: i64,
    pub reason: String,
    pub note: Option<String>,
    /// The reversal's date; today when absent. Never before the entry it reverses.
    pub date: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// A recorded reversal.
#[derive(Clone, Debug)]
pub struct Reversed {
    pub entry: i64,
    pub reverses: i64,
    pub date: String,
    pub amount: Money,
}

/// Records the reversal of one entry, which must exist, not be a reversal itself and not
/// be reversed already.
pub fn reverse(store: &mut Store, stamp: Stamp, r: &Reversal) -> Result<Reversed> {
    let entry_id = r.entry;
    store.write(stamp, |tx| {
        let original = tx
            .entry(entry_id)?
            .ok_or_else(|| Error::bad_value("--reverse", msg::no_entry(entry_id)))?;
        if let Some(of) = original.reverses {
            return Err(Error::bad_value(
                "--reverse",
                msg::entry_is_a_reversal(entry_id, of),
            ));
        }
        if let Some(by) = original.reversed_by {
            return Err(Error::bad_value(
                "--reverse",
                msg::entry_already_reversed(entry_id, by),
            ));
        }
        let date = r.date.unwrap_or(r.today);
        if date > r.today {
            return Err(Error::bad_value(
                "--date",
                msg::date_in_future(date, r.today),
            ));
        }
        // An entry dated in the future (which only a release before such dates were
        // refused could record) is reversed today: it cannot wait until then.
        let future = original.date > format_date(r.today);
        if format_date(date) < original.date && !future {
            return Err(Error::bad_value(
                "--date",
                msg::reversal_before_entry(&original.date),
            ));
        }
        let date = format_date(date);
        let amount = Money::from_fen(-original.amount.fen());
        let new = NewEntry {
            project_id: &original.project_id,
            date: &date,
            amount,
            voucher: original.voucher.as_deref(),
            note: r.note.as_deref(),
            reverses: Some(entry_id),
            reason: Some(&r.reason),
            after_completion: original.after_completion,
            import_id: None,
        };
        let id = tx.insert_entry(&new)?;
        Ok(Reversed {
            entry: id,
            reverses: original.id,
            date,
            amount,
        })
    })
}
