//! PayMongo's request and answer bodies as Rust types: what the card fields send to the API and
//! read back. Pure, so every body is built and every answer read the same way on the host (the
//! tests, with `serde_json`) and in the browser (the fields, through serde-wasm-bindgen and the
//! browser's `JSON`).
//!
//! Requests are `Serialize`: `{"data":{"attributes":…}}` envelopes with PayMongo's snake_case
//! names. Answers are read through [`Json`], a small view of a parsed JSON value that each side
//! implements over its own JSON type. (Deserialising with serde in the browser would pull
//! serde's error formatting into the wasm — about 16 KB, measured — for a handful of fields.)
//!
//! The card's number and security code live in [`CardDetails`] only: its `Debug` redacts them.

use core::fmt;

use serde::{Serialize, Serializer};

use crate::digits::CardDigits;
use crate::expiry::{validate_expiry, YearMonth};
use crate::paymongo::{ApiErrorItem, IntentStatus};
use crate::{cvc_digits, is_payment_method_id, read_number};

/// `{"data":{"attributes":…}}`, PayMongo's request envelope.
#[derive(Serialize, Debug)]
pub struct Envelope<A> {
    data: Attributes<A>,
}

#[derive(Serialize, Debug)]
struct Attributes<A> {
    attributes: A,
}

impl<A> Envelope<A> {
    /// The envelope of `attributes`.
    pub fn of(attributes: A) -> Envelope<A> {
        Envelope {
            data: Attributes { attributes },
        }
    }
}

/// The card as PayMongo's `details` takes it: the number's digits, the expiry's month and
/// four-digit year, the security code's digits.
///
/// Its `Debug` shows neither the number nor the code; the number's buffer is overwritten when
/// dropped (and every heap block, the code's included, is zeroed when freed in the browser).
#[derive(Serialize)]
pub struct CardDetails {
    /// The digits of the number.
    #[serde(serialize_with = "digits_as_str")]
    pub card_number: CardDigits,
    /// The expiry's month, 1 to 12.
    pub exp_month: u8,
    /// The expiry's four-digit year.
    pub exp_year: u16,
    /// The security code's digits.
    pub cvc: String,
}

fn digits_as_str<S: Serializer>(digits: &CardDigits, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(digits.as_str())
}

impl CardDetails {
    /// The card of the fields' texts, or `None` when the expiry is not a date. Call it on a
    /// complete form: it does not validate the number or the code again.
    pub fn read(number: &str, expiry: &str, cvc: &str, today: YearMonth) -> Option<CardDetails> {
        let e = validate_expiry(expiry, today);
        Some(CardDetails {
            card_number: read_number(number).digits,
            exp_month: e.month?,
            exp_year: e.year?,
            cvc: cvc_digits(cvc),
        })
    }
}

impl fmt::Debug for CardDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardDetails")
            .field("card_number", &self.card_number)
            .field("exp_month", &self.exp_month)
            .field("exp_year", &self.exp_year)
            .field("cvc", &"<redacted>")
            .finish()
    }
}

/// The attributes of `POST /v1/payment_methods` for a card. `X` is the merchant's billing and
/// metadata objects, passed through as given (in the browser: the JS objects themselves).
#[derive(Serialize, Debug)]
pub struct PaymentMethodRequest<'a, X> {
    /// Always `card`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The card.
    pub details: &'a CardDetails,
    /// The billing details, with the cardholder's name when the name field is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing: Option<X>,
    /// The merchant's metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<X>,
}

impl<'a, X> PaymentMethodRequest<'a, X> {
    /// The attributes of a card payment method (the body is their [`Envelope`]).
    pub fn card(
        details: &'a CardDetails,
        billing: Option<X>,
        metadata: Option<X>,
    ) -> PaymentMethodRequest<'a, X> {
        PaymentMethodRequest {
            kind: "card",
            details,
            billing,
            metadata,
        }
    }
}

/// The attributes of `POST /v1/payment_intents/{id}/attach` from the browser.
#[derive(Serialize, Debug)]
pub struct AttachRequest<'a> {
    /// The `pm_…` id.
    pub payment_method: &'a str,
    /// The Payment Intent's client key.
    pub client_key: &'a str,
    /// Where 3-D Secure returns the shopper.
    pub return_url: &'a str,
}

/// A parsed JSON value, as far as answers are read: objects by key, strings, numbers, booleans
/// and arrays. A missing key or a value of another type is `None`.
pub trait Json: Sized {
    /// `self[key]` of an object.
    fn get(&self, key: &str) -> Option<Self>;
    /// The string, if it is one.
    fn string(&self) -> Option<String>;
    /// The number, if it is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, if it is one.
    fn boolean(&self) -> Option<bool>;
    /// The items, if it is an array.
    fn items(&self) -> Option<Vec<Self>>;

    /// The value at a path of keys.
    fn at(&self, path: &[&str]) -> Option<Self> {
        let (first, rest) = path.split_first()?;
        let mut v = self.get(first)?;
        for key in rest {
            v = v.get(key)?;
        }
        Some(v)
    }
}

/// An integer JSON number in `min..=max`.
fn integer(v: Option<f64>, min: f64, max: f64) -> Option<f64> {
    v.filter(|n| n.fract() == 0.0 && (min..=max).contains(n))
}

/// A created payment method, read from `POST /v1/payment_methods`' answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentMethodAnswer {
    /// `pm_…`.
    pub id: String,
    /// The number's last four digits.
    pub last4: String,
    /// The expiry's month.
    pub exp_month: u8,
    /// The expiry's year.
    pub exp_year: u16,
    /// Whether it was made with a live key.
    pub livemode: bool,
}

impl PaymentMethodAnswer {
    /// Reads `{"data":{"id":"pm_…","attributes":{"livemode":…,"details":{"last4","exp_month",
    /// "exp_year"}}}}`; `None` when a part is missing or of another shape.
    pub fn read(json: &impl Json) -> Option<PaymentMethodAnswer> {
        let data = json.get("data")?;
        let id = data
            .get("id")?
            .string()
            .filter(|id| is_payment_method_id(id))?;
        let attributes = data.get("attributes")?;
        let details = attributes.get("details")?;
        let last4 = details
            .get("last4")?
            .string()
            .filter(|l| l.len() == 4 && l.bytes().all(|b| b.is_ascii_digit()))?;
        let exp_month = integer(details.get("exp_month")?.number(), 1.0, 12.0)? as u8;
        let exp_year = integer(details.get("exp_year")?.number(), 0.0, 9999.0)? as u16;
        let livemode = attributes
            .get("livemode")
            .and_then(|l| l.boolean())
            .unwrap_or(false);
        Some(PaymentMethodAnswer {
            id,
            last4,
            exp_month,
            exp_year,
            livemode,
        })
    }
}

/// A Payment Intent as the browser reads it after attaching or re-reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntentAnswer {
    /// Its status.
    pub status: IntentStatus,
    /// `next_action.redirect.url`: the 3-D Secure page, when the status asks for it.
    pub redirect_url: Option<String>,
    /// `last_payment_error.failed_code`, empty when there is none.
    pub failed_code: String,
    /// `last_payment_error.sub_code`.
    pub sub_code: Option<String>,
}

impl IntentAnswer {
    /// Reads `{"data":{"attributes":{"status",…}}}`; `None` when the status is missing or not
    /// one of PayMongo's.
    pub fn read(json: &impl Json) -> Option<IntentAnswer> {
        let attributes = json.at(&["data", "attributes"])?;
        let status = IntentStatus::parse(&attributes.get("status")?.string()?)?;
        let last_error = attributes.get("last_payment_error");
        let text = |key: &str| last_error.as_ref()?.get(key)?.string();
        Some(IntentAnswer {
            status,
            redirect_url: attributes
                .at(&["next_action", "redirect", "url"])
                .and_then(|u| u.string()),
            failed_code: text("failed_code").unwrap_or_default(),
            sub_code: text("sub_code"),
        })
    }
}

/// One object of PayMongo's `{"errors":[…]}` envelope, owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiErrorAnswer {
    /// `code`.
    pub code: String,
    /// `detail`.
    pub detail: String,
    /// `source.attribute`.
    pub attribute: Option<String>,
    /// `source.pointer`.
    pub pointer: Option<String>,
    /// `sub_code`.
    pub sub_code: Option<String>,
}

impl ApiErrorAnswer {
    /// The `errors` of an error answer; `None` when the body is not that envelope.
    pub fn read_all(json: &impl Json) -> Option<Vec<ApiErrorAnswer>> {
        let items = json.get("errors")?.items()?;
        Some(
            items
                .iter()
                .map(|e| {
                    let text = |path: &[&str]| e.at(path).and_then(|v| v.string());
                    ApiErrorAnswer {
                        code: text(&["code"]).unwrap_or_default(),
                        detail: text(&["detail"]).unwrap_or_default(),
                        attribute: text(&["source", "attribute"]),
                        pointer: text(&["source", "pointer"]),
                        sub_code: text(&["sub_code"]),
                    }
                })
                .collect(),
        )
    }

    /// As [`crate::failure_for`] takes it.
    pub fn item(&self) -> ApiErrorItem<'_> {
        ApiErrorItem {
            code: &self.code,
            detail: &self.detail,
            attribute: self.attribute.as_deref(),
            pointer: self.pointer.as_deref(),
            sub_code: self.sub_code.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    impl Json for Value {
        fn get(&self, key: &str) -> Option<Value> {
            self.as_object()?.get(key).cloned()
        }
        fn string(&self) -> Option<String> {
            self.as_str().map(str::to_string)
        }
        fn number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }
        fn items(&self) -> Option<Vec<Value>> {
            self.as_array().cloned()
        }
    }

    const TODAY: YearMonth = YearMonth {
        year: 2026,
        month: 11,
    };

    fn card() -> CardDetails {
        CardDetails::read("4343 4343 4343 4345", "12 / 30", "123", TODAY).unwrap()
    }

    #[test]
    fn the_payment_method_body_is_paymongos() {
        let details = card();
        let body = Envelope::of(PaymentMethodRequest::card(
            &details,
            Some(json!({ "name": "Juan Dela Cruz" })),
            None,
        ));
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({ "data": { "attributes": {
                "type": "card",
                "details": { "card_number": "4343434343434345", "exp_month": 12, "exp_year": 2030, "cvc": "123" },
                "billing": { "name": "Juan Dela Cruz" },
            } } })
        );
    }

    #[test]
    fn digits_of_other_scripts_are_sent_as_ascii() {
        let d = CardDetails::read("４３４３ 4343 4343 4345", "1/30", "١٢٣", TODAY).unwrap();
        assert_eq!(d.card_number.as_str(), "4343434343434345");
        assert_eq!((d.exp_month, d.exp_year, d.cvc.as_str()), (1, 2030, "123"));
        assert!(CardDetails::read("4343", "13 / 30", "123", TODAY).is_none());
    }

    #[test]
    fn debug_shows_no_card_data() {
        let text = format!(
            "{:?}",
            Envelope::of(PaymentMethodRequest::<Value>::card(&card(), None, None))
        );
        assert!(!text.contains("4343"), "{text}");
        assert!(!text.contains("123"), "{text}");
        assert!(text.contains("exp_year: 2030"), "{text}");
    }

    #[test]
    fn the_attach_body() {
        let body = Envelope::of(AttachRequest {
            payment_method: "pm_1",
            client_key: "pi_1_client_2",
            return_url: "https://shop.example/done",
        });
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({ "data": { "attributes": {
                "payment_method": "pm_1", "client_key": "pi_1_client_2",
                "return_url": "https://shop.example/done",
            } } })
        );
    }

    #[test]
    fn reads_a_payment_method() {
        let answer = json!({ "data": { "id": "pm_abc123", "type": "payment_method", "attributes": {
            "livemode": false, "type": "card",
            "details": { "last4": "4345", "exp_month": 12, "exp_year": 2030 } } } });
        assert_eq!(
            PaymentMethodAnswer::read(&answer),
            Some(PaymentMethodAnswer {
                id: "pm_abc123".into(),
                last4: "4345".into(),
                exp_month: 12,
                exp_year: 2030,
                livemode: false,
            })
        );
        for bad in [
            json!({ "data": { "id": "pi_abc", "attributes": answer["data"]["attributes"] } }),
            json!({ "data": { "id": "pm_abc", "attributes": { "details": { "last4": "4345", "exp_month": 13, "exp_year": 2030 } } } }),
            json!({ "data": { "id": "pm_abc", "attributes": { "details": { "last4": 4345, "exp_month": 1, "exp_year": 2030 } } } }),
            json!({ "data": { "id": "pm_abc", "attributes": { "details": { "last4": "434", "exp_month": 1, "exp_year": 2030 } } } }),
            json!({ "data": { "id": "pm_abc", "attributes": { "details": { "last4": "43a5", "exp_month": 1, "exp_year": 2030 } } } }),
            json!({ "data": { "id": "pm_abc", "attributes": { "details": { "last4": "4345", "exp_month": 1.5, "exp_year": 2030 } } } }),
            json!({ "data": { "id": "pm_abc" } }),
            json!([1, 2]),
        ] {
            assert_eq!(PaymentMethodAnswer::read(&bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_an_intent() {
        let answer = json!({ "data": { "id": "pi_1", "attributes": {
            "status": "awaiting_next_action",
            "next_action": { "type": "redirect", "redirect": { "url": "https://3ds.example/x" } } } } });
        let i = IntentAnswer::read(&answer).unwrap();
        assert_eq!(i.status, IntentStatus::AwaitingNextAction);
        assert_eq!(i.redirect_url.as_deref(), Some("https://3ds.example/x"));
        assert_eq!(i.failed_code, "");

        let declined = json!({ "data": { "attributes": { "status": "awaiting_payment_method",
            "last_payment_error": { "failed_code": "card_expired", "sub_code": "x" } } } });
        let i = IntentAnswer::read(&declined).unwrap();
        assert_eq!(
            (i.failed_code.as_str(), i.sub_code.as_deref()),
            ("card_expired", Some("x"))
        );
        assert_eq!(
            IntentAnswer::read(&json!({ "data": { "attributes": { "status": "paid" } } })),
            None
        );
    }

    #[test]
    fn reads_api_errors() {
        let answer = json!({ "errors": [
            { "code": "parameter_invalid", "detail": "details.cvc is invalid.",
              "source": { "pointer": "details.cvc", "attribute": "cvc" } },
            { "code": "x", "sub_code": "y" },
            "not an object",
        ] });
        let errors = ApiErrorAnswer::read_all(&answer).unwrap();
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].attribute.as_deref(), Some("cvc"));
        assert_eq!(errors[1].sub_code.as_deref(), Some("y"));
        assert_eq!(errors[2], ApiErrorAnswer::default());
        let f = crate::failure_for(400, Some(&[errors[0].item()]));
        assert_eq!(f.code, crate::ErrorCode::InvalidCvc);
        assert_eq!(ApiErrorAnswer::read_all(&json!({ "errors": {} })), None);
        assert_eq!(ApiErrorAnswer::read_all(&json!("<html>")), None);
    }
}
