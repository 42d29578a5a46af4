#!/bin/sh
# bench/render.sh — a benchmark, not a test (issue 15, "Pictures"; results in docs/performance.md).
# For each corpus size (the articles of data/articles/ themselves, then N articles made by
# bench/corpus-gen.py from them): CPU seconds and peak memory (/usr/bin/time -v) of
#   - `stats` of the N-Triples: reading the file into the in-memory store, the floor of any
#     command given graph files;
#   - `render FILE.nt --max-nodes 100` (SVG), the network view;
#   - `render FILE.nt --view timeline --max-nodes 100` (SVG);
#   - `render --store hashes:... --max-nodes 100` of a store loaded once beforehand (STORES lists
#     the kinds; "sqlite" can be added);
#   - `report` of the articles themselves (build in memory, read back, one HTML page with its
#     network picture), up to REPORT_UPTO articles.
#
# usage: sh bench/render.sh [NEWSGRAPH]
#   SIZES="data 25 100 1000"  corpus sizes ("data" is data/articles/ itself)
#   LIMIT=300                 CPU seconds allowed each render (ulimit -t); a run stopped there
#                             is reported as ">LIMIT"
#   STORES="hashes"           the stores to render from besides the files ("" for none)
#   FILES_UPTO=100            render from the N-Triples file only up to this many articles: a
#                             file is read into an in-memory store first, which for 1,000
#                             articles takes minutes and about 9 GB (the "stats" column)
#   REPORT_UPTO=25            time `report` only up to this many articles: it reads the whole
#                             graph back with SPARQL (its page shows every span), which takes
#                             minutes beyond a few dozen articles
#   KEEP=DIR                  keep the corpora, graphs and stores in DIR and reuse them
# Prints a Markdown table.  CPU is user + system, so another job on the machine changes it less
# than wall time; run it on a quiet machine all the same.
set -u
NG=${1:-./newsgraph}
case $NG in /*) ;; *) NG=$PWD/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NEWSGRAPH_DATA=${NEWSGRAPH_DATA:-$ROOT}
SIZES=${SIZES:-data 25 100 1000}
LIMIT=${LIMIT:-300}
STORES=${STORES-hashes}
FILES_UPTO=${FILES_UPTO:-100}
REPORT_UPTO=${REPORT_UPTO:-25}
if [ -n "${KEEP:-}" ]; then T=$KEEP; mkdir -p "$T"; else
    T=$(mktemp -d "${TMPDIR:-/tmp}/ng-bench.XXXXXX") || exit 1
    trap 'rm -rf "$T"' EXIT
fi
trap 'exit 1' INT TERM

# run COMMAND...: runs it under `ulimit -t $LIMIT`, output thrown away; prints "CPU s / peak MiB"
# (">LIMIT" when the limit stopped it, "failed" when it failed otherwise).
run() {
    if ( ulimit -t "$LIMIT"; /usr/bin/time -v -o "$T/time" "$@" >/dev/null 2>"$T/err" ); then
        awk -F': ' '/User time/ {u = $2} /System time/ {s = $2}
                    /Maximum resident set size/ {m = $2}
                    END { printf "%.2f s / %.0f MiB", u + s, m / 1024 }' "$T/time"
    elif grep -q 'signal' "$T/time"; then printf '>%s s' "$LIMIT"
    else printf 'failed'; sed 's/^/    /' "$T/err" >&2; fi
}

echo "newsgraph $("$NG" --version 2>/dev/null | head -n 1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| articles | triples | stats (read) | render network | render timeline'
for s in $STORES; do printf ' | render --store %s:' "$s"; done
echo ' | report of the articles |'
printf '|---|---:|---|---|---'
for s in $STORES; do printf '|---'; done
echo '|---|'
for n in $SIZES; do
    nt=$T/c$n.nt
    if [ "$n" = data ]; then src=$ROOT/data/articles
    else src=$T/c$n; [ -d "$src" ] || python3 "$ROOT/bench/corpus-gen.py" "$ROOT/data/articles" "$src" "$n" >/dev/null; fi
    [ -s "$nt" ] || "$NG" build "$src" -f ntriples -j 2 -q -o "$nt" || exit 1
    label=$n
    [ "$n" = data ] && label="$(ls "$ROOT"/data/articles/*.txt | wc -l) (data/articles)"
    if [ "$n" = data ] || [ "$n" -le "$FILES_UPTO" ]; then
        row="| $label | $(wc -l <"$nt") | $(run "$NG" stats "$nt")"
        row="$row | $(run "$NG" render "$nt" --max-nodes 100 -o "$T/c$n.svg")"
        row="$row | $(run "$NG" render "$nt" --view timeline --max-nodes 100 -o "$T/c$n-timeline.svg")"
    else
        row="| $label | $(wc -l <"$nt") | not run | not run | not run"
    fi
    for s in $STORES; do
        store=$T/c$n.$s
        [ -e "$store" ] || [ -e "$store-sp2o.db" ] || "$NG" load "$nt" --store "$s:$store" >/dev/null || exit 1
        row="$row | $(run "$NG" render --store "$s:$store" --max-nodes 100 -o "$T/c$n-$s.svg")"
    done
    if [ "$n" = data ] || [ "$n" -le "$REPORT_UPTO" ]; then
        row="$row | $(run "$NG" report "$src"/*.txt -o "$T/c$n.html")"
    else
        row="$row | not run"
    fi
    echo "$row |"
done
