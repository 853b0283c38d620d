//! Reading digits out of what a shopper typed or pasted.
//!
//! Input is read leniently and never panics:
//! - ASCII digits, and the decimal digits of the scripts in [`ZEROS`] (Arabic-Indic, Devanagari,
//!   Bengali, Thai, fullwidth and others of the Basic Multilingual Plane), read as their value —
//!   a phone keyboard in another locale types these;
//! - spaces of any kind, dashes (`-`, `‐`…`―`, `−`) and invisible format characters (zero-width
//!   spaces and joiners, bidi marks and isolates, the byte-order mark) are ignored;
//! - anything else is a foreign character, which makes a number or code invalid.

use core::fmt;

/// The most digits any card number has.
pub const MAX_DIGITS: usize = 19;

/// The code points of `0` in the decimal-digit blocks read as digits (each block is ten
/// consecutive code points, 0 to 9).
pub const ZEROS: [u32; 24] = [
    0x0660, // Arabic-Indic
    0x06F0, // Extended Arabic-Indic (Persian, Urdu)
    0x07C0, // NKo
    0x0966, // Devanagari
    0x09E6, // Bengali
    0x0A66, // Gurmukhi
    0x0AE6, // Gujarati
    0x0B66, // Oriya
    0x0BE6, // Tamil
    0x0C66, // Telugu
    0x0CE6, // Kannada
    0x0D66, // Malayalam
    0x0DE6, // Sinhala
    0x0E50, // Thai
    0x0ED0, // Lao
    0x0F20, // Tibetan
    0x1040, // Myanmar
    0x17E0, // Khmer
    0x1810, // Mongolian
    0x1946, // Limbu
    0xA620, // Vai
    0xA8D0, // Saurashtra
    0xA900, // Kayah Li
    0xFF10, // Fullwidth
];

/// The value of `c` as a decimal digit, for ASCII digits and the blocks of [`ZEROS`].
pub fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    let cp = c as u32;
    if cp < 0x0660 {
        return None;
    }
    ZEROS
        .iter()
        .find(|&&zero| cp >= zero && cp < zero + 10)
        .map(|&zero| (cp - zero) as u8)
}

/// Whether `c` is a separator or an invisible character that input reading skips.
pub fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' // hyphens and dashes
                | '\u{2212}' // minus sign
                | '\u{00AD}' // soft hyphen
                | '\u{200B}'..='\u{200F}' // zero-width space, joiners, LRM, RLM
                | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
                | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
                | '\u{2066}'..='\u{2069}' // bidi isolates
                | '\u{FEFF}' // byte-order mark
        )
}

/// Up to [`MAX_DIGITS`] ASCII digits of a card number.
///
/// It redacts itself in `Debug` and overwrites its buffer when dropped.
pub struct CardDigits {
    buf: [u8; MAX_DIGITS],
    len: u8,
}

impl CardDigits {
    /// An empty buffer.
    pub const fn new() -> Self {
        CardDigits {
            buf: [0; MAX_DIGITS],
            len: 0,
        }
    }

    /// The digits as ASCII bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// The digits as a string slice.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever pushed.
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    /// The number of digits held.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether no digit is held.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends a digit value (0–9); returns `false` when the buffer is full.
    pub fn push(&mut self, value: u8) -> bool {
        match self.buf.get_mut(usize::from(self.len)) {
            Some(slot) if value < 10 => {
                *slot = b'0' + value;
                self.len += 1;
                true
            }
            _ => false,
        }
    }

    /// The last four digits, or fewer when fewer are held.
    pub fn last4(&self) -> &str {
        let s = self.as_str();
        s.get(s.len().saturating_sub(4)..).unwrap_or("")
    }

    /// Overwrites the buffer with zeros.
    pub fn wipe(&mut self) {
        for b in self.buf.iter_mut() {
            // SAFETY: `b` is a valid, aligned, exclusive reference; a volatile write keeps the
            // compiler from eliding the overwrite of memory it considers dead.
            unsafe { core::ptr::write_volatile(b, 0) };
        }
        self.len = 0;
    }
}

impl Default for CardDigits {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for CardDigits {
    fn drop(&mut self) {
        self.wipe();
    }
}

impl fmt::Debug for CardDigits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardDigits(<{} digits redacted>)", self.len)
    }
}

/// What reading a number field's text found.
#[derive(Debug)]
pub struct Scan {
    /// The first [`MAX_DIGITS`] digits.
    pub digits: CardDigits,
    /// How many digits the text holds in all (may exceed [`MAX_DIGITS`]).
    pub count: usize,
    /// Whether the text holds a character that is neither a digit nor ignorable.
    pub foreign: bool,
}

/// Reads the digits of `input`, skipping ignorable characters. Linear in the input length.
pub fn scan(input: &str) -> Scan {
    let mut out = Scan {
        digits: CardDigits::new(),
        count: 0,
        foreign: false,
    };
    for c in input.chars() {
        if let Some(v) = digit_value(c) {
            out.digits.push(v);
            out.count += 1;
        } else if !is_ignorable(c) {
            out.foreign = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zero_starts_a_block_of_ten() {
        for &z in &ZEROS {
            for v in 0..10 {
                let c = char::from_u32(z + v).expect("valid code point");
                assert_eq!(digit_value(c), Some(v as u8), "U+{:04X}", z + v);
                assert!(c.is_numeric());
            }
        }
    }

    #[test]
    fn scan_reads_digits_and_skips_separators() {
        let s = scan("4242-4242\u{00A0}4242\u{200B}4242");
        assert_eq!(s.digits.as_str(), "4242424242424242");
        assert_eq!(s.count, 16);
        assert!(!s.foreign);
        let s = scan("\u{FF14}\u{0662}x");
        assert_eq!(s.digits.as_str(), "42");
        assert!(s.foreign);
    }

    #[test]
    fn buffer_keeps_the_first_nineteen_and_counts_all() {
        let s = scan(&"1".repeat(40));
        assert_eq!(s.digits.len(), MAX_DIGITS);
        assert_eq!(s.count, 40);
    }

    #[test]
    fn wipe_and_drop_overwrite_the_buffer() {
        let mut d = scan("4242424242424242").digits;
        d.wipe();
        assert_eq!((d.buf, d.len), ([0; MAX_DIGITS], 0));
        // Dropped in place, the bytes that held the digits are zeros.
        let mut slot = core::mem::MaybeUninit::new(scan("4242424242424242").digits);
        let p = slot.as_mut_ptr();
        // SAFETY: `p` points to an initialised `CardDigits`, dropped once; its buffer is then read
        // as the plain bytes it still is (u8 has no invalid values), never used as a value again.
        let buf = unsafe {
            core::ptr::drop_in_place(p);
            core::ptr::read(core::ptr::addr_of!((*p).buf))
        };
        assert_eq!(buf, [0; MAX_DIGITS]);
    }

    #[test]
    fn debug_redacts() {
        let s = scan("4242424242424242");
        let shown = format!("{s:?}");
        assert!(!shown.contains("4242"), "{shown}");
        assert_eq!(s.digits.last4(), "4242");
    }
}
