#!/bin/sh
# tests/e2e.sh — end to end on the sample article and the dev articles.
# Usage: sh tests/e2e.sh ./newsgraph      (run by `make e2e`)
#   1. builds data/articles/nk-china-summit-2025.txt; rapper and strict serdi accept the Turtle;
#      N-Triples and RDF/XML hold the same number of triples;
#   2. two builds (and a build from another directory) give identical bytes;
#   3. the Turtle equals tests/golden/nk-china-summit-2025.ttl (regenerate with `make golden` and
#      review the diff by eye);
#   4. checks that the project's scorer (tests/score.py) notices a damaged graph, then scores every
#      article that has a gold file (tests/gold/NAME.json, data/articles/NAME.txt) with it and
#      compares actors f1, events strict f1, claims strict f1 and relations f1 with the floors in
#      tests/quality-floors.json (tests/floors.py; it also prints the averages of the articles the
#      lexicon was written with and of the lexicon-blind ones).  The floors are a ratchet: they only
#      go up.  RATCHET=1 raises every floor to (score - 0.02) where that is higher.
# Python 3 and rapper are required (make deps installs them): without them this fails.
# Ends with one line "N passed, N failed"; exits non-zero when anything failed.
set -u

NG=${1:?usage: sh tests/e2e.sh PATH/TO/newsgraph}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SAMPLE=nk-china-summit-2025
GOLDEN=$ROOT/tests/golden/$SAMPLE.ttl
FLOORS=$ROOT/tests/quality-floors.json
export NEWSGRAPH_DATA="$ROOT"

T=$(mktemp -d "${TMPDIR:-/tmp}/ng-e2e.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok:   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }
check() { # check NAME COMMAND...: passes when COMMAND succeeds; its output is shown on failure
    name=$1
    shift
    if "$@" >"$T/check.log" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/      /' "$T/check.log" | head -n 20; fi
}
need() { command -v "$1" >/dev/null 2>&1 || { bad "$1 is not installed (make deps)"; return 1; }; }

# ---------------------------------------------------------------- the sample: syntax and stability
TTL=$T/$SAMPLE.ttl
check "build $SAMPLE" "$NG" build "$ROOT/data/articles/$SAMPLE.txt" -o "$TTL"
if need rapper; then
    check "rapper -i turtle -c accepts it" rapper -q -i turtle -c "$TTL"
    n_ttl=$(rapper -i turtle -c "$TTL" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
    "$NG" build "$ROOT/data/articles/$SAMPLE.txt" -f ntriples -o "$T/s.nt" &&
        "$NG" build "$ROOT/data/articles/$SAMPLE.txt" -f rdfxml -o "$T/s.rdf"
    n_nt=$(rapper -i ntriples -c "$T/s.nt" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
    n_rdf=$(rapper -i rdfxml -c "$T/s.rdf" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
    if [ -n "$n_ttl" ] && [ "$n_ttl" -gt 100 ] && [ "$n_ttl" = "$n_nt" ] && [ "$n_ttl" = "$n_rdf" ]; then
        ok "turtle, ntriples and rdfxml hold the same $n_ttl triples"
    else
        bad "triple counts differ: turtle '$n_ttl', ntriples '$n_nt', rdfxml '$n_rdf'"
    fi
    [ "$(wc -l <"$T/s.nt")" = "$n_nt" ] && ok "one N-Triples line per triple" || bad "N-Triples lines != triples"
fi
need serdi && check "serdi -i turtle (strict) accepts it" serdi -q -i turtle "$TTL"
check "no relative prefix" sh -c "! grep -E '^@prefix [A-Za-z0-9_-]*: <[^:>]*> \\.' '$TTL'"

"$NG" build "$ROOT/data/articles/$SAMPLE.txt" -o "$T/again.ttl"
check "two builds are byte-identical" cmp "$TTL" "$T/again.ttl"
mkdir "$T/elsewhere" && cp "$ROOT/data/articles/$SAMPLE.txt" "$T/elsewhere/"
(cd "$T/elsewhere" && "$NG" build "$SAMPLE.txt" >"$T/cwd.ttl")
check "a build from another directory, to stdout, is byte-identical" cmp "$TTL" "$T/cwd.ttl"

if [ -f "$GOLDEN" ]; then
    if cmp -s "$TTL" "$GOLDEN"; then
        ok "equals tests/golden/$SAMPLE.ttl"
    else
        bad "differs from tests/golden/$SAMPLE.ttl (if the change is intended: make golden, review the diff, commit)"
        diff "$GOLDEN" "$TTL" | head -n 30 | sed 's/^/      /'
    fi
else
    bad "tests/golden/$SAMPLE.ttl is missing (make golden)"
fi

# ---------------------------------------------------------------- quality against the gold files
if need python3 && need rapper; then
    # The scorer itself must see damage: the sample's graph with every modality turned to the next
    # one keeps its actors and loses its strict claims.
    sed -e 's/#Asserted> \./#TMP1> ./' -e 's/#Reported> \./#Asserted> ./' -e 's/#Predicted> \./#Reported> ./' \
        -e 's/#Hedged> \./#Predicted> ./' -e 's/#TMP1> \./#Hedged> ./' "$T/s.nt" >"$T/turned.nt"
    gold=$ROOT/tests/gold/$SAMPLE.json
    art=$ROOT/data/articles/$SAMPLE.txt
    if python3 "$ROOT/tests/score.py" "$T/s.nt" "$gold" "$art" --json >"$T/s.json" &&
        python3 "$ROOT/tests/score.py" "$T/turned.nt" "$gold" "$art" --json >"$T/turned.json" &&
        python3 - "$T/s.json" "$T/turned.json" <<'PY'
import json, sys
good, turned = (json.load(open(f)) for f in sys.argv[1:])
assert good['actors'] == turned['actors'], 'actors changed'
assert good['claims']['strict']['f1'] > 0.5, good['claims']['strict']
assert turned['claims']['strict']['f1'] < 0.1 and turned['claims']['modality_acc'] < 0.1, turned['claims']
PY
    then ok "the scorer loses the strict claims when every modality is wrong"
    else bad "the scorer did not notice wrong modalities"
    fi

    for gold in "$ROOT"/tests/gold/*.json; do
        name=$(basename "$gold" .json)
        art=$ROOT/data/articles/$name.txt
        if [ ! -f "$art" ]; then bad "no article data/articles/$name.txt for $gold"; continue; fi
        if ! "$NG" build "$art" -o "$T/$name.ttl" 2>"$T/$name.err"; then
            bad "build $name"; sed 's/^/      /' "$T/$name.err"; continue
        fi
        if ! python3 "$ROOT/tests/score.py" "$T/$name.ttl" "$gold" "$art" --json >"$T/$name.score.json" 2>"$T/$name.err"; then
            bad "tests/score.py on $name"; sed 's/^/      /' "$T/$name.err" | head -n 20; continue
        fi
    done
    for art in "$ROOT"/data/articles/*.txt; do
        name=$(basename "$art" .txt)
        [ -f "$ROOT/tests/gold/$name.json" ] || echo "note: data/articles/$name.txt has no gold (tests/gold/$name.json); it is built, not scored"
    done
    if [ -f "$FLOORS" ] || [ "${RATCHET:-}" = 1 ]; then
        [ -f "$FLOORS" ] || echo '{}' >"$FLOORS"
        python3 "$ROOT/tests/floors.py" "$FLOORS" "$T" >"$T/table.txt" 2>&1 || true
        sed '$d' "$T/table.txt"
        line=$(tail -n 1 "$T/table.txt")
        p=$(echo "$line" | sed -n 's/^scores: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
        f=$(echo "$line" | sed -n 's/^scores: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
        if [ -z "$p" ] || [ -z "$f" ]; then
            bad "could not compare the scores with the floors: $line"
        else
            passed=$((passed + p))
            failed=$((failed + f))
            [ "$f" -eq 0 ] && echo "ok:   every score is at or above its floor" || echo "FAIL: $f score(s) below their floor (LOW) or without one (NEW)"
        fi
    else
        bad "tests/quality-floors.json is missing"
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
