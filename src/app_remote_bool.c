/* app_remote_bool.c — a server's 0 and 1 where the query asked for a boolean (issue 15).
 *
 * Virtuoso 7.2 has no boolean type of its own: the value of a boolean expression that a query
 * binds (`BIND(BOUND(?o) AS ?omission)`, `SELECT (?a < ?b AS ?before)`) comes back as
 * "1"^^xsd:integer or "0"^^xsd:integer, where the SPARQL 1.1 operator gives an xsd:boolean
 * (and a local query prints true or false).  The query says which variables hold such a value:
 * those bound by an expression whose result is always a boolean (a comparison, a logical
 * operator, BOUND, isIRI, REGEX, ...).  In those columns alone, and only when the server's cell is
 * an xsd:integer 0 or 1, the cell becomes the boolean the query asked for.  A value the server
 * typed otherwise is left as it came, and a query Rasqal cannot parse leaves every row as it
 * came.  Called by query.c's ng_query_write_foreign, which has the query parsed already.
 */
#include "internal.h"
#include "results_internal.h"

#include <stdlib.h>
#include <string.h>

#define XSD "http://www.w3.org/2001/XMLSchema#"

/* Does `e` always evaluate to an xsd:boolean (or to an error), whatever it is given? */
static bool expression_is_boolean(const rasqal_expression *e)
{
    if (!e)
        return false;
    switch (e->op) {
    case RASQAL_EXPR_AND: case RASQAL_EXPR_OR: case RASQAL_EXPR_BANG:
    case RASQAL_EXPR_EQ: case RASQAL_EXPR_NEQ: case RASQAL_EXPR_LT: case RASQAL_EXPR_GT:
    case RASQAL_EXPR_LE: case RASQAL_EXPR_GE:
    case RASQAL_EXPR_STR_EQ: case RASQAL_EXPR_STR_NEQ: case RASQAL_EXPR_STR_MATCH:
    case RASQAL_EXPR_STR_NMATCH:
    case RASQAL_EXPR_BOUND: case RASQAL_EXPR_ISURI: case RASQAL_EXPR_ISBLANK:
    case RASQAL_EXPR_ISLITERAL: case RASQAL_EXPR_ISNUMERIC: case RASQAL_EXPR_SAMETERM:
    case RASQAL_EXPR_LANGMATCHES: case RASQAL_EXPR_REGEX: case RASQAL_EXPR_IN:
    case RASQAL_EXPR_NOT_IN: case RASQAL_EXPR_STRSTARTS: case RASQAL_EXPR_STRENDS:
    case RASQAL_EXPR_CONTAINS:
        return true;
    case RASQAL_EXPR_LITERAL:
        return e->literal && e->literal->type == RASQAL_LITERAL_BOOLEAN;
    case RASQAL_EXPR_CAST: {
        const char *dt = e->name ? (const char *)raptor_uri_as_string(e->name) : "";
        return !strcmp(dt, XSD "boolean");
    }
    case RASQAL_EXPR_IF:
        return expression_is_boolean(e->arg2) && expression_is_boolean(e->arg3);
    case RASQAL_EXPR_COALESCE: {
        int n = e->args ? raptor_sequence_size(e->args) : 0;
        for (int i = 0; i < n; i++)
            if (!expression_is_boolean(raptor_sequence_get_at(e->args, i)))
                return false;
        return n > 0;
    }
    default:
        return false;
    }
}

/* Marks the columns of `fr` named `var` (when `e` is boolean) in `mark`. */
static void mark_column(const NgForeignResults *fr, const rasqal_variable *var,
                        const rasqal_expression *e, bool *mark)
{
    if (!var || !var->name || !expression_is_boolean(e))
        return;
    for (int c = 0; c < fr->cols; c++)
        if (fr->names[c] && !strcmp(fr->names[c], (const char *)var->name))
            mark[c] = true;
}

/* Marks the columns bound by a boolean BIND anywhere in the pattern `gp`. */
static void mark_binds(const NgForeignResults *fr, rasqal_graph_pattern *gp, bool *mark,
                       int depth)
{
    if (!gp || depth > 64)
        return;
    if (rasqal_graph_pattern_get_operator(gp) == RASQAL_GRAPH_PATTERN_OPERATOR_LET)
        mark_column(fr, rasqal_graph_pattern_get_variable(gp),
                    rasqal_graph_pattern_get_filter_expression(gp), mark);
    rasqal_graph_pattern *sub;
    for (int i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i)); i++)
        mark_binds(fr, sub, mark, depth + 1);
}

/* The cell `n` if it is "0" or "1" typed xsd:integer: 0 or 1; else -1. */
static int integer_bit(librdf_node *n)
{
    if (!n || !librdf_node_is_literal(n))
        return -1;
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    const char *v = (const char *)librdf_node_get_literal_value(n);
    if (!dt || strcmp((const char *)librdf_uri_as_string(dt), XSD "integer") || !v)
        return -1;
    return !strcmp(v, "1") ? 1 : !strcmp(v, "0") ? 0 : -1;
}

/* Makes the xsd:integer 0/1 cells of the columns that the parsed query `rq` binds to a boolean
 * expression (in SELECT or with BIND) the booleans false/true.  Only a failure to allocate is an
 * error; the rows are otherwise left as they came. */
NgStatus ng_remote_restore_booleans(librdf_world *w, rasqal_query *rq, NgForeignResults *fr)
{
    if (!rq || fr->kind != NG_FOREIGN_ROWS || fr->cols <= 0 || !fr->rows)
        return NG_SUCCESS;
    bool *mark = calloc((size_t)fr->cols, sizeof *mark);
    if (!mark)
        return NG_ERR_NOMEM;
    raptor_sequence *proj = rasqal_query_get_bound_variable_sequence(rq);
    for (int i = 0; proj && i < raptor_sequence_size(proj); i++) {
        rasqal_variable *v = raptor_sequence_get_at(proj, i);
        mark_column(fr, v, v ? v->expression : NULL, mark);
    }
    mark_binds(fr, rasqal_query_get_query_graph_pattern(rq), mark, 0);
    librdf_uri *boolean = librdf_new_uri(w, (const unsigned char *)XSD "boolean");
    NgStatus st = boolean ? NG_SUCCESS : NG_ERR_NOMEM;
    for (size_t r = 0; !st && r < fr->rows; r++)
        for (int c = 0; !st && c < fr->cols; c++) {
            librdf_node **cell = &fr->cells[r * (size_t)fr->cols + (size_t)c];
            int bit = mark[c] ? integer_bit(*cell) : -1;
            if (bit < 0)
                continue;
            librdf_node *b = librdf_new_node_from_typed_literal(
                w, (const unsigned char *)(bit ? "true" : "false"), NULL, boolean);
            if (!b) {
                st = NG_ERR_NOMEM;
                break;
            }
            librdf_free_node(*cell);
            *cell = b;
        }
    if (boolean)
        librdf_free_uri(boolean);
    free(mark);
    return st;
}
