//! The card field's engine: what the fields' view (`js/frame/field.js`) asks the core. The view
//! owns the DOM, the events and the requests; every decision about card data is made here —
//! what a keystroke, paste or delete does to the text and the caret, each field's verdict and
//! which error shows, the card details of the tokenization request, what an API answer means,
//! and which keys, endpoints and 3-D Secure URLs are allowed.
//!
//! Answers cross the boundary as numbers where they are small (the same packing as
//! [`crate::js`]), so that no object is built field by field in wasm on the keystroke path.
//! Codes are indexes into [`ErrorCode::ALL`] plus one (0 for none); brands are [`BrandId`]s
//! plus one; fields are 1 number, 2 expiry, 3 security code, 4 name.
//!
//! Card text arrives as owned `String`s: the allocator zeroes every block it takes back, so
//! neither the copies made here nor the strings returned to JS stay in wasm memory.

use std::cell::Cell;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::jsobj::{error_object, set};
use crate::{
    check_endpoint, cvc_digits, format_cvc, format_expiry, format_number, parse_public_key,
    read_number, texts, validate_expiry, Accepted, ApiErrorItem, Edit, ErrorCode, Field,
    FieldState, Formatted, Inputs, KeyMode, Locale, Touched, YearMonth,
};

fn locale(index: u8) -> Locale {
    if index == 1 {
        Locale::Fil
    } else {
        Locale::En
    }
}

fn code_index(code: ErrorCode) -> u32 {
    ErrorCode::ALL
        .iter()
        .position(|&c| c == code)
        .map_or(0, |i| i as u32 + 1)
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

/// `errorTable(locale)` → the error object `{ type, code, message, field?, retryable }` of
/// every code in `locale` (0 English, 1 Filipino), in the order of [`ErrorCode::ALL`].
#[wasm_bindgen(js_name = errorTable)]
pub fn error_table(locale_index: u8) -> Array {
    let locale = locale(locale_index);
    ErrorCode::ALL
        .iter()
        .map(|&code| JsValue::from(error_object(code, locale, None)))
        .collect()
}

/// `textTable(locale)` → the fields' words: labels of number, expiry, code and name, their
/// placeholders in the same order, the brand announcement's prefix and the group's label.
#[wasm_bindgen(js_name = textTable)]
pub fn text_table(locale_index: u8) -> Array {
    let t = texts(locale(locale_index));
    [
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
    ]
    .into_iter()
    .map(JsValue::from)
    .collect()
}

/// `brandTable()` → `[id, name, ...]` of every brand, in [`BrandId`] order.
#[wasm_bindgen(js_name = brandTable)]
pub fn brand_table() -> Array {
    crate::BRANDS
        .iter()
        .flat_map(|b| [JsValue::from(b.id_str()), JsValue::from(b.name)])
        .collect()
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
/// per [`BrandId`]; `year` and `month` are today's.
#[wasm_bindgen(js_name = formState)]
pub fn form_state(
    number: String,
    expiry: String,
    cvc: String,
    touched: u8,
    accepted: u32,
    year: u16,
    month: u8,
) -> Vec<u32> {
    let accepted = Accepted::of(
        crate::BRANDS
            .iter()
            .map(|b| b.id)
            .filter(|&id| accepted & (1 << id as u32) != 0),
    );
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

/// PayMongo's card `details` (`{ card_number, exp_month, exp_year, cvc }`) from the fields'
/// texts, or `undefined` when the expiry is not a date.
#[wasm_bindgen(js_name = cardDetails)]
pub fn card_details(number: String, expiry: String, cvc: String, year: u16, month: u8) -> JsValue {
    let expiry = validate_expiry(&expiry, YearMonth { year, month });
    let (Some(m), Some(y)) = (expiry.month, expiry.year) else {
        return JsValue::UNDEFINED;
    };
    let details = Object::new();
    set(
        &details,
        "card_number",
        read_number(&number).digits.as_str(),
    );
    set(&details, "exp_month", m);
    set(&details, "exp_year", y);
    set(&details, "cvc", cvc_digits(&cvc).as_str());
    details.into()
}

/// The error of a failed answer: `status`, and PayMongo's `errors` flattened five values per
/// error (`code`, `detail`, `source.attribute`, `source.pointer`, `sub_code`; a non-string is
/// absent), or `undefined` when the body was not that envelope. Packed: bits 0–5 the code,
/// 6–8 the field, from bit 9 the deciding error's index plus one.
#[wasm_bindgen(js_name = failureFor)]
pub fn failure_for(status: u16, errors: Option<Box<[JsValue]>>) -> u32 {
    let strings: Option<Vec<Option<String>>> =
        errors.map(|e| e.iter().map(JsValue::as_string).collect());
    let items: Option<Vec<ApiErrorItem<'_>>> = strings.as_ref().map(|s| {
        s.chunks_exact(5)
            .map(|c| ApiErrorItem {
                code: c[0].as_deref().unwrap_or(""),
                detail: c[1].as_deref().unwrap_or(""),
                attribute: c[2].as_deref(),
                pointer: c[3].as_deref(),
                sub_code: c[4].as_deref(),
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

/// The code of a payment that failed with PayMongo's `failed_code`: a decline, or 3-D Secure
/// not completed.
#[wasm_bindgen(js_name = declineFor)]
pub fn decline_for(failed_code: &str) -> u32 {
    code_index(crate::decline_for(failed_code, None).code)
}

/// The message of a decline with PayMongo's `failed_code`, in `locale`.
#[wasm_bindgen(js_name = declineMessage)]
pub fn decline_message(failed_code: &str, locale_index: u8) -> String {
    crate::decline_message(failed_code, locale(locale_index)).to_string()
}

/// The Payment Intent id of a client key (`pi_…_client_…`), or `undefined`.
#[wasm_bindgen(js_name = intentIdOf)]
pub fn intent_id_of(client_key: &str) -> Option<String> {
    crate::intent_id_of_client_key(client_key).map(str::to_string)
}

/// Whether `id` is a payment-method id (`pm_…`).
#[wasm_bindgen(js_name = isPaymentMethodId)]
pub fn is_payment_method_id(id: &str) -> bool {
    crate::is_payment_method_id(id)
}
