//! Payment Intents: create (secret key), attach a payment method (public key and client key, or
//! secret key), read; and the end of a 3-D Secure check. The object itself is in `intent`.

use axum::http::StatusCode;
use serde_json::Value;

use crate::auth::KeyKind;
use crate::cards::{Decline, Outcome};
use crate::clock;
use crate::error::{ApiError, ErrorObject};
use crate::ids::{self, same_secret};
use crate::intent::{AfterAuth, PaymentIntent, Pending3ds, Status};
use crate::json::Json;
use crate::payment_method::attributes;
use crate::state::App;

/// The smallest amount PayMongo accepts, in centavos.
pub const MIN_AMOUNT: i128 = 2000;
/// The largest amount (₱99,999,999.99), in centavos.
pub const MAX_AMOUNT: i128 = 9_999_999_999;

/// `POST /v1/payment_intents`.
pub fn create(app: &App, key: KeyKind, body: &Json) -> Result<Value, ApiError> {
    if key != KeyKind::Secret {
        return Err(ApiError::unauthorized(
            "Creating a payment intent needs the secret key.",
        ));
    }
    let attrs = attributes(body)?;
    let mut errors = Vec::new();

    let amount = match attrs.field("amount") {
        None => {
            errors.push(ErrorObject::required("amount"));
            None
        }
        Some(a) => match a.as_int() {
            Some(v) if v < MIN_AMOUNT => {
                errors.push(ErrorObject::at(
                    "parameter_below_minimum",
                    "amount",
                    "amount cannot be less than 2000.",
                ));
                None
            }
            Some(v) if v > MAX_AMOUNT => {
                errors.push(ErrorObject::at(
                    "parameter_above_maximum",
                    "amount",
                    "amount cannot be more than 9999999999.",
                ));
                None
            }
            Some(v) => u64::try_from(v).ok(),
            None => {
                errors.push(ErrorObject::data_type("amount", "an integer"));
                None
            }
        },
    };
    match attrs.field("currency") {
        None => errors.push(ErrorObject::required("currency")),
        Some(c) if c.as_str() == Some("PHP") => {}
        Some(_) => errors.push(ErrorObject::invalid(
            "currency",
            "currency is invalid. Only PHP is supported.",
        )),
    }
    let allowed = match attrs.field("payment_method_allowed") {
        None => {
            errors.push(ErrorObject::required("payment_method_allowed"));
            Vec::new()
        }
        Some(Json::Array(items)) => {
            let names: Option<Vec<String>> = items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect();
            match names {
                Some(names) if names.iter().any(|n| n == "card") => names,
                Some(_) => {
                    errors.push(ErrorObject::invalid(
                        "payment_method_allowed",
                        "payment_method_allowed must include card.",
                    ));
                    Vec::new()
                }
                None => {
                    errors.push(ErrorObject::data_type(
                        "payment_method_allowed",
                        "an array of strings",
                    ));
                    Vec::new()
                }
            }
        }
        Some(_) => {
            errors.push(ErrorObject::data_type(
                "payment_method_allowed",
                "an array of strings",
            ));
            Vec::new()
        }
    };
    let three_d_secure_any = match attrs
        .field("payment_method_options")
        .and_then(|o| o.field("card"))
        .and_then(|c| c.field("request_three_d_secure"))
    {
        None => false,
        Some(v) => match v.as_str() {
            Some("any") => true,
            Some("automatic") => false,
            _ => {
                errors.push(ErrorObject::invalid(
                    "payment_method_options.card.request_three_d_secure",
                    "request_three_d_secure must be any or automatic.",
                ));
                false
            }
        },
    };
    let manual_capture = match attrs.field("capture_type") {
        None => false,
        Some(v) => match v.as_str() {
            Some("manual") => true,
            Some("automatic") => false,
            _ => {
                errors.push(ErrorObject::invalid(
                    "capture_type",
                    "capture_type must be automatic or manual.",
                ));
                false
            }
        },
    };
    let description = optional_string(attrs, "description", &mut errors);
    let statement_descriptor = optional_string(attrs, "statement_descriptor", &mut errors);
    let metadata = match attrs.field("metadata") {
        None => None,
        Some(m) if m.is_object() => Some(m.to_value()),
        Some(_) => {
            errors.push(ErrorObject::data_type("metadata", "an object"));
            None
        }
    };

    let Some(amount) = amount.filter(|_| errors.is_empty()) else {
        return Err(ApiError::bad_request(errors));
    };
    let id = ids::id("pi_").ok_or_else(ApiError::internal)?;
    let secret = ids::alnum(24).ok_or_else(ApiError::internal)?;
    let now = clock::unix_now();
    let intent = PaymentIntent {
        client_key: format!("{id}_client_{secret}"),
        id,
        amount,
        description,
        statement_descriptor,
        metadata,
        payment_method_allowed: allowed,
        three_d_secure_any,
        manual_capture,
        status: Status::AwaitingPaymentMethod,
        last_payment_error: None,
        payments: Vec::new(),
        pending: None,
        created_at: now,
        updated_at: now,
    };
    let answer = intent.to_json(&app.origins.public_url);
    app.store.insert_intent(intent);
    Ok(answer)
}

fn optional_string(attrs: &Json, key: &str, errors: &mut Vec<ErrorObject>) -> Option<String> {
    match attrs.field(key) {
        None => None,
        Some(Json::Str(s)) => Some(s.to_string()),
        Some(_) => {
            errors.push(ErrorObject::data_type(key, "a string"));
            None
        }
    }
}

/// The answer to a public key whose client key is missing or wrong: the same as for an intent
/// that does not exist, so a public key cannot probe for intents.
fn no_such_intent() -> ApiError {
    ApiError::not_found("No such payment intent.")
}

/// Checks the client key a public-key caller sent.
fn check_client_key(intent: &PaymentIntent, key: KeyKind, sent: Option<&str>) -> bool {
    key == KeyKind::Secret || sent.is_some_and(|s| same_secret(s, &intent.client_key))
}

/// `GET /v1/payment_intents/{id}`.
pub fn retrieve(
    app: &App,
    key: KeyKind,
    id: &str,
    client_key: Option<&str>,
) -> Result<Value, ApiError> {
    app.store
        .with_intent(id, |intent| {
            check_client_key(intent, key, client_key)
                .then(|| intent.to_json(&app.origins.public_url))
        })
        .flatten()
        .ok_or_else(no_such_intent)
}

/// `POST /v1/payment_intents/{id}/attach`.
pub fn attach(app: &App, key: KeyKind, id: &str, body: &Json) -> Result<Value, ApiError> {
    let attrs = attributes(body)?;
    let mut errors = Vec::new();
    let payment_method = match attrs.field("payment_method") {
        None => {
            errors.push(ErrorObject::required("payment_method"));
            None
        }
        Some(Json::Str(s)) => Some(s.to_string()),
        Some(_) => {
            errors.push(ErrorObject::data_type("payment_method", "a string"));
            None
        }
    };
    let client_key = match attrs.field("client_key") {
        None => None,
        Some(Json::Str(s)) => Some(s.to_string()),
        Some(_) => {
            errors.push(ErrorObject::data_type("client_key", "a string"));
            None
        }
    };
    let return_url = match attrs.field("return_url") {
        None => None,
        Some(Json::Str(s)) if crate::config::origin_of(s).is_some() => Some(s.to_string()),
        Some(Json::Str(_)) => {
            errors.push(ErrorObject::invalid(
                "return_url",
                "return_url must be an http or https URL.",
            ));
            None
        }
        Some(_) => {
            errors.push(ErrorObject::data_type("return_url", "a string"));
            None
        }
    };
    let Some(pm_id) = payment_method.filter(|_| errors.is_empty()) else {
        return Err(ApiError::bad_request(errors));
    };
    // The payment method first (it never changes), then the intent under the store's lock.
    let method = app.store.method(&pm_id);
    let token = ids::alnum(32).ok_or_else(ApiError::internal)?;
    let now = clock::unix_now();
    app.store
        .with_intent(id, |intent| {
            if !check_client_key(intent, key, client_key.as_deref()) {
                return Err(no_such_intent());
            }
            if matches!(intent.status, Status::Succeeded | Status::AwaitingCapture) {
                return Err(ApiError::one(
                    StatusCode::BAD_REQUEST,
                    "payment_intent_invalid_state",
                    format!(
                        "The payment intent is {}; a payment method can no longer be attached.",
                        intent.status.as_str()
                    ),
                ));
            }
            let Some(method) = &method else {
                return Err(ApiError::not_found("No such payment method."));
            };
            intent.updated_at = now;
            let three_ds = |after| Pending3ds {
                token: token.clone(),
                payment_method: method.id.clone(),
                after,
                return_url: return_url.clone(),
            };
            match method.outcome {
                Outcome::Succeeds => intent.pay(method, now)?,
                Outcome::ThreeDsOptional if !intent.three_d_secure_any => {
                    intent.pay(method, now)?
                }
                Outcome::ThreeDsRequired | Outcome::ThreeDsOptional => {
                    intent.status = Status::AwaitingNextAction;
                    intent.last_payment_error = None;
                    intent.pending = Some(three_ds(AfterAuth::Pay));
                }
                Outcome::DeclinedAfterThreeDs(decline) => {
                    intent.status = Status::AwaitingNextAction;
                    intent.last_payment_error = None;
                    intent.pending = Some(three_ds(AfterAuth::Decline(decline)));
                }
                Outcome::Declined(decline) => intent.fail(decline, &method.id),
            }
            Ok(intent.to_json(&app.origins.public_url))
        })
        .unwrap_or_else(|| Err(no_such_intent()))
}

/// How a 3-D Secure check ended, for the page shown afterwards.
#[derive(Debug)]
pub struct Completed {
    /// The intent's status afterwards.
    pub status: &'static str,
    /// Where the page returns to.
    pub return_url: Option<String>,
}

/// The shopper authorized (`authorize: true`) or failed the check of intent `id`; `None` when
/// no check with this token is pending.
pub fn complete_3ds(app: &App, id: &str, token: &str, authorize: bool) -> Option<Completed> {
    let now = clock::unix_now();
    // The payment method is read before the intent is locked (the store has one lock); a new
    // attach would have replaced the token, so a matching token means the same method.
    let pm_id = app
        .store
        .with_intent(id, |i| i.pending.as_ref().map(|p| p.payment_method.clone()))
        .flatten()?;
    let method = app.store.method(&pm_id);
    app.store
        .with_intent(id, |intent| {
            let pending = intent.pending.clone()?;
            if intent.status != Status::AwaitingNextAction || !same_secret(&pending.token, token) {
                return None;
            }
            intent.updated_at = now;
            match (authorize, pending.after, method) {
                (true, AfterAuth::Pay, Some(method)) => intent.pay(&method, now).ok()?,
                (true, AfterAuth::Pay, None) => {
                    // The payment method expired meanwhile: the payment cannot go through.
                    intent.fail(Decline::AUTHENTICATION_FAILED, &pending.payment_method)
                }
                (true, AfterAuth::Decline(decline), _) => {
                    intent.fail(decline, &pending.payment_method)
                }
                (false, _, _) => {
                    intent.fail(Decline::AUTHENTICATION_FAILED, &pending.payment_method)
                }
            }
            Some(Completed {
                status: intent.status.as_str(),
                return_url: pending.return_url,
            })
        })
        .flatten()
}

/// Whether a 3-D Secure check with this token is pending on intent `id`, and its amount.
pub fn pending_3ds(app: &App, id: &str, token: &str) -> Option<u64> {
    app.store
        .with_intent(id, |intent| {
            let pending = intent.pending.as_ref()?;
            (intent.status == Status::AwaitingNextAction && same_secret(&pending.token, token))
                .then_some(intent.amount)
        })
        .flatten()
}
