//! Fault injection: latency, 500, 502, malformed body, dropped connection.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{card, Sandbox, PK};

#[tokio::test]
async fn latency_delays_then_answers() {
    let sb = Sandbox::start().await;
    sb.fault(json!({"endpoint": "payment_methods", "kind": "latency", "latency_ms": 300}))
        .await;
    let start = Instant::now();
    let (status, _) = sb.tokenize("4343434343434345").await;
    assert_eq!(status, StatusCode::OK);
    assert!(start.elapsed() >= Duration::from_millis(300));
    // Only the next call.
    let start = Instant::now();
    sb.tokenize("4343434343434345").await;
    assert!(start.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn proxy_errors_answer_html() {
    let sb = Sandbox::start().await;
    sb.fault(json!({"endpoint": "payment_methods", "kind": "status_500", "count": 2}))
        .await;
    sb.fault(json!({"endpoint": "any", "kind": "status_502"}))
        .await;
    for expected in [500, 500, 502] {
        let r = sb
            .request(Method::POST, PK, "/v1/payment_methods")
            .header("origin", "http://localhost:8080")
            .json(&card("4343434343434345", "123"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), expected);
        assert_eq!(r.headers()["content-type"], "text/html");
        assert_eq!(
            r.headers()["access-control-allow-origin"],
            "http://localhost:8080"
        );
        let body = r.text().await.unwrap();
        assert!(body.contains(&format!("<h1>{expected} ")), "{body}");
    }
    // The faulted calls were not processed; the next one is.
    assert_eq!(sb.stats().await["tokenizations"], 0);
    let (status, _) = sb.tokenize("4343434343434345").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn malformed_cuts_the_json_body() {
    let sb = Sandbox::start().await;
    sb.fault(json!({"endpoint": "get_payment_intent", "kind": "malformed"}))
        .await;
    let pi = sb.intent(json!({})).await;
    let id = pi["id"].as_str().unwrap();
    let r = sb
        .request(Method::GET, crate::SK, &format!("/v1/payment_intents/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/json");
    let text = r.text().await.unwrap();
    assert!(text.starts_with("{\"data\""), "{text}");
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert_eq!(sb.read_intent(&pi).await["id"], id);
}

#[tokio::test]
async fn drop_closes_the_connection_without_an_answer() {
    let sb = Sandbox::start().await;
    sb.fault(json!({"endpoint": "attach", "kind": "drop"}))
        .await;
    // While a drop is armed, answers close their connection so the dropped call comes on a
    // fresh one (browsers silently retry a call that fails on a reused connection).
    let pi = sb.intent(json!({})).await;
    let r = sb
        .request(Method::GET, crate::SK, "/v1/payment_intents/pi_x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["connection"], "close");
    let pm = sb.pm("4343434343434345").await;

    let id = pi["id"].as_str().unwrap();
    let sent = sb
        .request(
            Method::POST,
            PK,
            &format!("/v1/payment_intents/{id}/attach"),
        )
        .json(&json!({"data": {"attributes": {
            "payment_method": pm, "client_key": pi["attributes"]["client_key"]}}}))
        .send()
        .await;
    let error = sent.expect_err("no answer");
    assert!(error.is_request() || error.is_connect(), "{error:?}");
    assert!(!error.is_timeout(), "{error:?}");
    assert!(
        sb.log.lines().iter().any(|l| l.contains("/attach dropped")),
        "{:?}",
        sb.log.lines()
    );

    // Disarmed now: the intent was not touched, and attaching works.
    assert_eq!(
        sb.read_intent(&pi).await["attributes"]["status"],
        "awaiting_payment_method"
    );
    let r = sb
        .request(Method::GET, crate::SK, "/v1/payment_intents/pi_x")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("connection").is_none());
    let (status, body) = sb.attach(&pi, &pm).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["attributes"]["status"], "succeeded");
}

#[tokio::test]
async fn faults_are_listed_counted_and_cleared() {
    let sb = Sandbox::start().await;
    sb.fault(json!({"endpoint": "payment_intents", "kind": "status_500", "count": 3}))
        .await;
    let listed: Value = sb
        .client
        .get(sb.url("/__admin/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["faults"][0]["count"], 3);
    // Other endpoints are not affected.
    let (status, _) = sb.tokenize("4343434343434345").await;
    assert_eq!(status, StatusCode::OK);
    let cleared: Value = sb
        .client
        .delete(sb.url("/__admin/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["faults"], json!([]));
    sb.intent(json!({})).await;

    // Bad specs are refused.
    for spec in [
        json!({"endpoint": "tokens", "kind": "drop"}),
        json!({"endpoint": "any", "kind": "status_404"}),
        json!({"endpoint": "any"}),
    ] {
        let r = sb
            .client
            .post(sb.url("/__admin/faults"))
            .json(&spec)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{spec}");
    }
}

#[tokio::test]
async fn reset_forgets_everything() {
    let sb = Sandbox::start().await;
    let pi = sb.intent(json!({})).await;
    sb.pm("4343434343434345").await;
    sb.fault(json!({"endpoint": "any", "kind": "status_500"}))
        .await;
    let r = sb
        .client
        .post(sb.url("/__admin/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let stats = sb.stats().await;
    assert_eq!(stats["objects"], 0);
    assert_eq!(stats["tokenizations"], 0);
    assert!(stats["rss_bytes"].as_u64().unwrap() > 0);
    let id = pi["id"].as_str().unwrap();
    let (status, _) = sb
        .get(crate::SK, &format!("/v1/payment_intents/{id}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn status_faults_answer_as_paymongo_would() {
    let sb = Sandbox::start().await;
    for (fault, status, needle) in [
        (
            json!({"endpoint": "payment_methods", "kind": "status", "status": 429}),
            429,
            "Too many requests, please try again later.",
        ),
        (
            json!({"endpoint": "payment_methods", "kind": "status", "status": 401}),
            401,
            "authentication_failed",
        ),
        (
            json!({"endpoint": "payment_methods", "kind": "status"}),
            400,
            "details.card_number",
        ),
        (
            json!({"endpoint": "payment_methods", "kind": "status", "attribute": "expired"}),
            400,
            "The card is already expired.",
        ),
        (
            json!({"endpoint": "payment_methods", "kind": "status", "status": 418}),
            418,
            "api_error",
        ),
    ] {
        sb.fault(fault).await;
        let r = sb
            .request(Method::POST, PK, "/v1/payment_methods")
            .json(&card("4343434343434345", "123"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), status);
        let body = r.text().await.unwrap();
        assert!(body.contains(needle), "{body}");
    }
    assert_eq!(
        sb.stats().await["tokenizations"],
        0,
        "faulted calls are not processed"
    );
}
