//! Named vector tables for the card core: every brand's boundary prefixes, partial inputs,
//! lengths, security-code sizes, PayMongo's test cards, expiry edges with a fixed `today`, and
//! the expiry field's typing, pasting and editing.
#![cfg(not(target_arch = "wasm32"))]

use sealcard::{
    check_endpoint, edit_expiry, format_expiry, format_number, parse_public_key, validate_cvc,
    validate_expiry, validate_number, BrandId, Edit, ErrorCode, KeyMode, YearMonth, BRANDS,
};

/// `brand` of a number: `Some(id)` or `None` (no brand, or still ambiguous).
fn brand_of(s: &str) -> Option<&'static str> {
    validate_number(s).brand.map(|b| b.id_str())
}

macro_rules! brand_rows {
    ($($name:ident: $input:expr => $brand:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(brand_of($input), $brand, "input {:?}", $input);
        }
    )*};
}

brand_rows! {
    empty_is_ambiguous: "" => None;
    visa_4_is_ambiguous_with_elo_and_naranja: "4" => None;
    visa_4343: "4343" => Some("visa");
    visa_411: "411" => Some("visa");
    elo_401178_beats_visa: "401178" => Some("elo");
    naranja_402918_beats_visa: "402918" => Some("naranja");
    mastercard_2_is_ambiguous: "2" => None;
    mastercard_22_is_ambiguous_with_mir: "22" => None;
    mastercard_2221: "2221" => Some("mastercard");
    mastercard_2720: "2720" => Some("mastercard");
    mastercard_2721_is_nothing: "2721" => None;
    mastercard_2220_is_mir: "2220" => None;
    mastercard_51: "51" => Some("mastercard");
    mastercard_55: "55" => Some("mastercard");
    mastercard_50_is_maestro: "500000" => Some("maestro");
    mastercard_56_is_maestro: "56" => Some("maestro");
    mastercard_223: "223" => Some("mastercard");
    mastercard_229: "229" => Some("mastercard");
    mastercard_23: "23" => Some("mastercard");
    mastercard_26: "26" => Some("mastercard");
    mastercard_270: "270" => Some("mastercard");
    mastercard_271: "271" => Some("mastercard");
    mastercard_527572_is_naranja: "527572" => Some("naranja");
    amex_34: "34" => Some("american-express");
    amex_37: "37" => Some("american-express");
    amex_3_is_ambiguous: "3" => None;
    amex_35_is_jcb_partial: "35" => Some("jcb");
    diners_300: "300" => Some("diners-club");
    diners_305: "305" => Some("diners-club");
    diners_306_is_nothing: "306" => None;
    diners_36: "36" => Some("diners-club");
    diners_38: "38" => Some("diners-club");
    diners_39: "39" => Some("diners-club");
    discover_6011: "6011" => Some("discover");
    discover_644: "644" => Some("discover");
    discover_649: "649" => Some("discover");
    discover_65_is_ambiguous_with_elo_and_troy: "65" => None;
    discover_6599: "6599" => Some("discover");
    discover_650031_is_elo: "650031" => Some("elo");
    discover_650052_is_troy: "650052" => Some("troy");
    troy_9792: "9792" => Some("troy");
    troy_9: "9" => Some("troy");
    troy_65083700: "65083700" => Some("troy");
    jcb_2131: "2131" => Some("jcb");
    jcb_1800: "1800" => Some("jcb");
    jcb_3528: "3528" => Some("jcb");
    jcb_3589: "3589" => Some("jcb");
    jcb_3590_is_nothing: "3590" => None;
    jcb_1_is_jcb: "1" => Some("jcb");
    unionpay_620: "620" => Some("unionpay");
    unionpay_62_is_ambiguous: "62" => None;
    unionpay_623: "623" => Some("unionpay");
    unionpay_810: "810" => Some("unionpay");
    unionpay_8171: "8171" => Some("unionpay");
    unionpay_8172_is_nothing: "8172" => None;
    maestro_6_is_ambiguous: "6" => None;
    maestro_63_is_ambiguous_with_elo_and_hiper: "63" => None;
    maestro_631: "631" => Some("maestro");
    maestro_67: "67" => Some("maestro");
    maestro_493698: "493698" => Some("maestro");
    maestro_504174: "504174" => Some("maestro");
    elo_504175: "504175" => Some("elo");
    maestro_504176: "504176" => Some("maestro");
    verve_506099: "506099" => Some("verve");
    verve_507941: "507941" => Some("verve");
    elo_509000: "509000" => Some("elo");
    elo_636368: "636368" => Some("elo");
    mir_2200: "2200" => Some("mir");
    mir_2204: "2204" => Some("mir");
    mir_2205_is_nothing: "2205" => None;
    hiper_637095: "637095" => Some("hiper");
    hiper_63737423: "63737423" => Some("hiper");
    hipercard_606282: "606282" => Some("hipercard");
    naranja_589562: "589562" => Some("naranja");
    unknown_0: "0" => None;
    unknown_7: "7" => None;
    letters: "abcd" => None;
}

#[test]
fn every_brand_has_one_row_and_is_detected_from_its_first_prefix() {
    for b in &BRANDS {
        assert_eq!(BrandId::parse(b.id_str()).map(BrandId::brand), Some(b));
        let lo = b.prefixes[0].lo.to_string();
        let padded = format!("{lo:0<8}");
        assert_eq!(
            brand_of(&padded),
            Some(b.id_str()),
            "{} from {padded}",
            b.id_str()
        );
    }
    assert_eq!(BRANDS.len(), 15);
}

/// A number of `len` digits starting with `prefix` whose last digit makes the Luhn check pass.
fn luhn_number(prefix: &str, len: usize) -> String {
    let mut body: String = prefix.to_string();
    while body.len() < len - 1 {
        body.push('0');
    }
    for check in 0..10 {
        let candidate = format!("{body}{check}");
        if sealcard::luhn_valid(candidate.as_bytes()) {
            return candidate;
        }
    }
    unreachable!()
}

#[test]
fn every_length_of_every_brand() {
    for b in &BRANDS {
        let prefix = format!("{:0<8}", b.prefixes[0].lo);
        for len in 8..=20usize {
            let n = luhn_number(&prefix, len);
            let v = validate_number(&n);
            let complete = b.has_length(len);
            assert_eq!(v.valid, complete, "{} len {len}", b.id_str());
            assert_eq!(
                v.potentially_valid,
                len <= b.max_length(),
                "{} len {len}",
                b.id_str()
            );
            if len > b.max_length() {
                assert_eq!(v.error, Some(ErrorCode::InvalidNumber));
            }
        }
    }
}

#[test]
fn luhn_failures_are_invalid_but_unionpay_skips_luhn() {
    let v = validate_number("4242424242424241");
    assert!(!v.valid);
    assert!(v.potentially_valid, "18 and 19 digit Visas exist");
    assert_eq!(v.error, Some(ErrorCode::InvalidNumber));
    let v = validate_number("5555555555554443");
    assert!(!v.valid && !v.potentially_valid);
    let v = validate_number("6200000000000001");
    assert!(v.valid, "UnionPay has no Luhn rule");
}

macro_rules! number_rows {
    ($($name:ident: $input:expr => ($brand:expr, $valid:expr, $pv:expr, $err:expr);)*) => {$(
        #[test]
        fn $name() {
            let v = validate_number($input);
            assert_eq!(
                (v.brand.map(|b| b.id_str()), v.valid, v.potentially_valid, v.error.map(|e| e.code())),
                ($brand, $valid, $pv, $err),
                "input {:?}", $input
            );
        }
    )*};
}

number_rows! {
    number_empty: "" => (None, false, true, Some("incomplete_number"));
    number_partial_visa: "4343 43" => (Some("visa"), false, true, Some("incomplete_number"));
    number_spaces_and_dashes: "4343-4343 4343-4345" => (Some("visa"), true, true, None);
    number_unknown_prefix: "7777" => (None, false, false, Some("invalid_number"));
    number_letters: "4242x" => (None, false, false, Some("invalid_number"));
    number_amex: "3782 822463 10005" => (Some("american-express"), true, true, None);
    number_amex_too_long: "3782822463100050" => (Some("american-express"), false, false, Some("invalid_number"));
    number_twenty_digits: "42424242424242424242" => (Some("visa"), false, false, Some("invalid_number"));
    number_all_zero: "0000000000000000" => (None, false, false, Some("invalid_number"));
    number_fullwidth: "\u{FF14}\u{FF13}\u{FF14}\u{FF13}434343434345" => (Some("visa"), true, true, None);
    number_arabic_indic: "\u{0664}\u{0663}\u{0664}\u{0663}434343434345" => (Some("visa"), true, true, None);
    number_bidi_and_zero_width: "\u{202E}4343\u{200B}4343\u{2066}43434345\u{2069}" => (Some("visa"), true, true, None);
    number_emoji: "4343 \u{1F4B3}" => (None, false, false, Some("invalid_number"));
    number_nul: "4343\u{0}" => (None, false, false, Some("invalid_number"));
}

/// PayMongo's test cards (PAYMONGO.md): every one is a valid Visa or Mastercard number.
const PAYMONGO_TEST_CARDS: [(&str, &str); 23] = [
    ("4343434343434345", "visa"),
    ("4571736000000075", "visa"),
    ("4009930000001421", "visa"),
    ("4404520000001439", "visa"),
    ("5555444444444457", "mastercard"),
    ("5455590000000009", "mastercard"),
    ("5339080000000003", "mastercard"),
    ("5240050000001440", "mastercard"),
    ("5577510000001446", "mastercard"),
    ("4120000000000007", "visa"),
    ("4230000000000004", "visa"),
    ("5234000000000106", "mastercard"),
    ("5123000000000001", "mastercard"),
    ("4200000000000018", "visa"),
    ("4300000000000017", "visa"),
    ("5100000000000198", "mastercard"),
    ("4111111111111111", "visa"),
    ("4400000000000016", "visa"),
    ("4500000000000015", "visa"),
    ("5200000000000197", "mastercard"),
    ("5300000000000196", "mastercard"),
    ("5400000000000195", "mastercard"),
    ("4600000000000014", "visa"),
];

#[test]
fn paymongo_test_cards_are_valid() {
    for (number, brand) in PAYMONGO_TEST_CARDS {
        let v = validate_number(number);
        assert!(v.valid, "{number}");
        assert_eq!(v.brand.map(|b| b.id_str()), Some(brand), "{number}");
        assert_eq!(v.error, None);
        let shown = format_number(number, number.len());
        assert_eq!(shown.value.len(), 19);
        assert_eq!(shown.caret, 19);
    }
}

#[test]
fn published_number_with_a_bad_check_digit_is_rejected() {
    let v = validate_number("5123000000000002");
    assert!(!v.valid);
    assert_eq!(v.error, Some(ErrorCode::InvalidNumber));
}

const TODAY: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};

macro_rules! expiry_rows {
    ($($name:ident: $input:expr, $today:expr => ($valid:expr, $pv:expr, $my:expr, $err:expr);)*) => {$(
        #[test]
        fn $name() {
            let v = validate_expiry($input, $today);
            assert_eq!(
                (v.valid, v.potentially_valid, v.month.zip(v.year), v.error.map(|e| e.code())),
                ($valid, $pv, $my, $err),
                "input {:?}", $input
            );
        }
    )*};
}

const fn ym(year: u16, month: u8) -> YearMonth {
    YearMonth { year, month }
}

expiry_rows! {
    expiry_slash: "12/30", TODAY => (true, true, Some((12, 2030)), None);
    expiry_spaced: "12 / 30", TODAY => (true, true, Some((12, 2030)), None);
    expiry_compact: "1230", TODAY => (true, true, Some((12, 2030)), None);
    expiry_long_year: "12/2030", TODAY => (true, true, Some((12, 2030)), None);
    expiry_long_year_compact: "122030", TODAY => (true, true, Some((12, 2030)), None);
    expiry_one_digit_month: "1/30", TODAY => (true, true, Some((1, 2030)), None);
    expiry_this_month_is_valid: "11/26", TODAY => (true, true, Some((11, 2026)), None);
    expiry_last_month_is_expired: "10/26", TODAY => (false, false, Some((10, 2026)), Some("expired"));
    expiry_january_rollover: "01/27", ym(2026, 12) => (true, true, Some((1, 2027)), None);
    expiry_december_last_year: "12/25", ym(2026, 1) => (false, false, Some((12, 2025)), Some("expired"));
    expiry_century_07_20_in_2020: "07/20", ym(2020, 7) => (true, true, Some((7, 2020)), None);
    expiry_century_07_20_in_2026: "07/20", TODAY => (false, true, Some((7, 2020)), Some("expired"));
    expiry_century_rollover_2099: "01/00", ym(2099, 12) => (true, true, Some((1, 2100)), None);
    expiry_century_98_in_2099: "12/98", ym(2099, 12) => (false, false, Some((12, 2098)), Some("expired"));
    expiry_horizon_edge: "12/46", TODAY => (true, true, Some((12, 2046)), None);
    expiry_too_far: "01/47", TODAY => (false, false, Some((1, 2047)), Some("expiry_too_far"));
    expiry_far_future_four_digits: "01/2999", TODAY => (false, false, Some((1, 2999)), Some("expiry_too_far"));
    expiry_empty: "", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_one: "1", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_zero: "0", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_month_only: "12", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_month_slash: "12 / ", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_partial_year: "12/3", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_partial_long_year: "12/203", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_partial_past_year: "12/1", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_month_00: "00/30", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_month_13: "13/30", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_letters: "ab/cd", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_two_slashes: "12//30", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_leading_slash: "/30", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_year_too_long: "12/20300", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_compact_too_long: "1220300", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_fullwidth: "\u{FF11}\u{FF12}\u{FF0F}\u{FF13}\u{FF10}", TODAY => (true, true, Some((12, 2030)), None);
    // An input mask's empty state is the empty date.
    expiry_mask_empty: " / ", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_mask_empty_slash: "/", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_mask_empty_space_slash: " /", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_mask_empty_slash_space: "/ ", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_mask_empty_fullwidth: "\u{3000}\u{FF0F}\u{3000}", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_mask_two_slashes: " / / ", TODAY => (false, false, None, Some("invalid_expiry"));
    // A space between month and year separates them like a slash.
    expiry_space_long_year: "1 2030", TODAY => (true, true, Some((1, 2030)), None);
    expiry_space_one_digit_month: "1 30", TODAY => (true, true, Some((1, 2030)), None);
    expiry_space_two_digit_month: "01 30", TODAY => (true, true, Some((1, 2030)), None);
    expiry_space_month_12: "12 30", TODAY => (true, true, Some((12, 2030)), None);
    expiry_space_month_12_long_year: "12 2030", TODAY => (true, true, Some((12, 2030)), None);
    expiry_space_month_9_long_year: "9 2030", TODAY => (true, true, Some((9, 2030)), None);
    expiry_space_nbsp: "1\u{00A0}2030", TODAY => (true, true, Some((1, 2030)), None);
    expiry_space_ideographic: "\u{FF11}\u{3000}\u{FF13}\u{FF10}", TODAY => (true, true, Some((1, 2030)), None);
    expiry_space_partial_year: "1 2", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_space_partial_long_year: "1 203", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_space_trailing: "1 ", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_space_month_trailing: "12 ", TODAY => (false, true, None, Some("incomplete_expiry"));
    expiry_space_expired: "11 11", TODAY => (false, false, Some((11, 2011)), Some("expired"));
    expiry_space_month_00: "00 30", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_space_month_13: "13 30", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_space_then_slash: "1 2/30", TODAY => (false, false, None, Some("invalid_expiry"));
    expiry_space_year_too_long: "1 20300", TODAY => (false, false, None, Some("invalid_expiry"));
    // Whitespace elsewhere is ignored, as before.
    expiry_space_leading: " 1230", TODAY => (true, true, Some((12, 2030)), None);
    expiry_space_inside_year: "123 0", TODAY => (true, true, Some((12, 2030)), None);
    expiry_space_around_slash: "1 / 30", TODAY => (true, true, Some((1, 2030)), None);
}

/// The expiry field after `keys` are typed one at a time at its end, from empty.
fn typed_expiry(keys: &str) -> (String, usize) {
    let mut field = String::new();
    let mut caret = 0;
    for c in keys.chars() {
        let end = field.len();
        let f = edit_expiry(&field, end, end, Edit::Insert(&c.to_string()));
        (field, caret) = (f.value, f.caret);
    }
    (field, caret)
}

macro_rules! expiry_typing_rows {
    ($($name:ident: $keys:expr => $out:expr;)*) => {$(
        #[test]
        fn $name() {
            let want: (&str, usize) = $out;
            let want = (want.0.to_string(), want.1);
            assert_eq!(typed_expiry($keys), want, "typing {:?}", $keys);
            let pasted = edit_expiry("", 0, 0, Edit::Insert($keys));
            assert_eq!((pasted.value, pasted.caret), want, "pasting {:?}", $keys);
            let formatted = format_expiry($keys, $keys.encode_utf16().count()).value;
            assert_eq!(formatted, want.0.trim_end_matches(" / "), "formatting {:?}", $keys);
        }
    )*};
}

// Typing key by key, pasting at once and formatting agree.
expiry_typing_rows! {
    typing_month_slash_long_year: "12/2030" => ("12 / 30", 7);
    typing_long_year_compact: "122030" => ("12 / 30", 7);
    typing_compact: "1230" => ("12 / 30", 7);
    typing_month_slash_year: "12/30" => ("12 / 30", 7);
    typing_spaced_long_year: "12 / 2030" => ("12 / 30", 7);
    typing_one_digit_month_long_year: "4/2031" => ("04 / 31", 7);
    typing_one_digit_month_compact_long_year: "42031" => ("04 / 31", 7);
    typing_third_year_digit_after_20: "12/203" => ("12 / 203", 8);
    typing_year_20: "12/20" => ("12 / 20", 7);
    typing_long_year_21xx: "01/2105" => ("01 / 05", 7);
    typing_past_a_full_field: "12/305" => ("12 / 30", 7);
    typing_space_long_year: "1 2030" => ("01 / 30", 7);
    typing_space_year: "1 30" => ("01 / 30", 7);
    typing_space_two_digit_month: "01 30" => ("01 / 30", 7);
    typing_space_after_month_digit: "1 " => ("01 / ", 5);
    typing_mask_empty: " / " => ("", 0);
}

macro_rules! expiry_edit_rows {
    ($($name:ident: $value:expr, $start:expr, $end:expr, $edit:expr => $out:expr;)*) => {$(
        #[test]
        fn $name() {
            let f = edit_expiry($value, $start, $end, $edit);
            let want: (&str, usize) = $out;
            assert_eq!((f.value.as_str(), f.caret), want, "{:?} {}..{} {:?}", $value, $start, $end, $edit);
        }
    )*};
}

// Edits of the expiry field: value, selection, edit => value, caret.
expiry_edit_rows! {
    edit_third_year_digit_after_20: "12 / 20", 7, 7, Edit::Insert("3") => ("12 / 203", 8);
    edit_fourth_year_digit: "12 / 203", 8, 8, Edit::Insert("0") => ("12 / 30", 7);
    edit_full_field_ignores_a_digit: "12 / 30", 7, 7, Edit::Insert("5") => ("12 / 30", 7);
    edit_slash_after_month_is_nothing: "12 / ", 5, 5, Edit::Insert("/") => ("12 / ", 5);
    edit_space_pads_a_month_digit: "1", 1, 1, Edit::Insert(" ") => ("01 / ", 5);
    edit_paste_space_separated: "", 0, 0, Edit::Insert("1 2030") => ("01 / 30", 7);
    edit_paste_over_the_field: "12 / 30", 0, 7, Edit::Insert("1 2031") => ("01 / 31", 7);
    // Deleting the `0` of `02`: the `2` stays as typed, the caret where the `0` was.
    edit_delete_0_of_02: "02", 1, 1, Edit::DeleteBackward => ("2", 0);
    edit_delete_forward_0_of_02: "02", 0, 0, Edit::DeleteForward => ("2", 0);
    edit_delete_0_of_02_keeps_the_year: "02 / 3", 1, 1, Edit::DeleteBackward => ("2 / 3", 0);
    edit_delete_1_of_12_keeps_the_year: "12 / 30", 1, 1, Edit::DeleteBackward => ("2 / 30", 0);
    edit_delete_across_the_slash: "12 / 30", 5, 5, Edit::DeleteBackward => ("1 / 30", 1);
    edit_type_before_a_lone_month_digit: "2 / 30", 0, 0, Edit::Insert("1") => ("12 / 30", 1);
    edit_type_after_a_lone_2: "2", 1, 1, Edit::Insert("3") => ("02 / 3", 6);
    edit_delete_the_year: "12 / 3", 6, 6, Edit::DeleteBackward => ("12", 2);
}

macro_rules! expiry_format_rows {
    ($($name:ident: $input:expr, $caret:expr => $out:expr;)*) => {$(
        #[test]
        fn $name() {
            let f = format_expiry($input, $caret);
            let want: (&str, usize) = $out;
            assert_eq!((f.value.as_str(), f.caret), want, "{:?} caret {}", $input, $caret);
        }
    )*};
}

expiry_format_rows! {
    format_space_long_year: "1 2030", 6 => ("01 / 30", 7);
    format_space_caret_after_month: "1 2030", 1 => ("01 / 30", 2);
    format_space_two_digit_month: "12 30", 5 => ("12 / 30", 7);
    format_mask_empty: " / ", 3 => ("", 0);
    format_third_year_digit: "12 / 203", 8 => ("12 / 203", 8);
    format_lone_month_digit_with_year: "2 / 30", 6 => ("02 / 30", 7);
}

macro_rules! cvc_rows {
    ($($name:ident: $input:expr, $brand:expr => ($valid:expr, $pv:expr, $err:expr);)*) => {$(
        #[test]
        fn $name() {
            let v = validate_cvc($input, $brand.map(BrandId::brand));
            assert_eq!(
                (v.valid, v.potentially_valid, v.error.map(|e| e.code())),
                ($valid, $pv, $err),
                "input {:?}", $input
            );
        }
    )*};
}

cvc_rows! {
    cvc_visa_3: "123", Some(BrandId::Visa) => (true, true, None);
    cvc_visa_2: "12", Some(BrandId::Visa) => (false, true, Some("incomplete_cvc"));
    cvc_visa_4: "1234", Some(BrandId::Visa) => (false, false, Some("invalid_cvc"));
    cvc_amex_4: "1234", Some(BrandId::AmericanExpress) => (true, true, None);
    cvc_amex_3: "123", Some(BrandId::AmericanExpress) => (false, true, Some("incomplete_cvc"));
    cvc_no_brand_3: "123", None::<BrandId> => (true, true, None);
    cvc_no_brand_4: "1234", None::<BrandId> => (true, true, None);
    cvc_no_brand_5: "12345", None::<BrandId> => (false, false, Some("invalid_cvc"));
    cvc_empty: "", Some(BrandId::Mastercard) => (false, true, Some("incomplete_cvc"));
    cvc_letters: "12a", Some(BrandId::Visa) => (false, false, Some("invalid_cvc"));
}

#[test]
fn every_brand_cvc_size() {
    for b in &BRANDS {
        let n = usize::from(b.cvc_length);
        assert!(
            validate_cvc(&"7".repeat(n), Some(b)).valid,
            "{}",
            b.id_str()
        );
        assert!(!validate_cvc(&"7".repeat(n - 1), Some(b)).valid);
        assert!(!validate_cvc(&"7".repeat(n + 1), Some(b)).potentially_valid);
    }
}

macro_rules! key_rows {
    ($($name:ident: $input:expr => $out:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(parse_public_key($input), $out, "key {:?}", $input);
        }
    )*};
}

key_rows! {
    key_test: "pk_test_sandbox" => Ok(KeyMode::Test);
    key_live: "pk_live_AbC123xyz" => Ok(KeyMode::Live);
    key_secret_test: "sk_test_sandbox" => Err(ErrorCode::SecretKeyForbidden);
    key_secret_live: "sk_live_AbC123" => Err(ErrorCode::SecretKeyForbidden);
    key_secret_with_space: "  sk_live_AbC123\n" => Err(ErrorCode::SecretKeyForbidden);
    key_empty: "" => Err(ErrorCode::InvalidPublicKey);
    key_prefix_only: "pk_test_" => Err(ErrorCode::InvalidPublicKey);
    key_whitespace: " pk_test_sandbox" => Err(ErrorCode::InvalidPublicKey);
    key_inner_space: "pk_test_sand box" => Err(ErrorCode::InvalidPublicKey);
    key_wrong_mode: "pk_prod_abc" => Err(ErrorCode::InvalidPublicKey);
    key_uppercase: "PK_TEST_abc" => Err(ErrorCode::InvalidPublicKey);
    key_symbols: "pk_test_abc<script>" => Err(ErrorCode::InvalidPublicKey);
}

#[test]
fn key_errors_never_echo_the_key() {
    for key in ["sk_live_SECRETVALUE", "pk_test_bad key SECRETVALUE"] {
        let e = parse_public_key(key).expect_err("refused");
        assert!(!e.message().contains("SECRETVALUE"));
        assert!(!format!("{e:?} {e}").contains("SECRETVALUE"));
    }
}

#[test]
fn endpoint_rules() {
    use KeyMode::{Live, Test};
    let ok = Ok(());
    let insecure = Err(ErrorCode::InsecureEndpoint);
    let rows: [(KeyMode, &str, bool, Result<(), ErrorCode>); 14] = [
        (Test, "https://api.paymongo.com/v1", false, ok),
        (Live, "https://api.paymongo.com/v1", true, ok),
        (
            Live,
            "https://api.paymongo.com/v1",
            false,
            Err(ErrorCode::InsecureContext),
        ),
        (Live, "http://localhost:8082/v1", true, insecure),
        (Test, "http://localhost:8082/v1", false, ok),
        (Test, "http://127.0.0.1:8082/v1", false, ok),
        (Test, "http://127.1.2.3/v1", false, ok),
        (Test, "http://[::1]:8082/v1", false, ok),
        (Test, "http://example.com/v1", false, insecure),
        (Test, "http://127.0.0.1.example.com/v1", false, insecure),
        (Test, "http://localhost@evil.example/v1", false, insecure),
        (Test, "ftp://localhost/v1", false, insecure),
        (Test, "javascript:alert(1)", false, insecure),
        (Test, "http://10.0.0.1/v1", false, insecure),
    ];
    for (mode, base, secure, want) in rows {
        assert_eq!(
            check_endpoint(mode, base, secure),
            want,
            "{mode:?} {base} {secure}"
        );
    }
}
