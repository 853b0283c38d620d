//! The expiry date: `validate_expiry` on any text and any `today`. Checks the verdict's rules,
//! the window (not expired, at most `HORIZON_YEARS` ahead), and that `potentiallyValid`, once
//! lost, never comes back as characters are appended.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sealcard::{validate_expiry, YearMonth, HORIZON_YEARS};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    text: &'a str,
    year: u16,
    month: u8,
}

fuzz_target!(|input: Input<'_>| {
    let today = YearMonth {
        year: 2000 + input.year % 200,
        month: 1 + input.month % 12,
    };
    let v = validate_expiry(input.text, today);
    assert_eq!(v.error.is_some(), !v.valid);
    assert!(!v.valid || v.potentially_valid);
    assert_eq!(v.month.is_some(), v.year.is_some());
    if v.valid {
        let (month, year) = (v.month.expect("month"), v.year.expect("year"));
        assert!((1..=12).contains(&month));
        assert!(YearMonth { year, month } >= today, "not expired");
        assert!(year <= today.year + HORIZON_YEARS, "not too far");
    }
    // Monotone: a prefix that cannot become valid has no valid continuation.
    if input.text.len() <= 64 {
        let mut lost = false;
        for (end, _) in input.text.char_indices().chain([(input.text.len(), ' ')]) {
            let prefix = &input.text[..end];
            let pv = validate_expiry(prefix, today).potentially_valid;
            assert!(!(lost && pv), "potentiallyValid came back at {end}");
            lost |= !pv;
        }
    }
});
