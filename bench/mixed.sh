#!/usr/bin/env bash
# Throughput and latency of `maiis serve` under a mixed, authenticated load close to what the
# banking/RAG front end sends: many users, each with two accounts and a ledger that grows during
# the run, and a small share of chat questions answered from a shared knowledge base.
#
#   bench/mixed.sh [SECONDS] [CONNECTIONS] [USERS]     (defaults: 20 s, 64 connections, 20 users)
#
# The mix (per request, drawn at random by each wrk thread; see mix.lua below):
#   24 %  GET  /api/banking/accounts                   account list
#   18 %  GET  /api/banking/accounts/{id}              one account
#   18 %  GET  /api/banking/transactions?account_id=…&limit=20   a history page
#    5 %  GET  /api/banking/accounts/{id}/summary      totals over the ledger
#    8 %  POST /api/banking/transfer                   0.01 between the user's two accounts
#   13 %  GET  /api/auth/me
#   10 %  GET  /health
#    2 %  POST /api/chat/message                       a question from bench/rag/questions.tsv
# BENCH_CHAT_PERCENT changes the chat share (transfers and chat share 10 %; 0 runs banking only).
# BENCH_CHAT_STREAM=1 adds one client that streams chat answers back to back during the measured
# run (POST /api/chat/stream, a question of bench/rag/questions.tsv each) and counts the streams
# that ended with [DONE].
#
# Steps: start the server on a fresh data dir, make an admin (`maiis user role`, server stopped),
# ingest bench/rag/corpus into the shared knowledge base, sign up USERS users with two accounts,
# seed the ledgers with BENCH_SEED seconds of transfers, warm up with the mix for BENCH_WARMUP
# seconds, then measure. Prints one markdown table row: req/s, p50/p95/p99 (ms), requests, errors
# (non-2xx answers and socket errors; of them the 503s a full chat pool answers, other non-2xx, and
# requests wrk gave up on after 2 s), and the server's RSS before the load and after it; then,
# from the server's own latency histogram over the measured run, each endpoint's requests and the
# bucket bounds of its median and 95th percentile.
#
# BENCH_KB_CHUNKS=N also ingests about N chunks of generated policy prose (bench/rag/planted.py)
# into the shared knowledge base with `maiis kb ingest --shared`, so the chat share searches a
# corpus of that size (issue 14 measures memory with 10,000).
#
# BENCH_LAUNCHER=1 starts the server through ./maiis, with the flags users get (BENCH_JAVA_OPTS
# then goes to MAIIS_JAVA_OPTS). BENCH_JAR runs another build's jar; BENCH_JAVA_OPTS adds JVM
# flags (e.g. a JFR recording);
# BENCH_PORT (18090). Needs: wrk, curl, python3 (apt-get install -y wrk curl python3) and the jar.
. "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-64}"
USERS="${3:-20}"
PORT="${BENCH_PORT:-18090}"
SEED="${BENCH_SEED:-5}"
WARMUP="${BENCH_WARMUP:-10}"
CHAT="${BENCH_CHAT_PERCENT:-2}"
STREAM="${BENCH_CHAT_STREAM:-0}"
serve_bench
# The launcher runs the JVM as its child on a first serve; pgrep finds it for the RSS readings.
[ "${BENCH_LAUNCHER:-0}" != 1 ] || need pgrep:procps
base="http://127.0.0.1:$PORT"
ct='Content-Type: application/json'
PASS='Bench-Passw0rd!'

cat > "$WORK/maiis.yaml" <<YAML
server:
  listen: 127.0.0.1:$PORT
  data_dir: $WORK/data
  auth:
    login_failures: 1000
    recheck_after: 1s
  banking:
    max_transaction: 1000000
    daily_limit: 1000000000000
YAML

start() {
  if [ "${BENCH_LAUNCHER:-0}" = 1 ]; then
    # As users start it: ./maiis serve with the launcher's JVM flags and environment.
    MAIIS_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" XDG_CACHE_HOME="$WORK/cache" \
      ./maiis serve -c "$WORK/maiis.yaml" >>"$WORK/server.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" serve -c "$WORK/maiis.yaml" >>"$WORK/server.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 150); do curl -sf "$base/health" >/dev/null && return 0; sleep 0.2; done
  echo "$BENCH_NAME: the server did not answer /health; its log:" >&2
  tail -n 20 "$WORK/server.log" >&2
  exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
signup() { curl -sf "$base/api/auth/signup" -H "$ct" -d "{\"email\":\"$1\",\"password\":\"$PASS\",\"full_name\":\"Bench\"}" >/dev/null; }
login() { curl -sf "$base/api/auth/login" -H "$ct" -d "{\"email\":\"$1\",\"password\":\"$PASS\"}" | json '["access_token"]'; }
# The JVM: the launcher runs it as a child while it writes its class-data archive, else execs it.
jvm_pid() { pgrep -P "$SERVER_PID" -x java || echo "$SERVER_PID"; }
rss() { awk -v k="${1:-VmRSS}:" '$1 == k {print int($2 / 1024)}' "/proc/$(jvm_pid)/status"; }

say "starting the server; making an admin for the shared knowledge base"
start
signup admin@example.com
stop
java -jar "$JAR" user role admin@example.com admin -c "$WORK/maiis.yaml" >/dev/null
start
admin=$(login admin@example.com)
for f in bench/rag/corpus/*.md; do
  python3 -c 'import sys, json; print(json.dumps({"text": open(sys.argv[1]).read(), "metadata": {"title": sys.argv[1]}}))' "$f" \
    | curl -sf "$base/api/chat/ingest" -H "$ct" -H "Authorization: Bearer $admin" -d @- >/dev/null
done
KB_CHUNKS="${BENCH_KB_CHUNKS:-0}"
if [ "$KB_CHUNKS" -gt 0 ]; then
  say "generating and ingesting about $KB_CHUNKS chunks into the shared knowledge base"
  python3 bench/rag/planted.py "$WORK/gen" "$KB_CHUNKS" >/dev/null
  BENCH_PW="$PASS" java -jar "$JAR" kb ingest "$WORK/gen/corpus" --shared --url "$base" \
    --email admin@example.com --password-env BENCH_PW > "$WORK/ingest.out" 2>/dev/null
  grep -o '([0-9]* chunks)' "$WORK/ingest.out" >&2
fi

say "signing up $USERS users with two accounts each"
users=""
for u in $(seq 1 "$USERS"); do
  signup "user$u@example.com"
  tok=$(login "user$u@example.com")
  a=$(curl -sf "$base/api/banking/accounts" -H "$ct" -H "Authorization: Bearer $tok" \
    -d '{"account_type":"checking","currency":"USD","initial_balance":100000}' | json '["id"]')
  b=$(curl -sf "$base/api/banking/accounts" -H "$ct" -H "Authorization: Bearer $tok" \
    -d '{"account_type":"savings","currency":"USD","initial_balance":100000}' | json '["id"]')
  users="$users{\"$tok\",\"$a\",\"$b\"},"
done
questions=$(grep -v '^#' bench/rag/questions.tsv | cut -f1 \
  | python3 -c 'import sys, json; print(",".join(json.dumps(json.dumps({"message": l.strip()}), ensure_ascii=False) for l in sys.stdin if l.strip()))')

cat > "$WORK/mix.lua" <<LUA
users = {$users}
questions = {$questions}
chat = $CHAT
LUA
cat bench/wrk-threads.lua >> "$WORK/mix.lua"
cat >> "$WORK/mix.lua" <<'LUA'
-- "seed" mode sends transfers only.
local init0 = init
init = function(args)
  init0(args)
  seed = args[1] == "seed"
end
local function get(path, token)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
request = function()
  n = n + 1
  local u = users[math.random(#users)]
  local token, a, b = u[1], u[2], u[3]
  local acct = (math.random(2) == 1) and a or b
  local r = seed and 67 or math.random(100)
  if r <= 24 then return get("/api/banking/accounts", token)
  elseif r <= 42 then return get("/api/banking/accounts/" .. acct, token)
  elseif r <= 60 then return get("/api/banking/transactions?account_id=" .. acct .. "&limit=20", token)
  elseif r <= 65 then return get("/api/banking/accounts/" .. acct .. "/summary", token)
  elseif r <= 75 - chat then
    local from, to = a, b
    if math.random(2) == 1 then from, to = b, a end
    return wrk.format("POST", "/api/banking/transfer", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
      ["Idempotency-Key"] = string.format("mix-%d-%d-%d", os.time(), tid, n),
    }, string.format('{"from_account_id":"%s","to_account_id":"%s","amount":"0.01"}', from, to))
  elseif r <= 75 then
    return wrk.format("POST", "/api/chat/message", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
    }, questions[math.random(#questions)])
  elseif r <= 88 then return get("/api/auth/me", token)
  else return wrk.format("GET", "/health")
  end
end
-- Non-2xx answers counted per thread: 503 (a full chat pool says busy) apart from the rest.
local all = {}
local setup0 = setup
setup = function(thread)
  setup0(thread)
  table.insert(all, thread)
end
busy, failed = 0, 0
response = function(status, headers, body)
  if status == 503 then busy = busy + 1 elseif status >= 300 then failed = failed + 1 end
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  local b, f = 0, 0
  for _, t in ipairs(all) do
    b = b + t:get("busy")
    f = f + t:get("failed")
  end
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors, b, f, summary.errors.timeout))
end
LUA

say "seeding the ledgers: ${SEED}s of transfers"
wrk -t2 -c"$CONNECTIONS" -d"${SEED}s" -s "$WORK/mix.lua" "$base" -- seed >/dev/null
say "warming up with the mix for ${WARMUP}s"
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/mix.lua" "$base" >/dev/null
before=$(rss)
curl -sf "$base/metrics" > "$WORK/metrics-before"
# One client asking question after question on the streaming endpoint until it is stopped.
streamer() {
  local tok body count=0
  tok=$(login user1@example.com)
  python3 -c 'import sys, json
for line in open("bench/rag/questions.tsv"):
    if not line.startswith("#"):
        print(json.dumps({"message": line.split("\t")[0]}))' > "$WORK/stream-bodies"
  while :; do
    while read -r body; do
      if curl -sfN "$base/api/chat/stream" -H "$ct" -H "Authorization: Bearer $tok" -d "$body" \
        | grep -q '^data: \[DONE\]'; then
        count=$((count + 1))
        echo "$count" > "$WORK/streams"
      fi
    done < "$WORK/stream-bodies"
  done
}
echo 0 > "$WORK/streams"
if [ "$STREAM" = 1 ]; then streamer & stream_pid=$!; fi
say "measuring ${DURATION}s, $CONNECTIONS connections, $USERS users, chat $CHAT %$([ "$STREAM" = 1 ] && echo ', one client streaming chat')"
set -- $(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/mix.lua" "$base" | grep '^RESULT')
if [ "$STREAM" = 1 ]; then kill "$stream_pid"; wait "$stream_pid" 2>/dev/null || true; fi
after=$(rss); anon=$(rss RssAnon); peak=$(rss VmHWM)
curl -sf "$base/metrics" > "$WORK/metrics-after"

# Money is conserved whatever the load did: every user still holds 200000.00 in total.
tok=$(login user1@example.com)
total=$(curl -sf "$base/api/banking/accounts" -H "Authorization: Bearer $tok" \
  | python3 -c 'import sys, json, decimal; print(sum(a["balance"] for a in json.load(sys.stdin, parse_float=decimal.Decimal)))')
[ "$total" = "200000.00" ] || { echo "$BENCH_NAME: user1 holds $total, not 200000.00" >&2; exit 1; }
stop

echo "| users | conn | chat % | req/s | p50 ms | p95 ms | p99 ms | requests | errors (503 busy / other non-2xx / timeouts) | RSS MiB before → after (anonymous), peak |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s (%s / %s / %s) | %s → %s (%s), %s |\n' \
  "$USERS" "$CONNECTIONS" "$CHAT" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10}" "$before" "$after" "$anon" "$peak"
# Where the time went, by the server's own histogram over the measured run: per endpoint, the
# bucket bounds its median and 95th percentile fall under.
echo
python3 - "$WORK/metrics-before" "$WORK/metrics-after" <<'PY'
import re, sys
def buckets(path):
    out = {}
    for line in open(path):
        m = re.match(r'http_request_duration_seconds_bucket\{(.*)\} (\S+)', line)
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        key = labels.get("method", "") + " " + labels.get("endpoint", "")
        le = float(labels["le"])
        out.setdefault(key, {})
        out[key][le] = out[key].get(le, 0) + float(m.group(2))
    return out
before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
def bound(b, q):
    total = b[float("inf")]
    for le in sorted(b):
        if b[le] >= q * total:
            return "> " + str(max(k for k in b if k != float("inf"))) + " s" if le == float("inf") else f"<= {le * 1000:g} ms"
print("| endpoint | requests | p50 | p95 |")
print("|---|---:|---|---|")
for key in sorted(after, key=lambda k: -after[k][float("inf")]):
    b = {le: n - before.get(key, {}).get(le, 0) for le, n in after[key].items()}
    if b[float("inf")] > 0:
        print(f"| {key} | {int(b[float('inf')])} | {bound(b, 0.5)} | {bound(b, 0.95)} |")
PY
if [ "$STREAM" = 1 ]; then
  echo
  echo "One client streamed $(cat "$WORK/streams") chat answers to [DONE] during the ${DURATION} s."
fi
