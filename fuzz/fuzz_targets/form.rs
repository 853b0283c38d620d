//! The whole form: `form_state` on any three texts, any touched set, any accepted brands and
//! any `today`. Checks that `complete` means every field is valid and of an accepted brand, and
//! that errors show by the documented rule.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sealcard::{form_state, Accepted, ErrorCode, Inputs, Touched, YearMonth, BRANDS};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    number: &'a str,
    expiry: &'a str,
    cvc: &'a str,
    touched: (bool, bool, bool),
    accepted: u16,
    year: u8,
    month: u8,
}

fuzz_target!(|input: Input<'_>| {
    let accepted = Accepted::of(
        BRANDS
            .iter()
            .enumerate()
            .filter(|(i, _)| input.accepted & (1 << i) != 0)
            .map(|(_, b)| b.id),
    );
    let touched = Touched {
        number: input.touched.0,
        expiry: input.touched.1,
        cvc: input.touched.2,
    };
    let today = YearMonth {
        year: 2000 + u16::from(input.year),
        month: 1 + input.month % 12,
    };
    let s = form_state(
        Inputs {
            number: input.number,
            expiry: input.expiry,
            cvc: input.cvc,
        },
        touched,
        accepted,
        today,
    );
    assert_eq!(
        s.complete,
        s.number.complete && s.expiry.complete && s.cvc.complete
    );
    if s.number.complete {
        let brand = s.brand.expect("a complete number has a brand");
        assert!(accepted.contains(brand.id));
    }
    if let Some(b) = s.brand {
        if !accepted.contains(b.id) {
            assert_eq!(s.number.problem, Some(ErrorCode::UnsupportedBrand));
        }
    }
    for (f, was_touched) in [
        (s.number, touched.number),
        (s.expiry, touched.expiry),
        (s.cvc, touched.cvc),
    ] {
        assert_eq!(f.problem.is_some(), !f.complete);
        if f.error.is_some() {
            assert_eq!(f.error, f.problem, "a shown error is the problem");
            assert!(was_touched || (!f.potentially_valid && !f.empty));
        }
        if was_touched {
            assert_eq!(f.error, f.problem, "a touched field shows its problem");
        }
    }
    assert!(s.error().is_none() || s.problem().is_some());
});
