/* test_graph_store.c — a graph that spills its triples to a temporary file in sorted runs
 * (graph_store.c, issue 14 finding 9) writes the same bytes as one that holds them all, in every
 * format; duplicates across runs and graphs are dropped as before; Turtle written in pieces of
 * whole subjects equals raptor's Turtle of the whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static const NgFormat formats[] = {NG_FORMAT_TURTLE, NG_FORMAT_NTRIPLES, NG_FORMAT_RDFXML,
                                   NG_FORMAT_NQUADS, NG_FORMAT_TRIG};

/* The graph written in `format`, as a new string. */
static char *written(const NgGraph *g, NgFormat format, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    assert_non_null(f);
    assert_int_equal(ng_graph_write_stream(g, format, f, NULL), NG_SUCCESS);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* Every format of `spilled` is byte for byte that of `whole`. */
static void assert_same_output(const NgGraph *whole, const NgGraph *spilled, const char *what)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        size_t n1, n2;
        char *a = written(whole, formats[i], &n1), *b = written(spilled, formats[i], &n2);
        if (n1 != n2 || memcmp(a, b, n1))
            fail_msg("%s, format %d: %zu bytes whole, %zu spilled, not the same", what,
                     formats[i], n1, n2);
        free(a);
        free(b);
    }
}

/* The data articles, each alone with a run of one triple (every triple spilled on its own, Turtle
 * one subject a piece), and all four in one graph with runs of a few thousand triples. */
static void test_spilled_articles_write_the_same(void **state)
{
    (void)state;
    static const char *names[] = {"nk-china-summit-2025", "eu-mercosur-2024", "iran-iaea-2025",
                                  "sudan-war-2024"};
    NgLexicon *lx = test_full_lexicon();
    NgGraph *all_whole = NULL, *all_spilled = NULL;
    assert_int_equal(ng_graph_new(NULL, &all_whole), NG_SUCCESS);
    assert_int_equal(ng_graph_new(NULL, &all_spilled), NG_SUCCESS);
    ng_graph_set_run_bytes(all_spilled, ((size_t)1 << 20) + 300000);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/data/articles/%s.txt", test_datadir(), names[i]);
        size_t len;
        char *text = test_slurp(path, &len);
        if (!text)
            fail_msg("cannot read %s", path);
        TestRun r;
        test_run(&r, path, text, lx, true);
        NgGraph *whole = NULL, *spilled = NULL;
        assert_int_equal(ng_graph_new(NULL, &whole), NG_SUCCESS);
        assert_int_equal(ng_graph_new(NULL, &spilled), NG_SUCCESS);
        ng_graph_set_run_bytes(spilled, 1);
        assert_int_equal(ng_graph_add_extraction(whole, r.x), NG_SUCCESS);
        assert_int_equal(ng_graph_add_extraction(spilled, r.x), NG_SUCCESS);
        assert_int_equal(ng_graph_add_extraction(all_whole, r.x), NG_SUCCESS);
        assert_int_equal(ng_graph_add_extraction(all_spilled, r.x), NG_SUCCESS);
        assert_int_equal(ng_graph_spilled_runs(whole), 0);
        assert_int_equal(ng_graph_spilled_runs(spilled), ng_graph_triple_count(spilled) - 1);
        assert_null(ng_graph_triples(spilled));
        assert_same_output(whole, spilled, names[i]);
        ng_graph_free(whole);
        ng_graph_free(spilled);
        test_run_free(&r);
        free(text);
    }
    assert_true(ng_graph_spilled_runs(all_spilled) >= 3);
    assert_same_output(all_whole, all_spilled, "the four articles");
    ng_graph_free(all_whole);
    ng_graph_free(all_spilled);
    ng_lexicon_free(lx);
}

/* A text the graph borrows (ng_graph_put_text) is written where a copy of it would be, in every
 * format, spilled or not, among triples of the same subject and predicate; a short one is copied. */
static void test_borrowed_text(void **state)
{
    (void)state;
    size_t n = 2 * NG_GRAPH_TEXT_BYTES;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        text[i] = "ab \"\\\n\tc"[i % 8];
    text[n] = 'X';   /* not part of the text: no NUL after a borrowed one */
    for (size_t run = 0; run < 2; run++) {
        NgGraph *copied = NULL, *borrowed = NULL;
        assert_int_equal(ng_graph_new(NULL, &copied), NG_SUCCESS);
        assert_int_equal(ng_graph_new(NULL, &borrowed), NG_SUCCESS);
        ng_graph_set_borrow_texts(borrowed, true);
        NgGraph *gs[2] = {copied, borrowed};
        for (size_t k = 0; k < 2; k++) {
            ng_graph_set_run_bytes(gs[k], run ? 1 : NG_GRAPH_RUN_BYTES);
            assert_int_equal(ng_graph_use(gs[k], "http://e/g"), NG_SUCCESS);
            assert_int_equal(ng_graph_add_literal(gs[k], "http://e/s", "http://e/p", "ab", NULL,
                                                  NULL), NG_SUCCESS);
            assert_int_equal(ng_graph_put_text(gs[k], "http://e/s", "http://e/p", text, n),
                             NG_SUCCESS);
            assert_int_equal(ng_graph_put_text(gs[k], "http://e/s", "http://e/p", text + 1, n - 1),
                             NG_SUCCESS);
            assert_int_equal(ng_graph_put_text(gs[k], "http://e/s", "http://e/p", text, 100),
                             NG_SUCCESS);
            assert_int_equal(ng_graph_add_literal(gs[k], "http://e/s", "http://e/p", "c", NULL,
                                                  NULL), NG_SUCCESS);
            assert_int_equal(ng_graph_add_iri(gs[k], "http://e/s", "http://e/q", "http://e/o"),
                             NG_SUCCESS);
        }
        assert_int_equal(ng_graph_borrowed_texts(copied), 0);
        assert_int_equal(ng_graph_borrowed_texts(borrowed), 2);
        assert_int_equal(ng_graph_triple_count(borrowed), 6);
        assert_same_output(copied, borrowed, run ? "borrowed, spilled" : "borrowed");
        ng_graph_free(copied);
        ng_graph_free(borrowed);
    }
    free(text);
}

/* A triple added again in a later run, and in another graph, is written once a graph (once in
 * the formats without graphs); long literals and strings that share prefixes survive the front
 * coding. */
static void test_duplicates_across_runs(void **state)
{
    (void)state;
    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new(NULL, &g), NG_SUCCESS);
    ng_graph_set_run_bytes(g, 1);
    char *long_text = malloc(300001);
    assert_non_null(long_text);
    for (size_t i = 0; i < 300000; i++)
        long_text[i] = (char)('a' + i % 26);
    long_text[300000] = '\0';
    NgTriple t = {"http://e/s", "http://e/p", "http://e/o", NULL, NULL, false, 0, 0, 0, 0};
    NgTriple l = {"http://e/s", "http://e/text", long_text, NULL, "en", true, 0, 0, 0, 0};
    NgTriple e = {"http://e/s2", "http://e/p", "", "http://e/dt", NULL, true, 0, 0, 0, 0};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(ng_graph_add_triple(g, &t, "http://e/g1"), NG_SUCCESS);
        assert_int_equal(ng_graph_add_triple(g, &l, "http://e/g1"), NG_SUCCESS);
        assert_int_equal(ng_graph_add_triple(g, &t, "http://e/g2"), NG_SUCCESS);
        assert_int_equal(ng_graph_add_triple(g, &e, NULL), NG_SUCCESS);
    }
    assert_int_equal(ng_graph_triple_count(g), 12);
    assert_int_equal(ng_graph_spilled_runs(g), 11);
    size_t len;
    char *nq = written(g, NG_FORMAT_NQUADS, &len);
    NgBuf want = {0};
    assert_int_equal(ng_buf_appendf(&want,
                                    "<http://e/s2> <http://e/p> \"\"^^<http://e/dt> .\n"
                                    "<http://e/s> <http://e/p> <http://e/o> <http://e/g1> .\n"
                                    "<http://e/s> <http://e/text> \"%s\"@en <http://e/g1> .\n"
                                    "<http://e/s> <http://e/p> <http://e/o> <http://e/g2> .\n",
                                    long_text),
                     NG_SUCCESS);
    assert_string_equal(nq, want.data);
    ng_buf_free(&want);
    free(nq);
    char *nt = written(g, NG_FORMAT_NTRIPLES, &len);
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += nt[i] == '\n';
    assert_int_equal(lines, 3);
    free(nt);
    ng_graph_free(g);
    free(long_text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spilled_articles_write_the_same),
        cmocka_unit_test(test_duplicates_across_runs),
        cmocka_unit_test(test_borrowed_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
