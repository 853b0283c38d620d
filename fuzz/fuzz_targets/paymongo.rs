//! PayMongo's answers: `failure_for` over any status and any list of error objects (as the
//! browser layer extracts them from the JSON envelope), `decline_for`, and the client-key and
//! payment-method id checks. Checks the status classes, the field mapping and `retryable`, and
//! compares every answer with a plain reference written with the standard library's string
//! functions (the crate's own are hand-written, for size).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sealcard::{
    decline_for, failure_for, field_of, intent_id_of_client_key, is_payment_method_id,
    ApiErrorItem, ApiFailure, ErrorCode, ErrorType, Field,
};

/// The mapping as specified, with the standard library's string functions.
mod reference {
    use super::*;

    pub fn field_of(item: &ApiErrorItem<'_>) -> Option<Field> {
        let last = item
            .attribute
            .or_else(|| item.pointer.and_then(|p| p.rsplit(['.', '/']).next()))
            .unwrap_or("");
        match last {
            "card_number" | "number" => Some(Field::Number),
            "exp_month" | "exp_year" => Some(Field::Expiry),
            "cvc" => Some(Field::Cvc),
            _ => None,
        }
    }

    fn says_expired(item: &ApiErrorItem<'_>) -> bool {
        item.detail.to_ascii_lowercase().contains("expired") || item.code == "card_expired"
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

    pub fn failure(status: u16, errors: Option<&[ApiErrorItem<'_>]>) -> ApiFailure {
        let first = errors.and_then(|e| e.first());
        match status {
            401 | 403 => with_api(ErrorCode::AuthenticationFailed, None, first),
            429 => ApiFailure::new(ErrorCode::RateLimited),
            500..=599 => ApiFailure::new(ErrorCode::ServerError),
            _ => match errors {
                None | Some([]) => ApiFailure::new(ErrorCode::InvalidResponse),
                Some(items) => match items.iter().find_map(|i| self::field_of(i).map(|f| (i, f))) {
                    Some((item, Field::Number)) => {
                        with_api(ErrorCode::InvalidNumber, Some(Field::Number), Some(item))
                    }
                    Some((item, Field::Expiry)) => {
                        let code = if says_expired(item) {
                            ErrorCode::Expired
                        } else {
                            ErrorCode::InvalidExpiry
                        };
                        with_api(code, Some(Field::Expiry), Some(item))
                    }
                    Some((item, Field::Cvc)) => {
                        with_api(ErrorCode::InvalidCvc, Some(Field::Cvc), Some(item))
                    }
                    _ => match items.iter().find(|i| says_expired(i)) {
                        Some(i) => with_api(ErrorCode::Expired, Some(Field::Expiry), Some(i)),
                        None => with_api(ErrorCode::ApiError, None, first),
                    },
                },
            },
        }
    }

    pub fn decline_code(failed_code: &str) -> ErrorCode {
        if failed_code.contains("authentication") || failed_code.contains("3ds") {
            ErrorCode::AuthenticationIncomplete
        } else {
            ErrorCode::CardDeclined
        }
    }

    pub fn intent_id(client_key: &str) -> Option<&str> {
        let (id, secret) = client_key.split_once("_client_")?;
        let ok_id = id.len() > 3
            && id.starts_with("pi_")
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        let ok_secret = !secret.is_empty() && secret.bytes().all(|b| b.is_ascii_alphanumeric());
        (ok_id && ok_secret).then_some(id)
    }
}

#[derive(Debug, Arbitrary)]
struct Item<'a> {
    code: &'a str,
    detail: &'a str,
    attribute: Option<&'a str>,
    pointer: Option<&'a str>,
    sub_code: Option<&'a str>,
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    status: u16,
    envelope: Option<Vec<Item<'a>>>,
    failed_code: &'a str,
    sub_code: Option<&'a str>,
    client_key: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let items: Option<Vec<ApiErrorItem<'_>>> = input.envelope.as_ref().map(|list| {
        list.iter()
            .map(|i| ApiErrorItem {
                code: i.code,
                detail: i.detail,
                attribute: i.attribute,
                pointer: i.pointer,
                sub_code: i.sub_code,
            })
            .collect()
    });
    for item in items.iter().flatten() {
        assert_eq!(field_of(item), reference::field_of(item));
    }
    let status = input.status % 1000;
    let f = failure_for(status, items.as_deref());
    assert_eq!(
        f,
        reference::failure(status, items.as_deref()),
        "as specified"
    );
    assert!(f.api_code.as_deref() != Some(""), "no empty apiCode");
    match status {
        401 | 403 => assert_eq!(f.code, ErrorCode::AuthenticationFailed),
        429 => assert_eq!(f.code, ErrorCode::RateLimited),
        500..=599 => assert_eq!(f.code, ErrorCode::ServerError),
        _ => match items.as_deref() {
            None | Some([]) => assert_eq!(f.code, ErrorCode::InvalidResponse),
            Some(list) => {
                assert!(!f.code.retryable(), "a PayMongo error is not retried as is");
                if let Some(field) = f.field {
                    assert_eq!(f.code.field(), Some(field));
                } else {
                    assert_eq!(f.code, ErrorCode::ApiError);
                    assert!(list.iter().all(|i| field_of(i).is_none()));
                }
            }
        },
    }
    // Retryable: rate limits, server failures, and answers that are not PayMongo's envelope.
    assert_eq!(
        f.code.retryable(),
        matches!(status, 429 | 500..=599) || f.code == ErrorCode::InvalidResponse,
        "retryable ({status})"
    );
    assert!(matches!(
        f.code.error_type(),
        ErrorType::Api | ErrorType::Validation
    ));

    let d = decline_for(input.failed_code, input.sub_code);
    assert!(matches!(
        d.code,
        ErrorCode::CardDeclined | ErrorCode::AuthenticationIncomplete
    ));
    assert_eq!(d.api_code.is_none(), input.failed_code.is_empty());
    assert_eq!(d.code, reference::decline_code(input.failed_code));
    assert_eq!(
        intent_id_of_client_key(input.client_key),
        reference::intent_id(input.client_key)
    );

    if let Some(id) = intent_id_of_client_key(input.client_key) {
        assert!(id.starts_with("pi_") && id.len() > 3);
        assert!(input.client_key.starts_with(id));
        assert!(input.client_key[id.len()..].starts_with("_client_"));
        // The id is safe to put in a URL path as is.
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    }
    if is_payment_method_id(input.client_key) {
        let id = input.client_key;
        assert!(id.starts_with("pm_") && id.len() <= 64);
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    }
});
