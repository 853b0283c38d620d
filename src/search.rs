//! Substring search for the few short needles the crate looks for (`_client_`, `expired`,
//! `url(`…). `str::contains` with a `&str` pattern links core's two-way searcher, about 2 KB of
//! wasm; a plain scan does for needles of a few bytes in texts of a few hundred.

/// Where `needle` first occurs in `hay`, comparing bytes with `same`.
fn find_by(hay: &str, needle: &str, same: fn(&u8, &u8) -> bool) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.as_bytes().windows(needle.len()).position(|window| {
        window
            .iter()
            .zip(needle.as_bytes())
            .all(|(a, b)| same(a, b))
    })
}

/// Where `needle` first occurs in `hay`.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    find_by(hay, needle, u8::eq)
}

/// Whether `hay` contains `needle`.
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// Whether `hay` contains `needle`, ignoring ASCII case.
pub(crate) fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    find_by(hay, needle, u8::eq_ignore_ascii_case).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_like_str() {
        for (hay, needle) in [
            ("pi_1_client_x", "_client_"),
            ("abc", ""),
            ("", "a"),
            ("aaab", "aab"),
            ("expire", "expired"),
            ("ünïcode_client_", "_client_"),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
        }
        assert!(contains_ignore_ascii_case(
            "The card is EXPIRED.",
            "expired"
        ));
        assert!(contains_ignore_ascii_case("URL(x)", "url("));
        assert!(!contains_ignore_ascii_case("red", "url("));
    }
}
