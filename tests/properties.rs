//! Property tests of the card core: formatting round-trips and idempotence (number and
//! expiry), the caret stays on its digit, typing equals pasting, deleting keeps every other
//! digit in its place, formatting keeps a valid date, `potentiallyValid` is monotone as
//! characters are appended (number, expiry, security code), and no input panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sealcard::{
    edit_number, format_number, parse_public_key, validate_cvc, validate_expiry, validate_number,
    Edit, YearMonth, BRANDS,
};

fn ascii_digits(s: &str) -> String {
    s.chars()
        .filter_map(sealcard::digit_value)
        .map(|v| char::from(b'0' + v))
        .collect()
}

/// Digit strings with separators and noise sprinkled in.
fn typed_number() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => "[0-9]",
            1 => Just(" ".to_string()),
            1 => Just("-".to_string()),
            1 => Just("\u{200B}".to_string()),
            1 => Just("\u{FF15}".to_string()),
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

/// Plausible starts: every brand's prefixes, then random digits.
fn branded_digits() -> impl Strategy<Value = String> {
    let prefixes: Vec<String> = BRANDS
        .iter()
        .flat_map(|b| b.prefixes.iter().map(|p| p.lo.to_string()))
        .collect();
    (prop::sample::select(prefixes), "[0-9]{0,16}").prop_map(|(p, rest)| p + &rest)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn formatting_is_idempotent(s in typed_number(), caret in 0usize..40) {
        let once = format_number(&s, caret);
        let twice = format_number(&once.value, once.caret);
        prop_assert_eq!(&once, &twice);
    }

    #[test]
    fn formatting_keeps_the_digits_it_can(s in typed_number()) {
        let f = format_number(&s, 0);
        let digits = ascii_digits(&s);
        let shown = ascii_digits(&f.value);
        prop_assert!(digits.starts_with(&shown));
        prop_assert!(shown.len() <= 19);
        prop_assert!(!f.value.starts_with(' ') && !f.value.ends_with(' '));
        prop_assert!(!f.value.contains("  "));
        // Normalising and formatting agree with formatting the raw text.
        prop_assert_eq!(format_number(&digits, 0).value, f.value);
    }

    #[test]
    fn caret_stays_on_its_digit(s in typed_number(), at in 0usize..40) {
        let caret = at.min(s.encode_utf16().count());
        let f = format_number(&s, caret);
        let before_in = {
            let mut pos = 0;
            let mut n = 0;
            for c in s.chars() {
                if pos >= caret { break; }
                if sealcard::digit_value(c).is_some() { n += 1; }
                pos += c.len_utf16();
            }
            n
        };
        let kept = ascii_digits(&f.value).len();
        let before_out = f.value.get(..f.caret).map(|p| ascii_digits(p).len());
        prop_assert_eq!(before_out, Some(before_in.min(kept)));
        // The caret never rests after a gap space.
        prop_assert!(f.caret == 0 || f.value.as_bytes().get(f.caret - 1) != Some(&b' '));
    }

    #[test]
    fn potentially_valid_never_returns(d in branded_digits()) {
        let mut lost = false;
        for end in 0..=d.len() {
            let v = validate_number(&d[..end]);
            if lost {
                prop_assert!(!v.potentially_valid, "{} came back at {}", &d[..end], end);
            }
            lost |= !v.potentially_valid;
            prop_assert!(!v.valid || v.potentially_valid);
            prop_assert_eq!(v.error.is_some(), !v.valid);
        }
    }

    #[test]
    fn brand_is_stable_once_decided(d in branded_digits()) {
        let mut decided = None;
        for end in 0..=d.len() {
            let brand = validate_number(&d[..end]).brand.map(|b| b.id);
            if let (Some(before), Some(now)) = (decided, brand) {
                prop_assert_eq!(before, now);
            }
            decided = decided.or(brand);
        }
    }

    #[test]
    fn no_input_panics(s in any::<String>(), caret in any::<usize>(), year in 1u16.., month in 1u8..=12) {
        let _ = validate_number(&s);
        let f = format_number(&s, caret);
        prop_assert!(f.caret <= f.value.len());
        let _ = validate_expiry(&s, YearMonth { year, month });
        let _ = validate_cvc(&s, None);
        let _ = validate_cvc(&s, Some(&BRANDS[2]));
        let _ = parse_public_key(&s);
        let f = sealcard::format_expiry(&s, caret);
        prop_assert!(f.caret <= f.value.len());
        for edit in [Edit::Insert(&s), Edit::DeleteBackward, Edit::DeleteForward] {
            let e = edit_number(&s, caret, caret / 2, edit);
            prop_assert!(e.caret <= e.value.len());
            let e = sealcard::edit_expiry(&s, caret, caret / 2, edit);
            prop_assert!(e.caret <= e.value.len());
            let e = sealcard::edit_expiry(&s, caret % 16, caret % 7, edit);
            prop_assert!(e.caret <= e.value.len());
        }
    }

    #[test]
    fn edits_keep_every_untouched_digit(v in "[0-9]{0,19}", a in 0usize..25, b in 0usize..25, ins in "[0-9]{0,5}") {
        let shown = format_number(&v, 0).value;
        let len = shown.len();
        let (a, b) = (a.min(len), b.min(len));
        let e = edit_number(&shown, a, b, Edit::Insert(&ins));
        let (lo, hi) = (a.min(b), a.max(b));
        let expect = ascii_digits(&shown[..lo]) + &ins + &ascii_digits(&shown[hi..]);
        let got = ascii_digits(&e.value);
        prop_assert!(expect.starts_with(&got), "{expect} vs {got}");
        prop_assert_eq!(format_number(&e.value, e.caret), e);
    }
}

#[test]
fn a_megabyte_paste_is_linear_and_truncated() {
    let paste = "4242 ".repeat(200_000);
    let v = validate_number(&paste);
    assert!(!v.potentially_valid);
    let f = format_number(&paste, paste.len());
    assert_eq!(f.value, "4242 4242 4242 4242424");
    let e = edit_number("", 0, 0, Edit::Insert(&paste));
    assert_eq!(e.value.len(), 22);
}

/// Expiry texts as shoppers type and paste them: digits of any script, slashes, spaces.
fn typed_expiry() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => "[0-9]",
            2 => Just("/".to_string()),
            1 => Just(" ".to_string()),
            1 => Just("\u{FF0F}".to_string()),
            1 => Just("\u{0663}".to_string()),
            1 => Just("\u{200F}".to_string()),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

fn today() -> impl Strategy<Value = YearMonth> {
    (2000u16..2100, 1u8..=12).prop_map(|(year, month)| YearMonth { year, month })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn expiry_formatting_is_idempotent(s in typed_expiry(), caret in 0usize..12) {
        let once = sealcard::format_expiry(&s, caret);
        prop_assert!(once.caret <= once.value.len());
        let twice = sealcard::format_expiry(&once.value, once.caret);
        prop_assert_eq!(&once, &twice);
    }

    #[test]
    fn expiry_potentially_valid_never_returns(s in typed_expiry(), today in today()) {
        let mut lost = false;
        for (end, _) in s.char_indices().chain([(s.len(), ' ')]) {
            let v = validate_expiry(&s[..end], today);
            prop_assert!(!(lost && v.potentially_valid), "{:?} came back at {}", &s[..end], end);
            lost |= !v.potentially_valid;
            prop_assert!(!v.valid || v.potentially_valid);
            prop_assert_eq!(v.error.is_some(), !v.valid);
        }
    }

    #[test]
    fn typing_an_expiry_equals_pasting_it(d in "[0-9]{0,8}|[0-9/ ]{0,9}") {
        let mut field = String::new();
        for c in d.chars() {
            let end = field.len();
            let f = sealcard::edit_expiry(&field, end, end, Edit::Insert(&c.to_string()));
            prop_assert_eq!(f.caret, f.value.len(), "the caret follows the typing");
            field = f.value;
        }
        let pasted = sealcard::edit_expiry("", 0, 0, Edit::Insert(&d));
        prop_assert_eq!(field.trim_end_matches(" / "), pasted.value.trim_end_matches(" / "));
        let formatted = sealcard::format_expiry(&d, d.len()).value;
        prop_assert_eq!(pasted.value.trim_end_matches(" / "), formatted);
    }

    #[test]
    fn expiry_edits_give_a_formatted_value(
        v in typed_expiry(),
        a in 0usize..12,
        b in 0usize..12,
        ins in typed_expiry(),
        kind in 0u8..3,
    ) {
        let shown = sealcard::format_expiry(&v, 0).value;
        let edit = match kind {
            0 => Edit::Insert(&ins),
            1 => Edit::DeleteBackward,
            _ => Edit::DeleteForward,
        };
        let e = sealcard::edit_expiry(&shown, a, b, edit);
        prop_assert!(e.caret <= e.value.len());
        let plain = e.value.trim_end_matches(" / ");
        // `MM / YY`, or fewer digits; a year of three digits is a four-digit year `20…` or
        // `21…` being typed; a one-digit month before a year only after a deletion.
        let (month, year) = plain.split_once(" / ").unwrap_or((plain, ""));
        prop_assert!(month.len() <= 2 && month.bytes().all(|b| b.is_ascii_digit()), "{}", plain);
        prop_assert!(year.bytes().all(|b| b.is_ascii_digit()), "{}", plain);
        let four_digit_start = year.starts_with("20") || year.starts_with("21");
        prop_assert!(year.len() <= 2 || (year.len() == 3 && four_digit_start), "{}", plain);
        prop_assert!(year.is_empty() || month.len() == 2 || kind != 0, "{}", plain);
        prop_assert!(!month.is_empty() || year.is_empty());
        if kind == 0 {
            // Typing and pasting give what formatting gives (deleting may leave a lone `2`
            // of `02`, or `2 / 30`, which stay as the shopper left them).
            prop_assert_eq!(sealcard::format_expiry(plain, plain.len()).value, plain);
        }
    }

    #[test]
    fn deleting_an_expiry_digit_keeps_the_others_in_place(
        v in typed_expiry(),
        a in 0usize..12,
        b in 0usize..12,
        forward in any::<bool>(),
    ) {
        let shown = sealcard::format_expiry(&v, 0).value;
        let edit = if forward { Edit::DeleteForward } else { Edit::DeleteBackward };
        let e = sealcard::edit_expiry(&shown, a, b, edit);
        // Which digits go: those selected, or the one beside the caret.
        let (lo, hi) = (a.min(b).min(shown.len()), a.max(b).min(shown.len()));
        let (before, selected) = (ascii_digits(&shown[..lo]), ascii_digits(&shown[lo..hi]));
        let all = ascii_digits(&shown);
        let (from, to) = match (selected.len(), forward) {
            (0, false) => (before.len().saturating_sub(1), before.len()),
            (0, true) => (before.len(), (before.len() + 1).min(all.len())),
            (n, _) => (before.len(), before.len() + n),
        };
        let expect = [&all[..from], &all[to..]].concat();
        prop_assert_eq!(ascii_digits(&e.value), expect, "{:?} {}..{}", shown, a, b);
        // The caret stays where the deleted digits were.
        prop_assert_eq!(e.value.get(..e.caret).map(ascii_digits), Some(all[..from].to_string()));
        // A year digit stays in the year while the month keeps a digit.
        let year_of = |s: &str| s.split_once(" / ").map(|(_, y)| y.to_string());
        let month_left = from.min(2) + all.len().min(2).saturating_sub(to.min(2));
        if month_left > 0 {
            let kept_year: String = all
                .char_indices()
                .filter(|&(i, _)| i >= 2 && !(from..to).contains(&i))
                .map(|(_, c)| c)
                .collect();
            prop_assert_eq!(year_of(&e.value).unwrap_or_default(), kept_year);
        }
    }

    #[test]
    fn formatting_keeps_a_valid_date(s in typed_expiry(), today in today()) {
        let v = validate_expiry(&s, today);
        if v.valid {
            let f = sealcard::format_expiry(&s, s.len());
            let w = validate_expiry(&f.value, today);
            prop_assert!(w.valid, "{:?} -> {:?}", s, f.value);
            prop_assert_eq!((v.month, v.year), (w.month, w.year), "{:?} -> {:?}", s, f.value);
        }
    }

    #[test]
    fn cvc_potentially_valid_never_returns(s in "[0-9a ]{0,8}", brand in 0usize..BRANDS.len()) {
        for b in [None, Some(&BRANDS[brand])] {
            let mut lost = false;
            for end in 0..=s.len() {
                let v = validate_cvc(&s[..end], b);
                prop_assert!(!(lost && v.potentially_valid));
                lost |= !v.potentially_valid;
                prop_assert_eq!(v.error.is_some(), !v.valid);
            }
        }
    }

    #[test]
    fn typing_a_number_equals_pasting_it(d in branded_digits()) {
        let mut field = String::new();
        for c in d.chars() {
            let end = field.len();
            field = edit_number(&field, end, end, Edit::Insert(&c.to_string())).value;
        }
        prop_assert_eq!(field, format_number(&d, d.len()).value);
    }
}
