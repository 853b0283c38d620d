//! The configuration of the card fields (`loadSealCard`'s options), read from the merchant's
//! object and checked in order: the key first — a secret key is refused before anything else
//! is looked at — then the API base, the language, the accepted brands, the timeout and the
//! message overrides. A wrong value throws the `SealCardError` the merchant sees.
//!
//! The options are read property by property with `Reflect.get` (a throwing getter reads as
//! absent), not deserialised: serde's deserialiser would bring its error formatting into the
//! wasm for a handful of fields.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::js::{self, config_error};
use crate::{
    check_endpoint, parse_public_key, Accepted, BrandId, ErrorCode, KeyMode, Locale, Messages,
};

/// PayMongo's API.
pub const DEFAULT_API_BASE: &str = "https://api.paymongo.com/v1";
/// How long a request may take before it fails with `timeout`, by default.
const DEFAULT_TIMEOUT_MS: u32 = 20_000;
/// The longest timeout accepted.
const MAX_TIMEOUT_MS: f64 = 600_000.0;

/// The options of the configuration that are checked here, past the key: each says what it
/// must be when it is wrong.
#[derive(Clone, Copy)]
enum Opt {
    ApiBase,
    Locale,
    AcceptedBrands,
    Timeout,
    Messages,
}

impl Opt {
    /// The option's name.
    fn key(self) -> &'static str {
        match self {
            Opt::ApiBase => "apiBase",
            Opt::Locale => "locale",
            Opt::AcceptedBrands => "acceptedBrands",
            Opt::Timeout => "timeout",
            Opt::Messages => "messages",
        }
    }

    /// The `invalid_option` error for a wrong value.
    fn error(self) -> JsValue {
        let message = match self {
            Opt::ApiBase => "apiBase must be a string URL",
            Opt::Locale => "locale must be a string such as 'en' or 'fil'",
            Opt::AcceptedBrands => "acceptedBrands must be an array of brand ids such as 'visa'",
            Opt::Timeout => "timeout must be a number of milliseconds, 1 to 600000",
            Opt::Messages => "messages must map error codes to strings",
        };
        config_error(ErrorCode::InvalidOption, Some(message))
    }
}

/// `options[key]`; `None` when absent, `null`, or its getter throws.
pub fn get(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// A string option: `Ok(None)` when absent, an `invalid_option` error when not a string.
fn string(options: &JsValue, opt: Opt) -> Result<Option<String>, JsValue> {
    match get(options, opt.key()) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| opt.error()),
    }
}

/// The language of a `locale` option (`fil`, `tl`… Filipino, any other tag English); `None`
/// when absent or empty.
pub fn locale(options: &JsValue) -> Result<Option<Locale>, JsValue> {
    Ok(string(options, Opt::Locale)?
        .as_deref()
        .and_then(Locale::parse))
}

/// A `messages` option (`{ [code]: text }`): the overrides, in the object's order.
pub fn messages(options: &JsValue) -> Result<Vec<(ErrorCode, String)>, JsValue> {
    let Some(map) = get(options, Opt::Messages.key()) else {
        return Ok(Vec::new());
    };
    if !map.is_object() {
        return Err(Opt::Messages.error());
    }
    let mut overrides = Vec::new();
    for entry in Object::entries(map.unchecked_ref()).iter() {
        // Each entry is a `[key, value]` array.
        let pair: Array = entry.unchecked_into();
        let code = pair
            .get(0)
            .as_string()
            .as_deref()
            .and_then(ErrorCode::parse);
        match (code, pair.get(1).as_string()) {
            (Some(code), Some(text)) => overrides.push((code, text)),
            _ => return Err(Opt::Messages.error()),
        }
    }
    Ok(overrides)
}

/// The configuration of one card form.
pub struct Config {
    pub(super) public_key: String,
    pub(super) mode: KeyMode,
    pub(super) api_base: String,
    pub(super) accepted: Accepted,
    pub(super) timeout_ms: u32,
    pub(super) messages: Messages,
}

/// Checks a configuration without mounting fields: throws the error mounting would.
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(options: &JsValue) -> Result<(), JsValue> {
    Config::read(options).map(drop)
}

impl Config {
    /// Reads `{ publicKey, apiBase?, locale?, acceptedBrands?, timeout?, messages? }`.
    /// The error is a `SealCardError`: `secret_key_forbidden`, `invalid_public_key`,
    /// `invalid_api_base`, `insecure_endpoint`, `insecure_context` or `invalid_option`.
    pub fn read(options: &JsValue) -> Result<Config, JsValue> {
        let key = get(options, "publicKey")
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        let mode = parse_public_key(&key).map_err(|code| config_error(code, None))?;
        let api_base = api_base(mode, string(options, Opt::ApiBase)?.as_deref())?;
        let locale = locale(options)?.unwrap_or_default();
        let accepted = accepted(get(options, Opt::AcceptedBrands.key()))?;
        let timeout_ms = match Reflect::get(options, &Opt::Timeout.key().into()).ok() {
            None => DEFAULT_TIMEOUT_MS,
            Some(v) if v.is_undefined() => DEFAULT_TIMEOUT_MS,
            Some(v) => match v.as_f64() {
                Some(ms) if (1.0..=MAX_TIMEOUT_MS).contains(&ms) => ms as u32,
                _ => return Err(Opt::Timeout.error()),
            },
        };
        let overrides = messages(options)?;
        Ok(Config {
            public_key: key,
            mode,
            api_base,
            accepted,
            timeout_ms,
            messages: Messages {
                locale,
                overrides,
                ..Messages::default()
            },
        })
    }
}

/// The API base (PayMongo's when `None`), as the browser's URL parser prints it, without a
/// trailing slash: `invalid_api_base` when it is not a URL or has a query or fragment;
/// `insecure_endpoint` / `insecure_context` by the key and endpoint rules.
fn api_base(mode: KeyMode, given: Option<&str>) -> Result<String, JsValue> {
    let invalid = || config_error(ErrorCode::InvalidApiBase, None);
    let url = web_sys::Url::new(given.unwrap_or(DEFAULT_API_BASE)).map_err(|_| invalid())?;
    let href = url.href();
    // No query or fragment, not even an empty one: the API's paths are appended to the base.
    if href.bytes().any(|b| b == b'?' || b == b'#') {
        return Err(invalid());
    }
    let mut base = href.as_str();
    while let Some(shorter) = base.strip_suffix('/') {
        base = shorter;
    }
    let secure_page = js::window().is_secure_context();
    check_endpoint(mode, base, secure_page).map_err(|code| config_error(code, None))?;
    Ok(base.to_string())
}

/// The accepted brands from their ids (absent: Visa and Mastercard, PayMongo's default). An
/// unknown id, a non-string or an empty list is `invalid_option`.
fn accepted(ids: Option<JsValue>) -> Result<Accepted, JsValue> {
    let Some(ids) = ids else {
        return Ok(Accepted::DEFAULT);
    };
    let ids = ids
        .dyn_into::<Array>()
        .map_err(|_| Opt::AcceptedBrands.error())?;
    let mut brands = Vec::new();
    for id in ids.iter() {
        match id.as_string().as_deref().and_then(BrandId::parse) {
            Some(brand) => brands.push(brand),
            None => return Err(Opt::AcceptedBrands.error()),
        }
    }
    if brands.is_empty() {
        return Err(Opt::AcceptedBrands.error());
    }
    Ok(Accepted::of(brands))
}
