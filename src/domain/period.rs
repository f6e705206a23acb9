//! Reporting periods: a year (`2024`), a quarter (`2024Q2`) or a month (`2024-05`), and
//! how a year's budget splits into quarters (the allocation rule: four parts in whole 元,
//! leftover 元 to the earliest quarters).

use super::allocation::split_even;
use super::schedule::parse_year;
use super::Money;
use chrono::{Datelike, NaiveDate};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl From<PeriodError> for crate::i18n::Text {
    fn from(e: PeriodError) -> crate::i18n::Text {
        crate::i18n::msg::not_a_period(e.0)
    }
}

impl Period {
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let t = text.trim();
        let bad = || PeriodError(t.to_string());
        if let Some((y, m)) = t.split_once('-') {
            let year = parse_year(y).map_err(|_| bad())?;
            let month: u8 = match m.len() {
                2 if m.bytes().all(|b| b.is_ascii_digit()) => m.parse().map_err(|_| bad())?,
                _ => return Err(bad()),
            };
            return if (1..=12).contains(&month) {
                Ok(Period::Month(year, month))
            } else {
                Err(bad())
            };
        }
        match t.split_once(['Q', 'q']) {
            Some((y, q)) => {
                let year = parse_year(y).map_err(|_| bad())?;
                match q {
                    "1" | "2" | "3" | "4" => Ok(Period::Quarter(year, q.as_bytes()[0] - b'0')),
                    _ => Err(bad()),
                }
            }
            None => parse_year(t).map(Period::Year).map_err(|_| bad()),
        }
    }

    /// The quarter `date` falls in.
    pub fn quarter_of(date: NaiveDate) -> Period {
        Period::Quarter(date.year(), (date.month0() / 3 + 1) as u8)
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// The last quarter the period reaches (4 for a year; a month's own quarter).
    pub fn last_quarter(self) -> u8 {
        match self {
            Period::Year(_) => 4,
            Period::Quarter(_, q) => q,
            Period::Month(_, m) => (m - 1) / 3 + 1,
        }
    }

    /// The quarter a month falls in (a quarter or a year is itself).
    pub fn quarter(self) -> Period {
        match self {
            Period::Month(y, _) => Period::Quarter(y, self.last_quarter()),
            other => other,
        }
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        let month = match self {
            Period::Year(_) => 1,
            Period::Quarter(_, q) => 3 * u32::from(q) - 2,
            Period::Month(_, m) => u32::from(m),
        };
        NaiveDate::from_ymd_opt(self.year(), month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the period.
    pub fn end(self) -> NaiveDate {
        let next = match self {
            Period::Year(y) | Period::Quarter(y, 4) | Period::Month(y, 12) => {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            }
            Period::Quarter(y, q) => NaiveDate::from_ymd_opt(y, 3 * u32::from(q) + 1, 1),
            Period::Month(y, m) => NaiveDate::from_ymd_opt(y, u32::from(m) + 1, 1),
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

/// A year's budget split into its four quarters.
pub fn quarters(year_budget: Money) -> [Money; 4] {
    let parts = split_even(year_budget, 4);
    [parts[0], parts[1], parts[2], parts[3]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_month_falls_in_its_quarter() {
        for m in 1..=12u8 {
            let q = m.div_ceil(3);
            assert_eq!(Period::Month(2024, m).last_quarter(), q, "month {m}");
            assert_eq!(Period::Month(2024, m).quarter(), Period::Quarter(2024, q));
        }
        assert_eq!(Period::Year(2024).last_quarter(), 4);
        assert_eq!(Period::Quarter(2024, 3).last_quarter(), 3);
    }

    #[test]
    fn parses_years_and_quarters() {
        assert_eq!(Period::parse("2024").unwrap(), Period::Year(2024));
        assert_eq!(Period::parse("2024Q2").unwrap(), Period::Quarter(2024, 2));
        assert_eq!(Period::parse("2024q4").unwrap(), Period::Quarter(2024, 4));
        assert_eq!(Period::parse("2024-05").unwrap(), Period::Month(2024, 5));
        for bad in [
            "2024Q5",
            "2024Q0",
            "24Q1",
            "Q1",
            "2024-Q1",
            "",
            "2024Q",
            "2024-13",
            "2024-00",
            "2024-5",
            "2024-2025",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn knows_its_days() {
        let q2 = Period::Quarter(2024, 2);
        assert_eq!(q2.start().to_string(), "2024-04-01");
        assert_eq!(q2.end().to_string(), "2024-06-30");
        assert_eq!(Period::Quarter(2024, 4).end().to_string(), "2024-12-31");
        assert_eq!(Period::Year(2024).end().to_string(), "2024-12-31");
        assert_eq!(q2.to_string(), "2024Q2");
        let may = Period::Month(2024, 5);
        assert_eq!(
            (may.start().to_string(), may.end().to_string()),
            ("2024-05-01".into(), "2024-05-31".into())
        );
        assert_eq!(Period::Month(2024, 2).end().to_string(), "2024-02-29");
        assert_eq!(Period::Month(2024, 12).end().to_string(), "2024-12-31");
        assert_eq!(
            (may.quarter(), may.to_string()),
            (q2, "2024-05".to_string())
        );
    }

    #[test]
    fn quarters_add_up_exactly() {
        let q = quarters(Money::from_yuan(10));
        assert_eq!(q.map(Money::yuan), [3, 3, 2, 2]);
        let q = quarters(Money::parse_wan("83500").unwrap());
        assert_eq!(
            q.iter().copied().sum::<Money>(),
            Money::parse_wan("83500").unwrap()
        );
    }
}
