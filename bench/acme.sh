#!/usr/bin/env bash
# Benchmark: maiis ssl vs certbot and lego against one local Pebble, and ssl dhparam --generate vs
# openssl dhparam. Medians of RUNS (default 5) runs with hyperfine; results are appended to
# docs/BENCHMARKS.md under "## ACME". certbot, lego and hyperfine are used when installed
# (apt-get install -y hyperfine certbot lego pebble); missing ones are skipped and say so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
jar="$here/maiis-cli/target/maiis.jar"
. "$here/bench/lib.sh"
need java:openjdk-17-jdk-headless mvn:maven hyperfine pebble curl openssl python3
build_jar

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

say "starting Pebble on loopback"
# Pebble on loopback with a CA and TLS certificate made here (trusted by every client below).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" \
  -out "$work/ca.pem" -days 2 -subj /CN=bench-ca 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/srv.key" \
  -out "$work/srv.csr" -subj /CN=localhost 2>/dev/null
printf "subjectAltName=IP:127.0.0.1,DNS:localhost" > "$work/ext"
openssl x509 -req -in "$work/srv.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -out "$work/srv.pem" -days 2 -extfile "$work/ext" 2>/dev/null
cat > "$work/pebble.json" <<JSON
{"pebble":{"listenAddress":"127.0.0.1:14000","managementListenAddress":"127.0.0.1:15000",
 "certificate":"$work/srv.pem","privateKey":"$work/srv.key","httpPort":5002,"tlsPort":5001,
 "ocspResponderURL":"","externalAccountBindingRequired":false}}
JSON
pebble-challtestsrv -dns01 127.0.0.1:8053 -http01 "" -https01 "" -tlsalpn01 "" \
  -management 127.0.0.1:8055 -defaultIPv4 127.0.0.1 -defaultIPv6 "" >"$work/chall.log" 2>&1 &
pids+=($!)
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
  pebble -config "$work/pebble.json" -dnsserver 127.0.0.1:8053 >"$work/pebble.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf --cacert "$work/ca.pem" https://127.0.0.1:14000/dir >/dev/null && break; sleep 0.1; done

dir=https://127.0.0.1:14000/dir
maiis="java -jar $jar"
# The same jar with MAIIS_JAVA_OPTS for short runs: C1 only, serial GC, and an AppCDS archive made
# by one training run (JDK 17: -XX:ArchiveClassesAtExit).
jvmopts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable"
fast="java $jvmopts -XX:SharedArchiveFile=$work/maiis.jsa -jar $jar"
issue="ssl issue -d bench.example.test --server $dir --ca-bundle $work/ca.pem --standalone --http-port 5002 --name bench"
export REQUESTS_CA_BUNDLE="$work/ca.pem" LEGO_CA_CERTIFICATES="$work/ca.pem"
certbot_args="--config-dir $work/cb --work-dir $work/cb/work --logs-dir $work/cb/logs --server $dir"
lego_args="--server $dir --email bench@example.test --accept-tos --domains bench.example.test --http --http.port 127.0.0.1:5002 --path $work/lego"

say "training the AppCDS archive (one issuance)"
java $jvmopts -XX:ArchiveClassesAtExit="$work/maiis.jsa" -jar "$jar" ssl issue -d train.example.test \
  --server "$dir" --ca-bundle "$work/ca.pem" --standalone --http-port 5002 --name train --cert-dir "$work/train" >/dev/null 2>&1
cmds=(-n "maiis ssl issue" --prepare "rm -rf $work/m1" "$maiis $issue --cert-dir $work/m1"
      -n "maiis ssl issue (C1+SerialGC+AppCDS)" --prepare "rm -rf $work/m2" "$fast $issue --cert-dir $work/m2")
if command -v certbot >/dev/null; then
  cmds+=(-n "certbot certonly --standalone" --prepare "rm -rf $work/cb"
         "certbot certonly --standalone --http-01-port 5002 --http-01-address 127.0.0.1 -d bench.example.test --register-unsafely-without-email --agree-tos --non-interactive $certbot_args")
fi
if command -v lego >/dev/null; then
  cmds+=(-n "lego run" --prepare "rm -rf $work/lego" "lego $lego_args run")
fi
say "issuance: $runs runs per client (hyperfine)"
hyperfine -N --runs "$runs" --export-json "$work/issue.json" "${cmds[@]}" >&2

# No-op renew: one lineage each, nothing due.
$maiis $issue --cert-dir "$work/m1" >/dev/null 2>&1
cmds=(-n "maiis ssl renew (nothing due)" "$maiis ssl renew --cert-dir $work/m1"
      -n "maiis ssl renew (nothing due, C1+SerialGC+AppCDS)" "$fast ssl renew --cert-dir $work/m1")
if command -v certbot >/dev/null; then
  certbot certonly --standalone --http-01-port 5002 --http-01-address 127.0.0.1 -d bench.example.test \
    --register-unsafely-without-email --agree-tos --non-interactive $certbot_args >/dev/null 2>&1
  cmds+=(-n "certbot renew (nothing due)" "certbot renew --no-random-sleep-on-renew $certbot_args")
fi
if command -v lego >/dev/null; then
  lego $lego_args run >/dev/null 2>&1
  cmds+=(-n "lego renew (nothing due)" "lego $lego_args renew --days 30")
fi
say "renew with nothing due: $runs runs per client"
hyperfine -N --runs "$runs" --export-json "$work/renew.json" "${cmds[@]}" >&2

say "DH parameters: $runs runs each (the slowest part: minutes)"
hyperfine -N --runs "$runs" --export-json "$work/dh.json" \
  -n "maiis ssl dhparam --generate 2048" "$maiis ssl dhparam --generate 2048 --out $work/dh1.pem" \
  -n "openssl dhparam 2048" "openssl dhparam -out $work/dh2.pem 2048" >&2

# Medians (the issue asks for them; hyperfine's markdown shows means), with ratios to the first row.
table() {
  python3 - "$1" <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))["results"]
base = statistics.median(rows[0]["times"])
print("| command | median | min | max | runs | vs first row |")
print("|---|---|---|---|---|---|")
for r in rows:
    m = statistics.median(r["times"])
    print(f"| {r['command']} | {m:.3f} s | {min(r['times']):.3f} s | {max(r['times']):.3f} s | {len(r['times'])} | {m / base:.2f}x |")
PY
}

doc="$here/docs/BENCHMARKS.md"
mkdir -p "$here/docs"
[ -f "$doc" ] || printf '# Benchmarks\n\nMeasured with the scripts in bench/; numbers are machine-specific.\n' > "$doc"
grep -q '^## ACME' "$doc" || printf '\n## ACME\n\nFrom `bench/acme.sh` (hyperfine, %s runs each; one Pebble on loopback, fresh JVM per run).\n' "$runs" >> "$doc"
{
  printf '\n### %s — %s, %s cores, %s\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(nproc)" "$(java -version 2>&1 | head -1)"
  printf 'Load average at the end: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'Issuance (new account + one certificate, standalone http-01):\n\n'; table "$work/issue.json"
  printf '\nRenew with nothing due:\n\n'; table "$work/renew.json"
  printf '\nDH parameters:\n\n'; table "$work/dh.json"
} >> "$doc"
echo "bench: results appended to $doc" >&2
