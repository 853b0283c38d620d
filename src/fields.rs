//! The card field's engine: what the fields' view (`js/frame/field.js`) asks the core. The view
//! owns the DOM, the events and the requests; every decision about card data is made here —
//! what a keystroke, paste or delete does to the text and the caret, each field's verdict and
//! which error shows, the card details of the tokenization request, what an API answer means,
//! and which keys, endpoints and 3-D Secure URLs are allowed.
//!
//! Only numbers and strings cross the boundary: verdicts packed in numbers (as [`crate::js`]
//! does), tables and lists as one string with ASCII separators (`\x1f` between values, `\x1e`
//! between records, `\x1d` between tables), which the view splits. No JS object is built or
//! read in wasm: that is what keeps this module small. Codes are indexes into
//! [`ErrorCode::ALL`] plus one (0 for none); brands are [`crate::BrandId`]s plus one; fields
//! are 1 number, 2 expiry, 3 security code, 4 name.
//!
//! Card text arrives as owned `String`s: the allocator zeroes every block it takes back, so
//! neither the copies made here nor the strings returned to JS stay in wasm memory.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use crate::{
    check_endpoint, format_cvc, format_expiry, format_number, message, parse_public_key, texts,
    validate_expiry, Accepted, ApiErrorItem, Decline, Edit, ErrorCode, Field, FieldState,
    Formatted, Inputs, KeyMode, Locale, Touched, YearMonth,
};

/// Between the values of a record.
const UNIT: char = '\x1f';
/// Between records.
const RECORD: char = '\x1e';
/// Between tables; also, alone, an absent value.
const GROUP: char = '\x1d';

fn code_index(code: ErrorCode) -> u32 {
    code.index() as u32 + 1
}

fn field_index(field: Option<Field>) -> u32 {
    match field {
        None => 0,
        Some(Field::Number) => 1,
        Some(Field::Expiry) => 2,
        Some(Field::Cvc) => 3,
        Some(Field::Name) => 4,
    }
}

fn record(out: &mut String, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(UNIT);
        }
        out.push_str(v);
    }
    out.push(RECORD);
}

/// `tables()` → four tables: the errors (per code of [`ErrorCode::ALL`]: code, type, field or
/// empty, `1` when retryable or empty, English message, Filipino message), the words (English
/// then Filipino: labels of number, expiry, code and name, their placeholders, the brand
/// announcement's prefix, the group's label), the brands (id, name, in [`crate::BrandId`]
/// order), and the decline messages (English then Filipino, in the order of
/// [`Decline::ALL`], which [`decline_for`] numbers).
#[wasm_bindgen]
pub fn tables() -> String {
    let mut out = String::new();
    for &code in ErrorCode::ALL {
        record(
            &mut out,
            &[
                code.code(),
                code.error_type().as_str(),
                code.field().map_or("", Field::as_str),
                if code.retryable() { "1" } else { "" },
                message(code, Locale::En),
                message(code, Locale::Fil),
            ],
        );
    }
    out.push(GROUP);
    for locale in [Locale::En, Locale::Fil] {
        let t = texts(locale);
        record(
            &mut out,
            &[
                t.number_label,
                t.expiry_label,
                t.cvc_label,
                t.name_label,
                t.number_placeholder,
                t.expiry_placeholder,
                t.cvc_placeholder,
                t.name_placeholder,
                t.brand_prefix,
                t.group_label,
            ],
        );
    }
    out.push(GROUP);
    for b in &crate::BRANDS {
        record(&mut out, &[b.id_str(), b.name]);
    }
    out.push(GROUP);
    for locale in [Locale::En, Locale::Fil] {
        record(&mut out, &Decline::ALL.map(|d| d.message(locale)));
    }
    out
}

/// The code of what is wrong with a public key (a secret key included), or 0.
#[wasm_bindgen(js_name = keyError)]
pub fn key_error(key: &str) -> u32 {
    parse_public_key(key).err().map_or(0, code_index)
}

/// The code of what is wrong with sending requests for `key` to `url` from this page (`secure`:
/// the page is a secure context), or 0. Also the check of a 3-D Secure page's URL.
#[wasm_bindgen(js_name = endpointError)]
pub fn endpoint_error(key: &str, url: &str, secure: bool) -> u32 {
    let mode = parse_public_key(key).unwrap_or(KeyMode::Live);
    check_endpoint(mode, url, secure)
        .err()
        .map_or(0, code_index)
}

thread_local! {
    static CARET: Cell<u32> = const { Cell::new(0) };
}

fn shown(f: Formatted) -> String {
    CARET.with(|c| c.set(f.caret as u32));
    f.value
}

/// The caret of the last [`edit`] or [`format`], in UTF-16 units.
#[wasm_bindgen]
pub fn caret() -> u32 {
    CARET.with(Cell::get)
}

/// An edit of the number (`field` 1) or expiry (2) field whose text is `value`, with the
/// selection `start..end`: `kind` 0 inserts `data`, 1 deletes backward, 2 forward. Returns the
/// new text; its caret is then [`caret`].
#[wasm_bindgen]
pub fn edit(field: u8, value: String, start: u32, end: u32, kind: u8, data: String) -> String {
    let edit = match kind {
        0 => Edit::Insert(&data),
        1 => Edit::DeleteBackward,
        _ => Edit::DeleteForward,
    };
    let (start, end) = (start as usize, end as usize);
    shown(if field == 1 {
        crate::edit_number(&value, start, end, edit)
    } else {
        crate::edit_expiry(&value, start, end, edit)
    })
}

/// The text of `field` (1 number, 2 expiry, 3 code) formatted, the caret at `caret`; `brand` is
/// the number's brand (for the code's length), 0 for none. Its caret is then [`caret`].
#[wasm_bindgen]
pub fn format(field: u8, value: String, caret: u32, brand: u32) -> String {
    let caret = caret as usize;
    shown(match field {
        1 => format_number(&value, caret),
        2 => format_expiry(&value, caret),
        _ => {
            let max = crate::BRANDS
                .get((brand as usize).wrapping_sub(1))
                .map_or(4, |b| usize::from(b.cvc_length));
            format_cvc(&value, caret, max)
        }
    })
}

fn pack_field(f: &FieldState) -> u32 {
    let code = |c: Option<ErrorCode>| c.map_or(0, code_index);
    u32::from(f.empty)
        | u32::from(f.complete) << 1
        | u32::from(f.valid) << 2
        | u32::from(f.potentially_valid) << 3
        | code(f.error) << 4
        | code(f.problem) << 10
}

/// The form's state from the fields' texts: `[brand, number, expiry, cvc]`, each field packed as
/// bit 0 `empty`, 1 `complete`, 2 `valid`, 3 `potentiallyValid`, bits 4–9 the error to show,
/// 10–15 the field's problem. `touched` has bit 0 number, 1 expiry, 2 code; `accepted` one bit
/// per [`crate::BrandId`]; `year` and `month` are today's.
#[wasm_bindgen(js_name = formState)]
pub fn form_state(
    number: String,
    expiry: String,
    cvc: String,
    touched: u8,
    accepted: u16,
    year: u16,
    month: u8,
) -> Vec<u32> {
    let accepted = Accepted::from_bits(accepted);
    let touched = Touched {
        number: touched & 1 != 0,
        expiry: touched & 2 != 0,
        cvc: touched & 4 != 0,
    };
    let s = crate::form_state(
        Inputs {
            number: &number,
            expiry: &expiry,
            cvc: &cvc,
        },
        touched,
        accepted,
        YearMonth { year, month },
    );
    vec![
        s.brand.map_or(0, |b| b.id as u32 + 1),
        pack_field(&s.number),
        pack_field(&s.expiry),
        pack_field(&s.cvc),
    ]
}

/// The card number's digits, as PayMongo's `card_number` takes them.
#[wasm_bindgen(js_name = cardNumber)]
pub fn card_number(number: String) -> String {
    crate::read_number(&number).digits.as_str().to_string()
}

/// The security code's digits, as PayMongo's `cvc` takes them.
#[wasm_bindgen(js_name = cardCvc)]
pub fn card_cvc(cvc: String) -> String {
    crate::cvc_digits(&cvc)
}

/// The expiry's month and year (`month | year << 4`), or 0 when it is not a date.
#[wasm_bindgen(js_name = expiryDate)]
pub fn expiry_date(expiry: String, year: u16, month: u8) -> u32 {
    let e = validate_expiry(&expiry, YearMonth { year, month });
    match (e.month, e.year) {
        (Some(m), Some(y)) => u32::from(m) | u32::from(y) << 4,
        _ => 0,
    }
}

/// The error of a failed answer: `status`, and PayMongo's `errors` as records of five values
/// (`code`, `detail`, `source.attribute`, `source.pointer`, `sub_code`; `\x1d` alone when
/// absent or not a string; the view strips separators from the values), or `undefined` when
/// the body was not that envelope. Packed: bits 0–5 the code, 6–8 the field, from bit 9 the
/// deciding error's index plus one.
#[wasm_bindgen(js_name = failureFor)]
pub fn failure_for(status: u16, errors: Option<String>) -> u32 {
    let items: Option<Vec<ApiErrorItem<'_>>> = errors.as_deref().map(|e| {
        e.split_terminator(RECORD)
            .map(|r| {
                let mut v = r.split(UNIT);
                let mut next = || v.next().filter(|v| !matches!(v.as_bytes(), [0x1d]));
                ApiErrorItem {
                    code: next().unwrap_or(""),
                    detail: next().unwrap_or(""),
                    attribute: next(),
                    pointer: next(),
                    sub_code: next(),
                }
            })
            .collect()
    });
    let failure = crate::failure_for(status, items.as_deref());
    // Which error decided: the one whose codes the failure kept (the view copies them).
    let kept = (failure.api_code.as_deref(), failure.sub_code.as_deref());
    let decided = items
        .as_ref()
        .filter(|_| kept != (None, None))
        .and_then(|items| {
            items
                .iter()
                .position(|i| (Some(i.code).filter(|c| !c.is_empty()), i.sub_code) == kept)
        });
    code_index(failure.code)
        | field_index(failure.field) << 6
        | decided.map_or(0, |i| i as u32 + 1) << 9
}

/// The code of a payment that failed with PayMongo's `failed_code` (a decline, or 3-D Secure
/// not completed), and from bit 6 which of the decline messages of [`tables`] it shows (a
/// [`Decline`]).
#[wasm_bindgen(js_name = declineFor)]
pub fn decline_for(failed_code: &str) -> u32 {
    code_index(crate::decline_for(failed_code, None).code) | (Decline::of(failed_code) as u32) << 6
}

/// The length of the Payment Intent id that starts a client key (`pi_…_client_…`), or 0 when
/// it is not one.
#[wasm_bindgen(js_name = intentIdLength)]
pub fn intent_id_length(client_key: &str) -> u32 {
    crate::intent_id_of_client_key(client_key).map_or(0, |id| id.len() as u32)
}

/// Whether `id` is a payment-method id (`pm_…`).
#[wasm_bindgen(js_name = isPaymentMethodId)]
pub fn is_payment_method_id(id: &str) -> bool {
    crate::is_payment_method_id(id)
}
