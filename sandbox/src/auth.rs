//! API keys: HTTP Basic with the key as user name and an empty password.

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use zeroize::Zeroizing;

use crate::error::ApiError;
use crate::ids::same_secret;

/// Which configured key a request used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// The public key: tokenize, attach with a client key, read with a client key.
    Public,
    /// The secret key: everything.
    Secret,
}

/// Identifies the key of a request, or answers PayMongo's 401.
pub fn authenticate(headers: &HeaderMap, public: &str, secret: &str) -> Result<KeyKind, ApiError> {
    let key = basic_user(headers).ok_or_else(|| {
        ApiError::unauthorized(
            "You did not provide an API key. Send it as the user name of HTTP Basic \
             authentication, with an empty password.",
        )
    })?;
    if key.starts_with("pk_live_") || key.starts_with("sk_live_") {
        return Err(ApiError::unauthorized(
            "Live keys are not accepted by the sandbox; use its test keys.",
        ));
    }
    if same_secret(&key, public) {
        Ok(KeyKind::Public)
    } else if same_secret(&key, secret) {
        Ok(KeyKind::Secret)
    } else {
        Err(ApiError::unauthorized(
            "You did not provide a valid API key.",
        ))
    }
}

/// The user name of a `Basic` authorization header.
fn basic_user(headers: &HeaderMap) -> Option<Zeroizing<String>> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = Zeroizing::new(STANDARD.decode(encoded.trim()).ok()?);
    let text = std::str::from_utf8(&decoded).ok()?;
    let user = text.split(':').next().unwrap_or("");
    (!user.is_empty()).then(|| Zeroizing::new(user.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(auth: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(auth).unwrap());
        h
    }

    fn basic(user_pass: &str) -> HeaderMap {
        with(&format!("Basic {}", STANDARD.encode(user_pass)))
    }

    #[test]
    fn keys() {
        let check = |h: &HeaderMap| authenticate(h, "pk_test_a", "sk_test_b").ok();
        assert_eq!(check(&basic("pk_test_a:")), Some(KeyKind::Public));
        assert_eq!(check(&basic("sk_test_b:")), Some(KeyKind::Secret));
        assert_eq!(check(&basic("pk_test_c:")), None);
        assert_eq!(check(&basic("pk_live_a:")), None);
        assert_eq!(check(&basic(":")), None);
        assert_eq!(check(&with("Bearer pk_test_a")), None);
        assert_eq!(check(&HeaderMap::new()), None);
    }
}
