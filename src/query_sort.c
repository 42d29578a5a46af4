/* query_sort.c — a SELECT's ORDER BY done by newsgraph instead of Rasqal (issue 15).
 *
 * Rasqal 0.9.33 sorts rows by inserting them, one by one, into a binary tree that it never
 * balances (rasqal_map.c), a row whose keys equal an earlier row's going to the right of it: rows
 * that come in order, or in long runs of equal keys, each cost a comparison with most rows before
 * them.  participation.rq on 1,000 articles: 7.5 s CPU with its ORDER BY, 1.3 s without.
 *
 * So a SELECT whose ORDER BY newsgraph can do runs without it (query_rewrite.c), with the
 * variables its conditions read appended to the projection, and its rows are sorted here the way
 * Rasqal sorts them (rasqal_rowsource_sort.c, rasqal_engine_sort.c):
 * - each condition is evaluated once per row by Rasqal's own evaluator, with the query's
 *   variables bound to the row's values; a condition that fails to evaluate gives no key;
 * - keys are compared in turn (rasqal_literal_array_compare): a missing key orders first, in
 *   either direction, and ends the comparison, two missing keys included; the others by
 *   rasqal_literal_compare with SPARQL's (XQuery's) rules: numbers and dates by value, then
 *   blank nodes before IRIs before literals; DESC() reverses;
 * - rows whose keys are equal stay in the order they came (Rasqal breaks ties by that order too).
 * A merge sort does that in n log n comparisons.  Where Rasqal calls two keys incomparable (a
 * plain string and a number), its order depends on how its tree grew: the query is then run
 * again as written, so the answer is always Rasqal's.
 */
#include "query_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- which queries */

/* What a walk over the ORDER BY conditions collects: the variables they read, and whether one of
 * them is an aggregate. */
typedef struct {
    rasqal_variable **vars;
    size_t count, cap;
    bool aggregate;
    bool nomem;
} VarWalk;

/* Notes a variable that expression `e` reads, or an aggregate (rasqal_expression_visit). */
static int visit_expression(void *ud, rasqal_expression *e)
{
    VarWalk *w = ud;
    switch (e->op) {
    case RASQAL_EXPR_COUNT: case RASQAL_EXPR_SUM: case RASQAL_EXPR_AVG: case RASQAL_EXPR_MIN:
    case RASQAL_EXPR_MAX: case RASQAL_EXPR_SAMPLE: case RASQAL_EXPR_GROUP_CONCAT:
        w->aggregate = true;
        return 1;
    default:
        break;
    }
    if (e->op != RASQAL_EXPR_LITERAL || !e->literal || e->literal->type != RASQAL_LITERAL_VARIABLE)
        return 0;
    rasqal_variable *v = e->literal->value.variable;
    for (size_t i = 0; i < w->count; i++)
        if (w->vars[i] == v)
            return 0;
    if (ng_grow((void **)&w->vars, &w->cap, w->count + 1, sizeof *w->vars)) {
        w->nomem = true;
        return 1;
    }
    w->vars[w->count++] = v;
    return 0;
}

/* The variables the ORDER BY conditions of `rq` read, into *w; false when one is an aggregate
 * or memory is short. */
static bool order_variables(rasqal_query *rq, VarWalk *w)
{
    memset(w, 0, sizeof *w);
    raptor_sequence *conds = rasqal_query_get_order_conditions_sequence(rq);
    for (int i = 0; conds && i < raptor_sequence_size(conds); i++) {
        rasqal_expression *e = raptor_sequence_get_at(conds, i);
        if (e)
            rasqal_expression_visit(e, visit_expression, w);
    }
    if (w->aggregate || w->nomem) {
        free(w->vars);
        return false;
    }
    return true;
}

/* The number of conditions in a sequence that may be NULL. */
static int sequence_size(raptor_sequence *seq)
{
    return seq ? raptor_sequence_size(seq) : 0;
}

/* Can newsgraph sort the SELECT's rows itself?  Not with GROUP BY, HAVING or an aggregate, whose
 * rows are groups, nor with an expression in the projection, which Rasqal evaluates after its
 * sort.  The hidden variables are those the ORDER BY reads and the projection lacks. */
bool ng_query_sortable(const NgQuery *q, const char ***hidden, int *count)
{
    *hidden = NULL;
    *count = 0;
    rasqal_query *rq = q->rq;
    if (!rq || q->verb != RASQAL_QUERY_VERB_SELECT ||
        sequence_size(rasqal_query_get_order_conditions_sequence(rq)) == 0 ||
        sequence_size(rasqal_query_get_group_conditions_sequence(rq)) ||
        sequence_size(rasqal_query_get_having_conditions_sequence(rq)))
        return false;
    raptor_sequence *proj = rasqal_query_get_bound_variable_sequence(rq);
    for (int i = 0; i < sequence_size(proj); i++) {
        rasqal_variable *v = raptor_sequence_get_at(proj, i);
        if (!v || !v->name || v->expression)
            return false;
    }
    VarWalk w;
    if (!order_variables(rq, &w))
        return false;
    const char **names = calloc(w.count + 1, sizeof *names);
    int n = 0;
    for (size_t k = 0; names && k < w.count; k++) {
        bool projected = rasqal_query_get_wildcard(rq) != 0;
        for (int i = 0; !projected && i < sequence_size(proj); i++)
            projected = !strcmp((const char *)((rasqal_variable *)raptor_sequence_get_at(proj, i))->name,
                                (const char *)w.vars[k]->name);
        if (!projected)
            names[n++] = (const char *)w.vars[k]->name;
    }
    free(w.vars);
    if (!names)
        return false;
    *hidden = names;
    *count = n;
    return true;
}

/* ---------------------------------------------------------------- reading the rows */

/* The rows read, with their sort keys. */
typedef struct {
    rasqal_world *rw;
    rasqal_evaluation_context *ctx;
    raptor_sequence *conds;   /* the query's ORDER BY conditions (borrowed) */
    int nkeys;
    int cols;                 /* columns read, hidden ones included */
    librdf_node **nodes;      /* rows * cols, NULL where unbound */
    size_t nodes_cap;
    rasqal_literal **keys;    /* rows * nkeys, NULL where unbound or an error */
    size_t keys_cap;
    size_t rows;
    bool incomparable;        /* rasqal_literal_compare failed on two keys */
} Sorter;

/* A node as Rasqal holds it for a query through Redland (redland_node_to_rasqal_literal in
 * librdf's rdf_query_rasqal.c, the same conversion): a new literal, NULL when memory is short. */
static rasqal_literal *node_literal(rasqal_world *rw, librdf_node *n)
{
    if (librdf_node_is_resource(n)) {
        raptor_uri *u = raptor_uri_copy(librdf_node_get_uri(n));
        return u ? rasqal_new_uri_literal(rw, u) : NULL;
    }
    const char *s = librdf_node_is_literal(n) ? (const char *)librdf_node_get_literal_value(n)
                                              : (const char *)librdf_node_get_blank_identifier(n);
    char *copy = rasqal_alloc_memory(strlen(s ? s : "") + 1);
    if (!copy)
        return NULL;
    strcpy(copy, s ? s : "");
    if (!librdf_node_is_literal(n))
        return rasqal_new_simple_literal(rw, RASQAL_LITERAL_BLANK, (unsigned char *)copy);
    const char *lang = librdf_node_get_literal_value_language(n);
    char *lcopy = lang ? rasqal_alloc_memory(strlen(lang) + 1) : NULL;
    if (lang && !lcopy) {
        rasqal_free_memory(copy);
        return NULL;
    }
    if (lcopy)
        strcpy(lcopy, lang);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    return rasqal_new_string_literal(rw, (unsigned char *)copy, lcopy,
                                     dt ? raptor_uri_copy(dt) : NULL, NULL);
}

/* Binds the variables the conditions read to the row `nodes` (`col[i]`: the column of vars[i],
 * -1 for none) and evaluates each condition into keys[0..nkeys), as
 * rasqal_engine_rowsort_calculate_order_values does. */
static NgStatus row_keys(Sorter *s, const VarWalk *w, const int *col, librdf_node **nodes,
                         rasqal_literal **keys)
{
    for (size_t i = 0; i < w->count; i++) {
        librdf_node *n = col[i] >= 0 ? nodes[col[i]] : NULL;
        rasqal_literal *l = n ? node_literal(s->rw, n) : NULL;
        if (n && !l)
            return NG_ERR_NOMEM;
        rasqal_variable_set_value(w->vars[i], l);
    }
    for (int k = 0; k < s->nkeys; k++) {
        int error = 0;
        rasqal_expression *e = raptor_sequence_get_at(s->conds, k);
        rasqal_literal *l = rasqal_expression_evaluate2(e, s->ctx, &error);
        rasqal_literal *v = l && !error ? rasqal_literal_value(l) : NULL;
        keys[k] = v ? rasqal_new_literal_from_literal(v) : NULL;
        if (l)
            rasqal_free_literal(l);
    }
    return NG_SUCCESS;
}

/* Reads every row of `r` into the sorter, with its keys. */
static NgStatus read_rows(Sorter *s, NgQuery *q, librdf_query_results *r)
{
    VarWalk w;
    if (!order_variables(q->rq, &w))
        return NG_ERR_NOMEM;
    int *col = calloc(w.count + 1, sizeof *col);
    NgStatus st = col ? NG_SUCCESS : NG_ERR_NOMEM;
    for (size_t i = 0; !st && i < w.count; i++) {
        col[i] = -1;
        for (int c = 0; c < s->cols; c++) {
            const char *name = librdf_query_results_get_binding_name(r, c);
            if (name && !strcmp(name, (const char *)w.vars[i]->name))
                col[i] = c;
        }
    }
    while (!st && !librdf_query_results_finished(r)) {
        st = ng_grow((void **)&s->nodes, &s->nodes_cap, (s->rows + 1) * (size_t)s->cols,
                     sizeof *s->nodes);
        if (!st)
            st = ng_grow((void **)&s->keys, &s->keys_cap, (s->rows + 1) * (size_t)s->nkeys,
                         sizeof *s->keys);
        if (st)
            break;
        librdf_node **nodes = s->nodes + s->rows * (size_t)s->cols;
        rasqal_literal **keys = s->keys + s->rows * (size_t)s->nkeys;
        for (int c = 0; c < s->cols; c++)
            nodes[c] = librdf_query_results_get_binding_value(r, c);
        memset(keys, 0, (size_t)s->nkeys * sizeof *keys);
        s->rows++;
        st = row_keys(s, &w, col, nodes, keys);
        librdf_query_results_next(r);
    }
    for (size_t i = 0; i < w.count; i++)
        rasqal_variable_set_value(w.vars[i], NULL);
    free(col);
    free(w.vars);
    return st;
}

/* ---------------------------------------------------------------- sorting */

/* Compares two keys as rasqal_literal_compare(a, b, XQUERY | URI) does; *error when it fails.
 * Two simple strings (no language, no datatype) or two booleans, the keys most ORDER BYs have,
 * are compared here as it compares them (strcmp; false before true), without its promotions. */
static int compare_keys(rasqal_literal *a, rasqal_literal *b, int *error)
{
    *error = 0;
    if (a->type == RASQAL_LITERAL_STRING && b->type == RASQAL_LITERAL_STRING && !a->language &&
        !b->language && !a->datatype && !b->datatype)
        return strcmp((const char *)a->string, (const char *)b->string);
    if (a->type == RASQAL_LITERAL_BOOLEAN && b->type == RASQAL_LITERAL_BOOLEAN)
        return (a->value.integer != 0) - (b->value.integer != 0);
    return rasqal_literal_compare(a, b, RASQAL_COMPARE_XQUERY | RASQAL_COMPARE_URI, error);
}

/* Compares rows a and b by their keys as rasqal_literal_array_compare does; 0 when they tie. */
static int compare_rows(Sorter *s, size_t a, size_t b)
{
    rasqal_literal **ka = s->keys + a * (size_t)s->nkeys, **kb = s->keys + b * (size_t)s->nkeys;
    for (int k = 0; k < s->nkeys; k++) {
        if (!ka[k] || !kb[k])
            return ka[k] ? 1 : kb[k] ? -1 : 0;
        int error = 0;
        int c = compare_keys(ka[k], kb[k], &error);
        if (error) {
            s->incomparable = true;
            return 0;
        }
        if (c) {
            rasqal_expression *e = raptor_sequence_get_at(s->conds, k);
            bool desc = e && e->op == RASQAL_EXPR_ORDER_COND_DESC;
            return desc ? (c < 0 ? 1 : -1) : (c < 0 ? -1 : 1);
        }
    }
    return 0;
}

/* Sorts the row numbers a[0..n) by their keys, ties in their order (a merge sort; `tmp` holds
 * n / 2 of them). */
static void merge_sort(Sorter *s, size_t *a, size_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    merge_sort(s, a, tmp, h);
    merge_sort(s, a + h, tmp, n - h);
    if (compare_rows(s, a[h - 1], a[h]) <= 0)
        return;
    memcpy(tmp, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = compare_rows(s, a[j], tmp[i]) < 0 ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

/* The names of the first `cols` columns: the results', or the query's when there are no rows
 * (Rasqal reports no variables then). */
static NgStatus column_names(NgQuery *q, librdf_query_results *r, int all, int cols,
                             NgForeignResults *out)
{
    raptor_sequence *proj = rasqal_query_get_bound_variable_sequence(q->rq);
    if (all <= 0)
        cols = sequence_size(proj);
    out->names = calloc((size_t)(cols > 0 ? cols : 0) + 1, sizeof *out->names);
    if (!out->names)
        return NG_ERR_NOMEM;
    for (int c = 0; c < cols; c++) {
        if (all > 0) {
            out->names[c] = librdf_query_results_get_binding_name(r, c);
        } else {
            rasqal_variable *v = raptor_sequence_get_at(proj, c);
            out->names[c] = v && v->name ? (const char *)v->name : "";
        }
        if (!out->names[c])
            out->names[c] = "";
    }
    out->cols = cols;
    return NG_SUCCESS;
}

/* Moves the sorted rows' first out->cols nodes, in the order of `idx`, into out->cells, and
 * frees the hidden ones. */
static NgStatus take_rows(Sorter *s, const size_t *idx, NgForeignResults *out)
{
    size_t cols = (size_t)out->cols;
    out->cells = calloc(s->rows * cols + 1, sizeof *out->cells);
    if (!out->cells)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < s->rows; i++) {
        librdf_node **row = s->nodes + idx[i] * (size_t)s->cols;
        for (size_t c = 0; c < (size_t)s->cols; c++) {
            if (c < cols)
                out->cells[i * cols + c] = row[c];
            else if (row[c])
                librdf_free_node(row[c]);
            row[c] = NULL;
        }
    }
    out->rows = s->rows;
    return NG_SUCCESS;
}

/* Frees what the sorter holds. */
static void sorter_free(Sorter *s)
{
    for (size_t i = 0; s->nodes && i < s->rows * (size_t)s->cols; i++)
        if (s->nodes[i])
            librdf_free_node(s->nodes[i]);
    for (size_t i = 0; s->keys && i < s->rows * (size_t)s->nkeys; i++)
        if (s->keys[i])
            rasqal_free_literal(s->keys[i]);
    free(s->nodes);
    free(s->keys);
    if (s->ctx)
        rasqal_free_evaluation_context(s->ctx);
}

/* Reads, keys and sorts the rows of `r` (see the head of this file). */
NgStatus ng_query_sort(NgQuery *q, librdf_query_results *r, int hidden, NgForeignResults *out,
                       bool *again)
{
    memset(out, 0, sizeof *out);
    out->kind = NG_FOREIGN_ROWS;
    *again = false;
    Sorter s = {0};
    s.rw = librdf_world_get_rasqal(q->world);
    s.conds = rasqal_query_get_order_conditions_sequence(q->rq);
    s.nkeys = sequence_size(s.conds);
    int all = librdf_query_results_get_bindings_count(r);
    s.cols = all > 0 ? all : 0;
    s.ctx = rasqal_new_evaluation_context(s.rw, NULL, RASQAL_COMPARE_XQUERY);
    raptor_uri *base = raptor_new_uri(librdf_world_get_raptor(q->world),
                                      (const unsigned char *)q->base);
    NgStatus st = s.ctx && base ? NG_SUCCESS : NG_ERR_NOMEM;
    if (!st && rasqal_evaluation_context_set_base_uri(s.ctx, base))
        st = NG_ERR_NOMEM;
    if (base)
        raptor_free_uri(base);
    if (!st)   /* before the rows: Rasqal names no columns once they are read */
        st = column_names(q, r, all, s.cols - hidden, out);
    if (!st)
        st = read_rows(&s, q, r);
    size_t *idx = st ? NULL : malloc((s.rows + 1) * sizeof *idx);
    size_t *tmp = st ? NULL : malloc((s.rows / 2 + 1) * sizeof *tmp);
    if (!st && (!idx || !tmp))
        st = NG_ERR_NOMEM;
    for (size_t i = 0; !st && i < s.rows; i++)
        idx[i] = i;
    if (!st)
        merge_sort(&s, idx, tmp, s.rows);
    *again = !st && s.incomparable;
    if (!st && !*again)
        st = take_rows(&s, idx, out);
    free(idx);
    free(tmp);
    sorter_free(&s);
    if (st || *again)
        ng_query_sorted_free(out);
    return st;
}

/* Frees sorted rows' nodes and arrays. */
void ng_query_sorted_free(NgForeignResults *rows)
{
    for (size_t i = 0; rows->cells && i < rows->rows * (size_t)rows->cols; i++)
        if (rows->cells[i])
            librdf_free_node(rows->cells[i]);
    free(rows->cells);
    free((void *)rows->names);
    memset(rows, 0, sizeof *rows);
    rows->kind = NG_FOREIGN_ROWS;
}
