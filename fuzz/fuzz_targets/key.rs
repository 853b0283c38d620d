//! Keys and endpoints: `parse_public_key`, `check_endpoint` and `is_loopback` on any text.
//! Checks that only well-formed public keys pass, that anything that reads as a secret key is
//! `secret_key_forbidden`, and that the rules for live keys and `http:` hold. (Messages are the
//! codes' fixed texts: the browser tests check that no error echoes the key.)
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sealcard::{check_endpoint, is_loopback, parse_public_key, ErrorCode, KeyMode};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    key: &'a str,
    api_base: &'a str,
    live: bool,
    secure_page: bool,
}

fuzz_target!(|input: Input<'_>| {
    let key = input.key;
    match parse_public_key(key) {
        Ok(mode) => {
            let rest = match mode {
                KeyMode::Test => key.strip_prefix("pk_test_"),
                KeyMode::Live => key.strip_prefix("pk_live_"),
            }
            .expect("the prefix of its mode");
            assert!(!rest.is_empty() && key.len() <= 256);
            assert!(rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        }
        Err(code) => {
            assert!(matches!(
                code,
                ErrorCode::SecretKeyForbidden | ErrorCode::InvalidPublicKey
            ));
        }
    }
    let trimmed = key.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    if trimmed.starts_with("sk_") || trimmed.starts_with("rk_") {
        assert_eq!(parse_public_key(key), Err(ErrorCode::SecretKeyForbidden));
    }

    let mode = if input.live {
        KeyMode::Live
    } else {
        KeyMode::Test
    };
    let base = input.api_base;
    match check_endpoint(mode, base, input.secure_page) {
        Ok(()) => {
            assert!(mode == KeyMode::Test || input.secure_page);
            let lower = base.to_ascii_lowercase();
            let https = lower.starts_with("https://");
            assert!(https || (lower.starts_with("http://") && mode == KeyMode::Test));
            let rest = &base[if https { 8 } else { 7 }..];
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            assert!(!authority.is_empty() && !authority.contains('@'));
            if !https {
                let host = match authority.strip_prefix('[') {
                    Some(v6) => v6.split(']').next().unwrap_or(""),
                    None => authority.split(':').next().unwrap_or(""),
                };
                assert!(is_loopback(host), "http: only on loopback");
            }
        }
        Err(code) => {
            assert!(matches!(
                code,
                ErrorCode::InsecureContext | ErrorCode::InsecureEndpoint
            ));
            if mode == KeyMode::Live && !input.secure_page {
                assert_eq!(code, ErrorCode::InsecureContext);
            }
        }
    }
    if is_loopback(base) {
        let lower = base.to_ascii_lowercase();
        assert!(lower == "localhost" || base == "::1" || base.starts_with("127."));
    }
});
