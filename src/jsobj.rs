//! Small helpers to build and read plain JS objects (wasm32 only). No serde: results are built
//! field by field.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::{message, ErrorCode, Locale};

/// Sets `target[key] = value`.
pub fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property on a plain object we created cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value.into());
}

/// The JS error object `{ type, code, message, field?, retryable }` of a code, with `message`
/// in `locale` unless `text` overrides it.
pub fn error_object(code: ErrorCode, locale: Locale, text: Option<&str>) -> Object {
    let o = Object::new();
    set(&o, "type", code.error_type().as_str());
    set(&o, "code", code.code());
    set(&o, "message", text.unwrap_or_else(|| message(code, locale)));
    if let Some(field) = code.field() {
        set(&o, "field", field.as_str());
    }
    set(&o, "retryable", code.retryable());
    o
}
