/*
 * store_impl.h — what the store's files share: the NgStore handle itself and the steps each
 * backend supplies.  store.c is the common part (opening, logging, the commit's dispatch),
 * store_stage.c parses files into the staging model, store_sqlite.c and store_hashes.c are the
 * two persistent backends.  Private to those four files; query.c and the applications see the
 * store through store_internal.h.  Ownership follows newsgraph.h's rule.
 */
#ifndef NG_STORE_IMPL_H
#define NG_STORE_IMPL_H

#include "internal.h"
#include "store_internal.h"

struct sqlite3;
/* A load into an sqlite: store on a connection of newsgraph's own (store_sqlite_bulk.c). */
typedef struct NgSqliteBulk NgSqliteBulk;

struct NgStoreImpl {
    NgStoreKind kind;
    char *path;            /* the PATH of the spec (sqlite file, hashes prefix); NULL in memory */
    char *dir, *base;      /* hashes: directory and file name prefix */
    bool writable;
    bool exists;           /* the persistent store exists on disk */
    bool has_p2so;         /* hashes: the predicate index file exists (or will, for a new one) */
    int lock_fd;           /* writers: the flock'ed PATH.lock (store.c), else -1 */
    librdf_world *world;
    librdf_storage *storage;
    librdf_model *model;   /* the store itself; opened lazily */
    librdf_storage *stage_storage;
    librdf_model *stage;   /* triples parsed but not yet committed */
    librdf_storage *qstage_storage;
    librdf_model *qstage;  /* quads (triples in a named graph) parsed but not yet committed;
                            * made on the first one */
    NgMap graphs;          /* the named graphs staged: IRI -> NG_GRAPH_* bits */
    bool replace;          /* the next commit replaces the articles' graphs it stages */
    bool analyze;          /* sqlite: a commit changed the store; gather statistics at the end */
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

/* ---------------------------------------------------------------- common (store.c) */

/* Starts a store operation whose Redland messages are only recorded (the store words its own). */
NgRdfLog *ng_store_capture(NgStore *s, const NgDiag *diag);
/* Reports `what` about the store, adding what Redland said when it said something; returns
 * `st`. */
NgStatus ng_store_error(NgStore *s, const NgDiag *diag, NgStatus st, const char *what);
/* The path of the store's own file with `suffix` appended ("-journal", ".lock"): a new string the
 * caller frees, NULL on no memory. */
char *ng_store_sibling(const NgStore *s, const char *suffix);
/* A `hashes` model in memory that keeps named graphs (contexts), for the quads staged. */
NgStatus ng_store_memory_model_with_graphs(librdf_world *w, librdf_storage **st, librdf_model **m);
/* A `hashes` model in memory, with the predicate index when it will be `queried`.  The caller
 * owns both and frees them with ng_store_close_model. */
NgStatus ng_store_memory_model(librdf_world *w, bool queried, librdf_storage **st,
                               librdf_model **m);
/* Frees a model and its storage (either may be NULL) and sets both to NULL. */
void ng_store_close_model(librdf_storage **st, librdf_model **m);
/* The number of triples in `m`, counted one by one when the storage cannot say. */
size_t ng_store_model_size(librdf_model *m);

/* ---------------------------------------------------------------- staging (store_stage.c) */

/* Adds the staged triples, then the big files' (parsed again), to `m`, and counts the new ones
 * into *added. */
NgStatus ng_store_stage_add(NgStore *s, librdf_model *m, bool per_statement, const NgDiag *diag,
                            size_t *added);
/* The same into an sqlite: store through its loading connection `b` (store_sqlite_bulk.c),
 * which counts what it adds. */
NgStatus ng_store_stage_add_bulk(NgStore *s, NgSqliteBulk *b, const NgDiag *diag);
/* Refuses, reported, staged texts that would give an article a second nif:isString, among the
 * staged files or against `store` (NULL when there is none yet). */
NgStatus ng_store_stage_check_texts(NgStore *s, librdf_model *store, const NgDiag *diag);
/* Drops everything staged and starts an empty staging model. */
NgStatus ng_store_stage_reset(NgStore *s);

/* ---------------------------------------------------------------- named graphs (store_graphs.c) */

/* The bits of NgStoreImpl.graphs: a graph was staged; it names the article it holds (it holds
 * "NAME rdf:type nif:Context"), so --replace replaces it. */
enum { NG_GRAPH_STAGED = 1, NG_GRAPH_ARTICLE = 2 };

/* Notes that the staged statement `t` is in the named graph `g`. */
NgStatus ng_store_graphs_note(NgStore *s, librdf_statement *t, librdf_node *g);
/* Adds the staged quads to `m`, each in its graph; through `b` instead when it is not NULL. */
NgStatus ng_store_graphs_add(NgStore *s, librdf_model *m, NgSqliteBulk *b);
/* What a commit that replaces graphs, or a drop, found to forget: the actors the emptied graphs
 * mentioned (ng:mentionCount), to be checked once the new graphs are in. */
typedef struct {
    librdf_node **actors;
    size_t count, cap;
} NgForget;
/* Inside the commit's transaction, before the staged triples go in: with s->replace, empties
 * every article graph staged, noting the actors they mentioned in *f. */
NgStatus ng_store_graphs_replace(NgStore *s, librdf_model *m, const NgDiag *diag, NgForget *f);
/* After them: removes from the named graphs what they say about each actor of *f that no graph
 * mentions any more, adding the number of triples removed to *removed; frees *f. */
NgStatus ng_store_graphs_forget(NgStore *s, librdf_model *m, NgForget *f, size_t *removed);
/* Frees *f without forgetting anyone (after a failure). */
void ng_store_forget_free(NgForget *f);

/* ---------------------------------------------------------------- backends */

/* SQLite (store_sqlite.c): checks an existing file, opens the store's model, and commits. */
NgStatus ng_store_sqlite_probe(NgStore *s, const NgDiag *diag);
NgStatus ng_store_sqlite_open(NgStore *s);
NgStatus ng_store_sqlite_commit(NgStore *s, const NgDiag *diag, size_t *added, size_t *removed);
/* SQLite's integrity check (PRAGMA integrity_check) of the store's file; reports the first
 * problem. */
NgStatus ng_store_sqlite_check(NgStore *s, const NgDiag *diag);
/* Adds the index on triples(contextUri) that emptying a named graph needs. */
NgStatus ng_store_sqlite_index_graphs(NgStore *s, const NgDiag *diag);
void ng_store_sqlite_analyze(const NgStore *s);
/* Creates newsgraph's indexes on Redland's tables (store_sqlite.c: INDEXES) through `db`; an
 * SQLite result code. */
int ng_store_sqlite_index(struct sqlite3 *db);

/* Loading an sqlite: store (store_sqlite_bulk.c): begin opens a connection and its transaction
 * (`fresh`: a store Redland has just made, empty), add adds a triple in graph `g` (NULL: the
 * default one) unless the store holds it, commit ends the load (*added: the triples added), free
 * rolls back what was not committed and closes.  The caller owns *out and frees it. */
NgStatus ng_sqlite_bulk_begin(NgStore *s, bool fresh, const NgDiag *diag, NgSqliteBulk **out);
NgStatus ng_sqlite_bulk_add(NgSqliteBulk *b, librdf_statement *t, librdf_node *g);
NgStatus ng_sqlite_bulk_commit(NgSqliteBulk *b, const NgStore *s, const NgDiag *diag,
                               size_t *added);
const char *ng_sqlite_bulk_error(const NgSqliteBulk *b);
void ng_sqlite_bulk_free(NgSqliteBulk *b);

/* Berkeley DB hashes (store_hashes.c): checks the index files and takes the writer's lock, opens
 * the files `name`-*.db of the store's directory as a model (the caller owns it), and commits. */
NgStatus ng_store_hashes_probe(NgStore *s, const NgDiag *diag);
NgStatus ng_store_hashes_open(NgStore *s, const char *name, bool write, librdf_storage **st_out,
                              librdf_model **m_out);
NgStatus ng_store_hashes_commit(NgStore *s, const NgDiag *diag, size_t *added);

/* ---------------------------------------------------------------- readers (store_read.c) */

/* The two kinds of NgStoreReader (store_internal.h), with its functions but `lookup_rows`:
 * ng_sqlite_read_* read an sqlite: store's rows (store_sqlite_read.c), ng_hashes_read_* the
 * Berkeley DB files of a hashes: store (store_hashes_read.c). */
typedef struct NgSqliteReader NgSqliteReader;
typedef struct NgHashesReader NgHashesReader;
typedef int (*NgStoreRowFn)(void *ctx, const NgStoreNode row[3], long long order);
NgSqliteReader *ng_sqlite_read_open(const NgStore *store);
void ng_sqlite_read_free(NgSqliteReader *r);
int ng_sqlite_read_uri(NgSqliteReader *r, const char *iri, long long *id);
bool ng_sqlite_read_count(NgSqliteReader *r, long long p, size_t *n);
int ng_sqlite_read_rows(NgSqliteReader *r, long long p, NgStoreWhere s, NgStoreWhere o,
                        NgStoreRowFn each, void *ctx);
librdf_node *ng_sqlite_read_node(NgSqliteReader *r, librdf_world *w, NgStoreNode n);
NgHashesReader *ng_hashes_read_open(const NgStore *store);
void ng_hashes_read_free(NgHashesReader *r);
int ng_hashes_read_uri(NgHashesReader *r, const char *iri, long long *id);
bool ng_hashes_read_count(NgHashesReader *r, long long p, size_t *n);
int ng_hashes_read_rows(NgHashesReader *r, long long p, NgStoreWhere s, NgStoreWhere o,
                        NgStoreRowFn each, void *ctx);
librdf_node *ng_hashes_read_node(NgHashesReader *r, librdf_world *w, NgStoreNode n);

#endif /* NG_STORE_IMPL_H */
