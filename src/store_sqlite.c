/* store_sqlite.c — the SQLite backend of stores (sqlite:PATH): Redland's sqlite storage, in one
 * file.  A commit is one transaction, with the indexes that Redland's schema lacks (INDEXES:
 * without them every literal look-up, and every pattern whose subject is unbound, reads a whole
 * table): through store_sqlite_bulk.c's connection, or Redland's model when graphs are replaced
 * (librdf_model_transaction_start/commit); any failure rolls the transaction back.  SQLite itself checks a file before Redland
 * opens it, so that a file that is no store, or is locked, is said to be so.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The indexes newsgraph adds to Redland's tables, which index only (subject, predicate): a
 * literal's id by its text (every look-up of a literal), and the triples by predicate and object
 * (a pattern such as `?c a schema:Claim`, `?m nif:sentence ?s` or `?e sem:hasTimeStamp ?t`,
 * which otherwise reads every triple) and by literal object (`?a rdfs:label "Ruritania"`); and
 * the triples of named graphs by graph, those only: Redland lists a store's graphs before every
 * query (SELECT DISTINCT ... WHERE contextUri NOT NULL), which read every triple, 0.1-1.4 s on
 * 1,000 articles even for an ASK of one row, and reads none now when the store has no graph.
 * Chosen by measuring the sample questions on a 12-article store (docs/performance.md).  SQLite
 * needs the statistics of ANALYZE (ng_store_sqlite_analyze) to prefer Redland's index when the
 * subject is bound; without them it may read every triple of the predicate instead. */
static const char INDEXES[] =
    "CREATE INDEX IF NOT EXISTS literalindex ON literals (text);"
    "CREATE INDEX IF NOT EXISTS poindex ON triples (predicateUri, objectUri);"
    "CREATE INDEX IF NOT EXISTS olindex ON triples (objectLiteral);"
    "CREATE INDEX IF NOT EXISTS graphindex ON triples (contextUri) WHERE contextUri IS NOT NULL;";

/* Statistics for a store that has none yet (a new one): without them SQLite may answer the
 * duplicate check of every added triple (subject, predicate and object bound) through the
 * (predicate, object) index, reading every `rdf:type nif:String` triple; a load of 100 articles
 * took 430 s instead of 30.  ng_store_sqlite_analyze replaces them with the real ones. */
static const char SEED_STATS[] =
    "INSERT INTO sqlite_stat1 (tbl, idx, stat) SELECT * FROM (VALUES "
    "('triples', 'spindex', '1000000 10 10 2'), ('triples', 'poindex', '1000000 20000 20'), "
    "('triples', 'olindex', '1000000 3')) "
    "WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'triples')";

/* Adds newsgraph's indexes to the open database `db`, with statistics (SEED_STATS) when it has
 * none: written first, so that the schema change of the indexes makes every connection read
 * them. */
static int add_indexes(sqlite3 *db)
{
    if (sqlite3_exec(db, SEED_STATS, NULL, NULL, NULL) != SQLITE_OK &&
        (sqlite3_exec(db, "ANALYZE", NULL, NULL, NULL) != SQLITE_OK ||
         sqlite3_exec(db, SEED_STATS, NULL, NULL, NULL) != SQLITE_OK))
        return SQLITE_ERROR;
    return ng_store_sqlite_index(db);
}

int ng_store_sqlite_index(sqlite3 *db)
{
    return sqlite3_exec(db, INDEXES, NULL, NULL, NULL);
}

/* Gathers SQLite's statistics on the indexes after a load (ANALYZE), so that its planner picks
 * the index of each pattern's bound parts.  Run when the store is closed (ng_store_free): the
 * statistics change the schema, which fails the statements of a Redland connection still open.
 * They only speed queries up: a failure is no error. */
void ng_store_sqlite_analyze(const NgStore *s)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        sqlite3_exec(db, "ANALYZE", NULL, NULL, NULL);
    sqlite3_close(db);
}

/* SQLite's own check of the file behind `db`: PRAGMA quick_check (every page and record well
 * formed: what a load runs before it adds to a store) or, when `full`, integrity_check (indexes
 * against their tables too).  The first problem is reported with the number of others. */
static NgStatus integrity(sqlite3 *db, const NgStore *s, bool full, const NgDiag *diag)
{
    sqlite3_stmt *q = NULL;
    unsigned problems = 0;
    char first[300] = "";
    int rc = sqlite3_prepare_v2(db, full ? "PRAGMA integrity_check(100)" : "PRAGMA quick_check(100)",
                                -1, &q, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(q, 0);
        if (r && strcmp(r, "ok") && problems++ == 0)
            snprintf(first, sizeof first, "%s", r);
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE && problems++ == 0)
        snprintf(first, sizeof first, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(q);
    if (!problems)
        return NG_SUCCESS;
    ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                   "the store is damaged: %s%s (SQLite's integrity check); restore it from a "
                   "backup, or load its graphs again into a new store", first,
                   problems > 1 ? ", and more" : "");
    return NG_ERR_STORE;
}

/* The full check of `newsgraph check`: the file opened read-only, integrity_check run. */
NgStatus ng_store_sqlite_check(NgStore *s, const NgDiag *diag)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READONLY, NULL);
    NgStatus st = NG_ERR_STORE;
    if (rc != SQLITE_OK)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot open the store: %s",
                       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    else
        st = integrity(db, s, true, diag);
    sqlite3_close(db);
    return st;
}

/* Checks an existing file with SQLite itself: is it a database, does it hold Redland's tables,
 * is it locked; for writers, is it whole (a load into a damaged store would build on garbage),
 * and adds newsgraph's indexes (INDEXES). */
NgStatus ng_store_sqlite_probe(NgStore *s, const NgDiag *diag)
{
    sqlite3 *db = NULL;
    /* Readers open read-write too when they may: a load that failed half-way (a full disk) can
     * leave a hot journal, and only a writable connection rolls it back. */
    int rc = sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK && !s->writable) {
        sqlite3_close(db);
        db = NULL;
        rc = sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READONLY, NULL);
    }
    NgStatus st = NG_SUCCESS;
    sqlite3_stmt *q = NULL;
    if (rc != SQLITE_OK) {
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot open the store: %s",
                       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        st = NG_ERR_STORE;
        goto done;
    }
    sqlite3_busy_timeout(db, 200);
    rc = sqlite3_exec(db, s->writable ? "BEGIN IMMEDIATE" : "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &q,
                                NULL);
    unsigned found = 0;
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        const char *name = (const char *)sqlite3_column_text(q, 0);
        static const char *const tables[] = {"uris", "blanks", "literals", "triples"};
        for (unsigned i = 0; name && i < 4; i++)
            if (!strcmp(name, tables[i]))
                found |= 1u << i;
    }
    if (rc != SQLITE_DONE) {
        int code = sqlite3_errcode(db) & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED || (rc & 0xff) == SQLITE_BUSY)
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                           "the store is locked by another process; try again when it is done");
        else if (code == SQLITE_NOTADB)
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                           "not a store: the file is not an SQLite database");
        else
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot read the store: %s",
                           sqlite3_errmsg(db));
        st = NG_ERR_STORE;
        goto done;
    }
    if (found != 0xf) {
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                       "not a store: an SQLite database without Redland's tables "
                       "(uris, blanks, literals, triples)");
        st = NG_ERR_STORE;
        goto done;
    }
    if (s->writable && (st = integrity(db, s, false, diag)) != NG_SUCCESS)
        goto done;
    if (s->writable &&
        add_indexes(db) != SQLITE_OK) {
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot index the store: %s",
                       sqlite3_errmsg(db));
        st = NG_ERR_STORE;
    }
done:
    sqlite3_finalize(q);
    if (db) {
        sqlite3_exec(db, st ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
        sqlite3_close(db);
    }
    return st;
}

/* Adds newsgraph's indexes (INDEXES) to a store Redland has just created. */
static NgStatus index_sqlite(NgStore *s, const NgDiag *diag)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = add_indexes(db);
    if (rc != SQLITE_OK)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot index the store: %s",
                       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return rc == SQLITE_OK ? NG_SUCCESS : NG_ERR_STORE;
}

/* Opens the existing SQLite store's model. */
NgStatus ng_store_sqlite_open(NgStore *s)
{
    s->storage = librdf_new_storage(s->world, "sqlite", s->path, "new='no'");
    s->model = s->storage ? librdf_new_model(s->world, s->storage, NULL) : NULL;
    if (s->model)
        return NG_SUCCESS;
    ng_store_close_model(&s->storage, &s->model);
    return NG_ERR_STORE;
}

/* Adds the index on triples(contextUri) that emptying a named graph needs (Redland's schema
 * has none: each would scan the table), through a connection of our own. */
NgStatus ng_store_sqlite_index_graphs(NgStore *s, const NgDiag *diag)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, 200);
        rc = sqlite3_exec(db, "CREATE INDEX IF NOT EXISTS contextindex ON triples (contextUri)",
                          NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot index the store's graphs: %s",
                       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return rc == SQLITE_OK ? NG_SUCCESS : NG_ERR_STORE;
}

/* Inside the transaction: empties the articles' graphs being replaced, adds what was staged,
 * then forgets the actors no graph mentions any more; *removed counts what went. */
static NgStatus sqlite_add(NgStore *s, librdf_model *m, const NgDiag *diag, size_t *added,
                           size_t *removed)
{
    NgForget f = {0};
    size_t before = s->replace ? ng_store_model_size(m) : 0, emptied = 0, forgotten = 0;
    NgStatus st = ng_store_graphs_replace(s, m, diag, &f);
    if (!st && s->replace)
        emptied = before - ng_store_model_size(m);
    if (!st)
        st = ng_store_stage_add(s, m, false, diag, added);
    if (!st)
        st = ng_store_graphs_forget(s, m, &f, &forgotten);
    ng_store_forget_free(&f);
    *removed = emptied + forgotten;
    return st;
}

/* Adds what was staged through a loading connection of newsgraph's own (store_sqlite_bulk.c),
 * in one transaction; `fresh`: into the store this commit has just made. */
static NgStatus sqlite_bulk(NgStore *s, bool fresh, const NgDiag *diag, size_t *added)
{
    NgSqliteBulk *b = NULL;
    NgStatus st = ng_sqlite_bulk_begin(s, fresh, diag, &b);
    if (st)
        return st;
    st = ng_store_stage_add_bulk(s, b, diag);
    if (st == NG_ERR_STORE)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot add to the store: %s",
                       ng_sqlite_bulk_error(b));
    if (!st)
        st = ng_sqlite_bulk_commit(b, s, diag, added);
    ng_sqlite_bulk_free(b);
    if (st)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "load failed; the store is unchanged");
    return st;
}

/* Creates the store when it does not exist yet, then adds what was staged inside one transaction,
 * rolled back on any failure; a store created by this commit and failed is removed again.  The
 * writer's lock is held (store.c), and whether the file exists is asked again here: Redland's
 * new='yes' deletes a file that is there.  A load that replaces no graph goes through
 * sqlite_bulk; one that does empties graphs through Redland's model, in Redland's transaction. */
NgStatus ng_store_sqlite_commit(NgStore *s, const NgDiag *diag, size_t *added, size_t *removed)
{
    bool created = false;
    struct stat sb;
    if (!s->exists && stat(s->path, &sb) == 0) {
        s->exists = true;   /* made by a writer that took no lock since we opened */
        if (ng_store_sqlite_probe(s, diag))
            return NG_ERR_STORE;
    }
    if (!s->exists) {
        ng_store_capture(s, diag);
        s->storage = librdf_new_storage(s->world, "sqlite", s->path, "new='yes'");
        s->model = s->storage ? librdf_new_model(s->world, s->storage, NULL) : NULL;
        if (!s->model) {
            ng_store_close_model(&s->storage, &s->model);
            unlink(s->path);
            return ng_store_error(s, diag, NG_ERR_STORE, "cannot create the store");
        }
        s->exists = created = true;
        if (s->replace && index_sqlite(s, diag))
            goto fail;
    }
    if ((s->replace || s->graphs.count) && ng_store_sqlite_index_graphs(s, diag))
        goto fail;
    if (!s->replace) {
        /* Redland's connection is closed first and opened again when next asked: its statements
         * (sqlite3_prepare, not _v2) fail once after another connection changed the schema, as
         * the indexes and ANALYZE of a new store's load do */
        ng_store_close_model(&s->storage, &s->model);
        if (sqlite_bulk(s, created, diag, added))
            goto fail;
        *removed = 0;
        s->analyze = !created && *added;   /* a new store was analyzed by its load */
        return NG_SUCCESS;
    }
    librdf_model *m = ng_store_model(s, diag);
    if (!m)
        goto fail;
    ng_store_capture(s, diag);
    if (librdf_model_transaction_start(m)) {
        ng_store_error(s, diag, NG_ERR_STORE, "cannot start a transaction");
        goto fail;
    }
    NgStatus st = sqlite_add(s, m, diag, added, removed);
    if (!st && librdf_model_transaction_commit(m))
        st = NG_ERR_STORE;
    if (st) {
        librdf_model_transaction_rollback(m);
        ng_store_error(s, diag, st, "load failed; the store is unchanged");
        goto fail;
    }
    if (*added || *removed)
        s->analyze = true;
    return NG_SUCCESS;
fail:
    if (created) {
        ng_store_close_model(&s->storage, &s->model);
        s->exists = false;
        unlink(s->path);
        char *journal = ng_store_sibling(s, "-journal");
        if (journal)
            unlink(journal);
        free(journal);
    }
    return NG_ERR_STORE;
}

/* The number of triples matching one pattern of a query (query_subgraph.c): its predicate
 * `p` and, when not NULL, its subject IRI `s`, object IRI `o` or object literal's text `text`
 * (any language or datatype), through newsgraph's indexes on a connection of its own.  False
 * when SQLite cannot say. */
bool ng_store_sqlite_count(const NgStore *store, const char *s, const char *p, const char *o,
                           const char *text, size_t *n)
{
    if (!store || store->kind != NG_STORE_SQLITE || !store->path || !p)
        return false;
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM triples WHERE predicateUri = (SELECT id FROM uris WHERE uri = ?1)%s%s%s",
             s ? " AND subjectUri = (SELECT id FROM uris WHERE uri = ?2)" : "",
             o ? " AND objectUri = (SELECT id FROM uris WHERE uri = ?3)" : "",
             text ? " AND objectLiteral IN (SELECT id FROM literals WHERE text = ?4)" : "");
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_open_v2(store->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK &&
              sqlite3_bind_text(q, 1, p, -1, SQLITE_STATIC) == SQLITE_OK &&
              (!s || sqlite3_bind_text(q, 2, s, -1, SQLITE_STATIC) == SQLITE_OK) &&
              (!o || sqlite3_bind_text(q, 3, o, -1, SQLITE_STATIC) == SQLITE_OK) &&
              (!text || sqlite3_bind_text(q, 4, text, -1, SQLITE_STATIC) == SQLITE_OK) &&
              sqlite3_step(q) == SQLITE_ROW;
    if (ok)
        *n = (size_t)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return ok;
}
