#!/usr/bin/env bash
# The chaos run: mixed load on every binding while the console host is killed with kill -9 and restarted; checks
# that every acknowledged transfer is applied exactly once and the money is conserved.
#   bench/chaos.sh [--kills N] [--seed S]   (default 5 kills; about 4 minutes on 2 cores)
#   --no-build                              skip the Maven build
# Writes bench/results/CHAOS.md. Run from anywhere.
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
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.wcf4j.bench.Chaos "${args[@]}"
