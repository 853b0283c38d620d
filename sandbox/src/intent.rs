//! The Payment Intent object as the store keeps it: its status, a pending 3-D Secure check, its
//! API representation, and how a payment or a decline changes it.

use serde_json::{json, Value};

use crate::cards::Decline;
use crate::error::ApiError;
use crate::ids;
use crate::payment_method::PaymentMethod;

/// The status of a Payment Intent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Waiting for a payment method (new, or after a failure).
    AwaitingPaymentMethod,
    /// Waiting for 3-D Secure.
    AwaitingNextAction,
    /// Paid.
    Succeeded,
    /// Authorized, waiting for a manual capture.
    AwaitingCapture,
}

impl Status {
    /// The API's name for the status.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::AwaitingPaymentMethod => "awaiting_payment_method",
            Status::AwaitingNextAction => "awaiting_next_action",
            Status::Succeeded => "succeeded",
            Status::AwaitingCapture => "awaiting_capture",
        }
    }
}

/// What happens once a pending 3-D Secure check is authorized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterAuth {
    /// The payment succeeds.
    Pay,
    /// The payment is declined.
    Decline(Decline),
}

/// A 3-D Secure check waiting on the test page.
#[derive(Clone, Debug)]
pub struct Pending3ds {
    /// The secret in the page's URL and forms.
    pub token: String,
    /// The payment method being authenticated.
    pub payment_method: String,
    /// What authorizing does.
    pub after: AfterAuth,
    /// Where the page returns to.
    pub return_url: Option<String>,
}

/// A stored Payment Intent.
#[derive(Clone, Debug)]
pub struct PaymentIntent {
    /// `pi_…`
    pub id: String,
    /// `pi_…_client_…`
    pub client_key: String,
    /// Centavos.
    pub amount: u64,
    /// `description`, if given.
    pub description: Option<String>,
    /// `statement_descriptor`, if given.
    pub statement_descriptor: Option<String>,
    /// `metadata`, if given.
    pub metadata: Option<Value>,
    /// `payment_method_allowed`.
    pub payment_method_allowed: Vec<String>,
    /// `payment_method_options.card.request_three_d_secure`: `any` or `automatic`.
    pub three_d_secure_any: bool,
    /// `capture_type: manual`.
    pub manual_capture: bool,
    /// The status.
    pub status: Status,
    /// The last failure, with the payment method that failed.
    pub last_payment_error: Option<(Decline, String)>,
    /// Payments made (at most one).
    pub payments: Vec<Value>,
    /// The pending 3-D Secure check.
    pub pending: Option<Pending3ds>,
    /// Unix seconds.
    pub created_at: u64,
    /// Unix seconds.
    pub updated_at: u64,
}

impl PaymentIntent {
    /// The API's representation; `public_url` is the base of the 3-D Secure page.
    pub fn to_json(&self, public_url: &str) -> Value {
        let next_action = self.pending.as_ref().map(|p| {
            json!({
                "type": "redirect",
                "redirect": {
                    "url": format!("{public_url}/3ds/{}?token={}", self.id, p.token),
                    "return_url": p.return_url,
                }
            })
        });
        let last_payment_error = self.last_payment_error.as_ref().map(|(d, pm)| {
            let mut e = json!({
                "failed_code": d.code,
                "failed_message": d.message(),
                "payment_method": pm,
            });
            if let (Some(sub), Some(obj)) = (d.sub_code, e.as_object_mut()) {
                obj.insert("sub_code".into(), Value::from(sub));
            }
            e
        });
        json!({"data": {
            "id": self.id,
            "type": "payment_intent",
            "attributes": {
                "amount": self.amount,
                "capture_type": if self.manual_capture { "manual" } else { "automatic" },
                "client_key": self.client_key,
                "currency": "PHP",
                "description": self.description,
                "livemode": false,
                "statement_descriptor": self.statement_descriptor,
                "status": self.status.as_str(),
                "last_payment_error": last_payment_error,
                "payment_method_allowed": self.payment_method_allowed,
                "payments": self.payments,
                "next_action": next_action,
                "payment_method_options": {
                    "card": {
                        "request_three_d_secure":
                            if self.three_d_secure_any { "any" } else { "automatic" }
                    }
                },
                "metadata": self.metadata,
                "created_at": self.created_at,
                "updated_at": self.updated_at,
            }
        }})
    }

    /// Pays with `payment_method` (or authorizes, for a manual capture) at `now`.
    pub fn pay(&mut self, payment_method: &PaymentMethod, now: u64) -> Result<(), ApiError> {
        self.pending = None;
        self.last_payment_error = None;
        if self.manual_capture {
            self.status = Status::AwaitingCapture;
        } else {
            self.status = Status::Succeeded;
            self.payments.push(json!({
                "id": ids::id("pay_").ok_or_else(ApiError::internal)?,
                "type": "payment",
                "attributes": {
                    "amount": self.amount,
                    "currency": "PHP",
                    "description": self.description,
                    "livemode": false,
                    "status": "paid",
                    "payment_intent_id": self.id,
                    "source": {
                        "id": payment_method.id,
                        "type": "card",
                        "last4": payment_method.last4,
                    },
                    "paid_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
            }));
        }
        Ok(())
    }

    /// Records a decline of `payment_method`; the intent waits for another.
    pub fn fail(&mut self, decline: Decline, payment_method: &str) {
        self.pending = None;
        self.status = Status::AwaitingPaymentMethod;
        self.last_payment_error = Some((decline, payment_method.to_string()));
    }
}
