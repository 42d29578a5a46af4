/* store.c — persistent Redland stores (sqlite, Berkeley DB hashes) and in-memory ones.
 *
 * Every load is all or nothing.  Files are first parsed into a staging model in memory (Redland's
 * `hashes` storage with hash-type 'memory'; never the `memory` storage, a list that makes each
 * add O(n)), so a syntax error anywhere leaves the store untouched.  A file larger than
 * NG_STAGE_MAX_BYTES (which would take about 800 bytes of memory per triple there) is instead
 * parsed once only to check it and parsed again during the commit, straight into the store.  Only
 * then are the triples added:
 *   - sqlite: inside one transaction (librdf_model_transaction_start/commit), after creating the
 *     index on literals(text) that Redland's schema lacks (without it every literal lookup scans
 *     the table); any failure rolls the transaction back.
 *   - hashes: Berkeley DB without an environment has no transactions, so the index files are
 *     copied to staging files, the triples added there, and the copies renamed over the originals
 *     only when everything succeeded.  Writers hold an flock on PATH.lock.
 * Stores hold one graph (no Redland contexts: with contexts the hashes storage checks for
 * duplicates by scanning, which makes every add O(n)).  Blank nodes get labels derived from the
 * file's bytes, so that a reload adds no duplicates.
 */
#include "store_internal.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct NgStoreImpl {
    NgStoreKind kind;
    char *path;            /* the PATH of the spec (sqlite file, hashes prefix); NULL in memory */
    char *dir, *base;      /* hashes: directory and file name prefix */
    bool writable;
    bool exists;           /* the persistent store exists on disk */
    bool has_p2so;         /* hashes: the predicate index file exists (or will, for a new one) */
    int lock_fd;           /* hashes writers: the flock'ed PATH.lock, else -1 */
    librdf_world *world;
    librdf_storage *storage;
    librdf_model *model;   /* the store itself; opened lazily */
    librdf_storage *stage_storage;
    librdf_model *stage;   /* triples parsed but not yet committed */
    char **streamed;       /* files too big to stage in memory: parsed once to check them, */
    NgFormat *streamed_format; /* then again during the commit, straight into the store */
    size_t streamed_count, streamed_cap;
    NgRdfLog log;
    /* Blank node labels: "b" + a hash of the file's bytes + the document's own label (or a
     * counter), so that loading the same file twice gives the same nodes, and two files never
     * share one.  Redland's own labels mix in the time and the process id. */
    bool parsing;
    char bnode_prefix[24];
    unsigned long bnode_counter;
    unsigned long query_bnode_counter;
};

/* The index files of a hashes store; sp2o last, since its presence marks the store. */
static const char *const hash_suffixes[] = {"po2s", "so2p", "p2so", "contexts", "sp2o"};
enum { HASH_FILES = 5 };

/* ---------------------------------------------------------------- logging */

static int on_log(void *user_data, librdf_log_message *m)
{
    NgRdfLog *lg = user_data;
    librdf_log_level level = librdf_log_message_level(m);
    const char *msg = librdf_log_message_message(m);
    raptor_locator *loc = librdf_log_message_locator(m);
    if (!msg)
        msg = "unknown error";
    if (level < LIBRDF_LOG_WARN)
        return 1;
    if (strstr(msg, "database is locked") || strstr(msg, "database table is locked"))
        lg->locked = true;
    int line = loc && loc->line > 0 ? loc->line : 0;
    int col = loc && loc->column > 0 ? loc->column : 0;
    if (level == LIBRDF_LOG_WARN) {
        if (!lg->quiet_warnings && !lg->capture_only)
            ng_diag_report(lg->diag, NG_DIAG_WARNING, lg->name, (unsigned)line, (unsigned)col, "%s",
                           msg);
        return 1;
    }
    if (lg->errors++ == 0) {
        snprintf(lg->first, sizeof lg->first, "%s", msg);
        lg->line = line;
        lg->col = col;
    }
    if (!lg->capture_only)
        ng_diag_report(lg->diag, NG_DIAG_ERROR, lg->name, (unsigned)line, (unsigned)col, "%s", msg);
    return 1;
}

/* Rasqal logs through its own world, not Redland's: the same sink. */
static void on_rasqal_log(void *user_data, raptor_log_message *m)
{
    NgRdfLog *lg = user_data;
    const char *msg = m->text ? m->text : "unknown error";
    int line = m->locator && m->locator->line > 0 ? m->locator->line : 0;
    int col = m->locator && m->locator->column > 0 ? m->locator->column : 0;
    if (m->level < RAPTOR_LOG_LEVEL_WARN)
        return;
    if (m->level == RAPTOR_LOG_LEVEL_WARN) {
        if (!lg->quiet_warnings && !lg->capture_only)
            ng_diag_report(lg->diag, NG_DIAG_WARNING, lg->name, (unsigned)line, (unsigned)col, "%s",
                           msg);
        return;
    }
    if (lg->errors++ == 0) {
        snprintf(lg->first, sizeof lg->first, "%s", msg);
        lg->line = line;
        lg->col = col;
    }
    if (!lg->capture_only)
        ng_diag_report(lg->diag, NG_DIAG_ERROR, lg->name, (unsigned)line, (unsigned)col, "%s", msg);
}

/* Raptor's blank node label generator, replacing Redland's (see NgStoreImpl). */
static unsigned char *generate_bnodeid(void *user_data, unsigned char *user_bnodeid)
{
    NgStore *s = user_data;
    char small[64];
    const char *label = user_bnodeid ? (const char *)user_bnodeid : "";
    size_t need = strlen(label) + 48;
    char *buf = need <= sizeof small ? small : malloc(need);
    unsigned char *out = NULL;
    if (buf) {
        if (!s->parsing)
            snprintf(buf, need, "q%lu", ++s->query_bnode_counter);
        else if (user_bnodeid)
            snprintf(buf, need, "%su%s", s->bnode_prefix, label);
        else
            snprintf(buf, need, "%sg%lu", s->bnode_prefix, ++s->bnode_counter);
        size_t n = strlen(buf);
        out = raptor_alloc_memory(n + 1);
        if (out)
            memcpy(out, buf, n + 1);
        if (buf != small)
            free(buf);
    }
    if (user_bnodeid)
        raptor_free_memory(user_bnodeid);
    return out;
}

/* Sets the blank node prefix from a 64-bit FNV-1a hash of the bytes about to be parsed. */
static void bnode_scope(NgStore *s, uint64_t hash)
{
    snprintf(s->bnode_prefix, sizeof s->bnode_prefix, "b%016llx", (unsigned long long)hash);
    s->bnode_counter = 0;
}

static uint64_t fnv1a(uint64_t h, const void *bytes, size_t len)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define FNV_OFFSET 0xcbf29ce484222325ULL

NgRdfLog *ng_store_log_begin(NgStore *store, const NgDiag *diag, const char *name)
{
    NgRdfLog *lg = &store->log;
    memset(lg, 0, sizeof *lg);
    lg->diag = diag;
    lg->name = name;
    return lg;
}

/* Starts a store operation whose Redland messages are only recorded (we word our own). */
static NgRdfLog *capture(NgStore *s, const NgDiag *diag)
{
    NgRdfLog *lg = ng_store_log_begin(s, diag, s->path);
    lg->capture_only = true;
    return lg;
}

/* Reports a store error, adding what Redland said when it said something. */
static NgStatus store_error(NgStore *s, const NgDiag *diag, NgStatus st, const char *what)
{
    if (s->log.locked)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                       "%s: the store is locked by another process; try again when it is done",
                       what);
    else if (s->log.errors)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "%s: %s", what, s->log.first);
    else
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "%s", what);
    return st;
}

librdf_world *ng_store_world(NgStore *store)
{
    return store->world;
}

/* ---------------------------------------------------------------- small helpers */

static char *path_join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    NgBuf b = {0};
    if (ng_buf_appendf(&b, "%s/%s%s%s", dir, prefix, name, suffix)) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Splits `path` into an existing directory and a file name; reports a missing directory. */
static NgStatus split_path(const char *path, const NgDiag *diag, char **dir, char **base)
{
    const char *slash = strrchr(path, '/');
    *dir = slash ? (slash == path ? ng_strdup("/") : ng_strndup(path, (size_t)(slash - path)))
                 : ng_strdup(".");
    *base = ng_strdup(slash ? slash + 1 : path);
    if (!*dir || !*base)
        return NG_ERR_NOMEM;
    if (!**base) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "a store path must name a file, not a directory");
        return NG_ERR_BAD_ARG;
    }
    struct stat st;
    if (stat(*dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0,
                       "directory '%s' does not exist; create it first", *dir);
        return NG_ERR_IO;
    }
    return NG_SUCCESS;
}

/* A `hashes` model in memory: the fast in-process Redland store.  The predicate index is for
 * models that are queried (-d); staging models are only streamed. */
static NgStatus new_memory_model(librdf_world *w, bool queried, librdf_storage **st,
                                 librdf_model **m)
{
    *st = librdf_new_storage(w, "hashes", "staging",
                             queried ? "hash-type='memory',index-predicates='yes'"
                                     : "hash-type='memory'");
    *m = *st ? librdf_new_model(w, *st, NULL) : NULL;
    if (!*m) {
        if (*st)
            librdf_free_storage(*st);
        *st = NULL;
        return NG_ERR_INTERNAL;
    }
    return NG_SUCCESS;
}

static void free_model(librdf_storage **st, librdf_model **m)
{
    if (*m)
        librdf_free_model(*m);
    if (*st)
        librdf_free_storage(*st);
    *m = NULL;
    *st = NULL;
}

static size_t count_stream(librdf_stream *s)
{
    size_t n = 0;
    if (!s)
        return 0;
    while (!librdf_stream_end(s)) {
        n++;
        librdf_stream_next(s);
    }
    librdf_free_stream(s);
    return n;
}

static size_t model_size(librdf_model *m)
{
    int n = librdf_model_size(m);
    return n >= 0 ? (size_t)n : count_stream(librdf_model_as_stream(m));
}

/* ---------------------------------------------------------------- SQLite checks */

/* Checks an existing file with SQLite itself: is it a database, does it hold Redland's tables,
 * is it locked; for writers, adds the literals(text) index. */
static NgStatus probe_sqlite(NgStore *s, const NgDiag *diag)
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
    if (s->writable &&
        sqlite3_exec(db, "CREATE INDEX IF NOT EXISTS literalindex ON literals (text)", NULL, NULL,
                     NULL) != SQLITE_OK) {
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

/* Adds the literals(text) index to a store Redland has just created. */
static NgStatus index_sqlite(NgStore *s, const NgDiag *diag)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "CREATE INDEX IF NOT EXISTS literalindex ON literals (text)", NULL,
                          NULL, NULL);
    if (rc != SQLITE_OK)
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0, "cannot index the store: %s",
                       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return rc == SQLITE_OK ? NG_SUCCESS : NG_ERR_STORE;
}

/* ---------------------------------------------------------------- Berkeley DB checks */

/* True when `path` starts like a Berkeley DB btree file (magic 0x053162, either byte order). */
static bool is_bdb_file(const char *path)
{
    unsigned char h[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n < 16)
        return false;
    uint32_t le = (uint32_t)h[12] | (uint32_t)h[13] << 8 | (uint32_t)h[14] << 16 |
                  (uint32_t)h[15] << 24;
    uint32_t be = (uint32_t)h[15] | (uint32_t)h[14] << 8 | (uint32_t)h[13] << 16 |
                  (uint32_t)h[12] << 24;
    return le == 0x053162 || be == 0x053162;
}

/* The index file `suffix` of the hashes store called `name` in the store's directory. */
static char *hash_file(const NgStore *s, const char *name, const char *suffix)
{
    NgBuf b = {0};
    if (ng_buf_appendf(&b, "%s/%s-%s.db", s->dir, name, suffix)) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

static NgStatus probe_hashes(NgStore *s, const NgDiag *diag)
{
    char *sp2o = hash_file(s, s->base, "sp2o");
    char *p2so = hash_file(s, s->base, "p2so");
    NgStatus st = NG_SUCCESS;
    if (!sp2o || !p2so) {
        st = NG_ERR_NOMEM;
        goto done;
    }
    struct stat sb;
    s->exists = stat(sp2o, &sb) == 0;
    if (s->exists && (!S_ISREG(sb.st_mode) || !is_bdb_file(sp2o))) {
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                       "not a store: '%s' is not a Berkeley DB file", sp2o);
        st = NG_ERR_STORE;
        goto done;
    }
    s->has_p2so = !s->exists || file_exists(p2so);
    if (s->writable) {
        char *lock = path_join(s->dir, "", s->base, ".lock");
        if (!lock) {
            st = NG_ERR_NOMEM;
            goto done;
        }
        s->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (s->lock_fd < 0) {
            ng_diag_report(diag, NG_DIAG_ERROR, lock, 0, 0, "cannot create the lock file: %s",
                           strerror(errno));
            st = NG_ERR_IO;
        } else if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
            if (errno == EWOULDBLOCK)
                ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                               "the store is locked by another process; try again when it is done");
            else
                ng_diag_report(diag, NG_DIAG_ERROR, lock, 0, 0, "cannot lock the store: %s",
                               strerror(errno));
            st = NG_ERR_STORE;
        }
        free(lock);
    }
done:
    free(sp2o);
    free(p2so);
    return st;
}

/* Opens Redland's hashes storage on the Berkeley DB files `name`-*.db of the store's directory. */
static NgStatus open_hashes(NgStore *s, const char *name, bool write, librdf_storage **st_out,
                            librdf_model **m_out)
{
    librdf_hash *opts = librdf_new_hash(s->world, NULL);
    NgStatus st = NG_SUCCESS;
    if (!opts)
        st = NG_ERR_INTERNAL;
    if (!st) {
        librdf_hash_put_strings(opts, "hash-type", "bdb");
        librdf_hash_put_strings(opts, "dir", s->dir);
        librdf_hash_put_strings(opts, "write", write ? "yes" : "no");
        librdf_hash_put_strings(opts, "new", "no");
        librdf_hash_put_strings(opts, "contexts", "no");
        librdf_hash_put_strings(opts, "index-predicates", s->has_p2so ? "yes" : "no");
        *st_out = librdf_new_storage_with_options(s->world, "hashes", name, opts);
        *m_out = *st_out ? librdf_new_model(s->world, *st_out, NULL) : NULL;
        if (!*m_out) {
            free_model(st_out, m_out);
            st = NG_ERR_STORE;
        }
    }
    if (opts)
        librdf_free_hash(opts);
    return st;
}

/* ---------------------------------------------------------------- open and free */

static NgStatus store_alloc(NgStoreKind kind, NgStore **out)
{
    NgStore *s = calloc(1, sizeof *s);
    if (!s)
        return NG_ERR_NOMEM;
    s->kind = kind;
    s->lock_fd = -1;
    s->world = librdf_new_world();
    if (!s->world) {
        free(s);
        return NG_ERR_INTERNAL;
    }
    librdf_world_open(s->world);
    librdf_world_set_logger(s->world, &s->log, on_log);
    raptor_world_set_generate_bnodeid_handler(librdf_world_get_raptor(s->world), s,
                                              generate_bnodeid);
    rasqal_world *rw = librdf_world_get_rasqal(s->world);
    if (rw)
        rasqal_world_set_log_handler(rw, &s->log, on_rasqal_log);
    NgStatus st = new_memory_model(s->world, false, &s->stage_storage, &s->stage);
    if (st) {
        ng_store_free(s);
        return st;
    }
    *out = s;
    return NG_SUCCESS;
}

NgStatus ng_store_open(const char *spec, bool writable, const NgDiag *diag, NgStore **out)
{
    *out = NULL;
    if (!spec)
        spec = NG_DEFAULT_STORE;
    NgStoreKind kind;
    const char *path;
    if (!strncmp(spec, "sqlite:", 7)) {
        kind = NG_STORE_SQLITE;
        path = spec + 7;
    } else if (!strncmp(spec, "hashes:", 7)) {
        kind = NG_STORE_HASHES;
        path = spec + 7;
    } else {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "store '%s' must be sqlite:PATH or hashes:PATH", spec);
        return NG_ERR_BAD_ARG;
    }
    if (!*path) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "store '%s' names no file", spec);
        return NG_ERR_BAD_ARG;
    }
    NgStore *s;
    NgStatus st = store_alloc(kind, &s);
    if (st)
        return st;
    s->writable = writable;
    s->path = ng_strdup(path);
    st = s->path ? split_path(path, diag, &s->dir, &s->base) : NG_ERR_NOMEM;
    if (!st && kind == NG_STORE_SQLITE) {
        struct stat sb;
        if (stat(path, &sb) == 0) {
            s->exists = true;
            if (S_ISDIR(sb.st_mode)) {
                ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "not a store: a directory");
                st = NG_ERR_STORE;
            } else {
                st = probe_sqlite(s, diag);
            }
        } else if (errno != ENOENT) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open the store: %s",
                           strerror(errno));
            st = NG_ERR_IO;
        }
    } else if (!st) {
        st = probe_hashes(s, diag);
    }
    if (!st && !s->exists && !writable) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0,
                       "no store here; create one with 'newsgraph load GRAPH.ttl --store %s'", spec);
        st = NG_ERR_STORE;
    }
    if (st) {
        ng_store_free(s);
        return st;
    }
    *out = s;
    return NG_SUCCESS;
}

NgStatus ng_store_new_memory(const NgDiag *diag, NgStore **out)
{
    *out = NULL;
    NgStore *s;
    NgStatus st = store_alloc(NG_STORE_MEMORY, &s);
    if (!st)
        st = new_memory_model(s->world, true, &s->storage, &s->model);
    if (st) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot create an in-memory store");
        ng_store_free(s);
        return st;
    }
    s->exists = s->writable = true;
    *out = s;
    return NG_SUCCESS;
}

void ng_store_free(NgStore *store)
{
    if (!store)
        return;
    free_model(&store->storage, &store->model);
    free_model(&store->stage_storage, &store->stage);
    for (size_t i = 0; i < store->streamed_count; i++)
        free(store->streamed[i]);
    free(store->streamed);
    free(store->streamed_format);
    if (store->world)
        librdf_free_world(store->world);
    if (store->lock_fd >= 0)
        close(store->lock_fd);
    free(store->path);
    free(store->dir);
    free(store->base);
    free(store);
}

NgStoreKind ng_store_kind(const NgStore *store)
{
    return store->kind;
}

const char *ng_store_path(const NgStore *store)
{
    return store->path ? store->path : "(memory)";
}

librdf_model *ng_store_model(NgStore *store, const NgDiag *diag)
{
    if (store->model)
        return store->model;
    if (!store->exists) {
        ng_diag_report(diag, NG_DIAG_ERROR, store->path, 0, 0, "no store here yet");
        return NULL;
    }
    capture(store, diag);
    NgStatus st;
    if (store->kind == NG_STORE_SQLITE) {
        store->storage = librdf_new_storage(store->world, "sqlite", store->path, "new='no'");
        store->model = store->storage ? librdf_new_model(store->world, store->storage, NULL) : NULL;
        st = store->model ? NG_SUCCESS : NG_ERR_STORE;
        if (st)
            free_model(&store->storage, &store->model);
    } else {
        st = open_hashes(store, store->base, false, &store->storage, &store->model);
    }
    if (st) {
        store_error(store, diag, st, "cannot open the store");
        return NULL;
    }
    return store->model;
}

/* ---------------------------------------------------------------- staging */

/* The file: URL of a path, percent-encoding what an IRI cannot hold. */
static char *file_url(const char *path)
{
    char cwd[PATH_MAX];
    NgBuf b = {0};
    NgStatus st = ng_buf_append(&b, "file://", 7);
    if (!st && path[0] != '/') {
        if (!getcwd(cwd, sizeof cwd))
            snprintf(cwd, sizeof cwd, "/");
        for (const char *p = cwd; !st && *p; p++)
            st = strchr("-._~/", *p) || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')
                     ? ng_buf_append(&b, p, 1)
                     : ng_buf_appendf(&b, "%%%02X", (unsigned char)*p);
        if (!st && b.data[b.len - 1] != '/')
            st = ng_buf_append(&b, "/", 1);
    }
    for (const char *p = path; !st && *p; p++)
        st = strchr("-._~/", *p) || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')
                 ? ng_buf_append(&b, p, 1)
                 : ng_buf_appendf(&b, "%%%02X", (unsigned char)*p);
    if (st) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

static const char *syntax_name(NgFormat format)
{
    return format == NG_FORMAT_NTRIPLES ? "ntriples" : format == NG_FORMAT_RDFXML ? "rdfxml" : "turtle";
}

static NgFormat format_of(const char *path)
{
    size_t n = strlen(path);
    if (n >= 3 && !strcmp(path + n - 3, ".nt"))
        return NG_FORMAT_NTRIPLES;
    if (n >= 4 && (!strcmp(path + n - 4, ".rdf") || !strcmp(path + n - 4, ".owl")))
        return NG_FORMAT_RDFXML;
    return NG_FORMAT_TURTLE;
}

/* Files larger than this are checked, then streamed into the store at commit, rather than staged
 * in memory.  $NEWSGRAPH_STAGE_MAX (bytes) overrides it, for tests. */
#define NG_STAGE_MAX_BYTES ((off_t)64 * 1024 * 1024)

static off_t stage_max_bytes(void)
{
    const char *e = getenv("NEWSGRAPH_STAGE_MAX");
    long long v = e && *e ? atoll(e) : 0;
    return v > 0 ? (off_t)v : NG_STAGE_MAX_BYTES;
}

/* Drops everything staged (after a failed parse, or after a commit). */
static NgStatus reset_stage(NgStore *s)
{
    for (size_t i = 0; i < s->streamed_count; i++)
        free(s->streamed[i]);
    free(s->streamed);
    free(s->streamed_format);
    s->streamed = NULL;
    s->streamed_format = NULL;
    s->streamed_count = s->streamed_cap = 0;
    free_model(&s->stage_storage, &s->stage);
    return new_memory_model(s->world, false, &s->stage_storage, &s->stage);
}

/* What to do with each parsed statement: add it to a model (staging, or the store at commit,
 * counting the new ones), or nothing (a check). */
typedef struct {
    librdf_model *model;   /* NULL: only check the syntax */
    bool count_new;        /* check each statement first and count the new ones */
    size_t added;
} Sink;

/* Parses a file or a buffer into `sink`; reports syntax errors as name:line:col. */
static NgStatus parse_into(NgStore *s, Sink *sink, const char *name, const char *path,
                           const char *bytes, size_t len, NgFormat format, const NgDiag *diag)
{
    NgRdfLog *lg = ng_store_log_begin(s, diag, name);
    FILE *f = NULL;
    if (path) {
        f = fopen(path, "rb");
        if (!f) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
            return NG_ERR_IO;
        }
    }
    /* Turtle is read whole and checked for braces first: raptor 2.0.15 crashes on a '{' or '}'
     * outside a string (the 3-byte file "<>{"; tests/fuzz/regressions), so such a file is
     * refused with its position before raptor sees it.  Staging holds every triple in memory
     * anyway, so holding the text costs no more. */
    NgBuf whole = {0};
    if (f && format == NG_FORMAT_TURTLE) {
        char chunk[65536];
        size_t n;
        NgStatus rs = NG_SUCCESS;
        while (!rs && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            rs = ng_buf_append(&whole, chunk, n);
        bool bad = ferror(f) != 0;
        fclose(f);
        f = NULL;
        if (rs || bad) {
            ng_buf_free(&whole);
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, rs ? "out of memory" : "read error");
            return rs ? rs : NG_ERR_IO;
        }
        bytes = whole.data ? whole.data : "";
        len = whole.len;
    }
    if (format == NG_FORMAT_TURTLE && bytes) {
        unsigned bl, bc;
        if (ng_turtle_find_brace(bytes, len, &bl, &bc)) {
            ng_diag_report(diag, NG_DIAG_ERROR, path ? path : name, bl, bc,
                           "'{' or '}' outside a string: not Turtle (TriG and N3 are not read); "
                           "remove it or quote it");
            ng_buf_free(&whole);
            return NG_ERR_SYNTAX;
        }
    }
    uint64_t h = FNV_OFFSET;
    if (f) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            h = fnv1a(h, chunk, n);
        rewind(f);
    } else {
        h = fnv1a(h, bytes, len);
    }
    bnode_scope(s, h);
    char *url = file_url(path ? path : name);
    librdf_uri *base = url ? librdf_new_uri(s->world, (const unsigned char *)url) : NULL;
    librdf_parser *p = librdf_new_parser(s->world, syntax_name(format), NULL, NULL);
    NgStatus st = NG_SUCCESS;
    if (!base || !p) {
        st = NG_ERR_INTERNAL;
    } else {
        s->parsing = true;
        librdf_stream *str =
            f ? librdf_parser_parse_file_handle_as_stream(p, f, 0, base)
              : librdf_parser_parse_counted_string_as_stream(p, (const unsigned char *)bytes, len,
                                                             base);
        int rc = str ? 0 : 1;
        for (; str && !st && !librdf_stream_end(str); librdf_stream_next(str)) {
            librdf_statement *t = librdf_stream_get_object(str);
            if (!sink->model || !t)
                continue;
            if (sink->count_new && librdf_model_contains_statement(sink->model, t))
                continue;
            if (librdf_model_add_statement(sink->model, t))
                st = NG_ERR_STORE;
            else
                sink->added++;
        }
        if (str)
            librdf_free_stream(str);
        s->parsing = false;
        if (st) {
            /* the store refused a statement: reported by the caller */
        } else if (rc || lg->errors) {
            if (!lg->errors)
                ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0, "cannot parse the %s",
                               syntax_name(format));
            st = NG_ERR_SYNTAX;
        }
    }
    if (f && ferror(f)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "read error");
        st = NG_ERR_IO;
    }
    if (p)
        librdf_free_parser(p);
    if (base)
        librdf_free_uri(base);
    free(url);
    if (f)
        fclose(f);
    ng_buf_free(&whole);
    return st;
}

static NgStatus stage(NgStore *s, const char *name, const char *path, const char *bytes,
                      size_t len, NgFormat format, const NgDiag *diag)
{
    struct stat sb;
    bool big = path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > stage_max_bytes();
    Sink sink = {big ? NULL : s->stage, false, 0};
    NgStatus st = parse_into(s, &sink, name, path, bytes, len, format, diag);
    if (!st && big) {
        st = ng_grow((void **)&s->streamed, &s->streamed_cap, s->streamed_count + 1,
                     sizeof *s->streamed);
        size_t cap = s->streamed_cap;   /* the formats array follows the paths array's capacity */
        NgFormat *more = st ? NULL : realloc(s->streamed_format, cap * sizeof *more);
        char *copy = more ? ng_strdup(path) : NULL;
        if (more)
            s->streamed_format = more;
        if (!st && !copy)
            st = NG_ERR_NOMEM;
        if (!st) {
            s->streamed[s->streamed_count] = copy;
            s->streamed_format[s->streamed_count++] = format;
        }
    }
    if (st) {
        NgStatus again = reset_stage(s);
        (void)again;
    }
    return st;
}

NgStatus ng_store_stage_file(NgStore *store, const char *path, const NgDiag *diag)
{
    return stage(store, path, path, NULL, 0, format_of(path), diag);
}

NgStatus ng_store_stage_buffer(NgStore *store, const char *name, const char *bytes, size_t len,
                               NgFormat format, const NgDiag *diag)
{
    return stage(store, name, NULL, bytes, len, format, diag);
}

/* ---------------------------------------------------------------- commit */

/* Adds the staged triples, then the big files' (parsed again), to `m`, and counts the new ones.
 * The hashes storage checks for duplicates itself but does not say whether it added, so each is
 * checked first there (`per_statement`); SQLite's size is a cheap COUNT(*). */
static NgStatus add_staged(NgStore *s, librdf_model *m, bool per_statement, const NgDiag *diag,
                           size_t *added)
{
    NgStatus st = NG_SUCCESS;
    size_t before = per_statement ? 0 : model_size(m);
    Sink sink = {m, per_statement, 0};
    librdf_stream *ds = librdf_model_as_stream(s->stage);
    if (!ds)
        st = NG_ERR_INTERNAL;
    else if (!per_statement && librdf_model_add_statements(m, ds))
        st = NG_ERR_STORE;
    for (; ds && per_statement && !st && !librdf_stream_end(ds); librdf_stream_next(ds)) {
        librdf_statement *t = librdf_stream_get_object(ds);
        if (librdf_model_contains_statement(m, t))
            continue;
        if (librdf_model_add_statement(m, t))
            st = NG_ERR_STORE;
        else
            sink.added++;
    }
    if (ds)
        librdf_free_stream(ds);
    for (size_t i = 0; !st && i < s->streamed_count; i++) {
        st = parse_into(s, &sink, s->streamed[i], s->streamed[i], NULL, 0, s->streamed_format[i],
                        diag);
        if (st == NG_ERR_SYNTAX)   /* it parsed when staged: it changed since */
            ng_diag_report(diag, NG_DIAG_ERROR, s->streamed[i], 0, 0,
                           "the file changed while it was being loaded");
        capture(s, diag);
    }
    *added = per_statement ? sink.added : model_size(m) - before;
    return st;
}

static NgStatus commit_sqlite(NgStore *s, const NgDiag *diag, size_t *added)
{
    bool created = false;
    if (!s->exists) {
        capture(s, diag);
        s->storage = librdf_new_storage(s->world, "sqlite", s->path, "new='yes'");
        s->model = s->storage ? librdf_new_model(s->world, s->storage, NULL) : NULL;
        if (!s->model) {
            free_model(&s->storage, &s->model);
            unlink(s->path);
            return store_error(s, diag, NG_ERR_STORE, "cannot create the store");
        }
        s->exists = created = true;
        NgStatus st = index_sqlite(s, diag);
        if (st)
            goto fail;
    }
    librdf_model *m = ng_store_model(s, diag);
    if (!m)
        goto fail;
    capture(s, diag);
    if (librdf_model_transaction_start(m)) {
        store_error(s, diag, NG_ERR_STORE, "cannot start a transaction");
        goto fail;
    }
    NgStatus st = add_staged(s, m, false, diag, added);
    if (!st && librdf_model_transaction_commit(m))
        st = NG_ERR_STORE;
    if (st) {
        librdf_model_transaction_rollback(m);
        store_error(s, diag, st, "load failed; the store is unchanged");
        goto fail;
    }
    return NG_SUCCESS;
fail:
    if (created) {
        free_model(&s->storage, &s->model);
        s->exists = false;
        unlink(s->path);
        char *journal = path_join(s->dir, "", s->base, "-journal");
        if (journal)
            unlink(journal);
        free(journal);
    }
    return NG_ERR_STORE;
}

static NgStatus copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return NG_ERR_IO;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        close(in);
        return NG_ERR_IO;
    }
    static const size_t chunk = 1 << 20;
    char *buf = malloc(chunk);
    NgStatus st = buf ? NG_SUCCESS : NG_ERR_NOMEM;
    while (!st) {
        ssize_t n = read(in, buf, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            st = NG_ERR_IO;
        if (n <= 0)
            break;
        for (ssize_t off = 0; off < n && !st;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                st = NG_ERR_IO;
            else
                off += w;
        }
    }
    free(buf);
    close(in);
    if (close(out) != 0 && !st)
        st = NG_ERR_IO;
    return st;
}

static NgStatus fsync_path(const char *path, bool dir)
{
    int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return NG_ERR_IO;
    int rc = fsync(fd);
    close(fd);
    return rc ? NG_ERR_IO : NG_SUCCESS;
}

static NgStatus commit_hashes(NgStore *s, const NgDiag *diag, size_t *added)
{
    char *orig[HASH_FILES] = {0}, *copy[HASH_FILES] = {0};
    NgBuf staging = {0};
    NgStatus st = ng_buf_appendf(&staging, ".%s.staging", s->base);
    free_model(&s->storage, &s->model);   /* readers see the old files until the renames */
    for (int i = 0; i < HASH_FILES && !st; i++) {
        orig[i] = hash_file(s, s->base, hash_suffixes[i]);
        copy[i] = hash_file(s, staging.data, hash_suffixes[i]);
        if (!orig[i] || !copy[i])
            st = NG_ERR_NOMEM;
    }
    const char *what = "cannot copy the store for staging";
    for (int i = 0; i < HASH_FILES && !st; i++) {
        unlink(copy[i]);
        if (file_exists(orig[i]))
            st = copy_file(orig[i], copy[i]);
    }
    librdf_storage *sst = NULL;
    librdf_model *sm = NULL;
    if (!st) {
        what = "cannot open the staging copy of the store";
        capture(s, diag);
        st = open_hashes(s, staging.data, true, &sst, &sm);
    }
    if (!st) {
        what = "load failed; the store is unchanged";
        st = add_staged(s, sm, true, diag, added);
        if (!st && librdf_model_sync(sm))   /* Berkeley DB writes its cached pages here */
            st = NG_ERR_STORE;
    }
    free_model(&sst, &sm);   /* closes the Berkeley DB files, flushing them */
    if (!st && s->log.errors)
        st = NG_ERR_STORE;
    for (int i = 0; i < HASH_FILES && !st; i++)
        if (file_exists(copy[i]))
            st = fsync_path(copy[i], false);
    if (!st) {
        what = "cannot replace the store's files";
        for (int i = 0; i < HASH_FILES && !st; i++)
            if (file_exists(copy[i]) && rename(copy[i], orig[i]) != 0)
                st = NG_ERR_IO;
        if (!st)
            st = fsync_path(s->dir, true);
    }
    if (st) {
        for (int i = 0; i < HASH_FILES; i++)
            if (copy[i])
                unlink(copy[i]);
        store_error(s, diag, st == NG_ERR_NOMEM ? st : NG_ERR_STORE, what);
    } else {
        s->exists = true;
    }
    for (int i = 0; i < HASH_FILES; i++) {
        free(orig[i]);
        free(copy[i]);
    }
    ng_buf_free(&staging);
    return st ? (st == NG_ERR_NOMEM ? st : NG_ERR_STORE) : NG_SUCCESS;
}

NgStatus ng_store_commit(NgStore *store, const NgDiag *diag, size_t *added)
{
    size_t n = 0;
    NgStatus st;
    if (!store->writable) {
        ng_diag_report(diag, NG_DIAG_ERROR, store->path, 0, 0, "the store was opened read-only");
        st = NG_ERR_BAD_ARG;
    } else if (store->kind == NG_STORE_SQLITE) {
        st = commit_sqlite(store, diag, &n);
    } else if (store->kind == NG_STORE_HASHES) {
        st = commit_hashes(store, diag, &n);
    } else {
        capture(store, diag);
        st = add_staged(store, store->model, true, diag, &n);
        if (st)
            store_error(store, diag, st, "cannot add to the in-memory store");
    }
    NgStatus again = reset_stage(store);
    if (!st)
        st = again;
    if (added)
        *added = st ? 0 : n;
    return st;
}

NgStatus ng_store_count(NgStore *store, const NgDiag *diag, size_t *triples)
{
    librdf_model *m = ng_store_model(store, diag);
    if (!m)
        return NG_ERR_STORE;
    capture(store, diag);
    size_t total = model_size(m);
    if (store->log.errors)
        return store_error(store, diag, NG_ERR_STORE, "cannot count the store's triples");
    *triples = total;
    return NG_SUCCESS;
}
