//! Integration tests: each starts a sandbox in process on ephemeral loopback ports and drives
//! it over HTTP.

mod api;
mod cards;
mod cors;
mod faults;
mod idempotency;
mod limits;
mod origins;
mod redaction;
mod three_ds;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::{Client, Method, StatusCode};
use sealcard_sandbox::{start, Config, Log, LogBuffer, Running};
use serde_json::{json, Value};

pub const PK: &str = "pk_test_sandbox";
pub const SK: &str = "sk_test_sandbox";

/// A sandbox started for one test, with a client and its log.
pub struct Sandbox {
    pub running: Running,
    /// `http://127.0.0.1:<port>`
    pub base: String,
    pub client: Client,
    pub log: LogBuffer,
}

impl Sandbox {
    /// A sandbox with the test defaults: any port, no rate limit, log to a buffer.
    pub async fn start() -> Sandbox {
        Sandbox::with(|_| {}).await
    }

    /// A sandbox with the test defaults changed by `f`.
    pub async fn with(f: impl FnOnce(&mut Config)) -> Sandbox {
        let (log, buffer) = Log::buffer();
        let mut config = Config {
            api_port: 0,
            rate_limit: 0,
            log,
            ..Config::default()
        };
        f(&mut config);
        let running = start(config).await.expect("sandbox starts");
        Sandbox {
            base: format!("http://{}", running.api_addr),
            running,
            client: Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .expect("client"),
            log: buffer,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request with the key and, for a body, JSON.
    pub fn request(&self, method: Method, key: &str, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .basic_auth(key, Some(""))
    }

    pub async fn post(&self, key: &str, path: &str, body: &Value) -> (StatusCode, Value) {
        read(
            self.request(Method::POST, key, path)
                .json(body)
                .send()
                .await,
        )
        .await
    }

    pub async fn get(&self, key: &str, path: &str) -> (StatusCode, Value) {
        read(self.request(Method::GET, key, path).send().await).await
    }

    /// Tokenizes `number` with a valid expiry and CVC.
    pub async fn tokenize(&self, number: &str) -> (StatusCode, Value) {
        self.post(PK, "/v1/payment_methods", &card(number, "123"))
            .await
    }

    /// The id of a new payment method for `number` (which must be valid).
    pub async fn pm(&self, number: &str) -> String {
        let (status, body) = self.tokenize(number).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["data"]["id"].as_str().expect("pm id").to_string()
    }

    /// A new intent with `extra` attributes; returns `data`.
    pub async fn intent(&self, extra: Value) -> Value {
        let mut attributes = json!({
            "amount": 149900,
            "currency": "PHP",
            "payment_method_allowed": ["card"],
            "description": "test order",
        });
        if let (Some(a), Some(e)) = (attributes.as_object_mut(), extra.as_object()) {
            a.extend(e.clone());
        }
        let (status, body) = self
            .post(
                SK,
                "/v1/payment_intents",
                &json!({"data": {"attributes": attributes}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["data"].clone()
    }

    /// Attaches `pm` to intent `pi` with the public key and the intent's client key.
    pub async fn attach(&self, pi: &Value, pm: &str) -> (StatusCode, Value) {
        let id = pi["id"].as_str().expect("pi id");
        let client_key = pi["attributes"]["client_key"].clone();
        self.post(
            PK,
            &format!("/v1/payment_intents/{id}/attach"),
            &json!({"data": {"attributes": {
                "payment_method": pm,
                "client_key": client_key,
                "return_url": "http://localhost:8080/return",
            }}}),
        )
        .await
    }

    /// Reads intent `pi` with the public key and its client key.
    pub async fn read_intent(&self, pi: &Value) -> Value {
        let id = pi["id"].as_str().expect("pi id");
        let client_key = pi["attributes"]["client_key"].as_str().expect("client key");
        let (status, body) = self
            .get(
                PK,
                &format!("/v1/payment_intents/{id}?client_key={client_key}"),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["data"].clone()
    }

    /// `GET /__admin/stats`.
    pub async fn stats(&self) -> Value {
        let r = self
            .client
            .get(self.url("/__admin/stats"))
            .send()
            .await
            .expect("stats");
        r.json().await.expect("stats JSON")
    }

    /// Arms a fault.
    pub async fn fault(&self, spec: Value) {
        let r = self
            .client
            .post(self.url("/__admin/faults"))
            .json(&spec)
            .send()
            .await
            .expect("arm fault");
        assert_eq!(r.status(), StatusCode::OK);
    }
}

/// The status and JSON body of an answer (`Null` when the body is not JSON).
pub async fn read(sent: reqwest::Result<reqwest::Response>) -> (StatusCode, Value) {
    let response = sent.expect("an answer");
    let status = response.status();
    let text = response.text().await.expect("a body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A year three years ahead of the clock.
pub fn future_year() -> u64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    1970 + secs / 31_556_952 + 3
}

/// A tokenization body.
pub fn card(number: &str, cvc: &str) -> Value {
    json!({"data": {"attributes": {
        "type": "card",
        "details": {
            "card_number": number,
            "exp_month": 12,
            "exp_year": future_year(),
            "cvc": cvc,
        },
    }}})
}

/// The `(code, pointer)` pairs of an errors envelope.
pub fn errors(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["code"].as_str().unwrap_or("").to_string(),
                        e["source"]["pointer"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The single error code of an envelope.
pub fn code(body: &Value) -> &str {
    body["errors"][0]["code"].as_str().unwrap_or("")
}
