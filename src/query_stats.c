/* query_stats.c — `newsgraph stats`: a store's counts of articles, actors by kind, events by kind,
 * claims by modality and triples, each a SELECT of its own (ng_query_select).
 */
#include "query_internal.h"
#include "ns.h"

#include <stdlib.h>
#include <string.h>

/* What the rows of a count by kind go to. */
typedef struct {
    FILE *out;
    size_t total;
    int indent;
} StatsCtx;

/* One row of a count by kind: the kind and its count, indented under the group's total. */
static NgStatus stats_row(void *ud, int cols, const char **names, char **cells, NgTerm *terms)
{
    (void)names;
    StatsCtx *c = ud;
    if (cols < 2)
        return NG_SUCCESS;
    fprintf(c->out, "  %-24s %s\n", cells[0], cells[1]);
    c->total += (size_t)strtoull(terms[1].value, NULL, 10);
    return NG_SUCCESS;
}

/* The one value of a COUNT query, into the size_t at `ud`. */
static NgStatus count_row(void *ud, int cols, const char **names, char **cells, NgTerm *terms)
{
    (void)names;
    (void)cells;
    if (cols >= 1)
        *(size_t *)ud = (size_t)strtoull(terms[0].value, NULL, 10);
    return NG_SUCCESS;
}

/* Writes the store's name, its triples, then each group's total and its counts by kind. */
NgStatus ng_stats_write(NgStore *store, FILE *out, const NgDiag *diag)
{
    size_t triples = 0, n = 0;
    NgStatus st = ng_store_count(store, diag, &triples);
    if (st)
        return st;
    fprintf(out, "store     %s%s\n", ng_store_kind(store) == NG_STORE_SQLITE ? "sqlite:"
                                     : ng_store_kind(store) == NG_STORE_HASHES ? "hashes:"
                                                                               : "",
            ng_store_path(store));
    fprintf(out, "triples   %zu\n", triples);
    st = ng_query_select(store, "stats:articles",
                         NG_SPARQL_PREFIXES
                         "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                         diag, count_row, &n);
    if (!st)
        fprintf(out, "articles  %zu\n", n);
    static const char *const groups[][3] = {
        {"actors", "ng:Actor",
         "SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ng:Actor . ?x a ?kind . "
         "FILTER(STRSTARTS(STR(?kind), STR(ng:)) && ?kind != ng:Actor) } GROUP BY ?kind "
         "ORDER BY DESC(?n) ?kind"},
        {"events", "ng:Event",
         "SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ng:Event . ?x a ?kind . "
         "FILTER(STRSTARTS(STR(?kind), STR(ng:)) && ?kind != ng:Event) } GROUP BY ?kind "
         "ORDER BY DESC(?n) ?kind"},
        {"claims", "schema:Claim",
         "SELECT ?modality (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a schema:Claim . "
         "?x ng:modality ?modality } GROUP BY ?modality ORDER BY DESC(?n) ?modality"},
    };
    for (size_t g = 0; !st && g < 3; g++) {
        NgBuf q = {0};
        st = ng_buf_appendf(&q, NG_SPARQL_PREFIXES "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a %s }",
                            groups[g][1]);
        n = 0;
        if (!st)
            st = ng_query_select(store, "stats", q.data, diag, count_row, &n);
        ng_buf_free(&q);
        if (st)
            break;
        fprintf(out, "%-9s %zu%s\n", groups[g][0], n,
                g == 0 ? ", by kind:" : g == 1 ? ", by kind (super-kinds counted too):" : ", by modality:");
        StatsCtx c = {out, 0, 2};
        st = ng_buf_appendf(&q, NG_SPARQL_PREFIXES "%s", groups[g][2]);
        if (!st)
            st = ng_query_select(store, groups[g][0], q.data, diag, stats_row, &c);
        ng_buf_free(&q);
    }
    if (!st && ferror(out))
        st = NG_ERR_IO;
    return st;
}
