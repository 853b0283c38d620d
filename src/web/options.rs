//! Reading and checking what the merchant passes: the configuration of `loadSealCard` and the
//! options of `mount` / `update`.

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use crate::jsobj::{get, set};
use crate::search::contains_ignore_ascii_case;
use crate::{check_endpoint, parse_public_key, Accepted, BrandId, ErrorCode, KeyMode, Locale};

/// PayMongo's API.
pub const DEFAULT_API_BASE: &str = "https://api.paymongo.com/v1";
/// How long a request may take before it fails with `timeout`.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

/// A configuration or option error: a code and, for `invalid_option`, which option.
#[derive(Debug)]
pub struct OptionError {
    /// The code (`invalid_public_key`, `secret_key_forbidden`, `invalid_option`…).
    pub code: ErrorCode,
    /// For `invalid_option`: what is wrong, naming the option.
    pub detail: Option<&'static str>,
}

impl OptionError {
    fn code(code: ErrorCode) -> Self {
        OptionError { code, detail: None }
    }

    fn option(detail: &'static str) -> Self {
        OptionError {
            code: ErrorCode::InvalidOption,
            detail: Some(detail),
        }
    }

    /// A JS `Error` carrying `type`, `code` and `retryable`, to throw or reject with.
    pub fn to_js(&self, locale: Locale) -> JsValue {
        let text = self
            .detail
            .unwrap_or_else(|| crate::message(self.code, locale));
        let e = js_sys::Error::new(text);
        e.set_name("SealCardError");
        set(&e, "type", self.code.error_type().as_str());
        set(&e, "code", self.code.code());
        set(&e, "retryable", false);
        e.into()
    }
}

/// The checked configuration.
#[derive(Debug)]
pub struct Config {
    pub public_key: String,
    pub api_base: String,
    pub locale: Locale,
    pub accepted: Accepted,
    pub timeout_ms: u32,
    pub messages: Vec<(ErrorCode, String)>,
}

fn optional_string(
    v: &JsValue,
    key: &str,
    err: &'static str,
) -> Result<Option<String>, OptionError> {
    let x = get(v, key);
    if x.is_undefined() || x.is_null() {
        return Ok(None);
    }
    x.as_string().map(Some).ok_or(OptionError::option(err))
}

/// Reads `{ publicKey, apiBase?, locale?, acceptedBrands?, timeout?, messages? }`. The key is
/// checked first: a secret key is refused before anything else is looked at.
pub fn read_config(v: &JsValue, secure_page: bool) -> Result<Config, OptionError> {
    if !v.is_object() {
        return Err(OptionError::code(ErrorCode::InvalidPublicKey));
    }
    let key = get(v, "publicKey")
        .as_string()
        .ok_or(OptionError::code(ErrorCode::InvalidPublicKey))?;
    let mode: KeyMode = parse_public_key(&key).map_err(OptionError::code)?;
    let base = optional_string(v, "apiBase", "apiBase must be a string URL")?
        .unwrap_or_else(|| DEFAULT_API_BASE.to_string());
    let api_base = normalize_base(&base)?;
    check_endpoint(mode, &api_base, secure_page).map_err(OptionError::code)?;
    let locale = read_locale(v)?.unwrap_or_default();
    let accepted = read_accepted(v)?;
    let timeout = get(v, "timeout");
    let timeout_ms = if timeout.is_undefined() {
        DEFAULT_TIMEOUT_MS
    } else {
        match timeout.as_f64() {
            Some(ms) if ms.is_finite() && (1.0..=600_000.0).contains(&ms) => ms as u32,
            _ => {
                return Err(OptionError::option(
                    "timeout must be a number of milliseconds, 1 to 600000",
                ))
            }
        }
    };
    Ok(Config {
        public_key: key,
        api_base,
        locale,
        accepted,
        timeout_ms,
        messages: read_messages(&get(v, "messages"))?,
    })
}

/// The API base as the browser's URL parser prints it, without a trailing slash.
fn normalize_base(base: &str) -> Result<String, OptionError> {
    let url = web_sys::Url::new(base).map_err(|_| OptionError::code(ErrorCode::InvalidApiBase))?;
    let mut href = url.href();
    if !url.search().is_empty() || !url.hash().is_empty() {
        return Err(OptionError::code(ErrorCode::InvalidApiBase));
    }
    while href.ends_with('/') {
        href.pop();
    }
    Ok(href)
}

pub fn read_locale(v: &JsValue) -> Result<Option<Locale>, OptionError> {
    Ok(
        optional_string(v, "locale", "locale must be a string such as 'en' or 'fil'")?
            .and_then(|tag| Locale::parse(&tag)),
    )
}

fn read_accepted(v: &JsValue) -> Result<Accepted, OptionError> {
    const ERR: &str = "acceptedBrands must be an array of brand ids such as 'visa'";
    let list = get(v, "acceptedBrands");
    if list.is_undefined() || list.is_null() {
        return Ok(Accepted::DEFAULT);
    }
    if !Array::is_array(&list) {
        return Err(OptionError::option(ERR));
    }
    let mut ids = Vec::new();
    for item in Array::from(&list).iter() {
        let id = item
            .as_string()
            .and_then(|s| BrandId::parse(&s))
            .ok_or(OptionError::option(ERR))?;
        ids.push(id);
    }
    if ids.is_empty() {
        return Err(OptionError::option(ERR));
    }
    Ok(Accepted::of(ids))
}

/// Reads `{ [code]: message }` overrides.
pub fn read_messages(v: &JsValue) -> Result<Vec<(ErrorCode, String)>, OptionError> {
    const ERR: &str = "messages must map error codes to strings";
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !v.is_object() {
        return Err(OptionError::option(ERR));
    }
    let mut out = Vec::new();
    for entry in Object::entries(v.unchecked_ref()).iter() {
        let pair = Array::from(&entry);
        let code = pair.get(0).as_string().and_then(|c| ErrorCode::parse(&c));
        let text = pair.get(1).as_string();
        match (code, text) {
            (Some(code), Some(text)) => out.push((code, text)),
            _ => return Err(OptionError::option(ERR)),
        }
    }
    Ok(out)
}

/// The texts a merchant may override per field.
#[derive(Debug, Default, Clone)]
pub struct FieldTexts {
    pub number: Option<String>,
    pub expiry: Option<String>,
    pub cvc: Option<String>,
    pub name: Option<String>,
}

fn read_texts(v: &JsValue, err: &'static str) -> Result<FieldTexts, OptionError> {
    if v.is_undefined() || v.is_null() {
        return Ok(FieldTexts::default());
    }
    if !v.is_object() {
        return Err(OptionError::option(err));
    }
    Ok(FieldTexts {
        number: optional_string(v, "number", err)?,
        expiry: optional_string(v, "expiry", err)?,
        cvc: optional_string(v, "cvc", err)?,
        name: optional_string(v, "name", err)?,
    })
}

/// The style keys and the CSS custom property each sets.
pub const STYLE_KEYS: [(&str, &str); 13] = [
    ("color", "--sealcard-color"),
    ("backgroundColor", "--sealcard-background"),
    ("borderColor", "--sealcard-border-color"),
    ("borderRadius", "--sealcard-border-radius"),
    ("errorColor", "--sealcard-error-color"),
    ("focusColor", "--sealcard-focus-color"),
    ("labelColor", "--sealcard-label-color"),
    ("placeholderColor", "--sealcard-placeholder-color"),
    ("fontFamily", "--sealcard-font-family"),
    ("fontSize", "--sealcard-font-size"),
    ("fontWeight", "--sealcard-font-weight"),
    ("padding", "--sealcard-padding"),
    ("spacing", "--sealcard-spacing"),
];

/// Options of `mount` and `update`.
#[derive(Debug, Default, Clone)]
pub struct MountOptions {
    /// `(custom property, value)` pairs from `style`.
    pub style: Vec<(&'static str, String)>,
    pub labels: FieldTexts,
    pub placeholders: FieldTexts,
    /// Show the cardholder-name field.
    pub show_name: bool,
    pub locale: Option<Locale>,
    pub messages: Vec<(ErrorCode, String)>,
}

/// A CSS value that cannot break out of its declaration or fetch anything.
fn safe_css_value(value: &str) -> bool {
    value.len() <= 200
        && !value
            .chars()
            .any(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\' | '@') || c.is_control())
        && !["url(", "image", "expression"]
            .iter()
            .any(|word| contains_ignore_ascii_case(value, word))
}

/// Reads `{ style?, labels?, placeholders?, showName?, locale?, messages? }`.
pub fn read_mount_options(v: &JsValue) -> Result<MountOptions, OptionError> {
    if v.is_undefined() || v.is_null() {
        return Ok(MountOptions::default());
    }
    if !v.is_object() {
        return Err(OptionError::option("mount options must be an object"));
    }
    let mut style = Vec::new();
    let s = get(v, "style");
    if !s.is_undefined() && !s.is_null() {
        const ERR: &str = "style values must be plain CSS values (no url(), no ';')";
        if !s.is_object() {
            return Err(OptionError::option(ERR));
        }
        for (key, prop) in STYLE_KEYS {
            if let Some(value) = optional_string(&s, key, ERR)? {
                if !safe_css_value(&value) {
                    return Err(OptionError::option(ERR));
                }
                style.push((prop, value));
            }
        }
    }
    let show_name = get(v, "showName");
    Ok(MountOptions {
        style,
        labels: read_texts(&get(v, "labels"), "labels must map field names to strings")?,
        placeholders: read_texts(
            &get(v, "placeholders"),
            "placeholders must map field names to strings",
        )?,
        show_name: show_name.as_bool().unwrap_or(false),
        locale: read_locale(v)?,
        messages: read_messages(&get(v, "messages"))?,
    })
}
