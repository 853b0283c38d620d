//! sealcard: card capture for PayMongo checkouts.
//!
//! This crate is the card core — brands, number, Luhn, expiry, security code, as-you-type
//! formatting, key rules, error codes, PayMongo's wire types and the reports of the JS API —
//! pure Rust that builds and tests on any host. Built for `wasm32` with the `validate` feature,
//! it also exports the `sealcard/validate` JS module; with the `fields` feature, the card
//! fields' browser layer ([`fields`]: web-sys, gloo-net, serde-wasm-bindgen).
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

// The wasm builds' allocator (its logic is tested on the host too).
#[cfg(any(target_arch = "wasm32", test))]
mod alloc;
mod brand;
mod cvc;
mod digits;
mod error;
mod expiry;
mod form;
mod format;
mod key;
mod luhn;
mod messages;
mod number;
mod paymongo;
mod report;
mod search;
pub mod wire;

#[cfg(all(target_arch = "wasm32", feature = "fields"))]
pub mod fields;
#[cfg(all(target_arch = "wasm32", feature = "validate"))]
pub mod js;

pub use brand::{detect, Brand, BrandId, Candidates, Detection, Prefix, BRANDS};
pub use cvc::{cvc_digits, validate_cvc, CvcVerdict};
pub use digits::{digit_value, is_ignorable, scan, CardDigits, Scan, MAX_DIGITS};
pub use error::{ErrorCode, ErrorType, Field};
pub use expiry::{expand_year, validate_expiry, ExpiryVerdict, YearMonth, HORIZON_YEARS};
pub use form::{form_state, Accepted, FieldState, FormState, Inputs, Touched};
pub use format::{
    edit_cvc, edit_expiry, edit_number, format_cvc, format_expiry, format_number, Edit, Formatted,
};
pub use key::{check_endpoint, is_loopback, parse_public_key, KeyMode};
pub use luhn::is_valid as luhn_valid;
pub use messages::{decline_message, message, texts, Decline, FieldTexts, Locale, Texts};
pub use number::{read_number, validate_number, CardNumber, NumberVerdict};
pub use paymongo::{
    decline_for, failure_for, field_of, intent_id_of_client_key, is_payment_method_id,
    ApiErrorItem, ApiFailure, IntentStatus,
};
pub use report::{
    ErrorReport, FieldReport, FieldsReport, Messages, PaymentMethodReport, StateReport,
};
