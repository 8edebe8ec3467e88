#!/usr/bin/env bash
# RAG bench: retrieval quality over the banking corpus in bench/rag/ (recall@5, MRR and extractive
# citation accuracy for BM25 alone, vectors alone and hybrid), ingest rate and query latency
# p50/p95 at CHUNKS chunks with exact search and with the Lucene HNSW index, then the resident
# memory of `maiis serve` with the embedding model loaded. Prints markdown for docs/BENCHMARKS.md.
#
#   bench/rag.sh [CHUNKS] [QUERIES]          (defaults: 10000 chunks, 200 queries)
#
# Needs: a JDK 17, Maven, curl, python3. Builds the modules (tests skipped) through the reactor.
# Takes about 10 minutes at the defaults; progress goes to stderr, the markdown to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
need java:openjdk-17-jdk-headless mvn:maven curl python3
CHUNKS="${1:-10000}"
QUERIES="${2:-200}"
PORT="${BENCH_PORT:-18090}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

say "[1/3] building maiis-core, maiis-server, maiis-cli (tests skipped; a few minutes on a fresh clone)..."
# One reactor run (-am) that packages and writes each module's test classpath: a fresh clone has
# no maiis-core in ~/.m2, so a classpath resolved outside the reactor would fail.
quiet_mvn -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -pl maiis-server,maiis-cli -am -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >&2
# The reactor's own classes first, ahead of any older maiis-core in ~/.m2.
CP="maiis-server/target/test-classes:maiis-server/target/classes:maiis-core/target/classes"
CP="$CP:maiis-core/target/test-classes:$(cat maiis-server/target/bench.cp)"

echo "## quality and latency (RagBench, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC)"
echo
say "[2/3] retrieval quality, then ingest of $CHUNKS chunks and $QUERIES queries (several minutes)..."
# RagBench's own progress lines go to stderr; the server logs of its fixtures stay in bench.log.
java -cp "$CP" org.maiis.server.rag.RagBench "$WORK/bench" "$CHUNKS" "$QUERIES" \
  2> >(tee "$WORK/bench.log" | grep --line-buffered '^progress: ' >&2) &
bench_pid=$!
heartbeat "$bench_pid" "running RagBench"
wait "$bench_pid" || { echo "$BENCH_NAME: RagBench failed; its log:" >&2; tail -n 30 "$WORK/bench.log" >&2; exit 1; }

# Resident memory of the server: started, model loaded (in the background at start), the corpus
# uploaded into one user's knowledge base, every question asked once.
JAR=maiis-cli/target/maiis.jar
mkdir -p "$WORK/serve"
cat > "$WORK/serve/maiis.yaml" <<YAML
server:
  listen: 127.0.0.1:$PORT
  data_dir: $WORK/serve/data
YAML
say "[3/3] server memory: start, upload the corpus, ask every question once"
java -jar "$JAR" serve -c "$WORK/serve/maiis.yaml" 2>"$WORK/serve/server.log" &
SERVER_PID=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done
rss() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$SERVER_PID/status"; }
started=$(rss VmRSS)
ct='Content-Type: application/json'
curl -sf "$base/api/auth/signup" -H "$ct" \
  -d '{"email":"rag@example.com","password":"Bench-Passw0rd!","full_name":"Bench"}' >/dev/null
token=$(curl -sf "$base/api/auth/login" -H "$ct" \
  -d '{"email":"rag@example.com","password":"Bench-Passw0rd!"}' \
  | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
for f in bench/rag/corpus/*.md; do
  curl -sf "$base/api/documents/upload?ingest_to_kb=true" -H "Authorization: Bearer $token" \
    -F "file=@$f;type=text/plain" >/dev/null
done
grep -v '^#' bench/rag/questions.tsv | cut -f1 | while IFS= read -r q; do
  python3 -c 'import sys, json; print(json.dumps({"message": sys.argv[1]}))' "$q" \
    | curl -sf "$base/api/chat/message" -H "$ct" -H "Authorization: Bearer $token" -d @- >/dev/null
done
echo "| maiis serve (shaded jar, default JVM flags) | RSS MiB |"
echo "|---|---|"
echo "| after start (model loading in the background) | $started |"
echo "| after ingesting the corpus and answering $(grep -vc '^#' bench/rag/questions.tsv) questions | $(rss VmRSS) |"
echo "| peak (VmHWM) | $(rss VmHWM) |"
