#!/bin/sh
# tests/report.sh — `newsgraph render` and `newsgraph report` from the command line, and the sample's
# report loaded in a real browser (headless Chromium, --dump-dom): the DOM must hold one highlighted
# start span per claim and per event of the graph, the claims and events tables with one row each,
# and the page's script must have run.  The graph's numbers come from SPARQL over the sample's
# Turtle, not from the page.
# Usage: sh tests/report.sh ./newsgraph      (run by `make pictures`, part of `make check`)
# Ends with one line "N passed, N failed"; exits non-zero when anything failed.
set -u

NG=${1:?usage: sh tests/report.sh PATH/TO/newsgraph}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARTICLE=$ROOT/data/articles/nk-china-summit-2025.txt
export NEWSGRAPH_DATA="$ROOT"

T=$(mktemp -d "${TMPDIR:-/tmp}/ng-report.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL: $1"
    shift
    for line in "$@"; do echo "      $line"; done
}
show() { printf '%s' "$(head -c 400 "$1")"; }

# expect NAME CODE TEXT -- ARGS...: exit CODE and TEXT on stderr ("" for none expected).
expect() {
    name=$1 code=$2 text=$3
    shift 4
    "$NG" "$@" >"$T/stdout" 2>"$T/stderr"
    rc=$?
    why=
    [ "$rc" -eq "$code" ] || why="exit $rc, want $code"
    if [ -n "$text" ]; then
        grep -qF -- "$text" "$T/stderr" || why="${why:+$why; }stderr lacks '$text'"
    fi
    if [ -z "$why" ]; then ok; else bad "$name: $why" "$(show "$T/stderr")"; fi
}

# ---------------------------------------------------------------- the sample's graph and numbers
"$NG" build "$ARTICLE" -o "$T/nk.ttl" 2>"$T/stderr" || { bad "build the sample" "$(show "$T/stderr")"; }
count() {
    "$NG" query -e "PREFIX schema: <http://schema.org/> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
                    SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a $1 }" -d "$T/nk.ttl" --no-ontology -r csv |
        tail -n 1 | tr -d '\r'
}
CLAIMS=$(count schema:Claim)
EVENTS=$(count sem:Event)
ACTORS=$(count sem:Actor)
if [ "${CLAIMS:-0}" -gt 0 ] && [ "${EVENTS:-0}" -gt 0 ] && [ "${ACTORS:-0}" -gt 0 ]; then ok; else
    bad "the sample's graph has claims, events and actors" "claims=$CLAIMS events=$EVENTS actors=$ACTORS"; fi

# ---------------------------------------------------------------- render
expect "render: no output" 2 "no output given" -- render "$T/nk.ttl"
expect "render: unknown format" 2 "cannot tell the format" -- render "$T/nk.ttl" -o "$T/x.pdf"
expect "render: unknown view" 2 "unknown view 'tree'" -- render "$T/nk.ttl" -o "$T/x.svg" --view tree
expect "render: bad --max-nodes" 2 "--max-nodes '-3'" -- render "$T/nk.ttl" -o "$T/x.svg" --max-nodes -3
expect "render: store and files" 2 "not both" -- render "$T/nk.ttl" --store "sqlite:$T/s.sqlite" -o "$T/x.svg"
expect "render: no graph" 2 "no graph given" -- render -o "$T/x.svg"
expect "render: missing graph" 1 "" -- render "$T/missing.ttl" -o "$T/x.svg"
[ -e "$T/x.svg" ] && bad "render: a failed render left $T/x.svg" || ok
expect "render: --help" 0 "" -- render --help
grep -q '^Usage: newsgraph render' "$T/stdout" && ok || bad "render --help prints its usage"

expect "render: network SVG" 0 "" -- render "$T/nk.ttl" -o "$T/nk.svg"
grep -q '<svg' "$T/nk.svg" && grep -q 'Legend' "$T/nk.svg" && grep -q 'North Korea' "$T/nk.svg" && ok ||
    bad "render: the SVG holds the graph and a legend"
# a legible network by default: the 40 most connected nodes, and a word on what was left out
grep -q '^newsgraph: note: --max-nodes 40: left out [0-9]* less connected nodes' "$T/stderr" && ok ||
    bad "render: 40 nodes by default, and a note on the others" "$(show "$T/stderr")"
expect "render: --max-nodes 0 draws all" 0 "" -- render "$T/nk.ttl" -o "$T/all.dot" --max-nodes 0
[ ! -s "$T/stderr" ] && ! grep -q 'left out' "$T/all.dot" && ok ||
    bad "render: nothing left out, nothing said, with --max-nodes 0" "$(show "$T/stderr")"
expect "render: timeline PNG" 0 "" -- render "$T/nk.ttl" -o "$T/tl.png" --view timeline
[ "$(head -c 4 "$T/tl.png" | od -An -c | tr -d ' ')" = "211PNG" ] && ok || bad "render: the PNG is a PNG"
expect "render: --max-nodes" 0 "left out" -- render "$T/nk.ttl" -o "$T/nk40.dot" --max-nodes 40
n=$(grep -cE '^  [aecd][0-9]+ \[' "$T/nk40.dot")
[ "$n" -eq 40 ] && ok || bad "render --max-nodes 40: $n nodes in the DOT"
"$NG" render "$T/nk.ttl" -o "$T/again.dot" --max-nodes 40 2>/dev/null
cmp -s "$T/nk40.dot" "$T/again.dot" && ok || bad "render: the same graph gives the same DOT"
# from a store, the same picture as from the file
"$NG" load "$T/nk.ttl" --store "sqlite:$T/s.sqlite" --no-ontology >/dev/null 2>&1
expect "render: from a store" 0 "" -- render --store "sqlite:$T/s.sqlite" -o "$T/store.dot" --max-nodes 40
cmp -s "$T/nk40.dot" "$T/store.dot" && ok || bad "render: a store gives the same DOT as its file"
ls -a "$T" | grep -q '\.tmp-' && bad "render: a temporary file was left behind" || ok

# ---------------------------------------------------------------- report: escaping
printf '%s\n' 'Hostile <script>alert("x")</script> & "Quotes" Test' '' \
    "China said on Monday that <b>talks</b> with Japan & \"partners\" would resume." \
    "Analysts say <img src=x onerror=alert(1)> North Korea may respond." >"$T/hostile.txt"
expect "report: hostile article" 0 "" -- report "$T/hostile.txt" -o "$T/hostile.html"
if grep -q '<script>alert\|<img\|<b>talks' "$T/hostile.html"; then bad "report: article markup reached the page unescaped"; else ok; fi
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Quotes&quot;' "$T/hostile.html" && ok ||
    bad "report: the hostile title is shown escaped"
[ "$(grep -o '<script' "$T/hostile.html" | wc -l)" -eq 1 ] && ok || bad "report: exactly one script element (the page's own)"
# (the article's own "src=" is text here, escaped; only a real element attribute would load)
if grep -qiE '<[a-z]+[^>]* (src|href)="?(https?:|//)|<link|@import|url\(' "$T/hostile.html"; then
    bad "report: the page loads something from outside"; else ok; fi
expect "report: no article" 2 "no article given" -- report -o "$T/r.html"
expect "report: -f" 2 "report writes HTML" -- report "$ARTICLE" -f ntriples
expect "report: missing article" 1 "" -- report "$T/missing.txt" -o "$T/r.html"
[ -e "$T/r.html" ] && bad "report: a failed report left $T/r.html" || ok

# ---------------------------------------------------------------- report of the sample, in Chromium
expect "report: the sample" 0 "" -- report "$ARTICLE" -o "$T/nk.html"
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then
    bad "chromium is not installed (make deps installs it)"
else
    profile=$(mktemp -d "${TMPDIR:-/tmp}/ng-chromium.XXXXXX")
    timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --dump-dom "file://$T/nk.html" >"$T/dom.html" 2>"$T/chromium.log"
    rc=$?
    rm -rf "$profile"
    if [ $rc -ne 0 ] || [ ! -s "$T/dom.html" ]; then
        bad "chromium --dump-dom: exit $rc" "$(tail -n 3 "$T/chromium.log")"
    else
        ok
        grep -q 'data-ready="yes"' "$T/dom.html" && ok || bad "the page's script did not run in Chromium"
        # distinct nodes with a highlighted start span, by kind
        spans() {
            grep -o "class=\"m m-$1[^\"]* start\"[^>]*data-node=\"[^\"]*\"" "$T/dom.html" |
                sed 's/.*data-node="//' | sort -u | wc -l
        }
        n=$(spans claim)
        [ "$n" -eq "$CLAIMS" ] && ok || bad "DOM: $n claims highlighted, the graph has $CLAIMS"
        n=$(spans event)
        [ "$n" -eq "$EVENTS" ] && ok || bad "DOM: $n events highlighted, the graph has $EVENTS"
        n=$(spans actor)
        [ "$n" -eq "$ACTORS" ] && ok || bad "DOM: $n actors highlighted, the graph has $ACTORS"
        n=$(grep -o '<tr class="claim-row"' "$T/dom.html" | wc -l)
        [ "$n" -eq "$CLAIMS" ] && ok || bad "DOM: $n rows in the claims table, the graph has $CLAIMS"
        n=$(grep -o '<tr class="event-row"' "$T/dom.html" | wc -l)
        [ "$n" -eq "$EVENTS" ] && ok || bad "DOM: $n rows in the events table, the graph has $EVENTS"
        grep -q '<div class="picture">' "$T/dom.html" && grep -q '<svg' "$T/dom.html" && ok ||
            bad "DOM: the network picture is inline SVG"
        grep -q 'id="panel"' "$T/dom.html" && ok || bad "DOM: the side panel is there"
        # the browser parsed every span the page wrote: as many elements open as the file has
        o=$(grep -o '<span' "$T/dom.html" | wc -l)
        f=$(grep -o '<span' "$T/nk.html" | wc -l)
        [ "$o" -eq "$f" ] && ok || bad "DOM: $o span elements, the file wrote $f"
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
