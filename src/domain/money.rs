//! Exact amounts of money. Every amount the user sees is in 万元; inside, an amount is a
//! whole number of 分 (1 分 = 0.000001 万元) in an `i64`. Estimates, plans and budgets are
//! whole 元 (at most four decimals of 万元: the allocation rule splits them in 1 元 units)
//! and are stored as 元; payments are exact to the 分 (six decimals) and stored as 分. No
//! floating point is involved anywhere.

use crate::i18n::{msg, Text};
use rust_decimal::Decimal;
use std::fmt;

/// 元 per 万元.
pub const YUAN_PER_WAN: i64 = 10_000;

/// 分 per 元.
pub const FEN_PER_YUAN: i64 = 100;

/// 分 per 万元.
pub const FEN_PER_WAN: i64 = YUAN_PER_WAN * FEN_PER_YUAN;

/// The largest amount one figure (an estimate, a payment, a year of a plan) may hold:
/// 1,000,000,000 万元 (10 万亿元), more than any single public project costs.
pub const MAX_WAN: i64 = 1_000_000_000;

/// The most the ledger adds up: the sum of the projects' current estimates, and the sum
/// of all payments, each stay at or below 1,000,000,000,000 万元 (1 亿亿元). Every total,
/// subtotal and difference a report computes is then inside an `i64` of 分 (10^18), so no
/// sum can overflow; a write that would pass it is refused.
pub const LEDGER_MAX_WAN: i64 = 1_000_000_000_000;

/// An exact amount of money, counted in 分.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a text is not an amount of 万元.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    NotANumber(String),
    TooPrecise(String),
    FinerThanFen(String),
    OutOfRange(String),
}

impl From<MoneyError> for Text {
    fn from(e: MoneyError) -> Text {
        match e {
            MoneyError::Empty => msg::amount_empty(),
            MoneyError::NotANumber(t) => msg::amount_not_a_number(t),
            MoneyError::TooPrecise(t) => msg::amount_too_precise(t),
            MoneyError::FinerThanFen(t) => msg::amount_finer_than_fen(t),
            MoneyError::OutOfRange(t) => msg::amount_out_of_range(t),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    /// A whole number of 元 (as estimates are stored). Saturates rather than wrap for a
    /// figure beyond any the limits allow (only a ledger written before them holds one).
    pub const fn from_yuan(yuan: i64) -> Money {
        Money(yuan.saturating_mul(FEN_PER_YUAN))
    }

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    /// The amount in whole 元 (an estimate or budget always is; a payment's 分 are cut).
    pub const fn yuan(self) -> i64 {
        self.0 / FEN_PER_YUAN
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Whether the amount is a whole number of 元.
    pub const fn is_whole_yuan(self) -> bool {
        self.0 % FEN_PER_YUAN == 0
    }

    /// Parses an estimate, a plan year or a budget: a plain decimal number of 万元 with at
    /// most four decimals (whole 元). See [`Money::parse_payment`] for payments.
    pub fn parse_wan(text: &str) -> Result<Money, MoneyError> {
        parse(text, 4)
    }

    /// Parses a payment: a plain decimal number of 万元 with at most six decimals (exact
    /// to the 分, as every voucher is).
    pub fn parse_payment(text: &str) -> Result<Money, MoneyError> {
        parse(text, 6)
    }

    /// The amount in 万元 as an exact decimal.
    pub fn to_wan(self) -> Decimal {
        Decimal::new(self.0, 6).normalize()
    }

    /// Plain 万元 without separators or trailing zeros (`334000`, `0.0001`, `-12.5`,
    /// `0.000001`): the form CSV and JSON carry and the parsers read back.
    pub fn plain(self) -> String {
        self.to_wan().to_string()
    }

    /// 万元 with thousands separators (`334,000`, `1,234.5`), for people.
    pub fn grouped(self) -> String {
        let plain = self.plain();
        let (sign, unsigned) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (int_part, frac_part) = match unsigned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (unsigned, None),
        };
        let mut out = String::with_capacity(plain.len() + int_part.len() / 3);
        out.push_str(sign);
        for (i, ch) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if let Some(f) = frac_part {
            out.push('.');
            out.push_str(f);
        }
        out
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }
}

/// A plain decimal number of 万元: an optional sign, digits, and at most one '.' followed
/// by at most `decimals` significant digits. Thousands separators, exponents, `NaN`,
/// `inf` and anything else are refused rather than guessed at.
fn parse(text: &str, decimals: usize) -> Result<Money, MoneyError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let well_formed = !int_part.is_empty()
        && all_digits(int_part)
        && frac_part.is_none_or(|f| !f.is_empty() && all_digits(f));
    if !well_formed {
        return Err(MoneyError::NotANumber(s.to_string()));
    }
    if frac_part.is_some_and(|f| f.trim_end_matches('0').len() > decimals) {
        return Err(if decimals == 4 {
            MoneyError::TooPrecise(s.to_string())
        } else {
            MoneyError::FinerThanFen(s.to_string())
        });
    }
    let out_of_range = || MoneyError::OutOfRange(s.to_string());
    let value = Decimal::from_str_exact(s).map_err(|_| out_of_range())?;
    if value.abs() > Decimal::from(MAX_WAN) {
        return Err(out_of_range());
    }
    let fen = (value * Decimal::from(FEN_PER_WAN)).normalize();
    debug_assert!(fen.fract().is_zero());
    i64::try_from(fen).map(Money).map_err(|_| out_of_range())
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

impl std::iter::Sum for Money {
    /// Sums exactly. Within the ledger's limits ([`LEDGER_MAX_WAN`]) no sum comes near
    /// the end of an `i64`; past them it panics rather than wrap, because a wrong total
    /// is worse than no total. (Reports of a ledger beyond the limits use
    /// [`Money::checked_add`] and say so instead.)
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| {
            a.checked_add(b)
                .unwrap_or_else(|| panic!("money sum beyond {LEDGER_MAX_WAN} 万元"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_decimals_exactly() {
        assert_eq!(Money::parse_wan("334000").unwrap().yuan(), 3_340_000_000);
        assert_eq!(Money::parse_payment("0.000001").unwrap().fen(), 1);
        assert_eq!(
            Money::parse_payment("1200.123456").unwrap().fen(),
            1_200_123_456
        );
        assert!(matches!(
            Money::parse_payment("0.0000001"),
            Err(MoneyError::FinerThanFen(_))
        ));
        assert!(matches!(
            Money::parse_wan("0.00001"),
            Err(MoneyError::TooPrecise(_))
        ));
        assert_eq!(Money::parse_wan("0.0001").unwrap().yuan(), 1);
        assert_eq!(Money::parse_wan("1.5").unwrap().yuan(), 15_000);
        assert_eq!(Money::parse_wan(" 12.3400 ").unwrap().yuan(), 123_400);
        assert_eq!(Money::parse_wan("-2").unwrap().yuan(), -20_000);
        assert_eq!(Money::parse_wan("+2").unwrap().yuan(), 20_000);
        assert_eq!(
            Money::parse_wan("1000000000").unwrap().yuan(),
            10_000_000_000_000
        );
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        for bad in [
            "", "abc", "1e400", "NaN", "inf", "1,000", "1.", ".5", "--1", "1.2.3", "１２",
        ] {
            assert!(Money::parse_wan(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(matches!(
            Money::parse_wan("1.00001"),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(
            Money::parse_wan("123456789012345678901234567890"),
            Err(MoneyError::OutOfRange(_))
        ));
        for over in ["1000000000.0001", "-1000000000.0001", "1000000000000"] {
            assert!(
                matches!(Money::parse_wan(over), Err(MoneyError::OutOfRange(_))),
                "{over}"
            );
        }
    }

    #[test]
    fn formats_plain_and_grouped() {
        let m = Money::from_yuan(3_340_000_000);
        assert_eq!(m.plain(), "334000");
        assert_eq!(m.grouped(), "334,000");
        assert_eq!(Money::from_yuan(123_456_789).grouped(), "12,345.6789");
        assert_eq!(Money::from_yuan(-7_853_410_000).grouped(), "-785,341");
        assert_eq!(Money::from_yuan(1).plain(), "0.0001");
        assert_eq!(Money::from_fen(1).plain(), "0.000001");
        assert_eq!(Money::from_fen(-1_234_567_890).grouped(), "-1,234.56789");
        assert_eq!(Money::ZERO.plain(), "0");
        assert_eq!(Money::from_yuan(5_000).plain(), "0.5");
    }

    #[test]
    fn plain_form_round_trips() {
        for yuan in [
            0,
            1,
            9,
            10,
            9_999,
            10_000,
            123_456_789,
            -5,
            i64::from(u32::MAX),
        ] {
            let m = Money::from_yuan(yuan);
            assert_eq!(Money::parse_wan(&m.plain()).unwrap(), m);
        }
    }
}
