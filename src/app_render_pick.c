/* app_render_pick.c — what a picture draws, chosen before anything is read in full (issue 15).
 *
 * ng_pic_load reads every actor, event, claim, span and article text with SPARQL; on a corpus that
 * takes minutes, and --max-nodes then throws most of it away.  Here the picture is chosen first,
 * from direct triple look-ups (librdf_model_get_sources/get_targets/find_statements) over the few
 * predicates that make its edges: the IRIs of each kind of node (rdf:type), the events'
 * participants and places, the claims' sources and subjects, and the relations between actors.
 * That gives every node's degree exactly as app_render_dot.c counts it, so the same nodes are
 * kept; only the kept nodes' labels, kinds, times, texts and modalities are then read, and each
 * node keeps its id (its place among all nodes of its kind), so the DOT text is the one the whole
 * graph gives.
 *
 * What each look-up costs depends on the store: Redland's hashes storage (in memory for graph
 * files, or Berkeley DB) indexes (s p ?), (? p o), (s ? o) and (? p ?), not (s ? ?); its sqlite
 * storage answers any pattern with one SQL query, at about 0.1 ms each.  A subject's unknown
 * predicates (the relations between actors, a claim's "modality" property) are therefore read
 * per subject from sqlite; from a hashes store the network's skeleton is read in one pass over
 * the store (a look-up per pair of actors, the alternative for relations, cost as much on a
 * 1,000-article Berkeley DB store: 46,000 look-ups of 80 us), and the timeline's, which needs
 * neither, with one look-up per event and claim.
 */
#include "app_picture.h"
#include "ns.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The kinds of node a view draws, in the order ties are broken (app_render_dot.c's VNodeType). */
enum { K_ACTOR, K_EVENT, K_CLAIM, K_ARTICLE, K_COUNT };

/* The predicates and classes looked up, as nodes made once. */
enum {
    P_TYPE, P_LABEL, P_ACTOR, P_PLACE, P_TIME, P_BEGIN, P_AUTHOR, P_ABOUT, P_TEXT, P_HEADLINE,
    P_DERIVED, P_BEGIN_INDEX, P_END_INDEX, P_CONTEXT, C_ACTOR, C_EVENT, C_CLAIM, C_ARTICLE,
    P_COUNT
};
static const char *const term_iri[P_COUNT] = {
    NG_NS_RDF "type", NG_NS_RDFS "label", NG_NS_SEM "hasActor", NG_NS_SEM "hasPlace",
    NG_NS_SEM "hasTimeStamp", NG_NS_SEM "hasBeginTimeStamp", NG_NS_SCHEMA "author",
    NG_NS_SCHEMA "about", NG_NS_SCHEMA "text", NG_NS_SCHEMA "headline", NG_NS_PROV "wasDerivedFrom",
    NG_NS_NIF "beginIndex", NG_NS_NIF "endIndex", NG_NS_NIF "referenceContext", NG_NS_SEM "Actor",
    NG_NS_SEM "Event", NG_NS_SCHEMA "Claim", NG_NS_SCHEMA "NewsArticle",
};

/* A node of a kind and a value: an event's participant, a claim's subject. */
typedef struct {
    size_t node;
    char *value;
} Pair;

/* The skeleton of the graph: every node's IRI and degree, and the values that make edges. */
typedef struct {
    librdf_world *w;
    librdf_model *model;
    const NgDiag *diag;
    bool by_subject;          /* the store finds (s ? ?) by index: sqlite */
    librdf_node *term[P_COUNT];
    char **iris[K_COUNT];     /* sorted, without repeats */
    size_t count[K_COUNT];
    size_t *degree[K_COUNT];
    bool *kept[K_COUNT];
    Pair *actors;             /* (event, sem:hasActor value), sorted, without repeats */
    size_t actor_count, actor_cap;
    Pair *about;              /* (claim, schema:about value), likewise */
    size_t about_count, about_cap;
    char **place;             /* per event: its smallest sem:hasPlace, or NULL */
    char **author;            /* per claim: its smallest schema:author, or NULL */
    char **modality;          /* per claim: the smallest local name of its modality, or NULL */
    bool *source;             /* per article: some claim's author */
    NgPicRelation *rel;       /* between two actors, sorted, without repeats */
    size_t rel_count, rel_cap;
    NgBuf scratch;            /* the text of a blank node being looked at */
} Skel;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_pair(const void *a, const void *b)
{
    const Pair *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* The index of `iri` among the nodes of kind `k`, or SIZE_MAX. */
static size_t skel_find(const Skel *k, int kind, const char *iri)
{
    if (!k->count[kind])
        return SIZE_MAX;
    char *const *hit = bsearch(&iri, k->iris[kind], k->count[kind], sizeof(char *), cmp_str);
    return hit ? (size_t)(hit - k->iris[kind]) : SIZE_MAX;
}

/* The node a view has of `iri` (an actor, event, claim, or an article that is a claim's source;
 * the first of these kinds when it is several): false when none. */
static bool skel_node(const Skel *k, const char *iri, int *kind, size_t *index)
{
    for (int t = 0; t < K_COUNT; t++) {
        size_t i = skel_find(k, t, iri);
        if (i != SIZE_MAX && (t != K_ARTICLE || k->source[i])) {
            *kind = t;
            *index = i;
            return true;
        }
    }
    return false;
}

/* The text of a node while it lives: an IRI, a literal's form, "_:label" (in k->scratch). */
static const char *peek(Skel *k, librdf_node *n)
{
    if (n && librdf_node_is_resource(n)) {
        librdf_uri *u = librdf_node_get_uri(n);
        return u ? (const char *)librdf_uri_as_string(u) : "";
    }
    if (n && librdf_node_is_literal(n)) {
        const char *v = (const char *)librdf_node_get_literal_value(n);
        return v ? v : "";
    }
    const char *id = n ? (const char *)librdf_node_get_blank_identifier(n) : NULL;
    k->scratch.len = 0;
    if (!id || ng_buf_appendf(&k->scratch, "_:%s", id))
        return "";
    return k->scratch.data;
}

static void skel_free(Skel *k)
{
    for (int i = 0; i < P_COUNT; i++)
        if (k->term[i])
            librdf_free_node(k->term[i]);
    for (size_t i = 0; i < k->count[K_EVENT]; i++)
        free(k->place[i]);
    for (size_t i = 0; i < k->count[K_CLAIM]; i++) {
        free(k->author[i]);
        free(k->modality[i]);
    }
    for (int t = 0; t < K_COUNT; t++) {
        for (size_t i = 0; i < k->count[t]; i++)
            free(k->iris[t][i]);
        free(k->iris[t]);
        free(k->degree[t]);
        free(k->kept[t]);
    }
    for (size_t i = 0; i < k->actor_count; i++)
        free(k->actors[i].value);
    for (size_t i = 0; i < k->about_count; i++)
        free(k->about[i].value);
    for (size_t i = 0; i < k->rel_count; i++) {
        free(k->rel[i].s);
        free(k->rel[i].p);
        free(k->rel[i].o);
    }
    free(k->actors);
    free(k->about);
    free(k->place);
    free(k->author);
    free(k->modality);
    free(k->source);
    free(k->rel);
    ng_buf_free(&k->scratch);
}

/* ---------------------------------------------------------------- the skeleton */

/* The IRIs of the nodes of class `cls` (? rdf:type cls), sorted, without repeats, with a zeroed
 * degree and kept flag each. */
static NgStatus read_kind(Skel *k, int kind, int cls)
{
    librdf_iterator *it = librdf_model_get_sources(k->model, k->term[P_TYPE], k->term[cls]);
    if (!it)
        return NG_ERR_STORE;
    size_t cap = 0;
    NgStatus st = NG_SUCCESS;
    for (; !st && !librdf_iterator_end(it); librdf_iterator_next(it)) {
        char *t = ng_pic_node_text(librdf_iterator_get_object(it));
        st = t ? ng_grow((void **)&k->iris[kind], &cap, k->count[kind] + 1, sizeof(char *))
               : NG_ERR_NOMEM;
        if (st)
            free(t);
        else
            k->iris[kind][k->count[kind]++] = t;
    }
    librdf_free_iterator(it);
    if (st)
        return st;
    size_t n = 0;
    if (k->count[kind])
        qsort(k->iris[kind], k->count[kind], sizeof(char *), cmp_str);
    for (size_t i = 0; i < k->count[kind]; i++) {
        if (n && !strcmp(k->iris[kind][n - 1], k->iris[kind][i]))
            free(k->iris[kind][i]);
        else
            k->iris[kind][n++] = k->iris[kind][i];
    }
    k->count[kind] = n;
    size_t m = n ? n : 1;
    k->degree[kind] = calloc(m, sizeof(size_t));
    k->kept[kind] = calloc(m, sizeof(bool));
    return k->degree[kind] && k->kept[kind] ? NG_SUCCESS : NG_ERR_NOMEM;
}

/* What is done with each (subject, object) of a predicate. */
typedef NgStatus (*EachPair)(Skel *k, size_t subject, const char *object);

/* Calls `fn` for every triple (? p ?) whose subject is a node of `kind`: from sqlite in one
 * query; from a hashes store one (s p ?) look-up a node, because its (? p ?) stream leaks a
 * reference to the predicate for every triple but the last (librdf 1.0.17,
 * librdf_storage_hashes_node_iterator_get_method), and older stores lack that index. */
static NgStatus each_of_predicate(Skel *k, int p, int kind, EachPair fn)
{
    NgStatus st = NG_SUCCESS;
    if (!k->by_subject) {
        for (size_t i = 0; !st && i < k->count[kind]; i++) {
            librdf_node *s = ng_pic_text_node(k->w, k->iris[kind][i]);
            librdf_iterator *it = s ? librdf_model_get_targets(k->model, s, k->term[p]) : NULL;
            st = !s ? NG_ERR_NOMEM : it ? NG_SUCCESS : NG_ERR_STORE;
            for (; !st && !librdf_iterator_end(it); librdf_iterator_next(it))
                st = fn(k, i, peek(k, librdf_iterator_get_object(it)));
            if (it)
                librdf_free_iterator(it);
            if (s)
                librdf_free_node(s);
        }
        return st;
    }
    librdf_statement *q = librdf_new_statement_from_nodes(
        k->w, NULL, librdf_new_node_from_node(k->term[p]), NULL);
    librdf_stream *r = q ? librdf_model_find_statements(k->model, q) : NULL;
    st = r ? NG_SUCCESS : NG_ERR_STORE;
    for (; !st && !librdf_stream_end(r); librdf_stream_next(r)) {
        librdf_statement *x = librdf_stream_get_object(r);
        size_t i = skel_find(k, kind, peek(k, librdf_statement_get_subject(x)));
        if (i != SIZE_MAX)
            st = fn(k, i, peek(k, librdf_statement_get_object(x)));
    }
    if (r)
        librdf_free_stream(r);
    if (q)
        librdf_free_statement(q);
    return st;
}

/* Adds (node, value) to a list of pairs (sorted and made unique afterwards). */
static NgStatus pair_add(Pair **list, size_t *count, size_t *cap, size_t node, const char *value)
{
    NgStatus st = ng_grow((void **)list, cap, *count + 1, sizeof **list);
    char *v = st ? NULL : ng_strdup(value);
    if (!v)
        return NG_ERR_NOMEM;
    (*list)[(*count)++] = (Pair){node, v};
    return NG_SUCCESS;
}

static NgStatus on_actor(Skel *k, size_t e, const char *o)
{
    return pair_add(&k->actors, &k->actor_count, &k->actor_cap, e, o);
}

static NgStatus on_about(Skel *k, size_t c, const char *o)
{
    return pair_add(&k->about, &k->about_count, &k->about_cap, c, o);
}

static NgStatus on_place(Skel *k, size_t e, const char *o)
{
    return ng_pic_keep_min(&k->place[e], o);
}

static NgStatus on_author(Skel *k, size_t c, const char *o)
{
    return ng_pic_keep_min(&k->author[c], o);
}

/* Sorts a list of pairs and drops the repeats. */
static void pairs_unique(Pair *list, size_t *count)
{
    if (!*count)
        return;
    qsort(list, *count, sizeof *list, cmp_pair);
    size_t n = 0;
    for (size_t i = 0; i < *count; i++) {
        if (n && !cmp_pair(&list[n - 1], &list[i]))
            free(list[i].value);
        else
            list[n++] = list[i];
    }
    *count = n;
}

/* Adds the relation (s p o) between two actors. */
static NgStatus rel_add(Skel *k, const char *s, const char *p, const char *o)
{
    NgStatus st = ng_grow((void **)&k->rel, &k->rel_cap, k->rel_count + 1, sizeof *k->rel);
    if (st)
        return st;
    NgPicRelation *r = &k->rel[k->rel_count++];
    r->s = ng_strdup(s);
    r->p = ng_strdup(p);
    r->o = ng_strdup(o);
    return r->s && r->p && r->o ? NG_SUCCESS : NG_ERR_NOMEM;
}

/* Looks at one triple whose subject is `s`, the actor or claim of index `i` (`claim` says which):
 * a relation when both ends are actors, a modality when it is a claim's. */
static NgStatus on_subject_triple(Skel *k, bool claim, size_t i, librdf_statement *x)
{
    librdf_node *pn = librdf_statement_get_predicate(x), *on = librdf_statement_get_object(x);
    char *p = ng_pic_node_text(pn);
    if (!p)
        return NG_ERR_NOMEM;
    NgStatus st = NG_SUCCESS;
    if (claim) {
        if (on && librdf_node_is_resource(on) && ng_pic_is_modality(p))
            st = ng_pic_keep_min(&k->modality[i], ng_pic_local(peek(k, on)));
    } else {
        const char *o = peek(k, on);
        if (strcmp(o, k->iris[K_ACTOR][i]) && skel_find(k, K_ACTOR, o) != SIZE_MAX)
            st = rel_add(k, k->iris[K_ACTOR][i], p, o);
    }
    free(p);
    return st;
}

/* Reads the triples (s ? ?) of the actors (relations) or of the kept claims (modality), one
 * look-up each: for stores that index subjects. */
static NgStatus read_by_subject(Skel *k, bool claims)
{
    int kind = claims ? K_CLAIM : K_ACTOR;
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < k->count[kind]; i++) {
        if (claims && !k->kept[K_CLAIM][i])
            continue;
        librdf_node *s = ng_pic_text_node(k->w, k->iris[kind][i]);
        librdf_statement *q = s ? librdf_new_statement_from_nodes(k->w, s, NULL, NULL) : NULL;
        librdf_stream *r = q ? librdf_model_find_statements(k->model, q) : NULL;
        st = r ? NG_SUCCESS : NG_ERR_STORE;
        for (; !st && !librdf_stream_end(r); librdf_stream_next(r))
            st = on_subject_triple(k, claims, i, librdf_stream_get_object(r));
        if (r)
            librdf_free_stream(r);
        if (q)
            librdf_free_statement(q);
    }
    return st;
}

/* Looks at one triple of a pass over the whole store: the participants and places of events,
 * the sources, subjects and modalities of claims, the relations between actors.  `last` caches
 * the subject's kind and index (a store lists a subject's triples together, or nearly); it holds
 * a reference to the subject's URI, so that its address cannot be another URI's meanwhile. */
typedef struct {
    librdf_uri *subject;  /* owned reference */
    int kind;
    size_t index;
} ScanSubject;

static NgStatus on_triple(Skel *k, librdf_statement *x, ScanSubject *last)
{
    librdf_node *sn = librdf_statement_get_subject(x), *pn = librdf_statement_get_predicate(x);
    librdf_node *on = librdf_statement_get_object(x);
    librdf_uri *su = sn && librdf_node_is_resource(sn) ? librdf_node_get_uri(sn) : NULL;
    if (!su || su != last->subject) {
        const char *s = peek(k, sn);
        if (last->subject)
            librdf_free_uri(last->subject);
        last->subject = su ? librdf_new_uri_from_uri(su) : NULL;
        last->kind = K_COUNT;
        for (int t = K_ACTOR; t <= K_CLAIM && last->kind == K_COUNT; t++)
            if ((last->index = skel_find(k, t, s)) != SIZE_MAX)
                last->kind = t;
    }
    size_t i = last->index;
    if (last->kind == K_EVENT && librdf_node_equals(pn, k->term[P_ACTOR]))
        return on_actor(k, i, peek(k, on));
    if (last->kind == K_EVENT && librdf_node_equals(pn, k->term[P_PLACE]))
        return on_place(k, i, peek(k, on));
    if (last->kind == K_CLAIM && librdf_node_equals(pn, k->term[P_AUTHOR]))
        return on_author(k, i, peek(k, on));
    if (last->kind == K_CLAIM && librdf_node_equals(pn, k->term[P_ABOUT]))
        return on_about(k, i, peek(k, on));
    if (last->kind == K_CLAIM || last->kind == K_ACTOR)
        return on_subject_triple(k, last->kind == K_CLAIM, i, x);
    return NG_SUCCESS;
}

/* Reads everything the skeleton of the network needs, and every claim's modality, in one pass
 * over the store: for stores that do not index subjects (hashes), where the relations and
 * modalities, whose predicates are not known beforehand, would take such a pass anyway. */
static NgStatus read_by_scan(Skel *k)
{
    librdf_stream *r = librdf_model_as_stream(k->model);
    NgStatus st = r ? NG_SUCCESS : NG_ERR_STORE;
    ScanSubject last = {NULL, K_COUNT, SIZE_MAX};
    for (; !st && !librdf_stream_end(r); librdf_stream_next(r))
        st = on_triple(k, librdf_stream_get_object(r), &last);
    if (last.subject)
        librdf_free_uri(last.subject);
    if (r)
        librdf_free_stream(r);
    return st;
}

/* Counts an edge from the node (fkind, f) to the node of `to` in both ends' degrees, as
 * app_render_dot.c's view_edge does: only when `to` is a node and not the same one. */
static void count_edge(Skel *k, int fkind, size_t f, const char *to)
{
    int t;
    size_t i;
    if (!to || !skel_node(k, to, &t, &i) || (t == fkind && i == f))
        return;
    k->degree[fkind][f]++;
    k->degree[t][i]++;
}

/* Every node's degree: participants, places, sources, subjects, relations. */
static void count_degrees(Skel *k)
{
    for (size_t i = 0; i < k->count[K_CLAIM]; i++) {
        size_t d = k->author[i] ? skel_find(k, K_ARTICLE, k->author[i]) : SIZE_MAX;
        if (d != SIZE_MAX)
            k->source[d] = true;
    }
    for (size_t i = 0; i < k->actor_count; i++)
        count_edge(k, K_EVENT, k->actors[i].node, k->actors[i].value);
    for (size_t i = 0; i < k->count[K_EVENT]; i++)
        count_edge(k, K_EVENT, i, k->place[i]);
    for (size_t i = 0; i < k->count[K_CLAIM]; i++)
        count_edge(k, K_CLAIM, i, k->author[i]);
    for (size_t i = 0; i < k->about_count; i++)
        count_edge(k, K_CLAIM, k->about[i].node, k->about[i].value);
    for (size_t i = 0; i < k->rel_count; i++) {
        size_t s = skel_find(k, K_ACTOR, k->rel[i].s);
        count_edge(k, K_ACTOR, s, k->rel[i].o);
    }
}

/* A node of the ranking. */
typedef struct {
    int kind;
    size_t index;
    size_t degree;
    const char *iri;
} Rank;

/* Most edges first; ties: actors, events, claims, articles, then by IRI. */
static int cmp_rank(const void *a, const void *b)
{
    const Rank *x = a, *y = b;
    if (x->degree != y->degree)
        return x->degree > y->degree ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return strcmp(x->iri, y->iri);
}

/* Marks the nodes kept: the `max` (0: all) of highest degree among those eligible (the events
 * alone for the timeline); returns how many eligible ones were left out. */
static NgStatus keep_nodes(Skel *k, size_t max, bool events_only, size_t *omitted)
{
    size_t eligible = 0;
    *omitted = 0;
    for (int t = 0; t < K_COUNT; t++)
        for (size_t i = 0; i < k->count[t]; i++) {
            bool e = (!events_only || t == K_EVENT) && (t != K_ARTICLE || k->source[i]);
            k->kept[t][i] = e;
            eligible += e;
        }
    if (max == 0 || eligible <= max)
        return NG_SUCCESS;
    Rank *r = malloc(eligible * sizeof *r);
    if (!r)
        return NG_ERR_NOMEM;
    size_t n = 0;
    for (int t = 0; t < K_COUNT; t++)
        for (size_t i = 0; i < k->count[t]; i++)
            if (k->kept[t][i])
                r[n++] = (Rank){t, i, k->degree[t][i], k->iris[t][i]};
    qsort(r, n, sizeof *r, cmp_rank);
    for (size_t i = max; i < n; i++)
        k->kept[r[i].kind][r[i].index] = false;
    free(r);
    *omitted = eligible - max;
    return NG_SUCCESS;
}

/* Reads the skeleton: the nodes, the values that make edges, the degrees.  The timeline needs
 * no relations: they join actors, and only events are ranked there. */
static NgStatus read_skeleton(Skel *k, bool timeline)
{
    static const int cls[K_COUNT] = {C_ACTOR, C_EVENT, C_CLAIM, C_ARTICLE};
    NgStatus st = NG_SUCCESS;
    for (int t = 0; !st && t < K_COUNT; t++)
        st = read_kind(k, t, cls[t]);
    if (st)
        return st;
    size_t e = k->count[K_EVENT] ? k->count[K_EVENT] : 1, c = k->count[K_CLAIM] ? k->count[K_CLAIM] : 1;
    k->place = calloc(e, sizeof *k->place);
    k->author = calloc(c, sizeof *k->author);
    k->modality = calloc(c, sizeof *k->modality);
    k->source = calloc(k->count[K_ARTICLE] ? k->count[K_ARTICLE] : 1, sizeof *k->source);
    if (!k->place || !k->author || !k->modality || !k->source)
        return NG_ERR_NOMEM;
    if (!k->by_subject && !timeline) {
        st = read_by_scan(k);
    } else {
        st = each_of_predicate(k, P_ACTOR, K_EVENT, on_actor);
        if (!st)
            st = each_of_predicate(k, P_PLACE, K_EVENT, on_place);
        if (!st)
            st = each_of_predicate(k, P_AUTHOR, K_CLAIM, on_author);
        if (!st)
            st = each_of_predicate(k, P_ABOUT, K_CLAIM, on_about);
        if (!st && !timeline)
            st = read_by_subject(k, false);
    }
    if (st)
        return st;
    ng_pic_relations_unique(k->rel, &k->rel_count);
    pairs_unique(k->actors, &k->actor_count);
    pairs_unique(k->about, &k->about_count);
    count_degrees(k);
    return NG_SUCCESS;
}

/* ---------------------------------------------------------------- the kept nodes, read */

/* Keeps the smallest object of (s p ?) in *slot. */
static NgStatus targets_min(Skel *k, librdf_node *s, int p, char **slot)
{
    librdf_iterator *it = librdf_model_get_targets(k->model, s, k->term[p]);
    NgStatus st = it ? NG_SUCCESS : NG_ERR_STORE;
    for (; !st && !librdf_iterator_end(it); librdf_iterator_next(it))
        st = ng_pic_keep_min(slot, peek(k, librdf_iterator_get_object(it)));
    if (it)
        librdf_free_iterator(it);
    return st;
}

/* The first of the pairs of `node` in a sorted list (`count` when it has none). */
static size_t pairs_of(const Pair *list, size_t count, size_t node)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (list[mid].node < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* *slot, else a copy of `fallback` when no value came. */
static NgStatus or_fallback(char **slot, const char *fallback)
{
    return *slot || (*slot = ng_strdup(fallback)) ? NG_SUCCESS : NG_ERR_NOMEM;
}

/* An actor: its smallest label (else its IRI's last segment) and the first kind of its classes. */
static NgStatus read_actor(Skel *k, librdf_node *s, NgPicActor *a)
{
    a->kind = NG_PK_OTHER;
    NgStatus st = targets_min(k, s, P_LABEL, &a->label);
    librdf_iterator *it = st ? NULL : librdf_model_get_targets(k->model, s, k->term[P_TYPE]);
    if (!st && !it)
        st = NG_ERR_STORE;
    for (; !st && !librdf_iterator_end(it); librdf_iterator_next(it)) {
        NgPicKind kind = ng_pic_kind_of_class(peek(k, librdf_iterator_get_object(it)));
        if (kind < a->kind)
            a->kind = kind;
    }
    if (it)
        librdf_free_iterator(it);
    return st ? st : or_fallback(&a->label, ng_pic_local(a->iri));
}

/* The smallest begin of a span of `e` (prov:wasDerivedFrom) that has a begin, an end not before
 * it and a context, as app_render_load.c's spans; SIZE_MAX when none. */
static NgStatus read_first(Skel *k, librdf_node *e, size_t *first)
{
    *first = SIZE_MAX;
    librdf_iterator *it = librdf_model_get_targets(k->model, e, k->term[P_DERIVED]);
    NgStatus st = it ? NG_SUCCESS : NG_ERR_STORE;
    for (; !st && !librdf_iterator_end(it); librdf_iterator_next(it)) {
        librdf_node *span = librdf_iterator_get_object(it);
        char *b = NULL, *end = NULL, *c = NULL;
        st = targets_min(k, span, P_CONTEXT, &c);
        librdf_iterator *bs = st || !c ? NULL
                                       : librdf_model_get_targets(k->model, span, k->term[P_BEGIN_INDEX]);
        for (; !st && bs && !librdf_iterator_end(bs); librdf_iterator_next(bs)) {
            size_t bv, ev;
            free(b);
            b = ng_strdup(peek(k, librdf_iterator_get_object(bs)));
            librdf_iterator *es = b ? librdf_model_get_targets(k->model, span, k->term[P_END_INDEX])
                                    : NULL;
            st = es ? NG_SUCCESS : NG_ERR_NOMEM;
            for (; !st && !librdf_iterator_end(es); librdf_iterator_next(es)) {
                free(end);
                end = ng_strdup(peek(k, librdf_iterator_get_object(es)));
                if (!end)
                    st = NG_ERR_NOMEM;
                else if (ng_pic_parse_size(b, &bv) && ng_pic_parse_size(end, &ev) && ev >= bv &&
                         bv < *first)
                    *first = bv;
            }
            if (es)
                librdf_free_iterator(es);
        }
        if (bs)
            librdf_free_iterator(bs);
        free(b);
        free(end);
        free(c);
    }
    if (it)
        librdf_free_iterator(it);
    return st;
}

/* An event: label, time (sem:hasTimeStamp, else sem:hasBeginTimeStamp), place, participants,
 * and for the timeline where the text first states it. */
static NgStatus read_event(Skel *k, librdf_node *s, size_t i, bool timeline, NgPicEvent *e)
{
    e->first = SIZE_MAX;
    NgStatus st = targets_min(k, s, P_LABEL, &e->label);
    if (!st)
        st = or_fallback(&e->label, ng_pic_local(e->iri));
    if (!st)
        st = targets_min(k, s, P_TIME, &e->time);
    if (!st && !e->time)
        st = targets_min(k, s, P_BEGIN, &e->time);
    if (!st && k->place[i] && !(e->place = ng_strdup(k->place[i])))
        st = NG_ERR_NOMEM;
    size_t lo = pairs_of(k->actors, k->actor_count, i);
    for (size_t j = lo; !st && j < k->actor_count && k->actors[j].node == i; j++)
        st = ng_pic_list_add(&e->actors, &e->actor_count, k->actors[j].value);
    if (!st && timeline)
        st = read_first(k, s, &e->first);
    return st;
}

/* A claim: its text, source, subjects and modality (read beforehand). */
static NgStatus read_claim(Skel *k, librdf_node *s, size_t i, NgPicClaim *c)
{
    c->first = SIZE_MAX;
    NgStatus st = targets_min(k, s, P_TEXT, &c->text);
    if (!st)
        st = or_fallback(&c->text, "");
    if (!st && k->author[i] && !(c->author = ng_strdup(k->author[i])))
        st = NG_ERR_NOMEM;
    if (!st)
        st = or_fallback(&c->modality, k->modality[i] ? k->modality[i] : "");
    for (size_t j = pairs_of(k->about, k->about_count, i);
         !st && j < k->about_count && k->about[j].node == i; j++)
        st = ng_pic_list_add(&c->about, &c->about_count, k->about[j].value);
    return st;
}

/* An article that is a claim's source: its headline (its text is not drawn, so not read). */
static NgStatus read_article(Skel *k, librdf_node *s, NgPicArticle *a)
{
    a->source = true;
    NgStatus st = targets_min(k, s, P_HEADLINE, &a->headline);
    if (!st)
        st = or_fallback(&a->headline, "");
    return st ? st : or_fallback(&a->text, "");
}

/* Reads node `i` of kind `kind` into the next element of its array in `g`. */
static NgStatus read_node(Skel *k, int kind, size_t i, bool timeline, NgPicGraph *g)
{
    char *iri = ng_strdup(k->iris[kind][i]);
    librdf_node *s = iri ? ng_pic_text_node(k->w, iri) : NULL;
    NgStatus st = s ? NG_SUCCESS : NG_ERR_NOMEM;
    if (st) {
        free(iri);
        return st;
    }
    switch (kind) {
    case K_ACTOR:
        g->actors[g->actor_count] = (NgPicActor){.iri = iri, .id = i};
        st = read_actor(k, s, &g->actors[g->actor_count++]);
        break;
    case K_EVENT:
        g->events[g->event_count] = (NgPicEvent){.iri = iri, .id = i};
        st = read_event(k, s, i, timeline, &g->events[g->event_count++]);
        break;
    case K_CLAIM:
        g->claims[g->claim_count] = (NgPicClaim){.iri = iri, .id = i};
        st = read_claim(k, s, i, &g->claims[g->claim_count++]);
        break;
    default:
        g->articles[g->article_count] = (NgPicArticle){.iri = iri, .id = i};
        st = read_article(k, s, &g->articles[g->article_count++]);
        break;
    }
    librdf_free_node(s);
    return st;
}

/* For the timeline: marks, among the actors (never drawn as nodes of their own there), those
 * that take part in a kept event or are its place, so that their labels and kinds are read. */
static void mark_participants(Skel *k)
{
    memset(k->kept[K_ACTOR], 0, k->count[K_ACTOR] * sizeof(bool));
    for (size_t i = 0; i < k->actor_count; i++) {
        size_t a = k->kept[K_EVENT][k->actors[i].node]
                       ? skel_find(k, K_ACTOR, k->actors[i].value)
                       : SIZE_MAX;
        if (a != SIZE_MAX)
            k->kept[K_ACTOR][a] = true;
    }
    for (size_t i = 0; i < k->count[K_EVENT]; i++) {
        size_t a = k->kept[K_EVENT][i] && k->place[i] ? skel_find(k, K_ACTOR, k->place[i])
                                                       : SIZE_MAX;
        if (a != SIZE_MAX)
            k->kept[K_ACTOR][a] = true;
    }
}

/* The kept nodes into `g`, each array in IRI order, and the relations between kept actors. */
static NgStatus read_kept(Skel *k, bool timeline, NgPicGraph *g)
{
    size_t n[K_COUNT] = {0};
    for (int t = 0; t < K_COUNT; t++)
        for (size_t i = 0; i < k->count[t]; i++)
            n[t] += k->kept[t][i];
    g->actors = calloc(n[K_ACTOR] + 1, sizeof *g->actors);
    g->events = calloc(n[K_EVENT] + 1, sizeof *g->events);
    g->claims = calloc(n[K_CLAIM] + 1, sizeof *g->claims);
    g->articles = calloc(n[K_ARTICLE] + 1, sizeof *g->articles);
    if (!g->actors || !g->events || !g->claims || !g->articles)
        return NG_ERR_NOMEM;
    NgStatus st = NG_SUCCESS;
    for (int t = 0; !st && t < K_COUNT; t++)
        for (size_t i = 0; !st && i < k->count[t]; i++)
            if (k->kept[t][i])
                st = read_node(k, t, i, timeline, g);
    size_t cap = 0;
    for (size_t i = 0; !st && !timeline && i < k->rel_count; i++) {
        size_t s = skel_find(k, K_ACTOR, k->rel[i].s), o = skel_find(k, K_ACTOR, k->rel[i].o);
        if (!k->kept[K_ACTOR][s] || !k->kept[K_ACTOR][o])
            continue;
        st = ng_grow((void **)&g->relations, &cap, g->relation_count + 1, sizeof *g->relations);
        if (st)
            break;
        g->relations[g->relation_count++] = k->rel[i];
        k->rel[i] = (NgPicRelation){NULL, NULL, NULL};
    }
    return st;
}

/* bsearch's comparison of an IRI (the key points to a char *) with a claim (its IRI first). */
static int cmp_claim_iri(const void *key, const void *claim)
{
    return strcmp(*(const char *const *)key, ((const NgPicClaim *)claim)->iri);
}

/* Keeps in its claim the modality a triple gives, if any: an IRI object of a predicate whose IRI
 * contains "modality", the smallest local name winning.  `claim` is the triple's subject's claim,
 * or NULL to find it among `claims` (sorted by IRI). */
static NgStatus modality_of(Skel *k, NgPicClaim *claims, size_t count, NgPicClaim *claim,
                            librdf_statement *x)
{
    librdf_node *pn = librdf_statement_get_predicate(x), *on = librdf_statement_get_object(x);
    librdf_uri *pu = pn && librdf_node_is_resource(pn) ? librdf_node_get_uri(pn) : NULL;
    if (!pu || !on || !librdf_node_is_resource(on) ||
        !ng_pic_is_modality((const char *)librdf_uri_as_string(pu)))
        return NG_SUCCESS;
    if (!claim) {
        const char *s = peek(k, librdf_statement_get_subject(x));
        claim = bsearch(&s, claims, count, sizeof *claims, cmp_claim_iri);
    }
    return claim ? ng_pic_keep_min(&claim->modality, ng_pic_local(peek(k, on))) : NG_SUCCESS;
}

/* Reads the modality of every claim of `claims` (sorted by IRI) with direct look-ups, as the
 * skeleton does: its predicate is known only by its name, and the SPARQL that finds it
 * ("?c ?p ?m" with a filter) costs a pass over the whole store per claim where subjects are not
 * indexed.  From sqlite one (s ? ?) look-up a claim; from the others one pass over the store. */
NgStatus ng_pic_read_modalities(NgStore *store, NgPicClaim *claims, size_t count,
                                const NgDiag *diag)
{
    Skel k = {.diag = diag, .w = ng_store_world(store), .model = ng_store_model(store, diag)};
    if (!k.model)
        return NG_ERR_STORE;
    NgRdfLog *lg = ng_store_log_begin(store, diag, "render:claims");
    lg->capture_only = true;
    lg->quiet_warnings = true;
    bool by_subject = ng_store_kind(store) == NG_STORE_SQLITE;
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < (by_subject ? count : 1); i++) {
        librdf_node *s = by_subject ? ng_pic_text_node(k.w, claims[i].iri) : NULL;
        librdf_statement *q = s ? librdf_new_statement_from_nodes(k.w, s, NULL, NULL) : NULL;
        librdf_stream *r = !by_subject ? librdf_model_as_stream(k.model)
                           : q         ? librdf_model_find_statements(k.model, q)
                                       : NULL;
        st = r ? NG_SUCCESS : NG_ERR_STORE;
        for (; !st && !librdf_stream_end(r); librdf_stream_next(r))
            st = modality_of(&k, claims, count, by_subject ? &claims[i] : NULL,
                             librdf_stream_get_object(r));
        if (r)
            librdf_free_stream(r);
        if (q)
            librdf_free_statement(q);
    }
    if (st == NG_ERR_STORE)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "reading the claims' modalities failed%s%s",
                       lg->errors ? ": " : "", lg->errors ? lg->first : "");
    ng_buf_free(&k.scratch);
    return st;
}

/* Chooses the view's nodes from the skeleton, then reads them. */
NgStatus ng_pic_load_view(NgStore *store, const NgRenderOptions *options, const NgDiag *diag,
                          NgPicGraph *out, size_t *omitted)
{
    memset(out, 0, sizeof *out);
    *omitted = 0;
    Skel k = {.diag = diag, .w = ng_store_world(store), .model = ng_store_model(store, diag),
              .by_subject = ng_store_kind(store) == NG_STORE_SQLITE};
    if (!k.model)
        return NG_ERR_STORE;
    NgRdfLog *lg = ng_store_log_begin(store, diag, "render");
    lg->capture_only = true;
    lg->quiet_warnings = true;
    NgStatus st = NG_SUCCESS;
    for (int i = 0; !st && i < P_COUNT; i++)
        if (!(k.term[i] = librdf_new_node_from_uri_string(k.w, (const unsigned char *)term_iri[i])))
            st = NG_ERR_NOMEM;
    bool timeline = options && options->view == NG_VIEW_TIMELINE;
    if (!st)
        st = read_skeleton(&k, timeline);
    if (!st)
        st = keep_nodes(&k, options ? options->max_nodes : 0, timeline, omitted);
    if (!st && timeline)
        mark_participants(&k);
    if (!st && !timeline && k.by_subject)
        st = read_by_subject(&k, true); /* the kept claims' modalities (a pass read them all) */
    if (!st)
        st = read_kept(&k, timeline, out);
    if (st == NG_ERR_STORE)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "reading the store failed%s%s",
                       lg->errors ? ": " : "", lg->errors ? lg->first : "");
    skel_free(&k);
    if (st)
        ng_pic_free(out);
    return st;
}
