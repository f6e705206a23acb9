//! Calendar dates as users type them: `YYYY-MM-DD`, checked (no 2024-02-30), within the
//! years a schedule may name.

use super::schedule::YEARS;
use crate::i18n::{msg, Text};
use chrono::{Datelike, NaiveDate};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    Malformed(String),
    Impossible(String),
    OutOfRange(String),
}

impl From<DateError> for Text {
    fn from(e: DateError) -> Text {
        match e {
            DateError::Malformed(t) => msg::not_a_date(t),
            DateError::Impossible(t) => msg::not_a_calendar_day(t),
            DateError::OutOfRange(t) => msg::date_out_of_range(t, YEARS.start(), YEARS.end()),
        }
    }
}

pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    let shape_ok = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(DateError::Malformed(t.to_string()));
    }
    // The shape is checked: ten ASCII bytes with digits where digits belong. Built from
    // its numbers rather than through a strftime pattern (once per imported row).
    let number = |range: std::ops::Range<usize>| {
        t.as_bytes()[range]
            .iter()
            .fold(0_u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).unwrap_or(0);
    let date = NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
        .ok_or_else(|| DateError::Impossible(t.to_string()))?;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateError::OutOfRange(t.to_string()))
    }
}

/// A moment as typed for `--known-at`: a date (the end of that day, UTC) or a UTC time
/// `YYYY-MM-DDTHH:MM:SS` (a trailing `Z` is allowed), as a recorded-at stamp
/// `YYYY-MM-DDTHH:MM:SSZ` that compares as text with every stored one.
pub fn parse_moment(text: &str) -> Result<String, DateError> {
    let t = text.trim();
    let bad = || DateError::Malformed(t.to_string());
    match t.split_once(['T', ' ']) {
        None => Ok(format!("{}T23:59:59Z", format_date(parse_date(t)?))),
        Some((day, time)) => {
            let day = parse_date(day)?;
            let time = time.strip_suffix('Z').unwrap_or(time);
            let parsed = chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").map_err(|_| bad())?;
            Ok(format!(
                "{}T{}Z",
                format_date(day),
                parsed.format("%H:%M:%S")
            ))
        }
    }
}

/// The form dates are stored and shown in.
pub fn format_date(d: NaiveDate) -> String {
    // Written out rather than through a strftime pattern, which is parsed on every call
    // (this runs once per imported row). Years are within 1000-9999 here; the pattern
    // covers the rest.
    if (1000..=9999).contains(&d.year()) {
        format!("{}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod moments {
    use super::*;

    #[test]
    fn moments_are_dates_or_utc_times() {
        assert_eq!(parse_moment("2024-06-30").unwrap(), "2024-06-30T23:59:59Z");
        assert_eq!(
            parse_moment("2024-06-30T09:15:00").unwrap(),
            "2024-06-30T09:15:00Z"
        );
        assert_eq!(
            parse_moment(" 2024-06-30T09:15:00Z ").unwrap(),
            "2024-06-30T09:15:00Z"
        );
        for bad in [
            "2024-06-31",
            "2024-06-30T25:00:00",
            "2024-06-30T9:15",
            "yesterday",
            "",
        ] {
            assert!(parse_moment(bad).is_err(), "{bad}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_days_only() {
        assert_eq!(format_date(parse_date("2024-02-29").unwrap()), "2024-02-29");
        assert!(matches!(
            parse_date("2024-02-30"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            parse_date("2023-02-29"),
            Err(DateError::Impossible(_))
        ));
        for impossible in ["2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00"] {
            assert!(
                matches!(parse_date(impossible), Err(DateError::Impossible(_))),
                "{impossible}"
            );
        }
        assert_eq!(
            parse_date(" 2030-12-31 ").unwrap().to_string(),
            "2030-12-31"
        );
        assert!(matches!(
            parse_date("2024-6-30"),
            Err(DateError::Malformed(_))
        ));
        assert!(matches!(
            parse_date("1800-01-01"),
            Err(DateError::OutOfRange(_))
        ));
        assert!(matches!(
            parse_date("24-06-30"),
            Err(DateError::Malformed(_))
        ));
    }
}
