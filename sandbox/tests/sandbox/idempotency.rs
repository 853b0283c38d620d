//! `Idempotency-Key`: replay, reuse with other parameters, scope, length.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{card, code, Sandbox, PK, SK};

async fn post_with_key(
    sb: &Sandbox,
    api_key: &str,
    path: &str,
    idem: &str,
    body: &Value,
) -> (StatusCode, Value, bool) {
    let r = sb
        .request(Method::POST, api_key, path)
        .header("idempotency-key", idem)
        .json(body)
        .send()
        .await
        .unwrap();
    let replayed = r.headers().get("idempotent-replayed").is_some();
    let status = r.status();
    (status, r.json().await.unwrap(), replayed)
}

#[tokio::test]
async fn the_first_answer_is_replayed() {
    let sb = Sandbox::start().await;
    let body = card("4343434343434345", "123");
    let (s1, first, r1) = post_with_key(&sb, PK, "/v1/payment_methods", "order-1", &body).await;
    let (s2, second, r2) = post_with_key(&sb, PK, "/v1/payment_methods", "order-1", &body).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(first, second);
    assert!(!r1 && r2);
    assert_eq!(sb.stats().await["tokenizations"], 1);

    // Errors are replayed too.
    let bad = card("4343434343434344", "123");
    let (s1, e1, _) = post_with_key(&sb, PK, "/v1/payment_methods", "order-2", &bad).await;
    let (s2, e2, r2) = post_with_key(&sb, PK, "/v1/payment_methods", "order-2", &bad).await;
    assert_eq!((s1, s2), (StatusCode::BAD_REQUEST, StatusCode::BAD_REQUEST));
    assert_eq!(e1, e2);
    assert!(r2);

    // Intents and attach as well.
    let attrs = json!({"data": {"attributes": {
        "amount": 2000, "currency": "PHP", "payment_method_allowed": ["card"]}}});
    let (_, pi1, _) = post_with_key(&sb, SK, "/v1/payment_intents", "intent-1", &attrs).await;
    let (_, pi2, _) = post_with_key(&sb, SK, "/v1/payment_intents", "intent-1", &attrs).await;
    assert_eq!(pi1["data"]["id"], pi2["data"]["id"]);
    let pm = first["data"]["id"].as_str().unwrap();
    let id = pi1["data"]["id"].as_str().unwrap();
    let attach = json!({"data": {"attributes": {
        "payment_method": pm, "client_key": pi1["data"]["attributes"]["client_key"]}}});
    let path = format!("/v1/payment_intents/{id}/attach");
    let (s1, a1, _) = post_with_key(&sb, PK, &path, "attach-1", &attach).await;
    let (s2, a2, r2) = post_with_key(&sb, PK, &path, "attach-1", &attach).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(a1, a2);
    assert!(r2);
    assert_eq!(a2["data"]["attributes"]["status"], "succeeded");
}

#[tokio::test]
async fn the_same_key_with_other_parameters_is_refused() {
    let sb = Sandbox::start().await;
    let (s, _, _) = post_with_key(
        &sb,
        PK,
        "/v1/payment_methods",
        "k",
        &card("4343434343434345", "123"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (s, body, _) = post_with_key(
        &sb,
        PK,
        "/v1/payment_methods",
        "k",
        &card("5555444444444457", "123"),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "idempotency_key_reused");
    // Another endpoint with the same key is other parameters too.
    let (s, body, _) = post_with_key(
        &sb,
        SK,
        "/v1/payment_intents",
        "k",
        &json!({"data": {"attributes": {"amount": 2000, "currency": "PHP", "payment_method_allowed": ["card"]}}}),
    )
    .await;
    // Keys are scoped per API key: the secret key's "k" is a new key.
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, body, _) = post_with_key(
        &sb,
        PK,
        "/v1/payment_intents/pi_x/attach",
        "k",
        &json!({"data": {"attributes": {"payment_method": "pm_x"}}}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "idempotency_key_reused");
}

#[tokio::test]
async fn keys_longer_than_255_are_refused() {
    let sb = Sandbox::start().await;
    let body = card("4343434343434345", "123");
    let (s, _, _) = post_with_key(&sb, PK, "/v1/payment_methods", &"a".repeat(255), &body).await;
    assert_eq!(s, StatusCode::OK);
    let (s, answer, _) =
        post_with_key(&sb, PK, "/v1/payment_methods", &"a".repeat(256), &body).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(code(&answer), "parameter_invalid");
    let stats = sb.stats().await;
    assert_eq!(stats["idempotency_records"], 1);
    assert_eq!(stats["tokenizations"], 1);
}
