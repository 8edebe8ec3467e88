#!/usr/bin/env bash
# The guard of issue 14's hot paths: ApiHotPathsBenchmark (JMH, maiis-bench) times /api/auth/me,
# the account list, a history page and the summary of a 2,000-entry ledger, a transfer, a chat
# question and a /metrics scrape, one request at a time against a real `maiis serve` in process,
# and GET /health as the floor. Each path is divided by /health from the same run (so the numbers
# carry from one machine to another) and compared with bench/hotpaths-baseline.tsv: a path that
# became more than 2x slower relative to the floor fails the run (exit 1) and is named.
#
#   bench/hotpaths.sh            measure and compare with the baseline
#   bench/hotpaths.sh --record   measure and write the baseline (after a deliberate change)
#
# HOTPATHS_JMH adds JMH options (e.g. "-wi 1 -i 2" for a quick look). Needs a JDK 17, Maven and
# python3; about 8 minutes on 2 cores. Prints a markdown table for docs/BENCHMARKS.md on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
need java:openjdk-17-jdk-headless mvn:maven python3
RECORD=0
[ "${1:-}" = --record ] && RECORD=1
BASELINE=bench/hotpaths-baseline.tsv
work_dir

say "building maiis-bench/target/benchmarks.jar (tests skipped)..."
quiet_mvn -Pbench -DskipTests -Dspotless.check.skip=true -Dmaiis.dist.skip=true package -pl maiis-bench -am
say "running ApiHotPathsBenchmark (a server in process, two forks; about 8 minutes)..."
# shellcheck disable=SC2086
java -jar maiis-bench/target/benchmarks.jar ApiHotPathsBenchmark ${HOTPATHS_JMH:-} \
  -rf json -rff "$WORK/result.json" >"$WORK/jmh.log" 2>&1 \
  || { echo "$BENCH_NAME: the benchmark failed; its log:" >&2; tail -n 30 "$WORK/jmh.log" >&2; exit 1; }

echo "## API hot paths (ApiHotPathsBenchmark, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, $(git rev-parse --short HEAD))"
echo
python3 - "$WORK/result.json" "$BASELINE" "$RECORD" <<'PY'
import json, sys
results, baseline_path, record = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
scores = {}
for r in json.load(open(results)):
    name = r["benchmark"].rsplit(".", 1)[1]
    # JMH writes the error as "NaN" when there was a single iteration.
    scores[name] = (float(r["primaryMetric"]["score"]), float(r["primaryMetric"]["scoreError"]))
floor = scores["health"][0]
ratios = {n: s / floor for n, (s, _) in scores.items()}
baseline = {}
if not record:
    try:
        for line in open(baseline_path):
            if line.strip() and not line.startswith("#"):
                n, v = line.split("\t")
                baseline[n] = float(v)
    except FileNotFoundError:
        print("no baseline at %s: run with --record first" % baseline_path, file=sys.stderr)
        sys.exit(1)
print("| path | µs/op | ± | × /health | baseline × | now / baseline |")
print("|---|---:|---:|---:|---:|---:|")
slower = []
for n in sorted(scores, key=lambda k: ratios[k]):
    s, e = scores[n]
    b = baseline.get(n)
    change = "" if b is None else "%.2f" % (ratios[n] / b)
    if b is not None and ratios[n] > 2 * b:
        slower.append(n)
    print("| %s | %.1f | %.1f | %.2f | %s | %s |" % (n, s, e, ratios[n], "" if b is None else "%.2f" % b, change))
if record:
    with open(baseline_path, "w") as f:
        f.write("# bench/hotpaths.sh --record: each path's time as a multiple of GET /health's, same run\n")
        for n in sorted(ratios):
            f.write("%s\t%.3f\n" % (n, ratios[n]))
    print("\nbaseline written to %s" % baseline_path, file=sys.stderr)
elif slower:
    print("\n%s: more than 2x slower than the baseline (relative to /health): %s"
          % ("bench/hotpaths.sh", ", ".join(slower)), file=sys.stderr)
    sys.exit(1)
PY
