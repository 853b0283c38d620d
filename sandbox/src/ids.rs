//! Random identifiers and secrets, from the operating system's generator.

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` random letters and digits, or `None` if the system generator fails.
pub fn alnum(n: usize) -> Option<String> {
    let mut out = String::with_capacity(n);
    let mut buf = [0u8; 64];
    while out.len() < n {
        getrandom::fill(&mut buf).ok()?;
        // 248 = 4 × 62: rejecting the bytes above keeps every character equally likely.
        for &b in buf.iter().filter(|&&b| b < 248) {
            if out.len() == n {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(b % 62)]));
        }
    }
    Some(out)
}

/// A PayMongo-style id: `prefix` and 24 random letters and digits (`pm_…`, `pi_…`).
pub fn id(prefix: &str) -> Option<String> {
    Some(format!("{prefix}{}", alnum(24)?))
}

/// Compares two secrets in time that depends only on their lengths.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_prefix_and_24_characters() {
        let a = id("pm_").unwrap();
        assert_eq!(a.len(), 27);
        assert!(a.starts_with("pm_"));
        assert!(a[3..].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(a, id("pm_").unwrap());
    }

    #[test]
    fn secrets_compare() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
