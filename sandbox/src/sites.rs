//! The demo's other two origins: the merchant (static pages and a merchant back end that
//! creates Payment Intents with the secret key, server side) and the fields frame (static
//! files). Each carries its Content-Security-Policy; nothing is cached.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::auth::KeyKind;
use crate::error::{json_response, ApiError};
use crate::json::Json;
use crate::payment_intent;
use crate::state::App;

/// The demo cart: ₱1,499.00.
pub const DEMO_AMOUNT: u64 = 149_900;

const DEMO_INTENT: &[u8] = br#"{"data":{"attributes":{
    "amount":149900,"currency":"PHP","payment_method_allowed":["card"],
    "payment_method_options":{"card":{"request_three_d_secure":"any"}},
    "description":"sealcard demo order","capture_type":"automatic"}}}"#;

/// The merchant origin's Content-Security-Policy: what a shop using isolated mode needs —
/// no `unsafe-inline`, no `unsafe-eval`, no wasm. The 3-D Secure page is framed from the API.
/// Trusted Types are required and no policy may be created: sealcard uses no injection sink.
pub fn merchant_csp(app: &App) -> String {
    let api = app.origins.api.join(" ");
    let mut frames = app.origins.frame.clone();
    frames.extend(app.origins.api.iter().cloned());
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self' {api}; frame-src {frames}; base-uri 'none'; form-action 'self'; \
         object-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'",
        frames = frames.join(" ")
    )
}

/// The CSP of the inline-mode demo page (`/inline.html`): the fields' wasm runs in the page, so
/// it also needs `'wasm-unsafe-eval'`.
pub fn merchant_inline_csp(app: &App) -> String {
    merchant_csp(app).replacen(
        "script-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        1,
    )
}

/// The fields frame's Content-Security-Policy (Trusted Types as on the merchant's pages).
pub fn frame_csp(app: &App) -> String {
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         connect-src 'self' {api}; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'; \
         require-trusted-types-for 'script'; trusted-types 'none'",
        api = app.origins.api.join(" "),
        ancestors = app.cors.frame_ancestors(),
    )
}

/// The merchant origin: `POST /api/checkout`, `GET /api/payments/{pi_id}`, `dir`'s files, and
/// the sealcard files under `/sealcard/` (and `/sealcard.js`) when `assets` is given.
pub fn merchant(app: Arc<App>, dir: &Path, assets: Option<&Path>) -> Router {
    let csp = merchant_csp(&app);
    let inline_csp = merchant_inline_csp(&app);
    let mut router = Router::new()
        .route("/api/checkout", post(checkout))
        .route("/api/payments/{id}", get(payment));
    if let Some(assets) = assets {
        router = router
            .route_service("/sealcard.js", ServeFile::new(assets.join("sealcard.js")))
            .nest_service("/sealcard", ServeDir::new(assets));
    }
    let router = router.fallback_service(ServeDir::new(dir)).with_state(app);
    // The inline-mode page gets its own policy; every other page the strict one.
    let router = router.layer(axum::middleware::map_response(
        move |uri: axum::http::Uri, mut response: Response| {
            let csp = if uri.path() == "/inline.html" {
                &inline_csp
            } else {
                &csp
            };
            let value = HeaderValue::from_str(csp)
                .unwrap_or(HeaderValue::from_static("default-src 'none'"));
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
            async move { response }
        },
    ));
    common_headers(router)
}

/// The fields-frame origin: `dir`'s files (the built `dist/`: the frame page under
/// `/frame/`, and the loader, which a shop may load from here with SRI).
pub fn frame(app: &App, dir: &Path) -> Router {
    let csp = HeaderValue::from_str(&frame_csp(app))
        .unwrap_or(HeaderValue::from_static("default-src 'none'"));
    common_headers(
        Router::new()
            .fallback_service(ServeDir::new(dir))
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                csp,
            ))
            // Public files: a page of another origin may load the loader with `crossorigin`
            // (SRI needs CORS).
            .layer(SetResponseHeaderLayer::overriding(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            )),
    )
}

fn common_headers(router: Router) -> Router {
    router
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
}

/// `POST /api/checkout`: a Payment Intent for the demo cart, created with the secret key;
/// only its client key goes to the page.
async fn checkout(State(app): State<Arc<App>>) -> Response {
    let Some(body) = Json::parse(DEMO_INTENT) else {
        return ApiError::internal().into_response();
    };
    let intent = match payment_intent::create(&app, KeyKind::Secret, &body) {
        Ok(intent) => intent,
        Err(e) => return e.into_response(),
    };
    let client_key = intent
        .pointer("/data/attributes/client_key")
        .cloned()
        .unwrap_or(Value::Null);
    reply(&json!({
        "clientKey": client_key,
        "amount": DEMO_AMOUNT,
        "currency": "PHP",
        "publicKey": app.public_key,
        "apiBase": format!("{}/v1", app.origins.public_url),
        "frameUrl": app.origins.frame.first().map(|f| format!("{f}/frame/frame.html")),
    }))
}

/// `GET /api/payments/{pi_id}`: the intent's status, read with the secret key.
async fn payment(State(app): State<Arc<App>>, UrlPath(id): UrlPath<String>) -> Response {
    let intent = match payment_intent::retrieve(&app, KeyKind::Secret, &id, None) {
        Ok(intent) => intent,
        Err(e) => return e.into_response(),
    };
    let attr = |name: &str| {
        intent
            .pointer(&format!("/data/attributes/{name}"))
            .cloned()
            .unwrap_or(Value::Null)
    };
    reply(&json!({
        "id": id,
        "status": attr("status"),
        "amount": attr("amount"),
        "currency": attr("currency"),
        "lastPaymentError": attr("last_payment_error"),
    }))
}

fn reply(value: &Value) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(_) => ApiError::internal().into_response(),
    }
}
