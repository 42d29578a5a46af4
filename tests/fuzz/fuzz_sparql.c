/* fuzz_sparql.c — the SPARQL text on its way to Rasqal (issue 14).  Every query, local or sent to
 * a server (whose text is parsed here for its prefixes), first goes through query_guard.c's scan,
 * which must refuse what Rasqal cannot take (deep nesting, long operator chains); what the scan
 * lets through is then parsed by rasqal_query_prepare, as query.c does.  Nothing is evaluated, so
 * this runs thousands of inputs a second and reaches the parser with large texts.
 * Checks beyond "no crash": the scan says SERVICE only when the text holds the word, and never
 * passes a text nested deeper than NG_QUERY_MAX_DEPTH brackets outside strings and comments (the
 * harness counts the brackets of a text without quotes, comments or IRIs itself). */
#include "fuzz_common.h"
#include "query_internal.h"

#include <ctype.h>

static rasqal_world *world;

/* Rasqal's warnings and errors: not this harness's business. */
static void quiet(void *ud, raptor_log_message *m)
{
    (void)ud;
    (void)m;
}

static void free_world(void)
{
    if (world)
        rasqal_free_world(world);
    world = NULL;
}

/* Does `text` hold `word`, in any case? */
static bool holds_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++)
        if (!strncasecmp(p, word, n))
            return true;
    return false;
}

/* The deepest bracket nesting of a text with no quote, '#' or '<' in it (so no string, comment
 * or IRI to skip), else 0. */
static unsigned plain_depth(const char *text)
{
    if (strpbrk(text, "\"'#<"))
        return 0;
    unsigned depth = 0, max = 0;
    for (const char *p = text; *p; p++) {
        if (strchr("({[", *p) && ++depth > max)
            max = depth;
        else if (strchr(")}]", *p) && depth)
            depth--;
    }
    return max;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (!world) {
        world = rasqal_new_world();
        if (!world || rasqal_world_open(world)) {
            fprintf(stderr, "fuzz_sparql: cannot make a rasqal world\n");
            exit(2);
        }
        rasqal_world_set_log_handler(world, NULL, quiet);
        fuzz_cleanup_hook = free_world;
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    NgQueryScan scan;
    NgStatus st = ng_query_guard("fuzz.rq", text, NULL, &scan);
    if (!st && scan.service && !holds_word(text, "service"))
        abort();
    if (!st && plain_depth(text) > NG_QUERY_MAX_DEPTH)
        abort();
    if (!st) {
        rasqal_query *q = rasqal_new_query(world, "sparql", NULL);
        raptor_uri *base = raptor_new_uri(rasqal_world_get_raptor(world),
                                          (const unsigned char *)"file:///fuzz.rq");
        if (q && base)
            (void)rasqal_query_prepare(q, (const unsigned char *)text, base);
        if (base)
            raptor_free_uri(base);
        if (q)
            rasqal_free_query(q);
    }
    free(text);
    (void)fuzz_lexicon;
    return 0;
}
