//! Moving projects through their lifecycle (`start`, `complete`, …): every id in one
//! transaction, all or nothing, each move checked against the lifecycle and dated no
//! earlier than the project's latest change.

use crate::domain::lifecycle::Verb;
use crate::domain::project::{normalize_id, Status};
use crate::domain::spending::check_option;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::store::write::{Change, FieldChange, Stamp};
use crate::store::Store;
use chrono::NaiveDate;

/// What to do: one verb for some projects, effective on one date.
#[derive(Clone, Debug)]
pub struct StatusChange {
    pub verb: Verb,
    pub ids: Vec<String>,
    pub date: NaiveDate,
    /// Why; required for suspend, cancel and reopen.
    pub reason: Option<String>,
    pub note: Option<String>,
    /// Where the values came from, for naming them in a refusal.
    pub front: super::Front,
}

/// One project moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub id: String,
    pub from: Status,
    pub to: Status,
}

impl Moved {
    /// `A5-04: in progress → completed`.
    pub fn line(&self) -> Text {
        msg::status_moved(&self.id, self.from.words(), self.to.words())
    }
}

/// Applies `change` to every project it names, or to none.
pub fn change_status(store: &mut Store, stamp: Stamp, change: &StatusChange) -> Result<Vec<Moved>> {
    let verb = change.verb;
    let why = super::optional_text(change.reason.as_deref())
        .map(|r| check_option(change.front.place(super::Field::Reason), r, 2000))
        .transpose()?;
    if verb.needs_reason() && why.is_none() {
        return Err(Error::ReasonRequired(verb.name()));
    }
    let note = super::optional_text(change.note.as_deref())
        .map(|n| check_option(change.front.place(super::Field::Note), n, 2000))
        .transpose()?;
    let mut ids: Vec<String> = Vec::new();
    for id in change.ids.iter().map(|i| normalize_id(i)) {
        if ids.contains(&id) {
            return Err(Error::Refused {
                id,
                what: msg::given_twice(),
            });
        }
        ids.push(id);
    }
    let date = change.date;
    store.write(stamp, |tx| {
        let mut moved = Vec::new();
        for id in &ids {
            let state = tx.state(id)?;
            let from = state.project.status;
            let to = verb.apply(from).ok_or_else(|| Error::IllegalTransition {
                id: id.clone(),
                verb,
                status: from,
                allowed: Verb::allowed_from(from),
            })?;
            // Completing needs a start first, and no change may take effect before the
            // project's latest one: so a completion is never dated before its start.
            check_not_before(id, date, state.last_effective)?;
            let mut after = state.project.clone();
            after.status = to;
            tx.record(&Change {
                after: &after,
                plan: &state.plan,
                effective: date,
                change: "status",
                action: verb.name(),
                fields: vec![FieldChange::new(
                    "status",
                    from.code().to_string(),
                    to.code().to_string(),
                )],
                reason: why.clone(),
                note: note.clone(),
            })?;
            moved.push(Moved {
                id: id.clone(),
                from,
                to,
            });
        }
        Ok(moved)
    })
}

/// A change to a project may not take effect before the project's latest change, so
/// that every past view stays a consistent prefix of its history.
pub fn check_not_before(id: &str, date: NaiveDate, latest: NaiveDate) -> Result<()> {
    if date < latest {
        return Err(Error::Refused {
            id: id.to_string(),
            what: msg::back_dated(date, latest),
        });
    }
    Ok(())
}
