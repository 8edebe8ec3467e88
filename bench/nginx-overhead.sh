#!/usr/bin/env bash
# API throughput through the rendered nginx (HTTPS, TLS 1.3, keep-alive to the upstream) against
# the same `maiis serve` hit directly over HTTP, in the same run: one API instance, one nginx in
# front of it, wrk drives the same endpoint (GET /api/banking/balance/{id}, authenticated) on one
# side then the other in short alternating bursts, and each pair's ratio is taken, so background
# load on a shared machine hits both sides alike. Prints every round with the load average, then
# the medians and the median ratio.
#
#   bench/nginx-overhead.sh [ROUNDS] [SECONDS_PER_BURST] [CONNECTIONS]   (defaults: 8, 3, 32)
#
# Needs: nginx, wrk, curl, python3 (apt-get install -y nginx wrk curl python3) and the built jar
# (./maiis builds it).
. "$(dirname "$0")/lib.sh"
rounds="${1:-8}"
secs="${2:-3}"
conns="${3:-32}"
need java:openjdk-17-jdk-headless mvn:maven nginx wrk curl python3
JAR=maiis-cli/target/maiis.jar
build_jar

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
api=$(free_port); https=$(free_port); http=$(free_port); status=$(free_port)

work="$(mktemp -d)"
chmod 755 "$work" # nginx's workers (nobody, when started as root) pass through it
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/maiis.yaml" <<YAML
version: 1
site: {name: bench, domain: localhost}
tls: {cert_dir: $work/certs, webroot: $work/acme}
nginx:
  listen: {http: $http, https: $https, status: $status, addresses: [127.0.0.1]}
  upstreams: [{server: "127.0.0.1:$api"}]
  # One client address sends everything: limits out of the way, the proxying is measured.
  rate_limits:
    api: {rate: 100000r/s, burst: 100000}
    auth: {rate: 100000r/m, burst: 1000}
  connections_per_ip: 10000
server:
  listen: 127.0.0.1:$api
  data_dir: $work/data
YAML

java -jar "$JAR" ssl self-signed -c "$work/maiis.yaml" -d localhost --days 1 >/dev/null 2>&1
java -jar "$JAR" config render -c "$work/maiis.yaml" --only nginx --private-prefix --out "$work/rendered" 2>/dev/null
chmod 755 "$work/rendered" "$work/rendered/nginx"
java -Xmx512m -jar "$JAR" serve -c "$work/maiis.yaml" >"$work/serve.log" 2>&1 &
pids+=($!)
nginx -p "$work/rendered/nginx/" -c nginx.conf -e error.log -g 'daemon off;' >"$work/nginx.log" 2>&1 &
pids+=($!)

direct="http://127.0.0.1:$api"
front="https://localhost:$https"
for _ in $(seq 1 150); do curl -fs "$direct/health" >/dev/null && break; sleep 0.2; done
for _ in $(seq 1 50); do curl -fsk "$front/health" >/dev/null && break; sleep 0.1; done
ct='Content-Type: application/json'
curl -fs "$direct/api/auth/signup" -H "$ct" \
  -d '{"email":"bench@example.com","password":"Bench-Passw0rd!","full_name":"Bench"}' >/dev/null
token=$(curl -fs "$direct/api/auth/login" -H "$ct" \
  -d '{"email":"bench@example.com","password":"Bench-Passw0rd!"}' | json '["access_token"]')
account=$(curl -fs "$direct/api/banking/accounts" -H "$ct" -H "Authorization: Bearer $token" \
  -d '{"account_type":"checking","currency":"USD","initial_balance":100}' | json '["id"]')
path="/api/banking/balance/$account"
# The same answer on both sides, or the comparison means nothing.
[ "$(curl -fs "$direct$path" -H "Authorization: Bearer $token")" = \
  "$(curl -fsk "$front$path" -H "Authorization: Bearer $token")" ] \
  || { echo "bench/nginx-overhead.sh: nginx and the API answer differently" >&2; exit 1; }

burst() { # base seconds -> "req/s p50_ms"; fails on any non-2xx response or socket error
  local out
  out="$(wrk -t2 -c"$conns" -d"$2s" --latency -H "Authorization: Bearer $token" "$1$path")"
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "errors from $1:" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; p50=v} END {printf "%s %.2f", rps, p50}' <<<"$out"
}
say "warming up both sides (2 x 10 s), then $rounds rounds of 2 x ${secs}s"
burst "$direct" 10 >/dev/null # warm-up (JIT, pools, TLS sessions)
burst "$front" 10 >/dev/null

ratios=(); directs=(); fronts=()
for i in $(seq 1 "$rounds"); do
  if (( i % 2 )); then d="$(burst "$direct" "$secs")"; f="$(burst "$front" "$secs")"
  else f="$(burst "$front" "$secs")"; d="$(burst "$direct" "$secs")"; fi
  r="$(awk -v d="${d%% *}" -v f="${f%% *}" 'BEGIN { printf "%.3f", f / d }')"
  ratios+=("$r"); directs+=("${d%% *}"); fronts+=("${f%% *}")
  echo "round $i: direct ${d%% *} req/s (p50 ${d##* } ms), nginx ${f%% *} req/s (p50 ${f##* } ms), ratio $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
median() { sort -n | awk '{a[NR]=$1} END { m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.0f", m }'; }
stats="$(printf '%s\n' "${ratios[@]}" | ratio_stats)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $(nginx -v 2>&1 | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  wrk -t2 -c$conns, ${rounds} alternating ${secs}s bursts, GET $(sed 's/[0-9a-f-]\{36\}/{id}/' <<<"$path")"
echo "median direct: $(printf '%s\n' "${directs[@]}" | median) req/s; median through nginx (HTTPS): $(printf '%s\n' "${fronts[@]}" | median) req/s"
echo "nginx / direct throughput, median of rounds: $stats"
