/* query_stats.c — `newsgraph stats`: a store's counts of articles, actors by kind, events by kind,
 * claims by modality, named graphs and triples, each a SELECT of its own (ng_query_select),
 * gathered first, then written as aligned text or as JSON.
 */
#include "query_internal.h"
#include "ns.h"

#include <stdlib.h>
#include <string.h>

/* One count by kind: the kind as a prefixed name, and its count. */
typedef struct {
    char *kind;
    size_t n;
} KindCount;

/* A group of counts: its total and its counts by kind, most first. */
typedef struct {
    const char *name;      /* "actors" */
    const char *by;        /* "kind" or "modality" */
    size_t total;
    KindCount *kinds;
    size_t count, cap;
} Group;

/* Everything `stats` says. */
typedef struct {
    size_t triples, graphs, articles;
    Group groups[3];
} Stats;

/* One row of a count by kind, appended to the group at `ud`. */
static NgStatus kind_row(void *ud, int cols, const char **names, char **cells, NgTerm *terms)
{
    (void)names;
    Group *g = ud;
    if (cols < 2)
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&g->kinds, &g->cap, g->count + 1, sizeof *g->kinds);
    if (st)
        return st;
    KindCount k = {ng_strdup(cells[0]), (size_t)strtoull(terms[1].value, NULL, 10)};
    if (!k.kind)
        return NG_ERR_NOMEM;
    g->kinds[g->count++] = k;
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

static void stats_free(Stats *s)
{
    for (size_t g = 0; g < 3; g++) {
        for (size_t i = 0; i < s->groups[g].count; i++)
            free(s->groups[g].kinds[i].kind);
        free(s->groups[g].kinds);
    }
}

/* Asks the store for every count. */
static NgStatus stats_gather(NgStore *store, const NgDiag *diag, Stats *s)
{
    static const char *const groups[][4] = {
        {"actors", "kind", "ng:Actor",
         "SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ng:Actor . ?x a ?kind . "
         "FILTER(STRSTARTS(STR(?kind), STR(ng:)) && ?kind != ng:Actor) } GROUP BY ?kind "
         "ORDER BY DESC(?n) ?kind"},
        {"events", "kind", "ng:Event",
         "SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ng:Event . ?x a ?kind . "
         "FILTER(STRSTARTS(STR(?kind), STR(ng:)) && ?kind != ng:Event) } GROUP BY ?kind "
         "ORDER BY DESC(?n) ?kind"},
        {"claims", "modality", "schema:Claim",
         "SELECT ?modality (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a schema:Claim . "
         "?x ng:modality ?modality } GROUP BY ?modality ORDER BY DESC(?n) ?modality"},
    };
    NgStatus st = ng_store_count(store, diag, &s->triples);
    if (!st)
        st = ng_store_graph_count(store, diag, &s->graphs);
    if (!st)
        st = ng_query_select(store, "stats:articles",
                             NG_SPARQL_PREFIXES
                             "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                             diag, count_row, &s->articles);
    for (size_t g = 0; !st && g < 3; g++) {
        Group *gr = &s->groups[g];
        gr->name = groups[g][0];
        gr->by = groups[g][1];
        NgBuf q = {0};
        st = ng_buf_appendf(&q, NG_SPARQL_PREFIXES "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a %s }",
                            groups[g][2]);
        if (!st)
            st = ng_query_select(store, "stats", q.data, diag, count_row, &gr->total);
        q.len = 0;
        if (!st)
            st = ng_buf_appendf(&q, NG_SPARQL_PREFIXES "%s", groups[g][3]);
        if (!st)
            st = ng_query_select(store, gr->name, q.data, diag, kind_row, gr);
        ng_buf_free(&q);
    }
    return st;
}

/* The store's spec, "sqlite:PATH", "hashes:PATH" or "(memory)". */
static void store_spec(NgStore *store, NgBuf *b)
{
    NgStoreKind k = ng_store_kind(store);
    if (ng_buf_appendf(b, "%s%s", k == NG_STORE_SQLITE ? "sqlite:" : k == NG_STORE_HASHES ? "hashes:" : "",
                       ng_store_path(store)))
        ng_buf_free(b);
}

/* The text: the store, its triples (and graphs), then each group's total and its counts. */
static void write_text(NgStore *store, const Stats *s, FILE *out)
{
    NgBuf spec = {0};
    store_spec(store, &spec);
    fprintf(out, "store     %s\n", spec.data ? spec.data : "");
    fprintf(out, "triples   %zu\n", s->triples);
    if (s->graphs)
        fprintf(out, "graphs    %zu\n", s->graphs);
    fprintf(out, "articles  %zu\n", s->articles);
    for (size_t g = 0; g < 3; g++) {
        const Group *gr = &s->groups[g];
        fprintf(out, "%-9s %zu%s\n", gr->name, gr->total,
                g == 0 ? ", by kind:" : g == 1 ? ", by kind (super-kinds counted too):" : ", by modality:");
        for (size_t i = 0; i < gr->count; i++)
            fprintf(out, "  %-24s %zu\n", gr->kinds[i].kind, gr->kinds[i].n);
    }
    ng_buf_free(&spec);
}

/* The JSON: {"store": ..., "triples": N, "graphs": N, "articles": N, "actors": {"total": N,
 * "by_kind": {"ng:State": N, ...}}, "events": ..., "claims": {"total": N, "by_modality": ...}}. */
static NgStatus write_json(NgStore *store, const Stats *s, FILE *out)
{
    NgBuf b = {0}, spec = {0};
    store_spec(store, &spec);
    NgStatus st = ng_buf_append(&b, "{\n  \"store\": ", 13);
    if (!st)
        st = ng_query_append_json_string(&b, spec.data ? spec.data : "", spec.len);
    if (!st)
        st = ng_buf_appendf(&b, ",\n  \"triples\": %zu,\n  \"graphs\": %zu,\n  \"articles\": %zu",
                            s->triples, s->graphs, s->articles);
    for (size_t g = 0; !st && g < 3; g++) {
        const Group *gr = &s->groups[g];
        st = ng_buf_appendf(&b, ",\n  \"%s\": {\n    \"total\": %zu,\n    \"by_%s\": {", gr->name,
                            gr->total, gr->by);
        for (size_t i = 0; !st && i < gr->count; i++) {
            st = ng_buf_appendf(&b, "%s\n      ", i ? "," : "");
            if (!st)
                st = ng_query_append_json_string(&b, gr->kinds[i].kind, strlen(gr->kinds[i].kind));
            if (!st)
                st = ng_buf_appendf(&b, ": %zu", gr->kinds[i].n);
        }
        if (!st)
            st = ng_buf_appendf(&b, "%s}\n  }", gr->count ? "\n    " : "");
    }
    if (!st)
        st = ng_buf_append(&b, "\n}\n", 3);
    if (!st && fwrite(b.data, 1, b.len, out) != b.len)
        st = NG_ERR_IO;
    ng_buf_free(&b);
    ng_buf_free(&spec);
    return st;
}

NgStatus ng_stats_write_as(NgStore *store, NgResultsFormat format, FILE *out, const NgDiag *diag)
{
    Stats s = {0};
    NgStatus st = stats_gather(store, diag, &s);
    if (!st && format == NG_RESULTS_JSON)
        st = write_json(store, &s, out);
    else if (!st)
        write_text(store, &s, out);
    stats_free(&s);
    if (!st && ferror(out))
        st = NG_ERR_IO;
    return st;
}

NgStatus ng_stats_write(NgStore *store, FILE *out, const NgDiag *diag)
{
    return ng_stats_write_as(store, NG_RESULTS_TABLE, out, diag);
}
