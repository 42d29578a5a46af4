#!/bin/sh
# bench/run.sh — newsgraph's extraction benchmark (not a test).  Run by `make bench`.
# 1. the sample article alone, 20 rounds;
# 2. a generated corpus of 1,000 articles: the four articles under data/articles, each copied
#    250 times with its title line varied (so no two files are byte-identical), one round;
# 3. the CLI building the whole corpus into one Turtle file, timed with /usr/bin/time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build/bench_pipeline
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== sample article (20 rounds)"
"$b" "$top" "$top/data/articles/nk-china-summit-2025.txt" -n 20
echo "== corpus of 1,000 generated articles (1 round)"
i=0
for a in "$top"/data/articles/*.txt; do
    n=0
    while [ $n -lt 250 ]; do
        { printf 'Variant %d: ' "$n"; cat "$a"; } > "$tmp/a$i-$n.txt"
        n=$((n + 1))
    done
    i=$((i + 1))
done
"$b" "$top" "$tmp"/*.txt -n 1
echo "== newsgraph build over the 1,000-article corpus (one Turtle file)"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$top/newsgraph" build "$tmp"/*.txt -o "$tmp/corpus.ttl"
ls -l "$tmp/corpus.ttl" | awk '{print "output: " $5 " bytes"}'
