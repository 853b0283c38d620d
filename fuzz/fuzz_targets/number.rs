//! The card number: `validate_number` / `read_number` on any text. Checks the verdict's own
//! rules, that the digits kept are the text's first digits, and that `Debug` never shows them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sealcard::{digit_value, read_number, validate_number, MAX_DIGITS};

fuzz_target!(|text: &str| {
    let n = read_number(text);
    let v = n.verdict;
    assert_eq!(v, validate_number(text), "read and validate agree");
    assert_eq!(
        v.error.is_some(),
        !v.valid,
        "an error exactly when not valid"
    );
    assert!(
        !v.valid || v.potentially_valid,
        "valid implies potentially valid"
    );

    let digits = n.digits.as_str();
    assert!(digits.len() <= MAX_DIGITS);
    assert!(digits.bytes().all(|b| b.is_ascii_digit()));
    let expected: String = text
        .chars()
        .filter_map(digit_value)
        .take(MAX_DIGITS)
        .map(|d| char::from(b'0' + d))
        .collect();
    assert_eq!(digits, expected, "the first digits of the text, as ASCII");

    if v.valid {
        let brand = v.brand.expect("a valid number has a brand");
        assert!(brand.has_length(digits.len()));
        assert!(!brand.luhn || sealcard::luhn_valid(digits.as_bytes()));
    }
    // (`Debug` shows the count: check from 3 digits, which no count of at most 19 can spell.)
    if digits.len() >= 3 {
        let shown = format!("{:?}", n.digits);
        assert!(!shown.contains(digits), "Debug redacts the digits");
    }
});
