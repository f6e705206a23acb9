//! The ledger's write operations, shared by the command line and the web dashboard: each
//! takes already-parsed input, validates it with the domain rules and records it in one
//! store transaction, so that a change made in a browser is checked and recorded exactly
//! like the same change made with a command.

pub mod assessment;
pub mod budget;
pub mod filter;
pub mod import;
pub mod indicator;
pub mod overview;
pub mod payment;
pub mod period;
pub mod status;
pub mod users;

use crate::clock::Clock;
use crate::domain::date::parse_date;
use crate::error::{Error, Result};
use crate::i18n::{self, msg, Localize, Text};
use crate::store::write::Stamp;
use chrono::NaiveDate;

/// Which front end a change comes from: the command line names a value by its flag
/// (`--note`), the dashboard by its form field's label (`备注`), so that a refusal points
/// at what the person typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Front {
    Cli,
    Web,
}

/// A value a change is made of, for naming it in a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Amount,
    Date,
    Voucher,
    Note,
    Reason,
    Name,
}

impl Front {
    /// Where `field` was given.
    pub fn place(self, field: Field) -> Text {
        match self {
            Front::Cli => Text::data(match field {
                Field::Amount => "AMOUNT",
                Field::Date => "--date",
                Field::Voucher => "--voucher",
                Field::Note => "--note",
                Field::Reason => "--reason",
                Field::Name => "--by",
            }),
            Front::Web => Text::from(match field {
                Field::Amount => i18n::PAYMENT_AMOUNT,
                Field::Date => i18n::DATE,
                Field::Voucher => i18n::VOUCHER,
                Field::Note => i18n::NOTE,
                Field::Reason => i18n::REASON,
                Field::Name => i18n::NAME,
            }),
        }
    }
}

/// Who writes and when it is recorded: `actor` must be 1–64 printable characters.
pub fn stamp(actor: &str, place: impl Localize, clock: &Clock) -> Result<Stamp> {
    Ok(Stamp {
        actor: check_actor(actor, place)?,
        recorded_at: clock.recorded_at(),
        proof: crate::store::write::Proof::None,
    })
}

/// The name the program itself signs its own records with (the seed, upgrades); no
/// person may use it.
pub const SYSTEM_ACTOR: &str = "ecoledger";

/// A person's name as recorded in the history: trimmed, 1–64 printable characters,
/// none of them invisible or direction-changing, and not the program's own name.
pub fn check_actor(actor: &str, place: impl Localize) -> Result<String> {
    let place = Text::of(place);
    let place = &place;
    let actor = actor.trim().to_string();
    if actor.is_empty() || actor.chars().any(char::is_control) || actor.chars().count() > 64 {
        return Err(Error::bad_value(place, msg::actor_needed()));
    }
    if let Some(problem) = crate::domain::text::name_problem(&actor) {
        return Err(Error::bad_value(
            place,
            msg::quoted_problem(crate::domain::text::visible(&actor), problem),
        ));
    }
    if actor.eq_ignore_ascii_case(SYSTEM_ACTOR) {
        return Err(Error::bad_value(place, msg::actor_reserved(&actor)));
    }
    Ok(actor)
}

/// The date a change takes effect: the given one, else today; never in the future.
pub fn effective_date(
    text: Option<&str>,
    place: impl Localize,
    clock: &Clock,
) -> Result<NaiveDate> {
    let place = Text::of(place);
    let place = &place;
    let date = match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(d) => parse_date(d).map_err(|e| Error::bad_value(place, e))?,
        None => clock.today(),
    };
    if date > clock.today() {
        return Err(Error::bad_value(
            place,
            msg::date_in_future(date, clock.today()),
        ));
    }
    Ok(date)
}

/// An optional text: trimmed, absent when blank.
pub fn optional_text(text: Option<&str>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}
