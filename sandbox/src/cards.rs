//! PayMongo's test cards and what happens when each is attached to a Payment Intent.
//!
//! The outcome is recorded when the payment method is created, so the number itself is never
//! kept. Any other valid number succeeds.

/// Why a payment failed: `last_payment_error.failed_code` and, where given, `sub_code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decline {
    /// `failed_code`.
    pub code: &'static str,
    /// `sub_code`, when the sandbox gives one.
    pub sub_code: Option<&'static str>,
}

impl Decline {
    const fn code(code: &'static str) -> Decline {
        Decline {
            code,
            sub_code: None,
        }
    }

    /// A shopper failing the 3-D Secure test page.
    pub const AUTHENTICATION_FAILED: Decline = Decline {
        code: "authentication_failed",
        sub_code: Some("three_d_secure_failed"),
    };

    /// `failed_message`: a sentence for logs.
    pub fn message(self) -> &'static str {
        match self.code {
            "card_expired" => "The card has expired.",
            "cvc_invalid" => "The card's security code is incorrect.",
            "insufficient_funds" => "The card has insufficient funds.",
            "fraudulent" | "processor_blocked" | "lost_card" | "stolen_card" | "blocked" => {
                "The payment was blocked by the card issuer or the processor."
            }
            "authentication_failed" => "3-D Secure authentication failed.",
            _ => "The card was declined.",
        }
    }
}

/// What attaching a card to a Payment Intent does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The payment succeeds.
    Succeeds,
    /// 3-D Secure is required; the payment succeeds if the shopper authorizes it.
    ThreeDsRequired,
    /// 3-D Secure is supported but optional: asked for only when the intent requests
    /// `request_three_d_secure: "any"`; the payment succeeds.
    ThreeDsOptional,
    /// Declined at attach, before any authentication.
    Declined(Decline),
    /// 3-D Secure is required, and the payment is declined after successful authentication.
    DeclinedAfterThreeDs(Decline),
}

/// A row of the test-card table.
#[derive(Clone, Copy, Debug)]
pub struct TestCard {
    /// The card number.
    pub number: &'static str,
    /// What attaching it does.
    pub outcome: Outcome,
    /// PayMongo's description.
    pub description: &'static str,
}

const fn card(number: &'static str, outcome: Outcome, description: &'static str) -> TestCard {
    TestCard {
        number,
        outcome,
        description,
    }
}

const fn declined(code: &'static str) -> Outcome {
    Outcome::Declined(Decline::code(code))
}

/// PayMongo's test cards (../shared/PAYMONGO.md), one row per number.
pub const TEST_CARDS: [TestCard; 23] = [
    card("4343434343434345", Outcome::Succeeds, "Visa"),
    card("4571736000000075", Outcome::Succeeds, "Visa debit"),
    card("4009930000001421", Outcome::Succeeds, "Visa credit (PH)"),
    card("4404520000001439", Outcome::Succeeds, "Visa debit (PH)"),
    card("5555444444444457", Outcome::Succeeds, "Mastercard"),
    card("5455590000000009", Outcome::Succeeds, "Mastercard debit"),
    card("5339080000000003", Outcome::Succeeds, "Mastercard prepaid"),
    card(
        "5240050000001440",
        Outcome::Succeeds,
        "Mastercard credit (PH)",
    ),
    card(
        "5577510000001446",
        Outcome::Succeeds,
        "Mastercard debit (PH)",
    ),
    card(
        "4120000000000007",
        Outcome::ThreeDsRequired,
        "3-D Secure required; succeeds if authorized",
    ),
    card(
        "4230000000000004",
        declined("generic_decline"),
        "declined before authentication",
    ),
    card(
        "5234000000000106",
        Outcome::DeclinedAfterThreeDs(Decline::code("generic_decline")),
        "declined after successful authentication",
    ),
    card(
        "5123000000000001",
        Outcome::ThreeDsOptional,
        "3-D Secure supported but optional; succeeds",
    ),
    card(
        "4200000000000018",
        declined("card_expired"),
        "declined: expired",
    ),
    card("4300000000000017", declined("cvc_invalid"), "declined: CVC"),
    card(
        "5100000000000198",
        declined("insufficient_funds"),
        "declined: insufficient funds",
    ),
    card("4111111111111111", declined("generic_decline"), "declined"),
    card(
        "4400000000000016",
        Outcome::Declined(Decline {
            code: "generic_decline",
            sub_code: Some("do_not_honor"),
        }),
        "declined (issuer: do not honor)",
    ),
    card(
        "4500000000000015",
        declined("fraudulent"),
        "declined: fraudulent",
    ),
    card(
        "5200000000000197",
        declined("processor_blocked"),
        "declined: processor blocked",
    ),
    card(
        "5300000000000196",
        declined("lost_card"),
        "declined: lost card",
    ),
    card(
        "5400000000000195",
        declined("stolen_card"),
        "declined: stolen card",
    ),
    card("4600000000000014", declined("blocked"), "declined: blocked"),
];

/// The outcome of a valid card number (its ASCII digits).
pub fn outcome_of(number: &str) -> Outcome {
    TEST_CARDS
        .iter()
        .find(|c| c.number == number)
        .map_or(Outcome::Succeeds, |c| c.outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_test_card_is_valid_and_listed_once() {
        for (i, c) in TEST_CARDS.iter().enumerate() {
            assert!(
                sealcard::validate_number(c.number).valid,
                "{}",
                c.description
            );
            assert!(
                TEST_CARDS.iter().skip(i + 1).all(|d| d.number != c.number),
                "{} twice",
                c.description
            );
        }
        assert_eq!(outcome_of("4242424242424242"), Outcome::Succeeds);
    }
}
