//! Starting and stopping: the listeners, one task per connection, the per-request log line.
//!
//! Connections are served with hyper directly (not `axum::serve`) so that a handler can close
//! its connection without an answer (the `drop` fault), and so that every idle API connection
//! can be closed when a `drop` fault is armed.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower::ServiceExt as _;

use crate::admin::Stats;
use crate::config::{Config, Origins};
use crate::connection::{ConnHandle, Peer};
use crate::error::ApiError;
use crate::state::App;
use crate::{admin, api, cors, sites, three_ds};

/// A running sandbox. Dropping it stops the listeners too; [`Running::shutdown`] also waits
/// for them.
#[derive(Debug)]
pub struct Running {
    /// The API's bound address.
    pub api_addr: SocketAddr,
    /// The merchant origin's bound address, when served.
    pub merchant_addr: Option<SocketAddr>,
    /// The fields frame's bound address, when served.
    pub frame_addr: Option<SocketAddr>,
    app: Arc<App>,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// The API's base URL without `/v1` (the `--public-url`, or derived from the address).
    pub fn public_url(&self) -> &str {
        &self.app.origins.public_url
    }

    /// The API base, `<public url>/v1`.
    pub fn api_base(&self) -> String {
        format!("{}/v1", self.app.origins.public_url)
    }

    /// The merchant origin's URL, when served.
    pub fn merchant_url(&self) -> Option<&str> {
        self.app.origins.merchant.first().map(String::as_str)
    }

    /// The fields frame's URL, when served.
    pub fn frame_url(&self) -> Option<&str> {
        self.app.origins.frame.first().map(String::as_str)
    }

    /// The counts `GET /__admin/stats` reports.
    pub fn stats(&self) -> Stats {
        Stats::of(&self.app)
    }

    /// Every stored object as `Debug` prints it, for tests that check what is kept.
    pub fn store_dump(&self) -> String {
        self.app.store.dump()
    }

    /// Stops accepting connections, asks open ones to finish, and waits for the listeners.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        for task in std::mem::take(&mut self.tasks) {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// Which origin a listener serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Api,
    Merchant,
    Frame,
}

impl Origin {
    fn name(self) -> &'static str {
        match self {
            Origin::Api => "api",
            Origin::Merchant => "merchant",
            Origin::Frame => "frame",
        }
    }
}

/// Binds the listeners and starts serving. Must be called within a Tokio runtime.
pub async fn start(config: Config) -> anyhow::Result<Running> {
    config.check()?;
    let bind = |port: u16| {
        let addr = SocketAddr::new(config.host, port);
        async move {
            TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot listen on {addr}"))
        }
    };
    let api_listener = bind(config.api_port).await?;
    let merchant_listener = match &config.merchant {
        Some(site) => Some(bind(site.port).await?),
        None => None,
    };
    let frame_listener = match &config.frame {
        Some(site) => Some(bind(site.port).await?),
        None => None,
    };
    let api_addr = api_listener.local_addr()?;
    let merchant_addr = merchant_listener
        .as_ref()
        .map(TcpListener::local_addr)
        .transpose()?;
    let frame_addr = frame_listener
        .as_ref()
        .map(TcpListener::local_addr)
        .transpose()?;

    let origins = Origins::new(&config, api_addr, merchant_addr, frame_addr);
    let app = Arc::new(App::new(&config, origins));
    let (shutdown, _) = watch::channel(false);
    let mut tasks = vec![tokio::spawn(serve(
        api_listener,
        api_router(app.clone()),
        Origin::Api,
        app.clone(),
        shutdown.subscribe(),
    ))];
    for (listener, site, origin) in [
        (merchant_listener, &config.merchant, Origin::Merchant),
        (frame_listener, &config.frame, Origin::Frame),
    ] {
        let (Some(listener), Some(site)) = (listener, site) else {
            continue;
        };
        if !site.dir.is_dir() {
            app.log.warn(format_args!(
                "warning: {} is not a directory; the {} origin serves no files",
                site.dir.display(),
                origin.name()
            ));
        }
        let router = match origin {
            Origin::Merchant => {
                sites::merchant(app.clone(), &site.dir, config.merchant_assets.as_deref())
            }
            _ => sites::frame(&app, &site.dir),
        };
        tasks.push(tokio::spawn(serve(
            listener,
            router,
            origin,
            app.clone(),
            shutdown.subscribe(),
        )));
    }
    Ok(Running {
        api_addr,
        merchant_addr,
        frame_addr,
        app,
        shutdown,
        tasks,
    })
}

fn api_router(app: Arc<App>) -> Router {
    let admin = Router::new()
        .route(
            "/faults",
            post(admin::arm).get(admin::list).delete(admin::clear),
        )
        .route("/stats", get(admin::stats))
        .route("/reset", post(admin::reset))
        .layer(middleware::from_fn(admin::loopback_only));
    Router::new()
        .route("/v1/{*rest}", any(api::entry))
        .route("/3ds/{id}", get(three_ds::page))
        .route("/3ds/{id}/authorize", post(three_ds::authorize))
        .route("/3ds/{id}/fail", post(three_ds::fail))
        .route(three_ds::SCRIPT_PATH, get(three_ds::script))
        .route(three_ds::STYLE_PATH, get(three_ds::style))
        .nest("/__admin", admin)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            app.cors.clone(),
            cors::layer,
        ))
        .with_state(app)
}

async fn not_found() -> Response {
    ApiError::not_found("The requested resource was not found.").into_response()
}

async fn serve(
    listener: TcpListener,
    router: Router,
    origin: Origin,
    app: Arc<App>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => break,
        };
        match accepted {
            Ok((stream, peer)) => {
                tokio::spawn(connection(
                    stream,
                    peer,
                    router.clone(),
                    origin,
                    app.clone(),
                    shutdown.clone(),
                ));
            }
            Err(e) => {
                // Out of file descriptors and the like: wait a moment rather than spin.
                app.log
                    .warn(format_args!("{}: accept failed: {e}", origin.name()));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    origin: Origin,
    app: Arc<App>,
    mut shutdown: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let handle = ConnHandle::default();
    let mut drain = app.drain.subscribe();
    let service = {
        let handle = handle.clone();
        let app = app.clone();
        service_fn(move |request| {
            serve_request(
                request,
                peer,
                handle.clone(),
                router.clone(),
                origin,
                app.clone(),
            )
        })
    };
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30))
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let mut closing = false;
    loop {
        tokio::select! {
            _ = conn.as_mut() => break,
            // Dropping the connection closes the socket with no answer written.
            _ = handle.aborted() => break,
            _ = drain.changed(), if origin == Origin::Api && !closing => {
                closing = true;
                conn.as_mut().graceful_shutdown();
            }
            _ = shutdown.changed(), if !closing => {
                closing = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

async fn serve_request(
    mut request: hyper::Request<Incoming>,
    peer: SocketAddr,
    handle: ConnHandle,
    router: Router,
    origin: Origin,
    app: Arc<App>,
) -> Result<Response, Infallible> {
    request.extensions_mut().insert(Peer(peer));
    request.extensions_mut().insert(handle);
    let mut line = RequestLine {
        app: &app,
        origin,
        method: request.method().clone(),
        path: redact_digits(request.uri().path()),
        start: Instant::now(),
        done: false,
    };
    if origin == Origin::Api {
        app.requests.fetch_add(1, Ordering::Relaxed);
    }
    let request: Request = request.map(axum::body::Body::new);
    let mut response = match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if origin == Origin::Api && app.faults.drop_armed() {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    line.done = true;
    line.write(response.status().as_str());
    Ok(response)
}

/// The log line of one request; written as `dropped` if the request never got an answer.
struct RequestLine<'a> {
    app: &'a App,
    origin: Origin,
    method: Method,
    path: String,
    start: Instant,
    done: bool,
}

impl RequestLine<'_> {
    fn write(&self, outcome: &str) {
        let ms = self.start.elapsed().as_secs_f64() * 1000.0;
        self.app.log.request(format_args!(
            "{} {} {} {} {ms:.2}ms",
            self.origin.name(),
            self.method,
            self.path,
            outcome
        ));
    }
}

impl Drop for RequestLine<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.write("dropped");
        }
    }
}

/// A path with every run of 12 or more digits replaced, so a card number pasted into a URL
/// never reaches the log.
fn redact_digits(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 12 {
            out.push_str("[digits]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in path.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_digit_runs_are_redacted() {
        assert_eq!(
            redact_digits("/v1/payment_intents/4343434343434345/x1"),
            "/v1/payment_intents/[digits]/x1"
        );
        assert_eq!(redact_digits("/v1/pi_123"), "/v1/pi_123");
    }
}
