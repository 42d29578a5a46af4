/*
 * store_internal.h — what store.c shares with query.c: the Redland world and model behind an
 * NgStore, and the log sink that turns Redland/Raptor/Rasqal messages into NgDiag reports.
 * Not installed, not part of the API (newsgraph.h is).
 */
#ifndef NG_STORE_INTERNAL_H
#define NG_STORE_INTERNAL_H

#include "newsgraph.h"

#include <redland.h>

/* Where Redland's log messages go while a store operation runs.  One per NgStore (no global
 * state); the operation sets `diag` and `name` before calling into Redland. */
typedef struct {
    const NgDiag *diag;   /* receives errors (and warnings unless quiet_warnings) */
    const char *name;     /* file reported for located messages (a Turtle or query file) */
    bool quiet_warnings;  /* drop warnings (rasqal's spurious "bound but unused" ones) */
    bool capture_only;    /* record errors below but report nothing */
    unsigned errors;      /* errors seen since the sink was last reset */
    int line;             /* line of the first located error, 0 when none */
    int col;              /* its column, 0 when unknown */
    bool locked;          /* SQLite said "database is locked" */
    char first[512];      /* the first error's message */
} NgRdfLog;

/* Resets the counters of the store's log sink and points it at `diag` and `name`. */
NgRdfLog *ng_store_log_begin(NgStore *store, const NgDiag *diag, const char *name);

/* The store's Redland world (owned by the store). */
librdf_world *ng_store_world(NgStore *store);

/* The store's model, opened on first use; NULL (reported through `diag`) when it cannot be. */
librdf_model *ng_store_model(NgStore *store, const NgDiag *diag);

/* sqlite: stores: the number of triples with predicate `p` and, where not NULL, subject IRI `s`,
 * object IRI `o` or an object literal of text `text` (store_sqlite.c); false when unknown. */
bool ng_store_sqlite_count(const NgStore *store, const char *s, const char *p, const char *o,
                           const char *text, size_t *n);

/* Does the store find a predicate's triples through an index (store.c)?  Every sqlite: store, and
 * a hashes: store with its predicate index. */
bool ng_store_predicate_indexed(const NgStore *store);

/* Reading a store's triples as ids of their nodes (store_read.c): an sqlite: store's rows
 * (store_sqlite_read.c), or the index files of a hashes: store with its predicate index
 * (store_hashes_read.c), for query_memory.c. */
typedef struct NgStoreReader NgStoreReader;
enum { NG_NODE_URI, NG_NODE_BLANK, NG_NODE_LITERAL };
typedef struct {
    int kind;        /* NG_NODE_URI, _BLANK or _LITERAL */
    long long id;    /* sqlite: its rowid in the table of its kind; hashes: the reader's number */
} NgStoreNode;

/* A reader of the store's files of its own (the caller frees it); NULL when the store has no
 * such reader (in memory, a hashes: store without its predicate index) or it cannot open. */
NgStoreReader *ng_store_reader_open(const NgStore *store);
void ng_store_reader_free(NgStoreReader *r);
/* How a look-up binds a subject or object: any; a node of the store by id (as NG_NODE_URI,
 * _BLANK, _LITERAL); a literal by its text (any language or datatype). */
enum { NG_WHERE_ANY = -1, NG_WHERE_URI, NG_WHERE_BLANK, NG_WHERE_LITERAL, NG_WHERE_TEXT };
typedef struct {
    int kind;            /* NG_WHERE_* */
    long long id;        /* for _URI, _BLANK, _LITERAL */
    const char *text;    /* for _TEXT */
} NgStoreWhere;

/* The id of IRI `iri`: 1 and *id when the store may have it, 0 when it has not, -1 on an error. */
int ng_store_reader_uri(NgStoreReader *r, const char *iri, long long *id);
/* The number of triples whose predicate has id `p`, into *n; false on an error. */
bool ng_store_reader_count(NgStoreReader *r, long long p, size_t *n);
/* What a look-up by subject or object costs, in triples read: how many of a predicate's triples
 * can be read for the cost of one look-up. */
size_t ng_store_reader_lookup_rows(const NgStoreReader *r);
/* Calls `each` with the nodes and an order number of every triple whose predicate has id `p`
 * and whose subject and object are as `s` and `o` say, in the store's order (a key's triples by
 * their order number, highest first: as Redland's storage gives them); returns the first
 * non-zero that `each` returns, 0 when all were read, -1 on an error of the store. */
int ng_store_reader_rows(NgStoreReader *r, long long p, NgStoreWhere s, NgStoreWhere o,
                         int (*each)(void *ctx, const NgStoreNode row[3], long long order),
                         void *ctx);
/* A new node (the caller's) equal to the one Redland makes for node `n`; NULL on failure. */
librdf_node *ng_store_reader_node(NgStoreReader *r, librdf_world *w, NgStoreNode n);

#endif /* NG_STORE_INTERNAL_H */
