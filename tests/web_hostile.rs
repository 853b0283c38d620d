//! The hostile-input catalogue: browser tests (wasm-bindgen-test, headless Chromium and
//! headless Firefox) that throw what shoppers, keyboards, clipboards and attackers produce at
//! each card field — a 1 MB paste, digits of other scripts, zero-width and bidi controls, NUL,
//! emoji, lone surrogates, HTML and script text, numbers too long, all zeros, letters — through
//! each way text arrives: `beforeinput` paste, drop, typing and IME insertion, and a value set
//! by autofill followed by `input`.
//!
//! Every case must leave a clear field state (the value shown and `getState()`), raise no
//! uncaught error (a panic in the field would be one), add nothing to the DOM, have its result
//! in place by the next animation frame, and leave the field answering: typing right after it
//! formats as usual.
#![cfg(all(target_arch = "wasm32", feature = "widget"))]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, JsString, Object, Promise, Reflect};
use sealcard::web::{mount_card_field, CardField};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, Event, HtmlInputElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const API: &str = match option_env!("SEALCARD_TEST_API") {
    Some(url) => url,
    None => "http://127.0.0.1:18092/v1",
};

// ---- The page and the field. ----

fn window() -> web_sys::Window {
    web_sys::window().expect("window")
}

fn doc() -> Document {
    window().document().expect("document")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn at(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |o, k| get(&o, k))
}

fn mount() -> (Element, CardField) {
    let t = doc().create_element("div").expect("div");
    doc()
        .body()
        .expect("body")
        .append_child(&t)
        .expect("append");
    let config = Object::new();
    Reflect::set(&config, &"publicKey".into(), &"pk_test_sandbox".into()).expect("set");
    Reflect::set(&config, &"apiBase".into(), &API.into()).expect("set");
    let field =
        mount_card_field(t.clone().into(), config.into(), JsValue::UNDEFINED).expect("mount");
    (t, field)
}

fn input(t: &Element, name: &str) -> HtmlInputElement {
    t.query_selector(&format!(".sealcard-{name} input"))
        .expect("query")
        .expect("input")
        .dyn_into()
        .expect("input element")
}

/// The input's value as a JS string (it may hold lone surrogates, which a Rust `String` cannot).
fn js_value(i: &HtmlInputElement) -> JsString {
    get(i, "value").unchecked_into()
}

fn set_js_value(i: &HtmlInputElement, v: &JsString) {
    Reflect::set(i, &"value".into(), v).expect("set value");
}

fn fire_input(i: &HtmlInputElement, input_type: &str, data: Option<&JsString>) {
    let init = InputEventInit::new();
    init.set_input_type(input_type);
    init.set_bubbles(true);
    if let Some(d) = data {
        Reflect::set(&init, &"data".into(), d).expect("data");
    }
    let ev = InputEvent::new_with_event_init_dict("input", &init).expect("event");
    i.dispatch_event(&ev).expect("dispatch");
}

/// A `beforeinput` as the browser fires it, followed — when the field does not take the edit
/// itself — by the browser's own insertion over the selection and an `input` event.
fn before_input(i: &HtmlInputElement, input_type: &str, data: Option<&JsString>) {
    let init = InputEventInit::new();
    init.set_input_type(input_type);
    init.set_bubbles(true);
    init.set_cancelable(true);
    if let Some(d) = data {
        Reflect::set(&init, &"data".into(), d).expect("data");
    }
    let ev = InputEvent::new_with_event_init_dict("beforeinput", &init).expect("event");
    let handled = !i.dispatch_event(&ev).expect("dispatch");
    if handled {
        return;
    }
    let value = js_value(i);
    let len = value.length();
    let start = i.selection_start().ok().flatten().unwrap_or(len).min(len);
    let end = i
        .selection_end()
        .ok()
        .flatten()
        .unwrap_or(start)
        .clamp(start, len);
    let inserted = data.cloned().unwrap_or_else(|| JsString::from(""));
    let next = value
        .slice(0, start)
        .concat(&inserted)
        .concat(&value.slice(end, len));
    set_js_value(i, &next);
    let caret = start + inserted.length();
    let _ = i.set_selection_range(caret, caret);
    fire_input(i, input_type, data);
}

/// Types `text` one character at a time at the caret.
fn type_text(i: &HtmlInputElement, text: &str) {
    for c in text.chars() {
        before_input(
            i,
            "insertText",
            Some(&JsString::from(c.to_string().as_str())),
        );
    }
}

/// How many elements `t` holds.
fn element_count(t: &Element) -> u32 {
    let all: Function = get(t, "querySelectorAll").unchecked_into();
    let list = all.call1(t, &"*".into()).expect("querySelectorAll");
    get(&list, "length").as_f64().unwrap_or(0.0) as u32
}

/// A listener on the window, by event type.
type Listener = (&'static str, Closure<dyn FnMut(Event)>);

/// Records uncaught errors and unhandled rejections on the page while it lives.
struct Uncaught {
    log: Rc<RefCell<Vec<String>>>,
    closures: Vec<Listener>,
}

impl Uncaught {
    fn watch() -> Uncaught {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut closures = Vec::new();
        for kind in ["error", "unhandledrejection"] {
            let sink = log.clone();
            let c = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
                let what = get(&e, "message")
                    .as_string()
                    .or_else(|| get(&get(&e, "reason"), "message").as_string())
                    .unwrap_or_else(|| e.type_());
                sink.borrow_mut().push(what);
            });
            window()
                .add_event_listener_with_callback(kind, c.as_ref().unchecked_ref())
                .expect("listen");
            closures.push((kind, c));
        }
        Uncaught { log, closures }
    }

    fn take(&self) -> Vec<String> {
        std::mem::take(&mut self.log.borrow_mut())
    }
}

impl Drop for Uncaught {
    fn drop(&mut self) {
        for (kind, c) in &self.closures {
            let _ = window().remove_event_listener_with_callback(kind, c.as_ref().unchecked_ref());
        }
    }
}

/// Resolves at the next animation frame.
async fn next_frame() {
    let p = Promise::new(&mut |resolve, _| {
        window()
            .request_animation_frame(&resolve)
            .expect("requestAnimationFrame");
    });
    JsFuture::from(p).await.expect("frame");
}

/// `performance.now()`, for the report only: no test asserts a wall-clock time.
fn now() -> f64 {
    let perf = get(&window(), "performance");
    get(&perf, "now")
        .dyn_into::<Function>()
        .ok()
        .and_then(|f| f.call0(&perf).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

// ---- The catalogue. ----

/// How the text reaches the field.
#[derive(Clone, Copy, Debug)]
enum How {
    /// `beforeinput` `insertFromPaste` with the text as `data`.
    Paste,
    /// `insertFromPaste` with `data: null` (the text only in the clipboard): the browser inserts.
    PasteNoData,
    /// `beforeinput` `insertFromDrop`.
    Drop,
    /// One `insertText` of the whole text (an IME or a dictation commits a string).
    InsertText,
    /// One `insertText` per character, as a keyboard types.
    TypeEach,
    /// The value set (autofill, a password manager, a script in the frame), then `input`.
    SetValue,
    /// An IME composition committed: the value set, then `compositionend`.
    Composition,
}

/// The text of a case: Unicode text, or raw UTF-16 code units (lone surrogates).
enum Text {
    Str(String),
    Units(Vec<u16>),
}

impl Text {
    fn js(&self) -> JsString {
        match self {
            Text::Str(s) => JsString::from(s.as_str()),
            Text::Units(u) => JsString::from_char_code(u),
        }
    }
}

struct Case {
    name: &'static str,
    how: How,
    /// What the field holds before, all of it selected (empty: an empty field).
    before: &'static str,
    text: Text,
    /// The value shown afterwards.
    value: &'static str,
    valid: bool,
    potentially_valid: bool,
    /// The error `getState()` shows on the field (errors of untouched fields show only once
    /// the input cannot become valid any more).
    error: Option<&'static str>,
}

fn case(
    name: &'static str,
    how: How,
    text: Text,
    value: &'static str,
    verdict: (bool, bool, Option<&'static str>),
) -> Case {
    Case {
        name,
        how,
        before: "",
        text,
        value,
        valid: verdict.0,
        potentially_valid: verdict.1,
        error: verdict.2,
    }
}

fn s(text: &str) -> Text {
    Text::Str(text.to_string())
}

const VALID: (bool, bool, Option<&str>) = (true, true, None);
const INCOMPLETE: (bool, bool, Option<&str>) = (false, true, None);
const fn invalid(code: &'static str) -> (bool, bool, Option<&'static str>) {
    (false, false, Some(code))
}

/// UTF-16 code units of `text` with `unit` inserted before each character.
fn interleave(text: &str, unit: u16) -> Vec<u16> {
    text.encode_utf16().flat_map(|c| [unit, c]).collect()
}

fn number_cases() -> Vec<Case> {
    use How::*;
    let paste_1mb = "4242 ".repeat(200_000);
    let letters_1mb = "x".repeat(1 << 20);
    vec![
        case(
            "1 MB of a repeated number, pasted",
            Paste,
            Text::Str(paste_1mb.clone()),
            "4242 4242 4242 4242424",
            invalid("invalid_number"),
        ),
        case(
            "1 MB of a repeated number, set as the value",
            SetValue,
            Text::Str(paste_1mb),
            "4242 4242 4242 4242424",
            invalid("invalid_number"),
        ),
        case(
            "1 MB of letters, pasted",
            Paste,
            Text::Str(letters_1mb.clone()),
            "",
            INCOMPLETE,
        ),
        case(
            "1 MB of letters, set as the value",
            SetValue,
            Text::Str(letters_1mb),
            "",
            INCOMPLETE,
        ),
        case(
            "Arabic-Indic digits, pasted",
            Paste,
            s("٤٣٤٣٤٣٤٣٤٣٤٣٤٣٤٥"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "Persian digits, typed",
            TypeEach,
            s("۴۳۴۳۴۳۴۳۴۳۴۳۴۳۴۵"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "fullwidth digits and spaces, dropped",
            Drop,
            s("４３４３　４３４３　４３４３　４３４５"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "Devanagari digits, set as the value",
            SetValue,
            s("४३४३४३४३४३४३४३४५"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "Thai digits, committed by an IME",
            Composition,
            s("๔๓๔๓๔๓๔๓๔๓๔๓๔๓๔๕"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "zero-width spaces between the digits",
            Paste,
            Text::Units(interleave("4343434343434345", 0x200B)),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "zero-width joiners, set as the value",
            SetValue,
            Text::Units(interleave("4343434343434345", 0x200D)),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "a right-to-left override around the number",
            Paste,
            s("\u{202E}4343434343434345\u{202C}"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "bidi isolates and marks, inserted as text",
            InsertText,
            s("\u{2066}4343\u{2069}\u{200E}4343\u{200F}4343\u{2067}4345\u{2069}"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "NUL characters, pasted",
            Paste,
            s("4343\u{0}4343\u{0}4343\u{0}4345"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "NUL characters, set as the value",
            SetValue,
            s("\u{0}4343434343434345\u{0}"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "emoji around the number",
            Paste,
            s("💳4343💳4343💳4343💳4345💳"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "a lone high surrogate before the digits, pasted",
            Paste,
            Text::Units(interleave("5555444444444457", 0xD83D)),
            "5555 4444 4444 4457",
            VALID,
        ),
        case(
            "lone low surrogates, set as the value",
            SetValue,
            Text::Units(interleave("5555444444444457", 0xDC33)),
            "5555 4444 4444 4457",
            VALID,
        ),
        case(
            "a lone surrogate alone, typed",
            InsertText,
            Text::Units(vec![0xD800]),
            "",
            INCOMPLETE,
        ),
        case(
            "script and HTML text, pasted",
            Paste,
            s("<script>alert(1)</script><img src=x onerror=alert(1)>"),
            "11",
            invalid("invalid_number"),
        ),
        case(
            "script and HTML text, set as the value",
            SetValue,
            s("<svg onload=alert(1)><iframe src=javascript:alert(2)>"),
            "12",
            invalid("invalid_number"),
        ),
        case(
            "22 digits: a valid number with more after it",
            Paste,
            s("4343434343434345000000"),
            "4343 4343 4343 4345000",
            invalid("invalid_number"),
        ),
        case(
            "30 nines, set as the value",
            SetValue,
            Text::Str("9".repeat(30)),
            "9999 9999 9999 9999999",
            invalid("invalid_number"),
        ),
        case(
            "all zeros",
            Paste,
            s("0000 0000 0000 0000"),
            "0000 0000 0000 0000",
            invalid("invalid_number"),
        ),
        case("letters, typed", TypeEach, s("abcdefgh"), "", INCOMPLETE),
        case(
            "letters and digits, typed",
            TypeEach,
            s("4a3b4c3d"),
            "4343",
            INCOMPLETE,
        ),
        case(
            "dots, tabs and line breaks",
            Paste,
            s("4343.4343\t4343\r\n4345"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "no-break and ideographic spaces",
            SetValue,
            s("4343\u{A0}4343\u{3000}4343\u{2007}4345"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "superscript and mathematical digits (not digits)",
            Paste,
            s("⁴³⁴³𝟒𝟑𝟒𝟑"),
            "",
            INCOMPLETE,
        ),
        case(
            "combining marks on the digits",
            Paste,
            s("4\u{303}3\u{303}4\u{303}3\u{303}434343434345"),
            "4343 4343 4343 4345",
            VALID,
        ),
        case(
            "a paste with the text only in the clipboard",
            PasteNoData,
            s("4343-4343-4343-4345"),
            "4343 4343 4343 4345",
            VALID,
        ),
        Case {
            before: "4343 4343 4343 4345",
            ..case(
                "a full field replaced by a Mastercard with emoji",
                Paste,
                s("5555🙂4444🙂4444🙂4457"),
                "5555 4444 4444 4457",
                VALID,
            )
        },
        Case {
            before: "4343 4343 4343 4345",
            // The number was left complete, so it is touched: its error shows at once.
            ..case(
                "a full field replaced by 1 MB of spaces",
                Paste,
                Text::Str(" ".repeat(1 << 20)),
                "",
                (false, true, Some("incomplete_number")),
            )
        },
    ]
}

fn expiry_cases() -> Vec<Case> {
    use How::*;
    vec![
        case("12/2030, pasted", Paste, s("12/2030"), "12 / 30", VALID),
        case(
            "12/2030, set as the value",
            SetValue,
            s("12/2030"),
            "12 / 30",
            VALID,
        ),
        // Typed, the field keeps MM / YY: the year's first two digits are all it takes. The
        // date then reads as expired, shown on blur (a two-digit year can still be retyped).
        case(
            "12/2030, typed",
            TypeEach,
            s("12/2030"),
            "12 / 20",
            INCOMPLETE,
        ),
        case(
            "Arabic-Indic digits with a slash",
            Paste,
            s("١٢/٣٠"),
            "12 / 30",
            VALID,
        ),
        case(
            "fullwidth digits and slash",
            InsertText,
            s("１２／３０"),
            "12 / 30",
            VALID,
        ),
        case("a dash for a slash", Drop, s("12-30"), "12 / 30", VALID),
        case(
            "month 13",
            Paste,
            s("13/30"),
            "13 / 30",
            invalid("invalid_expiry"),
        ),
        case(
            "all zeros",
            SetValue,
            s("00/00"),
            "00 / 00",
            invalid("invalid_expiry"),
        ),
        case(
            "1 MB of ones",
            Paste,
            Text::Str("1".repeat(1 << 20)),
            "11 / 11",
            invalid("expired"),
        ),
        case(
            "1 MB of slashes, set as the value",
            SetValue,
            Text::Str("/".repeat(1 << 20)),
            "",
            INCOMPLETE,
        ),
        case("a five-digit year", Paste, s("12/20300"), "12 / 30", VALID),
        case("letters, typed", TypeEach, s("ab/cd"), "", INCOMPLETE),
        case(
            "NUL characters",
            Paste,
            s("1\u{0}2/3\u{0}0"),
            "12 / 30",
            VALID,
        ),
        case(
            "HTML around the date",
            Paste,
            s("<b>12</b>/30"),
            "12 / 30",
            VALID,
        ),
        case(
            "a right-to-left embedding",
            SetValue,
            s("\u{202B}12/30\u{202C}"),
            "12 / 30",
            VALID,
        ),
        case(
            "emoji and a lone surrogate",
            Paste,
            Text::Units("📅12/30".encode_utf16().chain([0xD83D]).collect()),
            "12 / 30",
            VALID,
        ),
        case(
            "spaces between every digit",
            SetValue,
            s("1 / 2 0 3 0"),
            "01 / 30",
            VALID,
        ),
        case(
            "99, typed",
            TypeEach,
            s("99"),
            "09 / 9",
            invalid("invalid_expiry"),
        ),
    ]
}

fn cvc_cases() -> Vec<Case> {
    use How::*;
    vec![
        case("Arabic-Indic digits, pasted", Paste, s("١٢٣"), "123", VALID),
        case(
            "eight digits, set as the value",
            SetValue,
            s("12345678"),
            "1234",
            VALID,
        ),
        case(
            "script text, pasted",
            Paste,
            s("<script>1</script>"),
            "1",
            INCOMPLETE,
        ),
        case(
            "1 MB of nines, pasted",
            Paste,
            Text::Str("9".repeat(1 << 20)),
            "9999",
            VALID,
        ),
        case(
            "lone surrogates between digits",
            SetValue,
            Text::Units(interleave("12", 0xDFFF)),
            "12",
            INCOMPLETE,
        ),
        case(
            "zero-width spaces and NUL",
            Paste,
            s("1\u{200B}2\u{0}3"),
            "123",
            VALID,
        ),
        case("letters, typed", TypeEach, s("abc"), "", INCOMPLETE),
    ]
}

/// Applies `case` to the field `name`, then checks its state, the page and the field's answer.
/// Returns the time the handling took (for the report).
async fn run(name: &str, case: &Case) -> f64 {
    let (t, field) = mount();
    let uncaught = Uncaught::watch();
    let i = input(&t, name);
    i.focus().expect("focus");
    if !case.before.is_empty() {
        type_text(&i, case.before);
        assert_eq!(i.value(), case.before, "{}: prefilled", case.name);
        // A complete number moves the focus on: come back, as the shopper would.
        i.focus().expect("focus");
        let len = js_value(&i).length();
        i.set_selection_range(0, len).expect("select all");
    }
    let nodes = element_count(&t);
    let text = case.text.js();
    next_frame().await;

    let started = now();
    match case.how {
        How::Paste => before_input(&i, "insertFromPaste", Some(&text)),
        How::PasteNoData => {
            // The browser inserts the clipboard's text itself: emulate it after the event.
            let init = InputEventInit::new();
            init.set_input_type("insertFromPaste");
            init.set_bubbles(true);
            init.set_cancelable(true);
            let ev = InputEvent::new_with_event_init_dict("beforeinput", &init).expect("event");
            let handled = !i.dispatch_event(&ev).expect("dispatch");
            assert!(!handled, "{}: without data the browser inserts", case.name);
            set_js_value(&i, &text);
            fire_input(&i, "insertFromPaste", None);
        }
        How::Drop => before_input(&i, "insertFromDrop", Some(&text)),
        How::InsertText => before_input(&i, "insertText", Some(&text)),
        How::TypeEach => match &case.text {
            Text::Str(s) => type_text(&i, s),
            Text::Units(u) => {
                for unit in u {
                    before_input(&i, "insertText", Some(&JsString::from_char_code(&[*unit])));
                }
            }
        },
        How::SetValue => {
            set_js_value(&i, &text);
            fire_input(&i, "insertReplacementText", None);
        }
        How::Composition => {
            set_js_value(&i, &text);
            i.dispatch_event(&Event::new("compositionend").expect("event"))
                .expect("dispatch");
        }
    }
    let took = now() - started;
    // Nothing is left for later: by the next animation frame the field shows its result.
    next_frame().await;

    let label = case.name;
    assert_eq!(i.value(), case.value, "{name}: {label}: value");
    let allowed = match name {
        "number" => " ",
        "expiry" => " /",
        _ => "",
    };
    assert!(
        i.value()
            .chars()
            .all(|c| c.is_ascii_digit() || allowed.contains(c)),
        "{name}: {label}: only digits and the field's separators are shown"
    );
    let state = field.get_state();
    let f = at(&state, &["fields", name]);
    assert_eq!(
        get(&f, "valid").as_bool(),
        Some(case.valid),
        "{name}: {label}: valid"
    );
    assert_eq!(
        get(&f, "potentiallyValid").as_bool(),
        Some(case.potentially_valid),
        "{name}: {label}: potentiallyValid"
    );
    assert_eq!(
        at(&f, &["error", "code"]).as_string().as_deref(),
        case.error,
        "{name}: {label}: error shown"
    );
    assert_eq!(
        get(&f, "empty").as_bool(),
        Some(case.value.is_empty()),
        "{name}: {label}: empty"
    );
    assert_eq!(
        i.get_attribute("aria-invalid").as_deref(),
        Some(if case.error.is_some() {
            "true"
        } else {
            "false"
        }),
        "{name}: {label}: aria-invalid"
    );
    let uncaught_errors = uncaught.take();
    assert!(
        uncaught_errors.is_empty(),
        "{name}: {label}: uncaught {uncaught_errors:?}"
    );
    assert_eq!(
        element_count(&t),
        nodes,
        "{name}: {label}: no element added"
    );
    assert!(
        t.query_selector("script, img, svg, iframe")
            .expect("query")
            .is_none(),
        "{name}: {label}: no markup interpreted"
    );
    let messages = t.text_content().unwrap_or_default();
    assert!(
        !messages.contains("script") && !messages.contains('\u{0}'),
        "{name}: {label}: the input is never echoed in messages"
    );

    // The field still answers: emptied and typed into, it formats as usual.
    field.clear();
    i.focus().expect("focus");
    let (typed, shown) = match name {
        "number" => ("42424", "4242 4"),
        "expiry" => ("4", "04 / "),
        _ => ("73", "73"),
    };
    type_text(&i, typed);
    assert_eq!(i.value(), shown, "{name}: {label}: answers after");
    assert_eq!(
        at(&field.get_state(), &["fields", name, "empty"]).as_bool(),
        Some(false),
        "{name}: {label}: state follows"
    );
    assert!(uncaught.take().is_empty(), "{name}: {label}: clean after");
    drop(uncaught);
    field.destroy();
    t.remove();
    took
}

async fn run_all(name: &str, cases: Vec<Case>) {
    let mut slowest = (0.0, "");
    for c in &cases {
        let took = run(name, c).await;
        console_log!("{name}: {took:.1} ms: {}", c.name);
        if took > slowest.0 {
            slowest = (took, c.name);
        }
    }
    console_log!(
        "{name}: {} hostile cases; slowest handled in {:.1} ms ({})",
        cases.len(),
        slowest.0,
        slowest.1
    );
}

#[wasm_bindgen_test]
async fn hostile_input_in_the_number_field() {
    run_all("number", number_cases()).await;
}

#[wasm_bindgen_test]
async fn hostile_input_in_the_expiry_field() {
    run_all("expiry", expiry_cases()).await;
}

#[wasm_bindgen_test]
async fn hostile_input_in_the_security_code_field() {
    run_all("cvc", cvc_cases()).await;
}

#[wasm_bindgen_test]
fn the_catalogue_has_at_least_thirty_cases() {
    let n = number_cases().len() + expiry_cases().len() + cvc_cases().len();
    assert!(n >= 30, "{n} cases");
}

/// Hostile input one after another into one field, with no clearing in between: the state
/// always follows the value shown, and the number can then be corrected and completed.
#[wasm_bindgen_test]
async fn a_barrage_into_one_field_then_a_real_card() {
    let (t, field) = mount();
    let uncaught = Uncaught::watch();
    let n = input(&t, "number");
    n.focus().expect("focus");
    let barrage: Vec<JsString> = vec![
        JsString::from("4242 ".repeat(200_000).as_str()),
        JsString::from_char_code(&[0xD800, 0x0034, 0xDC00, 0x0000, 0x202E]),
        JsString::from("<script>document.title='x'</script>"),
        JsString::from("٤٣٤٣"),
    ];
    for text in &barrage {
        let len = js_value(&n).length();
        let caret = n.selection_start().ok().flatten().unwrap_or(len);
        n.set_selection_range(caret / 2, caret).expect("select");
        before_input(&n, "insertFromPaste", Some(text));
        let shown = n.value();
        let digits = shown.chars().filter(char::is_ascii_digit).count();
        assert!(digits <= 19, "cut to the longest number");
        let verdict = sealcard::validate_number(&shown);
        let state = field.get_state();
        assert_eq!(
            at(&state, &["fields", "number", "valid"]).as_bool(),
            Some(verdict.valid),
            "the state follows the value"
        );
    }
    assert_ne!(doc().title(), "x");
    n.set_selection_range(0, js_value(&n).length())
        .expect("select all");
    before_input(
        &n,
        "insertFromPaste",
        Some(&JsString::from("4343 4343 4343 4345")),
    );
    type_text(&input(&t, "expiry"), "1240");
    type_text(&input(&t, "cvc"), "123");
    assert_eq!(
        get(&field.get_state(), "complete").as_bool(),
        Some(true),
        "a real card completes the form"
    );
    assert!(uncaught.take().is_empty());
    drop(uncaught);
    field.destroy();
}
