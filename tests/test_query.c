/* test_query.c — SPARQL over stores: the result formats (W3C CSV/TSV, SPARQL JSON/XML, table,
 * Turtle), ASK/CONSTRUCT/DESCRIBE, syntax errors with their line and column, empty results,
 * stats, and validation: tests/validate/valid.ttl has no violation and every broken graph there
 * triggers exactly the rule its "# expect:" line names, once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "newsgraph.h"
#include "query_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    unsigned errors;
    unsigned line, col;
    char text[8192];
} Diag;

static void diag_func(void *ud, NgDiagLevel level, const char *file, unsigned line, unsigned col,
                      const char *message)
{
    Diag *d = ud;
    if (level == NG_DIAG_ERROR && !d->errors++) {
        d->line = line;
        d->col = col;
    }
    size_t n = strlen(d->text);
    snprintf(d->text + n, sizeof d->text - n, "%s:%u:%u: %s\n", file ? file : "", line, col,
             message);
}

static NgDiag make_diag(Diag *d)
{
    memset(d, 0, sizeof *d);
    NgDiag diag = {diag_func, d};
    return diag;
}

static const char *datadir(void)
{
    const char *d = getenv("NEWSGRAPH_DATA");
    return d && *d ? d : ".";
}

/* An in-memory store holding `graph` (a file of tests/FOLDER/) and, when asked, the ontology and
 * its imports, as `newsgraph query -d` and `validate` load them. */
static NgStore *store_in(const char *folder, const char *graph, bool ontology)
{
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    char path[4096];
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    if (ontology) {
        const char *dirs[] = {"ontology", "ontology/imports"};
        for (int i = 0; i < 2; i++) {
            snprintf(path, sizeof path, "%s/%s", datadir(), dirs[i]);
            DIR *dir = opendir(path);
            assert_non_null(dir);
            struct dirent *e;
            while ((e = readdir(dir))) {
                size_t l = strlen(e->d_name);
                if (l < 5 || strcmp(e->d_name + l - 4, ".ttl"))
                    continue;
                char file[4400];
                snprintf(file, sizeof file, "%s/%s", path, e->d_name);
                assert_int_equal(ng_store_stage_file(s, file, &diag), NG_SUCCESS);
            }
            closedir(dir);
        }
    }
    snprintf(path, sizeof path, "%s/tests/%s/%s", datadir(), folder, graph);
    assert_int_equal(ng_store_stage_file(s, path, &diag), NG_SUCCESS);
    assert_int_equal(ng_store_commit(s, &diag, NULL), NG_SUCCESS);
    return s;
}

/* A store holding a file of tests/validate/, with the ontology when asked. */
static NgStore *store_with(const char *graph, bool ontology)
{
    return store_in("validate", graph, ontology);
}

static NgStore *valid_store(void)
{
    return store_with("valid.ttl", false);
}

/* Runs a query; returns its output (caller frees) and status. */
static char *run(NgStore *s, const char *q, NgResultsFormat f, NgStatus *st, Diag *d, size_t *n)
{
    NgDiag diag = make_diag(d);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    *st = ng_query_run(s, "q.rq", q, f, mem, &diag, n);
    fclose(mem);
    return buf;
}

#define PFX                                                                                        \
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"                                       \
    "PREFIX ng: <https://w3id.org/newsgraph/ns#>\n"                                                \
    "PREFIX ex: <https://example.org/news/>\n"

/* ---------------------------------------------------------------- formats */

static void test_results_format_names(void **state)
{
    (void)state;
    NgResultsFormat f;
    assert_true(ng_results_format_parse("csv", &f) && f == NG_RESULTS_CSV);
    assert_true(ng_results_format_parse("tsv", &f) && f == NG_RESULTS_TSV);
    assert_true(ng_results_format_parse("json", &f) && f == NG_RESULTS_JSON);
    assert_true(ng_results_format_parse("xml", &f) && f == NG_RESULTS_XML);
    assert_true(ng_results_format_parse("table", &f) && f == NG_RESULTS_TABLE);
    assert_true(ng_results_format_parse("turtle", &f) && f == NG_RESULTS_TURTLE);
    assert_false(ng_results_format_parse("yaml", &f));
}

static void test_tsv(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    size_t n = 0;
    char *out = run(s, "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n" PFX
                    "SELECT ?a ?name ?n WHERE { ?a a ng:Person ; rdfs:label ?name ; "
                    "ng:mentionCount ?c . BIND(xsd:integer(?c) AS ?n) } ORDER BY ?name",
                    NG_RESULTS_TSV, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, 2);
    assert_string_equal(out, "?a\t?name\t?n\n"
                             "<https://example.org/news/actor/xi>\t\"Xi Jinping\"\t1\n"
                             "<https://example.org/news/actor/zoe>\t\"Zoë Åberg\"\t1\n");
    free(out);
    /* escapes, language tags, datatypes, unbound values */
    out = run(s, "SELECT ?a ?b ?c ?d WHERE { BIND(\"tab\\there \\\"q\\\"\\nline\" AS ?a) "
                 "BIND(\"hei\"@no AS ?b) BIND(\"2025\"^^<http://www.w3.org/2001/XMLSchema#gYear> AS ?c) }",
              NG_RESULTS_TSV, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_string_equal(out, "?a\t?b\t?c\t?d\n"
                             "\"tab\\there \\\"q\\\"\\nline\"\t\"hei\"@no\t"
                             "\"2025\"^^<http://www.w3.org/2001/XMLSchema#gYear>\t\n");
    free(out);
    ng_store_free(s);
}

/* SELECT DISTINCT runs without the keyword and the writer drops repeated rows (query_rewrite.c):
 * the rows of Rasqal's own DISTINCT, in ORDER BY's order, whatever the comments, strings and
 * variables around the keyword; with OFFSET and LIMIT, which count distinct rows, too.  The
 * reference is Rasqal's: an expression in the projection leaves DISTINCT, ORDER BY and LIMIT to
 * it (query_sort.c), and only the header differs. */
static void test_distinct(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    size_t all = 0, n = 0, g = 0;
    free(run(s, "SELECT ?t WHERE { ?a a ?t }", NG_RESULTS_TSV, &st, &d, &all));
    /* Rasqal's DISTINCT (its GROUP BY without aggregates repeats groups), under the name ?t */
    char *grouped = run(s, "SELECT DISTINCT (?u AS ?t) WHERE { ?a a ?u } ORDER BY DESC(?u) "
                           "LIMIT 100000", NG_RESULTS_TSV, &st, &d, &g);
    assert_int_equal(st, NG_SUCCESS);
    assert_true(g > 1 && g < all);
    char *out = run(s, "# SELECT DISTINCT in a comment\nSELECT # and here\n distinct ?t "
                       "WHERE { ?a a ?t . OPTIONAL { ?a <urn:distinct> \"SELECT DISTINCT\" } } "
                       "ORDER BY DESC(?t)",
                    NG_RESULTS_TSV, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, g);
    assert_string_equal(out, grouped);
    free(out);
    out = run(s, "SELECT REDUCED ?t WHERE { ?a a ?t } ORDER BY DESC(?t)", NG_RESULTS_JSON, &st,
              &d, &n);
    assert_int_equal(n, g);
    free(out);
    out = run(s, "SELECT DISTINCT ?t WHERE { ?a a ?t } ORDER BY DESC(?t) LIMIT 2 OFFSET 1",
              NG_RESULTS_TSV, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, 2);
    const char *second = strchr(grouped + 3, '\n') + 1;   /* after the header and first row */
    assert_memory_equal(out + 3, second, strlen(out + 3));
    free(out);
    free(grouped);
    ng_store_free(s);
}

/* A whole file, NUL-terminated (NULL when it cannot be read). */
static char *read_whole(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int c;
    while (mem && (c = fgetc(f)) != EOF)
        fputc(c, mem);
    if (mem)
        fclose(mem);
    fclose(f);
    return buf;
}

/* ORDER BY is done by newsgraph (query_sort.c) in Rasqal's order.  Each tests/order/NAME.rq runs
 * over tests/order/graph.ttl and its rows must be NAME.tsv, the order its comment specifies:
 * numbers and dates by value, unbound before blank nodes before IRIs before literals, a missing
 * key first (DESC too), ties in the order the rows came, keys that are not returned, expressions,
 * DISTINCT with OFFSET and LIMIT, and keys Rasqal cannot compare (left to Rasqal). */
static void test_order(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/order", datadir());
    NgStore *s = store_in("order", "graph.ttl", false);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int cases = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 3, ".rq"))
            continue;
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *query = read_whole(path);
        snprintf(path, sizeof path, "%s/%.*s.tsv", dir, (int)(l - 3), e->d_name);
        char *want = read_whole(path);
        assert_non_null(query);
        assert_non_null(want);
        Diag dg;
        NgStatus st;
        size_t n = 0;
        char *out = run(s, query, NG_RESULTS_TSV, &st, &dg, &n);
        if (st || strcmp(out, want))
            fail_msg("tests/order/%s: got\n%s%swanted\n%s", e->d_name, out, dg.text, want);
        free(out);
        free(want);
        free(query);
        cases++;
    }
    closedir(d);
    assert_true(cases >= 8);
    ng_store_free(s);
}

/* On an sqlite: or hashes: store a query runs on a memory copy of the triples its patterns can
 * match (query_subgraph.c), or on the store when it cannot say which (a variable predicate): the
 * same answers as the whole graph in memory gives, in every form. */
static void check_subgraph(const char *kind)
{
    char dir[] = "/tmp/ng-test-subgraph.XXXXXX", spec[160], path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.%s", dir, kind);
    snprintf(spec, sizeof spec, "%s:%s", kind, path);
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *w = NULL;
    assert_int_equal(ng_store_open(spec, true, &diag, &w), NG_SUCCESS);
    char file[4096];
    snprintf(file, sizeof file, "%s/tests/validate/valid.ttl", datadir());
    assert_int_equal(ng_store_stage_file(w, file, &diag), NG_SUCCESS);
    assert_int_equal(ng_store_commit(w, &diag, NULL), NG_SUCCESS);
    ng_store_free(w);
    static const struct {
        const char *q;
        NgResultsFormat f;
    } cases[] = {
        {PFX "SELECT ?a ?name ?t WHERE { { ?a a ng:Person ; rdfs:label ?name } UNION "
             "{ ?a a ng:Country ; rdfs:label ?name } OPTIONAL { ?a ng:mentionCount ?t } "
             "FILTER(?name != \"none\") } ORDER BY ?a ?name ?t", NG_RESULTS_TSV},
        {PFX "SELECT DISTINCT ?t WHERE { ?a a ?t } ORDER BY ?t", NG_RESULTS_TSV},
        /* opening with a UNION (a nested one too): each branch's first pattern is a start */
        {PFX "SELECT ?a ?n WHERE { { ?a rdfs:label \"Xi Jinping\" } UNION "
             "{ { ?a a ng:Country ; rdfs:label ?n } UNION { ?a a ng:Person ; rdfs:label ?n } } } "
             "ORDER BY ?a ?n", NG_RESULTS_TSV},
        {PFX "SELECT ?p (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p", NG_RESULTS_TSV},
        {PFX "ASK { ?a a ng:Person ; rdfs:label \"Xi Jinping\" }", NG_RESULTS_TSV},
        {PFX "ASK { ?a a ng:Person ; rdfs:label \"Nobody\" }", NG_RESULTS_TSV},
        {PFX "CONSTRUCT { ?a rdfs:label ?n } WHERE { ?a a ng:Person ; rdfs:label ?n }",
         NG_RESULTS_NTRIPLES},
        /* the semi-join: from a constant, through subjects and objects, a UNION inside a group,
         * BIND and FILTER */
        {PFX "SELECT ?n ?e WHERE { ?e <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> ?a . "
             "?a rdfs:label ?n ; ng:partnerOf ?b . ?b rdfs:label \"Xi Jinping\" } ORDER BY ?n ?e",
         NG_RESULTS_TSV},
        {PFX "SELECT ?n ?k WHERE { ?a rdfs:label ?n . { ?a a ng:Person } UNION { ?a a ng:Group } "
             "BIND(STRLEN(?n) AS ?k) FILTER(?k > 8) } ORDER BY ?n", NG_RESULTS_TSV},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    char *want[N];
    size_t rows[N];
    NgStatus st;
    NgStore *mem = valid_store();   /* one Redland world at a time: Redland 1.0.17 finds no */
    for (size_t i = 0; i < N; i++) { /* sqlite storage in a second one */
        want[i] = run(mem, cases[i].q, cases[i].f, &st, &d, &rows[i]);
        assert_int_equal(st, NG_SUCCESS);
        assert_true(rows[i] > 0 || strstr(cases[i].q, "Nobody"));
    }
    ng_store_free(mem);
    NgStore *sq = NULL;
    assert_int_equal(ng_store_open(spec, false, &diag, &sq), NG_SUCCESS);
    for (size_t i = 0; i < N; i++) {
        size_t n = 0;
        char *got = run(sq, cases[i].q, cases[i].f, &st, &d, &n);
        assert_int_equal(st, NG_SUCCESS);
        assert_int_equal(n, rows[i]);
        if (cases[i].f != NG_RESULTS_NTRIPLES)   /* a graph's triples come in any order */
            assert_string_equal(got, want[i]);
        else
            assert_int_equal(strlen(got), strlen(want[i]));
        free(got);
        free(want[i]);
    }
    /* the semi-join copies the label "Xi Jinping" and the five types of its actor, not every
     * label and type (4 and 45); without a constant, from the first pattern written: the 4
     * labels, then the 18 types of what has one */
    size_t copied = 0;
    assert_int_equal(ng_query_copied(sq, PFX "SELECT ?t WHERE { ?a rdfs:label \"Xi Jinping\" ; "
                                              "a ?t }", &copied), NG_SUCCESS);
    assert_int_equal(copied, 6);
    assert_int_equal(ng_query_copied(sq, PFX "SELECT ?t WHERE { ?a rdfs:label ?n ; a ?t }",
                                     &copied), NG_SUCCESS);
    assert_int_equal(copied, 22);
    ng_store_free(sq);
    char file2[160];
    static const char *const files[] = {".lock", "", "-sp2o.db", "-po2s.db", "-so2p.db",
                                        "-p2so.db", "-contexts.db"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(file2, sizeof file2, "%s%s", path, files[i]);
        unlink(file2);
    }
    assert_int_equal(rmdir(dir), 0);
}

static void test_sqlite_subgraph(void **state)
{
    (void)state;
    check_subgraph("sqlite");
}

/* On a hashes: store the copy is read from its Berkeley DB files (store_hashes_read.c). */
static void test_hashes_subgraph(void **state)
{
    (void)state;
    check_subgraph("hashes");
}

/* The copy from a hashes: store reads every encoding of a node Redland writes: IRIs, blank
 * nodes, literals with a language or a datatype, and a literal over 64 KiB (Redland's long
 * form); a store without the predicate index (made before it) runs the query on the store. */
static void test_hashes_copy_nodes(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng-test-hcopy.XXXXXX", spec[160], path[128], file[160];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/h", dir);
    snprintf(spec, sizeof spec, "hashes:%s", path);
    snprintf(file, sizeof file, "%s/g.ttl", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("@prefix e: <http://example.org/> .\n"
          "e:a e:label \"A\"@en ; e:n \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> ;\n"
          "  e:b _:b1 ; e:text \"", f);
    for (int i = 0; i < 70000; i++)
        fputc('x', f);
    fputs("\" .\n_:b1 e:label \"B\" .\ne:c e:label \"C\" ; e:n 7 .\n", f);
    fclose(f);
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *w = NULL;
    assert_int_equal(ng_store_open(spec, true, &diag, &w), NG_SUCCESS);
    assert_int_equal(ng_store_stage_file(w, file, &diag), NG_SUCCESS);
    assert_int_equal(ng_store_commit(w, &diag, NULL), NG_SUCCESS);
    ng_store_free(w);
    const char *q = "PREFIX e: <http://example.org/> SELECT ?l ?k ?bl (STRLEN(?t) AS ?len) "
                    "WHERE { ?a e:text ?t ; e:label ?l ; e:n ?k ; e:b ?b . ?b e:label ?bl }";
    const char *want = "?l\t?k\t?bl\t?len\n\"A\"@en\t5\t\"B\"\t70000\n";
    for (int pass = 0; pass < 2; pass++) {
        NgStore *s = NULL;
        NgStatus st;
        size_t n = 0, copied = 0;
        assert_int_equal(ng_store_open(spec, false, &diag, &s), NG_SUCCESS);
        assert_int_equal(ng_query_copied(s, q, &copied), NG_SUCCESS);
        /* the five triples of e:a and its blank node; none when the index is gone */
        assert_int_equal(copied, pass ? SIZE_MAX : 5);
        char *got = run(s, q, NG_RESULTS_TSV, &st, &d, &n);
        assert_int_equal(st, NG_SUCCESS);
        assert_string_equal(got, want);
        free(got);
        ng_store_free(s);
        snprintf(file, sizeof file, "%s-p2so.db", path);
        assert_int_equal(unlink(file), pass ? -1 : 0);
    }
    static const char *const files[] = {".lock", "-sp2o.db", "-po2s.db", "-so2p.db", "/g.ttl"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(file, sizeof file, "%s%s", i < 4 ? path : dir, files[i]);
        unlink(file);
    }
    assert_int_equal(rmdir(dir), 0);
}

static void test_csv(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    char *out = run(s, "SELECT ?x ?y ?z WHERE { BIND(\"a, \\\"b\\\"\" AS ?x) BIND(\"line\\nbreak\" AS ?y) "
                       "BIND(<http://example.org/i> AS ?z) }",
                    NG_RESULTS_CSV, &st, &d, NULL);
    assert_int_equal(st, NG_SUCCESS);
    assert_string_equal(out, "x,y,z\r\n\"a, \"\"b\"\"\",\"line\nbreak\",http://example.org/i\r\n");
    free(out);
    ng_store_free(s);
}

static void test_empty_results(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    size_t n = 9;
    const char *q = PFX "SELECT ?a ?b WHERE { ?a ng:noSuchProperty ?b }";
    char *out = run(s, q, NG_RESULTS_TSV, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, 0);
    assert_string_equal(out, "?a\t?b\n");
    free(out);
    out = run(s, q, NG_RESULTS_CSV, &st, &d, &n);
    assert_string_equal(out, "a,b\r\n");
    free(out);
    out = run(s, q, NG_RESULTS_JSON, &st, &d, &n);
    assert_non_null(strstr(out, "\"vars\": [ \"a\", \"b\" ]"));
    assert_non_null(strstr(out, "\"bindings\": [ ]"));
    free(out);
    out = run(s, q, NG_RESULTS_XML, &st, &d, &n);
    assert_non_null(strstr(out, "<variable name=\"a\"/>"));
    assert_non_null(strstr(out, "<results>\n  </results>"));
    free(out);
    out = run(s, q, NG_RESULTS_TABLE, &st, &d, &n);
    assert_string_equal(out, "a  b\n-  -\n");
    free(out);
    ng_store_free(s);
}

static void test_json_and_xml(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    const char *q = PFX "SELECT ?a ?name ?none WHERE { ?a rdfs:label ?name . "
                        "FILTER(?name = \"Xi Jinping\") OPTIONAL { ?a ng:none ?none } }";
    char *out = run(s, q, NG_RESULTS_JSON, &st, &d, NULL);
    assert_int_equal(st, NG_SUCCESS);
    assert_non_null(strstr(out, "\"vars\": [ \"a\", \"name\", \"none\" ]"));
    assert_non_null(strstr(out, "\"a\": { \"type\": \"uri\", \"value\": \"https://example.org/news/actor/xi\" }"));
    assert_non_null(strstr(out, "\"name\": { \"type\": \"literal\", \"value\": \"Xi Jinping\" }"));
    assert_null(strstr(out, "unbound"));   /* unbound variables are left out, not "unbound" */
    free(out);
    out = run(s, q, NG_RESULTS_XML, &st, &d, NULL);
    assert_int_equal(st, NG_SUCCESS);
    assert_non_null(strstr(out, "<binding name=\"a\"><uri>https://example.org/news/actor/xi</uri></binding>"));
    assert_non_null(strstr(out, "<binding name=\"name\"><literal>Xi Jinping</literal></binding>"));
    assert_null(strstr(out, "unbound"));
    free(out);
    ng_store_free(s);
}

static void test_table(void **state)
{
    (void)state;
    NgStore *s = store_with("valid.ttl", true);
    Diag d;
    NgStatus st;
    char *out = run(s, PFX "SELECT ?kind ?name WHERE { ?a a ?kind ; rdfs:label ?name . "
                           "?kind rdfs:subClassOf ng:Actor } ORDER BY ?name",
                    NG_RESULTS_TABLE, &st, &d, NULL);
    assert_int_equal(st, NG_SUCCESS);
    /* prefixed names, aligned columns (widths in characters, not bytes) */
    assert_string_equal(out, "kind       name\n"
                             "---------  ----------\n"
                             "ng:Group   Analysts\n"
                             "ng:Person  Xi Jinping\n"
                             "ng:Person  Zoë Åberg\n");
    free(out);
    ng_store_free(s);
}

static void test_ask(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    size_t n = 7;
    char *out = run(s, PFX "ASK { <https://example.org/news/actor/zoe> ng:partnerOf <https://example.org/news/actor/xi> }", NG_RESULTS_TSV, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, 1);
    assert_string_equal(out, "true\n");
    free(out);
    out = run(s, PFX "ASK { <https://example.org/news/actor/xi> ng:partnerOf <https://example.org/news/actor/zoe> }", NG_RESULTS_JSON, &st, &d, &n);
    assert_int_equal(n, 0);
    assert_non_null(strstr(out, "\"boolean\": false"));
    free(out);
    out = run(s, PFX "ASK { ?x ?y ?z }", NG_RESULTS_XML, &st, &d, &n);
    assert_non_null(strstr(out, "<boolean>true</boolean>"));
    free(out);
    ng_store_free(s);
}

static void test_construct_and_describe(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    size_t n = 0;
    char *out = run(s, PFX "CONSTRUCT { ?b ng:partnerOf ?a } WHERE { ?a ng:partnerOf ?b }",
                    NG_RESULTS_TURTLE, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, 1);
    assert_non_null(strstr(out, "@prefix ng: <https://w3id.org/newsgraph/ns#>"));
    assert_non_null(strstr(out, "ng:partnerOf <https://example.org/news/actor/zoe>"));
    free(out);
    /* the default text format gives Turtle for graphs; csv does not fit */
    out = run(s, PFX "CONSTRUCT { ?b ng:partnerOf ?a } WHERE { ?a ng:partnerOf ?b }",
              NG_RESULTS_TEXT, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    free(out);
    out = run(s, PFX "CONSTRUCT { ?b ng:partnerOf ?a } WHERE { ?a ng:partnerOf ?b }",
              NG_RESULTS_CSV, &st, &d, &n);
    assert_int_equal(st, NG_ERR_BAD_ARG);
    free(out);
    out = run(s, PFX "SELECT * WHERE { ?a ng:partnerOf ?b }", NG_RESULTS_TURTLE, &st, &d, &n);
    assert_int_equal(st, NG_ERR_BAD_ARG);
    free(out);
    /* DESCRIBE an IRI: its triples (the actor has 6) */
    out = run(s, PFX "DESCRIBE <https://example.org/news/actor/xi>", NG_RESULTS_NTRIPLES, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, 7);
    free(out);
    /* DESCRIBE a variable bound by WHERE */
    out = run(s, PFX "# a comment { with a brace\nDESCRIBE ?e WHERE { ?e rdfs:label \"summit\" }",
              NG_RESULTS_NTRIPLES, &st, &d, &n);
    assert_int_equal(st, NG_SUCCESS);
    assert_int_equal(n, 8);
    assert_non_null(strstr(out, "<https://example.org/news/event/summit> "
                                "<http://semanticweb.cs.vu.nl/2009/11/sem/hasActor>"));
    free(out);
    ng_store_free(s);
}

/* ---------------------------------------------------------------- errors */

static void test_syntax_error_line_and_column(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgStatus st;
    char *out = run(s, "PREFIX ex: <http://example.org/>\n"
                       "SELECT ?x WHERE {\n"
                       "  ?x ex:p ?y .\n"
                       "  FILTER(?y = }\n",
                    NG_RESULTS_TSV, &st, &d, NULL);
    assert_int_equal(st, NG_ERR_SYNTAX);
    assert_int_equal(d.line, 4);
    assert_int_equal(d.col, 15);
    assert_non_null(strstr(d.text, "q.rq:4:15:"));
    assert_string_equal(out, "");
    free(out);
    /* a keyword where it does not belong */
    out = run(s, "SELECT ?x WHERE {\n  ?x ?y ?z }\n  ORDER ?x WHERE\n", NG_RESULTS_TSV, &st, &d, NULL);
    assert_int_equal(st, NG_ERR_SYNTAX);
    assert_int_equal(d.line, 3);
    assert_true(d.col >= 1);
    free(out);
    /* an undeclared prefix */
    out = run(s, "SELECT ?x WHERE { ?x nope:p ?y }", NG_RESULTS_TSV, &st, &d, NULL);
    assert_int_equal(st, NG_ERR_SYNTAX);
    free(out);
    ng_store_free(s);
}

/* ---------------------------------------------------------------- stats */

static void test_stats(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgDiag diag = make_diag(&d);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(ng_stats_write(s, mem, &diag), NG_SUCCESS);
    fclose(mem);
    assert_non_null(strstr(buf, "articles  1\n"));
    assert_non_null(strstr(buf, "actors    3, by kind:\n"));
    assert_non_null(strstr(buf, "  ng:Person                2\n"));
    assert_non_null(strstr(buf, "  ng:Group                 1\n"));
    assert_non_null(strstr(buf, "events    1,"));
    assert_non_null(strstr(buf, "  ng:Summit                1\n"));
    assert_non_null(strstr(buf, "claims    1, by modality:\n  ng:Hedged                1\n"));
    assert_non_null(strstr(buf, "triples   97\n"));
    free(buf);
    ng_store_free(s);
}

/* ---------------------------------------------------------------- validation */

static char *validate(const char *graph, size_t *violations, NgStatus *st)
{
    NgStore *s = store_with(graph, true);
    Diag d;
    NgDiag diag = make_diag(&d);
    char checks[4096];
    snprintf(checks, sizeof checks, "%s/queries/checks", datadir());
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    *st = ng_validate(s, checks, mem, &diag, violations);
    fclose(mem);
    ng_store_free(s);
    return buf;
}

static void test_valid_graph_validates(void **state)
{
    (void)state;
    size_t v = 99;
    NgStatus st;
    char *out = validate("valid.ttl", &v, &st);
    assert_int_equal(st, NG_SUCCESS);
    if (v)
        fprintf(stderr, "%s", out);
    assert_int_equal(v, 0);
    assert_string_equal(out, "");
    free(out);
}

/* Every broken graph triggers exactly the rule of its "# expect:" line, once. */
static void test_broken_graphs(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/validate", datadir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int graphs = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".ttl") || !strcmp(e->d_name, "valid.ttl"))
            continue;
        char path[4400], expect[128] = "";
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        char line[1024];
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "# expect: %127s", expect) == 1)
                break;
        fclose(f);
        assert_true(expect[0]);
        size_t v = 0;
        NgStatus st;
        char *out = validate(e->d_name, &v, &st);
        assert_int_equal(st, NG_SUCCESS);
        unsigned matching = 0, other = 0;
        for (char *p = strtok(out, "\n"); p; p = strtok(NULL, "\n")) {
            if (p[0] == '#')
                continue;
            size_t n = strlen(expect);
            if (!strncmp(p, expect, n) && p[n] == ':')
                matching++;
            else
                other++;
        }
        if (matching != 1 || other != 0 || v != 1)
            fail_msg("%s: expected exactly one %s violation, got %u of it and %u others",
                     e->d_name, expect, matching, other);
        free(out);
        graphs++;
    }
    closedir(d);
    assert_true(graphs >= 13);
}

static void test_checks_dir_missing(void **state)
{
    (void)state;
    NgStore *s = valid_store();
    Diag d;
    NgDiag diag = make_diag(&d);
    size_t v = 0;
    assert_int_equal(ng_validate(s, "/nonexistent/checks", stdout, &diag, &v), NG_ERR_IO);
    ng_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results_format_names),
        cmocka_unit_test(test_tsv), cmocka_unit_test(test_distinct), cmocka_unit_test(test_order),
        cmocka_unit_test(test_sqlite_subgraph),
        cmocka_unit_test(test_hashes_subgraph),
        cmocka_unit_test(test_hashes_copy_nodes),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_empty_results),
        cmocka_unit_test(test_json_and_xml),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_ask),
        cmocka_unit_test(test_construct_and_describe),
        cmocka_unit_test(test_syntax_error_line_and_column),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_valid_graph_validates),
        cmocka_unit_test(test_broken_graphs),
        cmocka_unit_test(test_checks_dir_missing),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
