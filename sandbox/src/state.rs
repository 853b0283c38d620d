//! The state every origin of one sandbox shares.

use std::collections::hash_map::RandomState;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use tokio::sync::watch;

use crate::config::{Config, Origins};
use crate::cors::CorsPolicy;
use crate::faults::Faults;
use crate::log::Log;
use crate::rate_limit::RateLimiter;
use crate::store::Store;

/// One sandbox's state.
#[derive(Debug)]
pub struct App {
    /// The accepted public key.
    pub public_key: String,
    /// The accepted secret key.
    pub secret_key: String,
    /// The URLs and origins of this sandbox.
    pub origins: Origins,
    /// Who may call the API from a browser.
    pub cors: Arc<CorsPolicy>,
    /// Stored objects.
    pub store: Store,
    /// Armed faults.
    pub faults: Faults,
    /// The per-key rate limit.
    pub limiter: RateLimiter,
    /// Random keys for idempotency fingerprints.
    pub hash_keys: RandomState,
    /// Where lines go.
    pub log: Log,
    /// Requests served by the API origin.
    pub requests: AtomicU64,
    /// Payment methods created.
    pub tokenizations: AtomicU64,
    /// Bumped to make every idle API connection close (when a `drop` fault is armed).
    pub drain: watch::Sender<u64>,
}

impl App {
    /// The state for `config`, once its listeners are bound.
    pub fn new(config: &Config, origins: Origins) -> App {
        let mut allowed = config.cors_origins.clone();
        allowed.extend(origins.merchant.iter().cloned());
        allowed.extend(origins.frame.iter().cloned());
        App {
            public_key: config.public_key.clone(),
            secret_key: config.secret_key.clone(),
            cors: Arc::new(CorsPolicy::new(allowed, config.cors_loopback)),
            origins,
            store: Store::new(config.ttl, config.max_objects),
            faults: Faults::default(),
            limiter: RateLimiter::new(config.rate_limit),
            hash_keys: RandomState::new(),
            log: config.log.clone(),
            requests: AtomicU64::new(0),
            tokenizations: AtomicU64::new(0),
            drain: watch::Sender::new(0),
        }
    }
}
