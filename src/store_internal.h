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
/* Calls `each` with the subject, predicate and object of every triple whose predicate is IRI `p`
 * and, when not NULL, whose subject is IRI `s` and object IRI `o`, in the order Redland's own
 * look-up gives; returns the first non-zero that `each` returns, 0 when all were read, -1 on an
 * error of SQLite. */
int ng_sqlite_reader_match(NgSqliteReader *r, const char *s, const char *p, const char *o,
                           int (*each)(void *ctx, const NgSqliteNode row[3]), void *ctx);
/* A new node (the caller's) equal to the one Redland makes for node `n`; NULL on failure. */
librdf_node *ng_sqlite_reader_node(NgSqliteReader *r, librdf_world *w, NgSqliteNode n);

#endif /* NG_STORE_INTERNAL_H */
