//! Tokenization (`createPaymentMethod`) and payment (`confirmPayment`) against PayMongo.
//! Requests go out through `net::send` only; statuses and errors are mapped by the pure core.

use std::rc::Rc;

use js_sys::{Function, Object, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::field::{ApiFieldError, Inner};
use super::net::{self, path, path_str};
use crate::jsobj::{get, set};
use crate::{
    cvc_digits, decline_for, failure_for, intent_id_of_client_key, is_payment_method_id,
    read_number, validate_expiry, ApiFailure, ErrorCode, IntentStatus, SecretText, Touched,
};

/// `{ error }` for a code.
fn error_result(inner: &Inner, code: ErrorCode) -> JsValue {
    let o = Object::new();
    set(&o, "error", inner.error_js(code));
    o.into()
}

/// `{ error }` for an API failure, with PayMongo's codes kept as `apiCode` / `subCode`.
fn failure_result(inner: &Inner, failure: &ApiFailure) -> JsValue {
    let e = inner.error_js(failure.code);
    if failure.code == ErrorCode::CardDeclined
        && inner.message_for(ErrorCode::CardDeclined).is_none()
    {
        let text =
            crate::decline_message(failure.api_code.as_deref().unwrap_or(""), inner.locale());
        set(&e, "message", text);
    }
    if let Some(field) = failure.field {
        set(&e, "field", field.as_str());
    }
    if let Some(c) = &failure.api_code {
        set(&e, "apiCode", c.as_str());
    }
    if let Some(c) = &failure.sub_code {
        set(&e, "subCode", c.as_str());
    }
    let o = Object::new();
    set(&o, "error", e);
    o.into()
}

fn optional_object(v: &JsValue, key: &str) -> Result<Option<JsValue>, ()> {
    let x = get(v, key);
    if x.is_undefined() || x.is_null() {
        Ok(None)
    } else if x.is_object() && !js_sys::Array::is_array(&x) && !x.is_function() {
        Ok(Some(x))
    } else {
        Err(())
    }
}

/// The `paymentMethod` result from PayMongo's answer.
fn payment_method_js(json: &JsValue, brand: Option<&'static str>) -> Option<Object> {
    let id = path_str(json, &["data", "id"])?;
    if !is_payment_method_id(&id) {
        return None;
    }
    let details = path(json, &["data", "attributes", "details"]);
    let o = Object::new();
    set(&o, "id", id);
    set(&o, "brand", brand.map_or(JsValue::NULL, JsValue::from));
    set(&o, "last4", get(&details, "last4").as_string()?);
    set(&o, "expMonth", get(&details, "exp_month").as_f64()?);
    set(&o, "expYear", get(&details, "exp_year").as_f64()?);
    set(
        &o,
        "livemode",
        path(json, &["data", "attributes", "livemode"])
            .as_bool()
            .unwrap_or(false),
    );
    Some(o)
}

/// Starts (or joins) the tokenization in flight.
pub fn create_payment_method(
    inner: &Rc<Inner>,
    options: JsValue,
    clear_on_success: bool,
) -> Promise {
    if let Some(p) = inner.ui.borrow().inflight.clone() {
        return p;
    }
    let task = inner.clone();
    let promise = wasm_bindgen_futures::future_to_promise(async move {
        let result = tokenize(&task, &options, clear_on_success).await;
        task.ui.borrow_mut().inflight = None;
        Ok(result)
    });
    inner.ui.borrow_mut().inflight = Some(promise.clone());
    promise
}

async fn tokenize(inner: &Rc<Inner>, options: &JsValue, clear_on_success: bool) -> JsValue {
    if inner.ui.borrow().destroyed {
        return error_result(inner, ErrorCode::InvalidOption);
    }
    if !options.is_undefined() && !options.is_null() && !options.is_object() {
        return error_result(inner, ErrorCode::InvalidOption);
    }
    let (Ok(billing), Ok(metadata)) = (
        optional_object(options, "billing"),
        optional_object(options, "metadata"),
    ) else {
        return error_result(inner, ErrorCode::InvalidOption);
    };
    // A submit attempt: every field's error may show now.
    inner.ui.borrow_mut().touched = Touched::ALL;
    inner.refresh();
    let state = inner.compute();
    if let Some((_, code)) = state.problem() {
        return error_result(inner, code);
    }
    let brand = state.brand.map(|b| b.id_str());

    let Some(body) = request_body(inner, billing, metadata) else {
        return error_result(inner, ErrorCode::InvalidOption);
    };
    let (key, base, timeout) = {
        let c = inner.config.borrow();
        (c.public_key.clone(), c.api_base.clone(), c.timeout_ms)
    };
    let idempotency_key = {
        let mut ui = inner.ui.borrow_mut();
        let generation = ui.generation;
        match &ui.idempotency {
            Some((g, k)) if *g == generation => Some(k.clone()),
            _ => {
                let k = net::random_id();
                ui.idempotency = k.clone().map(|k| (generation, k));
                k
            }
        }
    };
    let url = [base.as_str(), "/payment_methods"].concat();
    let answer = net::send(
        "POST",
        &url,
        &key,
        idempotency_key.as_deref(),
        Some(body.0.clone()),
        timeout,
    )
    .await;
    drop(body);
    let answer = match answer {
        Ok(a) => a,
        Err(code) => return error_result(inner, code),
    };
    if answer.status == 200 {
        let pm = net::parse_json(&answer.body).and_then(|json| payment_method_js(&json, brand));
        let Some(pm) = pm else {
            return error_result(inner, ErrorCode::InvalidResponse);
        };
        inner.ui.borrow_mut().idempotency = None;
        if clear_on_success && !inner.ui.borrow().destroyed {
            inner.clear();
        }
        let o = Object::new();
        set(&o, "paymentMethod", pm);
        return o.into();
    }
    let errors = net::api_errors(&answer.body);
    let items: Option<Vec<crate::ApiErrorItem<'_>>> = errors
        .as_ref()
        .map(|e| e.iter().map(|x| x.borrow()).collect());
    let failure = failure_for(answer.status, items.as_deref());
    if let Some(field) = failure.field {
        inner.ui.borrow_mut().api_error = Some(ApiFieldError {
            field,
            code: failure.code,
        });
        inner.refresh();
    }
    failure_result(inner, &failure)
}

/// PayMongo's create-payment-method body, as JSON text (held as a secret: it has the card).
fn request_body(
    inner: &Inner,
    billing: Option<JsValue>,
    metadata: Option<JsValue>,
) -> Option<SecretText> {
    let number = read_number(&SecretText(inner.number.input.value()).0);
    let expiry = validate_expiry(
        &SecretText(inner.expiry.input.value()).0,
        super::field::today(),
    );
    let cvc = SecretText(cvc_digits(&SecretText(inner.cvc.input.value()).0));
    let name = inner
        .name
        .as_ref()
        .map(|n| n.input.value().trim().to_string())
        .filter(|n| !n.is_empty());

    let details = Object::new();
    set(&details, "card_number", number.digits.as_str());
    set(&details, "exp_month", expiry.month?);
    set(&details, "exp_year", expiry.year?);
    set(&details, "cvc", cvc.0.as_str());
    let attributes = Object::new();
    set(&attributes, "type", "card");
    set(&attributes, "details", details);
    let billing = match (billing, name) {
        (Some(b), Some(name)) => {
            let copy = Object::assign(&Object::new(), b.unchecked_ref());
            set(&copy, "name", name);
            Some(JsValue::from(copy))
        }
        (Some(b), None) => Some(b),
        (None, Some(name)) => {
            let b = Object::new();
            set(&b, "name", name);
            Some(b.into())
        }
        (None, None) => None,
    };
    if let Some(b) = billing {
        set(&attributes, "billing", b);
    }
    if let Some(m) = metadata {
        set(&attributes, "metadata", m);
    }
    let data = Object::new();
    set(&data, "attributes", attributes);
    let root = Object::new();
    set(&root, "data", data);
    let text = js_sys::JSON::stringify(&root).ok()?.as_string()?;
    Some(SecretText(text))
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Starts `confirmPayment`: tokenize (unless a payment method is given), attach, 3-D Secure
/// through `handleNextAction`, then read the intent until it settles.
pub fn confirm_payment(inner: &Rc<Inner>, client_key: String, options: JsValue) -> Promise {
    let task = inner.clone();
    wasm_bindgen_futures::future_to_promise(async move {
        Ok(confirm(&task, &client_key, &options).await)
    })
}

/// How many times a `processing` or just-authenticated intent is read again.
const MAX_READS: u32 = 10;

async fn confirm(inner: &Rc<Inner>, client_key: &str, options: &JsValue) -> JsValue {
    let Some(intent_id) = intent_id_of_client_key(client_key).map(str::to_string) else {
        return error_result(inner, ErrorCode::InvalidClientKey);
    };
    let given = get(options, "paymentMethod");
    let (pm_id, pm) = if let Some(id) = given.as_string() {
        if !is_payment_method_id(&id) {
            return error_result(inner, ErrorCode::InvalidOption);
        }
        (id, JsValue::UNDEFINED)
    } else {
        let result = JsFuture::from(create_payment_method(inner, options.clone(), false))
            .await
            .unwrap_or_else(|_| error_result(inner, ErrorCode::InvalidResponse));
        let pm = get(&result, "paymentMethod");
        match get(&pm, "id").as_string() {
            Some(id) => (id, pm),
            None => return result,
        }
    };
    let return_url = get(options, "returnUrl")
        .as_string()
        .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()))
        .unwrap_or_default();
    let (key, base, timeout) = {
        let c = inner.config.borrow();
        (c.public_key.clone(), c.api_base.clone(), c.timeout_ms)
    };
    let intent_url = [base.as_str(), "/payment_intents/", &intent_id].concat();

    let attributes = Object::new();
    set(&attributes, "payment_method", pm_id.as_str());
    set(&attributes, "client_key", client_key);
    set(&attributes, "return_url", return_url.as_str());
    let data = Object::new();
    set(&data, "attributes", attributes);
    let body = Object::new();
    set(&body, "data", data);
    let Some(body) = js_sys::JSON::stringify(&body)
        .ok()
        .and_then(|s| s.as_string())
    else {
        return error_result(inner, ErrorCode::InvalidOption);
    };
    let attach_url = [intent_url.as_str(), "/attach"].concat();
    let idempotency_key = net::random_id();
    let mut answer = net::send(
        "POST",
        &attach_url,
        &key,
        idempotency_key.as_deref(),
        Some(body),
        timeout,
    )
    .await;
    let read_url = {
        let url = web_sys::Url::new(&intent_url).ok();
        if let Some(u) = &url {
            u.search_params().set("client_key", client_key);
        }
        url.map_or(intent_url.clone(), |u| u.href())
    };
    let mut authenticated = false;
    let mut cancelled = false;
    for _ in 0..MAX_READS {
        let a = match answer {
            Ok(a) => a,
            Err(code) => return error_result(inner, code),
        };
        if a.status != 200 {
            let errors = net::api_errors(&a.body);
            let items: Option<Vec<crate::ApiErrorItem<'_>>> = errors
                .as_ref()
                .map(|e| e.iter().map(|x| x.borrow()).collect());
            return failure_result(inner, &failure_for(a.status, items.as_deref()));
        }
        let Some(json) = net::parse_json(&a.body) else {
            return error_result(inner, ErrorCode::InvalidResponse);
        };
        let attrs = path(&json, &["data", "attributes"]);
        let status = get(&attrs, "status")
            .as_string()
            .and_then(|s| IntentStatus::parse(&s));
        match status {
            Some(s @ (IntentStatus::Succeeded | IntentStatus::AwaitingCapture)) => {
                if !inner.ui.borrow().destroyed {
                    inner.clear();
                }
                let o = Object::new();
                set(&o, "status", s.as_str());
                set(&o, "paymentIntentId", intent_id.as_str());
                if pm.is_object() {
                    set(&o, "paymentMethod", pm.clone());
                }
                return o.into();
            }
            Some(IntentStatus::AwaitingPaymentMethod) => {
                let last = get(&attrs, "last_payment_error");
                let failed = get(&last, "failed_code").as_string().unwrap_or_default();
                let sub = get(&last, "sub_code").as_string();
                let failure = if failed.is_empty() && authenticated {
                    ApiFailure::new(ErrorCode::AuthenticationIncomplete)
                } else {
                    decline_for(&failed, sub.as_deref())
                };
                return failure_result(inner, &failure);
            }
            Some(IntentStatus::AwaitingNextAction) if !authenticated => {
                let url = path_str(&attrs, &["next_action", "redirect", "url"]).unwrap_or_default();
                // Only a web page of the API's kind (https, or loopback http for test keys):
                // never a `javascript:` URL from a tampered answer.
                let mode = crate::parse_public_key(&key).unwrap_or(crate::KeyMode::Live);
                if crate::check_endpoint(mode, &url, true).is_err() {
                    return error_result(inner, ErrorCode::InvalidResponse);
                }
                let handler = get(options, "handleNextAction");
                let Some(handler) = handler.dyn_ref::<Function>() else {
                    let o = Object::new();
                    set(&o, "status", "awaiting_next_action");
                    set(&o, "paymentIntentId", intent_id.as_str());
                    let next = Object::new();
                    set(&next, "type", "redirect");
                    set(&next, "url", url.as_str());
                    set(&o, "nextAction", next);
                    return o.into();
                };
                // The handler shows the bank's page and settles when the shopper is done (or
                // rejects when they cancel): either way, the intent tells what happened.
                cancelled = match handler.call1(&JsValue::UNDEFINED, &JsValue::from_str(&url)) {
                    Ok(p) => match p.dyn_into::<Promise>() {
                        Ok(p) => JsFuture::from(p).await.is_err(),
                        Err(_) => false,
                    },
                    Err(_) => true,
                };
                authenticated = true;
            }
            Some(IntentStatus::AwaitingNextAction) if cancelled => {
                return failure_result(
                    inner,
                    &ApiFailure::new(ErrorCode::AuthenticationIncomplete),
                );
            }
            Some(IntentStatus::AwaitingNextAction | IntentStatus::Processing) => sleep(1500).await,
            None => return error_result(inner, ErrorCode::InvalidResponse),
        }
        answer = net::send("GET", &read_url, &key, None, None, timeout).await;
    }
    let o = Object::new();
    set(&o, "status", "processing");
    set(&o, "paymentIntentId", intent_id.as_str());
    o.into()
}
