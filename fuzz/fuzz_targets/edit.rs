//! Edits as the DOM's `beforeinput` makes them: `edit_number` and `edit_expiry` on any value,
//! selection and edit. Checks the output is a fixed point of formatting, and the round trips:
//! typing a digit then Backspace restores the field; typing digits one by one at the end
//! gives what formatting the whole paste gives.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sealcard::{
    digit_value, edit_expiry, edit_number, format_expiry, format_number, Edit, MAX_DIGITS,
};

#[derive(Debug, Arbitrary)]
enum Kind<'a> {
    Insert(&'a str),
    Backward,
    Forward,
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    value: &'a str,
    start: u16,
    end: u16,
    kind: Kind<'a>,
    digit: u8,
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .filter_map(digit_value)
        .map(|d| char::from(b'0' + d))
        .collect()
}

fuzz_target!(|input: Input<'_>| {
    let edit = match input.kind {
        Kind::Insert(text) => Edit::Insert(text),
        Kind::Backward => Edit::DeleteBackward,
        Kind::Forward => Edit::DeleteForward,
    };
    let (start, end) = (usize::from(input.start), usize::from(input.end));

    let n = edit_number(input.value, start, end, edit);
    assert!(n.caret <= n.value.len());
    assert!(ascii_digits(&n.value).len() <= MAX_DIGITS);
    assert_eq!(
        format_number(&n.value, n.caret),
        n,
        "a fixed point of formatting"
    );

    let x = edit_expiry(input.value, start, end, edit);
    assert!(x.caret <= x.value.len());
    // MM / YY, or MM / 20x while a four-digit year is being typed.
    assert!(ascii_digits(&x.value).len() <= 5);
    assert!(x
        .value
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b' ' || b == b'/'));

    // Round trip on a formatted number: type a digit at the caret, then Backspace.
    let shown = format_number(input.value, 0).value;
    let len = shown.len();
    let at = format_number(&shown, start.min(len)).caret;
    let digit = char::from(b'0' + input.digit % 10).to_string();
    let typed = edit_number(&shown, at, at, Edit::Insert(&digit));
    let digits_before = ascii_digits(&shown);
    if ascii_digits(&typed.value).len() == digits_before.len() + 1 {
        let back = edit_number(&typed.value, typed.caret, typed.caret, Edit::DeleteBackward);
        assert_eq!(back.value, shown, "type then Backspace restores the number");
        assert_eq!(back.caret, at);
    }

    // Typing digits one by one at the end gives what formatting the whole gives.
    let all: String = ascii_digits(input.value).chars().take(MAX_DIGITS).collect();
    let mut field = String::new();
    for c in all.chars() {
        let end = field.len();
        field = edit_number(&field, end, end, Edit::Insert(&c.to_string())).value;
    }
    assert_eq!(field, format_number(&all, all.len()).value, "typed {all:?}");

    // The same for the expiry, up to four digits (MMYY); a trailing ` / ` only shows while
    // the year is still to come.
    let short: String = all.chars().take(4).collect();
    let mut field = String::new();
    for c in short.chars() {
        let end = field.len();
        field = edit_expiry(&field, end, end, Edit::Insert(&c.to_string())).value;
    }
    let pasted = format_expiry(&short, short.len()).value;
    assert_eq!(field.trim_end_matches(" / "), pasted, "typed {short:?}");
});
