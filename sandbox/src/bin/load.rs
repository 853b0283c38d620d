//! `sealcard-sandbox-load`: fires N tokenizations (`POST /v1/payment_methods` with a test card)
//! at a sandbox over C keep-alive connections, and reports tokenizations per second, p50 / p99
//! / max latency and the answers by status. Bounded by N and by `--max-secs`; loopback only.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context as _};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use bytes::Bytes;
use clap::Parser;
use http_body_util::{BodyExt as _, Full};
use hyper::client::conn::http1;
use hyper::http::{header, Request, Uri};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpStream;

/// Load generator for sealcard-sandbox tokenizations.
#[derive(Debug, Parser)]
#[command(name = "sealcard-sandbox-load", version, about)]
struct Args {
    /// The API base (loopback only).
    #[arg(long, default_value = "http://127.0.0.1:8082/v1")]
    url: String,
    /// The key to send (public or secret).
    #[arg(long, default_value = "pk_test_sandbox")]
    key: String,
    /// How many tokenizations to send.
    #[arg(short = 'n', long, default_value_t = 10_000)]
    requests: u64,
    /// How many connections send at once.
    #[arg(short = 'c', long, default_value_t = 16)]
    concurrency: usize,
    /// Stop after this many seconds even if requests remain.
    #[arg(long, default_value_t = 120)]
    max_secs: u64,
    /// The card number to tokenize.
    #[arg(long, default_value = "4343434343434345")]
    card: String,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Where to send: a loopback host, its port, and the request path.
struct Target {
    host: String,
    port: u16,
    authority: String,
    path: String,
}

fn target(url: &str) -> anyhow::Result<Target> {
    let uri: Uri = url.parse().context("--url is not a URL")?;
    if uri.scheme_str() != Some("http") {
        bail!("--url must be an http:// URL");
    }
    let authority = uri.authority().context("--url has no host")?;
    let host = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']');
    if !sealcard::is_loopback(host) {
        bail!("refusing a non-loopback target: {host}");
    }
    Ok(Target {
        host: host.to_string(),
        port: authority.port_u16().unwrap_or(80),
        authority: authority.to_string(),
        path: format!("{}/payment_methods", uri.path().trim_end_matches('/')),
    })
}

/// What one connection saw.
#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    statuses: BTreeMap<u16, u64>,
    connection_errors: u64,
}

async fn worker(
    target: Arc<Target>,
    auth: Arc<str>,
    body: Bytes,
    remaining: Arc<AtomicU64>,
    deadline: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let mut sender: Option<http1::SendRequest<Full<Bytes>>> = None;
    while Instant::now() < deadline
        && remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    {
        if sender.is_none() {
            sender = connect(&target).await;
            if sender.is_none() {
                tally.connection_errors += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        }
        let Some(s) = sender.as_mut() else { continue };
        let request = Request::post(target.path.as_str())
            .header(header::HOST, target.authority.as_str())
            .header(header::AUTHORIZATION, &*auth)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Full::new(body.clone()));
        let Ok(request) = request else {
            tally.connection_errors += 1;
            continue;
        };
        let start = Instant::now();
        let sent = async {
            s.ready().await?;
            let response = s.send_request(request).await?;
            let status = response.status().as_u16();
            response.into_body().collect().await?;
            Ok::<u16, hyper::Error>(status)
        }
        .await;
        match sent {
            Ok(status) => {
                let us = start.elapsed().as_micros();
                tally
                    .latencies_us
                    .push(u32::try_from(us).unwrap_or(u32::MAX));
                *tally.statuses.entry(status).or_default() += 1;
            }
            Err(_) => {
                tally.connection_errors += 1;
                sender = None;
            }
        }
    }
    tally
}

async fn connect(target: &Target) -> Option<http1::SendRequest<Full<Bytes>>> {
    let stream = TcpStream::connect((target.host.as_str(), target.port))
        .await
        .ok()?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) = http1::handshake(TokioIo::new(stream)).await.ok()?;
    tokio::spawn(connection);
    Some(sender)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let at = rank.clamp(1, sorted.len()) - 1;
    f64::from(sorted.get(at).copied().unwrap_or(0)) / 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.concurrency == 0 {
        bail!("--concurrency must be at least 1");
    }
    let target = Arc::new(target(&args.url)?);
    let auth: Arc<str> = format!("Basic {}", STANDARD.encode(format!("{}:", args.key))).into();
    // A year comfortably in the future, from the clock.
    let year = 1970
        + SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() / 31_556_952)
            .unwrap_or(56)
        + 3;
    let body = Bytes::from(serde_json::to_vec(&json!({"data": {"attributes": {
        "type": "card",
        "details": {"card_number": args.card, "exp_month": 12, "exp_year": year, "cvc": "123"}
    }}}))?);

    let remaining = Arc::new(AtomicU64::new(args.requests));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(args.max_secs);
    let workers: Vec<_> = (0..args.concurrency)
        .map(|_| {
            tokio::spawn(worker(
                target.clone(),
                auth.clone(),
                body.clone(),
                remaining.clone(),
                deadline,
            ))
        })
        .collect();
    let mut all = Tally::default();
    for w in workers {
        let t = w.await.context("a worker failed")?;
        all.latencies_us.extend(t.latencies_us);
        for (status, n) in t.statuses {
            *all.statuses.entry(status).or_default() += n;
        }
        all.connection_errors += t.connection_errors;
    }
    let secs = start.elapsed().as_secs_f64();
    all.latencies_us.sort_unstable();
    let ok = all.statuses.get(&200).copied().unwrap_or(0);
    let rate = if secs > 0.0 { ok as f64 / secs } else { 0.0 };
    let (p50, p99) = (
        percentile(&all.latencies_us, 50.0),
        percentile(&all.latencies_us, 99.0),
    );
    let max = f64::from(all.latencies_us.last().copied().unwrap_or(0)) / 1000.0;
    if args.json {
        let statuses: BTreeMap<String, u64> = all
            .statuses
            .iter()
            .map(|(s, n)| (s.to_string(), *n))
            .collect();
        println!(
            "{}",
            json!({
                "requests": all.latencies_us.len() as u64 + all.connection_errors,
                "concurrency": args.concurrency,
                "seconds": secs,
                "tokenizations_per_sec": rate,
                "p50_ms": p50,
                "p99_ms": p99,
                "max_ms": max,
                "statuses": statuses,
                "connection_errors": all.connection_errors,
            })
        );
    } else {
        println!(
            "sealcard-sandbox-load: {} answers over {} connections in {secs:.2} s",
            all.latencies_us.len(),
            args.concurrency
        );
        println!("  tokenizations/s: {rate:.0}");
        println!("  latency: p50 {p50:.3} ms, p99 {p99:.3} ms, max {max:.3} ms");
        for (status, n) in &all.statuses {
            println!("  status {status}: {n}");
        }
        println!("  connection errors: {}", all.connection_errors);
    }
    Ok(())
}
