//! Keys, payment methods, Payment Intents, attach and read.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{card, code, errors, future_year, Sandbox, PK, SK};

fn pair(code: &str, pointer: &str) -> (String, String) {
    (code.to_string(), pointer.to_string())
}

#[tokio::test]
async fn unknown_missing_and_live_keys_get_401() {
    let sb = Sandbox::start().await;
    let body = card("4343434343434345", "123");
    for key in [
        "pk_test_other",
        "sk_test_other",
        "pk_live_sandbox",
        "sk_live_sandbox",
    ] {
        let (status, answer) = sb.post(key, "/v1/payment_methods", &body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{key}");
        assert_eq!(code(&answer), "authentication_failed", "{key}");
        assert!(answer["errors"][0]["detail"].is_string());
    }
    let (status, answer) = crate::read(
        sb.client
            .post(sb.url("/v1/payment_methods"))
            .json(&body)
            .send()
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&answer), "authentication_failed");
    let (status, _) = crate::read(
        sb.client
            .post(sb.url("/v1/payment_methods"))
            .bearer_auth(PK)
            .json(&body)
            .send()
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_public_key_cannot_create_intents() {
    let sb = Sandbox::start().await;
    let (status, answer) = sb
        .post(
            PK,
            "/v1/payment_intents",
            &json!({"data": {"attributes": {
                "amount": 2000, "currency": "PHP", "payment_method_allowed": ["card"]}}}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&answer), "authentication_failed");
}

#[tokio::test]
async fn tokenization_answers_what_paymongo_answers() {
    let sb = Sandbox::start().await;
    let year = future_year();
    let (status, body) = sb
        .post(
            SK,
            "/v1/payment_methods",
            &json!({"data": {"attributes": {
                "type": "card",
                "details": {"card_number": "4343434343434345", "exp_month": 7, "exp_year": year, "cvc": "123"},
                "billing": {"name": "Juan Dela Cruz", "email": "juan@example.com",
                    "address": {"city": "Taguig", "country": "PH"}},
                "metadata": {"order_ref": "123"},
            }}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let data = &body["data"];
    let id = data["id"].as_str().unwrap();
    assert!(id.starts_with("pm_") && id.len() == 27, "{id}");
    assert!(id[3..].bytes().all(|b| b.is_ascii_alphanumeric()));
    assert_eq!(data["type"], "payment_method");
    let a = &data["attributes"];
    assert_eq!(a["type"], "card");
    assert_eq!(a["livemode"], false);
    assert_eq!(
        a["details"],
        json!({"last4": "4345", "exp_month": 7, "exp_year": year})
    );
    assert_eq!(a["billing"]["address"]["city"], "Taguig");
    assert_eq!(a["metadata"], json!({"order_ref": "123"}));
    assert!(a["created_at"].as_u64().unwrap() > 1_700_000_000);
    assert_eq!(a["created_at"], a["updated_at"]);

    // Without billing and metadata: both null.
    let (_, body) = sb.tokenize("5555444444444457").await;
    assert_eq!(body["data"]["attributes"]["billing"], Value::Null);
    assert_eq!(body["data"]["attributes"]["metadata"], Value::Null);
}

#[tokio::test]
async fn tokenization_errors() {
    let sb = Sandbox::start().await;
    let year = future_year();
    let now_year = year - 3;
    let with_details =
        |details: Value| json!({"data": {"attributes": {"type": "card", "details": details}}});
    let cases: Vec<(Value, Vec<(String, String)>)> = vec![
        (
            with_details(json!({})),
            vec![
                pair("parameter_required", "details.card_number"),
                pair("parameter_required", "details.exp_month"),
                pair("parameter_required", "details.exp_year"),
                pair("parameter_required", "details.cvc"),
            ],
        ),
        (
            with_details(
                json!({"card_number": "4343434343434344", "exp_month": 1, "exp_year": year, "cvc": "123"}),
            ),
            vec![pair("parameter_format_invalid", "details.card_number")],
        ),
        (
            with_details(
                json!({"card_number": "4343 4343 4343 4345", "exp_month": 1, "exp_year": year, "cvc": "123"}),
            ),
            vec![pair("parameter_format_invalid", "details.card_number")],
        ),
        (
            with_details(
                json!({"card_number": "43434343434343AB", "exp_month": 1, "exp_year": year, "cvc": "123"}),
            ),
            vec![pair("parameter_format_invalid", "details.card_number")],
        ),
        (
            // No brand starts with 99.
            with_details(
                json!({"card_number": "9999999999999995", "exp_month": 1, "exp_year": year, "cvc": "123"}),
            ),
            vec![pair("parameter_format_invalid", "details.card_number")],
        ),
        (
            with_details(
                json!({"card_number": "4343434343434345", "exp_month": 1, "exp_year": year, "cvc": 123}),
            ),
            vec![pair("parameter_data_type_invalid", "details.cvc")],
        ),
        (
            with_details(
                json!({"card_number": "4343434343434345", "exp_month": 13, "exp_year": year, "cvc": "123"}),
            ),
            vec![pair("parameter_invalid", "details.exp_month")],
        ),
        (
            with_details(
                json!({"card_number": "4343434343434345", "exp_month": 0, "exp_year": year, "cvc": "123"}),
            ),
            vec![pair("parameter_invalid", "details.exp_month")],
        ),
        (
            with_details(
                json!({"card_number": "4343434343434345", "exp_month": 12, "exp_year": now_year - 1, "cvc": "123"}),
            ),
            vec![pair("parameter_invalid", "details.exp_year")],
        ),
        (
            // Several at once.
            with_details(json!({"card_number": "1234", "exp_month": "12", "cvc": "12345"})),
            vec![
                pair("parameter_format_invalid", "details.card_number"),
                pair("parameter_data_type_invalid", "details.exp_month"),
                pair("parameter_required", "details.exp_year"),
                pair("parameter_format_invalid", "details.cvc"),
            ],
        ),
        (
            json!({"data": {"attributes": {"type": "gcash", "details": {
                "card_number": "4343434343434345", "exp_month": 12, "exp_year": year, "cvc": "123"}}}}),
            vec![pair("parameter_invalid", "type")],
        ),
        (
            json!({"data": {"attributes": {}}}),
            vec![
                pair("parameter_required", "type"),
                pair("parameter_required", "details"),
            ],
        ),
        (json!({}), vec![pair("parameter_required", "data")]),
        (
            json!({"data": {}}),
            vec![pair("parameter_required", "data.attributes")],
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = sb.post(PK, "/v1/payment_methods", &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(errors(&answer), expected, "{body} → {answer}");
    }

    // The documented wording.
    let (_, answer) = sb
        .post(
            PK,
            "/v1/payment_methods",
            &with_details(json!({"card_number": "4343434343434344", "exp_month": 12, "exp_year": now_year - 1, "cvc": 5})),
        )
        .await;
    let details: Vec<&str> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        details,
        [
            "details.card_number format is invalid.",
            "The card is already expired.",
            "cvc should be a string."
        ]
    );
    assert_eq!(answer["errors"][0]["source"]["attribute"], "card_number");
    let (_, answer) = sb
        .post(
            PK,
            "/v1/payment_methods",
            &with_details(json!({"exp_month": 1, "exp_year": year, "cvc": "123"})),
        )
        .await;
    assert_eq!(
        answer["errors"][0]["detail"],
        "details.card_number is required."
    );
    assert_eq!(sb.stats().await["tokenizations"], 0);
}

#[tokio::test]
async fn malformed_bodies_get_400_with_the_envelope() {
    let sb = Sandbox::start().await;
    for (content_type, body) in [
        ("application/json", "{\"data\": "),
        ("application/json", ""),
        ("application/json; charset=utf-8", "not json"),
        ("text/plain", "{\"data\":{}}"),
    ] {
        let (status, answer) = crate::read(
            sb.request(Method::POST, PK, "/v1/payment_methods")
                .header("content-type", content_type)
                .body(body)
                .send()
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(code(&answer), "parameter_invalid", "{body}");
    }
    let (status, answer) = crate::read(
        sb.request(Method::POST, PK, "/v1/payment_methods")
            .header("content-type", "application/json")
            .body(vec![b' '; 70 * 1024])
            .send()
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer["errors"].is_array());
}

#[tokio::test]
async fn intents_are_created_with_the_secret_key() {
    let sb = Sandbox::start().await;
    let pi = sb
        .intent(json!({
            "statement_descriptor": "SEALCARD",
            "metadata": {"cart": "42"},
            "payment_method_options": {"card": {"request_three_d_secure": "any"}},
        }))
        .await;
    let id = pi["id"].as_str().unwrap();
    assert!(id.starts_with("pi_") && id.len() == 27, "{id}");
    assert_eq!(pi["type"], "payment_intent");
    let a = &pi["attributes"];
    let client_key = a["client_key"].as_str().unwrap();
    assert!(
        client_key.starts_with(&format!("{id}_client_")),
        "{client_key}"
    );
    assert!(client_key.len() > id.len() + 8 + 16);
    for (name, value) in [
        ("amount", json!(149900)),
        ("currency", json!("PHP")),
        ("description", json!("test order")),
        ("statement_descriptor", json!("SEALCARD")),
        ("livemode", json!(false)),
        ("status", json!("awaiting_payment_method")),
        ("last_payment_error", Value::Null),
        ("payment_method_allowed", json!(["card"])),
        ("payments", json!([])),
        ("next_action", Value::Null),
        (
            "payment_method_options",
            json!({"card": {"request_three_d_secure": "any"}}),
        ),
        ("metadata", json!({"cart": "42"})),
        ("capture_type", json!("automatic")),
    ] {
        assert_eq!(a[name], value, "{name}");
    }
    assert!(a["created_at"].as_u64().is_some() && a["updated_at"].as_u64().is_some());
}

#[tokio::test]
async fn intent_validation() {
    let sb = Sandbox::start().await;
    let create = |attributes: Value| {
        let body = json!({"data": {"attributes": attributes}});
        let sb = &sb;
        async move { sb.post(SK, "/v1/payment_intents", &body).await }
    };
    let cases = [
        (
            json!({"amount": 1999, "currency": "PHP", "payment_method_allowed": ["card"]}),
            vec![pair("parameter_below_minimum", "amount")],
        ),
        (
            json!({"amount": 2000, "currency": "USD", "payment_method_allowed": ["card"]}),
            vec![pair("parameter_invalid", "currency")],
        ),
        (
            json!({"amount": "2000", "payment_method_allowed": ["gcash"]}),
            vec![
                pair("parameter_data_type_invalid", "amount"),
                pair("parameter_required", "currency"),
                pair("parameter_invalid", "payment_method_allowed"),
            ],
        ),
        (
            json!({"amount": 2000, "currency": "PHP"}),
            vec![pair("parameter_required", "payment_method_allowed")],
        ),
        (
            json!({"amount": 2000, "currency": "PHP", "payment_method_allowed": ["card"],
                "payment_method_options": {"card": {"request_three_d_secure": "always"}},
                "capture_type": "later"}),
            vec![
                pair(
                    "parameter_invalid",
                    "payment_method_options.card.request_three_d_secure",
                ),
                pair("parameter_invalid", "capture_type"),
            ],
        ),
    ];
    for (attributes, expected) in cases {
        let (status, answer) = create(attributes.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{attributes}");
        assert_eq!(errors(&answer), expected, "{attributes} → {answer}");
    }
    let (status, _) =
        create(json!({"amount": 2000, "currency": "PHP", "payment_method_allowed": ["card"]}))
            .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn reading_an_intent_needs_its_client_key_or_the_secret_key() {
    let sb = Sandbox::start().await;
    let pi = sb.intent(json!({})).await;
    let id = pi["id"].as_str().unwrap();
    let client_key = pi["attributes"]["client_key"].as_str().unwrap();

    let read = sb.read_intent(&pi).await;
    assert_eq!(read["id"], id);
    let (status, body) = sb.get(SK, &format!("/v1/payment_intents/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["data"]["attributes"]["status"],
        "awaiting_payment_method"
    );

    for path in [
        format!("/v1/payment_intents/{id}"),
        format!("/v1/payment_intents/{id}?client_key=wrong"),
        format!("/v1/payment_intents/{id}?client_key={client_key}x"),
        format!("/v1/payment_intents/pi_unknown?client_key={client_key}"),
    ] {
        let (status, body) = sb.get(PK, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(code(&body), "resource_not_found", "{path}");
    }
    let (status, body) = sb.get(SK, "/v1/payment_intents/pi_unknown").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&body), "resource_not_found");
}

#[tokio::test]
async fn attach_errors_and_retries() {
    let sb = Sandbox::start().await;
    let pi = sb.intent(json!({})).await;
    let id = pi["id"].as_str().unwrap();
    let client_key = pi["attributes"]["client_key"].as_str().unwrap();
    let good = sb.pm("4343434343434345").await;
    let declined = sb.pm("4111111111111111").await;
    let attach_path = format!("/v1/payment_intents/{id}/attach");

    // Unknown payment method, unknown intent, wrong or missing client key.
    let (status, body) = sb.attach(&pi, "pm_unknown").await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "resource_not_found")
    );
    let mut unknown = pi.clone();
    unknown["id"] = json!("pi_unknown");
    let (status, body) = sb.attach(&unknown, &good).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "resource_not_found")
    );
    for attributes in [
        json!({"payment_method": good, "client_key": format!("{client_key}x")}),
        json!({"payment_method": good}),
    ] {
        let (status, body) = sb
            .post(
                PK,
                &attach_path,
                &json!({"data": {"attributes": attributes}}),
            )
            .await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::NOT_FOUND, "resource_not_found")
        );
    }
    let (status, body) = sb
        .post(
            PK,
            &attach_path,
            &json!({"data": {"attributes": {"client_key": client_key}}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        errors(&body),
        [pair("parameter_required", "payment_method")]
    );
    let (status, body) = sb
        .post(PK, &attach_path, &json!({"data": {"attributes": {
            "payment_method": good, "client_key": client_key, "return_url": "javascript:alert(1)"}}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(errors(&body), [pair("parameter_invalid", "return_url")]);

    // A decline answers 200 with the intent back to awaiting_payment_method…
    let (status, body) = sb.attach(&pi, &declined).await;
    assert_eq!(status, StatusCode::OK);
    let a = &body["data"]["attributes"];
    assert_eq!(a["status"], "awaiting_payment_method");
    assert_eq!(a["last_payment_error"]["failed_code"], "generic_decline");
    assert_eq!(a["last_payment_error"]["payment_method"], declined.as_str());
    // …and a new payment method may be attached.
    let (status, body) = sb.attach(&pi, &good).await;
    assert_eq!(status, StatusCode::OK);
    let a = &body["data"]["attributes"];
    assert_eq!(a["status"], "succeeded");
    assert_eq!(a["last_payment_error"], Value::Null);
    let payment = &a["payments"][0];
    assert!(payment["id"].as_str().unwrap().starts_with("pay_"));
    assert_eq!(payment["attributes"]["amount"], 149900);
    assert_eq!(payment["attributes"]["status"], "paid");
    assert_eq!(payment["attributes"]["source"]["last4"], "4345");

    // A succeeded intent takes no more payment methods.
    let (status, body) = sb.attach(&pi, &good).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "payment_intent_invalid_state");
    assert_eq!(
        sb.read_intent(&pi).await["attributes"]["status"],
        "succeeded"
    );
}

#[tokio::test]
async fn the_secret_key_attaches_without_a_client_key_and_manual_capture_waits() {
    let sb = Sandbox::start().await;
    let pi = sb.intent(json!({"capture_type": "manual"})).await;
    let pm = sb.pm("5555444444444457").await;
    let id = pi["id"].as_str().unwrap();
    let (status, body) = sb
        .post(
            SK,
            &format!("/v1/payment_intents/{id}/attach"),
            &json!({"data": {"attributes": {"payment_method": pm}}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["attributes"]["status"], "awaiting_capture");
    assert_eq!(body["data"]["attributes"]["capture_type"], "manual");
}

#[tokio::test]
async fn unknown_paths_get_404_with_the_envelope() {
    let sb = Sandbox::start().await;
    for (method, path) in [
        (Method::GET, "/v1/payment_methods"),
        (Method::POST, "/v1/tokens"),
        (Method::GET, "/nothing"),
    ] {
        let (status, body) = crate::read(sb.request(method, PK, path).send().await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(code(&body), "resource_not_found", "{path}");
    }
}

#[tokio::test]
async fn a_valid_number_that_is_no_test_card_succeeds() {
    let sb = Sandbox::start().await;
    let pi = sb.intent(json!({})).await;
    // A valid Visa number outside the table, and an American Express number.
    for number in ["4242424242424242", "378282246310005"] {
        let (status, body) = sb
            .post(
                PK,
                "/v1/payment_methods",
                &card(number, if number.len() == 15 { "1234" } else { "123" }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{number}: {body}");
    }
    let pm = sb.pm("4242424242424242").await;
    let (_, body) = sb.attach(&pi, &pm).await;
    assert_eq!(body["data"]["attributes"]["status"], "succeeded");
}
