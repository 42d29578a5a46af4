#!/bin/sh
# bench/questions.sh — a benchmark, not a test (issue 15; results in docs/performance.md).
# For each corpus size (the sample article, then N articles made by bench/corpus-gen.py from
# data/articles/): the CPU time of `build -f ntriples` beside serdi re-writing the same
# N-Triples; of loading them into an sqlite: and a hashes: store; of each queries/*.rq in both
# stores (newsgraph query, one process per question, as a user runs it) beside Oxigraph in process
# on the same N-Triples and ontology (bench/oxigraph-time.js, the npm package pinned in
# tests/peercheck: `make deps`); and of `render --max-nodes 100` from each store (from the
# N-Triples file, a render of 1,000 articles reads them into memory first: minutes and 9 GB).
#
# usage: sh bench/questions.sh [NEWSGRAPH]
#   SIZES="1 12 100 1000"  the corpus sizes (1 is the sample article itself)
#   LIMIT=60               CPU seconds allowed each question or picture (ulimit -t); a
#                          question killed there is reported as ">LIMIT"
#   LOAD_LIMIT=3600        the same for each build and load
#   KEEP=DIR               keep the corpora, graphs and stores in DIR (default: a temporary one)
#   REUSE=1                with KEEP: query the stores already in DIR instead of loading them
#                          again (loading 1,000 articles into both takes about 10 minutes)
# A run of SIZES="1 12 100 1000" LIMIT=30 took 36 minutes of wall time on 2026-12-07 (2 cores
# shared with other jobs; docs/performance.md).
# Prints Markdown tables, the date, commit and load average first and last.  CPU seconds are
# user + system (/usr/bin/time), so that another job on the machine changes them less than wall
# time (given beside them for builds and loads); run it on a quiet machine all the same.
set -u
NG=${1:-./newsgraph}
case $NG in /*) ;; *) NG=$PWD/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NEWSGRAPH_DATA=${NEWSGRAPH_DATA:-$ROOT}
SIZES=${SIZES:-1 12 100 1000}
LIMIT=${LIMIT:-60}
LOAD_LIMIT=${LOAD_LIMIT:-3600}
for cmd in serdi node; do
    command -v $cmd >/dev/null 2>&1 || { echo "bench: $cmd is missing (make deps)" >&2; exit 1; }
done
if [ -n "${KEEP:-}" ]; then T=$KEEP; mkdir -p "$T"; else
    T=$(mktemp -d "${TMPDIR:-/tmp}/ng-bench.XXXXXX") || exit 1
    trap 'rm -rf "$T"' EXIT
fi
trap 'exit 1' INT TERM
VOCAB="$ROOT/ontology/*.ttl $ROOT/ontology/imports/*.ttl"

# cpu COMMAND...: runs it under `ulimit -t $lim` with its output thrown away; prints its CPU
# seconds, ">LIMIT" when the limit stopped it, "failed" when it failed otherwise.
cpu() {
    if ( ulimit -t "$lim"; /usr/bin/time -f '%U %S %e' -o "$T/time" "$@" >/dev/null 2>"$T/err" ); then
        awk '{ printf "%.2f", $1 + $2 }' "$T/time"
    elif grep -q 'signal' "$T/time"; then printf '>%s' "$lim"
    else printf 'failed'; fi
}
# walled COMMAND...: cpu, then the wall seconds in brackets.
walled() {
    c=$(cpu "$@")
    printf '%s s (%s s wall)' "$c" "$(awk 'END { print $NF }' "$T/time")"
}
# when: the date, the commit and the load average, for the record.
when() {
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit ${COMMIT:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "bench/questions.sh SIZES=\"$SIZES\" LIMIT=$LIMIT: $(when)"

for n in $SIZES; do
    d=$T/c$n
    if [ "$n" = 1 ]; then src=$ROOT/data/articles/nk-china-summit-2025.txt
    else src=$d; [ -d "$d" ] || python3 "$ROOT/bench/corpus-gen.py" "$ROOT/data/articles" "$d" "$n" >/dev/null; fi
    nt=$T/c$n.nt
    lim=$LOAD_LIMIT
    b=$(cpu "$NG" build "$src" -f ntriples -o "$nt")
    bw=$(awk 'END { print $NF }' "$T/time")
    s=$(cpu serdi -i ntriples -o ntriples "$nt")
    triples=$(wc -l <"$nt")
    if [ "${REUSE:-0}" = 1 ] && [ -s "$T/c$n.sqlite" ] && [ -s "$T/c$n.hashes-sp2o.db" ]; then
        ls=kept lh=kept   # the stores of an earlier run in KEEP, loaded from the same N-Triples
    else
        rm -f "$T/c$n.sqlite" "$T"/c$n.hashes*
        ls=$(walled "$NG" load "$nt" --store "sqlite:$T/c$n.sqlite")
        lh=$(walled "$NG" load "$nt" --store "hashes:$T/c$n.hashes")
    fi
    lim=$LIMIT
    rs=$(cpu "$NG" render --store "sqlite:$T/c$n.sqlite" --max-nodes 100 -o "$T/c$n.svg")
    rh=$(cpu "$NG" render --store "hashes:$T/c$n.hashes" --max-nodes 100 -o "$T/c$n.svg")
    echo
    echo "### $n article(s): $triples triples"
    echo
    echo "build -f ntriples $b s ($bw s wall), serdi $s s (ratio $(awk -v a="$b" -v b="$s" 'BEGIN { if (b > 0 && a !~ />/) printf "%.2f", a / b; else print "-" }')); load sqlite: $ls, hashes: $lh; render --max-nodes 100 from sqlite: $rs s, from hashes: $rh s"
    echo
    # shellcheck disable=SC2086  # VOCAB is a list of globs
    node "$ROOT/bench/oxigraph-time.js" "$nt" $VOCAB -- "$ROOT"/queries/*.rq >"$T/oxigraph" 2>&1 \
        || { cat "$T/oxigraph" >&2; : >"$T/oxigraph"; }
    echo "| question | sqlite: | hashes: | Oxigraph | rows |"
    echo "|---|---:|---:|---:|---:|"
    for q in "$ROOT"/queries/*.rq; do
        name=$(basename "$q" .rq)
        fmt=tsv; grep -q '^CONSTRUCT' "$q" && fmt=ntriples
        qs=$(cpu "$NG" query "$q" --store "sqlite:$T/c$n.sqlite" -r $fmt)
        qh=$(cpu "$NG" query "$q" --store "hashes:$T/c$n.hashes" -r $fmt)
        ox=$(awk -v q="$name" '$1 == q { print $2 }' "$T/oxigraph")
        rows=$(awk -v q="$name" '$1 == q { print $3 }' "$T/oxigraph")
        echo "| $name | $qs | $qh | ${ox:--} | ${rows:--} |"
    done
done
echo
echo "done: $(when)"
