#!/usr/bin/env bash
# RAG bench. (1) Retrieval quality over the labelled banking corpus in bench/rag/ (recall@5, MRR and
# extractive citation accuracy for BM25 alone, vectors alone and hybrid), in process. (2) The
# server at scale: a generated corpus of about CHUNKS chunks with 10 planted facts
# (bench/rag/planted.py) is ingested into `maiis serve` with `maiis kb ingest`, then the planted
# facts are asked in other words (recall@1), POST /api/chat/message is timed with 1 and 8 clients
# (p50/p95/p99, req/s; bench/rag/load.py), the server's RSS is read, and it is restarted and timed
# to its first answer. Prints markdown for docs/BENCHMARKS.md.
#
#   bench/rag.sh [CHUNKS] [QUERIES]          (defaults: 10000 chunks, 200 sequential queries)
#
# RAG_INPROCESS_CHUNKS=N also times ingest and queries in process at N chunks (RagBench; exact
# search against HNSW). BENCH_JAVA_OPTS: JVM flags of the server (default none). RAG_BENCH_LAUNCHER=1
# starts the server through ./maiis (its flags and class-data archive) instead of java -jar. RAG_BENCH_JAR:
# another build's maiis.jar for the server part (a before/after comparison in one run).
# RAG_BENCH_ASK_DURING_INGEST=1 has one client ask questions all through the ingest and prints
# their latency (the ingest rate is then lower: the two share the cores).
# BENCH_MEMORY_LIMIT=512M runs the server in a memory cgroup with that cap, as a container would
# (root and a writable cgroup file system), and reports the cgroup's peak and its OOM kills.
# Needs: a JDK 17, Maven, curl, python3. Builds the modules (tests skipped) through the reactor.
# About 15 minutes at 10,000 chunks on 2 cores; progress goes to stderr, the markdown to stdout.
. "$(dirname "$0")/lib.sh"
need java:openjdk-17-jdk-headless mvn:maven curl python3
# The launcher runs the JVM as its child on a first serve; pgrep finds it for the RSS readings.
[ "${RAG_BENCH_LAUNCHER:-0}" != 1 ] || need pgrep:procps
CHUNKS="${1:-10000}"
QUERIES="${2:-200}"
PORT="${BENCH_PORT:-18090}"
work_dir

say "[1/4] building maiis-core, maiis-server, maiis-cli (tests skipped; a few minutes on a fresh clone)..."
# One reactor run (-am) that packages and writes each module's test classpath: a fresh clone has
# no maiis-core in ~/.m2, so a classpath resolved outside the reactor would fail. RAG_BENCH_BUILT=1
# skips it when the caller has just built the same tree (e.g. under a shared build lock).
JAR="${RAG_BENCH_JAR:-maiis-cli/target/maiis.jar}"
if [ "${RAG_BENCH_BUILT:-0}" != 1 ]; then
  quiet_mvn -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
    -pl maiis-server,maiis-cli -am -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >&2
fi
# The reactor's own classes first, ahead of any older maiis-core in ~/.m2.
CP="maiis-server/target/test-classes:maiis-server/target/classes:maiis-core/target/classes"
CP="$CP:maiis-core/target/test-classes:$(cat maiis-server/target/bench.cp)"

echo "## quality and latency (RagBench, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC)"
echo
INPROCESS="${RAG_INPROCESS_CHUNKS:-0}"
say "[2/4] retrieval quality over the labelled corpus (in process; about a minute)..."
# RagBench's own progress lines go to stderr; the server logs of its fixtures stay in bench.log.
java -cp "$CP" org.maiis.server.rag.RagBench "$WORK/bench" "$INPROCESS" "$QUERIES" \
  2> >(tee "$WORK/bench.log" | grep --line-buffered '^progress: ' >&2) &
bench_pid=$!
heartbeat "$bench_pid" "running RagBench"
wait "$bench_pid" || { echo "$BENCH_NAME: RagBench failed; its log:" >&2; tail -n 30 "$WORK/bench.log" >&2; exit 1; }

mkdir -p "$WORK/serve"
say "[3/4] generating about $CHUNKS chunks of policy prose with 10 planted facts"
python3 bench/rag/planted.py "$WORK/gen" "$CHUNKS" >&2
cat > "$WORK/serve/maiis.yaml" <<YAML
server:
  listen: 127.0.0.1:$PORT
  data_dir: $WORK/serve/data
YAML
base="http://127.0.0.1:$PORT"
LIMIT="${BENCH_MEMORY_LIMIT:-}"
[ -z "$LIMIT" ] || memory_cgroup "$LIMIT"
start_server() {
  (
    # Inside the memory cgroup when BENCH_MEMORY_LIMIT asks for one (the JVM inherits it).
    [ -z "$LIMIT" ] || echo "$BASHPID" > "$CGROUP/cgroup.procs"
    # shellcheck disable=SC2086
    if [ "${RAG_BENCH_LAUNCHER:-0}" = 1 ]; then
      # As users start it: the launcher's flags and its class-data archive, which the first server
      # writes when it is stopped and the restart uses.
      MAIIS_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" XDG_CACHE_HOME="$WORK/cache" \
        exec ./maiis serve -c "$WORK/serve/maiis.yaml" 2>>"$WORK/serve/server.log"
    else
      exec java ${BENCH_JAVA_OPTS:-} -jar "$JAR" serve -c "$WORK/serve/maiis.yaml" 2>>"$WORK/serve/server.log"
    fi
  ) &
  SERVER_PID=$!
  for _ in $(seq 1 300); do curl -sf "$base/health" >/dev/null && return 0; sleep 0.1; done
  echo "$BENCH_NAME: the server did not start; its log:" >&2; tail -n 30 "$WORK/serve/server.log" >&2; exit 1
}
# The JVM: the launcher runs it as a child while it writes its archive, else execs it.
jvm_pid() { pgrep -P "$SERVER_PID" -x java || echo "$SERVER_PID"; }
rss() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$(jvm_pid)/status"; }
# Resident memory, split: anonymous (heap, native) and mapped files (the Lucene index, the jar),
# which the kernel can drop and read again under memory pressure.
mem() { echo "$(rss VmRSS) | $(rss RssAnon) | $(rss RssFile)"; }
start_server
started=$(mem)
ct='Content-Type: application/json'
export BENCH_PW='Bench-Passw0rd!'
curl -sf "$base/api/auth/signup" -H "$ct" \
  -d '{"email":"rag@example.com","password":"Bench-Passw0rd!","full_name":"Bench"}' >/dev/null
token() {
  curl -sf "$base/api/auth/login" -H "$ct" -d '{"email":"rag@example.com","password":"Bench-Passw0rd!"}' \
    | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])'
}
say "[4/4] ingesting $(ls "$WORK/gen/corpus" | wc -l) files with maiis kb ingest (a line every 25 files)"
asker=""
if [ "${RAG_BENCH_ASK_DURING_INGEST:-0}" = 1 ]; then
  python3 bench/rag/load.py during "$base" "$(token)" bench/rag/questions.tsv "$WORK/ingest.done" \
    > "$WORK/during.md" &
  asker=$!
fi
t0=$(date +%s.%N)
java -jar "$JAR" kb ingest "$WORK/gen/corpus" --url "$base" --email rag@example.com --password-env BENCH_PW \
  > "$WORK/ingest.out" 2> >(awk 'NR % 25 == 0 { print; fflush() }' >&2)
t1=$(date +%s.%N)
touch "$WORK/ingest.done"
[ -z "$asker" ] || wait "$asker"
chunks=$(grep -o '([0-9]* chunks)' "$WORK/ingest.out" | tr -dc 0-9)
ingested=$(mem)
say "ingested $chunks chunks; asking the planted questions, then timing chat"
echo "## the server at $chunks chunks ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, JVM flags: ${BENCH_JAVA_OPTS:-default}$([ "${RAG_BENCH_LAUNCHER:-0}" = 1 ] && echo ', through ./maiis'))"
echo
python3 - "$chunks" "$t0" "$t1" <<'PY'
import sys
n, t0, t1 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print("| ingest with `maiis kb ingest` (2 files at a time, HTTP) | %d chunks in %.1f s = %.0f chunks/s |" % (n, t1 - t0, n / (t1 - t0)))
PY
[ -z "$asker" ] || { cat "$WORK/during.md"; echo; }
python3 bench/rag/load.py "$base" "$(token)" "$WORK/gen/planted.tsv" bench/rag/questions.tsv "$QUERIES" 8 400
echo
echo "| maiis serve | RSS MiB | anonymous | mapped files |"
echo "|---|---:|---:|---:|"
echo "| after start (model loading in the background) | $started |"
echo "| after ingesting $chunks chunks | $ingested |"
echo "| after the questions (1 and 8 clients) | $(mem) |"
echo "| peak (VmHWM) | $(rss VmHWM) | | |"
if [ -n "$LIMIT" ]; then
  echo
  echo "In a memory cgroup capped at $LIMIT (page cache included): $(cgroup_report)."
fi
say "restarting the server: time to /health and to the first answer"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
r0=$(date +%s.%N)
start_server
r1=$(date +%s.%N)
tok=$(token)
until curl -sf "$base/api/chat/message" -H "$ct" -H "Authorization: Bearer $tok" \
  -d '{"message":"Can I bring my service dog into the branch?"}' | grep -q '"sources":\[{'; do sleep 0.05; done
r2=$(date +%s.%N)
python3 -c 'import sys; a,b,c=map(float,sys.argv[1:]); print("\n| restart | /health after %.1f s | first answer with sources after %.1f s |" % (b-a, c-a))' "$r0" "$r1" "$r2"
