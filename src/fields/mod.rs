//! The card fields' browser layer: the only code of the crate that touches the browser, and the
//! whole card path — it reads and writes the card inputs (web-sys), validates and formats
//! through the core, builds PayMongo's request from the core's wire types, sends it with
//! gloo-net, and hands results to the page as plain objects (serde-wasm-bindgen).
//!
//! Its view (`js/frame/fields-view.js`) builds the DOM and the stylesheet, listens, forwards
//! each event here and renders the [`Update`] it gets back; the fields frame adds the message
//! bridge (`js/frame/frame.js`). One edit is one call: [`Fields::edit`] reads the input's text
//! and selection, applies the edit, writes the new text and caret, and returns the new state.
//!
//! The card number, expiry and security code are never a return value of an export: they are
//! read from the inputs, turned into one JSON string for the one request, and the copies made
//! in wasm memory are zeroed when freed (the allocator, `src/alloc.rs`).

mod config;
mod inputs;
mod js;
mod pay;
mod transport;

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;

use js_sys::{Function, Promise};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;

pub use config::check_config;
use config::Config;

use crate::{
    edit_cvc, edit_expiry, edit_number, form_state, format_cvc, format_expiry, format_number,
    texts, validate_number, BrandId, Edit, ErrorCode, Field, FieldState, FormState, Messages,
    StateReport, Touched,
};
use inputs::Inputs;
use js::{to_js, today};

/// A field of the card form.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldId {
    /// The card number.
    Number,
    /// The expiry date.
    Expiry,
    /// The security code.
    Cvc,
    /// The cardholder's name (when shown).
    Name,
}

impl FieldId {
    fn field(self) -> Field {
        match self {
            FieldId::Number => Field::Number,
            FieldId::Expiry => Field::Expiry,
            FieldId::Cvc => Field::Cvc,
            FieldId::Name => Field::Name,
        }
    }
}

/// What an edit does to a field's text: the DOM's `beforeinput` input types, grouped.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// Typing, pasting, dropping or an IME inserting text over the selection.
    Insert,
    /// Backspace, cut, drag away: the selection or what is before the caret.
    DeleteBackward,
    /// Delete: the selection or what is after the caret.
    DeleteForward,
}

/// What the view renders after an event: the `change` state and how to show it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Update<'a> {
    /// The state, as the `change` event reports it.
    state: StateReport<'a>,
    /// Whether it differs from the state last reported (then the view emits `change`).
    changed: bool,
    /// The brand's name for the badge, `null` while none is known.
    brand_name: Option<&'static str>,
    /// What a screen reader should hear now: a new error, or a newly known brand.
    #[serde(skip_serializing_if = "Option::is_none")]
    announcement: Option<String>,
    /// The field is complete and the caret at its end: focus moves to the next field.
    advance: bool,
}

/// What a state report shows, besides its words: equal for equal reports, so telling a change
/// needs no report kept or compared. (The words change only through `setOptions`, which
/// forgets the last report.)
#[derive(Clone, Copy, PartialEq)]
struct Shown {
    empty: bool,
    complete: bool,
    brand: Option<BrandId>,
    number: FieldState,
    expiry: FieldState,
    cvc: FieldState,
}

impl Shown {
    fn of(state: &FormState) -> Shown {
        // A field's problem shows only as its error.
        let field = |f: &FieldState| FieldState {
            problem: None,
            ..*f
        };
        Shown {
            empty: state.empty,
            complete: state.complete,
            brand: state.brand.map(|b| b.id),
            number: field(&state.number),
            expiry: field(&state.expiry),
            cvc: field(&state.cvc),
        }
    }
}

/// What the fields remember between events.
#[derive(Default)]
struct Ui {
    touched: Touched,
    /// An error PayMongo gave for a field, until the shopper edits that field.
    api_error: Option<(Field, ErrorCode)>,
    /// Bumped by every edit: an `Idempotency-Key` is reused only for unchanged input.
    generation: u32,
    idempotency: Option<(u32, String)>,
    /// What the last update reported.
    last: Option<Shown>,
    announced_brand: Option<BrandId>,
    announced_error: Option<ErrorCode>,
}

struct Inner {
    config: Config,
    messages: RefCell<Messages>,
    inputs: Inputs,
    ui: RefCell<Ui>,
    /// The view's render function, for updates that come after a request.
    render: Function,
    /// The tokenization in flight: calls while it runs get the same promise.
    inflight: RefCell<Option<Promise>>,
    /// A tokenization succeeded and has yet to empty the fields (it does so in a later task).
    emptying: Cell<bool>,
    destroyed: Cell<bool>,
}

/// The texts of the three card inputs, read once for each event.
struct CardTexts {
    number: String,
    expiry: String,
    cvc: String,
}

impl CardTexts {
    /// The text of `field` (the name has none here).
    fn get_mut(&mut self, field: FieldId) -> Option<&mut String> {
        match field {
            FieldId::Number => Some(&mut self.number),
            FieldId::Expiry => Some(&mut self.expiry),
            FieldId::Cvc => Some(&mut self.cvc),
            FieldId::Name => None,
        }
    }

    /// The security code's length for the brand the number shows (4 while none is known).
    fn cvc_max(&self) -> usize {
        validate_number(&self.number)
            .brand
            .map_or(4, |b| usize::from(b.cvc_length))
    }
}

impl Inner {
    // The state is borrowed here only: a broken borrow (a bug) would trap at one place, and
    // the wasm keeps one location for it rather than one per use.

    /// What the fields remember.
    fn ui(&self) -> Ref<'_, Ui> {
        self.ui.borrow()
    }

    /// What the fields remember, to change it.
    fn ui_mut(&self) -> RefMut<'_, Ui> {
        self.ui.borrow_mut()
    }

    /// The words of the fields.
    fn words(&self) -> Ref<'_, Messages> {
        self.messages.borrow()
    }

    /// The tokenization in flight.
    fn inflight_mut(&self) -> RefMut<'_, Option<Promise>> {
        self.inflight.borrow_mut()
    }

    /// The texts of the card inputs.
    fn texts(&self) -> CardTexts {
        CardTexts {
            number: self.inputs.number.value(),
            expiry: self.inputs.expiry.value(),
            cvc: self.inputs.cvc.value(),
        }
    }

    /// The form's state of `texts`, a standing API error laid over its field.
    fn form_of(&self, texts: &CardTexts) -> FormState {
        let ui = self.ui();
        let state = form_state(
            crate::Inputs {
                number: &texts.number,
                expiry: &texts.expiry,
                cvc: &texts.cvc,
            },
            ui.touched,
            self.config.accepted,
            today(),
        );
        match ui.api_error {
            Some((field, code)) => state.with_api_error(field, code),
            None => state,
        }
    }

    /// The form's state, from the inputs.
    fn form(&self) -> FormState {
        self.form_of(&self.texts())
    }

    /// The [`Update`] that shows `state`, as a JS object; it remembers what it reported and
    /// announced.
    fn update(&self, state: FormState, announce: bool, advance: bool) -> JsValue {
        let messages = self.words();
        let mut ui = self.ui_mut();
        let shown = Some(Shown::of(&state));
        let changed = ui.last != shown;
        ui.last = shown;
        let mut announcement = None;
        if announce {
            let brand = state.brand.map(|b| b.id);
            let error = state.error().map(|(_, code)| code);
            if let Some(code) = error.filter(|&e| Some(e) != ui.announced_error) {
                announcement = Some(messages.text(code).to_string());
            } else if let Some(b) = state.brand.filter(|_| brand != ui.announced_brand) {
                announcement = Some(joined(&[texts(messages.locale()).brand_prefix, b.name]));
            }
            ui.announced_brand = brand;
            ui.announced_error = error;
        }
        to_js(&Update {
            state: StateReport::of(&state, &messages),
            changed,
            brand_name: state.brand.map(|b| b.name),
            announcement,
            advance,
        })
    }

    /// Renders the current state through the view (after a request settled).
    fn render_now(&self) {
        if self.destroyed.get() {
            return;
        }
        let update = self.update(self.form(), true, false);
        // A view that throws changes nothing here.
        let _ = self.render.call1(&JsValue::UNDEFINED, &update);
    }

    /// `field` edited (`Some`: the edit to apply to its text and selection) or changed by the
    /// browser (`None`: its text is formatted in place, the caret kept on its digit); the
    /// input shows the result. Returns the [`Update`].
    fn change(&self, field: FieldId, edit: Option<Edit<'_>>) -> JsValue {
        let mut texts = self.texts();
        let cvc_max = texts.cvc_max();
        // The name is free text: the browser edits it, `input` reports it.
        let (Some(input), Some(old)) = (self.inputs.get(field), texts.get_mut(field)) else {
            return self.after_edit(field, &mut texts, false);
        };
        let (start, end) = inputs::selection(input, old.encode_utf16().count());
        let formatted = match (field, edit) {
            (FieldId::Number, Some(edit)) => edit_number(old, start, end, edit),
            (FieldId::Expiry, Some(edit)) => edit_expiry(old, start, end, edit),
            (_, Some(edit)) => edit_cvc(old, start, end, edit, cvc_max),
            (FieldId::Number, None) => format_number(old, start),
            (FieldId::Expiry, None) => format_expiry(old, start),
            (_, None) => format_cvc(old, start, cvc_max),
        };
        inputs::show(input, old, &formatted.value, formatted.caret);
        *old = formatted.value;
        // Text was added: typed, pasted, or put there by the browser.
        let forward = !matches!(edit, Some(Edit::DeleteBackward | Edit::DeleteForward));
        self.after_edit(field, &mut texts, forward)
    }

    /// After a payment: the fields are emptied and shown so (unless destroyed).
    fn paid(&self) {
        if !self.destroyed.get() {
            self.clear();
            self.render_now();
        }
    }

    /// After the shopper changed `field`: a new generation, and its API error forgotten.
    fn edited(&self, field: FieldId) {
        // Changed before a paid tokenization emptied them, the fields are the shopper's: they
        // stay, and the next call tokenizes them.
        if self.emptying.replace(false) {
            self.inflight_mut().take();
        }
        let mut ui = self.ui_mut();
        ui.generation = ui.generation.wrapping_add(1);
        if ui.api_error.is_some_and(|(f, _)| f == field.field()) {
            ui.api_error = None;
        }
    }

    /// Empties the fields and forgets what the shopper did.
    fn clear(&self) {
        self.inputs.clear();
        let mut ui = self.ui_mut();
        ui.touched = Touched::default();
        ui.api_error = None;
        ui.idempotency = None;
        ui.generation = ui.generation.wrapping_add(1);
    }

    /// The state after `field` changed to its text in `texts` (`forward`: text was added),
    /// moving on when the field is complete with the caret at its end.
    fn after_edit(&self, field: FieldId, texts: &mut CardTexts, forward: bool) -> JsValue {
        self.edited(field);
        let state = self.form_of(texts);
        let complete = match field {
            FieldId::Number => state.number.complete,
            FieldId::Expiry => state.expiry.complete,
            FieldId::Cvc | FieldId::Name => false,
        };
        let advance = forward
            && complete
            && self
                .inputs
                .get(field)
                .zip(texts.get_mut(field))
                .is_some_and(|(input, text)| inputs::caret_at_end(input, text));
        self.update(state, true, advance)
    }
}

/// `parts` end to end. (`<[&str]>::concat` is written for any separator and element type, and
/// is several times the size in the wasm.)
fn joined(parts: &[&str]) -> String {
    let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        text.push_str(part);
    }
    text
}

fn field_state(state: &FormState, field: FieldId) -> Option<&FieldState> {
    match field {
        FieldId::Number => Some(&state.number),
        FieldId::Expiry => Some(&state.expiry),
        FieldId::Cvc => Some(&state.cvc),
        FieldId::Name => None,
    }
}

/// One mounted card form.
#[wasm_bindgen]
pub struct Fields {
    inner: Rc<Inner>,
}

impl Fields {
    /// The settled `{ error }` of `invalid_option` for a payment call on destroyed fields, or
    /// with options that are neither absent nor an object; `None` for a good call.
    fn invalid_call(&self, options: &JsValue) -> Option<Promise> {
        let absent = options.is_undefined() || options.is_null();
        let invalid = self.inner.destroyed.get() || !(absent || options.is_object());
        invalid.then(|| Promise::resolve(&pay::error(&self.inner, ErrorCode::InvalidOption)))
    }
}

#[wasm_bindgen]
impl Fields {
    /// The fields of the configuration `options` (`loadSealCard`'s, read as [`check_config`]
    /// does) over the view's inputs; `render` shows the updates that come after a request
    /// (the others are returned by the calls that make them).
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: &JsValue,
        number: HtmlInputElement,
        expiry: HtmlInputElement,
        cvc: HtmlInputElement,
        name: Option<HtmlInputElement>,
        render: Function,
    ) -> Result<Fields, JsValue> {
        let mut config = Config::read(options)?;
        let messages = std::mem::take(&mut config.messages);
        Ok(Fields {
            inner: Rc::new(Inner {
                config,
                messages: RefCell::new(messages),
                inputs: Inputs {
                    number,
                    expiry,
                    cvc,
                    name,
                },
                ui: RefCell::default(),
                render,
                inflight: RefCell::default(),
                emptying: Cell::new(false),
                destroyed: Cell::new(false),
            }),
        })
    }

    /// An edit of `field` (`data`: the text inserted): the input gets its new text and caret.
    /// Returns the [`Update`].
    pub fn edit(&self, field: FieldId, kind: EditKind, data: Option<String>) -> JsValue {
        let edit = match kind {
            EditKind::Insert => Edit::Insert(data.as_deref().unwrap_or_default()),
            EditKind::DeleteBackward => Edit::DeleteBackward,
            EditKind::DeleteForward => Edit::DeleteForward,
        };
        self.inner.change(field, Some(edit))
    }

    /// A change the browser already made to `field` (autofill, an IME's end, a script): the
    /// text is formatted in place, the caret kept on its digit. Returns the [`Update`].
    pub fn input(&self, field: FieldId) -> JsValue {
        self.inner.change(field, None)
    }

    /// The shopper left `field`: with something typed, its incomplete-input error may show.
    /// Returns the [`Update`].
    pub fn blur(&self, field: FieldId) -> JsValue {
        let inner = &self.inner;
        let texts = inner.texts();
        let typed = field_state(&inner.form_of(&texts), field).is_some_and(|f| !f.empty);
        if typed {
            inner.ui_mut().touched.touch(field.field());
        }
        inner.update(inner.form_of(&texts), true, false)
    }

    /// The [`Update`] of the current state, announcing nothing (at mount, after an option
    /// changed).
    pub fn current(&self) -> JsValue {
        let inner = &self.inner;
        inner.update(inner.form(), false, false)
    }

    /// The state, as `getState()` and the `change` event report it.
    pub fn state(&self) -> JsValue {
        let inner = &self.inner;
        to_js(&StateReport::of(&inner.form(), &inner.words()))
    }

    /// Empties every field. Returns the [`Update`].
    pub fn clear(&self) -> JsValue {
        let inner = &self.inner;
        inner.clear();
        inner.update(inner.form(), true, false)
    }

    /// The words of the fields in their language: `{ lang, groupLabel, labels, placeholders }`.
    pub fn texts(&self) -> JsValue {
        to_js(texts(self.inner.words().locale()))
    }

    /// The mount options' language and message overrides (`{ locale?, messages? }`, as
    /// `loadSealCard` takes them), over the configuration's. A wrong value throws
    /// `invalid_option` and changes nothing.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&self, options: JsValue) -> Result<(), JsValue> {
        let locale = config::locale(&options)?;
        let overrides = config::messages(&options)?;
        let mut messages = self.inner.messages.borrow_mut();
        messages.mount_locale = locale;
        messages.mount_overrides = overrides;
        self.inner.ui_mut().last = None;
        Ok(())
    }

    /// Tokenizes the card: a promise of `{ paymentMethod }` or `{ error }` that never rejects.
    /// `options` is `{ billing?, metadata? }` (the merchant's objects) or absent. A call while
    /// one is in flight returns the same promise; the fields are cleared after success.
    #[wasm_bindgen(js_name = createPaymentMethod)]
    pub fn create_payment_method(&self, options: JsValue) -> Promise {
        if let Some(invalid) = self.invalid_call(&options) {
            return invalid;
        }
        let object = |key| config::get(&options, key).unwrap_or(JsValue::UNDEFINED);
        pay::create_payment_method(&self.inner, object("billing"), object("metadata"), true)
    }

    /// Pays the Payment Intent of `clientKey` with `options.paymentMethod` (a `pm_…` id) or the
    /// card tokenized now (with `billing` and `metadata`); 3-D Secure through
    /// `handleNextAction(url)`, which settles when the shopper is done (rejects when they
    /// cancel); back to `returnUrl`, by default `pageUrl`. A promise of `{ status,
    /// paymentIntentId, paymentMethod? }` or `{ error }` that never rejects.
    #[wasm_bindgen(js_name = confirmPayment)]
    pub fn confirm_payment(
        &self,
        client_key: JsValue,
        options: JsValue,
        page_url: String,
    ) -> Promise {
        if let Some(invalid) = self.invalid_call(&options) {
            return invalid;
        }
        let get = |key| config::get(&options, key);
        let text = |key| get(key).and_then(|v| v.as_string());
        pay::confirm_payment(
            self.inner.clone(),
            pay::Confirm {
                client_key: client_key.as_string().unwrap_or_default(),
                payment_method: text("paymentMethod"),
                return_url: text("returnUrl").unwrap_or(page_url),
                billing: get("billing").unwrap_or(JsValue::UNDEFINED),
                metadata: get("metadata").unwrap_or(JsValue::UNDEFINED),
                handle_next_action: get("handleNextAction").and_then(|f| f.dyn_into().ok()),
            },
        )
    }

    /// Whether the fields were configured with a test key (`pk_test_…`): the view shows it
    /// as `data-sealcard-mode`, so test tooling can refuse live fields.
    #[wasm_bindgen(getter, js_name = testMode)]
    pub fn test_mode(&self) -> bool {
        self.inner.config.mode == crate::KeyMode::Test
    }

    /// Empties the inputs and stops: a request in flight settles without touching the view.
    pub fn destroy(&self) {
        self.inner.destroyed.set(true);
        self.inner.inputs.clear();
    }
}
