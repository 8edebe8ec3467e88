#!/usr/bin/env bash
# What durable commits cost: bench/api.sh (balance reads and transfers, metrics on) against the
# jar of BEFORE_REV (H2's default 500 ms write delay, security state in memory) and this tree's
# jar with server.database.fsync true (the default: group-committed fsync before each 2xx) and
# false (each commit handed to the OS only), one after the other on this machine.
#
#   bench/durability.sh [BEFORE_REV] [SECONDS] [CONNECTIONS]   (defaults: 5cc945c, 15 s, 32)
#
# Needs: git, Maven, wrk, curl, python3 (apt-get install -y maven wrk curl python3).
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE="${1:-5cc945c}"
DURATION="${2:-15}"
CONNECTIONS="${3:-32}"
command -v wrk >/dev/null || { echo "bench/durability.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

OLD="$(mktemp -d)"
cleanup() { git worktree remove --force "$OLD" >/dev/null 2>&1 || rm -rf "$OLD"; }
trap cleanup EXIT
echo "bench/durability.sh: building $BEFORE in $OLD ..." >&2
git worktree add --detach "$OLD" "$BEFORE" >/dev/null 2>&1
(cd "$OLD" && mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl maiis-cli -am) >&2
echo "bench/durability.sh: building this tree ..." >&2
mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl maiis-cli -am >&2

echo "| build | fsync | endpoint | metrics | req/s | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---|---|---:|---:|---:|---:|---:|"
label() { grep '^| [GP]' | sed "s/^|/| $1 | $2 |/"; }
echo "bench/durability.sh: $BEFORE ..." >&2
BENCH_JAR="$OLD/maiis-cli/target/maiis.jar" BENCH_METRICS=true bench/api.sh "$DURATION" "$CONNECTIONS" | label "$BEFORE" "-"
for fsync in true false; do
  echo "bench/durability.sh: this tree, fsync $fsync ..." >&2
  BENCH_FSYNC=$fsync BENCH_METRICS=true bench/api.sh "$DURATION" "$CONNECTIONS" | label "$(git rev-parse --short HEAD)" "$fsync"
done
