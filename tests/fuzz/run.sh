#!/bin/sh
# tests/fuzz/run.sh SECONDS HARNESS — one libFuzzer harness for SECONDS on a copy of its seed
# corpus in build-fuzz/ (`make fuzz` runs as many at once as there are processors).  A crash
# leaves its input in build-fuzz/artifacts/ and prints the end of the log; exit 1.
set -u
SECONDS_=${1:?usage: sh tests/fuzz/run.sh SECONDS HARNESS}
h=${2:?usage: sh tests/fuzz/run.sh SECONDS HARNESS}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
mkdir -p build-fuzz/artifacts build-fuzz/corpus/$h
cp -n tests/fuzz/$h/* build-fuzz/corpus/$h/ 2>/dev/null || true
echo "fuzz: $h for $SECONDS_ s"
if ! NEWSGRAPH_DATA=$ROOT ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
    build-fuzz/fuzz_$h -max_total_time=$SECONDS_ -timeout=20 -rss_limit_mb=3072 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/$h- \
    build-fuzz/corpus/$h tests/fuzz/regressions/$h 2>build-fuzz/$h.log; then
    tail -n 60 build-fuzz/$h.log
    echo "fuzz: $h FAILED (input in build-fuzz/artifacts/)"
    exit 1
fi
echo "fuzz: $h $(grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build-fuzz/$h.log | tr '\n' ' ')"
