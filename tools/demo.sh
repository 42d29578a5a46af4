#!/bin/sh
# demo.sh — newsgraph's demo: builds each sample article's graph and the graph of them all, then
# asks the sample questions of the first sample's graph.  `make demo` runs it on the build tree;
# `make install` puts it in $(PREFIX)/share/newsgraph/, where it runs the installed program on
# the installed data from any directory.
# Usage: sh demo.sh [NEWSGRAPH [DATA [OUT]]]
#   NEWSGRAPH  the program (default: the one installed beside this script, else newsgraph)
#   DATA       where data/articles/ and queries/ are (default: this script's directory)
#   OUT        where the graphs go (default: out, in the current directory)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
NG=${1:-}
DATA=${2:-$HERE}
OUT=${3:-out}
if [ -z "$NG" ]; then
    if [ -x "$HERE/../../bin/newsgraph" ]; then NG=$HERE/../../bin/newsgraph; else NG=newsgraph; fi
fi
SAMPLE=nk-china-summit-2025
mkdir -p "$OUT" || exit 1
for a in "$DATA"/data/articles/*.txt; do
    n=$(basename "$a" .txt)
    "$NG" build "$a" -o "$OUT/$n.ttl" || exit 1
    echo "demo: $a -> $OUT/$n.ttl ($(grep -c . "$OUT/$n.ttl") lines)"
done
"$NG" build "$DATA"/data/articles/*.txt -o "$OUT/all.ttl" && echo "demo: all articles -> $OUT/all.ttl" || exit 1
for q in "$DATA"/queries/*.rq; do
    echo
    echo "== $q on $OUT/$SAMPLE.ttl"
    sed -n 's/^# Question[^:]*: /   /p' "$q"
    "$NG" query "$q" -d "$OUT/$SAMPLE.ttl" -r table >"$OUT/query.out" || exit 1
    head -n 12 "$OUT/query.out"
done
rm -f "$OUT/query.out"
