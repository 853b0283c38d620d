//! The transport: one seam where requests leave, through gloo-net, with a timeout. It knows
//! HTTP and JSON, not what the requests mean.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Object};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use crate::jsobj::{get, set};
use crate::ErrorCode;

/// An HTTP answer: status and body text.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// `Authorization: Basic base64("<key>:")`, with the browser's own base64.
fn basic_auth(window: &web_sys::Window, key: &str) -> Result<String, ErrorCode> {
    let encoded = window
        .btoa(&[key, ":"].concat())
        .map_err(|_| ErrorCode::InvalidPublicKey)?;
    Ok(["Basic ", &encoded].concat())
}

/// Sends one request (`method` is `GET` or `POST`) to the API and reads the whole answer. A
/// transport failure is `NetworkError`; no answer within `timeout_ms` is `Timeout`.
///
/// The request is built as fetch's own init dictionary (plain JS objects) and sent by gloo-net.
pub async fn send(
    method: &str,
    url: &str,
    key: &str,
    idempotency_key: Option<&str>,
    body: Option<String>,
    timeout_ms: u32,
) -> Result<Answer, ErrorCode> {
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
            i32::try_from(timeout_ms).unwrap_or(i32::MAX),
        )
        .map_err(|_| ErrorCode::NetworkError)?;

    let result = async {
        let headers = Object::new();
        set(&headers, "Authorization", basic_auth(&window, key)?);
        set(&headers, "Accept", "application/json");
        if let Some(k) = idempotency_key {
            set(&headers, "Idempotency-Key", k);
        }
        let init = Object::new();
        set(&init, "method", method);
        set(&init, "credentials", "omit");
        set(&init, "cache", "no-store");
        set(&init, "signal", controller.signal());
        if let Some(text) = body {
            set(&headers, "Content-Type", "application/json");
            set(&init, "body", text);
        }
        set(&init, "headers", headers);
        let request = web_sys::Request::new_with_str_and_init(url, init.unchecked_ref())
            .map_err(|_| ErrorCode::NetworkError)?;
        let response = gloo_net::http::Request::from(request)
            .send()
            .await
            .map_err(|_| ErrorCode::NetworkError)?;
        let status = response.status();
        let text = web_sys::Response::from(response)
            .text()
            .map_err(|_| ErrorCode::NetworkError)?;
        let body = JsFuture::from(text)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or(ErrorCode::NetworkError)?;
        Ok(Answer { status, body })
    }
    .await;

    window.clear_timeout_with_handle(timer);
    drop(on_timeout);
    match result {
        Err(_) if timed_out.get() => Err(ErrorCode::Timeout),
        other => other,
    }
}

/// Parses a JSON body, or `None`.
pub fn parse_json(body: &str) -> Option<JsValue> {
    js_sys::JSON::parse(body).ok().filter(JsValue::is_object)
}

/// `v.a.b.c` for a path of keys.
pub fn path(v: &JsValue, keys: &[&str]) -> JsValue {
    keys.iter().fold(v.clone(), |at, k| get(&at, k))
}

/// A string at a path.
pub fn path_str(v: &JsValue, keys: &[&str]) -> Option<String> {
    path(v, keys).as_string()
}

/// An error object of PayMongo's envelope, owned.
pub struct OwnedApiError {
    pub code: String,
    pub detail: String,
    pub attribute: Option<String>,
    pub pointer: Option<String>,
    pub sub_code: Option<String>,
}

impl OwnedApiError {
    pub fn borrow(&self) -> crate::ApiErrorItem<'_> {
        crate::ApiErrorItem {
            code: &self.code,
            detail: &self.detail,
            attribute: self.attribute.as_deref(),
            pointer: self.pointer.as_deref(),
            sub_code: self.sub_code.as_deref(),
        }
    }
}

/// The `errors` of PayMongo's envelope, or `None` when the body is not that envelope.
pub fn api_errors(body: &str) -> Option<Vec<OwnedApiError>> {
    let json = parse_json(body)?;
    let list = get(&json, "errors");
    if !Array::is_array(&list) {
        return None;
    }
    Some(
        Array::from(&list)
            .iter()
            .map(|e| OwnedApiError {
                code: get(&e, "code").as_string().unwrap_or_default(),
                detail: get(&e, "detail").as_string().unwrap_or_default(),
                attribute: path_str(&e, &["source", "attribute"]),
                pointer: path_str(&e, &["source", "pointer"]),
                sub_code: get(&e, "sub_code").as_string(),
            })
            .collect(),
    )
}

/// 16 random bytes as hex, from the browser's CSPRNG (also outside secure contexts).
pub fn random_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    Some(out)
}
