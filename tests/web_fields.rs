//! Browser tests of the card field's engine (`src/fields.rs`), run by wasm-bindgen-test in
//! headless Chromium and headless Firefox: the answers the view (`js/frame/field.js`) unpacks,
//! across the real wasm boundary. The field as a whole — DOM, events, requests — is tested
//! through its JS API in `tests/browser/`.
#![cfg(all(target_arch = "wasm32", feature = "widget"))]

use sealcard::fields;
use sealcard::ErrorCode;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The index (plus one) the engine uses for `code`.
fn idx(code: &str) -> u32 {
    let code = ErrorCode::parse(code).expect("known code");
    ErrorCode::ALL
        .iter()
        .position(|&c| c == code)
        .expect("listed") as u32
        + 1
}

const TODAY: (u16, u8) = (2026, 11);
/// Visa and Mastercard, as the view packs `acceptedBrands`.
const DEFAULT_ACCEPTED: u16 = 0b11;

fn state(number: &str, expiry: &str, cvc: &str, touched: u8, accepted: u16) -> Vec<u32> {
    fields::form_state(
        number.into(),
        expiry.into(),
        cvc.into(),
        touched,
        accepted,
        TODAY.0,
        TODAY.1,
    )
}

/// `tables()` split as the view splits it: tables, records, values.
fn tables() -> Vec<Vec<Vec<String>>> {
    fields::tables()
        .split('\x1d')
        .map(|t| {
            t.split_terminator('\x1e')
                .map(|r| r.split('\x1f').map(str::to_string).collect())
                .collect()
        })
        .collect()
}

#[wasm_bindgen_test]
fn tables_match_the_core() {
    let t = tables();
    assert_eq!(t.len(), 4);
    let (errors, words, brands) = (&t[0], &t[1], &t[2]);
    assert_eq!(errors.len(), ErrorCode::ALL.len());
    assert_eq!(
        errors[0],
        [
            "incomplete_number",
            "validation_error",
            "number",
            "",
            "Your card number is incomplete.",
            "Kulang ang numero ng iyong card."
        ]
    );
    let rate = &errors[idx("rate_limited") as usize - 1];
    assert_eq!((rate[2].as_str(), rate[3].as_str()), ("", "1"));
    assert_eq!(words.len(), 2);
    assert!(words.iter().all(|w| w.len() == 10));
    assert_eq!(words[1][0], "Numero ng card");
    assert_eq!(brands.len(), 15);
    assert_eq!(brands[0], ["visa", "Visa"]);
    // No message holds a separator.
    let all: usize = errors.iter().chain(words).chain(brands).map(Vec::len).sum();
    assert_eq!(t[3].len(), 2);
    assert!(t[3].iter().all(|d| d.len() == 4));
    assert_eq!(all, 6 * ErrorCode::ALL.len() + 20 + 30);
}

#[wasm_bindgen_test]
fn keys_and_endpoints() {
    assert_eq!(fields::key_error("pk_test_abc"), 0);
    assert_eq!(
        fields::key_error("sk_test_abc"),
        idx("secret_key_forbidden")
    );
    assert_eq!(fields::key_error("hello"), idx("invalid_public_key"));
    let local = "http://127.0.0.1:8082/v1";
    assert_eq!(fields::endpoint_error("pk_test_abc", local, true), 0);
    assert_eq!(
        fields::endpoint_error("pk_live_abc", local, true),
        idx("insecure_endpoint")
    );
    assert_eq!(
        fields::endpoint_error("pk_live_abc", "https://api.paymongo.com/v1", false),
        idx("insecure_context")
    );
    // A 3-D Secure URL from a tampered answer.
    assert_ne!(
        fields::endpoint_error("pk_test_abc", "javascript:alert(1)", true),
        0
    );
}

#[wasm_bindgen_test]
fn edits_and_formats_with_the_caret() {
    let v = fields::edit(1, "4343 4343 4".into(), 11, 11, 0, "3".into());
    assert_eq!((v.as_str(), fields::caret()), ("4343 4343 43", 12));
    // Backspace after a gap space deletes the digit before it.
    let v = fields::edit(1, "4343 4".into(), 5, 5, 1, String::new());
    assert_eq!((v.as_str(), fields::caret()), ("4344", 3));
    let v = fields::edit(2, "1".into(), 1, 1, 0, "2".into());
    assert_eq!((v.as_str(), fields::caret()), ("12 / ", 5));
    let v = fields::format(1, "4343434343434345".into(), 16, 0);
    assert_eq!((v.as_str(), fields::caret()), ("4343 4343 4343 4345", 19));
    // The code's length follows the brand: 4 digits for American Express (brand 2), 3 for Visa.
    let amex = state("3782", "", "", 0, DEFAULT_ACCEPTED)[0];
    assert_eq!(fields::format(3, "12345".into(), 5, amex), "1234");
    assert_eq!(fields::format(3, "12345".into(), 5, 1), "123");
}

#[wasm_bindgen_test]
fn form_state_is_packed_as_the_view_reads_it() {
    let s = state("4343 4343 4343 4345", "12 / 30", "123", 0, DEFAULT_ACCEPTED);
    assert_eq!(s[0], 1, "visa");
    for f in &s[1..] {
        assert_eq!(
            f & 0b1111,
            0b1110,
            "complete, valid, potentially valid, not empty"
        );
        assert_eq!(f >> 4, 0, "no error, no problem");
    }
    // An untouched incomplete number: a problem, no error shown; touched: shown.
    let s = state("4343 43", "", "", 0, DEFAULT_ACCEPTED);
    assert_eq!((s[1] >> 4) & 63, 0);
    assert_eq!((s[1] >> 10) & 63, idx("incomplete_number"));
    let s = state("4343 43", "", "", 1, DEFAULT_ACCEPTED);
    assert_eq!((s[1] >> 4) & 63, idx("incomplete_number"));
    assert_eq!(s[2] & 1, 1, "the expiry is empty");
    // American Express is not accepted by default.
    let s = state("3782 822463 10005", "12 / 30", "1234", 0, DEFAULT_ACCEPTED);
    assert_eq!((s[1] >> 4) & 63, idx("unsupported_brand"));
}

#[wasm_bindgen_test]
fn card_details_for_the_request() {
    assert_eq!(
        fields::card_number("4343 4343 4343 4345".into()),
        "4343434343434345"
    );
    assert_eq!(fields::card_cvc(" 123".into()), "123");
    let date = fields::expiry_date("12 / 30".into(), TODAY.0, TODAY.1);
    assert_eq!((date & 15, date >> 4), (12, 2030));
    assert_eq!(fields::expiry_date("13 / 30".into(), TODAY.0, TODAY.1), 0);
}

/// Errors as the view sends them: records of five values, `\x1d` for an absent one.
fn errors(items: &[[Option<&str>; 5]]) -> Option<String> {
    Some(
        items
            .iter()
            .map(|i| {
                let values: Vec<&str> = i.iter().map(|v| v.unwrap_or("\x1d")).collect();
                [values.join("\x1f").as_str(), "\x1e"].concat()
            })
            .collect(),
    )
}

#[wasm_bindgen_test]
fn failures_name_their_code_field_and_deciding_error() {
    let bits = fields::failure_for(429, None);
    assert_eq!(bits, idx("rate_limited"));
    let bits = fields::failure_for(502, None);
    assert_eq!(bits, idx("server_error"));
    let bits = fields::failure_for(
        400,
        errors(&[
            [
                Some("parameter_below_minimum"),
                Some("amount"),
                Some("amount"),
                None,
                None,
            ],
            [
                Some("parameter_format_invalid"),
                Some("details.card_number format is invalid."),
                None,
                Some("details.card_number"),
                Some("luhn"),
            ],
        ]),
    );
    assert_eq!(bits & 63, idx("invalid_number"));
    assert_eq!((bits >> 6) & 7, 1, "on the number field");
    assert_eq!(bits >> 9, 2, "decided by the second error");
    let bits = fields::failure_for(
        401,
        errors(&[[Some("invalid_key"), Some(""), None, None, None]]),
    );
    assert_eq!(
        (bits & 63, (bits >> 6) & 7, bits >> 9),
        (idx("authentication_failed"), 0, 1)
    );
    // Not PayMongo's envelope: a proxy's page.
    assert_eq!(fields::failure_for(400, None), idx("invalid_response"));
    assert_eq!(
        fields::failure_for(404, Some(String::new())),
        idx("invalid_response")
    );
    // An absent attribute falls back to the pointer; an empty one does not.
    let pointer = |attribute| {
        let bits = fields::failure_for(
            400,
            errors(&[[Some("x"), Some(""), attribute, Some("/data/cvc"), None]]),
        );
        (bits >> 6) & 7
    };
    assert_eq!(pointer(None), 3);
    assert_eq!(pointer(Some("")), 0);
}

#[wasm_bindgen_test]
fn declines_and_ids() {
    let declines = &tables()[3];
    let decline = |failed| {
        let bits = fields::decline_for(failed);
        let message = |locale: usize| declines[locale][bits as usize >> 6].clone();
        (bits & 63, message(0), message(1))
    };
    let (code, en, fil) = decline("insufficient_funds");
    assert_eq!(code, idx("card_declined"));
    assert!(en.contains("insufficient funds"), "{en}");
    assert!(fil.contains("pondo"), "{fil}");
    let (_, en, _) = decline("cvc_incorrect");
    assert!(en.contains("security code"), "{en}");
    let (_, en, _) = decline("do_not_honor");
    assert_eq!(en, "Your card was declined. Please use another card.");
    let (code, _, _) = decline("authentication_failed");
    assert_eq!(code, idx("authentication_incomplete"));
    assert_eq!(fields::intent_id_length("pi_abc123_client_XyZ789"), 9);
    assert_eq!(fields::intent_id_length("pi_abc123"), 0);
    assert!(fields::is_payment_method_id("pm_ajeDG2y6WgnrCXaamWFmPUw2"));
    assert!(!fields::is_payment_method_id("pm_<script>"));
}
