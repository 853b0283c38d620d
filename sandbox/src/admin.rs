//! The admin paths, for tests: faults, statistics, reset. Only peers on loopback are answered.
//!
//! - `POST /__admin/faults` arms a [`FaultSpec`]; `GET` lists the armed faults; `DELETE` clears.
//! - `GET /__admin/stats`: objects stored, requests served, tokenizations, resident memory.
//! - `POST /__admin/reset`: forgets every object, fault and rate-limit window.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::connection::Peer;
use crate::error::{json_response, ApiError};
use crate::faults::{FaultKind, FaultSpec};
use crate::state::App;

/// Counts reported by `GET /__admin/stats`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Objects stored in all.
    pub objects: usize,
    /// Payment methods stored.
    pub payment_methods: usize,
    /// Payment Intents stored.
    pub payment_intents: usize,
    /// Idempotency records stored.
    pub idempotency_records: usize,
    /// Requests served by the API origin (admin and preflights included).
    pub requests: u64,
    /// Payment methods created.
    pub tokenizations: u64,
    /// The process's resident memory in bytes (Linux), if known.
    pub rss_bytes: Option<u64>,
}

impl Stats {
    pub(crate) fn of(app: &App) -> Stats {
        let counts = app.store.counts();
        Stats {
            objects: counts.payment_methods + counts.payment_intents + counts.idempotency_records,
            payment_methods: counts.payment_methods,
            payment_intents: counts.payment_intents,
            idempotency_records: counts.idempotency_records,
            requests: app.requests.load(Ordering::Relaxed),
            tokenizations: app.tokenizations.load(Ordering::Relaxed),
            rss_bytes: rss_bytes(),
        }
    }
}

/// Refuses peers that are not on loopback.
pub async fn loopback_only(request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<Peer>().map(|p| p.0.ip());
    if peer.is_some_and(|ip| ip.is_loopback()) {
        next.run(request).await
    } else {
        ApiError::one(
            StatusCode::FORBIDDEN,
            "forbidden",
            "The admin paths answer only loopback peers.",
        )
        .into_response()
    }
}

/// `POST /__admin/faults`
pub async fn arm(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let spec: FaultSpec = match serde_json::from_slice(&body) {
        Ok(spec) => spec,
        Err(e) => {
            return ApiError::one(
                StatusCode::BAD_REQUEST,
                "parameter_invalid",
                format!(
                    "Expected {{\"endpoint\": payment_methods|payment_intents|attach|\
                     get_payment_intent|any, \"kind\": latency|status_500|status_502|malformed|\
                     drop, \"count\"?: N, \"latency_ms\"?: M}}: {e}"
                ),
            )
            .into_response()
        }
    };
    app.faults.arm(spec);
    if spec.kind == FaultKind::Drop {
        // Idle keep-alive connections close, and answers carry `Connection: close` while a drop
        // is armed: the dropped call then arrives on a fresh connection, which browsers do not
        // retry silently.
        app.drain.send_modify(|n| *n = n.wrapping_add(1));
    }
    list(State(app)).await
}

/// `GET /__admin/faults`
pub async fn list(State(app): State<Arc<App>>) -> Response {
    match serde_json::to_vec(&json!({ "faults": app.faults.list() })) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(_) => ApiError::internal().into_response(),
    }
}

/// `DELETE /__admin/faults`
pub async fn clear(State(app): State<Arc<App>>) -> Response {
    app.faults.clear();
    list(State(app)).await
}

/// `GET /__admin/stats`
pub async fn stats(State(app): State<Arc<App>>) -> Response {
    match serde_json::to_vec(&Stats::of(&app)) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(_) => ApiError::internal().into_response(),
    }
}

/// `POST /__admin/reset`
pub async fn reset(State(app): State<Arc<App>>) -> Response {
    app.store.clear();
    app.faults.clear();
    app.limiter.reset();
    app.requests.store(0, Ordering::Relaxed);
    app.tokenizations.store(0, Ordering::Relaxed);
    StatusCode::NO_CONTENT.into_response()
}

/// The resident set size of this process, from `/proc/self/status` (Linux), in bytes.
fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}
