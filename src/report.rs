//! What the card fields report to the page, in the shapes of the public JS API: the `change`
//! state, errors, payment methods, and the words of the fields. `Serialize` with the JS API's
//! camelCase names; the browser layer hands them to JS as plain objects (serde-wasm-bindgen,
//! with `None` as `null`: optional keys are left out instead, `brand` alone is `null` when no
//! brand is known, as the API documents).
//!
//! Nothing here holds card digits: a state has flags, codes and the brand; a payment method
//! the last four digits PayMongo returns.

use serde::Serialize;

use crate::error::{ErrorCode, Field};
use crate::form::{FieldState, FormState};
use crate::messages::{message, Decline, Locale};
use crate::paymongo::ApiFailure;
use crate::wire::PaymentMethodAnswer;
use crate::Brand;

/// An error as JS sees it: `{ type, code, message, field?, retryable, apiCode?, subCode? }`.
/// It borrows its words from the [`Messages`] and the failure it reports (reports are made
/// to be handed to JS at once).
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport<'a> {
    /// `validation_error`, `configuration_error`, `api_error` or `network_error`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The stable code.
    pub code: &'static str,
    /// The message, in the fields' language or as the merchant overrode it.
    pub message: &'a str,
    /// The field it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// Whether trying again unchanged can succeed.
    pub retryable: bool,
    /// PayMongo's own code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_code: Option<&'a str>,
    /// PayMongo's sub-code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_code: Option<&'a str>,
}

/// The words of errors: the fields' language and the merchant's overrides per code.
#[derive(Clone, Debug, Default)]
pub struct Messages {
    /// The language of the configuration (`loadSealCard`).
    pub locale: Locale,
    /// The language of the mount options, which wins when given.
    pub mount_locale: Option<Locale>,
    /// The configuration's overrides.
    pub overrides: Vec<(ErrorCode, String)>,
    /// The mount options' overrides, which win.
    pub mount_overrides: Vec<(ErrorCode, String)>,
}

impl Messages {
    /// The language in use.
    pub fn locale(&self) -> Locale {
        self.mount_locale.unwrap_or(self.locale)
    }

    fn overridden(&self, code: ErrorCode) -> Option<&str> {
        fn find(list: &[(ErrorCode, String)], code: ErrorCode) -> Option<&str> {
            list.iter()
                .find(|(c, _)| *c == code)
                .map(|(_, t)| t.as_str())
        }
        find(&self.mount_overrides, code).or_else(|| find(&self.overrides, code))
    }

    /// The message of `code`.
    pub fn text(&self, code: ErrorCode) -> &str {
        self.overridden(code)
            .unwrap_or_else(|| message(code, self.locale()))
    }

    /// The error of `code`.
    pub fn error(&self, code: ErrorCode) -> ErrorReport<'_> {
        ErrorReport {
            kind: code.error_type().as_str(),
            code: code.code(),
            message: self.text(code),
            field: code.field().map(Field::as_str),
            retryable: code.retryable(),
            api_code: None,
            sub_code: None,
        }
    }

    /// The error of an API failure, PayMongo's codes kept. A decline says which decline it
    /// is (insufficient funds, expired…) unless the merchant overrode `card_declined`.
    pub fn failure<'a>(&'a self, f: &'a ApiFailure) -> ErrorReport<'a> {
        let mut e = self.error(f.code);
        if f.code == ErrorCode::CardDeclined && self.overridden(f.code).is_none() {
            let decline = Decline::of(f.api_code.as_deref().unwrap_or(""));
            e.message = decline.message(self.locale());
        }
        e.field = f.field.map(Field::as_str);
        e.api_code = f.api_code.as_deref();
        e.sub_code = f.sub_code.as_deref();
        e
    }
}

/// One field in the `change` state.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FieldReport<'a> {
    /// Nothing typed.
    pub empty: bool,
    /// Ready to send.
    pub complete: bool,
    /// Complete and correct.
    pub valid: bool,
    /// May still become valid.
    pub potentially_valid: bool,
    /// The error showing on the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport<'a>>,
}

/// The number, expiry and security code in the `change` state.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct FieldsReport<'a> {
    /// The card number.
    pub number: FieldReport<'a>,
    /// The expiry date.
    pub expiry: FieldReport<'a>,
    /// The security code.
    pub cvc: FieldReport<'a>,
}

/// The `change` state: `{ empty, complete, brand, fields: { number, expiry, cvc }, error }`.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct StateReport<'a> {
    /// Every field empty.
    pub empty: bool,
    /// Every field complete.
    pub complete: bool,
    /// The brand id, `null` while none is known.
    pub brand: Option<&'static str>,
    /// Each field.
    pub fields: FieldsReport<'a>,
    /// The first error showing, in field order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport<'a>>,
}

impl<'a> StateReport<'a> {
    /// The report of `state`, in the words of `messages`.
    pub fn of(state: &FormState, messages: &'a Messages) -> StateReport<'a> {
        let field = |f: &FieldState| FieldReport {
            empty: f.empty,
            complete: f.complete,
            valid: f.valid,
            potentially_valid: f.potentially_valid,
            error: f.error.map(|c| messages.error(c)),
        };
        StateReport {
            empty: state.empty,
            complete: state.complete,
            brand: state.brand.map(Brand::id_str),
            fields: FieldsReport {
                number: field(&state.number),
                expiry: field(&state.expiry),
                cvc: field(&state.cvc),
            },
            error: state.error().map(|(_, c)| messages.error(c)),
        }
    }
}

/// A created payment method: `{ id, brand, last4, expMonth, expYear, livemode }`.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethodReport {
    /// `pm_…`.
    pub id: String,
    /// The brand id the fields detected, `null` if none.
    pub brand: Option<&'static str>,
    /// The last four digits, from PayMongo's answer.
    pub last4: String,
    /// The expiry's month.
    pub exp_month: u8,
    /// The expiry's year.
    pub exp_year: u16,
    /// Whether it was made with a live key.
    pub livemode: bool,
}

impl PaymentMethodReport {
    /// The report of PayMongo's answer, with the brand the fields detected.
    pub fn of(answer: PaymentMethodAnswer, brand: Option<&'static Brand>) -> PaymentMethodReport {
        PaymentMethodReport {
            id: answer.id,
            brand: brand.map(Brand::id_str),
            last4: answer.last4,
            exp_month: answer.exp_month,
            exp_year: answer.exp_year,
            livemode: answer.livemode,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{form_state, Accepted, Inputs, Touched};
    use crate::YearMonth;
    use serde_json::json;

    fn state(number: &str, touched: Touched) -> FormState {
        form_state(
            Inputs {
                number,
                expiry: "12 / 30",
                cvc: "123",
            },
            touched,
            Accepted::DEFAULT,
            YearMonth {
                year: 2026,
                month: 11,
            },
        )
    }

    #[test]
    fn the_change_state_has_the_documented_shape() {
        let messages = Messages::default();
        let report = StateReport::of(&state("", Touched::default()), &messages);
        assert_eq!(
            serde_json::to_value(report).unwrap(),
            json!({
                "empty": false, "complete": false, "brand": null,
                "fields": {
                    "number": { "empty": true, "complete": false, "valid": false, "potentiallyValid": true },
                    "expiry": { "empty": false, "complete": true, "valid": true, "potentiallyValid": true },
                    "cvc": { "empty": false, "complete": true, "valid": true, "potentiallyValid": true },
                },
            })
        );
        let report = StateReport::of(&state("7777", Touched::default()), &messages);
        let error = json!({ "type": "validation_error", "code": "invalid_number",
            "message": "Your card number is invalid.", "field": "number", "retryable": false });
        let value = serde_json::to_value(report).unwrap();
        assert_eq!(value["error"], error);
        assert_eq!(value["fields"]["number"]["error"], error);
    }

    #[test]
    fn messages_follow_the_locale_and_the_overrides() {
        let mut m = Messages {
            locale: Locale::Fil,
            ..Messages::default()
        };
        assert_eq!(
            m.text(ErrorCode::Expired),
            message(ErrorCode::Expired, Locale::Fil)
        );
        m.mount_locale = Some(Locale::En);
        assert_eq!(m.text(ErrorCode::Expired), "Your card has expired.");
        m.overrides.push((ErrorCode::Expired, "config".into()));
        assert_eq!(m.text(ErrorCode::Expired), "config");
        m.mount_overrides.push((ErrorCode::Expired, "mount".into()));
        assert_eq!(m.error(ErrorCode::Expired).message, "mount");
    }

    #[test]
    fn declines_keep_paymongos_codes() {
        let m = Messages::default();
        let f = crate::decline_for("insufficient_funds", Some("sub"));
        let e = m.failure(&f);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({ "type": "api_error", "code": "card_declined",
                "message": "Your card has insufficient funds. Please use another card.",
                "retryable": false, "apiCode": "insufficient_funds", "subCode": "sub" })
        );
        let m = Messages {
            overrides: vec![(ErrorCode::CardDeclined, "No.".into())],
            ..Messages::default()
        };
        assert_eq!(m.failure(&f).message, "No.");
    }

    #[test]
    fn a_payment_method() {
        let answer = PaymentMethodAnswer {
            id: "pm_1".into(),
            last4: "4345".into(),
            exp_month: 12,
            exp_year: 2030,
            livemode: false,
        };
        let visa = crate::BrandId::Visa.brand();
        assert_eq!(
            serde_json::to_value(PaymentMethodReport::of(answer, Some(visa))).unwrap(),
            json!({ "id": "pm_1", "brand": "visa", "last4": "4345", "expMonth": 12,
                "expYear": 2030, "livemode": false })
        );
    }

    #[test]
    fn texts() {
        let t = serde_json::to_value(crate::texts(Locale::Fil)).unwrap();
        assert_eq!(t["lang"], "fil");
        assert_eq!(t["labels"]["number"], "Numero ng card");
        assert_eq!(t["placeholders"]["expiry"], "MM / YY");
    }
}
