//! The JS side of the browser layer's data: results out as plain objects (serde-wasm-bindgen),
//! answers in through the browser's JSON parser read as [`Json`], the merchant's own objects
//! passed through untouched, errors thrown to the merchant, today's month, random ids and the
//! window.

use js_sys::{Array, Reflect};
use serde::{Serialize, Serializer};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Window;

use crate::wire::{Envelope, Json};
use crate::{ErrorCode, YearMonth};

/// `value` as a plain JS object, JSON's way: `None` is `null` (the report types leave out
/// their optional keys instead, so only `brand` is ever `null`).
pub fn to_js(value: &impl Serialize) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    // The report types are plain structs of strings, numbers and booleans: this cannot fail.
    value.serialize(&serializer).unwrap_or(JsValue::UNDEFINED)
}

/// The body of a request with `attributes`, PayMongo's `{"data":{"attributes":…}}`, as JSON
/// text: a JS string, the one string the card's request is (the objects it was built from are
/// garbage once it exists). The attributes become a JS object first, so one envelope type
/// serves every request (its serializer is in the wasm once, not once per request type).
pub fn request_body(attributes: &impl Serialize) -> Option<JsValue> {
    let envelope = Envelope::of(JsObject(to_js(attributes)));
    js_sys::JSON::stringify(&to_js(&envelope))
        .ok()
        .map(JsValue::from)
}

/// A merchant's JS object (billing, metadata, a payment method result), serialized as itself.
pub struct JsObject(pub JsValue);

impl Serialize for JsObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&self.0, s)
    }
}

/// A parsed JSON value of an answer.
pub struct Parsed(JsValue);

impl Parsed {
    /// A parsed answer, when it is an object (an API answer always is).
    pub fn object(value: JsValue) -> Option<Parsed> {
        value.is_object().then_some(Parsed(value))
    }
}

impl Json for Parsed {
    fn get(&self, key: &str) -> Option<Parsed> {
        if !self.0.is_object() {
            return None;
        }
        let v = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!v.is_undefined()).then_some(Parsed(v))
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Parsed>> {
        let array = self.0.dyn_ref::<Array>()?;
        Some(array.iter().map(Parsed).collect())
    }
}

/// The `SealCardError` thrown to the merchant for a configuration problem: an `Error` with
/// `type`, `code` and `retryable`; its message is `detail` (naming the option) or the code's.
pub fn config_error(code: ErrorCode, detail: Option<&str>) -> JsValue {
    /// What a `SealCardError` carries besides its name and message.
    #[derive(Serialize)]
    struct Fields {
        #[serde(rename = "type")]
        kind: &'static str,
        code: &'static str,
        retryable: bool,
    }
    let error = js_sys::Error::new(detail.unwrap_or_else(|| code.message()));
    error.set_name("SealCardError");
    let fields = to_js(&Fields {
        kind: code.error_type().as_str(),
        code: code.code(),
        retryable: false,
    });
    js_sys::Object::assign(&error, fields.unchecked_ref());
    error.into()
}

/// Today's month, from the browser's clock.
pub fn today() -> YearMonth {
    let now = js_sys::Date::new_0();
    YearMonth {
        year: now.get_full_year() as u16,
        month: now.get_month() as u8 + 1,
    }
}

/// A fresh `Idempotency-Key`: a random UUID from the browser's CSPRNG (`crypto.randomUUID`).
/// `None` outside a secure context, where browsers do not offer it — a plain `http:` page,
/// which only a test key may use: the request then goes without a key.
pub fn random_id() -> Option<String> {
    let window = window();
    if !window.is_secure_context() {
        return None;
    }
    Some(window.crypto().ok()?.random_uuid())
}

#[wasm_bindgen]
extern "C" {
    /// The global object of the fields' realm: the fields frame's window, or in inline mode the
    /// merchant page's (the fields run in a window, never in a worker).
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL: Window;
}

/// The window the fields run in.
pub fn window() -> Window {
    GLOBAL.with(Window::clone)
}
