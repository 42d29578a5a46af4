#!/bin/sh
# tests/peercheck/run.sh — the cross-engine check, run by `make peercheck` (and so `make check`).
# The graph of data/articles/, built fresh, and the vocabulary files are read by four Turtle parsers
# (parse.js: rapper, serdi, N3.js, Oxigraph); every queries/*.rq runs in newsgraph, Oxigraph and
# Comunica over the graph and the vocabularies (query.js).  Any rejection or disagreement fails.
# Two runs show that the check can fail: a broken Turtle file must be rejected by every parser,
# and the peers given a graph without its hedged claims must disagree with newsgraph.
#
# usage: sh tests/peercheck/run.sh ./newsgraph
# Needs node and the npm packages pinned in tests/peercheck/package-lock.json (`make deps` installs
# Debian's nodejs and npm, then runs `npm ci` here); without them it fails, it does not skip.
set -u
BIN=${1:?usage: sh tests/peercheck/run.sh NEWSGRAPH}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export NEWSGRAPH_DATA=${NEWSGRAPH_DATA:-$ROOT}
D=$NEWSGRAPH_DATA

if ! command -v node >/dev/null 2>&1; then
    echo "peercheck: FAIL: node is not installed (make deps installs Debian's nodejs and npm)"
    exit 1
fi
for cmd in rapper serdi; do
    command -v $cmd >/dev/null 2>&1 || { echo "peercheck: FAIL: $cmd is not installed (make deps)"; exit 1; }
done
if ! (cd "$HERE" && node -e 'for (const m of ["n3", "oxigraph", "@comunica/query-sparql"]) require.resolve(m)') 2>/dev/null; then
    echo "peercheck: FAIL: the npm packages are not installed in tests/peercheck/node_modules (make deps runs npm ci there)"
    exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/ng-peercheck.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
fail=0
# A corpus graph, every article of data/articles/ in one graph: questions that join through the
# wrong node, or that an engine evaluates wrongly, give other rows once several articles share
# actors (co-mentions.rq did on the four articles there then: 1,907 rows in Rasqal, 331 in the
# others).
"$BIN" build "$D/data/articles" -o "$T/graph.ttl" || { echo "peercheck: FAIL: build"; exit 1; }
VOCAB="$D/ontology/*.ttl $D/ontology/imports/*.ttl"

echo "== parsing: the graph and each vocabulary file"
# shellcheck disable=SC2086  # VOCAB is a list of globs
node "$HERE/parse.js" "$T/graph.ttl" $VOCAB || fail=1
echo "== queries/*.rq in newsgraph, Oxigraph and Comunica"
# shellcheck disable=SC2086
node "$HERE/query.js" "$BIN" "$T/graph.ttl" $VOCAB -- "$D"/queries/*.rq || fail=1

echo "== the check can fail"
printf '@prefix ex: <http://example.org/> .\nex:a ex:b "unterminated .\n' >"$T/broken.ttl"
if node "$HERE/parse.js" --expect-reject "$T/broken.ttl" >"$T/reject.log" 2>&1; then
    echo "ok: a broken Turtle file is rejected by all four parsers"
else
    cat "$T/reject.log"
    echo "FAIL: a parser accepted a broken Turtle file"
    fail=1
fi
rapper -q -i turtle -o ntriples "$T/graph.ttl" | grep -v '#Hedged> \.$' >"$T/no-hedged.nt"
# shellcheck disable=SC2086
node "$HERE/query.js" --peer-data "$T/no-hedged.nt" "$BIN" "$T/graph.ttl" $VOCAB -- \
    "$D/queries/uncertain-claims.rq" >"$T/damaged.log" 2>&1
if [ $? = 1 ] && grep -q '^DISAGREE  uncertain-claims.rq' "$T/damaged.log"; then
    echo "ok: peers given a graph without its hedged claims disagree with newsgraph"
else
    cat "$T/damaged.log"
    echo "FAIL: a damaged graph went unnoticed"
    fail=1
fi

[ $fail = 0 ] && echo "peercheck: every parser and engine agrees" || echo "peercheck: FAILED"
exit $fail
