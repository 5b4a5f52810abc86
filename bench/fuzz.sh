#!/usr/bin/env bash
# The long fuzzing run: every target of fuzz/ (net.tcp frames, CBOR payloads, SOAP envelopes, REST requests, SOAP/JMS
# messages, the YAML configuration) for N inputs each (default 100000; the test suite runs 10000), one JVM per
# target, then a table of inputs per second per target.
#   bench/fuzz.sh [--inputs N] [--no-build] [--report FILE]     (report: bench/results/FUZZ.md)
# A finding fails the run; Jazzer saves its input beside the target's seeds (fuzz/src/test/resources), where the
# test suite replays it from then on. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=100000
build=1
report=bench/results/FUZZ.md
while [[ $# -gt 0 ]]; do
  case "$1" in
    --inputs) inputs="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $build == 1 ]]; then
  mvn -q -B -ntp install -DskipTests
fi
mkdir -p fuzz/target "$(dirname "$report")"
status=0
mvn -B -ntp -pl fuzz test -Dfuzz.inputs="$inputs" > fuzz/target/fuzz-run.log 2>&1 || status=$?
{
  echo "# Fuzzing: inputs per second per target"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $inputs inputs asked per target after its seeds, one JVM each (-Xmx512m)."
  echo "The time is the fuzzing run's, a network target's host start-up included; a finding stops its target early."
  echo
  echo "| target | inputs run | seconds | inputs/s | findings |"
  echo "|---|---:|---:|---:|---:|"
  for xml in fuzz/target/surefire-reports/TEST-*.xml; do
    target=$(basename "$xml" .xml); target=${target#TEST-}
    # the inputs libFuzzer ran (fewer than asked when a finding stopped it)
    ran=$(awk -v t="Running $target" '$0 ~ t {on = 1; next} /Running io\./ {on = 0} on && /^Done [0-9]+ runs/ {print $2}' \
          fuzz/target/fuzz-run.log | tail -1)
    awk -v inputs="${ran:-0}" '
      /<testsuite / {
        match($0, /name="[^"]*"/); name = substr($0, RSTART + 6, RLENGTH - 7); sub(/.*\./, "", name)
        match($0, /errors="[0-9]+"/); errors = substr($0, RSTART + 8, RLENGTH - 9)
        match($0, /failures="[0-9]+"/); failures = substr($0, RSTART + 10, RLENGTH - 11)
      }
      /<testcase / { match($0, /time="[0-9.]+"/); last = substr($0, RSTART + 6, RLENGTH - 7) }
      END { printf "| %s | %d | %.1f | %.0f | %d |\n", name, inputs, last, (last > 0 ? inputs / last : 0), errors + failures }
    ' "$xml"
  done
  echo
  echo "Full log: fuzz/target/fuzz-run.log (libFuzzer's coverage lines per target)."
} > "$report"
cat "$report"
exit $status
