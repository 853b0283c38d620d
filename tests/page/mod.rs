//! What the browser test suites of the fields (`web_fields.rs`, `web_pay.rs`) share: reading
//! and building plain JS objects, and inputs in the test page.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;

/// `v[path[0]][path[1]]…`, `undefined` where a key is missing.
pub fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |at, key| {
        Reflect::get(&at, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

/// The string at `path`, if it is one.
pub fn text(v: &JsValue, path: &[&str]) -> Option<String> {
    get(v, path).as_string()
}

/// A plain object of `pairs`.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

/// A new text input in the page.
pub fn new_input() -> HtmlInputElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let input: HtmlInputElement = document.create_element("input").unwrap().unchecked_into();
    document.body().unwrap().append_child(&input).unwrap();
    input
}
