/* query_subgraph.c — the triples a query can match, in memory, before Rasqal runs it (issue 15).
 *
 * Rasqal asks the store once for every triple pattern and every row bound so far.  Through
 * Redland's sqlite storage each such look-up costs about 100 µs: it writes a new SQL statement
 * with the nodes as text, and looks up each node's id with another (rdf_storage_sqlite.c), so a
 * question that follows six links for each of 5,000 rows took 3-6 s CPU on 100 articles.  A
 * query's answers come only from triples that match one of its triple patterns, so for an
 * sqlite: store newsgraph first copies those into a storage in memory (query_memory.c) and runs
 * the query there: the same answers from a much smaller graph, where a look-up costs
 * microseconds.
 *
 * What is copied: when every answer matches all the patterns of one of the query's basic graph
 * patterns (no OPTIONAL, MINUS; each UNION branch apart: to_union), a semi-join (copy_bgp): the
 * pattern with a constant subject or object first, then each pattern only for the nodes its
 * variables took in the patterns copied before.  Otherwise every triple of each distinct pattern,
 * with its predicate (and its IRI object or subject) bound.
 *
 * Only where that is sure: a SELECT, ASK or CONSTRUCT whose every triple pattern names its
 * predicate, with no GRAPH, FROM, SERVICE or sub-SELECT; and not above MAX_TRIPLES, where the
 * copy would cost more memory than the look-ups cost time.  And, for a query the semi-join cannot
 * copy, only where it pays: not for a query without OPTIONAL whose look-ups, from the few triples
 * its first patterns (where Rasqal starts) match, cost less than the copy (starts_narrow).
 * Otherwise the query runs on the store.
 */
#include "query_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TRIPLES 4000000 /* about 150 MiB of triples and their orders, and the nodes */
/* What a look-up on the store costs (a new SQL statement, and one for each node's id:
 * rdf_storage_sqlite.c), and what copying a triple into memory costs (query_memory.c), in µs:
 * measured on 100 and 1,000 articles, `claims.rq` and `claim-evidence.rq` copied, `relations.rq`
 * and `uncertain-claims.rq` run both ways. */
#define LOOKUP_US 80
#define COPY_US 4
#define MAX_STARTS 16       /* the most UNION branches whose starts are counted */

/* One look-up: the predicate and what else is a constant IRI (NULL: any). */
typedef struct {
    const char *s, *p, *o;
} Pattern;

typedef struct {
    Pattern *items;
    size_t count, cap;
    bool unsure;           /* a pattern or an operator this cannot copy for */
    bool optional;         /* an OPTIONAL: Rasqal evaluates it again for every row */
    rasqal_triple *first;  /* the first pattern written, where Rasqal starts */
    /* where Rasqal starts when the query opens with a UNION: each branch's first pattern
     * (first is then the first branch's); starts_unknown when a branch has none or too many */
    rasqal_triple *starts[MAX_STARTS];
    size_t start_count;
    bool starts_unknown;
    size_t written;        /* the triple patterns written, each UNION branch's counted */
} Patterns;

/* The IRI of a rasqal term, or NULL when it is a variable, a literal or a blank node. */
static const char *iri_of(rasqal_literal *l)
{
    return l && l->type == RASQAL_LITERAL_URI ? (const char *)raptor_uri_as_string(l->value.uri)
                                              : NULL;
}

/* Does look-up `a` find every triple that `b` finds? */
static bool covers(const Pattern *a, const Pattern *b)
{
    return !strcmp(a->p, b->p) && (!a->s || (b->s && !strcmp(a->s, b->s))) &&
           (!a->o || (b->o && !strcmp(a->o, b->o)));
}

/* Adds the look-up for triple `t` unless one already covers it (and drops those it covers). */
static NgStatus add_pattern(Patterns *ps, rasqal_triple *t)
{
    Pattern np = {iri_of(t->subject), iri_of(t->predicate), iri_of(t->object)};
    if (!np.p || t->origin) {
        ps->unsure = true;
        return NG_SUCCESS;
    }
    size_t k = 0;
    for (size_t i = 0; i < ps->count; i++) {
        if (covers(&ps->items[i], &np))
            return NG_SUCCESS;
        if (!covers(&np, &ps->items[i]))
            ps->items[k++] = ps->items[i];
    }
    ps->count = k;
    NgStatus st = ng_grow((void **)&ps->items, &ps->cap, ps->count + 1, sizeof *ps->items);
    if (!st)
        ps->items[ps->count++] = np;
    return st;
}

static NgStatus collect(rasqal_query *rq, rasqal_graph_pattern *gp, Patterns *ps, int depth);

/* Collects the look-ups of a UNION `gp` that nothing precedes: Rasqal starts from the first
 * pattern of each branch, so each is one of the query's starts. */
static NgStatus collect_union(rasqal_query *rq, rasqal_graph_pattern *gp, Patterns *ps, int depth)
{
    NgStatus st = NG_SUCCESS;
    rasqal_triple *first = NULL;
    rasqal_graph_pattern *sub;
    for (int i = 0; !st && (sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i)); i++) {
        ps->first = NULL;
        size_t before = ps->start_count;
        st = collect(rq, sub, ps, depth + 1);
        bool nested = ps->start_count > before;   /* the branch opens with a UNION of its own */
        if (!nested && ps->first && ps->start_count < MAX_STARTS)
            ps->starts[ps->start_count++] = ps->first;
        else if (!nested)
            ps->starts_unknown = true;
        if (!first)
            first = ps->first;
    }
    ps->first = first;
    return st;
}

/* Collects the look-ups of every triple pattern under `gp`; marks what it cannot copy for. */
static NgStatus collect(rasqal_query *rq, rasqal_graph_pattern *gp, Patterns *ps, int depth)
{
    if (!gp || ps->unsure)
        return NG_SUCCESS;
    rasqal_graph_pattern_operator op = rasqal_graph_pattern_get_operator(gp);
    if (depth > 64 || op == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH ||
        op == RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE || op == RASQAL_GRAPH_PATTERN_OPERATOR_SELECT ||
        op == RASQAL_GRAPH_PATTERN_OPERATOR_UNKNOWN) {
        ps->unsure = true;
        return NG_SUCCESS;
    }
    if (op == RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL)
        ps->optional = true;
    if (op == RASQAL_GRAPH_PATTERN_OPERATOR_UNION && !ps->first)
        return collect_union(rq, gp, ps, depth);
    NgStatus st = NG_SUCCESS;
    rasqal_triple *t;
    for (int i = 0; !st && (t = rasqal_graph_pattern_get_triple(gp, i)); i++) {
        if (!ps->first)
            ps->first = t;
        ps->written++;
        st = add_pattern(ps, t);
    }
    rasqal_graph_pattern *sub;
    for (int i = 0; !st && (sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i)); i++)
        st = collect(rq, sub, ps, depth + 1);
    return st;
}

/* How many triples of the store pattern `t` matches, into *n; false when that is not known. */
static bool count_matches(NgStore *store, rasqal_triple *t, size_t *n)
{
    rasqal_literal *o = t->object;
    const char *text = o && o->type != RASQAL_LITERAL_URI && o->type != RASQAL_LITERAL_VARIABLE &&
                               o->type != RASQAL_LITERAL_BLANK
                           ? (const char *)rasqal_literal_as_string(o)
                           : NULL;
    return ng_store_sqlite_count(store, iri_of(t->subject), iri_of(t->predicate), iri_of(o), text,
                                 n);
}

/* Do the query's look-ups on the store cost less than the copy, with no OPTIONAL?  Rasqal
 * starts from its first pattern (from each branch's, when it opens with a UNION) and makes a
 * look-up for each other pattern of the branch and each row: about starts x patterns per branch
 * look-ups, against one copy of every triple the patterns match, as SQLite counts them.
 * `claims-about-north-korea.rq`, which starts from one label, took 0.3 s on the store of 100
 * articles and 1.1 s with the copy of every claim's text, author and offset; `timeline.rq`,
 * whose first branch starts from few events and its others from thousands, 3.2 s on the store
 * and 0.6 s with the copy. */
static bool starts_narrow(NgStore *store, const Patterns *ps)
{
    if (ps->optional || !ps->first || ps->starts_unknown)
        return false;
    size_t branches = ps->start_count ? ps->start_count : 1, starts = 0, copied = 0;
    for (size_t i = 0; i < branches; i++) {
        size_t n = 0;
        if (!count_matches(store, ps->start_count ? ps->starts[i] : ps->first, &n))
            return false;
        starts += n;
    }
    for (size_t i = 0; i < ps->count; i++) {
        const Pattern *pt = &ps->items[i];
        size_t n = 0;
        if (!ng_store_sqlite_count(store, pt->s, pt->p, pt->o, NULL, &n))
            return false;
        copied += n;
    }
    double per_branch = (double)ps->written / (double)branches - 1;   /* not the start */
    return (double)starts * per_branch * LOOKUP_US <= (double)copied * COPY_US;
}

/* ---------------------------------------------------------------- the semi-join */

#define MAX_JOIN_TRIPLES 64   /* the most triple patterns the semi-join plans for */
#define MAX_BGPS 32           /* the most basic graph patterns a query's UNIONs make */

/* A query as a union of basic graph patterns: each a set of the triple patterns (bits of
 * `mask`, indexes into `triples`) that every one of its answers matches together. */
typedef struct {
    rasqal_triple *triples[MAX_JOIN_TRIPLES];
    size_t count;
    uint64_t bgps[MAX_BGPS];
    size_t bgp_count;
} Union;

/* The basic graph patterns of `gp` into out[0..*n): false when it has an operator whose
 * answers need not match all of its patterns together (OPTIONAL, MINUS, ...) or is too big. */
static bool to_union(Union *u, rasqal_graph_pattern *gp, uint64_t *out, size_t *n, int depth)
{
    rasqal_graph_pattern_operator op = rasqal_graph_pattern_get_operator(gp);
    if (op == RASQAL_GRAPH_PATTERN_OPERATOR_FILTER || op == RASQAL_GRAPH_PATTERN_OPERATOR_LET ||
        op == RASQAL_GRAPH_PATTERN_OPERATOR_VALUES) {
        out[0] = 0;   /* they bind or drop answers, and match no triple */
        *n = 1;
        return true;
    }
    if (depth > 16 || (op != RASQAL_GRAPH_PATTERN_OPERATOR_BASIC &&
                       op != RASQAL_GRAPH_PATTERN_OPERATOR_GROUP &&
                       op != RASQAL_GRAPH_PATTERN_OPERATOR_UNION))
        return false;
    uint64_t own = 0, sub[MAX_BGPS];
    rasqal_triple *t;
    for (int i = 0; (t = rasqal_graph_pattern_get_triple(gp, i)); i++) {
        if (u->count == MAX_JOIN_TRIPLES)
            return false;
        u->triples[u->count] = t;
        own |= (uint64_t)1 << u->count++;
    }
    out[0] = own;
    *n = op == RASQAL_GRAPH_PATTERN_OPERATOR_UNION ? 0 : 1;
    rasqal_graph_pattern *g;
    for (int i = 0; (g = rasqal_graph_pattern_get_sub_graph_pattern(gp, i)); i++) {
        size_t m = 0;
        if (!to_union(u, g, sub, &m, depth + 1))
            return false;
        if (op == RASQAL_GRAPH_PATTERN_OPERATOR_UNION) {   /* the branches' answers, each */
            if (*n + m > MAX_BGPS)
                return false;
            for (size_t k = 0; k < m; k++)
                out[(*n)++] = sub[k] | own;
            continue;
        }
        if (*n * m > MAX_BGPS)   /* with the group's so far: each with each */
            return false;
        uint64_t prod[MAX_BGPS];
        size_t c = 0;
        for (size_t a = 0; a < *n; a++)
            for (size_t b = 0; b < m; b++)
                prod[c++] = out[a] | sub[b];
        memcpy(out, prod, c * sizeof *prod);
        *n = c;
    }
    return true;
}

/* One part (subject or object) of a triple pattern in the semi-join: a constant, or a variable
 * and its set of nodes once a pattern of it was copied. */
typedef struct {
    rasqal_variable *var;
    NgNodeSet set;
    bool known;
} Var;

/* The variable of term `l`, among `vars` (added when new); NULL when `l` is no variable. */
static Var *var_of(rasqal_literal *l, Var *vars, size_t *count)
{
    rasqal_variable *v = l ? rasqal_literal_as_variable(l) : NULL;
    if (!v)
        return NULL;
    for (size_t i = 0; i < *count; i++)
        if (vars[i].var == v)
            return &vars[i];
    vars[*count] = (Var){v, {NULL, 0, 0}, false};
    return &vars[(*count)++];
}

/* How good a pattern is to copy next: 0 a constant subject or object, 1 + the nodes of its
 * smaller known variable, SIZE_MAX when neither (then patterns are taken as written). */
static size_t join_rank(rasqal_triple *t, Var *s, Var *o)
{
    if ((!s && iri_of(t->subject)) || (!o && t->object && t->object->type != RASQAL_LITERAL_BLANK))
        return 0;
    size_t best = SIZE_MAX;
    if (s && s->known)
        best = 1 + s->set.count;
    if (o && o->known && 1 + o->set.count < best)
        best = 1 + o->set.count;
    return best;
}

/* Copies the triples that basic graph pattern `mask` of `u` can match: from its most selective
 * pattern first, then each pattern only for the nodes its variables took in the patterns copied
 * before it (every answer takes its nodes from there), until none is left. */
static NgStatus copy_bgp(const Union *u, uint64_t mask, librdf_storage *storage,
                         NgStoreReader *reader, size_t *n)
{
    Var vars[2 * MAX_JOIN_TRIPLES];
    size_t nvars = 0;
    NgStatus st = NG_SUCCESS;
    while (!st && mask && *n <= MAX_TRIPLES) {
        size_t pick = u->count, best = SIZE_MAX;
        for (size_t i = 0; i < u->count; i++) {
            if (!(mask >> i & 1))
                continue;
            rasqal_triple *t = u->triples[i];
            size_t rank = join_rank(t, var_of(t->subject, vars, &nvars),
                                    var_of(t->object, vars, &nvars));
            if (pick == u->count || rank < best) {   /* ties: the first written */
                best = rank;
                pick = i;
            }
        }
        mask &= ~((uint64_t)1 << pick);
        rasqal_triple *t = u->triples[pick];
        Var *vs = var_of(t->subject, vars, &nvars), *vo = var_of(t->object, vars, &nvars);
        NgNodeSet found[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
        rasqal_literal *o = t->object;
        NgFillPart ps = {iri_of(t->subject), NULL, vs && vs->known ? &vs->set : NULL,
                         vs ? &found[0] : NULL};
        NgFillPart po = {iri_of(o),
                         o && o->type == RASQAL_LITERAL_STRING
                             ? (const char *)rasqal_literal_as_string(o) : NULL,
                         vo && vo->known ? &vo->set : NULL, vo && vo != vs ? &found[1] : NULL};
        st = ng_query_memory_fill(storage, reader, iri_of(t->predicate), &ps, &po, MAX_TRIPLES,
                                  n);
        Var *sides[2] = {vs, vo};
        for (int k = 0; k < 2; k++)
            if (sides[k] && (k == 0 || vo != vs)) {
                ng_node_set_clear(&sides[k]->set);
                sides[k]->set = found[k];
                sides[k]->known = true;
            } else {
                ng_node_set_clear(&found[k]);
            }
    }
    for (size_t i = 0; i < nvars; i++)
        ng_node_set_clear(&vars[i].set);
    return st;
}

/* For a query on an sqlite: or hashes: store: a memory model holding every triple the query's
 * patterns can match (*storage and *model, the caller's), or both NULL when the query runs on the
 * store.  On a hashes: store only what the semi-join copies: it has no count of a pattern's
 * triples with a constant to weigh a whole copy against the look-ups (starts_narrow). */
NgStatus ng_query_subgraph(NgQuery *q, librdf_storage **storage, librdf_model **model)
{
    *storage = NULL;
    *model = NULL;
    rasqal_query *rq = q->rq;
    NgStoreKind kind = ng_store_kind(q->store);
    if (!rq || (kind != NG_STORE_SQLITE && kind != NG_STORE_HASHES) ||
        q->verb == RASQAL_QUERY_VERB_DESCRIBE || rasqal_query_get_data_graph(rq, 0))
        return NG_SUCCESS;
    Patterns ps = {0};
    NgStatus st = collect(rq, rasqal_query_get_query_graph_pattern(rq), &ps, 0);
    Union u;
    u.count = u.bgp_count = 0;
    bool join = !st && !ps.unsure && !ps.optional &&
                to_union(&u, rasqal_query_get_query_graph_pattern(rq), u.bgps, &u.bgp_count, 0);
    if (st || ps.unsure || !ps.count ||
        (!join && (kind == NG_STORE_HASHES || starts_narrow(q->store, &ps)))) {
        free(ps.items);
        return st;
    }
    NgStoreReader *reader = ng_store_reader_open(q->store);
    if (!reader && kind == NG_STORE_HASHES) {   /* no predicate index: the query runs on it */
        free(ps.items);
        return NG_SUCCESS;
    }
    st = reader ? ng_query_memory_new(q->world, storage, model) : NG_ERR_STORE;
    size_t n = 0;
    for (size_t i = 0; join && !st && i < u.bgp_count && n <= MAX_TRIPLES; i++)
        st = copy_bgp(&u, u.bgps[i], *storage, reader, &n);
    for (size_t i = 0; !join && !st && i < ps.count && n <= MAX_TRIPLES; i++) {
        NgFillPart s = {ps.items[i].s, NULL, NULL, NULL}, o = {ps.items[i].o, NULL, NULL, NULL};
        st = ng_query_memory_fill(*storage, reader, ps.items[i].p, &s, &o, MAX_TRIPLES, &n);
    }
    if (!st && n <= MAX_TRIPLES)
        st = ng_query_memory_index(*storage);
    ng_store_reader_free(reader);
    free(ps.items);
    if (st || n > MAX_TRIPLES) {   /* the store answers (or reports) as it would have */
        if (*model)
            librdf_free_model(*model);
        if (*storage)
            librdf_free_storage(*storage);
        *storage = NULL;
        *model = NULL;
    }
    return st == NG_ERR_NOMEM ? st : NG_SUCCESS;
}
