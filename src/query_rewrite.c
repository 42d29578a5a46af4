/* query_rewrite.c — what newsgraph does for Rasqal before it runs a query (issue 15).
 *
 * Rasqal 0.9.33 evaluates SELECT DISTINCT by comparing each row with the rows kept so far: on
 * 100 articles `co-mentions.rq` spent 3 of its 4 s in DISTINCT alone, and 15 of 16 s with its
 * ORDER BY (perf: rasqal_literal_array_equals, rasqal_map_add_kv).  So a SELECT DISTINCT (or
 * REDUCED) without LIMIT or OFFSET runs without the keyword, and query_write.c drops the repeated
 * rows as it writes them, by a hash of their terms: the same rows, in the same order (the first
 * of equal rows is kept, after ORDER BY as SPARQL has it), in time linear in the rows.  With LIMIT
 * or OFFSET, which count distinct rows, the query runs as written.
 */
#include "query_internal.h"

#include <ctype.h>
#include <string.h>

/* Skips a comment, an IRI, a string (short or long) or a variable at `p`; returns where it ends,
 * or `p` when none starts there. */
static const char *skip_token(const char *p)
{
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
        return p;
    }
    if (*p == '<') {
        const char *e = p + 1;
        while (*e && *e != '>' && !isspace((unsigned char)*e) && *e != '<')
            e++;
        return *e == '>' ? e + 1 : p;
    }
    if (*p == '"' || *p == '\'') {
        char c = *p;
        bool longs = p[1] == c && p[2] == c;
        const char *e = p + (longs ? 3 : 1);
        while (*e && !(longs ? e[0] == c && e[1] == c && e[2] == c : *e == c || *e == '\n'))
            e += e[0] == '\\' && e[1] ? 2 : 1;
        return *e ? e + (longs ? 3 : 1) : e;
    }
    if (*p == '?' || *p == '$') {
        const char *e = p + 1;
        while (isalnum((unsigned char)*e) || *e == '_' || (unsigned char)*e >= 0x80)
            e++;
        return e;
    }
    return p;
}

/* The length of the name at `p` (letters, digits, '_', '-', ':' and non-ASCII). */
static size_t name_length(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '-' || p[n] == ':' ||
           (unsigned char)p[n] >= 0x80)
        n++;
    return n;
}

/* Where the keyword `word` stands first in `text` as a whole name, outside comments, IRIs,
 * strings and variables; NULL when it does not. */
static const char *find_keyword(const char *text, const char *word)
{
    size_t wn = strlen(word);
    for (const char *p = text; *p;) {
        const char *e = skip_token(p);
        if (e != p) {
            p = e;
            continue;
        }
        size_t n = name_length(p);
        if (!n) {
            p++;
            continue;
        }
        if (n == wn && !strncasecmp(p, word, n))
            return p;
        p += n;
    }
    return NULL;
}

/* A copy of the query `text` in which the DISTINCT or REDUCED of its (first, top-level) SELECT is
 * blanked out, keeping every other byte where it was; NULL when there is none to blank. */
static char *without_distinct(const char *text)
{
    const char *sel = find_keyword(text, "SELECT");
    if (!sel)
        return NULL;
    const char *p = sel + 6;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (*p != '#')
            break;
        p = skip_token(p);
    }
    size_t n = name_length(p);
    if (!((n == 8 && !strncasecmp(p, "DISTINCT", 8)) || (n == 7 && !strncasecmp(p, "REDUCED", 7))))
        return NULL;
    char *copy = ng_strdup(text);
    if (copy)
        memset(copy + (p - text), ' ', n);
    return copy;
}

/* The text to run for the parsed SELECT `q`: a new copy without DISTINCT (*distinct set: the
 * writer is to drop repeated rows), or NULL to run q->text as it is. */
char *ng_query_rewrite(const NgQuery *q, bool *distinct)
{
    *distinct = false;
    if (!q->rq || q->verb != RASQAL_QUERY_VERB_SELECT || !rasqal_query_get_distinct(q->rq) ||
        rasqal_query_get_limit(q->rq) >= 0 || rasqal_query_get_offset(q->rq) > 0)
        return NULL;
    char *text = without_distinct(q->text);
    *distinct = text != NULL;
    return text;
}
