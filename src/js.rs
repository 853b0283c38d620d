//! The `sealcard/validate` JS module: the core's validators through wasm-bindgen.
//!
//! Results are plain JS objects built field by field (no serde in this module). Argument
//! checking, the default `today` and freezing happen in the module's JS entry.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::jsobj::set;
use crate::{BrandId, ErrorCode, Locale, YearMonth, BRANDS};

fn error_object(code: ErrorCode) -> Object {
    crate::jsobj::error_object(code, Locale::En, None)
}

fn verdict(valid: bool, potentially_valid: bool, error: Option<ErrorCode>) -> Object {
    let o = Object::new();
    set(&o, "valid", valid);
    set(&o, "potentiallyValid", potentially_valid);
    if let Some(code) = error {
        set(&o, "error", error_object(code));
    }
    o
}

/// `validateNumber(value)` → `{ brand, valid, potentiallyValid, error? }`.
#[wasm_bindgen(js_name = validateNumber)]
pub fn validate_number(value: &str) -> Object {
    let v = crate::validate_number(value);
    let o = Object::new();
    set(
        &o,
        "brand",
        v.brand.map_or(JsValue::NULL, |b| b.id_str().into()),
    );
    set(&o, "valid", v.valid);
    set(&o, "potentiallyValid", v.potentially_valid);
    if let Some(code) = v.error {
        set(&o, "error", error_object(code));
    }
    o
}

/// `validateExpiry(value, year, month)` → `{ valid, potentiallyValid, month?, year?, error? }`.
#[wasm_bindgen(js_name = validateExpiry)]
pub fn validate_expiry(value: &str, year: u16, month: u8) -> Object {
    let v = crate::validate_expiry(value, YearMonth { year, month });
    let o = verdict(v.valid, v.potentially_valid, v.error);
    if let (Some(m), Some(y)) = (v.month, v.year) {
        set(&o, "month", m);
        set(&o, "year", y);
    }
    o
}

/// `validateCvc(value, brand?)` → `{ valid, potentiallyValid, error? }`; an unknown brand id
/// is treated as no brand (the JS entry rejects unknown ids before calling).
#[wasm_bindgen(js_name = validateCvc)]
pub fn validate_cvc(value: &str, brand: Option<String>) -> Object {
    let brand = brand
        .as_deref()
        .and_then(BrandId::parse)
        .map(BrandId::brand);
    let v = crate::validate_cvc(value, brand);
    verdict(v.valid, v.potentially_valid, v.error)
}

/// `formatNumber(value, caret)` → `{ value, caret }`.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: &str, caret: u32) -> Object {
    let f = crate::format_number(value, caret as usize);
    let o = Object::new();
    set(&o, "value", f.value.as_str());
    set(&o, "caret", f.caret as u32);
    o
}

fn numbers(values: &[u8]) -> Array {
    values.iter().map(|&v| JsValue::from(v)).collect()
}

/// `brands()` → `[{ id, name, lengths, gaps, cvcLength, cvcName, luhn }]`, in detection order.
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
