/*
 * results_internal.h — what app_remote.c shares with query.c: writing results that came from a SPARQL
 * server exactly as the results of a local query are written.  Not installed, not part of the API.
 */
#ifndef NG_RESULTS_INTERNAL_H
#define NG_RESULTS_INTERNAL_H

#include "newsgraph.h"

#include <redland.h>

/* Results from elsewhere: rows of bindings, a boolean, or a graph (exactly one of them). */
typedef struct {
    enum { NG_FOREIGN_ROWS, NG_FOREIGN_BOOLEAN, NG_FOREIGN_GRAPH } kind;
    int cols;                /* rows: the variables, in order */
    const char **names;
    librdf_node **cells;     /* rows * cols nodes, NULL where unbound (borrowed) */
    size_t rows;
    bool boolean;            /* boolean */
    librdf_model *graph;     /* graph (borrowed) */
} NgForeignResults;

/* Writes `results` in `format` as ng_query_run would for the query `sparql` (whose prefixes the
 * table and Turtle outputs use; a query Rasqal cannot parse gets the standard prefixes only).
 * `store` lends its Redland world.  `*count` as for ng_query_run. */
NgStatus ng_query_write_foreign(NgStore *store, const char *name, const char *sparql,
                                NgForeignResults *results, NgResultsFormat format,
                                FILE *out, const NgDiag *diag, size_t *count);

/* Makes the xsd:integer 0/1 cells that a server (Virtuoso 7.2) returns for the columns the
 * parsed query `rq` binds to a boolean expression the booleans false/true (app_remote_bool.c).
 * NG_ERR_NOMEM is its only error; NULL `rq` changes nothing. */
NgStatus ng_remote_restore_booleans(librdf_world *w, rasqal_query *rq, NgForeignResults *fr);

/* Is d[0..len) one whole XML document whose root is <sparql> (app_remote_xml.c)?  *results
 * receives the number of <result> elements. */
bool ng_results_xml_whole(const char *d, size_t len, size_t *results);

#endif /* NG_RESULTS_INTERNAL_H */
