#!/usr/bin/env bash
# Benchmark: maiis ssl vs certbot and lego against one local Pebble, and ssl dhparam --generate vs
# openssl dhparam. Medians of RUNS (default 5) runs with hyperfine; results are appended to
# docs/BENCHMARKS.md under "## ACME". lego is used when installed; missing, it is skipped.
#
# The fleet case: FLEET (default 200) lineages issued by maiis and the same names by certbot, then
# all forced due and renewed by one `maiis ssl renew --force` and one `certbot renew
# --force-renewal`; wall times, their ratio and lost lineages (not renewed, or with a key that does
# not match the certificate) are appended too.
# CASES=single|fleet|all (default all) picks what runs: the fleet case takes about ten minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
cases="${CASES:-all}"
fleet="${FLEET:-200}"
jar="$here/maiis-cli/target/maiis.jar"
. "$here/bench/lib.sh"
need java:openjdk-17-jdk-headless mvn:maven hyperfine pebble curl openssl python3 certbot
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
# The same jar as users run it, through ./maiis: C1 only, the serial GC, and the AppCDS archive its
# first run writes (here under $work/cache, made by the training run below).
export XDG_CACHE_HOME="$work/cache"
fast="$here/maiis"
issue="ssl issue -d bench.example.test --server $dir --ca-bundle $work/ca.pem --standalone --http-port 5002 --name bench"
export REQUESTS_CA_BUNDLE="$work/ca.pem" LEGO_CA_CERTIFICATES="$work/ca.pem"
certbot_args="--config-dir $work/cb --work-dir $work/cb/work --logs-dir $work/cb/logs --server $dir"
lego_args="--server $dir --email bench@example.test --accept-tos --domains bench.example.test --http --http.port 127.0.0.1:5002 --path $work/lego"

say "training the AppCDS archive of ssl issue (one issuance)"
$fast ssl issue -d train.example.test \
  --server "$dir" --ca-bundle "$work/ca.pem" --standalone --http-port 5002 --name train --cert-dir "$work/train" >/dev/null 2>&1

if [ "$cases" != fleet ]; then
cmds=(-n "maiis ssl issue" --prepare "rm -rf $work/m1" "$maiis $issue --cert-dir $work/m1"
      -n "./maiis ssl issue (launcher: C1, SerialGC, AppCDS)" --prepare "rm -rf $work/m2" "$fast $issue --cert-dir $work/m2")
if command -v certbot >/dev/null; then
  cmds+=(-n "certbot certonly --standalone" --prepare "rm -rf $work/cb"
         "certbot certonly --standalone --http-01-port 5002 --http-01-address 127.0.0.1 -d bench.example.test --register-unsafely-without-email --agree-tos --non-interactive $certbot_args")
fi
if command -v lego >/dev/null; then
  cmds+=(-n "lego run" --prepare "rm -rf $work/lego" "lego $lego_args run")
fi
say "issuance: $runs runs per client (hyperfine)"
hyperfine -N --runs "$runs" --export-json "$work/issue.json" "${cmds[@]}" >&2

# No-op renew: one lineage each, nothing due. The first renew makes the command's archive.
$maiis $issue --cert-dir "$work/m1" >/dev/null 2>&1
$fast ssl renew --cert-dir "$work/m1" >/dev/null 2>&1
cmds=(-n "maiis ssl renew (nothing due)" "$maiis ssl renew --cert-dir $work/m1"
      -n "./maiis ssl renew (nothing due, launcher)" "$fast ssl renew --cert-dir $work/m1")
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

fi

if [ "$cases" != single ]; then
  # Both clients answer http-01 from one webroot, served on Pebble's validation port.
  www="$work/www"
  mkdir -p "$www"
  python3 -m http.server 5002 --bind 127.0.0.1 --directory "$www" >"$work/www.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:5002/ && break; sleep 0.1; done
  names=()
  for i in $(seq -w 1 "$fleet"); do names+=("f$i"); done
  cb_fleet="--config-dir $work/fcb --work-dir $work/fcb/work --logs-dir $work/fcb/logs --server $dir"
  say "fleet: issuing $fleet lineages with maiis and $fleet with certbot (the two loops side by side)"
  (
    for n in "${names[@]}"; do
      $fast ssl issue -d "$n.fleet.test" --server "$dir" --ca-bundle "$work/ca.pem" --webroot "$www" \
        --name "$n" --cert-dir "$work/fleet-m" >/dev/null 2>>"$work/fleet-m-issue.err" || true
    done
  ) &
  issuing_m=$!
  (
    for n in "${names[@]}"; do
      certbot certonly --webroot -w "$www" -d "$n.fleet.test" --cert-name "$n" \
        --register-unsafely-without-email --agree-tos --non-interactive $cb_fleet \
        >/dev/null 2>>"$work/fleet-c-issue.err" || true
    done
  ) &
  issuing_c=$!
  heartbeat "$issuing_m" "issuing the maiis lineages"
  wait "$issuing_m"
  heartbeat "$issuing_c" "issuing the certbot lineages"
  wait "$issuing_c"
  issued_m=$(find "$work/fleet-m/live" -mindepth 1 -maxdepth 1 -type d | wc -l)
  issued_c=$(find "$work/fcb/live" -mindepth 1 -maxdepth 1 -type d | wc -l)
  say "fleet: issued $issued_m (maiis) and $issued_c (certbot); renewing all of them, forced"
  renew_m="java -jar $jar ssl renew --force --json --cert-dir $work/fleet-m"
  renew_c="certbot renew --force-renewal --no-random-sleep-on-renew $cb_fleet"
  t0=$(date +%s.%N)
  rc_m=0; $renew_m >"$work/fleet-m.json" 2>"$work/fleet-m-renew.err" || rc_m=$?
  t1=$(date +%s.%N)
  rc_c=0; $renew_c >/dev/null 2>"$work/fleet-c-renew.err" || rc_c=$?
  t2=$(date +%s.%N)
  # Lost: a lineage not at its second version after the run, or whose key is not the certificate's.
  pub() { openssl pkey -in "$1" -pubout 2>/dev/null | sha256sum; }
  certpub() { openssl x509 -in "$1" -noout -pubkey 2>/dev/null | sha256sum; }
  lost_m=0; lost_c=0; renewed_c=0
  for n in "${names[@]}"; do
    l="$work/fleet-m/live/$n"
    if [ "$(readlink "$work/fleet-m/archive/$n/current" 2>/dev/null)" != 2 ] \
      || [ "$(pub "$l/privkey.pem")" != "$(certpub "$l/cert.pem")" ]; then lost_m=$((lost_m + 1)); fi
    l="$work/fcb/live/$n"
    [ "$(basename "$(readlink "$l/cert.pem" 2>/dev/null)")" = cert2.pem ] && renewed_c=$((renewed_c + 1))
    if [ "$(basename "$(readlink "$l/cert.pem" 2>/dev/null)")" != cert2.pem ] \
      || [ "$(pub "$l/privkey.pem")" != "$(certpub "$l/cert.pem")" ]; then lost_c=$((lost_c + 1)); fi
  done
  fleet_row=$(python3 - "$t0" "$t1" "$t2" "$fleet" "$issued_m" "$issued_c" "$rc_m" "$rc_c" "$lost_m" "$lost_c" "$work/fleet-m.json" "$renewed_c" <<'PY'
import json, sys
t0, t1, t2 = map(float, sys.argv[1:4])
n, im, ic, rcm, rcc, lm, lc = sys.argv[4:11]
renewed = sum(1 for o in json.load(open(sys.argv[11])) if o["result"] == "renewed")
renewed_c = sys.argv[12]
m, c = t1 - t0, t2 - t1
print("| client | lineages issued | renew wall time | exit | renewed | lost |")
print("|---|---|---|---|---|---|")
print(f"| maiis ssl renew --force (8 per CA) | {im}/{n} | {m:.1f} s | {rcm} | {renewed} | {lm} |")
print(f"| certbot renew --force-renewal | {ic}/{n} | {c:.1f} s | {rcc} | {renewed_c} | {lc} |")
print(f"\nmaiis was {c / m:.1f}x faster than certbot (certbot wall time / maiis wall time).")
PY
)
  echo "$fleet_row" >&2
fi

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
  if [ "$cases" != fleet ]; then
    printf 'Issuance (new account + one certificate, standalone http-01):\n\n'; table "$work/issue.json"
    printf '\nRenew with nothing due:\n\n'; table "$work/renew.json"
    printf '\nDH parameters:\n\n'; table "$work/dh.json"
  fi
  if [ "$cases" != single ]; then
    printf '\nFleet: %s lineages (webroot http-01), all forced due, one run each, one after the other:\n\n' "$fleet"
    printf 'Command: `CASES=%s FLEET=%s bench/acme.sh`; renew commands as run: `%s`, `%s`.\n\n' \
      "$cases" "$fleet" "$(echo "${renew_m//$work/WORK}" | sed "s|$here/||")" "${renew_c//$work/WORK}"
    echo "$fleet_row"
    printf '\nThe machine was shared with other work during the run (see the load average): compare\n'
    printf 'the ratio of the two clients measured in the same run, not the absolute times.\n'
  fi
} >> "$doc"
echo "bench: results appended to $doc" >&2
