//! CORS on the API origin: configured origins (exact match), optionally any loopback origin.
//! Other origins get no CORS headers, so browsers refuse the answer.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Who may call the API from a browser.
#[derive(Clone, Debug)]
pub struct CorsPolicy {
    origins: Vec<String>,
    loopback: bool,
}

/// How long browsers may cache a preflight answer, in seconds.
const MAX_AGE: &str = "600";

impl CorsPolicy {
    /// Exactly `origins`, and with `loopback` any `http(s)` origin on loopback.
    pub fn new(mut origins: Vec<String>, loopback: bool) -> CorsPolicy {
        origins.sort();
        origins.dedup();
        CorsPolicy { origins, loopback }
    }

    /// Whether `origin` may call.
    pub fn allows(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o == origin) || (self.loopback && is_loopback_origin(origin))
    }

    /// The `frame-ancestors` sources for pages of the API origin (the 3-D Secure page).
    pub fn frame_ancestors(&self) -> String {
        let mut sources = vec!["'self'".to_string()];
        sources.extend(self.origins.iter().cloned());
        if self.loopback {
            sources.extend(
                ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"].map(String::from),
            );
        }
        sources.join(" ")
    }
}

/// Whether `origin` is `http(s)://host[:port]` with a loopback host and nothing else.
fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        match v6.split_once(']') {
            Some((host, after)) => (host, after),
            None => return false,
        }
    } else {
        match rest.split_once(':') {
            Some((host, port)) => (host, rest.get(host.len()..).unwrap_or(port)),
            None => (rest, ""),
        }
    };
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| {
            !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
        });
    port_ok && sealcard::is_loopback(host)
}

/// The CORS middleware for the API origin (admin paths included).
pub async fn layer(
    State(policy): State<Arc<CorsPolicy>>,
    request: Request,
    next: Next,
) -> Response {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| policy.allows(o))
        .and_then(|o| HeaderValue::from_str(o).ok());
    let admin = request.uri().path().starts_with("/__admin/");
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        match &origin {
            Some(_) => {
                let mut r = StatusCode::NO_CONTENT.into_response();
                let h = r.headers_mut();
                h.insert(
                    header::ACCESS_CONTROL_ALLOW_METHODS,
                    HeaderValue::from_static(if admin {
                        "GET, POST, DELETE, OPTIONS"
                    } else {
                        "GET, POST, OPTIONS"
                    }),
                );
                h.insert(
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    HeaderValue::from_static("Authorization, Content-Type, Idempotency-Key"),
                );
                h.insert(
                    header::ACCESS_CONTROL_MAX_AGE,
                    HeaderValue::from_static(MAX_AGE),
                );
                r
            }
            None => StatusCode::FORBIDDEN.into_response(),
        }
    } else {
        next.run(request).await
    };
    allow(response.headers_mut(), origin);
    response
}

fn allow(headers: &mut HeaderMap, origin: Option<HeaderValue>) {
    if let Some(origin) = origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_origins() {
        for ok in [
            "http://localhost",
            "http://localhost:1234",
            "https://127.0.0.1:9",
            "http://127.4.5.6:80",
            "http://[::1]:5000",
        ] {
            assert!(is_loopback_origin(ok), "{ok}");
        }
        for bad in [
            "http://localhost.evil.example",
            "http://localhost:12a",
            "http://localhost:1/x",
            "http://10.0.0.1:80",
            "file://localhost",
            "null",
            "http://[::1]x",
            "http://[::2]:1",
        ] {
            assert!(!is_loopback_origin(bad), "{bad}");
        }
    }

    #[test]
    fn exact_origins() {
        let p = CorsPolicy::new(vec!["http://localhost:8080".into()], false);
        assert!(p.allows("http://localhost:8080"));
        assert!(!p.allows("http://localhost:8080/"));
        assert!(!p.allows("http://localhost:8081"));
    }
}
