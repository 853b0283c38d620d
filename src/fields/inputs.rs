//! The card inputs, read and written through web-sys: their texts, the selection, and the
//! new text with its caret after an edit.

use web_sys::HtmlInputElement;

use super::FieldId;

/// The inputs of one card form (the name only when shown).
pub struct Inputs {
    pub number: HtmlInputElement,
    pub expiry: HtmlInputElement,
    pub cvc: HtmlInputElement,
    pub name: Option<HtmlInputElement>,
}

impl Inputs {
    /// The input of `field`.
    pub fn get(&self, field: FieldId) -> Option<&HtmlInputElement> {
        match field {
            FieldId::Number => Some(&self.number),
            FieldId::Expiry => Some(&self.expiry),
            FieldId::Cvc => Some(&self.cvc),
            FieldId::Name => self.name.as_ref(),
        }
    }

    /// Empties every input.
    pub fn clear(&self) {
        for input in [&self.number, &self.expiry, &self.cvc]
            .into_iter()
            .chain(self.name.as_ref())
        {
            input.set_value("");
        }
    }
}

/// The selection of `input` in UTF-16 units, ordered; the end of the text when unknown.
pub fn selection(input: &HtmlInputElement, len: usize) -> (usize, usize) {
    let at = |v: Result<Option<u32>, _>| v.ok().flatten().map(|v| v as usize);
    let start = at(input.selection_start()).unwrap_or(len);
    let end = at(input.selection_end()).unwrap_or(start);
    (start.min(end), start.max(end))
}

/// Whether `input` has the focus.
pub fn is_focused(input: &HtmlInputElement) -> bool {
    let active = input.owner_document().and_then(|d| d.active_element());
    let element: &web_sys::Element = input.as_ref();
    active.is_some_and(|a| a == *element)
}

/// Shows `value` in `input`, whose text was `old`, with the caret at `caret`. Only a focused
/// input's caret moves: setting it elsewhere would steal the focus in some browsers.
pub fn show(input: &HtmlInputElement, old: &str, value: &str, caret: usize) {
    if old != value {
        input.set_value(value);
    }
    if is_focused(input) {
        let _ = input.set_selection_range(caret as u32, caret as u32);
    }
}

/// Whether the caret of `input` (text `value`) sits at its end with nothing selected.
pub fn caret_at_end(input: &HtmlInputElement, value: &str) -> bool {
    let len = value.encode_utf16().count();
    selection(input, len) == (len, len)
}
