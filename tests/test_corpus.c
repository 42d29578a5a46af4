/* test_corpus.c — corpus builds: article lists, streamed output, merging, skipping, -j, stop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#define MC "<" NG_NS "mentionCount>"

static char dir[256];
static NgLexicon *lexicon;

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/ng-corpus-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    write_file("a.txt", "China and Russia meet\nChina said on Monday that it met Russia in Beijing. "
                        "Russia said the talks were useful.\n");
    write_file("b.md", "Russia talks\nRussia said it would meet China again. China agreed.\n");
    write_file("c.txt", "Bad\ncaf\xe9 is not UTF-8\n");
    write_file("notes.csv", "not an article\n");
    mkdir(strcat(strcpy((char[600]){0}, dir), "/sub.txt"), 0755); /* a directory named .txt */
    lexicon = test_full_lexicon();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ng_lexicon_free(lexicon);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_free_null(void **state)
{
    (void)state;
    ng_paths_free(NULL);
    ng_output_free(NULL);
    assert_int_equal(ng_paths_count(NULL), 0);
    assert_null(ng_paths_get(NULL, 0));
}

/* A directory gives its .txt and .md files in name order; a list names one path a line. */
static void test_paths(void **state)
{
    (void)state;
    NgPaths *p = NULL;
    TestDiag td;
    NgDiag diag = test_diag(&td);
    assert_int_equal(ng_paths_new(&p), NG_SUCCESS);
    assert_int_equal(ng_paths_add(p, dir, &diag), NG_SUCCESS);
    assert_int_equal(ng_paths_count(p), 3);
    assert_non_null(strstr(ng_paths_get(p, 0), "/a.txt"));
    assert_non_null(strstr(ng_paths_get(p, 1), "/b.md"));
    assert_non_null(strstr(ng_paths_get(p, 2), "/c.txt"));
    FILE *list = fmemopen((char[]){"x.txt\r\n\n  y.txt\nlast.txt"}, 24, "r");
    assert_non_null(list);
    assert_int_equal(ng_paths_add_list(p, list, "list", &diag), NG_SUCCESS);
    fclose(list);
    assert_int_equal(ng_paths_count(p), 6);
    assert_string_equal(ng_paths_get(p, 3), "x.txt");
    assert_string_equal(ng_paths_get(p, 4), "  y.txt");
    assert_string_equal(ng_paths_get(p, 5), "last.txt");
    assert_int_equal(ng_paths_add(p, "missing.txt", &diag), NG_SUCCESS); /* read later */
    assert_int_equal(td.errors, 0);
    char empty[600];
    snprintf(empty, sizeof empty, "%s/sub.txt", dir);
    assert_int_equal(ng_paths_add(p, empty, &diag), NG_ERR_EMPTY);
    assert_non_null(strstr(td.text, "no article"));
    ng_paths_free(p);
}

/* Builds the listed files with `jobs` workers into a string (N-Triples), or into `merged`. */
static char *build(const char *const *names, size_t n, unsigned jobs, NgCorpusReport *rep,
                   TestDiag *td, NgGraph *merged)
{
    NgPaths *p = NULL;
    NgDiag diag = test_diag(td);
    assert_int_equal(ng_paths_new(&p), NG_SUCCESS);
    for (size_t i = 0; i < n; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        assert_int_equal(ng_paths_add(p, path, &diag), NG_SUCCESS);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    NgCorpusOptions opt = {jobs, NULL, 0, NULL, NULL, false, NG_PROFILE_FULL};
    assert_int_equal(ng_corpus_build(lexicon, p, &opt, merged ? NULL : out, merged, &diag, rep),
                     NG_SUCCESS);
    fclose(out);
    ng_paths_free(p);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Two articles name China: one node, one label, one total mention count; two contexts. */
static void test_merge(void **state)
{
    (void)state;
    const char *names[] = {"a.txt", "b.md"};
    NgCorpusReport rep;
    TestDiag td;
    char *nt = build(names, 2, 1, &rep, &td, NULL);
    assert_int_equal(rep.built, 2);
    assert_int_equal(rep.skipped, 0);
    assert_int_equal(td.errors, 0);
    const char *china = "<" NG_DEFAULT_BASE "actor/china>";
    char label[256], mc[256];
    snprintf(label, sizeof label, "%s <http://www.w3.org/2000/01/rdf-schema#label> \"China\" .",
             china);
    snprintf(mc, sizeof mc, "%s " MC, china);
    assert_int_equal(count(nt, label), 1);
    assert_int_equal(count(nt, mc), 1);
    /* the total: 3 mentions in a (its title included) plus 2 in b */
    char total[600];
    snprintf(total, sizeof total,
             "%s \"5\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .", mc);
    assert_non_null(strstr(nt, total));
    assert_int_equal(count(nt, "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/"
                               "nif-core#Context> ."),
                     2);
    /* every line is one triple, and each appears once */
    size_t lines = count(nt, "\n");
    assert_int_equal(lines, rep.triples);
    free(nt);
}

/* The same bytes whatever the number of workers; the merged graph holds the same triples. */
static void test_deterministic(void **state)
{
    (void)state;
    const char *names[] = {"a.txt", "b.md", "a.txt", "c.txt", "b.md", "a.txt", "b.md"};
    NgCorpusReport r1, r4;
    TestDiag t1, t4;
    /* a.txt and b.md given again are the same IRIs: skipped as clashes */
    char *one = build(names, 7, 1, &r1, &t1, NULL);
    char *four = build(names, 7, 4, &r4, &t4, NULL);
    assert_string_equal(one, four);
    assert_string_equal(t1.text, t4.text);
    assert_int_equal(r1.built, 2);
    assert_int_equal(r1.skipped, 5);
    assert_non_null(strstr(t1.text, "same file name"));
    assert_non_null(strstr(t1.text, "invalid UTF-8"));
    NgGraph *g = NULL;
    NgCorpusReport rm;
    TestDiag tm;
    assert_int_equal(ng_graph_new(NULL, &g), NG_SUCCESS);
    free(build(names, 7, 2, &rm, &tm, g));
    assert_int_equal(rm.built, 2);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, out, NULL), NG_SUCCESS);
    fclose(out);
    assert_int_equal(count(buf, "\n"), count(one, "\n"));
    free(buf);
    ng_graph_free(g);
    free(one);
    free(four);
}

/* The line of `nt` that holds `needle`, as a new string. */
static char *line_with(const char *nt, const char *needle)
{
    const char *at = strstr(nt, needle);
    assert_non_null(at);
    while (at > nt && at[-1] != '\n')
        at--;
    return strndup(at, (size_t)(strchr(at, '\n') - at));
}

/* The N-Triples of the listed files merged into one graph (ng_graph_write_stream's). */
static char *merged_ntriples(const char *const *names, size_t n, unsigned jobs,
                             NgCorpusReport *rep, TestDiag *td)
{
    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new(NULL, &g), NG_SUCCESS);
    free(build(names, n, jobs, rep, td, g));
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, out, NULL), NG_SUCCESS);
    fclose(out);
    ng_graph_free(g);
    return buf;
}

/* Writes an article longer than NG_GRAPH_TEXT_BYTES, which names China and Japan, into `name`
 * and `text`. */
static void write_long(const char *name, NgBuf *text)
{
    assert_int_equal(ng_buf_append(text, "Long\n\n", 6), NG_SUCCESS);
    for (size_t i = 0; text->len <= 3 * NG_GRAPH_TEXT_BYTES; i++)
        assert_int_equal(ng_buf_appendf(text, "China said \"%zu\"\tto Japan \\ then.%s", i,
                                        i % 40 == 39 ? "\n\n" : " "),
                         NG_SUCCESS);
    write_file(name, text->data);
}

/* An article longer than NG_GRAPH_TEXT_BYTES: streamed, its nif:isString is escaped from the
 * document in pieces (app_corpus_nt.c out_put), not from a copy in the graph; the line is raptor's,
 * that of the merged graph (ASCII: raptor writes \u00E9 where the stream writes UTF-8). */
static void test_long_text(void **state)
{
    (void)state;
    NgBuf text = {0};
    write_long("long.txt", &text);
    const char *names[] = {"long.txt"};
    NgCorpusReport rs, rm;
    TestDiag ts, tm;
    char *streamed = build(names, 1, 1, &rs, &ts, NULL);
    char *buf = merged_ntriples(names, 1, 1, &rm, &tm);
    char *a = line_with(streamed, "isString>"), *b = line_with(buf, "isString>");
    assert_true(strlen(a) > text.len);
    assert_string_equal(a, b);
    size_t lines[2] = {0, 0};   /* not count(): ASan's strstr measures the rest at every call */
    for (const char *p = buf; *p; p++)
        lines[0] += *p == '\n';
    for (const char *p = streamed; *p; p++)
        lines[1] += *p == '\n';
    assert_int_equal(lines[0], lines[1]);
    free(a);
    free(b);
    free(buf);
    free(streamed);
    ng_buf_free(&text);
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of `nt` sorted, joined again. */
static char *sorted_lines(char *nt)
{
    size_t n = 0, k = 0;
    for (const char *p = nt; *p; p++)
        n += *p == '\n';
    char **lines = calloc(n + 1, sizeof *lines);
    for (char *save = NULL, *l = strtok_r(nt, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        lines[k++] = l;
    qsort(lines, k, sizeof *lines, cmp_line);
    NgBuf b = {0};
    for (size_t i = 0; i < k; i++)
        assert_int_equal(ng_buf_appendf(&b, "%s\n", lines[i]), NG_SUCCESS);
    free(lines);
    return ng_buf_take(&b);
}

/* An article whose lines are written at its turn in one pass (app_corpus.c write_later), between
 * articles written as a whole: its actors' lines come first, once in the corpus, and their
 * ng:mentionCount goes to the totals; the lines are those of the merged graph. */
static void test_long_among_short(void **state)
{
    (void)state;
    NgBuf text = {0};
    write_long("long2.txt", &text);
    const char *names[] = {"a.txt", "long2.txt", "b.md"};
    NgCorpusReport rs, rm;
    TestDiag ts, tm;
    char *streamed = build(names, 3, 2, &rs, &ts, NULL);
    char *buf = merged_ntriples(names, 3, 2, &rm, &tm);
    assert_int_equal(rs.built, 3);
    assert_int_equal(rs.triples, rm.triples);
    const char *japan = "<" NG_DEFAULT_BASE "actor/japan> <http://www.w3.org/2000/01/rdf-schema#label>";
    const char *first = strstr(streamed, japan);   /* named first by long2.txt */
    const char *own = strstr(streamed, "<" NG_DEFAULT_BASE "article/long2");
    assert_non_null(first);
    assert_non_null(own);
    assert_true(first < own);
    assert_int_equal(count(streamed, japan), 1);
    char *a = sorted_lines(streamed), *b = sorted_lines(buf);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(buf);
    free(streamed);
    ng_buf_free(&text);
}

/* A failing article is reported with its path and skipped; the rest is built. */
static void test_skip(void **state)
{
    (void)state;
    const char *names[] = {"c.txt", "missing.txt", "b.md"};
    NgCorpusReport rep;
    TestDiag td;
    char *nt = build(names, 3, 2, &rep, &td, NULL);
    assert_int_equal(rep.total, 3);
    assert_int_equal(rep.built, 1);
    assert_int_equal(rep.skipped, 2);
    assert_non_null(strstr(td.text, "invalid UTF-8"));
    assert_non_null(strstr(td.text, "cannot open"));
    assert_non_null(strstr(nt, "article/b>"));
    assert_null(strstr(nt, "article/c>"));
    free(nt);
}

/* A stop requested before the start builds nothing and says so. */
static void test_stop(void **state)
{
    (void)state;
    NgPaths *p = NULL;
    assert_int_equal(ng_paths_new(&p), NG_SUCCESS);
    assert_int_equal(ng_paths_add(p, dir, NULL), NG_SUCCESS);
    volatile sig_atomic_t stop = 1;
    NgCorpusOptions opt = {2, NULL, 0, NULL, &stop, false, NG_PROFILE_FULL};
    NgCorpusReport rep;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(ng_corpus_build(lexicon, p, &opt, out, NULL, NULL, &rep), NG_SUCCESS);
    fclose(out);
    assert_true(rep.stopped);
    assert_int_equal(rep.built, 0);
    assert_int_equal(len, 0);
    free(buf);
    ng_paths_free(p);
    assert_int_equal(ng_corpus_build(lexicon, NULL, &opt, NULL, NULL, NULL, &rep), NG_ERR_BAD_ARG);
}

/* An output file appears only on commit; without it nothing is left behind. */
static void test_output(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/out.nt", dir);
    NgOutput *o = NULL;
    assert_int_equal(ng_output_open(path, NULL, &o), NG_SUCCESS);
    fputs("x\n", ng_output_stream(o));
    assert_int_not_equal(access(path, F_OK), 0);
    ng_output_free(o); /* abandoned: the temporary file goes */
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(ng_output_open(path, NULL, &o), NG_SUCCESS);
    fputs("y\n", ng_output_stream(o));
    assert_int_equal(ng_output_commit(o, NULL), NG_SUCCESS);
    ng_output_free(o);
    assert_int_equal(access(path, F_OK), 0);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | grep -c tmp)\" = 0", dir);
    assert_int_equal(system(cmd), 0);
    unlink(path);
    TestDiag td;
    NgDiag diag = test_diag(&td);
    snprintf(path, sizeof path, "%s/no/such/dir/out.nt", dir);
    assert_int_equal(ng_output_open(path, &diag, &o), NG_ERR_IO);
    assert_null(o);
    assert_non_null(strstr(td.text, "check that the directory exists"));
    if (access("/dev/full", W_OK) == 0) {
        assert_int_equal(ng_output_open("/dev/full", &diag, &o), NG_SUCCESS);
        for (int i = 0; i < 10000; i++)
            fputs("a line of N-Triples that fills the buffer\n", ng_output_stream(o));
        assert_int_equal(ng_output_commit(o, &diag), NG_ERR_IO);
        assert_non_null(strstr(td.text, "No space left"));
        ng_output_free(o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_null),     cmocka_unit_test(test_paths),
        cmocka_unit_test(test_merge),         cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_skip),          cmocka_unit_test(test_stop),
        cmocka_unit_test(test_output),        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_long_among_short),
    };
    return cmocka_run_group_tests_name("corpus", tests, setup, teardown);
}
