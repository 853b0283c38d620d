//! Browser tests of the `sealcard/validate` exports, run by wasm-bindgen-test in headless
//! Chromium and headless Firefox (`npm test` runs this file once per browser). The verdicts
//! cross the boundary packed in numbers (src/js.rs); `verdict` below unpacks them as the JS
//! entry does (js/validate/api.js), so the tests read the objects JS users get.
#![cfg(all(target_arch = "wasm32", feature = "validate"))]

use js_sys::{Array, Object, Reflect};
use sealcard::js;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(o: &Object, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_str(o: &Object, key: &str) -> Option<String> {
    get(o, key).as_string()
}

fn get_bool(o: &Object, key: &str) -> Option<bool> {
    get(o, key).as_bool()
}

fn error_code(o: &Object) -> Option<String> {
    let e = get(o, "error");
    if e.is_undefined() {
        return None;
    }
    get_str(&Object::from(e), "code")
}

/// The error object of a packed error index (0: none).
fn error_of(index: u32) -> JsValue {
    if index == 0 {
        return JsValue::UNDEFINED;
    }
    js::errors().get(index - 1)
}

/// `{ valid, potentiallyValid, error? }` of a packed verdict.
fn verdict(packed: u32) -> Object {
    let o = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&o, &JsValue::from_str(k), &v).unwrap();
    set("valid", JsValue::from_bool(packed & 1 != 0));
    set("potentiallyValid", JsValue::from_bool(packed & 2 != 0));
    let error = error_of((packed >> 2) & 63);
    if !error.is_undefined() {
        set("error", error);
    }
    o
}

fn validate_number(value: &str) -> Object {
    let packed = js::validate_number_packed(value);
    let o = verdict(packed);
    let brand = match packed >> 8 {
        0 => JsValue::NULL,
        b => get(&Object::from(js::brands().get(b - 1)), "id"),
    };
    Reflect::set(&o, &"brand".into(), &brand).unwrap();
    o
}

fn validate_expiry(value: &str, year: u16, month: u8) -> Object {
    let packed = js::validate_expiry_packed(value, year, month);
    let o = verdict(packed);
    if packed >> 8 != 0 {
        Reflect::set(&o, &"month".into(), &((packed >> 8) & 15).into()).unwrap();
        Reflect::set(&o, &"year".into(), &(packed >> 12).into()).unwrap();
    }
    o
}

fn validate_cvc(value: &str, brand: Option<String>) -> Object {
    verdict(js::validate_cvc_packed(value, brand))
}

fn format_number(value: &str, caret: u32) -> Object {
    let o = Object::new();
    let formatted = js::format_number_value(value, caret);
    Reflect::set(&o, &"value".into(), &formatted.into()).unwrap();
    Reflect::set(&o, &"caret".into(), &js::format_caret().into()).unwrap();
    o
}

#[wasm_bindgen_test]
fn runs_in_a_real_browser() {
    let window = web_sys_window();
    assert!(
        window.is_object(),
        "a window exists: this is a browser, not Node"
    );
}

fn web_sys_window() -> JsValue {
    Reflect::get(&js_sys::global(), &JsValue::from_str("window")).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn validate_number_verdicts() {
    let v = validate_number("4343 4343 4343 4345");
    assert_eq!(get_str(&v, "brand").as_deref(), Some("visa"));
    assert_eq!(get_bool(&v, "valid"), Some(true));
    assert_eq!(get_bool(&v, "potentiallyValid"), Some(true));
    assert!(get(&v, "error").is_undefined());

    let v = validate_number("4");
    assert!(get(&v, "brand").is_null(), "ambiguous: visa, elo, naranja");
    assert_eq!(error_code(&v).as_deref(), Some("incomplete_number"));

    let v = validate_number("5123000000000002");
    assert_eq!(get_bool(&v, "valid"), Some(false));
    assert_eq!(error_code(&v).as_deref(), Some("invalid_number"));

    let e = Object::from(get(&v, "error"));
    assert_eq!(get_str(&e, "type").as_deref(), Some("validation_error"));
    assert_eq!(get_str(&e, "field").as_deref(), Some("number"));
    assert_eq!(get_bool(&e, "retryable"), Some(false));
    assert_eq!(
        get_str(&e, "message").as_deref(),
        Some("Your card number is invalid.")
    );
}

#[wasm_bindgen_test]
fn validate_expiry_with_fixed_today() {
    let v = validate_expiry("12 / 30", 2026, 11);
    assert_eq!(get_bool(&v, "valid"), Some(true));
    assert_eq!(get(&v, "month").as_f64(), Some(12.0));
    assert_eq!(get(&v, "year").as_f64(), Some(2030.0));
    assert_eq!(
        error_code(&validate_expiry("10/26", 2026, 11)).as_deref(),
        Some("expired")
    );
    assert_eq!(
        error_code(&validate_expiry("1", 2026, 11)).as_deref(),
        Some("incomplete_expiry")
    );
    assert!(get(&validate_expiry("1", 2026, 11), "month").is_undefined());
}

#[wasm_bindgen_test]
fn validate_cvc_by_brand() {
    let amex = Some("american-express".to_string());
    assert_eq!(
        get_bool(&validate_cvc("1234", amex.clone()), "valid"),
        Some(true)
    );
    assert_eq!(
        error_code(&validate_cvc("123", amex)).as_deref(),
        Some("incomplete_cvc")
    );
    assert_eq!(get_bool(&validate_cvc("123", None), "valid"), Some(true));
    assert_eq!(
        error_code(&validate_cvc("12a", None)).as_deref(),
        Some("invalid_cvc")
    );
}

#[wasm_bindgen_test]
fn format_number_keeps_the_caret() {
    let f = format_number("378282246310005", 5);
    assert_eq!(get_str(&f, "value").as_deref(), Some("3782 822463 10005"));
    assert_eq!(get(&f, "caret").as_f64(), Some(6.0));
    // A string from JS with a lone surrogate and an emoji: carets are UTF-16 units.
    let s: String = js_sys::JsString::from_char_code(&[0xD83D, 0xDCB3, 0x34, 0x32]).into();
    let f = format_number(&s, 3);
    assert_eq!(get_str(&f, "value").as_deref(), Some("42"));
    assert_eq!(get(&f, "caret").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn brand_table() {
    let table: Array = js::brands();
    assert_eq!(table.length(), 15);
    let amex = table
        .iter()
        .map(Object::from)
        .find(|b| get_str(b, "id").as_deref() == Some("american-express"))
        .expect("amex row");
    assert_eq!(get(&amex, "cvcLength").as_f64(), Some(4.0));
    assert_eq!(Array::from(&get(&amex, "gaps")).length(), 2);
}

#[wasm_bindgen_test]
fn a_megabyte_paste_is_cut_not_fatal() {
    let paste = "4242 ".repeat(200_000);
    let f = format_number(&paste, paste.len() as u32);
    assert_eq!(
        get_str(&f, "value").as_deref(),
        Some("4242 4242 4242 4242424")
    );
    assert_eq!(
        error_code(&validate_number(&paste)).as_deref(),
        Some("invalid_number")
    );
}
