//! As-you-type display format of a card number, with the caret kept on its digit.
//!
//! Carets and selections are counted in UTF-16 code units, as the DOM counts
//! `selectionStart`. Output values hold only ASCII digits and single spaces at the brand's
//! gaps, with no trailing space, so their caret positions are the same in any unit.

use crate::brand::{self, Brand, Candidates};
use crate::digits::{self, CardDigits, MAX_DIGITS};

/// A formatted value and where the caret goes in it.
#[derive(Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The display value, e.g. `4242 4242 4242 4242`.
    pub value: String,
    /// The caret position in `value`.
    pub caret: usize,
}

impl core::fmt::Debug for Formatted {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The value is a card number: show only its shape.
        f.debug_struct("Formatted")
            .field("len", &self.value.len())
            .field("caret", &self.caret)
            .finish()
    }
}

/// An edit a shopper makes to the number field (the DOM's `beforeinput` input types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit<'a> {
    /// Typing, pasting or dropping text over the selection.
    Insert(&'a str),
    /// Backspace: the selection, or the digit before the caret (skipping a gap space).
    DeleteBackward,
    /// Delete: the selection, or the digit after the caret (skipping a gap space).
    DeleteForward,
}

const DEFAULT_GAPS: &[u8] = &[4, 8, 12];

/// The gaps and the most digits to keep for a number that starts with `digits`.
fn layout(digits: &[u8]) -> (&'static [u8], usize) {
    let detection = brand::detect(digits);
    if let Some(b) = detection.brand {
        return (b.gaps, b.max_length());
    }
    (
        shared_gaps(detection.candidates),
        detection
            .candidates
            .iter()
            .map(Brand::max_length)
            .max()
            .unwrap_or(MAX_DIGITS),
    )
}

/// The candidates' gaps when they all agree, else the common 4-4-4-4 layout.
fn shared_gaps(candidates: Candidates) -> &'static [u8] {
    let mut it = candidates.iter();
    match it.next() {
        Some(first) if it.all(|b| b.gaps == first.gaps) => first.gaps,
        _ => DEFAULT_GAPS,
    }
}

/// Formats `digits` by brand gaps, keeping at most the brand's longest length, and puts the
/// caret after the first `caret_digits` digits.
fn layout_digits(digits: &[u8], caret_digits: usize) -> Formatted {
    let (gaps, max) = layout(digits);
    let kept = digits.get(..max.min(digits.len())).unwrap_or(digits);
    let mut value = String::with_capacity(kept.len() + gaps.len());
    let mut caret = 0;
    let caret_digits = caret_digits.min(kept.len());
    for (i, &d) in kept.iter().enumerate() {
        if i > 0 && gaps.iter().any(|&g| usize::from(g) == i) {
            value.push(' ');
        }
        value.push(char::from(d));
        if i + 1 == caret_digits {
            caret = value.len();
        }
    }
    Formatted { value, caret }
}

/// Reads the digits of `input` and counts how many lie before each of the UTF-16 positions
/// `marks` (which must be ascending).
fn digits_before<const N: usize>(input: &str, marks: [usize; N]) -> (CardDigits, [usize; N]) {
    let mut digits = CardDigits::new();
    let mut counts = [0; N];
    let mut pos = 0;
    for c in input.chars() {
        if let Some(v) = digits::digit_value(c) {
            if digits.push(v) {
                for (count, &mark) in counts.iter_mut().zip(marks.iter()) {
                    if pos < mark {
                        *count += 1;
                    }
                }
            }
        }
        pos += c.len_utf16();
    }
    (digits, counts)
}

/// Formats `input` for display and maps `caret` (UTF-16 units into `input`) onto the same digit.
///
/// Anything but digits is dropped; digits past the brand's longest length are cut.
///
/// ```
/// let f = sealcard::format_number("378282246310005", 5);
/// assert_eq!(f.value, "3782 822463 10005");
/// assert_eq!(f.caret, 6); // still just after the fifth digit
/// ```
pub fn format_number(input: &str, caret: usize) -> Formatted {
    let (digits, [before]) = digits_before(input, [caret]);
    layout_digits(digits.as_bytes(), before)
}

/// Applies `edit` to the field `value` whose selection is `start..end` (UTF-16 units), and
/// formats the result. Deleting next to a gap space deletes the digit beyond it, as a shopper
/// expects; the space itself is never an edit target.
pub fn edit_number(value: &str, start: usize, end: usize, edit: Edit<'_>) -> Formatted {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let (digits, [a, b]) = digits_before(value, [start, end]);
    let old = digits.as_bytes();
    let mut next = Vec::with_capacity(MAX_DIGITS * 2);
    let caret;
    match edit {
        Edit::Insert(text) => {
            next.extend_from_slice(old.get(..a).unwrap_or(old));
            // Read at most enough digits to fill the field: a huge paste costs one linear scan.
            next.extend(
                text.chars()
                    .filter_map(digits::digit_value)
                    .take(MAX_DIGITS)
                    .map(|v| b'0' + v),
            );
            caret = next.len();
            next.extend_from_slice(old.get(b..).unwrap_or(&[]));
        }
        Edit::DeleteBackward | Edit::DeleteForward => {
            let (from, to) = match edit {
                _ if a != b => (a, b),
                Edit::DeleteBackward => (a.saturating_sub(1), a),
                _ => (a, (a + 1).min(old.len())),
            };
            next.extend_from_slice(old.get(..from).unwrap_or(old));
            next.extend_from_slice(old.get(to..).unwrap_or(&[]));
            caret = from;
        }
    }
    let out = layout_digits(&next, caret);
    for byte in next.iter_mut() {
        // SAFETY: a valid exclusive reference; volatile so the wipe of card digits stays.
        unsafe { core::ptr::write_volatile(byte, 0) };
    }
    out
}

/// The most digits an expiry holds: `MMYY`.
const EXPIRY_DIGITS: usize = 4;

fn is_slash(c: char) -> bool {
    c == '/' || c == '\u{FF0F}'
}

/// Reads a whole expiry text into `MMYY` digits: `1/30` → `0130`, `12/2030` → `1230`,
/// `122030` → `1230`, `4` → `04`.
fn expiry_digits(text: &str) -> Vec<u8> {
    let digits_of = |s: &str| -> Vec<u8> {
        s.chars()
            .filter_map(digits::digit_value)
            .take(8)
            .map(|v| b'0' + v)
            .collect()
    };
    let mut out = match text.split_once(is_slash) {
        Some((month, year)) => {
            let mut m = digits_of(month);
            m.truncate(2);
            if m.len() == 1 {
                m.insert(0, b'0');
            }
            let y = digits_of(year);
            // A four-digit year keeps its last two digits.
            let y = if y.len() >= 4 {
                y.get(2..4)
            } else {
                y.get(..y.len().min(2))
            };
            m.extend_from_slice(y.unwrap_or(&[]));
            m
        }
        None => {
            let mut d = digits_of(text);
            if d.len() == 6 {
                // MMYYYY
                d.drain(2..4);
            }
            d
        }
    };
    pad_month(&mut out);
    out.truncate(EXPIRY_DIGITS);
    out
}

/// A first digit 2–9 can only be a one-digit month: `4` → `04`. Returns whether it padded.
fn pad_month(digits: &mut Vec<u8>) -> bool {
    match digits.first() {
        Some(b'2'..=b'9') => {
            digits.insert(0, b'0');
            true
        }
        _ => false,
    }
}

/// Lays out `MMYY` digits as `MM / YY`; `trailing` adds ` / ` after a complete month with no
/// year yet (as the shopper types forward).
fn layout_expiry(digits: &[u8], caret_digits: usize, trailing: bool) -> Formatted {
    let mut value = String::with_capacity(7);
    let mut caret = 0;
    for (i, &d) in digits.iter().enumerate() {
        if i == 2 {
            value.push_str(" / ");
        }
        value.push(char::from(d));
        if i + 1 == caret_digits {
            caret = value.len();
        }
    }
    if trailing && digits.len() == 2 {
        value.push_str(" / ");
        if caret_digits >= 2 {
            caret = value.len();
        }
    }
    Formatted { value, caret }
}

/// Formats an expiry text as `MM / YY` and keeps `caret` (UTF-16 units) on its digit.
///
/// ```
/// let f = sealcard::format_expiry("12/2030", 7);
/// assert_eq!((f.value.as_str(), f.caret), ("12 / 30", 7));
/// ```
pub fn format_expiry(input: &str, caret: usize) -> Formatted {
    let digits = expiry_digits(input);
    let (_, [before]) = digits_before(input, [caret]);
    let padded = usize::from(matches!(input.trim_start().chars().next(), Some('2'..='9')))
        + usize::from(
            matches!(input.split_once(is_slash), Some((m, _)) if m.trim().chars().count() == 1),
        );
    let at = if before == 0 {
        0
    } else {
        before + padded.min(1)
    };
    layout_expiry(&digits, at.min(digits.len()), false)
}

/// Applies `edit` to the expiry field `value` with selection `start..end` (UTF-16 units).
/// Typing `/` after one digit pads the month (`1/` → `01 / `); deleting next to the ` / `
/// deletes the digit beyond it.
pub fn edit_expiry(value: &str, start: usize, end: usize, edit: Edit<'_>) -> Formatted {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let (_, [a, b]) = digits_before(value, [start, end]);
    let old = expiry_digits(value);
    let (a, b) = (a.min(old.len()), b.min(old.len()));
    let mut next: Vec<u8>;
    let mut caret;
    let mut trailing = false;
    match edit {
        Edit::Insert(text) => {
            if a == 0 && b == old.len() {
                // The whole field is replaced (paste, autofill): read the text as a date.
                next = expiry_digits(text);
                caret = next.len();
            } else if text.chars().all(|c| is_slash(c) || c.is_whitespace()) {
                next = old.clone();
                caret = a;
                if text.chars().any(is_slash) && old.len() == 1 && a == 1 {
                    next.insert(0, b'0');
                    caret = 2;
                }
            } else {
                next = old.get(..a).unwrap_or(&[]).to_vec();
                next.extend(
                    text.chars()
                        .filter_map(digits::digit_value)
                        .take(EXPIRY_DIGITS)
                        .map(|v| b'0' + v),
                );
                caret = next.len();
                next.extend_from_slice(old.get(b..).unwrap_or(&[]));
                if pad_month(&mut next) {
                    caret += 1;
                }
            }
            next.truncate(EXPIRY_DIGITS);
            caret = caret.min(next.len());
            trailing = caret == 2 && next.len() == 2;
        }
        Edit::DeleteBackward | Edit::DeleteForward => {
            let (from, to) = match edit {
                _ if a != b => (a, b),
                Edit::DeleteBackward => (a.saturating_sub(1), a),
                _ => (a, (a + 1).min(old.len())),
            };
            next = old.get(..from).unwrap_or(&[]).to_vec();
            next.extend_from_slice(old.get(to..).unwrap_or(&[]));
            caret = from;
        }
    }
    layout_expiry(&next, caret, trailing)
}

/// Keeps the digits of a security-code text, at most `max`, and maps `caret` onto them.
pub fn format_cvc(input: &str, caret: usize, max: usize) -> Formatted {
    let mut value = String::with_capacity(max);
    let mut at = 0;
    let mut pos = 0;
    for c in input.chars() {
        if let Some(v) = digits::digit_value(c) {
            if value.len() < max {
                value.push(char::from(b'0' + v));
                if pos < caret {
                    at = value.len();
                }
            }
        }
        pos += c.len_utf16();
    }
    Formatted { value, caret: at }
}

/// An edit of the security-code field (text `value`, selection `start..end` in UTF-16 units):
/// the edit applied as the browser would apply it, then [`format_cvc`] — so a paste of
/// `12a34` shows `1234` at once, with the caret after the last digit pasted.
pub fn edit_cvc(value: &str, start: usize, end: usize, edit: Edit<'_>, max: usize) -> Formatted {
    let (start, end) = (start.min(end), start.max(end));
    // Split by UTF-16 positions, never inside a character.
    let mut before = String::with_capacity(value.len());
    let mut after = String::new();
    let mut selected = 0;
    let mut pos = 0;
    for c in value.chars() {
        if pos < start {
            before.push(c);
        } else if pos < end {
            selected += 1;
        } else {
            after.push(c);
        }
        pos += c.len_utf16();
    }
    match edit {
        Edit::Insert(text) => before.push_str(text),
        // With nothing selected, the character before (or after) the caret goes.
        Edit::DeleteBackward if selected == 0 => {
            before.pop();
        }
        Edit::DeleteForward if selected == 0 && !after.is_empty() => {
            after.remove(0);
        }
        Edit::DeleteBackward | Edit::DeleteForward => {}
    }
    let caret = before.encode_utf16().count();
    before.push_str(&after);
    format_cvc(&before, caret, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str, caret: usize) -> (String, usize) {
        let f = format_number(s, caret);
        (f.value, f.caret)
    }

    #[test]
    fn cvc_edits() {
        let e = |v: &str, s: usize, t: usize, edit: Edit<'_>| {
            let f = edit_cvc(v, s, t, edit, 3);
            (f.value, f.caret)
        };
        assert_eq!(e("", 0, 0, Edit::Insert("12a34")), ("123".into(), 3));
        assert_eq!(e("13", 1, 1, Edit::Insert("2")), ("123".into(), 2));
        assert_eq!(e("123", 1, 1, Edit::DeleteBackward), ("23".into(), 0));
        assert_eq!(e("123", 1, 1, Edit::DeleteForward), ("13".into(), 1));
        assert_eq!(e("123", 0, 3, Edit::DeleteBackward), (String::new(), 0));
        assert_eq!(e("123", 3, 3, Edit::DeleteForward), ("123".into(), 3));
        assert_eq!(e("", 0, 0, Edit::DeleteBackward), (String::new(), 0));
        assert_eq!(e("1", 0, 1, Edit::Insert("٧")), ("7".into(), 1));
        // Positions past the end or inside a surrogate pair never split a character.
        assert_eq!(e("1😀2", 2, 9, Edit::Insert("3")), ("13".into(), 2));
    }

    #[test]
    fn brand_gaps() {
        assert_eq!(fmt("4242424242424242", 16).0, "4242 4242 4242 4242");
        assert_eq!(fmt("378282246310005", 15).0, "3782 822463 10005");
        assert_eq!(fmt("36227206271667", 14).0, "3622 720627 1667");
        assert_eq!(fmt("4242424242424242424", 19).0, "4242 4242 4242 4242424");
        assert_eq!(fmt("", 0), (String::new(), 0));
    }

    #[test]
    fn cuts_past_the_longest_length() {
        assert_eq!(fmt("3782822463100059999", 19).0, "3782 822463 10005");
        assert_eq!(fmt(&"5".repeat(30), 30).0, "5555 5555 5555 5555");
    }

    #[test]
    fn caret_follows_its_digit() {
        assert_eq!(fmt("42424", 5), ("4242 4".into(), 6));
        assert_eq!(fmt("4242 4", 5), ("4242 4".into(), 4));
        assert_eq!(fmt("4242 ", 5), ("4242".into(), 4));
        assert_eq!(fmt("42421424 2", 5), ("4242 1424 2".into(), 6));
        assert_eq!(fmt("x4x2", 2), ("42".into(), 1));
    }

    #[test]
    fn expiry_formats() {
        let f = |s: &str, c: usize| {
            let f = format_expiry(s, c);
            (f.value, f.caret)
        };
        assert_eq!(f("1230", 4), ("12 / 30".into(), 7));
        assert_eq!(f("12 / 30", 7), ("12 / 30".into(), 7));
        assert_eq!(f("12/2030", 7), ("12 / 30".into(), 7));
        assert_eq!(f("122030", 6), ("12 / 30".into(), 7));
        assert_eq!(f("4", 1), ("04".into(), 2));
        assert_eq!(f("1/30", 4), ("01 / 30".into(), 7));
        assert_eq!(f("", 0), (String::new(), 0));
        let e = |v: &str, s: usize, t: usize, edit| {
            let f = edit_expiry(v, s, t, edit);
            (f.value, f.caret)
        };
        assert_eq!(e("1", 1, 1, Edit::Insert("2")), ("12 / ".into(), 5));
        assert_eq!(e("", 0, 0, Edit::Insert("4")), ("04 / ".into(), 5));
        assert_eq!(e("1", 1, 1, Edit::Insert("/")), ("01 / ".into(), 5));
        assert_eq!(e("12 / ", 5, 5, Edit::Insert("3")), ("12 / 3".into(), 6));
        assert_eq!(e("12 / ", 5, 5, Edit::DeleteBackward), ("1".into(), 1));
        assert_eq!(e("12 / 3", 6, 6, Edit::DeleteBackward), ("12".into(), 2));
        assert_eq!(e("12 / 30", 7, 7, Edit::Insert("5")), ("12 / 30".into(), 7));
        assert_eq!(
            e("12 / 30", 0, 7, Edit::Insert("09/2031")),
            ("09 / 31".into(), 7)
        );
        assert_eq!(
            e("12 / 30", 1, 1, Edit::DeleteBackward),
            ("23 / 0".into(), 0)
        );
    }

    #[test]
    fn cvc_keeps_digits() {
        let f = format_cvc("1a2 34", 6, 3);
        assert_eq!((f.value.as_str(), f.caret), ("123", 3));
        let f = format_cvc("12", 1, 4);
        assert_eq!((f.value.as_str(), f.caret), ("12", 1));
    }

    #[test]
    fn edits() {
        let e = |v: &str, s: usize, t: usize, edit| {
            let f = edit_number(v, s, t, edit);
            (f.value, f.caret)
        };
        // Backspace right after a gap deletes the digit before the gap.
        assert_eq!(
            e("4242 4242", 5, 5, Edit::DeleteBackward),
            ("4244 242".into(), 3)
        );
        // Delete right before a gap deletes the digit after it.
        assert_eq!(
            e("4242 4242", 4, 4, Edit::DeleteForward),
            ("4242 242".into(), 4)
        );
        // Typing in the middle.
        assert_eq!(
            e("4242 4242", 4, 4, Edit::Insert("1")),
            ("4242 1424 2".into(), 6)
        );
        // Selecting and overwriting.
        assert_eq!(
            e("4242 4242", 2, 7, Edit::Insert("9")),
            ("4294 2".into(), 3)
        );
        // Backspace at the start does nothing.
        assert_eq!(e("4242", 0, 0, Edit::DeleteBackward), ("4242".into(), 0));
        // A paste of a formatted number with letters around it.
        assert_eq!(
            e("", 0, 0, Edit::Insert("card: 3782-822463-10005!")),
            ("3782 822463 10005".into(), 17)
        );
    }
}
