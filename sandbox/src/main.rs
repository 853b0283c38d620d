//! `sealcard-sandbox`: runs the local PayMongo-compatible API (and, optionally, the demo's
//! merchant and fields-frame origins) until interrupted.
//!
//! On start-up it prints one line per origin, the test keys, and finally
//! `sealcard-sandbox: ready`, on standard output.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use sealcard_sandbox::{start, Config, Log, Site, DEFAULT_CORS_ORIGINS};

/// A local PayMongo-compatible API for testing sealcard checkouts.
#[derive(Debug, Parser)]
#[command(name = "sealcard-sandbox", version, about)]
struct Args {
    /// The address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// The API's port (0: any free port).
    #[arg(long, default_value_t = 8082)]
    api_port: u16,
    /// The public key accepted (pk_test_…).
    #[arg(long, default_value = "pk_test_sandbox")]
    public_key: String,
    /// The secret key accepted (sk_test_…).
    #[arg(long, default_value = "sk_test_sandbox")]
    secret_key: String,
    /// An origin allowed by CORS, matched exactly (repeatable; default: the demo origins).
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Also allow any origin on loopback (localhost, 127.0.0.0/8, [::1]), any port.
    #[arg(long)]
    cors_loopback: bool,
    /// Requests per second allowed per API key (0: no limit).
    #[arg(long, default_value_t = 100)]
    rate_limit: u32,
    /// How long stored objects and idempotency records are kept, in seconds.
    #[arg(long, default_value_t = 86_400)]
    ttl_secs: u64,
    /// The most objects kept; the oldest go first.
    #[arg(long, default_value_t = 100_000)]
    max_objects: usize,
    /// The base URL of the API for the 3-D Secure redirect URLs (default: from the address).
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// The merchant origin's port (served only with --merchant-dir).
    #[arg(long, default_value_t = 8080)]
    merchant_port: u16,
    /// Serve this directory, and the demo merchant back end, on the merchant port.
    #[arg(long, value_name = "DIR")]
    merchant_dir: Option<PathBuf>,
    /// The fields frame's port (served only with --frame-dir).
    #[arg(long, default_value_t = 8081)]
    frame_port: u16,
    /// Also serve this directory (the built `dist/`) on the merchant origin under /sealcard/.
    #[arg(long, value_name = "DIR")]
    merchant_assets: Option<PathBuf>,
    /// Serve this directory on the frame port.
    #[arg(long, value_name = "DIR")]
    frame_dir: Option<PathBuf>,
    /// No request log lines.
    #[arg(long)]
    quiet: bool,
}

impl Args {
    fn into_config(self) -> Config {
        Config {
            host: self.host,
            api_port: self.api_port,
            public_key: self.public_key,
            secret_key: self.secret_key,
            cors_origins: if self.cors_origins.is_empty() {
                DEFAULT_CORS_ORIGINS.iter().map(|s| s.to_string()).collect()
            } else {
                self.cors_origins
            },
            cors_loopback: self.cors_loopback,
            rate_limit: self.rate_limit,
            ttl: Duration::from_secs(self.ttl_secs),
            max_objects: self.max_objects,
            public_url: self.public_url,
            merchant: self.merchant_dir.map(|dir| Site {
                port: self.merchant_port,
                dir,
            }),
            frame: self.frame_dir.map(|dir| Site {
                port: self.frame_port,
                dir,
            }),
            merchant_assets: self.merchant_assets,
            log: if self.quiet {
                Log::quiet()
            } else {
                Log::stderr()
            },
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Args::parse().into_config();
    let (public_key, secret_key) = (config.public_key.clone(), config.secret_key.clone());
    let running = start(config).await?;
    println!("sealcard-sandbox: api {}", running.api_base());
    if let Some(url) = running.merchant_url() {
        println!("sealcard-sandbox: merchant {url}");
    }
    if let Some(url) = running.frame_url() {
        println!("sealcard-sandbox: frame {url}");
    }
    println!("sealcard-sandbox: public key {public_key}");
    println!("sealcard-sandbox: secret key {secret_key}");
    println!("sealcard-sandbox: ready");
    wait_for_signal().await;
    running.shutdown().await;
    Ok(())
}

/// Waits for Ctrl-C or, on Unix, SIGTERM.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
