/* store.c — persistent Redland stores (sqlite, Berkeley DB hashes) and in-memory ones: the
 * common part (opening, logging, the commit's dispatch).  Staging is store_stage.c's, the two
 * backends store_sqlite.c's and store_hashes.c's (store_impl.h).
 *
 * Every load is all or nothing.  Files are first parsed into a staging model in memory (Redland's
 * `hashes` storage with hash-type 'memory'; never the `memory` storage, a list that makes each
 * add O(n)), so a syntax error anywhere leaves the store untouched.  A file larger than
 * NG_STAGE_MAX_BYTES (which would take about 800 bytes of memory per triple there) is instead
 * parsed once only to check it and parsed again during the commit, straight into the store.  Only
 * then are the triples added:
 *   - sqlite: inside one transaction, on a connection of newsgraph's own that writes Redland's
 *     rows through prepared statements (store_sqlite_bulk.c), or, when the load replaces graphs,
 *     through Redland's model (librdf_model_transaction_start/commit); any failure rolls the
 *     transaction back.
 *   - hashes: Berkeley DB without an environment has no transactions, so the index files are
 *     copied to staging files, the triples added there, and the copies renamed over the originals
 *     only when everything succeeded.
 * Writers of either kind hold an flock on PATH.lock from open to free, taken before anything is
 * decided about the store (does it exist, is it a store): two loads into one store run one after
 * the other, whatever their timing, and a load never removes a store another one committed.
 * sqlite stores keep named graphs (Redland contexts: N-Quads and TriG; store_graphs.c); the
 * hashes and in-memory stores hold one graph (with contexts the hashes storage checks for
 * duplicates by scanning, which makes every add O(n)).  Blank nodes get labels derived from the
 * file's bytes, so that a reload adds no duplicates.
 */
#include "store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- logging */

/* Records one warning or error of Redland's or Rasqal's in the sink: a warning is reported unless
 * the sink is quiet or only captures; an error is counted, the first one kept with its position,
 * and reported unless the sink only captures. */
static void log_record(NgRdfLog *lg, bool warning, int line, int col, const char *msg)
{
    if (warning) {
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

/* Redland's log handler: warnings and errors go to the store's sink; SQLite's "locked" errors
 * are also noted, so that the store can say so in its own words. */
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
    log_record(lg, level == LIBRDF_LOG_WARN, loc && loc->line > 0 ? loc->line : 0,
               loc && loc->column > 0 ? loc->column : 0, msg);
    return 1;
}

/* Rasqal logs through its own world, not Redland's: the same sink. */
static void on_rasqal_log(void *user_data, raptor_log_message *m)
{
    NgRdfLog *lg = user_data;
    if (m->level < RAPTOR_LOG_LEVEL_WARN)
        return;
    log_record(lg, m->level == RAPTOR_LOG_LEVEL_WARN,
               m->locator && m->locator->line > 0 ? m->locator->line : 0,
               m->locator && m->locator->column > 0 ? m->locator->column : 0,
               m->text ? m->text : "unknown error");
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

/* Points the store's sink at `diag` and `name` with its counters reset. */
NgRdfLog *ng_store_log_begin(NgStore *store, const NgDiag *diag, const char *name)
{
    NgRdfLog *lg = &store->log;
    memset(lg, 0, sizeof *lg);
    lg->diag = diag;
    lg->name = name;
    return lg;
}

/* Starts a store operation whose Redland messages are only recorded (we word our own). */
NgRdfLog *ng_store_capture(NgStore *s, const NgDiag *diag)
{
    NgRdfLog *lg = ng_store_log_begin(s, diag, s->path);
    lg->capture_only = true;
    return lg;
}

/* Reports a store error, adding what Redland said when it said something. */
NgStatus ng_store_error(NgStore *s, const NgDiag *diag, NgStatus st, const char *what)
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

/* The Redland world the store was made in. */
librdf_world *ng_store_world(NgStore *store)
{
    return store->world;
}

/* ---------------------------------------------------------------- small helpers */

/* DIR/BASE followed by `suffix`: a file beside the store's own. */
char *ng_store_sibling(const NgStore *s, const char *suffix)
{
    NgBuf b = {0};
    if (ng_buf_appendf(&b, "%s/%s%s", s->dir, s->base, suffix)) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
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

/* Takes the writer's lock: an flock on PATH.lock beside the store (the lock file is never removed:
 * a process waiting on it would lock a file no longer there).  While another process holds it
 * this waits, after saying so once. */
static NgStatus store_lock(NgStore *s, const NgDiag *diag)
{
    char *lock = ng_store_sibling(s, ".lock");
    if (!lock)
        return NG_ERR_NOMEM;
    NgStatus st = NG_SUCCESS;
    s->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (s->lock_fd < 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, lock, 0, 0, "cannot create the lock file: %s",
                       strerror(errno));
        st = NG_ERR_IO;
    } else if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        int rc = -1;
        if (errno == EWOULDBLOCK) {
            ng_diag_report(diag, NG_DIAG_NOTE, s->path, 0, 0,
                           "another process is writing the store; waiting for it to finish");
            while ((rc = flock(s->lock_fd, LOCK_EX)) != 0 && errno == EINTR)
                ;
        }
        if (rc != 0) {
            ng_diag_report(diag, NG_DIAG_ERROR, lock, 0, 0, "cannot lock the store: %s",
                           strerror(errno));
            st = NG_ERR_STORE;
        }
    }
    free(lock);
    return st;
}

/* A `hashes` model in memory: the fast in-process Redland store.  The predicate index is for
 * models that are queried (-d); staging models are only streamed. */
NgStatus ng_store_memory_model(librdf_world *w, bool queried, librdf_storage **st,
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

/* The same with contexts, for quads: adding is O(1) there (Redland checks no duplicate within a
 * graph; the sqlite store it goes to does). */
NgStatus ng_store_memory_model_with_graphs(librdf_world *w, librdf_storage **st, librdf_model **m)
{
    *st = librdf_new_storage(w, "hashes", "quads", "hash-type='memory',contexts='yes'");
    *m = *st ? librdf_new_model(w, *st, NULL) : NULL;
    if (!*m) {
        if (*st)
            librdf_free_storage(*st);
        *st = NULL;
        return NG_ERR_INTERNAL;
    }
    return NG_SUCCESS;
}

/* Frees a model and its storage; each may be NULL. */
void ng_store_close_model(librdf_storage **st, librdf_model **m)
{
    if (*m)
        librdf_free_model(*m);
    if (*st)
        librdf_free_storage(*st);
    *m = NULL;
    *st = NULL;
}

/* Counts a stream's statements, and frees it. */
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

/* The model's size: librdf_model_size, or a count when the storage cannot say (-1). */
size_t ng_store_model_size(librdf_model *m)
{
    int n = librdf_model_size(m);
    return n >= 0 ? (size_t)n : count_stream(librdf_model_as_stream(m));
}

/* ---------------------------------------------------------------- open and free */

/* A new handle of `kind` with its own Redland world, our log sink and blank node labels, and an
 * empty staging model. */
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
    NgStatus st = ng_store_memory_model(s->world, false, &s->stage_storage, &s->stage);
    if (st) {
        ng_store_free(s);
        return st;
    }
    *out = s;
    return NG_SUCCESS;
}

/* Opens sqlite:PATH or hashes:PATH: the spec is parsed, the directory checked, and an existing
 * store probed by its backend; a reader needs a store that exists. */
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
    if (!st && writable)
        st = store_lock(s, diag);
    if (!st && kind == NG_STORE_SQLITE) {
        struct stat sb;
        if (stat(path, &sb) == 0) {
            s->exists = true;
            if (S_ISDIR(sb.st_mode)) {
                ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "not a store: a directory");
                st = NG_ERR_STORE;
            } else {
                st = ng_store_sqlite_probe(s, diag);
            }
        } else if (errno != ENOENT) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open the store: %s",
                           strerror(errno));
            st = NG_ERR_IO;
        }
    } else if (!st) {
        st = ng_store_hashes_probe(s, diag);
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

/* An in-memory store with the predicate index, writable, that exists from the start. */
NgStatus ng_store_new_memory(const NgDiag *diag, NgStore **out)
{
    *out = NULL;
    NgStore *s;
    NgStatus st = store_alloc(NG_STORE_MEMORY, &s);
    if (!st)
        st = ng_store_memory_model(s->world, true, &s->storage, &s->model);
    if (st) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot create an in-memory store");
        ng_store_free(s);
        return st;
    }
    s->exists = s->writable = true;
    *out = s;
    return NG_SUCCESS;
}

/* Closes the models, the world and the writer's lock; what was staged is dropped. */
void ng_store_free(NgStore *store)
{
    if (!store)
        return;
    ng_store_close_model(&store->storage, &store->model);
    ng_store_close_model(&store->stage_storage, &store->stage);
    ng_store_close_model(&store->qstage_storage, &store->qstage);
    if (store->analyze)
        ng_store_sqlite_analyze(store);   /* the lock is still held */
    ng_map_free(&store->graphs);
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

/* Does the store find the triples of a predicate through an index of its own?  hashes: stores
 * made before the predicate index (PATH-p2so.db) read every triple for that. */
bool ng_store_predicate_indexed(const NgStore *store)
{
    return store->kind == NG_STORE_SQLITE || (store->kind == NG_STORE_HASHES && store->has_p2so);
}

const char *ng_store_path(const NgStore *store)
{
    return store->path ? store->path : "(memory)";
}

/* The store's model, opened by its backend on first use. */
librdf_model *ng_store_model(NgStore *store, const NgDiag *diag)
{
    if (store->model)
        return store->model;
    if (!store->exists) {
        ng_diag_report(diag, NG_DIAG_ERROR, store->path, 0, 0, "no store here yet");
        return NULL;
    }
    ng_store_capture(store, diag);
    NgStatus st;
    if (store->kind == NG_STORE_SQLITE)
        st = ng_store_sqlite_open(store);
    else
        st = ng_store_hashes_open(store, store->base, false, &store->storage, &store->model);
    if (st) {
        ng_store_error(store, diag, st, "cannot open the store");
        return NULL;
    }
    return store->model;
}

/* ---------------------------------------------------------------- commit */

/* Adds what was staged, all or nothing, the way the store's kind allows, replacing the articles'
 * graphs when asked; the stage is emptied whatever happens. */
static NgStatus commit(NgStore *store, bool replace, const NgDiag *diag, size_t *added,
                       size_t *removed)
{
    size_t n = 0, gone = 0;
    NgStatus st;
    store->replace = replace;
    if (!store->writable) {
        ng_diag_report(diag, NG_DIAG_ERROR, store->path, 0, 0, "the store was opened read-only");
        st = NG_ERR_BAD_ARG;
    } else if (replace && store->kind != NG_STORE_SQLITE) {
        ng_diag_report(diag, NG_DIAG_ERROR, ng_store_path(store), 0, 0,
                       "this store keeps no named graphs, so it cannot replace an article's; "
                       "use an sqlite: store");
        st = NG_ERR_STORE;
    } else if ((st = ng_store_stage_check_texts(store, store->exists ? ng_store_model(store, diag)
                                                                    : NULL, diag))) {
        /* reported: an article would get a second text */
    } else if (store->kind == NG_STORE_SQLITE) {
        st = ng_store_sqlite_commit(store, diag, &n, &gone);
    } else if (store->kind == NG_STORE_HASHES) {
        st = ng_store_hashes_commit(store, diag, &n);
    } else {
        ng_store_capture(store, diag);
        st = ng_store_stage_add(store, store->model, true, diag, &n);
        if (st)
            ng_store_error(store, diag, st, "cannot add to the in-memory store");
    }
    NgStatus again = ng_store_stage_reset(store);
    if (!st)
        st = again;
    store->replace = false;
    if (added)
        *added = st ? 0 : n;
    if (removed)
        *removed = st ? 0 : gone;
    return st;
}

NgStatus ng_store_commit(NgStore *store, const NgDiag *diag, size_t *added)
{
    return commit(store, false, diag, added, NULL);
}

NgStatus ng_store_commit_replace(NgStore *store, const NgDiag *diag, size_t *added,
                                 size_t *removed)
{
    return commit(store, true, diag, added, removed);
}

/* Counts the store's triples. */
NgStatus ng_store_count(NgStore *store, const NgDiag *diag, size_t *triples)
{
    librdf_model *m = ng_store_model(store, diag);
    if (!m)
        return NG_ERR_STORE;
    ng_store_capture(store, diag);
    size_t total = ng_store_model_size(m);
    if (store->log.errors)
        return ng_store_error(store, diag, NG_ERR_STORE, "cannot count the store's triples");
    *triples = total;
    return NG_SUCCESS;
}

/* Checks the store: SQLite's integrity check for sqlite:, then every triple read back. */
NgStatus ng_store_check(NgStore *store, const NgDiag *diag, size_t *triples)
{
    *triples = 0;
    if (store->kind == NG_STORE_SQLITE && ng_store_sqlite_check(store, diag))
        return NG_ERR_STORE;
    librdf_model *m = ng_store_model(store, diag);
    if (!m)
        return NG_ERR_STORE;
    ng_store_capture(store, diag);
    size_t n = count_stream(librdf_model_as_stream(m));
    if (store->log.errors)
        return ng_store_error(store, diag, NG_ERR_STORE, "the store is damaged: reading it back failed");
    *triples = n;
    return NG_SUCCESS;
}
