/* testutil.h — helpers shared by the cmocka unit tests (header-only; each test is one program).
 *
 * Include after <cmocka.h>.  Diagnostics are captured in a TestDiag so tests can assert on the exact
 * message, line and column a module reported. */
#ifndef NG_TESTUTIL_H
#define NG_TESTUTIL_H

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef NG_DATADIR
#define NG_DATADIR "."
#endif

/* Records every diagnostic; keeps the last one's location and the concatenated messages. */
typedef struct {
    unsigned count;
    unsigned errors;
    unsigned line, col;
    char file[256];
    char text[4096]; /* all messages, one per line */
} TestDiag;

static inline void test_diag_func(void *ud, NgDiagLevel level, const char *file, unsigned line,
                                  unsigned col, const char *message)
{
    TestDiag *d = ud;
    d->count++;
    d->errors += level == NG_DIAG_ERROR;
    d->line = line;
    d->col = col;
    snprintf(d->file, sizeof d->file, "%s", file ? file : "");
    size_t n = strlen(d->text);
    snprintf(d->text + n, sizeof d->text - n, "%s\n", message);
}

static inline NgDiag test_diag(TestDiag *d)
{
    memset(d, 0, sizeof *d);
    NgDiag diag = {test_diag_func, d};
    return diag;
}

/* Where ontology/ and data/ live: $NEWSGRAPH_DATA (the Makefile sets it), else the build's datadir. */
static inline const char *test_datadir(void)
{
    const char *d = getenv("NEWSGRAPH_DATA");
    return d && *d ? d : NG_DATADIR;
}

/* Loads the project's ontology and lexicon, failing the test on any error. */
static inline NgLexicon *test_full_lexicon(void)
{
    NgLexicon *lx = NULL;
    TestDiag td;
    NgDiag diag = test_diag(&td);
    char path[4096];
    assert_int_equal(ng_lexicon_new(&lx), NG_SUCCESS);
    snprintf(path, sizeof path, "%s/ontology", test_datadir());
    assert_int_equal(ng_lexicon_load_dir(lx, path, &diag), NG_SUCCESS);
    snprintf(path, sizeof path, "%s/data/lexicon", test_datadir());
    assert_int_equal(ng_lexicon_load_dir(lx, path, &diag), NG_SUCCESS);
    assert_int_equal(td.errors, 0);
    return lx;
}

/* A lexicon from Turtle held in a string. */
static inline NgLexicon *test_lexicon_from(const char *turtle)
{
    NgLexicon *lx = NULL;
    TestDiag td;
    NgDiag diag = test_diag(&td);
    assert_int_equal(ng_lexicon_new(&lx), NG_SUCCESS);
    if (ng_lexicon_load_string(lx, "inline.ttl", turtle, strlen(turtle), &diag) != NG_SUCCESS)
        fail_msg("inline Turtle failed to load: %s", td.text);
    return lx;
}

/* The whole pipeline up to extraction, on text held in memory. */
typedef struct {
    NgDocument *doc;
    NgSegments *sg;
    NgMatches *m;
    NgExtraction *x;
} TestRun;

static inline void test_run(TestRun *r, const char *name, const char *text, const NgLexicon *lx,
                            bool extract)
{
    memset(r, 0, sizeof *r);
    assert_int_equal(ng_document_read_buffer(name, text, strlen(text), NULL, NULL, &r->doc), NG_SUCCESS);
    assert_int_equal(ng_segment(r->doc, lx, &r->sg), NG_SUCCESS);
    assert_int_equal(ng_match(r->sg, lx, &r->m), NG_SUCCESS);
    if (extract)
        assert_int_equal(ng_extract(r->m, &r->x), NG_SUCCESS);
}

static inline void test_run_free(TestRun *r)
{
    ng_extraction_free(r->x);
    ng_matches_free(r->m);
    ng_segments_free(r->sg);
    ng_document_free(r->doc);
    memset(r, 0, sizeof *r);
}

/* True when the text of span `sp` of `doc` equals `want`. */
static inline bool span_is(const NgDocument *doc, NgSpan sp, const char *want)
{
    size_t n = strlen(want);
    return sp.end >= sp.begin && sp.end - sp.begin == n &&
           memcmp(ng_document_text(doc) + sp.begin, want, n) == 0;
}

/* Reads a whole file into a new NUL-terminated buffer (NULL when it cannot be read). */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    NgBuf b = {0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (ng_buf_append(&b, chunk, got))
            break;
    fclose(f);
    if (len)
        *len = b.len;
    return ng_buf_take(&b);
}

#endif /* NG_TESTUTIL_H */
