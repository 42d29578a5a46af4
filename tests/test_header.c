/* test_header.c — the public header compiles on its own (it is included first, before any other
 * header) and its conventions hold: NG_SUCCESS is 0 and every *_free accepts NULL. */
#include "newsgraph.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_free_accepts_null(void **state)
{
    (void)state;
    ng_lexicon_free(NULL);
    ng_document_free(NULL);
    ng_segments_free(NULL);
    ng_matches_free(NULL);
    ng_extraction_free(NULL);
    ng_graph_free(NULL);
    assert_true(1); /* reaching here is the test */
}

static void test_constants(void **state)
{
    (void)state;
    assert_int_equal(NG_SUCCESS, 0);
    assert_true(strlen(NG_VERSION) > 0);
    size_t n = strlen(NG_DEFAULT_BASE);
    assert_true(NG_DEFAULT_BASE[n - 1] == '/' || NG_DEFAULT_BASE[n - 1] == '#');
    n = strlen(NG_NS);
    assert_true(NG_NS[n - 1] == '/' || NG_NS[n - 1] == '#');
    assert_true(NG_DEFAULT_MAX_SIZE == (size_t)16 * 1024 * 1024);
}

/* The header alone is enough to create and free every object a caller can own. */
static void test_new_and_free_through_header_only(void **state)
{
    (void)state;
    NgLexicon *lx = (NgLexicon *)1;
    assert_int_equal(ng_lexicon_new(&lx), NG_SUCCESS);
    assert_non_null(lx);
    assert_int_equal(ng_lexicon_actor_count(lx), 0);
    ng_lexicon_free(lx);

    NgGraph *g = NULL;
    assert_int_equal(ng_graph_new(NULL, &g), NG_SUCCESS); /* NULL: the default base */
    assert_int_equal(ng_graph_triple_count(g), 0);
    ng_graph_free(g);

    NgDocument *doc = NULL;
    assert_int_equal(ng_document_read_buffer("h.txt", "Hi.", 3, NULL, NULL, &doc), NG_SUCCESS);
    assert_string_equal(ng_document_text(doc), "Hi.");
    ng_document_free(doc);

    NgFormat f;
    assert_true(ng_format_parse("turtle", &f));
    assert_int_equal(f, NG_FORMAT_TURTLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_accepts_null),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_new_and_free_through_header_only),
    };
    return cmocka_run_group_tests_name("header", tests, NULL, NULL);
}
