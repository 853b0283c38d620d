//! Building the fields' DOM and their stylesheet. No `innerHTML`: every node is created and
//! every text set as text.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

use crate::jsobj::get;

/// The base stylesheet. Every look is a CSS custom property the `style` option can set.
pub const CSS: &str = "\
.sealcard{font-family:var(--sealcard-font-family,inherit);font-size:var(--sealcard-font-size,16px);\
font-weight:var(--sealcard-font-weight,400);color:var(--sealcard-color,#1a1f36)}\
.sealcard-field{display:flex;flex-direction:column;margin-bottom:var(--sealcard-spacing,12px);min-width:0}\
.sealcard-row{display:flex;gap:var(--sealcard-spacing,12px)}.sealcard-row>.sealcard-field{flex:1 1 0}\
.sealcard label{font-size:.875em;margin-bottom:4px;color:var(--sealcard-label-color,#30313d)}\
.sealcard-wrap{position:relative}\
.sealcard input{font:inherit;color:inherit;width:100%;box-sizing:border-box;margin:0;\
padding:var(--sealcard-padding,10px 12px);background:var(--sealcard-background,#fff);\
border:1px solid var(--sealcard-border-color,#767a85);border-radius:var(--sealcard-border-radius,6px)}\
.sealcard-number input{padding-right:7em}\
.sealcard input::placeholder{color:var(--sealcard-placeholder-color,#6b6f7b);opacity:1}\
.sealcard input:focus{outline:2px solid var(--sealcard-focus-color,#0a5cc2);outline-offset:1px}\
.sealcard input[aria-invalid=true]{border-color:var(--sealcard-error-color,#c0262d)}\
.sealcard-brand{position:absolute;right:12px;top:50%;transform:translateY(-50%);font-size:.75em;\
color:var(--sealcard-label-color,#30313d);pointer-events:none}\
.sealcard-error{color:var(--sealcard-error-color,#c0262d);font-size:.875em;min-height:1.25em;margin-top:4px}\
.sealcard-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;\
clip:rect(0 0 0 0);white-space:nowrap;border:0}";

// DOM calls that cannot fail with this module's fixed arguments (valid tag, attribute and class
// names; fresh nodes into our own elements), bound without web-sys's `catch`: no error path to
// carry through every step of building the fields.
#[wasm_bindgen]
extern "C" {
    /// A DOM node, as these calls see it.
    type Dom;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create_element(this: &Dom, tag: &str) -> HtmlElement;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute(this: &Dom, name: &str, value: &str);
    #[wasm_bindgen(method)]
    fn append(this: &Dom, child: &Dom);
    #[wasm_bindgen(method, getter, js_name = classList)]
    fn class_list(this: &Dom) -> Dom;
    #[wasm_bindgen(method)]
    fn toggle(this: &Dom, token: &str, force: bool) -> bool;
    #[wasm_bindgen(method, js_name = focus)]
    fn focus_it(this: &Dom);
    #[wasm_bindgen(method, getter, js_name = selectionStart)]
    fn selection_start(this: &Dom) -> Option<u32>;
    #[wasm_bindgen(method, getter, js_name = selectionEnd)]
    fn selection_end(this: &Dom) -> Option<u32>;
    #[wasm_bindgen(method, js_name = setSelectionRange)]
    fn set_selection_range(this: &Dom, start: u32, end: u32);
}

/// `doc.createElement(tag)`.
fn make(doc: &Document, tag: &str) -> HtmlElement {
    doc.unchecked_ref::<Dom>().create_element(tag)
}

/// `el.setAttribute(name, value)`.
pub fn set_attr(el: &Element, name: &str, value: &str) {
    el.unchecked_ref::<Dom>().set_attribute(name, value);
}

/// `parent.append(child)`.
pub fn add(parent: &Element, child: &Element) {
    parent.unchecked_ref::<Dom>().append(child.unchecked_ref());
}

/// `el.classList.toggle(class, on)`.
pub fn toggle_class(el: &Element, class: &str, on: bool) {
    el.unchecked_ref::<Dom>().class_list().toggle(class, on);
}

/// `el.focus()`.
pub fn focus(el: &HtmlElement) {
    el.unchecked_ref::<Dom>().focus_it();
}

/// The selection of a text input, in UTF-16 units: `(selectionStart, selectionEnd)`.
pub fn selection(input: &HtmlInputElement) -> (Option<u32>, Option<u32>) {
    let dom = input.unchecked_ref::<Dom>();
    (dom.selection_start(), dom.selection_end())
}

/// `input.setSelectionRange(at, at)`: the caret at `at`.
pub fn set_caret(input: &HtmlInputElement, at: u32) {
    input.unchecked_ref::<Dom>().set_selection_range(at, at);
}

/// Creates an element with a class.
pub fn element(doc: &Document, tag: &str, class: &str) -> HtmlElement {
    let el = make(doc, tag);
    el.set_class_name(class);
    el
}

/// Sets attributes on an element.
pub fn attrs(el: &Element, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        set_attr(el, k, v);
    }
}

/// The nodes of one field: label, input and error text.
pub struct FieldNodes {
    pub wrap: HtmlElement,
    pub label: HtmlElement,
    pub input: HtmlInputElement,
    pub error: HtmlElement,
}

/// Builds one field: `<div class="sealcard-field sealcard-{name}"><label for>…<input>…<div
/// id="…-error">`. `autocomplete` is the standard token; `numeric` sets `inputmode`.
pub fn field(
    doc: &Document,
    id_prefix: &str,
    name: &str,
    autocomplete: &str,
    numeric: bool,
) -> FieldNodes {
    let wrap = element(doc, "div", &["sealcard-field sealcard-", name].concat());
    let input_id = [id_prefix, "-", name].concat();
    let error_id = [id_prefix, "-", name, "-error"].concat();
    let label = element(doc, "label", "");
    set_attr(&label, "for", &input_id);
    let input: HtmlInputElement = make(doc, "input").unchecked_into();
    input.set_type("text");
    input.set_id(&input_id);
    attrs(
        &input,
        &[
            ("autocomplete", autocomplete),
            ("autocorrect", "off"),
            ("autocapitalize", "off"),
            ("spellcheck", "false"),
            ("aria-invalid", "false"),
            ("aria-describedby", &error_id),
        ],
    );
    if numeric {
        set_attr(&input, "inputmode", "numeric");
    }
    let error = element(doc, "div", "sealcard-error");
    error.set_id(&error_id);
    add(&wrap, &label);
    let inner = element(doc, "div", "sealcard-wrap");
    add(&inner, &input);
    add(&wrap, &inner);
    add(&wrap, &error);
    FieldNodes {
        wrap,
        label,
        input,
        error,
    }
}

/// Adds the stylesheet to the document: a constructed stylesheet where supported (allowed by a
/// strict CSP), else a `<style>` element. Returns what to remove on destroy.
pub fn add_stylesheet(doc: &Document) -> Result<JsValue, JsValue> {
    let adopted = get(doc, "adoptedStyleSheets");
    if js_sys::Array::is_array(&adopted) {
        let sheet = web_sys::CssStyleSheet::new()?;
        sheet.replace_sync(CSS)?;
        let list = js_sys::Array::from(&adopted);
        list.push(&sheet);
        js_sys::Reflect::set(doc, &JsValue::from_str("adoptedStyleSheets"), &list)?;
        return Ok(sheet.into());
    }
    let style = element(doc, "style", "");
    style.set_text_content(Some(CSS));
    if let Some(head) = doc.head() {
        add(&head, &style);
    }
    Ok(style.into())
}

/// Removes what [`add_stylesheet`] added.
pub fn remove_stylesheet(doc: &Document, added: &JsValue) {
    if let Some(el) = added.dyn_ref::<Element>() {
        el.remove();
        return;
    }
    let adopted = get(doc, "adoptedStyleSheets");
    if js_sys::Array::is_array(&adopted) {
        let kept: js_sys::Array = js_sys::Array::from(&adopted)
            .iter()
            .filter(|s| s != added)
            .collect();
        let _ = js_sys::Reflect::set(doc, &JsValue::from_str("adoptedStyleSheets"), &kept);
    }
}
