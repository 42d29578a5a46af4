#!/bin/sh
# tests/queries/peercheck.sh — the cross-engine check of issue 5, run by `make check` when node and
# npm are present.  The sample's graph (built fresh) and the vocabulary files are parsed by serdi,
# rapper, N3.js and Oxigraph (peercheck-parse); every queries/*.rq runs in roqet, Oxigraph and
# Comunica over the graph with the ontology and its imports (peercheck-query); and newsgraph's own
# answers (Rasqal through Redland, which is not roqet) are compared with Oxigraph's
# (crosscheck.js).  Any rejection or disagreement fails.
#
# usage: sh tests/queries/peercheck.sh ./newsgraph PEERCHECK_DIR
set -u
BIN=${1:?usage: peercheck.sh NEWSGRAPH PEERCHECK_DIR}
PC=${2:?usage: peercheck.sh NEWSGRAPH PEERCHECK_DIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
export NEWSGRAPH_DATA=${NEWSGRAPH_DATA:-$PWD}
D=$NEWSGRAPH_DATA
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    echo "peercheck: SKIP (node or npm missing; make deps installs them)"
    exit 0
fi
if [ ! -x "$PC/bin/peercheck-query" ]; then
    echo "peercheck: $PC is not set up; run make deps"
    exit 1
fi
tmp=$(mktemp -d /tmp/ng-peercheck-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
"$BIN" build "$D/data/articles/nk-china-summit-2025.txt" -o "$tmp/graph.ttl" || exit 1
# Parsing: the graph and every vocabulary file, each on its own.
"$PC/bin/peercheck-parse" --quiet "$tmp/graph.ttl" "$D"/ontology/*.ttl "$D"/ontology/imports/*.ttl || fail=1
# Queries: over the graph and the vocabularies it is queried with (as `newsgraph query -d` loads
# them).  Plain concatenation is safe: the files use no labelled blank nodes and no @base.
cat "$D"/ontology/*.ttl "$D"/ontology/imports/*.ttl "$tmp/graph.ttl" > "$tmp/data.ttl"
if grep -q '_:' "$D"/ontology/*.ttl "$D"/ontology/imports/*.ttl "$tmp/graph.ttl"; then
    echo "peercheck: labelled blank nodes in the inputs; concatenating them would merge nodes"
    exit 1
fi
"$PC/bin/peercheck-query" --quiet --timeout 300 "$tmp/data.ttl" "$D"/queries/*.rq || fail=1
node "$D/tests/queries/crosscheck.js" "$PC" "$BIN" "$tmp/data.ttl" "$tmp/graph.ttl" "$D"/queries/*.rq || fail=1
[ $fail = 0 ] && echo "peercheck: every engine agrees" || echo "peercheck: FAILED"
exit $fail
