//! The one clock. "Today" and the recorded-at time of every write come from here, so
//! tests and reproducible reports can pin them with `--today` or `ECOLEDGER_TODAY`
//! (a date `2024-06-30`, or a UTC time `2024-06-30T09:15:00Z`).
//!
//! A pinned clock may go back to reproduce a report, but a *write* may not be recorded
//! ahead of the system clock by more than [`AHEAD_TOLERANCE`] (the store also refuses
//! one recorded before the ledger's latest record): recorded time only moves forward.

use crate::domain::date::parse_date;
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};

/// How far ahead of the system clock a write's clock may be: enough for two machines'
/// clocks to disagree a little, never enough to stamp a record tomorrow.
pub const AHEAD_TOLERANCE: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// The latest recorded-at time a write may carry now: the system clock plus
/// [`AHEAD_TOLERANCE`], in the recorded-at format.
pub fn latest_acceptable() -> String {
    (Utc::now() + AHEAD_TOLERANCE)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Refuses a write stamped `recorded_at` when that is ahead of the system clock by more
/// than [`AHEAD_TOLERANCE`].
pub fn check_not_ahead(recorded_at: &str) -> Result<()> {
    let acceptable = latest_acceptable();
    if recorded_at > acceptable.as_str() {
        return Err(Error::ClockAhead {
            now: recorded_at.to_string(),
            system: Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        });
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    now: DateTime<Utc>,
    today: NaiveDate,
}

impl Clock {
    /// `--today`, else `ECOLEDGER_TODAY`, else the system clock (today in local time).
    pub fn resolve(flag: Option<&str>) -> Result<Clock> {
        let env = std::env::var("ECOLEDGER_TODAY")
            .ok()
            .filter(|v| !v.trim().is_empty());
        match (flag, env) {
            (Some(text), _) => Clock::pinned(text, "--today"),
            (None, Some(text)) => Clock::pinned(&text, "ECOLEDGER_TODAY"),
            (None, None) => Ok(Clock {
                now: Utc::now(),
                today: chrono::Local::now().date_naive(),
            }),
        }
    }

    /// A clock stopped at `text`: a date (midnight UTC) or an RFC 3339 time.
    pub fn pinned(text: &str, place: &str) -> Result<Clock> {
        let t = text.trim();
        if let Ok(now) = DateTime::parse_from_rfc3339(t) {
            let now = now.with_timezone(&Utc);
            return Ok(Clock {
                now,
                today: now.date_naive(),
            });
        }
        let today = parse_date(t).map_err(|e| Error::bad_value(place, e))?;
        let now = today
            .and_hms_opt(0, 0, 0)
            .map(|d| d.and_utc())
            .unwrap_or_default();
        Ok(Clock { now, today })
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The recorded-at stamp of a write: UTC to the second.
    pub fn recorded_at(&self) -> String {
        self.now.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}
