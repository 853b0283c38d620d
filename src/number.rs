//! The card number: normalisation, brand, length and check digit, as a two-flag verdict.

use crate::brand::{self, Brand};
use crate::digits::{self, CardDigits};
use crate::error::ErrorCode;
use crate::luhn;

/// The verdict on a card number.
///
/// `valid`: the number is complete and correct. `potentially_valid`: more digits may still make
/// it valid (also true when it is valid and longer lengths are possible). `error` is set exactly
/// when the number is not valid: `IncompleteNumber` while it can still become valid,
/// `InvalidNumber` otherwise — and also for a number of a complete length that fails its check
/// digit, even when a longer length could still pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberVerdict {
    /// The brand, or `None` while no brand or several are possible.
    pub brand: Option<&'static Brand>,
    /// The number is complete and correct.
    pub valid: bool,
    /// The number is valid or can still become valid as digits are appended.
    pub potentially_valid: bool,
    /// Why the number is not valid.
    pub error: Option<ErrorCode>,
}

/// A number read from a field: its digits and the verdict on them.
#[derive(Debug)]
pub struct CardNumber {
    /// The digits (at most 19; redacted in `Debug`, wiped on drop).
    pub digits: CardDigits,
    /// The verdict.
    pub verdict: NumberVerdict,
}

/// Validates `input` as a card number. See [`NumberVerdict`] for the meaning of the flags.
///
/// ```
/// let v = sealcard::validate_number("4343 4343 4343 4345");
/// assert_eq!(v.brand.map(|b| b.id_str()), Some("visa"));
/// assert!(v.valid && v.potentially_valid);
/// ```
pub fn validate_number(input: &str) -> NumberVerdict {
    read_number(input).verdict
}

/// Reads and validates `input`, keeping the digits for a request.
pub fn read_number(input: &str) -> CardNumber {
    let scan = digits::scan(input);
    let verdict = if scan.foreign {
        verdict(None, false, false, false)
    } else {
        judge(scan.digits.as_bytes(), scan.count)
    };
    CardNumber {
        digits: scan.digits,
        verdict,
    }
}

/// The verdict on `digits` (the first up to 19 ASCII digits) of a number of `count` digits.
fn judge(digits: &[u8], count: usize) -> NumberVerdict {
    let detection = brand::detect(digits);
    if detection.candidates.is_empty() {
        return verdict(None, false, false, false);
    }
    let Some(brand) = detection.brand else {
        // Several brands are possible: no number of such a prefix is complete yet.
        return verdict(None, false, true, false);
    };
    let max = brand.max_length();
    if count > max {
        return verdict(Some(brand), false, false, false);
    }
    let check_ok = !brand.luhn || luhn::is_valid(digits);
    if brand.has_length(count) {
        // A complete length: valid when the check digit passes; still potentially valid when a
        // longer length exists. A failed check digit is reported as invalid either way.
        let pv = count < max || check_ok;
        verdict(Some(brand), check_ok, pv, !check_ok)
    } else {
        // Not a length of the brand, and not above the longest (which is one): shorter, so
        // typing on can still reach a length.
        verdict(Some(brand), false, true, false)
    }
}

fn verdict(
    brand: Option<&'static Brand>,
    valid: bool,
    potentially_valid: bool,
    check_failed: bool,
) -> NumberVerdict {
    let error = if valid {
        None
    } else if potentially_valid && !check_failed {
        Some(ErrorCode::IncompleteNumber)
    } else {
        Some(ErrorCode::InvalidNumber)
    };
    NumberVerdict {
        brand,
        valid,
        potentially_valid,
        error,
    }
}
