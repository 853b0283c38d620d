//! The expiry date: `MM/YY`, `MM / YY`, `MMYY`, `MM/YYYY`, `MMYYYY` and `M/YY`, with a space
//! separating like a slash (`MM YY`, `M YYYY`), judged against a `today` that the caller passes
//! in, so the verdict never depends on the clock. An input mask's empty state (`/`, ` / `) is
//! an incomplete date, like the empty text.
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

/// Whether `c` is a slash: `/` or the fullwidth `／` of CJK keyboards.
pub(crate) fn is_slash(c: char) -> bool {
    c == '/' || c == '\u{FF0F}'
}

/// How many digits [`ExpiryText`] keeps: `MM/YYYY` and room past it (for the formatter's
/// reading of overlong pastes); the count goes on.
const KEPT: usize = 12;

/// An expiry text read one character at a time: its digits, and where the shopper separated
/// the month from the year.
///
/// The separator is the first slash, or a run of whitespace that stands after one or two
/// digits and is followed by a digit (`1 2030`, `01 30`, `12 30`): a space there is how
/// shoppers (and some autofill) separate a date. Whitespace anywhere else is ignored, as are
/// the invisible characters of [`digits::is_ignorable`], so `12 / 30` is separated by its
/// slash, and `1230 ` has no separator. Nothing after the separator can move it: a slash
/// after a space separator is a second separator, so a verdict reached on a prefix holds.
#[derive(Clone, Debug)]
pub(crate) struct ExpiryText {
    digits: [u8; KEPT],
    count: usize,
    before_caret: usize,
    separator: Option<usize>,
    /// The first separator with a digit before it.
    month_end: Option<usize>,
    /// Whitespace after the first one or two digits, not yet followed by a digit.
    space: bool,
    /// A slash after the separator, or a character that is no digit, separator or ignorable.
    malformed: bool,
}

impl ExpiryText {
    /// Nothing read yet.
    pub(crate) const fn new() -> Self {
        ExpiryText {
            digits: [0; KEPT],
            count: 0,
            before_caret: 0,
            separator: None,
            month_end: None,
            space: false,
            malformed: false,
        }
    }

    /// Reads a whole text.
    pub(crate) fn read(input: &str) -> Self {
        let mut text = ExpiryText::new();
        for c in input.chars() {
            text.push(c, false);
        }
        text
    }

    /// Reads the next character; `before_caret` tells whether it stands before the caret.
    pub(crate) fn push(&mut self, c: char, before_caret: bool) {
        if let Some(v) = digits::digit_value(c) {
            if self.space {
                self.month_end = Some(self.count);
                self.separator = self.separator.or(Some(self.count));
                self.space = false;
            }
            if let Some(slot) = self.digits.get_mut(self.count) {
                *slot = v;
            }
            self.count = self.count.saturating_add(1);
            self.before_caret += usize::from(before_caret);
        } else if is_slash(c) {
            if self.separator.is_some() {
                self.malformed = true;
            } else {
                self.separator = Some(self.count);
            }
            if self.count > 0 && self.month_end.is_none() {
                self.month_end = Some(self.count);
            }
            self.space = false;
        } else if c.is_whitespace() {
            self.space |= self.month_end.is_none() && (1..=2).contains(&self.count);
        } else if !digits::is_ignorable(c) {
            self.malformed = true;
        }
    }

    /// The digit values read (the first [`KEPT`]).
    pub(crate) fn digits(&self) -> &[u8] {
        self.digits
            .get(..self.count.min(KEPT))
            .unwrap_or(&self.digits)
    }

    /// How many digits the text holds in all.
    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// How many digits stand before the caret.
    pub(crate) fn before_caret(&self) -> usize {
        self.before_caret
    }

    /// How many digits stand before the separator, if there is one.
    pub(crate) fn separator(&self) -> Option<usize> {
        self.separator
    }

    /// How many digits stand before the first separator that has a digit before it: where
    /// the formatter ends the month (a leading slash, `/1/30`, separates nothing).
    pub(crate) fn month_end(&self) -> Option<usize> {
        self.month_end
    }

    /// Whether the text ends in whitespace after a first one or two digits (`1 `): a
    /// separator once a year digit follows.
    pub(crate) fn trailing_space(&self) -> bool {
        self.space
    }

    /// Whether the text has a second separator or a foreign character.
    pub(crate) fn malformed(&self) -> bool {
        self.malformed
    }
}

/// Digits typed for the month and the year, split at the separator (or after two digits).
struct Parts {
    month: [u8; 2],
    month_len: usize,
    /// Whether the month is ended by a separator (so `1/` is month 1, not the start of 10–12).
    separated: bool,
    year: [u8; 4],
    year_len: usize,
}

fn parse(input: &str) -> Option<Parts> {
    let text = ExpiryText::read(input);
    if text.malformed() || text.count() > 6 {
        return None;
    }
    let all = text.digits();
    let split = match text.separator() {
        // A separator with nothing before it: only the empty state of an input mask (`/`,
        // ` / `) can still become a date.
        Some(0) if !all.is_empty() => return None,
        Some(at) if at > 2 => return None,
        Some(at) => at,
        None => all.len().min(2),
    };
    let (m, y) = all.split_at_checked(split)?;
    if y.len() > 4 {
        return None;
    }
    let mut parts = Parts {
        month: [0; 2],
        month_len: m.len(),
        separated: text.separator().is_some(),
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
    let month = match (month_digits.len(), parts.separated) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn separator(s: &str) -> (Option<usize>, bool) {
        let t = ExpiryText::read(s);
        (t.separator(), t.malformed())
    }

    #[test]
    fn the_separator_is_a_slash_or_a_space_between_month_and_year() {
        assert_eq!(separator("12/30"), (Some(2), false));
        assert_eq!(separator("12 / 30"), (Some(2), false));
        assert_eq!(separator("1 / 30"), (Some(1), false));
        assert_eq!(separator("1 2030"), (Some(1), false));
        assert_eq!(separator("01 30"), (Some(2), false));
        assert_eq!(separator("1\u{00A0}\u{200F}30"), (Some(1), false));
        assert_eq!(separator("1230"), (None, false));
        // Not after a first one or two digits, or not followed by a digit: ignored.
        assert_eq!(separator(" 1230"), (None, false));
        assert_eq!(separator("123 0"), (None, false));
        assert_eq!(separator("12 "), (None, false));
        assert!(ExpiryText::read("12 ").trailing_space());
        // A slash after the separator is a second separator.
        assert_eq!(separator("1 2/30"), (Some(1), true));
        assert_eq!(separator("12//30"), (Some(2), true));
        assert_eq!(separator("/"), (Some(0), false));
        assert_eq!(separator("12a"), (None, true));
    }

    #[test]
    fn space_separated_dates() {
        let today = YearMonth {
            year: 2026,
            month: 11,
        };
        let read = |s: &str| {
            let v = validate_expiry(s, today);
            (v.valid, v.potentially_valid, v.month.zip(v.year))
        };
        assert_eq!(read("1 2030"), (true, true, Some((1, 2030))));
        assert_eq!(read("1 30"), (true, true, Some((1, 2030))));
        assert_eq!(read("9 2030"), (true, true, Some((9, 2030))));
        assert_eq!(read("12 30"), (true, true, Some((12, 2030))));
        assert_eq!(read("1 2"), (false, true, None));
        assert_eq!(read("1 203"), (false, true, None));
        assert_eq!(read("1 "), (false, true, None));
        assert_eq!(read("11 11"), (false, false, Some((11, 2011))));
        assert_eq!(read("1 2/30"), (false, false, None));
        for mask in ["/", " / ", " /", "/ ", "\u{FF0F}"] {
            let v = validate_expiry(mask, today);
            assert_eq!(v.error, Some(ErrorCode::IncompleteExpiry), "{mask:?}");
            assert!(v.potentially_valid);
        }
    }
}
