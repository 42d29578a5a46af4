#!/bin/sh
# tests/queries/check.sh — the sample questions (queries/*.rq) on the sample's graph, built fresh,
# compared with the expected results kept here (NAME.tsv for SELECT, NAME.txt for ASK, NAME.nt,
# sorted, for CONSTRUCT); then the command line of load, query, stats and validate, bad input
# included.  `make golden-queries` (this script with --update) rewrites the expected results:
# review the diff against the article before committing it.
#
# usage: sh tests/queries/check.sh [--update] ./newsgraph
set -u
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
BIN=${1:?usage: check.sh [--update] NEWSGRAPH}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
export NEWSGRAPH_DATA=${NEWSGRAPH_DATA:-$PWD}
here=$NEWSGRAPH_DATA/tests/queries
tmp=$(mktemp -d /tmp/ng-queries-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=1; }

graph=$tmp/nk.ttl
"$BIN" build "$NEWSGRAPH_DATA/data/articles/nk-china-summit-2025.txt" -o "$graph" || { echo "FAIL: build"; exit 1; }

# ---------------------------------------------------------------- the sample questions
for q in "$NEWSGRAPH_DATA"/queries/*.rq; do
    n=$(basename "$q" .rq)
    form=$(grep -v '^[[:space:]]*#' "$q" | grep -v -i '^[[:space:]]*PREFIX' |
           grep -o -i -m1 -E '\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b' | tr a-z A-Z)
    case $form in
        ASK) ext=txt; fmt=tsv ;;
        CONSTRUCT|DESCRIBE) ext=nt; fmt=ntriples ;;
        *) ext=tsv; fmt=tsv ;;
    esac
    if ! "$BIN" query "$q" -d "$graph" -r $fmt > "$tmp/$n.raw" 2> "$tmp/$n.err"; then
        bad "queries/$n.rq failed: $(cat "$tmp/$n.err")"
        continue
    fi
    if [ $ext = nt ]; then LC_ALL=C sort "$tmp/$n.raw" > "$tmp/$n.$ext"; else cp "$tmp/$n.raw" "$tmp/$n.$ext"; fi
    if [ $update = 1 ]; then
        cp "$tmp/$n.$ext" "$here/$n.$ext"
        echo "wrote tests/queries/$n.$ext ($(($(wc -l < "$tmp/$n.$ext") - 1)) rows)"
    elif [ ! -f "$here/$n.$ext" ]; then
        bad "tests/queries/$n.$ext is missing (make golden-queries)"
    elif ! diff -u "$here/$n.$ext" "$tmp/$n.$ext" > "$tmp/$n.diff"; then
        bad "queries/$n.rq differs from tests/queries/$n.$ext:"
        head -40 "$tmp/$n.diff"
    else
        ok
    fi
done
[ $update = 1 ] && exit $fail

# ---------------------------------------------------------------- the command line
# expect EXIT PATTERN -- COMMAND...: runs COMMAND, checks its exit status and that stdout+stderr
# holds PATTERN (a grep -E expression; empty for none).
expect() {
    want=$1 pattern=$2
    shift 3
    "$@" > "$tmp/out" 2>&1
    got=$?
    if [ "$got" != "$want" ]; then
        bad "exit $got, not $want: $*"; sed 's/^/    /' "$tmp/out" | head -5
    elif [ -n "$pattern" ] && ! grep -q -E -- "$pattern" "$tmp/out"; then
        bad "no /$pattern/ in the output of: $*"; sed 's/^/    /' "$tmp/out" | head -5
    else
        ok
    fi
}

cd "$tmp" || exit 1
S=sqlite:$tmp/news.sqlite
H=hashes:$tmp/news
expect 0 'new triples'             -- "$BIN" load "$graph" --store "$S"
expect 0 ': 0 new triples'         -- "$BIN" load "$graph" --store "$S"
expect 0 'new triples'             -- "$BIN" load "$graph" --store "$H"
expect 0 ': 0 new triples'         -- "$BIN" load "$graph" --store "$H"
expect 0 'new triples'             -- "$BIN" load "$graph"
[ -f "$tmp/newsgraph.sqlite" ] && ok || bad "load without --store did not make ./newsgraph.sqlite"
expect 0 'loaded 1 file'           -- "$BIN" build "$NEWSGRAPH_DATA/data/articles/nk-china-summit-2025.txt" --store "sqlite:$tmp/built.sqlite"
expect 0 '^articles +1$'           -- "$BIN" stats --store "sqlite:$tmp/built.sqlite"
expect 0 '^claims +[0-9]+, by modality' -- "$BIN" stats --store "$H"
expect 0 '^actors +[0-9]+, by kind' -- "$BIN" stats -d "$graph"
# the same answers from both stores and from the file
for src in "--store $S" "--store $H" "-d $graph"; do
    # shellcheck disable=SC2086
    "$BIN" query "$NEWSGRAPH_DATA/queries/actors.rq" $src -r tsv > "$tmp/actors.out" 2>&1 &&
        cmp -s "$tmp/actors.out" "$here/actors.tsv" && ok || bad "queries/actors.rq over $src differs"
done
# bad input
expect 1 'does not exist'          -- "$BIN" load "$graph" --store "sqlite:$tmp/no/such/dir/s.sqlite"
expect 1 'does not exist'          -- "$BIN" query -e 'ASK {}' --store "hashes:$tmp/no/such/dir/h"
printf 'not a database, just text\n' > "$tmp/notes.txt"
expect 1 'not a store'             -- "$BIN" query -e 'ASK {}' --store "sqlite:$tmp/notes.txt"
expect 1 'not a store'             -- "$BIN" load "$graph" --store "sqlite:$tmp/notes.txt"
expect 1 'no store here'           -- "$BIN" stats --store "sqlite:$tmp/absent.sqlite"
expect 2 'must be sqlite:PATH'     -- "$BIN" load "$graph" --store "postgres:x"
# another process holds the store: the sqlite3 shell (make deps installs it) keeps a write lock
if ! command -v sqlite3 > /dev/null; then
    bad "sqlite3 (the SQLite shell) is not installed (make deps installs it)"
else
    (echo 'BEGIN EXCLUSIVE;'; sleep 4; echo 'ROLLBACK;') | sqlite3 "$tmp/news.sqlite" &
    holder=$!
    sleep 1
    expect 1 'locked by another process' -- "$BIN" query -e 'ASK {}' --store "$S"
    expect 1 'locked by another process' -- "$BIN" load "$graph" --store "$S"
    wait $holder
fi
expect 1 'cannot open the query'   -- "$BIN" query "$tmp/missing.rq" -d "$graph"
printf 'PREFIX ex: <http://example.org/>\nSELECT ?x WHERE {\n  ?x ex:p ?y .\n  FILTER(?y = }\n' > "$tmp/broken.rq"
expect 1 'broken.rq:4:15: error: syntax error' -- "$BIN" query "$tmp/broken.rq" -d "$graph"
expect 2 'unknown results format'  -- "$BIN" query -e 'ASK {}' -d "$graph" -r yaml
expect 2 'use -r table, csv'       -- "$BIN" query -e 'SELECT * WHERE { ?s ?p ?o }' -d "$graph" -r turtle
expect 2 'not both'                -- "$BIN" query -e 'ASK {}' -d "$graph" --store "$S"
expect 2 'no query given'          -- "$BIN" query -d "$graph"
# an empty result: exit 0, the header alone
"$BIN" query -e 'SELECT ?x ?y WHERE { ?x <http://example.org/none> ?y }' -d "$graph" -r csv > "$tmp/empty.csv" &&
    [ "$(cat "$tmp/empty.csv")" = "$(printf 'x,y\r')" ] && ok || bad "empty csv result: $(od -c "$tmp/empty.csv" | head -2)"
"$BIN" query -e 'SELECT ?x ?y WHERE { ?x <http://example.org/none> ?y }' -d "$graph" > "$tmp/empty.tsv" &&
    [ "$(cat "$tmp/empty.tsv")" = "$(printf '?x\t?y')" ] && ok || bad "empty tsv result (default format off a terminal)"
expect 0 '"bindings": \[ \]'       -- "$BIN" query -e 'SELECT ?x WHERE { ?x <http://example.org/none> ?y }' -d "$graph" -r json
expect 0 '^@prefix'                -- "$BIN" query "$NEWSGRAPH_DATA/queries/relation-network.rq" -d "$graph"
# validate
expect 0 ''                        -- "$BIN" validate "$NEWSGRAPH_DATA/tests/validate/valid.ttl"
expect 1 '^event-has-actor: '      -- "$BIN" validate "$NEWSGRAPH_DATA/tests/validate/event-without-actor.ttl"
expect 1 'bad.ttl:2: error'        -- sh -c "printf '<x:a> <x:b> <x:c> .\n<x:a> <x:b> .\n' > bad.ttl; '$BIN' validate bad.ttl"
# the sample's own graph must follow the contract
"$BIN" validate "$graph" > "$tmp/validate.out" 2>&1 && ok ||
    { bad "the sample's graph does not validate; violations by rule:"
      grep -v '^#' "$tmp/validate.out" | grep -v '^newsgraph:' | cut -d: -f1 | sort | uniq -c | sed 's/^/    /'
      for r in $(grep -v '^#' "$tmp/validate.out" | grep -v '^newsgraph:' | cut -d: -f1 | sort -u); do
          grep -m2 "^$r: " "$tmp/validate.out" | cut -c1-160 | sed 's/^/      e.g. /'
      done; }

echo "queries: $pass passed, $([ $fail = 0 ] && echo 0 || echo 'some') failed"
exit $fail
