//! The 3-D Secure test page: authorize, fail, its headers and files.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::cards::{page_parts, press};
use crate::Sandbox;

/// An intent waiting for 3-D Secure with card `number`; answers it and the redirect URL.
async fn awaiting(sb: &Sandbox, number: &str) -> (Value, String) {
    let pi = sb.intent(json!({})).await;
    let pm = sb.pm(number).await;
    let (_, body) = sb.attach(&pi, &pm).await;
    let a = &body["data"]["attributes"];
    assert_eq!(a["status"], "awaiting_next_action");
    (
        pi,
        a["next_action"]["redirect"]["url"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

#[tokio::test]
async fn authorizing_pays_and_the_page_returns_to_the_shop() {
    let sb = Sandbox::start().await;
    let (pi, url) = awaiting(&sb, "4120000000000007").await;
    let (status, html) = press(&sb, &url, "authorize").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("data-return-url=\"http://localhost:8080/return\""),
        "{html}"
    );
    assert!(html.contains("id=\"done\""));
    assert!(html.contains("data-status=\"succeeded\""));
    assert!(html.contains("<a href=\"http://localhost:8080/return\">"));
    let read = sb.read_intent(&pi).await;
    assert_eq!(read["attributes"]["status"], "succeeded");
    assert_eq!(
        read["attributes"]["payments"].as_array().map(Vec::len),
        Some(1)
    );

    // The check is over: the page and its forms answer 404 now.
    let (path, token) = page_parts(&sb, &url);
    let page = sb.client.get(sb.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    let id = pi["id"].as_str().unwrap();
    let again = sb
        .client
        .post(sb.url(&format!("/3ds/{id}/fail")))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        sb.read_intent(&pi).await["attributes"]["status"],
        "succeeded"
    );
}

#[tokio::test]
async fn failing_returns_the_intent_to_awaiting_payment_method() {
    let sb = Sandbox::start().await;
    for number in ["4120000000000007", "5234000000000106"] {
        let (pi, url) = awaiting(&sb, number).await;
        let (status, html) = press(&sb, &url, "fail").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("data-status=\"awaiting_payment_method\""),
            "{html}"
        );
        let read = sb.read_intent(&pi).await;
        let a = &read["attributes"];
        assert_eq!(a["status"], "awaiting_payment_method", "{number}");
        assert_eq!(
            a["last_payment_error"]["failed_code"],
            "authentication_failed"
        );
        assert_eq!(a["last_payment_error"]["sub_code"], "three_d_secure_failed");
        assert_eq!(a["next_action"], Value::Null);

        // Another card may be attached afterwards.
        let pm = sb.pm("4343434343434345").await;
        let (_, body) = sb.attach(&read, &pm).await;
        assert_eq!(body["data"]["attributes"]["status"], "succeeded");
    }
}

#[tokio::test]
async fn a_wrong_token_or_a_replaced_check_is_refused() {
    let sb = Sandbox::start().await;
    let (pi, url) = awaiting(&sb, "4120000000000007").await;
    let id = pi["id"].as_str().unwrap();
    for path in [
        format!("/3ds/{id}?token=wrong"),
        format!("/3ds/{id}"),
        "/3ds/pi_unknown?token=x".to_string(),
    ] {
        let r = sb.client.get(sb.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let r = sb
        .client
        .post(sb.url(&format!("/3ds/{id}/authorize")))
        .form(&[("token", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        sb.read_intent(&pi).await["attributes"]["status"],
        "awaiting_next_action"
    );

    // Attaching again starts a new check; the old page is no longer pending.
    let pm = sb.pm("4120000000000007").await;
    let (_, body) = sb.attach(&pi, &pm).await;
    let new_url = body["data"]["attributes"]["next_action"]["redirect"]["url"]
        .as_str()
        .unwrap();
    assert_ne!(new_url, url);
    let (old_path, _) = page_parts(&sb, &url);
    let r = sb.client.get(sb.url(&old_path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (status, _) = press(&sb, new_url, "authorize").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        sb.read_intent(&pi).await["attributes"]["status"],
        "succeeded"
    );
}

#[tokio::test]
async fn the_page_is_accessible_and_strict() {
    let sb = Sandbox::start().await;
    let (_, url) = awaiting(&sb, "4120000000000007").await;
    let (path, _) = page_parts(&sb, &url);
    let page = sb.client.get(sb.url(&path)).send().await.unwrap();
    let h = page.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap();
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'self' ",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(csp.contains("http://localhost:8080"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(h["content-type"], "text/html; charset=utf-8");
    assert_eq!(h["cache-control"], "no-store");
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<title>"));
    assert!(html.contains("<h1>"));
    assert!(html.contains(">Authorize test payment</button>"));
    assert!(html.contains(">Fail test payment</button>"));
    // No inline script or style.
    assert!(!html.contains("<script>") && !html.contains("<style") && !html.contains("style="));
    for handler in ["onclick=", "onload=", "onsubmit=", "javascript:"] {
        assert!(!html.contains(handler), "no inline handlers: {handler}");
    }

    for (path, mime, needle) in [
        (
            "/3ds-assets/three-ds.js",
            "text/javascript; charset=utf-8",
            "3DS-authentication-complete",
        ),
        (
            "/3ds-assets/three-ds.css",
            "text/css; charset=utf-8",
            "button",
        ),
    ] {
        assert!(html.contains(path));
        let r = sb.client.get(sb.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], mime);
        assert!(r.text().await.unwrap().contains(needle));
    }
}

#[tokio::test]
async fn loopback_cors_lets_any_loopback_page_frame_the_page() {
    let sb = Sandbox::with(|c| c.cors_loopback = true).await;
    let (_, url) = awaiting(&sb, "4120000000000007").await;
    let (path, _) = page_parts(&sb, &url);
    let page = sb.client.get(sb.url(&path)).send().await.unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("http://localhost:*"), "{csp}");
    assert!(csp.contains("http://127.0.0.1:*"), "{csp}");
}
