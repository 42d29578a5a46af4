/* store_sqlite_bulk.c — adding many triples to an sqlite: store quickly, in Redland's own tables.
 *
 * Redland's sqlite storage adds a triple with about ten SQL texts it writes, parses and runs one
 * by one (a look-up of each node's id, an INSERT of each new node, a check for the triple, its
 * INSERT), on a connection with SQLite's default 2 MiB page cache: 110 µs a triple of CPU on 100
 * articles, and a load of 1,000 articles (2.9 million triples) did not end in an hour
 * (docs/performance.md).  Here the same rows are written through statements prepared once, on a
 * connection of newsgraph's own with a larger page cache, inside one transaction (BEGIN IMMEDIATE:
 * the writer's flock is held too, store.c), so a load stays all or nothing: any failure rolls it
 * back.  The rows are those Redland writes: a node's id is the rowid of its row in uris, blanks or
 * literals (a literal keyed by text, language and datatype's id), and a triple is not added when
 * one with the same subject, predicate and object is there (and the same graph, for a triple in
 * a named graph), as Redland's add_statements checks.  Into a new store the indexes that only
 * queries use are made after the rows, and ANALYZE runs once, inside the same transaction.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page cache of the loading connection, in KiB (SQLite's default is 2 MiB): a page of an
 * index evicted and read again is much of what a bigger load costs.  On 1,000 articles, 64 MiB
 * took 37.2 s CPU and 164 MiB of memory, 256 MiB 34.4 s and 378 MiB. */
#define BULK_CACHE_KIB 65536

/* Node ids remembered: a direct-mapped cache by hash (predicates, classes and the subject of the
 * triples before are asked again and again). */
#define BULK_SLOTS 65536

/* The kinds of a node, in the order of Redland's columns (subjectUri, subjectBlank; objectUri,
 * objectBlank, objectLiteral). */
enum { KIND_URI, KIND_BLANK, KIND_LITERAL };

typedef struct {
    uint64_t hash;
    sqlite3_int64 id;
    char *key;        /* kind byte, then the node's text (see node_key); NULL: empty */
    size_t len;
} Slot;

struct NgSqliteBulk {
    sqlite3 *db;
    bool fresh;                       /* a new store: its query indexes are made at the end */
    sqlite3_stmt *get[3], *put[3];    /* by node kind */
    sqlite3_stmt *has[12], *add[12];  /* by subject kind (2) x object kind (3) x graph (2) */
    Slot *slots;
    NgBuf key;
    size_t added;
};

static const char *const GET_SQL[3] = {
    "SELECT id FROM uris WHERE uri = ?1",
    "SELECT id FROM blanks WHERE blank = ?1",
    "SELECT id FROM literals WHERE text = ?1 AND language IS ?2 AND datatype IS ?3",
};
static const char *const PUT_SQL[3] = {
    "INSERT INTO uris (id, uri) VALUES (NULL, ?1)",
    "INSERT INTO blanks (id, blank) VALUES (NULL, ?1)",
    "INSERT INTO literals (id, text, language, datatype) VALUES (NULL, ?1, ?2, ?3)",
};
static const char *const SUBJECT_COL[2] = {"subjectUri", "subjectBlank"};
static const char *const OBJECT_COL[3] = {"objectUri", "objectBlank", "objectLiteral"};

/* Runs SQL text that returns no rows. */
static int run(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Opens the loading connection to the store and starts its transaction.  `fresh`: the store was
 * just made by Redland and is empty. */
NgStatus ng_sqlite_bulk_begin(NgStore *s, bool fresh, const NgDiag *diag, NgSqliteBulk **out)
{
    *out = NULL;
    NgSqliteBulk *b = calloc(1, sizeof *b);
    Slot *slots = calloc(BULK_SLOTS, sizeof *slots);
    if (!b || !slots) {
        free(b);
        free(slots);
        return NG_ERR_NOMEM;
    }
    b->slots = slots;
    b->fresh = fresh;
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", BULK_CACHE_KIB);
    int rc = sqlite3_open_v2(s->path, &b->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(b->db, 5000);
        rc = run(b->db, pragma);
    }
    if (rc == SQLITE_OK)
        rc = run(b->db, "BEGIN IMMEDIATE");
    /* literals(text) serves this very load's look-ups, so it comes first (store_sqlite.c) */
    if (rc == SQLITE_OK && fresh)
        rc = run(b->db, "CREATE INDEX IF NOT EXISTS literalindex ON literals (text)");
    for (int k = 0; rc == SQLITE_OK && k < 3; k++) {
        rc = sqlite3_prepare_v2(b->db, GET_SQL[k], -1, &b->get[k], NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_prepare_v2(b->db, PUT_SQL[k], -1, &b->put[k], NULL);
    }
    if (rc != SQLITE_OK) {
        int code = sqlite3_errcode(b->db) & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                           "the store is locked by another process; try again when it is done");
        else
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot write the store: %s",
                           b->db ? sqlite3_errmsg(b->db) : sqlite3_errstr(rc));
        ng_sqlite_bulk_free(b);
        return NG_ERR_STORE;
    }
    *out = b;
    return NG_SUCCESS;
}

/* The cache key of a node into b->key: its kind, then its text, and for a literal its language
 * and its datatype's id, NUL-separated. */
static NgStatus node_key(NgSqliteBulk *b, int kind, const char *text, size_t len,
                         const char *lang, sqlite3_int64 datatype)
{
    char k = (char)('0' + kind);
    b->key.len = 0;
    NgStatus st = ng_buf_append(&b->key, &k, 1);
    if (!st)
        st = ng_buf_append(&b->key, text, len);
    if (!st && kind == KIND_LITERAL)
        st = ng_buf_appendf(&b->key, "%c%s%c%lld", 0, lang ? lang : "", 0, (long long)datatype);
    return st;
}

/* The id of a node of `kind`, text `text` (and for a literal, language `lang` or NULL and
 * datatype id, or 0 for none): from the cache, else from its table, else a new row. */
static NgStatus node_id(NgSqliteBulk *b, int kind, const char *text, size_t len, const char *lang,
                        sqlite3_int64 datatype, sqlite3_int64 *id)
{
    NgStatus st = node_key(b, kind, text, len, lang, datatype);
    if (st)
        return st;
    uint64_t h = ng_hash(b->key.data, b->key.len);
    Slot *slot = &b->slots[h & (BULK_SLOTS - 1)];
    if (slot->key && slot->hash == h && slot->len == b->key.len &&
        !memcmp(slot->key, b->key.data, b->key.len)) {
        *id = slot->id;
        return NG_SUCCESS;
    }
    int rc = SQLITE_OK;
    for (int pass = 0; pass < 2; pass++) {   /* the look-up, then the new row */
        sqlite3_stmt *q = pass ? b->put[kind] : b->get[kind];
        sqlite3_reset(q);
        rc = sqlite3_bind_text(q, 1, text, (int)len, SQLITE_STATIC);
        if (rc == SQLITE_OK && kind == KIND_LITERAL)
            rc = lang ? sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 2);
        if (rc == SQLITE_OK && kind == KIND_LITERAL)
            rc = datatype ? sqlite3_bind_int64(q, 3, datatype) : sqlite3_bind_null(q, 3);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            *id = sqlite3_column_int64(q, 0);
            break;
        }
        if (rc != SQLITE_DONE)
            return NG_ERR_STORE;
        if (pass)
            *id = sqlite3_last_insert_rowid(b->db);
    }
    char *copy = malloc(b->key.len);
    if (!copy)
        return NG_ERR_NOMEM;
    memcpy(copy, b->key.data, b->key.len);
    free(slot->key);
    *slot = (Slot){h, *id, copy, b->key.len};
    return NG_SUCCESS;
}

/* The id and kind of a Redland node, its row made when it has none. */
static NgStatus node_of(NgSqliteBulk *b, librdf_node *n, int *kind, sqlite3_int64 *id)
{
    if (librdf_node_is_resource(n)) {
        size_t len;
        const unsigned char *u = librdf_uri_as_counted_string(librdf_node_get_uri(n), &len);
        *kind = KIND_URI;
        return node_id(b, KIND_URI, (const char *)u, len, NULL, 0, id);
    }
    if (librdf_node_is_blank(n)) {
        const char *label = (const char *)librdf_node_get_blank_identifier(n);
        *kind = KIND_BLANK;
        return node_id(b, KIND_BLANK, label, strlen(label), NULL, 0, id);
    }
    if (!librdf_node_is_literal(n))
        return NG_ERR_STORE;
    size_t len;
    const unsigned char *text = librdf_node_get_literal_value_as_counted_string(n, &len);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    sqlite3_int64 dtid = 0;
    if (dt) {
        size_t dlen;
        const unsigned char *d = librdf_uri_as_counted_string(dt, &dlen);
        NgStatus st = node_id(b, KIND_URI, (const char *)d, dlen, NULL, 0, &dtid);
        if (st)
            return st;
    }
    *kind = KIND_LITERAL;
    return node_id(b, KIND_LITERAL, (const char *)text, len,
                   librdf_node_get_literal_value_language(n), dtid, id);
}

/* The prepared check and INSERT of triples of one shape (see NgSqliteBulk.has). */
static int prepare_shape(NgSqliteBulk *b, int shape, int skind, int okind, bool graph)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT 1 FROM triples WHERE %s = ?1 AND predicateUri = ?2 AND %s = ?3%s LIMIT 1",
             SUBJECT_COL[skind], OBJECT_COL[okind], graph ? " AND contextUri = ?4" : "");
    int rc = sqlite3_prepare_v2(b->db, sql, -1, &b->has[shape], NULL);
    snprintf(sql, sizeof sql, "INSERT INTO triples (%s, predicateUri, %s%s) VALUES (?1, ?2, ?3%s)",
             SUBJECT_COL[skind], OBJECT_COL[okind], graph ? ", contextUri" : "",
             graph ? ", ?4" : "");
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(b->db, sql, -1, &b->add[shape], NULL);
    return rc;
}

/* Binds a triple's ids to `q` and runs it to its first row: SQLITE_ROW or SQLITE_DONE. */
static int step_triple(sqlite3_stmt *q, const sqlite3_int64 ids[4], bool graph)
{
    sqlite3_reset(q);
    int rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && i < (graph ? 4 : 3); i++)
        rc = sqlite3_bind_int64(q, i + 1, ids[i]);
    return rc == SQLITE_OK ? sqlite3_step(q) : rc;
}

/* Adds the triple `t`, in the named graph `g` (NULL: the default graph), unless the store holds
 * it already. */
NgStatus ng_sqlite_bulk_add(NgSqliteBulk *b, librdf_statement *t, librdf_node *g)
{
    librdf_node *nodes[4] = {librdf_statement_get_subject(t), librdf_statement_get_predicate(t),
                             librdf_statement_get_object(t), g};
    int kinds[4] = {0};
    sqlite3_int64 ids[4] = {0};
    for (int i = 0; i < 4; i++) {
        if (!nodes[i])
            continue;
        NgStatus st = node_of(b, nodes[i], &kinds[i], &ids[i]);
        if (st)
            return st;
    }
    if (kinds[0] == KIND_LITERAL || kinds[1] != KIND_URI || (g && kinds[3] != KIND_URI))
        return NG_ERR_STORE;   /* no column holds them, as in Redland */
    int shape = (kinds[0] * 3 + kinds[2]) * 2 + (g != NULL);
    if (!b->has[shape] && prepare_shape(b, shape, kinds[0], kinds[2], g != NULL) != SQLITE_OK)
        return NG_ERR_STORE;
    int rc = step_triple(b->has[shape], ids, g != NULL);
    if (rc == SQLITE_ROW)
        return NG_SUCCESS;
    if (rc == SQLITE_DONE)
        rc = step_triple(b->add[shape], ids, g != NULL);
    if (rc != SQLITE_DONE)
        return NG_ERR_STORE;
    b->added++;
    return NG_SUCCESS;
}

/* Ends the load: into a new store, the query indexes and ANALYZE; then COMMIT.  *added: the
 * triples added.  On failure the transaction is rolled back (ng_sqlite_bulk_free). */
NgStatus ng_sqlite_bulk_commit(NgSqliteBulk *b, const NgStore *s, const NgDiag *diag,
                               size_t *added)
{
    int rc = SQLITE_OK;
    if (b->fresh)
        rc = ng_store_sqlite_index(b->db);
    if (rc == SQLITE_OK && b->fresh)
        rc = run(b->db, "ANALYZE");
    if (rc == SQLITE_OK)
        rc = run(b->db, "COMMIT");
    if (rc != SQLITE_OK) {
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot commit to the store: %s",
                       sqlite3_errmsg(b->db));
        return NG_ERR_STORE;
    }
    *added = b->added;
    return NG_SUCCESS;
}

/* What SQLite said last on the loading connection (for a failed add). */
const char *ng_sqlite_bulk_error(const NgSqliteBulk *b)
{
    return sqlite3_errmsg(b->db);
}

/* Finalizes the statements and closes the connection; a transaction still open is rolled back. */
void ng_sqlite_bulk_free(NgSqliteBulk *b)
{
    if (!b)
        return;
    for (int k = 0; k < 3; k++) {
        sqlite3_finalize(b->get[k]);
        sqlite3_finalize(b->put[k]);
    }
    for (int k = 0; k < 12; k++) {
        sqlite3_finalize(b->has[k]);
        sqlite3_finalize(b->add[k]);
    }
    if (b->db && !sqlite3_get_autocommit(b->db))
        run(b->db, "ROLLBACK");
    sqlite3_close(b->db);
    for (size_t i = 0; b->slots && i < BULK_SLOTS; i++)
        free(b->slots[i].key);
    free(b->slots);
    ng_buf_free(&b->key);
    free(b);
}
