//! The transport: the one seam where requests leave the fields, sent by gloo-net. It knows
//! HTTP, PayMongo's Basic authentication with the public key, the `Idempotency-Key` and the
//! timeout; not what the requests mean.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, RequestCache, RequestCredentials};

use crate::ErrorCode;

/// An HTTP answer: its status and its whole body.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// A request to the API.
pub struct Request<'a> {
    pub method: Method,
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
    let window = web_sys::window().ok_or(ErrorCode::NetworkError)?;
    let controller = AbortController::new().map_err(|_| ErrorCode::NetworkError)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            i32::try_from(request.timeout_ms).unwrap_or(i32::MAX),
        )
        .map_err(|_| ErrorCode::NetworkError)?;

    let result = exchange(&window, &controller, request).await;

    window.clear_timeout_with_handle(timer);
    drop(on_timeout);
    match result {
        Err(_) if timed_out.get() => Err(ErrorCode::Timeout),
        other => other,
    }
}

async fn exchange(
    window: &web_sys::Window,
    controller: &AbortController,
    request: Request<'_>,
) -> Result<Answer, ErrorCode> {
    let credentials = window
        .btoa(&[request.key, ":"].concat())
        .map_err(|_| ErrorCode::InvalidPublicKey)?;
    let mut builder = RequestBuilder::new(request.url)
        .method(request.method)
        .header("Authorization", &["Basic ", &credentials].concat())
        .header("Accept", "application/json")
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&controller.signal()));
    if let Some(key) = request.idempotency_key {
        builder = builder.header("Idempotency-Key", key);
    }
    let built = match request.body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    };
    let response = built
        .map_err(|_| ErrorCode::NetworkError)?
        .send()
        .await
        .map_err(|_| ErrorCode::NetworkError)?;
    let status = response.status();
    let body = response.text().await.map_err(|_| ErrorCode::NetworkError)?;
    Ok(Answer { status, body })
}
