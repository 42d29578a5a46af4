/* query_describe.c — DESCRIBE.  Rasqal 0.9.33 fails every DESCRIBE ("Query execution failed"), so
 * DESCRIBE runs as a SELECT of the described variables (the query text rewritten) followed by the
 * concise bounded description (subject triples, through blank nodes) of each value and of each
 * IRI the query names.
 */
#include "query_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Skips white space and comments; returns the next token's start. */
static const char *skip_space(const char *p)
{
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (*p != '#')
            return p;
        while (*p && *p != '\n')
            p++;
    }
}

/* The end of the token at p: an <IRI>, a string, a ?var, a name or one punctuation character. */
static const char *token_end(const char *p)
{
    if (*p == '<') {
        const char *e = strchr(p, '>');
        return e ? e + 1 : p + strlen(p);
    }
    if (*p == '"' || *p == '\'') {
        char qc = *p++;
        while (*p && *p != qc) {
            if (*p == '\\' && p[1])
                p++;
            p++;
        }
        return *p ? p + 1 : p;
    }
    if (isalnum((unsigned char)*p) || *p == '?' || *p == '$' || *p == '_' || *p == ':' ||
        (unsigned char)*p >= 0x80) {
        p++;
        while (*p && (isalnum((unsigned char)*p) || strchr("_-.:%", *p) || (unsigned char)*p >= 0x80))
            p++;
        while (p[-1] == '.')
            p--;
        return p;
    }
    return *p ? p + 1 : p;
}

/* Is the token [p, e) the keyword `word`, in any case? */
static bool token_is(const char *p, const char *e, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(e - p) == n && !strncasecmp(p, word, n);
}

/* Rewrites "DESCRIBE targets" as "SELECT DISTINCT vars" (or "SELECT DISTINCT *"); sets *any_var
 * to whether the query names a variable or '*'. */
static char *describe_as_select(const char *text, bool *any_var)
{
    *any_var = false;
    const char *p = skip_space(text), *start = NULL, *end = NULL;
    while (*p) {
        const char *e = token_end(p);
        if (token_is(p, e, "DESCRIBE")) {
            start = p;
            end = e;
            break;
        }
        p = skip_space(e);
    }
    if (!start)
        return NULL;
    NgBuf vars = {0};
    bool star = false;
    p = skip_space(end);
    while (*p) {
        const char *e = token_end(p);
        if (*p == '{' || token_is(p, e, "WHERE") || token_is(p, e, "FROM") ||
            token_is(p, e, "ORDER") || token_is(p, e, "LIMIT") || token_is(p, e, "OFFSET") ||
            token_is(p, e, "VALUES"))
            break;
        if (*p == '*')
            star = true;
        if ((*p == '?' || *p == '$') && e > p + 1) {
            if (ng_buf_appendf(&vars, " ?%.*s", (int)(e - p - 1), p + 1)) {
                ng_buf_free(&vars);
                return NULL;
            }
        }
        end = e;
        p = skip_space(e);
    }
    *any_var = star || vars.len;
    NgBuf out = {0};
    NgStatus st = ng_buf_append(&out, text, (size_t)(start - text));
    if (!st)
        st = ng_buf_appendf(&out, "SELECT DISTINCT%s", star ? " *" : vars.data ? vars.data : "");
    if (!st)
        st = ng_buf_append(&out, end, strlen(end));
    ng_buf_free(&vars);
    if (st) {
        ng_buf_free(&out);
        return NULL;
    }
    return ng_buf_take(&out);
}

/* Adds the concise bounded description of `node` to `g`: its triples, and those of the blank
 * nodes they reach. */
static NgStatus describe_node(NgQuery *q, librdf_model *g, librdf_node *node)
{
    librdf_node **queue = NULL;
    size_t qn = 0, qcap = 0, qi = 0;
    NgStatus st = ng_grow((void **)&queue, &qcap, 1, sizeof *queue);
    if (!st)
        queue[qn++] = librdf_new_node_from_node(node);
    while (!st && qi < qn) {
        librdf_node *s = queue[qi++];
        librdf_statement *pattern = librdf_new_statement_from_nodes(q->world,
                                                                    librdf_new_node_from_node(s),
                                                                    NULL, NULL);
        librdf_stream *str = pattern ? librdf_model_find_statements(q->model, pattern) : NULL;
        if (!str)
            st = NG_ERR_QUERY;
        for (; str && !st && !librdf_stream_end(str); librdf_stream_next(str)) {
            librdf_statement *t = librdf_stream_get_object(str);
            if (librdf_model_contains_statement(g, t))
                continue;
            if (librdf_model_add_statement(g, t))
                st = NG_ERR_INTERNAL;
            librdf_node *o = librdf_statement_get_object(t);
            if (!st && librdf_node_is_blank(o)) {
                st = ng_grow((void **)&queue, &qcap, qn + 1, sizeof *queue);
                if (!st)
                    queue[qn++] = librdf_new_node_from_node(o);
            }
        }
        if (str)
            librdf_free_stream(str);
        if (pattern)
            librdf_free_statement(pattern);
    }
    for (size_t i = 0; i < qn; i++)
        if (queue[i])
            librdf_free_node(queue[i]);
    free(queue);
    return st;
}

/* DESCRIBE: the description of each IRI the query names, then of each value its variables take
 * when the rewritten SELECT runs. */
NgStatus ng_query_describe(NgQuery *q, librdf_model *g)
{
    NgStatus st = NG_SUCCESS;
    raptor_sequence *seq = rasqal_query_get_describe_sequence(q->rq);
    for (int i = 0; !st && seq && i < raptor_sequence_size(seq); i++) {
        rasqal_literal *l = raptor_sequence_get_at(seq, i);
        if (!l || l->type != RASQAL_LITERAL_URI)
            continue;
        librdf_node *n = librdf_new_node_from_uri_string(q->world,
                                                         raptor_uri_as_string(l->value.uri));
        st = n ? describe_node(q, g, n) : NG_ERR_NOMEM;
        if (n)
            librdf_free_node(n);
    }
    bool any_var;
    char *select = st ? NULL : describe_as_select(q->text, &any_var);
    if (!st && !select)
        st = NG_ERR_QUERY;
    if (!st && any_var) {
        librdf_query *lq;
        librdf_query_results *r = ng_query_execute(q, select, &lq);
        if (!r)
            st = NG_ERR_QUERY;
        while (!st && !librdf_query_results_finished(r)) {
            int cols = librdf_query_results_get_bindings_count(r);
            for (int c = 0; !st && c < cols; c++) {
                librdf_node *v = librdf_query_results_get_binding_value(r, c);
                if (v && !librdf_node_is_literal(v))
                    st = describe_node(q, g, v);
                if (v)
                    librdf_free_node(v);
            }
            librdf_query_results_next(r);
        }
        if (r)
            librdf_free_query_results(r);
        if (lq)
            librdf_free_query(lq);
    }
    free(select);
    return st;
}
