//! CORS: preflights for allowed origins, nothing for the others.

use reqwest::{Method, StatusCode};

use crate::{card, Sandbox, PK};

async fn preflight(sb: &Sandbox, path: &str, origin: &str) -> reqwest::Response {
    sb.client
        .request(Method::OPTIONS, sb.url(path))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,idempotency-key",
        )
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn allowed_origins_get_a_preflight_and_the_answer() {
    let sb = Sandbox::start().await;
    for origin in ["http://localhost:8080", "http://127.0.0.1:8081"] {
        let r = preflight(&sb, "/v1/payment_methods", origin).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT, "{origin}");
        let h = r.headers();
        assert_eq!(h["access-control-allow-origin"], origin);
        assert_eq!(h["access-control-allow-methods"], "GET, POST, OPTIONS");
        assert_eq!(
            h["access-control-allow-headers"],
            "Authorization, Content-Type, Idempotency-Key"
        );
        assert!(h.contains_key("access-control-max-age"));
        assert_eq!(h["vary"], "Origin");

        let r = sb
            .request(Method::POST, PK, "/v1/payment_methods")
            .header("origin", origin)
            .json(&card("4343434343434345", "123"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["access-control-allow-origin"], origin);
        assert_eq!(r.headers()["vary"], "Origin");
    }
    // Errors carry CORS too, so a page can read them.
    let r = sb
        .request(Method::POST, "pk_test_wrong", "/v1/payment_methods")
        .header("origin", "http://localhost:8080")
        .json(&card("4343434343434345", "123"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "http://localhost:8080"
    );
    // The admin paths allow DELETE too.
    let r = preflight(&sb, "/__admin/faults", "http://localhost:8080").await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        r.headers()["access-control-allow-methods"],
        "GET, POST, DELETE, OPTIONS"
    );
}

#[tokio::test]
async fn other_origins_get_no_cors_headers() {
    let sb = Sandbox::start().await;
    for origin in [
        "http://evil.example",
        "http://localhost:9999",
        "http://localhost:8080.evil.example",
        "null",
    ] {
        let r = preflight(&sb, "/v1/payment_methods", origin).await;
        assert_ne!(r.status(), StatusCode::NO_CONTENT, "{origin}");
        assert!(!r.headers().contains_key("access-control-allow-origin"));
        assert!(!r.headers().contains_key("access-control-allow-methods"));

        let r = sb
            .request(Method::POST, PK, "/v1/payment_methods")
            .header("origin", origin)
            .json(&card("4343434343434345", "123"))
            .send()
            .await
            .unwrap();
        assert!(!r.headers().contains_key("access-control-allow-origin"));
    }
}

#[tokio::test]
async fn configured_and_loopback_origins() {
    let sb = Sandbox::with(|c| {
        c.cors_origins = vec!["https://shop.example".into()];
        c.cors_loopback = true;
    })
    .await;
    for origin in [
        "https://shop.example",
        "http://localhost:45678",
        "http://127.0.0.2:3000",
        "http://[::1]:8000",
    ] {
        let r = preflight(&sb, "/v1/payment_methods", origin).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT, "{origin}");
        assert_eq!(r.headers()["access-control-allow-origin"], origin);
    }
    for origin in ["http://localhost:8080.example", "https://shop.example:8443"] {
        let r = preflight(&sb, "/v1/payment_methods", origin).await;
        assert!(
            !r.headers().contains_key("access-control-allow-origin"),
            "{origin}"
        );
    }
    // Without --cors-loopback, the demo origins are gone once others are configured.
    let sb = Sandbox::with(|c| c.cors_origins = vec!["https://shop.example".into()]).await;
    let r = preflight(&sb, "/v1/payment_methods", "http://localhost:8080").await;
    assert!(!r.headers().contains_key("access-control-allow-origin"));
}
