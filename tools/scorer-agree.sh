#!/bin/sh
# tools/scorer-agree.sh — a developer's check that tests/score.py, the project's own scorer, gives
# the same figures as the reference scorer ../shared/tools/evaluate.py (which only developers have).
# Not part of `make check`: it reads ../shared.
#
# usage: sh tools/scorer-agree.sh [./newsgraph] [SHARED_DIR]      (defaults: ./newsgraph, ../shared)
#
# Builds every article of SHARED_DIR (the sample seed/nk-china-summit-2025.txt with gold/seed.json,
# and each dev/articles/NAME.txt with dev/gold/NAME.json), damages each graph in the ways below,
# scores every graph with both scorers (--json) and compares the two outputs byte for byte.
# Prints one row per graph with the headline figures; exits 1 if any output differs.
#   as-built      the graph as newsgraph builds it
#   half-claims   every second claim node (rdf:type schema:Claim) and its triples removed
#   modality      every modality rotated (Asserted -> Hedged -> Predicted -> Reported -> Asserted)
#   sources       the sources (schema:author, prov:wasAttributedTo) moved one claim on
#   no-altnames   every skos:altLabel removed
#   offsets+7     every nif:beginIndex moved 7 code points on (partial overlaps)
#   no-context    nif:isString removed (offsets are then read in the article file)
#   https-schema  http://schema.org/ written https://schema.org/, sem:Event written schema:Event
#   dup-actors    every actor node copied under a second IRI (duplicates)
set -u
NG=${1:-./newsgraph}
SHARED=${2:-$(dirname "$0")/../../shared}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$(cd "$SHARED" 2>/dev/null && pwd) || { echo "scorer-agree: no $SHARED (the shared reference)"; exit 2; }
[ -f "$SHARED/tools/evaluate.py" ] || { echo "scorer-agree: no $SHARED/tools/evaluate.py"; exit 2; }
export NEWSGRAPH_DATA="$ROOT"
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-agree.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

cat >"$T/damage.py" <<'PY'
# damage.py KIND IN.nt OUT.nt: one of the damages listed in tools/scorer-agree.sh, on N-Triples lines.
import re, sys
kind, src, dst = sys.argv[1:]
lines = open(src, encoding='utf-8').read().splitlines()
split = [re.match(r'(\S+) (\S+) (.*) \.$', l).groups() for l in lines]
TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'
claims = [s for s, p, o in split if p == TYPE and o == '<http://schema.org/Claim>']
out = []
if kind == 'half-claims':
    gone = set(claims[1::2])
    out = [l for l, (s, p, o) in zip(lines, split) if s not in gone and o not in gone]
elif kind == 'modality':
    turn = {'Asserted': 'Hedged', 'Hedged': 'Predicted', 'Predicted': 'Reported', 'Reported': 'Asserted'}
    for l, (s, p, o) in zip(lines, split):
        m = re.match(r'<(.*#)(Asserted|Hedged|Predicted|Reported)>$', o)
        out.append('%s %s <%s%s> .' % (s, p, m.group(1), turn[m.group(2)]) if 'modality' in p and m else l)
elif kind == 'sources':
    preds = ('<http://schema.org/author>', '<http://www.w3.org/ns/prov#wasAttributedTo>')
    for pred in preds:
        objs = [o for s, p, o in split if p == pred]
        objs = objs[1:] + objs[:1]
        it = iter(objs)
        split = [(s, p, next(it) if p == pred else o) for s, p, o in split]
    out = ['%s %s %s .' % t for t in split]
elif kind == 'no-altnames':
    out = [l for l, (s, p, o) in zip(lines, split) if not p.endswith('#altLabel>')]
elif kind == 'offsets+7':
    for l, (s, p, o) in zip(lines, split):
        m = re.match(r'"(\d+)"(.*)$', o)
        out.append('%s %s "%d"%s .' % (s, p, int(m.group(1)) + 7, m.group(2)) if p.endswith('#beginIndex>') and m else l)
elif kind == 'no-context':
    out = [l for l, (s, p, o) in zip(lines, split) if not p.endswith('#isString>')]
elif kind == 'https-schema':
    out = [l.replace('<http://semanticweb.cs.vu.nl/2009/11/sem/Event>', '<https://schema.org/Event>')
            .replace('<http://schema.org/', '<https://schema.org/') for l in lines]
elif kind == 'dup-actors':
    actors = {s for s, p, o in split if p == TYPE and o == '<http://semanticweb.cs.vu.nl/2009/11/sem/Actor>'}
    out = lines + ['%s %s %s .' % (s[:-1] + '-copy>', p, o) for s, p, o in split if s in actors]
else:
    sys.exit('damage.py: unknown damage ' + kind)
open(dst, 'w', encoding='utf-8').write('\n'.join(out) + '\n')
PY

# One line of figures from a scorer's JSON output.
cat >"$T/row.py" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding='utf-8'))
print('%.3f %.3f %.3f %.3f %.3f %.3f' % (r['actors']['f1'], r['events']['strict']['f1'],
      r['claims']['strict']['f1'], r['relations']['f1'], r['claims']['source_acc'], r['claims']['modality_acc']))
PY

DAMAGES="half-claims modality sources no-altnames offsets+7 no-context https-schema dup-actors"
same=0
differ=0
printf '%-24s %-13s %6s %6s %6s %6s %6s %6s  %s\n' article graph actors ev-str cl-str rel source modal verdict
score_pair() { # score_pair NAME VARIANT GRAPH GOLD ARTICLE
    python3 "$SHARED/tools/evaluate.py" "$3" "$4" "$5" --json >"$T/ref.json" 2>"$T/ref.err" || { cat "$T/ref.err"; }
    python3 "$ROOT/tests/score.py" "$3" "$4" "$5" --json >"$T/our.json" 2>"$T/our.err" || { cat "$T/our.err"; }
    if [ -s "$T/ref.json" ] && cmp -s "$T/ref.json" "$T/our.json"; then
        verdict=identical
        same=$((same + 1))
    else
        verdict=DIFFERENT
        differ=$((differ + 1))
    fi
    printf '%-24s %-13s %s  %s\n' "$1" "$2" "$(python3 "$T/row.py" "$T/our.json" 2>/dev/null |
        awk '{printf "%6s %6s %6s %6s %6s %6s", $1, $2, $3, $4, $5, $6}')" "$verdict"
    [ $verdict = identical ] || diff "$T/ref.json" "$T/our.json" | head -n 10 | sed 's/^/      /'
}
articles() { # NAME ARTICLE GOLD, one line each
    echo "nk-china-summit-2025 $SHARED/seed/nk-china-summit-2025.txt $SHARED/gold/seed.json"
    for a in "$SHARED"/dev/articles/*.txt; do
        n=$(basename "$a" .txt)
        echo "$n $a $SHARED/dev/gold/$n.json"
    done
}
articles >"$T/list"
while read -r name art gold; do
    "$NG" build "$art" -o "$T/$name.ttl" || { echo "scorer-agree: build $name failed"; differ=$((differ + 1)); continue; }
    score_pair "$name" as-built "$T/$name.ttl" "$gold" "$art"
    rapper -q -i turtle -o ntriples "$T/$name.ttl" >"$T/$name.nt"
    for d in $DAMAGES; do
        python3 "$T/damage.py" "$d" "$T/$name.nt" "$T/$name.$d.nt" || exit 1
        score_pair "$name" "$d" "$T/$name.$d.nt" "$gold" "$art"
    done
done <"$T/list"
echo "scorer-agree: $same graphs scored identically, $differ differ"
[ "$differ" -eq 0 ]
