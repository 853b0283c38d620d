//! Fault injection: the next N calls of an endpoint get added latency, a 500 or 502 with an
//! HTML body (as a broken proxy answers), a truncated JSON body, or a dropped connection.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// The API calls a fault applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultEndpoint {
    /// `POST /v1/payment_methods`
    PaymentMethods,
    /// `POST /v1/payment_intents`
    PaymentIntents,
    /// `POST /v1/payment_intents/{id}/attach`
    Attach,
    /// `GET /v1/payment_intents/{id}`
    GetPaymentIntent,
    /// Any of the above.
    Any,
}

/// What the faulted calls get.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum FaultKind {
    /// `latency_ms` of delay, then the normal answer.
    #[serde(rename = "latency")]
    Latency,
    /// 500 with an HTML body; the request is not processed.
    #[serde(rename = "status_500")]
    Status500,
    /// 502 with an HTML body; the request is not processed.
    #[serde(rename = "status_502")]
    Status502,
    /// The request is processed, and the answer comes as a 200 with its JSON body cut short.
    #[serde(rename = "malformed")]
    Malformed,
    /// The connection is closed without any answer; the request is not processed.
    #[serde(rename = "drop")]
    Drop,
    /// PayMongo's answer for `status` (400, 401, 404, 429, or any other), without processing the
    /// request: 429 is its plain-text body; a 400 names `attribute` as PayMongo would.
    #[serde(rename = "status")]
    Status,
}

/// The field a `status` fault's 400 is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultAttribute {
    /// `parameter_format_invalid` on `details.card_number`.
    CardNumber,
    /// `parameter_invalid` "The card is already expired.".
    Expired,
    /// `parameter_invalid` on `details.exp_month`.
    ExpMonth,
    /// `parameter_data_type_invalid` on `details.cvc`.
    Cvc,
    /// `parameter_invalid` on an attribute the widget does not show (`metadata`).
    Other,
}

/// A fault to arm (the body of `POST /__admin/faults`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// The calls it applies to.
    pub endpoint: FaultEndpoint,
    /// What they get.
    pub kind: FaultKind,
    /// How many calls get it (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// The delay of a `latency` fault, in milliseconds (default 1000, at most 60 000).
    #[serde(default = "a_second")]
    pub latency_ms: u64,
    /// The status of a `status` fault (100–599; default 400).
    #[serde(default)]
    pub status: Option<u16>,
    /// The attribute a `status` fault's 400 names (default `card_number`).
    #[serde(default)]
    pub attribute: Option<FaultAttribute>,
}

/// PayMongo's answer for an injected `status`.
pub fn canned(status: u16, attribute: Option<FaultAttribute>) -> Response {
    use crate::error::{ApiError, ErrorObject};
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    match code.as_u16() {
        429 => crate::rate_limit::too_many(),
        401 => ApiError::unauthorized("You did not provide a valid API key.").into_response(),
        404 => ApiError::not_found("The requested resource was not found.").into_response(),
        400 => {
            let error = match attribute.unwrap_or(FaultAttribute::CardNumber) {
                FaultAttribute::CardNumber => ErrorObject::format_invalid("details.card_number"),
                FaultAttribute::Expired => {
                    ErrorObject::invalid("details.exp_year", "The card is already expired.")
                }
                FaultAttribute::ExpMonth => {
                    ErrorObject::invalid("details.exp_month", "details.exp_month is invalid.")
                }
                FaultAttribute::Cvc => ErrorObject::data_type("details.cvc", "string"),
                FaultAttribute::Other => ErrorObject::invalid("metadata", "metadata is invalid."),
            };
            ApiError::bad_request(vec![error]).into_response()
        }
        _ => ApiError::one(code, "api_error", "Injected fault.").into_response(),
    }
}

fn one() -> u32 {
    1
}

fn a_second() -> u64 {
    1000
}

/// The longest latency a fault may add.
pub const MAX_LATENCY_MS: u64 = 60_000;

/// The armed faults, first armed first served.
#[derive(Debug, Default)]
pub struct Faults {
    armed: Mutex<Vec<FaultSpec>>,
    /// Whether any fault is armed (read without the lock on every call).
    any: AtomicBool,
    /// Whether a `drop` fault is armed.
    drop: AtomicBool,
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, Vec<FaultSpec>> {
        self.armed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn update_flags(&self, armed: &[FaultSpec]) {
        self.any.store(!armed.is_empty(), Ordering::Release);
        self.drop.store(
            armed.iter().any(|f| f.kind == FaultKind::Drop),
            Ordering::Release,
        );
    }

    /// Arms a fault (a count of 0 arms nothing).
    pub fn arm(&self, spec: FaultSpec) {
        let mut armed = self.lock();
        if spec.count > 0 {
            armed.push(FaultSpec {
                latency_ms: spec.latency_ms.min(MAX_LATENCY_MS),
                ..spec
            });
        }
        self.update_flags(&armed);
    }

    /// The faults still armed.
    pub fn list(&self) -> Vec<FaultSpec> {
        self.lock().clone()
    }

    /// Disarms every fault.
    pub fn clear(&self) {
        let mut armed = self.lock();
        armed.clear();
        self.update_flags(&armed);
    }

    /// Whether a `drop` fault is armed.
    pub fn drop_armed(&self) -> bool {
        self.drop.load(Ordering::Acquire)
    }

    /// Takes one call's worth of the first fault armed for `endpoint`.
    pub fn take(&self, endpoint: FaultEndpoint) -> Option<FaultSpec> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        let mut armed = self.lock();
        let at = armed
            .iter()
            .position(|f| f.endpoint == endpoint || f.endpoint == FaultEndpoint::Any)?;
        let spec = armed.get_mut(at)?;
        spec.count = spec.count.saturating_sub(1);
        let taken = *spec;
        if spec.count == 0 {
            armed.remove(at);
        }
        self.update_flags(&armed);
        Some(taken)
    }
}

/// The HTML a broken proxy answers with.
pub fn proxy_error(status: StatusCode) -> Response {
    let reason = status.canonical_reason().unwrap_or("Error");
    let code = status.as_u16();
    let body = format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n\
         <center><h1>{code} {reason}</h1></center>\r\n<hr><center>proxy</center>\r\n\
         </body>\r\n</html>\r\n"
    );
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

/// A JSON body cut to half its length (at least one byte short of complete).
pub fn truncate(body: &[u8]) -> Vec<u8> {
    let keep = (body.len() / 2).min(body.len().saturating_sub(1));
    body.get(..keep).unwrap_or(&[]).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(endpoint: FaultEndpoint, kind: FaultKind, count: u32) -> FaultSpec {
        FaultSpec {
            endpoint,
            kind,
            count,
            status: None,
            attribute: None,
            latency_ms: 5,
        }
    }

    #[test]
    fn faults_are_taken_in_order_and_counted() {
        let faults = Faults::default();
        assert_eq!(faults.take(FaultEndpoint::Attach), None);
        faults.arm(spec(FaultEndpoint::Attach, FaultKind::Drop, 2));
        faults.arm(spec(FaultEndpoint::Any, FaultKind::Status500, 1));
        assert!(faults.drop_armed());
        assert_eq!(
            faults.take(FaultEndpoint::PaymentMethods).map(|f| f.kind),
            Some(FaultKind::Status500)
        );
        assert_eq!(faults.take(FaultEndpoint::PaymentMethods), None);
        assert_eq!(
            faults.take(FaultEndpoint::Attach).map(|f| f.kind),
            Some(FaultKind::Drop)
        );
        assert!(faults.drop_armed());
        assert!(faults.take(FaultEndpoint::Attach).is_some());
        assert!(!faults.drop_armed());
        assert_eq!(faults.take(FaultEndpoint::Attach), None);
    }

    #[test]
    fn specs_parse() {
        let s: FaultSpec =
            serde_json::from_str(r#"{"endpoint":"any","kind":"status_502"}"#).unwrap();
        assert_eq!(
            s,
            spec(FaultEndpoint::Any, FaultKind::Status502, 1).with_latency(1000)
        );
        assert!(serde_json::from_str::<FaultSpec>(r#"{"endpoint":"x","kind":"drop"}"#).is_err());
    }

    impl FaultSpec {
        fn with_latency(self, latency_ms: u64) -> FaultSpec {
            FaultSpec { latency_ms, ..self }
        }
    }

    #[test]
    fn truncation_always_cuts() {
        assert_eq!(truncate(b"{\"a\":1}"), b"{\"a");
        assert_eq!(truncate(b"{}"), b"{");
        assert_eq!(truncate(b""), b"");
    }
}
