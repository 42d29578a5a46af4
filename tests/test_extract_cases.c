/* test_extract_cases.c — the rule cases of tests/extract/ (NAME.case), one file per rule family.
 *
 * A case names the rule it tests, gives a short passage and says which lines `newsgraph explain`
 * must print for it (+) and must not (-):
 *
 *     # A pronoun speaker is the person it stands for.
 *     @ source.pronoun
 *     > Talks
 *     >
 *     > Ivan Orlov arrived in Sylvania on Monday. He said the talks would resume.
 *     + claim reported source Ivan Orlov
 *     - claim reported source Sylvania
 *
 * "> " lines are the passage (a lone ">" is an empty line); an expected line matches an output
 * line that contains it once runs of white space are made one space; "= N text" says that exactly
 * N output lines match.  Each case is run twice:
 * with every rule, where all its lines must hold, and with its rule switched off, where at least
 * one must fail, so that every case shows what its rule does.  A failing case names its file and
 * line.  A case may name "@ -" for a trap that holds whatever rule is off (then it runs once). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>

#include "testutil.h"

typedef struct {
    char file[8192];
    unsigned line;      /* of its "@" line */
    char rule[64];
    NgBuf text;
    NgBuf expect;       /* lines "+ ..." and "- ...", each ending in '\n' */
} Case;

/* Collapses runs of white space to one space and trims both ends, in place. */
static void squeeze(char *s)
{
    char *w = s;
    bool space = true;
    for (char *r = s; *r; r++) {
        bool sp = *r == ' ' || *r == '\t' || *r == '\n';
        if (sp && space)
            continue;
        *w++ = sp ? ' ' : *r;
        space = sp;
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

/* What explain prints for the case's passage, with `without` switched off (NULL: nothing). */
static char *explain_case(const NgLexicon *lx, const Case *k, const char *without)
{
    NgDocument *doc = NULL;
    NgSegments *sg = NULL;
    NgMatches *m = NULL;
    NgExtraction *x = NULL;
    const char *off[2] = {without, NULL};
    NgExtractOptions opt = {without ? off : NULL};
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    NgStatus st = ng_document_read_buffer(k->file, k->text.data, k->text.len, NULL, NULL, &doc);
    if (!st)
        st = ng_segment(doc, lx, &sg);
    if (!st)
        st = ng_match(sg, lx, &m);
    if (!st)
        st = ng_extract_with(m, &opt, &x);
    if (!st)
        st = ng_extraction_explain(x, f);
    fclose(f);
    ng_extraction_free(x);
    ng_matches_free(m);
    ng_segments_free(sg);
    ng_document_free(doc);
    if (st)
        fail_msg("%s:%u: the pipeline failed: %s", k->file, k->line, ng_strerror(st));
    return out;
}

/* Does every expected line hold in `out`?  When `why` is given, the first that does not is
 * written there. */
static bool holds(const Case *k, char *out, char *why, size_t why_len)
{
    char *lines = ng_strdup(k->expect.data ? k->expect.data : "");
    bool ok = true;
    for (char *l = strtok(lines, "\n"); l && ok; l = strtok(NULL, "\n")) {
        char *text = l + 1;
        long want = l[0] == '+' ? -1 : l[0] == '-' ? 0 : strtol(l + 1, &text, 10);
        char pat[512];
        snprintf(pat, sizeof pat, "%s", text);
        squeeze(pat);
        long found = 0;
        char *copy = ng_strdup(out);
        char *save = NULL;
        for (char *o = strtok_r(copy, "\n", &save); o; o = strtok_r(NULL, "\n", &save)) {
            squeeze(o);
            found += strstr(o, pat) != NULL;
        }
        free(copy);
        if (want < 0 ? found == 0 : found != want) {
            ok = false;
            if (why && want < 0)
                snprintf(why, why_len, "missing \"%s\"", pat);
            else if (why)
                snprintf(why, why_len, "%ld lines with \"%s\", not %ld", found, pat, want);
        }
    }
    free(lines);
    return ok;
}

/* Runs one case; returns the number of failures (0 or 1), each reported as file:line. */
static int run_case(const NgLexicon *lx, const Case *k)
{
    char why[600];
    char *out = explain_case(lx, k, NULL);
    if (!holds(k, out, why, sizeof why)) {
        print_message("%s:%u: %s: %s; explain printed:\n%s\n", k->file, k->line, k->rule, why, out);
        free(out);
        return 1;
    }
    free(out);
    if (!strcmp(k->rule, "-"))
        return 0;
    out = explain_case(lx, k, k->rule);
    bool still = holds(k, out, NULL, 0);
    free(out);
    if (still) {
        print_message("%s:%u: %s: the case holds without its rule; it tests nothing of it\n", k->file,
                      k->line, k->rule);
        return 1;
    }
    return 0;
}

/* Is `name` a rule of the extractor? */
static bool known_rule(const char *name)
{
    for (size_t i = 0; i < ng_extract_rule_count(); i++)
        if (!strcmp(ng_extract_rule_name(i), name))
            return true;
    return !strcmp(name, "-");
}

static void case_clear(Case *k)
{
    ng_buf_free(&k->text);
    ng_buf_free(&k->expect);
    memset(k, 0, sizeof *k);
}

/* Reads and runs every case of one file; counts cases and failures. */
static void run_file(const NgLexicon *lx, const char *path, size_t *cases, size_t *failures, bool *covered)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    unsigned no = 0;
    Case k = {0};
    bool open = false;
    for (;;) {
        char *got = fgets(line, sizeof line, f);
        no += got != NULL;
        if (got)
            line[strcspn(line, "\n")] = '\0';
        if (!got || line[0] == '@') {
            if (open) {
                (*cases)++;
                *failures += (size_t)run_case(lx, &k);
            }
            case_clear(&k);
            open = got != NULL;
            if (!got)
                break;
            snprintf(k.file, sizeof k.file, "%s", path);
            k.line = no;
            snprintf(k.rule, sizeof k.rule, "%s", line + 1 + (line[1] == ' '));
            if (!known_rule(k.rule))
                fail_msg("%s:%u: no rule is named '%s' (newsgraph explain --rules)", path, no, k.rule);
            for (size_t i = 0; i < ng_extract_rule_count(); i++)
                if (!strcmp(ng_extract_rule_name(i), k.rule))
                    covered[i] = true;
        } else if (line[0] == '>' && open) {
            assert_int_equal(ng_buf_appendf(&k.text, "%s\n", line[1] == ' ' ? line + 2 : line + 1), NG_SUCCESS);
        } else if ((line[0] == '+' || line[0] == '-' || line[0] == '=') && open) {
            assert_int_equal(ng_buf_appendf(&k.expect, "%s\n", line), NG_SUCCESS);
        } else if (line[0] && line[0] != '#') {
            fail_msg("%s:%u: a case line starts with '@', '>', '+', '-', '=' or '#'", path, no);
        }
    }
    fclose(f);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every case of every file; every rule has at least one case. */
static void test_rule_cases(void **state)
{
    (void)state;
    NgLexicon *lx = test_full_lexicon();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/extract", test_datadir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 5 && !strcmp(e->d_name + l - 5, ".case"))
            names[n++] = ng_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    size_t cases = 0, failures = 0;
    bool covered[256] = {false};
    assert_true(ng_extract_rule_count() <= 256);
    for (size_t i = 0; i < n; i++) {
        char full[8192];
        snprintf(full, sizeof full, "%s/%s", dir, names[i]);
        run_file(lx, full, &cases, &failures, covered);
        free(names[i]);
    }
    size_t uncovered = 0;
    for (size_t i = 0; i < ng_extract_rule_count(); i++)
        if (!covered[i]) {
            print_message("rule %s has no case in tests/extract/\n", ng_extract_rule_name(i));
            uncovered++;
        }
    print_message("tests/extract: %zu cases, %zu failed, %zu rules without a case\n", cases, failures, uncovered);
    ng_lexicon_free(lx);
    assert_int_equal(failures, 0);
    assert_int_equal(uncovered, 0);
    assert_true(cases >= 60);
}

/* An unknown rule name is refused, not ignored. */
static void test_unknown_rule_refused(void **state)
{
    (void)state;
    NgLexicon *lx = test_full_lexicon();
    Case k = {0};
    snprintf(k.file, sizeof k.file, "inline");
    assert_int_equal(ng_buf_appendf(&k.text, "Title\n\nRuritania said the talks would resume.\n"), NG_SUCCESS);
    NgDocument *doc = NULL;
    NgSegments *sg = NULL;
    NgMatches *m = NULL;
    NgExtraction *x = NULL;
    const char *off[] = {"source.no-such-rule", NULL};
    NgExtractOptions opt = {off};
    assert_int_equal(ng_document_read_buffer("inline", k.text.data, k.text.len, NULL, NULL, &doc), NG_SUCCESS);
    assert_int_equal(ng_segment(doc, lx, &sg), NG_SUCCESS);
    assert_int_equal(ng_match(sg, lx, &m), NG_SUCCESS);
    assert_int_equal(ng_extract_with(m, &opt, &x), NG_ERR_BAD_ARG);
    assert_null(x);
    ng_matches_free(m);
    ng_segments_free(sg);
    ng_document_free(doc);
    case_clear(&k);
    ng_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_cases),
        cmocka_unit_test(test_unknown_rule_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
