# tests/lib.sh — the counters and verdict lines the shell suites share (sourced, not run).
# ok NAME: a check passed.  bad NAME [LINE...]: it failed; the lines say why.  The suite ends with
# `echo "NAME: $passed passed, $failed failed"` and exits non-zero when $failed > 0.
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok:   $1"; }
bad() {
    failed=$((failed + 1))
    echo "FAIL: $1"
    shift
    for line in "$@"; do echo "      $line"; done
}
