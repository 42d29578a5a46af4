/* test_limits.c — hostile article shapes finish in work linear in their size (issue 7, item 4).
 *
 * Seconds depend on the machine; work does not.  segment.c, match.c and extract.c count their steps
 * (characters and lines, quote-scan bytes, tokens and look-ups, comparisons in the per-sentence
 * scans) in a `work` field.  Each shape is built at 1x and 4x its size; the test asserts that
 *   - work(4x) / work(1x) stays under 4.6 (linear, with slack for fixed costs), and
 *   - work per input byte stays under a fixed bound at both sizes.
 * A quadratic path fails the first (its ratio is ~16), however fast the machine.
 *
 * Sizes: the 4x point of each shape is the size the issue names (deeply nested quotes, a million
 * short lines, a 50 MB word, 100,000 headings).  NG_LIMITS_SCALE=N divides every size by N (the
 * ASan run uses it to stay quick); the ratio checks are the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

static NgLexicon *lexicon;
static size_t scale = 1;

typedef struct {
    size_t bytes;
    size_t segment, match, extract;
    size_t sentences, tokens;
} Work;

/* Runs read -> segment -> match -> extract over `text` and reports the work of each stage. */
static Work run(const char *text, size_t len)
{
    Work w = {0};
    NgReadOptions ro = {len + 1};
    NgDocument *doc = NULL;
    NgSegments *sg = NULL;
    NgMatches *m = NULL;
    NgExtraction *x = NULL;
    assert_int_equal(ng_document_read_buffer("hostile.txt", text, len, &ro, NULL, &doc), NG_SUCCESS);
    assert_int_equal(ng_segment(doc, lexicon, &sg), NG_SUCCESS);
    assert_int_equal(ng_match(sg, lexicon, &m), NG_SUCCESS);
    assert_int_equal(ng_extract(m, &x), NG_SUCCESS);
    /* explain must stay linear too: it used to scan every mention for every sentence */
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    assert_int_equal(ng_extraction_explain(x, devnull), NG_SUCCESS);
    fclose(devnull);
    w.bytes = len;
    w.segment = sg->work;
    w.match = m->work;
    w.extract = x->work;
    w.sentences = sg->sentence_count;
    w.tokens = m->token_count;
    ng_extraction_free(x);
    ng_matches_free(m);
    ng_segments_free(sg);
    ng_document_free(doc);
    return w;
}

static size_t total(Work w) { return w.segment + w.match + w.extract + 1; }

typedef char *(*Maker)(size_t n, size_t *len);

/* Builds the shape at n and 4n units; checks linearity and a per-byte bound. */
static void check_linear(const char *name, Maker make, size_t n, double per_byte)
{
    n /= scale;
    if (n < 16)
        n = 16;
    size_t l1, l4;
    char *t1 = make(n, &l1), *t4 = make(4 * n, &l4);
    assert_non_null(t1);
    assert_non_null(t4);
    Work w1 = run(t1, l1), w4 = run(t4, l4);
    free(t1);
    free(t4);
    double ratio = (double)total(w4) / (double)total(w1);
    double bytes_ratio = (double)w4.bytes / (double)w1.bytes;
    print_message("%-16s 1x: %9zu bytes, work %10zu (seg %zu, match %zu, extract %zu), %zu sentences\n",
                  name, w1.bytes, total(w1), w1.segment, w1.match, w1.extract, w1.sentences);
    print_message("%-16s 4x: %9zu bytes, work %10zu (seg %zu, match %zu, extract %zu), %zu sentences; "
                  "work ratio %.2f for bytes ratio %.2f\n",
                  name, w4.bytes, total(w4), w4.segment, w4.match, w4.extract, w4.sentences, ratio,
                  bytes_ratio);
    assert_true(ratio <= bytes_ratio * 1.15);
    assert_true((double)total(w1) <= per_byte * (double)w1.bytes);
    assert_true((double)total(w4) <= per_byte * (double)w4.bytes);
}

static char *repeat(const char *head, const char *unit, size_t n, const char *tail, size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *t = malloc(hl + ul * n + tl + 1);
    if (!t)
        return NULL;
    memcpy(t, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(t + hl + i * ul, unit, ul);
    memcpy(t + hl + ul * n, tail, tl + 1);
    *len = hl + ul * n + tl;
    return t;
}

/* Deeply nested quotations that never close: every opening quote used to rescan 2000 bytes. */
static char *nested_quotes(size_t n, size_t *len)
{
    return repeat("Nested quotes\n\n", "He said \"she said \xE2\x80\x9Cthey said ", n, "no.\n", len);
}

/* Nested quotes that all close at the end of the paragraph. */
static char *nested_closed(size_t n, size_t *len)
{
    size_t l1, l2;
    char *open = repeat("Quotes\n\n", "\"Yes. ", n, "", &l1);
    char *close = repeat("", "\" ", n, "\n", &l2);
    char *t = open && close ? malloc(l1 + l2 + 1) : NULL;
    if (t) {
        memcpy(t, open, l1);
        memcpy(t + l1, close, l2 + 1);
        *len = l1 + l2;
    }
    free(open);
    free(close);
    return t;
}

/* Short lines, each a paragraph naming the same actors: one actor with n mentions (the mention
 * list used to be searched in full for every new mention) and one event with n spans. */
static char *short_lines(size_t n, size_t *len)
{
    return repeat("Short lines\n\n", "China met Japan.\n", n, "", len);
}

static char *tiny_lines(size_t n, size_t *len) { return repeat("Tiny lines\n\n", "a\n", n, "", len); }

/* One word of n bytes. */
static char *long_word(size_t n, size_t *len) { return repeat("A long word\n\n", "a", n, "\n", len); }

static char *headings(size_t n, size_t *len)
{
    return repeat("Headings\n\n", "# Heading about China\n", n, "", len);
}

/* Sentences with actors, events, sources and "the two countries": the claims' event look-up and
 * the "two countries" resolution used to scan every event and actor. */
static char *busy_sentences(size_t n, size_t *len)
{
    return repeat("Talks between China and Japan 2024\n\n",
                  "Analysts said China and Japan held talks in 2019, and both countries signed an "
                  "agreement. Xi Jinping said the summit failed. Xi denied it. ",
                  n, "\n", len);
}

/* "the the the ...": transparent words used to be skipped without bound in cue phrases. */
static char *transparent_run(size_t n, size_t *len)
{
    return repeat("Articles\n\nChina will close ", "the ", n, "borders.\n", len);
}

static void test_nested_quotes(void **state)
{
    (void)state;
    check_linear("nested quotes", nested_quotes, 40000, 40);
    check_linear("closed quotes", nested_closed, 40000, 40);
}

static void test_million_lines(void **state)
{
    (void)state;
    check_linear("short lines", short_lines, 62500, 40);
    check_linear("tiny lines", tiny_lines, 250000, 40);
}

static void test_50mb_word(void **state)
{
    (void)state;
    check_linear("long word", long_word, 12500000, 40);
}

static void test_100k_headings(void **state)
{
    (void)state;
    check_linear("headings", headings, 25000, 40);
}

static void test_busy_sentences(void **state)
{
    (void)state;
    check_linear("busy sentences", busy_sentences, 5000, 40);
    check_linear("transparent run", transparent_run, 25000, 40);
}

static int setup(void **state)
{
    (void)state;
    const char *s = getenv("NG_LIMITS_SCALE");
    if (s && atoi(s) > 0)
        scale = (size_t)atoi(s);
    lexicon = test_full_lexicon();
    return lexicon ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ng_lexicon_free(lexicon);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_quotes),   cmocka_unit_test(test_million_lines),
        cmocka_unit_test(test_50mb_word),       cmocka_unit_test(test_100k_headings),
        cmocka_unit_test(test_busy_sentences),
    };
    return cmocka_run_group_tests_name("limits", tests, setup, teardown);
}
