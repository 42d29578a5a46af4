/* test_serialize.c — Turtle / N-Triples / RDF/XML output: re-parsable, deterministic, atomic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <dirent.h>
#include <raptor2.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define EX "http://example.org/t/"
#define XSD "http://www.w3.org/2001/XMLSchema#"

/* Everything Turtle's long-string and IRI syntax could trip over. */
static const char tricky[] =
    "a \"\"\"triple-quoted\"\"\" > . line\n@prefix x: <http://evil/> .\n"
    "back\\slash\ttab 'single' caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D end\"";

static char dir[256];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/ng-ser-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

/* Names of the files in the test directory, sorted, space-separated ("" when empty). */
static char *listing(void)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[n++] = ng_strdup(e->d_name);
    closedir(d);
    for (size_t i = 1; i < n; i++) /* insertion sort */
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *x = names[j];
            names[j] = names[j - 1];
            names[j - 1] = x;
        }
    NgBuf b = {0};
    for (size_t i = 0; i < n; i++) {
        ng_buf_appendf(&b, "%s%s", i ? " " : "", names[i]);
        free(names[i]);
    }
    return ng_buf_take(&b);
}

static int clean_dir(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    return 0;
}

static int remove_dir(void **state)
{
    clean_dir(state);
    return rmdir(dir);
}

/* A small graph; `reverse` adds the same triples in the opposite order.  One triple is added twice. */
static NgGraph *tiny_graph(bool reverse, size_t extra)
{
    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new(EX, &g), NG_SUCCESS);
    struct {
        const char *s, *p, *o, *dt, *lang;
        bool lit;
    } t[] = {
        {EX "a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://schema.org/NewsArticle", NULL, NULL, false},
        {EX "a", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString", tricky, NULL, NULL, true},
        {EX "a", "http://schema.org/headline", "Gusm\xC3\xA3o visits", NULL, "en", true},
        {EX "a#char=0,5", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex", "0", XSD "nonNegativeInteger", NULL, true},
        {EX "actor/gusm\xC3\xA3o", "http://www.w3.org/2002/07/owl#sameAs", "http://www.wikidata.org/entity/Q1", NULL, NULL, false},
        {EX "a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://schema.org/NewsArticle", NULL, NULL, false},
    };
    size_t n = sizeof t / sizeof t[0];
    for (size_t k = 0; k < n; k++) {
        size_t i = reverse ? n - 1 - k : k;
        if (t[i].lit)
            assert_int_equal(ng_graph_add_literal(g, t[i].s, t[i].p, t[i].o, t[i].dt, t[i].lang), NG_SUCCESS);
        else
            assert_int_equal(ng_graph_add_iri(g, t[i].s, t[i].p, t[i].o), NG_SUCCESS);
    }
    for (size_t i = 0; i < extra; i++) {
        char s[64];
        snprintf(s, sizeof s, EX "n%05zu", i);
        assert_int_equal(ng_graph_add_literal(g, s, "http://www.w3.org/2000/01/rdf-schema#label",
                                              "some padding text to make the output long", NULL, NULL), NG_SUCCESS);
    }
    return g;
}
#define TINY_DISTINCT 5

typedef struct {
    size_t count;
    bool tricky_seen, lang_seen, typed_seen;
} ParseResult;

static void on_stmt(void *ud, raptor_statement *st)
{
    ParseResult *r = ud;
    r->count++;
    if (st->object->type != RAPTOR_TERM_TYPE_LITERAL)
        return;
    const char *v = (const char *)st->object->value.literal.string;
    size_t len = st->object->value.literal.string_len;
    if (len == strlen(tricky) && !memcmp(v, tricky, len))
        r->tricky_seen = true;
    if (st->object->value.literal.language && !strcmp((const char *)st->object->value.literal.language, "en") &&
        !strcmp(v, "Gusm\xC3\xA3o visits"))
        r->lang_seen = true;
    if (st->object->value.literal.datatype &&
        !strcmp((const char *)raptor_uri_as_string(st->object->value.literal.datatype), XSD "nonNegativeInteger"))
        r->typed_seen = true;
}

static void on_parse_log(void *ud, raptor_log_message *m)
{
    if (m->level >= RAPTOR_LOG_LEVEL_ERROR)
        *(int *)ud += 1;
}

/* Parses `path` with raptor's strict parser for `syntax`; fails the test on any error. */
static ParseResult reparse(const char *path, const char *syntax)
{
    ParseResult r = {0};
    int errors = 0;
    raptor_world *w = raptor_new_world();
    assert_non_null(w);
    assert_int_equal(raptor_world_open(w), 0);
    raptor_world_set_log_handler(w, &errors, on_parse_log);
    raptor_parser *p = raptor_new_parser(w, syntax);
    assert_non_null(p);
    raptor_parser_set_statement_handler(p, &r, on_stmt);
    raptor_uri *base = raptor_new_uri(w, (const unsigned char *)"http://example.org/base/");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    int rc = raptor_parser_parse_file_stream(p, f, path, base);
    fclose(f);
    raptor_free_uri(base);
    raptor_free_parser(p);
    raptor_free_world(w);
    if (rc || errors)
        fail_msg("%s does not parse as %s", path, syntax);
    return r;
}

static void test_formats_reparse(void **state)
{
    (void)state;
    static const struct {
        NgFormat format;
        const char *file, *syntax;
    } cases[] = {
        {NG_FORMAT_TURTLE, "g.ttl", "turtle"},
        {NG_FORMAT_NTRIPLES, "g.nt", "ntriples"},
        {NG_FORMAT_RDFXML, "g.rdf", "rdfxml"},
    };
    NgGraph *g = tiny_graph(false, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
        TestDiag td;
        NgDiag diag = test_diag(&td);
        assert_int_equal(ng_graph_write_file(g, cases[i].format, path, &diag), NG_SUCCESS);
        assert_int_equal(td.count, 0);
        ParseResult r = reparse(path, cases[i].syntax);
        if (r.count != TINY_DISTINCT)
            fail_msg("%s: %zu triples, want %d (duplicates dropped)", cases[i].file, r.count, TINY_DISTINCT);
        assert_true(r.tricky_seen);
        assert_true(r.lang_seen);
        assert_true(r.typed_seen);
    }
    ng_graph_free(g);
    char *l = listing();
    assert_string_equal(l, "g.nt g.rdf g.ttl"); /* no temporary file left */
    free(l);
    clean_dir(NULL);
}

static void test_turtle_is_readable_and_deterministic(void **state)
{
    (void)state;
    char p1[512], p2[512];
    snprintf(p1, sizeof p1, "%s/one.ttl", dir);
    snprintf(p2, sizeof p2, "%s/two.ttl", dir);
    NgGraph *g1 = tiny_graph(false, 50), *g2 = tiny_graph(true, 50);
    assert_int_equal(ng_graph_write_file(g1, NG_FORMAT_TURTLE, p1, NULL), NG_SUCCESS);
    assert_int_equal(ng_graph_write_file(g2, NG_FORMAT_TURTLE, p2, NULL), NG_SUCCESS);
    size_t n1, n2;
    char *a = test_slurp(p1, &n1), *b = test_slurp(p2, &n2);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1); /* same triples in another order: the same bytes */
    /* and again over the existing file */
    assert_int_equal(ng_graph_write_file(g1, NG_FORMAT_TURTLE, p2, NULL), NG_SUCCESS);
    free(b);
    b = test_slurp(p2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    /* readable prefixes, never a relative one */
    assert_non_null(strstr(a, "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> ."));
    assert_non_null(strstr(a, "@prefix schema: <http://schema.org/> ."));
    assert_non_null(strstr(a, "a schema:NewsArticle"));
    assert_null(strstr(a, ": <> ."));
    assert_null(strstr(a, "@base"));
    /* the tricky literal is one long string: the declarations end before the first subject */
    const char *subject = strstr(a, "\n<" EX);
    assert_non_null(subject);
    const char *evil = strstr(a, "@prefix x: <http://evil/>");
    assert_non_null(evil);
    assert_true(evil > subject);
    free(a);
    free(b);
    ng_graph_free(g1);
    ng_graph_free(g2);
    clean_dir(NULL);
}

static void test_stream_output(void **state)
{
    (void)state;
    NgGraph *g = tiny_graph(false, 0);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, f, NULL), NG_SUCCESS);
    long n = ftell(f);
    char *buf = calloc((size_t)n + 1, 1);
    assert_non_null(buf);
    rewind(f);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    /* N-Triples: one line per distinct triple, escapes for quote, newline, backslash */
    size_t lines = 0;
    for (char *p = buf; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, TINY_DISTINCT);
    assert_non_null(strstr(buf, "\\\"\\\"\\\"triple-quoted\\\"\\\"\\\" > . line\\n@prefix x: <http://evil/> .\\n"));
    assert_non_null(strstr(buf, "back\\\\slash\\ttab"));
    assert_true(strstr(buf, "\"Gusm\xC3\xA3o visits\"@en") || strstr(buf, "\"Gusm\\u00E3o visits\"@en"));
    assert_non_null(strstr(buf, "^^<" XSD "nonNegativeInteger>"));
    free(buf);
    ng_graph_free(g);
}

static void test_missing_directory(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/missing/out.ttl", dir);
    NgGraph *g = tiny_graph(false, 0);
    TestDiag td;
    NgDiag diag = test_diag(&td);
    assert_int_equal(ng_graph_write_file(g, NG_FORMAT_TURTLE, path, &diag), NG_ERR_IO);
    assert_int_equal(td.errors, 1);
    assert_string_equal(td.file, path);
    assert_non_null(strstr(td.text, "No such file or directory"));
    char *l = listing();
    assert_string_equal(l, "");
    free(l);
    /* a directory as the target is refused, and left alone */
    diag = test_diag(&td);
    assert_int_equal(ng_graph_write_file(g, NG_FORMAT_TURTLE, dir, &diag), NG_ERR_IO);
    assert_non_null(strstr(td.text, "directory"));
    ng_graph_free(g);
}

/* A write that fails half-way (the file size limit, as a full disk would) leaves the existing file
 * as it was and no temporary file behind. */
static void test_failed_write_keeps_existing_file(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/out.ttl", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("SENTINEL\n", f);
    assert_int_equal(fclose(f), 0);
    NgGraph *g = tiny_graph(false, 2000); /* ~200 KB of Turtle */
    struct rlimit old, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 4096;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgStatus st = ng_graph_write_file(g, NG_FORMAT_TURTLE, path, &diag);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    assert_int_equal(st, NG_ERR_IO);
    assert_true(td.errors >= 1);
    assert_non_null(strstr(td.text, "File too large"));
    size_t n;
    char *content = test_slurp(path, &n);
    assert_non_null(content);
    assert_string_equal(content, "SENTINEL\n");
    free(content);
    char *l = listing();
    assert_string_equal(l, "out.ttl");
    free(l);
    /* the same write without the limit replaces the file */
    assert_int_equal(ng_graph_write_file(g, NG_FORMAT_TURTLE, path, NULL), NG_SUCCESS);
    content = test_slurp(path, &n);
    assert_true(n > 100000);
    assert_memory_equal(content, "@prefix", 7);
    free(content);
    ng_graph_free(g);
    clean_dir(NULL);
}

static void test_dev_full(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        fail_msg("/dev/full is not writable here: this test needs the kernel's full device");
    NgGraph *g = tiny_graph(false, 0);
    TestDiag td;
    NgDiag diag = test_diag(&td);
    assert_int_equal(ng_graph_write_file(g, NG_FORMAT_TURTLE, "/dev/full", &diag), NG_ERR_IO);
    assert_true(td.errors >= 1);
    assert_non_null(strstr(td.text, "No space left on device"));
    /* through a stream as well */
    FILE *f = fopen("/dev/full", "w");
    assert_non_null(f);
    diag = test_diag(&td);
    assert_int_equal(ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, f, &diag), NG_ERR_IO);
    assert_true(td.errors >= 1);
    fclose(f);
    /* /dev/full is still a device, not replaced by a regular file */
    struct stat sb;
    assert_int_equal(stat("/dev/full", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
    ng_graph_free(g);
}

/* A symbolic link (such as /dev/stdout -> /proc/self/fd/1) is written through, never replaced. */
static void test_symlink_written_through(void **state)
{
    (void)state;
    char target[512], link[512];
    snprintf(target, sizeof target, "%s/target.ttl", dir);
    snprintf(link, sizeof link, "%s/link.ttl", dir);
    FILE *f = fopen(target, "w");
    assert_non_null(f);
    fputs("OLD\n", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(symlink("target.ttl", link), 0);
    NgGraph *g = tiny_graph(false, 0);
    assert_int_equal(ng_graph_write_file(g, NG_FORMAT_TURTLE, link, NULL), NG_SUCCESS);
    struct stat sb;
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    size_t n;
    char *content = test_slurp(target, &n);
    assert_non_null(content);
    assert_memory_equal(content, "@prefix", 7);
    free(content);
    char *l = listing();
    assert_string_equal(l, "link.ttl target.ttl");
    free(l);
    /* a dangling link: the file it names is created, the link stays */
    char dangling[512], created[512];
    snprintf(dangling, sizeof dangling, "%s/dangling.ttl", dir);
    snprintf(created, sizeof created, "%s/created.ttl", dir);
    assert_int_equal(symlink("created.ttl", dangling), 0);
    assert_int_equal(ng_graph_write_file(g, NG_FORMAT_NTRIPLES, dangling, NULL), NG_SUCCESS);
    assert_int_equal(lstat(dangling, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_int_equal(stat(created, &sb), 0);
    assert_true(sb.st_size > 0);
    ng_graph_free(g);
}

static void test_format_parse(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        bool ok;
        NgFormat f;
    } cases[] = {
        {"turtle", true, NG_FORMAT_TURTLE}, {"ttl", true, NG_FORMAT_TURTLE},
        {"ntriples", true, NG_FORMAT_NTRIPLES}, {"nt", true, NG_FORMAT_NTRIPLES},
        {"rdfxml", true, NG_FORMAT_RDFXML}, {"xml", true, NG_FORMAT_RDFXML},
        {"nquads", true, NG_FORMAT_NQUADS}, {"nq", true, NG_FORMAT_NQUADS},
        {"trig", true, NG_FORMAT_TRIG},
        {"Turtle", false, 0}, {"json", false, 0}, {"", false, 0}, {NULL, false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        NgFormat f = (NgFormat)99;
        assert_int_equal(ng_format_parse(cases[i].name, &f), cases[i].ok);
        if (cases[i].ok)
            assert_int_equal(f, cases[i].f);
    }
}

/* N-Quads and TriG keep each triple's named graph; the triple formats write their union, each
 * triple once. */
static void test_named_graphs(void **state)
{
    (void)state;
    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new(NULL, &g), NG_SUCCESS);
    NgTriple t = {"http://e/s", "http://e/p", "http://e/o", NULL, NULL, false, 0, 0, 0, 0};
    NgTriple l = {"http://e/s", "http://e/label", "line one\nline \"two\"", NULL, "en", true, 0, 0, 0, 0};
    assert_int_equal(ng_graph_add_triple(g, &t, "http://e/g1"), NG_SUCCESS);
    assert_int_equal(ng_graph_add_triple(g, &l, "http://e/g1"), NG_SUCCESS);
    assert_int_equal(ng_graph_add_triple(g, &t, "http://e/g2"), NG_SUCCESS);
    assert_int_equal(ng_graph_add_triple(g, &t, "http://e/g2"), NG_SUCCESS);   /* a duplicate */
    assert_int_equal(ng_graph_add_iri(g, "http://e/d", "http://e/p", "http://e/o"), NG_SUCCESS);
    static const struct {
        NgFormat format;
        const char *has[3];
        size_t lines;   /* non-empty lines, -1 to skip */
    } cases[] = {
        {NG_FORMAT_NQUADS, {"<http://e/s> <http://e/p> <http://e/o> <http://e/g1> .",
                            "<http://e/s> <http://e/p> <http://e/o> <http://e/g2> .",
                            "<http://e/d> <http://e/p> <http://e/o> ."}, 4},
        {NG_FORMAT_TRIG, {"<http://e/g1> {", "<http://e/g2> {", "<http://e/d>"}, (size_t)-1},
        {NG_FORMAT_NTRIPLES, {"<http://e/s> <http://e/p> <http://e/o> .",
                              "<http://e/d> <http://e/p> <http://e/o> .", "\"@en ."}, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        assert_int_equal(ng_graph_write_stream(g, cases[i].format, f, NULL), NG_SUCCESS);
        fclose(f);
        for (size_t k = 0; k < 3; k++)
            if (!strstr(text, cases[i].has[k]))
                fail_msg("format %d lacks %s:\n%s", cases[i].format, cases[i].has[k], text);
        size_t lines = 0;   /* the non-empty ones */
        for (size_t k = 0; k < len; k++)
            lines += text[k] == '\n' && k > 0 && text[k - 1] != '\n';
        if (cases[i].lines != (size_t)-1 && lines != cases[i].lines)
            fail_msg("format %d: %zu lines, want %zu:\n%s", cases[i].format, lines, cases[i].lines, text);
        /* TriG declares its prefixes once, outside the graphs */
        if (cases[i].format == NG_FORMAT_TRIG) {
            const char *first = strstr(text, "@prefix rdf:");
            assert_non_null(first);
            assert_null(strstr(first + 1, "@prefix rdf:"));
            assert_true(first < strstr(text, "{"));
        }
        free(text);
    }
    ng_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_formats_reparse, clean_dir, clean_dir),
        cmocka_unit_test_setup_teardown(test_turtle_is_readable_and_deterministic, clean_dir, clean_dir),
        cmocka_unit_test_setup_teardown(test_stream_output, clean_dir, clean_dir),
        cmocka_unit_test_setup_teardown(test_missing_directory, clean_dir, clean_dir),
        cmocka_unit_test_setup_teardown(test_failed_write_keeps_existing_file, clean_dir, clean_dir),
        cmocka_unit_test_setup_teardown(test_dev_full, clean_dir, clean_dir),
        cmocka_unit_test_setup_teardown(test_symlink_written_through, clean_dir, clean_dir),
        cmocka_unit_test_setup_teardown(test_format_parse, clean_dir, clean_dir),
        cmocka_unit_test(test_named_graphs),
    };
    return cmocka_run_group_tests_name("serialize", tests, make_dir, remove_dir);
}
