#!/usr/bin/env bash
# npm start: builds the widget and the sandbox, then serves the demo on three loopback origins:
#   merchant http://localhost:8080 (the shop: www/, its back end, and /sealcard.js)
#   frame    http://localhost:8081 (dist/: the fields frame and the loader)
#   API      http://localhost:8082/v1 (the PayMongo-compatible sandbox)
# Ports: MERCHANT_PORT, FRAME_PORT, API_PORT. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

SEALCARD_NO_BROWSERS=1 bash scripts/setup.sh
node scripts/build.mjs
cargo build --release -p sealcard-sandbox

echo
echo "  Open http://localhost:${MERCHANT_PORT:-8080} and pay with 4343 4343 4343 4345 (any future date, any CVC)."
echo "  Inline mode: http://localhost:${MERCHANT_PORT:-8080}/inline.html"
echo
exec target/release/sealcard-sandbox \
  --api-port "${API_PORT:-8082}" \
  --merchant-port "${MERCHANT_PORT:-8080}" --merchant-dir www --merchant-assets dist \
  --frame-port "${FRAME_PORT:-8081}" --frame-dir dist
