/* app_render.c — pictures of the graph: the network of actors, events and claims, and the timeline
 * of events, laid out by Graphviz.
 *
 * Everything is read back from a store with SPARQL (ng_pic_load), so a picture shows what the
 * graph says, whoever wrote it.  The view is written as DOT text, sorted throughout so that equal
 * graphs give equal text, then parsed by cgraph (agmemread), laid out by libgvc (gvLayout: dot)
 * and rendered by it (gvRenderData) into memory; the bytes reach the output file atomically.  No
 * geometry is computed here.
 */
#include "app_picture.h"
#include "store_internal.h"
#include "ns.h"

#include <errno.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdlib.h>
#include <string.h>

#define PREFIXES NG_SPARQL_PREFIXES

/* ---------------------------------------------------------------- small parsers */

bool ng_view_parse(const char *name, NgView *view)
{
    if (!strcmp(name, "network"))
        *view = NG_VIEW_NETWORK;
    else if (!strcmp(name, "timeline"))
        *view = NG_VIEW_TIMELINE;
    else
        return false;
    return true;
}

bool ng_picture_format_of(const char *path, NgPictureFormat *format)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return false;
    if (!strcasecmp(dot, ".svg"))
        *format = NG_PICTURE_SVG;
    else if (!strcasecmp(dot, ".png"))
        *format = NG_PICTURE_PNG;
    else if (!strcasecmp(dot, ".dot") || !strcasecmp(dot, ".gv"))
        *format = NG_PICTURE_DOT;
    else
        return false;
    return true;
}

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

static char *node_text(librdf_node *n)
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
            char *t = node_text(n);
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

static int cmp_actor(const void *a, const void *b)
{
    return strcmp(((const NgPicActor *)a)->iri, ((const NgPicActor *)b)->iri);
}

static int cmp_event(const void *a, const void *b)
{
    return strcmp(((const NgPicEvent *)a)->iri, ((const NgPicEvent *)b)->iri);
}

static int cmp_claim(const void *a, const void *b)
{
    return strcmp(((const NgPicClaim *)a)->iri, ((const NgPicClaim *)b)->iri);
}

static int cmp_article(const void *a, const void *b)
{
    return strcmp(((const NgPicArticle *)a)->iri, ((const NgPicArticle *)b)->iri);
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

const NgPicActor *ng_pic_actor(const NgPicGraph *g, const char *iri)
{
    NgPicActor key = {(char *)iri, NULL, NG_PK_OTHER};
    return g->actor_count ? bsearch(&key, g->actors, g->actor_count, sizeof key, cmp_actor) : NULL;
}

const NgPicEvent *ng_pic_event(const NgPicGraph *g, const char *iri)
{
    NgPicEvent key = {.iri = (char *)iri};
    return g->event_count ? bsearch(&key, g->events, g->event_count, sizeof key, cmp_event) : NULL;
}

const NgPicClaim *ng_pic_claim(const NgPicGraph *g, const char *iri)
{
    NgPicClaim key = {.iri = (char *)iri};
    return g->claim_count ? bsearch(&key, g->claims, g->claim_count, sizeof key, cmp_claim) : NULL;
}

const NgPicArticle *ng_pic_article(const NgPicGraph *g, const char *iri)
{
    NgPicArticle key = {.iri = (char *)iri};
    return g->article_count ? bsearch(&key, g->articles, g->article_count, sizeof key, cmp_article)
                            : NULL;
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
static NgStatus list_add_sorted(char ***list, size_t *count, const char *value)
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
static NgStatus keep_min(char **slot, const char *value)
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

static NgPicKind kind_of_class(const char *c)
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

static bool parse_size(const char *s, size_t *v)
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

static NgStatus load_actors(NgStore *store, const NgDiag *diag, NgPicGraph *g)
{
    Rows r;
    char **iris;
    size_t n;
    void *items;
    NgStatus st = select_iris(store, "render:actors", PREFIXES "SELECT ?a WHERE { ?a a sem:Actor }",
                              diag, sizeof *g->actors, &items, &iris, &n);
    if (st)
        return st;
    g->actors = items;
    for (size_t i = 0; i < n; i++)
        g->actors[i] = (NgPicActor){iris[i], NULL, NG_PK_OTHER};
    g->actor_count = n;
    free(iris);
    st = select_rows(store, "render:actor-labels",
                     PREFIXES "SELECT ?a ?l WHERE { ?a a sem:Actor . ?a rdfs:label ?l }", 2, diag,
                     &r);
    for (size_t i = 0; !st && i < r.rows; i++) {
        NgPicActor *a = (NgPicActor *)ng_pic_actor(g, cell(&r, i, 0));
        if (a)
            st = keep_min(&a->label, cell(&r, i, 1));
    }
    rows_free(&r);
    if (!st)
        st = select_rows(store, "render:actor-kinds",
                         PREFIXES "SELECT ?a ?k WHERE { ?a a sem:Actor . ?a a ?k }", 2, diag, &r);
    for (size_t i = 0; !st && i < r.rows; i++) {
        NgPicActor *a = (NgPicActor *)ng_pic_actor(g, cell(&r, i, 0));
        NgPicKind k = kind_of_class(cell(&r, i, 1));
        if (a && k < a->kind)
            a->kind = k;
    }
    rows_free(&r);
    for (size_t i = 0; !st && i < g->actor_count; i++)
        if (!g->actors[i].label && !(g->actors[i].label = ng_strdup(ng_pic_local(g->actors[i].iri))))
            st = NG_ERR_NOMEM;
    return st;
}

static NgStatus load_events(NgStore *store, const NgDiag *diag, NgPicGraph *g)
{
    Rows r;
    char **iris;
    size_t n;
    void *items;
    NgStatus st = select_iris(store, "render:events", PREFIXES "SELECT ?e WHERE { ?e a sem:Event }",
                              diag, sizeof *g->events, &items, &iris, &n);
    if (st)
        return st;
    g->events = items;
    for (size_t i = 0; i < n; i++) {
        g->events[i].iri = iris[i];
        g->events[i].first = SIZE_MAX;
    }
    g->event_count = n;
    free(iris);
    static const char *const queries[] = {
        PREFIXES "SELECT ?e ?l WHERE { ?e a sem:Event . ?e rdfs:label ?l }",
        PREFIXES "SELECT ?e ?t WHERE { ?e a sem:Event . ?e sem:hasTimeStamp ?t }",
        PREFIXES "SELECT ?e ?t WHERE { ?e a sem:Event . ?e sem:hasBeginTimeStamp ?t }",
        PREFIXES "SELECT ?e ?p WHERE { ?e a sem:Event . ?e sem:hasPlace ?p }",
        PREFIXES "SELECT ?e ?a WHERE { ?e a sem:Event . ?e sem:hasActor ?a }",
    };
    for (size_t q = 0; !st && q < sizeof queries / sizeof queries[0]; q++) {
        st = select_rows(store, "render:events", queries[q], 2, diag, &r);
        for (size_t i = 0; !st && i < r.rows; i++) {
            NgPicEvent *e = (NgPicEvent *)ng_pic_event(g, cell(&r, i, 0));
            const char *v = cell(&r, i, 1);
            if (!e)
                continue;
            if (q == 0)
                st = keep_min(&e->label, v);
            else if (q == 1 || (q == 2 && !e->time))
                st = keep_min(&e->time, v);
            else if (q == 3)
                st = keep_min(&e->place, v);
            else
                st = list_add_sorted(&e->actors, &e->actor_count, v);
        }
        rows_free(&r);
    }
    for (size_t i = 0; !st && i < g->event_count; i++)
        if (!g->events[i].label && !(g->events[i].label = ng_strdup(ng_pic_local(g->events[i].iri))))
            st = NG_ERR_NOMEM;
    return st;
}

static NgStatus load_claims(NgStore *store, const NgDiag *diag, NgPicGraph *g)
{
    Rows r;
    char **iris;
    size_t n;
    void *items;
    NgStatus st = select_iris(store, "render:claims", PREFIXES "SELECT ?c WHERE { ?c a schema:Claim }",
                              diag, sizeof *g->claims, &items, &iris, &n);
    if (st)
        return st;
    g->claims = items;
    for (size_t i = 0; i < n; i++) {
        g->claims[i].iri = iris[i];
        g->claims[i].first = SIZE_MAX;
    }
    g->claim_count = n;
    free(iris);
    /* The contract names the modality property only by its local name containing "modality". */
    static const char *const queries[] = {
        PREFIXES "SELECT ?c ?t WHERE { ?c a schema:Claim . ?c schema:text ?t }",
        PREFIXES "SELECT ?c ?a WHERE { ?c a schema:Claim . ?c schema:author ?a }",
        PREFIXES "SELECT ?c ?m WHERE { ?c a schema:Claim . ?c ?p ?m . "
                 "FILTER(CONTAINS(LCASE(STR(?p)), \"modality\") && isIRI(?m)) }",
        PREFIXES "SELECT ?c ?x WHERE { ?c a schema:Claim . ?c schema:about ?x }",
    };
    for (size_t q = 0; !st && q < sizeof queries / sizeof queries[0]; q++) {
        st = select_rows(store, "render:claims", queries[q], 2, diag, &r);
        for (size_t i = 0; !st && i < r.rows; i++) {
            NgPicClaim *c = (NgPicClaim *)ng_pic_claim(g, cell(&r, i, 0));
            const char *v = cell(&r, i, 1);
            if (!c)
                continue;
            if (q == 0)
                st = keep_min(&c->text, v);
            else if (q == 1)
                st = keep_min(&c->author, v);
            else if (q == 2)
                st = keep_min(&c->modality, ng_pic_local(v));
            else
                st = list_add_sorted(&c->about, &c->about_count, v);
        }
        rows_free(&r);
    }
    for (size_t i = 0; !st && i < g->claim_count; i++) {
        if (!g->claims[i].text && !(g->claims[i].text = ng_strdup("")))
            st = NG_ERR_NOMEM;
        if (!st && !g->claims[i].modality && !(g->claims[i].modality = ng_strdup("")))
            st = NG_ERR_NOMEM;
    }
    return st;
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
    if (!st && g->relation_count) {
        qsort(g->relations, g->relation_count, sizeof *g->relations, cmp_relation);
        size_t n = 1;
        for (size_t i = 1; i < g->relation_count; i++) {
            if (cmp_relation(&g->relations[n - 1], &g->relations[i])) {
                g->relations[n++] = g->relations[i];
            } else {
                free(g->relations[i].s);
                free(g->relations[i].p);
                free(g->relations[i].o);
            }
        }
        g->relation_count = n;
    }
    return st;
}

static NgStatus load_articles(NgStore *store, const NgDiag *diag, NgPicGraph *g)
{
    Rows r;
    NgStatus st = select_rows(store, "render:articles",
                              PREFIXES "SELECT ?a WHERE { ?a a schema:NewsArticle }", 1, diag, &r);
    char **iris = NULL;
    size_t n = 0;
    if (!st)
        st = unique_firsts(&r, &iris, &n);
    rows_free(&r);
    if (st)
        return st;
    g->articles = n ? calloc(n, sizeof *g->articles) : NULL;
    if (n && !g->articles) {
        for (size_t i = 0; i < n; i++)
            free(iris[i]);
        free(iris);
        return NG_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        g->articles[i].iri = iris[i];
    g->article_count = n;
    free(iris);
    static const char *const queries[] = {
        PREFIXES "SELECT ?a ?h WHERE { ?a a schema:NewsArticle . ?a schema:headline ?h }",
        PREFIXES "SELECT ?a ?t WHERE { ?a a schema:NewsArticle . ?a nif:isString ?t }",
    };
    for (size_t q = 0; !st && q < 2; q++) {
        st = select_rows(store, "render:articles", queries[q], 2, diag, &r);
        for (size_t i = 0; !st && i < r.rows; i++) {
            NgPicArticle *a = (NgPicArticle *)ng_pic_article(g, cell(&r, i, 0));
            if (a)
                st = keep_min(q == 0 ? &a->headline : &a->text, cell(&r, i, 1));
        }
        rows_free(&r);
    }
    for (size_t i = 0; !st && i < g->article_count; i++) {
        if (!g->articles[i].headline && !(g->articles[i].headline = ng_strdup("")))
            st = NG_ERR_NOMEM;
        if (!st && !g->articles[i].text && !(g->articles[i].text = ng_strdup("")))
            st = NG_ERR_NOMEM;
    }
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
            if (!parse_size(cell(&r, i, 1), &b) || !parse_size(cell(&r, i, 2), &e) || e < b) {
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

NgStatus ng_pic_load(NgStore *store, const NgDiag *diag, NgPicGraph *out)
{
    memset(out, 0, sizeof *out);
    NgStatus st = load_actors(store, diag, out);
    if (!st)
        st = load_events(store, diag, out);
    if (!st)
        st = load_claims(store, diag, out);
    if (!st)
        st = load_relations(store, diag, out);
    if (!st)
        st = load_articles(store, diag, out);
    if (!st)
        st = load_spans(store, diag, out);
    if (st)
        ng_pic_free(out);
    return st;
}

/* ---------------------------------------------------------------- DOT text */

/* Appends `s` as the inside of a DOT double-quoted string: quotes and backslashes escaped, line
 * breaks and other control characters as spaces. */
static NgStatus dot_escape(NgBuf *b, const char *s)
{
    NgStatus st = NG_SUCCESS;
    for (const char *p = s; !st && *p; p++) {
        if (*p == '"' || *p == '\\')
            st = ng_buf_appendf(b, "\\%c", *p);
        else if ((unsigned char)*p < 0x20 || *p == 0x7f)
            st = ng_buf_append(b, " ", 1);
        else
            st = ng_buf_append(b, p, 1);
    }
    return st;
}

/* Appends `s` shortened to at most `max` code points (an ellipsis when cut) and wrapped into lines
 * of about `width` code points, as DOT label text ("\n" between lines). */
static NgStatus dot_wrapped(NgBuf *b, const char *s, size_t max, size_t width)
{
    NgBuf t = {0};
    NgStatus st = ng_buf_append(&t, "", 0);
    size_t cps = 0, line = 0;
    const char *p = s;
    while (!st && *p) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\n' && *p != '\t')
            p++;
        size_t wl = ng_utf8_length(w, (size_t)(p - w));
        if (cps + wl + 1 > max && cps > 0) {
            st = ng_buf_append(&t, "\xe2\x80\xa6", 3);
            break;
        }
        if (line > 0 && line + 1 + wl > width) {
            st = ng_buf_append(&t, "\n", 1);
            line = 0;
        } else if (line > 0) {
            st = ng_buf_append(&t, " ", 1);
            line++;
        }
        if (!st)
            st = ng_buf_append(&t, w, (size_t)(p - w));
        line += wl;
        cps += wl + 1;
    }
    /* escape, keeping our line breaks as DOT's \n */
    for (const char *q = t.data; !st && q && *q; q++) {
        if (*q == '\n')
            st = ng_buf_append(b, "\\n", 2);
        else if (*q == '"' || *q == '\\')
            st = ng_buf_appendf(b, "\\%c", *q);
        else if ((unsigned char)*q < 0x20)
            st = ng_buf_append(b, " ", 1);
        else
            st = ng_buf_append(b, q, 1);
    }
    ng_buf_free(&t);
    return st;
}

/* How each actor kind looks. */
static const struct {
    const char *shape, *fill, *border;
} kind_style[NG_PK__COUNT] = {
    [NG_PK_PERSON] = {"ellipse", "#fdd9a0", "#b35806"},
    [NG_PK_COUNTRY] = {"box", "#a6cee3", "#1f5f8b"},
    [NG_PK_ORGANIZATION] = {"hexagon", "#b2df8a", "#33a02c"},
    [NG_PK_GROUP] = {"octagon", "#d9c6e8", "#6a3d9a"},
    [NG_PK_PLACE] = {"house", "#e5e5e5", "#555555"},
    [NG_PK_OTHER] = {"ellipse", "#ffffff", "#555555"},
};

#define EVENT_STYLE "shape=box, style=\"rounded,filled\", fillcolor=\"#fbb4ae\", color=\"#b2182b\""
#define ARTICLE_STYLE "shape=folder, style=filled, fillcolor=\"#f0f0f0\", color=\"#444444\""

/* The line style that shows a claim's modality. */
static const char *modality_style(const char *m)
{
    if (!strcmp(m, "Hedged"))
        return "filled,dashed";
    if (!strcmp(m, "Predicted"))
        return "filled,dotted";
    if (!strcmp(m, "Reported"))
        return "filled,bold";
    return "filled";
}

/* The nodes of a view: every actor, event, claim and authoring article, with their degrees. */
typedef enum { VN_ACTOR, VN_EVENT, VN_CLAIM, VN_ARTICLE } VNodeType;

typedef struct {
    VNodeType type;
    size_t index;      /* into the graph's array of that type */
    const char *iri;
    size_t degree;
    bool kept;
} VNode;

typedef struct {
    size_t from, to;   /* into the node array */
    int type;          /* 0 participant, 1 place, 2 author, 3 about, 4 relation */
    const char *label; /* relation property, else NULL */
} VEdge;

typedef struct {
    VNode *nodes;
    size_t node_count, node_cap;
    VEdge *edges;
    size_t edge_count, edge_cap;
} View;

static void view_free(View *v)
{
    free(v->nodes);
    free(v->edges);
    memset(v, 0, sizeof *v);
}

static int cmp_vnode_iri(const void *a, const void *b)
{
    return strcmp(((const VNode *)a)->iri, ((const VNode *)b)->iri);
}

/* The node of `iri`, or SIZE_MAX (nodes are sorted by IRI once built). */
static size_t view_find(const View *v, const char *iri)
{
    VNode key = {.iri = iri};
    const VNode *n = v->node_count ? bsearch(&key, v->nodes, v->node_count, sizeof key,
                                             cmp_vnode_iri)
                                   : NULL;
    return n ? (size_t)(n - v->nodes) : SIZE_MAX;
}

static NgStatus view_node(View *v, VNodeType type, size_t index, const char *iri)
{
    NgStatus st = ng_grow((void **)&v->nodes, &v->node_cap, v->node_count + 1, sizeof *v->nodes);
    if (!st)
        v->nodes[v->node_count++] = (VNode){type, index, iri, 0, true};
    return st;
}

static NgStatus view_edge(View *v, const char *from, const char *to, int type, const char *label)
{
    size_t f = view_find(v, from), t = view_find(v, to);
    if (f == SIZE_MAX || t == SIZE_MAX || f == t)
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&v->edges, &v->edge_cap, v->edge_count + 1, sizeof *v->edges);
    if (st)
        return st;
    v->edges[v->edge_count++] = (VEdge){f, t, type, label};
    v->nodes[f].degree++;
    v->nodes[t].degree++;
    return NG_SUCCESS;
}

static NgStatus view_build(const NgPicGraph *g, View *v)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < g->actor_count; i++)
        st = view_node(v, VN_ACTOR, i, g->actors[i].iri);
    for (size_t i = 0; !st && i < g->event_count; i++)
        st = view_node(v, VN_EVENT, i, g->events[i].iri);
    for (size_t i = 0; !st && i < g->claim_count; i++)
        st = view_node(v, VN_CLAIM, i, g->claims[i].iri);
    for (size_t i = 0; !st && i < g->article_count; i++) {
        bool authors = false;
        for (size_t c = 0; !authors && c < g->claim_count; c++)
            authors = g->claims[c].author && !strcmp(g->claims[c].author, g->articles[i].iri);
        if (authors)
            st = view_node(v, VN_ARTICLE, i, g->articles[i].iri);
    }
    if (st)
        return st;
    if (v->node_count)
        qsort(v->nodes, v->node_count, sizeof *v->nodes, cmp_vnode_iri);
    for (size_t i = 0; !st && i < g->event_count; i++) {
        const NgPicEvent *e = &g->events[i];
        for (size_t k = 0; !st && k < e->actor_count; k++)
            st = view_edge(v, e->iri, e->actors[k], 0, NULL);
        if (!st && e->place)
            st = view_edge(v, e->iri, e->place, 1, NULL);
    }
    for (size_t i = 0; !st && i < g->claim_count; i++) {
        const NgPicClaim *c = &g->claims[i];
        if (c->author)
            st = view_edge(v, c->author, c->iri, 2, NULL);
        for (size_t k = 0; !st && k < c->about_count; k++)
            st = view_edge(v, c->iri, c->about[k], 3, NULL);
    }
    for (size_t i = 0; !st && i < g->relation_count; i++)
        st = view_edge(v, g->relations[i].s, g->relations[i].o, 4, ng_pic_local(g->relations[i].p));
    return st;
}

/* Keeps the `max` nodes of the highest degree (ties: actors, events, claims, articles, then by
 * IRI) among those `eligible`; returns how many eligible nodes were dropped. */
static size_t view_keep(View *v, size_t max, bool events_only)
{
    size_t eligible = 0;
    for (size_t i = 0; i < v->node_count; i++) {
        bool e = !events_only || v->nodes[i].type == VN_EVENT;
        v->nodes[i].kept = e;
        eligible += e;
    }
    if (max == 0 || eligible <= max)
        return 0;
    size_t *order = malloc(v->node_count * sizeof *order);
    if (!order)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < v->node_count; i++)
        if (v->nodes[i].kept)
            order[n++] = i;
    /* insertion sort by (degree desc, type, index): stable and small */
    for (size_t i = 1; i < n; i++) {
        size_t x = order[i], j = i;
        while (j > 0) {
            const VNode *a = &v->nodes[order[j - 1]], *b = &v->nodes[x];
            bool before = b->degree > a->degree ||
                          (b->degree == a->degree &&
                           (b->type < a->type || (b->type == a->type && order[j - 1] > x)));
            if (!before)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    for (size_t i = max; i < n; i++)
        v->nodes[order[i]].kept = false;
    free(order);
    return eligible - max;
}

static const char *node_id_prefix(VNodeType t)
{
    return t == VN_ACTOR ? "a" : t == VN_EVENT ? "e" : t == VN_CLAIM ? "c" : "d";
}

/* Appends the DOT statement of node `i`, named `id`. */
static NgStatus dot_node(NgBuf *b, const NgPicGraph *g, const VNode *n, const char *id)
{
    NgStatus st = ng_buf_appendf(b, "  %s [label=\"", id);
    if (st)
        return st;
    switch (n->type) {
    case VN_ACTOR: {
        const NgPicActor *a = &g->actors[n->index];
        st = dot_wrapped(b, a->label, 48, 18);
        if (!st)
            st = ng_buf_appendf(b, "\", shape=%s, style=filled, fillcolor=\"%s\", color=\"%s\"",
                                kind_style[a->kind].shape, kind_style[a->kind].fill,
                                kind_style[a->kind].border);
        break;
    }
    case VN_EVENT: {
        const NgPicEvent *e = &g->events[n->index];
        st = dot_wrapped(b, e->label, 40, 18);
        if (!st && e->time) {
            st = ng_buf_append(b, "\\n(", 3);
            if (!st)
                st = dot_escape(b, e->time);
            if (!st)
                st = ng_buf_append(b, ")", 1);
        }
        if (!st)
            st = ng_buf_appendf(b, "\", " EVENT_STYLE);
        break;
    }
    case VN_CLAIM: {
        const NgPicClaim *c = &g->claims[n->index];
        st = dot_wrapped(b, c->text, 56, 22);
        if (!st)
            st = ng_buf_appendf(b, "\", shape=note, fontsize=11, style=\"%s\", fillcolor=\"#fff7bc\", "
                                   "color=\"#8c6d1f\"",
                                modality_style(c->modality));
        break;
    }
    case VN_ARTICLE: {
        const NgPicArticle *d = &g->articles[n->index];
        st = ng_buf_append(b, "Article: ", 9);
        if (!st)
            st = dot_wrapped(b, d->headline[0] ? d->headline : ng_pic_local(d->iri), 60, 24);
        if (!st)
            st = ng_buf_appendf(b, "\", " ARTICLE_STYLE);
        break;
    }
    }
    if (!st)
        st = ng_buf_append(b, ", tooltip=\"", 11);
    if (!st)
        st = dot_escape(b, n->iri);
    if (!st)
        st = ng_buf_append(b, "\"];\n", 4);
    return st;
}

static const char *const edge_style[] = {
    "color=\"#555555\"",                                     /* participant */
    "color=\"#555555\", style=dotted, label=\"in\"",         /* place */
    "color=\"#8c6d1f\", penwidth=1.4",                       /* author -> claim */
    "color=\"#aaaaaa\", style=dashed, arrowsize=0.6",        /* claim -> about */
    "color=\"#1f4e99\", penwidth=1.8, fontcolor=\"#1f4e99\"" /* relation */
};

/* The legend: one sample of every node style, in a cluster; invisible chains stack the samples
 * in two short columns. */
static NgStatus dot_legend(NgBuf *b, bool claims)
{
    NgStatus st = ng_buf_appendf(b, "  subgraph cluster_legend {\n"
                                    "    label=\"Legend\"; fontsize=14; style=rounded; color=\"#888888\";\n"
                                    "    node [fontsize=11, margin=\"0.08,0.04\"];\n");
    for (int k = 0; !st && k < NG_PK_OTHER; k++)
        st = ng_buf_appendf(b, "    legend_k%d [label=\"%s\", shape=%s, style=filled, fillcolor=\"%s\", "
                               "color=\"%s\"];\n",
                            k, ng_pic_kind_name((NgPicKind)k), kind_style[k].shape, kind_style[k].fill,
                            kind_style[k].border);
    if (!st)
        st = ng_buf_appendf(b, "    legend_event [label=\"Event\\n(time)\", " EVENT_STYLE "];\n");
    if (!st && claims) {
        static const char *const mods[] = {"Asserted", "Hedged", "Predicted", "Reported"};
        for (int m = 0; !st && m < 4; m++)
            st = ng_buf_appendf(b, "    legend_m%d [label=\"Claim: %s\", shape=note, style=\"%s\", "
                                   "fillcolor=\"#fff7bc\", color=\"#8c6d1f\"];\n",
                                m, mods[m], modality_style(mods[m]));
        if (!st)
            st = ng_buf_appendf(b, "    legend_article [label=\"Article\", " ARTICLE_STYLE "];\n");
        if (!st)
            st = ng_buf_appendf(b, "    legend_rel_a [label=\"Actor\", shape=plaintext];\n"
                                   "    legend_rel_b [label=\"Actor\", shape=plaintext];\n"
                                   "    legend_rel_a -> legend_rel_b [%s, label=\"relation\"];\n",
                                edge_style[4]);
    }
    if (!st)
        st = ng_buf_appendf(b, "    legend_k0 -> legend_k1 -> legend_k2 -> legend_k3 -> legend_k4 "
                               "[style=invis];\n");
    if (!st && claims)
        st = ng_buf_appendf(b, "    legend_event -> legend_m0 -> legend_m1 -> legend_m2 -> legend_m3 -> "
                               "legend_article [style=invis];\n");
    return st ? st : ng_buf_append(b, "  }\n", 4);
}

static NgStatus dot_network(const NgPicGraph *g, const View *v, NgBuf *b)
{
    NgStatus st = ng_buf_appendf(b,
                                 "digraph newsgraph {\n"
                                 "  layout=dot; rankdir=LR; ranksep=1.1; nodesep=0.25; newrank=true;\n"
                                 "  fontname=\"Helvetica\"; pad=0.3;\n"
                                 "  node [fontname=\"Helvetica\", fontsize=13, margin=\"0.12,0.06\"];\n"
                                 "  edge [fontname=\"Helvetica\", fontsize=10, arrowsize=0.8];\n");
    if (!st)
        st = dot_legend(b, true);
    char id[32];
    for (size_t i = 0; !st && i < v->node_count; i++) {
        if (!v->nodes[i].kept)
            continue;
        snprintf(id, sizeof id, "%s%zu", node_id_prefix(v->nodes[i].type), v->nodes[i].index);
        st = dot_node(b, g, &v->nodes[i], id);
    }
    for (size_t i = 0; !st && i < v->edge_count; i++) {
        const VEdge *e = &v->edges[i];
        const VNode *f = &v->nodes[e->from], *t = &v->nodes[e->to];
        if (!f->kept || !t->kept)
            continue;
        st = ng_buf_appendf(b, "  %s%zu -> %s%zu [%s", node_id_prefix(f->type), f->index,
                            node_id_prefix(t->type), t->index, edge_style[e->type]);
        if (!st && e->label) {
            st = ng_buf_append(b, ", label=\"", 9);
            if (!st)
                st = dot_escape(b, e->label);
            if (!st)
                st = ng_buf_append(b, "\"", 1);
        }
        if (!st)
            st = ng_buf_append(b, "];\n", 3);
    }
    return st ? st : ng_buf_append(b, "}\n", 2);
}

/* Events in time order: dated ones by their time (then by where the text first states them),
 * undated ones after, by where the text first states them; ties by IRI. */
static int cmp_event_time(const void *a, const void *b)
{
    const NgPicEvent *x = *(const NgPicEvent *const *)a, *y = *(const NgPicEvent *const *)b;
    if (!x->time != !y->time)
        return x->time ? -1 : 1;
    if (x->time) {
        int c = strcmp(x->time, y->time);
        if (c)
            return c;
    }
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return strcmp(x->iri, y->iri);
}

static NgStatus dot_timeline(const NgPicGraph *g, const View *v, NgBuf *b)
{
    const NgPicEvent **order = g->event_count ? malloc(g->event_count * sizeof *order) : NULL;
    size_t n = 0;
    if (g->event_count && !order)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < v->node_count; i++)
        if (v->nodes[i].kept && v->nodes[i].type == VN_EVENT)
            order[n++] = &g->events[v->nodes[i].index];
    if (n)
        qsort(order, n, sizeof *order, cmp_event_time);
    NgStatus st = ng_buf_appendf(b,
                                 "digraph timeline {\n"
                                 "  layout=dot; rankdir=TB; ranksep=0.35; nodesep=0.3; newrank=true;\n"
                                 "  fontname=\"Helvetica\"; pad=0.3;\n"
                                 "  node [fontname=\"Helvetica\", fontsize=13, margin=\"0.12,0.06\"];\n"
                                 "  edge [fontname=\"Helvetica\", fontsize=10];\n");
    if (!st)
        st = dot_legend(b, false);
    /* The axis: one tick per event, labelled where the time changes, chained top to bottom. */
    for (size_t i = 0; !st && i < n; i++) {
        const NgPicEvent *e = order[i];
        bool first = i == 0 || (e->time ? !order[i - 1]->time || strcmp(order[i - 1]->time, e->time)
                                        : order[i - 1]->time != NULL);
        st = ng_buf_appendf(b, "  t%zu [shape=plaintext, fontsize=15, fontcolor=\"#333333\", label=\"", i);
        if (!st && first)
            st = e->time ? dot_escape(b, e->time) : ng_buf_append(b, "no date", 7);
        if (!st)
            st = ng_buf_append(b, "\"];\n", 4);
        if (!st && i > 0)
            st = ng_buf_appendf(b, "  t%zu -> t%zu [arrowhead=none, penwidth=3, color=\"#777777\", weight=100];\n",
                                i - 1, i);
    }
    if (!st && n)
        st = ng_buf_appendf(b, "  t_end [shape=plaintext, label=\"time\", fontcolor=\"#777777\"];\n"
                               "  t%zu -> t_end [penwidth=3, color=\"#777777\", weight=100];\n",
                            n - 1);
    for (size_t i = 0; !st && i < n; i++) {
        const NgPicEvent *e = order[i];
        size_t ei = (size_t)(e - g->events);
        st = ng_buf_appendf(b, "  e%zu [label=\"", ei);
        if (!st)
            st = dot_wrapped(b, e->label, 40, 24);
        if (!st && e->time) {
            st = ng_buf_append(b, "\\n(", 3);
            if (!st)
                st = dot_escape(b, e->time);
            if (!st)
                st = ng_buf_append(b, ")", 1);
        }
        if (!st)
            st = ng_buf_append(b, "\", " EVENT_STYLE ", tooltip=\"", strlen("\", " EVENT_STYLE ", tooltip=\""));
        if (!st)
            st = dot_escape(b, e->iri);
        if (!st)
            st = ng_buf_append(b, "\"];\n", 4);
        if (!st)
            st = ng_buf_appendf(b, "  t%zu -> e%zu [arrowhead=none, style=dotted, color=\"#999999\"];\n", i, ei);
        NgBuf same = {0};
        if (!st)
            st = ng_buf_appendf(&same, "  { rank=same; t%zu; e%zu;", i, ei);
        /* participants (and the place) as small copies beside the event */
        size_t parts = e->actor_count + (e->place ? 1 : 0);
        for (size_t k = 0; !st && k < parts; k++) {
            const char *iri = k < e->actor_count ? e->actors[k] : e->place;
            const NgPicActor *a = ng_pic_actor(g, iri);
            NgPicKind kind = a ? a->kind : NG_PK_OTHER;
            st = ng_buf_appendf(b, "  p%zu_%zu [label=\"%s", ei, k, k < e->actor_count ? "" : "in ");
            if (!st)
                st = dot_wrapped(b, a ? a->label : ng_pic_local(iri), 48, 18);
            if (!st)
                st = ng_buf_appendf(b, "\", fontsize=11, shape=%s, style=filled, fillcolor=\"%s\", color=\"%s\", tooltip=\"",
                                    kind_style[kind].shape, kind_style[kind].fill, kind_style[kind].border);
            if (!st)
                st = dot_escape(b, iri);
            if (!st)
                st = ng_buf_append(b, "\"];\n", 4);
            /* chained after the event, left to right: e - p0 - p1 ... */
            if (!st && k == 0)
                st = ng_buf_appendf(b, "  e%zu -> p%zu_0 [arrowhead=none, color=\"#555555\"%s];\n",
                                    ei, ei, k < e->actor_count ? "" : ", style=dotted");
            else if (!st)
                st = ng_buf_appendf(b, "  p%zu_%zu -> p%zu_%zu [arrowhead=none, color=\"#bbbbbb\"%s];\n",
                                    ei, k - 1, ei, k, k < e->actor_count ? "" : ", style=dotted");
            if (!st)
                st = ng_buf_appendf(&same, " p%zu_%zu;", ei, k);
        }
        if (!st)
            st = ng_buf_append(&same, " }\n", 3);
        if (!st)
            st = ng_buf_append(b, same.data, same.len);
        ng_buf_free(&same);
    }
    free(order);
    return st ? st : ng_buf_append(b, "}\n", 2);
}

NgStatus ng_pic_dot(const NgPicGraph *g, const NgRenderOptions *options, NgBuf *dot,
                    size_t *omitted)
{
    View v = {0};
    NgStatus st = view_build(g, &v);
    bool timeline = options && options->view == NG_VIEW_TIMELINE;
    size_t left = 0;
    if (!st)
        left = view_keep(&v, options ? options->max_nodes : 0, timeline);
    if (!st)
        st = timeline ? dot_timeline(g, &v, dot) : dot_network(g, &v, dot);
    if (omitted)
        *omitted = left;
    view_free(&v);
    return st;
}

NgStatus ng_render_dot(NgStore *store, const NgRenderOptions *options, const NgDiag *diag,
                       char **dot, size_t *omitted)
{
    NgPicGraph g;
    *dot = NULL;
    NgStatus st = ng_pic_load(store, diag, &g);
    if (st)
        return st;
    NgBuf b = {0};
    st = ng_pic_dot(&g, options, &b, omitted);
    ng_pic_free(&g);
    if (st) {
        ng_buf_free(&b);
        return st;
    }
    *dot = ng_buf_take(&b);
    return *dot ? NG_SUCCESS : NG_ERR_NOMEM;
}

/* ---------------------------------------------------------------- Graphviz */

NgStatus ng_pic_layout(const char *dot, const char *format, const NgDiag *diag, char **out,
                       size_t *len)
{
    *out = NULL;
    *len = 0;
    GVC_t *gvc = gvContext();
    if (!gvc) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot start Graphviz");
        return NG_ERR_INTERNAL;
    }
    NgStatus st = NG_SUCCESS;
    Agraph_t *g = agmemread(dot);
    if (!g) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "Graphviz could not read the picture");
        st = NG_ERR_INTERNAL;
    }
    const char *engine = g ? agget(g, "layout") : NULL;
    if (!st && gvLayout(gvc, g, engine && *engine ? engine : "dot") != 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "Graphviz could not lay the picture out");
        st = NG_ERR_INTERNAL;
    }
    char *data = NULL;
    unsigned int n = 0;
    if (!st && (gvRenderData(gvc, g, format, &data, &n) != 0 || !data)) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "Graphviz could not render %s (is its plugin installed?)", format);
        st = NG_ERR_INTERNAL;
    }
    if (!st) {
        *out = malloc((size_t)n + 1);
        if (!*out) {
            st = NG_ERR_NOMEM;
        } else {
            memcpy(*out, data, n);
            (*out)[n] = '\0';
            *len = n;
        }
    }
    if (data)
        gvFreeRenderData(data);
    if (g) {
        gvFreeLayout(gvc, g);
        agclose(g);
    }
    gvFreeContext(gvc);
    return st;
}

/* ---------------------------------------------------------------- atomic output */

typedef struct {
    const char *bytes;
    size_t len;
} Bytes;

static NgStatus bytes_writer(FILE *f, const char *path, void *data, const NgDiag *diag)
{
    const Bytes *b = data;
    if (b->len && fwrite(b->bytes, 1, b->len, f) != b->len) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "write failed: %s", strerror(errno));
        return NG_ERR_IO;
    }
    return NG_SUCCESS;
}

NgStatus ng_pic_write_file(const char *path, const char *bytes, size_t len, const NgDiag *diag)
{
    Bytes b = {bytes, len};
    return ng_file_write_atomic(path, bytes_writer, &b, diag);
}

NgStatus ng_render_file(NgStore *store, const NgRenderOptions *options, NgPictureFormat format,
                        const char *path, const NgDiag *diag, size_t *omitted)
{
    char *dot = NULL;
    NgStatus st = ng_render_dot(store, options, diag, &dot, omitted);
    if (st)
        return st;
    if (format == NG_PICTURE_DOT) {
        st = ng_pic_write_file(path, dot, strlen(dot), diag);
    } else {
        char *bytes = NULL;
        size_t len = 0;
        st = ng_pic_layout(dot, format == NG_PICTURE_PNG ? "png" : "svg", diag, &bytes, &len);
        if (!st)
            st = ng_pic_write_file(path, bytes, len, diag);
        free(bytes);
    }
    free(dot);
    return st;
}
