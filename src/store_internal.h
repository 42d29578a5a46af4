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

/* Reading an sqlite: store's triples by their rows (store_sqlite_read.c). */
typedef struct NgSqliteReader NgSqliteReader;
enum { NG_SQLITE_URI, NG_SQLITE_BLANK, NG_SQLITE_LITERAL };
typedef struct {
    int kind;        /* NG_SQLITE_URI, _BLANK or _LITERAL: the table it is a row of */
    long long id;    /* its rowid there */
} NgSqliteNode;

/* A read-only connection to the store's file (the caller frees it), NULL when it cannot. */
NgSqliteReader *ng_sqlite_reader_open(const NgStore *store);
void ng_sqlite_reader_free(NgSqliteReader *r);
/* How a look-up binds a subject or object: any; a node of the store by id (a row of uris,
 * blanks or literals: as NG_SQLITE_URI, _BLANK, _LITERAL); a literal by its text (any language
 * or datatype). */
enum { NG_WHERE_ANY = -1, NG_WHERE_URI, NG_WHERE_BLANK, NG_WHERE_LITERAL, NG_WHERE_TEXT };
typedef struct {
    int kind;            /* NG_WHERE_* */
    long long id;        /* for _URI, _BLANK, _LITERAL */
    const char *text;    /* for _TEXT */
} NgSqliteWhere;

/* The id of IRI `iri` in the store: 1 and *id when it has it, 0 when not, -1 on an error. */
int ng_sqlite_reader_uri(NgSqliteReader *r, const char *iri, long long *id);
/* The number of triples whose predicate has id `p`, into *n; false on an error. */
bool ng_sqlite_reader_count(NgSqliteReader *r, long long p, size_t *n);
/* Calls `each` with the nodes and the row id of every triple whose predicate has id `p` and whose
 * subject and object are as `s` and `o` say, in the store's order; returns the first non-zero
 * that `each` returns, 0 when all were read, -1 on an error of SQLite. */
int ng_sqlite_reader_rows(NgSqliteReader *r, long long p, NgSqliteWhere s, NgSqliteWhere o,
                          int (*each)(void *ctx, const NgSqliteNode row[3], long long rowid),
                          void *ctx);
/* A new node (the caller's) equal to the one Redland makes for node `n`; NULL on failure. */
librdf_node *ng_sqlite_reader_node(NgSqliteReader *r, librdf_world *w, NgSqliteNode n);

#endif /* NG_STORE_INTERNAL_H */
