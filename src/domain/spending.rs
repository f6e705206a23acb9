//! Rules for spending entries: the overspend policy and the texts that go with a payment.

use super::date::format_date;
use super::project::normalize_id;
use super::Money;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use chrono::NaiveDate;

/// What to do when a payment takes a project's spending above its current estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Overspend {
    // Record it and warn.
    Warn,
    // Refuse it.
    Stop,
}

impl Overspend {
    pub fn code(self) -> &'static str {
        match self {
            Overspend::Warn => "warn",
            Overspend::Stop => "stop",
        }
    }

    /// The ledger's setting; warn when unset.
    pub fn from_setting(value: Option<&str>) -> Overspend {
        match value {
            Some("stop") => Overspend::Stop,
            _ => Overspend::Warn,
        }
    }
}

/// What to do with a payment dated far outside its project's schedule: more than a year
/// before the schedule's first year begins, or more than a year after its last year
/// ends (retention money is often paid in the year after completion, so that is not
/// "far").
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PaymentDates {
    // Record it and warn.
    Warn,
    // Refuse it.
    Stop,
}

impl PaymentDates {
    /// The ledger's setting; warn when unset.
    pub fn from_setting(value: Option<&str>) -> PaymentDates {
        match value {
            Some("stop") => PaymentDates::Stop,
            _ => PaymentDates::Warn,
        }
    }
}

/// The problem with a payment dated `date` (`YYYY-MM-DD`) for a project scheduled over
/// `schedule`, when it is far outside it (see [`PaymentDates`]).
pub fn far_from_schedule(date: &str, schedule: super::Schedule) -> Option<Text> {
    let year: i32 = date.get(..4)?.parse().ok()?;
    if year < schedule.start - 1 {
        Some(msg::payment_long_before_schedule(date, schedule))
    } else if year > schedule.end + 1 {
        Some(msg::payment_long_after_schedule(date, schedule))
    } else {
        None
    }
}

/// Whether a payment dated `date` lies outside `schedule`: before its first year, or
/// after the year that follows its last (retention money, 尾款, is paid then).
pub fn outside_schedule(date: &str, schedule: super::Schedule) -> bool {
    date.get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .is_some_and(|year| year < schedule.start || year > schedule.end + 1)
}

/// A voucher number or note: printable (line breaks and tabs allowed), of sensible
/// length. The error is the problem alone; callers name the place.
pub fn check_text(text: String, max_chars: usize) -> std::result::Result<String, Text> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(msg::control_characters());
    }
    if text.chars().count() > max_chars {
        return Err(msg::too_long(max_chars));
    }
    Ok(text)
}

/// A voucher number: [`check_text`], and no invisible or direction-changing character
/// (a voucher is a name people match by eye).
pub fn check_voucher(text: String) -> std::result::Result<String, Text> {
    let text = check_text(text, 64)?;
    match super::text::name_problem(&text) {
        Some(problem) => Err(problem),
        None => Ok(text),
    }
}

/// [`check_text`] for a command-line option.
pub fn check_option(
    place: impl crate::i18n::Localize,
    text: String,
    max_chars: usize,
) -> Result<String> {
    check_text(text, max_chars).map_err(|problem| Error::bad_value(place, problem))
}

/// The columns of a spending file as `ecoledger` writes them, in the order the fuzz
/// target and the plain CSV reader name them.
pub const PAYMENT_COLUMNS: [&str; 5] = ["project_id", "date", "amount_wan", "voucher", "note"];

/// One payment row of an import, checked on its own. Whether the project exists is the
/// caller's to check against the ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentRow {
    pub project_id: String,
    pub date: String,
    /// Positive for a payment; negative for a reversal (which names what it reverses).
    pub amount: Money,
    pub voucher: Option<String>,
    pub note: Option<String>,
    /// The number (in the file's own `entry` column) of the row this one reverses.
    pub reverses: Option<i64>,
    pub reason: Option<String>,
    /// This row's own number in the file's `entry` column, if it has one.
    pub entry: Option<i64>,
}

/// A payment row's texts, by field (empty when the file has no such column).
#[derive(Clone, Copy, Debug, Default)]
pub struct PaymentText<'a> {
    pub project_id: &'a str,
    pub date: &'a str,
    pub amount: &'a str,
    pub voucher: &'a str,
    pub note: &'a str,
    pub entry: &'a str,
    pub reverses: &'a str,
    pub reason: &'a str,
}

impl<'a> PaymentText<'a> {
    /// The texts of a record whose fields are in [`super::import::SPENDING_FIELDS`]
    /// order (the amount is whichever of the three amount fields the file has).
    pub fn from_fields(fields: &'a [String]) -> PaymentText<'a> {
        let f = |i: usize| fields.get(i).map_or("", String::as_str);
        let amount = [f(2), f(3), f(4)]
            .into_iter()
            .find(|a| !a.is_empty())
            .unwrap_or("");
        PaymentText {
            project_id: f(0),
            date: f(1),
            amount,
            voucher: f(5),
            note: f(6),
            entry: f(7),
            reverses: f(8),
            reason: f(9),
        }
    }
}

/// Checks one row: a project id, a real date (as people write them) not after `today`,
/// an exact amount in `unit` (positive; negative only for a reversal, which names the
/// row it reverses and says why), printable voucher and note of sensible length. Returns
/// every problem, as (column, problem).
pub fn check_payment(
    t: &PaymentText<'_>,
    unit: super::import::Unit,
    today: NaiveDate,
) -> std::result::Result<PaymentRow, Vec<(&'static str, Text)>> {
    let mut problems = Vec::new();
    let project_id = normalize_id(t.project_id);
    if project_id.is_empty() {
        problems.push(("project_id", msg::empty()));
    }
    let date = match super::import::parse_date_loose(t.date) {
        Ok(d) if d > today => {
            problems.push(("date", msg::date_in_future(d, today)));
            None
        }
        Ok(d) => Some(format_date(d)),
        Err(e) => {
            problems.push(("date", e));
            None
        }
    };
    let number =
        |text: &str, column: &'static str, problems: &mut Vec<(&'static str, Text)>| match text
            .trim()
        {
            "" => None,
            n => match n.parse::<i64>() {
                Ok(v) if v > 0 => Some(v),
                _ => {
                    problems.push((column, msg::not_an_entry_number(n)));
                    None
                }
            },
        };
    let entry = number(t.entry, "entry", &mut problems);
    let reverses = number(t.reverses, "reverses", &mut problems);
    let amount = match super::import::parse_amount(t.amount, unit) {
        Ok(m) if m == Money::ZERO => {
            problems.push(("amount_wan", msg::amount_zero(t.amount)));
            None
        }
        Ok(m) if m < Money::ZERO && reverses.is_none() => {
            problems.push(("amount_wan", msg::import_payment_not_positive(t.amount)));
            None
        }
        Ok(m) if m > Money::ZERO && reverses.is_some() => {
            problems.push(("amount_wan", msg::reversal_amount_not_negative(t.amount)));
            None
        }
        Ok(m) => Some(m),
        Err(e) => {
            problems.push(("amount_wan", e));
            None
        }
    };
    let mut optional = |text: &str, column: &'static str, max: usize| {
        if text.is_empty() {
            return None;
        }
        check_text(text.to_string(), max)
            .map_err(|e| problems.push((column, e)))
            .ok()
    };
    let note = optional(t.note, "note", 2000);
    let reason = optional(t.reason, "reason", 2000);
    let voucher = match t.voucher {
        "" => None,
        v => check_voucher(v.to_string())
            .map_err(|e| problems.push(("voucher", e)))
            .ok(),
    };
    if reverses.is_some() && reason.is_none() {
        problems.push(("reason", msg::reversal_needs_reason()));
    }
    match (date, amount) {
        (Some(date), Some(amount)) if problems.is_empty() => Ok(PaymentRow {
            project_id,
            date,
            amount,
            voucher,
            note,
            reverses,
            reason,
            entry,
        }),
        _ => Err(problems),
    }
}
