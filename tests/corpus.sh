#!/bin/sh
# tests/corpus.sh — corpus builds from the command line (run by `make cli`):
# a directory, many files and a list (--files-from) give the same graph; -j 1 and -j 2 give the same
# bytes; a bad article is reported with its path, skipped, and the exit code is 3; Ctrl-C leaves
# nothing at -o; push and query --endpoint misuse.
# Usage: sh tests/corpus.sh ./newsgraph.  Ends with "N passed, N failed".
set -u

NG=${1:?usage: sh tests/corpus.sh PATH/TO/newsgraph}
case $NG in /*) ;; *) NG=$(pwd)/$NG ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NEWSGRAPH_DATA="$ROOT"

T=$(mktemp -d "${TMPDIR:-/tmp}/ng-corpus.XXXXXX") || exit 1
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
check() { # check NAME COMMAND...: the command must succeed
    name=$1
    shift
    if "$@" >"$T/out" 2>"$T/err"; then ok; else bad "$name" "$(head -c 400 "$T/err")"; fi
}

C=$T/corpus
mkdir "$C"
cp "$ROOT"/data/articles/*.txt "$C/"
n_art=$(ls "$ROOT"/data/articles/*.txt | wc -l)   # and notes.md below: n_art + 1 articles
printf 'Notes\nThis file is markdown and it is an article too. China said so.\n' >"$C/notes.md"
printf 'not an article\n' >"$C/data.csv"

# a directory, the files themselves, and a list (--files-from): the same bytes
check "build DIR/ -j 1" "$NG" build "$C/" -f ntriples -j 1 -q -o "$T/j1.nt"
check "build DIR -j 2" "$NG" build "$C" -f ntriples -j 2 -q -o "$T/j2.nt"
if cmp -s "$T/j1.nt" "$T/j2.nt"; then ok; else bad "-j 1 and -j 2 are byte-identical"; fi
check "build FILES" "$NG" build "$C"/*.md "$C"/*.txt -f ntriples -q -o "$T/files.nt"
ls "$C"/*.md "$C"/*.txt | LC_ALL=C sort >"$T/list"
check "build --files-from - (a list on stdin)" sh -c "'$NG' build --files-from - -f ntriples -q -o '$T/stdin.nt' <'$T/list'"
if cmp -s "$T/j1.nt" "$T/stdin.nt"; then ok; else bad "a list on stdin gives the directory's bytes"; fi
check "build --files-from LIST" "$NG" build --files-from "$T/list" -f ntriples -q -o "$T/list.nt"
if cmp -s "$T/j1.nt" "$T/list.nt"; then ok; else bad "--files-from LIST gives the directory's bytes"; fi
# build -: one article on standard input, named stdin
sh -c "'$NG' build - -f ntriples <'$ROOT/data/articles/iran-iaea-2025.txt'" >"$T/one.nt" 2>"$T/err"
grep -q '^<https://w3id.org/newsgraph/id/article/stdin> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context> \.$' "$T/one.nt" &&
    [ "$(wc -l <"$T/one.nt")" -gt 1000 ] && ok || bad "build - reads one article from standard input" "$(head -c 300 "$T/err")"
printf 'x\n' | "$NG" build - --files-from - >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && grep -q "standard input can be read once" "$T/err" && ok ||
    bad "'-' and --files-from - together are a usage error" "$(cat "$T/err")"
# a directory is read recursively, hidden directories left out, in byte order of the paths
mkdir -p "$T/tree/b/deeper" "$T/tree/.hidden" "$T/tree/a"
cp "$C/notes.md" "$T/tree/a/one.md"
cp "$ROOT/data/articles/iran-iaea-2025.txt" "$T/tree/b/deeper/two.txt"
cp "$ROOT/data/articles/iran-iaea-2025.txt" "$T/tree/.hidden/three.txt"
ln -s "$T/tree" "$T/tree/b/loop"
"$NG" build "$T/tree" -f ntriples -q -o "$T/tree.nt" 2>"$T/err"
got=$(grep -o '^<https://w3id.org/newsgraph/id/article/[^>]*> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://persistence[^>]*#Context>' "$T/tree.nt" | cut -d' ' -f1 | tr '\n' ' ')
[ "$got" = "<https://w3id.org/newsgraph/id/article/one> <https://w3id.org/newsgraph/id/article/two> " ] && ok ||
    bad "a directory is read recursively (not hidden ones, not links to directories)" "got: $got" "$(head -c 300 "$T/err")"
if [ "$(LC_ALL=C sort "$T/files.nt")" = "$(LC_ALL=C sort "$T/j1.nt")" ]; then ok; else
    bad "files in another order: the same triples"; fi
if rapper -q -i ntriples -c "$T/j1.nt" 2>/dev/null; then ok; else bad "the N-Triples parse"; fi
# merged: each article a context, each actor's count once
n=$(grep -c '<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context> \.$' "$T/j1.nt")
[ "$n" = $((n_art + 1)) ] && ok || bad "$((n_art + 1)) nif:Context nodes" "got $n"
dups=$(grep '#mentionCount>' "$T/j1.nt" | cut -d' ' -f1 | sort | uniq -d | wc -l)
[ "$dups" = 0 ] && ok || bad "one mentionCount per actor" "$dups actors have several"
# Turtle of the corpus: the same triples
check "build DIR -f turtle" "$NG" build "$C" -q -j 2 -o "$T/all.ttl"
rapper -q -i turtle -o ntriples "$T/all.ttl" 2>/dev/null | LC_ALL=C sort >"$T/ttl.sorted"
rapper -q -i ntriples -o ntriples "$T/j1.nt" 2>/dev/null | LC_ALL=C sort >"$T/nt.sorted"
if cmp -s "$T/ttl.sorted" "$T/nt.sorted"; then ok; else bad "Turtle and N-Triples hold the same triples"; fi
# no progress line when standard error is not a terminal
[ ! -s "$T/err" ] && ok || bad "quiet when stderr is not a terminal" "$(head -c 200 "$T/err")"

# a bad article: named, skipped, exit 3, the others written
printf 'Bad\ncaf\351 au lait\n' >"$C/latin1.txt"
"$NG" build "$C" -f ntriples -o "$T/skip.nt" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && ok || bad "a bad article: exit 3" "exit $rc"
grep -q "newsgraph: $C/latin1.txt:2:4: error: invalid UTF-8" "$T/err" && ok || bad "the bad article is named" "$(cat "$T/err")"
grep -q "skipped 1 of $((n_art + 2)) articles" "$T/err" && ok || bad "the skip is summed up" "$(cat "$T/err")"
cmp -s "$T/skip.nt" "$T/j1.nt" && ok || bad "the other articles are written"
printf '%s\n' "$C/latin1.txt" "$T/missing.txt" | "$NG" build --files-from - -o "$T/none.ttl" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$T/none.ttl" ] && grep -q "none of the 2 articles" "$T/err" && ok ||
    bad "no article built: exit 1, no output" "exit $rc" "$(cat "$T/err")"
rm "$C/latin1.txt"
mkdir "$T/empty"
"$NG" build "$T/empty" 2>"$T/err"
[ $? -eq 1 ] && grep -q "no article in it" "$T/err" && ok || bad "an empty directory" "$(cat "$T/err")"
"$NG" build "$C" -j 0 2>"$T/err"
[ $? -eq 2 ] && grep -q -- "-j '0'" "$T/err" && ok || bad "-j 0 is a usage error" "$(cat "$T/err")"

# Ctrl-C: stops, says how far it got, leaves nothing at -o
i=0
# enough articles that the build is still running a second later, however fast the machine
while [ $i -lt 600 ]; do cp "$ROOT/data/articles/nk-china-summit-2025.txt" "$C/copy-$i.txt"; i=$((i + 1)); done
total=$(ls "$C" | grep -c -e '\.txt$' -e '\.md$')
"$NG" build "$C" -f ntriples -j 1 -o "$T/int.nt" 2>"$T/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] && ok || bad "SIGINT: exit 130" "exit $rc" "$(cat "$T/err")"
grep -q "interrupted after [0-9]* of $total articles; nothing was written" "$T/err" && ok || bad "SIGINT: says how far" "$(cat "$T/err")"
[ -z "$(ls -A "$T" | grep -e int.nt -e '\.tmp-')" ] && ok || bad "SIGINT: no file left at -o" "$(ls -A "$T")"

# push and query --endpoint: misuse
"$NG" push "$T/j1.nt" 2>"$T/err"
[ $? -eq 2 ] && grep -q "no --endpoint" "$T/err" && ok || bad "push without --endpoint" "$(cat "$T/err")"
"$NG" push --endpoint http://127.0.0.1:1/x 2>"$T/err"
[ $? -eq 2 ] && grep -q "no graph file" "$T/err" && ok || bad "push without a file" "$(cat "$T/err")"
"$NG" push "$T/j1.nt" --endpoint ftp://x/ 2>"$T/err"
[ $? -eq 2 ] && grep -q "http://" "$T/err" && ok || bad "push with an ftp URL" "$(cat "$T/err")"
"$NG" push "$T/j1.nt" --endpoint http://127.0.0.1:1/x --password x 2>"$T/err"
[ $? -eq 2 ] && grep -q "unknown option '--password'" "$T/err" && ok || bad "no password on the command line" "$(cat "$T/err")"
"$NG" push "$T/j1.nt" --endpoint http://127.0.0.1:1/x --timeout 0 2>"$T/err"
[ $? -eq 2 ] && ok || bad "--timeout 0" "$(cat "$T/err")"
for v in 12Q -1 1T ""; do
    "$NG" push "$T/j1.nt" --endpoint http://127.0.0.1:1/x --part-size "$v" 2>"$T/err"
    [ $? -eq 2 ] && grep -q "part-size '$v' must be a number of bytes" "$T/err" && ok || bad "--part-size '$v'" "$(cat "$T/err")"
done
"$NG" push "$T/j1.nt" --endpoint http://127.0.0.1:1/x --part-size 1K 2>"$T/err"
[ $? -eq 1 ] && grep -q "part 1 of [0-9]* (bytes 0-1" "$T/err" && ok || bad "--part-size 1K: the failing part is named" "$(cat "$T/err")"
"$NG" push "$T/j1.nt" --endpoint http://127.0.0.1:1/x 2>"$T/err"
[ $? -eq 1 ] && grep -q "cannot connect to http://127.0.0.1:1/x" "$T/err" && ok || bad "push: connection refused" "$(cat "$T/err")"
"$NG" query -e 'ASK {}' --endpoint http://127.0.0.1:1/sparql -d "$T/j1.nt" 2>"$T/err"
[ $? -eq 2 ] && ok || bad "query: --endpoint with -d" "$(cat "$T/err")"
"$NG" query -e 'ASK {}' --graph urn:x -d "$T/j1.nt" 2>"$T/err"
[ $? -eq 2 ] && grep -q "go with --endpoint" "$T/err" && ok || bad "query: --graph without --endpoint" "$(cat "$T/err")"
"$NG" push --help | grep -q "NEWSGRAPH_PASSWORD" && ok || bad "push --help"
"$NG" build --help | grep -q "3 some" && ok || bad "build --help documents exit 3"

echo "corpus.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
