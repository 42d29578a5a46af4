/* test_read.c — the document reader: normalization, validation with line:col, limits, offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    const char *what;
    const char *in;
    size_t len;          /* bytes of `in` (it may hold NUL) */
    size_t max_size;     /* 0: the default */
    NgStatus status;
    const char *text;    /* the normalized text on success */
    unsigned line, col;  /* the reported location on failure (0: none) */
    const char *msg;     /* a substring of the reported message on failure */
} ReadCase;

#define S(lit) lit, sizeof(lit) - 1

static const ReadCase cases[] = {
    {"plain", S("Hello."), 0, NG_SUCCESS, "Hello.", 0, 0, NULL},
    {"BOM dropped", S("\xEF\xBB\xBFHello."), 0, NG_SUCCESS, "Hello.", 0, 0, NULL},
    {"BOM and CRLF", S("\xEF\xBB\xBF" "a\r\nb\r\n"), 0, NG_SUCCESS, "a\nb\n", 0, 0, NULL},
    {"CRLF to LF", S("one\r\ntwo\r\n\r\nthree"), 0, NG_SUCCESS, "one\ntwo\n\nthree", 0, 0, NULL},
    {"lone CR to LF", S("one\rtwo\r\rthree\r"), 0, NG_SUCCESS, "one\ntwo\n\nthree\n", 0, 0, NULL},
    {"CR CRLF", S("a\r\r\nb"), 0, NG_SUCCESS, "a\n\nb", 0, 0, NULL},
    {"multibyte kept", S("Gusm\xC3\xA3o \xE4\xB8\xAD \xF0\x9F\x98\x80"), 0, NG_SUCCESS,
     "Gusm\xC3\xA3o \xE4\xB8\xAD \xF0\x9F\x98\x80", 0, 0, NULL},
    {"invalid byte line 3 col 5", S("ok\nfine\nabcd\xFF rest"), 0, NG_ERR_ENCODING, NULL, 3, 5, "0xFF"},
    {"invalid after CRLF lines", S("a\r\nb\r\n\xC3("), 0, NG_ERR_ENCODING, NULL, 3, 1, "0xC3"},
    {"column counts code points", S("\xC3\xA9\xE4\xB8\xAD\x80"), 0, NG_ERR_ENCODING, NULL, 1, 3, "0x80"},
    {"overlong form", S("x\xC0\xAF"), 0, NG_ERR_ENCODING, NULL, 1, 2, "invalid UTF-8"},
    {"surrogate", S("ab\xED\xA0\x80"), 0, NG_ERR_ENCODING, NULL, 1, 3, "invalid UTF-8"},
    {"above U+10FFFF", S("\xF4\x90\x80\x80"), 0, NG_ERR_ENCODING, NULL, 1, 1, "invalid UTF-8"},
    {"truncated at end", S("abc\xE2\x80"), 0, NG_ERR_ENCODING, NULL, 1, 4, "invalid UTF-8"},
    {"Latin-1 hint", S("caf\xE9"), 0, NG_ERR_ENCODING, NULL, 1, 4, "iconv"},
    {"NUL byte", S("ab\ncd\0ef"), 0, NG_ERR_ENCODING, NULL, 2, 3, "NUL byte"},
    {"NUL first", S("\0"), 0, NG_ERR_ENCODING, NULL, 1, 1, "NUL byte"},
    {"empty", S(""), 0, NG_ERR_EMPTY, NULL, 0, 0, "empty"},
    {"BOM only", S("\xEF\xBB\xBF"), 0, NG_ERR_EMPTY, NULL, 0, 0, "empty"},
    {"white space only", S("  \t\r\n \n"), 0, NG_ERR_EMPTY, NULL, 0, 0, "white space"},
    {"no-break spaces only", S("\xC2\xA0\n\xE2\x80\x83"), 0, NG_ERR_EMPTY, NULL, 0, 0, "white space"},
    {"at the limit", S("12345"), 5, NG_SUCCESS, "12345", 0, 0, NULL},
    {"over the limit", S("123456"), 5, NG_ERR_TOO_LARGE, NULL, 0, 0, "limit of 5"},
};

static void test_read_buffer_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ReadCase *c = &cases[i];
        TestDiag td;
        NgDiag diag = test_diag(&td);
        NgReadOptions ro = {c->max_size};
        NgDocument *doc = (NgDocument *)&ro; /* must be reset to NULL on failure */
        NgStatus st = ng_document_read_buffer("case.txt", c->in, c->len, &ro, &diag, &doc);
        if (st != c->status)
            fail_msg("%s: status %s, want %s (%s)", c->what, ng_strerror(st), ng_strerror(c->status), td.text);
        if (st == NG_SUCCESS) {
            assert_non_null(doc);
            assert_int_equal(td.count, 0);
            if (strcmp(ng_document_text(doc), c->text) != 0)
                fail_msg("%s: text \"%s\", want \"%s\"", c->what, ng_document_text(doc), c->text);
            assert_int_equal(ng_document_size(doc), strlen(c->text));
            assert_string_equal(ng_document_name(doc), "case.txt");
            ng_document_free(doc);
            continue;
        }
        assert_null(doc);
        if (td.errors != 1)
            fail_msg("%s: %u errors reported, want 1", c->what, td.errors);
        assert_string_equal(td.file, "case.txt");
        if (td.line != c->line || td.col != c->col)
            fail_msg("%s: reported %u:%u, want %u:%u", c->what, td.line, td.col, c->line, c->col);
        if (!strstr(td.text, c->msg))
            fail_msg("%s: message \"%s\" lacks \"%s\"", c->what, td.text, c->msg);
    }
}

static void test_read_buffer_bad_args(void **state)
{
    (void)state;
    NgDocument *doc = NULL;
    assert_int_equal(ng_document_read_buffer(NULL, "x", 1, NULL, NULL, &doc), NG_ERR_BAD_ARG);
    assert_int_equal(ng_document_read_buffer("n", NULL, 1, NULL, NULL, &doc), NG_ERR_BAD_ARG);
    assert_null(doc);
    /* NULL bytes with length 0 is an empty text, not a bad argument */
    assert_int_equal(ng_document_read_buffer("n", NULL, 0, NULL, NULL, &doc), NG_ERR_EMPTY);
}

/* "aé中😀\nb": byte offsets 0,1,3,6,10,11 start code points 0..5. */
static void test_offsets_multibyte(void **state)
{
    (void)state;
    const char *t = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\nb";
    NgDocument *doc = NULL;
    assert_int_equal(ng_document_read_buffer("m.txt", t, strlen(t), NULL, NULL, &doc), NG_SUCCESS);
    static const struct {
        size_t byte, cp;
        unsigned line, col;
    } want[] = {
        {0, 0, 1, 1}, {1, 1, 1, 2}, {3, 2, 1, 3}, {6, 3, 1, 4}, {10, 4, 1, 5}, {11, 5, 2, 1}, {12, 6, 2, 2},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(ng_document_cp_offset(doc, want[i].byte), want[i].cp);
        unsigned line = 0, col = 0;
        ng_document_line_col(doc, want[i].byte, &line, &col);
        if (line != want[i].line || col != want[i].col)
            fail_msg("byte %zu: %u:%u, want %u:%u", want[i].byte, line, col, want[i].line, want[i].col);
    }
    /* past the end clamps to the end */
    assert_int_equal(ng_document_cp_offset(doc, 1000), 6);
    ng_document_free(doc);
}

/* Offsets across many checkpoints (NG_CP_STRIDE bytes apart) with mixed character widths. */
static void test_offsets_long_text(void **state)
{
    (void)state;
    NgBuf b = {0};
    size_t *cp_at = calloc(20001, sizeof(size_t)); /* code point offset per byte, SIZE_MAX mid-character */
    assert_non_null(cp_at);
    size_t cps = 0;
    static const char *const pieces[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", " ", "\n"};
    for (size_t i = 0; b.len < 19000; i++) {
        const char *p = pieces[(i * 7 + i / 3) % 6];
        cp_at[b.len] = cps;
        for (size_t k = 1; k < strlen(p); k++)
            cp_at[b.len + k] = SIZE_MAX;
        assert_int_equal(ng_buf_append(&b, p, strlen(p)), NG_SUCCESS);
        cps++;
    }
    cp_at[b.len] = cps;
    NgDocument *doc = NULL;
    assert_int_equal(ng_document_read_buffer("long.txt", b.data, b.len, NULL, NULL, &doc), NG_SUCCESS);
    assert_int_equal(ng_document_size(doc), b.len);
    for (size_t i = 0; i <= b.len; i++) {
        if (cp_at[i] == SIZE_MAX)
            continue;
        if (ng_document_cp_offset(doc, i) != cp_at[i])
            fail_msg("byte %zu: cp %zu, want %zu", i, ng_document_cp_offset(doc, i), cp_at[i]);
    }
    assert_int_equal(ng_utf8_length(b.data, b.len), cps);
    ng_document_free(doc);
    ng_buf_free(&b);
    free(cp_at);
}

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s/ng-read-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char path[512];
    static const char *const names[] = {"crlf.txt", "big.txt", "sub"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        if (remove(path) != 0 && i == 2)
            rmdir(path);
    }
    return rmdir(tmpdir);
}

static void write_file(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void test_read_file(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/crlf.txt", tmpdir);
    write_file(path, "\xEF\xBB\xBFTitle\r\n\r\nBody text.\r\n", 23);
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgDocument *doc = NULL;
    assert_int_equal(ng_document_read_file(path, NULL, &diag, &doc), NG_SUCCESS);
    assert_string_equal(ng_document_text(doc), "Title\n\nBody text.\n");
    assert_string_equal(ng_document_name(doc), path);
    ng_document_free(doc);
    assert_int_equal(td.count, 0);
}

static void test_read_file_errors(void **state)
{
    (void)state;
    char path[512];
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgDocument *doc = NULL;

    /* a missing file */
    snprintf(path, sizeof path, "%s/does-not-exist.txt", tmpdir);
    assert_int_equal(ng_document_read_file(path, NULL, &diag, &doc), NG_ERR_IO);
    assert_null(doc);
    assert_int_equal(td.errors, 1);
    assert_string_equal(td.file, path);
    assert_non_null(strstr(td.text, "cannot open"));
    assert_non_null(strstr(td.text, "No such file"));

    /* a directory */
    diag = test_diag(&td);
    snprintf(path, sizeof path, "%s/sub", tmpdir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(ng_document_read_file(path, NULL, &diag, &doc), NG_ERR_IO);
    assert_null(doc);
    assert_int_equal(td.errors, 1);
    assert_non_null(strstr(td.text, "directory"));

    /* a file over max_size is refused (and not read whole) */
    diag = test_diag(&td);
    snprintf(path, sizeof path, "%s/big.txt", tmpdir);
    char *big = malloc(200000);
    assert_non_null(big);
    memset(big, 'a', 200000);
    write_file(path, big, 200000);
    free(big);
    NgReadOptions ro = {100000};
    assert_int_equal(ng_document_read_file(path, &ro, &diag, &doc), NG_ERR_TOO_LARGE);
    assert_null(doc);
    assert_int_equal(td.errors, 1);
    assert_non_null(strstr(td.text, "100000"));
    /* the same file within a larger limit is fine */
    ro.max_size = 200000;
    assert_int_equal(ng_document_read_file(path, &ro, NULL, &doc), NG_SUCCESS);
    assert_int_equal(ng_document_size(doc), 200000);
    ng_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_buffer_table),
        cmocka_unit_test(test_read_buffer_bad_args),
        cmocka_unit_test(test_offsets_multibyte),
        cmocka_unit_test(test_offsets_long_text),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_read_file_errors),
    };
    return cmocka_run_group_tests_name("read", tests, make_tmpdir, remove_tmpdir);
}
