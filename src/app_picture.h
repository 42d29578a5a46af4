/*
 * app_picture.h — what the app_render*.c files share with app_report.c (and with their unit
 * tests): the graph read back from a store through SPARQL, Graphviz layout into memory, and atomic
 * file writing.
 * Not installed, not part of the API (newsgraph.h is).  Ownership follows newsgraph.h's rule.
 */
#ifndef NG_APP_PICTURE_H
#define NG_APP_PICTURE_H

#include "internal.h"
#include "store_internal.h"

/* The actor kinds a picture tells apart, in the order of precedence when a node has several. */
typedef enum {
    NG_PK_PERSON,
    NG_PK_COUNTRY,
    NG_PK_ORGANIZATION,
    NG_PK_GROUP,
    NG_PK_PLACE,
    NG_PK_OTHER,
    NG_PK__COUNT
} NgPicKind;

/* What a span of article text stands for. */
typedef enum { NG_PS_ACTOR, NG_PS_EVENT, NG_PS_CLAIM } NgPicSpanKind;

typedef struct {
    char *iri;
    char *label;       /* rdfs:label, else the IRI's last segment */
    NgPicKind kind;
    size_t id;         /* its place among all the graph's actors by IRI: a picture's node name */
} NgPicActor;

typedef struct {
    char *iri;
    char *label;
    char *time;        /* sem:hasTimeStamp or sem:hasBeginTimeStamp, NULL when none */
    char *place;       /* sem:hasPlace IRI, NULL when none */
    char **actors;     /* sem:hasActor IRIs, sorted */
    size_t actor_count;
    size_t first;      /* smallest nif:beginIndex of its spans; SIZE_MAX when it has none */
    size_t id;         /* its place among all the graph's events by IRI */
} NgPicEvent;

typedef struct {
    char *iri;
    char *text;        /* schema:text ("" when none) */
    char *author;      /* schema:author IRI, NULL when none */
    char *modality;    /* local name of the modality value ("Asserted"...), "" when none */
    char **about;      /* schema:about IRIs, sorted */
    size_t about_count;
    size_t first;      /* smallest nif:beginIndex of its spans; SIZE_MAX when it has none */
    size_t id;         /* its place among all the graph's claims by IRI */
} NgPicClaim;

typedef struct {
    char *s, *p, *o;   /* a triple between two actors */
} NgPicRelation;

typedef struct {
    char *iri;
    char *headline;    /* "" when none */
    char *text;        /* nif:isString, "" when none (and in a picture's partial graph) */
    size_t id;         /* its place among all the graph's articles by IRI */
    bool source;       /* the schema:author of a claim (a picture draws only those) */
} NgPicArticle;

typedef struct {
    char *node;        /* the actor, event or claim IRI */
    char *context;     /* nif:referenceContext: the article IRI */
    size_t begin, end; /* code points of the article's nif:isString, end exclusive */
    NgPicSpanKind kind;
} NgPicSpan;

/* Everything a picture or a report shows, each array sorted by IRI (spans by context, begin,
 * end desc, kind, node), so that output is deterministic.  ng_pic_load reads all of it;
 * ng_pic_load_view only the nodes a view draws (their ids still count every node). */
typedef struct {
    NgPicActor *actors;
    size_t actor_count;
    NgPicEvent *events;
    size_t event_count;
    NgPicClaim *claims;
    size_t claim_count;
    NgPicRelation *relations;
    size_t relation_count;
    NgPicArticle *articles;
    size_t article_count;
    NgPicSpan *spans;
    size_t span_count;
} NgPicGraph;

/* Reads actors, events, claims, relations, articles and spans from the store with SPARQL. */
NgStatus ng_pic_load(NgStore *store, const NgDiag *diag, NgPicGraph *out);
void ng_pic_free(NgPicGraph *g);

/* Chooses the nodes a view of the store draws (--max-nodes: by degree, as ng_pic_dot would on
 * the whole graph) from direct triple look-ups, then reads only those nodes into *out (and, for
 * the timeline, the actors its events name); *omitted receives how many were left out.  The DOT
 * text ng_pic_dot makes of *out is that of the whole graph. */
NgStatus ng_pic_load_view(NgStore *store, const NgRenderOptions *options, const NgDiag *diag,
                          NgPicGraph *out, size_t *omitted);

/* Reads each claim's modality (the smallest local name of an IRI object of a predicate whose
 * IRI contains "modality") into claims[i].modality, left NULL when none, with direct triple
 * look-ups; `claims` is sorted by IRI. */
NgStatus ng_pic_read_modalities(NgStore *store, NgPicClaim *claims, size_t count,
                                const NgDiag *diag);

/* The DOT text of a view of the store (ng_pic_load_view, then ng_pic_dot), appended to *dot,
 * without a caption; *omitted receives how many nodes were left out. */
NgStatus ng_pic_view_dot(NgStore *store, const NgRenderOptions *options, const NgDiag *diag,
                         NgBuf *dot, size_t *omitted);

/* The text of a node as SPARQL results give it: an IRI, a literal's lexical form, "_:label" for a
 * blank node, "" for NULL; a new string, NULL when out of memory. */
char *ng_pic_node_text(librdf_node *n);
/* The node of such a text (a new node, NULL when out of memory). */
librdf_node *ng_pic_text_node(librdf_world *w, const char *text);
/* Keeps the smallest string seen in *slot (so the choice does not depend on result order). */
NgStatus ng_pic_keep_min(char **slot, const char *value);
/* Adds `value` to a sorted list without repeats. */
NgStatus ng_pic_list_add(char ***list, size_t *count, const char *value);
/* An actor kind by one of its classes (NG_PK_OTHER when none of the known ones). */
NgPicKind ng_pic_kind_of_class(const char *iri);
/* Sorts relations by (s, p, o) and drops (frees) the repeats. */
void ng_pic_relations_unique(NgPicRelation *r, size_t *count);
/* A decimal size written whole ("12"), as span offsets are: false for anything else. */
bool ng_pic_parse_size(const char *s, size_t *v);
/* Whether a predicate names a modality: its IRI contains "modality", in any case. */
bool ng_pic_is_modality(const char *predicate);

/* Look-ups by IRI (binary search); NULL when absent. */
const NgPicActor *ng_pic_actor(const NgPicGraph *g, const char *iri);
const NgPicEvent *ng_pic_event(const NgPicGraph *g, const char *iri);
const NgPicClaim *ng_pic_claim(const NgPicGraph *g, const char *iri);
const NgPicArticle *ng_pic_article(const NgPicGraph *g, const char *iri);

/* The English name of a kind ("Person", "Country", ...). */
const char *ng_pic_kind_name(NgPicKind kind);
/* The last segment of an IRI (after the last '#' or '/'). */
const char *ng_pic_local(const char *iri);
/* A display label for any node of the graph: an actor's or event's label, a claim's text, an
 * article's headline; else the IRI's last segment. */
const char *ng_pic_label(const NgPicGraph *g, const char *iri);

/* Builds the DOT text of a view of `g`; `*omitted` receives the number of nodes left out. */
NgStatus ng_pic_dot(const NgPicGraph *g, const NgRenderOptions *options, NgBuf *dot,
                    size_t *omitted);

/* Lays `dot` out with Graphviz (libgvc; engine named by the graph's "layout" attribute) and
 * renders it as `format` ("svg", "png") into *out (malloc'ed, caller frees; *len bytes). */
NgStatus ng_pic_layout(const char *dot, const char *format, const NgDiag *diag, char **out,
                       size_t *len);

/* Writes `len` bytes to `path` atomically (temporary file, fsync, rename), like
 * ng_graph_write_file; a path that exists and is not a regular file is written directly. */
NgStatus ng_pic_write_file(const char *path, const char *bytes, size_t len, const NgDiag *diag);

#endif /* NG_APP_PICTURE_H */
