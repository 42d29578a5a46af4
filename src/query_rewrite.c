/* query_rewrite.c — what newsgraph does for Rasqal before it runs a query (issue 15).
 *
 * Rasqal 0.9.33 evaluates SELECT DISTINCT by comparing each row with the rows kept so far: on
 * 100 articles `co-mentions.rq` spent 3 of its 4 s in DISTINCT alone, and 15 of 16 s with its
 * ORDER BY (perf: rasqal_literal_array_equals, rasqal_map_add_kv).  So a SELECT DISTINCT (or
 * REDUCED) without LIMIT or OFFSET runs without the keyword, and query_write.c drops the repeated
 * rows as it writes them, by a hash of their terms: the same rows, in the same order (the first
 * of equal rows is kept, after ORDER BY as SPARQL has it), in time linear in the rows.  With LIMIT
 * or OFFSET, which count distinct rows, the query runs as written, unless newsgraph sorts it.
 *
 * Rasqal sorts into a binary tree it never balances (query_sort.c), so a SELECT whose ORDER BY
 * newsgraph can evaluate (ng_query_sortable) runs without its ORDER BY, LIMIT and OFFSET, and
 * with DISTINCT blanked out too; the variables its ORDER BY reads that the SELECT does not
 * return are appended to the projection, as hidden columns.  query_sort.c sorts the rows and
 * query_write.c drops repeated rows, skips OFFSET of them and stops after LIMIT.
 */
#include "query_internal.h"

#include <ctype.h>
#include <stdlib.h>
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

/* Blanks s[0..n) with spaces, keeping its line breaks (the lines stay where they were). */
static void blank(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\n')
            s[i] = ' ';
}

/* The next name or bracket at or after `p` outside comments, IRIs, strings and variables; its
 * length in *n (1 for a bracket or other character); NULL at the end of the text. */
static const char *next_word(const char *p, size_t *n)
{
    for (;;) {
        const char *e = skip_token(p);
        if (e != p) {
            p = e;
            continue;
        }
        if (!*p)
            return NULL;
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        *n = name_length(p);
        if (!*n)
            *n = 1;
        return p;
    }
}

/* Is the word p[0..n) the keyword `kw`? */
static bool is_word(const char *p, size_t n, const char *kw)
{
    return n == strlen(kw) && !strncasecmp(p, kw, n);
}

/* Where the projection of the SELECT at `sel` ends: its WHERE, FROM or first '{'. */
static const char *projection_end(const char *sel)
{
    size_t n;
    for (const char *p = next_word(sel + 6, &n); p; p = next_word(p + n, &n))
        if (*p == '{' || is_word(p, n, "WHERE") || is_word(p, n, "FROM"))
            return p;
    return NULL;
}

/* Blanks the top-level ORDER BY, LIMIT and OFFSET of the query `text` that follow its group
 * pattern (from `sel`, its SELECT), in place; false when there is no ORDER BY there. */
static bool blank_modifiers(char *sel)
{
    size_t n;
    int depth = 0;
    char *p = (char *)next_word(sel, &n), *order = NULL;
    bool after = false, found = false;   /* past the query's group pattern; an ORDER BY */
    for (; p; p = (char *)next_word(p + n, &n)) {
        if (*p == '{' || *p == '}') {
            depth += *p == '{' ? 1 : -1;
            after = after || (*p == '}' && depth == 0);
            continue;
        }
        if (!after || depth)
            continue;
        bool limit = is_word(p, n, "LIMIT") || is_word(p, n, "OFFSET");
        if (order && (limit || is_word(p, n, "VALUES"))) {
            blank(order, (size_t)(p - order));
            order = NULL;
        }
        if (!order && is_word(p, n, "ORDER")) {
            size_t m;
            const char *by = next_word(p + n, &m);
            if (by && is_word(by, m, "BY"))
                order = p;
            found = found || order;
        } else if (limit) {
            const char *num = next_word(p + n, &n);
            if (!num)
                return false;
            blank(p, (size_t)(num + n - p));
            p = (char *)num;
        }
    }
    if (order)
        blank(order, strlen(order));
    return found;
}

/* A copy of `text` with the names in hidden[0..count) inserted as variables before `at`, the end
 * of its projection (NULL when count is 0 or memory is short: `text` is then returned as it is,
 * or freed). */
static char *with_hidden(char *text, const char *at, const char **hidden, int count)
{
    if (!count)
        return text;
    NgBuf b = {0};
    NgStatus st = ng_buf_append(&b, text, (size_t)(at - text));
    for (int i = 0; !st && i < count; i++)
        st = ng_buf_appendf(&b, " ?%s", hidden[i]);
    if (!st)
        st = ng_buf_appendf(&b, " %s", at);
    free(text);
    if (st) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

/* The number of items of a sequence that may be NULL. */
static int size_of(raptor_sequence *seq)
{
    return seq ? raptor_sequence_size(seq) : 0;
}

/* Does Rasqal read the rewritten `text` as planned: no ORDER BY, LIMIT, OFFSET or DISTINCT, and
 * the query's projection with `hidden` more variables?  A guard against a text this file's
 * scanner misreads: such a query runs as written instead. */
static bool reads_as_planned(const NgQuery *q, const char *text, int hidden)
{
    NgRdfLog *lg = ng_store_log_begin(q->store, q->diag, q->name);
    lg->capture_only = true;
    rasqal_query *rq = rasqal_new_query(librdf_world_get_rasqal(q->world), "sparql", NULL);
    raptor_uri *base = raptor_new_uri(librdf_world_get_raptor(q->world),
                                      (const unsigned char *)q->base);
    bool ok = rq && base && !rasqal_query_prepare(rq, (const unsigned char *)text, base) &&
              !lg->errors && rasqal_query_get_verb(rq) == RASQAL_QUERY_VERB_SELECT &&
              !size_of(rasqal_query_get_order_conditions_sequence(rq)) &&
              rasqal_query_get_limit(rq) < 0 && rasqal_query_get_offset(rq) <= 0 &&
              !rasqal_query_get_distinct(rq) &&
              size_of(rasqal_query_get_bound_variable_sequence(rq)) ==
                  size_of(rasqal_query_get_bound_variable_sequence(q->rq)) + hidden;
    if (base)
        raptor_free_uri(base);
    if (rq)
        rasqal_free_query(rq);
    return ok;
}

/* The text for a SELECT whose ORDER BY newsgraph does (query_sort.c): without ORDER BY, LIMIT,
 * OFFSET and DISTINCT, with the `hidden` variables appended to its projection; NULL when the text
 * does not have them where they are looked for. */
static char *for_sort(const NgQuery *q, const char **hidden, int count, NgRewrite *rw)
{
    char *text = ng_strdup(q->text);
    char *sel = text ? (char *)find_keyword(text, "SELECT") : NULL;
    if (!sel || !blank_modifiers(sel)) {
        free(text);
        return NULL;
    }
    char *nodistinct = without_distinct(text);
    if (nodistinct) {
        free(text);
        text = nodistinct;
        sel = (char *)find_keyword(text, "SELECT");
    }
    const char *at = projection_end(sel);
    if (!at) {
        free(text);
        return NULL;
    }
    rw->distinct = rasqal_query_get_distinct(q->rq) != 0;
    rw->sort = true;
    rw->hidden = count;
    rw->offset = rasqal_query_get_offset(q->rq) > 0 ? (size_t)rasqal_query_get_offset(q->rq) : 0;
    rw->limit = rasqal_query_get_limit(q->rq);
    text = with_hidden(text, at, hidden, count);
    if (text && !reads_as_planned(q, text, count)) {
        free(text);
        text = NULL;
    }
    return text;
}

/* The text to run for the parsed SELECT `q`: a new copy without ORDER BY (when `sort` allows and
 * ng_query_sortable agrees) or without DISTINCT, or NULL to run q->text as it is; *rw says what
 * the results must then do. */
char *ng_query_rewrite(const NgQuery *q, bool sort, NgRewrite *rw)
{
    memset(rw, 0, sizeof *rw);
    rw->limit = -1;
    if (!q->rq || q->verb != RASQAL_QUERY_VERB_SELECT)
        return NULL;
    const char **hidden = NULL;
    int count = 0;
    if (sort && ng_query_sortable(q, &hidden, &count)) {
        char *text = for_sort(q, hidden, count, rw);
        free(hidden);
        if (text)
            return text;
        memset(rw, 0, sizeof *rw);
        rw->limit = -1;
    }
    if (!rasqal_query_get_distinct(q->rq) || rasqal_query_get_limit(q->rq) >= 0 ||
        rasqal_query_get_offset(q->rq) > 0)
        return NULL;
    char *text = without_distinct(q->text);
    rw->distinct = text != NULL;
    return text;
}
