//! As-you-type display format of a card number, with the caret kept on its digit.
//!
//! Carets and selections are counted in UTF-16 code units, as the DOM counts
//! `selectionStart`. Output values hold only ASCII digits and single spaces at the brand's
//! gaps, with no trailing space, so their caret positions are the same in any unit.

use crate::brand::{self, Brand, Candidates};
use crate::digits::{self, CardDigits, MAX_DIGITS};
use crate::expiry::{self, ExpiryText};

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

/// A digit as shown in the expiry field (ASCII), and the index of the typed digit it shows (a
/// padding `0` takes the index of the month digit it pads).
type Shown = (u8, usize);

/// The expiry field's month and year as shown.
struct ExpiryShown {
    /// One or two digits (one only while the shopper left it so), or none when empty.
    month: Vec<Shown>,
    /// Two digits, fewer while typing, or three while a four-digit year `20…`/`21…` is typed.
    year: Vec<Shown>,
}

/// Adds a typed year digit to the year shown, the way a shopper types it: two digits make the
/// year and later ones are ignored (the field is full), except after `20` or `21`, the start
/// of a four-digit year (2000–2199): its third digit is shown (`20` → `203`) and its fourth
/// leaves the last two (`2030` → `30`). Pasting a year reads it digit by digit the same way,
/// so typing and pasting always agree. As two-digit years, `20` and `21` are 2020 and 2021,
/// long expired (and 2120, 2121 past the horizon until 2100), so no valid date is lost.
fn push_year_digit(year: &mut Vec<Shown>, digit: Shown) {
    let four_digit_start = matches!(year.as_slice(), [(b'2', _), (b'0' | b'1', _)]);
    match year.len() {
        0 | 1 => year.push(digit),
        2 if four_digit_start => year.push(digit),
        3 => {
            if let [_, _, third] = year.as_slice() {
                *year = vec![*third, digit];
            }
        }
        _ => {}
    }
}

/// Reads an expiry text as the field shows it. The month is the digits before the separator
/// (at most two; more go on into the year), or without one the first two digits; `padded`
/// (when the shopper types or pastes) makes a first digit 2–9, and a lone digit before a
/// separator, a one-digit month: `4` → `04`, `1/` → `01`. Without `padded` (after a deletion)
/// the digits stay as the shopper left them. Whitespace after a first digit or two at the end
/// of the text counts as a separator when `padded` (`1 ` → `01`).
fn expiry_shown(text: &ExpiryText, padded: bool) -> ExpiryShown {
    let digits = text.digits();
    // A slash with nothing before it (`/30`) separates nothing: it is read as if not there.
    let separator = match text.month_end() {
        None if padded && text.trailing_space() => Some(text.count()),
        at => at,
    };
    let (month_len, pad) = match (digits.first(), separator) {
        (Some(2..=9), _) if padded => (1, true),
        (_, Some(at)) => (at.min(2), padded && at == 1),
        (_, None) => (2, false),
    };
    let mut indexed = digits
        .iter()
        .enumerate()
        .map(|(i, &v)| (b'0' + v, i))
        .peekable();
    let mut month = Vec::with_capacity(2);
    if pad {
        if let Some(&(_, first)) = indexed.peek() {
            month.push((b'0', first));
        }
    }
    month.extend(indexed.by_ref().take(month_len));
    let mut year = Vec::with_capacity(4);
    for digit in indexed {
        push_year_digit(&mut year, digit);
    }
    ExpiryShown { month, year }
}

/// Lays out a month and year as `MM / YY`, with the caret after the digits shown for the first
/// `caret_digits` typed digits; `trailing` adds ` / ` after a complete month with no year yet
/// when the caret is after the month (as the shopper types forward), the caret after it.
fn layout_expiry(shown: &ExpiryShown, caret_digits: usize, trailing: bool) -> Formatted {
    let mut value = String::with_capacity(8);
    let mut caret = 0;
    for &(d, source) in &shown.month {
        value.push(char::from(d));
        if source < caret_digits {
            caret = value.len();
        }
    }
    let trailing = trailing && shown.month.len() == 2 && shown.year.is_empty() && caret == 2;
    if !shown.year.is_empty() || trailing {
        value.push_str(" / ");
    }
    if trailing {
        caret = value.len();
    }
    for &(d, source) in &shown.year {
        value.push(char::from(d));
        if source < caret_digits {
            caret = value.len();
        }
    }
    Formatted { value, caret }
}

/// Formats an expiry text as `MM / YY` and keeps `caret` (UTF-16 units) on its digit.
///
/// `MM/YY`, `MM / YY`, `MMYY`, `M/YY`, `MM YY` and `M YY` read as they validate; a four-digit
/// year (`12/2030`, `122030`, `1 2030`) keeps its last two digits, and is shown as typed up to
/// its third digit (`12/203` → `12 / 203`). Digits past a complete year are dropped.
///
/// ```
/// let f = sealcard::format_expiry("12/2030", 7);
/// assert_eq!((f.value.as_str(), f.caret), ("12 / 30", 7));
/// assert_eq!(sealcard::format_expiry("1 2030", 6).value, "01 / 30");
/// ```
pub fn format_expiry(input: &str, caret: usize) -> Formatted {
    let mut text = ExpiryText::new();
    let mut pos = 0;
    for c in input.chars() {
        text.push(c, pos < caret);
        pos += c.len_utf16();
    }
    layout_expiry(&expiry_shown(&text, true), text.before_caret(), false)
}

/// How many digits of `input` stand before each of the UTF-16 positions `marks`, and in all.
fn count_digits<const N: usize>(input: &str, marks: [usize; N]) -> ([usize; N], usize) {
    let mut counts = [0; N];
    let mut total = 0;
    let mut pos = 0;
    for c in input.chars() {
        if digits::digit_value(c).is_some() {
            total += 1;
            for (count, &mark) in counts.iter_mut().zip(marks.iter()) {
                *count += usize::from(pos < mark);
            }
        }
        pos += c.len_utf16();
    }
    (counts, total)
}

/// Applies `edit` to the expiry field `value` with selection `start..end` (UTF-16 units).
///
/// Typing and pasting give what [`format_expiry`] gives for the text the field then holds, so
/// typing `12/2030`, `122030` or `1 2030` key by key ends as pasting it does (`12 / 30`,
/// `12 / 30`, `01 / 30`): a year typed on after `20` or `21` is a four-digit year, shown as
/// typed up to its third digit (`12 / 203`). Replacing every digit (a paste over the whole field,
/// autofill) reads the new text alone. Typing `/` or a space after a lone month digit pads it
/// (`1/` → `01 / `); anywhere else it changes nothing, and the ` / ` is never an edit target:
/// deleting next to it deletes the digit beyond it.
///
/// Deleting removes just the deleted digits and reads the rest as the shopper left it: the
/// caret stays where the deleted digits were, every other digit stays in its part, and
/// nothing is padded or reinterpreted.
/// - Deleting the `0` of `02` leaves `2`, caret before it — not `02` again (the backspace
///   would seem stuck) nor nothing. `2` is then a month being typed: typing `1` before it
///   gives `12`; typing after it reads it as typing `2…` from the start does (`3` → `02 / 3`).
/// - Deleting a month digit keeps the year in its place: `02 / 3` → `2 / 3`,
///   `12 / 30` → `2 / 30` (not `23` or `23 / 0`, which would move a year digit into the
///   month). `2 / 30` reads as `M / YY`, February 2030, wherever it is read; typing `1` at
///   the caret gives `12 / 30` back.
pub fn edit_expiry(value: &str, start: usize, end: usize, edit: Edit<'_>) -> Formatted {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let ([a, b], total) = count_digits(value, [start, end]);
    let mut text = ExpiryText::new();
    match edit {
        Edit::Insert(inserted) => {
            let separator_only = inserted
                .chars()
                .all(|c| expiry::is_slash(c) || c.is_whitespace());
            if a == 0 && b == total {
                // Every digit is replaced (paste, autofill): read the new text as a date.
                for c in inserted.chars() {
                    text.push(c, true);
                }
            } else if separator_only {
                let pads = total == 1 && a == 1 && !inserted.is_empty();
                // The caret is after the one digit when it pads, and placed at `a` otherwise:
                // every digit counts as before it.
                for c in value.chars() {
                    text.push(c, true);
                }
                if !pads {
                    // Nothing to separate: the field stays as it is.
                    return layout_expiry(&expiry_shown(&text, false), a, true);
                }
                text.push('/', true);
            } else {
                let mut pos = 0;
                for c in value.chars() {
                    if pos < start {
                        text.push(c, true);
                    }
                    pos += c.len_utf16();
                }
                for c in inserted.chars() {
                    text.push(c, true);
                }
                pos = 0;
                for c in value.chars() {
                    if pos >= end {
                        text.push(c, false);
                    }
                    pos += c.len_utf16();
                }
            }
            layout_expiry(&expiry_shown(&text, true), text.before_caret(), true)
        }
        Edit::DeleteBackward | Edit::DeleteForward => {
            let (from, to) = match edit {
                _ if a != b => (a, b),
                Edit::DeleteBackward => (a.saturating_sub(1), a),
                _ => (a, (a + 1).min(total)),
            };
            let mut index = 0;
            for c in value.chars() {
                if digits::digit_value(c).is_some() {
                    // The caret goes to `from`: no digit needs counting before it.
                    if !(from..to).contains(&index) {
                        text.push(c, false);
                    }
                    index += 1;
                } else {
                    text.push(c, false);
                }
            }
            layout_expiry(&expiry_shown(&text, false), from, false)
        }
    }
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
    let mut selected = false;
    let mut pos = 0;
    for c in value.chars() {
        if pos < start {
            before.push(c);
        } else if pos < end {
            selected = true;
        } else {
            after.push(c);
        }
        pos += c.len_utf16();
    }
    match edit {
        Edit::Insert(text) => before.push_str(text),
        // With nothing selected, the character before (or after) the caret goes.
        Edit::DeleteBackward if !selected => {
            before.pop();
        }
        Edit::DeleteForward if !selected && !after.is_empty() => {
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
    fn gaps_of_several_candidates() {
        // `3`: American Express and Diners share 4-10, JCB and others do not.
        assert_eq!(shared_gaps(brand::detect(b"3").candidates), DEFAULT_GAPS);
        let amex_like = brand::detect(b"37").candidates;
        assert_eq!(shared_gaps(amex_like), &[4, 10]);
        assert_eq!(shared_gaps(Candidates::NONE), DEFAULT_GAPS);
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
        // A selection goes, and nothing more.
        assert_eq!(e("123", 1, 2, Edit::DeleteBackward), ("13".into(), 1));
        assert_eq!(e("123", 1, 2, Edit::DeleteForward), ("13".into(), 1));
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
        // Deleting a month digit keeps the year in its place (see `deleting_in_the_month`).
        assert_eq!(
            e("12 / 30", 1, 1, Edit::DeleteBackward),
            ("2 / 30".into(), 0)
        );
    }

    fn edit(v: &str, s: usize, t: usize, edit: Edit<'_>) -> (String, usize) {
        let f = edit_expiry(v, s, t, edit);
        (f.value, f.caret)
    }

    /// Types `keys` one character at a time at the end of an empty field.
    fn typed(keys: &str) -> (String, usize) {
        let mut field = (String::new(), 0);
        for c in keys.chars() {
            let end = field.0.len();
            field = edit(&field.0, end, end, Edit::Insert(&c.to_string()));
        }
        field
    }

    fn pasted(text: &str) -> (String, usize) {
        edit("", 0, 0, Edit::Insert(text))
    }

    #[test]
    fn typing_a_four_digit_year_ends_as_pasting_it() {
        for keys in [
            "12/2030",
            "122030",
            "1230",
            "12/30",
            "12 / 2030",
            "12 30",
            "12 2030",
        ] {
            assert_eq!(typed(keys), ("12 / 30".into(), 7), "typing {keys:?}");
            assert_eq!(pasted(keys), ("12 / 30".into(), 7), "pasting {keys:?}");
            assert_eq!(format_expiry(keys, keys.len()).value, "12 / 30", "{keys:?}");
        }
        // The third digit after `20` is shown as typed; the fourth leaves the last two.
        assert_eq!(typed("12/20"), ("12 / 20".into(), 7));
        assert_eq!(typed("12/203"), ("12 / 203".into(), 8));
        assert_eq!(pasted("12/203"), ("12 / 203".into(), 8));
        assert_eq!(format_expiry("12 / 203", 8).value, "12 / 203");
        assert_eq!(
            edit("12 / 203", 8, 8, Edit::Insert("0")),
            ("12 / 30".into(), 7)
        );
        assert_eq!(
            edit("12 / 203", 8, 8, Edit::DeleteBackward),
            ("12 / 20".into(), 7)
        );
        assert_eq!(typed("01/2105"), ("01 / 05".into(), 7));
        // A complete year that is not `20` or `21` takes no more digits, as before.
        assert_eq!(
            edit("12 / 30", 7, 7, Edit::Insert("5")),
            ("12 / 30".into(), 7)
        );
        assert_eq!(typed("12/305"), ("12 / 30".into(), 7));
        assert_eq!(typed("4/2031"), ("04 / 31".into(), 7));
        assert_eq!(pasted("0420315"), ("04 / 31".into(), 7));
        // A 4-digit year typed over the year of a full field.
        assert_eq!(
            edit("12 / 30", 5, 7, Edit::Insert("2031")),
            ("12 / 31".into(), 7)
        );
    }

    #[test]
    fn deleting_in_the_month() {
        // The `0` of `02`: the `2` stays as typed, caret where the `0` was.
        assert_eq!(edit("02", 1, 1, Edit::DeleteBackward), ("2".into(), 0));
        assert_eq!(edit("02", 0, 0, Edit::DeleteForward), ("2".into(), 0));
        assert_eq!(edit("02 / ", 1, 1, Edit::DeleteBackward), ("2".into(), 0));
        // With a year, the year stays the year.
        assert_eq!(
            edit("02 / 3", 1, 1, Edit::DeleteBackward),
            ("2 / 3".into(), 0)
        );
        assert_eq!(
            edit("02 / 30", 1, 1, Edit::DeleteBackward),
            ("2 / 30".into(), 0)
        );
        assert_eq!(
            edit("12 / 30", 2, 2, Edit::DeleteBackward),
            ("1 / 30".into(), 1)
        );
        assert_eq!(
            edit("12 / 30", 5, 5, Edit::DeleteBackward),
            ("1 / 30".into(), 1)
        );
        assert_eq!(
            edit("12 / 30", 1, 6, Edit::DeleteBackward),
            ("1 / 0".into(), 1)
        );
        // The shopper continues: typing before the `2` makes the month again…
        assert_eq!(edit("2", 0, 0, Edit::Insert("1")), ("12".into(), 1));
        assert_eq!(edit("2 / 3", 0, 0, Edit::Insert("1")), ("12 / 3".into(), 1));
        assert_eq!(
            edit("2 / 30", 0, 0, Edit::Insert("0")),
            ("02 / 30".into(), 1)
        );
        // …and typing after it reads `2` as a month being typed, as typing `2…` does.
        assert_eq!(edit("2", 1, 1, Edit::Insert("3")), typed("23"));
        assert_eq!(edit("2", 1, 1, Edit::Insert("/")), ("02 / ".into(), 5));
        assert_eq!(
            edit("2 / 3", 5, 5, Edit::Insert("0")),
            ("02 / 30".into(), 7)
        );
        // Stable: no further edit or reading moves a digit between month and year.
        assert_eq!(
            edit("2 / 30", 3, 3, Edit::Insert("/")),
            ("2 / 30".into(), 1)
        );
        assert_eq!(format_expiry("2 / 30", 0).value, "02 / 30");
        assert_eq!(
            edit("2 / 30", 0, 0, Edit::DeleteBackward),
            ("2 / 30".into(), 0)
        );
        // Deleting both month digits leaves the year's digits, as before.
        assert_eq!(
            edit("12 / 30", 0, 2, Edit::DeleteBackward),
            ("30".into(), 0)
        );
        assert_eq!(
            edit("12 / 30", 0, 7, Edit::DeleteBackward),
            (String::new(), 0)
        );
    }

    #[test]
    fn a_space_separates_like_a_slash() {
        assert_eq!(pasted("1 2030"), ("01 / 30".into(), 7));
        assert_eq!(pasted("1 30"), ("01 / 30".into(), 7));
        assert_eq!(pasted("01 30"), ("01 / 30".into(), 7));
        assert_eq!(typed("1 2030"), ("01 / 30".into(), 7));
        assert_eq!(typed("1 30"), ("01 / 30".into(), 7));
        assert_eq!(typed("1 "), ("01 / ".into(), 5));
        assert_eq!(
            format_expiry("1 2030", 6),
            Formatted {
                value: "01 / 30".into(),
                caret: 7
            }
        );
        assert_eq!(format_expiry("1 2030", 1).caret, 2);
        assert_eq!(
            format_expiry("\u{FF11}\u{3000}\u{FF13}\u{FF10}", 4).value,
            "01 / 30"
        );
        // Only between a first one or two digits and the next digit.
        assert_eq!(format_expiry("123 0", 5).value, "12 / 30");
        assert_eq!(format_expiry(" 1230 ", 6).value, "12 / 30");
        // The empty state of an input mask.
        for mask in ["/", " / ", " /", "/ "] {
            assert_eq!(format_expiry(mask, 0).value, "", "{mask:?}");
            assert_eq!(pasted(mask), (String::new(), 0), "{mask:?}");
        }
        assert_eq!(edit(" / ", 0, 0, Edit::Insert("1")), ("1".into(), 1));
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
