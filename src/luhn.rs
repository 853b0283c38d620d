//! The Luhn (mod 10) check digit.

/// Whether `digits` (ASCII digits) passes the Luhn check. An empty string does not.
pub fn is_valid(digits: &[u8]) -> bool {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                // Doubled, a digit of two digits counts as the sum of its digits.
                let d2 = d * 2;
                if d2 >= 10 {
                    d2 - 9
                } else {
                    d2
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn known_numbers() {
        assert!(is_valid(b"4242424242424242"));
        assert!(is_valid(b"79927398713"));
        assert!(!is_valid(b"79927398710"));
        assert!(!is_valid(b"5123000000000002"));
        assert!(is_valid(b"0"));
        assert!(!is_valid(b""));
        assert!(!is_valid(b"42a2"));
    }
}
