#!/usr/bin/env bash
# npm test: installs what is missing (scripts/setup.sh), then runs every test:
# lint (rustfmt, clippy host + wasm32, tsc strict), host cargo tests, the build,
# wasm-bindgen-test in headless Chromium and headless Firefox, and the Node tests of the
# built package.
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

step "clippy (host)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "clippy (wasm32)"
cargo clippy -p sealcard --target wasm32-unknown-unknown --all-targets --features validate -- -D warnings

step "cargo test (host)"
cargo test --workspace

step "npm run build"
node scripts/build.mjs

step "typescript (strict) type tests"
npx tsc -p tests/types

# Never pass -q here: the wasm-bindgen test runner rejects --quiet.
step "wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=$(command -v chromedriver) cargo test -p sealcard --target wasm32-unknown-unknown --features validate

step "wasm-bindgen-test in headless Firefox"
GECKODRIVER=$(command -v geckodriver) cargo test -p sealcard --target wasm32-unknown-unknown --features validate

step "node tests of the built package"
node --test tests/node/

step "size report"
node scripts/size.mjs --report

step "all passed"
