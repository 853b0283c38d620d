//! Browser tests of the card fields' payment flows (`src/fields/pay.rs` and the transport,
//! `src/fields/transport.rs`), run by wasm-bindgen-test in headless Chromium and headless
//! Firefox against the sandbox (`sealcard-sandbox`): real requests and PayMongo's answers, and
//! the sandbox's faults — an HTTP error, a body cut short, a dropped connection, a late answer —
//! armed through its admin API. A wrapper of the page's `fetch` keeps a copy of each request, so
//! the tests read what was sent (the key, the `Idempotency-Key`, the body); in the cases no
//! sandbox fault gives — an answer that breaks off mid-body, a live-mode answer, an intent read
//! while the bank's page is still open — it answers in the sandbox's place. The sandbox's API
//! base comes at compile time in `SEALCARD_TEST_API`: `scripts/with-sandbox.mjs` starts a
//! sandbox and sets it (npm test and `npm run mutants -- --browser` run the wasm tests through
//! it). Without it every test here fails and says so.
#![cfg(all(target_arch = "wasm32", feature = "fields"))]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, JSON};
use sealcard::fields::{EditKind, FieldId, Fields};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Headers, HtmlInputElement, RequestInit, Response};

mod page;

use page::{get, new_input, options, text};

wasm_bindgen_test_configure!(run_in_browser);

const PUBLIC_KEY: &str = "pk_test_sandbox";
const SECRET_KEY: &str = "sk_test_sandbox";
/// Visa, succeeds.
const PAYS: &str = "4343434343434345";
/// A security code that appears in no other value of the tests.
const CVC: &str = "987";

/// The sandbox's API base, `http://localhost:<port>/v1`.
fn api() -> &'static str {
    match option_env!("SEALCARD_TEST_API") {
        Some(api) if !api.is_empty() => api,
        _ => panic!(
            "SEALCARD_TEST_API was not set when this suite was compiled: it needs a sandbox's \
             API base; run it through `node scripts/with-sandbox.mjs cargo test …`"
        ),
    }
}

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn number(v: &JsValue, path: &[&str]) -> Option<f64> {
    get(v, path).as_f64()
}

fn json(v: &JsValue) -> String {
    JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A promise that settles after `ms` milliseconds.
fn sleep(ms: i32) -> JsFuture {
    JsFuture::from(Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    }))
}

/// Waits until `done` holds (the fields act in a later task); fails naming `what` if it never
/// does.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        sleep(10).await.unwrap();
    }
    panic!("never happened: {what}");
}

/// A call to the sandbox at `path` (under its origin), with a JSON `body` and Basic `key`:
/// the status and the JSON answer (`null` when none).
async fn call(method: &str, path: &str, body: Option<&str>, key: Option<&str>) -> (u16, JsValue) {
    let origin = api().strip_suffix("/v1").unwrap_or(api());
    let url = format!("{origin}{path}");
    let init = RequestInit::new();
    init.set_method(method);
    let headers = Headers::new().unwrap();
    if let Some(body) = body {
        headers.set("Content-Type", "application/json").unwrap();
        init.set_body(&JsValue::from_str(body));
    }
    if let Some(key) = key {
        let basic = window().btoa(&format!("{key}:")).unwrap();
        headers
            .set("Authorization", &format!("Basic {basic}"))
            .unwrap();
    }
    init.set_headers(&headers);
    let response: Response = JsFuture::from(window().fetch_with_str_and_init(&url, &init))
        .await
        .unwrap_or_else(|e| {
            panic!("the sandbox does not answer {method} {url} ({e:?}): is it running?")
        })
        .unchecked_into();
    let status = response.status();
    let body = JsFuture::from(response.text().unwrap()).await.unwrap();
    let parsed = JSON::parse(&body.as_string().unwrap_or_default()).unwrap_or(JsValue::NULL);
    (status, parsed)
}

/// Forgets the sandbox's objects, faults and counters, and any answer queued by a test that
/// failed before its requests: each test starts from nothing.
async fn reset() {
    let (status, _) = call("POST", "/__admin/reset", None, None).await;
    assert_eq!(status, 204, "sandbox reset");
    take_sent().await;
    Reflect::set(
        &js_sys::global(),
        &"nextAnswers".into(),
        &js_sys::Array::new(),
    )
    .unwrap();
}

/// Arms a fault (`POST /__admin/faults`): the next call of `endpoint` gets it.
async fn fault(spec: &str) {
    let (status, answer) = call("POST", "/__admin/faults", Some(spec), None).await;
    assert!(status < 300, "fault {spec} armed: {}", json(&answer));
}

/// The payment methods the sandbox made (a replayed answer makes none).
async fn tokenizations() -> f64 {
    let (_, stats) = call("GET", "/__admin/stats", None, None).await;
    number(&stats, &["tokenizations"]).expect("tokenizations counted")
}

/// A Payment Intent for ₱1,499.00 by card, made with the secret key: its client key.
async fn intent() -> String {
    let body = r#"{"data":{"attributes":{"amount":149900,"currency":"PHP","payment_method_allowed":["card"]}}}"#;
    let (status, answer) = call("POST", "/v1/payment_intents", Some(body), Some(SECRET_KEY)).await;
    assert_eq!(status, 200, "{}", json(&answer));
    text(&answer, &["data", "attributes", "client_key"]).expect("client key")
}

/// The status of the intent of `client_key`, read with the secret key.
async fn intent_status(client_key: &str) -> Option<String> {
    let id = client_key.split("_client_").next().unwrap_or_default();
    let path = format!("/v1/payment_intents/{id}");
    let (_, answer) = call("GET", &path, None, Some(SECRET_KEY)).await;
    text(&answer, &["data", "attributes", "status"])
}

/// A request the page sent, as the server got it.
#[derive(Debug)]
struct Sent {
    method: String,
    url: String,
    authorization: Option<String>,
    idempotency_key: Option<String>,
    content_type: Option<String>,
    accept: Option<String>,
    credentials: String,
    cache: String,
    /// The body, parsed (`null` when none).
    body: JsValue,
}

/// The requests the page sent since the last call (the fields' and the helpers' alike): a
/// wrapper of `fetch`, installed once, keeps a copy of each before sending it on — or, once,
/// answers it itself with the next of `globalThis.nextAnswers` a test queued.
async fn take_sent() -> Vec<Sent> {
    let take = Function::new_no_args(
        "if (!globalThis.sentRequests) {
           const send = globalThis.fetch;
           globalThis.sentRequests = [];
                      globalThis.fetch = function (input, init) {
             const request = input instanceof Request && !init ? input : new Request(input, init);
             globalThis.sentRequests.push(request.clone());
                          const answer = (globalThis.nextAnswers ??= []).shift();
             return answer ? Promise.resolve(answer()) : send.call(globalThis, request);
           };
         }
         return globalThis.sentRequests.splice(0);",
    );
    let requests: js_sys::Array = take.call0(&JsValue::UNDEFINED).unwrap().unchecked_into();
    let mut sent = Vec::new();
    for request in requests.iter() {
        let request: web_sys::Request = request.unchecked_into();
        let headers = request.headers();
        let body = JsFuture::from(request.text().unwrap()).await.unwrap();
        let body = body.as_string().unwrap_or_default();
        sent.push(Sent {
            method: request.method(),
            url: request.url(),
            authorization: headers.get("Authorization").unwrap(),
            idempotency_key: headers.get("Idempotency-Key").unwrap(),
            content_type: headers.get("Content-Type").unwrap(),
            accept: headers.get("Accept").unwrap(),
            credentials: text(&request, &["credentials"]).unwrap_or_default(),
            cache: text(&request, &["cache"]).unwrap_or_default(),
            body: JSON::parse(&body).unwrap_or(JsValue::NULL),
        });
    }
    sent
}

/// A request to come is answered with what the JS function `answer` returns, not sent (the
/// answers queued, one per request, in order).
fn answer_next(answer: &str) {
    let set = Function::new_with_args("answer", "(globalThis.nextAnswers ??= []).push(answer);");
    let answer = js_sys::eval(&format!("({answer})")).unwrap();
    set.call1(&JsValue::UNDEFINED, &answer).unwrap();
}

/// The one request the fields sent since the last [`take_sent`].
async fn sent_one() -> Sent {
    let mut sent = take_sent().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    sent.remove(0)
}

/// `Basic base64("<key>:")`.
fn basic(key: &str) -> String {
    format!("Basic {}", window().btoa(&format!("{key}:")).unwrap())
}

struct Form {
    fields: Fields,
    number: HtmlInputElement,
    expiry: HtmlInputElement,
    cvc: HtmlInputElement,
    name: HtmlInputElement,
    /// What the fields rendered after a request, in order.
    renders: Rc<RefCell<Vec<JsValue>>>,
}

impl Form {
    fn type_in(&self, field: FieldId, typed: &str) {
        let input = match field {
            FieldId::Number => &self.number,
            FieldId::Expiry => &self.expiry,
            FieldId::Cvc => &self.cvc,
            FieldId::Name => &self.name,
        };
        input.focus().unwrap();
        if field == FieldId::Name {
            input.set_value(typed);
            self.fields.input(field);
        } else {
            self.fields
                .edit(field, EditKind::Insert, Some(typed.into()));
        }
    }

    async fn create(&self, options: JsValue) -> JsValue {
        let result = JsFuture::from(self.fields.create_payment_method(options)).await;
        result.expect("createPaymentMethod never rejects")
    }

    async fn confirm(&self, client_key: &str, options: JsValue) -> JsValue {
        let promise =
            self.fields
                .confirm_payment(client_key.into(), options, "http://localhost/page".into());
        JsFuture::from(promise)
            .await
            .expect("confirmPayment never rejects")
    }

    fn shows_error(&self) -> Option<String> {
        text(&self.fields.state(), &["error", "code"])
    }
}

impl Drop for Form {
    fn drop(&mut self) {
        self.fields.destroy();
        for input in [&self.number, &self.expiry, &self.cvc, &self.name] {
            input.remove();
        }
    }
}

/// Fields of the sandbox's API with `extra` options, a name field, and a render function
/// that records.
fn form_with(extra: &[(&str, JsValue)]) -> Form {
    let (number, expiry, cvc, name) = (new_input(), new_input(), new_input(), new_input());
    let mut pairs = vec![("publicKey", PUBLIC_KEY.into()), ("apiBase", api().into())];
    pairs.extend(extra.iter().cloned());
    let renders = Rc::new(RefCell::new(Vec::new()));
    let seen = renders.clone();
    let render: Function = Closure::<dyn Fn(JsValue)>::new(move |update| {
        seen.borrow_mut().push(update);
    })
    .into_js_value()
    .unchecked_into();
    let fields = Fields::new(
        &options(&pairs),
        number.clone(),
        expiry.clone(),
        cvc.clone(),
        Some(name.clone()),
        render,
    )
    .unwrap();
    Form {
        fields,
        number,
        expiry,
        cvc,
        name,
        renders,
    }
}

/// Fields with `card`, 12 / 40 and the test CVC typed in.
fn filled_with(card: &str, extra: &[(&str, JsValue)]) -> Form {
    let f = form_with(extra);
    f.type_in(FieldId::Number, card);
    f.type_in(FieldId::Expiry, "1240");
    f.type_in(FieldId::Cvc, CVC);
    assert_eq!(get(&f.fields.state(), &["complete"]), JsValue::TRUE);
    f
}

fn filled(card: &str) -> Form {
    filled_with(card, &[])
}

/// The card's number and security code appear nowhere in `result`.
fn carries_no_card(result: &JsValue, card: &str) {
    let shown = json(result);
    // The message does not repeat the result: it would put the card in the test's log.
    assert!(
        !shown.contains(card) && !shown.contains(CVC),
        "a result carries the card number or the security code"
    );
}

fn error_code(result: &JsValue) -> Option<String> {
    text(result, &["error", "code"])
}

#[wasm_bindgen_test]
async fn tokenizes_with_the_public_key_then_empties_the_fields() {
    reset().await;
    let f = filled(PAYS);
    f.type_in(FieldId::Name, "  Juan Dela Cruz ");
    let r = f.create(JsValue::UNDEFINED).await;
    let sent = sent_one().await;
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.url, format!("{}/payment_methods", api()));
    assert_eq!(sent.authorization, Some(basic(PUBLIC_KEY)));
    assert_eq!(sent.content_type.as_deref(), Some("application/json"));
    assert_eq!(sent.accept.as_deref(), Some("application/json"));
    assert_eq!(
        (sent.credentials.as_str(), sent.cache.as_str()),
        ("omit", "no-store")
    );
    assert!(
        sent.idempotency_key.as_ref().is_some_and(|k| k.len() == 36),
        "{sent:?}"
    );
    let attributes = get(&sent.body, &["data", "attributes"]);
    assert_eq!(text(&attributes, &["type"]).as_deref(), Some("card"));
    assert_eq!(
        text(&attributes, &["details", "card_number"]).as_deref(),
        Some(PAYS)
    );
    assert_eq!(number(&attributes, &["details", "exp_month"]), Some(12.0));
    assert_eq!(number(&attributes, &["details", "exp_year"]), Some(2040.0));
    assert_eq!(text(&attributes, &["details", "cvc"]).as_deref(), Some(CVC));
    assert_eq!(
        text(&attributes, &["billing", "name"]).as_deref(),
        Some("Juan Dela Cruz")
    );
    assert!(get(&attributes, &["metadata"]).is_undefined());

    let pm = get(&r, &["paymentMethod"]);
    assert!(
        text(&pm, &["id"]).is_some_and(|id| id.starts_with("pm_")),
        "{}",
        json(&r)
    );
    assert_eq!(text(&pm, &["brand"]).as_deref(), Some("visa"));
    assert_eq!(text(&pm, &["last4"]).as_deref(), Some("4345"));
    assert_eq!(number(&pm, &["expMonth"]), Some(12.0));
    assert_eq!(number(&pm, &["expYear"]), Some(2040.0));
    assert_eq!(get(&pm, &["livemode"]), JsValue::FALSE);
    carries_no_card(&r, PAYS);
    assert_eq!(tokenizations().await, 1.0);
    // The result comes first; the fields are emptied, and shown so, in a later task.
    until("the fields emptied", || f.number.value().is_empty()).await;
    assert_eq!(
        (f.expiry.value(), f.cvc.value(), f.name.value()),
        (String::new(), String::new(), String::new())
    );
    until("the emptied fields rendered", || {
        f.renders
            .borrow()
            .last()
            .is_some_and(|u| get(u, &["state", "empty"]) == JsValue::TRUE)
    })
    .await;
    let rendered = f.renders.borrow().last().cloned().unwrap();
    carries_no_card(&rendered, PAYS);
}

#[wasm_bindgen_test]
async fn calls_while_one_is_in_flight_share_it() {
    reset().await;
    let f = filled(PAYS);
    let first = f.fields.create_payment_method(JsValue::UNDEFINED);
    let second = f.fields.create_payment_method(JsValue::NULL);
    assert!(Object::is(&first, &second), "one promise for both calls");
    let r = JsFuture::from(first).await.unwrap();
    assert!(text(&r, &["paymentMethod", "id"]).is_some(), "{}", json(&r));
    // Until the fields are emptied, a call gets the same result, not a second payment method.
    let third = JsFuture::from(f.fields.create_payment_method(JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(json(&third), json(&r));
    assert_eq!(tokenizations().await, 1.0);
    until("the fields emptied", || f.number.value().is_empty()).await;
    // Then a call is a new one: the emptied fields have no card.
    let after = f.create(JsValue::UNDEFINED).await;
    assert_eq!(error_code(&after).as_deref(), Some("incomplete_number"));
}

#[wasm_bindgen_test]
async fn fields_changed_before_they_are_emptied_stay() {
    reset().await;
    let f = filled(PAYS);
    let r = f.create(JsValue::UNDEFINED).await;
    assert!(text(&r, &["paymentMethod", "id"]).is_some(), "{}", json(&r));
    // The shopper types before the emptying task runs: the fields are theirs, and the next
    // call tokenizes them.
    f.cvc.set_value("123");
    f.fields.input(FieldId::Cvc);
    let again = f.create(JsValue::UNDEFINED).await;
    assert_eq!(f.number.value(), "4343 4343 4343 4345", "kept");
    assert!(
        text(&again, &["paymentMethod", "id"])
            .is_some_and(|id| Some(&id) != text(&r, &["paymentMethod", "id"]).as_ref()),
        "a new tokenization: {}",
        json(&again)
    );
    assert_eq!(tokenizations().await, 2.0);
}

#[wasm_bindgen_test]
async fn a_retry_of_the_same_input_reuses_its_idempotency_key() {
    reset().await;
    let f = filled(PAYS);
    // Processed, then answered with its JSON cut short: the sandbox keeps the whole answer
    // for the key.
    fault(r#"{"endpoint":"payment_methods","kind":"malformed"}"#).await;
    take_sent().await;
    let r = f.create(JsValue::UNDEFINED).await;
    let first = sent_one().await.idempotency_key;
    assert_eq!(error_code(&r).as_deref(), Some("invalid_response"));
    assert_eq!(get(&r, &["error", "retryable"]), JsValue::TRUE);
    assert_eq!(
        f.number.value(),
        "4343 4343 4343 4345",
        "kept after an error"
    );
    assert_eq!(tokenizations().await, 1.0);
    // The same input: the same key, so the sandbox replays its answer and makes nothing.
    take_sent().await;
    let r = f.create(JsValue::UNDEFINED).await;
    let again = sent_one().await.idempotency_key;
    assert!(first.is_some());
    assert_eq!(again, first);
    assert!(text(&r, &["paymentMethod", "id"]).is_some(), "{}", json(&r));
    assert_eq!(tokenizations().await, 1.0, "the key was reused");
}

#[wasm_bindgen_test]
async fn an_edit_gives_a_new_idempotency_key() {
    reset().await;
    let f = filled(PAYS);
    fault(r#"{"endpoint":"payment_methods","kind":"malformed"}"#).await;
    take_sent().await;
    let r = f.create(JsValue::UNDEFINED).await;
    let first = sent_one().await.idempotency_key;
    assert_eq!(error_code(&r).as_deref(), Some("invalid_response"));
    // Another code: reusing the key for another body would be refused
    // (`idempotency_key_reused`).
    f.cvc.focus().unwrap();
    f.fields.edit(FieldId::Cvc, EditKind::DeleteBackward, None);
    f.fields
        .edit(FieldId::Cvc, EditKind::Insert, Some("6".into()));
    assert_eq!(f.cvc.value(), "986");
    let r = f.create(JsValue::UNDEFINED).await;
    let second = sent_one().await.idempotency_key;
    assert!(first.is_some() && second.is_some());
    assert_ne!(first, second);
    assert!(text(&r, &["paymentMethod", "id"]).is_some(), "{}", json(&r));
    assert_eq!(
        tokenizations().await,
        2.0,
        "a new key, a new payment method"
    );
}

#[wasm_bindgen_test]
async fn a_successful_tokenization_forgets_its_key() {
    reset().await;
    // confirmPayment keeps the fields after a decline: the next attempt is a new payment
    // method, not the answer of the last one replayed.
    let f = filled("5100000000000198");
    for attempt in 1..=2 {
        let r = f.confirm(&intent().await, JsValue::UNDEFINED).await;
        assert_eq!(
            error_code(&r).as_deref(),
            Some("card_declined"),
            "{}",
            json(&r)
        );
        assert_eq!(tokenizations().await, f64::from(attempt));
    }
}

#[wasm_bindgen_test]
async fn answers_map_to_errors() {
    reset().await;
    let f = filled(PAYS);
    let cases = [
        (
            r#""kind":"status","status":401"#,
            "authentication_failed",
            false,
        ),
        (r#""kind":"status","status":429"#, "rate_limited", true),
        (r#""kind":"status_500""#, "server_error", true),
        (r#""kind":"status_502""#, "server_error", true),
        (r#""kind":"status","status":404"#, "api_error", false),
    ];
    for (kind, code, retryable) in cases {
        fault(&format!(r#"{{"endpoint":"payment_methods",{kind}}}"#)).await;
        let r = f.create(JsValue::UNDEFINED).await;
        assert_eq!(
            error_code(&r).as_deref(),
            Some(code),
            "{kind}: {}",
            json(&r)
        );
        assert_eq!(
            get(&r, &["error", "retryable"]),
            JsValue::from_bool(retryable),
            "{kind}"
        );
        assert_eq!(text(&r, &["error", "type"]).as_deref(), Some("api_error"));
        carries_no_card(&r, PAYS);
    }
    // A key the API does not know: PayMongo's own 401.
    let other = filled_with(PAYS, &[("publicKey", "pk_test_unknown".into())]);
    let r = other.create(JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("authentication_failed"));
    assert_eq!(tokenizations().await, 0.0);
}

#[wasm_bindgen_test]
async fn a_field_error_of_the_api_shows_on_its_field_until_edited() {
    reset().await;
    let cases = [
        ("card_number", "invalid_number", "number"),
        ("expired", "expired", "expiry"),
        ("exp_month", "invalid_expiry", "expiry"),
        ("cvc", "invalid_cvc", "cvc"),
    ];
    for (attribute, code, field) in cases {
        let f = filled(PAYS);
        fault(&format!(
            r#"{{"endpoint":"payment_methods","kind":"status","status":400,"attribute":"{attribute}"}}"#
        ))
        .await;
        let r = f.create(JsValue::UNDEFINED).await;
        assert_eq!(
            error_code(&r).as_deref(),
            Some(code),
            "{attribute}: {}",
            json(&r)
        );
        assert_eq!(text(&r, &["error", "field"]).as_deref(), Some(field));
        assert!(text(&r, &["error", "apiCode"]).is_some(), "{}", json(&r));
        carries_no_card(&r, PAYS);
        // Rendered at once, and standing in the state.
        let rendered = f.renders.borrow().last().cloned().expect("rendered");
        assert_eq!(
            text(&rendered, &["state", "fields", field, "error", "code"]).as_deref(),
            Some(code)
        );
        assert_eq!(f.shows_error().as_deref(), Some(code));
        // Editing another field keeps it; editing its own field forgets it.
        let (other, own) = if field == "number" {
            (FieldId::Cvc, FieldId::Number)
        } else if field == "cvc" {
            (FieldId::Number, FieldId::Cvc)
        } else {
            (FieldId::Cvc, FieldId::Expiry)
        };
        f.type_in(other, "");
        assert_eq!(f.shows_error().as_deref(), Some(code), "{attribute}");
        f.type_in(own, "");
        assert_eq!(f.shows_error(), None, "{attribute}");
    }
    // An error on an attribute the fields do not show: no field.
    let f = filled(PAYS);
    fault(r#"{"endpoint":"payment_methods","kind":"status","status":400,"attribute":"other"}"#)
        .await;
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("api_error"), "{}", json(&r));
    assert!(get(&r, &["error", "field"]).is_undefined());
    assert!(f.renders.borrow().is_empty(), "nothing to show");
}

#[wasm_bindgen_test]
async fn a_late_answer_is_a_timeout_and_a_lost_one_a_network_error() {
    reset().await;
    let f = filled_with(PAYS, &[("timeout", 300.into())]);
    fault(r#"{"endpoint":"payment_methods","kind":"latency","latency_ms":10000}"#).await;
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("timeout"), "{}", json(&r));
    assert_eq!(
        text(&r, &["error", "type"]).as_deref(),
        Some("network_error")
    );
    assert_eq!(get(&r, &["error", "retryable"]), JsValue::TRUE);
    fault(r#"{"endpoint":"payment_methods","kind":"drop"}"#).await;
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(
        error_code(&r).as_deref(),
        Some("network_error"),
        "{}",
        json(&r)
    );
    // A 200 whose body is not JSON is not a network failure.
    fault(r#"{"endpoint":"payment_methods","kind":"malformed"}"#).await;
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(
        error_code(&r).as_deref(),
        Some("invalid_response"),
        "{}",
        json(&r)
    );
    // A connection lost while the body arrives (no sandbox fault does that: the answer is
    // made here): a network failure too, not an unreadable answer.
    answer_next(
        "() => new Response(new ReadableStream({ start(c) {
           c.enqueue(new TextEncoder().encode('{\"data\":'));
           c.error(new TypeError('connection lost'));
         } }), { status: 200, headers: { 'Content-Type': 'application/json' } })",
    );
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(
        error_code(&r).as_deref(),
        Some("network_error"),
        "{}",
        json(&r)
    );
    // Nothing listening at all.
    let closed = filled_with(PAYS, &[("apiBase", "http://127.0.0.1:9/v1".into())]);
    let r = closed.create(JsValue::UNDEFINED).await;
    assert_eq!(
        error_code(&r).as_deref(),
        Some("network_error"),
        "{}",
        json(&r)
    );
}

#[wasm_bindgen_test]
async fn billing_and_metadata_must_be_objects() {
    reset().await;
    let f = filled(PAYS);
    for bad in [
        options(&[("billing", "Juan".into())]),
        options(&[("metadata", js_sys::Array::new().into())]),
        options(&[("metadata", 5.into())]),
        JsValue::from_str("options"),
    ] {
        let r = f.create(bad).await;
        assert_eq!(
            error_code(&r).as_deref(),
            Some("invalid_option"),
            "{}",
            json(&r)
        );
    }
    assert_eq!(tokenizations().await, 0.0, "nothing sent");
    // The name field's text joins the merchant's billing details.
    let billing = options(&[("email", "juan@example.com".into())]);
    let metadata = options(&[("order", "1001".into())]);
    f.type_in(FieldId::Name, "Ana");
    take_sent().await;
    let r = f
        .create(options(&[
            ("billing", billing.clone()),
            ("metadata", metadata),
        ]))
        .await;
    assert!(text(&r, &["paymentMethod", "id"]).is_some(), "{}", json(&r));
    let attributes = get(&sent_one().await.body, &["data", "attributes"]);
    assert_eq!(
        text(&attributes, &["billing", "email"]).as_deref(),
        Some("juan@example.com")
    );
    assert_eq!(
        text(&attributes, &["billing", "name"]).as_deref(),
        Some("Ana")
    );
    assert_eq!(
        text(&attributes, &["metadata", "order"]).as_deref(),
        Some("1001")
    );
    assert!(
        get(&billing, &["name"]).is_undefined(),
        "the merchant's object untouched"
    );
    // Without a name, the merchant's billing as it is.
    let other = filled(PAYS);
    take_sent().await;
    let r = other.create(options(&[("billing", billing)])).await;
    assert!(text(&r, &["paymentMethod", "id"]).is_some(), "{}", json(&r));
    let attributes = get(&sent_one().await.body, &["data", "attributes"]);
    assert_eq!(
        json(&get(&attributes, &["billing"])),
        r#"{"email":"juan@example.com"}"#
    );
    // Destroyed fields take no call.
    f.fields.destroy();
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("invalid_option"));
    let r = f.confirm(&intent().await, JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("invalid_option"));
}

#[wasm_bindgen_test]
async fn an_incomplete_card_is_not_sent() {
    reset().await;
    let f = form_with(&[]);
    f.type_in(FieldId::Number, "4343");
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("incomplete_number"));
    assert_eq!(
        text(&r, &["error", "type"]).as_deref(),
        Some("validation_error")
    );
    // The submit attempt shows every field's error at once.
    let rendered = f.renders.borrow().last().cloned().expect("rendered");
    assert_eq!(
        text(&rendered, &["state", "fields", "expiry", "error", "code"]).as_deref(),
        Some("incomplete_expiry")
    );
    assert_eq!(tokenizations().await, 0.0);
}

#[wasm_bindgen_test]
async fn confirm_payment_attaches_and_reads_the_intent() {
    reset().await;
    let f = filled(PAYS);
    let key = intent().await;
    take_sent().await;
    let r = f
        .confirm(
            &key,
            options(&[("returnUrl", "http://localhost/done".into())]),
        )
        .await;
    let sent = take_sent().await;
    assert_eq!(
        text(&r, &["status"]).as_deref(),
        Some("succeeded"),
        "{}",
        json(&r)
    );
    let intent_id = key.split("_client_").next().unwrap();
    assert_eq!(text(&r, &["paymentIntentId"]).as_deref(), Some(intent_id));
    // Tokenized, then attached: the intent's answer said it all.
    assert_eq!(sent.len(), 2, "{sent:?}");
    let (tokenize, attach) = (&sent[0], &sent[1]);
    assert_eq!(tokenize.url, format!("{}/payment_methods", api()));
    assert_eq!(attach.method, "POST");
    assert_eq!(
        attach.url,
        format!("{}/payment_intents/{intent_id}/attach", api())
    );
    assert_eq!(attach.authorization, Some(basic(PUBLIC_KEY)));
    assert_eq!(attach.credentials, "omit");
    assert!(attach.idempotency_key.is_some());
    assert_ne!(attach.idempotency_key, tokenize.idempotency_key);
    let attributes = get(&attach.body, &["data", "attributes"]);
    assert_eq!(
        text(&attributes, &["payment_method"]),
        text(&r, &["paymentMethod", "id"])
    );
    assert_eq!(
        text(&attributes, &["client_key"]).as_deref(),
        Some(key.as_str())
    );
    assert_eq!(
        text(&attributes, &["return_url"]).as_deref(),
        Some("http://localhost/done")
    );
    assert!(text(&r, &["paymentMethod", "id"]).is_some_and(|id| id.starts_with("pm_")));
    assert_eq!(
        text(&r, &["paymentMethod", "last4"]).as_deref(),
        Some("4345")
    );
    carries_no_card(&r, PAYS);
    assert_eq!(intent_status(&key).await.as_deref(), Some("succeeded"));
    until("the fields emptied after the payment", || {
        f.number.value().is_empty()
    })
    .await;
    // An intent paid already: PayMongo's error.
    let f = filled(PAYS);
    let r = f.confirm(&key, JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("api_error"), "{}", json(&r));
    assert_eq!(f.number.value(), "4343 4343 4343 4345", "kept");
}

#[wasm_bindgen_test]
async fn confirm_payment_with_a_payment_method_id() {
    reset().await;
    let f = filled(PAYS);
    let created = f.create(JsValue::UNDEFINED).await;
    let pm = text(&created, &["paymentMethod", "id"]).expect("payment method");
    let key = intent().await;
    take_sent().await;
    let r = f
        .confirm(&key, options(&[("paymentMethod", pm.as_str().into())]))
        .await;
    // Attached as it is, back to the page by default.
    let attributes = get(&sent_one().await.body, &["data", "attributes"]);
    assert_eq!(text(&attributes, &["payment_method"]), Some(pm.clone()));
    assert_eq!(
        text(&attributes, &["return_url"]).as_deref(),
        Some("http://localhost/page")
    );
    assert_eq!(
        text(&r, &["status"]).as_deref(),
        Some("succeeded"),
        "{}",
        json(&r)
    );
    assert!(get(&r, &["paymentMethod"]).is_undefined(), "none made now");
    assert_eq!(tokenizations().await, 1.0);
    let r = f
        .confirm(
            &intent().await,
            options(&[("paymentMethod", "card_1".into())]),
        )
        .await;
    assert_eq!(error_code(&r).as_deref(), Some("invalid_option"));
    let r = f.confirm("pi_nope", JsValue::UNDEFINED).await;
    assert_eq!(error_code(&r).as_deref(), Some("invalid_client_key"));
    // A client key of no intent: PayMongo's 404, no payment.
    let r = f
        .confirm(
            "pi_0000000000000000_client_0000",
            options(&[("paymentMethod", pm.as_str().into())]),
        )
        .await;
    assert_eq!(error_code(&r).as_deref(), Some("api_error"), "{}", json(&r));
}

#[wasm_bindgen_test]
async fn a_decline_keeps_the_card_to_try_again() {
    reset().await;
    let f = filled("4400000000000016");
    let key = intent().await;
    let r = f.confirm(&key, JsValue::UNDEFINED).await;
    assert_eq!(
        error_code(&r).as_deref(),
        Some("card_declined"),
        "{}",
        json(&r)
    );
    assert_eq!(
        text(&r, &["error", "apiCode"]).as_deref(),
        Some("generic_decline")
    );
    assert_eq!(
        text(&r, &["error", "subCode"]).as_deref(),
        Some("do_not_honor")
    );
    carries_no_card(&r, "4400000000000016");
    assert_eq!(f.number.value(), "4400 0000 0000 0016");
    // Another card on the same intent.
    f.number.set_value("");
    f.type_in(FieldId::Number, PAYS);
    let r = f.confirm(&key, JsValue::UNDEFINED).await;
    assert_eq!(
        text(&r, &["status"]).as_deref(),
        Some("succeeded"),
        "{}",
        json(&r)
    );
}

/// What a 3-D Secure handler does with the bank's page.
#[derive(Clone, Copy)]
enum Shopper {
    /// Authorizes (the sandbox's "Authorize test payment").
    Authorizes,
    /// Fails it (the sandbox's "Fail test payment").
    Fails,
    /// Cancels: the handler's promise rejects.
    Cancels,
    /// The handler throws.
    Throws,
    /// The handler settles at once, leaving the page to the bank.
    Leaves,
}

/// Posts the sandbox's 3-D Secure form of `url` to `action` (`authorize` or `fail`).
fn submit_3ds(url: &str, action: &str) -> Promise {
    let post = Function::new_with_args(
        "url, action",
        "const u = new URL(url);
         const body = new URLSearchParams({ token: u.searchParams.get('token') ?? '' });
         return fetch(`${u.origin}${u.pathname}/${action}`, { method: 'POST', mode: 'no-cors', body })
           .then(() => undefined);",
    );
    post.call2(&JsValue::UNDEFINED, &url.into(), &action.into())
        .unwrap()
        .unchecked_into()
}

/// A `handleNextAction` that records the URLs it is given and acts as `shopper`.
fn handler(shopper: Shopper, urls: Rc<RefCell<Vec<String>>>) -> JsValue {
    Closure::<dyn FnMut(String) -> Result<Promise, JsValue>>::new(move |url: String| {
        urls.borrow_mut().push(url.clone());
        match shopper {
            Shopper::Authorizes => Ok(submit_3ds(&url, "authorize")),
            Shopper::Fails => Ok(submit_3ds(&url, "fail")),
            Shopper::Cancels => Ok(Promise::reject(&"cancelled".into())),
            Shopper::Throws => Err(js_sys::Error::new("closed").into()),
            Shopper::Leaves => Ok(Promise::resolve(&JsValue::UNDEFINED)),
        }
    })
    .into_js_value()
}

/// Pays an intent with `card` through 3-D Secure, the shopper acting as `shopper`: the result
/// and the URLs the handler was given.
async fn pay_3ds(card: &str, shopper: Shopper) -> (JsValue, Vec<String>, String) {
    let f = filled(card);
    let key = intent().await;
    let urls = Rc::new(RefCell::new(Vec::new()));
    let r = f
        .confirm(
            &key,
            options(&[("handleNextAction", handler(shopper, urls.clone()))]),
        )
        .await;
    carries_no_card(&r, card);
    let urls = urls.borrow().clone();
    (r, urls, key)
}

#[wasm_bindgen_test]
async fn three_d_secure_through_the_handler() {
    reset().await;
    take_sent().await;
    let (r, urls, key) = pay_3ds("4120000000000007", Shopper::Authorizes).await;
    // After the handler, the intent is read again: a GET with the client key, no key of its own.
    let sent = take_sent().await;
    let read = sent
        .iter()
        .rev()
        .find(|s| s.method == "GET")
        .expect("read again");
    let intent_id = key.split("_client_").next().unwrap();
    assert_eq!(
        read.url,
        format!("{}/payment_intents/{intent_id}?client_key={key}", api())
    );
    assert_eq!(read.authorization, Some(basic(PUBLIC_KEY)));
    assert_eq!(read.idempotency_key, None);
    assert_eq!(read.content_type, None);
    assert_eq!(
        text(&r, &["status"]).as_deref(),
        Some("succeeded"),
        "{}",
        json(&r)
    );
    assert_eq!(urls.len(), 1, "the handler is called once: {urls:?}");
    assert!(
        urls[0].starts_with(&format!(
            "{}/3ds/{intent_id}?",
            api().strip_suffix("/v1").unwrap()
        )),
        "{urls:?}"
    );
    // Authenticated, then declined.
    let (r, urls, _) = pay_3ds("5234000000000106", Shopper::Authorizes).await;
    assert_eq!(
        error_code(&r).as_deref(),
        Some("card_declined"),
        "{}",
        json(&r)
    );
    assert_eq!(
        text(&r, &["error", "apiCode"]).as_deref(),
        Some("generic_decline")
    );
    assert_eq!(urls.len(), 1);
}

#[wasm_bindgen_test]
async fn three_d_secure_failed_or_cancelled_is_incomplete() {
    reset().await;
    for shopper in [Shopper::Fails, Shopper::Cancels, Shopper::Throws] {
        let (r, urls, key) = pay_3ds("4120000000000007", shopper).await;
        assert_eq!(
            error_code(&r).as_deref(),
            Some("authentication_incomplete"),
            "{}",
            json(&r)
        );
        assert_eq!(urls.len(), 1);
        assert_ne!(intent_status(&key).await.as_deref(), Some("succeeded"));
    }
}

#[wasm_bindgen_test]
async fn three_d_secure_without_a_handler_is_a_redirect() {
    reset().await;
    let f = filled("4120000000000007");
    let key = intent().await;
    let r = f.confirm(&key, JsValue::UNDEFINED).await;
    assert_eq!(
        text(&r, &["status"]).as_deref(),
        Some("awaiting_next_action"),
        "{}",
        json(&r)
    );
    assert_eq!(
        text(&r, &["nextAction", "type"]).as_deref(),
        Some("redirect")
    );
    assert!(text(&r, &["nextAction", "url"]).is_some_and(|u| u.contains("/3ds/")));
    assert!(text(&r, &["paymentMethod", "id"]).is_some());
    assert_eq!(f.number.value(), "4120 0000 0000 0007", "kept until paid");
}

#[wasm_bindgen_test]
async fn a_payment_method_reports_the_answers_mode() {
    reset().await;
    // The sandbox makes test payment methods only: this answer is PayMongo's for a live one.
    let f = filled(PAYS);
    answer_next(
        r#"() => new Response(JSON.stringify({ data: { id: 'pm_live1', type: 'payment_method',
             attributes: { livemode: true, details: { last4: '4345', exp_month: 12, exp_year: 2040 } } } }),
             { status: 200, headers: { 'Content-Type': 'application/json' } })"#,
    );
    let r = f.create(JsValue::UNDEFINED).await;
    assert_eq!(
        text(&r, &["paymentMethod", "id"]).as_deref(),
        Some("pm_live1"),
        "{}",
        json(&r)
    );
    assert_eq!(get(&r, &["paymentMethod", "livemode"]), JsValue::TRUE);
}

/// PayMongo's answer for the intent `pi_race` in `status`, waiting on the sandbox's 3-D Secure
/// page.
fn intent_answer(status: &str) -> String {
    let page = format!("{}/3ds/pi_race?token=t", api().strip_suffix("/v1").unwrap());
    format!(
        "() => new Response(JSON.stringify({{ data: {{ id: 'pi_race', attributes: {{
           status: '{status}', next_action: {{ type: 'redirect', redirect: {{ url: '{page}' }} }} }} }} }}),
           {{ status: 200, headers: {{ 'Content-Type': 'application/json' }} }})"
    )
}

#[wasm_bindgen_test]
async fn an_intent_still_awaiting_the_shopper_is_read_again() {
    reset().await;
    // The handler settled before the bank's answer reached PayMongo, so the intent read next
    // still awaits the shopper: not a cancellation, it is read again (after a wait) until it
    // says how it ended. (The sandbox settles 3-D Secure at once: these answers are made here.)
    for status in ["awaiting_next_action", "awaiting_next_action", "succeeded"] {
        answer_next(&intent_answer(status));
    }
    let f = form_with(&[]);
    let urls = Rc::new(RefCell::new(Vec::new()));
    let r = f
        .confirm(
            "pi_race_client_abc",
            options(&[
                ("paymentMethod", "pm_abc".into()),
                ("handleNextAction", handler(Shopper::Leaves, urls.clone())),
            ]),
        )
        .await;
    assert_eq!(
        text(&r, &["status"]).as_deref(),
        Some("succeeded"),
        "{}",
        json(&r)
    );
    assert_eq!(urls.borrow().len(), 1, "the handler is called once");
    let sent = take_sent().await;
    let methods: Vec<&str> = sent.iter().map(|s| s.method.as_str()).collect();
    assert_eq!(methods, ["POST", "GET", "GET"], "attach, then two reads");
}
