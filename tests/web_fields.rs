//! Browser tests of the card field's engine (`src/fields.rs`), run by wasm-bindgen-test in
//! headless Chromium and headless Firefox: the answers the view (`js/frame/field.js`) unpacks,
//! across the real wasm boundary. The field as a whole — DOM, events, requests — is tested
//! through its JS API in `tests/browser/`.
#![cfg(all(target_arch = "wasm32", feature = "widget"))]

use js_sys::{Array, Reflect};
use sealcard::fields;
use sealcard::ErrorCode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

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
const DEFAULT_ACCEPTED: u32 = 0b11;

fn state(number: &str, expiry: &str, cvc: &str, touched: u8, accepted: u32) -> Vec<u32> {
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

#[wasm_bindgen_test]
fn tables_match_the_core() {
    let en = fields::error_table(0);
    let fil = fields::error_table(1);
    assert_eq!(en.length() as usize, ErrorCode::ALL.len());
    let first = en.get(0);
    assert_eq!(
        get(&first, "code").as_string().as_deref(),
        Some("incomplete_number")
    );
    assert_eq!(
        get(&first, "type").as_string().as_deref(),
        Some("validation_error")
    );
    assert_eq!(get(&first, "field").as_string().as_deref(), Some("number"));
    assert_eq!(get(&first, "retryable").as_bool(), Some(false));
    assert_ne!(get(&first, "message"), get(&fil.get(0), "message"));
    let texts = fields::text_table(1);
    assert_eq!(texts.length(), 10);
    assert_eq!(texts.get(0).as_string().as_deref(), Some("Numero ng card"));
    let brands = fields::brand_table();
    assert_eq!(brands.length(), 2 * 15);
    assert_eq!(brands.get(0).as_string().as_deref(), Some("visa"));
    assert_eq!(brands.get(1).as_string().as_deref(), Some("Visa"));
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
    let d = fields::card_details(
        "4343 4343 4343 4345".into(),
        "12 / 30".into(),
        " 123".into(),
        TODAY.0,
        TODAY.1,
    );
    assert_eq!(
        get(&d, "card_number").as_string().as_deref(),
        Some("4343434343434345")
    );
    assert_eq!(get(&d, "exp_month").as_f64(), Some(12.0));
    assert_eq!(get(&d, "exp_year").as_f64(), Some(2030.0));
    assert_eq!(get(&d, "cvc").as_string().as_deref(), Some("123"));
    let none = fields::card_details("4343".into(), "13 / 30".into(), "1".into(), 2026, 11);
    assert!(none.is_undefined());
}

fn errors(items: &[[Option<&str>; 5]]) -> Option<Box<[JsValue]>> {
    Some(
        items
            .iter()
            .flat_map(|i| {
                i.iter()
                    .map(|s| s.map_or(JsValue::UNDEFINED, JsValue::from))
            })
            .collect::<Vec<_>>()
            .into_boxed_slice(),
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
    let empty: Box<[JsValue]> = Array::new().to_vec().into_boxed_slice();
    assert_eq!(
        fields::failure_for(404, Some(empty)),
        idx("invalid_response")
    );
}

#[wasm_bindgen_test]
fn declines_and_ids() {
    assert_eq!(
        fields::decline_for("insufficient_funds"),
        idx("card_declined")
    );
    assert_eq!(
        fields::decline_for("authentication_failed"),
        idx("authentication_incomplete")
    );
    assert!(fields::decline_message("insufficient_funds", 0).contains("insufficient funds"));
    assert!(fields::decline_message("insufficient_funds", 1).contains("pondo"));
    assert_eq!(
        fields::intent_id_of("pi_abc123_client_XyZ789").as_deref(),
        Some("pi_abc123")
    );
    assert_eq!(fields::intent_id_of("pi_abc123"), None);
    assert!(fields::is_payment_method_id("pm_ajeDG2y6WgnrCXaamWFmPUw2"));
    assert!(!fields::is_payment_method_id("pm_<script>"));
}
