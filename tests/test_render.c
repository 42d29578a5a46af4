/* test_render.c — pictures read back from a graph: the DOT of the network and timeline views
 * (nodes, shapes, modality styles, legend, escaping), --max-nodes, and Graphviz output written
 * atomically and deterministically. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "app_picture.h"
#include "pictures_fixture.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

static NgStore *tiny_store(void)
{
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgStore *s = NULL;
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    assert_int_equal(ng_store_stage_buffer(s, "tiny.ttl", tiny_ttl, strlen(tiny_ttl),
                                           NG_FORMAT_TURTLE, &diag),
                     NG_SUCCESS);
    assert_int_equal(ng_store_commit(s, &diag, NULL), NG_SUCCESS);
    assert_int_equal(td.errors, 0);
    return s;
}

static char *dot_of(NgStore *s, NgView view, size_t max, size_t *omitted)
{
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgRenderOptions o = {view, max};
    char *dot = NULL;
    assert_int_equal(ng_render_dot(s, &o, &diag, &dot, omitted), NG_SUCCESS);
    assert_non_null(dot);
    return dot;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Lines that declare a graph node of ours (a…, e…, c…, d… ids), legend excluded. */
static size_t node_lines(const char *dot)
{
    size_t n = 0;
    for (const char *p = dot; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (p[0] == ' ' && p[1] == ' ' && strchr("aecd", p[2]) && p[3] >= '0' && p[3] <= '9') {
            const char *sp = strchr(p + 2, ' ');
            if (sp && sp[1] == '[')
                n++;
        }
    }
    return n;
}

static void test_graph_read_back(void **state)
{
    (void)state;
    NgStore *s = tiny_store();
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgPicGraph g;
    assert_int_equal(ng_pic_load(s, &diag, &g), NG_SUCCESS);
    assert_int_equal(g.actor_count, 6);
    assert_int_equal(g.event_count, 2);
    assert_int_equal(g.claim_count, 3);
    assert_int_equal(g.relation_count, 1);
    assert_int_equal(g.article_count, 1);
    assert_int_equal(g.span_count, 9);
    const NgPicActor *cafe = ng_pic_actor(&g, "http://example.org/t/cafe");
    assert_non_null(cafe);
    assert_int_equal(cafe->kind, NG_PK_ORGANIZATION);
    assert_int_equal(ng_pic_actor(&g, "http://example.org/t/paris")->kind, NG_PK_PLACE);
    assert_int_equal(ng_pic_actor(&g, "http://example.org/t/crowd")->kind, NG_PK_GROUP);
    const NgPicEvent *meet = ng_pic_event(&g, "http://example.org/t/meet");
    assert_string_equal(meet->time, "2024");
    assert_string_equal(meet->place, "http://example.org/t/paris");
    assert_int_equal(meet->actor_count, 2);
    assert_int_equal(meet->first, 62);
    assert_string_equal(ng_pic_claim(&g, "http://example.org/t/c1")->modality, "Hedged");
    assert_int_equal(ng_pic_claim(&g, "http://example.org/t/c2")->about_count, 3);
    assert_null(ng_pic_actor(&g, "http://example.org/t/nobody"));
    ng_pic_free(&g);
    ng_pic_free(NULL);
    ng_store_free(s);
}

static void test_network_dot(void **state)
{
    (void)state;
    NgStore *s = tiny_store();
    size_t omitted = 99;
    char *dot = dot_of(s, NG_VIEW_NETWORK, 0, &omitted);
    assert_int_equal(omitted, 0);
    /* every actor, event, claim and the authoring article, each once */
    assert_int_equal(node_lines(dot), 6 + 2 + 3 + 1);
    assert_non_null(strstr(dot, "label=\"Bob\", shape=ellipse"));
    assert_non_null(strstr(dot, "label=\"France\", shape=box"));
    assert_non_null(strstr(dot, "label=\"Paris\", shape=house"));
    assert_non_null(strstr(dot, "label=\"Crowd\", shape=octagon"));
    assert_non_null(strstr(dot, "shape=hexagon"));
    /* quotes and backslashes of labels are escaped for DOT */
    assert_non_null(strstr(dot, "label=\"Caf\xC3\xA9 \\\"Q\\\" \\\\ Ltd\""));
    /* events carry their time; claims their modality as a line style */
    assert_non_null(strstr(dot, "label=\"meeting\\n(2024)\""));
    assert_non_null(strstr(dot, "style=\"filled,dashed\", fillcolor=\"#fff7bc\", color=\"#8c6d1f\", "
                                "tooltip=\"http://example.org/t/c1\""));
    assert_non_null(strstr(dot, "style=\"filled,dotted\", fillcolor=\"#fff7bc\", color=\"#8c6d1f\", "
                                "tooltip=\"http://example.org/t/c2\""));
    assert_non_null(strstr(dot, "style=\"filled,bold\", fillcolor=\"#fff7bc\", color=\"#8c6d1f\", "
                                "tooltip=\"http://example.org/t/c3\""));
    /* the relation, the place and the legend */
    assert_non_null(strstr(dot, "label=\"partnerOf\""));
    assert_non_null(strstr(dot, "label=\"in\""));
    assert_non_null(strstr(dot, "subgraph cluster_legend"));
    assert_int_equal(count(dot, "legend_m"), 4 + 4 /* the invisible chain */);
    /* deterministic */
    char *again = dot_of(s, NG_VIEW_NETWORK, 0, NULL);
    assert_string_equal(dot, again);
    free(again);
    free(dot);
    ng_store_free(s);
}

static void test_max_nodes(void **state)
{
    (void)state;
    NgStore *s = tiny_store();
    size_t omitted = 0;
    char *dot = dot_of(s, NG_VIEW_NETWORK, 3, &omitted);
    assert_int_equal(omitted, 12 - 3);
    assert_int_equal(node_lines(dot), 3);
    /* the most connected: the meeting and the claim about it (4 edges each), then Ann (3, tied
     * with Bob; actors before events before claims, then IRI order) */
    assert_non_null(strstr(dot, "label=\"meeting"));
    assert_non_null(strstr(dot, "label=\"Bob met Ann in Paris.\""));
    assert_non_null(strstr(dot, "label=\"Ann\""));
    assert_null(strstr(dot, "label=\"Bob\""));
    assert_null(strstr(dot, "label=\"France\""));
    /* no edge to a node left out */
    assert_null(strstr(dot, "-> c"));
    free(dot);
    dot = dot_of(s, NG_VIEW_NETWORK, 100, &omitted);
    assert_int_equal(omitted, 0);
    assert_int_equal(node_lines(dot), 12);
    free(dot);
    dot = dot_of(s, NG_VIEW_TIMELINE, 1, &omitted);
    assert_int_equal(omitted, 1);
    assert_non_null(strstr(dot, "label=\"meeting"));
    assert_null(strstr(dot, "label=\"talks"));
    free(dot);
    ng_store_free(s);
}

static void test_timeline_dot(void **state)
{
    (void)state;
    NgStore *s = tiny_store();
    char *dot = dot_of(s, NG_VIEW_TIMELINE, 0, NULL);
    /* the dated event first, the undated one after, on one axis */
    const char *dated = strstr(dot, "label=\"meeting\\n(2024)\"");
    const char *undated = strstr(dot, "label=\"talks\"");
    assert_non_null(dated);
    assert_non_null(undated);
    assert_true(dated < undated);
    assert_non_null(strstr(dot, "t0 [shape=plaintext, fontsize=15, fontcolor=\"#333333\", label=\"2024\"]"));
    assert_non_null(strstr(dot, "label=\"no date\""));
    assert_non_null(strstr(dot, "t0 -> t1"));
    /* participants beside their event, same rank, the place too */
    assert_non_null(strstr(dot, "{ rank=same; t0; e0; p0_0; p0_1; p0_2; }"));
    assert_non_null(strstr(dot, "label=\"in Paris\""));
    free(dot);
    ng_store_free(s);
}

static char dir[256];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/ng-render-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, ".."))) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    return rmdir(dir);
}

static size_t file_count(void)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    NgBuf b = {0};
    char chunk[4096];
    size_t n;
    assert_int_equal(ng_buf_append(&b, "", 0), NG_SUCCESS);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(ng_buf_append(&b, chunk, n), NG_SUCCESS);
    fclose(f);
    *len = b.len;
    return ng_buf_take(&b);
}

static void test_render_files(void **state)
{
    (void)state;
    NgStore *s = tiny_store();
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgRenderOptions o = {NG_VIEW_NETWORK, 0};
    char svg[512], png[512], dotp[512];
    snprintf(svg, sizeof svg, "%s/n.svg", dir);
    snprintf(png, sizeof png, "%s/n.png", dir);
    snprintf(dotp, sizeof dotp, "%s/n.dot", dir);
    assert_int_equal(ng_render_file(s, &o, NG_PICTURE_SVG, svg, &diag, NULL), NG_SUCCESS);
    size_t len1, len2;
    char *a = slurp(svg, &len1);
    assert_non_null(strstr(a, "<svg"));
    assert_non_null(strstr(a, "partnerOf"));
    /* Graphviz escapes the markup of labels in SVG */
    assert_null(strstr(a, "<script>"));
    assert_non_null(strstr(a, "&lt;script&gt;"));
    assert_int_equal(ng_render_file(s, &o, NG_PICTURE_SVG, svg, &diag, NULL), NG_SUCCESS);
    char *b = slurp(svg, &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(a, b, len1);
    free(a);
    free(b);
    assert_int_equal(ng_render_file(s, &o, NG_PICTURE_PNG, png, &diag, NULL), NG_SUCCESS);
    a = slurp(png, &len1);
    assert_true(len1 > 8 && !memcmp(a, "\x89PNG", 4));
    free(a);
    o.view = NG_VIEW_TIMELINE;
    assert_int_equal(ng_render_file(s, &o, NG_PICTURE_DOT, dotp, &diag, NULL), NG_SUCCESS);
    a = slurp(dotp, &len1);
    assert_true(!strncmp(a, "digraph timeline {", 18));
    free(a);
    assert_int_equal(td.errors, 0);
    assert_int_equal(file_count(), 3); /* no temporary file left behind */
    /* a missing directory: an error naming the file, nothing written */
    char bad[600];
    snprintf(bad, sizeof bad, "%s/missing/n.svg", dir);
    assert_int_equal(ng_render_file(s, &o, NG_PICTURE_SVG, bad, &diag, NULL), NG_ERR_IO);
    assert_int_equal(td.errors, 1);
    assert_string_equal(td.file, bad);
    assert_int_equal(file_count(), 3);
    ng_store_free(s);
}

/* Stages the tiny graph, and `padding` more triples about nothing drawn, into a new store `s`. */
static void fill(NgStore *s, size_t padding)
{
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgBuf b = {0};
    assert_int_equal(ng_buf_append(&b, tiny_ttl, strlen(tiny_ttl)), NG_SUCCESS);
    for (size_t i = 0; i < padding; i++)
        assert_int_equal(ng_buf_appendf(&b, "<http://example.org/t/pad%zu> "
                                            "<http://example.org/t/p> \"%zu\" .\n", i, i),
                         NG_SUCCESS);
    assert_int_equal(ng_store_stage_buffer(s, "tiny.ttl", b.data, b.len, NG_FORMAT_TURTLE, &diag),
                     NG_SUCCESS);
    assert_int_equal(ng_store_commit(s, &diag, NULL), NG_SUCCESS);
    assert_int_equal(td.errors, 0);
    ng_buf_free(&b);
}

/* The DOT of the nodes ng_pic_load_view chooses and reads is that of the whole graph
 * (ng_pic_load) cut by ng_pic_dot, for every --max-nodes and both views, and so is the count of
 * nodes left out. */
static void assert_view_as_whole(NgStore *s)
{
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgPicGraph whole;
    assert_int_equal(ng_pic_load(s, &diag, &whole), NG_SUCCESS);
    for (int view = 0; view < 2; view++)
        for (size_t max = 0; max <= 13; max++) {
            NgRenderOptions o = {view ? NG_VIEW_TIMELINE : NG_VIEW_NETWORK, max};
            NgBuf a = {0}, b = {0};
            size_t left_whole = 0, left_view = 0, none = 1;
            assert_int_equal(ng_pic_dot(&whole, &o, &a, &left_whole), NG_SUCCESS);
            NgPicGraph part;
            assert_int_equal(ng_pic_load_view(s, &o, &diag, &part, &left_view), NG_SUCCESS);
            assert_int_equal(ng_pic_dot(&part, &o, &b, &none), NG_SUCCESS);
            assert_int_equal(none, 0);
            assert_int_equal(left_view, left_whole);
            assert_string_equal(b.data, a.data);
            ng_pic_free(&part);
            ng_buf_free(&a);
            ng_buf_free(&b);
        }
    ng_pic_free(&whole);
    assert_int_equal(td.errors, 0);
}

/* Each way a skeleton is read: one pass over an in-memory (hashes) store for the network, a
 * look-up a node there for the timeline, and from sqlite a query a predicate and a look-up a
 * subject; a store with more triples than the picture's (the padding) changes nothing. */
static void test_view_as_whole(void **state)
{
    (void)state;
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgStore *s = NULL;
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    fill(s, 0);
    assert_view_as_whole(s);
    ng_store_free(s);
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    fill(s, 400);
    assert_view_as_whole(s);
    ng_store_free(s);
    char spec[600];
    snprintf(spec, sizeof spec, "sqlite:%s/v.sqlite", dir);
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_SUCCESS);
    fill(s, 0);
    assert_view_as_whole(s);
    ng_store_free(s);
    assert_int_equal(td.errors, 0);
}

/* A claim's modality (read with direct look-ups, not SPARQL): the smallest local name among the
 * IRI objects of predicates whose IRI contains "modality" in any case; literals, other subjects
 * and other predicates do not count; "" when none.  In memory (one pass) and sqlite (a look-up a
 * claim) alike. */
static const char modal_ttl[] =
    "@prefix ex: <http://example.org/m/> .\n"
    "@prefix schema: <http://schema.org/> .\n"
    "ex:a a schema:Claim ; ex:modality ex:Reported ; ex:hasMODALITY ex:Asserted ;\n"
    "  ex:modalityNote \"Aardvark\" ; ex:kind ex:Aaa .\n"
    "ex:b a schema:Claim ; ex:kind ex:Hedged .\n"
    "ex:c a schema:Claim ; ex:modality <http://example.org/m/v#Predicted> .\n"
    "ex:x ex:modality ex:Aaa .\n";

static void assert_modalities(NgStore *s)
{
    TestDiag td;
    NgDiag diag = test_diag(&td);
    assert_int_equal(ng_store_stage_buffer(s, "m.ttl", modal_ttl, strlen(modal_ttl),
                                           NG_FORMAT_TURTLE, &diag),
                     NG_SUCCESS);
    assert_int_equal(ng_store_commit(s, &diag, NULL), NG_SUCCESS);
    NgPicGraph g;
    assert_int_equal(ng_pic_load(s, &diag, &g), NG_SUCCESS);
    assert_int_equal(g.claim_count, 3);
    assert_string_equal(ng_pic_claim(&g, "http://example.org/m/a")->modality, "Asserted");
    assert_string_equal(ng_pic_claim(&g, "http://example.org/m/b")->modality, "");
    assert_string_equal(ng_pic_claim(&g, "http://example.org/m/c")->modality, "Predicted");
    ng_pic_free(&g);
    assert_int_equal(td.errors, 0);
}

static void test_modalities(void **state)
{
    (void)state;
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgStore *s = NULL;
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    assert_modalities(s);
    ng_store_free(s);
    char spec[600];
    snprintf(spec, sizeof spec, "sqlite:%s/m.sqlite", dir);
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_SUCCESS);
    assert_modalities(s);
    ng_store_free(s);
}

static void test_empty_graph(void **state)
{
    (void)state;
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgStore *s = NULL;
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    size_t omitted = 5;
    char *dot = dot_of(s, NG_VIEW_NETWORK, 10, &omitted);
    assert_int_equal(omitted, 0);
    assert_int_equal(node_lines(dot), 0);
    char *svg = NULL;
    size_t len = 0;
    assert_int_equal(ng_pic_layout(dot, "svg", &diag, &svg, &len), NG_SUCCESS);
    assert_non_null(strstr(svg, "Legend"));
    free(svg);
    free(dot);
    ng_store_free(s);
}

static void test_parsers(void **state)
{
    (void)state;
    NgView v = NG_VIEW_NETWORK;
    assert_true(ng_view_parse("timeline", &v));
    assert_int_equal(v, NG_VIEW_TIMELINE);
    assert_true(ng_view_parse("network", &v));
    assert_int_equal(v, NG_VIEW_NETWORK);
    assert_false(ng_view_parse("Network", &v));
    NgPictureFormat f;
    assert_true(ng_picture_format_of("a/b.svg", &f));
    assert_int_equal(f, NG_PICTURE_SVG);
    assert_true(ng_picture_format_of("b.PNG", &f));
    assert_int_equal(f, NG_PICTURE_PNG);
    assert_true(ng_picture_format_of("b.gv", &f));
    assert_int_equal(f, NG_PICTURE_DOT);
    assert_false(ng_picture_format_of("b.pdf", &f));
    assert_false(ng_picture_format_of("dir.svg/b", &f));
    assert_false(ng_picture_format_of("svg", &f));
    assert_string_equal(ng_pic_local("http://x/y#z"), "z");
    assert_string_equal(ng_pic_local("http://x/y/"), "http://x/y/");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graph_read_back),
        cmocka_unit_test(test_network_dot),
        cmocka_unit_test(test_max_nodes),
        cmocka_unit_test(test_timeline_dot),
        cmocka_unit_test_setup_teardown(test_render_files, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_view_as_whole, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_modalities, make_dir, remove_dir),
        cmocka_unit_test(test_empty_graph),
        cmocka_unit_test(test_parsers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
