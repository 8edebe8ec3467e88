#!/usr/bin/env bash
# Throughput of a Javalin app with and without the metrics plugin, in the same run: both apps run
# side by side, wrk drives one then the other in short alternating bursts, and each pair's ratio is
# taken, so background load on a shared machine hits both sides alike. The median ratio is the
# result. Needs wrk (apt-get install -y wrk).
# Usage: bench/http-overhead.sh [ROUNDS] [SECONDS_PER_BURST] [CONNECTIONS]
. "$(dirname "$0")/lib.sh"
rounds="${1:-10}"
secs="${2:-3}"
conns="${3:-32}"
need java:openjdk-17-jdk-headless mvn:maven wrk curl

# One reactor build, so maiis-core comes from this tree and not from ~/.m2.
say "building maiis-server's test classes and classpath (-am; a few minutes on a fresh clone)..."
quiet_mvn -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -pl maiis-server -am -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >&2
cp="maiis-server/target/test-classes:maiis-server/target/classes:$(cat maiis-server/target/bench.cp)"

lua="$(mktemp)"
pids=()
cleanup() { rm -f "$lua"; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
# Every request a different account id: the plugin must still label by template.
cat >"$lua" <<'LUA'
request = function()
  return wrk.format("GET", "/api/banking/accounts/" .. math.random(1, 1000000))
end
LUA

plain_port=18089
inst_port=18090
java -Xmx256m -cp "$cp" org.maiis.server.metrics.OverheadBenchApp plain "$plain_port" >/dev/null 2>&1 &
pids+=($!)
java -Xmx256m -cp "$cp" org.maiis.server.metrics.OverheadBenchApp instrumented "$inst_port" >/dev/null 2>&1 &
pids+=($!)
for port in "$plain_port" "$inst_port"; do
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$port/api/banking/accounts/1" >/dev/null && break
    sleep 0.1
  done
  # Measure only an app that answers the route with 200 (a 404 is much cheaper to serve).
  curl -fs "http://127.0.0.1:$port/api/banking/accounts/1" >/dev/null \
    || { echo "app on port $port does not serve the route" >&2; exit 1; }
done

burst() { # port seconds -> requests/s; fails on any non-2xx response
  local out
  out="$(wrk -t2 -c"$conns" -d"$2s" -s "$lua" "http://127.0.0.1:$1")"
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx responses from port $1" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
say "warming up both apps (2 x 15 s), then $rounds rounds of 2 x ${secs}s"
burst "$plain_port" 15 >/dev/null # warm-up (JIT) of both
burst "$inst_port" 15 >/dev/null

ratios=()
for i in $(seq 1 "$rounds"); do
  if (( i % 2 )); then p="$(burst "$plain_port" "$secs")"; q="$(burst "$inst_port" "$secs")"
  else q="$(burst "$inst_port" "$secs")"; p="$(burst "$plain_port" "$secs")"; fi
  r="$(awk -v p="$p" -v q="$q" 'BEGIN { printf "%.3f", q / p }')"
  ratios+=("$r")
  echo "round $i: plain $p req/s, instrumented $q req/s, ratio $r" >&2
done
stats="$(printf '%s\n' "${ratios[@]}" | ratio_stats)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  wrk -t2 -c$conns, ${rounds} alternating ${secs}s bursts, random account ids"
echo "instrumented / plain throughput, median of rounds: $stats"
