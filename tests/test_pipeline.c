/* test_pipeline.c — an article read a part at a time (pipeline.c, segment.c's parts; issue 14
 * finding 9): the parts hold the sentences and sections the whole holds when they end at
 * paragraph ends, a line longer than a part is cut at a space, the graph of an article in parts
 * keeps the article's text, sections and mention counts, and an article of one part gives the
 * bytes the stages give one by one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static NgLexicon *lexicon;

static int setup(void **state)
{
    (void)state;
    lexicon = test_full_lexicon();
    return lexicon ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ng_lexicon_free(lexicon);
    return 0;
}

/* An article of a title and three headed sections of short paragraphs about invented states;
 * paragraphs apart by blank lines when `blank`, one a line otherwise. */
static char *article(bool blank)
{
    NgBuf b = {0};
    assert_int_equal(ng_buf_appendf(&b, "Ruritania and Freedonia talk again\n\n"), NG_SUCCESS);
    for (int s = 1; s <= 3; s++) {
        assert_int_equal(ng_buf_appendf(&b, "## Round %d\n%s", s, blank ? "\n" : ""), NG_SUCCESS);
        for (int p = 1; p <= 4; p++)
            assert_int_equal(ng_buf_appendf(&b, "China and Japan met in Tokyo on day %d. "
                                                "Talks went on, officials said.\n%s", s * 10 + p,
                                            blank ? "\n" : ""), NG_SUCCESS);
    }
    return ng_buf_take(&b);
}

static NgDocument *document(const char *name, const char *text)
{
    NgDocument *doc = NULL;
    assert_int_equal(ng_document_read_buffer(name, text, strlen(text), NULL, NULL, &doc), NG_SUCCESS);
    return doc;
}

/* Parts of `part_bytes` (between min_parts and max_parts of them) hold, in order, the sentences of the whole (spans, headings, paragraphs)
 * and, counted by their global index, its sections (spans and headings). */
static void assert_parts_as_whole(const NgDocument *doc, size_t part_bytes, size_t min_parts,
                                  size_t max_parts)
{
    NgSegments *whole = NULL;
    assert_int_equal(ng_segment(doc, lexicon, &whole), NG_SUCCESS);
    NgSegmenter *sr = NULL;
    assert_int_equal(ng_segmenter_new(doc, lexicon, part_bytes, &sr), NG_SUCCESS);
    size_t sentence = 0, parts = 0;
    for (;;) {
        NgSegments *sg = NULL;
        assert_int_equal(ng_segmenter_next(sr, &sg), NG_SUCCESS);
        if (!sg)
            break;
        parts++;
        for (size_t i = 0; i < sg->sentence_count; i++, sentence++) {
            assert_true(sentence < whole->sentence_count);
            const NgSentence *a = &sg->sentences[i], *b = &whole->sentences[sentence];
            assert_int_equal(a->span.begin, b->span.begin);
            assert_int_equal(a->span.end, b->span.end);
            assert_int_equal(a->heading, b->heading);
            assert_int_equal(a->paragraph, b->paragraph);
            assert_int_equal(sg->section_base + a->section, b->section);
        }
        for (size_t i = 0; i < sg->section_count; i++) {
            if (i + 1 == sg->section_count && sg->last_open)
                continue;   /* its end is the next part's */
            const NgSection *a = &sg->sections[i], *b = &whole->sections[sg->section_base + i];
            assert_int_equal(a->span.begin, b->span.begin);
            assert_int_equal(a->span.end, b->span.end);
            assert_int_equal(a->heading.begin, b->heading.begin);
            assert_int_equal(a->heading.end, b->heading.end);
        }
        assert_int_equal(sg->title.begin, whole->title.begin);
        assert_int_equal(sg->content.end, whole->content.end);
        ng_segments_free(sg);
    }
    assert_int_equal(sentence, whole->sentence_count);
    assert_in_range(parts, min_parts, max_parts);
    ng_segmenter_free(sr);
    ng_segments_free(whole);
}

static void test_parts_hold_the_whole_blank_lines(void **state)
{
    (void)state;
    char *text = article(true);
    NgDocument *doc = document("parts.txt", text);
    assert_parts_as_whole(doc, 200, 2, (strlen(text) + 199) / 200);
    assert_parts_as_whole(doc, SIZE_MAX, 1, 1);
    ng_document_free(doc);
    free(text);
}

static void test_parts_hold_the_whole_one_line_paragraphs(void **state)
{
    (void)state;
    char *text = article(false);
    NgDocument *doc = document("parts.txt", text);
    assert_parts_as_whole(doc, 150, 2, (strlen(text) + 149) / 150);
    ng_document_free(doc);
    free(text);
}

/* "alpha beta ... " on one line of 3,000 bytes, parts of 256: no sentence is longer than a part,
 * each begins and ends at a word, and together they hold every word. */
static void test_long_line_is_cut_at_spaces(void **state)
{
    (void)state;
    NgBuf b = {0};
    assert_int_equal(ng_buf_appendf(&b, "Title\n\n"), NG_SUCCESS);
    while (b.len < 3000)
        assert_int_equal(ng_buf_appendf(&b, "alpha beta gamma "), NG_SUCCESS);
    assert_int_equal(ng_buf_appendf(&b, "delta.\n"), NG_SUCCESS);
    char *text = ng_buf_take(&b);
    NgDocument *doc = document("line.txt", text);
    NgSegmenter *sr = NULL;
    assert_int_equal(ng_segmenter_new(doc, lexicon, 256, &sr), NG_SUCCESS);
    size_t words = 0, parts = 0;
    for (NgSegments *sg = NULL; !ng_segmenter_next(sr, &sg) && sg; ng_segments_free(sg), parts++)
        for (size_t i = 0; i < sg->sentence_count; i++) {
            NgSpan sp = sg->sentences[i].span;
            assert_true(sp.end - sp.begin <= 256);
            assert_true(sp.begin == 0 || text[sp.begin - 1] == ' ' || text[sp.begin - 1] == '\n');
            assert_true(text[sp.end] == ' ' || text[sp.end] == '\n' || text[sp.end] == '\0');
            for (size_t k = sp.begin; k < sp.end; k++)
                words += text[k] != ' ' && (k == sp.begin || text[k - 1] == ' ');
        }
    size_t want = 0;
    for (size_t k = 0; text[k]; k++)
        want += text[k] != ' ' && text[k] != '\n' && (k == 0 || text[k - 1] == ' ' || text[k - 1] == '\n');
    assert_int_equal(words, want);
    assert_true(parts >= 3000 / 512);   /* a part ends at the first line end past 256 bytes */
    ng_segmenter_free(sr);
    ng_document_free(doc);
    free(text);
}

/* Parts smaller than the smallest (1 byte) are the smallest: a line of four-byte characters with
 * no space is still cut, each piece whole characters, and the segmenter comes to its end. */
static void test_tiny_parts_end(void **state)
{
    (void)state;
    NgBuf b = {0};
    assert_int_equal(ng_buf_appendf(&b, "T\n\n"), NG_SUCCESS);
    for (int i = 0; i < 200; i++)
        assert_int_equal(ng_buf_append(&b, "\xF0\x9F\x98\x80", 4), NG_SUCCESS);   /* U+1F600 */
    char *text = ng_buf_take(&b);
    NgDocument *doc = document("tiny.txt", text);
    NgSegmenter *sr = NULL;
    assert_int_equal(ng_segmenter_new(doc, lexicon, 1, &sr), NG_SUCCESS);
    size_t parts = 0, bytes = 0;
    for (NgSegments *sg = NULL; !ng_segmenter_next(sr, &sg) && sg; ng_segments_free(sg), parts++)
        for (size_t i = 0; i < sg->sentence_count; i++) {
            NgSpan sp = sg->sentences[i].span;
            assert_true(sp.end - sp.begin <= NG_MIN_PART_BYTES);
            assert_int_equal((sp.end - sp.begin) % 4, sg->sentences[i].heading ? 1 : 0);
            bytes += sg->sentences[i].heading ? 0 : sp.end - sp.begin;
        }
    assert_int_equal(bytes, 800);
    assert_true(parts >= 800 / (2 * NG_MIN_PART_BYTES));
    ng_segmenter_free(sr);
    ng_document_free(doc);
    free(text);
}

/* The graph's N-Triples, as a new string. */
static char *ntriples(const NgGraph *g)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, f, NULL), NG_SUCCESS);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* The lines of `nt` that contain `what` (that begin with it, when it is an IRI), in order, as one
 * new string. */
static char *lines_with(const char *nt, const char *what)
{
    NgBuf b = {0};
    for (const char *l = nt; *l;) {
        const char *e = strchr(l, '\n');
        size_t n = e ? (size_t)(e - l) + 1 : strlen(l);
        char *line = ng_strndup(l, n);
        if (what[0] == '<' ? !strncmp(line, what, strlen(what)) : strstr(line, what) != NULL)
            assert_int_equal(ng_buf_append(&b, line, n), NG_SUCCESS);
        free(line);
        l += n;
    }
    char *s = ng_buf_take(&b);
    return s ? s : ng_strdup("");
}

/* The article in parts of 200 bytes keeps what the whole says of its text: the article node
 * (one nif:isString), every section, every sentence, and each actor's mention count. */
static void test_graph_in_parts_keeps_the_article(void **state)
{
    (void)state;
    char *text = article(true);
    NgDocument *doc = document("parts.txt", text);
    NgGraph *whole = NULL, *parts = NULL;
    assert_int_equal(ng_graph_new(NULL, &whole), NG_SUCCESS);
    assert_int_equal(ng_graph_new(NULL, &parts), NG_SUCCESS);
    assert_int_equal(ng_graph_add_document(whole, doc, lexicon, NG_PROFILE_FULL, 0), NG_SUCCESS);
    assert_int_equal(ng_graph_add_document(parts, doc, lexicon, NG_PROFILE_FULL, 200), NG_SUCCESS);
    char *a = ntriples(whole), *b = ntriples(parts);
    static const char *kept[] = {"<https://w3id.org/newsgraph/id/article/parts> ", "#section-",
                                 "nif-core#Sentence>", "#mentionCount>", "nif-core#isString>"};
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        char *x = lines_with(a, kept[i]), *y = lines_with(b, kept[i]);
        if (strcmp(x, y))
            fail_msg("lines with %s differ:\nwhole:\n%s\nin parts:\n%s", kept[i], x, y);
        assert_true(*x != '\0');
        free(x);
        free(y);
    }
    free(a);
    free(b);
    ng_graph_free(whole);
    ng_graph_free(parts);
    ng_document_free(doc);
    free(text);
}

/* A data article (one part) gives through ng_graph_add_document the bytes that the stages called
 * one by one give. */
static void test_one_part_is_the_stages(void **state)
{
    (void)state;
    static const char *names[] = {"nk-china-summit-2025", "sudan-war-2024"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/data/articles/%s.txt", test_datadir(), names[i]);
        char *text = test_slurp(path, NULL);
        assert_non_null(text);
        TestRun r;
        test_run(&r, names[i], text, lexicon, true);
        NgGraph *stages = NULL, *pipeline = NULL;
        assert_int_equal(ng_graph_new(NULL, &stages), NG_SUCCESS);
        assert_int_equal(ng_graph_new(NULL, &pipeline), NG_SUCCESS);
        assert_int_equal(ng_graph_add_extraction(stages, r.x), NG_SUCCESS);
        assert_int_equal(ng_graph_add_document(pipeline, r.doc, lexicon, NG_PROFILE_FULL, 0),
                         NG_SUCCESS);
        char *a = ntriples(stages), *b = ntriples(pipeline);
        assert_string_equal(a, b);
        free(a);
        free(b);
        ng_graph_free(stages);
        ng_graph_free(pipeline);
        test_run_free(&r);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_hold_the_whole_blank_lines),
        cmocka_unit_test(test_parts_hold_the_whole_one_line_paragraphs),
        cmocka_unit_test(test_long_line_is_cut_at_spaces),
        cmocka_unit_test(test_tiny_parts_end),
        cmocka_unit_test(test_graph_in_parts_keeps_the_article),
        cmocka_unit_test(test_one_part_is_the_stages),
    };
    return cmocka_run_group_tests_name("pipeline", tests, setup, teardown);
}
