//! The transport: the one seam where requests leave the fields, sent by gloo-net. It knows
//! HTTP, PayMongo's Basic authentication with the public key, the `Idempotency-Key` and the
//! timeout; not what the requests mean.
//!
//! The request is built as the browser's own `Request` (web-sys) and handed to gloo-net to
//! send: gloo-net's builder formats its method and URL with `core::fmt`, which would bring
//! the formatting machinery into the wasm for nothing.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestCache, RequestCredentials, RequestInit};

use super::joined;
use super::js::{window, Parsed};
use crate::ErrorCode;

/// An HTTP answer: its status and its body as JSON, `None` when the body is not a JSON object
/// (an empty body, a proxy's HTML page, garbage).
pub struct Answer {
    pub status: u16,
    pub body: Option<Parsed>,
}

/// A request to the API.
pub struct Request<'a> {
    /// `GET` or `POST`.
    pub method: &'static str,
    pub url: &'a str,
    /// The public key, sent as `Authorization: Basic base64("<key>:")`.
    pub key: &'a str,
    pub idempotency_key: Option<&'a str>,
    /// JSON text, as the one JS string it was made as (never copied back into wasm).
    pub body: Option<JsValue>,
    pub timeout_ms: u32,
}

/// Sends `request` and reads the whole answer. A transport failure is `network_error`; no
/// answer within the timeout is `timeout` (the request is aborted).
pub async fn send(request: Request<'_>) -> Result<Answer, ErrorCode> {
    // The browser's own timer aborts the request, the reading of the body included, when the
    // timeout passes (`AbortSignal.timeout`): no timer and no callback of our own.
    let signal = AbortSignal::timeout_with_u32(request.timeout_ms);
    let lost = || {
        if signal.aborted() {
            ErrorCode::Timeout
        } else {
            ErrorCode::NetworkError
        }
    };
    let built = build(&request, &signal)?;
    let response = gloo_net::http::Request::from(built)
        .send()
        .await
        .map_err(|_| lost())?;
    let response = web_sys::Response::from(response);
    let status = response.status();
    // The browser's JSON parser reads the body as it arrives: it never becomes a Rust string.
    let read = response.json().map_err(|_| lost())?;
    let body = match JsFuture::from(read).await {
        Ok(value) => Parsed::object(value),
        Err(e) if is_syntax_error(&e) => None,
        Err(_) => return Err(lost()),
    };
    Ok(Answer { status, body })
}

/// The browser's `Request` for `request`, aborted by `signal`.
fn build(request: &Request<'_>, signal: &AbortSignal) -> Result<web_sys::Request, ErrorCode> {
    let credentials = window()
        .btoa(&joined(&[request.key, ":"]))
        .map_err(|_| ErrorCode::InvalidPublicKey)?;
    let headers = Headers::new().map_err(|_| ErrorCode::NetworkError)?;
    let set = |name: &str, value: &str| headers.set(name, value).is_ok();
    let mut ok = set("Authorization", &joined(&["Basic ", &credentials]))
        && set("Accept", "application/json");
    if let Some(key) = request.idempotency_key {
        ok = ok && set("Idempotency-Key", key);
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(signal));
    if let Some(body) = &request.body {
        ok = ok && set("Content-Type", "application/json");
        init.set_body(body);
    }
    if !ok {
        return Err(ErrorCode::NetworkError);
    }
    init.set_headers(&headers);
    web_sys::Request::new_with_str_and_init(request.url, &init).map_err(|_| ErrorCode::NetworkError)
}

/// Whether `error` is the parser's (the body was read, and is not JSON), not the network's.
fn is_syntax_error(error: &JsValue) -> bool {
    error
        .dyn_ref::<js_sys::Error>()
        .is_some_and(|e| e.name() == "SyntaxError")
}
