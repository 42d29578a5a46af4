#!/bin/sh
# tests/cli.sh — the newsgraph command line: good and bad argument vectors and bad inputs.
# Usage: sh tests/cli.sh ./newsgraph      (run by `make cli`)
# Each check names the expected exit code, the stream and a message substring; every failure that
# was given -o must leave no output file behind and leave an existing output file untouched.
# Ends with one line "N passed, N failed"; exits non-zero when anything failed.
set -u

NG=${1:?usage: sh tests/cli.sh PATH/TO/newsgraph}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARTICLE=$ROOT/data/articles/nk-china-summit-2025.txt
export NEWSGRAPH_DATA="$ROOT"

T=$(mktemp -d "${TMPDIR:-/tmp}/ng-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
O=$T/out          # the only files in here are outputs
mkdir "$O"

passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL: $1"
    shift
    for line in "$@"; do echo "      $line"; done
}

# run ARGS...: runs newsgraph; leaves $T/stdout, $T/stderr and $rc.
run() {
    "$NG" "$@" >"$T/stdout" 2>"$T/stderr"
    rc=$?
}

show() { printf '%s' "$(head -c 400 "$1")"; }

# expect NAME CODE STREAM TEXT [TEXT2] -- ARGS...
#   STREAM none: both streams empty (TEXT is ignored).
#   STREAM stdout: TEXT on stdout, stderr empty.  STREAM stderr: TEXT on stderr whose first line
#   starts with "newsgraph: "; stdout empty.  TEXT2 (optional) is a second required substring.
expect() {
    name=$1 code=$2 stream=$3 text=$4
    shift 4
    text2=
    if [ "$1" != "--" ]; then text2=$1; shift; fi
    shift # --
    run "$@"
    why=
    [ "$rc" -eq "$code" ] || why="exit $rc, want $code"
    if [ "$stream" = none ]; then
        [ -s "$T/stdout" ] && why="${why:+$why; }stdout not empty"
        [ -s "$T/stderr" ] && why="${why:+$why; }stderr not empty"
    elif [ "$stream" = stdout ]; then
        grep -qF -- "$text" "$T/stdout" || why="${why:+$why; }stdout lacks '$text'"
        [ -n "$text2" ] && { grep -qF -- "$text2" "$T/stdout" || why="${why:+$why; }stdout lacks '$text2'"; }
        [ -s "$T/stderr" ] && why="${why:+$why; }stderr not empty"
    else
        grep -qF -- "$text" "$T/stderr" || why="${why:+$why; }stderr lacks '$text'"
        [ -n "$text2" ] && { grep -qF -- "$text2" "$T/stderr" || why="${why:+$why; }stderr lacks '$text2'"; }
        head -n 1 "$T/stderr" | grep -q '^newsgraph: ' || why="${why:+$why; }stderr does not start with 'newsgraph: '"
        [ -s "$T/stdout" ] && why="${why:+$why; }stdout not empty"
    fi
    if [ -n "$why" ]; then
        bad "$name: $why" "args: $*" "stdout: $(show "$T/stdout")" "stderr: $(show "$T/stderr")"
    else
        ok
    fi
}

# expect_fail_o NAME CODE TEXT OUT -- ARGS...: ARGS (which write to OUT) must fail with CODE and TEXT
# on stderr; run once with OUT absent (nothing may appear in OUT's directory) and once with a
# sentinel in OUT (it must be left byte for byte).
expect_fail_o() {
    name=$1 code=$2 text=$3 out=$4
    shift 5
    outdir=$(dirname "$out")
    rm -rf "$O" && mkdir "$O"
    expect "$name" "$code" stderr "$text" -- "$@"
    if [ -d "$outdir" ] && [ -n "$(ls -A "$outdir")" ]; then
        bad "$name: left files behind" "$(ls -A "$outdir")"
    else
        ok
    fi
    if [ -d "$outdir" ]; then
        printf 'SENTINEL\n' >"$out"
        expect "$name (existing output)" "$code" stderr "$text" -- "$@"
        if [ "$(cat "$out")" != "SENTINEL" ] || [ "$(ls -A "$outdir")" != "$(basename "$out")" ]; then
            bad "$name: the existing output was touched or files were left" "$(ls -A "$outdir")"
        else
            ok
        fi
        rm -f "$out"
    fi
}

# ---------------------------------------------------------------- help and version
expect "--help" 0 stdout "Usage: newsgraph COMMAND" "Run 'newsgraph COMMAND --help'" -- --help
expect "-h" 0 stdout "Usage: newsgraph COMMAND" -- -h
expect "help" 0 stdout "Commands:" -- help
expect "--version" 0 stdout "newsgraph 0." -- --version
expect "build --help" 0 stdout "Usage: newsgraph build" "--output" -- build --help
expect "build -h" 0 stdout "Usage: newsgraph build" -- build -h
expect "build ARTICLE --help" 0 stdout "Usage: newsgraph build" -- build "$ARTICLE" --help
expect "explain --help" 0 stdout "Usage: newsgraph explain" -- explain --help
run --version
grep -qE '^newsgraph [0-9]+\.[0-9]+\.[0-9]+$' "$T/stdout" && ok || bad "--version: not 'newsgraph X.Y.Z'" "$(show "$T/stdout")"

# ---------------------------------------------------------------- usage errors (exit 2)
expect "no command" 2 stderr "no command" "Try 'newsgraph --help'" --
expect "unknown command" 2 stderr "unknown command 'frobnicate'" "Try 'newsgraph --help'" -- frobnicate
expect "unknown top-level option" 2 stderr "'--frob'" "Try" -- --frob
expect "unknown option" 2 stderr "unknown option '--frob'" "Try 'newsgraph build --help'" -- build "$ARTICLE" --frob
expect "unknown short option" 2 stderr "unknown option '-x'" "Try" -- build -x "$ARTICLE"
expect "explain unknown option" 2 stderr "unknown option" "Try 'newsgraph explain --help'" -- explain --nope "$ARTICLE"
# an option is known by its whole spelling, not by a piece of one the command takes
expect "part of an option" 2 stderr "unknown option '-store'" "Try 'newsgraph stats --help'" -- stats -store x
expect "part of an option (load)" 2 stderr "unknown option '-data'" -- load -data x "$ARTICLE"
expect "missing -o value" 2 stderr "'-o' needs a value" "Try" -- build "$ARTICLE" -o
expect "missing -f value" 2 stderr "'-f' needs a value" "Try" -- build "$ARTICLE" -f
expect "missing --base value" 2 stderr "'--base' needs a value" "Try" -- build "$ARTICLE" --base
expect "no article" 2 stderr "no article" "Try" -- build
expect "no article after options" 2 stderr "no article" "Try" -- build -f turtle
expect "bad -f" 2 stderr "unknown format 'json'" "Try" -- build "$ARTICLE" -f json
expect "bad --format" 2 stderr "unknown format" -- build "$ARTICLE" --format TURTLE
expect "bad --base: no / or #" 2 stderr "--base" "Try" -- build "$ARTICLE" --base http://example.org/kg
expect "bad --base: relative" 2 stderr "absolute IRI" -- build "$ARTICLE" --base kg/
expect "bad --base: space" 2 stderr "not allowed in an IRI" -- build "$ARTICLE" --base "http://example.org/a b/"
expect "bad --base: <" 2 stderr "not allowed in an IRI" -- build "$ARTICLE" --base "http://example.org/<x>/"
expect "bad --max-size: text" 2 stderr "--max-size" "Try" -- build "$ARTICLE" --max-size lots
expect "bad --max-size: zero" 2 stderr "--max-size" -- build "$ARTICLE" --max-size 0
expect "bad --max-size: negative" 2 stderr "--max-size" -- build "$ARTICLE" --max-size -5
# a usage error writes nothing
expect_fail_o "usage error with -o" 2 "unknown format" "$O/u.ttl" -- build "$ARTICLE" -o "$O/u.ttl" -f json

# ---------------------------------------------------------------- good runs
expect "build to stdout" 0 stdout "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> ." "schema:NewsArticle" -- build "$ARTICLE"
expect "build -f ntriples" 0 stdout "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/NewsArticle> ." -- build "$ARTICLE" -f ntriples
expect "build -f rdfxml" 0 stdout "<rdf:RDF" -- build "$ARTICLE" -f rdfxml
# --profile: lean leaves out only the super-classes nif:String, nif:OffsetBasedString,
# schema:Event and ng:Claim; full (the default) is today's graph, triple for triple
expect "bad --profile" 2 stderr "--profile 'thin' must be full or lean" "Try" -- build "$ARTICLE" --profile thin
expect "missing --profile value" 2 stderr "'--profile' needs a value" -- build "$ARTICLE" --profile
expect "explain takes no --profile" 2 stderr "unknown option" -- explain "$ARTICLE" --profile lean
run build "$ARTICLE" -f ntriples
cp "$T/stdout" "$T/default.nt"
run build "$ARTICLE" -f ntriples --profile full
cmp -s "$T/stdout" "$T/default.nt" && ok || bad "--profile full: not the default graph"
run build "$ARTICLE" -f ntriples --profile lean
if [ "$rc" -ne 0 ]; then
    bad "--profile lean: exit $rc" "$(show "$T/stderr")"
else
    lean_omits='#String>|#OffsetBasedString>|schema.org/Event>|/ns#Claim>'
    grep -vE "22-rdf-syntax-ns#type> <[^>]*($lean_omits) \.\$" "$T/default.nt" | sort >"$T/want.nt"
    sort "$T/stdout" >"$T/got.nt"
    if cmp -s "$T/want.nt" "$T/got.nt"; then ok; else
        bad "--profile lean: not the full graph less the omitted classes" \
            "$(diff "$T/want.nt" "$T/got.nt" | head -5)"
    fi
    grep -q "schema.org/Claim> \.\$" "$T/stdout" && grep -q "sem/Event> \.\$" "$T/stdout" && ok ||
        bad "--profile lean: lost schema:Claim or sem:Event"
fi
expect "build --base" 0 stdout "<http://example.org/kg/article/nk-china-summit-2025>" -- build "$ARTICLE" --base http://example.org/kg/
expect "build -- ARTICLE" 0 stdout "schema:NewsArticle" -- build -- "$ARTICLE"
expect "explain" 0 stdout "[1] (heading) North Korea-China Summit 2025" -- explain "$ARTICLE"
expect "explain --rules" 0 stdout "source.pronoun" "event.verb-class" -- explain --rules
expect "explain --rules with an article" 2 stderr "--rules takes no article" -- explain --rules "$ARTICLE"
expect "explain --without a rule" 0 stdout "[1] (heading) North Korea-China Summit 2025" -- explain "$ARTICLE" --without source.pronoun
expect "explain --without an unknown rule" 2 stderr "unknown rule 'no.such-rule'" -- explain "$ARTICLE" --without no.such-rule
expect "build takes no --without" 2 stderr "unknown option" -- build "$ARTICLE" --without source.pronoun
rm -rf "$O" && mkdir "$O"
expect "build -o" 0 none "" -- build "$ARTICLE" -o "$O/nk.ttl"
if [ -s "$O/nk.ttl" ] && [ "$(ls -A "$O")" = "nk.ttl" ] && head -n 1 "$O/nk.ttl" | grep -q '^@prefix '; then ok; else bad "build -o: no file, or extra files" "$(ls -A "$O")"; fi
printf 'OLD\n' >"$O/nk.ttl"
expect "build -o over an existing file" 0 none "" -- build "$ARTICLE" --output "$O/nk.ttl"
if head -n 1 "$O/nk.ttl" | grep -q '^@prefix ' && [ "$(ls -A "$O")" = "nk.ttl" ]; then ok; else bad "build -o: existing file not replaced"; fi
# -o to a symbolic link such as /dev/stdout: written through the link, which stays a link
printf 'OLD\n' >"$T/through.ttl"
ln -s "$T/through.ttl" "$O/link.ttl"
expect "build -o SYMLINK" 0 none "" -- build "$ARTICLE" -o "$O/link.ttl"
if [ -L "$O/link.ttl" ] && head -n 1 "$T/through.ttl" | grep -q '^@prefix '; then ok; else bad "build -o SYMLINK: the link was replaced"; fi
# -o /dev/stdout into a pipe
if "$NG" build "$ARTICLE" -o /dev/stdout 2>"$T/stderr" | grep -q 'schema:NewsArticle' && [ -L /dev/stdout ] && [ ! -s "$T/stderr" ]; then ok; else bad "build -o /dev/stdout into a pipe"; fi

# ---------------------------------------------------------------- bad input files (exit 1)
mkdir "$T/in"
printf '' >"$T/in/empty.txt"
printf '  \n\t\r\n   \n' >"$T/in/blank.txt"
printf 'Title line\nSecond line is fine.\nThe \377 byte is bad.\n' >"$T/in/latin1.txt"
printf 'Title\nab\000cd\n' >"$T/in/nul.txt"
mkdir "$T/in/adir"
expect_fail_o "missing file" 1 "cannot open" "$O/x.ttl" -- build "$T/in/missing.txt" -o "$O/x.ttl"
expect "missing file names it" 1 stderr "newsgraph: $T/in/missing.txt: error: cannot open: No such file or directory" -- build "$T/in/missing.txt"
expect_fail_o "directory as article" 1 "is a directory" "$O/x.ttl" -- build "$T/in/adir" -o "$O/x.ttl"
expect_fail_o "empty file" 1 "is empty" "$O/x.ttl" -- build "$T/in/empty.txt" -o "$O/x.ttl"
expect_fail_o "white space only" 1 "only white space" "$O/x.ttl" -- build "$T/in/blank.txt" -o "$O/x.ttl"
expect_fail_o "invalid UTF-8" 1 "latin1.txt:3:5: error: invalid UTF-8" "$O/x.ttl" -- build "$T/in/latin1.txt" -o "$O/x.ttl"
expect_fail_o "NUL byte" 1 "nul.txt:2:3: error: NUL byte" "$O/x.ttl" -- build "$T/in/nul.txt" -o "$O/x.ttl"
# one bad article among good ones is skipped (issue 6): exit 3, the others' graph is written
rm -rf "$O" && mkdir "$O"
expect "good then bad article" 3 stderr "is empty" "skipped 1 of 2 articles" -- build "$ARTICLE" "$T/in/empty.txt" -o "$O/x.ttl"
if [ -s "$O/x.ttl" ] && [ "$(ls -A "$O")" = "x.ttl" ]; then ok; else bad "good then bad article: the good one's graph is written" "$(ls -A "$O")"; fi
rm -f "$O/x.ttl"
expect "explain a bad file" 1 stderr "invalid UTF-8" -- explain "$T/in/latin1.txt"
expect "bad --data" 1 stderr "cannot open the lexicon directory" -- build "$ARTICLE" --data "$T/in/adir"

# 50 MB on one line: refused by the 16 MiB default --max-size, without reading it all
head -c 52428800 /dev/zero | tr '\0' 'a' >"$T/in/huge.txt"
expect_fail_o "50 MB single line" 1 "limit of 16777216" "$O/x.ttl" -- build "$T/in/huge.txt" -o "$O/x.ttl"
expect "--max-size smaller than the article" 1 stderr "limit of 1000" -- build "$ARTICLE" --max-size 1000
rm -f "$T/in/huge.txt"
# 4 MB on one line, under the limit: builds (one run-on sentence, the worst case for the segmenter
# and the matcher; the output stays small because nothing in it is an actor or an event)
awk 'BEGIN { printf "Border Talks\n"; for (i = 0; i < 76000; i++) printf "the committee reviewed the budget and the staff wrote "; printf "\n" }' >"$T/in/long.txt"
size=$(wc -c <"$T/in/long.txt")
[ "$size" -gt 4000000 ] && [ "$size" -lt 16777216 ] && ok || bad "the generated article has $size bytes, want 4 MB"
rm -rf "$O" && mkdir "$O"
expect "4 MB single line" 0 none "" -- build "$T/in/long.txt" -o "$O/long.nt" -f ntriples
[ -s "$O/long.nt" ] && ok || bad "4 MB single line: no output"

# ---------------------------------------------------------------- output errors (exit 1)
expect_fail_o "-o in a missing directory" 1 "check that the directory exists" "$O/no/such/dir/x.ttl" -- build "$ARTICLE" -o "$O/no/such/dir/x.ttl"
expect_fail_o "-o a directory" 1 "is a directory" "$O/x.ttl" -- build "$ARTICLE" -o "$O"
if [ -w /dev/full ]; then
    expect "-o /dev/full" 1 stderr "/dev/full: error: write failed: No space left on device" -- build "$ARTICLE" -o /dev/full
    [ -c /dev/full ] && ok || bad "/dev/full is no longer a device"
    run build "$ARTICLE"
    "$NG" build "$ARTICLE" >/dev/full 2>"$T/stderr"
    rc=$?
    if [ $rc -eq 1 ] && grep -q '^newsgraph: .*No space left on device' "$T/stderr"; then ok; else bad "stdout to /dev/full: exit $rc" "$(show "$T/stderr")"; fi
    "$NG" --help >/dev/full 2>"$T/stderr"
    rc=$?
    if [ $rc -eq 1 ] && grep -q '^newsgraph: ' "$T/stderr"; then ok; else bad "--help to /dev/full: exit $rc, want 1" "$(show "$T/stderr")"; fi
else
    bad "/dev/full is not writable here: the write-error tests need the kernel's full device"
fi

# ---------------------------------------------------------------- habits of RDF command-line users
H=$T/habits
mkdir "$H"
"$NG" build "$ARTICLE" -o "$H/nk.ttl" 2>/dev/null || bad "build the sample for the habits"
# render: -T and standard output, a legible network by default that says what it left out
"$NG" render "$H/nk.ttl" -T svg >"$H/nk.svg" 2>"$T/stderr"
grep -q '<svg' "$H/nk.svg" && grep -q 'less connected left out' "$H/nk.svg" &&
    grep -q '^newsgraph: note: --max-nodes 40: left out [0-9]* less connected nodes' "$T/stderr" && ok ||
    bad "render -T svg to stdout, 40 nodes by default, saying what it left out" "$(show "$T/stderr")"
"$NG" render "$H/nk.ttl" -T png -o - >"$H/nk.png" 2>/dev/null
[ "$(head -c 4 "$H/nk.png" | od -An -c | tr -d ' ')" = '211PNG' ] && ok || bad "render -T png -o - writes a PNG to stdout"
expect "render -T dot -o - --max-nodes 0" 0 stdout "digraph" -- render "$H/nk.ttl" -T dot -o - --max-nodes 0
grep -q 'left out' "$T/stdout" && bad "--max-nodes 0 draws every node" || ok
expect "render without -o or -T" 2 stderr "no output given" "-T svg|png|dot" -- render "$H/nk.ttl"
expect "render -T gif" 2 stderr "unknown picture format 'gif'" -- render "$H/nk.ttl" -T gif
expect "render --max-nodes x" 2 stderr "--max-nodes 'x'" -- render "$H/nk.ttl" -T svg --max-nodes x
# graph files too large for memory go through a temporary store on disk (--spool-above; issue 15):
# the same picture and page, and nothing left in $TMPDIR; a TMPDIR that cannot hold it is a clear
# error, never a silent exit
S=$T/spool
mkdir "$S"
"$NG" render "$H/nk.ttl" -T dot -o "$H/mem.dot" --max-nodes 100 2>/dev/null
TMPDIR=$S "$NG" render "$H/nk.ttl" -T dot -o "$H/spool.dot" --max-nodes 100 --spool-above 0 2>"$T/stderr"
rc=$?
[ $rc -eq 0 ] && cmp -s "$H/mem.dot" "$H/spool.dot" && [ -z "$(ls -A "$S")" ] && ok ||
    bad "render --spool-above 0: the same DOT through a temporary store, removed" "exit $rc; left: $(ls -A "$S")" "$(show "$T/stderr")"
"$NG" report "$ARTICLE" -o "$H/mem.html" 2>/dev/null
TMPDIR=$S "$NG" report "$ARTICLE" -o "$H/spool.html" --spool-above 1K 2>"$T/stderr"
rc=$?
[ $rc -eq 0 ] && cmp -s "$H/mem.html" "$H/spool.html" && [ -z "$(ls -A "$S")" ] && ok ||
    bad "report --spool-above 1K: the same page through a temporary store, removed" "exit $rc; left: $(ls -A "$S")" "$(show "$T/stderr")"
tmp_was=${TMPDIR-/tmp}
export TMPDIR="$T/none"
expect "render: TMPDIR missing for the temporary store" 1 stderr \
    "none: error: cannot make a temporary store for graph files over 0 bytes: No such file or directory; set TMPDIR" -- \
    render "$H/nk.ttl" -o "$O/x.svg" --spool-above 0
export TMPDIR="$tmp_was"
expect "--spool-above x" 2 stderr "--spool-above 'x' must be a number of bytes" -- render "$H/nk.ttl" -T svg --spool-above x
# stats -r json
expect "stats -r json" 0 stdout '"articles": 1' -- stats -d "$H/nk.ttl" -r json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["triples"] > 1000 and d["claims"]["total"] > 10 and d["actors"]["by_kind"]))' "$T/stdout" &&
    ok || bad "stats -r json is one JSON object with the counts" "$(show "$T/stdout")"
expect "stats -r xml" 2 stderr "unknown results format 'xml' (use text or json)" -- stats -d "$H/nk.ttl" -r xml
# validate: files or a store, one line when it passes
expect "validate a file" 0 stdout "# valid: 13 checks, no violation" -- validate "$H/nk.ttl"
"$NG" load "$H/nk.ttl" --store "sqlite:$H/nk.sqlite" >/dev/null 2>&1
expect "validate --store" 0 stdout "# valid: 13 checks, no violation" -- validate --store "sqlite:$H/nk.sqlite"
expect "validate --store and files" 2 stderr "either --store or graph files" -- validate "$H/nk.ttl" --store "sqlite:$H/nk.sqlite"
# query: CONSTRUCT as Turtle off a terminal, with the prefixes the query declares; empty results
# keep their variables
expect "CONSTRUCT without -r" 0 stdout "@prefix ex: <http://example.org/ns#> ." " ex:named " -- \
    query -d "$H/nk.ttl" -e 'PREFIX ex: <http://example.org/ns#> CONSTRUCT { ?a ex:named ?l } WHERE { ?a a <http://semanticweb.cs.vu.nl/2009/11/sem/Actor> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }'
rapper -q -i turtle -c "$T/stdout" 2>/dev/null && ok || bad "the CONSTRUCT's Turtle parses"
run query -d "$H/nk.ttl" -r csv -e 'SELECT ?who ?what WHERE { ?who <urn:none> ?what }'
[ "$(cat "$T/stdout")" = "$(printf 'who,what\r')" ] && ok || bad "an empty result keeps its header (csv)" "$(od -c "$T/stdout" | head -n 2)"
# a lexicon typo is an error at load, with file:line:col
cat >"$H/typo.ttl" <<'EOF2'
@prefix ng: <https://w3id.org/newsgraph/ns#> .
@prefix ngl: <https://w3id.org/newsgraph/lexicon/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ngl:someone a ng:Persn ;
    skos:prefLabel "Some One"@en .

ngl:other a ng:Person ;
    skos:prefLabel "Other One"@en ;
    ng:leaderOf ngl:freedonnia .
EOF2
expect "a lexicon typo: a class" 1 stderr "typo.ttl:5:18: error: <https://w3id.org/newsgraph/ns#Persn> is not a class of the ontology" -- \
    build "$ARTICLE" --lexicon "$H/typo.ttl"
grep -qF "typo.ttl:10:21: error: <https://w3id.org/newsgraph/lexicon/freedonnia> names no lexicon entry" "$T/stderr" && ok ||
    bad "a lexicon typo: an entry that does not exist" "$(show "$T/stderr")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
