//! Substring search for the few short needles the crate looks for (`_client_`, `expired`,
//! `url(`…). `str::contains` with a `&str` pattern links core's two-way searcher, about 2 KB of
//! wasm; a plain scan does for needles of a few bytes in texts of a few hundred. The same holds
//! for splitting at a few ASCII delimiters: `str::split` with `char` patterns links `memchr`
//! and the splitter's iterator, where one scan of the bytes does (`<[u8]>::contains` links
//! `memchr` too: the stops are compared one by one).

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

/// The part of `text` before its first byte in `stops`, all of it when there is none. The stops
/// are ASCII, so the cut is always between characters.
#[allow(clippy::manual_contains, reason = "`<[u8]>::contains` links memchr")]
pub(crate) fn before_any<'a>(text: &'a str, stops: &[u8]) -> &'a str {
    let end = text
        .bytes()
        .position(|b| stops.iter().any(|&stop| stop == b))
        .unwrap_or(text.len());
    text.get(..end).unwrap_or(text)
}

/// The part of `text` after its last byte in `stops`, all of it when there is none.
#[allow(clippy::manual_contains, reason = "`<[u8]>::contains` links memchr")]
pub(crate) fn after_last<'a>(text: &'a str, stops: &[u8]) -> &'a str {
    let start = text
        .bytes()
        .rposition(|b| stops.iter().any(|&stop| stop == b))
        .map_or(0, |at| at + 1);
    text.get(start..).unwrap_or(text)
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

    #[test]
    fn cuts_like_split() {
        for (text, stops) in [
            ("a/b?c", &b"/?#"[..]),
            ("host", b"/?#"),
            ("", b":"),
            ("é:x", b":"),
            ("::1]:80", b"]"),
            ("details.card_number", b"./"),
            ("/data/attributes/cvc", b"./"),
            ("trailing/", b"./"),
        ] {
            let split = |c: char| c.is_ascii() && stops.contains(&(c as u8));
            assert_eq!(before_any(text, stops), text.split(split).next().unwrap());
            assert_eq!(after_last(text, stops), text.rsplit(split).next().unwrap());
        }
    }
}
