//! sealcard: card capture for PayMongo checkouts.
//!
//! This crate is the card core — brands, number, Luhn, expiry, security code, as-you-type
//! formatting, key rules and error codes — pure Rust that builds and tests on any host. Built
//! for `wasm32` with the `validate` feature, it also exports the `sealcard/validate` JS module.
//!
//! ```
//! use sealcard::{format_number, validate_number};
//!
//! let v = validate_number("4343 4343 4343 4345");
//! assert_eq!(v.brand.map(|b| b.id_str()), Some("visa"));
//! assert!(v.valid);
//!
//! let f = format_number("4343434343434345", 16);
//! assert_eq!(f.value, "4343 4343 4343 4345");
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_op_in_unsafe_fn)]

mod brand;
mod cvc;
mod digits;
mod error;
mod expiry;
mod format;
mod key;
mod luhn;
mod number;

#[cfg(all(target_arch = "wasm32", feature = "validate"))]
pub mod js;

pub use brand::{detect, Brand, BrandId, Candidates, Detection, Prefix, BRANDS};
pub use cvc::{cvc_digits, validate_cvc, CvcVerdict};
pub use digits::{digit_value, is_ignorable, scan, CardDigits, Scan, MAX_DIGITS};
pub use error::{ErrorCode, ErrorType, Field};
pub use expiry::{expand_year, validate_expiry, ExpiryVerdict, YearMonth, HORIZON_YEARS};
pub use format::{edit_number, format_number, Edit, Formatted};
pub use key::{check_endpoint, is_loopback, parse_public_key, KeyMode};
pub use luhn::is_valid as luhn_valid;
pub use number::{read_number, validate_number, CardNumber, NumberVerdict};
