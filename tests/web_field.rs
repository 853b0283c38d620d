//! Browser tests of the card field (inline mode), run by wasm-bindgen-test in headless Chromium
//! and headless Firefox: typing, deleting and pasting with the caret asserted, events and their
//! payloads, destroy and remount, key rules, and real round trips to the sandbox (started by
//! `npm test` at `SEALCARD_TEST_API`), its fault injection included.
#![cfg(all(target_arch = "wasm32", feature = "widget"))]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use sealcard::web::{mount_card_field, CardField};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    Document, Element, Event, HtmlElement, HtmlInputElement, InputEvent, InputEventInit,
    KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// The sandbox's API base; `npm test` starts it there (with `--cors-loopback`).
const API: &str = match option_env!("SEALCARD_TEST_API") {
    Some(url) => url,
    None => "http://127.0.0.1:18092/v1",
};

fn doc() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn at(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |o, k| get(&o, k))
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("set");
    }
    o.into()
}

fn config(key: &str) -> JsValue {
    obj(&[("publicKey", key.into()), ("apiBase", API.into())])
}

/// A fresh mount target in the body.
fn target() -> Element {
    let el = doc().create_element("div").expect("div");
    doc()
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el
}

fn mount(key: &str) -> (Element, CardField) {
    let t = target();
    let field = mount_card_field(t.clone().into(), config(key), JsValue::UNDEFINED).expect("mount");
    (t, field)
}

fn input(t: &Element, name: &str) -> HtmlInputElement {
    t.query_selector(&format!(".sealcard-{name} input"))
        .expect("query")
        .expect("input")
        .dyn_into()
        .expect("input element")
}

fn caret(i: &HtmlInputElement) -> u32 {
    i.selection_start().ok().flatten().expect("caret")
}

/// Dispatches a `beforeinput` as a keyboard, paste or delete would; returns whether the field
/// handled it (prevented the browser's default).
fn before_input(i: &HtmlInputElement, input_type: &str, data: Option<&str>) -> bool {
    let init = InputEventInit::new();
    init.set_input_type(input_type);
    init.set_data(data);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = InputEvent::new_with_event_init_dict("beforeinput", &init).expect("event");
    !i.dispatch_event(&ev).expect("dispatch")
}

/// Types `text` one character at a time at the caret, as a keyboard does: `beforeinput`, and
/// when the field does not handle it, the browser's own insertion followed by `input`.
fn type_text(i: &HtmlInputElement, text: &str) {
    i.focus().expect("focus");
    for c in text.chars() {
        let s = c.to_string();
        if !before_input(i, "insertText", Some(&s)) {
            let value: Vec<u16> = i.value().encode_utf16().collect();
            let start = i.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = i.selection_end().ok().flatten().unwrap_or(0) as usize;
            let mut next = String::from_utf16_lossy(&value[..start]);
            next.push(c);
            let caret = next.encode_utf16().count() as u32;
            next.push_str(&String::from_utf16_lossy(&value[end..]));
            i.set_value(&next);
            i.set_selection_range(caret, caret).expect("caret");
            let init = InputEventInit::new();
            init.set_input_type("insertText");
            init.set_data(Some(&s));
            init.set_bubbles(true);
            let ev = InputEvent::new_with_event_init_dict("input", &init).expect("event");
            i.dispatch_event(&ev).expect("dispatch");
        }
    }
}

fn select(i: &HtmlInputElement, start: u32, end: u32) {
    i.focus().expect("focus");
    i.set_selection_range(start, end).expect("select");
}

/// Records the payloads of an event.
fn record(field: &CardField, event: &str) -> Rc<RefCell<Vec<JsValue>>> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = log.clone();
    let f = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| sink.borrow_mut().push(v));
    field
        .on(event, f.as_ref().unchecked_ref::<Function>().clone())
        .expect("on");
    f.forget();
    log
}

async fn tick(ms: i32) {
    let p = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timeout");
    });
    JsFuture::from(p).await.expect("tick");
}

#[wasm_bindgen_test]
async fn mounts_accessible_inputs_and_fires_ready() {
    let (t, field) = mount("pk_test_sandbox");
    let ready = record(&field, "ready");
    for (name, autocomplete) in [
        ("number", "cc-number"),
        ("expiry", "cc-exp"),
        ("cvc", "cc-csc"),
    ] {
        let i = input(&t, name);
        assert_eq!(
            i.get_attribute("autocomplete").as_deref(),
            Some(autocomplete)
        );
        assert_eq!(i.get_attribute("inputmode").as_deref(), Some("numeric"));
        assert!(i.get_attribute("pattern").is_none());
        assert!(
            i.get_attribute("name").is_none(),
            "no name: a form never posts the card"
        );
        let label = t
            .query_selector(&format!("label[for='{}']", i.id()))
            .expect("q")
            .expect("label");
        assert!(!label.text_content().unwrap_or_default().is_empty());
        let described = i.get_attribute("aria-describedby").expect("describedby");
        assert!(doc().get_element_by_id(&described).is_some());
        assert_eq!(i.get_attribute("aria-invalid").as_deref(), Some("false"));
    }
    let live = t
        .query_selector("[role=status]")
        .expect("q")
        .expect("live region");
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    tick(0).await;
    assert_eq!(ready.borrow().len(), 1);
    field.destroy();
}

#[wasm_bindgen_test]
fn typing_formats_with_the_caret_kept() {
    let (t, field) = mount("pk_test_sandbox");
    let n = input(&t, "number");
    type_text(&n, "42424242");
    assert_eq!((n.value(), caret(&n)), ("4242 4242".into(), 9));
    // Insert in the middle: the caret stays after the typed digit.
    select(&n, 4, 4);
    type_text(&n, "1");
    assert_eq!((n.value(), caret(&n)), ("4242 1424 2".into(), 6));
    // Backspace right after a gap deletes the digit before the gap.
    select(&n, 5, 5);
    assert!(before_input(&n, "deleteContentBackward", None));
    assert_eq!((n.value(), caret(&n)), ("4241 4242".into(), 3));
    // Delete right before a gap deletes the digit after it.
    select(&n, 4, 4);
    assert!(before_input(&n, "deleteContentForward", None));
    assert_eq!((n.value(), caret(&n)), ("4241 242".into(), 4));
    // Select and overwrite.
    select(&n, 0, 8);
    type_text(&n, "3");
    assert_eq!((n.value(), caret(&n)), ("3".into(), 1));
    // Paste a formatted Amex: Amex gaps, cut at 15 digits.
    select(&n, 0, 1);
    assert!(before_input(
        &n,
        "insertFromPaste",
        Some("3782-822463-10005-999")
    ));
    assert_eq!((n.value(), caret(&n)), ("3782 822463 10005".into(), 17));
    field.destroy();
}

#[wasm_bindgen_test]
fn expiry_and_cvc_format_as_typed() {
    let (t, field) = mount("pk_test_sandbox");
    let e = input(&t, "expiry");
    type_text(&e, "4");
    assert_eq!((e.value(), caret(&e)), ("04 / ".into(), 5));
    assert!(before_input(&e, "deleteContentBackward", None));
    assert_eq!(e.value(), "0");
    select(&e, 0, 1);
    assert!(before_input(&e, "insertFromPaste", Some("12/2040")));
    assert_eq!(e.value(), "12 / 40");
    // Autofill or IME: the value changes first, then `input`; the field reformats.
    let c = input(&t, "cvc");
    c.focus().expect("focus");
    c.set_value("12a34");
    c.dispatch_event(&Event::new("input").expect("event"))
        .expect("dispatch");
    assert_eq!(c.value(), "1234", "4 digits while no brand is known");
    let n = input(&t, "number");
    n.set_value("4242424242424242");
    n.dispatch_event(&Event::new("input").expect("event"))
        .expect("dispatch");
    assert_eq!(n.value(), "4242 4242 4242 4242");
    c.set_value("1234");
    c.dispatch_event(&Event::new("input").expect("event"))
        .expect("dispatch");
    assert_eq!(c.value(), "123", "Visa codes have 3 digits");
    field.destroy();
}

#[wasm_bindgen_test]
fn change_events_carry_the_state() {
    let (t, field) = mount("pk_test_sandbox");
    let changes = record(&field, "change");
    let n = input(&t, "number");
    type_text(&n, "4343434343434345");
    let last = changes.borrow().last().cloned().expect("a change");
    assert_eq!(get(&last, "brand").as_string().as_deref(), Some("visa"));
    assert_eq!(
        at(&last, &["fields", "number", "complete"]).as_bool(),
        Some(true)
    );
    assert_eq!(get(&last, "complete").as_bool(), Some(false));
    assert!(get(&last, "error").is_undefined());
    // Auto-advance: a complete number moves focus to the expiry.
    assert_eq!(doc().active_element(), Some(input(&t, "expiry").into()));
    type_text(&input(&t, "expiry"), "1240");
    assert_eq!(doc().active_element(), Some(input(&t, "cvc").into()));
    type_text(&input(&t, "cvc"), "123");
    let last = changes.borrow().last().cloned().expect("a change");
    assert_eq!(get(&last, "complete").as_bool(), Some(true));
    assert_eq!(get(&last, "empty").as_bool(), Some(false));
    let root: HtmlElement = t
        .first_element_child()
        .expect("root")
        .dyn_into()
        .expect("html");
    assert!(root.class_list().contains("is-complete"));
    // A hopeless number shows its error at once, on the field and in the payload.
    field.clear();
    type_text(&n, "7777");
    let last = changes.borrow().last().cloned().expect("a change");
    assert_eq!(
        at(&last, &["error", "code"]).as_string().as_deref(),
        Some("invalid_number")
    );
    assert_eq!(
        at(&last, &["error", "type"]).as_string().as_deref(),
        Some("validation_error")
    );
    assert_eq!(n.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(root.class_list().contains("is-invalid"));
    let error_text = doc()
        .get_element_by_id(&n.get_attribute("aria-describedby").expect("id"))
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert_eq!(error_text, "Your card number is invalid.");
    assert_eq!(get(&field.get_state(), "complete").as_bool(), Some(false));
    field.destroy();
}

#[wasm_bindgen_test]
fn unsupported_brand_and_filipino_messages() {
    let t = target();
    let cfg = obj(&[
        ("publicKey", "pk_test_sandbox".into()),
        ("apiBase", API.into()),
        ("locale", "fil".into()),
        (
            "messages",
            obj(&[("invalid_cvc", "Custom CVC text".into())]),
        ),
    ]);
    let field = mount_card_field(t.clone().into(), cfg, JsValue::UNDEFINED).expect("mount");
    let n = input(&t, "number");
    type_text(&n, "378282246310005");
    let state = field.get_state();
    assert_eq!(
        at(&state, &["fields", "number", "error", "code"])
            .as_string()
            .as_deref(),
        Some("unsupported_brand")
    );
    assert_eq!(
        at(&state, &["error", "message"]).as_string().as_deref(),
        Some("Hindi tinatanggap ang ganitong uri ng card. Gumamit ng ibang card.")
    );
    let c = input(&t, "cvc");
    type_text(&c, "12345");
    assert_eq!(c.value(), "1234", "cut at the brand's code length");
    c.blur().expect("blur");
    let state = field.get_state();
    assert_eq!(
        at(&state, &["fields", "cvc", "valid"]).as_bool(),
        Some(true)
    );
    let label = t
        .query_selector(".sealcard-number label")
        .expect("q")
        .expect("label");
    assert_eq!(label.text_content().as_deref(), Some("Numero ng card"));
    field
        .update(obj(&[("locale", "en".into())]))
        .expect("update");
    assert_eq!(label.text_content().as_deref(), Some("Card number"));
    field.destroy();
}

#[wasm_bindgen_test]
fn focus_blur_and_enter_submit() {
    let (t, field) = mount("pk_test_sandbox");
    let focus = record(&field, "focus");
    let blur = record(&field, "blur");
    let submit = record(&field, "submit");
    field.focus(Some("cvc".into())).expect("focus");
    assert_eq!(doc().active_element(), Some(input(&t, "cvc").into()));
    field.focus(None).expect("focus");
    assert_eq!(focus.borrow().len(), 2);
    assert_eq!(
        get(&focus.borrow()[0], "field").as_string().as_deref(),
        Some("cvc")
    );
    assert_eq!(
        get(&blur.borrow()[0], "field").as_string().as_deref(),
        Some("cvc")
    );
    let init = KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("key");
    input(&t, "number").dispatch_event(&ev).expect("dispatch");
    assert_eq!(submit.borrow().len(), 1);
    assert!(
        field.focus(Some("pin".into())).is_err(),
        "unknown field is a TypeError"
    );
    assert!(field.on("nope", Function::new_no_args("")).is_err());
    field.destroy();
}

#[wasm_bindgen_test]
fn destroy_and_remount_twice_leave_nothing_behind() {
    let sheets = || Array::from(&get(&doc(), "adoptedStyleSheets")).length();
    let before = sheets();
    let t = target();
    for _ in 0..2 {
        let f1 = mount_card_field(
            t.clone().into(),
            config("pk_test_sandbox"),
            JsValue::UNDEFINED,
        )
        .expect("mount");
        f1.destroy();
        f1.destroy();
        let f2 = mount_card_field(
            t.clone().into(),
            config("pk_test_sandbox"),
            JsValue::UNDEFINED,
        )
        .expect("mount");
        assert_eq!(t.child_element_count(), 1);
        let changes = record(&f2, "change");
        type_text(&input(&t, "number"), "4");
        assert_eq!(changes.borrow().len(), 1, "one live field answers");
        f2.destroy();
    }
    assert_eq!(t.child_element_count(), 0);
    assert_eq!(sheets(), before);
}

fn error_code_of_throw(r: Result<CardField, JsValue>) -> String {
    let e = r.err().expect("throws");
    assert_eq!(
        get(&e, "type").as_string().as_deref(),
        Some("configuration_error")
    );
    get(&e, "code").as_string().expect("code")
}

#[wasm_bindgen_test]
fn key_and_endpoint_rules() {
    let mount_with = |key: &str, base: &str| {
        mount_card_field(
            target().into(),
            obj(&[("publicKey", key.into()), ("apiBase", base.into())]),
            JsValue::UNDEFINED,
        )
    };
    assert_eq!(
        error_code_of_throw(mount_with("sk_test_sandbox", API)),
        "secret_key_forbidden"
    );
    let e = mount_with("sk_live_SECRET123", API).err().expect("throws");
    assert!(!get(&e, "message")
        .as_string()
        .unwrap_or_default()
        .contains("SECRET123"));
    assert_eq!(
        error_code_of_throw(mount_with("pk_nope", API)),
        "invalid_public_key"
    );
    assert_eq!(
        error_code_of_throw(mount_with("pk_test_sandbox", "http://example.com/v1")),
        "insecure_endpoint"
    );
    assert_eq!(
        error_code_of_throw(mount_with("pk_test_sandbox", "not a url")),
        "invalid_api_base"
    );
    // Live keys need an https: API even on a secure page (the test page, on loopback, is one).
    assert_eq!(
        error_code_of_throw(mount_with("pk_live_abc", API)),
        "insecure_endpoint"
    );
}

// ---- Round trips to the sandbox (started by `npm test` with --cors-loopback). ----

/// The sandbox's origin, from the API base.
fn api_origin() -> String {
    API.trim_end_matches("/v1").to_string()
}

/// Calls the sandbox: `method path` with a JSON body and an optional key.
async fn call(
    method: &str,
    path: &str,
    body: Option<JsValue>,
    key: Option<&str>,
) -> (u16, JsValue) {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().expect("headers");
    if let Some(b) = body {
        headers
            .set("content-type", "application/json")
            .expect("header");
        init.set_body(&js_sys::JSON::stringify(&b).expect("json").into());
    }
    if let Some(k) = key {
        let auth = web_sys::window()
            .expect("window")
            .btoa(&format!("{k}:"))
            .expect("btoa");
        headers
            .set("authorization", &format!("Basic {auth}"))
            .expect("header");
    }
    init.set_headers(&headers);
    let url = format!("{}{path}", api_origin());
    let request = web_sys::Request::new_with_str_and_init(&url, &init).expect("request");
    let response: web_sys::Response = JsFuture::from(
        web_sys::window()
            .expect("window")
            .fetch_with_request(&request),
    )
    .await
    .expect("fetch")
    .dyn_into()
    .expect("response");
    let status = response.status();
    let text = JsFuture::from(response.text().expect("text"))
        .await
        .expect("body");
    let json = js_sys::JSON::parse(&text.as_string().unwrap_or_default()).unwrap_or(JsValue::NULL);
    (status, json)
}

async fn fault(spec: JsValue) {
    let (status, _) = call("POST", "/__admin/faults", Some(spec), None).await;
    assert!(status < 300, "fault armed");
}

async fn tokenizations() -> f64 {
    get(
        &call("GET", "/__admin/stats", None, None).await.1,
        "tokenizations",
    )
    .as_f64()
    .expect("count")
}

async fn requests() -> f64 {
    get(
        &call("GET", "/__admin/stats", None, None).await.1,
        "requests",
    )
    .as_f64()
    .expect("count")
}

/// A mounted field with a complete card typed in.
fn filled(key: &str, number: &str, extra: &[(&str, JsValue)]) -> (Element, CardField) {
    let t = target();
    let mut pairs = vec![("publicKey", JsValue::from(key)), ("apiBase", API.into())];
    pairs.extend(extra.iter().cloned());
    let field = mount_card_field(t.clone().into(), obj(&pairs), JsValue::UNDEFINED).expect("mount");
    type_text(&input(&t, "number"), number);
    type_text(&input(&t, "expiry"), "1240");
    type_text(&input(&t, "cvc"), "123");
    assert_eq!(get(&field.get_state(), "complete").as_bool(), Some(true));
    (t, field)
}

async fn tokenize(field: &CardField) -> JsValue {
    JsFuture::from(field.create_payment_method(JsValue::UNDEFINED))
        .await
        .expect("never rejects")
}

#[wasm_bindgen_test]
async fn tokenizes_against_the_sandbox_and_clears() {
    let (t, field) = filled("pk_test_sandbox", "4343434343434345", &[]);
    let before = tokenizations().await;
    let r = tokenize(&field).await;
    let pm = get(&r, "paymentMethod");
    assert!(
        get(&pm, "id")
            .as_string()
            .unwrap_or_default()
            .starts_with("pm_"),
        "{r:?}"
    );
    assert_eq!(get(&pm, "brand").as_string().as_deref(), Some("visa"));
    assert_eq!(get(&pm, "last4").as_string().as_deref(), Some("4345"));
    assert_eq!(get(&pm, "expMonth").as_f64(), Some(12.0));
    assert_eq!(get(&pm, "expYear").as_f64(), Some(2040.0));
    assert_eq!(get(&pm, "livemode").as_bool(), Some(false));
    assert_eq!(tokenizations().await - before, 1.0);
    assert_eq!(input(&t, "number").value(), "", "cleared after success");
    assert_eq!(input(&t, "cvc").value(), "");
    field.destroy();
}

#[wasm_bindgen_test]
async fn calls_in_flight_share_one_promise_and_one_request() {
    let (_t, field) = filled("pk_test_sandbox", "5555444444444457", &[]);
    fault(obj(&[
        ("endpoint", "payment_methods".into()),
        ("kind", "latency".into()),
        ("latency_ms", 300.into()),
    ]))
    .await;
    let before = tokenizations().await;
    let a = field.create_payment_method(JsValue::UNDEFINED);
    let b = field.create_payment_method(JsValue::UNDEFINED);
    assert!(Object::is(&a, &b), "the same promise");
    let (ra, rb) = (
        JsFuture::from(a).await.expect("a"),
        JsFuture::from(b).await.expect("b"),
    );
    assert!(Object::is(&ra, &rb));
    assert!(get(&ra, "paymentMethod").is_object());
    assert_eq!(tokenizations().await - before, 1.0, "one payment method");
    field.destroy();
}

/// Arms `spec` on payment_methods, tokenizes, and checks the error code, its retryable flag,
/// that the shopper's input stayed, and that a retry then succeeds.
async fn fault_case(
    spec: &[(&str, JsValue)],
    code: &str,
    retryable: bool,
    extra: &[(&str, JsValue)],
) -> JsValue {
    let (t, field) = filled("pk_test_sandbox", "4343434343434345", extra);
    let mut pairs = vec![("endpoint", JsValue::from("payment_methods"))];
    pairs.extend(spec.iter().cloned());
    fault(obj(&pairs)).await;
    let r = tokenize(&field).await;
    let e = get(&r, "error");
    assert_eq!(get(&e, "code").as_string().as_deref(), Some(code), "{r:?}");
    assert_eq!(get(&e, "retryable").as_bool(), Some(retryable), "{code}");
    assert!(get(&e, "message")
        .as_string()
        .is_some_and(|m| !m.is_empty() && !m.contains("4343")));
    assert_eq!(
        input(&t, "number").value(),
        "4343 4343 4343 4345",
        "{code}: input kept"
    );
    assert_eq!(input(&t, "cvc").value(), "123");
    // The next attempt goes through.
    let again = tokenize(&field).await;
    assert!(
        get(&again, "paymentMethod").is_object(),
        "{code}: retry succeeds: {again:?}"
    );
    field.destroy();
    e
}

#[wasm_bindgen_test]
async fn every_error_maps_to_its_code() {
    fault_case(&[("kind", "status_500".into())], "server_error", true, &[]).await;
    fault_case(&[("kind", "status_502".into())], "server_error", true, &[]).await;
    fault_case(&[("kind", "drop".into())], "network_error", true, &[]).await;
    fault_case(
        &[("kind", "status".into()), ("status", 429.into())],
        "rate_limited",
        true,
        &[],
    )
    .await;
    let e = fault_case(
        &[("kind", "status".into()), ("status", 401.into())],
        "authentication_failed",
        false,
        &[],
    )
    .await;
    assert_eq!(get(&e, "type").as_string().as_deref(), Some("api_error"));
    let e = fault_case(
        &[("kind", "status".into()), ("status", 404.into())],
        "api_error",
        false,
        &[],
    )
    .await;
    assert_eq!(
        get(&e, "apiCode").as_string().as_deref(),
        Some("resource_not_found")
    );
    fault_case(
        &[("kind", "latency".into()), ("latency_ms", 1500.into())],
        "timeout",
        true,
        &[("timeout", 300.into())],
    )
    .await;
}

#[wasm_bindgen_test]
async fn field_errors_from_the_api_land_on_their_field() {
    for (attribute, code, field_name) in [
        ("card_number", "invalid_number", "number"),
        ("expired", "expired", "expiry"),
        ("exp_month", "invalid_expiry", "expiry"),
        ("cvc", "invalid_cvc", "cvc"),
    ] {
        let (t, field) = filled("pk_test_sandbox", "4343434343434345", &[]);
        fault(obj(&[
            ("endpoint", "payment_methods".into()),
            ("kind", "status".into()),
            ("attribute", attribute.into()),
        ]))
        .await;
        let r = tokenize(&field).await;
        let e = get(&r, "error");
        assert_eq!(
            get(&e, "code").as_string().as_deref(),
            Some(code),
            "{attribute}"
        );
        assert_eq!(get(&e, "field").as_string().as_deref(), Some(field_name));
        assert!(get(&e, "apiCode").as_string().is_some());
        let state = field.get_state();
        assert_eq!(
            at(&state, &["fields", field_name, "error", "code"])
                .as_string()
                .as_deref(),
            Some(code)
        );
        let i = input(&t, field_name);
        assert_eq!(i.get_attribute("aria-invalid").as_deref(), Some("true"));
        assert!(!i.value().is_empty(), "input kept");
        field.destroy();
    }
}

#[wasm_bindgen_test]
async fn malformed_answer_then_retry_reuses_the_idempotency_key() {
    let (_t, field) = filled("pk_test_sandbox", "4343434343434345", &[]);
    // The sandbox creates the payment method, then answers with a cut body.
    fault(obj(&[
        ("endpoint", "payment_methods".into()),
        ("kind", "malformed".into()),
    ]))
    .await;
    let before = tokenizations().await;
    let r = tokenize(&field).await;
    assert_eq!(
        at(&r, &["error", "code"]).as_string().as_deref(),
        Some("invalid_response")
    );
    // The retry of the same attempt replays the first result: still one payment method.
    let again = tokenize(&field).await;
    assert!(get(&again, "paymentMethod").is_object(), "{again:?}");
    assert_eq!(
        tokenizations().await - before,
        1.0,
        "exactly one payment method"
    );
    field.destroy();
}

#[wasm_bindgen_test]
async fn an_unknown_key_gets_401_and_a_secret_key_makes_no_request() {
    let (_t, field) = filled("pk_test_nobody", "4343434343434345", &[]);
    let r = tokenize(&field).await;
    assert_eq!(
        at(&r, &["error", "code"]).as_string().as_deref(),
        Some("authentication_failed")
    );
    field.destroy();

    let before = requests().await;
    let refused = mount_card_field(
        target().into(),
        config("sk_test_sandbox"),
        JsValue::UNDEFINED,
    );
    assert_eq!(error_code_of_throw(refused), "secret_key_forbidden");
    // Only the stats call itself was made.
    assert_eq!(
        requests().await - before,
        1.0,
        "no request for a secret key"
    );
}

#[wasm_bindgen_test]
async fn incomplete_input_makes_no_request_and_shows_errors() {
    let t = target();
    let field = mount_card_field(
        t.clone().into(),
        config("pk_test_sandbox"),
        JsValue::UNDEFINED,
    )
    .expect("mount");
    type_text(&input(&t, "number"), "4343");
    let before = requests().await;
    let r = tokenize(&field).await;
    assert_eq!(
        at(&r, &["error", "code"]).as_string().as_deref(),
        Some("incomplete_number")
    );
    assert_eq!(
        at(&r, &["error", "type"]).as_string().as_deref(),
        Some("validation_error")
    );
    assert_eq!(requests().await - before, 1.0, "no request");
    // The submit attempt shows every field's error.
    assert_eq!(
        input(&t, "expiry").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    field.destroy();
}

async fn intent() -> String {
    let body = obj(&[(
        "data",
        obj(&[(
            "attributes",
            obj(&[
                ("amount", 149900.into()),
                ("currency", "PHP".into()),
                ("payment_method_allowed", Array::of1(&"card".into()).into()),
            ]),
        )]),
    )]);
    let (status, json) = call(
        "POST",
        "/v1/payment_intents",
        Some(body),
        Some("sk_test_sandbox"),
    )
    .await;
    assert_eq!(status, 200);
    at(&json, &["data", "attributes", "client_key"])
        .as_string()
        .expect("client key")
}

async fn confirm(field: &CardField, client_key: &str) -> JsValue {
    JsFuture::from(field.confirm_payment(
        client_key.into(),
        obj(&[("returnUrl", "http://localhost/done".into())]),
    ))
    .await
    .expect("never rejects")
}

#[wasm_bindgen_test]
async fn confirm_payment_pays_declines_and_hands_over_3ds() {
    let (t, field) = filled("pk_test_sandbox", "4343434343434345", &[]);
    let key = intent().await;
    let r = confirm(&field, &key).await;
    assert_eq!(
        get(&r, "status").as_string().as_deref(),
        Some("succeeded"),
        "{r:?}"
    );
    assert_eq!(
        get(&r, "paymentIntentId").as_string(),
        key.split("_client_").next().map(str::to_string)
    );
    assert_eq!(input(&t, "number").value(), "", "cleared after payment");
    field.destroy();

    let (t, field) = filled("pk_test_sandbox", "5100000000000198", &[]);
    let r = confirm(&field, &intent().await).await;
    let e = get(&r, "error");
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("card_declined"),
        "{r:?}"
    );
    assert_eq!(
        get(&e, "apiCode").as_string().as_deref(),
        Some("insufficient_funds")
    );
    assert!(get(&e, "message")
        .as_string()
        .unwrap_or_default()
        .contains("insufficient funds"));
    assert_eq!(
        input(&t, "number").value(),
        "5100 0000 0000 0198",
        "kept to try again"
    );
    field.destroy();

    let (_t, field) = filled("pk_test_sandbox", "4120000000000007", &[]);
    let r = confirm(&field, &intent().await).await;
    assert_eq!(
        get(&r, "status").as_string().as_deref(),
        Some("awaiting_next_action"),
        "{r:?}"
    );
    assert!(at(&r, &["nextAction", "url"])
        .as_string()
        .unwrap_or_default()
        .contains("/3ds/"));
    let r = confirm(&field, "not-a-client-key").await;
    assert_eq!(
        at(&r, &["error", "code"]).as_string().as_deref(),
        Some("invalid_client_key")
    );
    field.destroy();
}
