//! `Idempotency-Key`: the first answer to a create is replayed for the same key and the same
//! parameters; the same key with other parameters is refused.
//!
//! The request body is never kept: a record holds a keyed hash of the endpoint and body
//! (SipHash with keys drawn at start-up), and the answer, which holds no card data.

use std::hash::{BuildHasher, Hasher};

use crate::auth::KeyKind;

/// The longest key accepted.
pub const MAX_KEY_LEN: usize = 255;

/// A keyed hash of a request's endpoint and body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(u64);

/// An idempotency key, scoped to the API key that sent it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdemKey {
    /// The API key's kind (each configured key is one kind).
    pub api_key: KeyKind,
    /// The header's value.
    pub key: String,
}

/// Hashes the endpoint path and body with the process's random keys.
pub fn fingerprint(hasher: &impl BuildHasher, path: &str, body: &[u8]) -> Fingerprint {
    let mut h = hasher.build_hasher();
    h.write(path.as_bytes());
    h.write_u8(0xff);
    h.write(body);
    Fingerprint(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::RandomState;

    #[test]
    fn fingerprints_tell_endpoints_and_bodies_apart() {
        let keys = RandomState::new();
        let a = fingerprint(&keys, "/v1/payment_methods", b"{}");
        assert_eq!(a, fingerprint(&keys, "/v1/payment_methods", b"{}"));
        assert_ne!(a, fingerprint(&keys, "/v1/payment_intents", b"{}"));
        assert_ne!(a, fingerprint(&keys, "/v1/payment_methods", b"{ }"));
    }
}
