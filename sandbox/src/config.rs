//! What the sandbox is started with, and the origins derived from it once the ports are bound.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::log::Log;

/// The demo's origins, allowed by CORS unless others are configured.
pub const DEFAULT_CORS_ORIGINS: [&str; 4] = [
    "http://localhost:8080",
    "http://localhost:8081",
    "http://127.0.0.1:8080",
    "http://127.0.0.1:8081",
];

/// A static origin to serve: a port and the directory whose files it serves.
#[derive(Clone, Debug)]
pub struct Site {
    /// The port (0: any free port).
    pub port: u16,
    /// The directory served; a missing one is reported and served as empty.
    pub dir: PathBuf,
}

/// How to start the sandbox. `Default` is the command line's defaults.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address every origin listens on (default `127.0.0.1`).
    pub host: IpAddr,
    /// The API's port (default 8082; 0: any free port).
    pub api_port: u16,
    /// The public key accepted (default `pk_test_sandbox`); must be a `pk_test_` key.
    pub public_key: String,
    /// The secret key accepted (default `sk_test_sandbox`); must be an `sk_test_` key.
    pub secret_key: String,
    /// Origins allowed by CORS, matched exactly (default [`DEFAULT_CORS_ORIGINS`]). The merchant
    /// and frame origins served by this process are always added.
    pub cors_origins: Vec<String>,
    /// Also allow any `http(s)` origin on loopback (`localhost`, `127.0.0.0/8`, `[::1]`), any port.
    pub cors_loopback: bool,
    /// Requests per second allowed per API key; 0 turns the limit off (default 100).
    pub rate_limit: u32,
    /// How long payment methods, intents and idempotency records are kept (default 24 h).
    pub ttl: Duration,
    /// The most objects kept in all; the oldest go first (default 100 000).
    pub max_objects: usize,
    /// The base URL the 3-D Secure redirect URLs use (default: the API's own address, with
    /// `localhost` for `127.0.0.1`).
    pub public_url: Option<String>,
    /// Serve the demo merchant origin (static files and the merchant back end).
    pub merchant: Option<Site>,
    /// Serve the fields-frame origin (static files).
    pub frame: Option<Site>,
    /// The built sealcard files (`dist/`) the merchant origin also serves, under `/sealcard/`
    /// and as `/sealcard.js`, as a shop that hosts them itself does.
    pub merchant_assets: Option<PathBuf>,
    /// Where request lines and warnings go.
    pub log: Log,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            api_port: 8082,
            public_key: "pk_test_sandbox".into(),
            secret_key: "sk_test_sandbox".into(),
            cors_origins: DEFAULT_CORS_ORIGINS.iter().map(|s| s.to_string()).collect(),
            cors_loopback: false,
            rate_limit: 100,
            ttl: Duration::from_secs(86_400),
            max_objects: 100_000,
            public_url: None,
            merchant: None,
            frame: None,
            merchant_assets: None,
            log: Log::stderr(),
        }
    }
}

impl Config {
    /// Checks what cannot work, before anything is bound.
    pub(crate) fn check(&self) -> anyhow::Result<()> {
        if !self.public_key.starts_with("pk_test_") || self.public_key.len() <= 8 {
            anyhow::bail!("the public key must be a test key (pk_test_…)");
        }
        if !self.secret_key.starts_with("sk_test_") || self.secret_key.len() <= 8 {
            anyhow::bail!("the secret key must be a test key (sk_test_…)");
        }
        if self.max_objects == 0 {
            anyhow::bail!("max objects must be at least 1");
        }
        if self.ttl.is_zero() {
            anyhow::bail!("the TTL must be positive");
        }
        if let Some(url) = &self.public_url {
            if origin_of(url).is_none() {
                anyhow::bail!("the public URL must be an http:// or https:// URL");
            }
        }
        Ok(())
    }
}

/// The origins and URLs of a started sandbox, from the config and the bound addresses.
#[derive(Clone, Debug)]
pub(crate) struct Origins {
    /// The API base without `/v1` and without a trailing slash.
    pub public_url: String,
    /// The API origin, and its loopback alias when it has one.
    pub api: Vec<String>,
    /// The merchant origins (empty when not served).
    pub merchant: Vec<String>,
    /// The frame origins (empty when not served).
    pub frame: Vec<String>,
}

impl Origins {
    pub fn new(
        config: &Config,
        api: SocketAddr,
        merchant: Option<SocketAddr>,
        frame: Option<SocketAddr>,
    ) -> Origins {
        let public_url = match &config.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => url_of(api),
        };
        let api_origin = origin_of(&public_url).unwrap_or_else(|| url_of(api));
        Origins {
            api: with_alias(&api_origin),
            merchant: merchant.map(|a| with_alias(&url_of(a))).unwrap_or_default(),
            frame: frame.map(|a| with_alias(&url_of(a))).unwrap_or_default(),
            public_url,
        }
    }
}

/// `http://host:port` for a bound address, naming `127.0.0.1` and unspecified hosts `localhost`.
pub(crate) fn url_of(addr: SocketAddr) -> String {
    let ip = addr.ip();
    if ip == IpAddr::V4(Ipv4Addr::LOCALHOST) || ip.is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        // `SocketAddr` prints IPv6 hosts in brackets, as URLs want them.
        format!("http://{addr}")
    }
}

/// The origin (`scheme://authority`) of an `http:` or `https:` URL.
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let scheme_len = url.len() - rest.len();
    Some(format!("{}{}", url.get(..scheme_len)?, authority))
}

/// An origin, and its twin with `localhost` and `127.0.0.1` swapped when it has either host.
fn with_alias(origin: &str) -> Vec<String> {
    let mut out = vec![origin.to_string()];
    if let Some(port) = origin.strip_prefix("http://localhost:") {
        out.push(format!("http://127.0.0.1:{port}"));
    } else if let Some(port) = origin.strip_prefix("http://127.0.0.1:") {
        out.push(format!("http://localhost:{port}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_urls() {
        assert_eq!(
            origin_of("http://localhost:8082/v1").as_deref(),
            Some("http://localhost:8082")
        );
        assert_eq!(
            origin_of("https://pay.example/x?y").as_deref(),
            Some("https://pay.example")
        );
        assert_eq!(origin_of("ftp://x"), None);
        assert_eq!(origin_of("http://user@host"), None);
        assert_eq!(origin_of("http://"), None);
    }

    #[test]
    fn bound_addresses_read_as_localhost() {
        let a: SocketAddr = "127.0.0.1:8082".parse().unwrap();
        assert_eq!(url_of(a), "http://localhost:8082");
        let b: SocketAddr = "[::1]:9".parse().unwrap();
        assert_eq!(url_of(b), "http://[::1]:9");
        assert_eq!(
            with_alias("http://localhost:1"),
            ["http://localhost:1", "http://127.0.0.1:1"]
        );
    }

    #[test]
    fn live_keys_are_refused() {
        let config = Config {
            public_key: "pk_live_x".into(),
            ..Config::default()
        };
        assert!(config.check().is_err());
        assert!(Config::default().check().is_ok());
    }
}
