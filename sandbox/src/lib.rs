//! sealcard-sandbox: a local stand-in for the PayMongo API, for demos, tests and merchants' CI.
//!
//! It answers `POST /v1/payment_methods`, `POST /v1/payment_intents`,
//! `POST /v1/payment_intents/{id}/attach` and `GET /v1/payment_intents/{id}` with PayMongo's
//! envelopes, status codes and error objects; it knows PayMongo's test cards (3-D Secure
//! included, with a test page to authorize or fail), validates cards with the same Rust core as
//! the widget (`sealcard`), and stores only what the real API returns — never a card number or
//! security code. For tests it adds CORS, `Idempotency-Key`, a per-key rate limit, bounded
//! memory, and fault injection on a loopback-only admin path. Optionally it also serves the
//! demo's merchant origin (with a merchant back end) and the fields-frame origin.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let running = sealcard_sandbox::start(sealcard_sandbox::Config {
//!     api_port: 0, // any free port
//!     ..Default::default()
//! })
//! .await?;
//! println!("API at {}/v1", running.public_url());
//! running.shutdown().await;
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod admin;
mod api;
mod auth;
mod cards;
mod clock;
mod config;
mod connection;
mod cors;
mod error;
mod faults;
mod idempotency;
mod ids;
mod intent;
mod json;
mod log;
mod payment_intent;
mod payment_method;
mod rate_limit;
mod server;
mod sites;
mod state;
mod store;
mod three_ds;

pub use admin::Stats;
pub use cards::{Decline, Outcome, TestCard, TEST_CARDS};
pub use config::{Config, Site, DEFAULT_CORS_ORIGINS};
pub use faults::{FaultEndpoint, FaultKind, FaultSpec};
pub use log::{Log, LogBuffer};
pub use server::{start, Running};
