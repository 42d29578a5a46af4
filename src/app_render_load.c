/* app_render_load.c — the graph read back from a store for pictures and reports (NgPicGraph):
 * actors with their kind, events, claims, relations between actors, articles and the text spans
 * each node was found in, each selected with SPARQL, so that a picture shows what the graph says,
 * whoever wrote it.  Every list is sorted by IRI and every multi-valued choice made the same way
 * whatever order the store returns rows in.
 */
#include "app_picture.h"
#include "ns.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PREFIXES NG_SPARQL_PREFIXES

const char *ng_pic_local(const char *iri)
{
    const char *h = strrchr(iri, '#');
    const char *s = strrchr(iri, '/');
    const char *p = h && (!s || h > s) ? h : s;
    return p && p[1] ? p + 1 : iri;
}

const char *ng_pic_kind_name(NgPicKind kind)
{
    static const char *const names[] = {"Person", "Country", "Organization", "Group", "Place",
                                        "Actor"};
    return kind < NG_PK__COUNT ? names[kind] : "Actor";
}

/* ---------------------------------------------------------------- SPARQL rows */

/* The rows of a SELECT: `cols` strings per row (IRIs, literal lexical forms, "_:label" for blank
 * nodes, "" when unbound). */
typedef struct {
    char **cells;
    size_t rows, cols, cap;
} Rows;

static void rows_free(Rows *r)
{
    for (size_t i = 0; i < r->rows * r->cols; i++)
        free(r->cells[i]);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

static const char *cell(const Rows *r, size_t row, size_t col)
{
    return r->cells[row * r->cols + col];
}

/* A node as text, as SPARQL results give it. */
char *ng_pic_node_text(librdf_node *n)
{
    if (!n)
        return ng_strdup("");
    if (librdf_node_is_resource(n)) {
        librdf_uri *u = librdf_node_get_uri(n);
        return ng_strdup(u ? (const char *)librdf_uri_as_string(u) : "");
    }
    if (librdf_node_is_literal(n)) {
        const char *v = (const char *)librdf_node_get_literal_value(n);
        return ng_strdup(v ? v : "");
    }
    NgBuf b = {0};
    const char *id = (const char *)librdf_node_get_blank_identifier(n);
    if (ng_buf_appendf(&b, "_:%s", id ? id : "")) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

/* The node a text of ng_pic_node_text stands for: "_:label" a blank node, else an IRI (what a
 * picture looks up is never a literal). */
librdf_node *ng_pic_text_node(librdf_world *w, const char *text)
{
    if (!strncmp(text, "_:", 2))
        return librdf_new_node_from_blank_identifier(w, (const unsigned char *)text + 2);
    return librdf_new_node_from_uri_string(w, (const unsigned char *)text);
}

/* Whether a predicate is a claim's modality: the contract names it only by "modality" in its
 * name (what SPARQL's CONTAINS(LCASE(STR(?p)), "modality") would find). */
bool ng_pic_is_modality(const char *predicate)
{
    for (const char *p = predicate; *p; p++)
        if (!strncasecmp(p, "modality", 8))
            return true;
    return false;
}

/* Runs a SELECT of `cols` variables over the store's model. */
static NgStatus select_rows(NgStore *store, const char *name, const char *sparql, size_t cols,
                            const NgDiag *diag, Rows *out)
{
    memset(out, 0, sizeof *out);
    out->cols = cols;
    librdf_model *model = ng_store_model(store, diag);
    if (!model)
        return NG_ERR_STORE;
    librdf_world *w = ng_store_world(store);
    NgRdfLog *lg = ng_store_log_begin(store, diag, name);
    lg->capture_only = true;
    lg->quiet_warnings = true;
    librdf_query *q = librdf_new_query(w, "sparql", NULL, (const unsigned char *)sparql, NULL);
    librdf_query_results *r = q ? librdf_query_execute(q, model) : NULL;
    NgStatus st = NG_SUCCESS;
    if (!r) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0, "the query failed%s%s",
                       lg->errors ? ": " : "", lg->errors ? lg->first : "");
        st = NG_ERR_QUERY;
    }
    while (!st && !librdf_query_results_finished(r)) {
        st = ng_grow((void **)&out->cells, &out->cap, (out->rows + 1) * cols, sizeof *out->cells);
        for (size_t c = 0; !st && c < cols; c++) {
            librdf_node *n = librdf_query_results_get_binding_value(r, (int)c);
            char *t = ng_pic_node_text(n);
            if (n)
                librdf_free_node(n);
            if (!t) {
                st = NG_ERR_NOMEM;
                for (size_t k = 0; k < c; k++)
                    free(out->cells[out->rows * cols + k]);
                break;
            }
            out->cells[out->rows * cols + c] = t;
        }
        if (!st)
            out->rows++;
        librdf_query_results_next(r);
    }
    if (r)
        librdf_free_query_results(r);
    if (q)
        librdf_free_query(q);
    if (st)
        rows_free(out);
    return st;
}

/* ---------------------------------------------------------------- the graph, read back */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* bsearch's comparison of an IRI (the key points to a char *) with a node of the graph: every
 * NgPic node struct starts with its IRI. */
static int cmp_iri(const void *key, const void *node)
{
    return strcmp(*(const char *const *)key, *(char *const *)node);
}

/* The node of `iri` among `count` nodes of `size` bytes sorted by IRI, or NULL. */
static void *find_iri(const void *nodes, size_t count, size_t size, const char *iri)
{
    return count ? bsearch(&iri, nodes, count, size, cmp_iri) : NULL;
}

static int cmp_relation(const void *a, const void *b)
{
    const NgPicRelation *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    if (!c)
        c = strcmp(x->p, y->p);
    return c ? c : strcmp(x->o, y->o);
}

static int cmp_span(const void *a, const void *b)
{
    const NgPicSpan *x = a, *y = b;
    int c = strcmp(x->context, y->context);
    if (c)
        return c;
    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind > y->kind ? -1 : 1; /* claims outermost, then events, then actors */
    return strcmp(x->node, y->node);
}

/* The actor of `iri`, or NULL (and likewise the event, claim and article look-ups below). */
const NgPicActor *ng_pic_actor(const NgPicGraph *g, const char *iri)
{
    return find_iri(g->actors, g->actor_count, sizeof *g->actors, iri);
}

const NgPicEvent *ng_pic_event(const NgPicGraph *g, const char *iri)
{
    return find_iri(g->events, g->event_count, sizeof *g->events, iri);
}

const NgPicClaim *ng_pic_claim(const NgPicGraph *g, const char *iri)
{
    return find_iri(g->claims, g->claim_count, sizeof *g->claims, iri);
}

const NgPicArticle *ng_pic_article(const NgPicGraph *g, const char *iri)
{
    return find_iri(g->articles, g->article_count, sizeof *g->articles, iri);
}

const char *ng_pic_label(const NgPicGraph *g, const char *iri)
{
    const NgPicActor *a = ng_pic_actor(g, iri);
    if (a)
        return a->label;
    const NgPicEvent *e = ng_pic_event(g, iri);
    if (e)
        return e->label;
    const NgPicClaim *c = ng_pic_claim(g, iri);
    if (c && c->text[0])
        return c->text;
    const NgPicArticle *d = ng_pic_article(g, iri);
    if (d && d->headline[0])
        return d->headline;
    return ng_pic_local(iri);
}

void ng_pic_free(NgPicGraph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->actor_count; i++) {
        free(g->actors[i].iri);
        free(g->actors[i].label);
    }
    for (size_t i = 0; i < g->event_count; i++) {
        NgPicEvent *e = &g->events[i];
        free(e->iri);
        free(e->label);
        free(e->time);
        free(e->place);
        for (size_t k = 0; k < e->actor_count; k++)
            free(e->actors[k]);
        free(e->actors);
    }
    for (size_t i = 0; i < g->claim_count; i++) {
        NgPicClaim *c = &g->claims[i];
        free(c->iri);
        free(c->text);
        free(c->author);
        free(c->modality);
        for (size_t k = 0; k < c->about_count; k++)
            free(c->about[k]);
        free(c->about);
    }
    for (size_t i = 0; i < g->relation_count; i++) {
        free(g->relations[i].s);
        free(g->relations[i].p);
        free(g->relations[i].o);
    }
    for (size_t i = 0; i < g->article_count; i++) {
        free(g->articles[i].iri);
        free(g->articles[i].headline);
        free(g->articles[i].text);
    }
    for (size_t i = 0; i < g->span_count; i++) {
        free(g->spans[i].node);
        free(g->spans[i].context);
    }
    free(g->actors);
    free(g->events);
    free(g->claims);
    free(g->relations);
    free(g->articles);
    free(g->spans);
    memset(g, 0, sizeof *g);
}

/* Collects the distinct values of column 0 of sorted-or-not rows into a sorted unique list. */
static NgStatus unique_firsts(const Rows *r, char ***out, size_t *count)
{
    char **v = r->rows ? calloc(r->rows, sizeof *v) : NULL;
    *out = NULL;
    *count = 0;
    if (r->rows && !v)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < r->rows; i++)
        v[i] = (char *)cell(r, i, 0);
    if (r->rows)
        qsort(v, r->rows, sizeof *v, cmp_str);
    size_t n = 0;
    for (size_t i = 0; i < r->rows; i++)
        if (n == 0 || strcmp(v[n - 1], v[i]))
            v[n++] = v[i];
    for (size_t i = 0; i < n; i++)
        if (!(v[i] = ng_strdup(v[i]))) {
            for (size_t k = 0; k < i; k++)
                free(v[k]);
            free(v);
            return NG_ERR_NOMEM;
        }
    *out = v;
    *count = n;
    return NG_SUCCESS;
}

/* Adds `value` to a sorted unique string list. */
NgStatus ng_pic_list_add(char ***list, size_t *count, const char *value)
{
    size_t lo = 0, hi = *count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp((*list)[mid], value);
        if (c == 0)
            return NG_SUCCESS;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    char **more = realloc(*list, (*count + 1) * sizeof **list);
    if (!more)
        return NG_ERR_NOMEM;
    *list = more;
    char *copy = ng_strdup(value);
    if (!copy)
        return NG_ERR_NOMEM;
    memmove(more + lo + 1, more + lo, (*count - lo) * sizeof *more);
    more[lo] = copy;
    (*count)++;
    return NG_SUCCESS;
}

/* Keeps the smallest string seen (so the choice does not depend on result order). */
NgStatus ng_pic_keep_min(char **slot, const char *value)
{
    if (*slot && strcmp(*slot, value) <= 0)
        return NG_SUCCESS;
    char *copy = ng_strdup(value);
    if (!copy)
        return NG_ERR_NOMEM;
    free(*slot);
    *slot = copy;
    return NG_SUCCESS;
}

/* The kind a class makes an actor of. */
NgPicKind ng_pic_kind_of_class(const char *c)
{
    if (!strcmp(c, NG_NS_SCHEMA "Person") || !strcmp(c, NG_NS_FOAF "Person"))
        return NG_PK_PERSON;
    if (!strcmp(c, NG_NS_SCHEMA "Country"))
        return NG_PK_COUNTRY;
    if (!strcmp(c, NG_NS_SCHEMA "Organization") || !strcmp(c, NG_NS_FOAF "Organization"))
        return NG_PK_ORGANIZATION;
    if (!strcmp(c, NG_NS_FOAF "Group"))
        return NG_PK_GROUP;
    if (!strcmp(c, NG_NS_SCHEMA "Place") || !strcmp(c, NG_NS_SEM "Place"))
        return NG_PK_PLACE;
    return NG_PK_OTHER;
}

/* A decimal size, whole: false for anything else. */
bool ng_pic_parse_size(const char *s, size_t *v)
{
    if (!*s)
        return false;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (errno || *end || s[0] == '-')
        return false;
    *v = (size_t)n;
    return true;
}

/* The distinct IRIs the one-column `query` selects, sorted, with a zeroed array of as many
 * elements of `elem` bytes for the caller to fill: the IRIs (owned) go into the elements, the
 * list itself is the caller's to free. */
static NgStatus select_iris(NgStore *store, const char *name, const char *query,
                            const NgDiag *diag, size_t elem, void **items, char ***iris,
                            size_t *n)
{
    Rows r;
    NgStatus st = select_rows(store, name, query, 1, diag, &r);
    *items = NULL;
    *iris = NULL;
    *n = 0;
    if (!st)
        st = unique_firsts(&r, iris, n);
    rows_free(&r);
    if (st)
        return st;
    *items = *n ? calloc(*n, elem) : NULL;
    if (*n && !*items) {
        for (size_t i = 0; i < *n; i++)
            free((*iris)[i]);
        free(*iris);
        *iris = NULL;
        *n = 0;
        return NG_ERR_NOMEM;
    }
    return NG_SUCCESS;
}

/* ---------------------------------------------------------------- nodes and their properties */

struct PicProp;
/* Keeps one value of a property in a node. */
typedef NgStatus (*PropSet)(void *node, const struct PicProp *p, const char *value);

/* What a node whose property was never given gets, once every value is in. */
typedef enum { FALLBACK_NONE, FALLBACK_EMPTY, FALLBACK_LOCAL_NAME } Fallback;

/* One property of a kind of node: the query of its (node, value) pairs and where a value goes. */
typedef struct PicProp {
    const char *name;     /* the query's name in diagnostics */
    const char *sparql;   /* SELECT ?node ?value */
    PropSet set;
    size_t field;         /* offsetof the node's char * (or, for set_add_sorted, its char **) */
    size_t count;         /* set_add_sorted: offsetof the list's size_t count */
    Fallback fallback;    /* for the char * at `field` when no value came */
} PicProp;

/* A kind of node: the query of its IRIs and its properties, in the order they are read. */
typedef struct {
    const char *name;
    const char *sparql;   /* SELECT ?node */
    size_t size;          /* of the node's struct, whose first member is its IRI */
    void (*init)(void *node); /* sets what a new node holds besides zeros, or NULL */
    const PicProp *props;
    size_t prop_count;
} PicType;

/* The char * (or char **) of a node at offset `off`. */
#define FIELD(node, off, type) ((type *)((char *)(node) + (off)))

/* The smallest value (so the choice does not depend on result order). */
static NgStatus set_min(void *node, const PicProp *p, const char *value)
{
    return ng_pic_keep_min(FIELD(node, p->field, char *), value);
}

/* A value only for a node that has none yet from the properties read before. */
static NgStatus set_if_unset(void *node, const PicProp *p, const char *value)
{
    char **slot = FIELD(node, p->field, char *);
    return *slot ? NG_SUCCESS : ng_pic_keep_min(slot, value);
}

/* Every value, into a sorted list without repeats. */
static NgStatus set_add_sorted(void *node, const PicProp *p, const char *value)
{
    return ng_pic_list_add(FIELD(node, p->field, char **), FIELD(node, p->count, size_t), value);
}

/* An actor's kind: the first in NgPicKind's order among its classes. */
static NgStatus set_kind(void *node, const PicProp *p, const char *value)
{
    (void)p;
    NgPicActor *a = node;
    NgPicKind k = ng_pic_kind_of_class(value);
    if (k < a->kind)
        a->kind = k;
    return NG_SUCCESS;
}

/* Reads the nodes of `t` into a new array (*nodes, *count; the caller owns it, and it holds what
 * was read even when a later query fails), then each property's values, then the fallbacks. */
static NgStatus load_nodes(NgStore *store, const NgDiag *diag, const PicType *t, void **nodes,
                           size_t *count)
{
    char **iris;
    NgStatus st = select_iris(store, t->name, t->sparql, diag, t->size, nodes, &iris, count);
    if (st)
        return st;
    for (size_t i = 0; i < *count; i++) {
        void *node = (char *)*nodes + i * t->size;
        *FIELD(node, 0, char *) = iris[i];
        if (t->init)
            t->init(node);
    }
    free(iris);
    for (size_t q = 0; !st && q < t->prop_count; q++) {
        Rows r;
        st = select_rows(store, t->props[q].name, t->props[q].sparql, 2, diag, &r);
        for (size_t i = 0; !st && i < r.rows; i++) {
            void *node = find_iri(*nodes, *count, t->size, cell(&r, i, 0));
            if (node)
                st = t->props[q].set(node, &t->props[q], cell(&r, i, 1));
        }
        rows_free(&r);
    }
    for (size_t i = 0; !st && i < *count; i++) {
        void *node = (char *)*nodes + i * t->size;
        for (size_t q = 0; !st && q < t->prop_count; q++) {
            char **slot = FIELD(node, t->props[q].field, char *);
            Fallback fb = t->props[q].fallback;
            const char *iri = *FIELD(node, 0, char *);
            if (fb != FALLBACK_NONE && !*slot &&
                !(*slot = ng_strdup(fb == FALLBACK_EMPTY ? "" : ng_pic_local(iri))))
                st = NG_ERR_NOMEM;
        }
    }
    return st;
}

/* A new actor is of no known kind until its classes say. */
static void actor_init(void *node)
{
    ((NgPicActor *)node)->kind = NG_PK_OTHER;
}

/* A new event has no span yet. */
static void event_init(void *node)
{
    ((NgPicEvent *)node)->first = SIZE_MAX;
}

/* A new claim has no span yet. */
static void claim_init(void *node)
{
    ((NgPicClaim *)node)->first = SIZE_MAX;
}

static const PicProp actor_props[] = {
    {"render:actor-labels", PREFIXES "SELECT ?a ?l WHERE { ?a a sem:Actor . ?a rdfs:label ?l }",
     set_min, offsetof(NgPicActor, label), 0, FALLBACK_LOCAL_NAME},
    {"render:actor-kinds", PREFIXES "SELECT ?a ?k WHERE { ?a a sem:Actor . ?a a ?k }", set_kind, 0,
     0, FALLBACK_NONE},
};
static const PicType actor_type = {"render:actors", PREFIXES "SELECT ?a WHERE { ?a a sem:Actor }",
                                   sizeof(NgPicActor), actor_init, actor_props, 2};

/* An event's time is its sem:hasTimeStamp, else its sem:hasBeginTimeStamp. */
static const PicProp event_props[] = {
    {"render:events", PREFIXES "SELECT ?e ?l WHERE { ?e a sem:Event . ?e rdfs:label ?l }", set_min,
     offsetof(NgPicEvent, label), 0, FALLBACK_LOCAL_NAME},
    {"render:events", PREFIXES "SELECT ?e ?t WHERE { ?e a sem:Event . ?e sem:hasTimeStamp ?t }",
     set_min, offsetof(NgPicEvent, time), 0, FALLBACK_NONE},
    {"render:events",
     PREFIXES "SELECT ?e ?t WHERE { ?e a sem:Event . ?e sem:hasBeginTimeStamp ?t }", set_if_unset,
     offsetof(NgPicEvent, time), 0, FALLBACK_NONE},
    {"render:events", PREFIXES "SELECT ?e ?p WHERE { ?e a sem:Event . ?e sem:hasPlace ?p }",
     set_min, offsetof(NgPicEvent, place), 0, FALLBACK_NONE},
    {"render:events", PREFIXES "SELECT ?e ?a WHERE { ?e a sem:Event . ?e sem:hasActor ?a }",
     set_add_sorted, offsetof(NgPicEvent, actors), offsetof(NgPicEvent, actor_count),
     FALLBACK_NONE},
};
static const PicType event_type = {"render:events", PREFIXES "SELECT ?e WHERE { ?e a sem:Event }",
                                   sizeof(NgPicEvent), event_init, event_props, 5};

/* A claim's modality is read apart (ng_pic_read_modalities, in ng_pic_load). */
static const PicProp claim_props[] = {
    {"render:claims", PREFIXES "SELECT ?c ?t WHERE { ?c a schema:Claim . ?c schema:text ?t }",
     set_min, offsetof(NgPicClaim, text), 0, FALLBACK_EMPTY},
    {"render:claims", PREFIXES "SELECT ?c ?a WHERE { ?c a schema:Claim . ?c schema:author ?a }",
     set_min, offsetof(NgPicClaim, author), 0, FALLBACK_NONE},
    {"render:claims", PREFIXES "SELECT ?c ?x WHERE { ?c a schema:Claim . ?c schema:about ?x }",
     set_add_sorted, offsetof(NgPicClaim, about), offsetof(NgPicClaim, about_count),
     FALLBACK_NONE},
};
static const PicType claim_type = {"render:claims",
                                   PREFIXES "SELECT ?c WHERE { ?c a schema:Claim }",
                                   sizeof(NgPicClaim), claim_init, claim_props, 3};

static const PicProp article_props[] = {
    {"render:articles",
     PREFIXES "SELECT ?a ?h WHERE { ?a a schema:NewsArticle . ?a schema:headline ?h }", set_min,
     offsetof(NgPicArticle, headline), 0, FALLBACK_EMPTY},
    {"render:articles",
     PREFIXES "SELECT ?a ?t WHERE { ?a a schema:NewsArticle . ?a nif:isString ?t }", set_min,
     offsetof(NgPicArticle, text), 0, FALLBACK_EMPTY},
};
static const PicType article_type = {"render:articles",
                                     PREFIXES "SELECT ?a WHERE { ?a a schema:NewsArticle }",
                                     sizeof(NgPicArticle), NULL, article_props, 2};

/* Sorts relations by (s, p, o) and drops (frees) the repeats. */
void ng_pic_relations_unique(NgPicRelation *r, size_t *count)
{
    if (!*count)
        return;
    qsort(r, *count, sizeof *r, cmp_relation);
    size_t n = 1;
    for (size_t i = 1; i < *count; i++) {
        if (cmp_relation(&r[n - 1], &r[i])) {
            r[n++] = r[i];
        } else {
            free(r[i].s);
            free(r[i].p);
            free(r[i].o);
        }
    }
    *count = n;
}

static NgStatus load_relations(NgStore *store, const NgDiag *diag, NgPicGraph *g)
{
    Rows r;
    NgStatus st = select_rows(store, "render:relations",
                              PREFIXES "SELECT ?s ?p ?o WHERE { ?s a sem:Actor . ?o a sem:Actor . "
                                       "?s ?p ?o . FILTER(?s != ?o) }",
                              3, diag, &r);
    if (st)
        return st;
    g->relations = r.rows ? calloc(r.rows, sizeof *g->relations) : NULL;
    if (r.rows && !g->relations)
        st = NG_ERR_NOMEM;
    for (size_t i = 0; !st && i < r.rows; i++) {
        NgPicRelation *x = &g->relations[g->relation_count];
        x->s = ng_strdup(cell(&r, i, 0));
        x->p = ng_strdup(cell(&r, i, 1));
        x->o = ng_strdup(cell(&r, i, 2));
        g->relation_count++;
        if (!x->s || !x->p || !x->o)
            st = NG_ERR_NOMEM;
    }
    rows_free(&r);
    if (!st)
        ng_pic_relations_unique(g->relations, &g->relation_count);
    return st;
}

/* Spans: those events and claims are derived from, and those naming an actor.  Each query starts
 * from the entity's type: Redland leaks a term per query whose first pattern has only its
 * predicate bound ("?s nif:beginIndex ?b"). */
static NgStatus load_spans(NgStore *store, const NgDiag *diag, NgPicGraph *g)
{
#define SPAN_END "?s nif:beginIndex ?b . ?s nif:endIndex ?e . ?s nif:referenceContext ?c }"
    static const char *const queries[] = {
        PREFIXES "SELECT ?x ?b ?e ?c WHERE { ?x a sem:Actor . ?s itsrdf:taIdentRef ?x . " SPAN_END,
        PREFIXES "SELECT ?x ?b ?e ?c WHERE { ?x a sem:Event . ?x prov:wasDerivedFrom ?s . " SPAN_END,
        PREFIXES "SELECT ?x ?b ?e ?c WHERE { ?x a schema:Claim . ?x prov:wasDerivedFrom ?s . " SPAN_END,
    };
#undef SPAN_END
    static const NgPicSpanKind kinds[] = {NG_PS_ACTOR, NG_PS_EVENT, NG_PS_CLAIM};
    size_t cap = 0;
    NgStatus st = NG_SUCCESS;
    for (size_t q = 0; !st && q < 3; q++) {
        Rows r;
        st = select_rows(store, "render:spans", queries[q], 4, diag, &r);
        for (size_t i = 0; !st && i < r.rows; i++) {
            const char *node = cell(&r, i, 0);
            size_t b, e;
            if (!ng_pic_parse_size(cell(&r, i, 1), &b) || !ng_pic_parse_size(cell(&r, i, 2), &e) || e < b) {
                ng_diag_report(diag, NG_DIAG_WARNING, NULL, 0, 0,
                               "%s: a span with offsets %s,%s is skipped", node, cell(&r, i, 1),
                               cell(&r, i, 2));
                continue;
            }
            st = ng_grow((void **)&g->spans, &cap, g->span_count + 1, sizeof *g->spans);
            if (st)
                break;
            NgPicSpan *sp = &g->spans[g->span_count];
            sp->node = ng_strdup(node);
            sp->context = ng_strdup(cell(&r, i, 3));
            sp->begin = b;
            sp->end = e;
            sp->kind = kinds[q];
            g->span_count++;
            if (!sp->node || !sp->context)
                st = NG_ERR_NOMEM;
        }
        rows_free(&r);
    }
    if (st)
        return st;
    if (g->span_count)
        qsort(g->spans, g->span_count, sizeof *g->spans, cmp_span);
    size_t n = 0;
    for (size_t i = 0; i < g->span_count; i++) {
        if (n && !cmp_span(&g->spans[n - 1], &g->spans[i])) {
            free(g->spans[i].node);
            free(g->spans[i].context);
            continue;
        }
        g->spans[n++] = g->spans[i];
    }
    g->span_count = n;
    for (size_t i = 0; i < g->span_count; i++) {
        NgPicEvent *e = (NgPicEvent *)ng_pic_event(g, g->spans[i].node);
        NgPicClaim *c = e ? NULL : (NgPicClaim *)ng_pic_claim(g, g->spans[i].node);
        if (e && g->spans[i].begin < e->first)
            e->first = g->spans[i].begin;
        if (c && g->spans[i].begin < c->first)
            c->first = g->spans[i].begin;
    }
    return NG_SUCCESS;
}

/* Each claim's modality, the local name of its "...modality" property's IRI ("Hedged"), "" when
 * none: the contract names that property only by its name, which SPARQL can find only by reading
 * every triple of every claim (?c ?p ?m), a pass over the whole store per claim where subjects are
 * not indexed; ng_pic_read_modalities reads them with direct look-ups. */
static NgStatus load_modalities(NgStore *store, const NgDiag *diag, NgPicGraph *g)
{
    NgStatus st = ng_pic_read_modalities(store, g->claims, g->claim_count, diag);
    for (size_t i = 0; !st && i < g->claim_count; i++)
        if (!g->claims[i].modality && !(g->claims[i].modality = ng_strdup("")))
            st = NG_ERR_NOMEM;
    return st;
}

/* Gives each node its id, its place in its sorted array, and marks the articles that are the
 * source of a claim. */
static void number_nodes(NgPicGraph *g)
{
    for (size_t i = 0; i < g->actor_count; i++)
        g->actors[i].id = i;
    for (size_t i = 0; i < g->event_count; i++)
        g->events[i].id = i;
    for (size_t i = 0; i < g->claim_count; i++)
        g->claims[i].id = i;
    for (size_t i = 0; i < g->article_count; i++)
        g->articles[i].id = i;
    for (size_t i = 0; i < g->claim_count; i++) {
        NgPicArticle *a = g->claims[i].author
                              ? (NgPicArticle *)ng_pic_article(g, g->claims[i].author)
                              : NULL;
        if (a)
            a->source = true;
    }
}

/* Reads the actors, events, claims, relations, articles and spans; on failure nothing is kept. */
NgStatus ng_pic_load(NgStore *store, const NgDiag *diag, NgPicGraph *out)
{
    memset(out, 0, sizeof *out);
    void *nodes;
    NgStatus st = load_nodes(store, diag, &actor_type, &nodes, &out->actor_count);
    out->actors = nodes;
    if (!st) {
        st = load_nodes(store, diag, &event_type, &nodes, &out->event_count);
        out->events = nodes;
    }
    if (!st) {
        st = load_nodes(store, diag, &claim_type, &nodes, &out->claim_count);
        out->claims = nodes;
    }
    if (!st)
        st = load_modalities(store, diag, out);
    if (!st)
        st = load_relations(store, diag, out);
    if (!st) {
        st = load_nodes(store, diag, &article_type, &nodes, &out->article_count);
        out->articles = nodes;
    }
    if (!st)
        st = load_spans(store, diag, out);
    if (st) {
        ng_pic_free(out);
        return st;
    }
    number_nodes(out);
    return NG_SUCCESS;
}
