#!/usr/bin/env bash
# Times `maiis config render` and `maiis config validate` (fresh JVM each run) on the production
# example, and measures the resident memory of `maiis serve` idle and after a burst of requests.
# Needs hyperfine and curl (apt-get install -y hyperfine curl). Usage: bench/render.sh [RUNS]
. "$(dirname "$0")/lib.sh"
runs="${1:-10}"
need java:openjdk-17-jdk-headless mvn:maven hyperfine curl promtool:prometheus
build_jar                               # build once, outside the measurement
out="$(mktemp -d)"
trap 'rm -rf "$out"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

echo "## $(date -u +%FT%RZ) — $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
./maiis config render -c examples/production.yaml --out "$out/tree" 2>/dev/null
# The peer: the promtool runs that validate drives itself, on the same rendered files.
say "render, validate and promtool: $runs runs each (hyperfine)"
hyperfine -N --warmup 1 --runs "$runs" --export-markdown "$out/render.md" \
  "./maiis config render -c examples/production.yaml --out $out/tree" \
  "./maiis config validate -c examples/production.yaml" \
  "bash -c 'promtool check rules $out/tree/prometheus/rules/*.yml && promtool test rules $out/tree/prometheus/tests/*.yml'" >/dev/null
cat "$out/render.md"

port=18765
./maiis serve --port "$port" --data-dir "$out/data" 2>"$out/serve.log" &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status"; }
echo
echo "maiis serve RSS idle: $(rss)"
say "2000 readiness requests"
for i in $(seq 1 2000); do curl -s -o /dev/null "http://127.0.0.1:$port/health/ready"; done
echo "maiis serve RSS after 2000 readiness requests: $(rss)"
