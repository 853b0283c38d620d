//! Key and endpoint rules: which keys and API base URLs browser code may use.
//!
//! Errors never contain the key.

use crate::error::ErrorCode;
use crate::search::before_any;

/// Whether a public key is for test or live mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyMode {
    /// `pk_test_…`: test mode; may talk to a loopback sandbox over `http:`.
    Test,
    /// `pk_live_…`: live mode; needs a secure page and an `https:` API.
    Live,
}

/// The longest key accepted (PayMongo's keys are about 32 characters).
const MAX_KEY_LEN: usize = 256;

/// Checks that `key` is a PayMongo public key and tells its mode.
///
/// A secret key (`sk_…`, even with stray whitespace around it) is `SecretKeyForbidden`;
/// anything else that is not exactly `pk_test_` or `pk_live_` followed by letters, digits and
/// underscores is `InvalidPublicKey` (whitespace included: keys are never trimmed silently).
///
/// ```
/// use sealcard::{parse_public_key, KeyMode, ErrorCode};
/// assert_eq!(parse_public_key("pk_test_sandbox"), Ok(KeyMode::Test));
/// assert_eq!(parse_public_key("sk_test_sandbox"), Err(ErrorCode::SecretKeyForbidden));
/// ```
pub fn parse_public_key(key: &str) -> Result<KeyMode, ErrorCode> {
    // Only the start matters: what a secret key starts with, after stray spaces or quotes.
    let trimmed = key.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    if trimmed.starts_with("sk_") || trimmed.starts_with("rk_") {
        return Err(ErrorCode::SecretKeyForbidden);
    }
    let (mode, rest) = if let Some(rest) = key.strip_prefix("pk_test_") {
        (KeyMode::Test, rest)
    } else if let Some(rest) = key.strip_prefix("pk_live_") {
        (KeyMode::Live, rest)
    } else {
        return Err(ErrorCode::InvalidPublicKey);
    };
    let well_formed = !rest.is_empty()
        && key.len() <= MAX_KEY_LEN
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if well_formed {
        Ok(mode)
    } else {
        Err(ErrorCode::InvalidPublicKey)
    }
}

/// Checks the API base URL (as the browser's URL parser prints it) for a key of `mode` used on
/// a page that is (`secure_page`) or is not a secure context.
///
/// Live keys need a secure page and an `https:` API. Test keys may also use `http:` against
/// loopback: `localhost`, `127.0.0.0/8` or `[::1]`.
///
/// ```
/// use sealcard::{check_endpoint, KeyMode, ErrorCode};
/// assert_eq!(check_endpoint(KeyMode::Test, "http://localhost:8082/v1", false), Ok(()));
/// assert_eq!(
///     check_endpoint(KeyMode::Test, "http://192.168.1.5/v1", false),
///     Err(ErrorCode::InsecureEndpoint),
/// );
/// assert_eq!(
///     check_endpoint(KeyMode::Live, "https://api.paymongo.com/v1", false),
///     Err(ErrorCode::InsecureContext),
/// );
/// ```
pub fn check_endpoint(mode: KeyMode, api_base: &str, secure_page: bool) -> Result<(), ErrorCode> {
    if mode == KeyMode::Live && !secure_page {
        return Err(ErrorCode::InsecureContext);
    }
    let (https, rest) = if let Some(rest) = strip_prefix_ignore_case(api_base, "https://") {
        (true, rest)
    } else if let Some(rest) = strip_prefix_ignore_case(api_base, "http://") {
        (false, rest)
    } else {
        return Err(ErrorCode::InsecureEndpoint);
    };
    let authority = before_any(rest, b"/?#");
    if authority.is_empty() || authority.bytes().any(|b| b == b'@') {
        // No host, or credentials in the URL: neither belongs in an API base.
        return Err(ErrorCode::InsecureEndpoint);
    }
    if https || (mode == KeyMode::Test && is_loopback(host_of(authority))) {
        Ok(())
    } else {
        Err(ErrorCode::InsecureEndpoint)
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// The host of `host[:port]` or `[v6][:port]`.
fn host_of(authority: &str) -> &str {
    match authority.strip_prefix('[') {
        Some(v6) => before_any(v6, b"]"),
        None => before_any(authority, b":"),
    }
}

/// Whether `host` names the loopback interface.
pub fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "::1" {
        return true;
    }
    // `127.a.b.c`, each of `a`, `b` and `c` one to three digits worth at most 255.
    let Some(rest) = host.strip_prefix("127.") else {
        return false;
    };
    let octet = |o: &[u8]| {
        (1..=3).contains(&o.len())
            && o.iter().all(u8::is_ascii_digit)
            && o.iter().fold(0u16, |v, d| v * 10 + u16::from(d - b'0')) <= 255
    };
    let mut octets = rest.as_bytes().split(|&b| b == b'.');
    octets.clone().count() == 3 && octets.all(octet)
}
