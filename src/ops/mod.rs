//! The ledger's write operations, shared by the command line and the web dashboard: each
//! takes already-parsed input, validates it with the domain rules and records it in one
//! store transaction, so that a change made in a browser is checked and recorded exactly
//! like the same change made with a command.

pub mod budget;
pub mod filter;
pub mod import;
pub mod overview;
pub mod payment;
pub mod period;
pub mod status;

use crate::clock::Clock;
use crate::domain::date::parse_date;
use crate::error::{Error, Result};
use crate::store::write::Stamp;
use chrono::NaiveDate;

/// Who writes and when it is recorded: `actor` must be 1–64 printable characters.
pub fn stamp(actor: &str, place: &str, clock: &Clock) -> Result<Stamp> {
    Ok(Stamp {
        actor: check_actor(actor, place)?,
        recorded_at: clock.recorded_at(),
    })
}

/// The name the program itself signs its own records with (the seed, upgrades); no
/// person may use it.
pub const SYSTEM_ACTOR: &str = "ecoledger";

/// A person's name as recorded in the history: trimmed, 1–64 printable characters,
/// none of them invisible or direction-changing, and not the program's own name.
pub fn check_actor(actor: &str, place: &str) -> Result<String> {
    let actor = actor.trim().to_string();
    if actor.is_empty() || actor.chars().any(char::is_control) || actor.chars().count() > 64 {
        return Err(Error::bad_value(
            place,
            "a name of 1-64 printable characters is needed",
        ));
    }
    if let Some(problem) = crate::domain::text::name_problem(&actor) {
        return Err(Error::bad_value(
            place,
            format!("'{}' {problem}", crate::domain::text::visible(&actor)),
        ));
    }
    if actor.eq_ignore_ascii_case(SYSTEM_ACTOR) {
        return Err(Error::bad_value(
            place,
            format!(
                "'{actor}' is the name ecoledger signs its own records with; use your own name"
            ),
        ));
    }
    Ok(actor)
}

/// The date a change takes effect: the given one, else today; never in the future.
pub fn effective_date(text: Option<&str>, place: &str, clock: &Clock) -> Result<NaiveDate> {
    let date = match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(d) => parse_date(d).map_err(|e| Error::bad_value(place, e))?,
        None => clock.today(),
    };
    if date > clock.today() {
        return Err(Error::bad_value(
            place,
            format!("{date} is in the future (today is {})", clock.today()),
        ));
    }
    Ok(date)
}

/// An optional text: trimmed, absent when blank.
pub fn optional_text(text: Option<&str>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}
