#!/bin/sh
# tests/explain.sh — data-driven extraction cases: every tests/explain/NAME.{txt,md} is run through
# `newsgraph explain` and compared with NAME.expected (reviewed by eye).  --update rewrites them.
# Usage: sh tests/explain.sh ./newsgraph [--update]
# Ends with "N passed, N failed"; exits non-zero when anything failed.
set -u
NG=${1:?usage: sh tests/explain.sh PATH/TO/newsgraph [--update]}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
UPDATE=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NEWSGRAPH_DATA="$ROOT"
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-explain.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
for art in "$ROOT"/tests/explain/*.txt "$ROOT"/tests/explain/*.md; do
    [ -f "$art" ] || continue
    case $art in */README.md) continue ;; esac
    name=$(basename "$art")
    exp=${art%.*}.expected
    if ! "$NG" explain "$art" > "$T/out" 2> "$T/err"; then
        failed=$((failed + 1)); echo "FAIL: $name: explain exited non-zero"; sed 's/^/      /' "$T/err"; continue
    fi
    if [ "$UPDATE" = "--update" ]; then
        cp "$T/out" "$exp"; echo "updated: $exp"; passed=$((passed + 1)); continue
    fi
    if [ -f "$exp" ] && cmp -s "$T/out" "$exp"; then
        passed=$((passed + 1)); echo "ok:   $name"
    else
        failed=$((failed + 1)); echo "FAIL: $name differs from $(basename "$exp"):"
        diff "$exp" "$T/out" | head -n 30 | sed 's/^/      /'
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
