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
    sqlite3_stmt *count;        /* the triples of a predicate */
    sqlite3_stmt *match[3][5];  /* by how the subject (any, IRI, blank) and the object (any,
                                 * IRI, blank, literal, literal's text) are bound; made when
                                 * first needed */
    sqlite3_stmt *node[3];      /* a node's text by id: NG_NODE_URI, _BLANK, _LITERAL */
};

static const char *const NODE_SQL[3] = {
    "SELECT uri FROM uris WHERE id = ?1",
    "SELECT blank FROM blanks WHERE id = ?1",
    "SELECT L.text, L.language, D.uri FROM literals AS L LEFT JOIN uris AS D ON D.id = L.datatype "
    "WHERE L.id = ?1",
};

/* Opens a read-only connection to the store's file; NULL when SQLite cannot. */
NgSqliteReader *ng_sqlite_read_open(const NgStore *store)
{
    NgSqliteReader *r = calloc(1, sizeof *r);
    if (!r || sqlite3_open_v2(store->path, &r->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        ng_sqlite_read_free(r);
        return NULL;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", READ_CACHE_KIB);
    int rc = sqlite3_exec(r->db, pragma, NULL, NULL, NULL);
    /* one read transaction for all the look-ups: else SQLite takes and drops its lock, checks
     * for a hot journal and validates its cache at every statement (fcntl, fstat, a read) */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(r->db, "SELECT id FROM uris WHERE uri = ?1", -1, &r->uri_id, NULL);
    for (int k = 0; rc == SQLITE_OK && k < 3; k++)
        rc = sqlite3_prepare_v2(r->db, NODE_SQL[k], -1, &r->node[k], NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(r->db, "SELECT COUNT(*) FROM triples WHERE predicateUri = ?1", -1,
                                &r->count, NULL);
    if (rc != SQLITE_OK) {
        ng_sqlite_read_free(r);
        return NULL;
    }
    return r;
}

void ng_sqlite_read_free(NgSqliteReader *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->uri_id);
    sqlite3_finalize(r->count);
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 5; k++)
            sqlite3_finalize(r->match[i][k]);
    for (int i = 0; i < 3; i++)
        sqlite3_finalize(r->node[i]);
    if (r->db && !sqlite3_get_autocommit(r->db))
        sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(r->db);
    free(r);
}

/* The id of IRI `iri` into *id: 1 when found, 0 when the store has no such IRI, -1 on error. */
int ng_sqlite_read_uri(NgSqliteReader *r, const char *iri, long long *id)
{
    sqlite3_reset(r->uri_id);
    if (sqlite3_bind_text(r->uri_id, 1, iri, -1, SQLITE_STATIC) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(r->uri_id);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(r->uri_id, 0);
    sqlite3_reset(r->uri_id);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The number of triples whose predicate has id `p` into *n; false on an error. */
bool ng_sqlite_read_count(NgSqliteReader *r, long long p, size_t *n)
{
    sqlite3_reset(r->count);
    bool ok = sqlite3_bind_int64(r->count, 1, p) == SQLITE_OK && sqlite3_step(r->count) == SQLITE_ROW;
    if (ok)
        *n = (size_t)sqlite3_column_int64(r->count, 0);
    sqlite3_reset(r->count);
    return ok;
}

/* The subject (column `col`, then col + 1 for a blank) or object (col, col + 1, col + 2) of a
 * row: its kind and id; false when every column is NULL (no store of Redland's has that). */
static bool row_part(sqlite3_stmt *q, int col, int kinds, NgStoreNode *part)
{
    for (int k = 0; k < kinds; k++)
        if (sqlite3_column_type(q, col + k) != SQLITE_NULL) {
            part->kind = k;
            part->id = sqlite3_column_int64(q, col + k);
            return true;
        }
    return false;
}

/* The statement for a look-up bound as `s` and `o` say (NgStoreWhere.kind + 1 indexes), made
 * the first time. */
static sqlite3_stmt *match_statement(NgSqliteReader *r, int s, int o)
{
    static const char *const S_SQL[3] = {"", "T.subjectUri = ?2 AND ", "T.subjectBlank = ?2 AND "};
    static const char *const O_SQL[5] = {
        "", " AND T.objectUri = ?3", " AND T.objectBlank = ?3", " AND T.objectLiteral = ?3",
        " AND T.objectLiteral IN (SELECT id FROM literals WHERE text = ?3)"};
    if (!r->match[s][o]) {
        char sql[320];
        snprintf(sql, sizeof sql,
                 "SELECT subjectUri, subjectBlank, objectUri, objectBlank, objectLiteral, T.rowid "
                 "FROM triples AS T WHERE %sT.predicateUri = ?1%s",
                 S_SQL[s], O_SQL[o]);
        if (sqlite3_prepare_v2(r->db, sql, -1, &r->match[s][o], NULL) != SQLITE_OK)
            r->match[s][o] = NULL;
    }
    return r->match[s][o];
}

/* Binds `w` to parameter `i` of `q`. */
static bool bind_where(sqlite3_stmt *q, int i, NgStoreWhere w)
{
    if (w.kind == NG_WHERE_ANY)
        return true;
    if (w.kind == NG_WHERE_TEXT)
        return sqlite3_bind_text(q, i, w.text, -1, SQLITE_STATIC) == SQLITE_OK;
    return sqlite3_bind_int64(q, i, w.id) == SQLITE_OK;
}

/* Calls `each` for every row of `triples` with the predicate of id `p`, its subject and object
 * as `s` and `o` say, in the store's order; stops at the first non-zero `each` returns and
 * returns it; -1 when SQLite fails. */
int ng_sqlite_read_rows(NgSqliteReader *r, long long p, NgStoreWhere s, NgStoreWhere o,
                        NgStoreRowFn each, void *ctx)
{
    if (s.kind == NG_WHERE_LITERAL || s.kind == NG_WHERE_TEXT)
        return 0;   /* a literal is never a subject */
    sqlite3_stmt *q = match_statement(r, s.kind + 1, o.kind + 1);
    if (!q)
        return -1;
    sqlite3_reset(q);
    if (sqlite3_bind_int64(q, 1, p) != SQLITE_OK || !bind_where(q, 2, s) || !bind_where(q, 3, o))
        return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        NgStoreNode row[3] = {{NG_NODE_URI, 0}, {NG_NODE_URI, p}, {NG_NODE_URI, 0}};
        if (!row_part(q, 0, 2, &row[0]) || !row_part(q, 2, 3, &row[2])) {
            sqlite3_reset(q);
            return -1;
        }
        stop = each(ctx, row, sqlite3_column_int64(q, 5));
    }
    sqlite3_reset(q);
    return stop ? stop : rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* A new node for the store's node `n`, made as Redland's sqlite storage makes it from the same
 * row (so that it is equal to the node a look-up on the store returns); NULL on failure. */
librdf_node *ng_sqlite_read_node(NgSqliteReader *r, librdf_world *w, NgStoreNode n)
{
    sqlite3_stmt *q = r->node[n.kind];
    sqlite3_reset(q);
    if (sqlite3_bind_int64(q, 1, n.id) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW)
        return NULL;
    const unsigned char *text = sqlite3_column_text(q, 0);
    librdf_node *node = NULL;
    if (n.kind == NG_NODE_URI)
        node = text ? librdf_new_node_from_uri_string(w, text) : NULL;
    else if (n.kind == NG_NODE_BLANK)
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
