//! A project's schedule (实施周期): a span of whole calendar years, written `2022-2025`,
//! or `2022` for a single year.

use std::fmt;
use std::ops::RangeInclusive;

/// The years a schedule may name. Wide enough for any plan; narrow enough to catch typos
/// such as `20225`.
pub const YEARS: RangeInclusive<i32> = 1900..=2200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub start: i32,
    pub end: i32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    Malformed(String),
    /// A year that is not four digits (a report's YEAR, a start or end year).
    NotAYear(String),
    YearOutOfRange(i32),
    EndBeforeStart(String),
}

impl From<ScheduleError> for crate::i18n::Text {
    fn from(e: ScheduleError) -> crate::i18n::Text {
        use crate::i18n::msg;
        match e {
            ScheduleError::Malformed(t) => msg::not_a_schedule(t),
            ScheduleError::NotAYear(t) => msg::not_a_year(t),
            ScheduleError::YearOutOfRange(y) => {
                msg::year_out_of_range(y, YEARS.start(), YEARS.end())
            }
            ScheduleError::EndBeforeStart(t) => msg::schedule_ends_before_start(t),
        }
    }
}

/// Parses one year in [`YEARS`].
pub fn parse_year(text: &str) -> Result<i32, ScheduleError> {
    let t = text.trim();
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ScheduleError::NotAYear(t.to_string()));
    }
    let year: i32 = t
        .parse()
        .map_err(|_| ScheduleError::NotAYear(t.to_string()))?;
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(ScheduleError::YearOutOfRange(year))
    }
}

impl Schedule {
    pub fn new(start: i32, end: i32) -> Result<Schedule, ScheduleError> {
        for y in [start, end] {
            if !YEARS.contains(&y) {
                return Err(ScheduleError::YearOutOfRange(y));
            }
        }
        if end < start {
            return Err(ScheduleError::EndBeforeStart(format!("{start}-{end}")));
        }
        Ok(Schedule { start, end })
    }

    /// Parses `2022-2025` or `2022`.
    pub fn parse(text: &str) -> Result<Schedule, ScheduleError> {
        let t = text.trim();
        match t.split_once('-') {
            Some((a, b)) => Schedule::new(
                parse_year(a).map_err(|e| relabel(e, t))?,
                parse_year(b).map_err(|e| relabel(e, t))?,
            ),
            None => parse_year(t)
                .map_err(|e| relabel(e, t))
                .and_then(|y| Schedule::new(y, y)),
        }
    }

    pub fn years(self) -> RangeInclusive<i32> {
        self.start..=self.end
    }

    pub fn len(self) -> usize {
        // `new` guarantees end >= start, so this is at least 1.
        (self.end - self.start + 1) as usize
    }

    pub fn is_empty(self) -> bool {
        false
    }

    pub fn covers(self, year: i32) -> bool {
        self.years().contains(&year)
    }
}

/// Reports a malformed half of a range as the whole range being malformed.
fn relabel(e: ScheduleError, whole: &str) -> ScheduleError {
    match e {
        ScheduleError::Malformed(_) | ScheduleError::NotAYear(_) => {
            ScheduleError::Malformed(whole.to_string())
        }
        other => other,
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_and_single_years() {
        assert_eq!(
            Schedule::parse("2022-2025").unwrap(),
            Schedule {
                start: 2022,
                end: 2025
            }
        );
        assert_eq!(
            Schedule::parse("2022").unwrap(),
            Schedule {
                start: 2022,
                end: 2022
            }
        );
        assert_eq!(Schedule::parse("2022").unwrap().to_string(), "2022");
        assert_eq!(Schedule::parse("2023-2026").unwrap().len(), 4);
    }

    #[test]
    fn refuses_bad_schedules() {
        assert!(matches!(
            Schedule::parse("2025-2022"),
            Err(ScheduleError::EndBeforeStart(_))
        ));
        assert!(matches!(
            Schedule::parse("3000"),
            Err(ScheduleError::YearOutOfRange(3000))
        ));
        for bad in ["", "22-25", "2022-", "abcd", "2022/2025", "20225"] {
            assert!(Schedule::parse(bad).is_err(), "{bad:?}");
        }
    }
}
