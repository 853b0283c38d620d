//! The `sealcard/validate` JS module: the core's validators through wasm-bindgen.
//!
//! The keystroke path crosses the boundary with numbers, not objects: each validator returns
//! its verdict packed in a `u32`, and the module's JS entry (`js/validate/api.js`) unpacks it
//! into the documented object, with the brand ids and error objects it read once at start-up
//! (`brands()`, `errors()`). Building a JS object field by field from wasm costs a string
//! conversion and a `Reflect.set` per field — several times the validation itself.
//!
//! Packing: bit 0 `valid`, bit 1 `potentiallyValid`, bits 2–7 the error (its index in
//! [`ErrorCode::ALL`] + 1; 0 for none), and from bit 8 what the validator adds: the brand
//! (index in [`BRANDS`] + 1; 0 for none) or the month (bits 8–11) and year (bits 12–25).

use std::cell::Cell;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::{BrandId, ErrorCode, YearMonth, BRANDS};

/// Sets `target[key] = value`.
fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property on a plain object we created cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), &value.into());
}

/// The error object `{ type, code, message, field?, retryable }` of a code, in English.
fn error_object(code: ErrorCode) -> Object {
    let o = Object::new();
    set(&o, "type", code.error_type().as_str());
    set(&o, "code", code.code());
    set(&o, "message", code.message());
    if let Some(field) = code.field() {
        set(&o, "field", field.as_str());
    }
    set(&o, "retryable", code.retryable());
    o
}

/// The two flags and the error of a verdict, packed.
fn pack(valid: bool, potentially_valid: bool, error: Option<ErrorCode>) -> u32 {
    let error = error.map_or(0, |code| code.index() as u32 + 1);
    u32::from(valid) | u32::from(potentially_valid) << 1 | error << 2
}

/// `validateNumber(value)`, packed; the brand from bit 8.
#[wasm_bindgen(js_name = validateNumber)]
pub fn validate_number_packed(value: &str) -> u32 {
    let v = crate::validate_number(value);
    let brand = v.brand.map_or(0, |b| b.id as u32 + 1);
    pack(v.valid, v.potentially_valid, v.error) | brand << 8
}

/// `validateExpiry(value, year, month)`, packed; month and year from bit 8 once both are known.
#[wasm_bindgen(js_name = validateExpiry)]
pub fn validate_expiry_packed(value: &str, year: u16, month: u8) -> u32 {
    let v = crate::validate_expiry(value, YearMonth { year, month });
    let date = match (v.month, v.year) {
        (Some(m), Some(y)) => u32::from(m) << 8 | u32::from(y) << 12,
        _ => 0,
    };
    pack(v.valid, v.potentially_valid, v.error) | date
}

/// `validateCvc(value, brand?)`, packed; an unknown brand id is treated as no brand (the JS
/// entry rejects unknown ids before calling).
#[wasm_bindgen(js_name = validateCvc)]
pub fn validate_cvc_packed(value: &str, brand: Option<String>) -> u32 {
    let brand = brand
        .as_deref()
        .and_then(BrandId::parse)
        .map(BrandId::brand);
    let v = crate::validate_cvc(value, brand);
    pack(v.valid, v.potentially_valid, v.error)
}

thread_local! {
    static CARET: Cell<u32> = const { Cell::new(0) };
}

/// `formatNumber(value, caret)`'s value; its caret is then `formatCaret()`.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number_value(value: &str, caret: u32) -> String {
    let f = crate::format_number(value, caret as usize);
    CARET.with(|c| c.set(f.caret as u32));
    f.value
}

/// The caret of the last `formatNumber`.
#[wasm_bindgen(js_name = formatCaret)]
pub fn format_caret() -> u32 {
    CARET.with(Cell::get)
}

/// `errors()` → the error object of every code, in the order of [`ErrorCode::ALL`].
#[wasm_bindgen]
pub fn errors() -> Array {
    ErrorCode::ALL
        .iter()
        .map(|&code| JsValue::from(error_object(code)))
        .collect()
}

fn numbers(values: &[u8]) -> Array {
    values.iter().map(|&v| JsValue::from(v)).collect()
}

/// `brands()` → `[{ id, name, lengths, gaps, cvcLength, cvcName, luhn }]`, in detection order
/// (the order of the packed brand indexes).
#[wasm_bindgen]
pub fn brands() -> Array {
    BRANDS
        .iter()
        .map(|b| {
            let o = Object::new();
            set(&o, "id", b.id_str());
            set(&o, "name", b.name);
            set(&o, "lengths", numbers(b.lengths));
            set(&o, "gaps", numbers(b.gaps));
            set(&o, "cvcLength", b.cvc_length);
            set(&o, "cvcName", b.cvc_name);
            set(&o, "luhn", b.luhn);
            JsValue::from(o)
        })
        .collect()
}
