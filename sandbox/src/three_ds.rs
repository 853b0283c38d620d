//! The 3-D Secure test page on the API origin: "Authorize test payment" / "Fail test payment".
//!
//! `GET /3ds/{pi_id}?token=…` shows the page (the `next_action.redirect.url` of an intent);
//! its forms post to `/3ds/{pi_id}/authorize` or `/3ds/{pi_id}/fail`, which settle the intent
//! and answer a page that posts `3DS-authentication-complete` to its parent when framed, or
//! returns to `return_url` otherwise. No inline script or style: both are files of their own,
//! and every page carries a strict Content-Security-Policy.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::payment_intent::{complete_3ds, pending_3ds};
use crate::state::App;

const SCRIPT: &str = include_str!("../assets/three-ds.js");
const STYLE: &str = include_str!("../assets/three-ds.css");

/// Where the page's script is served.
pub const SCRIPT_PATH: &str = "/3ds-assets/three-ds.js";
/// Where the page's style sheet is served.
pub const STYLE_PATH: &str = "/3ds-assets/three-ds.css";

/// `GET /3ds/{pi_id}?token=…`
pub async fn page(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let token = query.get("token").map(String::as_str).unwrap_or("");
    let Some(amount) = pending_3ds(&app, &id, token) else {
        return not_pending(&app);
    };
    let mut forms = String::new();
    for (action, label, class) in [
        ("authorize", "Authorize test payment", ""),
        ("fail", "Fail test payment", " class=\"secondary\""),
    ] {
        let _ = write!(
            forms,
            "<form method=\"post\" action=\"/3ds/{id}/{action}\">\
             <input type=\"hidden\" name=\"token\" value=\"{token}\">\
             <button type=\"submit\"{class}>{label}</button></form>",
            id = escape(&id),
            token = escape(token),
        );
    }
    let body = format!(
        "<h1>3-D Secure test authentication</h1>\
         <p class=\"note\">This page stands in for the card issuer's check in the sealcard \
         sandbox. No bank is involved and no money moves.</p>\
         <p class=\"amount\">Amount: PHP {amount}</p>\
         <div class=\"actions\">{forms}</div>",
        amount = pesos(amount),
    );
    html(&app, StatusCode::OK, &body)
}

/// `POST /3ds/{pi_id}/authorize`
pub async fn authorize(
    state: State<Arc<App>>,
    path: Path<String>,
    form: Form<HashMap<String, String>>,
) -> Response {
    settle(state, path, form, true)
}

/// `POST /3ds/{pi_id}/fail`
pub async fn fail(
    state: State<Arc<App>>,
    path: Path<String>,
    form: Form<HashMap<String, String>>,
) -> Response {
    settle(state, path, form, false)
}

fn settle(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
    authorize: bool,
) -> Response {
    let token = form.get("token").map(String::as_str).unwrap_or("");
    let Some(done) = complete_3ds(&app, &id, token, authorize) else {
        return not_pending(&app);
    };
    let (heading, text) = match (authorize, done.status) {
        (true, "succeeded" | "awaiting_capture") => (
            "Authentication complete",
            "The test payment was authorized.",
        ),
        (true, _) => (
            "Authentication complete",
            "The card was authenticated, and the test payment was declined.",
        ),
        (false, _) => (
            "Authentication failed",
            "The test payment was not authorized.",
        ),
    };
    let (data, back) = match &done.return_url {
        Some(url) => (
            format!(" data-return-url=\"{}\"", escape(url)),
            format!("<p><a href=\"{}\">Return to the shop</a></p>", escape(url)),
        ),
        None => (
            String::new(),
            "<p>You can close this window.</p>".to_string(),
        ),
    };
    let body = format!(
        "<div id=\"done\" data-status=\"{status}\"{data}>\
         <h1>{heading}</h1><p role=\"status\">{text}</p>{back}</div>",
        status = done.status,
    );
    html(&app, StatusCode::OK, &body)
}

fn not_pending(app: &App) -> Response {
    html(
        app,
        StatusCode::NOT_FOUND,
        "<h1>No authentication pending</h1>\
         <p>This test authentication does not exist, has expired, or was already completed.</p>",
    )
}

/// A page of the 3-D Secure flow with its security headers.
fn html(app: &App, status: StatusCode, main: &str) -> Response {
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>3-D Secure test — sealcard sandbox</title>\
         <link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\
         <script src=\"{SCRIPT_PATH}\" defer></script></head>\
         <body><main>{main}</main></body></html>\n"
    );
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors {}",
        app.cors.frame_ancestors()
    );
    let mut response = (status, page).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    secure_headers(h);
    response
}

fn secure_headers(h: &mut axum::http::HeaderMap) {
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// `GET /3ds-assets/three-ds.js`
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `GET /3ds-assets/three-ds.css`
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    let mut response = text.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    secure_headers(h);
    response
}

/// Escapes text for HTML content and double-quoted attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Centavos as pesos: `149900` → `1,499.00`.
fn pesos(centavos: u64) -> String {
    let whole = (centavos / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", centavos % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(pesos(149_900), "1,499.00");
        assert_eq!(pesos(2_000), "20.00");
        assert_eq!(pesos(123_456_789), "1,234,567.89");
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
