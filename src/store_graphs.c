/* store_graphs.c — named graphs in sqlite stores (Redland contexts): the graphs a load stages,
 * replacing an article's graph with its rebuilt one, dropping one, and forgetting the actors no
 * article mentions any more.
 *
 * `build -f nquads` (or trig) puts each article's triples in the graph named by the article's
 * IRI, and what its actors are (types, labels, sameAs) in a graph shared by every article; what
 * the article says of an actor, ng:mentionCount among it, stays in the article's graph.  So an
 * actor is still mentioned exactly while some graph holds an ng:mentionCount of it: when the last
 * one goes (its article's graph replaced or dropped), its description leaves the named graphs too,
 * and no stale node is left for queries and `stats` to count.  Queries see the union of all
 * graphs; Redland's union keeps a triple once per graph that holds it (docs/queries.md).
 */
#include "store_impl.h"
#include "ns.h"

#include <stdlib.h>
#include <string.h>

#define MENTION_COUNT NG_NS "mentionCount"

/* The IRI of a resource node, NULL for a blank node or a literal. */
static const char *iri_of(librdf_node *n)
{
    librdf_uri *u = n && librdf_node_is_resource(n) ? librdf_node_get_uri(n) : NULL;
    return u ? (const char *)librdf_uri_as_string(u) : NULL;
}

/* Is the node the resource `iri`? */
static bool is_iri(librdf_node *n, const char *iri)
{
    const char *s = iri_of(n);
    return s && !strcmp(s, iri);
}

NgStatus ng_store_graphs_note(NgStore *s, librdf_statement *t, librdf_node *g)
{
    const char *name = iri_of(g);
    if (!name)
        return NG_SUCCESS;
    size_t bits = 0, len = strlen(name);
    ng_map_get(&s->graphs, name, len, &bits);
    size_t more = bits | NG_GRAPH_STAGED;
    if (is_iri(librdf_statement_get_subject(t), name) &&
        is_iri(librdf_statement_get_predicate(t), NG_NS_RDF "type") &&
        is_iri(librdf_statement_get_object(t), NG_NS_NIF "Context"))
        more |= NG_GRAPH_ARTICLE;
    return more == bits ? NG_SUCCESS : ng_map_put(&s->graphs, name, len, more);
}

/* A new node for the graph IRI `name`; NULL on no memory. */
static librdf_node *graph_node(NgStore *s, const char *name)
{
    return librdf_new_node_from_uri_string(s->world, (const unsigned char *)name);
}

NgStatus ng_store_graphs_add(NgStore *s, librdf_model *m, NgSqliteBulk *b)
{
    NgStatus st = NG_SUCCESS;
    for (size_t k = 0; !st && k < s->graphs.cap; k++) {
        if (!s->graphs.keys || !s->graphs.keys[k])
            continue;
        librdf_node *g = graph_node(s, s->graphs.keys[k]);
        librdf_stream *str = g ? librdf_model_context_as_stream(s->qstage, g) : NULL;
        if (!g)
            st = NG_ERR_NOMEM;
        else if (str && !b && librdf_model_context_add_statements(m, g, str))
            st = NG_ERR_STORE;
        for (; str && b && !st && !librdf_stream_end(str); librdf_stream_next(str))
            st = ng_sqlite_bulk_add(b, librdf_stream_get_object(str), g);
        if (str)
            librdf_free_stream(str);
        if (g)
            librdf_free_node(g);
    }
    return st;
}

/* Notes the actors graph `g` mentions (the subjects of its ng:mentionCount triples). */
static NgStatus note_mentioned(librdf_model *m, librdf_node *g, NgForget *f)
{
    librdf_stream *str = librdf_model_context_as_stream(m, g);
    NgStatus st = NG_SUCCESS;
    for (; str && !st && !librdf_stream_end(str); librdf_stream_next(str)) {
        librdf_statement *t = librdf_stream_get_object(str);
        librdf_node *a = t ? librdf_statement_get_subject(t) : NULL;
        if (!a || !is_iri(librdf_statement_get_predicate(t), MENTION_COUNT))
            continue;
        st = ng_grow((void **)&f->actors, &f->cap, f->count + 1, sizeof *f->actors);
        if (!st && !(f->actors[f->count] = librdf_new_node_from_node(a)))
            st = NG_ERR_NOMEM;
        if (!st)
            f->count++;
    }
    if (str)
        librdf_free_stream(str);
    return st;
}

/* Empties graph `g`, noting the actors it mentioned. */
static NgStatus empty_graph(librdf_model *m, librdf_node *g, NgForget *f)
{
    NgStatus st = note_mentioned(m, g, f);
    if (!st && librdf_model_context_remove_statements(m, g))
        st = NG_ERR_STORE;
    return st;
}

NgStatus ng_store_graphs_replace(NgStore *s, librdf_model *m, const NgDiag *diag, NgForget *f)
{
    NgStatus st = NG_SUCCESS;
    for (size_t k = 0; s->replace && !st && k < s->graphs.cap; k++) {
        if (!s->graphs.keys || !s->graphs.keys[k] || !(s->graphs.values[k] & NG_GRAPH_ARTICLE))
            continue;
        librdf_node *g = graph_node(s, s->graphs.keys[k]);
        st = g ? empty_graph(m, g, f) : NG_ERR_NOMEM;
        if (st == NG_ERR_STORE)
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot empty the graph <%s>",
                           s->graphs.keys[k]);
        if (g)
            librdf_free_node(g);
    }
    return st;
}

/* Does any graph (or the default graph) still hold an ng:mentionCount of actor `a`? */
static bool still_mentioned(NgStore *s, librdf_model *m, librdf_node *a, NgStatus *st)
{
    librdf_node *p = librdf_new_node_from_uri_string(s->world, (const unsigned char *)MENTION_COUNT);
    librdf_node *sn = librdf_new_node_from_node(a);
    librdf_statement *q = NULL;
    if (p && sn)   /* the statement owns the nodes, and frees them when it cannot be made */
        q = librdf_new_statement_from_nodes(s->world, sn, p, NULL);
    else if (p)
        librdf_free_node(p);
    else if (sn)
        librdf_free_node(sn);
    librdf_stream *str = q ? librdf_model_find_statements(m, q) : NULL;
    bool found = str && !librdf_stream_end(str);
    if (!q)
        *st = NG_ERR_NOMEM;
    if (str)
        librdf_free_stream(str);
    if (q)
        librdf_free_statement(q);
    return found || *st;
}

/* Removes every triple about actor `a` from the named graphs that hold it (its description in
 * the shared graph); collects them first, since a stream must not see its store change. */
static NgStatus forget_actor(NgStore *s, librdf_model *m, librdf_node *a, size_t *removed)
{
    librdf_node *sn = librdf_new_node_from_node(a);   /* owned by q, even when it fails */
    librdf_statement *q = sn ? librdf_new_statement_from_nodes(s->world, sn, NULL, NULL) : NULL;
    librdf_stream *str = q ? librdf_model_find_statements(m, q) : NULL;
    librdf_statement **ts = NULL;
    librdf_node **gs = NULL;
    size_t n = 0, cap = 0, gcap = 0;
    NgStatus st = q ? NG_SUCCESS : NG_ERR_NOMEM;
    for (; str && !st && !librdf_stream_end(str); librdf_stream_next(str)) {
        librdf_node *g = librdf_stream_get_context2(str);
        if (!g)
            continue;   /* the default graph: a load without graphs put it there */
        st = ng_grow((void **)&ts, &cap, n + 1, sizeof *ts);
        if (!st)
            st = ng_grow((void **)&gs, &gcap, n + 1, sizeof *gs);
        if (!st) {
            ts[n] = librdf_new_statement_from_statement(librdf_stream_get_object(str));
            gs[n] = librdf_new_node_from_node(g);
            st = ts[n] && gs[n] ? NG_SUCCESS : NG_ERR_NOMEM;
            n++;
        }
    }
    if (str)
        librdf_free_stream(str);
    for (size_t i = 0; i < n; i++) {
        if (!st && ts[i] && gs[i] && librdf_model_context_remove_statement(m, gs[i], ts[i]))
            st = NG_ERR_STORE;
        else if (!st)
            (*removed)++;
        if (ts[i])
            librdf_free_statement(ts[i]);
        if (gs[i])
            librdf_free_node(gs[i]);
    }
    free(ts);
    free(gs);
    if (q)
        librdf_free_statement(q);
    return st;
}

void ng_store_forget_free(NgForget *f)
{
    for (size_t i = 0; i < f->count; i++)
        librdf_free_node(f->actors[i]);
    free(f->actors);
    memset(f, 0, sizeof *f);
}

NgStatus ng_store_graphs_forget(NgStore *s, librdf_model *m, NgForget *f, size_t *removed)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; i < f->count; i++) {
        if (!st && !still_mentioned(s, m, f->actors[i], &st))
            st = forget_actor(s, m, f->actors[i], removed);
        librdf_free_node(f->actors[i]);
    }
    free(f->actors);
    memset(f, 0, sizeof *f);
    return st;
}

/* ---------------------------------------------------------------- drop, count */

/* An sqlite store, writable when `write`; else reported. */
static bool keeps_graphs(NgStore *s, bool write, const NgDiag *diag)
{
    if (s->kind != NG_STORE_SQLITE) {
        ng_diag_report(diag, NG_DIAG_ERROR, ng_store_path(s), 0, 0,
                       "this store keeps no named graphs; an sqlite: store does");
        return false;
    }
    if (write && !s->writable) {
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "the store was opened read-only");
        return false;
    }
    return true;
}

NgStatus ng_store_drop_graph(NgStore *store, const char *graph, const NgDiag *diag,
                             size_t *removed)
{
    size_t gone = 0;
    if (removed)
        *removed = 0;
    if (!keeps_graphs(store, true, diag))
        return NG_ERR_STORE;
    NgStatus st = ng_store_sqlite_index_graphs(store, diag);
    librdf_model *m = st ? NULL : ng_store_model(store, diag);
    librdf_node *g = m ? graph_node(store, graph) : NULL;
    if (!st && !m)
        return NG_ERR_STORE;
    if (!g)
        return st ? st : NG_ERR_NOMEM;
    ng_store_capture(store, diag);
    size_t before = ng_store_model_size(m);
    NgForget f = {0};
    if (!librdf_model_contains_context(m, g)) {
        ng_diag_report(diag, NG_DIAG_ERROR, store->path, 0, 0,
                       "holds no graph <%s>; list them with: newsgraph query --store %s:%s -e "
                       "'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }'",
                       graph, "sqlite", store->path);
        st = NG_ERR_DATA;
    } else if (librdf_model_transaction_start(m)) {
        st = ng_store_error(store, diag, NG_ERR_STORE, "cannot start a transaction");
    } else {
        st = empty_graph(m, g, &f);
        if (!st)
            st = ng_store_graphs_forget(store, m, &f, &gone);
        if (!st && librdf_model_transaction_commit(m))
            st = NG_ERR_STORE;
        if (st) {
            librdf_model_transaction_rollback(m);
            ng_store_error(store, diag, st, "drop failed; the store is unchanged");
        }
    }
    ng_store_forget_free(&f);   /* what a failure left */
    librdf_free_node(g);
    if (!st && removed)
        *removed = before - ng_store_model_size(m);
    return st;
}

NgStatus ng_store_graph_count(NgStore *store, const NgDiag *diag, size_t *graphs)
{
    *graphs = 0;
    if (store->kind != NG_STORE_SQLITE)
        return NG_SUCCESS;
    librdf_model *m = ng_store_model(store, diag);
    if (!m)
        return NG_ERR_STORE;
    ng_store_capture(store, diag);
    librdf_iterator *it = librdf_model_get_contexts(m);
    for (; it && !librdf_iterator_end(it); librdf_iterator_next(it))
        (*graphs)++;
    if (it)
        librdf_free_iterator(it);
    if (!it || store->log.errors)
        return ng_store_error(store, diag, NG_ERR_STORE, "cannot list the store's graphs");
    return NG_SUCCESS;
}
