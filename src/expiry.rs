//! The expiry date: `MM/YY`, `MM / YY`, `MMYY`, `MM/YYYY` (and `M/YY`), judged against a
//! `today` that the caller passes in, so the verdict never depends on the clock.
//!
//! A two-digit year is read in the century that puts it nearest to `today`: within 50 years
//! either side (in 2026, `20` is 2020 and `75` is 2075). A card is valid through the end of its
//! expiry month, and up to [`HORIZON_YEARS`] years ahead: issuers print at most 5–10 years,
//! so a later year is a typo (`expiry_too_far`), with room to spare for long-lived cards.

use crate::digits;
use crate::error::ErrorCode;

/// How many years past `today`'s year an expiry may lie.
pub const HORIZON_YEARS: u16 = 20;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
}

/// The verdict on an expiry date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryVerdict {
    /// Complete, a real month, not expired and not too far ahead.
    pub valid: bool,
    /// Valid, or can still become valid as characters are appended.
    pub potentially_valid: bool,
    /// The month, once month and year are both complete.
    pub month: Option<u8>,
    /// The four-digit year, once month and year are both complete.
    pub year: Option<u16>,
    /// Why the date is not valid: `IncompleteExpiry` while it can still become valid and is not
    /// complete; otherwise `Expired`, `ExpiryTooFar` or `InvalidExpiry`.
    pub error: Option<ErrorCode>,
}

/// Digits typed for the month and the year, split at the slash (or after two digits).
struct Parts {
    month: [u8; 2],
    month_len: usize,
    /// Whether the month is ended by a slash (so `1/` is month 1, not the start of 10–12).
    slash: bool,
    year: [u8; 4],
    year_len: usize,
}

fn parse(input: &str) -> Option<Parts> {
    let mut all = [0u8; 6];
    let mut all_len = 0;
    let mut slash_at: Option<usize> = None;
    for c in input.chars() {
        if let Some(v) = digits::digit_value(c) {
            *all.get_mut(all_len)? = v;
            all_len += 1;
        } else if c == '/' || c == '\u{FF0F}' {
            if slash_at.is_some() {
                return None;
            }
            slash_at = Some(all_len);
        } else if !digits::is_ignorable(c) {
            return None;
        }
    }
    let split = match slash_at {
        Some(0) => return None,
        Some(at) if at > 2 => return None,
        Some(at) => at,
        None => all_len.min(2),
    };
    let (m, y) = all.get(..all_len)?.split_at(split);
    if y.len() > 4 {
        return None;
    }
    let mut parts = Parts {
        month: [0; 2],
        month_len: m.len(),
        slash: slash_at.is_some(),
        year: [0; 4],
        year_len: y.len(),
    };
    parts.month.get_mut(..m.len())?.copy_from_slice(m);
    parts.year.get_mut(..y.len())?.copy_from_slice(y);
    Some(parts)
}

fn value(digits: &[u8]) -> u16 {
    digits.iter().fold(0, |acc, &d| acc * 10 + u16::from(d))
}

/// The four-digit year of a two-digit year, in the century nearest `today`.
pub fn expand_year(yy: u16, today: YearMonth) -> u16 {
    let year = (today.year - today.year % 100).saturating_add(yy % 100);
    if year.saturating_add(50) < today.year {
        year.saturating_add(100)
    } else if year >= today.year.saturating_add(50) {
        year.saturating_sub(100)
    } else {
        year
    }
}

fn in_window(ym: YearMonth, today: YearMonth) -> Result<(), ErrorCode> {
    if ym < today {
        Err(ErrorCode::Expired)
    } else if ym.year > today.year.saturating_add(HORIZON_YEARS) {
        Err(ErrorCode::ExpiryTooFar)
    } else {
        Ok(())
    }
}

/// Whether the typed year digits `typed` can still be completed to a year that makes
/// `month` (or some month, when `None`) valid.
fn year_can_complete(typed: &[u8], month: Option<u8>, today: YearMonth) -> bool {
    (today.year..=today.year.saturating_add(HORIZON_YEARS)).any(|y| {
        let month_ok = match month {
            Some(m) => in_window(YearMonth { year: y, month: m }, today).is_ok(),
            None => true,
        };
        let full = [
            (y / 1000 % 10) as u8,
            (y / 100 % 10) as u8,
            (y / 10 % 10) as u8,
            (y % 10) as u8,
        ];
        let short = full.get(2..).unwrap_or(&[]);
        let prefix_of = |repr: &[u8]| repr.get(..typed.len()) == Some(typed);
        month_ok && (prefix_of(&full) || (prefix_of(short) && expand_year(y % 100, today) == y))
    })
}

/// Validates an expiry date against `today`.
///
/// ```
/// use sealcard::{validate_expiry, YearMonth};
/// let today = YearMonth { year: 2026, month: 11 };
/// let v = validate_expiry("12 / 30", today);
/// assert!(v.valid);
/// assert_eq!((v.month, v.year), (Some(12), Some(2030)));
/// assert_eq!(validate_expiry("07/20", today).error.map(|e| e.code()), Some("expired"));
/// ```
pub fn validate_expiry(input: &str, today: YearMonth) -> ExpiryVerdict {
    let Some(parts) = parse(input) else {
        return invalid(ErrorCode::InvalidExpiry);
    };
    let month_digits = parts.month.get(..parts.month_len).unwrap_or(&[]);
    let year_digits = parts.year.get(..parts.year_len).unwrap_or(&[]);
    let month = match (month_digits.len(), parts.slash) {
        (0, _) => None,
        // A lone first digit: 0 and 1 start a two-digit month; 2–9 are months themselves.
        (1, false) => None,
        _ => Some(value(month_digits)),
    };
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return invalid(ErrorCode::InvalidExpiry);
        }
    }
    let month = month.map(|m| m as u8);
    let incomplete = |pv: bool| ExpiryVerdict {
        valid: false,
        potentially_valid: pv,
        month: None,
        year: None,
        error: Some(if pv {
            ErrorCode::IncompleteExpiry
        } else {
            ErrorCode::InvalidExpiry
        }),
    };
    let (Some(month), 2 | 4) = (month, year_digits.len()) else {
        let pv = match month {
            Some(_) => year_can_complete(year_digits, month, today),
            // No month yet: only a lone `0`, `1` or `2`–`9`, or nothing, got here.
            None => year_digits.is_empty(),
        };
        return incomplete(pv);
    };
    let year = match year_digits.len() {
        2 => expand_year(value(year_digits), today),
        _ => value(year_digits),
    };
    let verdict = in_window(YearMonth { year, month }, today);
    ExpiryVerdict {
        valid: verdict.is_ok(),
        potentially_valid: verdict.is_ok() || year_can_complete(year_digits, Some(month), today),
        month: Some(month),
        year: Some(year),
        error: verdict.err(),
    }
}

fn invalid(code: ErrorCode) -> ExpiryVerdict {
    ExpiryVerdict {
        valid: false,
        potentially_valid: false,
        month: None,
        year: None,
        error: Some(code),
    }
}
