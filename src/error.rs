//! Error codes: one enum, stable snake_case strings, English messages.
//!
//! A code's string is part of the public API: renaming one is a breaking change.

use core::fmt;

/// The family an error belongs to, as JS sees it in `error.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorType {
    /// The shopper's input is incomplete or wrong.
    Validation,
    /// The merchant's integration is misconfigured (key, endpoint, page).
    Configuration,
    /// The API answered with an error.
    Api,
    /// The API could not be reached, or did not answer in time.
    Network,
}

impl ErrorType {
    /// `validation_error`, `configuration_error`, `api_error` or `network_error`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Validation => "validation_error",
            ErrorType::Configuration => "configuration_error",
            ErrorType::Api => "api_error",
            ErrorType::Network => "network_error",
        }
    }
}

/// The card field an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The card number.
    Number,
    /// The expiry date.
    Expiry,
    /// The security code.
    Cvc,
    /// The cardholder name.
    Name,
}

impl Field {
    /// `number`, `expiry`, `cvc` or `name`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Expiry => "expiry",
            Field::Cvc => "cvc",
            Field::Name => "name",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $ty:ident, $field:expr, $retry:literal, $msg:literal; )*) => {
        /// Every error sealcard reports. The string of each is stable.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The stable snake_case code string.
            pub fn code(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }

            /// The error's family.
            pub fn error_type(self) -> ErrorType {
                match self { $(ErrorCode::$variant => ErrorType::$ty,)* }
            }

            /// The field the error is about, if any.
            pub fn field(self) -> Option<Field> {
                match self { $(ErrorCode::$variant => $field,)* }
            }

            /// Whether trying the same thing again, unchanged, can succeed.
            pub fn retryable(self) -> bool {
                match self { $(ErrorCode::$variant => $retry,)* }
            }

            /// The English message: a sentence for a shopper or, for configuration errors,
            /// for the merchant's developer. It never contains input.
            pub fn message(self) -> &'static str {
                match self { $(ErrorCode::$variant => $msg,)* }
            }

            /// The code's position in [`ErrorCode::ALL`] (its declaration order).
            pub fn index(self) -> usize {
                self as usize
            }

            /// Looks a code up by its string.
            pub fn parse(code: &str) -> Option<ErrorCode> {
                // A scan of the table: a `match` on the strings compiles to a comparison per
                // code, several times the size.
                Self::ALL.iter().copied().find(|c| c.code() == code)
            }
        }
    };
}

const N: Option<Field> = Some(Field::Number);
const E: Option<Field> = Some(Field::Expiry);
const C: Option<Field> = Some(Field::Cvc);

codes! {
    /// The card number is shorter than any length its brand allows.
    IncompleteNumber = "incomplete_number", Validation, N, false, "Your card number is incomplete.";
    /// The card number cannot be a card number (unknown prefix, wrong length, check digit, characters).
    InvalidNumber = "invalid_number", Validation, N, false, "Your card number is invalid.";
    /// The card's brand is not among the merchant's accepted brands.
    UnsupportedBrand = "unsupported_brand", Validation, N, false, "This card brand is not accepted. Please use another card.";
    /// The expiry date is not fully typed.
    IncompleteExpiry = "incomplete_expiry", Validation, E, false, "Your card's expiration date is incomplete.";
    /// The expiry date is not a date (month 13, letters).
    InvalidExpiry = "invalid_expiry", Validation, E, false, "Your card's expiration date is invalid.";
    /// The expiry date is in the past.
    Expired = "expired", Validation, E, false, "Your card has expired.";
    /// The expiry date is further in the future than any card is issued for.
    ExpiryTooFar = "expiry_too_far", Validation, E, false, "Your card's expiration year is too far in the future.";
    /// The security code is shorter than the brand's.
    IncompleteCvc = "incomplete_cvc", Validation, C, false, "Your card's security code is incomplete.";
    /// The security code is too long or holds other characters.
    InvalidCvc = "invalid_cvc", Validation, C, false, "Your card's security code is invalid.";
    /// The key is not a PayMongo public key (`pk_test_…` or `pk_live_…`).
    InvalidPublicKey = "invalid_public_key", Configuration, None, false, "The key is not a valid PayMongo public key (pk_test_… or pk_live_…).";
    /// A secret key was given to browser code.
    SecretKeyForbidden = "secret_key_forbidden", Configuration, None, false, "A secret key must never be used in a browser. Use your public key (pk_…) and keep the secret key on your server.";
    /// A live key on a page that is not a secure context.
    InsecureContext = "insecure_context", Configuration, None, false, "Live payments need a page served over HTTPS.";
    /// An API base URL that is not `https:` (or `http:` loopback for test keys).
    InsecureEndpoint = "insecure_endpoint", Configuration, None, false, "The API base URL must use https (http is allowed only for test keys on localhost).";
    /// The API refused the key.
    AuthenticationFailed = "authentication_failed", Api, None, false, "The payment service did not accept this site's key.";
    /// Too many requests in a short time.
    RateLimited = "rate_limited", Api, None, true, "Too many attempts. Please wait a moment and try again.";
    /// No answer in time.
    Timeout = "timeout", Network, None, true, "The payment service took too long to answer. Please try again.";
    /// The API could not be reached.
    NetworkError = "network_error", Network, None, true, "We could not reach the payment service. Check your connection and try again.";
    /// The API failed (HTTP 5xx).
    ServerError = "server_error", Api, None, true, "The payment service had a problem. Please try again.";
    /// The API's answer could not be understood.
    InvalidResponse = "invalid_response", Api, None, true, "The payment service sent an answer we could not read. Please try again.";
    /// Any other error from the API; its own code is kept as `apiCode`.
    ApiError = "api_error", Api, None, false, "The payment could not be processed. Please check your details or use another card.";
    /// The bank declined the card at payment; PayMongo's `failed_code` is kept as `apiCode`.
    CardDeclined = "card_declined", Api, None, false, "Your card was declined. Please use another card.";
    /// 3-D Secure authentication was not completed: the shopper failed or cancelled it.
    AuthenticationIncomplete = "authentication_incomplete", Api, None, true, "Your bank could not confirm this payment. Please try again or use another card.";
    /// The Payment Intent client key is not of the form `pi_…_client_…`.
    InvalidClientKey = "invalid_client_key", Configuration, None, false, "The payment's client key is not valid.";
    /// The API base URL cannot be parsed as a URL.
    InvalidApiBase = "invalid_api_base", Configuration, None, false, "The API base URL is not a valid URL.";
    /// An option has the wrong type or value; the message names the option.
    InvalidOption = "invalid_option", Configuration, None, false, "An option passed to sealcard is not valid.";
    /// The card fields could not be loaded (frame or WebAssembly module).
    LoadFailed = "load_failed", Network, None, true, "The card form could not be loaded. Please reload the page.";
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ErrorCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for &c in ErrorCode::ALL {
            let s = c.code();
            assert!(seen.insert(s), "duplicate {s}");
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{s}"
            );
            assert_eq!(ErrorCode::parse(s), Some(c));
            assert_eq!(ErrorCode::ALL[c.index()], c);
            assert!(c.message().ends_with('.'), "{s}");
        }
        assert_eq!(ErrorCode::parse("nope"), None);
    }

    #[test]
    fn design_codes_exist() {
        for s in [
            "incomplete_number",
            "invalid_number",
            "unsupported_brand",
            "incomplete_expiry",
            "invalid_expiry",
            "expired",
            "expiry_too_far",
            "incomplete_cvc",
            "invalid_cvc",
            "invalid_public_key",
            "secret_key_forbidden",
            "insecure_context",
            "insecure_endpoint",
            "authentication_failed",
            "rate_limited",
            "timeout",
            "network_error",
            "server_error",
            "invalid_response",
            "api_error",
        ] {
            assert!(ErrorCode::parse(s).is_some(), "{s}");
        }
    }
}
