//! PayMongo's error envelope: `{"errors":[{"code","detail","source":{"pointer","attribute"}}]}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One entry of the `errors` array.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorObject {
    /// The stable code (`parameter_required`, …).
    pub code: &'static str,
    /// A message for logs.
    pub detail: String,
    /// The parameter at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Where an error points: the attribute path and its last segment.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// The dotted path, e.g. `details.card_number`.
    pub pointer: String,
    /// The last segment of the path, e.g. `card_number`.
    pub attribute: String,
}

impl ErrorObject {
    /// An error without a source.
    pub fn new(code: &'static str, detail: impl Into<String>) -> ErrorObject {
        ErrorObject {
            code,
            detail: detail.into(),
            source: None,
        }
    }

    /// An error about the parameter at `pointer`.
    pub fn at(code: &'static str, pointer: &str, detail: impl Into<String>) -> ErrorObject {
        let attribute = pointer.rsplit('.').next().unwrap_or(pointer);
        ErrorObject {
            code,
            detail: detail.into(),
            source: Some(Source {
                pointer: pointer.to_string(),
                attribute: attribute.to_string(),
            }),
        }
    }

    /// `parameter_required`: "<pointer> is required."
    pub fn required(pointer: &str) -> ErrorObject {
        Self::at(
            "parameter_required",
            pointer,
            format!("{pointer} is required."),
        )
    }

    /// `parameter_format_invalid`: "<pointer> format is invalid."
    pub fn format_invalid(pointer: &str) -> ErrorObject {
        Self::at(
            "parameter_format_invalid",
            pointer,
            format!("{pointer} format is invalid."),
        )
    }

    /// `parameter_data_type_invalid`: "<attribute> should be <a type>."
    pub fn data_type(pointer: &str, kind: &str) -> ErrorObject {
        let attribute = pointer.rsplit('.').next().unwrap_or(pointer);
        Self::at(
            "parameter_data_type_invalid",
            pointer,
            format!("{attribute} should be {kind}."),
        )
    }

    /// `parameter_invalid` with a detail.
    pub fn invalid(pointer: &str, detail: impl Into<String>) -> ErrorObject {
        Self::at("parameter_invalid", pointer, detail)
    }
}

/// An error answer: a status and one or more error objects.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The `errors` array.
    pub errors: Vec<ErrorObject>,
}

impl ApiError {
    /// A 400 with the given errors.
    pub fn bad_request(errors: Vec<ErrorObject>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            errors,
        }
    }

    /// One error with a status.
    pub fn one(status: StatusCode, code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            errors: vec![ErrorObject::new(code, detail)],
        }
    }

    /// 401 `authentication_failed`.
    pub fn unauthorized(detail: &str) -> ApiError {
        Self::one(StatusCode::UNAUTHORIZED, "authentication_failed", detail)
    }

    /// 404 `resource_not_found`.
    pub fn not_found(detail: &str) -> ApiError {
        Self::one(StatusCode::NOT_FOUND, "resource_not_found", detail)
    }

    /// 500, when the sandbox itself fails (e.g. the random generator).
    pub fn internal() -> ApiError {
        Self::one(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "The sandbox failed to process the request.",
        )
    }

    /// The JSON body.
    pub fn body(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Envelope<'a> {
            errors: &'a [ErrorObject],
        }
        serde_json::to_vec(&Envelope {
            errors: &self.errors,
        })
        .unwrap_or_else(|_| b"{\"errors\":[]}".to_vec())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, self.body())
    }
}

/// A response with a JSON body.
pub fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Serializes a value as a JSON body, or the internal error if that fails.
pub fn to_json(value: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|_| ApiError::internal())
}
