//! The rate limit, the TTL and the object cap.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::{card, Sandbox, PK, SK};

#[tokio::test]
async fn more_than_n_requests_a_second_get_plain_429() {
    let sb = Sandbox::with(|c| c.rate_limit = 5).await;
    let mut statuses = Vec::new();
    let mut limited_body = None;
    for _ in 0..12 {
        let r = sb
            .request(Method::POST, PK, "/v1/payment_methods")
            .header("origin", "http://localhost:8080")
            .json(&card("4343434343434345", "123"))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(r.headers()["content-type"], "text/plain; charset=utf-8");
            // Readable by the page: the CORS headers are there.
            assert_eq!(
                r.headers()["access-control-allow-origin"],
                "http://localhost:8080"
            );
            limited_body = Some(r.text().await.unwrap());
        }
    }
    // Five per window (the window may roll over once on a slow machine).
    let ok = statuses.iter().filter(|&&s| s == 200).count();
    assert!((5..=10).contains(&ok), "{statuses:?}");
    assert_eq!(&statuses[..5], &[200; 5], "{statuses:?}");
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(
        limited_body.as_deref(),
        Some("Too many requests, please try again later.")
    );
    // The secret key has its own budget.
    let (status, _) = sb.get(SK, "/v1/payment_intents/pi_x").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, _) = sb.tokenize("4343434343434345").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn stored_objects_expire_after_the_ttl() {
    let sb = Sandbox::with(|c| c.ttl = Duration::from_millis(1000)).await;
    let pm = sb.pm("4343434343434345").await;
    let pi = sb.intent(json!({})).await;
    let stats = sb.stats().await;
    assert_eq!(
        (
            stats["payment_methods"].as_u64(),
            stats["payment_intents"].as_u64()
        ),
        (Some(1), Some(1))
    );

    tokio::time::sleep(Duration::from_millis(1300)).await;
    let stats = sb.stats().await;
    assert_eq!(stats["objects"], 0, "{stats}");
    let id = pi["id"].as_str().unwrap();
    let (status, _) = sb.get(SK, &format!("/v1/payment_intents/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let fresh = sb.intent(json!({})).await;
    let (status, body) = sb.attach(&fresh, &pm).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}

#[tokio::test]
async fn the_oldest_objects_go_first_beyond_the_cap() {
    let sb = Sandbox::with(|c| c.max_objects = 5).await;
    let mut pms = Vec::new();
    for _ in 0..8 {
        pms.push(sb.pm("4343434343434345").await);
    }
    let stats = sb.stats().await;
    assert_eq!(stats["objects"], 5, "{stats}");
    assert_eq!(stats["tokenizations"], 8);
    // A new intent pushes out one more payment method (pms[3]).
    let pi = sb.intent(json!({})).await;
    let (status, _) = sb.attach(&pi, &pms[3]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = sb.attach(&pi, &pms[7]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(sb.stats().await["objects"], 5);
}
