//! The state of the card form: each field's verdict, which errors to show, and whether the
//! whole form is complete. Pure: the browser layer feeds it the field texts and shows the result.

use crate::brand::{Brand, BrandId};
use crate::cvc::validate_cvc;
use crate::error::{ErrorCode, Field};
use crate::expiry::{validate_expiry, YearMonth};
use crate::number::validate_number;

/// The brands a merchant accepts, as a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted(u16);

impl Accepted {
    /// PayMongo's default acceptance: Visa and Mastercard.
    pub const DEFAULT: Accepted = Accepted(bit(BrandId::Visa) | bit(BrandId::Mastercard));

    /// The set of `ids`.
    pub fn of(ids: impl IntoIterator<Item = BrandId>) -> Accepted {
        Accepted(ids.into_iter().fold(0, |acc, id| acc | bit(id)))
    }

    /// Whether `id` is accepted.
    pub fn contains(self, id: BrandId) -> bool {
        self.0 & bit(id) != 0
    }
}

/// The bit of `id` in a set of brands.
const fn bit(id: BrandId) -> u16 {
    1 << id as u16
}

/// One field's state, as the `change` event reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FieldState {
    /// Nothing typed.
    pub empty: bool,
    /// Valid and, for the number, of an accepted brand.
    pub complete: bool,
    /// The verdict's `valid`.
    pub valid: bool,
    /// The verdict's `potentiallyValid`.
    pub potentially_valid: bool,
    /// The error to show now, if any (see [`form_state`] for when errors show).
    pub error: Option<ErrorCode>,
    /// Why the field is not complete, shown or not.
    pub problem: Option<ErrorCode>,
}

/// Which fields the shopper has left (blurred) with something typed, or all of them after a
/// submit attempt: their incomplete-input errors show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Touched {
    /// The number field.
    pub number: bool,
    /// The expiry field.
    pub expiry: bool,
    /// The security-code field.
    pub cvc: bool,
}

impl Touched {
    /// Every field: after a submit attempt.
    pub const ALL: Touched = Touched {
        number: true,
        expiry: true,
        cvc: true,
    };

    /// Marks `field` touched.
    pub fn touch(&mut self, field: Field) {
        match field {
            Field::Number => self.number = true,
            Field::Expiry => self.expiry = true,
            Field::Cvc => self.cvc = true,
            Field::Name => {}
        }
    }
}

/// The texts of the fields.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    /// The number field's text.
    pub number: &'a str,
    /// The expiry field's text.
    pub expiry: &'a str,
    /// The security-code field's text.
    pub cvc: &'a str,
}

/// The whole form's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormState {
    /// Every field empty.
    pub empty: bool,
    /// Every field complete: ready to tokenize.
    pub complete: bool,
    /// The detected brand (accepted or not).
    pub brand: Option<&'static Brand>,
    /// The number field.
    pub number: FieldState,
    /// The expiry field.
    pub expiry: FieldState,
    /// The security-code field.
    pub cvc: FieldState,
}

impl FormState {
    /// The first error to show, in field order.
    pub fn error(&self) -> Option<(Field, ErrorCode)> {
        [
            (Field::Number, self.number.error),
            (Field::Expiry, self.expiry.error),
            (Field::Cvc, self.cvc.error),
        ]
        .into_iter()
        .find_map(|(f, e)| e.map(|e| (f, e)))
    }

    /// The state with the API's verdict on `field` (an error PayMongo gave for it, which
    /// stands until the shopper edits that field): not valid, not complete, `code` showing.
    pub fn with_api_error(mut self, field: Field, code: ErrorCode) -> FormState {
        let f = match field {
            Field::Number => &mut self.number,
            Field::Expiry => &mut self.expiry,
            Field::Cvc | Field::Name => &mut self.cvc,
        };
        f.complete = false;
        f.valid = false;
        f.error = Some(code);
        f.problem = Some(code);
        self.complete = false;
        self
    }

    /// The first problem of the form, shown or not (what a submit attempt reports).
    pub fn problem(&self) -> Option<(Field, ErrorCode)> {
        [
            (Field::Number, self.number.problem),
            (Field::Expiry, self.expiry.problem),
            (Field::Cvc, self.cvc.problem),
        ]
        .into_iter()
        .find_map(|(f, e)| e.map(|e| (f, e)))
    }
}

/// Computes the form's state.
///
/// An error shows as soon as a field cannot become valid any more (`potentiallyValid` false),
/// or once the field is [`Touched`] and still not valid. An empty field shows no error until a
/// submit attempt touches it.
pub fn form_state(
    inputs: Inputs<'_>,
    touched: Touched,
    accepted: Accepted,
    today: YearMonth,
) -> FormState {
    let n = validate_number(inputs.number);
    let brand = n.brand;
    let unsupported = brand.is_some_and(|b| !accepted.contains(b.id));
    let number = if unsupported {
        field(
            inputs.number,
            false,
            false,
            Some(ErrorCode::UnsupportedBrand),
            touched.number,
        )
    } else {
        field(
            inputs.number,
            n.valid,
            n.potentially_valid,
            n.error,
            touched.number,
        )
    };
    let e = validate_expiry(inputs.expiry, today);
    let expiry = field(
        inputs.expiry,
        e.valid,
        e.potentially_valid,
        e.error,
        touched.expiry,
    );
    let c = validate_cvc(inputs.cvc, brand);
    let cvc = field(
        inputs.cvc,
        c.valid,
        c.potentially_valid,
        c.error,
        touched.cvc,
    );
    FormState {
        empty: number.empty && expiry.empty && cvc.empty,
        complete: number.complete && expiry.complete && cvc.complete,
        brand,
        number,
        expiry,
        cvc,
    }
}

fn field(
    text: &str,
    valid: bool,
    potentially_valid: bool,
    problem: Option<ErrorCode>,
    touched: bool,
) -> FieldState {
    let empty = text.chars().all(|c| c.is_whitespace());
    // Hopeless input shows at once; incomplete input once touched; an untouched empty field never.
    let show = !valid && (touched || (!potentially_valid && !empty));
    FieldState {
        empty,
        complete: valid,
        valid,
        potentially_valid,
        error: if show { problem } else { None },
        problem: if valid { None } else { problem },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: YearMonth = YearMonth {
        year: 2026,
        month: 11,
    };

    fn state(number: &str, expiry: &str, cvc: &str, touched: Touched) -> FormState {
        form_state(
            Inputs {
                number,
                expiry,
                cvc,
            },
            touched,
            Accepted::DEFAULT,
            TODAY,
        )
    }

    #[test]
    fn complete_form() {
        let s = state("4343 4343 4343 4345", "12 / 30", "123", Touched::default());
        assert!(s.complete && !s.empty);
        assert_eq!(s.error(), None);
        assert_eq!(s.brand.map(|b| b.id), Some(BrandId::Visa));
    }

    #[test]
    fn errors_show_when_hopeless_or_touched() {
        let s = state("4343 43", "", "", Touched::default());
        assert_eq!(s.error(), None, "still typing");
        assert_eq!(
            s.problem(),
            Some((Field::Number, ErrorCode::IncompleteNumber))
        );
        let s = state(
            "4343 43",
            "",
            "",
            Touched {
                number: true,
                ..Touched::default()
            },
        );
        assert_eq!(
            s.error(),
            Some((Field::Number, ErrorCode::IncompleteNumber))
        );
        let s = state("7777", "", "", Touched::default());
        assert_eq!(s.error(), Some((Field::Number, ErrorCode::InvalidNumber)));
        let s = state("", "", "", Touched::ALL);
        assert_eq!(
            s.error(),
            Some((Field::Number, ErrorCode::IncompleteNumber))
        );
        assert!(s.empty);
    }

    #[test]
    fn unsupported_brand() {
        let s = state("3782 822463 10005", "12 / 30", "1234", Touched::default());
        assert!(!s.complete);
        assert_eq!(
            s.error(),
            Some((Field::Number, ErrorCode::UnsupportedBrand))
        );
        let amex = Accepted::of([BrandId::Visa, BrandId::AmericanExpress]);
        let s = form_state(
            Inputs {
                number: "3782 822463 10005",
                expiry: "12 / 30",
                cvc: "1234",
            },
            Touched::default(),
            amex,
            TODAY,
        );
        assert!(s.complete);
    }

    #[test]
    fn an_api_error_stands_on_its_field() {
        let s = state("4343 4343 4343 4345", "12 / 30", "123", Touched::default())
            .with_api_error(Field::Expiry, ErrorCode::Expired);
        assert!(!s.complete && !s.expiry.valid && !s.expiry.complete);
        assert!(s.number.complete && s.cvc.complete);
        assert_eq!(s.error(), Some((Field::Expiry, ErrorCode::Expired)));
        assert_eq!(s.problem(), Some((Field::Expiry, ErrorCode::Expired)));
        let s = state("4343 4343 4343 4345", "12 / 30", "123", Touched::default())
            .with_api_error(Field::Cvc, ErrorCode::InvalidCvc);
        assert_eq!(s.error(), Some((Field::Cvc, ErrorCode::InvalidCvc)));
    }

    #[test]
    fn cvc_follows_the_brand() {
        let s = state("3782", "", "1234", Touched::default());
        assert!(s.cvc.valid, "amex codes have 4 digits");
        let s = state("4343", "", "1234", Touched::default());
        assert_eq!(s.cvc.error, Some(ErrorCode::InvalidCvc));
    }
}
