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

/// A voucher number or note: printable (line breaks and tabs allowed), of sensible
/// length. The error is the problem alone; callers name the place.
pub fn check_text(text: String, max_chars: usize) -> std::result::Result<String, String> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err("contains control characters".to_string());
    }
    if text.chars().count() > max_chars {
        return Err(format!("longer than {max_chars} characters"));
    }
    Ok(text)
}

/// [`check_text`] for a command-line option.
pub fn check_option(place: &str, text: String, max_chars: usize) -> Result<String> {
    check_text(text, max_chars).map_err(|problem| Error::bad_value(place, problem))
}
