/* test_status.c — ng_strerror for every status; ng_diag_report formatting through the stream sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static void test_strerror_every_status(void **state)
{
    (void)state;
    static const struct {
        NgStatus st;
        const char *text;
    } want[] = {
        {NG_SUCCESS, "success"},
        {NG_ERR_NOMEM, "out of memory"},
        {NG_ERR_IO, "input/output error"},
        {NG_ERR_ENCODING, "invalid UTF-8"},
        {NG_ERR_EMPTY, "no text"},
        {NG_ERR_TOO_LARGE, "input too large"},
        {NG_ERR_SYNTAX, "syntax error"},
        {NG_ERR_DATA, "invalid data"},
        {NG_ERR_BAD_ARG, "invalid argument"},
        {NG_ERR_STORE, "store error"},
        {NG_ERR_QUERY, "query error"},
        {NG_ERR_INTERNAL, "internal library error"},
    };
    size_t n = sizeof want / sizeof want[0];
    /* the table covers every status, in order */
    assert_int_equal(n, (size_t)NG_ERR_INTERNAL + 1);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(want[i].st, (NgStatus)i);
        const char *s = ng_strerror(want[i].st);
        assert_non_null(s);
        assert_string_equal(s, want[i].text);
        for (size_t j = 0; j < i; j++) /* every description is distinct */
            assert_string_not_equal(s, ng_strerror(want[j].st));
    }
    assert_string_equal(ng_strerror((NgStatus)(NG_ERR_INTERNAL + 1)), "unknown status");
}

/* Runs ng_diag_report into a tmpfile through ng_diag_stream_func and returns what was written. */
static char *report(const char *prefix, unsigned *errors, NgDiagLevel level, const char *file,
                    unsigned line, unsigned col, const char *msg)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    NgDiagStream ds = {f, prefix, 0};
    NgDiag diag = {ng_diag_stream_func, &ds};
    ng_diag_report(&diag, level, file, line, col, "%s", msg);
    if (errors)
        *errors = ds.errors;
    long n = ftell(f);
    assert_true(n >= 0);
    char *buf = calloc((size_t)n + 1, 1);
    assert_non_null(buf);
    rewind(f);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return buf;
}

static void test_diag_stream_format(void **state)
{
    (void)state;
    static const struct {
        const char *prefix;
        NgDiagLevel level;
        const char *file;
        unsigned line, col;
        const char *msg;
        const char *want;
        unsigned errors;
    } cases[] = {
        {NULL, NG_DIAG_ERROR, "a.txt", 3, 5, "bad byte", "a.txt:3:5: error: bad byte\n", 1},
        {"newsgraph: ", NG_DIAG_ERROR, "dir/a.txt", 12, 1, "x", "newsgraph: dir/a.txt:12:1: error: x\n", 1},
        {"newsgraph: ", NG_DIAG_ERROR, "a.txt", 7, 0, "no column", "newsgraph: a.txt:7: error: no column\n", 1},
        {"newsgraph: ", NG_DIAG_ERROR, "a.txt", 0, 0, "no line", "newsgraph: a.txt: error: no line\n", 1},
        {"newsgraph: ", NG_DIAG_ERROR, "a.txt", 0, 9, "col without line", "newsgraph: a.txt: error: col without line\n", 1},
        {"newsgraph: ", NG_DIAG_ERROR, NULL, 4, 2, "no file", "newsgraph: error: no file\n", 1},
        {"newsgraph: ", NG_DIAG_WARNING, "w.ttl", 1, 2, "careful", "newsgraph: w.ttl:1:2: warning: careful\n", 0},
        {"", NG_DIAG_NOTE, "n.ttl", 1, 1, "fyi", "n.ttl:1:1: note: fyi\n", 0},
        {"p: ", NG_DIAG_ERROR, "\xC3\xA9t\xC3\xA9.txt", 1, 1, "caf\xC3\xA9 %d", "p: \xC3\xA9t\xC3\xA9.txt:1:1: error: caf\xC3\xA9 %d\n", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned errors = 99;
        char *got = report(cases[i].prefix, &errors, cases[i].level, cases[i].file, cases[i].line,
                           cases[i].col, cases[i].msg);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, cases[i].want);
        assert_int_equal(errors, cases[i].errors);
        free(got);
    }
}

static void test_diag_printf_and_long_message(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    NgDiagStream ds = {f, "newsgraph: ", 0};
    NgDiag diag = {ng_diag_stream_func, &ds};
    ng_diag_report(&diag, NG_DIAG_ERROR, "f.txt", 2, 3, "byte 0x%02X at %s", 0xFF, "here");
    /* longer than the 512-byte stack buffer: must arrive whole */
    char big[3000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ng_diag_report(&diag, NG_DIAG_ERROR, "f.txt", 4, 1, "%s|end", big);
    assert_int_equal(ds.errors, 2);
    long n = ftell(f);
    char *buf = calloc((size_t)n + 1, 1);
    assert_non_null(buf);
    rewind(f);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    const char *first = "newsgraph: f.txt:2:3: error: byte 0xFF at here\n";
    assert_memory_equal(buf, first, strlen(first));
    const char *second = buf + strlen(first);
    const char *head = "newsgraph: f.txt:4:1: error: ";
    assert_memory_equal(second, head, strlen(head));
    assert_int_equal(strlen(second), strlen(head) + strlen(big) + strlen("|end\n"));
    assert_string_equal(second + strlen(head) + strlen(big), "|end\n");
    free(buf);
}

static void test_diag_null_sinks(void **state)
{
    (void)state;
    /* a NULL sink and a sink without a function drop the message without crashing */
    ng_diag_report(NULL, NG_DIAG_ERROR, "a", 1, 1, "dropped %d", 1);
    NgDiag none = {NULL, NULL};
    ng_diag_report(&none, NG_DIAG_ERROR, "a", 1, 1, "dropped %d", 2);
    /* a capturing sink receives exactly the formatted message and location */
    TestDiag td;
    NgDiag d = test_diag(&td);
    ng_diag_report(&d, NG_DIAG_WARNING, "g.ttl", 8, 9, "%s=%u", "k", 42u);
    assert_int_equal(td.count, 1);
    assert_int_equal(td.errors, 0);
    assert_int_equal(td.line, 8);
    assert_int_equal(td.col, 9);
    assert_string_equal(td.file, "g.ttl");
    assert_string_equal(td.text, "k=42\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_every_status),
        cmocka_unit_test(test_diag_stream_format),
        cmocka_unit_test(test_diag_printf_and_long_message),
        cmocka_unit_test(test_diag_null_sinks),
    };
    return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
