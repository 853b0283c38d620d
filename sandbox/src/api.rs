//! The `/v1` API: for each call, in order, injected faults, the API key, the rate limit, the
//! body and `Idempotency-Key`, then the endpoint itself.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::body::to_bytes;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use zeroize::Zeroizing;

use crate::auth::{authenticate, KeyKind};
use crate::clock;
use crate::connection::ConnHandle;
use crate::error::{json_response, to_json, ApiError};
use crate::faults::{self, FaultEndpoint, FaultKind};
use crate::idempotency::{fingerprint, IdemKey, MAX_KEY_LEN};
use crate::json::Json;
use crate::payment_intent;
use crate::payment_method;
use crate::rate_limit;
use crate::state::App;
use crate::store::IdemRecord;

/// The largest request body accepted.
pub const MAX_BODY: usize = 64 * 1024;

/// One API call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call<'a> {
    CreateMethod,
    CreateIntent,
    Attach(&'a str),
    Retrieve(&'a str),
}

impl Call<'_> {
    fn endpoint(self) -> FaultEndpoint {
        match self {
            Call::CreateMethod => FaultEndpoint::PaymentMethods,
            Call::CreateIntent => FaultEndpoint::PaymentIntents,
            Call::Attach(_) => FaultEndpoint::Attach,
            Call::Retrieve(_) => FaultEndpoint::GetPaymentIntent,
        }
    }
}

fn classify<'a>(method: &Method, path: &'a str) -> Option<Call<'a>> {
    let rest = path.strip_prefix("/v1/")?;
    let is_id = |id: &str| !id.is_empty() && !id.contains('/');
    match (method, rest) {
        (&Method::POST, "payment_methods") => Some(Call::CreateMethod),
        (&Method::POST, "payment_intents") => Some(Call::CreateIntent),
        _ => {
            let id_part = rest.strip_prefix("payment_intents/")?;
            match (method, id_part.strip_suffix("/attach")) {
                (&Method::POST, Some(id)) if is_id(id) => Some(Call::Attach(id)),
                (&Method::GET, None) if is_id(id_part) => Some(Call::Retrieve(id_part)),
                _ => None,
            }
        }
    }
}

/// The handler of every `/v1/…` path.
pub async fn entry(State(app): State<Arc<App>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let Some(call) = classify(request.method(), &path) else {
        return ApiError::not_found("The requested resource was not found.").into_response();
    };

    let mut malformed = false;
    if let Some(fault) = app.faults.take(call.endpoint()) {
        match fault.kind {
            FaultKind::Latency => tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await,
            FaultKind::Status500 => return faults::proxy_error(StatusCode::INTERNAL_SERVER_ERROR),
            FaultKind::Status502 => return faults::proxy_error(StatusCode::BAD_GATEWAY),
            FaultKind::Malformed => malformed = true,
            FaultKind::Status => {
                return faults::canned(fault.status.unwrap_or(400), fault.attribute)
            }
            FaultKind::Drop => {
                if let Some(conn) = request.extensions().get::<ConnHandle>() {
                    conn.abort();
                }
                // The connection task drops this future with the connection.
                return std::future::pending().await;
            }
        }
    }

    let key = match authenticate(request.headers(), &app.public_key, &app.secret_key) {
        Ok(key) => key,
        Err(e) => return e.into_response(),
    };
    if !app.limiter.allow(key) {
        return rate_limit::too_many();
    }

    let response = match call {
        Call::Retrieve(id) => {
            let query = Query::<HashMap<String, String>>::try_from_uri(request.uri())
                .map(|q| q.0)
                .unwrap_or_default();
            let client_key = query.get("client_key").map(String::as_str);
            answer(payment_intent::retrieve(&app, key, id, client_key))
        }
        _ => post(&app, key, call, &path, request).await,
    };
    if malformed {
        return cut_short(response).await;
    }
    response
}

/// A POST call: the body, `Idempotency-Key`, the endpoint.
async fn post(app: &App, key: KeyKind, call: Call<'_>, path: &str, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let idem_key = match idempotency_key(&parts.headers, key) {
        Ok(k) => k,
        Err(e) => return e.into_response(),
    };
    if !is_json(&parts.headers) {
        return ApiError::one(
            StatusCode::BAD_REQUEST,
            "parameter_invalid",
            "The request body must be JSON, sent with Content-Type: application/json.",
        )
        .into_response();
    }
    let bytes = match to_bytes(body, MAX_BODY).await {
        // Owned, so the copy that holds a card number is overwritten when dropped.
        Ok(b) => Zeroizing::new(Vec::from(b)),
        Err(_) => {
            return ApiError::one(
                StatusCode::PAYLOAD_TOO_LARGE,
                "parameter_invalid",
                "The request body is too large or could not be read.",
            )
            .into_response()
        }
    };

    let print = fingerprint(&app.hash_keys, path, &bytes);
    if let Some(idem_key) = &idem_key {
        match app.store.idem_begin(idem_key, print) {
            None => {}
            Some(IdemRecord::Done {
                fingerprint,
                status,
                body,
            }) if fingerprint == print => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                let mut r = json_response(status, body.to_vec());
                r.headers_mut()
                    .insert("idempotent-replayed", HeaderValue::from_static("true"));
                return r;
            }
            Some(IdemRecord::Pending(first)) if first == print => {
                return ApiError::one(
                    StatusCode::CONFLICT,
                    "idempotency_key_in_use",
                    "A request with this Idempotency-Key is still being processed.",
                )
                .into_response()
            }
            Some(IdemRecord::Done { .. } | IdemRecord::Pending(_)) => {
                return ApiError::one(
                    StatusCode::BAD_REQUEST,
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with other parameters.",
                )
                .into_response()
            }
        }
    }

    let result = match Json::parse(&bytes) {
        Some(json) => dispatch(app, key, call, &json),
        None => Err(ApiError::one(
            StatusCode::BAD_REQUEST,
            "parameter_invalid",
            "The request body is not valid JSON.",
        )),
    };
    drop(bytes);
    let (status, body) = match result.and_then(|v| to_json(&v)) {
        Ok(body) => (StatusCode::OK, body),
        Err(e) => (e.status, e.body()),
    };
    if let Some(idem_key) = &idem_key {
        app.store.idem_finish(
            idem_key,
            IdemRecord::Done {
                fingerprint: print,
                status: status.as_u16(),
                body: body.clone().into(),
            },
        );
    }
    json_response(status, body)
}

fn dispatch(app: &App, key: KeyKind, call: Call<'_>, body: &Json) -> Result<Value, ApiError> {
    match call {
        Call::CreateMethod => {
            let method = payment_method::create(body, clock::today())?;
            let answer = method.to_json();
            app.store.insert_method(method);
            app.tokenizations.fetch_add(1, Ordering::Relaxed);
            Ok(answer)
        }
        Call::CreateIntent => payment_intent::create(app, key, body),
        Call::Attach(id) => payment_intent::attach(app, key, id, body),
        Call::Retrieve(_) => Err(ApiError::not_found("The requested resource was not found.")),
    }
}

fn answer(result: Result<Value, ApiError>) -> Response {
    match result.and_then(|v| to_json(&v)) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(e) => e.into_response(),
    }
}

/// The `Idempotency-Key` of a request, scoped to its API key; a 400 when it is empty, too long
/// or not ASCII.
fn idempotency_key(headers: &HeaderMap, key: KeyKind) -> Result<Option<IdemKey>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(s) if !s.is_empty() && s.len() <= MAX_KEY_LEN => Ok(Some(IdemKey {
            api_key: key,
            key: s.to_string(),
        })),
        _ => Err(ApiError::one(
            StatusCode::BAD_REQUEST,
            "parameter_invalid",
            "Idempotency-Key must be 1 to 255 visible ASCII characters.",
        )),
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// A 200 whose JSON body is cut short (the `malformed` fault).
async fn cut_short(response: Response) -> Response {
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    json_response(StatusCode::OK, faults::truncate(&body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls() {
        let post = Method::POST;
        let get = Method::GET;
        assert_eq!(
            classify(&post, "/v1/payment_methods"),
            Some(Call::CreateMethod)
        );
        assert_eq!(
            classify(&post, "/v1/payment_intents"),
            Some(Call::CreateIntent)
        );
        assert_eq!(
            classify(&post, "/v1/payment_intents/pi_1/attach"),
            Some(Call::Attach("pi_1"))
        );
        assert_eq!(
            classify(&get, "/v1/payment_intents/pi_1"),
            Some(Call::Retrieve("pi_1"))
        );
        assert_eq!(classify(&get, "/v1/payment_methods"), None);
        assert_eq!(classify(&post, "/v1/payment_intents//attach"), None);
        assert_eq!(classify(&get, "/v1/payment_intents/a/b"), None);
        assert_eq!(classify(&get, "/v1/payment_intents/"), None);
    }
}
