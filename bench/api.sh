#!/usr/bin/env bash
# Throughput and latency of `maiis serve` with wrk: a read endpoint (GET balance) and transfers
# (POST, each with its own Idempotency-Key, between random pairs of ACCOUNTS accounts of one user),
# with server.metrics.enabled true and false.
# Prints one markdown table row per run, for docs/BENCHMARKS.md.
#
#   bench/api.sh [SECONDS] [CONNECTIONS]        (defaults: 15 s, 32 connections, 2 wrk threads)
#
# BENCH_JAR runs another build's jar; BENCH_METRICS=true (or false) runs one of the two settings;
# BENCH_FSYNC=true|false sets server.database.fsync (bench/durability.sh uses all three).
#
# Needs: wrk, curl, python3 (apt-get install -y wrk curl python3) and the built jar (./maiis builds it).
. "$(dirname "$0")/lib.sh"
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
PORT="${BENCH_PORT:-18080}"
ACCOUNTS="${BENCH_ACCOUNTS:-16}"
serve_bench

cat > "$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors))
end
LUA

cp bench/wrk-threads.lua "$WORK/transfer.lua"
cat >> "$WORK/transfer.lua" <<'LUA'
request = function()
  n = n + 1
  local i = math.random(#accounts)
  local j = math.random(#accounts - 1)
  if j >= i then j = j + 1 end
  local from, to = accounts[i], accounts[j]
  local body = string.format(
    '{"from_account_id":"%s","to_account_id":"%s","amount":"0.01"}', from, to)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. wrk.token,
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), tid, n),
  }
  return wrk.format("POST", "/api/banking/transfer", headers, body)
end
LUA

run() { # metrics_enabled
  local metrics="$1" dir="$WORK/run-$1"
  mkdir -p "$dir"
  cat > "$dir/maiis.yaml" <<YAML
server:
  listen: 127.0.0.1:$PORT
  data_dir: $dir/data
  auth:
    login_failures: 1000
  banking:
    max_transaction: 1000000
    daily_limit: 1000000000000
  metrics:
    enabled: $metrics
YAML
  if [ -n "${BENCH_FSYNC:-}" ]; then
    printf '  database:\n    fsync: %s\n' "$BENCH_FSYNC" >> "$dir/maiis.yaml"
  fi
  java -jar "$JAR" serve -c "$dir/maiis.yaml" 2>"$dir/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
  local base="http://127.0.0.1:$PORT" ct='Content-Type: application/json'
  curl -sf "$base/api/auth/signup" -H "$ct" \
    -d '{"email":"bench@example.com","password":"Bench-Passw0rd!","full_name":"Bench"}' >/dev/null
  local token
  token=$(curl -sf "$base/api/auth/login" -H "$ct" \
    -d '{"email":"bench@example.com","password":"Bench-Passw0rd!"}' | json '["access_token"]')
  local a ids=""
  for _ in $(seq 1 "$ACCOUNTS"); do
    a=$(curl -sf "$base/api/banking/accounts" -H "$ct" -H "Authorization: Bearer $token" \
      -d '{"account_type":"checking","currency":"USD","initial_balance":100000}' | json '["id"]')
    ids="$ids\"$a\","
  done

  # Warm-up (JIT, pool) before each measured run.
  wrk -t2 -c"$CONNECTIONS" -d3s -H "Authorization: Bearer $token" "$base/api/banking/balance/$a" >/dev/null
  local read transfer
  read=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/report.lua" \
    -H "Authorization: Bearer $token" "$base/api/banking/balance/$a" | grep '^RESULT')
  cat "$WORK/transfer.lua" "$WORK/report.lua" > "$dir/t.lua"
  sed -i "1i wrk.token = \"$token\"; accounts = {$ids}" "$dir/t.lua"
  wrk -t2 -c"$CONNECTIONS" -d3s -s "$dir/t.lua" "$base" >/dev/null
  transfer=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$dir/t.lua" "$base" | grep '^RESULT')

  # Money is conserved whatever the load did.
  local total
  total=$(curl -sf "$base/api/banking/accounts" -H "Authorization: Bearer $token" \
    | python3 -c 'import sys, json, decimal; print(sum(a["balance"] for a in json.load(sys.stdin, parse_float=decimal.Decimal)))')
  local expected="$((ACCOUNTS * 100000)).00"
  [ "$total" = "$expected" ] || { echo "bench/api.sh: total is $total, not $expected" >&2; exit 1; }

  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  row "GET /api/banking/balance/{id}" "$metrics" "$read"
  row "POST /api/banking/transfer" "$metrics" "$transfer"
}

row() { # endpoint metrics "RESULT rps p50 p95 p99 requests errors"
  set -- "$1" "$2" $3
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$4" "$5" "$6" "$7" "$9"
}

echo "| endpoint | metrics | req/s | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
for m in ${BENCH_METRICS:-true false}; do
  run "$m"
done
