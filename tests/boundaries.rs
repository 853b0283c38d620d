//! Boundary rows that mutation testing (`npm run mutants`) showed untested: each test pins
//! one comparison, arithmetic step or match arm of the core that the vector tables and
//! property tests let change unnoticed.

use sealcard::{
    detect, digit_value, edit_number, expand_year, format_number, intent_id_of_client_key,
    is_payment_method_id, validate_expiry, Accepted, BrandId, Candidates, CardDigits, Decline,
    Edit, ErrorCode, Field, IntentStatus, Locale, Touched, YearMonth, BRANDS,
};

const TODAY: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};

#[test]
fn brand_ids_name_their_rows() {
    assert_eq!(BrandId::Visa.as_str(), "visa");
    assert_eq!(BrandId::AmericanExpress.as_str(), "american-express");
    for b in &BRANDS {
        assert_eq!(b.id.as_str(), b.id_str());
    }
}

#[test]
fn candidates_hold_what_detection_found() {
    assert_eq!(Candidates::ALL.len(), BRANDS.len());
    for b in &BRANDS {
        assert!(Candidates::ALL.contains(b.id));
        assert!(!Candidates::NONE.contains(b.id));
    }
    let four = detect(b"4").candidates;
    assert!(four.contains(BrandId::Visa));
    assert!(!four.contains(BrandId::Mastercard));
    assert!(!four.contains(BrandId::AmericanExpress));
    let amex = detect(b"37").candidates;
    assert!(amex.contains(BrandId::AmericanExpress) && !amex.contains(BrandId::Visa));
}

#[test]
fn a_tie_on_the_longest_prefix_goes_to_the_brand_listed_first() {
    // Verve (506099–506127) and Maestro (504176–506698) both match six digits: Verve, as
    // credit-card-type and card-validator say.
    for digits in [&b"506099"[..], b"5060990000000000"] {
        assert_eq!(detect(digits).brand.map(|b| b.id), Some(BrandId::Verve));
    }
}

#[test]
fn a_failed_check_digit_at_the_longest_length_is_hopeless() {
    // Mastercard has one length, 16: a wrong check digit there cannot be fixed by typing on.
    let v = sealcard::validate_number("5555444444444456");
    assert!(!v.valid && !v.potentially_valid);
    assert_eq!(v.error, Some(ErrorCode::InvalidNumber));
}

#[test]
fn the_first_digit_block_counts_from_its_zero() {
    assert_eq!(digit_value('\u{0660}'), Some(0), "Arabic-Indic zero");
    assert_eq!(digit_value('\u{065F}'), None);
    assert_eq!(digit_value('\u{0669}'), Some(9));
    assert_eq!(digit_value('\u{066A}'), None);
}

#[test]
fn card_digits_take_only_digit_values() {
    let mut d = CardDigits::new();
    assert!(d.is_empty());
    assert!(!d.push(10), "10 is not a digit");
    assert!(d.is_empty());
    assert!(d.push(9) && d.push(0));
    assert!(!d.is_empty());
    assert_eq!((d.as_str(), d.len()), ("90", 2));
    assert_eq!(format!("{d:?}"), "CardDigits(<2 digits redacted>)");
    d.wipe();
    assert!(d.is_empty() && d.as_str().is_empty());
}

#[test]
fn error_codes_display_their_message() {
    assert_eq!(ErrorCode::Expired.to_string(), "Your card has expired.");
    assert_eq!(
        ErrorCode::InvalidNumber.to_string(),
        ErrorCode::InvalidNumber.message()
    );
}

#[test]
fn years_expand_into_the_nearest_century() {
    assert_eq!(expand_year(30, TODAY), 2030);
    // Only the last two digits count.
    assert_eq!(expand_year(130, TODAY), 2030);
    assert_eq!(expand_year(99, TODAY), 1999);
    // Fifty years either way: the boundary stays in this century.
    let mid = YearMonth {
        year: 2050,
        month: 1,
    };
    assert_eq!(expand_year(0, mid), 2000);
    assert_eq!(expand_year(99, mid), 2099);
}

#[test]
fn a_four_digit_year_being_typed_can_still_complete() {
    // `12/20` reads as December 2020 (expired) yet can still become 2030 by typing on.
    for typed in ["12/2", "12/20", "12/203", "12 / 20"] {
        assert!(validate_expiry(typed, TODAY).potentially_valid, "{typed}");
    }
    let v = validate_expiry("12/203", TODAY);
    assert_eq!(v.error, Some(ErrorCode::IncompleteExpiry));
    let v = validate_expiry("/30", TODAY);
    assert!(!v.potentially_valid && v.error == Some(ErrorCode::InvalidExpiry));
    let v = validate_expiry("123/30", TODAY);
    assert!(!v.potentially_valid, "a month of three digits");
}

#[test]
fn accepted_brands_are_a_set() {
    assert!(Accepted::DEFAULT.contains(BrandId::Visa));
    assert!(Accepted::DEFAULT.contains(BrandId::Mastercard));
    assert!(!Accepted::DEFAULT.contains(BrandId::AmericanExpress));
    let twice = Accepted::of([BrandId::Visa, BrandId::Visa]);
    assert!(twice.contains(BrandId::Visa), "an id given twice stays");
    assert!(!twice.contains(BrandId::Mastercard));
}

#[test]
fn touching_marks_one_field() {
    let mut t = Touched::default();
    t.touch(Field::Expiry);
    assert_eq!(
        (t.number, t.expiry, t.cvc),
        (false, true, false),
        "the expiry only"
    );
    t.touch(Field::Name);
    assert_eq!((t.number, t.expiry, t.cvc), (false, true, false));
    t.touch(Field::Number);
    t.touch(Field::Cvc);
    assert_eq!(t, Touched::ALL);
}

#[test]
fn a_form_is_empty_only_when_every_field_is() {
    let state = |number, expiry, cvc| {
        sealcard::form_state(
            sealcard::Inputs {
                number,
                expiry,
                cvc,
            },
            Touched::default(),
            Accepted::DEFAULT,
            TODAY,
        )
    };
    assert!(state("", "", "").empty);
    assert!(!state("4", "", "").empty);
    assert!(!state("", "1", "").empty);
    assert!(!state("", "", "1").empty);
    assert!(!state("", "1", "1").empty);
}

#[test]
fn formatted_numbers_show_only_their_shape_in_debug() {
    let shown = format!("{:?}", format_number("4242424242424242", 16));
    assert!(!shown.contains("4242"), "{shown}");
    assert!(
        shown.contains("len: 19") && shown.contains("caret: 19"),
        "{shown}"
    );
}

#[test]
fn deleting_a_selection_removes_just_it() {
    // `4242 4242`, the first four digits selected, Backspace.
    let f = edit_number("4242 4242", 0, 4, Edit::DeleteBackward);
    assert_eq!((f.value.as_str(), f.caret), ("4242", 0));
    let f = edit_number("4242 4242", 5, 9, Edit::DeleteForward);
    assert_eq!((f.value.as_str(), f.caret), ("4242", 4));
}

#[test]
fn typing_inside_an_expiry_keeps_what_follows() {
    for (value, at, typed, shown, caret) in [
        ("12 / 3", 1, "0", "10 / 23", 2),
        ("2 / 30", 0, "1", "12 / 30", 1),
        ("12 / 30", 5, "4", "12 / 43", 6),
    ] {
        let f = sealcard::edit_expiry(value, at, at, Edit::Insert(typed));
        assert_eq!(
            (f.value.as_str(), f.caret),
            (shown, caret),
            "{value} + {typed} at {at}"
        );
    }
    let f = sealcard::edit_expiry("12 / 30", 0, 1, Edit::Insert("0"));
    assert_eq!((f.value.as_str(), f.caret), ("02 / 30", 1));
}

#[test]
fn client_keys_and_payment_method_ids() {
    // The shortest well-formed id: `pi_` and one character.
    assert_eq!(intent_id_of_client_key("pi_1_client_a"), Some("pi_1"));
    assert_eq!(intent_id_of_client_key("pi__client_a"), None, "no id");
    assert_eq!(intent_id_of_client_key("pi_1_client_"), None, "no secret");
    assert_eq!(intent_id_of_client_key("pi_1_client_a-b"), None);
    assert_eq!(intent_id_of_client_key("xx_1_client_a"), None);
    assert!(is_payment_method_id("pm_1"));
    assert!(!is_payment_method_id("pm_"));
    assert!(is_payment_method_id(&["pm_", &"a".repeat(61)].concat()));
    assert!(!is_payment_method_id(&["pm_", &"a".repeat(62)].concat()));
}

#[test]
fn intent_statuses_read_and_print_paymongos_strings() {
    for s in [
        IntentStatus::Succeeded,
        IntentStatus::AwaitingCapture,
        IntentStatus::AwaitingNextAction,
        IntentStatus::Processing,
        IntentStatus::AwaitingPaymentMethod,
    ] {
        assert_eq!(IntentStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(IntentStatus::Succeeded.as_str(), "succeeded");
    assert_eq!(IntentStatus::parse("paid"), None);
}

#[test]
fn declines_say_which_decline() {
    assert_eq!(Decline::of("card_expired"), Decline::Expired);
    assert_eq!(
        Decline::of("insufficient_funds"),
        Decline::InsufficientFunds
    );
    assert_eq!(Decline::of("cvc_incorrect"), Decline::Cvc);
    assert_eq!(Decline::of("fraudulent"), Decline::Generic);
    assert_eq!(
        sealcard::message(ErrorCode::Expired, Locale::Fil),
        "Expired na ang iyong card."
    );
}
