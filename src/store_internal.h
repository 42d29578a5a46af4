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

#endif /* NG_STORE_INTERNAL_H */
