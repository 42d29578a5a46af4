/*
 * query_internal.h — what the query files share: a query being run, the terms of its results and
 * the prefixes they are shown with.  query.c prepares and runs queries, query_write.c writes their
 * results, query_describe.c answers DESCRIBE, query_stats.c and query_validate.c are built on
 * ng_query_select.  Private to those files; app_remote.c reaches the writers through
 * results_internal.h.  Ownership follows newsgraph.h's rule.
 */
#ifndef NG_QUERY_INTERNAL_H
#define NG_QUERY_INTERNAL_H

#include "internal.h"
#include "results_internal.h"
#include "store_internal.h"

/* ---------------------------------------------------------------- prefixes (query_write.c) */

typedef struct {
    char *prefix;
    char *ns;
} NgQueryPrefix;

/* The prefixes a query's results are shown with: the query's own, then the standard ones. */
typedef struct {
    NgQueryPrefix *items;
    size_t count, cap;
} NgQueryPrefixes;

/* Adds a prefix (both strings copied) unless the name or the namespace is already taken. */
NgStatus ng_query_prefixes_add(NgQueryPrefixes *px, const char *prefix, const char *ns);
/* Adds the prefixes every table and Turtle output knows (ns.h's table). */
NgStatus ng_query_prefixes_standard(NgQueryPrefixes *px);
/* Frees the list's strings and items and empties it. */
void ng_query_prefixes_free(NgQueryPrefixes *px);

/* ---------------------------------------------------------------- terms (query_write.c) */

typedef enum { NG_TERM_UNBOUND, NG_TERM_IRI, NG_TERM_BLANK, NG_TERM_LITERAL } NgTermKind;

typedef struct {
    NgTermKind kind;
    const char *value;     /* IRI, blank label or lexical form (borrowed from the node) */
    size_t len;
    const char *lang;      /* NULL or "" when none */
    const char *datatype;  /* NULL for simple literals (xsd:string is reported as NULL) */
} NgTerm;

/* The term a node stands for, its strings borrowed from the node (NULL: unbound). */
NgTerm ng_term_of(librdf_node *n);
/* Appends a term as a table cell: prefixed names, plain text for strings, no quotes. */
NgStatus ng_term_append_cell(NgBuf *b, const NgTerm *t, const NgQueryPrefixes *px);

/* ---------------------------------------------------------------- the text first (query_guard.c) */

/* The deepest bracket nesting, and the longest chain of operators in one bracket (ten times that
 * in the whole query), that a query may have: Rasqal evaluates expressions recursively. */
#define NG_QUERY_MAX_DEPTH 128
#define NG_QUERY_MAX_OPERATORS 2000

/* What the scan found that query.c decides on: the SERVICE keyword, and its place. */
typedef struct {
    bool service;
    unsigned line, col;
} NgQueryScan;

/* Scans the SPARQL text before Rasqal sees it: NG_ERR_QUERY, reported as name:line:col, when it
 * is too deep to evaluate; fills *scan. */
NgStatus ng_query_guard(const char *name, const char *text, const NgDiag *diag, NgQueryScan *scan);

/* ---------------------------------------------------------------- a query (query.c) */

typedef struct {
    NgStore *store;
    librdf_world *world;
    librdf_model *model;
    const char *name;      /* query file name for diagnostics */
    const char *text;
    const NgDiag *diag;
    rasqal_query *rq;      /* the parsed query */
    rasqal_query_verb verb;
    NgQueryPrefixes prefixes; /* the query's, then the standard ones */
    char *base;            /* base IRI of the query */
    NgQueryScan scan;      /* what query_guard.c found in the text */
    librdf_storage *sub_storage; /* the triples the query can match, in memory, or NULL */
    librdf_model *sub_model;     /* (query_subgraph.c); `model` then points here */
} NgQuery;

/* Runs `text` (the query's own, or a rewrite of it) through Redland; NULL, reported, when it
 * fails.  The caller frees the results and *lq. */
librdf_query_results *ng_query_execute(NgQuery *q, const char *text, librdf_query **lq);

/* A SELECT's rows, handed one at a time to a function: each value rendered as a table cell
 * (`cells`) and as a term (`terms`), all borrowed for the call. */
typedef NgStatus (*NgRowFunc)(void *ud, int cols, const char **names, char **cells,
                              NgTerm *terms);
/* Runs the SELECT `sparql` over the store and calls `fn` for every row. */
NgStatus ng_query_select(NgStore *store, const char *name, const char *sparql, const NgDiag *diag,
                         NgRowFunc fn, void *ud);

/* ---------------------------------------------------------------- writing results (query_write.c) */

/* Rows of bindings: a local query's results, or rows a server sent (app_remote.c). */
typedef struct {
    librdf_query_results *r;          /* local, or NULL */
    const NgForeignResults *foreign;  /* from a server */
    size_t at;                        /* the foreign row */
    size_t max;                       /* write at most this many rows (0: all) */
    bool cut;                         /* there were more than `max` */
    bool distinct;                    /* write each row once (query_rewrite.c) */
    size_t offset;                    /* skip this many rows first (after DISTINCT) */
    long limit;                       /* then write at most this many (-1: all) */
} NgRows;

/* Writes SELECT results in `format`; *rows receives the number of rows. */
NgStatus ng_query_write_bindings(NgQuery *q, NgRows *r, NgResultsFormat format, FILE *out,
                                 size_t *rows);
/* Writes an ASK answer in `format`. */
NgStatus ng_query_write_boolean(bool value, NgResultsFormat format, FILE *out);
/* Appends s[0..n) to `b` as a JSON string, quoted and escaped. */
NgStatus ng_query_append_json_string(NgBuf *b, const char *s, size_t n);
/* Serializes a graph as Turtle (with the query's prefixes) or N-Triples. */
NgStatus ng_query_write_graph(NgQuery *q, librdf_model *g, NgResultsFormat format, FILE *out);

/* ---------------------------------------------------------------- before Rasqal (query_rewrite.c) */

/* What a rewrite took out of a SELECT, for the results to do instead. */
typedef struct {
    bool distinct;   /* drop repeated rows (NgRows.distinct) */
    bool sort;       /* ORDER BY was taken out: sort the rows (ng_query_sort) */
    int hidden;      /* the last columns, added for the sort, are not written */
    size_t offset;   /* rows to skip after sorting and dropping repeated rows */
    long limit;      /* rows to write after them, -1: all */
} NgRewrite;

/* The text to run for the parsed query `q` instead of q->text (a new string), or NULL to run it
 * as written; *rw says what the results must then do.  `sort`: take out its ORDER BY when
 * ng_query_sortable agrees. */
char *ng_query_rewrite(const NgQuery *q, bool sort, NgRewrite *rw);

/* ---------------------------------------------------------------- ORDER BY (query_sort.c) */

/* Can newsgraph sort the rows of the SELECT `q` itself (no GROUP BY, HAVING, aggregate, nor
 * expression in the projection)?  When it can, *hidden (a new array, the names borrowed from q)
 * holds the *count variables its ORDER BY reads that the SELECT does not return. */
bool ng_query_sortable(const NgQuery *q, const char ***hidden, int *count);

/* Reads all the rows of `r`, the results of q's SELECT run without its ORDER BY and with `hidden`
 * more columns (ng_query_rewrite), and sorts them as Rasqal's ORDER BY would, into *out: the
 * other columns only, the nodes owned (ng_query_sorted_free), the names borrowed from `r` or q.
 * *again: Rasqal could not compare two of the keys, so its order is its tree's: run the query as
 * written (out is then empty). */
NgStatus ng_query_sort(NgQuery *q, librdf_query_results *r, int hidden, NgForeignResults *out,
                       bool *again);
/* Frees the rows and arrays of sorted results and empties them. */
void ng_query_sorted_free(NgForeignResults *rows);

/* For a query on an sqlite: or hashes: store, a memory model of the triples its patterns can
 * match (query_subgraph.c): *storage and *model, the caller's, or both NULL when it runs on the
 * store.  Only NG_ERR_NOMEM is an error. */
NgStatus ng_query_subgraph(NgQuery *q, librdf_storage **storage, librdf_model **model);
/* The triples the copy of query `sparql` on `store` holds into *n, SIZE_MAX when it runs on the
 * store (query.c; for tests). */
NgStatus ng_query_copied(NgStore *store, const char *sparql, size_t *n);

/* query_memory.c: a read-only storage in memory filled from a store's reader (store_read.c).
 * _new makes it empty with its model (both the caller's); _fill adds the store's triples with
 * predicate IRI `p` whose subject and object are as `s` and `o` say (NgFillPart), until the
 * storage holds more than `limit`, *n the triples it then holds; _index orders them for
 * look-ups, once, after the last fill. */
typedef struct {
    uint8_t *bits;    /* by node number of the storage: 1 when in the set */
    size_t cap;       /* the bits there are */
    size_t count;     /* the nodes in the set */
} NgNodeSet;
void ng_node_set_clear(NgNodeSet *set);

typedef struct {
    const char *iri;          /* a constant IRI, or NULL */
    const char *text;         /* a constant literal's text (any language or datatype), or NULL */
    const NgNodeSet *among;   /* only these nodes, or NULL for any */
    NgNodeSet *found;         /* receives the nodes of the triples added, or NULL */
} NgFillPart;

NgStatus ng_query_memory_new(librdf_world *w, librdf_storage **storage, librdf_model **model);
NgStatus ng_query_memory_fill(librdf_storage *storage, NgStoreReader *reader, const char *p,
                              NgFillPart *s, NgFillPart *o, size_t limit, size_t *n);
NgStatus ng_query_memory_index(librdf_storage *storage);

/* ---------------------------------------------------------------- DESCRIBE (query_describe.c) */

/* Adds to `g` the concise bounded description of every IRI and every value of every variable the
 * DESCRIBE query names. */
NgStatus ng_query_describe(NgQuery *q, librdf_model *g);

#endif /* NG_QUERY_INTERNAL_H */
