//! No stored object and no log line holds a card number or a security code.

use reqwest::Method;
use serde_json::json;

use crate::{card, Sandbox, PK};

const NUMBERS: [&str; 25] = [
    "4343434343434345",
    "4571736000000075",
    "4009930000001421",
    "4404520000001439",
    "5555444444444457",
    "5455590000000009",
    "5339080000000003",
    "5240050000001440",
    "5577510000001446",
    "4120000000000007",
    "4230000000000004",
    "5234000000000106",
    "5123000000000001",
    "4200000000000018",
    "4300000000000017",
    "5100000000000198",
    "4111111111111111",
    "4400000000000016",
    "4500000000000015",
    "5200000000000197",
    "5300000000000196",
    "5400000000000195",
    "4600000000000014",
    // Not test cards: a valid number, and one failing its check digit.
    "4242424242424242",
    "4343434343434344",
];

/// Distinct security codes, each unlikely to appear by chance as a quoted JSON string.
fn cvc(i: usize) -> String {
    format!("{}", 701 + i * 7)
}

#[tokio::test]
async fn no_card_number_or_cvc_is_stored_or_logged() {
    let sb = Sandbox::start().await;
    for (i, number) in NUMBERS.iter().enumerate() {
        let body = card(number, &cvc(i));
        // Plain, idempotent, and a request the server refuses (bad CVC type) per number.
        sb.post(PK, "/v1/payment_methods", &body).await;
        sb.request(Method::POST, PK, "/v1/payment_methods")
            .header("idempotency-key", format!("key-{i}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        let mut bad = body.clone();
        bad["data"]["attributes"]["details"]["cvc"] = json!(123);
        sb.post(PK, "/v1/payment_methods", &bad).await;
    }
    // The intents they paid, too.
    for number in ["4343434343434345", "4120000000000007", "4111111111111111"] {
        let pi = sb.intent(json!({})).await;
        let pm = sb.pm(number).await;
        sb.attach(&pi, &pm).await;
    }
    // A card number in a URL path is not logged either.
    sb.get(PK, "/v1/payment_intents/4343434343434345").await;

    let dump = sb.running.store_dump();
    let log = sb.log.lines().join("\n");
    let stats = sb.stats().await.to_string();
    assert!(
        dump.contains("last4: \"4345\""),
        "the dump shows the store: {dump}"
    );
    assert!(log.contains("POST /v1/payment_methods 200"), "{log}");
    for (name, text) in [("store", &dump), ("log", &log), ("stats", &stats)] {
        for (i, number) in NUMBERS.iter().enumerate() {
            assert!(!text.contains(number), "{name} holds {number}");
            // Nor the number without its last four digits.
            assert!(!text.contains(&number[..12]), "{name} holds {number}");
            let code = cvc(i);
            assert!(
                !text.contains(&format!("\"{code}\"")),
                "{name} holds CVC {code}"
            );
        }
    }
    // No stored field is named after the number or the code.
    assert!(
        !dump.contains("cvc:") && !dump.contains("number:"),
        "{dump}"
    );
}
