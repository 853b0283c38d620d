#!/usr/bin/env bash
# Installs what the build and the tests need, when it is missing, on a Debian machine that has
# Rust (rustup) and Node.js ≥ 20: the wasm target, wasm-bindgen-cli at the version the crate
# pins, Chromium + ChromeDriver and Firefox ESR from Debian, geckodriver, and the npm packages.
# Idempotent: a warm machine passes through in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The wasm-bindgen CLI must match the crate's `wasm-bindgen = "=X"` exactly.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: no pinned wasm-bindgen in Cargo.toml" >&2; exit 1; }

step() { printf '\n== setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rust component $component"
    rustup component add "$component"
  fi
done

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # No --locked: its lock file pins a crate version the registry here does not have.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# SEALCARD_NO_BROWSERS=1 (npm start) skips the browsers, which only the tests need.
if [ -z "${SEALCARD_NO_BROWSERS:-}" ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v firefox-esr >/dev/null; }; then
  step "browsers from Debian: chromium chromium-driver firefox-esr"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver firefox-esr
fi

if [ -z "${SEALCARD_NO_BROWSERS:-}" ] && ! command -v geckodriver >/dev/null; then
  step "geckodriver (a few minutes, once)"
  cargo install geckodriver --locked
fi

# npm packages: reinstall only when package-lock.json changed since the last install.
stamp=node_modules/.sealcard-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  step "npm packages"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
