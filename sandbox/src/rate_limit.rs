//! The per-key rate limit: more than N requests within one second are refused with PayMongo's
//! plain-text 429.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::KeyKind;

/// PayMongo's 429 body (plain text, not the JSON envelope).
pub const TOO_MANY: &str = "Too many requests, please try again later.";

/// Fixed one-second windows, one per key.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    windows: Mutex<[(Instant, u32); 2]>,
}

impl RateLimiter {
    /// A limiter of `limit` requests per second per key; 0 turns it off.
    pub fn new(limit: u32) -> RateLimiter {
        let now = Instant::now();
        RateLimiter {
            limit,
            windows: Mutex::new([(now, 0); 2]),
        }
    }

    /// Counts a request; `false` when it is over the limit.
    pub fn allow(&self, key: KeyKind) -> bool {
        if self.limit == 0 {
            return true;
        }
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        let window = match key {
            KeyKind::Public => &mut windows[0],
            KeyKind::Secret => &mut windows[1],
        };
        if now.saturating_duration_since(window.0) >= Duration::from_secs(1) {
            *window = (now, 0);
        }
        window.1 = window.1.saturating_add(1);
        window.1 <= self.limit
    }

    /// Starts every window afresh.
    pub fn reset(&self) {
        let now = Instant::now();
        *self.windows.lock().unwrap_or_else(PoisonError::into_inner) = [(now, 0); 2];
    }
}

/// The 429 answer.
pub fn too_many() -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, TOO_MANY).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_key() {
        let limiter = RateLimiter::new(2);
        assert!(limiter.allow(KeyKind::Public));
        assert!(limiter.allow(KeyKind::Public));
        assert!(!limiter.allow(KeyKind::Public));
        assert!(limiter.allow(KeyKind::Secret));
        limiter.reset();
        assert!(limiter.allow(KeyKind::Public));
        let off = RateLimiter::new(0);
        assert!((0..1000).all(|_| off.allow(KeyKind::Public)));
    }
}
