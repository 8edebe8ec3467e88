# Shared by the bench scripts (sourced, not run): progress on stderr, tool checks, and the one
# reactor build a fresh clone needs.

# Every script runs under strict mode from the repository root, wherever it was started from, so
# its relative paths (bench/, maiis-cli/target/) hold and a failing step stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# say MESSAGE: a progress line on stderr, prefixed with the script's name and the elapsed time,
# so a long run is never silent and stdout stays the results.
BENCH_NAME="bench/$(basename "$0")"
BENCH_T0=$SECONDS
say() { printf '%s [%ds]: %s\n' "$BENCH_NAME" "$((SECONDS - BENCH_T0))" "$*" >&2; }

# need TOOL[:DEBIAN_PACKAGE]...: every missing tool named at once, with the apt-get line that
# installs them all, then exit 1.
need() {
  local missing=() pkgs=() t
  for t in "$@"; do
    command -v "${t%%:*}" >/dev/null 2>&1 || { missing+=("${t%%:*}"); pkgs+=("${t#*:}"); }
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "$BENCH_NAME: needs ${missing[*]}, not installed. Install with: apt-get install -y ${pkgs[*]}" >&2
    exit 1
  fi
}

# quiet_mvn ARGS...: Maven in batch mode with -q, all of it on stderr, without the colour resets
# that Maven 3.8 prints even then (with pipefail, the status is Maven's).
quiet_mvn() {
  local rc=0
  mvn -B -q "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2 || rc=$?
  [ "$rc" -eq 0 ] || say "Maven failed (exit $rc): mvn -B -q $*"
  return "$rc"
}

# build_jar: maiis-cli/target/maiis.jar from this tree (with -am, so a fresh clone with an empty
# ~/.m2 builds too); skipped when the jar is newer than every source, as ./maiis does.
build_jar() {
  local root jar
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  jar="$root/maiis-cli/target/maiis.jar"
  if [ -f "$jar" ] && [ -z "$(find "$root/pom.xml" "$root"/maiis-*/pom.xml "$root"/maiis-*/src/main \
        "$root/templates" "$root/completions/maiis.zsh" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  say "building maiis-cli/target/maiis.jar (tests skipped; a few minutes on a fresh clone)..."
  quiet_mvn -f "$root/pom.xml" -DskipTests -Dspotless.check.skip=true package -pl maiis-cli -am
  say "built"
}

# serve_bench: what a wrk benchmark of `maiis serve` needs: its tools; JAR, BENCH_JAR (another
# build's) when set, else this tree's, built first when it is stale; and WORK (see work_dir).
serve_bench() {
  need java:openjdk-17-jdk-headless mvn:maven wrk curl python3
  JAR="${BENCH_JAR:-maiis-cli/target/maiis.jar}"
  [ -n "${BENCH_JAR:-}" ] || build_jar
  work_dir
}

# json EXPR: the JSON document on stdin indexed by the Python expression EXPR, e.g. '["id"]'.
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

# ratio_stats: the median and quartiles (nearest rank) of the numbers on stdin, one a line, as
# "M (quartiles Q1-Q3)" with three decimals.
ratio_stats() {
  sort -n | awk '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
    printf "%.3f (quartiles %.3f-%.3f)", m, a[int((NR+3)/4)], a[int((3*NR+3)/4)] }'
}

# heartbeat PID WHAT: while PID runs, a line every 30 s saying it still does, so a step that takes
# minutes is not mistaken for a hang. Returns as soon as PID ends.
heartbeat() {
  local pid=$1 what=$2 n=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    n=$((n + 1))
    if [ $((n % 30)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
      say "still $what..."
    fi
  done
}

# Under set -e a failing command ends the script; say which, so it never ends silently (errtrace:
# also inside functions).
set -o errtrace
trap 'rc=$?; case "$BASH_COMMAND" in return*) ;; *) say "stopped (exit $rc): $BASH_COMMAND" ;; esac' ERR

# work_dir: WORK, a temporary directory for this run, and SERVER_PID, the server it starts; on exit
# the server is stopped and the directory removed.
work_dir() {
  WORK="$(mktemp -d)"
  SERVER_PID=""
  trap stop_work EXIT
}
stop_work() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  # A cgroup is removed once its processes have gone (the kernel refuses it before).
  if [ -n "${CGROUP:-}" ]; then sleep 0.5; rmdir "$CGROUP" 2>/dev/null || true; fi
}

# memory_cgroup LIMIT: a memory cgroup (v2, else v1) capped at LIMIT (e.g. 512M) for a server, as
# a container or a systemd MemoryMax= would cap it; sets CGROUP to its directory. Needs root and a
# writable cgroup file system; the kernel reclaims page cache (mapped index files) to stay under
# the cap and kills the process when anonymous memory alone exceeds it.
memory_cgroup() {
  local bytes name="maiis-bench-$$"
  bytes=$(numfmt --from=iec "$1")
  [ -z "${CGROUP:-}" ] || return 0
  if [ -w /sys/fs/cgroup/cgroup.subtree_control ] && grep -qw memory /sys/fs/cgroup/cgroup.controllers; then
    CGROUP="/sys/fs/cgroup/$name"
    mkdir -p "$CGROUP"; echo "$bytes" > "$CGROUP/memory.max"; echo 0 > "$CGROUP/memory.swap.max" 2>/dev/null || true
  elif [ -w /sys/fs/cgroup/memory ]; then
    CGROUP="/sys/fs/cgroup/memory/$name"
    mkdir -p "$CGROUP"; echo "$bytes" > "$CGROUP/memory.limit_in_bytes"
  else
    echo "$BENCH_NAME: no writable memory cgroup here (needs root and cgroup v2 or v1)" >&2
    exit 1
  fi
}

# cgroup_report: the cgroup's peak usage (MiB, page cache included) and how many times the kernel
# killed a process in it for memory.
cgroup_report() {
  local peak kills
  if [ -f "$CGROUP/memory.max" ]; then
    peak=$(cat "$CGROUP/memory.peak" 2>/dev/null || echo 0)
    kills=$(awk '$1 == "oom_kill" {print $2}' "$CGROUP/memory.events")
  else
    peak=$(cat "$CGROUP/memory.max_usage_in_bytes")
    kills=$(awk '$1 == "oom_kill" {print $2}' "$CGROUP/memory.oom_control")
  fi
  echo "peak $((peak / 1048576)) MiB, ${kills:-0} OOM kills"
}
