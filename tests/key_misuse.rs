//! Key misuse, on the host: secret and restricted keys (with whitespace and quotes around them),
//! keys of the wrong shape, live keys outside a secure page or on `http:`, `http:` API bases off
//! loopback, and URLs that only look like loopback. Each is refused with its code, and no error
//! text carries any part of the key. (The browser side — refused before any request, in both
//! browsers — is `tests/e2e/keys.test.mjs`.)
#![cfg(not(target_arch = "wasm32"))]

use sealcard::{check_endpoint, message, parse_public_key, ErrorCode, KeyMode, Locale};

/// A part of every key below that must never be echoed.
const SECRET: &str = "S3CR3Tpart";

fn refused(key: &str) -> ErrorCode {
    let code = parse_public_key(key).expect_err(key);
    for text in [
        code.to_string(),
        message(code, Locale::En).to_string(),
        message(code, Locale::Fil).to_string(),
        format!("{code:?}"),
    ] {
        assert!(!text.contains(SECRET), "{key:?}: echoed in {text:?}");
    }
    code
}

#[test]
fn secret_and_restricted_keys_are_forbidden_however_wrapped() {
    for key in [
        "sk_test_S3CR3Tpart",
        "sk_live_S3CR3Tpart",
        "rk_live_S3CR3Tpart",
        " sk_live_S3CR3Tpart",
        "sk_live_S3CR3Tpart\n",
        "\t sk_test_S3CR3Tpart \r\n",
        "\"sk_live_S3CR3Tpart\"",
        "'sk_live_S3CR3Tpart'",
        "\u{A0}sk_live_S3CR3Tpart",
        "\u{3000}sk_live_S3CR3Tpart",
    ] {
        assert_eq!(refused(key), ErrorCode::SecretKeyForbidden, "{key:?}");
    }
}

#[test]
fn keys_of_the_wrong_shape_are_invalid() {
    let long = format!("pk_test_{SECRET}{}", "a".repeat(260));
    for key in [
        "pk_test_S3CR3Tpart ",
        " pk_test_S3CR3Tpart",
        "pk_test_S3CR3Tpart\n",
        "pk_test_ S3CR3Tpart",
        "pk_test_S3CR3Tpart\u{200B}",
        "\u{FEFF}pk_test_S3CR3Tpart",
        "pk_test_S3CR3Tpart-x",
        "pk_test_S3CR3Tpart\u{0}",
        "pk_test_S3CR3Tpärt",
        "pk_tеst_S3CR3Tpart", // a Cyrillic е
        "PK_TEST_S3CR3Tpart",
        "pk-test-S3CR3Tpart",
        "pk_S3CR3Tpart",
        "pk_test_",
        "pk_live_",
        "",
        "Bearer sk_live_S3CR3Tpart",
        "pk_test_abc sk_live_S3CR3Tpart",
        long.as_str(),
    ] {
        assert_eq!(refused(key), ErrorCode::InvalidPublicKey, "{key:?}");
    }
    assert_eq!(parse_public_key("pk_test_S3CR3Tpart"), Ok(KeyMode::Test));
    assert_eq!(parse_public_key("pk_live_S3CR3Tpart"), Ok(KeyMode::Live));
}

#[test]
fn live_keys_need_a_secure_page_and_https() {
    use ErrorCode::{InsecureContext, InsecureEndpoint};
    let live = KeyMode::Live;
    assert_eq!(
        check_endpoint(live, "https://api.paymongo.com/v1", false),
        Err(InsecureContext)
    );
    assert_eq!(
        check_endpoint(live, "https://api.paymongo.com/v1", true),
        Ok(())
    );
    for base in [
        "http://api.paymongo.com/v1",
        "http://localhost:8082/v1",
        "http://127.0.0.1:8082/v1",
        "http://[::1]:8082/v1",
    ] {
        assert_eq!(
            check_endpoint(live, base, true),
            Err(InsecureEndpoint),
            "{base}"
        );
    }
}

#[test]
fn http_api_bases_are_refused_off_loopback() {
    let test = KeyMode::Test;
    for base in [
        "http://localhost:8082/v1",
        "HTTP://LOCALHOST:8082/v1",
        "http://127.0.0.1:8082/v1",
        "http://127.255.255.254/v1",
        "http://[::1]:8082/v1",
        "https://api.paymongo.com/v1",
        "https://10.0.0.1/v1",
    ] {
        assert_eq!(check_endpoint(test, base, false), Ok(()), "{base}");
    }
    for base in [
        "http://api.paymongo.com/v1",
        "http://192.168.1.5/v1",
        "http://10.0.0.1/v1",
        "http://0.0.0.0:8082/v1",
        "http://[::]:8082/v1",
        "http://[::ffff:7f00:1]/v1",
        "http://127.0.0.1.example.com/v1",
        "http://localhost.example.com/v1",
        "http://127.0.0.256/v1",
        "http://127.0.0/v1",
        "http://user:pass@localhost:8082/v1",
        "http://localhost@example.com/v1",
        "https://user@api.paymongo.com/v1",
        "http:/localhost/v1",
        "http://",
        "https://",
        "ftp://localhost/v1",
        "javascript:alert(1)",
        "//localhost:8082/v1",
        "localhost:8082/v1",
        "",
    ] {
        assert_eq!(
            check_endpoint(test, base, false),
            Err(ErrorCode::InsecureEndpoint),
            "{base}"
        );
    }
}
