//! The browser layer: the card field mounted into a page (inline mode), or into the fields
//! frame (isolated mode, where the frame's glue adds the message bridge).
//!
//! The only code that imports wasm-bindgen, web-sys, js-sys, gloo-net and
//! wasm-bindgen-futures. It converts, wires events and does I/O; validation, formatting, error
//! mapping and messages come from the pure core.

mod dom;
mod field;
mod net;
mod options;
mod pay;

use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::{ErrorCode, Field};
use field::{EventKind, Inner};
use options::OptionError;

/// A mounted card field. Methods after `destroy()` do nothing (and `createPaymentMethod`
/// resolves an error).
#[wasm_bindgen]
pub struct CardField {
    inner: Rc<Inner>,
}

fn resolve_target(target: &JsValue) -> Result<Element, OptionError> {
    let err = OptionError {
        code: ErrorCode::InvalidOption,
        detail: Some("mount target must be an element or a selector that matches one"),
    };
    if let Some(el) = target.dyn_ref::<Element>() {
        return Ok(el.clone());
    }
    let selector = target.as_string().ok_or_else(|| err.clone())?;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .ok_or(err)
}

/// Checks a configuration (`{ publicKey, apiBase?, locale?, acceptedBrands?, timeout?,
/// messages? }`) without mounting: `null` when it is good, else the error object.
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(config: JsValue) -> JsValue {
    match options::read_config(&config, is_secure_page()) {
        Ok(_) => JsValue::NULL,
        Err(e) => e.to_js(crate::Locale::En),
    }
}

fn is_secure_page() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// Mounts the card fields into `target` (an element or a selector). Throws a `SealCardError`
/// (`type: 'configuration_error'`, with a `code`) for a bad key, endpoint or option.
#[wasm_bindgen(js_name = mountCardField)]
pub fn mount_card_field(
    target: JsValue,
    config: JsValue,
    options: JsValue,
) -> Result<CardField, JsValue> {
    let config =
        options::read_config(&config, is_secure_page()).map_err(|e| e.to_js(crate::Locale::En))?;
    let locale = config.locale;
    let opts = options::read_mount_options(&options).map_err(|e| e.to_js(locale))?;
    let target = resolve_target(&target).map_err(|e| e.to_js(locale))?;
    let inner = Inner::mount(&target, config, opts)?;
    // `ready` fires after the caller's current task, so listeners added right after mount()
    // hear it.
    let weak = Rc::downgrade(&inner);
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(inner) = weak.upgrade() {
            if !inner.ui.borrow().destroyed {
                inner.emit(EventKind::Ready, &js_sys::Object::new().into());
            }
        }
    });
    Ok(CardField { inner })
}

impl Clone for OptionError {
    fn clone(&self) -> Self {
        OptionError {
            code: self.code,
            detail: self.detail,
        }
    }
}

fn event_kind(name: &str) -> Result<EventKind, JsValue> {
    EventKind::parse(name).ok_or_else(|| {
        js_sys::TypeError::new(
            "sealcard: unknown event; use ready, change, focus, blur, submit or loaderror",
        )
        .into()
    })
}

#[wasm_bindgen]
impl CardField {
    /// Adds a listener: `ready`, `change`, `focus`, `blur`, `submit`, `loaderror`.
    pub fn on(&self, event: &str, listener: Function) -> Result<(), JsValue> {
        self.inner.on(event_kind(event)?, listener);
        Ok(())
    }

    /// Removes a listener added with `on`.
    pub fn off(&self, event: &str, listener: Function) -> Result<(), JsValue> {
        self.inner.off(event_kind(event)?, &listener);
        Ok(())
    }

    /// Focuses a field: `number` (default), `expiry`, `cvc` or `name`.
    pub fn focus(&self, field: Option<String>) -> Result<(), JsValue> {
        let field = match field.as_deref() {
            None | Some("number") => Field::Number,
            Some("expiry") => Field::Expiry,
            Some("cvc") => Field::Cvc,
            Some("name") => Field::Name,
            Some(_) => {
                return Err(js_sys::TypeError::new(
                    "sealcard: focus() takes number, expiry, cvc or name",
                )
                .into())
            }
        };
        if let Some(nodes) = self.inner.nodes(field) {
            nodes.input.focus()?;
        }
        Ok(())
    }

    /// Empties every field.
    pub fn clear(&self) {
        self.inner.clear();
    }

    /// Changes `style`, `labels`, `placeholders`, `locale` or `messages`.
    pub fn update(&self, options: JsValue) -> Result<(), JsValue> {
        let locale = self.inner.locale();
        let new = options::read_mount_options(&options).map_err(|e| e.to_js(locale))?;
        {
            let mut opts = self.inner.opts.borrow_mut();
            let given = |key: &str| !crate::jsobj::get(&options, key).is_undefined();
            if given("style") {
                opts.style = new.style;
            }
            if given("labels") {
                opts.labels = new.labels;
            }
            if given("placeholders") {
                opts.placeholders = new.placeholders;
            }
            if given("locale") {
                opts.locale = new.locale;
            }
            if given("messages") {
                opts.messages = new.messages;
            }
        }
        self.inner.apply_options();
        // Re-render (texts of errors may have changed) and tell listeners.
        self.inner.ui.borrow_mut().last = None;
        self.inner.refresh();
        Ok(())
    }

    /// Removes the fields, their listeners and their stylesheet. Safe to call twice.
    pub fn destroy(&self) {
        self.inner.destroy();
    }

    /// The current state, as the `change` event reports it.
    #[wasm_bindgen(js_name = getState)]
    pub fn get_state(&self) -> JsValue {
        let state = self.inner.compute();
        self.inner.state_js(&state).into()
    }

    /// Tokenizes the card: resolves `{ paymentMethod }` or `{ error }`, never rejects. A call
    /// while one is in flight returns the same promise.
    #[wasm_bindgen(js_name = createPaymentMethod)]
    pub fn create_payment_method(&self, options: JsValue) -> Promise {
        pay::create_payment_method(&self.inner, options, true)
    }

    /// Pays the Payment Intent of `clientKey`: resolves `{ status, paymentIntentId }` or
    /// `{ error }`. Options: `returnUrl`, `paymentMethod` (an existing `pm_…`), `billing`,
    /// `metadata`, and `handleNextAction(url) → Promise` to show 3-D Secure.
    #[wasm_bindgen(js_name = confirmPayment)]
    pub fn confirm_payment(&self, client_key: JsValue, options: JsValue) -> Promise {
        let key = client_key.as_string().unwrap_or_default();
        pay::confirm_payment(&self.inner, key, options)
    }
}
