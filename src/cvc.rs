//! The card security code (CVC, CVV, CID…), by brand.

use crate::brand::Brand;
use crate::digits;
use crate::error::ErrorCode;

/// The verdict on a security code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CvcVerdict {
    /// As long as the brand's code, digits only.
    pub valid: bool,
    /// Valid, or can still become valid as digits are appended.
    pub potentially_valid: bool,
    /// `IncompleteCvc` while too short, `InvalidCvc` when too long or not digits.
    pub error: Option<ErrorCode>,
}

/// Validates a security code for `brand`; with no brand, 3 or 4 digits are valid.
///
/// ```
/// use sealcard::{validate_cvc, BrandId};
/// assert!(validate_cvc("1234", Some(BrandId::AmericanExpress.brand())).valid);
/// assert!(!validate_cvc("123", Some(BrandId::AmericanExpress.brand())).valid);
/// ```
pub fn validate_cvc(input: &str, brand: Option<&Brand>) -> CvcVerdict {
    let (min, max) = match brand {
        Some(b) => (usize::from(b.cvc_length), usize::from(b.cvc_length)),
        None => (3, 4),
    };
    let mut len = 0usize;
    for c in input.chars() {
        if digits::digit_value(c).is_some() {
            len += 1;
            if len > max {
                return verdict(false, false);
            }
        } else if !c.is_whitespace() {
            return verdict(false, false);
        }
    }
    let valid = len >= min;
    verdict(valid, valid || len < max)
}

fn verdict(valid: bool, potentially_valid: bool) -> CvcVerdict {
    CvcVerdict {
        valid,
        potentially_valid,
        error: match (valid, potentially_valid) {
            (true, _) => None,
            (false, true) => Some(ErrorCode::IncompleteCvc),
            (false, false) => Some(ErrorCode::InvalidCvc),
        },
    }
}

/// The security code's digits as ASCII, for a request (call only on a valid code).
pub fn cvc_digits(input: &str) -> String {
    input
        .chars()
        .filter_map(digits::digit_value)
        .take(4)
        .map(|v| char::from(b'0' + v))
        .collect()
}
