#!/bin/sh
# bench/run.sh — newsgraph's extraction benchmark (not a test).  Run by `make bench`.
# 1. the sample article alone, 20 rounds;
# 2. a generated corpus of 1,000 articles: the articles under data/articles in turn, each copy
#    with its title line varied (so no two files are byte-identical), one round;
# 3. the CLI building the whole corpus into one Turtle file, timed with /usr/bin/time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build/bench_pipeline
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== sample article (20 rounds)"
"$b" "$top" "$top/data/articles/nk-china-summit-2025.txt" -n 20
echo "== corpus of 1,000 generated articles (1 round)"
ls "$top"/data/articles/*.txt >"$tmp/sources"
n=$(wc -l <"$tmp/sources")
k=0
while [ $k -lt 1000 ]; do
    { printf 'Variant %d: ' "$k"; cat "$(sed -n "$((k % n + 1))p" "$tmp/sources")"; } > "$tmp/a$k.txt"
    k=$((k + 1))
done
"$b" "$top" "$tmp"/*.txt -n 1
echo "== newsgraph build over the 1,000-article corpus (one Turtle file)"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$top/newsgraph" build "$tmp"/*.txt -o "$tmp/corpus.ttl"
ls -l "$tmp/corpus.ttl" | awk '{print "output: " $5 " bytes"}'
