/* store_sqlite_read.c — reading an sqlite: store's triples by their rows, for query_memory.c.
 *
 * Redland's sqlite storage answers a look-up with one SQL text it writes and parses, joined to
 * the node tables, and makes new nodes for every part of every row it returns: on 100 articles a
 * fifth of the CPU of a query that copies 60,000 triples.  Here the rows of `triples` that match
 * a pattern come as ids, through a statement prepared once, in the order Redland's own look-up
 * returns them (the same WHERE on the same table: SQLite picks the same index), and a node is
 * read from its table only once per id (the caller keeps it).  The tables are Redland's
 * (store_sqlite_bulk.c writes them): a node's id is its rowid in uris, blanks or literals.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SQLite's page cache of the reading connection, in KiB (its default is 2 MiB: a copy of
 * 100,000 triples then reads most pages several times, through pread). */
#define READ_CACHE_KIB 65536

struct NgSqliteReader {
    sqlite3 *db;
    sqlite3_stmt *uri_id;       /* an IRI's id */
    sqlite3_stmt *match[4];     /* by which of subject and object are bound (bit 0, bit 1) */
    sqlite3_stmt *node[3];      /* a node's text by id: NG_SQLITE_URI, _BLANK, _LITERAL */
};

static const char *const NODE_SQL[3] = {
    "SELECT uri FROM uris WHERE id = ?1",
    "SELECT blank FROM blanks WHERE id = ?1",
    "SELECT L.text, L.language, D.uri FROM literals AS L LEFT JOIN uris AS D ON D.id = L.datatype "
    "WHERE L.id = ?1",
};

/* Opens a read-only connection to the store's file; NULL when SQLite cannot. */
NgSqliteReader *ng_sqlite_reader_open(const NgStore *store)
{
    NgSqliteReader *r = calloc(1, sizeof *r);
    if (!r || sqlite3_open_v2(store->path, &r->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        ng_sqlite_reader_free(r);
        return NULL;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", READ_CACHE_KIB);
    int rc = sqlite3_exec(r->db, pragma, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(r->db, "SELECT id FROM uris WHERE uri = ?1", -1, &r->uri_id, NULL);
    for (int k = 0; rc == SQLITE_OK && k < 3; k++)
        rc = sqlite3_prepare_v2(r->db, NODE_SQL[k], -1, &r->node[k], NULL);
    for (int b = 0; rc == SQLITE_OK && b < 4; b++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "SELECT subjectUri, subjectBlank, objectUri, objectBlank, objectLiteral "
                 "FROM triples AS T WHERE %sT.predicateUri = ?1%s",
                 b & 1 ? "T.subjectUri = ?2 AND " : "", b & 2 ? " AND T.objectUri = ?3" : "");
        rc = sqlite3_prepare_v2(r->db, sql, -1, &r->match[b], NULL);
    }
    if (rc != SQLITE_OK) {
        ng_sqlite_reader_free(r);
        return NULL;
    }
    return r;
}

void ng_sqlite_reader_free(NgSqliteReader *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->uri_id);
    for (int i = 0; i < 4; i++)
        sqlite3_finalize(r->match[i]);
    for (int i = 0; i < 3; i++)
        sqlite3_finalize(r->node[i]);
    sqlite3_close(r->db);
    free(r);
}

/* The id of IRI `iri` into *id: 1 when found, 0 when the store has no such IRI, -1 on error. */
static int uri_id(NgSqliteReader *r, const char *iri, long long *id)
{
    sqlite3_reset(r->uri_id);
    if (sqlite3_bind_text(r->uri_id, 1, iri, -1, SQLITE_STATIC) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(r->uri_id);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(r->uri_id, 0);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The subject (column `col`, then col + 1 for a blank) or object (col, col + 1, col + 2) of a
 * row: its kind and id; false when every column is NULL (no store of Redland's has that). */
static bool row_part(sqlite3_stmt *q, int col, int kinds, NgSqliteNode *part)
{
    for (int k = 0; k < kinds; k++)
        if (sqlite3_column_type(q, col + k) != SQLITE_NULL) {
            part->kind = k;
            part->id = sqlite3_column_int64(q, col + k);
            return true;
        }
    return false;
}

/* Calls `each` for every row of `triples` with predicate IRI `p` and, when not NULL, subject
 * IRI `s` and object IRI `o`, in the store's order; stops at the first non-zero `each` returns
 * and returns it.  -1 when SQLite fails. */
int ng_sqlite_reader_match(NgSqliteReader *r, const char *s, const char *p, const char *o,
                           int (*each)(void *ctx, const NgSqliteNode row[3]), void *ctx)
{
    long long ids[3] = {0, 0, 0};
    const char *iris[3] = {p, s, o};
    for (int i = 0; i < 3; i++) {
        int found = iris[i] ? uri_id(r, iris[i], &ids[i]) : 1;
        if (found <= 0)
            return found;   /* an IRI the store lacks: no triple has it */
    }
    sqlite3_stmt *q = r->match[(s ? 1 : 0) | (o ? 2 : 0)];
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    for (int i = 0; i < 3; i++)
        if (iris[i] && sqlite3_bind_int64(q, i + 1, ids[i]) != SQLITE_OK)
            return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        NgSqliteNode row[3] = {{NG_SQLITE_URI, 0}, {NG_SQLITE_URI, ids[0]}, {NG_SQLITE_URI, 0}};
        if (!row_part(q, 0, 2, &row[0]) || !row_part(q, 2, 3, &row[2])) {
            sqlite3_reset(q);
            return -1;
        }
        stop = each(ctx, row);
    }
    sqlite3_reset(q);
    return stop ? stop : rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* A new node for the store's node `n`, made as Redland's sqlite storage makes it from the same
 * row (so that it is equal to the node a look-up on the store returns); NULL on failure. */
librdf_node *ng_sqlite_reader_node(NgSqliteReader *r, librdf_world *w, NgSqliteNode n)
{
    sqlite3_stmt *q = r->node[n.kind];
    sqlite3_reset(q);
    if (sqlite3_bind_int64(q, 1, n.id) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW)
        return NULL;
    const unsigned char *text = sqlite3_column_text(q, 0);
    librdf_node *node = NULL;
    if (n.kind == NG_SQLITE_URI)
        node = text ? librdf_new_node_from_uri_string(w, text) : NULL;
    else if (n.kind == NG_SQLITE_BLANK)
        node = librdf_new_node_from_blank_identifier(w, text);
    else {
        const unsigned char *dt = sqlite3_column_text(q, 2);
        librdf_uri *datatype = dt ? librdf_new_uri(w, dt) : NULL;
        if (!dt || datatype)
            node = librdf_new_node_from_typed_literal(
                w, text, (const char *)sqlite3_column_text(q, 1), datatype);
        if (datatype)
            librdf_free_uri(datatype);
    }
    sqlite3_reset(q);
    return node;
}
