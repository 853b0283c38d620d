//! As-you-type formatting with a caret: `format_number` and `format_expiry` on any text and
//! caret. Checks the shape of the output, idempotence, and that the caret stays on its digit.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sealcard::{digit_value, format_expiry, format_number, MAX_DIGITS};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    text: &'a str,
    caret: u32,
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .filter_map(digit_value)
        .map(|d| char::from(b'0' + d))
        .collect()
}

/// How many digits of `s` lie before the UTF-16 position `caret`.
fn digits_before(s: &str, caret: usize) -> usize {
    let mut pos = 0;
    let mut n = 0;
    for c in s.chars() {
        if pos >= caret {
            break;
        }
        if digit_value(c).is_some() {
            n += 1;
        }
        pos += c.len_utf16();
    }
    n
}

fuzz_target!(|input: Input<'_>| {
    let text = input.text;
    let caret = input.caret as usize;

    let f = format_number(text, caret);
    assert!(f.caret <= f.value.len());
    assert!(f.value.bytes().all(|b| b.is_ascii_digit() || b == b' '));
    assert!(!f.value.starts_with(' ') && !f.value.ends_with(' ') && !f.value.contains("  "));
    let shown = ascii_digits(&f.value);
    assert!(shown.len() <= MAX_DIGITS);
    assert!(
        ascii_digits(text).starts_with(&shown),
        "keeps the first digits"
    );
    let before = digits_before(text, caret).min(shown.len());
    assert_eq!(
        ascii_digits(&f.value[..f.caret]).len(),
        before,
        "caret on its digit"
    );
    assert!(
        f.caret == 0 || f.value.as_bytes()[f.caret - 1] != b' ',
        "never after a gap"
    );
    assert_eq!(format_number(&f.value, f.caret), f, "idempotent");

    let e = format_expiry(text, caret);
    assert!(e.caret <= e.value.len());
    let d = ascii_digits(&e.value);
    // MM / YY, or MM / 20x (21x) while a four-digit year is being typed.
    assert!(d.len() <= 4 || (d.len() == 5 && matches!(&d[2..4], "20" | "21")));
    let expected_shape = match d.len() {
        0..=2 => d.clone(),
        _ => [&d[..2], " / ", &d[2..]].concat(),
    };
    assert_eq!(e.value, expected_shape, "MM / YY");
    assert_eq!(
        format_expiry(&e.value, e.caret).value,
        e.value,
        "idempotent value"
    );
});
