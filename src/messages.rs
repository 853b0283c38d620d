//! Words the shopper sees: error messages, labels, placeholders and announcements, in English
//! and Filipino. The merchant may override any message per code (in the browser layer).

use serde::Serialize;

use crate::error::ErrorCode;
use crate::search::before_any;

/// A language of the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English (the default).
    #[default]
    En,
    /// Filipino.
    Fil,
}

impl Locale {
    /// Reads a BCP 47 tag: `fil`, `fil-PH`, `tl` and `tl-PH` are Filipino; `en…` and anything
    /// else English (`None` only for an empty tag, so callers can tell "not given").
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = before_any(tag, b"-_");
        if primary.is_empty() {
            None
        } else if primary.eq_ignore_ascii_case("fil") || primary.eq_ignore_ascii_case("tl") {
            Some(Locale::Fil)
        } else {
            Some(Locale::En)
        }
    }

    /// The tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fil => "fil",
        }
    }
}

/// The message of `code` in `locale`.
pub fn message(code: ErrorCode, locale: Locale) -> &'static str {
    match locale {
        Locale::En => code.message(),
        Locale::Fil => filipino(code),
    }
}

fn filipino(code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    match code {
        IncompleteNumber => "Kulang ang numero ng iyong card.",
        InvalidNumber => "Hindi wasto ang numero ng iyong card.",
        UnsupportedBrand => "Hindi tinatanggap ang ganitong uri ng card. Gumamit ng ibang card.",
        IncompleteExpiry => "Kulang ang petsa ng pag-expire ng iyong card.",
        InvalidExpiry => "Hindi wasto ang petsa ng pag-expire ng iyong card.",
        Expired => "Expired na ang iyong card.",
        ExpiryTooFar => "Masyadong malayo sa hinaharap ang taon ng pag-expire ng iyong card.",
        IncompleteCvc => "Kulang ang security code ng iyong card.",
        InvalidCvc => "Hindi wasto ang security code ng iyong card.",
        InvalidPublicKey => "Hindi wastong PayMongo public key ang ibinigay (pk_test_… o pk_live_…).",
        SecretKeyForbidden => "Huwag gamitin ang secret key sa browser. Gamitin ang iyong public key (pk_…) at itago ang secret key sa iyong server.",
        InsecureContext => "Kailangan ng pahinang naka-HTTPS para sa mga live na bayad.",
        InsecureEndpoint => "Dapat gumamit ng https ang API base URL (pinapayagan lang ang http para sa mga test key sa localhost).",
        AuthenticationFailed => "Hindi tinanggap ng payment service ang key ng site na ito.",
        RateLimited => "Masyadong maraming pagsubok. Maghintay sandali at subukang muli.",
        Timeout => "Masyadong natagalan ang pagsagot ng payment service. Pakisubukang muli.",
        NetworkError => "Hindi namin maabot ang payment service. Suriin ang iyong koneksyon at subukang muli.",
        ServerError => "Nagkaproblema ang payment service. Pakisubukang muli.",
        InvalidResponse => "Hindi namin mabasa ang sagot ng payment service. Pakisubukang muli.",
        ApiError => "Hindi maproseso ang bayad. Suriin ang iyong mga detalye o gumamit ng ibang card.",
        CardDeclined => "Tinanggihan ang iyong card. Gumamit ng ibang card.",
        AuthenticationIncomplete => "Hindi makumpirma ng iyong bangko ang bayad na ito. Subukang muli o gumamit ng ibang card.",
        InvalidClientKey => "Hindi wasto ang client key ng bayad.",
        InvalidApiBase => "Hindi wastong URL ang API base URL.",
        InvalidOption => "May option na ibinigay sa sealcard na hindi wasto.",
        LoadFailed => "Hindi ma-load ang card form. Paki-reload ang pahina.",
    }
}

/// Which message a decline shows. The "blocked" family (fraudulent, lost, stolen, blocked…)
/// is shown only as a generic decline, as PayMongo advises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decline {
    /// Any other `failed_code`: the message of [`ErrorCode::CardDeclined`].
    Generic,
    /// `insufficient_funds`.
    InsufficientFunds,
    /// `card_expired`.
    Expired,
    /// `cvc_invalid`, `cvc_incorrect`.
    Cvc,
}

impl Decline {
    /// Every kind, in declaration order.
    pub const ALL: [Decline; 4] = [
        Decline::Generic,
        Decline::InsufficientFunds,
        Decline::Expired,
        Decline::Cvc,
    ];

    /// The kind of a PayMongo `failed_code`.
    pub fn of(failed_code: &str) -> Decline {
        match failed_code {
            "insufficient_funds" => Decline::InsufficientFunds,
            "card_expired" => Decline::Expired,
            "cvc_invalid" | "cvc_incorrect" => Decline::Cvc,
            _ => Decline::Generic,
        }
    }

    /// Its message in `locale`.
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Decline::InsufficientFunds, Locale::En) => {
                "Your card has insufficient funds. Please use another card."
            }
            (Decline::InsufficientFunds, Locale::Fil) => {
                "Kulang ang pondo ng iyong card. Gumamit ng ibang card."
            }
            (Decline::Expired, Locale::En) => "Your card has expired. Please use another card.",
            (Decline::Expired, Locale::Fil) => "Expired na ang iyong card. Gumamit ng ibang card.",
            (Decline::Cvc, Locale::En) => "Your card's security code is incorrect.",
            (Decline::Cvc, Locale::Fil) => "Mali ang security code ng iyong card.",
            (Decline::Generic, _) => message(ErrorCode::CardDeclined, locale),
        }
    }
}

/// The message for a decline whose PayMongo `failed_code` is `failed_code` (see [`Decline`]).
pub fn decline_message(failed_code: &str, locale: Locale) -> &'static str {
    Decline::of(failed_code).message(locale)
}

/// A text of each field.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct FieldTexts {
    /// The card number's.
    pub number: &'static str,
    /// The expiry's.
    pub expiry: &'static str,
    /// The security code's.
    pub cvc: &'static str,
    /// The cardholder name's.
    pub name: &'static str,
}

/// The visible texts of the fields in one language. Serialized, they are the words the view
/// shows (`{ lang, groupLabel, labels, placeholders }`; the merchant's own labels and
/// placeholders go over them).
#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Texts {
    /// The `lang` attribute: the locale's tag.
    pub lang: &'static str,
    /// Accessible name of the group of fields.
    pub group_label: &'static str,
    /// The labels.
    pub labels: FieldTexts,
    /// The placeholders.
    pub placeholders: FieldTexts,
    /// Announced before the brand name when the brand becomes known ("Card brand: Visa").
    #[serde(skip)]
    pub brand_prefix: &'static str,
}

static EN: Texts = Texts {
    lang: "en",
    group_label: "Card details",
    labels: FieldTexts {
        number: "Card number",
        expiry: "Expiration date",
        cvc: "Security code",
        name: "Name on card",
    },
    placeholders: FieldTexts {
        number: "1234 1234 1234 1234",
        expiry: "MM / YY",
        cvc: "CVC",
        name: "Juan Dela Cruz",
    },
    brand_prefix: "Card brand: ",
};

static FIL: Texts = Texts {
    lang: "fil",
    group_label: "Mga detalye ng card",
    labels: FieldTexts {
        number: "Numero ng card",
        expiry: "Petsa ng pag-expire",
        cvc: "Security code",
        name: "Pangalan sa card",
    },
    placeholders: FieldTexts {
        number: "1234 1234 1234 1234",
        expiry: "MM / YY",
        cvc: "CVC",
        name: "Juan Dela Cruz",
    },
    brand_prefix: "Uri ng card: ",
};

/// The texts of `locale`.
pub fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &EN,
        Locale::Fil => &FIL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declines_are_numbered_in_their_order() {
        for (i, d) in Decline::ALL.into_iter().enumerate() {
            assert_eq!(d as usize, i);
        }
        assert_eq!(Decline::of("cvc_incorrect"), Decline::Cvc);
        assert_eq!(Decline::of("stolen_card"), Decline::Generic);
        assert_eq!(
            decline_message("stolen_card", Locale::En),
            message(ErrorCode::CardDeclined, Locale::En)
        );
    }

    #[test]
    fn every_code_has_both_languages() {
        for &code in ErrorCode::ALL {
            let fil = message(code, Locale::Fil);
            assert!(!fil.is_empty());
            assert_ne!(fil, message(code, Locale::En), "{}", code.code());
        }
    }

    #[test]
    fn each_language_tags_its_texts() {
        for locale in [Locale::En, Locale::Fil] {
            assert_eq!(texts(locale).lang, locale.tag());
        }
    }

    #[test]
    fn locale_tags() {
        assert_eq!(Locale::parse("fil-PH"), Some(Locale::Fil));
        assert_eq!(Locale::parse("tl"), Some(Locale::Fil));
        assert_eq!(Locale::parse("en-US"), Some(Locale::En));
        assert_eq!(Locale::parse("ja"), Some(Locale::En));
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn blocked_family_is_a_generic_decline() {
        for code in [
            "fraudulent",
            "lost_card",
            "stolen_card",
            "blocked",
            "processor_blocked",
        ] {
            assert_eq!(
                decline_message(code, Locale::En),
                ErrorCode::CardDeclined.message()
            );
        }
        assert!(decline_message("insufficient_funds", Locale::En).contains("insufficient"));
    }
}
