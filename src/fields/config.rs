//! The configuration of the card fields (`loadSealCard`'s options), checked as it is given:
//! the key first — a secret key is refused before anything else is looked at — then the API
//! base, the language, the accepted brands, the timeout and the message overrides. Each setter
//! takes the option already typed by the view (a string, a list of strings, a number); a wrong
//! value throws the `SealCardError` the merchant sees.

use wasm_bindgen::prelude::*;

use super::js::config_error;
use crate::{
    check_endpoint, parse_public_key, Accepted, BrandId, ErrorCode, KeyMode, Locale, Messages,
};

/// PayMongo's API.
pub const DEFAULT_API_BASE: &str = "https://api.paymongo.com/v1";
/// How long a request may take before it fails with `timeout`, by default.
const DEFAULT_TIMEOUT_MS: u32 = 20_000;
/// The longest timeout accepted.
const MAX_TIMEOUT_MS: f64 = 600_000.0;

/// The message of an `invalid_option` error for the configuration option `key`.
fn option_message(key: &str) -> &'static str {
    match key {
        "apiBase" => "apiBase must be a string URL",
        "locale" => "locale must be a string such as 'en' or 'fil'",
        "acceptedBrands" => "acceptedBrands must be an array of brand ids such as 'visa'",
        "timeout" => "timeout must be a number of milliseconds, 1 to 600000",
        "messages" => "messages must map error codes to strings",
        _ => "an option is not valid",
    }
}

/// The `invalid_option` error for the configuration option `key` (`apiBase`, `locale`,
/// `acceptedBrands`, `timeout`, `messages`), for the view to throw when an option has the
/// wrong type.
#[wasm_bindgen(js_name = optionError)]
pub fn option_error(key: &str) -> JsValue {
    config_error(ErrorCode::InvalidOption, Some(option_message(key)))
}

/// The configuration of one card form.
#[wasm_bindgen]
pub struct Config {
    pub(super) public_key: String,
    pub(super) mode: KeyMode,
    pub(super) api_base: String,
    pub(super) accepted: Accepted,
    pub(super) timeout_ms: u32,
    pub(super) messages: Messages,
}

fn secure_page() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

#[wasm_bindgen]
impl Config {
    /// Checks `publicKey` (a secret key is `secret_key_forbidden`, anything else not a public
    /// key `invalid_public_key`), with PayMongo's API as the base and the defaults.
    #[wasm_bindgen(constructor)]
    pub fn new(public_key: Option<String>) -> Result<Config, JsValue> {
        let key = public_key.unwrap_or_default();
        let mode = parse_public_key(&key).map_err(|code| config_error(code, None))?;
        let mut config = Config {
            public_key: key,
            mode,
            api_base: String::new(),
            accepted: Accepted::DEFAULT,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            messages: Messages::default(),
        };
        config.set_api_base(None)?;
        Ok(config)
    }

    /// Sets the API base (PayMongo's when `None`), as the browser's URL parser prints it,
    /// without a trailing slash: `invalid_api_base` when it is not a URL or has a query or
    /// fragment; `insecure_endpoint` / `insecure_context` by the key and endpoint rules.
    #[wasm_bindgen(js_name = setApiBase)]
    pub fn set_api_base(&mut self, api_base: Option<String>) -> Result<(), JsValue> {
        let given = api_base.as_deref().unwrap_or(DEFAULT_API_BASE);
        let invalid = || config_error(ErrorCode::InvalidApiBase, None);
        let url = web_sys::Url::new(given).map_err(|_| invalid())?;
        if !url.search().is_empty() || !url.hash().is_empty() {
            return Err(invalid());
        }
        let href = url.href();
        let base = href.trim_end_matches('/');
        check_endpoint(self.mode, base, secure_page()).map_err(|code| config_error(code, None))?;
        self.api_base = base.to_string();
        Ok(())
    }

    /// Sets the language from a BCP 47 tag (`fil`, `tl`… are Filipino, anything else
    /// English); `None` or an empty tag keeps English.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&mut self, tag: Option<String>) {
        self.messages.locale = tag.as_deref().and_then(Locale::parse).unwrap_or_default();
    }

    /// Sets the accepted brands from their ids (`None`: Visa and Mastercard, PayMongo's
    /// default). An unknown id or an empty list is `invalid_option`.
    #[wasm_bindgen(js_name = setAcceptedBrands)]
    pub fn set_accepted_brands(&mut self, ids: Option<Vec<String>>) -> Result<(), JsValue> {
        let Some(ids) = ids else {
            self.accepted = Accepted::DEFAULT;
            return Ok(());
        };
        let parsed: Option<Vec<BrandId>> = ids.iter().map(|id| BrandId::parse(id)).collect();
        match parsed {
            Some(list) if !list.is_empty() => {
                self.accepted = Accepted::of(list);
                Ok(())
            }
            _ => Err(option_error("acceptedBrands")),
        }
    }

    /// Sets the timeout of each request, in milliseconds (1 to 600 000; `None`: 20 000).
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(&mut self, ms: Option<f64>) -> Result<(), JsValue> {
        match ms {
            None => self.timeout_ms = DEFAULT_TIMEOUT_MS,
            Some(ms) if (1.0..=MAX_TIMEOUT_MS).contains(&ms) => self.timeout_ms = ms as u32,
            Some(_) => return Err(option_error("timeout")),
        }
        Ok(())
    }

    /// Overrides the message of the error `code`; an unknown code is `invalid_option`.
    #[wasm_bindgen(js_name = setMessage)]
    pub fn set_message(&mut self, code: &str, text: String) -> Result<(), JsValue> {
        let code = ErrorCode::parse(code).ok_or_else(|| option_error("messages"))?;
        self.messages.overrides.retain(|(c, _)| *c != code);
        self.messages.overrides.push((code, text));
        Ok(())
    }
}
