//! `POST /v1/payment_methods`: validates a card with the sealcard core and keeps only what the
//! answer shows (last 4, expiry, billing, metadata) and the test-card outcome.

use sealcard::{read_number, validate_cvc, validate_expiry, ErrorCode, YearMonth};
use serde_json::{json, Value};

use crate::cards::{outcome_of, Outcome};
use crate::clock;
use crate::error::{ApiError, ErrorObject};
use crate::ids;
use crate::json::Json;

/// A stored payment method: what the API returned, and the outcome of its card. Never the
/// number or the security code.
#[derive(Clone, Debug)]
pub struct PaymentMethod {
    /// `pm_…`
    pub id: String,
    /// The card's last four digits.
    pub last4: String,
    /// Expiry month, 1–12.
    pub exp_month: u8,
    /// Expiry year, four digits.
    pub exp_year: u16,
    /// `billing` as sent, or `None` (boxed: most payment methods have none, and a stored
    /// object stays small).
    pub billing: Option<Box<Value>>,
    /// `metadata` as sent, or `None`.
    pub metadata: Option<Box<Value>>,
    /// What attaching the card does.
    pub outcome: Outcome,
    /// Unix seconds.
    pub created_at: u64,
}

impl PaymentMethod {
    /// The API's representation.
    pub fn to_json(&self) -> Value {
        json!({"data": {
            "id": self.id,
            "type": "payment_method",
            "attributes": {
                "type": "card",
                "livemode": false,
                "details": {
                    "last4": self.last4,
                    "exp_month": self.exp_month,
                    "exp_year": self.exp_year,
                },
                "billing": self.billing,
                "metadata": self.metadata,
                "created_at": self.created_at,
                "updated_at": self.created_at,
            }
        }})
    }
}

/// The `attributes` object of a JSON:API-style body, or the errors to answer.
pub fn attributes(body: &Json) -> Result<&Json, ApiError> {
    let data = body
        .field("data")
        .ok_or_else(|| ApiError::bad_request(vec![ErrorObject::required("data")]))?;
    if !data.is_object() {
        return Err(ApiError::bad_request(vec![ErrorObject::data_type(
            "data",
            "an object",
        )]));
    }
    let attributes = data
        .field("attributes")
        .ok_or_else(|| ApiError::bad_request(vec![ErrorObject::required("data.attributes")]))?;
    if !attributes.is_object() {
        return Err(ApiError::bad_request(vec![ErrorObject::data_type(
            "data.attributes",
            "an object",
        )]));
    }
    Ok(attributes)
}

/// Validates a creation request and builds the payment method (not yet stored).
pub fn create(body: &Json, today: YearMonth) -> Result<PaymentMethod, ApiError> {
    let attrs = attributes(body)?;
    let mut errors = Vec::new();

    match attrs.field("type") {
        None => errors.push(ErrorObject::required("type")),
        Some(t) if t.as_str() == Some("card") => {}
        Some(_) => errors.push(ErrorObject::invalid(
            "type",
            "type is invalid. The sandbox supports card.",
        )),
    }
    let billing = object_or_none(attrs, "billing", &mut errors);
    let metadata = object_or_none(attrs, "metadata", &mut errors);

    let card = match attrs.field("details") {
        None => {
            errors.push(ErrorObject::required("details"));
            None
        }
        Some(d) if !d.is_object() => {
            errors.push(ErrorObject::data_type("details", "an object"));
            None
        }
        Some(details) => card(details, today, &mut errors),
    };

    match card {
        Some(card) if errors.is_empty() => Ok(PaymentMethod {
            id: ids::id("pm_").ok_or_else(ApiError::internal)?,
            last4: card.last4,
            exp_month: card.exp_month,
            exp_year: card.exp_year,
            billing,
            metadata,
            outcome: card.outcome,
            created_at: clock::unix_now(),
        }),
        _ => Err(ApiError::bad_request(errors)),
    }
}

/// What is kept of a valid card.
struct Card {
    last4: String,
    exp_month: u8,
    exp_year: u16,
    outcome: Outcome,
}

fn card(details: &Json, today: YearMonth, errors: &mut Vec<ErrorObject>) -> Option<Card> {
    const NUMBER: &str = "details.card_number";
    const MONTH: &str = "details.exp_month";
    const YEAR: &str = "details.exp_year";
    const CVC: &str = "details.cvc";

    // The number: a string of ASCII digits that the core finds complete and correct.
    let mut number = None;
    match details.field("card_number") {
        None => errors.push(ErrorObject::required(NUMBER)),
        Some(Json::Str(text)) => {
            let read = read_number(text);
            let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
            if digits_only && read.verdict.valid {
                number = Some(read);
            } else {
                errors.push(ErrorObject::format_invalid(NUMBER));
            }
        }
        Some(_) => errors.push(ErrorObject::data_type(NUMBER, "a string")),
    }

    let month = match details.field("exp_month") {
        None => {
            errors.push(ErrorObject::required(MONTH));
            None
        }
        Some(m) => match m.as_int() {
            Some(v) if (1..=12).contains(&v) => Some(v as u8),
            Some(_) => {
                errors.push(ErrorObject::invalid(
                    MONTH,
                    "details.exp_month must be between 1 and 12.",
                ));
                None
            }
            None => {
                errors.push(ErrorObject::data_type(MONTH, "an integer"));
                None
            }
        },
    };
    let year = match details.field("exp_year") {
        None => {
            errors.push(ErrorObject::required(YEAR));
            None
        }
        Some(y) => match y.as_int() {
            Some(v) if (0..=9999).contains(&v) => Some(v as u16),
            Some(_) => {
                errors.push(ErrorObject::invalid(YEAR, "details.exp_year is invalid."));
                None
            }
            None => {
                errors.push(ErrorObject::data_type(YEAR, "an integer"));
                None
            }
        },
    };
    if let (Some(m), Some(y)) = (month, year) {
        // The core reads `MM/YYYY` against today's month; the year is taken as written
        // (a two-digit year is a year of the first century, long expired).
        let verdict = validate_expiry(&format!("{m:02}/{y:04}"), today);
        match verdict.error {
            None => {}
            Some(ErrorCode::Expired) => {
                errors.push(ErrorObject::invalid(YEAR, "The card is already expired."))
            }
            Some(ErrorCode::ExpiryTooFar) => errors.push(ErrorObject::invalid(
                YEAR,
                "details.exp_year is too far in the future.",
            )),
            Some(_) => errors.push(ErrorObject::invalid(YEAR, "details.exp_year is invalid.")),
        }
    }

    match details.field("cvc") {
        None => errors.push(ErrorObject::required(CVC)),
        Some(Json::Str(cvc)) => {
            let brand = number.as_ref().and_then(|n| n.verdict.brand);
            let ascii = cvc.bytes().all(|b| b.is_ascii_digit());
            if !ascii || !validate_cvc(cvc, brand).valid {
                errors.push(ErrorObject::format_invalid(CVC));
            }
        }
        Some(_) => errors.push(ErrorObject::data_type(CVC, "a string")),
    }

    let number = number?;
    let digits = number.digits.as_str();
    Some(Card {
        last4: number.digits.last4().to_string(),
        exp_month: month?,
        exp_year: year?,
        outcome: outcome_of(digits),
    })
    // `number` (its digits wiped on drop) goes out of scope here.
}

/// An optional object member echoed back (`billing`, `metadata`).
fn object_or_none(attrs: &Json, key: &str, errors: &mut Vec<ErrorObject>) -> Option<Box<Value>> {
    match attrs.field(key) {
        None => None,
        Some(v) if v.is_object() => Some(Box::new(v.to_value())),
        Some(_) => {
            errors.push(ErrorObject::data_type(key, "an object"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: YearMonth = YearMonth {
        year: 2026,
        month: 6,
    };

    fn body(details: &str) -> Json {
        Json::parse(
            format!(r#"{{"data":{{"attributes":{{"type":"card","details":{details}}}}}}}"#)
                .as_bytes(),
        )
        .unwrap()
    }

    fn codes(details: &str) -> Vec<(String, String)> {
        match create(&body(details), TODAY) {
            Ok(_) => vec![],
            Err(e) => e
                .errors
                .iter()
                .map(|o| {
                    let at = o
                        .source
                        .as_ref()
                        .map(|s| s.pointer.clone())
                        .unwrap_or_default();
                    (o.code.to_string(), at)
                })
                .collect(),
        }
    }

    fn pair(code: &str, at: &str) -> (String, String) {
        (code.to_string(), at.to_string())
    }

    #[test]
    fn a_valid_card_keeps_only_last4_and_expiry() {
        let pm = create(
            &body(
                r#"{"card_number":"4343434343434345","exp_month":12,"exp_year":2030,"cvc":"123"}"#,
            ),
            TODAY,
        )
        .unwrap();
        assert_eq!(
            (pm.last4.as_str(), pm.exp_month, pm.exp_year),
            ("4345", 12, 2030)
        );
        let shown = format!("{pm:?}");
        assert!(!shown.contains("434343434343"), "{shown}");
    }

    #[test]
    fn field_errors() {
        assert_eq!(
            codes(r#"{}"#),
            [
                pair("parameter_required", "details.card_number"),
                pair("parameter_required", "details.exp_month"),
                pair("parameter_required", "details.exp_year"),
                pair("parameter_required", "details.cvc"),
            ]
        );
        assert_eq!(
            codes(
                r#"{"card_number":"4343 4343 4343 4345","exp_month":13,"exp_year":2030,"cvc":123}"#
            ),
            [
                pair("parameter_format_invalid", "details.card_number"),
                pair("parameter_invalid", "details.exp_month"),
                pair("parameter_data_type_invalid", "details.cvc"),
            ]
        );
        assert_eq!(
            codes(r#"{"card_number":"4343434343434344","exp_month":5,"exp_year":2026,"cvc":"12"}"#),
            [
                pair("parameter_format_invalid", "details.card_number"),
                pair("parameter_invalid", "details.exp_year"),
                pair("parameter_format_invalid", "details.cvc"),
            ]
        );
        assert_eq!(
            codes(
                r#"{"card_number":4343434343434345,"exp_month":"12","exp_year":2030.5,"cvc":"123"}"#
            ),
            [
                pair("parameter_data_type_invalid", "details.card_number"),
                pair("parameter_data_type_invalid", "details.exp_month"),
                pair("parameter_data_type_invalid", "details.exp_year"),
            ]
        );
        // Unknown brand; a four-digit CVC on Visa.
        assert_eq!(
            codes(
                r#"{"card_number":"9999999999999995","exp_month":6,"exp_year":2026,"cvc":"1234"}"#
            ),
            [pair("parameter_format_invalid", "details.card_number")]
        );
        assert_eq!(
            codes(
                r#"{"card_number":"4343434343434345","exp_month":6,"exp_year":2026,"cvc":"1234"}"#
            ),
            [pair("parameter_format_invalid", "details.cvc")]
        );
    }
}
