#!/bin/sh
# tests/reliability.sh — hostile input and lost-output checks for the command line (issue 7).
# Usage: sh tests/reliability.sh ./newsgraph           (run by `make reliability`, in `make check`)
#        VALGRIND=1 sh tests/reliability.sh ./newsgraph (run by `make valgrind`)
#        HOSTILE=1 sh tests/reliability.sh ./newsgraph  (also builds the big hostile articles)
#
#   1. injection: an article holding Turtle- and SPARQL-looking text, control characters, bidi
#      marks, a 10,000-character word and actor names with non-ASCII and IRI-hostile characters
#      (from a test lexicon given with --lexicon) is built; rapper and strict serdi re-parse it;
#      the triple count equals the N-Triples line count; nif:isString equals the article's text
#      exactly; every IRI is free of <>"{}|^`\ and spaces; the minted actor IRIs are the
#      expected readable slugs.
#   2. limits: an article over --max-size is refused with the documented message.
#   3. nothing lost: a build killed with SIGKILL while writing leaves the old output byte for
#      byte; a temporary file it leaves behind does not stop the next build.
#   4. error paths: missing article, invalid UTF-8, NUL byte, bad lexicon, unwritable output.
#   With VALGRIND=1 every newsgraph run goes through valgrind (definite leaks and memory errors
#   fail; tests/valgrind.supp holds the third-party suppressions), and the sample and dev
#   articles are built and explained too.
# Ends with one line "N passed, N failed"; exits non-zero when anything failed.
set -u

NG=${1:?usage: sh tests/reliability.sh PATH/TO/newsgraph}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NEWSGRAPH_DATA="$ROOT"
VALGRIND=${VALGRIND:-0}
HOSTILE=${HOSTILE:-0}

T=$(mktemp -d "${TMPDIR:-/tmp}/ng-rel.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok:   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }

# ng ARGS...: newsgraph, under valgrind when asked; valgrind's own failure exits 99.
ng() {
    if [ "$VALGRIND" = 1 ]; then
        valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
            --suppressions="$ROOT/tests/valgrind.supp" --log-file="$T/vg.%p.log" "$NG" "$@"
    else
        "$NG" "$@"
    fi
}

# expect_rc NAME CODE TEXT -- ARGS...: exit CODE and TEXT on stderr (TEXT may be empty).
expect_rc() {
    name=$1 code=$2 text=$3
    shift 4
    ng "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" = 99 ] && [ "$VALGRIND" = 1 ]; then
        bad "$name: valgrind found errors or definite leaks"
        cat "$T"/vg.*.log 2>/dev/null | head -n 40 | sed 's/^/      /'
    elif [ "$rc" != "$code" ]; then
        bad "$name: exit $rc, want $code"
        head -c 600 "$T/err" | sed 's/^/      /'
    elif [ -n "$text" ] && ! grep -qF -- "$text" "$T/err"; then
        bad "$name: stderr lacks '$text'"
        head -c 600 "$T/err" | sed 's/^/      /'
    else
        ok "$name"
    fi
    rm -f "$T"/vg.*.log
}

need() { command -v "$1" >/dev/null 2>&1 || { bad "$1 is not installed (make deps)"; return 1; }; }

# ---------------------------------------------------------------- 1. injection
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
long_word = "W" + "x" * 9999
ctrl = "".join(chr(c) for c in list(range(1, 9)) + [0x0B, 0x0C] + list(range(0x0E, 0x20)) + [0x7F])
c1 = "".join(chr(c) for c in range(0x80, 0xA0))
article = (
    'Injection """ test > . @prefix }\n'
    "\n"
    'China said the text """ ends here > . and then <http://evil/> <p> <o> . follows, analysts said.\n'
    "\n"
    'Japan warned that @prefix ex: <http://evil/> . and } INSERT DATA { <a> <b> <c> } were quoted.\n'
    "\n"
    'The \\u0000 escape and \\" and \\\\ and \'\'\' appear as text, Xi Jinping said.\n'
    "\n"
    "Control characters " + ctrl + " and C1 " + c1 + " sit in this sentence, China said.\n"
    "\n"
    "Right-to-left \u200f marks \u202e reversed \u202c and \u200e left marks, Japan said.\n"
    "\n"
    "A long word " + long_word + " ends here, China said.\n"
    "\n"
    "\u014csaka Group met Q <>{}|^` Corp and Back \\ Slash Corp in 2024, analysts said.\n"
    "\n"
    "The \u014csaka Group said the talks with China failed.\n"
)
open(t + "/inject.txt", "w", encoding="utf-8").write(article)
lexicon = (
    "@prefix ng: <https://w3id.org/newsgraph/ns#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "<https://w3id.org/newsgraph/lexicon/osaka-group> a ng:Organisation ;\n"
    '    skos:prefLabel "\u014csaka Group"@en ; skos:altLabel "Osaka Group"@en .\n'
    "<https://w3id.org/newsgraph/lexicon/q-corp> a ng:Organisation ;\n"
    '    skos:prefLabel "Q <>{}|^` Corp"@en .\n'
    "<https://w3id.org/newsgraph/lexicon/back-corp> a ng:Organisation ;\n"
    '    skos:prefLabel "Back \\\\ Slash Corp"@en .\n'
)
open(t + "/inject-lexicon.ttl", "w", encoding="utf-8").write(lexicon)
PY

INJ=$T/inject.txt
LEX=$T/inject-lexicon.ttl
expect_rc "injection: build (Turtle)" 0 "" -- build "$INJ" --lexicon "$LEX" -o "$T/inject.ttl"
expect_rc "injection: build (N-Triples)" 0 "" -- build "$INJ" --lexicon "$LEX" -f ntriples -o "$T/inject.nt"
if need rapper && need serdi; then
    if rapper -q -i turtle -o ntriples "$T/inject.ttl" >"$T/reparsed.nt" 2>"$T/rapper.err"; then
        ok "injection: rapper re-parses the Turtle"
    else
        bad "injection: rapper rejects the Turtle"; head -n 5 "$T/rapper.err" | sed 's/^/      /'
    fi
    if serdi -q -i turtle -o ntriples "$T/inject.ttl" >"$T/serdi.nt" 2>"$T/serdi.err"; then
        ok "injection: strict serdi re-parses the Turtle"
    else
        bad "injection: strict serdi rejects the Turtle"; head -n 5 "$T/serdi.err" | sed 's/^/      /'
    fi
    n_written=$(grep -c . "$T/inject.nt")
    n_rapper=$(grep -c . "$T/reparsed.nt")
    n_serdi=$(grep -c . "$T/serdi.nt")
    n_nt=$(rapper -q -i ntriples -o ntriples "$T/inject.nt" 2>/dev/null | grep -c .)
    if [ "$n_written" -gt 50 ] && [ "$n_written" = "$n_rapper" ] && [ "$n_written" = "$n_serdi" ] &&
        [ "$n_written" = "$n_nt" ]; then
        ok "injection: $n_written triples written = re-parsed by rapper and serdi (Turtle and N-Triples)"
    else
        bad "injection: triple counts differ: written $n_written, rapper $n_rapper, serdi $n_serdi, N-Triples re-parsed $n_nt"
    fi
    if python3 - "$T" <<'PY'
import re, sys
t = sys.argv[1]
text = open(t + "/inject.txt", encoding="utf-8").read().rstrip("\n")
# an IRIREF: rapper writes non-ASCII as \\uXXXX (UCHAR); decoded, it must still be clean
iri = r'<((?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)>'
lit = r'"((?:[^"\\\n\r]|\\.)*)"(?:@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*|\^\^' + iri + r')?'
line_re = re.compile(r'^' + iri + r' ' + iri + r' (?:' + iri + r'|' + lit + r') \.$')
def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c); i += 1; continue
        e = s[i + 1]
        if e == "u":
            out.append(chr(int(s[i + 2:i + 6], 16))); i += 6
        elif e == "U":
            out.append(chr(int(s[i + 2:i + 10], 16))); i += 10
        else:
            out.append({"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "\\": "\\", "'": "'"}[e]); i += 2
    return "".join(out)
problems = []
strings = []
subjects = set()
for f in ("reparsed.nt", "inject.nt", "serdi.nt"):
    for n, line in enumerate(open(t + "/" + f, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        m = line_re.match(line)
        if not m:
            problems.append("%s:%d: not a clean N-Triples line (an IRI with <>\"{}|^`\\ or a space?): %s" % (f, n, line[:160]))
            continue
        for g in (1, 2, 3, 5):
            if m.group(g) is not None:
                dec = unescape(m.group(g))
                bad_chars = [c for c in dec if c in '<>"{}|^`\\ ' or ord(c) < 0x21]
                if bad_chars:
                    problems.append("%s:%d: IRI %r holds %r" % (f, n, dec, bad_chars))
        subjects.add(unescape(m.group(1)))
        if f == "reparsed.nt" and m.group(2).endswith("nif-core#isString"):
            strings.append(unescape(m.group(4)))
if len(strings) != 1:
    problems.append("want one nif:isString, got %d" % len(strings))
elif strings[0] != text:
    a = strings[0]
    k = next((i for i in range(min(len(a), len(text))) if a[i] != text[i]), min(len(a), len(text)))
    problems.append("nif:isString differs from the article at character %d: %r vs %r" % (k, a[k:k + 20], text[k:k + 20]))
for want in ("https://w3id.org/newsgraph/id/actor/\u014dsaka-group",
             "https://w3id.org/newsgraph/id/actor/q-corp",
             "https://w3id.org/newsgraph/id/actor/back-slash-corp"):
    if want not in subjects:
        problems.append("no actor IRI " + want)
for p in problems[:10]:
    print("      " + p)
sys.exit(1 if problems else 0)
PY
    then
        ok "injection: clean IRIs, readable actor slugs, nif:isString equals the text exactly"
    else
        bad "injection: IRIs or literal values do not round-trip"
    fi
fi

# ---------------------------------------------------------------- 2. limits
head -c 3000 "$ROOT/data/articles/nk-china-summit-2025.txt" >"$T/small.txt"
expect_rc "--max-size refuses a bigger article" 1 \
    "small.txt: error: the file is larger than the limit of 1000 bytes; split it or raise --max-size" \
    -- build "$T/small.txt" --max-size 1000 -o "$T/never.ttl"
[ -e "$T/never.ttl" ] && bad "--max-size: an output was written" || ok "--max-size: no output written"

if [ "$HOSTILE" = 1 ]; then
    python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
w = lambda n, s: open(t + "/" + n, "w").write(s)
w("h-quotes.txt", "Quotes\n\n" + 'He said "she said \u201cthey said ' * 200000 + "no.\n")
w("h-lines.txt", "Lines\n\n" + "China met Japan.\n" * 1000000)
w("h-word.txt", "Word\n\n" + "a" * 50000000 + "\n")
w("h-headings.txt", "Headings\n\n" + "".join("# Heading %d\n" % i for i in range(100000)))
PY
    for h in quotes lines word headings; do
        start=$(date +%s)
        expect_rc "hostile $h: build" 0 "" -- build "$T/h-$h.txt" --max-size 100000000 -f ntriples -o "$T/h-$h.nt"
        echo "      $h: $(($(date +%s) - start)) s, $(wc -c <"$T/h-$h.txt") bytes in, $(wc -l <"$T/h-$h.nt" 2>/dev/null) triples out"
        rm -f "$T/h-$h.nt"
    done
fi

# ---------------------------------------------------------------- 3. nothing lost
if [ "$VALGRIND" != 1 ]; then
    python3 - "$T" <<'PY'
import sys
unit = ("Analysts said China and Japan held talks in 2019, and both countries signed an agreement. "
        "Xi Jinping said the summit failed. ")
open(sys.argv[1] + "/big.txt", "w").write("Talks 2024\n\n" + unit * 12000 + "\n")
PY
    mkdir "$T/kill"
    printf 'OLD OUTPUT, KEEP ME\n' >"$T/kill/existing.ttl"
    cp "$T/kill/existing.ttl" "$T/before.ttl"
    killed=0
    for attempt in 1 2 3; do
        "$NG" build "$T/big.txt" -o "$T/kill/existing.ttl" >/dev/null 2>&1 &
        pid=$!
        # wait for the temporary file: the write has begun
        i=0
        while [ $i -lt 600 ] && [ "$(ls -A "$T/kill" | grep -vc '^existing.ttl$')" = 0 ] && kill -0 $pid 2>/dev/null; do
            sleep 0.05
            i=$((i + 1))
        done
        if kill -9 $pid 2>/dev/null; then
            wait $pid 2>/dev/null
            killed=1
            break
        fi
        wait $pid 2>/dev/null
        cp "$T/before.ttl" "$T/kill/existing.ttl"
    done
    if [ $killed = 1 ]; then
        ok "SIGKILL: the build was killed mid-write"
        cmp -s "$T/before.ttl" "$T/kill/existing.ttl" && ok "SIGKILL: the old output is byte-identical" ||
            bad "SIGKILL: the old output changed"
        left=$(ls -A "$T/kill" | grep -v '^existing.ttl$' | wc -l)
        echo "      SIGKILL left $left temporary file(s) (expected: a killed process cannot clean up; see docs/reliability.md)"
        expect_rc "after SIGKILL: the next build succeeds" 0 "" -- build "$ROOT/data/articles/nk-china-summit-2025.txt" -o "$T/kill/existing.ttl"
        rapper -q -i turtle -c "$T/kill/existing.ttl" 2>/dev/null && ok "after SIGKILL: the new output parses" ||
            bad "after SIGKILL: the new output does not parse"
        left2=$(ls -A "$T/kill" | grep -v '^existing.ttl$' | wc -l)
        [ "$left2" = "$left" ] && ok "after SIGKILL: the next build adds no temporary file of its own" ||
            bad "after SIGKILL: temporary files went from $left to $left2"
    else
        bad "SIGKILL: could not catch the build while writing"
    fi
fi

# ---------------------------------------------------------------- 4. error paths
printf 'Title\n\nCaf\351 au lait.\n' >"$T/latin1.txt"
printf 'Title\n\nA NUL \000 byte.\n' >"$T/nul.txt"
printf '@prefix ng: <https://w3id.org/newsgraph/ns#> .\nng:x a ng:State ;\n' >"$T/broken.ttl"
expect_rc "error: missing article" 1 "cannot open" -- build "$T/missing.txt"
expect_rc "error: invalid UTF-8" 1 "latin1.txt:3:4: error: invalid UTF-8 (byte 0xE9)" -- build "$T/latin1.txt"
expect_rc "error: NUL byte" 1 "nul.txt:3:7: error: NUL byte" -- build "$T/nul.txt"
expect_rc "error: broken lexicon" 1 "broken.ttl:" -- build "$T/small.txt" --lexicon "$T/broken.ttl"
expect_rc "error: output directory missing" 1 "cannot create a file in" -- build "$T/small.txt" -o "$T/no/such/dir/out.ttl"
expect_rc "error: unknown option" 2 "unknown option" -- build "$T/small.txt" --frob
expect_rc "explain: injection article" 0 "" -- explain "$INJ" --lexicon "$LEX"
# "<>{" crashes raptor 2.0.15's Turtle parser: every command that reads a graph refuses it first
printf '<>{' >"$T/brace.ttl"
expect_rc "query -d: a brace outside a string" 1 "brace.ttl:1:3: error: '{' or '}' outside a string" -- query -e 'ASK {?s ?p ?o}' -d "$T/brace.ttl"
expect_rc "load: a brace outside a string" 1 "brace.ttl:1:3: error:" -- load "$T/brace.ttl" --store "sqlite:$T/brace.sqlite"
expect_rc "validate: a brace outside a string" 1 "brace.ttl:1:3: error:" -- validate "$T/brace.ttl"

if [ "$VALGRIND" = 1 ]; then
    for a in "$ROOT"/data/articles/*.txt; do
        n=$(basename "$a" .txt)
        expect_rc "valgrind: build $n" 0 "" -- build "$a" -o "$T/$n.ttl"
    done
    expect_rc "valgrind: build all articles at once" 0 "" -- build "$ROOT"/data/articles/*.txt -o "$T/all.ttl"
    expect_rc "valgrind: explain the sample" 0 "" -- explain "$ROOT/data/articles/nk-china-summit-2025.txt"
    expect_rc "valgrind: N-Triples to standard output" 0 "" -- build "$ROOT/data/articles/iran-iaea-2025.txt" -f ntriples
    # named graphs: N-Quads, TriG, a store that keeps them, --replace, drop (issue 16)
    expect_rc "valgrind: build -f nquads" 0 "" -- build "$ROOT/data/articles/nk-china-summit-2025.txt" -f nquads -o "$T/nk.nq"
    expect_rc "valgrind: build -f trig" 0 "" -- build "$ROOT/data/articles/iran-iaea-2025.txt" -f trig -o "$T/iran.trig"
    expect_rc "valgrind: load N-Quads and TriG" 0 "" -- load "$T/nk.nq" "$T/iran.trig" --store "sqlite:$T/g.sqlite"
    expect_rc "valgrind: load --replace" 0 "" -- load "$T/nk.nq" --replace --store "sqlite:$T/g.sqlite"
    expect_rc "valgrind: stats -r json" 0 "" -- stats --store "sqlite:$T/g.sqlite" -r json
    expect_rc "valgrind: drop" 0 "" -- drop https://w3id.org/newsgraph/id/article/nk-china-summit-2025 --store "sqlite:$T/g.sqlite"
    expect_rc "valgrind: render -T dot -o -" 0 "left out" -- render "$T/nk.nq" -T dot -o -
    # a question answered from its copy of the store (query_subgraph.c), read from each store's
    # own files (store_sqlite_read.c, store_hashes_read.c).  The hashes: store is loaded outside
    # valgrind: Berkeley DB writes pages with bytes it never set (its documentation: build it with
    # --enable-umrw for memory checkers; Debian does not), which is not ours to suppress.
    expect_rc "valgrind: load into sqlite:" 0 "" -- load "$T/all.ttl" --store "sqlite:$T/q-sqlite"
    "$NG" load "$T/all.ttl" --store "hashes:$T/q-hashes" >/dev/null 2>&1
    for kind in sqlite hashes; do
        expect_rc "valgrind: co-mentions.rq on $kind:" 0 "" -- query "$ROOT/queries/co-mentions.rq" --store "$kind:$T/q-$kind"
    done
    printf '<> { <urn:a> <urn:b> <urn:c> . }\n' >"$T/empty-name.trig"
    expect_rc "valgrind: a TriG graph named <>" 1 "a graph named '<>'" -- load "$T/empty-name.trig" --store "sqlite:$T/e.sqlite"
    printf '@prefix ng: <https://w3id.org/newsgraph/ns#> .\n<https://w3id.org/newsgraph/lexicon/x> a ng:Persn .\n' >"$T/typo.ttl"
    expect_rc "valgrind: a lexicon typo" 1 "typo.ttl:2:" -- build "$T/small.txt" --lexicon "$T/typo.ttl"
fi

echo "reliability: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
