/* test_graph.c — IRI slugs, graph creation, and the text part of docs/contract.md: every span's
 * nif:anchorOf is exactly the code points [beginIndex, endIndex) of its context's nif:isString. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define SCHEMA "http://schema.org/"

static void check_slug_shape(const char *in, const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || s[0] == '-' || s[n - 1] == '-' || strstr(s, "--"))
        fail_msg("slug of \"%s\" is \"%s\": empty, or a leading, trailing or double '-'", in, s);
    for (const char *p = s; *p; p++)
        if (strchr(" <>\"{}|^`\\/#?%:.'", *p) || (unsigned char)*p < 0x20)
            fail_msg("slug of \"%s\" is \"%s\": holds '%c'", in, s, *p);
}

static void test_slug_table(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"North Korea", "north-korea"},
        {"Kim Jong-un", "kim-jong-un"},
        {"Gusm\xC3\xA3o", "gusm\xC3\xA3o"},
        {"S\xC3\xA3o Tom\xC3\xA9 and Pr\xC3\xADncipe", "s\xC3\xA3o-tom\xC3\xA9-and-pr\xC3\xADncipe"},
        {"\xC3\x89TAT", "\xC3\xA9tat"},
        {"\xE6\x9D\xB1\xE4\xBA\xAC 2025", "\xE6\x9D\xB1\xE4\xBA\xAC-2025"},
        {"  --Leading and trailing--  ", "leading-and-trailing"},
        {"a<b>c\"d{e}f|g^h`i\\j", "a-b-c-d-e-f-g-h-i-j"},
        {"<>\"{}|^`\\", "x"},
        {"U.S.-China trade", "u-s-china-trade"},
        {"O'Brien & Sons", "o-brien-sons"},
        {"a\xFF" "b", "a-b"},               /* invalid UTF-8 is a separator */
        {"a\xF0\x9F\x98\x80" "b", "a-b"},   /* an emoji is no letter */
        {"Tab\there\nnewline", "tab-here-newline"},
        {"100%", "100"},
        {"", "x"},
        {"!!!", "x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[128];
        memset(out, '#', sizeof out);
        assert_int_equal(ng_slug(cases[i].in, out, sizeof out), NG_SUCCESS);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("slug(\"%s\") = \"%s\", want \"%s\"", cases[i].in, out, cases[i].want);
        check_slug_shape(cases[i].in, out);
    }
}

static void test_slug_capacity(void **state)
{
    (void)state;
    char out[8];
    /* exactly fits: 3 bytes and the NUL */
    assert_int_equal(ng_slug("abc", out, 4), NG_SUCCESS);
    assert_string_equal(out, "abc");
    /* too small: an error, and still a NUL-terminated prefix within the buffer */
    memset(out, '#', sizeof out);
    assert_int_equal(ng_slug("abcdef", out, 4), NG_ERR_BAD_ARG);
    assert_non_null(memchr(out, '\0', 4));
    memset(out, '#', sizeof out);
    assert_int_equal(ng_slug("gusm\xC3\xA3o", out, 6), NG_ERR_BAD_ARG); /* no half character */
    assert_non_null(memchr(out, '\0', 6));
    assert_int_equal(ng_utf8_length(out, strlen(out)), strlen(out) - (strstr(out, "\xC3") ? 1 : 0));
    /* degenerate arguments */
    assert_int_equal(ng_slug("abc", out, 1), NG_ERR_BAD_ARG);
    assert_int_equal(ng_slug("abc", out, 0), NG_ERR_BAD_ARG);
    assert_int_equal(ng_slug(NULL, out, sizeof out), NG_ERR_BAD_ARG);
    assert_int_equal(ng_slug("abc", NULL, 8), NG_ERR_BAD_ARG);
    /* "x" needs 2 bytes */
    assert_int_equal(ng_slug("", out, 2), NG_SUCCESS);
    assert_string_equal(out, "x");
}

static void test_graph_new_base(void **state)
{
    (void)state;
    static const struct {
        const char *base;
        NgStatus want;
    } cases[] = {
        {"http://example.org/g/", NG_SUCCESS},
        {"http://example.org/g#", NG_SUCCESS},
        {"urn:x:y/", NG_SUCCESS},
        {"http://example.org/g", NG_ERR_BAD_ARG},
        {"http://example.org/g/x.ttl", NG_ERR_BAD_ARG},
        {"", NG_ERR_BAD_ARG},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        NgGraph *g = (NgGraph *)&cases[i];
        NgStatus st = ng_graph_new(cases[i].base, &g);
        if (st != cases[i].want)
            fail_msg("base \"%s\": %s, want %s", cases[i].base, ng_strerror(st), ng_strerror(cases[i].want));
        if (st)
            assert_null(g);
        else
            assert_int_equal(ng_graph_triple_count(g), 0);
        ng_graph_free(g);
    }
}

static void test_adders(void **state)
{
    (void)state;
    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new(NULL, &g), NG_SUCCESS);
    assert_int_equal(ng_graph_add_iri(g, "http://e/s", "http://e/p", "http://e/o"), NG_SUCCESS);
    assert_int_equal(ng_graph_add_literal(g, "http://e/s", "http://e/p", "v", NULL, "en"), NG_SUCCESS);
    assert_int_equal(ng_graph_add_literal(g, "http://e/s", "http://e/p", "1", "http://www.w3.org/2001/XMLSchema#integer", NULL), NG_SUCCESS);
    assert_int_equal(ng_graph_add_iri(g, NULL, "http://e/p", "http://e/o"), NG_ERR_BAD_ARG);
    assert_int_equal(ng_graph_add_literal(g, "http://e/s", NULL, "v", NULL, NULL), NG_ERR_BAD_ARG);
    assert_int_equal(ng_graph_triple_count(g), 3);
    const NgTriple *t = ng_graph_triples(g);
    assert_false(t[0].o_is_literal);
    assert_true(t[1].o_is_literal);
    assert_string_equal(t[1].lang, "en");
    assert_null(t[1].datatype);
    assert_string_equal(t[2].datatype, "http://www.w3.org/2001/XMLSchema#integer");
    ng_graph_free(g);
}

/* The value of the first triple (s, p, *), or NULL. */
static const NgTriple *find(const NgGraph *g, const char *s, const char *p)
{
    const NgTriple *t = ng_graph_triples(g);
    for (size_t i = 0; i < ng_graph_triple_count(g); i++)
        if (!strcmp(t[i].s, s) && !strcmp(t[i].p, p))
            return &t[i];
    return NULL;
}

/* Byte offset of code point `cp` in valid UTF-8 `s`. */
static size_t byte_of_cp(const char *s, size_t cp)
{
    size_t i = 0;
    for (size_t n = 0; s[i] && n < cp; n++) {
        i++;
        while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

static void test_text_contract(void **state)
{
    (void)state;
    static const char text[] =
        "\xEF\xBB\xBF" "Caf\xC3\xA9 Diplomacy in S\xC3\xA3o Paulo\r\n"
        "\r\n"
        "The caf\xC3\xA9 \xE2\x80\x9C" "Gusm\xC3\xA3o\xE2\x80\x9D hosted Japan\xE2\x80\x99s envoy on Monday. "
        "China\xE2\x80\x99s envoy \xF0\x9F\x98\x80 came later.\r\n"
        "\r\n"
        "Chapter 1: The Talks\r\n"
        "\r\n"
        "Japan and China met. Both sides said little.\r\n"
        "Related articles\r\n"
        "- Another story\r\n";
    NgLexicon *lx = test_full_lexicon();
    TestRun r;
    test_run(&r, "dir/caf\xC3\xA9-talks.txt", text, lx, true);
    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new("http://example.org/g/", &g), NG_SUCCESS);
    assert_int_equal(ng_graph_add_extraction(g, r.x), NG_SUCCESS);
    assert_true(ng_graph_triple_count(g) > 50);

    const char *article = "http://example.org/g/article/caf\xC3\xA9-talks";
    const NgTriple *is = find(g, article, NIF "isString");
    assert_non_null(is);
    const char *s = is->o;
    /* the boilerplate is cut, line ends are LF, the BOM is gone */
    assert_null(strstr(s, "Related"));
    assert_null(strchr(s, '\r'));
    assert_memory_equal(s, "Caf\xC3\xA9 Diplomacy", 15);
    assert_string_equal(find(g, article, SCHEMA "headline")->o, "Caf\xC3\xA9 Diplomacy in S\xC3\xA3o Paulo");
    /* offsets on the context itself are optional; when present they cover all of nif:isString */
    const NgTriple *end = find(g, article, NIF "endIndex");
    if (end)
        assert_int_equal(strtoul(end->o, NULL, 10), ng_utf8_length(s, strlen(s)));
    /* section offsets lie within nif:isString */
    const NgTriple *all = ng_graph_triples(g);
    size_t sections = 0;
    for (size_t i = 0; i < ng_graph_triple_count(g); i++) {
        if (strcmp(all[i].p, RDF_TYPE) || strcmp(all[i].o, NIF "Structure"))
            continue;
        const NgTriple *se = find(g, all[i].s, NIF "endIndex");
        assert_non_null(se);
        assert_true(strtoul(se->o, NULL, 10) <= ng_utf8_length(s, strlen(s)));
        assert_string_equal(find(g, all[i].s, NIF "referenceContext")->o, article);
        sections++;
    }
    assert_int_equal(sections, 2);

    /* every node with offsets and an anchor: anchor == isString[begin, end) in code points, and a
     * minted span IRI says the same offsets */
    size_t spans = 0, sentences = 0;
    const NgTriple *t = ng_graph_triples(g);
    for (size_t i = 0; i < ng_graph_triple_count(g); i++) {
        if (strcmp(t[i].p, NIF "anchorOf"))
            continue;
        const NgTriple *b = find(g, t[i].s, NIF "beginIndex"), *e = find(g, t[i].s, NIF "endIndex");
        const NgTriple *ctx = find(g, t[i].s, NIF "referenceContext");
        assert_non_null(b);
        assert_non_null(e);
        assert_non_null(ctx);
        assert_string_equal(ctx->o, article);
        assert_string_equal(b->datatype, "http://www.w3.org/2001/XMLSchema#nonNegativeInteger");
        size_t cb = strtoul(b->o, NULL, 10), ce = strtoul(e->o, NULL, 10);
        assert_true(cb < ce);
        size_t bb = byte_of_cp(s, cb), be = byte_of_cp(s, ce);
        if (be - bb != strlen(t[i].o) || memcmp(s + bb, t[i].o, be - bb))
            fail_msg("%s: anchor \"%s\" but isString[%zu,%zu) is \"%.*s\"", t[i].s, t[i].o, cb, ce,
                     (int)(be - bb), s + bb);
        char frag[64];
        snprintf(frag, sizeof frag, "#char=%zu,%zu", cb, ce);
        const char *hash = strchr(t[i].s, '#');
        assert_non_null(hash);
        assert_string_equal(hash, frag);
        spans++;
    }
    assert_true(spans >= 8);
    /* distinct nif:Sentence nodes: the four sentences (title and heading are nif:Title) */
    NgMap seen = {0};
    for (size_t i = 0; i < ng_graph_triple_count(g); i++)
        if (!strcmp(t[i].p, RDF_TYPE) && !strcmp(t[i].o, NIF "Sentence") && !ng_map_get(&seen, t[i].s, strlen(t[i].s), NULL)) {
            assert_int_equal(ng_map_put(&seen, t[i].s, strlen(t[i].s), 0), NG_SUCCESS);
            sentences++;
        }
    ng_map_free(&seen);
    assert_int_equal(sentences, 4);
    /* minted IRIs live under the base; no IRI holds characters Turtle would need to escape */
    for (size_t i = 0; i < ng_graph_triple_count(g); i++) {
        const char *iris[3] = {t[i].s, t[i].p, t[i].o_is_literal ? NULL : t[i].o};
        for (int k = 0; k < 3; k++) {
            if (!iris[k])
                continue;
            for (const char *p = iris[k]; *p; p++)
                if (strchr(" <>\"{}|^`\\", *p))
                    fail_msg("IRI <%s> holds '%c'", iris[k], *p);
        }
        if (!strncmp(t[i].s, "http://example.org/", 19))
            assert_memory_equal(t[i].s, "http://example.org/g/", 21);
    }
    assert_non_null(find(g, "http://example.org/g/actor/japan", RDF_TYPE));
    ng_graph_free(g);
    test_run_free(&r);
    ng_lexicon_free(lx);
}

/* The minted (event, claim, relation) IRIs of an article's graph, as one sorted newline-separated
 * string, and how many there are. */
static char *minted_iris(const char *text, NgLexicon *lx, size_t *count)
{
    TestRun r;
    test_run(&r, "stable.txt", text, lx, true);
    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new(NULL, &g), NG_SUCCESS);
    assert_int_equal(ng_graph_add_extraction(g, r.x), NG_SUCCESS);
    NgMap seen = {0};
    NgBuf b = {0};
    *count = 0;
    const NgTriple *t = ng_graph_triples(g);
    for (size_t i = 0; i < ng_graph_triple_count(g); i++) {
        size_t one;
        bool minted = strstr(t[i].s, "/event/") || strstr(t[i].s, "/claim/") ||
                      strstr(t[i].s, "/relation/");
        if (!minted || strchr(t[i].s, '#') || ng_map_get(&seen, t[i].s, strlen(t[i].s), &one))
            continue;
        assert_int_equal(ng_map_put(&seen, t[i].s, strlen(t[i].s), 1), NG_SUCCESS);
        assert_int_equal(ng_buf_appendf(&b, "%s\n", t[i].s), NG_SUCCESS);
        (*count)++;
    }
    ng_map_free(&seen);
    ng_graph_free(g);
    test_run_free(&r);
    return ng_buf_take(&b);
}

/* Two words inserted in the first sentence rename only what that sentence states: the claims of
 * the other sentences keep their IRIs, though their offsets moved (tests/graphs.sh checks every
 * IRI of the sample the same way). */
static void test_minted_iris_survive_edits(void **state)
{
    (void)state;
    static const char before[] =
        "Summit Talks\n\nChina and Japan met in Beijing on Monday for talks.\n\n"
        "Analysts said the summit could lead to a trade agreement. "
        "Japan said it would sign the agreement next year.\n";
    static const char after[] =
        "Summit Talks\n\nChina and Japan finally met again in Beijing on Monday for talks.\n\n"
        "Analysts said the summit could lead to a trade agreement. "
        "Japan said it would sign the agreement next year.\n";
    NgLexicon *lx = test_full_lexicon();
    size_t n1, n2, claims = 0;
    char *a = minted_iris(before, lx, &n1), *b = minted_iris(after, lx, &n2);
    assert_true(n1 >= 3);
    assert_int_equal(n1, n2);
    for (char *line = a, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        *nl = '\0';
        if (!strstr(line, "/claim/stable/") || strstr(line, "/claim/stable/china-and-japan-"))
            continue;
        char key[512];
        snprintf(key, sizeof key, "%s\n", line);
        if (!strstr(b, key))
            fail_msg("%s changed with an edit in another sentence", line);
        claims++;
    }
    assert_true(claims >= 2);
    free(a);
    free(b);
    ng_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug_table),
        cmocka_unit_test(test_slug_capacity),
        cmocka_unit_test(test_graph_new_base),
        cmocka_unit_test(test_adders),
        cmocka_unit_test(test_text_contract),
        cmocka_unit_test(test_minted_iris_survive_edits),
    };
    return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
