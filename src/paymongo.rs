//! PayMongo's wire protocol as the widget needs it: the client key, Payment Intent statuses,
//! and the mapping of HTTP statuses and PayMongo error objects to sealcard's error codes.
//! Pure: the browser layer extracts the fields from the JSON and calls these.

use crate::error::{ErrorCode, Field};
use crate::search::{after_last, contains, contains_ignore_ascii_case, find};

/// One object of PayMongo's `{"errors":[…]}` envelope.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ApiErrorItem<'a> {
    /// PayMongo's code, e.g. `parameter_format_invalid`.
    pub code: &'a str,
    /// PayMongo's `detail` (for logs, never shown to shoppers).
    pub detail: &'a str,
    /// `source.attribute`, e.g. `card_number`.
    pub attribute: Option<&'a str>,
    /// `source.pointer`, e.g. `details.card_number` or `/data/attributes/details/card_number`.
    pub pointer: Option<&'a str>,
    /// PayMongo's `sub_code`, when given.
    pub sub_code: Option<&'a str>,
}

/// A sealcard error with PayMongo's own codes kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFailure {
    /// sealcard's code.
    pub code: ErrorCode,
    /// The field to show it on, for field errors.
    pub field: Option<Field>,
    /// PayMongo's `code` (or `failed_code`), kept as `apiCode`.
    pub api_code: Option<String>,
    /// PayMongo's `sub_code`, kept as `subCode`.
    pub sub_code: Option<String>,
}

impl ApiFailure {
    /// A failure of `code` with no PayMongo codes.
    pub fn new(code: ErrorCode) -> ApiFailure {
        ApiFailure {
            code,
            field: code.field(),
            api_code: None,
            sub_code: None,
        }
    }

    fn with_api(
        code: ErrorCode,
        field: Option<Field>,
        item: Option<&ApiErrorItem<'_>>,
    ) -> ApiFailure {
        ApiFailure {
            code,
            field,
            api_code: item.map(|i| i.code.to_string()).filter(|c| !c.is_empty()),
            sub_code: item.and_then(|i| i.sub_code).map(str::to_string),
        }
    }
}

/// The card field an API error's source names, if any.
pub fn field_of(item: &ApiErrorItem<'_>) -> Option<Field> {
    let last = item
        .attribute
        .or_else(|| item.pointer.map(|p| after_last(p, b"./")))
        .unwrap_or("");
    match last {
        "card_number" | "number" => Some(Field::Number),
        "exp_month" | "exp_year" => Some(Field::Expiry),
        "cvc" => Some(Field::Cvc),
        _ => None,
    }
}

fn says_expired(item: &ApiErrorItem<'_>) -> bool {
    contains_ignore_ascii_case(item.detail, "expired") || item.code == "card_expired"
}

/// Maps a non-success HTTP answer to an error. `errors` holds the parsed envelope: `None` when
/// the body was not PayMongo's JSON envelope (a proxy's HTML page, plain text, garbage).
pub fn failure_for(status: u16, errors: Option<&[ApiErrorItem<'_>]>) -> ApiFailure {
    let first = errors.and_then(|e| e.first());
    match status {
        401 | 403 => ApiFailure::with_api(ErrorCode::AuthenticationFailed, None, first),
        429 => ApiFailure::new(ErrorCode::RateLimited),
        500..=599 => ApiFailure::new(ErrorCode::ServerError),
        _ => match errors {
            None | Some([]) => ApiFailure::new(ErrorCode::InvalidResponse),
            Some(items) => {
                // The first error that names a card field decides; else the first error.
                let on_field = items.iter().find_map(|i| field_of(i).map(|f| (i, f)));
                match on_field {
                    Some((item, Field::Number)) => ApiFailure::with_api(
                        ErrorCode::InvalidNumber,
                        Some(Field::Number),
                        Some(item),
                    ),
                    Some((item, Field::Expiry)) => {
                        let code = if says_expired(item) {
                            ErrorCode::Expired
                        } else {
                            ErrorCode::InvalidExpiry
                        };
                        ApiFailure::with_api(code, Some(Field::Expiry), Some(item))
                    }
                    Some((item, Field::Cvc)) => {
                        ApiFailure::with_api(ErrorCode::InvalidCvc, Some(Field::Cvc), Some(item))
                    }
                    _ => {
                        let item = items.iter().find(|i| says_expired(i));
                        match item {
                            Some(i) => ApiFailure::with_api(
                                ErrorCode::Expired,
                                Some(Field::Expiry),
                                Some(i),
                            ),
                            None => ApiFailure::with_api(ErrorCode::ApiError, None, first),
                        }
                    }
                }
            }
        },
    }
}

/// The id of the Payment Intent of a client key: `pi_abc_client_xyz` → `pi_abc`.
pub fn intent_id_of_client_key(client_key: &str) -> Option<&str> {
    const SEPARATOR: &str = "_client_";
    let at = find(client_key, SEPARATOR)?;
    let id = client_key.get(..at)?;
    let secret = client_key.get(at + SEPARATOR.len()..)?;
    let ok_id = id.len() > 3
        && id.starts_with("pi_")
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let ok_secret = !secret.is_empty() && secret.bytes().all(|b| b.is_ascii_alphanumeric());
    (ok_id && ok_secret).then_some(id)
}

/// Whether `id` looks like a payment-method id (`pm_` + letters and digits).
pub fn is_payment_method_id(id: &str) -> bool {
    id.len() > 3
        && id.len() <= 64
        && id.starts_with("pm_")
        && id.bytes().skip(3).all(|b| b.is_ascii_alphanumeric())
}

/// A Payment Intent's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntentStatus {
    /// Paid.
    Succeeded,
    /// Authorized, to be captured by the merchant (manual capture).
    AwaitingCapture,
    /// 3-D Secure: show `next_action.redirect.url`.
    AwaitingNextAction,
    /// Still being processed: read again shortly.
    Processing,
    /// No payment method yet, or the last one failed (`last_payment_error`).
    AwaitingPaymentMethod,
}

impl IntentStatus {
    /// Reads PayMongo's status string.
    pub fn parse(s: &str) -> Option<IntentStatus> {
        Some(match s {
            "succeeded" => IntentStatus::Succeeded,
            "awaiting_capture" => IntentStatus::AwaitingCapture,
            "awaiting_next_action" => IntentStatus::AwaitingNextAction,
            "processing" => IntentStatus::Processing,
            "awaiting_payment_method" => IntentStatus::AwaitingPaymentMethod,
            _ => return None,
        })
    }

    /// PayMongo's status string.
    pub fn as_str(self) -> &'static str {
        match self {
            IntentStatus::Succeeded => "succeeded",
            IntentStatus::AwaitingCapture => "awaiting_capture",
            IntentStatus::AwaitingNextAction => "awaiting_next_action",
            IntentStatus::Processing => "processing",
            IntentStatus::AwaitingPaymentMethod => "awaiting_payment_method",
        }
    }
}

/// The error for a payment that ended back in `awaiting_payment_method` with PayMongo's
/// `failed_code` (and `sub_code`): a decline, or 3-D Secure not completed.
pub fn decline_for(failed_code: &str, sub_code: Option<&str>) -> ApiFailure {
    let code = if contains(failed_code, "authentication") || contains(failed_code, "3ds") {
        ErrorCode::AuthenticationIncomplete
    } else {
        ErrorCode::CardDeclined
    };
    ApiFailure {
        code,
        field: None,
        api_code: (!failed_code.is_empty()).then(|| failed_code.to_string()),
        sub_code: sub_code.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item<'a>(
        code: &'a str,
        detail: &'a str,
        attribute: Option<&'a str>,
        pointer: Option<&'a str>,
    ) -> ApiErrorItem<'a> {
        ApiErrorItem {
            code,
            detail,
            attribute,
            pointer,
            sub_code: None,
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(failure_for(401, None).code, ErrorCode::AuthenticationFailed);
        assert_eq!(failure_for(429, None).code, ErrorCode::RateLimited);
        assert_eq!(failure_for(500, None).code, ErrorCode::ServerError);
        assert_eq!(failure_for(502, None).code, ErrorCode::ServerError);
        assert_eq!(failure_for(400, None).code, ErrorCode::InvalidResponse);
        assert_eq!(failure_for(404, Some(&[])).code, ErrorCode::InvalidResponse);
        assert!(failure_for(429, None).code.retryable());
        assert!(!failure_for(401, None).code.retryable());
    }

    #[test]
    fn field_errors_map_back_onto_fields() {
        let number = [item(
            "parameter_format_invalid",
            "details.card_number format is invalid.",
            Some("card_number"),
            Some("details.card_number"),
        )];
        let f = failure_for(400, Some(&number));
        assert_eq!(
            (f.code, f.field),
            (ErrorCode::InvalidNumber, Some(Field::Number))
        );
        assert_eq!(f.api_code.as_deref(), Some("parameter_format_invalid"));

        let expired = [item(
            "parameter_invalid",
            "The card is already expired.",
            None,
            None,
        )];
        let f = failure_for(400, Some(&expired));
        assert_eq!((f.code, f.field), (ErrorCode::Expired, Some(Field::Expiry)));

        let month = [item(
            "parameter_invalid",
            "exp_month is invalid.",
            None,
            Some("/data/attributes/details/exp_month"),
        )];
        assert_eq!(
            failure_for(400, Some(&month)).code,
            ErrorCode::InvalidExpiry
        );

        let cvc = [item(
            "parameter_data_type_invalid",
            "cvc should be a string.",
            Some("cvc"),
            None,
        )];
        assert_eq!(failure_for(400, Some(&cvc)).field, Some(Field::Cvc));

        let other = [item(
            "parameter_below_minimum",
            "amount too low",
            Some("amount"),
            None,
        )];
        let f = failure_for(400, Some(&other));
        assert_eq!(
            (f.code, f.api_code.as_deref()),
            (ErrorCode::ApiError, Some("parameter_below_minimum"))
        );
    }

    #[test]
    fn client_keys() {
        assert_eq!(
            intent_id_of_client_key("pi_abc123_client_XyZ789"),
            Some("pi_abc123")
        );
        assert_eq!(intent_id_of_client_key("pi_abc123"), None);
        assert_eq!(intent_id_of_client_key("sk_test_x_client_y"), None);
        assert_eq!(intent_id_of_client_key("pi_a/b_client_y"), None);
        assert!(is_payment_method_id("pm_ajeDG2y6WgnrCXaamWFmPUw2"));
        assert!(!is_payment_method_id("pm_<script>"));
    }

    #[test]
    fn declines() {
        let d = decline_for("insufficient_funds", None);
        assert_eq!(
            (d.code, d.api_code.as_deref()),
            (ErrorCode::CardDeclined, Some("insufficient_funds"))
        );
        assert_eq!(
            decline_for("authentication_failed", None).code,
            ErrorCode::AuthenticationIncomplete
        );
    }
}
