//! Rules for spending entries: the overspend policy and the texts that go with a payment.

use crate::error::{Error, Result};

/// What to do when a payment takes a project's spending above its current estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Overspend {
    /// Record it and warn.
    Warn,
    /// Refuse it.
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

/// A voucher number or note: printable, of sensible length.
pub fn check_text(place: &str, text: String, max_chars: usize) -> Result<String> {
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::bad_value(place, "contains control characters"));
    }
    if text.chars().count() > max_chars {
        return Err(Error::bad_value(
            place,
            format!("longer than {max_chars} characters"),
        ));
    }
    Ok(text)
}
