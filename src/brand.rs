//! The brand table and brand detection.
//!
//! One immutable row per brand, in detection order, with the ids, prefixes, lengths, gaps and
//! security-code sizes of the npm package `credit-card-type` (v10.3), the ecosystem's convention.
//! Detection follows the same rules, so a number gets the same brand here as there: every brand
//! whose prefix can still match is a candidate; one candidate is the brand; several candidates
//! whose prefixes are all fully typed resolve to the longest (most specific) prefix; otherwise
//! the brand is still ambiguous.

/// A brand id, as the npm package `credit-card-type` spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BrandId {
    /// `visa`
    Visa,
    /// `mastercard`
    Mastercard,
    /// `american-express`
    AmericanExpress,
    /// `diners-club`
    DinersClub,
    /// `discover`
    Discover,
    /// `troy`
    Troy,
    /// `jcb`
    Jcb,
    /// `unionpay`
    UnionPay,
    /// `naranja`
    Naranja,
    /// `verve`
    Verve,
    /// `maestro`
    Maestro,
    /// `elo`
    Elo,
    /// `mir`
    Mir,
    /// `hiper`
    Hiper,
    /// `hipercard`
    Hipercard,
}

impl BrandId {
    /// The stable string id (`"visa"`, `"american-express"`, …).
    pub fn as_str(self) -> &'static str {
        self.brand().id_str
    }

    /// The row of the brand table for this id.
    pub fn brand(self) -> &'static Brand {
        // The table holds one row per id, in declaration order (checked by a test).
        &BRANDS[self as usize]
    }

    /// Looks a brand up by its string id.
    pub fn parse(id: &str) -> Option<BrandId> {
        BRANDS.iter().find(|b| b.id_str == id).map(|b| b.id)
    }
}

/// A prefix rule: the number starts with a value in `lo..=hi` (both with the same digit count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefix {
    /// Lowest prefix of the range.
    pub lo: u32,
    /// Highest prefix of the range (equal to `lo` for a single prefix).
    pub hi: u32,
}

/// One row of the brand table.
#[derive(Debug, PartialEq, Eq)]
pub struct Brand {
    /// The brand id.
    pub id: BrandId,
    id_str: &'static str,
    /// Display name (`"American Express"`).
    pub name: &'static str,
    /// Prefix rules, in the order `credit-card-type` tests them.
    pub prefixes: &'static [Prefix],
    /// Valid lengths in digits, ascending.
    pub lengths: &'static [u8],
    /// Positions (in digits) after which the display format puts a space.
    pub gaps: &'static [u8],
    /// Name of the security code on this brand's cards (`"CVV"`, `"CID"`, …).
    pub cvc_name: &'static str,
    /// Length of the security code.
    pub cvc_length: u8,
    /// Whether the last digit is a Luhn check digit. UnionPay numbers need not pass Luhn.
    pub luhn: bool,
}

impl Brand {
    /// The stable string id.
    pub fn id_str(&self) -> &'static str {
        self.id_str
    }

    /// The longest valid length.
    pub fn max_length(&self) -> usize {
        self.lengths.last().map_or(19, |&l| usize::from(l))
    }

    /// Whether `len` digits is a complete number for this brand.
    pub fn has_length(&self, len: usize) -> bool {
        self.lengths.iter().any(|&l| usize::from(l) == len)
    }
}

const fn p(v: u32) -> Prefix {
    Prefix { lo: v, hi: v }
}

const fn r(lo: u32, hi: u32) -> Prefix {
    Prefix { lo, hi }
}

const GAPS_4_8_12: &[u8] = &[4, 8, 12];
const GAPS_4_10: &[u8] = &[4, 10];

/// The brand table, in detection order. It never changes at run time.
pub static BRANDS: [Brand; 15] = [
    Brand {
        id: BrandId::Visa,
        id_str: "visa",
        name: "Visa",
        prefixes: &[p(4)],
        lengths: &[16, 18, 19],
        gaps: GAPS_4_8_12,
        cvc_name: "CVV",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Mastercard,
        id_str: "mastercard",
        name: "Mastercard",
        prefixes: &[
            r(51, 55),
            r(2221, 2229),
            r(223, 229),
            r(23, 26),
            r(270, 271),
            p(2720),
        ],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvc_name: "CVC",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::AmericanExpress,
        id_str: "american-express",
        name: "American Express",
        prefixes: &[p(34), p(37)],
        lengths: &[15],
        gaps: GAPS_4_10,
        cvc_name: "CID",
        cvc_length: 4,
        luhn: true,
    },
    Brand {
        id: BrandId::DinersClub,
        id_str: "diners-club",
        name: "Diners Club",
        prefixes: &[r(300, 305), p(36), p(38), p(39)],
        lengths: &[14, 16, 19],
        gaps: GAPS_4_10,
        cvc_name: "CVV",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Discover,
        id_str: "discover",
        name: "Discover",
        prefixes: &[p(6011), r(644, 649), p(65)],
        lengths: &[16, 19],
        gaps: GAPS_4_8_12,
        cvc_name: "CID",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Troy,
        id_str: "troy",
        name: "Troy",
        prefixes: &[
            p(9792),
            p(650052),
            r(650082, 650083),
            p(650092),
            p(650161),
            p(650170),
            p(650173),
            p(650175),
            p(650268),
            p(650271),
            r(650273, 650274),
            r(650456, 650457),
            p(650836),
            r(650846, 650850),
            p(650923),
            p(650987),
            p(650990),
            p(654997),
            p(657366),
            p(657998),
            p(658758),
            r(658767, 658768),
            r(65083700, 65083704),
            r(65085800, 65085804),
            r(65085900, 65085901),
            p(65086000),
            r(65086100, 65086105),
            r(65086200, 65086203),
            r(65875000, 65875003),
            p(65875009),
            r(65875101, 65875104),
            p(65875200),
            p(65875501),
            p(65875601),
            p(65875900),
            r(65876000, 65876002),
            r(65876100, 65876103),
            p(65876110),
            r(65876115, 65876116),
            r(65876200, 65876201),
            p(65876500),
            r(65876504, 65876505),
            r(65876600, 65876602),
            r(65877100, 65877101),
            r(65877600, 65877602),
            p(65877700),
            r(65877801, 65877802),
            r(65878200, 65878202),
            r(65878300, 65878311),
            r(65878400, 65878405),
            r(65878500, 65878505),
            r(65878600, 65878601),
            p(65879800),
            p(65880800),
            p(65880900),
        ],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvc_name: "CVV",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Jcb,
        id_str: "jcb",
        name: "JCB",
        prefixes: &[p(2131), p(1800), r(3528, 3589)],
        lengths: &[16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvc_name: "CVV",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::UnionPay,
        id_str: "unionpay",
        name: "UnionPay",
        prefixes: &[
            p(620),
            r(62100, 62182),
            r(62184, 62187),
            r(62185, 62197),
            r(62200, 62205),
            r(622010, 622999),
            p(622018),
            r(62207, 62209),
            r(623, 626),
            p(6270),
            p(6272),
            p(6276),
            r(627700, 627779),
            r(627781, 627799),
            r(6282, 6289),
            p(6291),
            p(6292),
            p(810),
            r(8110, 8131),
            r(8132, 8151),
            r(8152, 8163),
            r(8164, 8171),
        ],
        lengths: &[14, 15, 16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvc_name: "CVN",
        cvc_length: 3,
        luhn: false,
    },
    Brand {
        id: BrandId::Naranja,
        id_str: "naranja",
        name: "Naranja",
        prefixes: &[p(589562), p(402918), p(527572)],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvc_name: "CVV",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Verve,
        id_str: "verve",
        name: "Verve",
        prefixes: &[
            r(506099, 506127),
            p(506129),
            r(506133, 506150),
            r(506158, 506163),
            p(506166),
            p(506168),
            p(506170),
            p(506173),
            r(506176, 506180),
            p(506184),
            r(506187, 506188),
            p(506191),
            p(506195),
            p(506197),
            p(507865),
            p(507866),
            r(507868, 507877),
            r(507880, 507888),
            p(507900),
            p(507941),
        ],
        lengths: &[16, 18, 19],
        gaps: GAPS_4_8_12,
        cvc_name: "CVV",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Maestro,
        id_str: "maestro",
        name: "Maestro",
        prefixes: &[
            p(493698),
            r(500000, 504174),
            r(504176, 506698),
            r(506779, 508999),
            r(56, 59),
            p(63),
            p(67),
            p(6),
        ],
        lengths: &[12, 13, 14, 15, 16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvc_name: "CVC",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Elo,
        id_str: "elo",
        name: "Elo",
        prefixes: &[
            p(401178),
            p(401179),
            p(438935),
            p(457631),
            p(457632),
            p(431274),
            p(451416),
            p(457393),
            p(504175),
            r(506699, 506778),
            r(509000, 509999),
            p(627780),
            p(636297),
            p(636368),
            r(650031, 650033),
            r(650035, 650051),
            r(650405, 650439),
            r(650485, 650538),
            r(650541, 650598),
            r(650700, 650718),
            r(650720, 650727),
            r(650901, 650978),
            r(651652, 651679),
            r(655000, 655019),
            r(655021, 655058),
        ],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvc_name: "CVE",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Mir,
        id_str: "mir",
        name: "Mir",
        prefixes: &[r(2200, 2204)],
        lengths: &[16, 17, 18, 19],
        gaps: GAPS_4_8_12,
        cvc_name: "CVP2",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Hiper,
        id_str: "hiper",
        name: "Hiper",
        prefixes: &[
            p(637095),
            p(63737423),
            p(63743358),
            p(637568),
            p(637599),
            p(637609),
            p(637612),
        ],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvc_name: "CVC",
        cvc_length: 3,
        luhn: true,
    },
    Brand {
        id: BrandId::Hipercard,
        id_str: "hipercard",
        name: "Hipercard",
        prefixes: &[p(606282)],
        lengths: &[16],
        gaps: GAPS_4_8_12,
        cvc_name: "CVC",
        cvc_length: 3,
        luhn: true,
    },
];

/// The set of brands a (possibly partial) number can still belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidates(u16);

impl Candidates {
    /// Every brand: what an empty number can still become.
    pub const ALL: Candidates = Candidates((1 << BRANDS.len()) - 1);
    /// No brand at all.
    pub const NONE: Candidates = Candidates(0);

    /// Whether no brand is possible.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many brands are possible.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether `id` is among the candidates.
    pub fn contains(self, id: BrandId) -> bool {
        self.0 & (1 << id as u16) != 0
    }

    /// The candidate brands, in detection order.
    pub fn iter(self) -> impl Iterator<Item = &'static Brand> {
        BRANDS
            .iter()
            .filter(move |b| self.0 & (1 << b.id as u16) != 0)
    }

    fn insert(&mut self, id: BrandId) {
        self.0 |= 1 << id as u16;
    }
}

/// The outcome of brand detection on a string of ASCII digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detection {
    /// The brand, when exactly one is possible or the most specific prefix decides.
    pub brand: Option<&'static Brand>,
    /// Every brand whose prefix still matches.
    pub candidates: Candidates,
}

fn digit_count(mut v: u32) -> u32 {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

/// The leading `n` digits of `digits` as a number (`digits` holds ASCII digits only).
fn leading_value(digits: &[u8], n: usize) -> u32 {
    digits
        .iter()
        .take(n)
        .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'))
}

/// Whether `digits` can still start with `prefix`; `Some(strength)` when it can, where the
/// strength is the prefix length once the prefix is fully typed and 0 while it is partial.
fn match_prefix(digits: &[u8], prefix: Prefix) -> Option<u32> {
    let plen = digit_count(prefix.lo);
    let n = digits.len().min(plen as usize);
    let value = leading_value(digits, n);
    let scale = 10u32.pow(plen - n as u32);
    let (lo, hi) = (prefix.lo / scale, prefix.hi / scale);
    if value < lo || value > hi {
        return None;
    }
    Some(if digits.len() >= plen as usize {
        plen
    } else {
        0
    })
}

/// Detects the brand of `digits`, a string of ASCII digits (normalise input first).
///
/// An empty string matches every brand. Non-digit bytes match none.
pub fn detect(digits: &[u8]) -> Detection {
    if digits.is_empty() {
        return Detection {
            brand: None,
            candidates: Candidates::ALL,
        };
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return Detection {
            brand: None,
            candidates: Candidates::NONE,
        };
    }
    let mut candidates = Candidates::NONE;
    let mut all_strong = true;
    let mut best: Option<(&'static Brand, u32)> = None;
    for brand in &BRANDS {
        // As credit-card-type does: the first matching prefix of a brand decides its strength.
        if let Some(strength) = brand.prefixes.iter().find_map(|&p| match_prefix(digits, p)) {
            candidates.insert(brand.id);
            if strength == 0 {
                all_strong = false;
            } else if best.is_none_or(|(_, s)| strength > s) {
                best = Some((brand, strength));
            }
        }
    }
    let brand = match candidates.len() {
        1 => candidates.iter().next(),
        // Several, every one matched on a full prefix: the longest match (none without any).
        _ if all_strong => best.map(|(b, _)| b),
        _ => None,
    };
    Detection { brand, candidates }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_id_in_declaration_order() {
        for (i, b) in BRANDS.iter().enumerate() {
            assert_eq!(b.id as usize, i, "{} out of order", b.id_str);
            assert_eq!(BrandId::parse(b.id_str), Some(b.id));
        }
    }

    #[test]
    fn ranges_are_well_formed() {
        for b in &BRANDS {
            for p in b.prefixes {
                assert!(p.lo <= p.hi, "{}: {:?}", b.id_str, p);
                assert_eq!(
                    digit_count(p.lo),
                    digit_count(p.hi),
                    "{}: {:?}",
                    b.id_str,
                    p
                );
            }
            assert!(b.lengths.windows(2).all(|w| w[0] < w[1]));
            assert!(b.gaps.iter().all(|&g| usize::from(g) < b.max_length()));
        }
    }
}
