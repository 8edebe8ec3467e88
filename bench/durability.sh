#!/usr/bin/env bash
# What durable commits cost: bench/api.sh (balance reads and transfers, metrics on) against the
# jar of BEFORE_REV (H2's default 500 ms write delay, security state in memory) and this tree's
# jar with server.database.fsync true (the default: group-committed fsync before each 2xx) and
# false (each commit handed to the OS only), one after the other on this machine.
#
#   bench/durability.sh [BEFORE_REV] [SECONDS] [CONNECTIONS]   (defaults: 5cc945c, 15 s, 32)
#
# Needs: git, Maven, Java 17, wrk, curl, python3 (it names what is missing).
. "$(dirname "$0")/lib.sh"
BEFORE="${1:-5cc945c}"
DURATION="${2:-15}"
CONNECTIONS="${3:-32}"
need git mvn:maven java:openjdk-17-jdk-headless wrk curl python3

OLD="$(mktemp -d)"
cleanup() { git worktree remove --force "$OLD" >/dev/null 2>&1 || rm -rf "$OLD"; }
trap cleanup EXIT
say "building $BEFORE in $OLD"
git worktree add --detach "$OLD" "$BEFORE" >/dev/null 2>&1
(cd "$OLD" && quiet_mvn -DskipTests -Dspotless.check.skip=true package -pl maiis-cli -am)
say "building this tree"
build_jar

echo "| build | fsync | endpoint | metrics | req/s | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---|---|---:|---:|---:|---:|---:|"
label() { grep '^| [GP]' | sed "s/^|/| $1 | $2 |/"; }
say "$BEFORE"
BENCH_JAR="$OLD/maiis-cli/target/maiis.jar" BENCH_METRICS=true bench/api.sh "$DURATION" "$CONNECTIONS" | label "$BEFORE" "-"
for fsync in true false; do
  say "this tree, fsync $fsync"
  BENCH_FSYNC=$fsync BENCH_METRICS=true bench/api.sh "$DURATION" "$CONNECTIONS" | label "$(git rev-parse --short HEAD)" "$fsync"
done
