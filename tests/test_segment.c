/* test_segment.c — data-driven segmenter tests.
 *
 * Every tests/segment/NAME.txt is an article; NAME.expected lists what the segmenter must find:
 *   title: TEXT        the title span (write "title:" alone when there is none)
 *   sections: N        optional: the number of sections
 *   # TEXT             a heading "sentence" (the title or a section heading), in order
 *   TEXT               a sentence, in order
 * Blank lines in .expected are ignored.  On a mismatch the test prints what it found. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <dirent.h>

static NgLexicon *lexicon;

static int load_lexicon(void **state)
{
    (void)state;
    lexicon = test_full_lexicon();
    return lexicon ? 0 : -1;
}

static int free_lexicon(void **state)
{
    (void)state;
    ng_lexicon_free(lexicon);
    return 0;
}

static void dump(const NgSegments *sg)
{
    const NgDocument *doc = ng_segments_document(sg);
    const char *t = ng_document_text(doc);
    NgSpan ti = ng_segments_title(sg);
    print_message("--- found:\ntitle: %.*s\nsections: %zu\n", (int)(ti.end - ti.begin), t + ti.begin,
                  ng_segments_section_count(sg));
    for (size_t i = 0; i < ng_segments_sentence_count(sg); i++) {
        const NgSentence *s = ng_segments_sentence(sg, i);
        print_message("%s%.*s\n", s->heading ? "# " : "", (int)(s->span.end - s->span.begin), t + s->span.begin);
    }
    print_message("---\n");
}

static void run_case(void **state)
{
    const char *name = *state;
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/segment/%s.txt", test_datadir(), name);
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgDocument *doc = NULL;
    if (ng_document_read_file(path, NULL, &diag, &doc))
        fail_msg("%s: %s", path, td.text);
    NgSegments *sg = NULL;
    assert_int_equal(ng_segment(doc, lexicon, &sg), NG_SUCCESS);

    snprintf(path, sizeof path, "%s/tests/segment/%s.expected", test_datadir(), name);
    char *want = test_slurp(path, NULL);
    if (!want)
        fail_msg("cannot read %s", path);
    const char *t = ng_document_text(doc);
    size_t next = 0, sections = SIZE_MAX;
    bool ok = true, saw_title = false;
    char *save = NULL;
    for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0)
            continue;
        if (!strncmp(line, "title:", 6)) {
            const char *v = line[6] == ' ' ? line + 7 : line + 6;
            saw_title = true;
            if (!span_is(doc, ng_segments_title(sg), v)) {
                print_error("%s: title differs; want \"%s\"\n", name, v);
                ok = false;
            }
            continue;
        }
        if (!strncmp(line, "sections:", 9)) {
            sections = (size_t)strtoul(line + 9, NULL, 10);
            continue;
        }
        bool heading = line[0] == '#' && line[1] == ' ';
        const char *v = heading ? line + 2 : line;
        const NgSentence *s = ng_segments_sentence(sg, next);
        if (!s) {
            print_error("%s: sentence %zu missing; want \"%s\"\n", name, next + 1, v);
            ok = false;
            break;
        }
        if (!span_is(doc, s->span, v) || s->heading != heading) {
            print_error("%s: sentence %zu is %s\"%.*s\"\n    want %s\"%s\"\n", name, next + 1,
                        s->heading ? "# " : "", (int)(s->span.end - s->span.begin), t + s->span.begin,
                        heading ? "# " : "", v);
            ok = false;
        }
        next++;
    }
    if (ok && next != ng_segments_sentence_count(sg)) {
        print_error("%s: %zu sentences found, %zu expected\n", name, ng_segments_sentence_count(sg), next);
        ok = false;
    }
    if (sections != SIZE_MAX && sections != ng_segments_section_count(sg)) {
        print_error("%s: %zu sections found, %zu expected\n", name, ng_segments_section_count(sg), sections);
        ok = false;
    }
    if (!saw_title) {
        print_error("%s: the .expected file has no title: line\n", name);
        ok = false;
    }
    /* structural invariants: sentences in order, inside the content, inside their section */
    NgSpan content = ng_segments_content(sg);
    for (size_t i = 0; i < ng_segments_sentence_count(sg); i++) {
        const NgSentence *s = ng_segments_sentence(sg, i);
        const NgSentence *p = i ? ng_segments_sentence(sg, i - 1) : NULL;
        assert_true(s->span.begin < s->span.end);
        assert_true(s->span.begin >= content.begin && s->span.end <= content.end);
        if (p)
            assert_true(p->span.end <= s->span.begin);
        const NgSection *sec = ng_segments_section(sg, s->section);
        if (sec && !(s->heading && i == 0 && ng_segments_title(sg).end > 0))
            assert_true(s->span.begin >= sec->span.begin && s->span.end <= sec->span.end);
    }
    if (!ok)
        dump(sg);
    free(want);
    ng_segments_free(sg);
    ng_document_free(doc);
    if (!ok)
        fail_msg("%s: segmentation differs from %s.expected", name, name);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/segment", test_datadir());
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "test_segment: cannot open %s (set NEWSGRAPH_DATA to the repository)\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") || e->d_name[0] == '.')
            continue;
        if (ng_grow((void **)&names, &cap, n + 1, sizeof *names))
            return 1;
        names[n++] = ng_strndup(e->d_name, l - 4);
    }
    closedir(d);
    if (n == 0) {
        fprintf(stderr, "test_segment: no cases in %s\n", dir);
        return 1;
    }
    qsort(names, n, sizeof *names, cmp_name);
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++) {
        tests[i].name = names[i];
        tests[i].test_func = run_case;
        tests[i].initial_state = names[i];
    }
    int rc = _cmocka_run_group_tests("segment", tests, n, load_lexicon, free_lexicon);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(tests);
    return rc;
}
