#!/bin/sh
# tests/graphs.sh — one graph per article, and IRIs that survive edits (run by `make graphs`).
# Usage: sh tests/graphs.sh ./newsgraph
#   1. stable IRIs: two words inserted in the lead's first sentence change only the event, claim
#      and relation IRIs stated in that sentence; every other one stays;
#   2. -f nquads and -f trig: each article's triples in the graph named by its IRI, the actors'
#      shared description in a graph of its own; rapper reads both, with the same quads;
#   3. a store keeps the graphs: an edited article rebuilt and loaded again with --replace
#      leaves no stale claim; stats and queries see the union; drop removes an article's graph
#      and the actors no other article mentions.
# Ends with one line "N passed, N failed"; exits non-zero when anything failed.
set -u

NG=${1:?usage: sh tests/graphs.sh PATH/TO/newsgraph}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NEWSGRAPH_DATA="$ROOT"
SAMPLE=nk-china-summit-2025
ARTICLE=$ROOT/data/articles/$SAMPLE.txt

T=$(mktemp -d "${TMPDIR:-/tmp}/ng-graphs.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

. "$ROOT/tests/lib.sh"
check() { # check NAME COMMAND...: the command must succeed
    name=$1
    shift
    if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else bad "$name" "$(head -c 600 "$T/err")"; fi
}
# same NAME WANT GOT: two values must be equal
same() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "want '$2', got '$3'"; fi; }

# ---------------------------------------------------------------- 1. stable IRIs
# The article's name is its IRI, so the edited copy keeps the name, in a directory of its own.
mkdir "$T/orig" "$T/edit"
cp "$ARTICLE" "$T/orig/$SAMPLE.txt"
LEAD='The North Korea-China summit was more than a diplomatic formality.'
EDITED='The much awaited North Korea-China summit was more than a diplomatic formality.'
sed "s/^$LEAD/$EDITED/" "$ARTICLE" >"$T/edit/$SAMPLE.txt"
if cmp -s "$ARTICLE" "$T/edit/$SAMPLE.txt"; then
    bad "the lead's first sentence was not found: update LEAD in tests/graphs.sh"
fi
"$NG" build "$T/orig/$SAMPLE.txt" -f ntriples -o "$T/orig.nt" 2>"$T/err" &&
    "$NG" build "$T/edit/$SAMPLE.txt" -f ntriples -o "$T/edit.nt" 2>>"$T/err" ||
    bad "build the original and the edited article" "$(head -c 400 "$T/err")"
# minted: the event, claim and relation IRIs of a graph, one a line, sorted
minted() {
    grep -o '^<[^>]*/\(event\|claim\|relation\)/[^>#]*>' "$1" | sort -u
}
minted "$T/orig.nt" >"$T/orig.iris"
minted "$T/edit.nt" >"$T/edit.iris"
total=$(wc -l <"$T/orig.iris")
comm -23 "$T/orig.iris" "$T/edit.iris" >"$T/changed.iris"
changed=$(wc -l <"$T/changed.iris")
# the IRIs the edit may change: those derived from a span inside the edited sentence
sentence=$(grep -F "\"$LEAD\"" "$T/orig.nt" | grep -o '#char=[0-9]*,[0-9]*' | head -n 1)
b=${sentence#\#char=}
e=${b#*,}
b=${b%,*}
awk -v b="$b" -v e="$e" '
    $2 ~ /prov#wasDerivedFrom>$/ && match($3, /#char=[0-9]+,[0-9]+/) {
        split(substr($3, RSTART + 6, RLENGTH - 6), r, ",")
        if (r[1] + 0 >= b + 0 && r[2] + 0 <= e + 0) print $1
    }' "$T/orig.nt" | sort -u >"$T/allowed.iris"
stray=$(comm -23 "$T/changed.iris" "$T/allowed.iris")
echo "      stable IRIs: $changed of $total event, claim and relation IRIs changed;" \
    "$(wc -l <"$T/allowed.iris") are stated in the edited sentence (chars $b-$e)"
if [ "$total" -gt 50 ] && [ -n "$b" ] && [ -z "$stray" ]; then
    ok "inserting two words in the lead changes only the IRIs of the edited sentence"
else
    bad "IRIs outside the edited sentence changed" "$(echo "$stray" | head -n 5)"
fi

# ---------------------------------------------------------------- 2. N-Quads and TriG
ART=https://w3id.org/newsgraph/id/article
ACTORS=https://w3id.org/newsgraph/id/graph/actors
check "build -f nquads" "$NG" build "$T/orig/$SAMPLE.txt" -f nquads -o "$T/orig.nq"
check "build -f trig" "$NG" build "$T/orig/$SAMPLE.txt" -f trig -o "$T/orig.trig"
check "build -f nquads of a directory" "$NG" build "$ROOT/data/articles" -f nquads -q -o "$T/all.nq"
check "build -f trig of a directory" "$NG" build "$ROOT/data/articles" -f trig -q -o "$T/all.trig"
check "rapper reads the N-Quads" rapper -q -i nquads -c "$T/all.nq"
check "rapper reads the TriG" rapper -q -i trig -c "$T/all.trig"
rapper -q -i nquads -o nquads "$T/all.nq" urn:x 2>/dev/null | sort >"$T/all.nq.sorted"
rapper -q -i trig -o nquads "$T/all.trig" urn:x 2>/dev/null | sort >"$T/all.trig.sorted"
[ -s "$T/all.nq.sorted" ] && cmp -s "$T/all.nq.sorted" "$T/all.trig.sorted" && ok "N-Quads and TriG hold the same quads" ||
    bad "N-Quads and TriG hold different quads" "$(diff "$T/all.nq.sorted" "$T/all.trig.sorted" | head -n 4)"
# every quad in a graph: an article's own, or the actors' shared one; no triple outside
graphs=$(sed 's/.* <\([^>]*\)> \.$/\1/' "$T/all.nq.sorted" | sort -u)
want=$(printf '%s\n' "$ACTORS" $(for a in "$ROOT"/data/articles/*.txt; do echo "$ART/$(basename "$a" .txt)"; done) | sort)
same "one graph per article and one for the actors" "$want" "$graphs"
# the shared graph says only what actors are; each article's graph holds its own IRI's triples
stray=$(grep -F "<$ACTORS> ." "$T/all.nq.sorted" | grep -v '^<https://w3id.org/newsgraph/id/actor/' | head -n 2)
[ -z "$stray" ] && ok "the actors' graph holds only actors' triples" || bad "the actors' graph holds more" "$stray"
nt=$("$NG" build "$ROOT/data/articles" -f ntriples -q | sort -u | wc -l)
union=$(sed 's/ <[^>]*> \.$/ ./' "$T/all.nq.sorted" | grep -v 'mentionCount' | sort -u | wc -l)
ntm=$("$NG" build "$ROOT/data/articles" -f ntriples -q | grep -v 'mentionCount' | sort -u | wc -l)
same "the graphs' union is the N-Triples graph (ng:mentionCount aside: per article there)" "$ntm" "$union"
"$NG" build "$ROOT/data/articles" -f nquads -j 1 -q -o "$T/j1.nq" && "$NG" build "$ROOT/data/articles" -f nquads -j 3 -q -o "$T/j3.nq"
cmp -s "$T/j1.nq" "$T/j3.nq" && cmp -s "$T/j1.nq" "$T/all.nq" && ok "-f nquads is byte-identical for any -j" ||
    bad "-f nquads differs between -j 1 and -j 3"
echo "      named graphs: $(echo "$graphs" | wc -l) graphs, $(wc -l <"$T/all.nq.sorted") quads; $nt triples as N-Triples"

# ---------------------------------------------------------------- 3. stores keep the graphs
S=sqlite:$T/news.sqlite
"$NG" build "$T/edit/$SAMPLE.txt" -f nquads -o "$T/edit.nq" 2>"$T/err" || bad "build the edited article"
"$NG" build "$ROOT/data/articles/iran-iaea-2025.txt" -f trig -o "$T/iran.trig" 2>>"$T/err" || bad "build iran-iaea-2025"
check "load N-Quads and TriG" "$NG" load "$T/orig.nq" "$T/iran.trig" --store "$S"
# claims COUNT: the distinct claims of the sample's graph in the store
claims() {
    "$NG" query --store "$S" -r tsv -e "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH <$ART/$SAMPLE> { ?c a <http://schema.org/Claim> } }" 2>/dev/null | tail -n 1 | sed 's/"//g; s/\^\^.*//'
}
# triples SPEC: the triples a store holds
triples() { "$NG" stats --store "$1" 2>/dev/null | sed -n 's/^triples *//p'; }
claims_union() {
    "$NG" query --store "$1" -r tsv -e "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <http://schema.org/Claim> }" 2>/dev/null | tail -n 1 | sed 's/"//g; s/\^\^.*//'
}
before=$(claims)
# the old way, the edited article's triples added to the store without --replace, would leave
# stale claims beside the new ones: the load is refused (the article would get a second text)
"$NG" build "$T/edit/$SAMPLE.txt" -f ntriples -o "$T/edit.nt" 2>/dev/null
cp "$T/news.sqlite" "$T/added.sqlite"
if "$NG" load "$T/edit.nt" --store "sqlite:$T/added.sqlite" >/dev/null 2>"$T/err"; then
    bad "a load of the edited article without --replace is refused" "it exited 0"
else
    grep -q "with another text than the one loaded now" "$T/err" &&
        ok "a load of the edited article without --replace is refused: it would give it a second text" ||
        bad "the refusal names the second text" "$(head -c 400 "$T/err")"
fi
same "the refused load left the store as it was" "$(claims_union "$S")" "$(claims_union "sqlite:$T/added.sqlite")"
check "load --replace of the edited article" "$NG" load "$T/edit.nq" --replace --store "$S"
grep -q "old ones removed" "$T/out" && ok "load --replace says what it removed" || bad "load --replace output" "$(cat "$T/out")"
after=$(claims)
"$NG" load "$T/edit.nq" "$T/iran.trig" --store "sqlite:$T/fresh.sqlite" >/dev/null 2>&1
fresh=$(triples "sqlite:$T/fresh.sqlite")
replaced=$(triples "$S")
echo "      --replace: the sample's graph holds $before claims before, $after after;" \
    "$replaced triples (a fresh store: $fresh)"
if [ -n "$after" ] && [ "$after" = "$before" ] && [ -n "$fresh" ] && [ "$replaced" = "$fresh" ]; then
    ok "the edited article replaced its graph: no stale claim, the same store as a fresh load"
else
    bad "stale triples after load --replace" "claims $before -> $after; triples $replaced, fresh $fresh"
fi
# the same through the path of files too big to stage in memory (parsed again at the commit)
NEWSGRAPH_STAGE_MAX=1000 "$NG" load "$T/orig.nq" "$T/iran.trig" --store "sqlite:$T/big.sqlite" >/dev/null 2>&1
NEWSGRAPH_STAGE_MAX=1000 "$NG" load "$T/edit.nq" --replace --store "sqlite:$T/big.sqlite" >/dev/null 2>&1
same "--replace of a file streamed into the store" "$fresh" "$(triples "sqlite:$T/big.sqlite")"
"$NG" stats --store "$S" >"$T/stats" 2>&1
grep -q '^graphs    3$' "$T/stats" && grep -q '^articles  2$' "$T/stats" && ok "stats sees the union of 3 graphs" ||
    bad "stats of the store" "$(head -n 5 "$T/stats")"
# drop: the store equals one that never held the sample
check "drop the sample's graph" "$NG" drop "$ART/$SAMPLE" --store "$S"
"$NG" load "$T/iran.trig" --store "sqlite:$T/iran.sqlite" >/dev/null 2>&1
same "drop leaves what a store of the other article holds" \
    "$(triples "sqlite:$T/iran.sqlite")" "$(triples "$S")"
"$NG" drop "$ART/$SAMPLE" --store "$S" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] && grep -q "holds no graph <$ART/$SAMPLE>" "$T/err" && ok "drop of a graph the store lacks: exit 1" ||
    bad "drop of a missing graph" "$(cat "$T/err")"
"$NG" load "$T/orig.nq" --store "hashes:$T/h" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] && grep -q "which a hashes: store does not keep" "$T/err" && [ ! -e "$T/h-sp2o.db" ] &&
    ok "a hashes: store refuses named graphs, and is not created" || bad "hashes: and N-Quads" "$(cat "$T/err")"
"$NG" stats -d "$T/orig.nq" -d "$T/iran.trig" >"$T/stats" 2>&1 && grep -q '^articles  2$' "$T/stats" &&
    ok "stats -d of N-Quads and TriG: their union" || bad "stats -d of graphs" "$(head -n 4 "$T/stats")"
printf '<> { <urn:a> <urn:b> <urn:c> . }\n' >"$T/empty-name.trig"
"$NG" load "$T/empty-name.trig" --store "sqlite:$T/x.sqlite" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] && grep -q "empty-name.trig:1:1: error: a graph named '<>'" "$T/err" &&
    ok "a TriG graph named <> is refused (raptor 2.0.15 crashes on it)" || bad "TriG <>" "$(cat "$T/err")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
