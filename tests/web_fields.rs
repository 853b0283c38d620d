//! Browser tests of the card fields' browser layer (`src/fields/`), run by wasm-bindgen-test in
//! headless Chromium and headless Firefox: the Rust side of the card path on real inputs —
//! configuration rules, one call per edit writing the input and its caret, the state it
//! returns. The payment flows are tested against a sandbox in `tests/web_pay.rs`; the fields as
//! a whole — view, events, requests — through their JS API in `tests/browser/`.
#![cfg(all(target_arch = "wasm32", feature = "fields"))]

use js_sys::Function;
use sealcard::fields::{check_config, EditKind, FieldId, Fields};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

mod page;

use page::{get, new_input, options, text};

wasm_bindgen_test_configure!(run_in_browser);

fn config(pairs: &[(&str, JsValue)]) -> Result<(), JsValue> {
    check_config(&options(pairs))
}

fn test_key() -> (&'static str, JsValue) {
    ("publicKey", "pk_test_sandbox".into())
}

struct Form {
    fields: Fields,
    number: HtmlInputElement,
    expiry: HtmlInputElement,
    cvc: HtmlInputElement,
}

fn form() -> Form {
    let (number, expiry, cvc) = (new_input(), new_input(), new_input());
    let fields = Fields::new(
        &options(&[test_key()]),
        number.clone(),
        expiry.clone(),
        cvc.clone(),
        None,
        Function::new_no_args(""),
    )
    .unwrap();
    Form {
        fields,
        number,
        expiry,
        cvc,
    }
}

fn caret(input: &HtmlInputElement) -> u32 {
    input.selection_start().unwrap().unwrap()
}

fn error_code(e: JsValue) -> Option<String> {
    text(&e, &["code"])
}

#[wasm_bindgen_test]
fn keys_and_endpoints_are_checked_first() {
    let code = |pairs: &[(&str, JsValue)]| config(pairs).err().and_then(error_code);
    assert_eq!(
        code(&[("publicKey", "sk_test_x".into())]).as_deref(),
        Some("secret_key_forbidden")
    );
    // The secret key wins over every other mistake.
    assert_eq!(
        code(&[("publicKey", "sk_live_x".into()), ("apiBase", 5.into())]).as_deref(),
        Some("secret_key_forbidden")
    );
    assert_eq!(
        code(&[("publicKey", 42.into())]).as_deref(),
        Some("invalid_public_key")
    );
    let bad = |k: &str, v: JsValue| code(&[test_key(), (k, v)]);
    assert_eq!(
        bad("apiBase", "http://example.com/v1".into()).as_deref(),
        Some("insecure_endpoint")
    );
    assert_eq!(
        bad("apiBase", "not a url".into()).as_deref(),
        Some("invalid_api_base")
    );
    for with_query_or_fragment in [
        "https://a.example/v1?x=1",
        "https://a.example/v1?",
        "https://a.example/v1#",
    ] {
        assert_eq!(
            bad("apiBase", with_query_or_fragment.into()).as_deref(),
            Some("invalid_api_base")
        );
    }
    assert_eq!(bad("timeout", 0.into()).as_deref(), Some("invalid_option"));
    assert_eq!(
        bad("timeout", "20".into()).as_deref(),
        Some("invalid_option")
    );
    assert_eq!(
        bad("acceptedBrands", js_sys::Array::of1(&"pin".into()).into()).as_deref(),
        Some("invalid_option")
    );
    assert_eq!(
        bad("messages", options(&[("nope", "x".into())])).as_deref(),
        Some("invalid_option")
    );
    assert!(config(&[test_key(), ("locale", "fil-PH".into())]).is_ok());
    let e = config(&[("publicKey", "sk_live_SECRET123".into())])
        .err()
        .unwrap();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert!(!text(&e, &["message"]).unwrap().contains("SECRET123"));
}

#[wasm_bindgen_test]
fn one_call_per_edit_writes_the_input_and_its_caret() {
    let f = form();
    f.number.focus().unwrap();
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("4242424242".into()));
    assert_eq!(f.number.value(), "4242 4242 42");
    assert_eq!(caret(&f.number), 12);
    assert_eq!(text(&update, &["state", "brand"]).as_deref(), Some("visa"));
    assert_eq!(text(&update, &["brandName"]).as_deref(), Some("Visa"));
    assert_eq!(get(&update, &["changed"]), JsValue::TRUE);
    assert_eq!(
        text(&update, &["announcement"]).as_deref(),
        Some("Card brand: Visa")
    );
    // Backspace after a gap takes the digit before it.
    f.number.set_selection_range(10, 10).unwrap();
    f.fields
        .edit(FieldId::Number, EditKind::DeleteBackward, None);
    assert_eq!(
        (f.number.value().as_str(), caret(&f.number)),
        ("4242 4244 2", 8)
    );
    // The security code follows the brand; the state never carries the digits.
    f.cvc.focus().unwrap();
    let update = f
        .fields
        .edit(FieldId::Cvc, EditKind::Insert, Some("12345".into()));
    assert_eq!(f.cvc.value(), "123");
    let shown = js_sys::JSON::stringify(&update)
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        !shown.contains("4242") && !shown.contains("123\""),
        "{shown}"
    );
    f.fields.destroy();
    assert_eq!(f.number.value(), "", "destroy empties the inputs");
}

#[wasm_bindgen_test]
fn a_complete_field_moves_on_and_blur_shows_errors() {
    let f = form();
    f.number.focus().unwrap();
    let update = f.fields.edit(
        FieldId::Number,
        EditKind::Insert,
        Some("4343434343434345".into()),
    );
    assert_eq!(get(&update, &["advance"]), JsValue::TRUE);
    f.expiry.focus().unwrap();
    let update = f
        .fields
        .edit(FieldId::Expiry, EditKind::Insert, Some("12/2".into()));
    assert_eq!(get(&update, &["advance"]), JsValue::FALSE);
    assert!(get(&update, &["state", "fields", "expiry", "error"]).is_undefined());
    let update = f.fields.blur(FieldId::Expiry);
    assert_eq!(
        text(&update, &["state", "fields", "expiry", "error", "code"]).as_deref(),
        Some("incomplete_expiry")
    );
    // After the fact (autofill): the value is formatted in place.
    f.expiry.set_value("1/2040");
    let update = f.fields.input(FieldId::Expiry);
    assert_eq!(f.expiry.value(), "01 / 40");
    assert_eq!(
        get(&update, &["state", "fields", "expiry", "valid"]),
        JsValue::TRUE
    );
    // No change, no `changed`.
    assert_eq!(
        get(&f.fields.input(FieldId::Expiry), &["changed"]),
        JsValue::FALSE
    );
    let state = f.fields.clear();
    assert_eq!(get(&state, &["state", "empty"]), JsValue::TRUE);
    assert_eq!(f.cvc.value(), "");
}

#[wasm_bindgen_test]
fn messages_follow_the_options() {
    let f = form();
    f.fields
        .set_options(options(&[
            ("locale", "fil".into()),
            ("messages", options(&[("invalid_number", "Mali.".into())])),
        ]))
        .unwrap();
    assert_eq!(
        text(&f.fields.texts(), &["labels", "number"]).as_deref(),
        Some("Numero ng card")
    );
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("7777".into()));
    assert_eq!(
        text(&update, &["state", "error", "message"]).as_deref(),
        Some("Mali.")
    );
    // A wrong option throws and changes nothing.
    assert!(f
        .fields
        .set_options(options(&[("messages", "x".into())]))
        .is_err());
    assert_eq!(
        text(&f.fields.state(), &["error", "message"]).as_deref(),
        Some("Mali.")
    );
}

#[wasm_bindgen_test]
fn an_error_is_announced_once_and_a_brand_when_new() {
    let f = form();
    f.number.focus().unwrap();
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("7777".into()));
    assert_eq!(
        text(&update, &["announcement"]).as_deref(),
        Some("Your card number is invalid.")
    );
    // The same error again: nothing new to hear.
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("7".into()));
    assert_eq!(
        text(&update, &["state", "error", "code"]).as_deref(),
        Some("invalid_number")
    );
    assert!(get(&update, &["announcement"]).is_undefined());
    f.fields.clear();
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("4242".into()));
    assert_eq!(
        text(&update, &["announcement"]).as_deref(),
        Some("Card brand: Visa")
    );
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("42".into()));
    assert!(get(&update, &["announcement"]).is_undefined());
    // `current` announces nothing.
    f.fields.clear();
    f.number.set_value("7777");
    assert!(get(&f.fields.current(), &["announcement"]).is_undefined());
}

#[wasm_bindgen_test]
fn leaving_an_empty_field_shows_nothing() {
    let f = form();
    for field in [
        FieldId::Number,
        FieldId::Expiry,
        FieldId::Cvc,
        FieldId::Name,
    ] {
        let update = f.fields.blur(field);
        assert!(
            get(&update, &["state", "error"]).is_undefined(),
            "{field:?}: {:?}",
            js_sys::JSON::stringify(&update)
        );
    }
    // With something typed, it does.
    f.cvc.focus().unwrap();
    f.fields
        .edit(FieldId::Cvc, EditKind::Insert, Some("1".into()));
    let update = f.fields.blur(FieldId::Cvc);
    assert_eq!(
        text(&update, &["state", "fields", "cvc", "error", "code"]).as_deref(),
        Some("incomplete_cvc")
    );
}

#[wasm_bindgen_test]
fn the_key_tells_test_fields_from_live_ones() {
    assert!(form().fields.test_mode());
    let (number, expiry, cvc) = (new_input(), new_input(), new_input());
    let live = Fields::new(
        &options(&[("publicKey", "pk_live_abc123".into())]),
        number,
        expiry,
        cvc,
        None,
        Function::new_no_args(""),
    )
    .unwrap();
    assert!(!live.test_mode());
}

#[wasm_bindgen_test]
fn current_reports_the_state_without_announcing() {
    let f = form();
    f.number.set_value("4242 4242 4242 4242");
    let update = f.fields.current();
    assert_eq!(text(&update, &["state", "brand"]).as_deref(), Some("visa"));
    assert_eq!(
        get(&update, &["state", "fields", "number", "complete"]),
        JsValue::TRUE
    );
    assert_eq!(text(&update, &["brandName"]).as_deref(), Some("Visa"));
    assert!(get(&update, &["announcement"]).is_undefined());
}

#[wasm_bindgen_test]
fn the_configuration_sets_brands_language_and_messages() {
    let (number, expiry, cvc) = (new_input(), new_input(), new_input());
    let fields = Fields::new(
        &options(&[
            test_key(),
            ("locale", "fil".into()),
            ("messages", options(&[("invalid_number", "Mali.".into())])),
            (
                "acceptedBrands",
                js_sys::Array::of1(&"american-express".into()).into(),
            ),
        ]),
        number.clone(),
        expiry,
        cvc,
        None,
        Function::new_no_args(""),
    )
    .unwrap();
    assert_eq!(
        text(&fields.texts(), &["labels", "number"]).as_deref(),
        Some("Numero ng card")
    );
    number.focus().unwrap();
    let update = fields.edit(
        FieldId::Number,
        EditKind::Insert,
        Some("378282246310005".into()),
    );
    assert_eq!(
        get(&update, &["state", "fields", "number", "complete"]),
        JsValue::TRUE,
        "American Express accepted"
    );
    fields.clear();
    let update = fields.edit(
        FieldId::Number,
        EditKind::Insert,
        Some("4343434343434345".into()),
    );
    assert_eq!(
        text(&update, &["state", "error", "code"]).as_deref(),
        Some("unsupported_brand"),
        "Visa is not"
    );
    fields.clear();
    let update = fields.edit(FieldId::Number, EditKind::Insert, Some("7777".into()));
    assert_eq!(
        text(&update, &["state", "error", "message"]).as_deref(),
        Some("Mali.")
    );
}

#[wasm_bindgen_test]
fn a_complete_field_moves_on_only_from_its_end() {
    let f = form();
    f.number.focus().unwrap();
    f.fields.edit(
        FieldId::Number,
        EditKind::Insert,
        Some("343434343434345".into()),
    );
    // The first digit typed last: complete, but the caret is not at the end.
    f.number.set_selection_range(0, 0).unwrap();
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("4".into()));
    assert_eq!(f.number.value(), "4343 4343 4343 4345");
    assert_eq!(
        get(&update, &["state", "fields", "number", "complete"]),
        JsValue::TRUE
    );
    assert_eq!(caret(&f.number), 1);
    assert_eq!(get(&update, &["advance"]), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn only_the_focused_input_gets_its_caret_moved() {
    let f = form();
    f.cvc.focus().unwrap();
    f.number.set_value("42424242");
    f.number.set_selection_range(2, 2).unwrap();
    f.fields.input(FieldId::Number);
    assert_eq!(f.number.value(), "4242 4242");
    // Setting the value put the caret at the end; the fields leave it there.
    assert_eq!(caret(&f.number), 9);
    let document = web_sys::window().unwrap().document().unwrap();
    let cvc: &web_sys::Element = f.cvc.as_ref();
    assert_eq!(document.active_element().as_ref(), Some(cvc));
}

#[wasm_bindgen_test]
fn a_problem_not_shown_is_no_change() {
    let f = form();
    f.number.focus().unwrap();
    f.fields.edit(
        FieldId::Number,
        EditKind::Insert,
        Some("411111111111111".into()),
    );
    // Sixteen digits failing the check digit: invalid as it stands, but a Visa number may
    // have 19, so nothing shows yet and the state reported is the same.
    let update = f
        .fields
        .edit(FieldId::Number, EditKind::Insert, Some("2".into()));
    assert_eq!(f.number.value(), "4111 1111 1111 1112");
    let number = get(&update, &["state", "fields", "number"]);
    assert_eq!(get(&number, &["potentiallyValid"]), JsValue::TRUE);
    assert!(get(&number, &["error"]).is_undefined());
    assert_eq!(get(&update, &["changed"]), JsValue::FALSE);
    // A submit attempt would show it.
    let update = f.fields.blur(FieldId::Number);
    assert_eq!(
        text(&update, &["state", "error", "code"]).as_deref(),
        Some("invalid_number")
    );
}

#[wasm_bindgen_test]
fn the_expiry_is_judged_against_this_month() {
    let now = js_sys::Date::new_0();
    let (year, month) = (now.get_full_year(), now.get_month() + 1);
    let (last_year, last_month) = if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    };
    let typed = |m: u32, y: u32| format!("{m:02}{:02}", y % 100);
    let f = form();
    f.expiry.focus().unwrap();
    let update = f
        .fields
        .edit(FieldId::Expiry, EditKind::Insert, Some(typed(month, year)));
    assert_eq!(
        get(&update, &["state", "fields", "expiry", "valid"]),
        JsValue::TRUE,
        "this month"
    );
    f.fields.clear();
    let update = f.fields.edit(
        FieldId::Expiry,
        EditKind::Insert,
        Some(typed(last_month, last_year)),
    );
    assert_eq!(
        text(&update, &["state", "fields", "expiry", "error", "code"]).as_deref(),
        Some("expired"),
        "last month"
    );
}
