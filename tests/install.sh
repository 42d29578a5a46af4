#!/bin/sh
# tests/install.sh — `make install` and `make uninstall` (run by `make install-test`, in make check).
# Usage: sh tests/install.sh [MAKE]
#   1. installs into a DESTDIR: the program, the data under share/newsgraph, the man page, the
#      bash completion, the library (static and shared, with its soname), its header and its
#      pkg-config file; no absolute path of the build tree is compiled into the program;
#   2. moves the installed tree elsewhere and, from another directory, with no NEWSGRAPH_DATA,
#      runs the installed demo (share/newsgraph/demo.sh: every sample article, every sample
#      query) with the installed program;
#   3. without the share directory, the program says all four places it looked in;
#   4. a program compiled against the installed header and pkg-config file, linked with the
#      shared and with the static library, runs;
#   5. the man page has every command and exit code; the completion completes;
#   6. make uninstall removes every file make install put there.
# Ends with one line "N passed, N failed"; exits non-zero when anything failed.
set -u

MAKE=${1:-make}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-install.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
unset NEWSGRAPH_DATA

. "$ROOT/tests/lib.sh"
has() { if [ -e "$2" ] || [ -L "$2" ]; then ok "$1"; else bad "$1" "missing: $2"; fi; }

# ---------------------------------------------------------------- 1. install into a DESTDIR
D=$T/dest
P=/usr/local
"$MAKE" -s -C "$ROOT" install DESTDIR="$D" >"$T/install.log" 2>&1 ||
    { bad "make install DESTDIR=$D" "$(tail -n 20 "$T/install.log")"; echo "$passed passed, $failed failed"; exit 1; }
ok "make install DESTDIR=..."
I=$D$P
has "the program" "$I/bin/newsgraph"
has "the ontology" "$I/share/newsgraph/ontology/newsgraph.ttl"
has "the lexicon" "$I/share/newsgraph/data/lexicon"
has "the sample queries" "$I/share/newsgraph/queries/claims.rq"
has "the checks" "$I/share/newsgraph/queries/checks/claim-has-author.rq"
has "the sample articles" "$I/share/newsgraph/data/articles/nk-china-summit-2025.txt"
has "the demo" "$I/share/newsgraph/demo.sh"
has "the man page" "$I/share/man/man1/newsgraph.1"
has "the bash completion" "$I/share/bash-completion/completions/newsgraph"
has "the static library" "$I/lib/libnewsgraph.a"
has "the shared library" "$I/lib/libnewsgraph.so"
has "the header" "$I/include/newsgraph.h"
has "the pkg-config file" "$I/lib/pkgconfig/newsgraph.pc"
n=$(ls "$ROOT"/data/lexicon/*.ttl | wc -l)
[ "$(ls "$I"/share/newsgraph/data/lexicon/*.ttl | wc -l)" = "$n" ] && ok "all $n lexicon files" || bad "the lexicon files"
soname=$(objdump -p "$I/lib/libnewsgraph.so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
[ "$soname" = libnewsgraph.so.0 ] && [ -L "$I/lib/libnewsgraph.so" ] && [ -e "$I/lib/libnewsgraph.so.0" ] &&
    ok "the shared library's soname is libnewsgraph.so.0, with its links" || bad "soname" "got '$soname'"
# the program holds no path of the build tree (its constants; the debug information may)
objcopy -O binary --only-section=.rodata "$I/bin/newsgraph" "$T/rodata" 2>/dev/null
if [ -s "$T/rodata" ] && ! grep -qF "$ROOT" "$T/rodata"; then ok "no build path compiled into the program"; else
    bad "the program's constants hold the build path $ROOT"; fi
grep -qF "$P/share/newsgraph" "$T/rodata" && ok "the installed share directory is compiled in" ||
    bad "the program does not know $P/share/newsgraph"

# ---------------------------------------------------------------- 2. the demo, moved, from elsewhere
M=$T/moved
mv "$I" "$M"
mkdir "$T/elsewhere"
(cd "$T/elsewhere" && sh "$M/share/newsgraph/demo.sh") >"$T/demo.out" 2>"$T/demo.err"
rc=$?
nq=$(ls "$ROOT"/queries/*.rq | wc -l)
got=$(grep -c '^== ' "$T/demo.out")
if [ $rc -eq 0 ] && [ "$got" = "$nq" ] && grep -q "demo: all articles -> out/all.ttl" "$T/demo.out" &&
    [ -s "$T/elsewhere/out/all.ttl" ] && [ ! -s "$T/demo.err" ]; then
    ok "the installed demo runs, moved, from another directory: $(grep -c '^demo: ' "$T/demo.out") graphs, $got queries"
else
    bad "the installed demo" "exit $rc, $got of $nq queries" "$(head -c 600 "$T/demo.err")"
fi
(cd "$T/elsewhere" && "$M/bin/newsgraph" validate out/nk-china-summit-2025.ttl) >"$T/out" 2>&1 &&
    grep -q '^# valid: ' "$T/out" && ok "the installed checks validate the demo's first graph" ||
    bad "validate with the installed checks" "$(head -c 300 "$T/out")"

# ---------------------------------------------------------------- 3. no data: the four places
mv "$M/share/newsgraph" "$T/away"
(cd "$T/elsewhere" && "$M/bin/newsgraph" build "$T/away/data/articles/iran-iaea-2025.txt") >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q -- "--data" "$T/err" && grep -q 'NEWSGRAPH_DATA' "$T/err" &&
    grep -qF "$M/share/newsgraph" "$T/err" && grep -qF "$P/share/newsgraph" "$T/err" &&
    grep -qF "build tree" "$T/err" && [ ! -s "$T/out" ]; then
    ok "without its data, the program names the four places it looked in"
else
    bad "no data found" "exit $rc" "$(cat "$T/err")"
fi
(cd "$T/elsewhere" && NEWSGRAPH_DATA=$T/away "$M/bin/newsgraph" build "$T/away/data/articles/iran-iaea-2025.txt" -o x.ttl) 2>"$T/err" &&
    [ -s "$T/elsewhere/x.ttl" ] && ok "NEWSGRAPH_DATA points at moved data" || bad "NEWSGRAPH_DATA" "$(cat "$T/err")"
(cd "$T/elsewhere" && "$M/bin/newsgraph" build --data "$T/away" "$T/away/data/articles/iran-iaea-2025.txt" -o y.ttl) 2>"$T/err" &&
    cmp -s "$T/elsewhere/x.ttl" "$T/elsewhere/y.ttl" && ok "--data gives the same graph" || bad "--data" "$(cat "$T/err")"
mv "$T/away" "$M/share/newsgraph"

# ---------------------------------------------------------------- 4. the library
cat >"$T/hello.c" <<'EOF'
#include <newsgraph.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    NgGraph *g = NULL;
    char slug[64];
    if (ng_graph_new(NULL, &g) || ng_slug("Kim Jong-un", slug, sizeof slug) ||
        ng_graph_add_iri(g, NG_DEFAULT_BASE "actor/x", NG_NS "name", NG_NS "y"))
        return 1;
    int rc = ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, stdout, NULL) != NG_SUCCESS;
    printf("%s %s %s\n", slug, NG_VERSION, ng_strerror(NG_ERR_SYNTAX));
    ng_graph_free(g);
    return rc;
}
EOF
# newsgraph.pc as installed, its prefix moved with the tree
mkdir "$T/pc"
sed "s|^prefix=.*|prefix=$M|" "$M/lib/pkgconfig/newsgraph.pc" >"$T/pc/newsgraph.pc"
PC=pkg-config
export PKG_CONFIG_PATH="$T/pc"
if cc -std=c11 -Wall -Werror $($PC --cflags newsgraph) "$T/hello.c" -o "$T/hello" $($PC --libs newsgraph) 2>"$T/err" &&
    LD_LIBRARY_PATH="$M/lib" "$T/hello" >"$T/out" 2>&1 && grep -q '^kim-jong-un 0\.' "$T/out"; then
    ok "a program built with pkg-config runs on the shared library"
else
    bad "the shared library" "$(head -c 400 "$T/err")" "$(head -c 200 "$T/out")"
fi
# the static library with the shared system libraries it needs (those newsgraph.pc requires)
deps=$(sed -n 's/^Requires.private: *//p' "$M/lib/pkgconfig/newsgraph.pc")
if cc -std=c11 $($PC --cflags newsgraph) "$T/hello.c" -o "$T/hello-static" "$M/lib/libnewsgraph.a" \
    $(pkg-config --libs $deps) $(sed -n 's/^Libs.private: *//p' "$M/lib/pkgconfig/newsgraph.pc") 2>"$T/err" &&
    "$T/hello-static" >"$T/out" 2>&1 && grep -q '^kim-jong-un ' "$T/out"; then
    ok "a program linked with the static library runs"
else
    bad "the static library" "$(head -c 400 "$T/err")"
fi
unset PKG_CONFIG_PATH

# ---------------------------------------------------------------- 5. the man page and the completion
MAN=$M/share/man/man1/newsgraph.1
missing=
for c in $("$M/bin/newsgraph" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
    grep -q "^\.SS \"$c " "$MAN" || missing="$missing $c"
done
for code in 0 1 2 3 130; do
    sed -n '/^\.SH "EXIT STATUS"/,/^\.SH /p' "$MAN" | grep -q "^\.B $code\$" || missing="$missing exit-$code"
done
[ -z "$missing" ] && ok "the man page has every command and exit code" || bad "the man page lacks:$missing"
groff -man -Tutf8 -ww "$MAN" >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] && ok "groff reads the man page" ||
    bad "groff reads the man page without a warning (make deps installs groff-base)" "$(head -n 5 "$T/err")"
words=$(PATH="$M/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(newsgraph dr); COMP_CWORD=1; _newsgraph; echo "${COMPREPLY[*]}";
    COMP_WORDS=(newsgraph build -f n); COMP_CWORD=3; _newsgraph; echo "${COMPREPLY[*]}"' _ \
    "$M/share/bash-completion/completions/newsgraph" 2>&1)
[ "$words" = "$(printf 'drop\nntriples nquads')" ] && ok "bash completes commands and option values" ||
    bad "bash completion" "$words"

# ---------------------------------------------------------------- 6. uninstall
D2=$T/dest2
"$MAKE" -s -C "$ROOT" install DESTDIR="$D2" >/dev/null 2>&1 &&
    "$MAKE" -s -C "$ROOT" uninstall DESTDIR="$D2" >"$T/out" 2>&1 || bad "make install; make uninstall" "$(tail -n 5 "$T/out")"
left=$(find "$D2" -type f -o -type l 2>/dev/null | head -n 5)
[ -d "$D2" ] && [ -z "$left" ] && ok "make uninstall removes every file" || bad "make uninstall left files" "$left"

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
