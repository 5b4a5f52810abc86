#!/usr/bin/env bash
# The benchmark harness: every binding against raw baselines (sockets, gRPC, plain CXF, plain Jersey, raw
# Artemis) in one run, each server in its own JVM.
#   bench/run.sh            full mode (about 30 minutes on 2 cores)
#   bench/run.sh --quick    rough figures (about 7 minutes once built)
#   bench/run.sh --smoke    CI's check that every scenario completes on every binding (figures too few to read)
#   --no-build              skip the Maven build (CI runs it after `mvn verify`)
# Writes bench/results/REPORT.md and the PNG charts beside it. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
build=1
for a in "$@"; do
  if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done
if [[ $build == 1 ]]; then
  mvn -q -B -ntp install -DskipTests
fi
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.wcf4j.bench.Bench "${args[@]}"
