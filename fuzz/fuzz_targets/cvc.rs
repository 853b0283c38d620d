//! The security code: `validate_cvc`, `cvc_digits` and `format_cvc` on any text, for every brand
//! and for no brand.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sealcard::{cvc_digits, digit_value, format_cvc, validate_cvc, BRANDS};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    text: &'a str,
    brand: Option<u8>,
    caret: u16,
    max: u8,
}

fuzz_target!(|input: Input<'_>| {
    let brand = input.brand.map(|i| &BRANDS[usize::from(i) % BRANDS.len()]);
    let v = validate_cvc(input.text, brand);
    assert_eq!(v.error.is_some(), !v.valid);
    assert!(!v.valid || v.potentially_valid);
    let digits = input.text.chars().filter_map(digit_value).count();
    if v.valid {
        let code = cvc_digits(input.text);
        assert_eq!(code.len(), digits);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        match brand {
            Some(b) => assert_eq!(code.len(), usize::from(b.cvc_length)),
            None => assert!((3..=4).contains(&code.len())),
        }
    }

    let max = usize::from(input.max % 8);
    let caret = usize::from(input.caret);
    let f = format_cvc(input.text, caret, max);
    assert!(f.value.len() <= max && f.value.len() <= digits);
    assert!(f.value.bytes().all(|b| b.is_ascii_digit()));
    assert!(f.caret <= f.value.len());
    assert_eq!(format_cvc(&f.value, f.caret, max), f, "idempotent");
});
