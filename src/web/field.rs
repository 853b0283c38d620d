//! The card field: DOM, input handling, state, events. State lives here behind one handle;
//! JS callbacks are always called with no borrow held, so they may call back in.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Function, Object, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement, InputEvent, KeyboardEvent};

use super::dom::{self, FieldNodes};
use super::options::{Config, FieldTexts, MountOptions};
use crate::jsobj::{error_object, set};
use crate::{
    edit_expiry, edit_number, form_state, format_cvc, format_expiry, format_number, texts, BrandId,
    Edit, ErrorCode, Field, FieldState, FormState, Formatted, Inputs, Locale, SecretText, Touched,
    YearMonth,
};

/// The events a field emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Ready,
    Change,
    Focus,
    Blur,
    Submit,
    LoadError,
}

impl EventKind {
    pub fn parse(name: &str) -> Option<EventKind> {
        Some(match name {
            "ready" => EventKind::Ready,
            "change" => EventKind::Change,
            "focus" => EventKind::Focus,
            "blur" => EventKind::Blur,
            "submit" => EventKind::Submit,
            "loaderror" => EventKind::LoadError,
            _ => return None,
        })
    }
}

/// A server-reported field error, shown until the shopper edits that field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFieldError {
    pub field: Field,
    pub code: ErrorCode,
}

/// What the shopper has done and what was last shown.
#[derive(Default)]
pub struct Ui {
    pub touched: Touched,
    pub focused: Option<Field>,
    pub last: Option<(FormState, Option<ApiFieldError>)>,
    pub announced_brand: Option<BrandId>,
    pub announced_error: Option<ErrorCode>,
    pub api_error: Option<ApiFieldError>,
    /// Bumped by every edit: an idempotency key is reused only for unchanged input.
    pub generation: u32,
    pub idempotency: Option<(u32, String)>,
    pub inflight: Option<Promise>,
    pub destroyed: bool,
}

/// The DOM events the fields listen to, all on the root element, and whether in the capture
/// phase: the inputs' events are caught on their way down (so `focus` and `blur`, which do not
/// bubble, and `input` events a script dispatches without bubbling are seen too); `keydown` is
/// heard as it bubbles up, after the inputs' own listeners.
const EVENTS: [(&str, bool); 6] = [
    ("beforeinput", true),
    ("input", true),
    ("compositionend", true),
    ("focus", true),
    ("blur", true),
    ("keydown", false),
];

/// The listener of the fields' DOM events. `Fn`, not `FnMut`: a handler that moves the focus
/// is re-entered by the `focus` and `blur` it causes.
type Handler = Closure<dyn Fn(Event)>;

/// Everything a mounted field owns.
pub struct Inner {
    pub doc: Document,
    pub root: HtmlElement,
    pub number: FieldNodes,
    pub expiry: FieldNodes,
    pub cvc: FieldNodes,
    pub name: Option<FieldNodes>,
    brand_badge: HtmlElement,
    live: HtmlElement,
    sheet: JsValue,
    pub config: RefCell<Config>,
    pub opts: RefCell<MountOptions>,
    pub ui: RefCell<Ui>,
    listeners: RefCell<Vec<(EventKind, Function)>>,
    /// The one DOM listener of every event in [`EVENTS`], until `destroy`.
    handler: RefCell<Option<Handler>>,
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn decimal(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Today's month, from the clock.
pub fn today() -> YearMonth {
    let now = js_sys::Date::new_0();
    YearMonth {
        year: now.get_full_year() as u16,
        month: (now.get_month() + 1) as u8,
    }
}

fn set_caret(input: &HtmlInputElement, doc: &Document, caret: usize) {
    // Only move the caret of the focused input: elsewhere it would steal focus in some browsers.
    let focused = doc.active_element().is_some_and(|a| a == ***input);
    if focused {
        dom::set_caret(input, caret as u32);
    }
}

/// The length of an input's value in UTF-16 units, read in JS: no copy of the (card) text
/// comes into Rust memory.
fn value_len(input: &HtmlInputElement) -> u32 {
    js_sys::Reflect::get(input, &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
        .map_or(0, |v| v.length())
}

fn selection(input: &HtmlInputElement) -> (usize, usize) {
    let len = value_len(input);
    let (start, end) = dom::selection(input);
    let start = start.unwrap_or(len);
    let end = end.unwrap_or(start);
    (start as usize, end as usize)
}

impl Inner {
    /// Builds the DOM into `target` and wires the handlers.
    pub fn mount(
        target: &Element,
        config: Config,
        opts: MountOptions,
    ) -> Result<Rc<Inner>, JsValue> {
        let doc = target
            .owner_document()
            .ok_or_else(|| JsValue::from_str("target is not in a document"))?;
        let n = NEXT_ID.with(|c| {
            let n = c.get();
            c.set(n.wrapping_add(1));
            n
        });
        let prefix = ["sealcard-", &decimal(n)].concat();
        let root = dom::element(&doc, "div", "sealcard is-empty");
        dom::set_attr(&root, "role", "group");
        let number = dom::field(&doc, &prefix, "number", "cc-number", true);
        let expiry = dom::field(&doc, &prefix, "expiry", "cc-exp", true);
        let cvc = dom::field(&doc, &prefix, "cvc", "cc-csc", true);
        let name = if opts.show_name {
            let f = dom::field(&doc, &prefix, "name", "cc-name", false);
            f.input.set_max_length(100);
            Some(f)
        } else {
            None
        };
        let brand_badge = dom::element(&doc, "span", "sealcard-brand");
        dom::set_attr(&brand_badge, "aria-hidden", "true");
        if let Some(wrap) = number.input.parent_element() {
            dom::add(&wrap, &brand_badge);
        }
        let live = dom::element(&doc, "div", "sealcard-sr");
        dom::attrs(
            &live,
            &[
                ("role", "status"),
                ("aria-live", "polite"),
                ("aria-atomic", "true"),
            ],
        );
        if let Some(f) = &name {
            dom::add(&root, &f.wrap);
        }
        dom::add(&root, &number.wrap);
        let row = dom::element(&doc, "div", "sealcard-row");
        dom::add(&row, &expiry.wrap);
        dom::add(&row, &cvc.wrap);
        dom::add(&root, &row);
        dom::add(&root, &live);
        let sheet = dom::add_stylesheet(&doc)?;
        dom::add(target, &root);

        let inner = Rc::new(Inner {
            doc,
            root,
            number,
            expiry,
            cvc,
            name,
            brand_badge,
            live,
            sheet,
            config: RefCell::new(config),
            opts: RefCell::new(opts),
            ui: RefCell::new(Ui::default()),
            listeners: RefCell::new(Vec::new()),
            handler: RefCell::new(None),
        });
        inner.apply_options();
        inner.wire()?;
        let state = inner.compute();
        inner.render(&state, false);
        inner.ui.borrow_mut().last = Some((state, None));
        Ok(inner)
    }

    fn fields(&self) -> [(Field, &FieldNodes); 3] {
        [
            (Field::Number, &self.number),
            (Field::Expiry, &self.expiry),
            (Field::Cvc, &self.cvc),
        ]
    }

    pub fn nodes(&self, field: Field) -> Option<&FieldNodes> {
        match field {
            Field::Number => Some(&self.number),
            Field::Expiry => Some(&self.expiry),
            Field::Cvc => Some(&self.cvc),
            Field::Name => self.name.as_ref(),
        }
    }

    pub fn locale(&self) -> Locale {
        self.opts
            .borrow()
            .locale
            .unwrap_or(self.config.borrow().locale)
    }

    /// The message for `code`: the merchant's override, else the built-in text.
    pub fn message_for(&self, code: ErrorCode) -> Option<String> {
        let opts = self.opts.borrow();
        let config = self.config.borrow();
        opts.messages
            .iter()
            .chain(config.messages.iter())
            .find(|(c, _)| *c == code)
            .map(|(_, text)| text.clone())
    }

    /// A JS error object for `code` in the field's language and wording.
    pub fn error_js(&self, code: ErrorCode) -> Object {
        let text = self.message_for(code);
        error_object(code, self.locale(), text.as_deref())
    }

    /// Labels, placeholders, language and style custom properties.
    pub fn apply_options(&self) {
        let locale = self.locale();
        let t = texts(locale);
        let opts = self.opts.borrow();
        dom::set_attr(&self.root, "lang", locale.tag());
        dom::set_attr(&self.root, "aria-label", t.group_label);
        let pick = |custom: &FieldTexts, field: Field, default: &'static str| -> String {
            let chosen = match field {
                Field::Number => &custom.number,
                Field::Expiry => &custom.expiry,
                Field::Cvc => &custom.cvc,
                Field::Name => &custom.name,
            };
            chosen.clone().unwrap_or_else(|| default.to_string())
        };
        let rows = [
            (Field::Number, t.number_label, t.number_placeholder),
            (Field::Expiry, t.expiry_label, t.expiry_placeholder),
            (Field::Cvc, t.cvc_label, t.cvc_placeholder),
            (Field::Name, t.name_label, t.name_placeholder),
        ];
        for (field, label, placeholder) in rows {
            if let Some(nodes) = self.nodes(field) {
                nodes
                    .label
                    .set_text_content(Some(&pick(&opts.labels, field, label)));
                nodes
                    .input
                    .set_placeholder(&pick(&opts.placeholders, field, placeholder));
            }
        }
        let style = self.root.style();
        for (_, prop) in super::options::STYLE_KEYS {
            let _ = style.remove_property(prop);
        }
        for (prop, value) in &opts.style {
            let _ = style.set_property(prop, value);
        }
    }

    /// The form state from the fields' current texts.
    pub fn compute(&self) -> FormState {
        let number = SecretText(self.number.input.value());
        let expiry = SecretText(self.expiry.input.value());
        let cvc = SecretText(self.cvc.input.value());
        let (touched, api_error) = {
            let ui = self.ui.borrow();
            (ui.touched, ui.api_error.clone())
        };
        let accepted = self.config.borrow().accepted;
        let mut state = form_state(
            Inputs {
                number: &number.0,
                expiry: &expiry.0,
                cvc: &cvc.0,
            },
            touched,
            accepted,
            today(),
        );
        if let Some(e) = api_error {
            let f: &mut FieldState = match e.field {
                Field::Number => &mut state.number,
                Field::Expiry => &mut state.expiry,
                Field::Cvc | Field::Name => &mut state.cvc,
            };
            f.error = Some(e.code);
            f.problem = Some(e.code);
            f.valid = false;
            f.complete = false;
            state.complete = false;
        }
        state
    }

    /// Shows `state`: error texts, ARIA, classes, brand; announces changes.
    pub fn render(&self, state: &FormState, announce: bool) {
        let locale = self.locale();
        for (field, nodes) in self.fields() {
            let f = match field {
                Field::Number => &state.number,
                Field::Expiry => &state.expiry,
                _ => &state.cvc,
            };
            let text = f.error.map(|code| {
                self.message_for(code)
                    .unwrap_or_else(|| crate::message(code, locale).to_string())
            });
            nodes.error.set_text_content(text.as_deref());
            dom::set_attr(
                &nodes.input,
                "aria-invalid",
                if f.error.is_some() { "true" } else { "false" },
            );
        }
        let focused = self.ui.borrow().focused.is_some();
        for (class, on) in [
            ("is-empty", state.empty),
            ("is-complete", state.complete),
            ("is-invalid", state.error().is_some()),
            ("is-focused", focused),
        ] {
            dom::toggle_class(&self.root, class, on);
        }
        let brand = state.brand;
        self.brand_badge.set_text_content(brand.map(|b| b.name));
        dom::set_attr(
            &self.root,
            "data-brand",
            brand.map_or("unknown", |b| b.id_str()),
        );
        if !announce {
            return;
        }
        let error = state.error().map(|(_, code)| code);
        let (brand_changed, error_changed) = {
            let mut ui = self.ui.borrow_mut();
            let b = brand.map(|b| b.id) != ui.announced_brand;
            let e = error != ui.announced_error;
            ui.announced_brand = brand.map(|b| b.id);
            ui.announced_error = error;
            (b, e)
        };
        let announcement = match (error_changed, error, brand_changed, brand) {
            (true, Some(code), _, _) => Some(
                self.message_for(code)
                    .unwrap_or_else(|| crate::message(code, locale).to_string()),
            ),
            (_, _, true, Some(b)) => Some([texts(locale).brand_prefix, b.name].concat()),
            _ => None,
        };
        if let Some(text) = announcement {
            self.live.set_text_content(Some(&text));
        }
    }

    /// The `change` payload of `state`.
    pub fn state_js(&self, state: &FormState) -> Object {
        let o = Object::new();
        set(&o, "empty", state.empty);
        set(&o, "complete", state.complete);
        set(
            &o,
            "brand",
            state.brand.map_or(JsValue::NULL, |b| b.id_str().into()),
        );
        let fields = Object::new();
        for (name, f) in [
            ("number", &state.number),
            ("expiry", &state.expiry),
            ("cvc", &state.cvc),
        ] {
            let fo = Object::new();
            set(&fo, "empty", f.empty);
            set(&fo, "complete", f.complete);
            set(&fo, "valid", f.valid);
            set(&fo, "potentiallyValid", f.potentially_valid);
            set(
                &fo,
                "error",
                f.error
                    .map_or(JsValue::UNDEFINED, |c| self.error_js(c).into()),
            );
            set(&fields, name, fo);
        }
        set(&o, "fields", fields);
        set(
            &o,
            "error",
            state
                .error()
                .map_or(JsValue::UNDEFINED, |(_, c)| self.error_js(c).into()),
        );
        o
    }

    /// Recomputes, renders and emits `change` when the state changed.
    pub fn refresh(&self) {
        if self.ui.borrow().destroyed {
            return;
        }
        let state = self.compute();
        self.render(&state, true);
        let now = (state, self.ui.borrow().api_error.clone());
        let changed = {
            let mut ui = self.ui.borrow_mut();
            let changed = ui.last.as_ref() != Some(&now);
            ui.last = Some(now);
            changed
        };
        if changed {
            self.emit(EventKind::Change, &self.state_js(&state).into());
        }
    }

    pub fn on(&self, kind: EventKind, f: Function) {
        self.listeners.borrow_mut().push((kind, f));
    }

    pub fn off(&self, kind: EventKind, f: &Function) {
        self.listeners
            .borrow_mut()
            .retain(|(k, g)| !(*k == kind && g == f));
    }

    /// Calls every listener of `kind` with `payload`; a throwing listener does not stop the
    /// others, and is reported to the console by the browser as an uncaught error would be.
    pub fn emit(&self, kind: EventKind, payload: &JsValue) {
        let targets: Vec<Function> = self
            .listeners
            .borrow()
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, f)| f.clone())
            .collect();
        for f in targets {
            if let Err(e) = f.call1(&JsValue::UNDEFINED, payload) {
                report(e);
            }
        }
    }

    fn field_payload(field: Field) -> JsValue {
        let o = Object::new();
        set(&o, "field", field.as_str());
        o.into()
    }

    /// After an edit of `field`: forget a server error on it, refresh, maybe move on.
    fn edited(self: &Rc<Self>, field: Field, forward: bool) {
        {
            let mut ui = self.ui.borrow_mut();
            ui.generation = ui.generation.wrapping_add(1);
            if ui.api_error.as_ref().is_some_and(|e| e.field == field) {
                ui.api_error = None;
            }
        }
        self.refresh();
        if !forward {
            return;
        }
        let state = self.ui.borrow().last.as_ref().map(|(s, _)| *s);
        let Some(state) = state else { return };
        let next = match field {
            Field::Number if state.number.complete => Some(&self.expiry.input),
            Field::Expiry if state.expiry.complete => Some(&self.cvc.input),
            _ => None,
        };
        if let (Some(next), Some(nodes)) = (next, self.nodes(field)) {
            let (start, end) = selection(&nodes.input);
            let at_end = start == end && end == value_len(&nodes.input) as usize;
            if at_end {
                dom::focus(next);
            }
        }
    }

    /// Shows `f` in `input`, whose current text is `old`.
    fn show(&self, input: &HtmlInputElement, old: &str, mut f: Formatted) {
        if old != f.value {
            input.set_value(&f.value);
        }
        set_caret(input, &self.doc, f.caret);
        crate::wipe_string(&mut f.value);
    }

    fn on_beforeinput(self: &Rc<Self>, field: Field, ev: &InputEvent) {
        if ev.is_composing() {
            return;
        }
        let kind = ev.input_type();
        let data = ev.data();
        let edit = match kind.as_str() {
            "insertText"
            | "insertFromPaste"
            | "insertFromDrop"
            | "insertReplacementText"
            | "insertFromYank" => match &data {
                Some(text) => Edit::Insert(text),
                None => return,
            },
            "deleteContentBackward" | "deleteByCut" | "deleteByDrag" => Edit::DeleteBackward,
            "deleteContentForward" => Edit::DeleteForward,
            _ => return,
        };
        let Some(nodes) = self.nodes(field) else {
            return;
        };
        let input = &nodes.input;
        ev.prevent_default();
        let value = SecretText(input.value());
        let (start, end) = selection(input);
        let f = match field {
            Field::Number => edit_number(&value.0, start, end, edit),
            _ => edit_expiry(&value.0, start, end, edit),
        };
        self.show(input, &value.0, f);
        self.edited(field, matches!(edit, Edit::Insert(_)));
    }

    fn on_input(self: &Rc<Self>, field: Field, ev: &Event) {
        let composing = ev
            .dyn_ref::<InputEvent>()
            .is_some_and(InputEvent::is_composing);
        if composing {
            return;
        }
        let Some(nodes) = self.nodes(field) else {
            return;
        };
        let input = &nodes.input;
        let value = SecretText(input.value());
        let (caret, _) = selection(input);
        match field {
            Field::Number => self.show(input, &value.0, format_number(&value.0, caret)),
            Field::Expiry => self.show(input, &value.0, format_expiry(&value.0, caret)),
            Field::Cvc => {
                let brand = self.ui.borrow().last.as_ref().and_then(|(s, _)| s.brand);
                let max = brand.map_or(4, |b| usize::from(b.cvc_length));
                self.show(input, &value.0, format_cvc(&value.0, caret, max));
            }
            Field::Name => {}
        }
        self.edited(field, true);
    }

    fn on_focus(self: &Rc<Self>, field: Field) {
        self.ui.borrow_mut().focused = Some(field);
        dom::toggle_class(&self.root, "is-focused", true);
        self.emit(EventKind::Focus, &Self::field_payload(field));
    }

    fn on_blur(self: &Rc<Self>, field: Field) {
        let empty = self
            .nodes(field)
            .is_none_or(|n| SecretText(n.input.value()).0.trim().is_empty());
        {
            let mut ui = self.ui.borrow_mut();
            ui.focused = None;
            if !empty {
                ui.touched.touch(field);
            }
        }
        self.refresh();
        self.emit(EventKind::Blur, &Self::field_payload(field));
    }

    fn on_keydown(self: &Rc<Self>, ev: &KeyboardEvent) {
        if ev.key() != "Enter" || ev.is_composing() {
            return;
        }
        ev.prevent_default();
        self.emit(EventKind::Submit, &Object::new().into());
        // Inside a <form> (inline mode), Enter submits it as a native input would.
        if let Ok(Some(form)) = self.root.closest("form") {
            if let Ok(form) = form.dyn_into::<web_sys::HtmlFormElement>() {
                let _ = form.request_submit();
            }
        }
    }

    /// The field whose input `target` is.
    fn field_of(&self, target: &JsValue) -> Option<Field> {
        [Field::Number, Field::Expiry, Field::Cvc, Field::Name]
            .into_iter()
            .find(|&f| {
                self.nodes(f)
                    .is_some_and(|n| JsValue::from(&n.input) == *target)
            })
    }

    /// Every DOM event of the fields, delegated from the root.
    fn on_event(self: &Rc<Self>, ev: &Event) {
        let kind = ev.type_();
        if kind == "keydown" {
            if let Some(ev) = ev.dyn_ref::<KeyboardEvent>() {
                self.on_keydown(ev);
            }
            return;
        }
        let Some(field) = ev.target().and_then(|t| self.field_of(&t)) else {
            return;
        };
        match kind.as_str() {
            "beforeinput" if matches!(field, Field::Number | Field::Expiry) => {
                if let Some(ev) = ev.dyn_ref::<InputEvent>() {
                    self.on_beforeinput(field, ev);
                }
            }
            "input" | "compositionend" => self.on_input(field, ev),
            "focus" => self.on_focus(field),
            "blur" => self.on_blur(field),
            _ => {}
        }
    }

    fn wire(self: &Rc<Self>) -> Result<(), JsValue> {
        let weak: Weak<Inner> = Rc::downgrade(self);
        let closure = Handler::new(move |ev: Event| {
            if let Some(inner) = weak.upgrade() {
                if !inner.ui.borrow().destroyed {
                    inner.on_event(&ev);
                }
            }
        });
        for (kind, capture) in EVENTS {
            self.root.add_event_listener_with_callback_and_bool(
                kind,
                closure.as_ref().unchecked_ref(),
                capture,
            )?;
        }
        *self.handler.borrow_mut() = Some(closure);
        Ok(())
    }

    /// Empties every field and forgets what the shopper did.
    pub fn clear(&self) {
        for nodes in [
            Some(&self.number),
            Some(&self.expiry),
            Some(&self.cvc),
            self.name.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            nodes.input.set_value("");
        }
        {
            let mut ui = self.ui.borrow_mut();
            ui.touched = Touched::default();
            ui.api_error = None;
            ui.idempotency = None;
            ui.generation = ui.generation.wrapping_add(1);
        }
        self.refresh();
    }

    /// Removes every listener and node. Idempotent.
    pub fn destroy(&self) {
        {
            let mut ui = self.ui.borrow_mut();
            if ui.destroyed {
                return;
            }
            ui.destroyed = true;
        }
        for nodes in [
            Some(&self.number),
            Some(&self.expiry),
            Some(&self.cvc),
            self.name.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            nodes.input.set_value("");
        }
        if let Some(closure) = self.handler.borrow_mut().take() {
            for (kind, capture) in EVENTS {
                let _ = self.root.remove_event_listener_with_callback_and_bool(
                    kind,
                    closure.as_ref().unchecked_ref(),
                    capture,
                );
            }
        }
        self.root.remove();
        dom::remove_stylesheet(&self.doc, &self.sheet);
        self.listeners.borrow_mut().clear();
    }
}

/// Reports an exception of a merchant's listener without stopping ours (as the DOM does).
fn report(error: JsValue) {
    let global = js_sys::global();
    let report = crate::jsobj::get(&global, "reportError");
    if let Some(f) = report.dyn_ref::<Function>() {
        let _ = f.call1(&JsValue::UNDEFINED, &error);
    }
}
