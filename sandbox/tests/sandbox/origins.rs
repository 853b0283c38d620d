//! The merchant and frame origins, the binary's start-up lines, and the load generator.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sealcard_sandbox::Site;
use serde_json::{json, Value};

use crate::{Sandbox, PK};

/// A fresh directory with a page, a script, a style sheet and a WebAssembly module.
fn site_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sealcard-sandbox-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dir.join("app.js"), "export {};").unwrap();
    std::fs::write(dir.join("app.css"), "body{}").unwrap();
    std::fs::write(dir.join("core.wasm"), b"\0asm\x01\0\0\0").unwrap();
    dir
}

async fn both_sites() -> (Sandbox, PathBuf, PathBuf) {
    let (merchant, frame) = (site_dir(), site_dir());
    let (m, f) = (merchant.clone(), frame.clone());
    let sb = Sandbox::with(move |c| {
        c.merchant = Some(Site { port: 0, dir: m });
        c.frame = Some(Site { port: 0, dir: f });
    })
    .await;
    (sb, merchant, frame)
}

#[tokio::test]
async fn the_merchant_origin_serves_pages_and_the_checkout_back_end() {
    let (sb, merchant_dir, frame_dir) = both_sites().await;
    let merchant = format!("http://{}", sb.running.merchant_addr.unwrap());
    let api_port = sb.running.api_addr.port();
    let frame_port = sb.running.frame_addr.unwrap().port();

    let page = sb.client.get(format!("{merchant}/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let h = page.headers();
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(h["cache-control"], "no-store");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert_eq!(
        csp,
        format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self' http://localhost:{api_port} http://127.0.0.1:{api_port}; \
             frame-src http://localhost:{frame_port} http://127.0.0.1:{frame_port} \
             http://localhost:{api_port} http://127.0.0.1:{api_port}; base-uri 'none'; \
             form-action 'self'; object-src 'none'; require-trusted-types-for 'script'; \
             trusted-types 'none'"
        )
    );
    for (file, mime) in [
        ("app.js", "text/javascript"),
        ("app.css", "text/css"),
        ("core.wasm", "application/wasm"),
    ] {
        let r = sb
            .client
            .get(format!("{merchant}/{file}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{file}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(mime),
            "{file}"
        );
        assert_eq!(r.headers()["cache-control"], "no-store");
    }

    // The back end: only the client key and what the page needs.
    let checkout: Value = sb
        .client
        .post(format!("{merchant}/api/checkout"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let keys: Vec<&str> = checkout
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "clientKey",
            "amount",
            "currency",
            "publicKey",
            "apiBase",
            "frameUrl"
        ]
    );
    assert_eq!(checkout["amount"], 149900);
    assert_eq!(checkout["currency"], "PHP");
    assert_eq!(checkout["publicKey"], PK);
    assert_eq!(
        checkout["apiBase"],
        format!("http://localhost:{api_port}/v1")
    );
    let client_key = checkout["clientKey"].as_str().unwrap();
    let pi_id = client_key.split("_client").next().unwrap();
    assert!(!checkout.to_string().contains("sk_test"));

    // The page pays with the public key and the client key…
    let pi = json!({"id": pi_id, "attributes": {"client_key": client_key}});
    let read = sb.read_intent(&pi).await;
    assert_eq!(read["attributes"]["description"], "sealcard demo order");
    let pm = sb.pm("4343434343434345").await;
    sb.attach(&pi, &pm).await;
    // …and the merchant reads the outcome server side.
    let status: Value = sb
        .client
        .get(format!("{merchant}/api/payments/{pi_id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["status"], "succeeded");
    assert_eq!(status["lastPaymentError"], Value::Null);
    let missing = sb
        .client
        .get(format!("{merchant}/api/payments/pi_unknown"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    // The merchant and frame origins may call the API.
    let r = sb
        .client
        .request(reqwest::Method::OPTIONS, sb.url("/v1/payment_methods"))
        .header("origin", format!("http://localhost:{frame_port}"))
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let _ = std::fs::remove_dir_all(merchant_dir);
    let _ = std::fs::remove_dir_all(frame_dir);
}

#[tokio::test]
async fn the_frame_origin_serves_with_its_policy() {
    let (sb, merchant_dir, frame_dir) = both_sites().await;
    let frame = format!("http://{}", sb.running.frame_addr.unwrap());
    let merchant_port = sb.running.merchant_addr.unwrap().port();
    let api_port = sb.running.api_addr.port();
    let r = sb
        .client
        .get(format!("{frame}/index.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    for part in [
        "default-src 'none'".to_string(),
        "script-src 'self' 'wasm-unsafe-eval'".to_string(),
        "style-src 'self'".to_string(),
        format!("connect-src 'self' http://localhost:{api_port} http://127.0.0.1:{api_port};"),
        format!("http://localhost:{merchant_port}"),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
        "require-trusted-types-for 'script'; trusted-types 'none'".to_string(),
    ] {
        assert!(csp.contains(&part), "{part} in {csp}");
    }
    assert!(csp.contains("frame-ancestors "));
    let wasm = sb
        .client
        .get(format!("{frame}/core.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let missing = sb
        .client
        .get(format!("{frame}/nothing.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let _ = std::fs::remove_dir_all(merchant_dir);
    let _ = std::fs::remove_dir_all(frame_dir);
}

#[tokio::test]
async fn a_missing_directory_is_a_warning() {
    let sb = Sandbox::with(|c| {
        c.frame = Some(Site {
            port: 0,
            dir: PathBuf::from("/nonexistent/sealcard-frame"),
        })
    })
    .await;
    assert!(
        sb.log
            .lines()
            .iter()
            .any(|l| l.contains("warning") && l.contains("/nonexistent/sealcard-frame")),
        "{:?}",
        sb.log.lines()
    );
    let frame = format!("http://{}", sb.running.frame_addr.unwrap());
    let r = sb.client.get(format!("{frame}/")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (status, _) = sb.tokenize("4343434343434345").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_binary_prints_its_origins_then_ready() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sealcard-sandbox"))
        .args(["--api-port", "0", "--quiet", "--public-key", "pk_test_bin"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines = tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            let ready = line == "sealcard-sandbox: ready";
            lines.push(line);
            if ready || Instant::now() > deadline {
                break;
            }
        }
        lines
    })
    .await
    .unwrap();
    assert_eq!(
        lines.last().map(String::as_str),
        Some("sealcard-sandbox: ready")
    );
    assert!(lines.contains(&"sealcard-sandbox: public key pk_test_bin".to_string()));
    assert!(lines.contains(&"sealcard-sandbox: secret key sk_test_sandbox".to_string()));
    let api = lines
        .iter()
        .find_map(|l| l.strip_prefix("sealcard-sandbox: api "))
        .unwrap()
        .to_string();
    assert!(
        api.starts_with("http://localhost:") && api.ends_with("/v1"),
        "{api}"
    );
    let port = api
        .trim_start_matches("http://localhost:")
        .trim_end_matches("/v1");
    assert_ne!(port, "0");
    let r = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/v1/payment_methods"))
        .basic_auth("pk_test_bin", Some(""))
        .json(&crate::card("4343434343434345", "123"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn the_binary_refuses_live_keys() {
    let out = Command::new(env!("CARGO_BIN_EXE_sealcard-sandbox"))
        .args(["--api-port", "0", "--secret-key", "sk_live_x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("test key"));
}

#[tokio::test]
async fn the_load_generator_reports_and_stays_on_loopback() {
    let sb = Sandbox::start().await;
    let url = format!("{}/v1", sb.base);
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_sealcard-sandbox-load"))
            .args(["--url", &url, "-n", "300", "-c", "4", "--json"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["statuses"]["200"], 300, "{report}");
    assert_eq!(report["connection_errors"], 0);
    assert!(report["tokenizations_per_sec"].as_f64().unwrap() > 0.0);
    assert!(report["p99_ms"].as_f64().unwrap() >= report["p50_ms"].as_f64().unwrap());
    assert_eq!(sb.stats().await["tokenizations"], 300);

    let out = Command::new(env!("CARGO_BIN_EXE_sealcard-sandbox-load"))
        .args(["--url", "http://192.0.2.1:8082/v1", "-n", "1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("non-loopback"));
}

#[tokio::test]
async fn the_merchant_origin_hosts_the_sealcard_files_and_the_inline_page_policy() {
    let (pages, assets) = (site_dir(), site_dir());
    std::fs::write(assets.join("sealcard.js"), "window.SealCard = {};").unwrap();
    std::fs::write(pages.join("inline.html"), "<!doctype html><title>i</title>").unwrap();
    let (p, a) = (pages.clone(), assets.clone());
    let sb = Sandbox::with(move |c| {
        c.merchant = Some(Site { port: 0, dir: p });
        c.merchant_assets = Some(a);
    })
    .await;
    let merchant = format!("http://{}", sb.running.merchant_addr.unwrap());
    for path in [
        "/sealcard.js",
        "/sealcard/sealcard.js",
        "/sealcard/core.wasm",
    ] {
        let r = sb
            .client
            .get(format!("{merchant}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
    }
    let csp = |path: &'static str| {
        let client = sb.client.clone();
        let url = format!("{merchant}{path}");
        async move {
            let r = client.get(url).send().await.unwrap();
            r.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_string()
        }
    };
    assert!(csp("/inline.html")
        .await
        .contains("script-src 'self' 'wasm-unsafe-eval';"));
    let strict = csp("/").await;
    assert!(
        strict.contains("script-src 'self';") && !strict.contains("wasm"),
        "{strict}"
    );
    for dir in [pages, assets] {
        let _ = std::fs::remove_dir_all(dir);
    }
}
