//! Paying: tokenizing the card (`POST /v1/payment_methods`) and confirming a Payment Intent
//! (attach, 3-D Secure through the view's handler, re-reads until it settles). Requests are
//! built from the core's wire types and answers read with them; what an answer means is the
//! core's (`failure_for`, `decline_for`); results leave as the core's report types.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Undefined};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

use super::js::{random_id, request_body, to_js, today, window, JsObject};
use super::transport::{self, Answer, Request};
use super::{joined, Inner};
use crate::wire::{
    ApiErrorAnswer, AttachRequest, CardDetails, IntentAnswer, PaymentMethodAnswer,
    PaymentMethodRequest,
};
use crate::{
    check_endpoint, decline_for, failure_for, intent_id_of_client_key, is_payment_method_id,
    ApiFailure, Brand, ErrorCode, ErrorReport, IntentStatus, PaymentMethodReport, Touched,
};

/// How many times a `processing` or just-authenticated intent is read again.
const MAX_READS: u32 = 10;
/// The wait before reading an intent that is still processing.
const READ_AGAIN_MS: i32 = 1500;

/// `{ error }`.
#[derive(Serialize)]
struct Failed<'a> {
    error: ErrorReport<'a>,
}

/// `{ paymentMethod }`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Created {
    payment_method: PaymentMethodReport,
}

/// `{ type: 'redirect', url }`: the 3-D Secure page, when no handler shows it.
#[derive(Serialize)]
struct NextAction<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

/// `{ status, paymentIntentId, paymentMethod?, nextAction? }`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Confirmed<'a> {
    status: &'static str,
    payment_intent_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_method: Option<JsObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_action: Option<NextAction<'a>>,
}

pub fn error(inner: &Inner, code: ErrorCode) -> JsValue {
    // A failure with no PayMongo codes reports as the code's error.
    failure(inner, &ApiFailure::new(code))
}

fn failure(inner: &Inner, f: &ApiFailure) -> JsValue {
    to_js(&Failed {
        error: inner.words().failure(f),
    })
}

/// What a failed answer means, PayMongo's `errors` read when the body is that envelope.
fn failure_of(answer: &Answer) -> ApiFailure {
    let errors = answer.body.as_ref().and_then(ApiErrorAnswer::read_all);
    let items: Option<Vec<_>> = errors
        .as_ref()
        .map(|e| e.iter().map(|i| i.item()).collect());
    failure_for(answer.status, items.as_deref())
}

/// A merchant's object option: `Ok(None)` when absent, `Err` when not a plain object.
fn object_option(v: JsValue) -> Result<Option<JsValue>, ()> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else if v.is_object() && !Array::is_array(&v) {
        Ok(Some(v))
    } else {
        Err(())
    }
}

/// The billing details sent: the merchant's, with the name field's text as `name`.
fn billing_with_name(billing: Option<JsValue>, name: &str) -> Option<JsValue> {
    if name.is_empty() {
        return billing;
    }
    let merged = Object::new();
    // `billing` passed `object_option`: an object.
    if let Some(b) = &billing {
        Object::assign(&merged, b.unchecked_ref());
    }
    // A property of an object we just made.
    let _ = Reflect::set(&merged, &"name".into(), &name.into());
    Some(merged.into())
}

/// How a payment flow settles its promise with its result (it never rejects: a failure is a
/// result). A flow may go on after that.
struct Settle(Option<Resolve>);

/// A promise's `resolve`.
type Resolve = Function<fn(JsValue) -> Undefined>;

impl Settle {
    fn with(self, result: &JsValue) {
        if let Some(resolve) = self.0 {
            // Resolving a promise does not throw.
            let _ = resolve
                .unchecked_ref::<Function>()
                .call1(&JsValue::UNDEFINED, result);
        }
    }
}

/// A promise, and how to settle it.
fn deferred() -> (Promise, Settle) {
    let mut settle = Settle(None);
    let promise = Promise::new_typed::<JsValue>(&mut |resolve, _| settle.0 = Some(resolve));
    (promise, settle)
}

/// Runs a payment flow. Both flows run through this one `spawn_local`.
fn run(flow: Pin<Box<dyn Future<Output = ()>>>) {
    spawn_local(flow);
}

/// Starts (or joins) the tokenization in flight.
pub fn create_payment_method(
    inner: &Rc<Inner>,
    billing: JsValue,
    metadata: JsValue,
    clear_on_success: bool,
) -> Promise {
    if let Some(p) = inner.inflight_mut().as_ref() {
        return p.clone();
    }
    let task = inner.clone();
    let (promise, settle) = deferred();
    let ours = promise.clone();
    run(Box::pin(async move {
        let (result, paid) = tokenize(&task, billing, metadata, clear_on_success).await;
        task.emptying.set(paid);
        settle.with(&result);
        if paid {
            // The fields are emptied (and shown so) in a later task, once whoever awaits
            // the result has had it (one microtask on): the result goes first, not held up
            // by that DOM work, nor in the frame by the rendering it brings. Until then
            // the tokenization counts as in flight: a call meanwhile gets this result,
            // not a second payment method — unless the fields were changed meanwhile
            // (`Inner::edited`), which keeps them and forgets this tokenization.
            let _ = JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await;
            let _ = JsFuture::from(timer(0)).await;
            let still_ours = task
                .inflight_mut()
                .as_ref()
                .is_some_and(|p| Object::is(p, &ours));
            if !still_ours {
                return;
            }
            task.emptying.set(false);
            task.paid();
        }
        task.inflight_mut().take();
    }));
    *inner.inflight_mut() = Some(promise.clone());
    promise
}

/// A tokenization ready to leave: its request's parts, and the brand the fields showed.
struct Tokenization {
    url: String,
    idempotency_key: Option<String>,
    body: JsValue,
    brand: Option<&'static Brand>,
}

async fn tokenize(
    inner: &Inner,
    billing: JsValue,
    metadata: JsValue,
    clear_on_success: bool,
) -> (JsValue, bool) {
    let t = match prepare_tokenization(inner, billing, metadata) {
        Ok(t) => t,
        Err(result) => return (result, false),
    };
    let sent = transport::send(Request {
        method: "POST",
        url: &t.url,
        key: &inner.config.public_key,
        idempotency_key: t.idempotency_key.as_deref(),
        body: Some(t.body),
        timeout_ms: inner.config.timeout_ms,
    })
    .await;
    tokenized(inner, sent, t.brand, clear_on_success)
}

/// Checks the form and builds the request; `Err` is the result when it cannot leave.
fn prepare_tokenization(
    inner: &Inner,
    billing: JsValue,
    metadata: JsValue,
) -> Result<Tokenization, JsValue> {
    if inner.destroyed.get() {
        return Err(error(inner, ErrorCode::InvalidOption));
    }
    let (Ok(billing), Ok(metadata)) = (object_option(billing), object_option(metadata)) else {
        return Err(error(inner, ErrorCode::InvalidOption));
    };
    // A submit attempt: every field's error may show now. A complete form shows none, so it
    // is rendered only when something is wrong (the request leaves sooner).
    inner.ui_mut().touched = Touched::ALL;
    let texts = inner.texts();
    let state = inner.form_of(&texts);
    if let Some((_, code)) = state.problem() {
        inner.render_now();
        return Err(error(inner, code));
    }
    let name = inner
        .inputs
        .name
        .as_ref()
        .map(|n| n.value())
        .unwrap_or_default();
    let body = {
        let Some(details) = CardDetails::read(&texts.number, &texts.expiry, &texts.cvc, today())
        else {
            return Err(error(inner, ErrorCode::InvalidOption));
        };
        let request = PaymentMethodRequest::card(
            &details,
            billing_with_name(billing, name.trim()).map(JsObject),
            metadata.map(JsObject),
        );
        request_body(&request)
    };
    let Some(body) = body else {
        return Err(error(inner, ErrorCode::InvalidOption));
    };
    let idempotency_key = {
        let mut ui = inner.ui_mut();
        let generation = ui.generation;
        match &ui.idempotency {
            Some((g, key)) if *g == generation => Some(key.clone()),
            _ => {
                let key = random_id();
                ui.idempotency = key.clone().map(|key| (generation, key));
                key
            }
        }
    };
    Ok(Tokenization {
        url: joined(&[inner.config.api_base.as_str(), "/payment_methods"]),
        idempotency_key,
        body,
        brand: state.brand,
    })
}

/// The result of a tokenization's answer.
fn tokenized(
    inner: &Inner,
    sent: Result<Answer, ErrorCode>,
    brand: Option<&'static Brand>,
    clear_on_success: bool,
) -> (JsValue, bool) {
    let answer = match sent {
        Ok(answer) => answer,
        Err(code) => return (error(inner, code), false),
    };
    if answer.status == 200 {
        let Some(pm) = answer.body.as_ref().and_then(PaymentMethodAnswer::read) else {
            return (error(inner, ErrorCode::InvalidResponse), false);
        };
        inner.ui_mut().idempotency = None;
        let created = to_js(&Created {
            payment_method: PaymentMethodReport::of(pm, brand),
        });
        return (created, clear_on_success);
    }
    let f = failure_of(&answer);
    if let Some(field) = f.field {
        inner.ui_mut().api_error = Some((field, f.code));
        inner.render_now();
    }
    (failure(inner, &f), false)
}

/// What `confirmPayment` was given.
pub struct Confirm {
    pub client_key: String,
    pub payment_method: Option<String>,
    pub return_url: String,
    pub billing: JsValue,
    pub metadata: JsValue,
    pub handle_next_action: Option<Function>,
}

pub fn confirm_payment(inner: Rc<Inner>, c: Confirm) -> Promise {
    let (promise, settle) = deferred();
    run(Box::pin(
        async move { settle.with(&confirm(&inner, c).await) },
    ));
    promise
}

/// A promise that settles after `ms` milliseconds.
fn timer(ms: i32) -> Promise {
    // `new_typed::<JsValue>`, as `deferred`: one binding, one closure shim for both.
    Promise::new_typed::<JsValue>(&mut |resolve, _| {
        let _ = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), ms);
    })
}

/// The 3-D Secure handler's promise for `url`, which settles when the shopper is done and
/// rejects when they cancelled (a handler that throws has cancelled).
fn authentication(handler: &Function, url: &str) -> Promise {
    match handler.call1(&JsValue::UNDEFINED, &JsValue::from_str(url)) {
        Ok(settles) => Promise::resolve(&settles),
        Err(thrown) => Promise::reject(&thrown),
    }
}

async fn confirm(inner: &Rc<Inner>, c: Confirm) -> JsValue {
    let Some(intent_id) = intent_id_of_client_key(&c.client_key) else {
        return error(inner, ErrorCode::InvalidClientKey);
    };
    let (pm_id, pm) = match c.payment_method {
        Some(id) if is_payment_method_id(&id) => (id, None),
        Some(_) => return error(inner, ErrorCode::InvalidOption),
        None => {
            let promise = create_payment_method(inner, c.billing, c.metadata, false);
            let result = JsFuture::from(promise).await.unwrap_or_default();
            let pm = Reflect::get(&result, &"paymentMethod".into()).unwrap_or_default();
            let id = Reflect::get(&pm, &"id".into())
                .ok()
                .and_then(|v| v.as_string());
            match id {
                Some(id) => (id, Some(JsObject(pm))),
                None => return result,
            }
        }
    };
    let confirmed = |status: IntentStatus, pm: Option<JsObject>, next_action| {
        to_js(&Confirmed {
            status: status.as_str(),
            payment_intent_id: intent_id,
            payment_method: pm,
            next_action,
        })
    };
    let key = inner.config.public_key.as_str();
    let intent_url = joined(&[&inner.config.api_base, "/payment_intents/", intent_id]);
    // The client key is checked: letters, digits and underscores, nothing to escape.
    let read_url = joined(&[&intent_url, "?client_key=", &c.client_key]);
    let attach_url = joined(&[&intent_url, "/attach"]);
    let body = request_body(&AttachRequest {
        payment_method: &pm_id,
        client_key: &c.client_key,
        return_url: &c.return_url,
    });
    let idempotency_key = random_id();
    let timeout_ms = inner.config.timeout_ms;
    let mut request = Request {
        method: "POST",
        url: &attach_url,
        key,
        idempotency_key: idempotency_key.as_deref(),
        body,
        timeout_ms,
    };
    let mut authenticated = false;
    let mut cancelled = false;
    for _ in 0..MAX_READS {
        let answer = match transport::send(request).await {
            Ok(answer) => answer,
            Err(code) => return error(inner, code),
        };
        if answer.status != 200 {
            return failure(inner, &failure_of(&answer));
        }
        let Some(intent) = answer.body.as_ref().and_then(IntentAnswer::read) else {
            return error(inner, ErrorCode::InvalidResponse);
        };
        let wait = match intent.status {
            IntentStatus::Succeeded | IntentStatus::AwaitingCapture => {
                inner.paid();
                return confirmed(intent.status, pm, None);
            }
            IntentStatus::AwaitingPaymentMethod => {
                if intent.failed_code.is_empty() && authenticated {
                    return error(inner, ErrorCode::AuthenticationIncomplete);
                }
                let declined = decline_for(&intent.failed_code, intent.sub_code.as_deref());
                return failure(inner, &declined);
            }
            IntentStatus::AwaitingNextAction if !authenticated => {
                let url = intent.redirect_url.unwrap_or_default();
                // Only a web page of the API's kind (https, or loopback http for test keys):
                // never a `javascript:` URL from a tampered answer.
                if check_endpoint(inner.config.mode, &url, true).is_err() {
                    return error(inner, ErrorCode::InvalidResponse);
                }
                let Some(handler) = c.handle_next_action.as_ref() else {
                    let next = NextAction {
                        kind: "redirect",
                        url: &url,
                    };
                    return confirmed(intent.status, pm, Some(next));
                };
                authenticated = true;
                // The handler shows the bank's page: either way, the intent tells what
                // happened.
                authentication(handler, &url)
            }
            IntentStatus::AwaitingNextAction if cancelled => {
                return error(inner, ErrorCode::AuthenticationIncomplete);
            }
            IntentStatus::AwaitingNextAction | IntentStatus::Processing => timer(READ_AGAIN_MS),
        };
        // Only the handler's promise rejects (a timer never does).
        cancelled |= JsFuture::from(wait).await.is_err();
        request = Request {
            method: "GET",
            url: &read_url,
            key,
            idempotency_key: None,
            body: None,
            timeout_ms,
        };
    }
    confirmed(IntentStatus::Processing, pm, None)
}
