#!/usr/bin/env bash
# npm test: installs what is missing (scripts/setup.sh), then runs every test:
# lint (rustfmt, clippy host + wasm32, tsc strict), host cargo tests, the build,
# wasm-bindgen-test in headless Chromium and headless Firefox, the card field's browser tests,
# the Node tests of the built package, the element and React adapters in both browsers, the
# packed package built by Vite, webpack and esbuild, the testing kit in every driver × browser
# pair and the example merchant tests, end to end, and the size report.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never

started=$SECONDS
step() { printf '\n== test: %s (%ss)\n' "$*" "$((SECONDS - started))"; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check
(cd fuzz && cargo fmt --check)

step "clippy (host)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "clippy (wasm32)"
cargo clippy -p sealcard --target wasm32-unknown-unknown --all-targets --features validate,fields -- -D warnings

step "cargo test (host: core, sandbox)"
cargo test --workspace

step "fuzz the core (cargo-fuzz, bounded: 15 s per target)"
bash scripts/fuzz.sh 15

step "npm run build"
node scripts/build.mjs

step "typescript (strict) type tests"
npx tsc -p tests/types
npx tsc -p js/loader
npx tsc -p js/frame
npx tsc -p js/testing
npx tsc -p js/element
npx tsc -p js/react

# Never pass -q here: the wasm-bindgen test runner rejects --quiet. The payment flows
# (tests/web_pay.rs) talk to a sandbox of their own: scripts/with-sandbox.mjs starts it (the
# binary `cargo test` built above) and gives its address to the build.
step "wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=$(command -v chromedriver) node scripts/with-sandbox.mjs \
  cargo test -p sealcard --target wasm32-unknown-unknown --features validate,fields

step "wasm-bindgen-test in headless Firefox"
GECKODRIVER=$(command -v geckodriver) node scripts/with-sandbox.mjs \
  cargo test -p sealcard --target wasm32-unknown-unknown --features validate,fields

step "the card field in headless Chromium and Firefox (its JS API, the hostile-input catalogue)"
node --test tests/browser/

step "node tests of the built package"
node --test tests/node/

step "sealcard/element and sealcard/react in headless Chromium and Firefox (plain HTML, shadow root, React; StrictMode, SSR + hydration)"
node --test --test-concurrency=1 tests/element/ tests/react/

step "the packed package: publint, arethetypeswrong, fresh Vite, webpack and esbuild projects (default settings) run in headless Chromium and Firefox"
node --test tests/bundlers/

step "sealcard/testing: Playwright + Chromium, Puppeteer + Firefox and Chromium, selenium-webdriver + ChromeDriver and geckodriver"
node --test --test-concurrency=1 tests/testing/

step "examples/merchant-tests: a shop's own checkout tests, written with sealcard/testing"
node --test --test-concurrency=1 examples/merchant-tests/

step "end to end in headless Chromium and Firefox (demo origins, proof harness)"
node --test --test-concurrency=1 tests/e2e/

step "sizes within their hard limits (npm run size)"
node scripts/size.mjs

step "all passed"
