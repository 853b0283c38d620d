#!/usr/bin/env bash
# Fuzzes the card core with cargo-fuzz (libFuzzer, AddressSanitizer, debug assertions): runs
# every target of fuzz/ for a bounded time and prints the executions per target.
#
#   bash scripts/fuzz.sh                 # every target, 15 s each (what npm test runs)
#   bash scripts/fuzz.sh 600             # every target, 10 minutes each (the long run)
#   bash scripts/fuzz.sh 60 edit format  # some targets
#
# Installs cargo-fuzz when it is missing. cargo-fuzz passes nightly-only compiler flags
# (-Zsanitizer=address, coverage instrumentation); on a stable toolchain RUSTC_BOOTSTRAP=1
# allows them, so no nightly toolchain is needed. The corpus grows in fuzz/corpus/<target>
# (kept between runs, not committed). A failure stops the run with the input saved in
# fuzz/artifacts/<target>/; replay it, minimised and printed, from fuzz/ with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a <target> artifacts/<target>/crash-…
#   RUSTC_BOOTSTRAP=1 cargo fuzz fmt -O -a <target> artifacts/<target>/crash-…
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never
export RUSTC_BOOTSTRAP=1

seconds=${1:-15}
shift || true
case $seconds in '' | *[!0-9]*) echo "fuzz: seconds per target must be a number" >&2; exit 2 ;; esac

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== fuzz: installing cargo-fuzz (a minute or two, once)"
  cargo install cargo-fuzz --locked
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi

echo "== fuzz: building ${#targets[@]} targets"
cargo fuzz build -O -a

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
total=0
summary=""
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== fuzz: $target for ${seconds}s"
  # -timeout: an input that takes a whole second is a freeze, and fails like a panic.
  if ! cargo fuzz run -O -a "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=1024 -max_len=4096 \
    -dict=dict/card.dict -print_final_stats=1 >"$logs/$target" 2>&1; then
    tail -n 40 "$logs/$target" >&2
    echo "fuzz: $target FAILED; the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$logs/$target" | tail -n 1)
  runs=${runs:-0}
  total=$((total + runs))
  summary+=$(printf '%-10s %12s executions, 0 failures' "$target" "$runs")$'\n'
done
printf '\n== fuzz: %s s per target\n%s%-10s %12s executions, 0 failures\n' "$seconds" "$summary" "total" "$total"
