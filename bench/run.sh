#!/usr/bin/env bash
# The benchmark harness: builds what it needs, then measures every binding against raw sockets in one run.
#   bench/run.sh --quick   (under 2 minutes)      bench/run.sh   (full)
# Writes bench/results/REPORT.md and the PNG charts beside it. Run from anywhere; it works from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp install -DskipTests
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.wcf4j.bench.Bench "$@"
